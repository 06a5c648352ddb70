"""Short status: a status every lead leaves at once, or within minutes, by automation.

**Why it matters.** Statuses are meaningful, lasting stages of work with a lead (seed 003).
"Proposal prepared" followed minutes later by "Proposal sent" is the seed's example of what
is wrong: preparing takes days, sending takes five minutes, so the lead sits in one of the two
for minutes and the rep has to change the status twice for one piece of work. Such a status
clutters the picker (5–7 statuses is the optimum, seed 003), its time-in-status numbers mean
nothing, and the step belongs in a task.

**Options.**
- `min-minutes` (default 15): a timer that moves every lead on sooner than this makes the
  status short.

Reported, on the move that makes the status short, for a status that is not an outcome and
not locked:

- a data rule (`when COND -> X`) whose condition always holds on entry: it follows from the
  status's own `requires`, together with the values its own `on enter { set … }` gives (for
  instance `requires attempts >= 3` and `when attempts >= 1 -> X`), and the target's
  `requires` follows too (or is filled by the rule's `set`). The rule fires the moment a lead
  arrives, so no lead ever stays;
- a timer counted from entry with no `when` (`after D -> X`) where D is shorter than
  `min-minutes` (or zero): every lead leaves within D, whatever else may move it earlier;
- a timer counted from the last activity with no `when` (`after D without activity -> X`),
  D shorter than `min-minutes` (or zero), when it is the status's only way out.

Business durations count open time (`10 business minutes` is short).

**Fails**

```leads
field proposal_doc text
status New {
  initial
}
status "Proposal prepared" {
  requires proposal_doc
  after 10 minutes -> "Proposal sent"
}
status "Proposal sent" {}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> "Proposal prepared" manual
transition "Proposal sent" -> Won manual
transition any -> Lost manual
```

**Passes**

```leads
field proposal_doc text
status New {
  initial
}
status Proposal {
  means "Preparing and sending the offer: one stage of work."
}
status "Proposal sent" {
  requires proposal_doc
}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> Proposal manual
transition Proposal -> "Proposal sent" manual
transition "Proposal sent" -> Won manual
transition any -> Lost manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Option, Problem, Rule
from leadrules.lint.rules.graph._common import entry_sets, written
from leadrules.lint.rules.graph._conditions import conjoin, implies
from leadrules.model.common import All, Compare, Condition, condition_fields, condition_text
from leadrules.model.scheme import Assignment, DataRule, Status, Timer

RULE = Rule("LR110", "short-status", Severity.WARNING, "graph",
            "A status every lead leaves at once or within minutes: a task, not a stage",
            {"min-minutes": Option(15, "a timer moving every lead on sooner than this many "
                                       "minutes makes the status short")})


def check(ctx: Context) -> Iterator[Problem]:
    limit = ctx.options["min-minutes"] * 60
    for status in ctx.statuses:
        if status.outcome is not None or status.locked:
            continue
        problem = _instant_rule(ctx, status) or _short_timer(ctx, status, limit)
        if problem is not None:
            yield problem


def facts(status: Status) -> Condition | None:
    """What is known about every lead on entry: the status's `requires` (except parts about
    fields its `on enter` sets) and the values `on enter { set … }` gives."""
    changed = entry_sets(status)
    parts: list[Condition | None] = []
    req = status.requires
    for part in (req.operands if isinstance(req, All) else (req,)) if req else ():
        if not {f.name for f in condition_fields(part)} & changed:
            parts.append(part)
    for action in status.on_enter:
        if isinstance(action, Assignment):
            parts.append(Compare(action.field, "=", action.value, span=action.span))
    return conjoin(*parts)


def _instant_rule(ctx: Context, status: Status) -> Problem | None:
    known = facts(status)
    if known is None:
        return None
    fields = ctx.scheme.field_map
    for rule in status.rules:
        if rule.target.name == status.name or not implies(known, rule.when, fields):
            continue
        if not _target_allows(ctx, rule, conjoin(known, rule.when)):
            continue
        reasons = [*(["its `requires`"] if status.requires else []),
                   *(["its `on enter { set … }`"] if any(
                       isinstance(a, Assignment) for a in status.on_enter) else [])]
        verb = "make" if len(reasons) > 1 else "makes"
        return Problem(
            rule.span, f"every lead leaves '{status.name}' the moment it arrives: "
            f"{' and '.join(reasons)} already {verb} the rule "
            f"`when {condition_text(rule.when)} -> {written(rule.target.name)}` true",
            help=f"move leads straight to '{rule.target.name}' and drop "
            f"'{status.name}', or change the rule's condition", subject=status.name)
    return None


def _target_allows(ctx: Context, rule: DataRule, known: Condition | None) -> bool:
    """The target's `requires` holds after the move (apart from what the rule sets)."""
    target = ctx.scheme.status_map.get(rule.target.name)
    needed = target.requires if target is not None else None
    if needed is None:
        return True
    setting = {a.field.name for a in rule.sets}
    parts = needed.operands if isinstance(needed, All) else (needed,)
    fields = ctx.scheme.field_map
    return all(implies(known, p, fields) or {f.name for f in condition_fields(p)} <= setting
               for p in parts)


def _short_timer(ctx: Context, status: Status, limit: float) -> Problem | None:
    for timer in status.timers:
        if timer.target is None or timer.when is not None or timer.target.name == status.name:
            continue
        if not (timer.delay.amount == 0 or timer.delay.seconds < limit):
            continue
        target = timer.target.name
        if not timer.without_activity:
            when = "at once" if timer.delay.amount == 0 else f"within {timer.delay}"
            return Problem(
                timer.span, f"every lead leaves '{status.name}' {when} "
                f"(`after {timer.delay} -> {written(target)}`): a status that lasts minutes "
                "is a step of work, not a stage", help=_help(status, target), subject=status.name)
        if _only_way_out(ctx, status, timer):
            return Problem(
                timer.span, f"'{status.name}' lasts {timer.delay} after the last activity and "
                f"this timer to '{target}' is its only way out: a status that lasts minutes "
                "is a step of work, not a stage", help=_help(status, target),
                subject=status.name)
    return None


def _only_way_out(ctx: Context, status: Status, timer: Timer) -> bool:
    others = [d for _, v, d in ctx.graph.out_edges(status.name, data=True)
              if v != status.name and d["span"] != timer.span]
    return not others


def _help(status: Status, target: str) -> str:
    return (f"merge '{status.name}' with '{target}' (or with the status before it) and keep "
            "the step as a task")
