"""leadrules: lead-status schemes as text — parse, check, draw and simulate them.

The pipeline, one public function per stage::

    parse_text / parse_file   text → Scheme | Scenario (names unresolved)
    resolve / load / load_text names, types, calendars and scenario moves checked
    build_graph               Scheme → networkx MultiDiGraph of statuses

Every function raises `LeadrulesError` (a list of located `Diagnostic`s) on bad input and
never prints or exits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from leadrules.errors import Diagnostic, LeadrulesError, Severity, Span
from leadrules.loader import Loader, load, load_text, resolve
from leadrules.parse import parse_file, parse_text

if TYPE_CHECKING:
    from leadrules.calendar import BusinessCalendar
    from leadrules.graph import build_graph

__all__ = [
    "BusinessCalendar", "Diagnostic", "LeadrulesError", "Loader", "Severity", "Span",
    "build_graph", "load", "load_text", "parse_file", "parse_text", "resolve",
]


def __getattr__(name: str) -> Any:
    # networkx is imported only when a graph is wanted: `leadrules check` starts faster.
    if name == "build_graph":
        from leadrules.graph import build_graph

        return build_graph
    if name == "BusinessCalendar":
        from leadrules.calendar import BusinessCalendar

        return BusinessCalendar
    raise AttributeError(f"module 'leadrules' has no attribute {name!r}")
