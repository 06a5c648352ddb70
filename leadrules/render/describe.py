"""Short texts for diagrams: durations in words, edge labels, SLA and alert badges.

Everything here is plain text (no markup): the DOT and Mermaid writers escape it their own way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from leadrules.model.common import Duration
from leadrules.model.scheme import Sla, Status, Timer


def duration(d: Duration) -> str:
    """A duration in words, as the scheme wrote it: "2 business hours", "30 days"."""
    return str(d)


def delay(d: Duration, without_activity: bool = False) -> str:
    """When a timer fires: "after 30 days without activity"."""
    return f"after {duration(d)}{' without activity' if without_activity else ''}"


def sla_badge(sla: Sla) -> str:
    """"SLA 2 business hours", or "activity every 7 days" for an activity SLA."""
    if sla.activity:
        return f"activity every {duration(sla.within)}"
    return f"SLA {duration(sla.within)}"


def alert_badge(timer: Timer) -> str:
    """An alert-only timer: "alert after 24 hours"."""
    return f"alert {delay(timer.delay, timer.without_activity)}"


def badges(status: Status) -> tuple[str, ...]:
    """What watches a status: its SLAs, then its alert-only timers, in order of writing."""
    out = [sla_badge(s) for s in status.slas]
    out += [alert_badge(t) for t in status.timers if t.target is None]
    return tuple(out)


def move_lines(edge: Mapping[str, Any]) -> tuple[str, ...]:
    """The label of a move (a status-graph edge's attributes), one line per fact; the
    approval is told apart by `approval_line`."""
    kind = edge["kind"]
    lines: list[str] = []
    if kind == "auto" or (kind == "stage-sync" and edge.get("event")):
        lines.append(f"on {edge['event']}" if kind == "auto" else str(edge["event"]))
    if kind == "timer":
        lines.append(delay(edge["delay"], bool(edge.get("without_activity"))))
    condition = edge.get("condition")
    if condition:
        lines.append(f"when {condition}" if kind in ("timer", "data") else
                     f"requires {condition}")
    return tuple(lines)


def approval_line(edge: Mapping[str, Any]) -> str | None:
    """"approval: sales_manager if deal_value >= 50000", or None."""
    role = edge.get("approval")
    if not role:
        return None
    condition = edge.get("approval_if")
    return f"approval: {role}" + (f" if {condition}" if condition else "")


def width(text: str) -> int:
    """Display width: wide (Chinese, Japanese, Korean) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


OPERATORS = frozenset({"=", "!=", "<", "<=", ">", ">="})


def wrap(text: str, limit: int) -> list[str]:
    """Break a text into lines of at most `limit` display columns, at spaces where possible
    (a word longer than the limit is cut only when it has no spaces at all). A comparison
    stays on one line: `attempts >= 10` is never broken before or after its `>=`."""
    words: list[str] = []
    for word in text.split(" "):
        if words and (word in OPERATORS or words[-1].split("\0")[-1] in OPERATORS):
            words[-1] += "\0" + word
        else:
            words.append(word)
    return [line.replace("\0", " ") for line in _wrap(words, limit)]


def _wrap(words: list[str], limit: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if width(candidate) <= limit or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
        while width(line) > limit and " " not in line:
            cut = _cut(line, limit)
            if cut >= len(line):
                break
            lines.append(line[:cut])
            line = line[cut:]
    if line or not lines:
        lines.append(line)
    return lines


def _cut(text: str, limit: int) -> int:
    """How many characters of `text` fit in `limit` columns (at least one)."""
    used = 0
    for i, ch in enumerate(text):
        used += width(ch)
        if used > limit:
            return max(i, 1)
    return len(text)
