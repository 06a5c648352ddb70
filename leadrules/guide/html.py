"""The guide as one self-contained HTML page.

Everything is inside the file: the CSS is inline, there are no scripts, web fonts or images
from elsewhere, and the diagram is inline SVG (when Graphviz's `dot` is installed; otherwise
the page says where the diagram would be and how to install it). The page reads on a phone
(the quick picker turns into cards), prints cleanly (no navigation, no boxes, tables kept
whole), and keeps dark text on a light background. `<html lang>` is the locale.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from leadrules.guide.content import (
    Block,
    Bullets,
    Entry,
    Guide,
    Inline,
    Link,
    Paragraph,
    Section,
    Table,
    Text,
)
from leadrules.guide.diagram import Figure, draw
from leadrules.guide.words import WORDS, language
from leadrules.model.scheme import Scheme

CSS = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #556070; --line: #d5dbe1;
  --soft: #f4f6f8; --accent: #0b57a4; --won: #1a7f37; --lost: #b42318; --locked: #6e7781; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
    "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
a { color: var(--accent); text-underline-offset: 2px; }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
header .kicker { margin: 0; color: var(--muted); font-size: .8rem; font-weight: 600;
  letter-spacing: .06em; text-transform: uppercase; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: .2rem 0 .6rem; }
header .meta { margin: .2rem 0; color: var(--muted); }
h2 { font-size: 1.4rem; line-height: 1.25; margin: 2.4rem 0 .7rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 1.25rem; line-height: 1.3; margin: 0 0 .5rem; }
h3 .n { color: var(--muted); font-weight: 600; margin-right: .2rem; }
h4 { font-size: .8rem; font-weight: 700; letter-spacing: .04em; text-transform: uppercase;
  color: var(--muted); margin: 1.1rem 0 .3rem; }
p { margin: .3rem 0 .6rem; }
ul { margin: .3rem 0 .6rem; padding-left: 1.3rem; }
li { margin: .15rem 0; }
.intro { margin-bottom: .2rem; }
.muted { color: var(--muted); font-style: italic; }
.table-wrap { overflow-x: auto; margin: .4rem 0 .8rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem;
  border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; color: var(--muted); width: 2.5rem; }
table.picker td:nth-child(2) { font-weight: 600; min-width: 11rem; }
table.picker td:nth-child(4) { min-width: 12rem; }
table.moves td:first-child { white-space: nowrap; }
table.stages td:nth-child(3) { text-align: center; }
nav.toc { background: var(--soft); border: 1px solid var(--line); border-radius: 8px;
  padding: .6rem 1.2rem; margin: 1.5rem 0; }
nav.toc h2 { font-size: 1rem; border: 0; margin: .4rem 0; padding: 0; }
nav.toc ol { margin: .2rem 0 .4rem; padding-left: 1.4rem; }
nav.toc ol ol { columns: 2; column-gap: 2rem; }
.status { border: 1px solid var(--line); border-left: 6px solid var(--accent);
  border-radius: 8px; padding: 1rem 1.25rem .6rem; margin: 1.2rem 0;
  scroll-margin-top: 1rem; }
.status.won { border-left-color: var(--won); }
.status.lost { border-left-color: var(--lost); }
.status.locked:not(.won):not(.lost) { border-left-color: var(--locked); }
.badges { list-style: none; padding: 0; margin: 0 0 .4rem; display: flex; flex-wrap: wrap;
  gap: .35rem; }
.badges li { margin: 0; font-size: .82rem; background: var(--soft); border: 1px solid var(--line);
  border-radius: 999px; padding: .05rem .65rem; }
.back { margin: .8rem 0 0; font-size: .85rem; }
.diagram { overflow: auto; max-height: 80vh; border: 1px solid var(--line); border-radius: 8px;
  background: #fff; }
.diagram svg { display: block; }
.fit { margin: 0 .4rem .5rem 0; vertical-align: middle; }
.fit + label { color: var(--muted); font-size: .9rem; vertical-align: middle; }
.fit:checked ~ .diagram { max-height: none; }
.fit:checked ~ .diagram svg { width: 100%; height: auto; }
figure { margin: .5rem 0 1rem; }
figcaption { color: var(--muted); font-size: .9rem; margin-top: .3rem; }
.missing { border: 1px dashed var(--muted); border-radius: 8px; padding: 1rem 1.2rem;
  background: var(--soft); }
footer { margin-top: 3rem; padding-top: .8rem; border-top: 1px solid var(--line);
  color: var(--muted); font-size: .85rem; }
footer p { margin: .2rem 0; }
@media (max-width: 640px) {
  body { font-size: 15px; }
  main { padding: 1rem .8rem 2rem; }
  h1 { font-size: 1.5rem; }
  nav.toc ol ol { columns: 1; }
  table.picker thead { display: none; }
  table.picker, table.picker tbody, table.picker tr, table.picker td { display: block;
    width: auto; }
  table.picker tr { border: 1px solid var(--line); border-radius: 8px; padding: .5rem .7rem;
    margin: 0 0 .6rem; }
  table.picker td { border: 0; padding: .1rem 0; min-width: 0; }
  table.picker td.num { display: none; }
  table.picker td[data-label]::before { content: attr(data-label) ": "; font-weight: 600;
    color: var(--muted); }
  .status { padding: .8rem .8rem .5rem; }
}
@media print {
  @page { margin: 14mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  nav.toc, .back, .fit, .fit + label { display: none; }
  h2, h3, h4 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  .status { border: 0; border-top: 1px solid #999; border-radius: 0; padding: .6rem 0 0; }
  .diagram { overflow: visible; max-height: none; border: 0; }
  .diagram svg { width: 100%; height: auto; }
}
"""


