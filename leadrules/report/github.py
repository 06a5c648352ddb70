"""A check as GitHub Actions workflow commands: each problem becomes an annotation on its line.

    ::error file=x.leads,line=19,col=26,endLine=19,endColumn=32,title=E200 unknown-name::unknown…
    ::warning file=x.leads,line=16,col=1,endLine=16,endColumn=29,title=LR201 status-budget::13 …
    leadrules: 3 errors, 1 warning in 2 of 2 files (exit code 2)

Errors become `::error`, warnings `::warning`, infos `::notice`. GitHub shows only a few
annotations per step (ten errors and ten warnings), so the most severe come first — then by
file, line and column — and the plain summary line at the end counts everything. Values are
escaped as the runner expects: `%`, CR and LF everywhere, and `:` and `,` in properties too.
The format is chosen by default when the `GITHUB_ACTIONS` environment variable is `true`.
"""

from __future__ import annotations

from leadrules.codes import CODES
from leadrules.errors import Diagnostic, Severity
from leadrules.report.json import summary
from leadrules.report.model import Report

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report) -> str:
    """One workflow command per diagnostic, most severe first, then one plain summary line."""
    lines = [annotation(d) for d in sorted(report.diagnostics, key=order)]
    lines.append(summary_line(report))
    return "\n".join(lines)


def order(d: Diagnostic) -> tuple[int, str, int, int, str]:
    """Most severe first; then by file, line, column and code."""
    return (-int(d.severity), d.span.file, d.span.line, d.span.column, d.code)


def annotation(d: Diagnostic) -> str:
    span = d.span
    properties = {"file": span.file, "line": span.line, "col": span.column,
                  "endLine": span.end_line, "endColumn": span.end_column, "title": title(d)}
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    text = d.message
    if d.expected:
        text += f"\nexpected: {d.expected}"
    if d.help:
        text += f"\nhelp: {d.help}"
    return f"::{COMMAND[d.severity]} {props}::{escape_data(text)}"


def title(d: Diagnostic) -> str:
    """The code and its readable name: `LR102 unreachable-status`, `E200 unknown-name`."""
    name = d.rule or (CODES[d.code][0] if d.code in CODES else None)
    return f"{d.code} {name}" if name else d.code


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF encoded (as the Actions runner decodes them)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: like a message, and `:` and `,` too (they separate properties)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def summary_line(report: Report) -> str:
    """`leadrules: 3 errors, 1 warning in 2 of 4 files (exit code 2)`, or all clean."""
    counts = summary(report)
    files = counts["files"]
    noun = "file" if files == 1 else "files"
    levels = [_count(n, level) for level, n in counts["by_severity"].items() if n]
    if levels:
        bad = len({d.span.file for d in report.diagnostics})
        line = f"leadrules: {', '.join(levels)} in {bad} of {files} {noun}"
    else:
        line = f"leadrules: all clean, {files} {noun} checked"
    hidden = sum(f.baselined for f in report.files)
    if hidden:
        line += f"; {hidden} more hidden by the baseline"
    return line + f" (exit code {counts['exit_code']}; fails on {report.fail_on})"


def _count(n: int, level: str) -> str:
    return f"{n} {level if n == 1 else {'info': 'infos'}.get(level, level + 's')}"


__all__ = ["annotation", "escape_data", "escape_property", "render", "summary_line"]
