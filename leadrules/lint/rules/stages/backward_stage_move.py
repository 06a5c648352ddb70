"""Backward stage move: a move that can only land in an earlier stage, with no rule saying so.

**Why it matters.** Stages move one way, forward: "a lead passes from MQL to SQL — it does not
bounce back and forth" (seed 000). Statuses may go back and forth; stages may not. A move into a
status whose allowed stages all lie before every stage the lead may be in forces its stage
backwards. Sometimes that is the plan — "sent back to MQL → Nurture" (seed 000), recycling a lost
lead — and then a `when stage returns to MQL -> Nurture` rule says so and keeps stage and
status in step. Without one, the move silently rewinds the journey and pipeline reports count
the lead twice.

**Options.** None. A move is backward when every stage of the target's `stages` line comes
before every stage of the source's. Transitions, timers and data rules are checked; statuses
without a `stages` line are not. Moves into a status named by a `when stage returns to` rule
are fine.

**Fails**

```leads
stages {
  MQL
  SQL
}
status New {
  initial
  stages MQL
}
status Working {
  stages SQL
}
status Nurture {
  stages MQL
}
transition New -> Working manual
transition Working -> Nurture manual
when stage becomes SQL -> Working
```

**Passes**

```leads
stages {
  MQL
  SQL
}
status New {
  initial
  stages MQL
}
status Working {
  stages SQL
}
status Nurture {
  stages MQL
}
transition New -> Working manual
transition Working -> Nurture manual
when stage becomes SQL -> Working
when stage returns to MQL -> Nurture
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity, Span
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.stages._common import (
    listing,
    named_stages,
    returns_to,
    stage_names,
    written,
)

RULE = Rule("LR503", "backward-stage-move", Severity.INFO, "stages",
            "A move that forces the stage backwards without a `when stage returns to` rule")

MOVES = ("manual", "auto", "timer", "data")


def check(ctx: Context) -> Iterator[Problem]:
    if not ctx.scheme.stages:
        return
    recycled = returns_to(ctx)
    stages = {s.name: named_stages(ctx, s) for s in ctx.statuses}
    # one finding per written line and target: `any -> X` is one line, whatever its sources
    found: dict[tuple[Span, str], list[str]] = {}
    for status in ctx.statuses:
        target = stages[status.name]
        if not target or status.name in recycled:
            continue
        for move in ctx.moves_in(status.name, MOVES):
            source = stages[move["source"]]
            if source and target[-1] < source[0]:
                found.setdefault((move["span"], status.name), []).append(move["source"])
    for (span, name), sources in found.items():
        back = written(ctx.scheme.stage_order[stages[name][-1]])
        first = listing(f"'{s}'" for s in sorted(set(sources)))
        yield Problem(
            span,
            f"moving from {first} to '{name}' sends the lead back to "
            f"{stage_names(ctx, stages[name])}, before every stage "
            f"{first if len(set(sources)) == 1 else 'those statuses'} can be in; stages only "
            "move forward unless a `when stage returns to` rule says so",
            help=f"add `when stage returns to {back} -> {written(name)}` if going back is "
            f"the plan, or allow '{name}' in the later stages",
            subject=f"{','.join(sorted(set(sources)))}->{name}")
