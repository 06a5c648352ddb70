"""Stage bands: which band of the diagram each status sits in.

Stages run left to right in journey order. A status sits in the band of its earliest stage;
statuses with no `stages` line share one last band, "any stage". A scheme without stages has
no bands at all.
"""

from __future__ import annotations

import attrs

from leadrules.model.scheme import Scheme, Status


@attrs.frozen
class Band:
    """One band: a stage, or the closing "any stage" band (`stage` None). `text` is the
    stage's label (in the locale asked for) when it differs from its name."""

    index: int
    stage: str | None
    text: str | None = None
    reportable: bool = False

    @property
    def head(self) -> str:
        """"1 · MQL" (the journey position and the stage's name), or "Any stage"."""
        return f"{self.index + 1} · {self.stage}" if self.stage is not None else "Any stage"

    @property
    def title(self) -> str:
        """The whole title in plain text: "1 · MQL — Marketing Qualified Lead · pipeline"."""
        return self.head + "".join(f"{sep}{part}" for sep, part in self.parts)

    @property
    def parts(self) -> tuple[tuple[str, str], ...]:
        """What follows the head, each with the separator before it."""
        out = []
        if self.text:
            out.append((" — ", self.text))
        if self.stage is None:
            out.append((": ", ANY_STAGE_NOTE))
        if self.reportable:
            out.append((" · ", "pipeline"))
        return tuple(out)


ANY_STAGE_NOTE = "no stages line"


def bands(scheme: Scheme, locale: str | None = None) -> tuple[Band, ...]:
    """Every band of the scheme, in journey order; the "any stage" band last, when needed."""
    if not scheme.stages:
        return ()
    out = []
    for i, stage in enumerate(scheme.stages):
        text = stage.text(locale)
        out.append(Band(i, stage.name, text if text != stage.name else None, stage.reportable))
    if any(not s.stages for s in scheme.statuses):
        out.append(Band(len(out), None))
    return tuple(out)


def band_of(status: Status, scheme: Scheme) -> int | None:
    """The index of a status's band: its earliest stage, or the "any stage" band."""
    if not scheme.stages:
        return None
    order = {name: i for i, name in enumerate(scheme.stage_order)}
    found = [order[r.name] for r in status.stages if r.name in order]
    return min(found) if found else len(scheme.stages)
