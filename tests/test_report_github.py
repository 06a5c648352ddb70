"""The github format: workflow-command annotations, most severe first, escaped, located, and a
plain summary line (golden file: tests/golden/report.github.txt; see tests/test_report_json.py).
"""

from __future__ import annotations

import re

import pytest

from leadrules.codes import CODES
from leadrules.errors import Diagnostic, Severity, Span
from leadrules.report import github
from leadrules.report.model import FileReport, Report
from tests.conftest import ROOT
from tests.test_report_json import GOLDEN_INPUTS, check, compare_golden, golden_report

ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),"
    r"endColumn=(\d+),title=([^,:]+)::(.*)$")


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def finding(severity: Severity, file: str, line: int, code: str = "LR102",
            message: str = "m") -> Diagnostic:
    return Diagnostic(code, message, Span.point(file, line, 3, 4), severity,
                      rule="unreachable-status")


def test_golden_output(tmp_path):
    """The annotations for the golden inputs are exactly the recorded ones."""
    compare_golden("report.github.txt", github.render(golden_report(tmp_path)) + "\n")


def test_most_severe_first_then_file_and_line():
    """Errors come before warnings before notices, whatever the file order; then file, line."""
    report = check("examples/universal.leads", *GOLDEN_INPUTS)
    lines = github.render(report).split("\n")
    kinds = [ANNOTATION.match(line).group(1) for line in lines[:-1]]  # type: ignore[union-attr]
    rank = {"error": 0, "warning": 1, "notice": 2}
    assert kinds == sorted(kinds, key=rank.__getitem__)
    assert kinds[0] == "error" and kinds[-1] == "notice" and "warning" in kinds
    synthetic = Report((
        FileReport("b.leads", "scheme", (finding(Severity.INFO, "b.leads", 1),
                                         finding(Severity.ERROR, "b.leads", 9))),
        FileReport("a.leads", "scheme", (finding(Severity.WARNING, "a.leads", 2),
                                         finding(Severity.ERROR, "a.leads", 7),
                                         finding(Severity.ERROR, "a.leads", 3))),
    ))
    got = [ANNOTATION.match(line).groups()[:3]  # type: ignore[union-attr]
           for line in github.render(synthetic).split("\n")[:-1]]
    assert got == [("error", "a.leads", "3"), ("error", "a.leads", "7"),
                   ("error", "b.leads", "9"), ("warning", "a.leads", "2"),
                   ("notice", "b.leads", "1")]


def test_annotations_carry_line_and_column():
    """Every annotation names its file, line, column and end, and a `CODE name` title."""
    report = check(*GOLDEN_INPUTS, "examples/universal.leads")
    lines = github.render(report).split("\n")
    assert len(lines) == len(report.diagnostics) + 1
    for line, d in zip(lines[:-1], sorted(report.diagnostics, key=github.order), strict=True):
        match = ANNOTATION.match(line)
        assert match, line
        _, file, start, col, end, end_col, title, _ = match.groups()
        assert Span(file, int(start), int(col), int(end), int(end_col)) == d.span
        assert title == f"{d.code} {d.rule or CODES[d.code][0]}"
    assert "title=E200 unknown-name::unknown status 'Nurtur'" in lines[0]
    assert any("title=LR201 status-budget::" in line for line in lines)


def test_escaping_of_messages_and_properties():
    """%, CR and LF are encoded in the message; `,` and `:` too in properties."""
    d = Diagnostic("LR102", "100% sure\r\nnext: a, b", Span("dir,x:y%.leads", 2, 5, 2, 9),
                   Severity.WARNING, help="fix: it", rule="unreachable-status")
    line = github.annotation(d)
    assert line == ("::warning file=dir%2Cx%3Ay%25.leads,line=2,col=5,endLine=2,endColumn=9,"
                    "title=LR102 unreachable-status::100%25 sure%0D%0Anext: a, b%0Ahelp: fix: it")
    assert "\n" not in line and "\r" not in line
    assert github.escape_property("a%b,c:d\ne") == "a%25b%2Cc%3Ad%0Ae"


def test_levels_map_to_commands():
    """Error, warning and info become ::error, ::warning and ::notice."""
    for severity, command in [(Severity.ERROR, "error"), (Severity.WARNING, "warning"),
                              (Severity.INFO, "notice")]:
        assert github.annotation(finding(severity, "a.leads", 1)).startswith(f"::{command} ")


def test_summary_line_ends_the_output():
    """The last line is a plain summary (no workflow command); a clean run says so."""
    out = github.render(check(*GOLDEN_INPUTS))
    last = out.split("\n")[-1]
    assert not last.startswith("::")
    assert last.startswith("leadrules: 3 errors") and "of 2 files" in last
    assert "(exit code 2; fails on warning)" in last
    clean = Report((FileReport("a.leads", "scheme", summary="1 status"),))
    assert github.render(clean) == "leadrules: all clean, 1 file checked (exit code 0; " \
                                   "fails on warning)"
