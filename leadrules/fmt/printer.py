"""Statements → text in the canonical layout (the rules are in docs/fmt.md).

Each statement is first laid out without alignment ("natural" widths), which decides its line
breaks; then runs of table-like statements (transitions, fields, stage lines, teams, roles,
`means`/`use` lines) get their columns; then every line is written. Deciding breaks before
alignment keeps the result stable: formatting formatted text changes nothing.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence

from leadrules.fmt.layout import Block, Stmt
from leadrules.fmt.tokens import Tok

INDENT = "  "
WIDTH = 100  # lists wrap after a comma beyond this column
HANGING = 4  # continuation lines outside parentheses: the statement's indent plus this
DEEP = 60  # a list opened beyond this column continues at the hanging indent, not under `(`
AUTO_ALIGN_MAX = 60  # transitions wider than this before the trigger stay out of the column

_NO_SPACE_BEFORE = {",", ")", ":", ".."}
_NO_SPACE_AFTER = {"(", "..", "~"}


def width(text: str) -> int:
    """Display width: wide and full-width (CJK) characters take two columns."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def space(a: Tok, b: Tok) -> int:
    """Spaces between two tokens on one line, before any alignment."""
    if b.text in _NO_SPACE_BEFORE or a.text in _NO_SPACE_AFTER:
        return 0
    if a.type == "MINUS" or b.type == "MINUS":
        return 0
    if b.type == "LPAR" and a.type in ("NAME", "CHOICE"):
        return 0
    return 1


# A rendered line: its code, and the comment at its end with the spaces the author put before
# it (for keeping a column of comments the author lined up).
Line = tuple[str, "str | None", int]


class Printer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.comments: dict[int, tuple[str, int]] = {}  # line index → trailing comment, gap
        self.fresh = True  # nothing yet in the file or the block: a blank line is not wanted

    # -- lines -------------------------------------------------------------------------------
    def blank(self) -> None:
        if not self.fresh and self.lines and self.lines[-1] != "":
            self.lines.append("")

    def line(self, text: str, comment: str | None = None, gap: int = 2) -> None:
        self.lines.append(text.rstrip())
        if comment is not None:
            self.comments[len(self.lines) - 1] = (comment, gap)
        self.fresh = False

    def put(self, line: Line, extra: str = "") -> None:
        self.line(line[0] + extra, line[1], line[2])

    def lead(self, lead: Sequence[str | None], indent: str) -> None:
        for entry in lead:
            if entry is None:
                self.blank()
            else:
                self.line(indent + entry)

    def text(self, tail: Sequence[str | None], bom: bool) -> str:
        self.lead(_strip_blanks(tail), "")
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        align_comments(self.lines, self.comments)
        body = "\n".join(self.lines) + "\n" if self.lines else ""
        return ("\ufeff" if bom else "") + body

    # -- blocks ------------------------------------------------------------------------------
    def block_items(self, stmts: list[Stmt], depth: int, parent: Stmt | None) -> None:
        indent = INDENT * depth
        plans = []
        for s in stmts:
            found = _slots(s, depth, parent)
            plans.append(_Plan(s, indent, found[1] if found else None))
        align(plans, depth, parent)
        for k, plan in enumerate(plans):
            stmt = plan.stmt
            if depth == 0 and k > 0 and (stmt.block is not None or stmts[k - 1].block is not None):
                self.blank()
            self.lead(stmt.toks[0].lead if stmt.toks else (), indent)
            self.statement(plan, depth)

    def statement(self, plan: _Plan, depth: int) -> None:
        indent = INDENT * depth
        lines = plan.render()
        block = plan.stmt.block
        if block is None:
            for line in lines:
                self.put(line)
            return
        open_, close = block.open, block.close
        inline = _inline(plan, block)
        for line in lines[:-1]:
            self.put(line)
        # a header cannot end in a comment (the `{` must follow on its line)
        code = lines[-1][0]
        if inline is not None:
            self.line(code + inline, close.trail, close.trail_gap)
            return
        if not block.items and open_.trail is None and not any(close.lead):
            self.line(code + " {}", close.trail, close.trail_gap)
            return
        self.line(code + " {", open_.trail, open_.trail_gap)
        self.fresh = True
        self.block_items(block.items, depth + 1, plan.stmt)
        self.lead(_strip_blanks(close.lead), indent + INDENT)
        self.fresh = False
        self.line(indent + "}", close.trail, close.trail_gap)


