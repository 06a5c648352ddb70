"""A check as a JSON document, for scripts, dashboards and other tools.

The document is versioned by its `schema` field (`leadrules-report/1`) and described field by
field in docs/report-json.md. Within a schema version fields are only ever added, never renamed,
removed or given another meaning. The output is deterministic: every object's keys come in one
fixed order (the documented one: `schema` first, a diagnostic's `code` first), files and
diagnostics keep the report's order, and nothing depends on the clock or the machine.

`summary(report)` is the same counting the other formats (github, markdown) use for their
headlines, so every format tells the same story.
"""

from __future__ import annotations

import json
from typing import Any

from leadrules import __version__
from leadrules.cli.check import exit_code
from leadrules.errors import Diagnostic, Severity
from leadrules.report.model import FileReport, Report

SCHEMA = "leadrules-report/1"
LEVELS = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def render(report: Report) -> str:
    """The whole report as one JSON document (two-space indent, UTF-8 text kept as is)."""
    return json.dumps(document(report), ensure_ascii=False, indent=2)


def document(report: Report) -> dict[str, Any]:
    """The report as plain data: what `render` writes."""
    return {
        "schema": SCHEMA,
        "tool": {"name": "leadrules", "version": __version__},
        "fail_on": str(report.fail_on),
        "summary": summary(report),
        "files": [file_document(f) for f in report.files],
    }


def summary(report: Report) -> dict[str, Any]:
    """Counts for the whole run; `exit_code` is what `leadrules check` exits with."""
    diagnostics = report.diagnostics
    return {
        "files": len(report.files),
        "errors": len(report.errors),
        "findings": len(report.findings),
        "by_severity": {str(s): sum(1 for d in diagnostics if d.severity == s) for s in LEVELS},
        "failing": len(report.failing),
        "exit_code": int(exit_code(report)),
    }


def file_document(f: FileReport) -> dict[str, Any]:
    return {
        "path": f.path,
        "kind": f.kind,
        "summary": f.summary,
        "baselined": f.baselined,
        "diagnostics": [diagnostic_document(d) for d in f.diagnostics],
    }


def diagnostic_document(d: Diagnostic) -> dict[str, Any]:
    span = d.span
    return {
        "code": d.code,
        "rule": d.rule,
        "severity": str(d.severity),
        "message": d.message,
        "help": d.help,
        "expected": d.expected,
        "location": {"file": span.file, "line": span.line, "column": span.column,
                     "end_line": span.end_line, "end_column": span.end_column},
    }


__all__ = ["SCHEMA", "document", "render", "summary"]
