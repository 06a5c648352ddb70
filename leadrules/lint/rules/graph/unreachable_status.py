"""Unreachable status: no move, timer or stage change can ever bring a lead there.

**Why it matters.** A status nobody can reach is dead weight: it lengthens the picker reps
choose from (20 statuses paralyse reps and half go unused, seed 000) and its rules never run.
Usually a transition was forgotten, or the status is left over from an old process.

**Options.** None. Reachability follows every kind of move: manual, automatic, timers,
data-driven rules and stage-sync rules, starting from the `initial` status.

**Fails**

```leads
status New {
  initial
  means "Just arrived."
}
status Working {
  means "Being worked."
}
status Archived {
  means "Old leads."
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
status Archived {
  means "Old leads."
}
transition New -> Working manual
transition Working -> Archived manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule

RULE = Rule("LR102", "unreachable-status", Severity.WARNING, "graph",
            "A status that no move can reach from the initial status")


def check(ctx: Context) -> Iterator[Problem]:
    if not ctx.initial:
        return  # single-initial reports the missing start; everything would be unreachable
    for status in ctx.statuses:
        if status.name not in ctx.reachable:
            yield Problem(status.span, f"no move reaches '{status.name}' from the initial "
                          f"status {ctx.initial[0]}",
                          help="add a transition into it, or remove it", subject=status.name)
