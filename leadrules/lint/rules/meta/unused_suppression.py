"""Unused or malformed suppression: a `# leadrules: ignore[…]` comment that does no good.

**Why it matters.** A suppression is a council decision written down: "we know, and here is
why it is fine". One that silences nothing (the problem was fixed, or it names the wrong rule
or line) misleads the next reader; one without a reason hides the decision. The engine reports
both, so exceptions stay few and explained.

**Options.** None. The suppression comment applies to findings on its own line, or, when it
stands alone on a line, to the next line that holds a statement.

**Fails**

```leads
status New {
  initial
  # leadrules: ignore[status-budget] "the budget is fine"
  means "Just arrived."
}
```

**Passes**

```leads
status New {
  initial
  means "Just arrived."
}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule

RULE = Rule("LR901", "unused-suppression", Severity.WARNING, "meta",
            "A suppression comment that suppresses nothing, names no known rule, or gives no "
            "reason")


def check(ctx: Context) -> Iterator[Problem]:
    """Suppressions are judged by the engine, which sees the comments and every finding."""
    return iter(())
