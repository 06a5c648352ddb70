"""The diagram as Graphviz DOT text.

Layout, left to right (`rankdir=LR`):

- Each stage is a cluster (a band). Dot would neither keep clusters in journey order nor stop
  one from sliding under another, so `layers.ranks` gives every banded node its column and
  the DOT pins them: one `rank=same` group per column, and an invisible edge (weight 0: it
  fixes the order and pulls nothing) from each column to the next.
- A move to an earlier column is written the other way round with `dir=back`, so its arrow
  still points at its target while dot lays it out like the forward moves, right to left,
  label in place, instead of looping it around the bands.
- A band's title is a node in its first column, drawn after the edges
  (`outputorder=edgesfirst`), so no line crosses its text; heavy invisible edges from title
  to title line the titles up, so the bands stand side by side like columns of a table (the
  titles above the bands, or below them when the moves leave more room there).
- The diagram's title and its legend are one HTML table above the drawing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import attrs

from leadrules.render import describe, layers
from leadrules.render import style as st
from leadrules.render.bands import Band
from leadrules.render.diagram import Diagram, Move, Node
from leadrules.render.findings import summary


@attrs.frozen
class Html:
    """An HTML-like label, written between `<` and `>` instead of quotes."""

    text: str


Attrs = dict[str, "str | Html"]


def write(diagram: Diagram) -> str:
    """DOT text for a diagram: the same diagram gives the same bytes."""
    out = ["digraph leadrules {",
           f"  graph [{_attrs(dict(st.GRAPH_ATTRS))}]",
           f"  node [{_attrs(dict(st.NODE_ATTRS))}]",
           f"  edge [{_attrs(dict(st.EDGE_ATTRS))}]",
           f"  {_attrs({'labelloc': 't', 'labeljust': 'l', 'label': Html(_header(diagram))})}"]
    rank = layers.ranks(diagram)
    for band in diagram.bands:
        out += _cluster(band, [n for n in diagram.nodes if n.band == band.index], rank,
                        diagram.focus_id)
    out += [f"  {_node(n, n.id == diagram.focus_id)}" for n in diagram.nodes if n.band is None]
    out += _columns_in_order(diagram, rank)
    band_of = {n.id: n.band for n in diagram.nodes}
    for move in diagram.moves:
        back = rank.get(move.source, -1) > rank.get(move.target, -1) >= 0
        across = band_of.get(move.source) != band_of.get(move.target)
        out.append(f"  {_edge(move, back=back, across=across)}")
    out.append("}")
    return "\n".join(out) + "\n"


# -- quoting ---------------------------------------------------------------------------------
def quote(text: str) -> str:
    """A DOT double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def html(text: str) -> str:
    """Text for an HTML-like label."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _attrs(values: Attrs) -> str:
    return " ".join(f"{k}=<{v.text}>" if isinstance(v, Html) else f"{k}={quote(v)}"
                    for k, v in values.items())


def _small(text: str, color: str = st.MUTED, bold: bool = False) -> str:
    inner = f"<b>{html(text)}</b>" if bold else html(text)
    return f'<font point-size="{st.SMALL}" color="{color}">{inner}</font>'


def _pack(items: Iterable[str], limit: int) -> list[str]:
    """Items joined with " · " into lines of at most `limit` columns (an item is wrapped
    only when it is longer than a line on its own)."""
    lines: list[str] = []
    for item in items:
        if lines and describe.width(lines[-1] + " · " + item) <= limit:
            lines[-1] += " · " + item
        else:
            lines += describe.wrap(item, limit)
    return lines


# -- nodes -----------------------------------------------------------------------------------
def _node(n: Node, focused: bool = False) -> str:
    values: Attrs
    if n.kind == "start":
        values = {"shape": "circle", "style": "filled", "fillcolor": st.INK, "label": "",
                  "width": "0.18", "fixedsize": "true", "tooltip": "start"}
    elif n.kind == "any":
        values = {"shape": "box", "style": "rounded,filled,dashed",
                  "fillcolor": st.MARKER_FILL, "color": st.MARKER_BORDER, "fontsize": "10",
                  "label": Html(f"<i>{html(n.label)}</i>"),
                  "tooltip": "every status but the target and locked ones"}
    elif n.kind == "sync":
        color = st.MOVES["stage-sync"].color
        values = {"shape": "cds", "style": "filled", "fillcolor": st.SYNC_FILL,
                  "color": color, "fontsize": "10", "fontcolor": color,
                  "label": n.label, "margin": "0.1,0.04"}
    elif n.kind == "empty":
        values = {"shape": "plaintext", "style": "", "label": Html(_small(n.label))}
    else:
        values = _status(n)
        if focused:
            values.update(fillcolor=st.FOCUS_FILL, penwidth="3")
    return f"{quote(n.id)} [{_attrs(values)}]"


def _status(n: Node) -> Attrs:
    lines = [f"<b>{html(line)}</b>" for line in describe.wrap(n.label, st.LABEL_WIDTH)]
    lines += [_small(line) for line in _pack(n.subtitle, st.BADGE_WIDTH)]
    lines += [_small(line, st.INK) for line in _pack(n.badges, st.BADGE_WIDTH)]
    lines += [_small("⚠ " + line, st.LINT, bold=True)
              for line in _pack(n.findings, st.BADGE_WIDTH)]
    values: Attrs = {"label": Html("<br/>".join(lines))}
    if n.outcome == "won":
        values.update(fillcolor=st.WON_FILL, color=st.WON_BORDER)
    elif n.outcome == "lost":
        values.update(fillcolor=st.LOST_FILL, color=st.LOST_BORDER)
    if n.initial:
        values["penwidth"] = "2"
    if n.locked:
        values["peripheries"] = "2"
    if n.findings:
        values.update(color=st.LINT, penwidth="2.5")
    values["tooltip"] = "; ".join([n.tooltip or n.label, *n.findings])
    return values


def _cluster(band: Band, nodes: list[Node], rank: dict[str, int],
             focus: str | None = None) -> list[str]:
    fill = st.ANY_STAGE_FILL if band.stage is None else st.BAND_FILL[band.index % 2]
    title = [f"<b>{html(band.head)}</b>"]
    title += [_small(line) for line in
              _pack([part for _, part in band.parts], st.TITLE_WIDTH)]
    cluster = {"label": "", "style": "filled,rounded", "fillcolor": fill,
               "color": st.BAND_BORDER, "margin": "10", "tooltip": band.title}
    head: Attrs = {"shape": "plaintext", "style": "filled", "fillcolor": fill,
                   "margin": "0.04,0.02", "label": Html("<br/>".join(title)),
                   "tooltip": band.title}
    out = [f"  subgraph cluster_g{band.index} {{", f"    graph [{_attrs(dict(cluster))}]",
           f"    t{band.index} [{_attrs(head)}]"]
    out += [f"    {_node(n, n.id == focus)}" for n in nodes]
    columns: dict[int, list[str]] = {}
    for n in nodes:
        columns.setdefault(rank[n.id], []).append(quote(n.id))
    ordered = sorted(columns)
    if ordered:
        columns[ordered[0]].insert(0, f"t{band.index}")
    if len(ordered) > 1:  # the end of the title lane (see _lane)
        out.append(f"    x{band.index} [{_attrs(dict(INVISIBLE))}]")
        columns[ordered[-1]].insert(0, f"x{band.index}")
    out += [f"    {{rank=same {' '.join(columns[r])}}}" for r in ordered]
    out.append("  }")
    return out


def _columns_in_order(diagram: Diagram, rank: dict[str, int]) -> list[str]:
    """Invisible edges from each column to the next, and from title to title (see the
    module's docstring)."""
    first: dict[int, str] = {}
    for n in diagram.nodes:
        if n.id in rank:
            first.setdefault(rank[n.id], quote(n.id))
    columns = [first[r] for r in sorted(first)]
    out = [f"  {a} -> {b} [style=invis weight=0]" for a, b in itertools.pairwise(columns)]
    return out + _lane(diagram, rank)


INVISIBLE = {"style": "invis", "shape": "point", "width": "0", "height": "0", "label": ""}


def _lane(diagram: Diagram, rank: dict[str, int]) -> list[str]:
    """Heavy invisible edges along the band titles: title k → the end of band k (an
    invisible node in its last column) → title k+1. Dot keeps heavy edges straight, so the
    titles stand in one row and the bands side by side, like the columns of a table."""
    stops = []
    for band in diagram.bands:
        stops.append(f"t{band.index}")
        if len({rank[n.id] for n in diagram.nodes if n.band == band.index}) > 1:
            stops.append(f"x{band.index}")
    return [f"  {a} -> {b} [style=invis weight=100]" for a, b in itertools.pairwise(stops)]


# -- moves -----------------------------------------------------------------------------------
def _edge(m: Move, back: bool, across: bool) -> str:
    """A move as an edge (a move to an earlier column written backwards, `dir=back`)."""
    ends = f"{quote(m.target)} -> {quote(m.source)}" if back else \
        f"{quote(m.source)} -> {quote(m.target)}"
    if m.kind == "start":
        return f"{ends} [{_attrs({'color': st.INK, 'penwidth': '1.4'})}]"
    look = st.MOVES[m.kind]
    values: Attrs = {"style": look.style, "color": look.color, "fontcolor": look.color,
                     "penwidth": str(look.penwidth)}
    lines = [html(line) for text in m.lines for line in describe.wrap(text, st.EDGE_WIDTH)]
    if back:
        values.update(dir="back", arrowtail="normal")
    if m.approval:
        values["arrowtail" if back else "arrowhead"] = st.APPROVAL_ARROW
        lines += [f'<font color="{st.APPROVAL}"><b>{html(line)}</b></font>'
                  for line in describe.wrap(m.approval, st.EDGE_WIDTH)]
    if m.findings:
        values.update(color=st.LINT, penwidth="2.4")
        codes = " ".join(tag.split(" ")[0] for tag in m.findings)
        lines.append(f'<font color="{st.LINT}"><b>{html("⚠ " + codes)}</b></font>')
        values["tooltip"] = "; ".join(m.findings)
    if lines:  # padded: a line passing close by misses the text
        values["label"] = Html(f'<table border="0" cellborder="0" cellspacing="0" '
                               f'cellpadding="{st.EDGE_LABEL_PADDING}"><tr><td>'
                               + "<br/>".join(lines) + "</td></tr></table>")
    if across:  # from one band to another: the main flow, kept straight
        values["weight"] = "2"
    return f"{ends} [{_attrs(values)}]"


# -- the title and the legend ----------------------------------------------------------------
def _header(d: Diagram) -> str:
    def row(content: str) -> str:
        return f'<tr><td colspan="{2 * LEGEND_COLUMNS}" align="left">{content}</td></tr>'

    rows = [row(f'<font point-size="16"><b>{html(d.title)}</b></font>')]
    if d.focus is not None:
        rows.append(row(_note(f"Around “{d.focus}”: the status, its neighbours, and the "
                              "moves between them", st.MUTED)))
    if d.linted:
        count = sum(1 for n in d.nodes if n.findings) + sum(1 for m in d.moves if m.findings)
        rows.append(row(_note(f"⚠ Lint findings on {count} statuses and moves, with their "
                              "rule codes" if count else "No lint findings on statuses or moves",
                              st.LINT)))
        if d.elsewhere:
            rows.append(row(_note("⚠ Elsewhere in the file: " + summary(d.elsewhere),
                                  st.LINT)))
    cells = _legend(d)
    for start in range(0, len(cells), LEGEND_COLUMNS):
        rows.append("<tr>" + "".join(cells[start:start + LEGEND_COLUMNS]) + "</tr>")
    return ('<table border="0" cellborder="0" cellspacing="2" cellpadding="2">'
            + "".join(rows) + "</table>")


LEGEND_COLUMNS = 4


def _note(text: str, color: str) -> str:
    return f'<font point-size="10" color="{color}">{html(text)}</font>'


def _legend(d: Diagram) -> list[str]:
    """Cell pairs (sample, meaning) for everything this diagram draws."""
    def pair(sample: str, meaning: str) -> str:
        return (f'<td align="right">{sample}</td>'
                f'<td align="left"><font point-size="10">{html(meaning)}</font></td>')

    def line(sample: str, color: str) -> str:
        return f'<font color="{color}">{html(sample)}</font>'

    def box(text: str, fill: str, border: str, width: int = 1) -> str:
        return (f'<table border="{width}" cellborder="0" cellpadding="1" color="{border}" '
                f'bgcolor="{fill}" style="rounded"><tr><td>'
                f'<font point-size="9">{html(text)}</font></td></tr></table>')

    cells = [pair(line(st.MOVES[k].sample, st.MOVES[k].color), st.MOVES[k].meaning)
             for k in d.kinds]
    if any(m.approval for m in d.moves):
        cells.append(pair(line(st.APPROVAL_SAMPLE, st.APPROVAL), "needs approval: role, if"))
    kinds = {n.kind for n in d.nodes}
    statuses = [n for n in d.nodes if n.kind == "status"]
    if "start" in kinds:
        cells.append(pair(line("●──▶", st.INK), "initial status"))
    if any(n.outcome == "won" for n in statuses):
        cells.append(pair(box("won", st.WON_FILL, st.WON_BORDER), "outcome won"))
    if any(n.outcome == "lost" for n in statuses):
        cells.append(pair(box("lost", st.LOST_FILL, st.LOST_BORDER), "outcome lost"))
    if any(n.locked for n in statuses):
        cells.append(pair(box("locked", st.STATUS_FILL, st.INK, 3),
                          "locked (double border): never left"))
    if "any" in kinds:
        cells.append(pair(box("any status", st.MARKER_FILL, st.MARKER_BORDER),
                          "any → X: one arrow for all statuses"))
    if "sync" in kinds:
        cells.append(pair(box("stage becomes S", st.SYNC_FILL, st.MOVES["stage-sync"].color),
                          "a stage change sets the status"))
    if d.linted:
        cells.append(pair(box("⚠ LR…", st.STATUS_FILL, st.LINT, 2),
                          "has lint findings (rule codes)"))
    return cells
