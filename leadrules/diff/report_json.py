"""The diff as JSON for scripts: `"version": 1`, documented in docs/diff.md.

Keys are stable; lists keep the report's order (breaking first, then scheme order); numbers
that are not finite are null. The same input gives the same bytes.
"""

from __future__ import annotations

import json
import math
from typing import Any

from leadrules.diff.impact import Figure
from leadrules.diff.result import DiffReport
from leadrules.errors import Diagnostic
from leadrules.lint.engine import Finding

VERSION = 1


def write(report: DiffReport) -> str:
    d, p = report.diff, report.diff.pairing
    doc: dict[str, Any] = {
        "version": VERSION,
        "old": report.old_label,
        "new": report.new_label,
        "old_absent": report.old_absent,
        "old_problems": list(report.old_problems),
        "summary": {**report.counts(), "meaningful": d.meaningful,
                    "worst": d.worst.value if d.worst else None},
        "changes": [{"class": c.cls.value, "area": c.area, "kind": c.kind,
                     "subject": c.subject, "text": c.text, "why": c.why,
                     "old_line": c.old_line, "new_line": c.new_line} for c in d.changes],
        "statuses": {
            "added": list(p.added),
            "removed": list(p.removed),
            "renamed": [{"old": o, "new": n, "by": "migrate" if o in p.declared else "structure",
                         "likeness": p.scores.get(o)} for o, n in p.renamed.items()],
            "merged": [{"old": o, "into": n} for o, n in p.merged.items()],
        },
        "lint": None if report.lint is None else {
            "new": [_finding(f) for f in report.lint.new],
            "fixed": [_finding(f) for f in report.lint.fixed],
            "reworded": [{"old": _finding(a), "new": _finding(b)}
                         for a, b in report.lint.changed],
        },
        "impact": None,
    }
    sim = report.simulation
    if sim is not None:
        doc["impact"] = {
            "scenario": sim.scenario, "name": sim.name, "runs": sim.runs, "seed": sim.seed,
            "ran": sim.ran,
            "unfit": [dict(side=side, **_diagnostic(x)) for side, items in sim.unfit
                      for x in items],
            "figures": [_figure(f) for f in sim.figures],
        }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {"file": d.span.file, "line": d.span.line, "column": d.span.column, "code": d.code,
            "message": d.message}


def _finding(f: Finding) -> dict[str, Any]:
    d = f.diagnostic
    return {"code": d.code, "rule": d.rule, "severity": str(d.severity), "message": d.message,
            "line": d.span.line, "column": d.span.column, "fingerprint": f.fingerprint}


def _figure(f: Figure) -> dict[str, Any]:
    return {"figure": f.figure, "before": _n(f.before), "after": _n(f.after),
            "change": _n(f.change), "low": _n(f.low), "high": _n(f.high),
            "significant": f.significant}


def _n(x: float) -> float | None:
    return None if math.isnan(x) or math.isinf(x) else x
