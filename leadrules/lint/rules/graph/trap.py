"""Trap: statuses that pass leads between each other but never let them reach an outcome.

**Why it matters.** Seed 000 warns that "Nurture" easily becomes a black hole where leads
disappear forever, and asks for a re-evaluation schedule. The same happens whenever a group of
statuses only leads to one another: Nurture sends leads to Recycled, Recycled back to
Nurture, and nothing ever brings them to a won or lost outcome. Reps keep moving the leads
around, the funnel never closes for them, and reports count them as open forever.

**Options.** None. A trap is a group of two or more statuses, none of them an outcome, in
which every status can reach every other one, no move leaves the group, and so no outcome
can ever be reached from it (moves of every kind count: manual, automatic, timers, data rules,
stage sync). Each trap is reported once, on its first-declared status, naming its members.
A single status with no way out at all is reported by `dead-end`, not here; statuses that only
lead into a trap or a dead end are not reported separately (fixing the trap fixes them).

**Fails**

```leads
status New {
  initial
}
status Working {}
status Nurture {}
status Recycled {}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> Working manual
transition Working -> Won manual
transition New, Working -> Lost manual
transition Working -> Nurture manual
transition Nurture -> Recycled manual
transition Recycled -> Nurture manual
```

**Passes**

```leads
status New {
  initial
}
status Working {}
status Nurture {}
status Recycled {}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> Working manual
transition Working -> Won manual
transition New, Working -> Lost manual
transition Working -> Nurture manual
transition Nurture -> Recycled manual
transition Recycled -> Nurture manual
transition Recycled -> Working manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.graph._common import names

RULE = Rule("LR104", "trap", Severity.WARNING, "graph",
            "Statuses that only lead to one another: no outcome can ever be reached")


def check(ctx: Context) -> Iterator[Problem]:
    stuck = [s.name for s in ctx.statuses if s.name not in ctx.reaches_outcome]
    if len(stuck) < 2:
        return
    order = {s.name: i for i, s in enumerate(ctx.statuses)}
    sub = ctx.graph.subgraph(stuck)
    for component in nx.strongly_connected_components(sub):
        if len(component) < 2:
            continue
        leaves = any(v not in component for u in component for _, v in ctx.graph.out_edges(u))
        if leaves:
            continue  # it drains into another trap or a dead end, reported there
        members = sorted(component, key=order.__getitem__)
        first = ctx.status(members[0])
        yield Problem(
            first.span, f"{names(members)} only lead to one another: no move ever brings a "
            "lead from them to a won or lost outcome", help=f"add a way from {names(members)} "
            "to an outcome (for instance a manual move to the lost status, or a timer that "
            "gives up after a set time)", subject=members[0])
