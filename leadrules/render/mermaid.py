"""The diagram as a Mermaid `stateDiagram-v2`, which GitHub draws inside Markdown.

Mermaid's limits, and how they are met:

- State ids must be plain ASCII: statuses are `s0, s1, …` (declaration order), shown with
  `state "label" as s0` and description lines (`s0 : SLA 2 business hours`) drawn under it;
  markers are `a0` ("any status") and `y0, …` (stage changes). The title is front matter.
- Labels are escaped with Mermaid's entity codes (`#quot;`, `#59;` …): a quote would end the
  label and a `;` would end the statement.
- Stages are composite states holding their statuses' declarations; every transition is
  written after them, at the top level (Mermaid draws transitions across composite states
  only when no state is first named inside another one). Mermaid does not keep composite
  states in order, so a stage no status starts in is left out.
- Transitions cannot be styled one by one, so their labels say the kind: `on EVENT`,
  `manual`, `after 30 days`, `when COND`, `approval: …`. Outcomes, locked statuses and markers
  get classes (`classDef`).
"""

from __future__ import annotations

from leadrules.render import style as st
from leadrules.render.diagram import Diagram, Move, Node

CLASSES = {
    "won": f"fill:{st.WON_FILL},stroke:{st.WON_BORDER},color:#1b4d1f",
    "lost": f"fill:{st.LOST_FILL},stroke:{st.LOST_BORDER},color:#6b1414",
    "locked": "stroke-width:3px",
    "initial": "stroke-width:2px",
    "marker": f"fill:{st.MARKER_FILL},stroke:{st.MARKER_BORDER},stroke-dasharray:4 3",
    "sync": f"fill:#e0f2f1,stroke:{st.MOVES['stage-sync'].color},"
            f"color:{st.MOVES['stage-sync'].color}",
}


CODES = {"#": "#35;", '"': "#quot;", ";": "#59;", "<": "#lt;", ">": "#gt;", "%": "#37;",
         "\r": " ", "\n": " "}


def escape(text: str) -> str:
    """Text safe inside a quoted state label or after a transition's `:` (one pass, so
    the `;` of an entity code is never escaped again)."""
    return "".join(CODES.get(ch, ch) for ch in text)


def write(diagram: Diagram) -> str:
    """Mermaid text for a diagram: the same diagram gives the same bytes."""
    out = ["---", f'title: "{_yaml(diagram.title)}"', "---", "stateDiagram-v2",
           "  direction LR"]
    for band in diagram.bands:
        if all(n.kind == "empty" for n in diagram.nodes if n.band == band.index):
            continue  # an empty stage (see the module's docstring), with its note
        out.append(f'  state "{escape(band.title)}" as g{band.index} {{')
        out += [f"    {line}" for n in diagram.nodes
                if n.band == band.index and n.kind != "start" for line in _state(n)]
        out.append("  }")
    out += [f"  {line}" for n in diagram.nodes if n.band is None and n.kind != "start"
            for line in _state(n)]
    out += [f"  {_transition(m)}" for m in diagram.moves]
    used: dict[str, list[str]] = {}
    for n in diagram.nodes:
        for name in _classes(n):
            used.setdefault(name, []).append(n.id)
    for name, style in CLASSES.items():
        if name in used:
            out.append(f"  classDef {name} {style}")
    for name in CLASSES:
        if name in used:
            out.append(f"  class {','.join(used[name])} {name}")
    return "\n".join(out) + "\n"


def _yaml(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _state(n: Node) -> list[str]:
    """The state's declaration, then its description lines (drawn under a divider): the
    name when the label differs, outcome and locked on one line, then each badge."""
    out = [f'state "{escape(n.label)}" as {n.id}']
    if n.kind == "status":
        lines = [" · ".join(n.subtitle)] if n.subtitle else []
        out += [f"{n.id} : {escape(line)}" for line in [*lines, *n.badges]]
    return out


def _transition(m: Move) -> str:
    source = "[*]" if m.kind == "start" else m.source
    parts = list(m.lines)
    if m.kind == "manual":
        parts.insert(0, "manual")
    if m.approval:
        parts.append(m.approval)
    label = " · ".join(parts)
    return f"{source} --> {m.target}" + (f" : {escape(label)}" if label else "")


def _classes(n: Node) -> list[str]:
    if n.kind == "any":
        return ["marker"]
    if n.kind == "sync":
        return ["sync"]
    if n.kind != "status":
        return []
    out = [n.outcome] if n.outcome else []
    if n.locked:
        out.append("locked")
    if n.initial:
        out.append("initial")
    return out
