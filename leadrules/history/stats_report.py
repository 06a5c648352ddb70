"""`history stats` as text, JSON or Markdown (the HTML report is `history.html`).

All start with the row accounting; then the `expect` lines (PASS/FAIL with the measured value),
outcome shares, conversion to the won outcomes, time in status, recycled conversion and, with
`--by`, the group comparison. Percentages carry their 95% Wilson interval in brackets.
"""

from __future__ import annotations

import json
from typing import Any

from leadrules.history.report import (
    accounting_json,
    accounting_lines,
    accounting_markdown,
    day,
    iso,
    md_cell,
)
from leadrules.history.stats import ExpectCheck, HistoryStats, Rate, Times
from leadrules.simulate.text import _span

VERDICT = {True: "PASS", False: "FAIL", None: "n/a"}


def pct(r: Rate) -> str:
    if not r.n:
        return "-"
    low, high = r.interval
    return f"{r.pct:.1f}% [{low:.1f}, {high:.1f}] (n={r.n})"


def hours(h: float) -> str:
    """Hours as the simulation reports write them (minutes, hours or days)."""
    return _span(h)


def _expect_value(e: ExpectCheck) -> str:
    if e.value is None:
        return "nothing to measure"
    if e.kind == "time_in":
        return f"{hours(e.value)} (mean of {e.n} visits)"
    return f"{e.value:.1f}% (n={e.n})"


def _times(t: Times | None) -> list[str]:
    if t is None:
        return ["-", "-", "-", "-"]
    out = [hours(t.mean), hours(t.median), hours(t.p90)]
    out.append("/".join(hours(x) for x in t.business) if t.business else "-")
    return out


def _window(s: HistoryStats) -> str:
    if s.since is None and s.until is None:
        return "all leads"
    since = day(s.since) if s.since else "…"
    return f"leads arriving {since} to {day(s.until) if s.until else '…'}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return ["  " + fmt.format(*header).rstrip(), *("  " + fmt.format(*r).rstrip() for r in rows)]


def render_text(s: HistoryStats) -> str:
    out = accounting_lines(s.history)
    out += ["", f"{s.scheme}: {s.leads} leads ({_window(s)}); {s.finished} reached an outcome, "
            f"{s.open_leads} still open"]
    if s.expects:
        out += ["", "expect:"]
        out += [f"  {VERDICT[e.passed]}  {e.text}  — "
                + ("nothing to measure" if e.value is None else f"measured {_expect_value(e)}")
                for e in s.expects]
    out += ["", "outcomes (share of leads that reached one):"]
    out += [f"  {name}: {pct(r)}" for name, r in s.outcomes]
    if s.time_to_outcome:
        t = s.time_to_outcome
        out.append(f"  time to outcome: mean {hours(t.mean)}, median {hours(t.median)}, "
                   f"p90 {hours(t.p90)}")
    if s.conversions:
        out += ["", "conversion to a won outcome (of leads that entered the status):"]
        out += [f"  {a} -> {b}: {pct(r)}" for a, b, r in s.conversions if r.n]
    out += ["", "time in status (mean/median/p90 of the finished visits: all visits less those "
            "open now; business time = open hours on the "
            f"{'calendar in ' + s.calendar if s.calendar else 'calendar: none'}):"]
    rows = [[st.name, str(st.visits), *_times(st.time), str(st.open_now)]
            for st in s.statuses if st.visits]
    out += _table(["status", "visits", "mean", "median", "p90", "business mean/median/p90",
                   "open now"], rows)
    if s.recycle:
        out += ["", "recycled conversion:"]
        out += [f"  {a} -> {b}: {pct(r)}" for a, b, r in s.recycle]
    if s.by:
        out += ["", f"by {s.by} (first move = left the initial status for a status that is not "
                "lost; idle = mean gap between activities in activity-tracked statuses):"]
        header = [s.by, "leads", "first move", *s.group_conversions, "won", "idle"]
        rows = [[g.key, str(g.leads), pct(g.first_move), *(pct(c) for c in g.conversions),
                 pct(g.win), hours(g.idle_hours) if g.idle_hours is not None else "-"]
                for g in s.groups]
        out += _table(header, rows)
    out += ["", *(f"note: {n}" for n in s.notes)] if s.notes else []
    failed = sum(1 for e in s.expects if e.passed is False)
    out += ["", f"{failed} of {len(s.expects)} expect lines failed" if s.expects
            else "the scheme has no expect lines"]
    return "\n".join(out) + "\n"


