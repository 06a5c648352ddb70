"""Helpers shared by the time rules: a status's timed items and when each can fire.

Every timed item of a status — `after … -> S`, `after … notify`, `sla D`, `sla activity every
D` — gets the least and the most calendar time from entry at which it can fire (`math.inf`
when it can be put off for ever, as a `without activity` timer is by each new activity). The
business-time bounds come from `Context.elapsed`.
"""

from __future__ import annotations

import math

import attrs

from leadrules.errors import Span
from leadrules.lint.context import Context
from leadrules.model.scheme import Status


@attrs.frozen
class Timed:
    """One timed item of a status."""

    kind: str  # "move" | "alert" | "sla" | "activity-sla"
    text: str  # as written, shortened: `after 7 days -> Stale`, `sla 10 business days`
    span: Span
    low: float  # the earliest it can fire, in calendar seconds from entry
    high: float  # the latest (math.inf when activity keeps putting it off)
    sure_exit: bool = False  # an unconditional entry-based move out of the status

    @property
    def fires(self) -> str:
        return "be breached" if self.kind in ("sla", "activity-sla") else "fire"


def timed_items(ctx: Context, status: Status) -> list[Timed]:
    """The status's timed items, in order of writing within each kind."""
    items = []
    for sla in status.slas:
        low, high = ctx.elapsed(sla.within)
        if sla.activity:
            items.append(Timed("activity-sla", f"sla activity every {sla.within}", sla.span,
                               low, math.inf))
        else:
            items.append(Timed("sla", f"sla {sla.within}", sla.span, low, high))
    for timer in status.timers:
        low, high = ctx.elapsed(timer.delay)
        idle = " without activity" if timer.without_activity else ""
        if timer.target is not None:
            text = f"after {timer.delay}{idle} -> {timer.target.name}"
            sure = (not timer.without_activity and timer.when is None
                    and timer.target.name != status.name)
            items.append(Timed("move", text, timer.span, low,
                               math.inf if timer.without_activity else high, sure))
        elif timer.alert is not None:
            text = f"after {timer.delay}{idle} {timer.alert.kind}"
            items.append(Timed("alert", text, timer.span, low,
                               math.inf if timer.without_activity else high))
    return items


def first_sure_exit(items: list[Timed]) -> Timed | None:
    """The unconditional entry-based timer that always moves the lead out first."""
    exits = [i for i in items if i.sure_exit]
    return min(exits, key=lambda i: i.high) if exits else None


def human(seconds: float) -> str:
    """Calendar seconds in words: `7 days`, `2 days 16 hours`, `2 hours 30 minutes`."""
    minutes = round(seconds / 60)
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    parts = [f"{n} {unit if n == 1 else unit + 's'}"
             for n, unit in ((days, "day"), (hours, "hour"), (minutes, "minute")) if n]
    return " ".join(parts) or "0 minutes"
