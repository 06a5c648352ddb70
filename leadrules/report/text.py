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

from leadrules.errors import Diagnostic, Severity
from leadrules.report.model import Report

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


def render(d: Diagnostic, source: LineSource = line_from_disk, color: bool = False,
           brief: bool = False) -> str:
    """One diagnostic: the headline, the source line with a caret, expected and help lines
    (`brief`: the headline alone)."""

    def style(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    span = d.span
    if d.rule is None:
        head = f"{span}: {style(d.code, '1;31')} {d.message}"
    else:
        colour = {3: "1;31", 2: "1;33", 1: "1;34"}[int(d.severity)]
        head = f"{span}: {style(d.code, colour)} {style(str(d.severity), colour)}: {d.message} " \
               f"[{d.rule}]"
    out = [head]
    if brief:
        return head
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


def render_report(report: Report, color: bool = False, quiet: bool = False,
                  verbose: bool = False) -> str:
    """A whole check: each file's problems (or its ok line), then one summary line.

    Infos that do not fail the run are listed one line each unless `verbose`: they are worth a
    look, not a wall of carets.
    """
    out: list[str] = []
    for f in report.files:
        infos = [d for d in f.diagnostics if d.rule and d.severity < report.fail_on
                 and d.severity == Severity.INFO and not verbose]
        for d in f.diagnostics:
            if d in infos:
                continue
            out.append(render(d, color=color))
            out.append("")
        out.extend(render(d, color=color, brief=True) for d in infos)
        if infos:
            out.append("")
        failing = any(d.rule is None or d.severity >= report.fail_on for d in f.diagnostics)
        if not failing and not quiet and f.summary is not None:
            out.append(f"{f.path}: ok ({f.summary})")
    errors, findings = report.errors, report.findings
    hidden = sum(f.baselined for f in report.files)
    checked = len(report.files)
    if errors:
        bad = len({d.span.file for d in errors})
        line = f"{_count(len(errors), 'problem')} in {bad} of {_count(checked, 'file')}"
        if findings:
            line += f", and {_count(len(findings), 'lint finding')}"
        out.append(line)
    elif findings:
        levels = ", ".join(_count(report.count(s), str(s)) for s in
                           (Severity.ERROR, Severity.WARNING, Severity.INFO) if report.count(s))
        files = len({d.span.file for d in findings})
        line = f"{_count(len(findings), 'finding')} ({levels}) in {files} of " \
               f"{_count(checked, 'file')}"
        if hidden:
            line += f"; {hidden} more hidden by the baseline"
        out.append(line)
    elif hidden:
        out.append(f"no new findings; {_count(hidden, 'finding')} hidden by the baseline")
    return "\n".join(out)


def _count(n: int, noun: str) -> str:
    plural = {"info": "infos", "status": "statuses"}.get(noun, noun + "s")
    return f"{n} {noun if n == 1 else plural}"
