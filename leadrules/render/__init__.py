"""Drawing a scheme: stages as bands, statuses in them, each kind of move styled apart.

    render_dot(scheme, findings=…, focus=…, locale=…)   Graphviz DOT text
    render_mermaid(scheme, focus=…, locale=…)           a Mermaid stateDiagram-v2
    to_image(dot_text, "svg" | "png" | "pdf")           bytes, drawn by Graphviz's `dot`

DOT and Mermaid are plain text and need nothing else; `to_image` runs the `dot` program (no
Python binding) and raises `DotMissing` (E004, with how to install Graphviz) when it is not
installed. The same scheme always gives the same text, so diagrams can be reviewed in diffs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from leadrules.model.scheme import Scheme
from leadrules.render import diagram, dot, mermaid
from leadrules.render.image import IMAGE_FORMATS, DotMissing, find_dot, to_image

TEXT_FORMATS = ("dot", "mmd")
FORMATS = (*IMAGE_FORMATS, *TEXT_FORMATS)


def render_dot(scheme: Scheme, *, findings: Iterable[Any] = (), focus: str | None = None,
               locale: str | None = None) -> str:
    """The scheme as Graphviz DOT. `findings` (lint diagnostics or findings) are marked on
    the statuses and moves they point at; `focus` draws one status and its neighbours
    (raises `LeadrulesError` E200 for an unknown status); `locale` picks translated labels."""
    found = tuple(findings)
    return dot.write(diagram.build(scheme, findings=found, focus=focus, locale=locale,
                                   lint=bool(found)))


def render_mermaid(scheme: Scheme, *, focus: str | None = None,
                   locale: str | None = None) -> str:
    """The scheme as a Mermaid `stateDiagram-v2`, for Markdown that GitHub renders."""
    return mermaid.write(diagram.build(scheme, focus=focus, locale=locale))


__all__ = ["FORMATS", "IMAGE_FORMATS", "TEXT_FORMATS", "DotMissing", "find_dot",
           "render_dot", "render_mermaid", "to_image"]
