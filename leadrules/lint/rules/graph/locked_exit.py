"""Locked exit: a move out of a `locked` status, which nothing may leave.

**Why it matters.** When a lead becomes an opportunity, "the lead status is locked (it cannot
be changed back)" and nurturing stops (seed 000): the lead record is frozen and the work goes
on in the deal. `locked` says exactly that, and the language reference calls a move out of a
locked status an error. A transition, timer or data rule that still leaves it either reopens
converted leads behind the sales team's back or contradicts the `locked` line; one of the two
is wrong.

**Options.** None. Reported: every transition that names a locked status among its sources
(`transition any -> …` never includes locked statuses and is fine), every timer
(`after … -> …`) and data rule (`when … -> …`) written in a locked status's body, and any
stage-sync move out of one. Alerts (`after … notify`) are not moves and are fine.

**Fails**

```leads
status New {
  initial
}
status Converted {
  outcome won
  locked
}
status Working {}
status Lost {
  outcome lost
}
transition New -> Converted on opportunity_created auto
transition Converted -> Working manual
transition any -> Lost manual
```

**Passes**

```leads
status New {
  initial
}
status Converted {
  outcome won
  locked
}
status Working {}
status Lost {
  outcome lost
}
transition New -> Converted on opportunity_created auto
transition New -> Working manual
transition any -> Lost manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.graph._common import moves

RULE = Rule("LR105", "locked-exit", Severity.ERROR, "graph",
            "A transition, timer or data rule leaves a `locked` status")

WHAT = {"manual": "a manual transition", "auto": "an automatic transition",
        "timer": "a timer", "data": "a data rule", "stage-sync": "a stage-sync rule"}


def check(ctx: Context) -> Iterator[Problem]:
    locked = {s.name for s in ctx.statuses if s.locked}
    if not locked:
        return
    for move in moves(ctx):
        if move.source not in locked:
            continue
        what = WHAT[move.kind]
        if move.trigger and move.kind == "auto":
            what += f" on {move.trigger}"
        where = "back into it" if move.target == move.source else f"to '{move.target}'"
        yield Problem(
            move.span, f"'{move.source}' is locked, but {what} moves leads out of it "
            f"{where}", help=f"remove this move, or remove `locked` from '{move.source}' if "
            "leads may really leave it", subject=f"{move.source}->{move.target}")
