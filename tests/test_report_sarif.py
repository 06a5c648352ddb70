"""The SARIF report: valid against the official 2.1.0 schema, one descriptor per rule, results
that point at the right rule and place, and fingerprints that survive edits.

The golden file (tests/golden/report.sarif.json) keeps only the descriptors its results use, so
adding a rule does not change it; refresh it with `LEADRULES_UPDATE_GOLDEN=1` (see
tests/test_report_json.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from leadrules.codes import CODES
from leadrules.errors import Diagnostic, Severity, Span
from leadrules.lint.registry import all_rules
from leadrules.report import sarif
from leadrules.report.model import FileReport, Report
from tests.conftest import ROOT, SHARED
from tests.test_report_json import GOLDEN_INPUTS, check, compare_golden, golden_report

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
SMELL = (ROOT / "examples" / "smells" / "too_many_statuses.leads").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def sarif_of(report: Report) -> dict[str, Any]:
    return json.loads(sarif.render(report))


def validate(log: dict[str, Any]) -> None:
    """Fail with every schema violation when `log` is not valid SARIF 2.1.0."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the dev extra")
    if not SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not here: {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:20])


def test_valid_against_the_official_schema():
    """A real report with errors, warnings and infos validates against SARIF 2.1.0."""
    report = check(*GOLDEN_INPUTS, "examples/universal.leads", "no/such.leads")
    assert {d.severity for d in report.diagnostics} == set(Severity)
    log = sarif_of(report)
    validate(log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1


def test_an_empty_run_is_valid_too():
    """A run without problems is a valid log with the rules and no results."""
    log = sarif_of(Report((FileReport("a.leads", "scheme", summary="1 status"),)))
    validate(log)
    assert log["runs"][0]["results"] == []


def test_one_descriptor_per_rule():
    """tool.driver.rules has exactly one descriptor per lint rule and per core code."""
    driver = sarif_of(Report(()))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "leadrules" and "informationUri" not in driver
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted([m.rule.code for m in all_rules()] + list(CODES))
    by_id = {r["id"]: r for r in driver["rules"]}
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for module in all_rules():
        rule, got = module.rule, by_id[module.rule.code]
        assert got["name"] == rule.name
        assert got["shortDescription"]["text"] == rule.summary
        assert got["help"]["markdown"] == module.doc and got["help"]["text"]
        assert "**" not in got["help"]["text"] and "```" not in got["help"]["text"]
        assert got["fullDescription"]["text"]
        assert got["defaultConfiguration"]["level"] == level[rule.severity]
    for code, (name, _) in CODES.items():
        assert by_id[code]["name"] == name
        assert by_id[code]["defaultConfiguration"]["level"] == "error"


def test_results_point_at_their_rule_and_place():
    """Each result's ruleIndex names its ruleId's descriptor; level, text and region match."""
    report = check(*GOLDEN_INPUTS, "examples/universal.leads")
    run = sarif_of(report)["runs"][0]
    rules, results = run["tool"]["driver"]["rules"], run["results"]
    assert len(results) == len(report.diagnostics)
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for result, d in zip(results, report.diagnostics, strict=True):
        assert result["ruleId"] == d.code == rules[result["ruleIndex"]]["id"]
        assert result["level"] == level[d.severity]
        assert result["message"]["text"].startswith(d.message)
        if d.help:
            assert result["message"]["text"].endswith(f"\nhelp: {d.help}")
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": d.span.file, "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {"startLine": d.span.line, "startColumn": d.span.column,
                                      "endLine": d.span.end_line,
                                      "endColumn": d.span.end_column}


@pytest.mark.parametrize(("path", "uri"), [
    ("examples/x.leads", "examples/x.leads"),
    ("./examples/x.leads", "examples/x.leads"),
    ("examples\\sub\\x.leads", "examples/sub/x.leads"),
    ("my schemes/100% #1.leads", "my%20schemes/100%25%20%231.leads"),
    ("схемы/x.leads", "%D1%81%D1%85%D0%B5%D0%BC%D1%8B/x.leads"),
    ("a:b.leads", "a%3Ab.leads"),
    ("/srv/x.leads", "file:///srv/x.leads"),
    ("C:\\work\\x.leads", "file:///C:/work/x.leads"),
])
def test_uris_use_forward_slashes_and_percent_encoding(path, uri):
    """Paths become URI references: forward slashes, encoded; absolute ones are file: URIs."""
    assert sarif.artifact_uri(path) == uri
    d = Diagnostic("E001", "no such file", Span.whole_file(path))
    log = sarif_of(Report((FileReport(path, "scheme", (d,)),)))
    validate(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]
    assert artifact["uri"] == uri
    assert ("uriBaseId" in artifact) == (not uri.startswith("file:"))


def test_fingerprints_survive_moved_lines(tmp_path, monkeypatch):
    """Lines added above a finding move its region but keep its partial fingerprint."""
    monkeypatch.chdir(tmp_path)
    Path("s.leads").write_text(SMELL, encoding="utf-8")
    before = sarif_of(check("s.leads"))["runs"][0]["results"]
    Path("s.leads").write_text("# a new comment\n\n" + SMELL, encoding="utf-8")
    after = sarif_of(check("s.leads"))["runs"][0]["results"]
    assert before and len(before) == len(after)
    for one, two in zip(before, after, strict=True):
        assert one["partialFingerprints"] == two["partialFingerprints"]
        region_one = one["locations"][0]["physicalLocation"]["region"]
        region_two = two["locations"][0]["physicalLocation"]["region"]
        assert region_two["startLine"] == region_one["startLine"] + 2


def test_fingerprints_tell_identical_findings_apart():
    """Findings with the same rule, file and message get the same hash and an occurrence number;
    another message or file gets another hash."""
    def finding(line: int, message: str = "same", file: str = "a.leads") -> Diagnostic:
        return Diagnostic("LR102", message, Span.point(file, line, 1), Severity.WARNING,
                          rule="unreachable-status")

    report = Report((FileReport("a.leads", "scheme", (finding(3), finding(9), finding(5, "x"))),
                     FileReport("b.leads", "scheme", (finding(3, file="b.leads"),))))
    prints = [r["partialFingerprints"]["leadrules/v1"]
              for r in sarif_of(report)["runs"][0]["results"]]
    hashes = [p.split(":")[0] for p in prints]
    assert prints[0].endswith(":1") and prints[1].endswith(":2")
    assert hashes[0] == hashes[1] and len(set(hashes)) == 3


def test_output_is_deterministic():
    """The same report renders to the same bytes, without timestamps."""
    one = sarif.render(check(*GOLDEN_INPUTS))
    assert one == sarif.render(check(*GOLDEN_INPUTS))
    assert "Time" not in one and "5–7" in one


def test_golden_output(tmp_path):
    """The SARIF for the golden inputs (with the descriptors they use) is the recorded log."""
    log = sarif_of(golden_report(tmp_path))
    validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    used = sorted({r["ruleIndex"] for r in run["results"]})
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        result["ruleIndex"] = used.index(result["ruleIndex"])  # an index into the kept ones
    run["tool"]["driver"]["rules"] = [rules[i] for i in used]
    for key in ("version", "semanticVersion"):
        run["tool"]["driver"][key] = "VERSION"
    compare_golden("report.sarif.json", json.dumps(log, ensure_ascii=False, indent=2) + "\n")
