"""The status graph: a networkx MultiDiGraph of statuses and every way a lead moves.

Nodes are status names (attributes: label, initial, outcome, locked, stages, span). Edges are
moves, keyed `"<kind>:<n>"`, with attributes:

- `kind`: `manual` | `auto` (on an event) | `timer` (after a delay) | `data` (when a condition
  holds) | `stage-sync` (a stage change sets the status)
- `event`, `condition`, `approval`, `approval_if`, `delay` (a `Duration`), `without_activity`,
  `from_any` (written as `transition any -> X`), `span`.

`G.graph["stages"]` holds the stage order beside the graph; `G.graph["scheme"]` the scheme.
Linting, rendering and simulation all start from this graph.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from leadrules.gcpause import gc_paused
from leadrules.model.common import condition_text
from leadrules.model.scheme import Scheme, Status
from leadrules.resolve.scheme import resolve_scheme

EDGE_KINDS = ("manual", "auto", "timer", "data", "stage-sync")


def build_graph(scheme: Scheme) -> nx.MultiDiGraph:
    """The status graph of a scheme (resolving it first if needed)."""
    scheme = resolve_scheme(scheme)
    with gc_paused():
        return _build(scheme)


def _build(scheme: Scheme) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name=scheme.meta.name if scheme.meta else scheme.path,
                        stages=scheme.stage_order, scheme=scheme)
    for s in scheme.statuses:
        g.add_node(s.name, label=s.display, initial=s.initial, outcome=s.outcome,
                   locked=s.locked, stages=tuple(r.name for r in s.stages), span=s.span)
    counter = 0

    def edge(source: str, target: str, kind: str, **attrs: Any) -> None:
        nonlocal counter
        base = dict(event=None, condition=None, approval=None, approval_if=None, delay=None,
                    without_activity=False, from_any=False)
        base.update(attrs)
        g.add_edge(source, target, key=f"{kind}:{counter}", kind=kind, **base)
        counter += 1

    for t in scheme.transitions:
        for src in t.sources:
            edge(src.name, t.target.name, "manual" if t.manual else "auto",
                 event=t.event.name if t.event else None,
                 condition=condition_text(t.requires) if t.requires else None,
                 approval=t.approve.name if t.approve else None,
                 approval_if=condition_text(t.approve_if) if t.approve_if else None,
                 # sources expanded from `any` carry the transition's own span
                 from_any=t.from_any and src.span == t.span, span=t.span)
    for s in scheme.statuses:
        for timer in s.timers:
            if timer.target is not None:
                edge(s.name, timer.target.name, "timer", delay=timer.delay,
                     without_activity=timer.without_activity,
                     condition=condition_text(timer.when) if timer.when else None,
                     span=timer.span)
        for rule in s.rules:
            edge(s.name, rule.target.name, "data", condition=condition_text(rule.when),
                 span=rule.span)
    order = {name: i for i, name in enumerate(scheme.stage_order)}
    for sync in scheme.syncs:
        index = order[sync.stage.name]
        for s in scheme.statuses:
            if s.locked or s.name == sync.status.name:
                continue
            if _can_sync(s, index, order, sync.kind):
                edge(s.name, sync.status.name, "stage-sync",
                     event=f"stage {'becomes' if sync.kind == 'becomes' else 'returns to'} "
                     f"{sync.stage.name}", span=sync.span)
    return g


def _can_sync(status: Status, index: int, order: dict[str, int], kind: str) -> bool:
    """Whether a lead in `status` can be in a stage from which the stage change happens:
    an earlier stage for `becomes`, a later one for `returns to` (any stage when the status
    names none)."""
    stages = [order[r.name] for r in status.stages if r.name in order] or list(order.values())
    return any(i < index for i in stages) if kind == "becomes" else any(i > index for i in stages)
