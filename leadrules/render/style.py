"""How a diagram looks: fonts, colours, the style of each kind of move, the legend.

One place for every visual choice, so DOT, the legend and the docs agree. The font list starts
with one that has Latin, Cyrillic and Chinese glyphs (Noto Sans CJK, Debian's
`fonts-noto-cjk`); SVG viewers fall back along the list.
"""

from __future__ import annotations

import attrs

FONT = "Noto Sans CJK SC,Noto Sans,DejaVu Sans,sans-serif"
FONT_SIZE = 12
SMALL = 9  # point size of second lines: names, stages, badges, lint codes
EDGE_FONT_SIZE = 9

INK = "#2d3748"  # borders and text
MUTED = "#5f6b7a"  # second lines
LINT = "#d1006b"  # statuses and moves with lint findings
APPROVAL = "#b3261e"

BAND_FILL = ("#f2f6fb", "#e9f0f8")  # alternating, so neighbouring stages stand apart
BAND_BORDER = "#9fb3c8"
ANY_STAGE_FILL = "#f7f7f2"

STATUS_FILL = "#ffffff"
WON_FILL, WON_BORDER = "#d7f0d8", "#2e7d32"
LOST_FILL, LOST_BORDER = "#fbdada", "#c62828"
FOCUS_FILL = "#fff3c4"  # the status a focused diagram is drawn around
MARKER_FILL = "#fff8e1"  # "any status" and stage-change nodes
MARKER_BORDER = "#b58900"
SYNC_FILL = "#e0f2f1"


@attrs.frozen
class MoveStyle:
    """How one kind of move is drawn, and how the legend names it."""

    style: str
    color: str
    penwidth: float
    meaning: str
    sample: str  # the line drawn in text, for the legend


MOVES: dict[str, MoveStyle] = {
    "auto": MoveStyle("solid", "#1f5fbf", 1.4, "automatic, on an event", "────▶"),
    "manual": MoveStyle("dashed", "#4d4d4d", 1.3, "manual: a rep's decision", "╌╌╌╌▶"),
    "timer": MoveStyle("dotted", "#7b3fa0", 1.8, "after a delay (timer)", "┈┈┈┈▶"),
    "data": MoveStyle("solid", "#a15c00", 1.4, "when a condition holds", "────▶"),
    "stage-sync": MoveStyle("bold", "#00897b", 2.2, "the stage changed", "━━━━▶"),
}
APPROVAL_ARROW = "normaltee"  # a bar before the arrowhead: the move waits for approval
APPROVAL_SAMPLE = "───┫▶"

# rankdir LR: stages run left to right. Generous separation keeps edge labels off nodes.
GRAPH_ATTRS = {
    "rankdir": "LR",
    "newrank": "true",
    "compound": "true",
    "nodesep": "0.5",
    "ranksep": "0.75",
    "splines": "true",
    "outputorder": "edgesfirst",
    "pad": "0.3",
    "fontname": FONT,
    "fontsize": str(FONT_SIZE),
    "fontcolor": INK,
}
NODE_ATTRS = {
    "shape": "box",
    "style": "rounded,filled",
    "fillcolor": STATUS_FILL,
    "color": INK,
    "fontname": FONT,
    "fontsize": str(FONT_SIZE),
    "fontcolor": INK,
    "margin": "0.12,0.06",
}
EDGE_ATTRS = {
    "fontname": FONT,
    "fontsize": str(EDGE_FONT_SIZE),
    "arrowsize": "0.8",
}

LABEL_WIDTH = 26  # display columns of a status label line
BADGE_WIDTH = 44  # … of a badge or lint line
EDGE_WIDTH = 24  # … of an edge label line
EDGE_LABEL_PADDING = 4  # points of empty space around an edge label's text
TITLE_WIDTH = 28  # … of a band title's second line
