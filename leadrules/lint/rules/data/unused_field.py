"""Unused field: a field the scheme declares but no rule of the scheme uses.

**Why it matters.** A field belongs in the scheme when a status needs it: required on entry,
tested by a timer or an attempt limit, set by automation (seed 000: "if you will report on it
or automate on it, it is worth tracking; otherwise keep it simple"). A field no rule mentions
is often left over from an old process or misspelt where it was meant to be used, and the
rule that should have needed it silently needs nothing. Some fields are there only to be shown
on the lead card (time zone, contact attempts per channel, seed 004): that is fine, which is
why this is an info, and a suppression comment with the reason records the decision.

**Options.** None. A field counts as used when the scheme mentions it in any condition
(`requires` of a status or transition, `approve … if`, `after … when`, `when … ->`) or sets it
(`set` in `on enter` / `on exit`, or on a timer or data rule). Scenarios are separate files:
a `value` or `counting` line in a scenario does not count.

**Fails**

```leads
field email email
field fax phone
status New {
  initial
  requires email
}
```

**Passes**

```leads
field email email
field fax phone
status New {
  initial
  requires email or fax
}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.model.common import condition_fields
from leadrules.model.scheme import Assignment

RULE = Rule("LR304", "unused-field", Severity.INFO, "data",
            "A declared field that no condition or `set` of the scheme mentions")


def check(ctx: Context) -> Iterator[Problem]:
    used: set[str] = set()
    for status in ctx.statuses:
        conds = [status.requires, *(t.when for t in status.timers),
                 *(r.when for r in status.rules)]
        for cond in conds:
            used.update(ref.name for ref in condition_fields(cond))
        for action in (*status.on_enter, *status.on_exit):
            if isinstance(action, Assignment):
                used.add(action.field.name)
        for timer in status.timers:
            used.update(a.field.name for a in timer.sets)
        for rule in status.rules:
            used.update(a.field.name for a in rule.sets)
    for t in ctx.scheme.transitions:
        for cond in (t.requires, t.approve_if):
            used.update(ref.name for ref in condition_fields(cond))
    for f in ctx.scheme.fields:
        if f.name not in used:
            yield Problem(f.span, f"field '{f.name}' is declared but no rule uses it: no "
                          "condition or `set` mentions it",
                          help="require it where the data is needed, or remove it; if it is "
                          "only shown on the lead card, say so with "
                          "`# leadrules: ignore[unused-field] \"shown on the card\"`",
                          subject=f.name)
