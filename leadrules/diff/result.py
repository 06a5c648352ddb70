"""Everything one `leadrules diff` run found, as the report writers take it."""

from __future__ import annotations

import attrs

from leadrules.diff.impact import LintDelta, Simulation
from leadrules.diff.model import ChangeClass, SchemeDiff
from leadrules.model.scheme import Scheme


@attrs.frozen
class DiffReport:
    """The diff, the lint delta and (with a scenario) the simulated impact.

    `old_label`/`new_label` name the two sides as the user knows them (`HEAD:statuses.leads`);
    `old_absent` says the file did not exist at the revision (everything is added);
    `old_problems`, when not empty, says it existed but did not load (`--old-invalid empty`):
    each problem as `file:line:col: CODE message`, and the old side is empty too.
    """

    diff: SchemeDiff
    old: Scheme
    new: Scheme
    old_label: str
    new_label: str
    old_absent: bool = False
    lint: LintDelta | None = None
    simulation: Simulation | None = None
    old_problems: tuple[str, ...] = ()

    @property
    def old_note(self) -> str:
        """Why the old side is empty, in words ("" when it is not)."""
        if self.old_problems:
            n = len(self.old_problems)
            return (f"it does not load ({n} problem{'' if n == 1 else 's'}, the first: "
                    f"{self.old_problems[0]}): compared with an empty scheme, everything is "
                    "added")
        return "the file did not exist there: everything is added" if self.old_absent else ""

    def counts(self) -> dict[str, int]:
        return {c.value: len(self.diff.of(c)) for c in
                (ChangeClass.BREAKING, ChangeClass.BEHAVIOURAL, ChangeClass.COSMETIC)}


def headline(report: DiffReport) -> str:
    """`1 breaking, 3 behavioural, 1 cosmetic change` / `no change in meaning`."""
    counts = report.counts()
    if not any(counts.values()):
        return "no change at all"
    parts = [f"{n} {name}" for name, n in counts.items() if n]
    total = sum(counts.values())
    text = ", ".join(parts) + (" change" if total == 1 else " changes")
    if not report.diff.meaningful:
        text += " (nothing changed in meaning)"
    return text
