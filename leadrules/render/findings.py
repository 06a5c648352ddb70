"""Lint findings placed on the diagram: on the move or status each one points at.

A finding belongs to a move when its location lies inside the line that declares the move (a
transition, a timer, a `when` rule, a stage-sync rule), else to a status when it lies inside the
status's block; anything else (fields, the `expect` block, the scheme as a whole) is listed
apart, under the legend.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from leadrules.errors import Diagnostic, Span
from leadrules.model.scheme import Scheme


@attrs.frozen
class Placed:
    """Rule tags ("LR305 automation-bypasses-requirements") by status name and by move span,
    and the tags of findings on neither."""

    statuses: dict[str, tuple[str, ...]]
    moves: dict[Span, tuple[str, ...]]
    elsewhere: tuple[str, ...]


def _diagnostic(item: Any) -> Diagnostic:
    return item.diagnostic if hasattr(item, "diagnostic") else item


def tag(d: Diagnostic) -> str:
    """"LR403 no-timer": the code and the rule's name."""
    return f"{d.code} {d.rule}" if d.rule else d.code


def inside(inner: Span, outer: Span) -> bool:
    return (inner.file == outer.file
            and (outer.line, outer.column) <= (inner.line, inner.column)
            and (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column))


def place(findings: Iterable[Any], scheme: Scheme, move_spans: Iterable[Span]) -> Placed:
    """Put each finding (a `Diagnostic`, or a lint `Finding`) on a move, a status or neither."""
    by_line: dict[tuple[str, int], list[Span]] = {}  # the moves written on each line
    for span in sorted(set(move_spans)):
        for line in range(span.line, span.end_line + 1):
            by_line.setdefault((span.file, line), []).append(span)
    block: dict[tuple[str, int], str] = {}  # the status whose block holds each line
    for s in scheme.statuses:
        for line in range(s.span.line, s.span.end_line + 1):
            block.setdefault((s.span.file, line), s.name)
    statuses: dict[str, list[str]] = {}
    moves: dict[Span, list[str]] = {}
    elsewhere: list[str] = []
    for item in findings:
        d = _diagnostic(item)
        where = (d.span.file, d.span.line)
        hits = [s for s in by_line.get(where, ()) if inside(d.span, s)]
        if hits:
            for span in hits:
                _add(moves.setdefault(span, []), tag(d))
            continue
        owner = block.get(where)
        if owner is not None and inside(d.span, scheme.status_map[owner].span):
            _add(statuses.setdefault(owner, []), tag(d))
        else:
            elsewhere.append(tag(d))
    return Placed({k: tuple(v) for k, v in statuses.items()},
                  {k: tuple(v) for k, v in moves.items()}, tuple(elsewhere))


def _add(tags: list[str], new: str) -> None:
    if new not in tags:
        tags.append(new)


def summary(tags: Iterable[str]) -> str:
    """"LR304 unused-field ×5, LR402 expect-contradicts-timers" (in order of first finding)."""
    counts: dict[str, int] = {}
    for t in tags:
        counts[t] = counts.get(t, 0) + 1
    return ", ".join(f"{t} ×{n}" if n > 1 else t for t, n in counts.items())
