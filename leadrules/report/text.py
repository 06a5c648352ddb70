"""Diagnostics as text, in the style of rustc and ruff.

    examples/x.leads:12:21: E200 unknown status 'Nurtur'
       12 | transition Stale -> Nurtur manual
          |                     ^^^^^^
          = expected: a status declared with `status NAME { … }`
          = help: did you mean 'Nurture'?

Carets line up under wide (Chinese) characters and tabs.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

from leadrules.errors import Diagnostic

LineSource = Callable[[str, int], str | None]


def width(text: str) -> int:
    """Display width in a terminal: wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


@functools.lru_cache(maxsize=64)
def _file_lines(path: str) -> tuple[str, ...]:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return tuple(fh.read().lstrip("\ufeff").split("\n"))
    except OSError:
        return ()


def line_from_disk(path: str, line: int) -> str | None:
    lines = _file_lines(path)
    return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else None


def render(d: Diagnostic, source: LineSource = line_from_disk, color: bool = False) -> str:
    """One diagnostic: the headline, the source line with a caret, expected and help lines."""

    def style(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    span = d.span
    head = f"{span}: {style(d.code, '1;31')} {d.message}"
    out = [head]
    text = source(span.file, span.line)
    gutter = len(str(span.line))
    pad = " " * (gutter + 2)
    if text is not None and text.strip():
        shown = text.replace("\t", "    ")
        prefix = text[: span.column - 1].replace("\t", "    ")
        last = span.end_column if span.end_line == span.line else len(text) + 1
        marked = text[span.column - 1: max(last - 1, span.column)].replace("\t", "    ")
        carets = "^" * max(width(marked), 1)
        out.append(f" {span.line} | {shown}")
        out.append(f"{pad}| {' ' * width(prefix)}{style(carets, '1;31')}")
    if d.expected:
        out.append(f"{pad}= expected: {d.expected}")
    if d.help:
        out.append(f"{pad}= help: {style(d.help, '36')}")
    return "\n".join(out)
