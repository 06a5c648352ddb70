"""The guide as Markdown (GitHub-flavoured: tables, explicit anchors before headings).

Text from the scheme is escaped, so `|`, `*`, `_`, `<` and the like in a label or a definition
neither break a table nor turn into markup.
"""

from __future__ import annotations

import re

from leadrules.guide.content import Block, Bullets, Guide, Inline, Link, Paragraph, Table, Text

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def escape(value: str) -> str:
    """Plain text as Markdown that shows exactly that text, on one line."""
    return _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", value))


def inline(t: Text) -> str:
    return "".join(_inline(part) for part in t)


def _inline(part: Inline) -> str:
    if isinstance(part, Link):
        return f"[{escape(part.text)}](#{part.anchor})"
    return escape(part)


def _paragraph(t: Text) -> str:
    out = inline(t)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out)


def _table(table: Table) -> list[str]:
    head = "| " + " | ".join(escape(h) for h in table.header) + " |"
    rule = "| " + " | ".join("---:" if i in table.numeric else "---"
                             for i in range(len(table.header))) + " |"
    rows = ["| " + " | ".join(inline(cell) or " " for cell in row) + " |"
            for row in table.rows]
    return [head, rule, *rows]


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        body = _paragraph(block.text)
        return [f"*{body}*" if block.muted else body]
    if isinstance(block, Bullets):
        out = [escape(block.intro), ""] if block.intro else []
        return out + [f"- {inline(item)}" for item in block.items]
    return _table(block)


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        out += [*_block(block), ""]
    return out


def render(guide: Guide) -> str:
    """The whole guide as one Markdown document, ending with a newline."""
    out = [f"# {escape(guide.kicker)} — {escape(guide.title)}", ""]
    if guide.meta:
        out += ["  \n".join(escape(line) for line in guide.meta), ""]
    out += [f'<a id="{guide.picker.anchor}"></a>', "", f"## {escape(guide.picker.title)}", ""]
    out += _blocks(guide.picker.blocks)

    out += [f"## {escape(guide.contents_title)}", ""]
    out.append(f"- [{escape(guide.statuses_title)}](#statuses)")
    out += [f"  {e.number}. [{escape(e.label)}](#{e.anchor})" for e in guide.entries]
    sections = [guide.stages] + ([guide.people] if guide.people else [])
    out += [f"- [{escape(s.title)}](#{s.anchor})" for s in sections]
    out.append("")

    out += ['<a id="statuses"></a>', "", f"## {escape(guide.statuses_title)}", ""]
    for e in guide.entries:
        out += [f'<a id="{e.anchor}"></a>', "", f"### {e.number}. {escape(e.label)}", ""]
        if e.badges:
            out += [" · ".join(f"*{escape(b)}*" for b in e.badges), ""]
        for part in e.parts:
            out += [f"**{escape(part.title)}**", ""]
            out += _blocks(part.blocks)
    for section in sections:
        out += [f'<a id="{section.anchor}"></a>', "", f"## {escape(section.title)}", ""]
        out += _blocks(section.blocks)
    out += ["---", ""]
    for line in guide.footer:
        out += [f"<sub>{escape(line)}</sub>", ""]
    return "\n".join(out).rstrip("\n") + "\n"
