"""The status guide for reps, generated from a scheme.

For each status, in process order: what it means, when to use it, what data must be entered,
what happens automatically, its time limits, and what comes next — who or what makes each move.
A one-line quick picker comes first; a stage/status table and the teams and roles close it.

    guide_markdown(scheme, locale=None) -> str    Markdown
    guide_html(scheme, locale=None) -> str        one self-contained HTML page, with the diagram

The guide's own words come from `words` (en, ru, pl, zh, ms; English otherwise); labels and
definitions from the scheme, in the locale when it translates them. The same scheme and locale
always give the same text.
"""

from __future__ import annotations

from leadrules.guide.content import build
from leadrules.model.scheme import Scheme

__all__ = ["guide_html", "guide_markdown"]


def guide_markdown(scheme: Scheme, locale: str | None = None) -> str:
    """The guide as Markdown."""
    from leadrules.guide import markdown

    return markdown.render(build(scheme, locale))


def guide_html(scheme: Scheme, locale: str | None = None) -> str:
    """The guide as one self-contained HTML page (inline CSS, the diagram as inline SVG)."""
    from leadrules.guide import html

    return html.render(build(scheme, locale), scheme)
