"""The scenario model: the world a scheme runs in (`*.scenario`).

A scenario supplies only what a scheme cannot know: arrivals, staff, and how leads and reps
behave in each status. The scheme's own rules are executed as written by the simulator.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import attrs

from leadrules.errors import Diagnostic, Span
from leadrules.model.common import Duration, Quantity, Ref, span_field
from leadrules.model.scheme import Scheme

DIST_KINDS = ("fixed", "uniform", "exponential", "lognormal", "normal", "triangular", "gamma")


@attrs.frozen
class Distribution:
    """A random quantity: `10 minutes` (fixed), `3..8 days` (uniform), `~5 days`
    (exponential with that mean), or `lognormal(mean, sd)`, `normal(mean, sd)`,
    `gamma(mean, sd)`, `triangular(low, mode, high)`, `uniform(low, high)`,
    `exponential(mean)`. Parameters are numbers or durations (all of one unit kind)."""

    kind: str
    params: tuple[Quantity, ...]
    span: Span = span_field()

    @property
    def is_duration(self) -> bool:
        return any(p.kind == "duration" for p in self.params)

    def __str__(self) -> str:
        if self.kind == "fixed":
            return str(self.params[0])
        if self.kind == "uniform":
            return f"{self.params[0]}..{self.params[1]}"
        if self.kind == "exponential":
            return f"~{self.params[0]}"
        return f"{self.kind}({', '.join(str(p) for p in self.params)})"


@attrs.frozen
class Weighted:
    """`X p%`: a move, event or value chosen with probability p."""

    target: Ref
    percent: Decimal
    span: Span = span_field()


@attrs.frozen
class Work:
    """`work D by TEAM [counting FIELD]` or, with `every`, recurring work while in a status."""

    duration: Distribution
    team: Ref
    counting: Ref | None = None
    every: Duration | None = None
    span: Span = span_field()


@attrs.frozen
class Branch:
    """`then …`, `each attempt: …` or `after DIST: …` — where the lead goes next."""

    kind: Literal["then", "each_attempt", "after"]
    outcomes: tuple[Weighted, ...]
    delay: Distribution | None = None
    certain: bool = False  # `then X` with no percentage
    span: Span = span_field()


@attrs.frozen
class Behaviour:
    """`in STATUS { … }`."""

    status: Ref
    work: tuple[Work, ...] = ()
    branches: tuple[Branch, ...] = ()
    span: Span = span_field()


@attrs.frozen
class Arrivals:
    rate: Decimal
    per: str  # hour | day | week | business hour | business day …
    span: Span = span_field()


@attrs.frozen
class ArrivalShare:
    """One entry of an arrival pattern: a weekday (`mon`) or an hour of the day (`9`) and its
    share of the arrivals."""

    key: str
    percent: Decimal
    span: Span = span_field()


@attrs.frozen
class ArrivalPattern:
    """`arrivals by weekday: mon 17%, …` or `arrivals by hour: 0 1.7%, …`: how the arrivals
    spread over the week or the day (in the scheme's calendar zone). The resolver fills
    `weights` (7 shares Monday first, or 24 shares from midnight; they add up to 1)."""

    by: str
    shares: tuple[ArrivalShare, ...]
    by_span: Span = span_field()
    span: Span = span_field()
    weights: tuple[float, ...] = ()


@attrs.frozen
class Staff:
    group: Ref
    count: int | None  # None: unlimited
    span: Span = span_field()


@attrs.frozen
class Approval:
    duration: Distribution
    role: Ref
    span: Span = span_field()


@attrs.frozen
class FieldValue:
    """`value FIELD DIST` or `value FIELD: a p%, b q%`."""

    field: Ref
    dist: Distribution | None = None
    choices: tuple[Weighted, ...] = ()
    span: Span = span_field()


@attrs.frozen
class Scenario:
    path: str
    name: str
    scheme_path: str | None = None
    scheme_span: Span | None = attrs.field(default=None, eq=False, repr=False)
    horizon: Duration | None = None
    warmup: Duration | None = None
    runs: int | None = None
    seed: int | None = None
    arrivals: Arrivals | None = None
    patterns: tuple[ArrivalPattern, ...] = ()  # by weekday and/or by hour
    staff: tuple[Staff, ...] = ()
    approvals: tuple[Approval, ...] = ()
    values: tuple[FieldValue, ...] = ()
    behaviours: tuple[Behaviour, ...] = ()
    span: Span = span_field()
    problems: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False, repr=False)
    resolved: bool = attrs.field(default=False, eq=False)
    scheme: Scheme | None = attrs.field(default=None, eq=False, repr=False)
