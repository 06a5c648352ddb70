"""Manual entry without requirements: reps can move leads into a status without entering data.

**Why it matters.** "Don't let reps change status without context" (seed 000): every status
change a rep makes should be tied to the data that justifies it — an interaction and its date
for Connected, budget, authority, need and timeline for Qualified. Required fields on status
changes are one of the council's governance practices (seed 000); without them the status
says one thing and the record shows nothing to back it up.

**Options.** None. A status is reported when it has no `requires` of its own and at least one
`manual` transition leads into it without a `requires` either; the message names where those
moves come from. Outcome statuses are left to `lost-without-reason` and
`won-without-deal-data`, which say which data they need. A status that is only entered
automatically (or only at creation, like most initial statuses) is not reported.

**Fails**

```leads
field notes text
status New {
  initial
}
status Working {
  means "Being worked."
}
transition New -> Working manual
```

**Passes**

```leads
field notes text
status New {
  initial
}
status Working {
  means "Being worked."
}
transition New -> Working manual requires notes
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.data._common import shorten

RULE = Rule("LR302", "manual-entry-without-requirements", Severity.WARNING, "data",
            "A status reps can move leads into without entering any data")


def check(ctx: Context) -> Iterator[Problem]:
    bare: dict[str, list[str]] = {}  # target -> sources of manual moves with no requires
    anywhere: set[str] = set()
    for t in ctx.scheme.transitions:
        if not t.manual or t.requires is not None:
            continue
        sources = bare.setdefault(t.target.name, [])
        if t.from_any:
            anywhere.add(t.target.name)
        for src in t.sources:
            if src.name not in sources:
                sources.append(src.name)
    for status in ctx.statuses:
        names = bare.get(status.name)
        if not names or status.requires is not None or status.outcome:
            continue
        where = "any status" if status.name in anywhere else shorten(names)
        yield Problem(status.span, f"reps can move leads into '{status.name}' by hand (from "
                      f"{where}) without entering anything: neither the status nor those "
                      "transitions have `requires`",
                      help="add `requires …` to the status with the data a rep must fill in "
                      "to use it (or to each manual transition into it)", subject=status.name)
