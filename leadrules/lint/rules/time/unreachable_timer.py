"""Unreachable timer: a timer, alert or SLA that never fires, as a shorter timer always wins.

**Why it matters.** SLAs and alerts by status are how a team notices stuck leads (seed 000:
Attempting → Connected or Nurture within 5 business days, escalate after 7 days). When the
same status also has an unconditional `after … -> X` that always fires earlier, the lead is
gone before the SLA can be breached or the alert sent: the council believes a rule protects
its leads, and the rule never runs. The usual cause is business time against calendar time:
`sla 10 business days` is at least two weeks of calendar time, so `after 7 days -> Stale`
always wins.

**Options.** None. The shorter timer must be **sure**: an `after D -> X` counted from entry,
with no `when` and no `without activity`. Another item of the same status is reported when the
latest that timer can fire is still earlier than the earliest the item can: both are measured
in calendar time from entry, with business durations taken at their shortest and longest over
two sample weeks of entry times (so `2 business days` can be anything from 2 to about 4.7
calendar days over a weekend). A `without activity` timer and `sla activity every D` fire at
the earliest D after entry. Items due at the same moment are not reported.

**Fails**

```leads
calendar business {
  timezone "UTC"
  open mon-fri 09:00-17:00
}
role manager
status Attempting {
  initial
  sla 10 business days escalate manager
  after 7 days -> Stale
}
status Stale {
  after 5 days notify manager
}
```

**Passes**

```leads
calendar business {
  timezone "UTC"
  open mon-fri 09:00-17:00
}
role manager
status Attempting {
  initial
  sla 5 business days escalate manager
  after 14 days -> Stale
}
status Stale {
  after 5 days notify manager
}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.time._common import first_sure_exit, human, timed_items

RULE = Rule("LR401", "unreachable-timer", Severity.WARNING, "time",
            "A timer, alert or SLA that a shorter timer of the same status always beats")


def check(ctx: Context) -> Iterator[Problem]:
    for status in ctx.statuses:
        if not status.timers:
            continue
        items = timed_items(ctx, status)
        first = first_sure_exit(items)
        if first is None:
            continue
        for item in items:
            if item is first or not first.high < item.low:
                continue
            yield Problem(item.span, f"'{item.text}' in '{status.name}' can never "
                          f"{item.fires}: '{first.text}' always moves the lead out first "
                          f"(after at most {human(first.high)}, against at least "
                          f"{human(item.low)})",
                          help="make it shorter than the timer, make the timer longer, or "
                          "remove the one that cannot fire; remember that business days are "
                          "longer than calendar days", subject=f"{status.name}|{item.text}")
