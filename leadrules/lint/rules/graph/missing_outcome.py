"""Missing outcome: no status ends the funnel as lost, or none as won.

**Why it matters.** A funnel must be able to say no: "Unqualified / Lost" is one of the
universal statuses every scheme needs (seed 000), with a specific reason, and seed 003 lets a
lead be rejected at any stage. Without an `outcome lost` status, leads that will never buy
stay "open" forever and every conversion rate is computed on the wrong base. Without an
`outcome won` status nothing counts as converted, so the funnel cannot show what it produces
(Converted, seed 000; "Сконвертирован", seed 003).

**Options.** None. One finding per missing kind (`lost`, `won`), on the initial status (or the
first status when none is initial).

**Fails**

```leads
status New {
  initial
}
status Working {}
status Won {
  outcome won
}
status Archived {}
transition New -> Working manual
transition Working -> Won manual
transition New, Working -> Archived manual
transition Archived -> Working manual
```

**Passes**

```leads
status New {
  initial
}
status Working {}
status Won {
  outcome won
}
status Archived {
  outcome lost
}
transition New -> Working manual
transition Working -> Won manual
transition New, Working -> Archived manual
transition Archived -> Working manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule

RULE = Rule("LR106", "missing-outcome", Severity.WARNING, "graph",
            "No `outcome lost` status (the funnel cannot say no) or no `outcome won` status")


def check(ctx: Context) -> Iterator[Problem]:
    if not ctx.statuses:
        return
    where = next((s for s in ctx.statuses if s.initial), ctx.statuses[0])
    kinds = {s.outcome for s in ctx.statuses}
    if "lost" not in kinds:
        yield Problem(where.span, "no status is marked `outcome lost`: the funnel cannot say "
                      "no, so leads that will never buy stay open forever",
                      help="add a lost status with a reason, such as `status Lost { outcome "
                      "lost; requires lost_reason }`, and a move to it from the working "
                      "statuses", subject="lost")
    if "won" not in kinds:
        yield Problem(where.span, "no status is marked `outcome won`: no lead can ever count "
                      "as converted", help="mark the status that ends the funnel successfully "
                      "(Converted, Won) with `outcome won`", subject="won")
