"""The JSON report: its documented shape, its golden output, and the CLI's agreement with it.

Golden files (tests/golden/report.*, one per format) are real output for a fixed set of files
checked with a fixed set of rules (`PINNED_RULES`; the rules added since are disabled), so a new
rule does not change them. The example in docs/report-json.md is real output too. To rewrite
them all after a deliberate change, run
`LEADRULES_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_*.py` and review the diff.
The other report tests import the helpers below.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from leadrules import __version__
from leadrules.cli.check import Checker, CheckOptions, exit_code
from leadrules.cli.main import main
from leadrules.errors import Severity
from leadrules.lint.registry import all_rules
from leadrules.report import json as json_report
from leadrules.report.model import Report
from tests.conftest import ROOT

TODAY = dt.date(2026, 11, 26)
GOLDEN = ROOT / "tests" / "golden"
# The golden inputs (smells added later are not included) and the rules that run on them.
GOLDEN_INPUTS = ["examples/smells/too_many_statuses.leads", "docs/tour/mistakes.leads"]
PINNED_RULES = ("single-initial", "unreachable-status", "status-budget", "unused-suppression")
DOC = ROOT / "docs" / "report-json.md"
DOC_COMMAND = "leadrules check --format json docs/tour/mistakes.leads"
DOC_LINT_INPUT = "examples/smells/too_many_statuses.leads"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # relative paths, as a user gives them, in every report


def check(*paths: str, fail_on: Severity | None = None) -> Report:
    return Checker(CheckOptions(today=TODAY, fail_on=fail_on)).run(list(paths))


def golden_report(tmp_path: Path) -> Report:
    """The golden inputs checked with only the pinned rules (a configuration disables the rest)."""
    config = tmp_path / "pinned-rules.toml"
    others = [m.rule.name for m in all_rules() if m.rule.name not in PINNED_RULES]
    config.write_text(f"disable = {json.dumps(others)}\n", encoding="utf-8")
    return Checker(CheckOptions(today=TODAY, config=str(config))).run(GOLDEN_INPUTS)


def compare_golden(name: str, text: str) -> None:
    """`text` equals tests/golden/NAME, or rewrites it with LEADRULES_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file; run with LEADRULES_UPDATE_GOLDEN=1: {path}"
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if the change is deliberate, run "
        "LEADRULES_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_*.py and review the diff")


