"""No timer: a working status where nothing ever notices a lead sitting too long.

**Why it matters.** Statuses rot when nothing watches the clock: "still New after 24 hours"
means a routing problem, Working becomes a dumping ground when nothing moves in 30 days, and
Nurture becomes a black hole without a re-evaluation schedule (seed 000). That is why the
guide gives every status an SLA in business time and an alert or escalation, and why "30 days
without activity in Working" moves the lead to "Stale – review needed". A status with no SLA,
no timer and no alert lets leads sit there unseen for ever.

**Options.** None. Every status that is neither an outcome nor `locked` needs at least one
`sla`, `after … -> …` or `after … notify/escalate` line (outcomes end the funnel, and nothing
can leave a locked status; a status with no move out at all is a `dead-end`). It is a
**warning** when only people (manual moves, attempt limits on data they enter, stage changes)
can move the lead on, and an **info** when an automatic event can also end the status by
itself — the lead is waiting for the system, but nobody is told if the event never comes.

**Fails**

```leads
field notes text
status New {
  initial
  sla 2 hours notify owner
}
status Working {
  requires notes
}
status Won {
  outcome won
  locked
}
transition New -> Working manual
transition Working -> Won manual
```

**Passes**

```leads
field notes text
status New {
  initial
  sla 2 hours notify owner
}
status Working {
  requires notes
  after 30 days without activity notify owner
}
status Won {
  outcome won
  locked
}
transition New -> Working manual
transition Working -> Won manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule

RULE = Rule("LR403", "no-timer", Severity.WARNING, "time",
            "A non-outcome status with no SLA, no timer and no alert")

HELP = ("add an SLA (`sla 5 business days escalate manager`), an alert (`after 7 days notify "
        "owner`) or a timer that moves stuck leads on (`after 30 days without activity -> "
        "Stale`)")


def check(ctx: Context) -> Iterator[Problem]:
    for status in ctx.statuses:
        if status.outcome or status.locked or status.slas or status.timers:
            continue
        if not any(m["target"] != status.name for m in ctx.moves_out(status.name)):
            continue  # nothing leaves it at all: dead-end reports that
        events = sorted({m["event"] for m in ctx.moves_out(status.name, ("auto",))
                         if m["target"] != status.name})
        if events:
            names = ", ".join(f"'{e}'" for e in events)
            yield Problem(status.span, f"nothing notices a lead sitting in '{status.name}': "
                          f"it has no SLA, no timer and no alert; only {names} can move it on "
                          "by itself, and nobody is told if that never comes", help=HELP,
                          subject=status.name, severity=Severity.INFO)
        else:
            yield Problem(status.span, f"nothing notices a lead sitting in '{status.name}': "
                          "it has no SLA, no timer and no alert, and only people can move it "
                          "on", help=HELP, subject=status.name)
