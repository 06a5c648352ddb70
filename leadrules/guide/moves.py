"""Every way a lead leaves a status, with what makes the move — as the guide tells it.

A `Move` keeps the scheme line it comes from (a `Transition`, `Timer`, `DataRule` or
`StageSync`), so the guide can say who or what makes it: a rep's decision, an event, a delay,
data, or a stage change. Stage-sync moves come from the status graph, which knows from which
statuses a stage change can happen.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from leadrules.graph import build_graph
from leadrules.model.scheme import DataRule, Scheme, StageSync, Timer, Transition

KINDS = ("manual", "auto", "timer", "data", "stage-sync")


@attrs.frozen
class Move:
    """One way from `source` to `target`; `origin` is the line that allows it."""

    source: str
    target: str
    kind: str  # one of KINDS
    origin: Transition | Timer | DataRule | StageSync
    from_any: bool = False

    @property
    def automatic(self) -> bool:
        return self.kind != "manual"


def all_moves(scheme: Scheme) -> tuple[Move, ...]:
    """Every move of a resolved scheme: transitions in writing order, then each status's timers
    and data rules, then stage-sync moves."""
    return tuple(_moves(scheme))


def _moves(scheme: Scheme) -> Iterator[Move]:
    for t in scheme.transitions:
        for src in t.sources:
            yield Move(src.name, t.target.name, "manual" if t.manual else "auto", t,
                       from_any=t.from_any and src.span == t.span)
    for s in scheme.statuses:
        for timer in s.timers:
            if timer.target is not None:
                yield Move(s.name, timer.target.name, "timer", timer)
        for rule in s.rules:
            yield Move(s.name, rule.target.name, "data", rule)
    syncs = {sync.span: sync for sync in scheme.syncs}
    if syncs:
        for source, target, data in build_graph(scheme).edges(data=True):
            sync = syncs.get(data["span"])
            if data["kind"] == "stage-sync" and sync is not None:
                yield Move(source, target, "stage-sync", sync)
