"""`history check` as text, JSON or Markdown — and the row accounting every history report
starts with (rows read = used + rejected, the reasons, the first rejected row numbers).

Text findings read like lint findings (`scheme:line:col: H103 timer-not-enforced: …`), so an
editor jumps to the rule the history breaks. JSON keeps every figure (times in UTC ISO 8601).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from leadrules.history.conformance import CheckResult, Finding
from leadrules.history.model import REJECTION_KINDS, History

FIRST_ROWS = 5  # rejected row numbers listed per reason
JSON_REJECTED = 20  # rejected rows written in full to JSON
_SPECIAL = re.compile(r"([\\`*_\[\]<|~&$])")
_CODE = re.compile(r"`([^`\n]+)`")


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(ts: float | None) -> str:
    if ts is None:
        return "-"
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%d")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def accounting_lines(h: History) -> list[str]:
    """The row accounting in plain sentences (the first lines of every history report)."""
    unit = h.unit
    lines = [f"{h.path}: {_plural(h.rows_read, unit)} read = {h.rows_used} used + "
             f"{len(h.rejected)} rejected (naive times read in {h.timezone})"]
    if h.repeats:
        verb = "repeats" if h.repeats == 1 else "repeat"
        lines.append(f"  {_plural(h.repeats, unit)} {verb} the lead's current status: kept "
                     "as activity, not as status changes")
    for old, n in sorted(h.migrated.items()):
        lines.append(f"  {_plural(n, unit)} with removed status '{old}' read through "
                     "`migrate`")
    for kind, n in h.rejected_by_kind().items():
        of_kind = [r for r in h.rejected if (r.kind or "other") == kind]
        rows = ", ".join(str(r.row) for r in of_kind[:FIRST_ROWS])
        more = ", …" if n > FIRST_ROWS else ""
        label = REJECTION_KINDS.get(kind, kind)
        lines.append(f"  rejected, {label}: {n} ({unit}{'s' if n > 1 else ''} {rows}{more}); "
                     f"first: {of_kind[0].reason}")
    lines.append(f"  {_plural(len(h.traces), 'lead')}, {day(h.observed_from)} to "
                 f"{day(h.observed_until)} (UTC)")
    lines += [f"  note: {n}" for n in h.notes]
    return lines


def accounting_json(h: History) -> dict[str, Any]:
    return {
        "path": h.path, "unit": h.unit, "read": h.rows_read, "used": h.rows_used,
        "rejected": len(h.rejected), "repeats": h.repeats, "timezone": h.timezone,
        "migrated": dict(sorted(h.migrated.items())),
        "rejected_by_reason": {REJECTION_KINDS.get(k, k): n
                               for k, n in h.rejected_by_kind().items()},
        "rejected_rows": [{"row": r.row, "reason": r.reason, "text": r.text}
                          for r in h.rejected[:JSON_REJECTED]],
        "leads": len(h.traces), "from": iso(h.observed_from), "until": iso(h.observed_until),
        "notes": list(h.notes),
    }


def _where(f: Finding, scheme: str) -> str:
    return str(f.span) if f.span is not None else scheme


def render_text(r: CheckResult) -> str:
    out = accounting_lines(r.history)
    out.append(f"  {_plural(r.open_leads, 'lead')} open at the end of the history")
    out.append("")
    for f in r.findings:
        out.append(f"{_where(f, r.scheme)}: {f.code} {f.name}: {f.message}")
        if f.examples:
            out.append(f"    e.g. {', '.join(f.examples)}")
    for note in r.notes:
        out.append(f"note: {note}")
    out.append(_summary(r))
    return "\n".join(out) + "\n"


def _summary(r: CheckResult) -> str:
    if not r.findings:
        return f"{r.history.path}: follows {r.scheme} (no findings)"
    kinds = len({f.name for f in r.findings})
    return (f"{_plural(len(r.findings), 'finding')} of {_plural(kinds, 'kind')} in "
            f"{r.history.path}")


def render_json(r: CheckResult) -> str:
    doc = {
        "version": 1, "scheme": r.scheme, "rows": accounting_json(r.history),
        "open_leads": r.open_leads,
        "findings": [{
            "code": f.code, "name": f.name, "message": f.message, "count": f.count,
            "of": f.of, "status": f.status, "target": f.target, "examples": list(f.examples),
            "location": None if f.span is None else {
                "file": f.span.file, "line": f.span.line, "column": f.span.column},
        } for f in r.findings],
        "notes": list(r.notes),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell; `code` between backticks stays code."""
    out, at = [], 0
    for m in _CODE.finditer(text):
        out.append(_SPECIAL.sub(r"\\\1", text[at:m.start()]))
        out.append("`" + m.group(1).replace("|", "\\|") + "`")
        at = m.end()
    out.append(_SPECIAL.sub(r"\\\1", text[at:]))
    return "".join(out).replace("\n", " ")


def accounting_markdown(h: History) -> list[str]:
    """The row accounting as a Markdown table (read = used + rejected), then the notes."""
    out = [f"| {h.unit}s | count |", "| --- | ---: |", f"| read | {h.rows_read} |",
           f"| used | {h.rows_used} |", f"| of which repeats (activity) | {h.repeats} |",
           f"| rejected | {len(h.rejected)} |"]
    for kind, n in h.rejected_by_kind().items():
        of_kind = [r for r in h.rejected if (r.kind or "other") == kind]
        rows = ", ".join(str(r.row) for r in of_kind[:FIRST_ROWS])
        more = ", …" if n > FIRST_ROWS else ""
        out.append(f"| rejected: {md_cell(REJECTION_KINDS.get(kind, kind))} "
                   f"({h.unit}{'s' if n > 1 else ''} {rows}{more}; first: "
                   f"{md_cell(of_kind[0].reason)}) | {n} |")
    out += ["", f"{_plural(len(h.traces), 'lead')}, {day(h.observed_from)} to "
            f"{day(h.observed_until)} (UTC); naive times read in {h.timezone}."]
    out += [f"- {md_cell(n)}" for n in h.notes]
    return out


def render_markdown(r: CheckResult) -> str:
    out = [f"**leadrules history check: {md_cell(_summary(r))}**", "",
           f"History `{r.history.path}` against scheme `{r.scheme}`.", ""]
    out += accounting_markdown(r.history)
    if r.findings:
        out += ["", "| where | code | finding | count | example leads |",
                "| --- | --- | --- | ---: | --- |"]
        for f in r.findings:
            where = f"{f.span.file}:{f.span.line}" if f.span else r.scheme
            out.append(f"| {md_cell(where)} | {f.code} {f.name} | {md_cell(f.message)} | "
                       f"{f.count} | {md_cell(', '.join(f.examples))} |")
    if r.notes:
        out.append("")
        out += [f"- note: {md_cell(n)}" for n in r.notes]
    return "\n".join(out) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
