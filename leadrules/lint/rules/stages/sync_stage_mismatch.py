"""Stage sync into an invalid combination: a `when stage …` rule sets a status not allowed there.

**Why it matters.** Stage changes drive the status ("promoted to SQL → Working; sent back to
MQL → Nurture", seed 000), and the CRM must validate status/stage combinations: an MQL-stage
lead cannot be "Converted" (seed 000). A rule `when stage becomes SQL -> Nurture` where Nurture's
`stages` line does not list SQL would itself create the combination the scheme forbids, every
time a lead is promoted. One of the two lines is wrong.

**Options.** None. Only statuses with a `stages` line are checked (a status without one may be
in any stage). Both `when stage becomes S -> X` and `when stage returns to S -> X` are checked:
after either, the lead is in stage S with status X.

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
when stage becomes SQL -> Nurture
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

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule

RULE = Rule("LR502", "sync-stage-mismatch", Severity.ERROR, "stages",
            "A stage-sync rule sets a status that is not allowed in that stage")


def check(ctx: Context) -> Iterator[Problem]:
    for sync in ctx.scheme.syncs:
        status = ctx.scheme.status_map.get(sync.status.name)
        if status is None or not status.stages:
            continue
        allowed = [r.name for r in status.stages]
        if sync.stage.name in allowed:
            continue
        words = "becomes" if sync.kind == "becomes" else "returns to"
        yield Problem(
            sync.span,
            f"`when stage {words} {sync.stage.name}` sets status '{status.name}', which is not "
            f"allowed in stage {sync.stage.name} (its stages: {', '.join(allowed)}): every "
            "such stage change would create an invalid combination",
            help=f"set a status that is valid in {sync.stage.name}, or add "
            f"{sync.stage.name} to the `stages` line of '{status.name}'",
            subject=f"{sync.kind} {sync.stage.name} -> {status.name}")
