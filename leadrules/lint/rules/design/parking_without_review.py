"""Parking without review: a parking status that never sends its leads back for a new look.

**Why it matters.** Nurture is for leads with potential that are not sales-ready (timing,
budget, education). Its red flag: "Nurture" becomes a black hole where leads disappear forever
— set a re-evaluation schedule (seed 000). Seed 004 says the same of leads not ready to buy:
keep them, and have a process to contact them again later. Any parking place (on hold, later,
«Отложен», «Холодный ящик», 培育, «Odłożony», «Tangguh») needs a timer that takes its leads
out after a while, so that somebody looks at them again.

**Options.** None. A parking status is

- a status (not `outcome won`, not `locked`) whose name or label holds a parking word —
  nurture, on hold, later, not ready, «отложен», «на паузе», «прогрев», 培育, 暂缓,
  «odłożony», «wstrzymany», tangguh, «belum bersedia»… — or whose `means` definition says so
  ("not ready", "on hold", «не готов», 暂缓, «nie jest gotowy», «belum bersedia»…); or
- a working status (not initial, not an outcome, not locked) whose only ways out are a rep's
  manual moves, with no SLA of any kind (nobody must leave it or work it), whose only clock is
  an `after … notify/escalate` alert: leads sit there and someone is reminded now and then.
  (A status with no clock at all is reported by `no-timer`.)

It is reported when no `after … -> STATUS` line moves its leads out after a while (an alert
alone can be ignored for ever). A council adds its own parking words in its configuration:

```toml
[words]
parking = ["Pool", "Пул"]
```

**Fails**

```leads
team Marketing
status New {
  initial
  means "Just arrived."
}
status Nurture {
  means "Fits our profile but is not ready to buy."
  on enter { assign team Marketing }
}
transition New -> Nurture manual
transition Nurture -> New manual
```

**Passes**

```leads
team Marketing
status New {
  initial
  means "Just arrived."
}
status Nurture {
  means "Fits our profile but is not ready to buy."
  on enter { assign team Marketing }
  after 90 days -> New
}
transition New -> Nurture manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.design._common import parking_word
from leadrules.model.scheme import Status

RULE = Rule("LR209", "parking-without-review", Severity.WARNING, "design",
            "A parking status (nurture, on hold) with no timed re-evaluation")

HELP = ("add a timed move such as `after 90 days -> Recycled` (with `when …` if only some "
        "leads should come back), so parked leads are re-evaluated on a schedule")


def check(ctx: Context) -> Iterator[Problem]:
    for status in ctx.statuses:
        if status.outcome == "won" or status.locked:
            continue
        if any(t.target is not None for t in status.timers):
            continue
        word = parking_word(ctx, status)
        if word is not None:
            yield Problem(status.span, f"'{status.name}' is a parking status (\"{word}\") with "
                          "no timed re-evaluation: leads parked there are never looked at "
                          "again", help=HELP, subject=status.name)
        elif _sits(ctx, status):
            yield Problem(status.span, f"'{status.name}' is a parking status: only a rep's "
                          "manual move takes a lead out, no SLA asks for one and its alert "
                          "only reminds someone, so leads sit there for ever", help=HELP,
                          subject=status.name)


def _sits(ctx: Context, status: Status) -> bool:
    """A working status leads are left to sit in: only manual ways out, no SLA of any kind,
    and an alert that only reminds someone."""
    if status.initial or status.outcome or status.slas:
        return False
    outs = ctx.moves_out(status.name)
    if not outs or any(d["kind"] != "manual" for d in outs):
        return False
    return any(t.alert for t in status.timers)
