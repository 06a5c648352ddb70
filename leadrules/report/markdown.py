"""A check as Markdown, for a CI job summary ($GITHUB_STEP_SUMMARY) or a pull-request comment.

    **leadrules: 3 errors, 1 warning in 2 of 2 files**

    Fails (exit code 2): 1 file cannot be read, parsed or resolved.

    | severity | count |
    ...

    ### `docs/tour/mistakes.leads`
    | line | severity | rule | message |
    ...

A headline (no emoji), the result and its exit code, a table of counts by severity, then one
table per file with problems — errors first, then by line. A file with more than `COLLAPSE`
rows has its table folded into `<details>`, and after `max_rows` rows in all the rest is only
counted (a pull-request comment holds at most 65,536 characters). Messages are escaped so that
`|`, backticks, `*`, `<` and the like in status names neither break a table nor turn into markup;
text between backticks in a message stays a code span.
"""

from __future__ import annotations

import re

from leadrules.codes import CODES
from leadrules.errors import Diagnostic
from leadrules.report.json import LEVELS, summary
from leadrules.report.model import FileReport, Report

COLLAPSE = 10  # a file with more rows than this has its table folded
MAX_ROWS = 300  # rows in all, before the rest is only counted
# Inline markup inside a table cell: emphasis, links, HTML, entities, strikethrough, math, pipes.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
_CODE = re.compile(r"`([^`\n]+)`")


def render(report: Report, max_rows: int = MAX_ROWS) -> str:
    """The report as a Markdown document."""
    counts = summary(report)
    files = counts["files"]
    by_severity: dict[str, int] = counts["by_severity"]
    hidden = sum(f.baselined for f in report.files)
    out: list[str] = []
    levels = [_count(n, level) for level, n in by_severity.items() if n]
    if not levels:
        out.append(f"**leadrules: all clean** ({_count(files, 'file')} checked)")
    else:
        bad = [f for f in report.files if f.diagnostics]
        out.append(f"**leadrules: {', '.join(levels)} in {len(bad)} of {_count(files, 'file')}**")
    out += ["", result_line(report, counts["exit_code"])]
    if hidden:
        out[-1] += f" {_count(hidden, 'finding')} hidden by the baseline."
    if not levels:
        return "\n".join(out)
    out += ["", "| severity | count |", "| --- | ---: |"]
    out += [f"| {level} | {by_severity[str(level)]} |" for level in LEVELS]
    shown = 0
    for f in report.files:
        if not f.diagnostics:
            continue
        out += ["", f"### {code_span(f.path)}", "", file_line(f), ""]
        rows = sorted(f.diagnostics, key=_order)
        room = max(max_rows - shown, 0)
        table = ["| line | severity | rule | message |", "| ---: | --- | --- | --- |"]
        table += [row(d) for d in rows[:room]]
        shown += min(len(rows), room)
        if len(rows) > room:
            table += ["", f"…and {_count(len(rows) - room, 'more finding')} not shown here "
                      "(`leadrules check --format json` lists them all)."]
        if room == 0:
            out += table[-1:]
        elif min(len(rows), room) > COLLAPSE:
            out += ["<details>", f"<summary>{_count(len(rows), 'problem')}</summary>", "",
                    *table, "", "</details>"]
        else:
            out += table
    clean = [f.path for f in report.files if not f.diagnostics]
    if clean:
        names = ", ".join(code_span(p) for p in clean)
        if len(clean) > COLLAPSE:
            out += ["", "<details>", f"<summary>{_count(len(clean), 'file')} with no problems"
                    "</summary>", "", names, "", "</details>"]
        else:
            out += ["", f"No problems in {names}."]
    return "\n".join(out)


def result_line(report: Report, code: int) -> str:
    if code == 2:
        bad = len({d.span.file for d in report.errors})
        return (f"**Fails** (exit code 2): {_count(bad, 'file')} cannot be read, parsed or "
                "resolved.")
    if code == 1:
        return (f"**Fails** (exit code 1): {_count(len(report.failing), 'finding')} at or "
                f"above *{report.fail_on}*.")
    if report.findings:
        return f"Passes (exit code 0): no finding at or above *{report.fail_on}*."
    return "Passes (exit code 0)."


def file_line(f: FileReport) -> str:
    levels = [_count(n, str(s)) for s in LEVELS
              if (n := sum(1 for d in f.diagnostics if d.severity == s))]
    line = ", ".join(levels)
    if not f.loaded:
        line += "; the file cannot be used until the errors are fixed"
    elif f.summary:
        line += f" ({escape(f.summary)})"
    if f.baselined:
        line += f"; {f.baselined} more hidden by the baseline"
    return line[:1].upper() + line[1:] + "."


def row(d: Diagnostic) -> str:
    name = d.rule or (CODES[d.code][0] if d.code in CODES else "")
    rule = f"{code_span(d.code, table=True)} {escape(name)}".rstrip()
    text = escape(d.message)
    if d.expected:
        text += f"<br>expected: {escape(d.expected)}"
    if d.help:
        text += f"<br>help: {escape(d.help)}"
    return f"| {d.span.line} | {d.severity} | {rule} | {text} |"


def escape(text: str) -> str:
    """Text for a table cell: markup characters escaped, `code` kept as a code span."""
    out: list[str] = []
    pos = 0
    for match in _CODE.finditer(text):
        out.append(_plain(text[pos:match.start()]))
        out.append(code_span(match.group(1), table=True))
        pos = match.end()
    out.append(_plain(text[pos:]))
    return "".join(out)


def code_span(text: str, table: bool = False) -> str:
    """`text` as a code span, whatever backticks it holds; in a table `|` is escaped too."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    body = text.replace("\n", " ")
    if table:
        body = body.replace("|", "\\|")
    return f"{fence}{pad}{body}{pad}{fence}"


def _plain(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text).replace("\r", "").replace("\n", "<br>")


def _order(d: Diagnostic) -> tuple[int, int, int, str]:
    return (-int(d.severity), d.span.line, d.span.column, d.code)


def _count(n: int, noun: str) -> str:
    plural = {"info": "infos", "more finding": "more findings"}.get(noun, noun + "s")
    return f"{n} {noun if n == 1 else plural}"


__all__ = ["code_span", "escape", "render"]
