"""What a diagram shows, before it is written as DOT or Mermaid.

`build()` turns a scheme (and optionally lint findings, a focus status and a locale) into
nodes, moves and bands. Both writers draw exactly this, so they always agree.

- Status nodes have ids `s0, s1, …` in declaration order (the same in a focused view), ASCII
  whatever the names are written in.
- `transition any -> X` is one move from the single "any status" node (`a0`), not one per
  status; a stage-sync rule is one move from a stage-change node (`y0, y1, …`, in the band of
  its target) — not one from every status the stage change can reach.
- The initial status has a move from the start node.
- With a focus, only that status and its neighbours are drawn, with the moves between the
  status and them: moves out of it (moves it makes through `any` and stage changes included,
  drawn from the status itself), and moves into it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import attrs

from leadrules.errors import Span
from leadrules.graph import build_graph
from leadrules.model.scheme import Scheme, Status
from leadrules.render import describe
from leadrules.render.bands import Band, band_of, bands
from leadrules.render.findings import Placed, place
from leadrules.render.focus import find_status

NodeKind = Literal["status", "start", "any", "sync", "empty"]
START, ANY = "start", "a0"
ANY_LABEL = "any status"
EMPTY_LABEL = "no status starts in this stage"
FROM_ANY = "(from any status)"


@attrs.frozen
class Node:
    """A box on the diagram: a status, or one of the markers (start, any, stage change, an
    empty band's note)."""

    id: str
    kind: NodeKind
    label: str
    band: int | None = None
    beside: str | None = None  # a marker drawn level with the status it leads to
    name: str | None = None  # a status's name
    subtitle: tuple[str, ...] = ()  # the name when the label differs, outcome, locked
    badges: tuple[str, ...] = ()  # SLAs and alerts
    initial: bool = False
    outcome: str | None = None
    locked: bool = False
    findings: tuple[str, ...] = ()  # lint tags, "LR403 no-timer"
    tooltip: str | None = None  # a status's definition


@attrs.frozen
class Move:
    """An arrow: its kind (a status-graph edge kind, or "start"), label lines, approval."""

    source: str
    target: str
    kind: str
    lines: tuple[str, ...] = ()
    approval: str | None = None
    findings: tuple[str, ...] = ()


@attrs.frozen
class Diagram:
    title: str
    bands: tuple[Band, ...]
    nodes: tuple[Node, ...]
    moves: tuple[Move, ...]
    focus: str | None = None  # the focused status's label
    focus_id: str | None = None
    linted: bool = False  # findings were given (even if none)
    elsewhere: tuple[str, ...] = ()  # lint tags of findings on no status or move

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of move drawn, in legend order."""
        present = {m.kind for m in self.moves}
        return tuple(k for k in ("auto", "manual", "timer", "data", "stage-sync")
                     if k in present)


def build(scheme: Scheme, *, findings: Iterable[Any] = (), focus: str | None = None,
          locale: str | None = None, lint: bool | None = None) -> Diagram:
    """The diagram of a scheme (resolved first if needed)."""
    graph = build_graph(scheme)
    scheme = graph.graph["scheme"]
    findings = tuple(findings)
    # in order of writing (networkx lists them by source status); stable for `A, B -> C`
    edges = sorted(graph.edges(keys=True, data=True),
                   key=lambda e: (e[3]["span"].line, e[3]["span"].column))
    spans = [d["span"] for *_, d in edges] + [s.span for s in scheme.syncs]
    placed = place(findings, scheme, spans)
    ids = {s.name: f"s{i}" for i, s in enumerate(scheme.statuses)}
    sync_ids = {sync.span: f"y{i}" for i, sync in enumerate(scheme.syncs)}
    builder = _Builder(scheme, ids, sync_ids, placed)
    focused = find_status(scheme, focus, locale) if focus is not None else None
    if focused is None:
        builder.everything(edges)
    else:
        builder.around(focused, edges)
    nodes, used_bands = builder.nodes(locale)
    all_bands = bands(scheme, locale)
    if focused is None:
        nodes += _empty_band_notes(all_bands, used_bands)
        shown = all_bands
    else:
        shown = tuple(b for b in all_bands if b.index in used_bands)
    title = _title(scheme)
    focus_label = scheme.status_map[focused].text("label", locale) if focused else None
    return Diagram(title, shown, tuple(nodes), tuple(builder.moves), focus_label,
                   ids[focused] if focused else None,
                   linted=bool(findings) if lint is None else lint,
                   elsewhere=placed.elsewhere)


class _Builder:
    """Collects the statuses, markers and moves to draw, in a fixed order."""

    def __init__(self, scheme: Scheme, ids: dict[str, str], sync_ids: dict[Span, str],
                 placed: Placed) -> None:
        self.scheme, self.ids, self.sync_ids, self.placed = scheme, ids, sync_ids, placed
        self.statuses: set[str] = set()
        self.syncs: list[str] = []  # sync node ids, in order of first use
        self.any = False
        self.moves: list[Move] = []
        self.seen: set[Any] = set()

    def everything(self, edges: list[tuple[Any, ...]]) -> None:
        self.statuses = set(self.ids)
        for source, target, _key, d in edges:
            if d["kind"] == "stage-sync":
                continue
            if d["from_any"]:
                self.from_any(target, d)
            else:
                self.move(self.ids[source], target, d)
        for sync in self.scheme.syncs:
            self.from_sync(sync.span, sync.status.name)

    def around(self, name: str, edges: list[tuple[Any, ...]]) -> None:
        self.statuses = {name}
        for source, target, _key, d in edges:
            if source == name:
                self.statuses.add(target)
                extra = (FROM_ANY,) if d["from_any"] else ()
                self.move(self.ids[name], target, d, extra)
            elif target == name:
                if d["kind"] == "stage-sync":
                    self.from_sync(d["span"], name)
                elif d["from_any"]:
                    self.from_any(name, d)
                else:
                    self.statuses.add(source)
                    self.move(self.ids[source], name, d)

    def move(self, source: str, target: str, d: dict[str, Any],
             extra: tuple[str, ...] = ()) -> None:
        self.moves.append(Move(source, self.ids[target], d["kind"],
                               describe.move_lines(d) + extra, describe.approval_line(d),
                               self.placed.moves.get(d["span"], ())))

    def from_any(self, target: str, d: dict[str, Any]) -> None:
        if ("any", d["span"]) in self.seen:
            return
        self.seen.add(("any", d["span"]))
        self.any = True
        self.move(ANY, target, d)

    def from_sync(self, span: Span, target: str) -> None:
        node = self.sync_ids[span]
        if node in self.syncs:
            return
        self.syncs.append(node)
        self.moves.append(Move(node, self.ids[target], "stage-sync",
                               findings=self.placed.moves.get(span, ())))

    def nodes(self, locale: str | None) -> tuple[list[Node], set[int]]:
        """Every node to draw, and the bands they sit in."""
        scheme = self.scheme
        out: list[Node] = []
        shown = [s for s in scheme.statuses if s.name in self.statuses]
        initial = [s for s in shown if s.initial]
        if initial:
            out.append(Node(START, "start", "", band_of(initial[0], scheme)))
            self.moves[:0] = [Move(START, self.ids[s.name], "start")
                              for s in shown if s.initial]
        out += [self.status(s, locale) for s in shown]
        if self.any:
            out.append(Node(ANY, "any", ANY_LABEL))
        for i, sync in enumerate(scheme.syncs):
            node = f"y{i}"
            if node in self.syncs:
                verb = "becomes" if sync.kind == "becomes" else "returns to"
                target = scheme.status_map[sync.status.name]
                out.append(Node(node, "sync", f"stage {verb} {sync.stage.name}",
                                band_of(target, scheme), beside=self.ids[target.name]))
        return out, {n.band for n in out if n.band is not None}

    def status(self, s: Status, locale: str | None) -> Node:
        label = s.text("label", locale) or s.name
        subtitle = ((s.name,) if label != s.name else ()) + \
            ((f"outcome {s.outcome}",) if s.outcome else ()) + (("locked",) if s.locked else ())
        return Node(self.ids[s.name], "status", label, band_of(s, self.scheme), name=s.name,
                    subtitle=subtitle, badges=describe.badges(s),
                    initial=s.initial, outcome=s.outcome, locked=s.locked,
                    findings=self.placed.statuses.get(s.name, ()),
                    tooltip=s.text("means", locale))


def _empty_band_notes(all_bands: tuple[Band, ...], used: set[int]) -> list[Node]:
    return [Node(f"e{b.index}", "empty", EMPTY_LABEL, b.index)
            for b in all_bands if b.index not in used]


def _title(scheme: Scheme) -> str:
    if scheme.meta is None:
        return Path(scheme.path).stem
    version = f" (version {scheme.meta.version})" if scheme.meta.version else ""
    return scheme.meta.name + version
