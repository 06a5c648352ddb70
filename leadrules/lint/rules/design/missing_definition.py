"""Missing definition: a status without a written `means` definition.

**Why it matters.** Write an explicit definition for every status (seed 000): what it means,
when to use it, what data must be entered, what happens automatically, what the next step is.
"Working" vs "Connected" vs "Qualified" — if reps have to guess the difference, each guesses
differently and the data is ruined. The status guide is generated from `means` and `use`, so
a status without `means` is a blank page in it.

**Options.** None. A status is reported when it has no `means` line (or one without a word), and
when its definition only repeats its name or label (`status New { means "New" }`). When no
status of the scheme has a definition at all, one finding says so instead of one per status.

**Fails**

```leads
status New {
  initial
  means "Just arrived; nobody has touched it yet."
}
status Working {
}
transition New -> Working manual
```

**Passes**

```leads
status New {
  initial
  means "Just arrived; nobody has touched it yet."
}
status Working {
  means "Qualification or a sales conversation is going back and forth."
}
transition New -> Working manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.design._text import normal

RULE = Rule("LR207", "missing-definition", Severity.WARNING, "design",
            "A status without a written `means` definition")

HELP = ("write `means \"…\"` (what the status means) and `use \"…\"` (when to use it); the "
        "status guide is generated from them")


def check(ctx: Context) -> Iterator[Problem]:
    missing = [s for s in ctx.statuses if not normal(s.means or "")]
    if len(missing) > 1 and len(missing) == len(ctx.statuses):
        yield Problem(missing[0].span, f"none of the {len(missing)} statuses has a `means` "
                      "definition, so reps have no status guide", help=HELP, subject="*")
        return
    names = {s.name for s in missing}
    for status in ctx.statuses:
        if status.name in names:
            yield Problem(status.span, f"'{status.name}' has no `means` definition",
                          help=HELP, subject=status.name)
        elif normal(status.means or "") in {normal(status.name), normal(status.label or "")}:
            yield Problem(status.span, f"the definition of '{status.name}' only repeats its "
                          "name", help="say what the status means for the lead and the rep, "
                          "and when to use it", subject=status.name)
