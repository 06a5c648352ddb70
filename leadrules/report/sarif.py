"""A check as SARIF 2.1.0, the format code-scanning services read (GitHub code scanning, Azure
DevOps, IDE viewers).

One run. Its `tool.driver.rules` describe every code leadrules can report — each lint rule of
the registry (with its documentation as help) and each core error code of `leadrules.codes` —
whether or not this run found it, so a viewer can show a rule's help for any result, and
`ruleIndex` points into that list. Results keep the report's order.

Paths are written as given, with forward slashes and percent-encoded where a URI needs it;
relative ones are relative to `%SRCROOT%` (run `leadrules check` from the repository root so
they line up with the checkout). Lines and columns are 1-based and count Unicode characters
(`columnKind: unicodeCodePoints`); `endColumn` is exclusive, as in leadrules itself.

Each result carries `partialFingerprints["leadrules/v1"]`: a hash of its code, file and message —
not its line — with an occurrence number for identical ones, so code scanning keeps tracking a
finding when lines above it are added or removed.

The output is deterministic: no timestamps, no absolute paths of the machine (unless the files
were named by absolute path), and the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import ntpath
import posixpath
import re
from typing import Any
from urllib.parse import quote

from leadrules import __version__
from leadrules.codes import CODES
from leadrules.errors import Diagnostic, Severity
from leadrules.lint.registry import all_rules
from leadrules.report.model import Report

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
VERSION = "2.1.0"
FINGERPRINT = "leadrules/v1"
SRCROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# Characters a URI path may hold unencoded besides letters, digits and `-._~` (RFC 3986 pchar,
# without `:` so that a first segment such as `c:x.leads` is not read as a scheme).
_PATH_SAFE = "/!$&'()*+,;=@"


def render(report: Report) -> str:
    """The report as a SARIF 2.1.0 log (two-space indent, UTF-8 text kept as is)."""
    return json.dumps(log(report), ensure_ascii=False, indent=2)


def log(report: Report) -> dict[str, Any]:
    """The SARIF log as plain data: what `render` writes."""
    rules = descriptors()
    index = {r["id"]: i for i, r in enumerate(rules)}
    seen: dict[str, int] = {}
    results = []
    for d in report.diagnostics:
        result = _result(d, index.get(d.code))
        key = fingerprint(d)
        seen[key] = seen.get(key, 0) + 1
        result["partialFingerprints"] = {FINGERPRINT: f"{key}:{seen[key]}"}
        results.append(result)
    return {
        "$schema": SCHEMA_URI,
        "version": VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "leadrules",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def descriptors() -> list[dict[str, Any]]:
    """One reportingDescriptor per code: every lint rule and every core error, ordered by id."""
    out: list[dict[str, Any]] = []
    for module in all_rules():
        rule = module.rule
        doc = module.doc or rule.summary
        out.append({
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": _plain(_first_paragraph(doc))},
            "help": {"text": _plain(doc), "markdown": doc},
            "defaultConfiguration": {"level": LEVEL[rule.severity]},
            "properties": {"tags": ["lint", rule.group]},
        })
    for code, (name, meaning) in CODES.items():
        why = "A file with this error cannot be used until it is fixed."
        where = f"docs/errors.md, section {code} {name}, shows an example and the fix."
        out.append({
            "id": code,
            "name": name,
            "shortDescription": {"text": _sentence(meaning)},
            "fullDescription": {"text": f"{_sentence(meaning)}. {why}"},
            "help": {"text": f"{code} {name}: {meaning}. {why} {where}",
                     "markdown": f"**{code} {name}**: {meaning}. {why} "
                                 f"`docs/errors.md`, section *{code} {name}*, shows an "
                                 "example and the fix."},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["core"]},
        })
    out.sort(key=lambda r: r["id"])
    return out


def fingerprint(d: Diagnostic) -> str:
    """A hash of what a result is about — code, file and message — without its line."""
    data = "\0".join((d.code, artifact_uri(d.span.file), d.message))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def artifact_uri(path: str) -> str:
    """A path as a URI reference: forward slashes, percent-encoded, `./` dropped."""
    if ntpath.isabs(path) and re.match(r"^[A-Za-z]:", path):  # C:\x or C:/x
        return "file:///" + quote(path.replace("\\", "/"), safe=_PATH_SAFE + ":")
    path = path.replace("\\", "/")
    if path.startswith("//"):  # a UNC path: //server/share/x.leads
        return "file:" + quote(path, safe=_PATH_SAFE)
    if path.startswith("/"):
        return "file://" + quote(posixpath.normpath(path), safe=_PATH_SAFE)
    while path.startswith("./"):
        path = path[2:]
    return quote(path, safe=_PATH_SAFE)


def _result(d: Diagnostic, rule_index: int | None) -> dict[str, Any]:
    text = d.message
    if d.expected:
        text += f"\nexpected: {d.expected}"
    if d.help:
        text += f"\nhelp: {d.help}"
    uri = artifact_uri(d.span.file)
    artifact: dict[str, Any] = {"uri": uri}
    if not uri.startswith("file:"):
        artifact["uriBaseId"] = SRCROOT
    span = d.span
    result: dict[str, Any] = {"ruleId": d.code}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result.update({
        "level": LEVEL[d.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": span.line, "startColumn": span.column,
                       "endLine": span.end_line, "endColumn": span.end_column},
        }}],
    })
    return result


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.strip().split("\n\n", 1)[0].split())


def _plain(markdown: str) -> str:
    """Markdown made readable as plain text: no bold markers, code fences become indented."""
    out: list[str] = []
    fenced = False
    for line in markdown.replace("**", "").split("\n"):
        if line.startswith("```"):
            fenced = not fenced
            continue
        out.append("    " + line if fenced and line else line)
    return "\n".join(out)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


__all__ = ["FINGERPRINT", "artifact_uri", "descriptors", "fingerprint", "log", "render"]
