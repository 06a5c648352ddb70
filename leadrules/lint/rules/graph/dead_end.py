"""Dead end: a status that no move ever leaves, although it does not end the funnel.

**Why it matters.** Every status needs a clear "what happens next" (seed 000). A lead that
lands in a status with no way out — no transition, no timer, no data rule, no stage change
leaves it — stays there forever: reps cannot move it, automation never touches it again, and
because the status is not an `outcome` the lead is counted neither as won nor as lost, so
conversion and loss reports quietly miss it. Only the statuses that end the funnel
(`outcome won`, `outcome lost`) may be final.

A `locked` status that is not an outcome is a dead end on purpose (nothing may leave it), but
the lead still ends nowhere in the reports. Seed 004's "removal" exit — a lead entered by
mistake, taken out of the funnel — is the one good reason for it, so that case is reported
as info only.

**Options.** None. A status is a dead end when it is not an `outcome` and no move of any kind
(manual, automatic, timer, data rule, stage sync) goes from it to another status. Error for an
ordinary status; info for a `locked` one.

**Fails**

```leads
status New {
  initial
}
status Working {}
status Archived {}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> Working manual
transition Working -> Won manual
transition New, Working -> Lost manual
transition Working -> Archived manual
```

**Passes**

```leads
status New {
  initial
}
status Working {}
status Archived {
  outcome lost
}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> Working manual
transition Working -> Won manual
transition New, Working -> Lost manual
transition Working -> Archived manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule

RULE = Rule("LR103", "dead-end", Severity.ERROR, "graph",
            "A status no move leaves that is not an outcome: leads there are stuck forever")


def check(ctx: Context) -> Iterator[Problem]:
    graph = ctx.graph
    for status in ctx.statuses:
        if status.outcome is not None:
            continue
        if any(v != status.name for _, v in graph.out_edges(status.name)):
            continue
        if status.locked:
            yield Problem(
                status.span, f"'{status.name}' is locked and not an outcome: leads there are "
                "stuck forever and count neither as won nor as lost",
                help="fine for leads removed by mistake; otherwise add `outcome lost` (or "
                "`outcome won`)", subject=status.name, severity=Severity.INFO)
        else:
            yield Problem(
                status.span, f"no move leaves '{status.name}' and it is not an outcome: leads "
                "there are stuck forever", help="add a way out (a transition, a timer such as "
                "`after 30 days -> …`), or mark it `outcome lost` or `outcome won` if it ends "
                "the funnel", subject=status.name)
