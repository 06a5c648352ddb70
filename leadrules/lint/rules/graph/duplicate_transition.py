"""Duplicate transition: the same move written twice.

**Why it matters.** Every move should be written once, where the council can review it
(seed 000: document which transitions are automatic and which need human judgement). A move
written twice is clutter at best; at worst the two lines disagree — one asks for a manager's
approval and the other does not ("a high-value lead moving to Unqualified needs manager
approval", seed 000) — and nobody can say which applies. The common slip is a general line and
a specific one: `transition any -> Lost manual` plus `transition New -> Lost manual`, where
`any` already includes New.

**Options.** None. Two transitions are the same move when they have the same source, the same
target and the same kind (both `manual`, or both automatic on the same event), whether the
source is named or comes from `any`; a status named twice in one transition counts too. Two
timers (same delay, counted the same way, same `when`) or two data rules (same condition) in
one status with the same target are duplicates as well. The later line is reported, naming
the line of the first; the message says when their conditions or approvals differ.

**Fails**

```leads
status New {
  initial
}
status Working {}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> Working manual
transition Working -> Won manual
transition any -> Lost manual
transition New -> Lost manual
```

**Passes**

```leads
status New {
  initial
}
status Working {}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> Working manual
transition Working -> Won manual
transition any -> Lost manual
transition New -> Lost on unsubscribed auto
```
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator

from leadrules.errors import Severity, Span
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.graph._common import names, written
from leadrules.model.common import Ref, condition_text
from leadrules.model.scheme import DataRule, Timer, Transition

RULE = Rule("LR109", "duplicate-transition", Severity.WARNING, "graph",
            "The same move written twice (often once by name and once through `any`)")


def check(ctx: Context) -> Iterator[Problem]:
    found = [*_transitions(ctx), *_body_moves(ctx)]
    found.sort(key=lambda p: (p.span.line, p.span.column))
    yield from found


def _kind(t: Transition) -> str:
    return "manual" if t.event is None else f"on {t.event.name}"


def _written(t: Transition, src: Ref) -> bool:
    """The source is named in the text (not added by `any`)."""
    return not (t.from_any and src.span == t.span)


def _transitions(ctx: Context) -> Iterator[Problem]:
    first: dict[tuple[str, str, str | None], tuple[Transition, Ref]] = {}
    pairs: dict[tuple[int, int, bool, bool], tuple[Transition, Transition, list[Ref]]] = {}
    for t in ctx.scheme.transitions:
        for src in t.sources:
            key = (src.name, t.target.name, t.event.name if t.event else None)
            if key not in first:
                first[key] = (t, src)
                continue
            earlier, earlier_src = first[key]
            # split by how each side got the source, so one message fits all its sources
            pair = (id(earlier), id(t), _written(earlier, earlier_src), _written(t, src))
            if pair not in pairs:
                pairs[pair] = (earlier, t, [])
            pairs[pair][2].append(src)
    for (_, _, earlier_written, later_written), (earlier, later, sources) in pairs.items():
        who = _who([s.name for s in sources])
        move = f"{who} → '{later.target.name}' ({_kind(later)})"
        line = earlier.span.line
        if earlier is later:
            message = f"this transition names {who} twice"
        elif not later_written:
            message = f"`any` on this line includes {move}, already allowed on line {line}"
        elif not earlier_written:
            message = (f"{move} is already allowed on line {line} by "
                       f"`transition any -> {written(later.target.name)}`")
        else:
            message = f"{move} is already allowed on line {line}"
        if earlier is not later and _terms(earlier) != _terms(later):
            message += ("; the two lines ask for different conditions or approvals, so which "
                        "apply is unclear")
        span = sources[0].span if later_written else later.span
        yield Problem(span, message, help="write each move once: drop the repeated source, "
                      "or merge the two lines", subject=f"{sources[0].name}->"
                      f"{later.target.name}:{_kind(later)}")


def _terms(t: Transition) -> tuple[object, ...]:
    return (t.requires, t.approve, t.approve_if)


def _who(sources: list[str]) -> str:
    if len(sources) <= 3:
        return names(sources)
    return ", ".join(f"'{s}'" for s in sources[:3]) + f" and {len(sources) - 3} more"


def _body_moves(ctx: Context) -> Iterator[Problem]:
    for status in ctx.statuses:
        seen: dict[Hashable, Span] = {}
        lines: list[Timer | DataRule] = [*status.timers, *status.rules]
        for line in lines:
            if line.target is None:
                continue
            cond = line.when
            if isinstance(line, Timer):
                what = f"the timer after {line.delay}" + (
                    " without activity" if line.without_activity else "")
                kind = "timer"
                key: Hashable = (kind, line.target.name, line.delay, line.without_activity,
                                 cond)
            else:
                what, kind = "the data rule", "data"
                key = (kind, line.target.name, cond)
            if key not in seen:
                seen[key] = line.span
                continue
            when = f" when {condition_text(cond)}" if cond is not None else ""
            yield Problem(line.span, f"in '{status.name}', {what} to '{line.target.name}'"
                          f"{when} is already written on line {seen[key].line}",
                          help="remove one of the two lines",
                          subject=f"{status.name}->{line.target.name}:{kind}")