def render(guide: Guide, scheme: Scheme, figure: Figure | None = None) -> str:
    """The whole page. `figure` is the diagram (drawn from `scheme` when not given)."""
    w = WORDS[language(guide.locale)]
    if figure is None:
        figure = draw(scheme, guide.locale, label=guide.diagram_title)
    title = f"{guide.kicker} — {guide.title}"
    out = ["<!DOCTYPE html>", f'<html lang="{_e(guide.lang)}">', "<head>",
           '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="generator" content="leadrules">',
           f"<title>{_e(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           "<main>", "<header>", f'<p class="kicker">{_e(guide.kicker)}</p>',
           f"<h1>{_e(guide.title)}</h1>"]
    out += [f'<p class="meta">{_e(line)}</p>' for line in guide.meta]
    out.append("</header>")
    out += _section(guide.picker)
    out += _contents(guide)
    out += ['<section id="diagram" aria-labelledby="diagram-title">',
            f'<h2 id="diagram-title">{_e(guide.diagram_title)}</h2>']
    out += _figure(figure, w)
    out.append("</section>")
    out += ['<section id="statuses" aria-labelledby="statuses-title">',
            f'<h2 id="statuses-title">{_e(guide.statuses_title)}</h2>']
    for entry in guide.entries:
        out += _entry(entry, guide.picker.title)
    out.append("</section>")
    out += _section(guide.stages)
    if guide.people:
        out += _section(guide.people)
    out.append("<footer>")
    out += [f"<p>{_e(line)}</p>" for line in guide.footer]
    out += ["</footer>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _inline(t: Text) -> str:
    return "".join(_part(p) for p in t)


def _part(part: Inline) -> str:
    if isinstance(part, Link):
        return f'<a href="#{_e(part.anchor)}">{_e(part.text)}</a>'
    return _e(part).replace("\n", "<br>")


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        cls = ' class="muted"' if block.muted else ""
        return [f"<p{cls}>{_inline(block.text)}</p>"]
    if isinstance(block, Bullets):
        out = [f'<p class="intro">{_e(block.intro)}</p>'] if block.intro else []
        out.append("<ul>")
        out += [f"<li>{_inline(item)}</li>" for item in block.items]
        out.append("</ul>")
        return out
    return _table(block)


def _table(table: Table) -> list[str]:
    def cls(i: int) -> str:
        return ' class="num"' if i in table.numeric else ""

    kind = f' class="{_e(table.kind)}"' if table.kind else ""
    out = ['<div class="table-wrap">', f"<table{kind}>", "<thead><tr>"]
    out += [f'<th scope="col"{cls(i)}>{_e(h)}</th>' for i, h in enumerate(table.header)]
    out += ["</tr></thead>", "<tbody>"]
    for row in table.rows:
        cells = []
        for i, cell in enumerate(row):
            label = ""
            if table.kind == "picker" and i > 1:  # the card layout on a phone names each line
                label = f' data-label="{_e(table.header[i].rstrip("…:. "))}"'
            cells.append(f"<td{cls(i)}{label}>{_inline(cell)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return out


def _section(section: Section) -> list[str]:
    out = [f'<section id="{_e(section.anchor)}" aria-labelledby="{_e(section.anchor)}-title">',
           f'<h2 id="{_e(section.anchor)}-title">{_e(section.title)}</h2>']
    for block in section.blocks:
        out += _block(block)
    out.append("</section>")
    return out


def _contents(guide: Guide) -> list[str]:
    def item(anchor: str, title: str) -> str:
        return f'<a href="#{_e(anchor)}">{_e(title)}</a>'

    out = ['<nav class="toc" aria-labelledby="contents-title">',
           f'<h2 id="contents-title">{_e(guide.contents_title)}</h2>', "<ol>",
           f"<li>{item(guide.picker.anchor, guide.picker.title)}</li>",
           f"<li>{item('diagram', guide.diagram_title)}</li>",
           f"<li>{item('statuses', guide.statuses_title)}", "<ol>"]
    out += [f"<li>{item(e.anchor, e.label)}</li>" for e in guide.entries]
    out += ["</ol>", "</li>", f"<li>{item(guide.stages.anchor, guide.stages.title)}</li>"]
    if guide.people:
        out.append(f"<li>{item(guide.people.anchor, guide.people.title)}</li>")
    out += ["</ol>", "</nav>"]
    return out


def _figure(figure: Figure, words: Mapping[str, str]) -> list[str]:
    if figure.svg is not None:
        return ["<figure>",
                '<input type="checkbox" id="diagram-fit" class="fit">'
                f'<label for="diagram-fit">{_e(words["diagram_fit"])}</label>',
                '<div class="diagram">', figure.svg, "</div>",
                f"<figcaption>{_e(words['diagram_caption'])}</figcaption>", "</figure>"]
    if figure.missing == "dot":
        message = words["diagram_missing_dot"]
    elif figure.missing == "render":
        message = words["diagram_missing_render"]
    else:
        message = words["diagram_failed"].format(v=figure.detail)
    return [f'<p class="missing" role="note">{_e(message)}</p>']


def _entry(e: Entry, picker_title: str) -> list[str]:
    classes = ["status"]
    if e.outcome:
        classes.append(e.outcome)
    if e.locked:
        classes.append("locked")
    if e.initial:
        classes.append("initial")
    out = [f'<article id="{_e(e.anchor)}" class="{" ".join(classes)}">',
           f'<h3><span class="n">{e.number}.</span> {_e(e.label)}</h3>']
    if e.badges:
        out.append('<ul class="badges">' + "".join(f"<li>{_e(b)}</li>" for b in e.badges)
                   + "</ul>")
    for part in e.parts:
        out.append(f"<h4>{_e(part.title)}</h4>")
        for block in part.blocks:
            out += _block(block)
    out.append(f'<p class="back"><a href="#quick-picker">↑ {_e(picker_title)}</a></p>')
    out.append("</article>")
    return out