def without_version(text: str) -> str:
    """The document with the tool's version replaced, so a release does not stale the goldens."""
    data = json.loads(text)
    assert data["tool"]["version"] == __version__
    data["tool"]["version"] = "VERSION"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def run_cli(args: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, _ = capsys.readouterr()
    return int(info.value.code or 0), out


def test_golden_output(tmp_path):
    """The JSON for the golden inputs is exactly the recorded document."""
    compare_golden("report.json", without_version(json_report.render(golden_report(tmp_path))))


def test_top_level_shape():
    """The document has the versioned schema, the tool, fail_on, the summary and the files."""
    data = json.loads(json_report.render(check(*GOLDEN_INPUTS)))
    assert list(data) == ["schema", "tool", "fail_on", "summary", "files"]
    assert data["schema"] == "leadrules-report/1"
    assert data["tool"] == {"name": "leadrules", "version": __version__}
    assert data["fail_on"] == "warning"
    assert list(data["summary"]) == ["files", "errors", "findings", "by_severity", "failing",
                                     "exit_code"]
    assert list(data["summary"]["by_severity"]) == ["error", "warning", "info"]
    assert [f["path"] for f in data["files"]] == GOLDEN_INPUTS


def test_diagnostics_carry_every_field():
    """Each diagnostic has code, rule, severity, message, help, expected and a full location."""
    report = check(*GOLDEN_INPUTS, "examples/universal.leads")
    data = json.loads(json_report.render(report))
    got = [d for f in data["files"] for d in f["diagnostics"]]
    assert len(got) == len(report.diagnostics)
    for d, want in zip(got, report.diagnostics, strict=True):
        assert list(d) == ["code", "rule", "severity", "message", "help", "expected", "location"]
        assert (d["code"], d["rule"], d["severity"], d["message"], d["help"], d["expected"]) == (
            want.code, want.rule, str(want.severity), want.message, want.help, want.expected)
        assert d["location"] == dict(want.span._asdict())
    core = next(d for d in got if d["code"] == "E200")
    assert core["rule"] is None and core["severity"] == "error"


def test_summary_counts_add_up():
    """by_severity counts every diagnostic: its sum is errors plus findings."""
    report = check(*GOLDEN_INPUTS, "examples/universal.leads")
    s = json_report.summary(report)
    assert s["files"] == 3 and s["errors"] == len(report.errors)
    assert s["findings"] == len(report.findings) and s["failing"] == len(report.failing)
    assert sum(s["by_severity"].values()) == s["errors"] + s["findings"]


@pytest.mark.parametrize(("paths", "fail_on", "want"), [
    (["examples/universal.leads"], None, 0),
    (["examples/smells/too_many_statuses.leads"], None, 1),
    (["examples/smells/too_many_statuses.leads"], Severity.ERROR, 0),
    (["examples/universal.leads"], Severity.INFO, 1),
    (GOLDEN_INPUTS, None, 2),
])
def test_exit_code_is_the_clis(paths, fail_on, want):
    """summary.exit_code is the CLI's exit code for the same report: 0 clean, 1 failing, 2 bad."""
    report = check(*paths, fail_on=fail_on)
    assert json_report.summary(report)["exit_code"] == int(exit_code(report)) == want


def test_output_is_deterministic_and_keeps_unicode():
    """Two runs give the same bytes; non-ASCII text is written as is, indented by two."""
    one = json_report.render(check(*GOLDEN_INPUTS))
    two = json_report.render(check(*GOLDEN_INPUTS))
    assert one == two
    assert "5–7" in one and "\\u" not in one
    assert one.startswith('{\n  "schema": "leadrules-report/1",\n')


@pytest.mark.parametrize("paths", [
    ["examples/universal.leads"],
    ["examples/smells/too_many_statuses.leads"],
    ["examples/smells/too_many_statuses.leads", "--fail-on", "error"],
    GOLDEN_INPUTS,
    ["no/such.leads"],
])
def test_cli_exit_code_equals_the_json_exit_code(paths, capsys):
    """`leadrules check --format json` exits with exactly the document's summary.exit_code."""
    code, out = run_cli(["check", "--format", "json", "--today", "2026-11-26", *paths], capsys)
    data = json.loads(out)
    assert data["schema"] == "leadrules-report/1"
    assert code == data["summary"]["exit_code"]


def test_github_actions_picks_the_github_format(capsys, monkeypatch):
    """With GITHUB_ACTIONS=true the default format is github; --format still wins."""
    args = ["check", "--today", "2026-11-26", *GOLDEN_INPUTS]
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out = run_cli(args, capsys)
    lines = out.rstrip("\n").split("\n")
    assert code == 2
    assert all(line.startswith("::") for line in lines[:-1])
    assert lines[0].startswith("::error file=docs/tour/mistakes.leads,line=19,col=26,")
    assert lines[-1].startswith("leadrules: ")
    _, out = run_cli([*args[:1], "--format", "json", *args[1:]], capsys)
    assert json.loads(out)["schema"] == "leadrules-report/1"
    monkeypatch.delenv("GITHUB_ACTIONS")
    _, out = run_cli(args, capsys)
    assert "::error" not in out and "mistakes.leads:19:26: E200" in out


def test_the_documented_example_is_real_output(capsys):
    """docs/report-json.md shows what its command prints now, and a real lint finding."""
    code, out = run_cli(DOC_COMMAND.split()[1:], capsys)
    assert code == 2
    text = DOC.read_text(encoding="utf-8")
    assert f"$ {DOC_COMMAND}" in text
    blocks = list(re.finditer(r"```json\n(.*?)```", text, re.S))
    assert len(blocks) == 2, "docs/report-json.md: the whole example, then one lint finding"
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        text = text[:blocks[0].start(1)] + out + text[blocks[0].end(1):]
        DOC.write_text(text, encoding="utf-8")
        blocks = list(re.finditer(r"```json\n(.*?)```", text, re.S))
    assert without_version(blocks[0].group(1)) == without_version(out), (
        "the example in docs/report-json.md is stale; run LEADRULES_UPDATE_GOLDEN=1 "
        ".venv/bin/pytest tests/test_report_json.py and review the diff")
    finding = json.loads(blocks[1].group(1))
    data = json.loads(json_report.render(check(DOC_LINT_INPUT)))
    assert finding in data["files"][0]["diagnostics"], "the lint finding shown is not real"


def test_every_documented_field_exists():
    """Each field the page describes (a `name` row of its tables) is in the output, and back."""
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, re.M))
    data = json.loads(json_report.render(check(*GOLDEN_INPUTS)))
    produced: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                produced.add(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    assert produced == documented


def test_module_path_is_what_render_imports():
    """The CLI's `render(report, "json")` is this module's output."""
    from leadrules.cli.run_check import render

    report = check(*GOLDEN_INPUTS)
    assert render(report, "json") == json_report.render(report)
    assert Path(json_report.__file__).name == "json.py"
