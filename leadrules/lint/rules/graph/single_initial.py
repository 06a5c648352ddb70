"""Exactly one initial status: every new lead must start somewhere, and in one place.

**Why it matters.** "New" is the one status every CRM needs (seed 002): the moment a lead is
created it must land in a known status, where routing, the first-contact task and the SLA
start. With no `initial` status nothing tells the CRM (or the simulator) where leads begin;
with two, reports split the same arrivals and nobody knows which one a form fill gets.

**Options.** None.

**Fails**

```leads
status New {
  means "Just arrived."
}
status Working {
  means "Being worked."
}
transition New -> Working manual
```

**Passes**

```leads
status New {
  initial
  means "Just arrived."
}
status Working {
  means "Being worked."
}
transition New -> Working manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule

RULE = Rule("LR101", "single-initial", Severity.ERROR, "graph",
            "Exactly one status is marked `initial`")


def check(ctx: Context) -> Iterator[Problem]:
    initial = [s for s in ctx.statuses if s.initial]
    if not initial and ctx.statuses:
        first = ctx.statuses[0]
        yield Problem(first.span, "no status is marked `initial`, so new leads start nowhere",
                      help=f"add `initial` to the status leads are created in (perhaps "
                      f"{first.name})", subject="*")
    for extra in initial[1:]:
        yield Problem(extra.span, f"'{extra.name}' is a second initial status (the first is "
                      f"'{initial[0].name}')", help="keep `initial` on one status",
                      subject=extra.name)



