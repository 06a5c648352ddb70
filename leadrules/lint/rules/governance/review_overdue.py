"""Council review overdue: the status definitions were due for their review and did not get it.

**Why it matters.** Status standards only work when they are enforced, and seed 000 makes the
quarterly review of the status definitions by a status council (ops, sales management, a few
reps) part of governance. `review every` says how often the council promised to look again,
`reviewed` when it last did; once their sum is past, the definitions reps rely on may no longer
match how the team works.

**Options.**
- `longest-interval-days` (default 92): a `review every` longer than this many days (a quarter)
  is reported as info, since the seed asks for a quarterly review.

What is reported, on the `scheme` block:
- info when `reviewed` + `review every` is before today: the due date and how many days ago it
  was (business durations count on the scheme's business calendar). Info, not a warning, by
  default: the passing of time alone should not fail an unrelated pull request. A council that
  wants the review to be a gate writes `[severity] review-overdue = "warning"` in its
  configuration;
- a warning when `reviewed` is a date after today (a typo: a review cannot have happened yet);
- info when the `scheme` block lacks `review every`, `reviewed` or both, since then nobody can
  tell when the review is due. A file without a `scheme` block (a draft, a fragment) is not
  checked.

**Fails**

```leads
scheme "Inbound leads" {
  owner "Status council"
  review every 90 days
  reviewed 2025-01-15
}
status New {
  initial
}
```

**Passes**

```leads
scheme "Inbound leads" {
  owner "Status council"
  review every 90 days
  reviewed 2026-10-01
}
status New {
  initial
}
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Option, Problem, Rule
from leadrules.model.common import Duration

RULE = Rule("LR601", "review-overdue", Severity.INFO, "governance",
            "The status council's review of the definitions is overdue",
            {"longest-interval-days": Option(92, "a `review every` longer than this many days "
                                             "is reported as info (the seed asks quarterly)")})

ADD = "add `review every 90 days` and `reviewed YYYY-MM-DD` (the last review) to the scheme block"


def due_date(ctx: Context, reviewed: dt.date, every: Duration) -> dt.date:
    """The day the next review is due: `reviewed` plus `review every`."""
    start = dt.datetime.combine(reviewed, dt.time(0))
    if every.business and ctx.calendar is not None:
        return ctx.calendar.advance(start, float(every.amount), every.unit, True).date()
    return (start + dt.timedelta(seconds=every.seconds)).date()


def check(ctx: Context) -> Iterator[Problem]:
    meta = ctx.scheme.meta
    if meta is None:
        return
    every, reviewed = meta.review_every, meta.reviewed
    if every is None or reviewed is None:
        missing = ("`review every` or `reviewed` line" if every is None and reviewed is None
                   else "`reviewed` line" if reviewed is None else "`review every` line")
        yield Problem(meta.span, f"the scheme block has no {missing}, so nobody can tell when "
                      "the status council's review of the definitions is due (seed 000: "
                      "review them quarterly)", help=ADD, subject="missing",
                      severity=Severity.INFO)
    if every is not None:
        days = ctx.elapsed(every)[1] / 86400
        longest = ctx.options["longest-interval-days"]
        if days > longest:
            yield Problem(meta.span, f"the council reviews the definitions every {every}, "
                          f"longer than {longest} days; seed 000 asks for a quarterly review",
                          help="review every 90 days, or raise `longest-interval-days` if "
                          "the council decided otherwise", subject="interval",
                          severity=Severity.INFO)
    if reviewed is None:
        return
    if reviewed > ctx.today:
        yield Problem(meta.span, f"`reviewed {reviewed}` is after today ({ctx.today}): a "
                      "review cannot have happened yet", help="write the date of the last "
                      "review that took place", subject="future", severity=Severity.WARNING)
        return
    if every is None:
        return
    due = due_date(ctx, reviewed, every)
    late = (ctx.today - due).days
    if late > 0:
        yield Problem(meta.span, f"the council review is overdue: last reviewed {reviewed}, "
                      f"due every {every}, so due on {due}, {late} day{'s' if late > 1 else ''} "
                      "ago", help="hold the review, then update `reviewed` to its date",
                      subject="overdue")
