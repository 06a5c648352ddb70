"""Expectation contradicts timers: an `expect time_in` range the status's own rules rule out.

**Why it matters.** Expected days per stage help the team decide faster (seed 004), and the
council's healthy times in status (New under 4 hours, Attempting 3–7 days, Working 14–21 days,
seed 000) are checked against simulations and real history. An expectation that the
scheme's own timers make impossible can never be met, so it is checked in vain and hides the
real question: is the timer wrong, or the expectation? And an SLA shorter than the time the
council expects leads to spend in the status means the council plans for leads to breach it.

**Options.** None. Only certain contradictions are reported, each on the `expect` line:
- the range's **minimum** is above the latest moment a sure timer (`after D -> X` from entry,
  with no `when` and no `without activity`) moves every lead out;
- the range's **maximum** is below the earliest moment a lead can leave, when timers are the
  only way out of the status (no transition, attempt limit or stage change leaves it);
- an `sla D` (leave within D) ends, even at its longest, before the range's minimum: the
  council expects leads to breach it.
Business durations are compared at their shortest or longest in calendar time, whichever
makes the contradiction certain (see `unreachable-timer`). A status nothing can leave at all
is left to `impossible-expect`.

**Fails**

```leads
field notes text
status New {
  initial
  after 3 days -> Working
}
status Working {
  requires notes
  after 14 days notify owner
}
expect {
  time_in New 5..7 days
}
```

**Passes**

```leads
field notes text
status New {
  initial
  after 7 days -> Working
}
status Working {
  requires notes
  after 14 days notify owner
}
expect {
  time_in New 5..7 days
}
```
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.time._common import first_sure_exit, human, timed_items
from leadrules.model.common import Quantity, Range

RULE = Rule("LR402", "expect-contradicts-timers", Severity.WARNING, "time",
            "An `expect time_in` range that the status's own timers or SLAs rule out")


def _bound(ctx: Context, q: Quantity | None, longest: bool) -> float | None:
    if q is None or q.duration is None:
        return None
    low, high = ctx.elapsed(q.duration)
    return high if longest else low


def _above(value: float, limit: float, strict: bool) -> bool:
    """Whether a range end `value` lies beyond `limit` (`strict`: touching counts too)."""
    return value > limit or (strict and value == limit)


def check(ctx: Context) -> Iterator[Problem]:
    for exp in ctx.scheme.expects:
        if exp.kind != "time_in":
            continue
        status = ctx.status(exp.status.name)
        r: Range = exp.range
        least = _bound(ctx, r.low, longest=False)  # the expected minimum, at its shortest
        most = _bound(ctx, r.high, longest=True)  # the expected maximum, at its longest
        subject = status.name
        what = f"'expect time_in {status.name} {r}'"
        outs = [m for m in ctx.moves_out(status.name) if m["target"] != status.name]
        if not outs:
            continue  # impossible-expect reports time in a status nothing can leave
        items = timed_items(ctx, status)
        first = first_sure_exit(items)
        if first is not None and least is not None and _above(least, first.high,
                                                              not r.low_inclusive):
            yield Problem(exp.span, f"{what} cannot be met: '{first.text}' moves every lead "
                          f"out of '{status.name}' after at most {human(first.high)}",
                          help="lengthen the timer or lower the expected minimum",
                          subject=f"{subject}|min")
        if most is not None and all(m["kind"] == "timer" for m in outs):
            floor = min(ctx.elapsed(m["delay"])[0] for m in outs)
            if _above(floor, most, not r.high_inclusive):
                yield Problem(exp.span, f"{what} cannot be met: only timers move leads out of "
                              f"'{status.name}', the earliest after {human(floor)}",
                              help="shorten the timers, add a way out, or raise the expected "
                              "maximum", subject=f"{subject}|max")
        if least is None:
            continue
        for item in items:
            if item.kind == "sla" and item.high != math.inf and _above(
                    least, item.high, not r.low_inclusive):
                yield Problem(exp.span, f"{what} expects leads to stay longer than "
                              f"'{item.text}' allows (at most {human(item.high)}): the "
                              "council plans for leads to breach it",
                              help="make the SLA and the expected time agree",
                              subject=f"{subject}|{item.text}")
