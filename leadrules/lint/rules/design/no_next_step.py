"""No next step: a working status that says nothing about what happens next.

**Why it matters.** Every status should have a clear "what happens next" (seed 000): New
creates a task to make contact within 2 hours, Attempting escalates to the manager after 5
days, Connected sends a calendar link, Qualified notifies the sales manager and drafts an
opportunity. A status that triggers nothing leaves the rep to remember on their own what to
do, and nobody notices when they do not.

**Options.** None. A status that is neither an outcome nor `locked` is reported when it has
none of: an `on enter` action, an `sla` line, an `after …` line (a timed move or alert), a
`when … -> …` rule, or an automatic transition out (`transition … on EVENT`). When no working
status of the scheme has any of them, one finding says so instead of one per status.

**Fails**

```leads
role manager
status New {
  initial
  means "Just arrived."
  sla 2 hours escalate manager
}
status Working {
  means "We are talking to the client."
}
status Won {
  outcome won
  means "The client bought."
}
transition New -> Working manual
transition Working -> Won manual
```

**Passes**

```leads
role manager
status New {
  initial
  means "Just arrived."
  sla 2 hours escalate manager
}
status Working {
  means "We are talking to the client."
  on enter { task "Book a discovery meeting" due 2 days }
}
status Won {
  outcome won
  means "The client bought."
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
from leadrules.model.scheme import Status

RULE = Rule("LR208", "no-next-step", Severity.WARNING, "design",
            "A working status with no action, SLA, timer, data rule or automatic move out")

HELP = ("say what happens next: a `task \"…\" due …` or an assignment in `on enter`, an `sla`, "
        "an `after … -> …` or `after … notify …`, or an automatic transition out")


def check(ctx: Context) -> Iterator[Problem]:
    working = [s for s in ctx.statuses if not (s.outcome or s.locked)]
    lacking = [s for s in working if not _next_step(ctx, s)]
    if len(lacking) > 1 and len(lacking) == len(working):
        yield Problem(lacking[0].span, f"none of the {len(lacking)} working statuses says what "
                      "happens next: no action on enter, SLA, timer, data rule or automatic "
                      "move out", help=HELP, subject="*")
        return
    for status in lacking:
        yield Problem(status.span, f"'{status.name}' says nothing about what happens next: no "
                      "action on enter, SLA, timer, data rule or automatic move out",
                      help=HELP, subject=status.name)


def _next_step(ctx: Context, status: Status) -> bool:
    return bool(status.on_enter or status.slas or status.timers or status.rules
                or ctx.moves_out(status.name, ("auto",)))
