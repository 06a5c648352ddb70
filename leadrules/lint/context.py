"""What rules look at: the resolved scheme, its graph, and derived facts computed once.

Rules share one `Context` per scheme. Expensive facts (what is reachable from the initial
status, which statuses can still reach an outcome, the calendar-time bounds of a business
duration) are cached properties, so thirty rules do not walk the graph thirty times.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from leadrules.errors import Span
from leadrules.model.common import Duration
from leadrules.model.scheme import Scheme, Status
from leadrules.resolve.scheme import calendar_engine

MOVE_KINDS = frozenset({"manual", "auto", "timer", "data", "stage-sync"})
WEEK = 7 * 86400


class Context:
    """Everything a rule may read. `options` holds the running rule's effective options."""

    def __init__(self, scheme: Scheme, graph: nx.MultiDiGraph, *,
                 today: dt.date | None = None, words: Mapping[str, Iterable[str]] = {}) -> None:
        self.scheme = scheme
        self.graph = graph
        self.today = today or dt.date.today()
        self.extra_words = {k: tuple(v) for k, v in words.items()}
        self.options: dict[str, Any] = {}

    # -- statuses --------------------------------------------------------------------------
    @property
    def statuses(self) -> tuple[Status, ...]:
        return self.scheme.statuses

    def status(self, name: str) -> Status:
        return self.scheme.status_map[name]

    def span_of(self, name: str) -> Span:
        """Where a status is declared."""
        return self.scheme.status_map[name].span

    @functools.cached_property
    def initial(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.scheme.statuses if s.initial)

    @functools.cached_property
    def outcomes(self) -> frozenset[str]:
        return frozenset(s.name for s in self.scheme.statuses if s.outcome)

    @functools.cached_property
    def reachable(self) -> frozenset[str]:
        """Statuses a lead can get to from an initial status (the initial ones included)."""
        seen: set[str] = set()
        for start in self.initial:
            seen.add(start)
            seen.update(nx.descendants(self.graph, start))
        return frozenset(seen)

    @functools.cached_property
    def reaches_outcome(self) -> frozenset[str]:
        """Statuses from which some sequence of moves ends in an outcome status."""
        seen: set[str] = set(self.outcomes)
        for name in self.outcomes:
            seen.update(nx.ancestors(self.graph, name))
        return frozenset(seen)

    def moves_out(self, name: str, kinds: Iterable[str] = MOVE_KINDS) -> list[dict[str, Any]]:
        """Edge data of the moves leaving `name` (self-loops included), in graph order."""
        wanted = set(kinds)
        return [dict(d, target=v) for _, v, d in self.graph.out_edges(name, data=True)
                if d["kind"] in wanted]

    def moves_in(self, name: str, kinds: Iterable[str] = MOVE_KINDS) -> list[dict[str, Any]]:
        wanted = set(kinds)
        return [dict(d, source=u) for u, _, d in self.graph.in_edges(name, data=True)
                if d["kind"] in wanted]

    # -- stages ----------------------------------------------------------------------------
    @functools.cached_property
    def stage_index(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.scheme.stage_order)}

    def stages_of(self, status: Status) -> list[int]:
        """Indexes of the stages a status may be in (every stage when it names none)."""
        named = [self.stage_index[r.name] for r in status.stages if r.name in self.stage_index]
        return named or list(self.stage_index.values())

    # -- time ------------------------------------------------------------------------------
    @functools.cached_property
    def calendar(self) -> Any:
        model = self.scheme.business_calendar_model
        return calendar_engine(model) if model is not None else None

    @functools.cache  # noqa: B019 - one Context per lint run, dropped with it
    def elapsed(self, duration: Duration) -> tuple[float, float]:
        """The least and most calendar seconds a duration can take from entry, over every
        entry time in two sampled weeks (business time depends on when the clock starts)."""
        if not duration.business or self.calendar is None:
            return (duration.seconds, duration.seconds)
        cal = self.calendar
        start = cal.to_ts(dt.datetime(2026, 3, 2))  # a Monday; two weeks of half hours
        amount, unit = float(duration.amount), duration.unit
        spans = [cal.advance_ts(start + k * 1800, amount, unit, True) - (start + k * 1800)
                 for k in range(2 * WEEK // 1800)]
        return (min(spans), max(spans))

    # -- words -----------------------------------------------------------------------------
    def words(self, kind: str, base: Iterable[str]) -> frozenset[str]:
        """A lexicon with the words the configuration adds to it, case-folded."""
        return frozenset(w.casefold() for w in (*base, *self.extra_words.get(kind, ())))
