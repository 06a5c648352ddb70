"""Status budget: few statuses, each clearly different, beat a long list.

**Why it matters.** 5–7 statuses is the optimum (seed 003), 8–12 the most a team can use
(seed 000); twenty statuses paralyse reps and half go unused. The test: can a rep pick the
right status without the guide? Sub-statuses (`sub`) do not count: they are for reporting
inside one status.

**Options.**
- `info-above` (default 7): more statuses than this is worth a thought (info).
- `warning-above` (default 12): more than this is a warning.

**Fails**

```leads
status S1 {
  initial
}
status S2 {}
status S3 {}
status S4 {}
status S5 {}
status S6 {}
status S7 {}
status S8 {}
transition S1 -> S2 manual
transition S2 -> S3 manual
transition S3 -> S4 manual
transition S4 -> S5 manual
transition S5 -> S6 manual
transition S6 -> S7 manual
transition S7 -> S8 manual
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
transition New -> Working manual
transition Working -> Won manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Option, Problem, Rule

RULE = Rule("LR201", "status-budget", Severity.WARNING, "design",
            "More statuses than reps can choose from without a guide",
            {"info-above": Option(7, "more statuses than this is reported as info"),
             "warning-above": Option(12, "more statuses than this is a warning")})


def check(ctx: Context) -> Iterator[Problem]:
    count = len(ctx.statuses)
    info_above, warning_above = ctx.options["info-above"], ctx.options["warning-above"]
    if count <= info_above:
        return
    level = "warning" if count > warning_above else "info"
    limit = warning_above if level == "warning" else info_above
    target = ctx.statuses[limit]
    yield Problem(target.span, f"{count} statuses: more than {limit}; 5–7 is the optimum and "
                  "8–12 the most reps can use", help="merge statuses that need the same "
                  "handling, or turn detail into sub-statuses", subject=level,
                  severity=Severity.WARNING if level == "warning" else Severity.INFO)
