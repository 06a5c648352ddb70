"""Empty stage: a lifecycle stage in which no status is allowed, so no lead can ever be there.

**Why it matters.** Stages are where a lead is in the buyer journey, statuses what is happening
with it there (seeds 000, 001); the `stages` line of each status lists the combinations the CRM
accepts. When every status has a `stages` line and none names a stage, a lead in that stage has
no valid status at all: either the stage is left over from an old journey, or the statuses that
belong there forgot to list it. Pipeline reports ("our pipeline starts at stage 3 of 8",
seed 001) then count a stage that can only ever be empty.

**Options.** None. A status without a `stages` line may be in any stage, so when one exists no
stage is empty and nothing is reported.

**Fails**

```leads
stages {
  MQL
  SQL
  Opportunity
}
status New {
  initial
  stages MQL
}
status Working {
  stages SQL
}
transition New -> Working manual
```

**Passes**

```leads
stages {
  MQL
  SQL
  Opportunity
}
status New {
  initial
  stages MQL
}
status Working {
  stages SQL, Opportunity
}
transition New -> Working manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule

RULE = Rule("LR504", "empty-stage", Severity.WARNING, "stages",
            "A stage that no status's `stages` line names")


def check(ctx: Context) -> Iterator[Problem]:
    if not ctx.statuses or any(not s.stages for s in ctx.statuses):
        return
    used = {r.name for s in ctx.statuses for r in s.stages}
    for stage in ctx.scheme.stages:
        if stage.name not in used:
            yield Problem(stage.span, f"no status is allowed in stage '{stage.name}': every "
                          "status has a `stages` line and none names it, so a lead can never "
                          "be in this stage", help=f"add {stage.name} to the `stages` line of "
                          "the statuses valid there, or remove the stage", subject=stage.name)