def align_comments(lines: list[str], comments: dict[int, tuple[str, int]]) -> None:
    """Put each trailing comment at the end of its line, two spaces after the code; in a run of
    consecutive lines with comments where the author lined comments up (three or more spaces
    before them), at the column most of those use (see docs/fmt.md, "Comments")."""
    run: list[int] = []
    for i in sorted(comments):
        if run and i != run[-1] + 1:
            _comment_run(lines, comments, run)
            run = []
        run.append(i)
    _comment_run(lines, comments, run)


def _comment_run(lines: list[str], comments: dict[int, tuple[str, int]], run: list[int]) -> None:
    widths = {i: width(lines[i]) for i in run}
    padded = Counter(widths[i] + comments[i][1] for i in run if comments[i][1] >= 3)
    column = None
    if len(run) >= 2 and padded:
        best = max(padded.values())
        column = min(c for c, n in padded.items() if n == best)
    for i in run:
        gap = column - widths[i] if column is not None and widths[i] + 2 <= column else 2
        lines[i] += " " * gap + comments[i][0]


def _strip_blanks(lead: Sequence[str | None]) -> list[str | None]:
    out = list(lead)
    while out and out[-1] is None:
        out.pop()
    return out


def _inline(plan: _Plan, block: Block) -> str | None:
    """` { item }` when the author wrote a one-item block on one line and it still fits."""
    if len(block.items) != 1 or block.open.trail or any(block.close.lead) \
            or block.close.broken:
        return None
    child = block.items[0]
    if child.block is not None or not child.toks:
        return None
    toks = child.toks
    if toks[0].broken or toks[0].lead or any(t.trail or t.lead or t.broken for t in toks):
        return None
    inner = _Plan(child, "")
    text = inner.render()
    if len(text) != 1:
        return None
    out = " { " + text[0][0] + " }"
    if width(plan.render()[-1][0]) + width(out) > WIDTH:
        return None
    return out


class _Plan:
    """One statement's line breaks and alignment pads, and its rendering."""

    def __init__(self, stmt: Stmt, indent: str, columns: list[int] | None = None) -> None:
        self.stmt = stmt
        self.indent = indent
        self.columns = columns or []  # a table row's column tokens: never wrapped before them
        self.pads: dict[int, int] = {}
        self.breaks = self._breaks()
        self._cache: list[Line] | None = None

    def _breaks(self) -> set[int]:
        toks = self.stmt.toks
        breaks = set()
        for i in range(1, len(toks)):
            before, tok = toks[i - 1], toks[i]
            if before.trail is not None or any(c is not None for c in tok.lead) \
                    or (tok.broken and before.type == "COMMA"):
                breaks.add(i)
        while True:  # a line too wide breaks after its last comma that fits
            _, cols, line_of = self._layout(breaks, {})
            extra = self._too_wide(breaks, cols, line_of)
            if extra is None:
                return breaks
            breaks.add(extra)

    def _too_wide(self, breaks: set[int], cols: list[int], line_of: list[int]) -> int | None:
        toks = self.stmt.toks
        for line in sorted(set(line_of)):
            idx = [i for i, n in enumerate(line_of) if n == line]
            last = idx[-1]
            if cols[last] + width(toks[last].text) <= WIDTH:
                continue
            last_column = max(self.columns, default=0)
            commas = [i for i in idx[:-1] if toks[i].type == "COMMA" and i >= last_column]
            if not commas:
                continue
            fitting = [i for i in commas if cols[i] + 1 <= WIDTH]
            if fitting:
                return fitting[-1] + 1
        return None

    def _layout(self, breaks: set[int], pads: dict[int, int]) -> tuple[list[str], list[int],
                                                                       list[int]]:
        """Lines (without comments), each token's start column, and its line number."""
        toks = self.stmt.toks
        lines: list[str] = []
        cols: list[int] = []
        line_of: list[int] = []
        opens: list[int] = []  # columns just after each open parenthesis
        current = self.indent
        col = width(current)
        for i, tok in enumerate(toks):
            if i == 0:
                pass
            elif i in breaks:
                lines.append(current)
                lead = opens[-1] if opens and opens[-1] <= DEEP else width(self.indent) + HANGING
                current = " " * lead
                col = lead
            else:
                gap = pads.get(i, space(toks[i - 1], tok))
                current += " " * gap
                col += gap
            cols.append(col)
            line_of.append(len(lines))
            current += tok.text
            col += width(tok.text)
            if tok.type == "LPAR":
                opens.append(col)
            elif tok.type == "RPAR" and opens:
                opens.pop()
        lines.append(current)
        return lines, cols, line_of

    def first_line_width(self, upto: int) -> int:
        """Columns before token `upto` on the first line, with the pads so far."""
        _, cols, _ = self._layout(self.breaks, self.pads)
        toks = self.stmt.toks
        return cols[upto - 1] + width(toks[upto - 1].text)

    def on_first_line(self, i: int) -> bool:
        return not any(b <= i for b in self.breaks)

    def render(self) -> list[Line]:
        """The statement's lines, with comments (above continuation lines and at line ends)."""
        if self._cache is not None:
            return self._cache
        toks = self.stmt.toks
        if not toks:
            self._cache = [(self.indent.rstrip(), None, 2)]
            return self._cache
        lines, _cols, line_of = self._layout(self.breaks, self.pads)
        out: list[Line] = []
        for n, text in enumerate(lines):
            first = line_of.index(n)
            last = len(line_of) - 1 - line_of[::-1].index(n)
            if n > 0:
                pad = " " * (len(text) - len(text.lstrip(" ")))
                out.extend((pad + c, None, 2) for c in toks[first].lead if c is not None)
            out.append((text, toks[last].trail, toks[last].trail_gap))
        self._cache = out
        return out


