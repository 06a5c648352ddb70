"""Ambiguous automation: one trigger moves the same lead to two different statuses.

**Why it matters.** Automation should be predictable: the scheme documents which moves are
automatic (seed 000), and reps must be able to trust that "reply received" always means
Connected. When one event, one moment in time or one data change can move a lead from the
same status to two different places, which one wins is undefined: it depends on the order
the CRM happens to run its workflows, so two identical leads end in different statuses and
nobody can explain the reports.

**Options.** None. Reported, per pair of lines, on the later one: from one status,

- two automatic transitions on the same event (`on reply auto`),
- two data rules (`when … -> …`),
- two timers with the same delay counted the same way (`after 30 days`, or both
  `without activity`),
- two stage-sync rules for the same stage change (`when stage becomes SQL -> …`),

going to different statuses, unless their conditions clearly exclude each other. A move's
condition is its own (`when …`, or a transition's `requires`) together with the target's
`requires` (minus what the move `set`s). Clearly exclusive are: `f = a` / `f = b`, `f = a` /
`f != a`, `in (…)` lists with no common value, ranges that do not meet (`x >= 10` / `x < 10`,
`last_contact > 30 days` / `last_contact < 7 days`), `c` / `not c`, a comparison / `not f`,
and any `and` containing one of these. Anything else may overlap.

**Fails**

```leads
field priority choice(A, B, C)
status New {
  initial
}
status Qualified {
  when priority = C -> Cold
  when priority in (B, C) -> Nurture
}
status Cold {}
status Nurture {}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> Qualified manual
transition Qualified, Cold, Nurture -> Won manual
transition any -> Lost manual
```

**Passes**

```leads
field priority choice(A, B, C)
status New {
  initial
}
status Qualified {
  when priority = C -> Cold
  when priority = B -> Nurture
}
status Cold {}
status Nurture {}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> Qualified manual
transition Qualified, Cold, Nurture -> Won manual
transition any -> Lost manual
```
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.graph._common import Move, guard, moves, names
from leadrules.lint.rules.graph._conditions import exclusive

RULE = Rule("LR108", "ambiguous-automation", Severity.WARNING, "graph",
            "One event, timer delay or data change moves a lead to two different statuses")


def trigger_key(move: Move) -> Hashable | None:
    """What fires the move, when it is automatic: moves with equal keys fire together."""
    if move.kind in ("auto", "stage-sync"):
        return (move.kind, move.trigger)
    if move.kind == "data":
        return ("data",)
    if move.kind == "timer" and move.delay is not None:
        d = move.delay
        return ("timer", move.without_activity, d.business, d.unit if d.business else "",
                d.seconds)
    return None


def check(ctx: Context) -> Iterator[Problem]:
    # Moves fired together: by event or stage change across all statuses (one line may move
    # many), by data change or timer delay within one status. Inside a group, lines are
    # compared pairwise once, and the statuses they share are the ones left in doubt.
    groups: dict[Hashable, dict[int, list[Move]]] = {}
    for move in moves(ctx):
        key = trigger_key(move)
        if key is None or move.target == move.source:
            continue
        if move.kind in ("data", "timer"):
            key = (move.source, key)
        groups.setdefault(key, {}).setdefault(id(move.origin), []).append(move)
    fields = ctx.scheme.field_map
    found: list[Problem] = []
    for group in groups.values():
        if len(group) < 2:
            continue
        lines = sorted(group.values(), key=lambda ms: (ms[0].span.line, ms[0].span.column))
        for first, later in itertools.combinations(lines, 2):
            a, b = first[0], later[0]
            if a.target == b.target or exclusive(guard(ctx, a), guard(ctx, b), fields):
                continue
            theirs = {m.source: m for m in later}
            shared = [m.source for m in first if m.source in theirs]
            if shared:
                found.append(_problem(a, theirs[shared[0]], shared))
    found.sort(key=lambda p: (p.span.line, p.span.column))
    yield from found


def _problem(a: Move, b: Move, sources: list[str]) -> Problem:
    who = names(sources) if len(sources) <= 3 else ", ".join(
        f"'{s}'" for s in sources[:3]) + f" and {len(sources) - 3} more"
    both = f"to '{a.target}' (line {a.span.line}) and to '{b.target}'"
    if a.kind == "auto":
        what = f"the event '{a.trigger}' moves leads in {who} both {both}"
    elif a.kind == "stage-sync":
        what = f"'{a.trigger}' sets leads in {who} both {both}"
    elif a.kind == "data":
        what = f"in {who}, data rules move leads both {both}, and both can apply at once"
    else:
        delay = str(a.delay) + (" without activity" if a.without_activity else "")
        what = f"in {who}, two timers fire after {delay}, moving leads both {both}"
    if a.kind == "stage-sync":
        help_ = "keep one status per stage change"
    elif a.kind == "timer":
        help_ = ("give the timers different delays, or `when` conditions that exclude each "
                 "other (for instance `when f = a` and `when f = b`)")
    else:
        help_ = ("make the conditions exclude each other (for instance `f = a` and `f = b`), "
                 "or keep one of the moves")
    return Problem(
        b.span, f"{what}: which one wins is undefined", help=help_,
        subject=f"{a.source}:{a.trigger or a.kind}:{a.target}|{b.target}")
