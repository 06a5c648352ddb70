"""The markdown format: headline, counts, per-file tables with errors first, escaping that keeps
tables intact, and folding for long lists (golden file: tests/golden/report.md; see
tests/test_report_json.py).
"""

from __future__ import annotations

import re

import pytest

from leadrules.errors import Diagnostic, Severity, Span
from leadrules.report import markdown
from leadrules.report.model import FileReport, Report
from tests.conftest import ROOT
from tests.test_report_json import GOLDEN_INPUTS, check, compare_golden, golden_report


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def finding(line: int, severity: Severity = Severity.WARNING, message: str = "m",
            file: str = "a.leads") -> Diagnostic:
    return Diagnostic("LR102", message, Span.point(file, line, 1), severity,
                      rule="unreachable-status")


def cells(row: str) -> list[str]:
    """A table row split on its unescaped pipes, as GitHub splits it."""
    assert row.startswith("| ") and row.endswith(" |")
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]


def test_golden_output(tmp_path):
    """The Markdown for the golden inputs is exactly the recorded page."""
    compare_golden("report.md", markdown.render(golden_report(tmp_path)) + "\n")


def test_headline_result_and_counts():
    """A bold headline with counts, the result with its exit code, and a severity table."""
    out = markdown.render(check(*GOLDEN_INPUTS, "examples/baseline.scenario")).split("\n")
    assert re.fullmatch(r"\*\*leadrules: 3 errors, \d+ warnings? in 2 of 3 files\*\*", out[0])
    assert out[2] == "**Fails** (exit code 2): 1 file cannot be read, parsed or resolved."
    assert out[4:7] == ["| severity | count |", "| --- | ---: |", "| error | 3 |"]
    assert "No problems in `examples/baseline.scenario`." in out


def test_all_clean():
    """A run without problems says so in one headline, with no tables."""
    report = Report((FileReport("a.leads", "scheme", summary="1 status"),
                     FileReport("b.scenario", "scenario", summary="scenario")))
    assert markdown.render(report) == "**leadrules: all clean** (2 files checked)\n\n" \
                                      "Passes (exit code 0)."


def test_failing_and_passing_findings():
    """The result line gives exit code 1 for findings at or above fail-on, else 0."""
    report = Report((FileReport("a.leads", "scheme", (finding(1),)),))
    assert "**Fails** (exit code 1): 1 finding at or above *warning*." in \
        markdown.render(report)
    report = Report(report.files, fail_on=Severity.ERROR)
    assert "Passes (exit code 0): no finding at or above *error*." in markdown.render(report)


def test_errors_first_within_a_file():
    """A file's table lists errors, then warnings, then infos; by line within each."""
    report = Report((FileReport("a.leads", "scheme", (
        finding(1, Severity.INFO), finding(8, Severity.WARNING), finding(5, Severity.ERROR),
        finding(2, Severity.WARNING))),))
    rows = [cells(r) for r in markdown.render(report).split("\n") if r.startswith("| ")
            and "`LR102`" in r]
    assert [(r[0], r[1]) for r in rows] == [("5", "error"), ("2", "warning"),
                                            ("8", "warning"), ("1", "info")]
    assert rows[0][2] == "`LR102` unreachable-status"


def test_messages_cannot_break_the_table():
    """Pipes, backticks, markup and line breaks in a message stay inside their cell."""
    nasty = "status 'a|b' has `x | y` and a stray ` and *bold* <script> [link](u) $x$\nnext"
    d = Diagnostic("E200", nasty, Span.point("a.leads", 4, 1), help="use `c|d`")
    out = markdown.render(Report((FileReport("a.leads", "scheme", (d,)),)))
    (row,) = [r for r in out.split("\n") if r.startswith("| 4 ")]
    got = cells(row)
    assert len(got) == 4
    assert got[2] == "`E200` unknown-name"
    assert "`x \\| y`" in got[3] and "`c\\|d`" in got[3]  # code spans kept, pipe escaped
    assert "a\\|b" in got[3] and "stray \\` and" in got[3]
    assert "\\*bold\\*" in got[3] and "\\<script\\>" in got[3] and "\\[link\\](u)" in got[3]
    assert "\\$x\\$" in got[3] and "<br>next" in got[3]


def test_code_spans_hold_backticks():
    """A path with backticks becomes a code span with a longer fence."""
    assert markdown.code_span("a`b.leads") == "``a`b.leads``"
    assert markdown.code_span("`x`") == "`` `x` ``"
    assert markdown.code_span("a|b", table=True) == "`a\\|b`"


def test_hundreds_of_findings_stay_readable():
    """Long tables fold into <details>, rows stop at max_rows, and the rest is counted."""
    many = tuple(finding(n, message=f"finding {n}") for n in range(1, 401))
    few = tuple(finding(n, file="b.leads") for n in range(1, 4))
    report = Report((FileReport("a.leads", "scheme", many), FileReport("b.leads", "scheme", few),
                     FileReport("c.leads", "scheme", (finding(1, file="c.leads"),))))
    out = markdown.render(report, max_rows=300)
    rows = [r for r in out.split("\n") if r.startswith("| ") and "`LR102`" in r]
    assert len(rows) == 300
    assert "<details>\n<summary>400 problems</summary>\n\n| line |" in out
    assert "…and 100 more findings not shown here" in out
    assert "…and 3 more findings not shown here" in out and "…and 1 more finding" in out
    assert out.count("<details>") == out.count("</details>") == 1
    assert len(out) < 65536  # fits a pull-request comment
    short = markdown.render(Report((FileReport("b.leads", "scheme", few),)))
    assert "<details>" not in short


def test_many_clean_files_fold():
    """A long list of clean files folds into <details>."""
    files = tuple(FileReport(f"f{n}.leads", "scheme", summary="1 status") for n in range(20))
    report = Report((FileReport("a.leads", "scheme", (finding(1),)), *files))
    out = markdown.render(report)
    assert "<summary>20 files with no problems</summary>" in out
