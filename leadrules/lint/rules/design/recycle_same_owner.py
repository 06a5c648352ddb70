"""Recycle to the same owner: lost leads come back into play with the rep who lost them.

**Why it matters.** A recycled lead was unqualified or lost before and is back in play because
something changed. When it comes back it goes into the contact workflow again, **assigned to a
different rep** from the one who worked it, to avoid the bias of history (seed 000: Recycled →
assign to a different rep). The rep who lost it once tends to lose it again — and recycled
leads converting under 5% means the scheme is recycling garbage.

**Options.** None. A recycle status is a status that is not an outcome and

- whose name or label says so (Recycled, Reopened, Reactivated, «Повторный», «Возврат»,
  回收, 重新激活, «Dikitar semula», «Reaktywowany», «Do ponownej oceny»…), or whose `means`
  definition does ("back in play", «вернулся», «wraca», «dikitar semula»…); or
- whose every way in comes from an `outcome lost` status or from a status whose name, label
  or definition marks it as a parking place (see `parking-without-review`; not the initial
  status, which is where leads normally start), at least one from an `outcome lost` one: a
  status kept for leads coming back.

It is reported when its `on enter` has no `assign … different_owner`. (A working status that
also takes some leads back from a lost status is not reported: give those leads their own
recycle status if they need a fresh rep.)

**Fails**

```leads
team SDR
field lost_reason choice(budget, timing, other)
status New {
  initial
  means "Just arrived."
  on enter { assign team SDR by round_robin }
}
status Lost {
  outcome lost
  means "Will not buy now."
  requires lost_reason
  after 180 days -> Recycled when lost_reason in (budget, timing)
}
status Recycled {
  means "Lost before, back in play because something changed."
  on enter { assign team SDR }
}
transition New -> Lost manual
transition Recycled -> New manual
```

**Passes**

```leads
team SDR
field lost_reason choice(budget, timing, other)
status New {
  initial
  means "Just arrived."
  on enter { assign team SDR by round_robin }
}
status Lost {
  outcome lost
  means "Will not buy now."
  requires lost_reason
  after 180 days -> Recycled when lost_reason in (budget, timing)
}
status Recycled {
  means "Lost before, back in play because something changed."
  on enter { assign team SDR different_owner }
}
transition New -> Lost manual
transition Recycled -> New manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.design._common import parking_word
from leadrules.lint.rules.design._lexicon import RECYCLE, RECYCLE_DEFINITION, flat
from leadrules.lint.rules.design._text import phrases, quoted
from leadrules.model.scheme import Assign, Status

RULE = Rule("LR210", "recycle-same-owner", Severity.WARNING, "design",
            "A recycle status that does not hand the lead to a different rep")

HELP = ("add `assign team T different_owner` to its `on enter`, so a fresh rep takes the lead "
        "back without the history of the one who lost it")


def check(ctx: Context) -> Iterator[Problem]:
    names = phrases(frozenset(w.casefold() for w in flat(RECYCLE)))
    definitions = phrases(frozenset(w.casefold() for w in flat(RECYCLE_DEFINITION)))
    for status in ctx.statuses:
        if status.outcome or any(isinstance(a, Assign) and a.different_owner
                                 for a in status.on_enter):
            continue
        word = names.first(status.name, status.label) or definitions.first(status.means)
        if word is not None:
            yield Problem(status.span, f"'{status.name}' brings leads back into play "
                          f"(\"{word}\") but does not hand them to a different rep",
                          help=HELP, subject=status.name)
            continue
        lost = [] if status.initial else _fed_by_lost(ctx, status)
        if lost:
            yield Problem(status.span, f"'{status.name}' takes leads back from {quoted(lost)} "
                          "but does not hand them to a different rep", help=HELP,
                          subject=status.name)


def _fed_by_lost(ctx: Context, status: Status) -> list[str]:
    """The lost outcomes feeding a status that only lost or parked leads enter; else []."""
    lost: list[str] = []
    for move in ctx.moves_in(status.name):
        source = ctx.status(move["source"])
        if source.name == status.name:
            continue
        if source.outcome == "lost":
            if source.name not in lost:
                lost.append(source.name)
        elif source.initial or parking_word(ctx, source) is None:
            return []
    return lost
