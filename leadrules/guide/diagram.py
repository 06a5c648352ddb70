"""The diagram for the HTML guide: the scheme drawn by `leadrules.render` as inline SVG — or,
when it cannot be drawn (Graphviz's `dot` not installed), the reason, so the guide can say
where the diagram would be and how to get it.
"""

from __future__ import annotations

import re
import shutil

import attrs

from leadrules.errors import LeadrulesError
from leadrules.model.scheme import Scheme

_PROLOG = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.DOTALL)
_SVG_TAG = re.compile(r"<svg\b")
# Links inside the drawing: only anchors within the page may stay (the page is self-contained).
_EXTERNAL = re.compile(r'\s(?:xlink:)?href="(?!#)[^"]*"')


@attrs.frozen
class Figure:
    """`svg` when the diagram could be drawn; else `missing`: "dot" (Graphviz is not
    installed), "render" (this copy of leadrules cannot draw) or "failed" (with `detail`)."""

    svg: str | None = None
    missing: str | None = None
    detail: str = ""


def draw(scheme: Scheme, locale: str | None = None, label: str = "") -> Figure:
    """The scheme as SVG to put inside an HTML page, or why there is none."""
    try:
        from leadrules.render import render_dot, to_image
    except ImportError:
        return Figure(missing="render")
    if shutil.which("dot") is None:
        return Figure(missing="dot")
    try:
        data = to_image(render_dot(scheme, locale=locale), "svg")
    except LeadrulesError as exc:
        if any(d.code == "E004" for d in exc.diagnostics):
            return Figure(missing="dot")
        return Figure(missing="failed", detail=exc.diagnostics[0].message
                      if exc.diagnostics else str(exc))
    except (OSError, RuntimeError, ValueError) as exc:
        return Figure(missing="failed", detail=str(exc))
    return Figure(svg=inline(data.decode("utf-8"), label))


def inline(svg: str, label: str = "") -> str:
    """A standalone SVG file made fit to sit inside HTML: no XML prolog, doctype or comments,
    no links leaving the page, and an accessible name."""
    svg = _EXTERNAL.sub("", _PROLOG.sub("", svg)).strip()
    attrs_ = ' role="img"'
    if label:
        attrs_ += f' aria-label="{_attr(label)}"'
    return _SVG_TAG.sub("<svg" + attrs_, svg, count=1)


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))
