"""Lost without a reason: a lost outcome that does not make reps pick a reason from a list.

**Why it matters.** Moving a lead to Unqualified must mean picking a reason from a dropdown
(seed 000: "can't mark Unqualified without choosing a reason"), and the lost reasons are a
fixed list (not ready, not a fit, not interested, invalid data, unreachable, no budget, no
authority, other) so trends can be read (seed 004). Free text is not a reason: nobody can
count "too pricey", "price!!" and "budget" together in a lost-reason report, and "over 50% of
leads end Unqualified" (seed 000) can only be fixed when you know why they did.

**Options.** None. An `outcome lost` status passes when its own `requires` fills in a
`choice` field on every way of meeting it: the field named alone, or compared with `=` or
`in (…)` (`!=` and `not in` do not count: an empty field meets them too). Inside `and`, one
operand is enough; inside `or`, every branch must have one. Requirements written on
transitions do not count, because timers, data rules and stage changes that lead into the
status do not go through them.

**Fails**

```leads
field lost_notes text
status New {
  initial
}
status Lost {
  outcome lost
  requires lost_notes
}
transition New -> Lost manual
```

**Passes**

```leads
field lost_notes text
field lost_reason choice(budget, competitor, wrong_fit, other)
status New {
  initial
}
status Lost {
  outcome lost
  requires lost_reason and lost_notes
}
transition New -> Lost manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.data._common import filled_fields, guarantees
from leadrules.model.common import condition_text

RULE = Rule("LR301", "lost-without-reason", Severity.WARNING, "data",
            "A lost outcome that does not require a reason picked from a choice list")

HELP = ("declare the lost reasons as a choice field (budget, no_authority, competitor, wrong_fit, "
        "other) and require it here, e.g. `requires lost_reason`")


def check(ctx: Context) -> Iterator[Problem]:
    fields = ctx.scheme.field_map
    choices = {name for name, f in fields.items() if f.type == "choice"}
    for status in ctx.statuses:
        if status.outcome != "lost":
            continue
        cond = status.requires
        if cond is None:
            yield Problem(status.span, f"leads can be marked '{status.name}' (lost) without a "
                          "reason: the status has no `requires`", help=HELP,
                          subject=status.name)
            continue
        if guarantees(cond, choices.__contains__):
            continue
        texts = sorted(n for n in filled_fields(cond) if n in fields and
                       fields[n].type == "text")
        note = (f"; free text ({', '.join(texts)}) cannot be counted in lost-reason reports"
                if texts else "")
        yield Problem(status.span, f"leads can be marked '{status.name}' (lost) without "
                      f"picking a reason from a list: `requires {condition_text(cond)}` can be "
                      f"met without any choice field{note}", help=HELP, subject=status.name)