def _rate(r: Rate) -> dict[str, Any]:
    low, high = r.interval
    return {"pct": round(r.pct, 4), "k": r.k, "n": r.n, "low": round(low, 4),
            "high": round(high, 4)}


def _times_json(t: Times | None) -> dict[str, Any] | None:
    if t is None:
        return None
    out: dict[str, Any] = {"n": t.n, "mean_hours": round(t.mean, 4),
                           "median_hours": round(t.median, 4), "p90_hours": round(t.p90, 4)}
    if t.business:
        out["business_hours"] = dict(zip(("mean", "median", "p90"),
                                         (round(x, 4) for x in t.business), strict=True))
    return out


def render_json(s: HistoryStats) -> str:
    doc = {
        "version": 1, "scheme": s.scheme, "rows": accounting_json(s.history),
        "since": iso(s.since), "until": iso(s.until), "leads": s.leads,
        "finished": s.finished, "open": s.open_leads, "calendar": s.calendar,
        "expect": [{"line": e.text, "kind": e.kind, "value": None if e.value is None
                    else round(e.value, 4), "n": e.n, "pass": e.passed} for e in s.expects],
        "outcomes": {name: _rate(r) for name, r in s.outcomes},
        "time_to_outcome": _times_json(s.time_to_outcome),
        "conversion": [{"from": a, "to": b, **_rate(r)} for a, b, r in s.conversions],
        "statuses": {st.name: {"visits": st.visits, "leads": st.leads,
                               "open_now": st.open_now, "time_in": _times_json(st.time)}
                     for st in s.statuses},
        "weeks": [iso(w) for w in s.weeks], "arrivals": list(s.arrivals),
        "wip": {name: list(series) for name, series in s.wip},
        "recycled": [{"from": a, "to": b, **_rate(r)} for a, b, r in s.recycle],
        "by": s.by,
        "groups": [{"key": g.key, "leads": g.leads, "first_move": _rate(g.first_move),
                    "conversion": {label: _rate(c) for label, c in
                                   zip(s.group_conversions, g.conversions, strict=True)},
                    "won": _rate(g.win), "idle_hours": None if g.idle_hours is None
                    else round(g.idle_hours, 4), "idle_gaps": g.idle_n} for g in s.groups],
        "notes": list(s.notes),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_markdown(s: HistoryStats) -> str:
    failed = sum(1 for e in s.expects if e.passed is False)
    out = [f"**leadrules history stats: {s.leads} leads, {failed} of {len(s.expects)} expect "
           "lines failed**", "", f"History `{s.history.path}` on scheme `{s.scheme}` "
           f"({md_cell(_window(s))}).", ""]
    out += accounting_markdown(s.history)
    if s.expects:
        out += ["", "| expect | result | measured |", "| --- | --- | --- |"]
        out += [f"| `{e.text}` | {VERDICT[e.passed]} | {md_cell(_expect_value(e))} |"
                for e in s.expects]
    out += ["", "| outcome | share [95% CI] |", "| --- | --- |"]
    out += [f"| {md_cell(n)} | {md_cell(pct(r))} |" for n, r in s.outcomes]
    out += ["", "| status | visits | mean | median | p90 | business mean/median/p90 | open now |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    out += [f"| {md_cell(st.name)} | {st.visits} | " + " | ".join(_times(st.time))
            + f" | {st.open_now} |" for st in s.statuses if st.visits]
    if s.by:
        header = [s.by, "leads", "first move", *s.group_conversions, "won", "idle"]
        out += ["", "| " + " | ".join(md_cell(h) for h in header) + " |",
                "| " + " | ".join("---" for _ in header) + " |"]
        for g in s.groups:
            cells = [g.key, str(g.leads), pct(g.first_move), *(pct(c) for c in g.conversions),
                     pct(g.win), hours(g.idle_hours) if g.idle_hours is not None else "-"]
            out.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    if s.notes:
        out += ["", *(f"- note: {md_cell(n)}" for n in s.notes)]
    return "\n".join(out) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