# -- tables ------------------------------------------------------------------------------------
def _slots(stmt: Stmt, depth: int, parent: Stmt | None) -> tuple[str, list[int]] | None:
    """A table-like statement's kind and the tokens that start its columns."""
    toks = stmt.toks
    if stmt.block is not None or not toks:
        return None
    first = toks[0].type
    n = len(toks)
    if depth == 0:
        if first == "TRANSITION":
            arrow = next((i for i, t in enumerate(toks) if t.type == "__ANON_2"), None)
            if arrow is None:
                return None
            return "transition", [arrow] + ([arrow + 2] if arrow + 2 < n else [])
        if first == "FIELD" and n > 2:
            slots = [2]
            after = 3
            if toks[2].type == "CHOICE":
                after = next((i for i, t in enumerate(toks) if t.type == "RPAR"), n) + 1
            if after < n:
                slots.append(after)
            return "field", slots
        if first in ("TEAM", "ROLE") and n > 2:
            return first, [2]
        return None
    if parent is None or not parent.toks:
        return None
    head = parent.toks[0].type
    if head == "STAGES" and depth == 1 and len(parent.toks) == 1:
        return "stage", [i for i in (1, 2) if i < n]
    if head == "STATUS" and depth == 1 and first in ("MEANS", "USE", "LABEL") and n in (2, 3):
        return "text", list(range(1, n))
    if head == "STATUS" and depth == 1 and first == "SUB" and n > 2:
        return "sub", [2]
    if head == "SCENARIO" and depth == 1 and first in ("VALUE", "STAFF") and n > 2 \
            and toks[2].type != "COLON":
        return first, [2]
    return None


def align(plans: list[_Plan], depth: int, parent: Stmt | None) -> None:
    """Give runs of table-like statements their columns (see docs/fmt.md, "Alignment")."""
    run: list[tuple[_Plan, list[int]]] = []
    kind: str | None = None
    for plan in plans:
        found = _slots(plan.stmt, depth, parent)
        starts_run = found is None or found[0] != kind or None in plan.stmt.toks[0].lead
        if starts_run:
            _align_run(run, kind)
            run = []
        kind = found[0] if found else None
        if found:
            run.append((plan, found[1]))
    _align_run(run, kind)


def _align_run(run: list[tuple[_Plan, list[int]]], kind: str | None) -> None:
    if len(run) < 2:
        return
    for position in range(max(len(slots) for _, slots in run)):
        rows = []
        for plan, slots in run:
            if position < len(slots) and plan.on_first_line(slots[position]):
                i = slots[position]
                rows.append((plan, i, plan.first_line_width(i), plan.stmt.toks[i].gap))
        column = _column(rows, auto=kind == "transition" and position == 1)
        if column is None:
            continue
        for plan, i, used, gap in rows:
            plan.pads[i] = column - used if used + 1 <= column else gap
            plan._cache = None


def _column(rows: list[tuple[_Plan, int, int, int]], auto: bool) -> int | None:
    """The column the author chose (where most padded rows start the cell; the leftmost on a
    tie), or for transitions nobody aligned, two columns after the widest row."""
    padded = Counter(used + gap for _, _, used, gap in rows if gap >= 2)
    if padded:
        best = max(padded.values())
        return min(c for c, n in padded.items() if n == best)
    if auto and len(rows) >= 2:
        widths = [used for _, _, used, _ in rows if used <= AUTO_ALIGN_MAX]
        if len(widths) >= 2 and len(set(widths)) > 1:
            return max(widths) + 2
    return None
