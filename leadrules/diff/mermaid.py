"""The change drawn: the new scheme's Mermaid diagram with what changed marked.

The new scheme is drawn by `leadrules.render.mermaid` (same ids, bands and labels as
`leadrules render -o x.mmd`); then:

- added statuses get the class `added` (green, thick border), statuses with a behavioural or
  breaking change the class `changed` (amber), and a renamed status a badge "renamed from X";
- removed statuses are drawn again (ids `r0, r1, …`, outside the stage bands) with the class
  `removed` — dashed red border, label struck through — and, when a `migrate` line sends their
  leads on, an arrow labelled `migrate` to where they go;
- Mermaid cannot style one transition, so moves say it in their label: `NEW`, `CHANGED`
  (same ends and kind, other event, delay, condition or approval), or `REMOVED` for a move the
  old scheme had (drawn again between the statuses that are left).

Moves are compared as the diagrams draw them (ends, kind, label lines), with old names mapped
through the status pairing, so a rename alone marks nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from leadrules.diff.model import ChangeClass
from leadrules.diff.result import DiffReport
from leadrules.render import mermaid as base
from leadrules.render.diagram import ANY, Diagram, Move, Node, build

CLASSES = {
    "added": "fill:#dafbe1,stroke:#1a7f37,stroke-width:3px,color:#0f3d1c",
    "changed": "fill:#fff8c5,stroke:#9a6700,stroke-width:3px,color:#4d2d00",
    "removed": "fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 4,"
               "color:#82071e,text-decoration:line-through",
}
STATUS_AREAS = ("status", "requires", "action", "sla", "timer", "rule")

MoveKey = tuple[str, str, str]  # source name, target name, kind (manual and auto: "move")


def write(report: DiffReport) -> str:
    """Mermaid `stateDiagram-v2` text for the change (same report, same bytes)."""
    p = report.diff.pairing
    new_d = build(report.new)
    old_d = build(report.old) if report.old.statuses else None
    names_new = _names(new_d)
    ids_new = {v: k for k, v in names_new.items()}

    def old_to_new(name: str) -> str:
        return p.to_new(name) or name

    changed = {c.subject for c in report.diff.changes
               if c.area in STATUS_AREAS and c.cls is not ChangeClass.COSMETIC}
    renamed_from = {new: old for old, new in p.renamed.items()}
    nodes: list[Node] = []
    marks: dict[str, list[str]] = {"added": [], "changed": [], "removed": []}
    for n in new_d.nodes:
        if n.kind == "status" and n.name is not None:
            if n.name in p.added:
                marks["added"].append(n.id)
            elif n.name in changed or n.name in renamed_from:
                marks["changed"].append(n.id)
            if n.name in renamed_from:
                n = attrs.evolve(n, badges=(f"renamed from {renamed_from[n.name]}", *n.badges))
        nodes.append(n)
    extra: list[Move] = []
    gone = [*p.removed, *p.merged]
    removed_ids: dict[str, str] = {}
    if old_d is not None:
        for i, name in enumerate(s.name for s in report.old.statuses if s.name in gone):
            old = report.old.status_map[name]
            rid = f"r{i}"
            removed_ids[name] = rid
            where = f"merged into {p.merged[name]}" if name in p.merged else "removed"
            nodes.append(Node(rid, "status", old.display, None, name=name,
                              subtitle=((name,) if old.display != name else ()) + (where,)))
            marks["removed"].append(rid)
            if name in p.merged and p.merged[name] in ids_new:
                extra.append(Move(rid, ids_new[p.merged[name]], "data", ("migrate",)))
    old_moves: dict[MoveKey, list[Move]] = {}
    if old_d is not None:
        names_old = _names(old_d)
        for m in old_d.moves:
            key = _key(m, names_old, old_to_new)
            if key is not None:
                old_moves.setdefault(key, []).append(m)
    moves: list[Move] = []
    for m in new_d.moves:
        key = _key(m, names_new, lambda n: n)
        if key is None or old_d is None:
            moves.append(m)
            continue
        olds = old_moves.get(key, [])
        same = next((o for o in olds if _same(o, m)), None)
        if same is not None:
            olds.remove(same)
            moves.append(m)
        elif olds:
            olds.pop(0)
            moves.append(attrs.evolve(m, lines=("CHANGED", *m.lines)))
        else:
            moves.append(attrs.evolve(m, lines=("NEW", *m.lines)))
    ids_all = {**ids_new, **removed_ids}
    has_any = any(n.id == ANY for n in nodes)
    for (src, tgt, _kind), olds in old_moves.items():
        for o in olds:
            if src in removed_ids or tgt in removed_ids:
                continue  # the removed status is drawn with its migration, not its old moves
            if src == "any" and not has_any:
                nodes.append(Node(ANY, "any", "any status"))
                has_any = True
            source = ANY if src == "any" else ids_all.get(src)
            target = ids_all.get(tgt)
            if source is None or target is None:
                continue
            extra.append(attrs.evolve(o, source=source, target=target,
                                      lines=("REMOVED", *o.lines)))
    diagram = attrs.evolve(new_d, nodes=tuple(nodes), moves=tuple(moves + extra))
    text = base.write(diagram)
    lines = [f"  classDef {name} {style}" for name, style in CLASSES.items() if marks[name]]
    lines += [f"  class {','.join(ids)} {name}" for name, ids in marks.items() if ids]
    return text + "\n".join(lines) + ("\n" if lines else "")


def _names(d: Diagram) -> dict[str, str]:
    """Node id → what the diff compares it by: a status name, `any`, or the marker's label."""
    out = {}
    for n in d.nodes:
        if n.kind == "status" and n.name is not None:
            out[n.id] = n.name
        elif n.kind == "any":
            out[n.id] = "any"
        elif n.kind == "sync":
            out[n.id] = f"sync:{n.label}"
    return out


def _key(m: Move, names: dict[str, str], mapped: Callable[[str], str]) -> MoveKey | None:
    if m.kind == "start":
        target = names.get(m.target)
        return ("[*]", mapped(target), "start") if target else None
    src, tgt = names.get(m.source), names.get(m.target)
    if src is None or tgt is None:
        return None
    src = src if src == "any" or src.startswith("sync:") else mapped(src)
    # a rep's move that became automatic (or back) is the same move, changed
    return (src, mapped(tgt), "move" if m.kind in ("manual", "auto") else m.kind)


def _same(a: Move, b: Move) -> bool:
    return (a.kind, a.lines, a.approval) == (b.kind, b.lines, b.approval)
