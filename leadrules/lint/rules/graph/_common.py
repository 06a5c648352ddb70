"""Helpers shared by the graph rules: every move of a scheme with its written conditions.

The status graph keeps conditions as text (for drawing); the automation rules need the
conditions themselves, to tell whether two of them can hold at once. `moves(ctx)` lists every
move once per source status, built once per lint run.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import attrs

from leadrules.errors import Span
from leadrules.lint.context import Context
from leadrules.lint.rules.graph._conditions import conjoin
from leadrules.model.common import All, Condition, Duration, condition_fields
from leadrules.model.scheme import Assignment, Status

_CACHE: weakref.WeakKeyDictionary[Context, tuple[Move, ...]] = weakref.WeakKeyDictionary()


@attrs.frozen(eq=False)
class Move:
    """One way a lead leaves `source` for `target`.

    `kind` is a graph edge kind (`manual`, `auto`, `timer`, `data`, `stage-sync`); `trigger` the
    event name of an automatic move, or `stage becomes S` / `stage returns to S` of a stage-sync
    move. `condition` is the move's own condition (`when …` of a data rule or timer, `requires`
    of a transition). `origin` is the line the move comes from (a Transition, Timer, DataRule
    or StageSync), so moves written once but leaving several statuses can be told apart.
    """

    source: str
    target: str
    kind: str
    origin: object
    span: Span
    trigger: str | None = None
    condition: Condition | None = None
    sets: frozenset[str] = frozenset()
    delay: Duration | None = None
    without_activity: bool = False
    from_any: bool = False

    @property
    def instant(self) -> bool:
        """A move that happens by itself, with no wait: data rules and zero-length timers."""
        return self.kind == "data" or (
            self.kind == "timer" and self.delay is not None and self.delay.amount == 0)


def moves(ctx: Context) -> tuple[Move, ...]:
    """Every move of the scheme, one per source status, transitions first (in writing order),
    then each status's timers and data rules, then stage-sync moves."""
    cached = _CACHE.get(ctx)
    if cached is None:
        cached = _CACHE[ctx] = tuple(_build(ctx))
    return cached


def _build(ctx: Context) -> Iterable[Move]:
    scheme = ctx.scheme
    for t in scheme.transitions:
        kind = "manual" if t.manual else "auto"
        for src in t.sources:
            yield Move(src.name, t.target.name, kind, t, src.span,
                       trigger=t.event.name if t.event else None, condition=t.requires,
                       from_any=t.from_any and src.span == t.span)
    for s in scheme.statuses:
        for timer in s.timers:
            if timer.target is not None:
                yield Move(s.name, timer.target.name, "timer", timer, timer.span,
                           condition=timer.when, sets=_set_fields(timer.sets),
                           delay=timer.delay, without_activity=timer.without_activity)
        for rule in s.rules:
            yield Move(s.name, rule.target.name, "data", rule, rule.span, condition=rule.when,
                       sets=_set_fields(rule.sets))
    syncs = {sync.span: sync for sync in scheme.syncs}
    for u, v, d in ctx.graph.edges(data=True):
        if d["kind"] == "stage-sync":
            yield Move(u, v, "stage-sync", syncs.get(d["span"], d["span"]), d["span"],
                       trigger=d["event"])


def _set_fields(sets: Iterable[Assignment]) -> frozenset[str]:
    return frozenset(a.field.name for a in sets)


def entry_sets(status: Status) -> frozenset[str]:
    """Fields the status's own `on enter { set … }` changes."""
    return _set_fields(a for a in status.on_enter if isinstance(a, Assignment))


def guard(ctx: Context, move: Move) -> Condition | None:
    """Everything that must hold for the move to happen: its own condition and the target's
    `requires`, leaving out the parts of `requires` about fields the move itself sets."""
    target = ctx.scheme.status_map.get(move.target)
    needed = target.requires if target is not None else None
    if needed is not None and move.sets:
        parts = needed.operands if isinstance(needed, All) else (needed,)
        kept = [p for p in parts if not {f.name for f in condition_fields(p)} & move.sets]
        needed = conjoin(*kept)
    return conjoin(move.condition, needed)


def line_of(move: Move) -> int:
    return move.span.line


def names(items: Iterable[str]) -> str:
    """Status names for a message: 'A', 'B' and 'C'."""
    quoted = [f"'{n}'" for n in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def written(name: str) -> str:
    """A status name as it must be written in a scheme line: bare when it can be, else quoted."""
    if name.isidentifier() and name != "any":
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
