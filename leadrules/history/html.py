"""`history stats --report`: the figures as one self-contained HTML page.

No scripts, fonts or images from elsewhere; the charts are inline SVG. The page uses the
simulation report's stylesheet and chart helpers (`leadrules.simulate.html`), so a simulated
and a real funnel look alike: work in progress per status over time, time-in-status deciles,
and a per-group comparison with 95% Wilson intervals. The same history gives the same bytes.
"""

from __future__ import annotations

from leadrules import __version__
from leadrules.history.report import day
from leadrules.history.stats import HistoryStats, Rate
from leadrules.history.stats_report import VERDICT, hours, pct
from leadrules.simulate.html import (
    CSS,
    _decile_chart,
    _e,
    _f,
    _line_chart,
    _section,
    _table,
    percent_frame,
    row_label,
    whisker,
)

MAX_GROUPS = 30  # groups drawn in the comparison chart (the largest by leads measured)
BAR = "#6b9fd6"


def render_stats_html(s: HistoryStats) -> str:
    """The whole report page."""
    h = s.history
    title = f"History of {h.path} on {s.scheme}"
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="generator" content="leadrules">', f"<title>{_e(title)}</title>",
           f"<style>{CSS}</style>", "</head>", "<body>", "<main>"]
    items = [(f"{h.unit.capitalize()}s read", f"{h.rows_read:,}"),  # the accounting first
             ("Used", f"{h.rows_used:,}"), ("Rejected", f"{len(h.rejected):,}"),
             ("Leads", f"{s.leads:,}"), ("Reached an outcome", f"{s.finished:,}"),
             ("Still open", f"{s.open_leads:,}"),
             ("Period", f"{day(h.observed_from)} – {day(h.observed_until)}")]
    out += ["<header>", '<p class="kicker">leadrules history report</p>',
            f'<h1 style="overflow-wrap: anywhere">{_e(title)}</h1>',  # long paths wrap
            '<dl class="meta">']
    out += [f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in items]
    out += ["</dl>", '<p class="note">Percentages in brackets are 95% Wilson intervals. '
            "Conversion A → B: of the leads that entered A, the share that later reached B "
            "(leads still in A for the first time are left out), as the scheme’s "
            "<code>expect</code> lines and the simulator define it.</p>", "</header>"]
    out += _expects(s)
    out += _outcomes(s)
    out += _wip(s)
    out += _time_in(s)
    out += _groups(s)
    out += _rows(s)
    out += ["<footer>", f"<p>Written by leadrules {_e(__version__)}. The same history and "
            "scheme give the same page.</p>", "</footer>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _expects(s: HistoryStats) -> list[str]:
    out = _section("expect", "The scheme’s expectations")
    if not s.expects:
        return [*out, '<p class="note">The scheme has no <code>expect</code> lines.</p>',
                "</section>"]
    rows, classes = [], []
    for e in s.expects:
        verdict = VERDICT[e.passed]
        cls = {True: "pass", False: "fail", None: "none"}[e.passed]
        if e.value is None:
            value = "nothing to measure"
        elif e.kind == "time_in":
            value = f"{hours(e.value)} (mean of {e.n} visits)"
        else:
            value = f"{e.value:.1f}% (n={e.n})"
        rows.append([f'<span class="verdict {cls}">{verdict}</span>',
                     f"<code>{_e(e.text)}</code>", _e(value)])
        classes.append("fail" if e.passed is False else "")
    out += _table(["Result", "Line", "Measured"], rows, row_class=classes, kind="expects")
    return [*out, "</section>"]


def _outcomes(s: HistoryStats) -> list[str]:
    out = _section("outcomes", "Outcomes and conversion")
    rows = [[_e(name), _e(pct(r))] for name, r in s.outcomes]
    out += _table(["Outcome", "Share of finished leads"], rows)
    if s.time_to_outcome:
        t = s.time_to_outcome
        out.append(f'<p class="note">Time from arrival to the first outcome: mean '
                   f"{_e(hours(t.mean))}, median {_e(hours(t.median))}, p90 "
                   f"{_e(hours(t.p90))} ({t.n:,} leads).</p>")
    conv = [[_e(a), _e(b), _e(pct(r))] for a, b, r in s.conversions if r.n]
    if conv:
        out += _table(["From", "To (won)", "Conversion"], conv)
    if s.recycle:
        out.append("<h3>Recycled conversion</h3>")
        out += _table(["Recycle status", "To (won)", "Conversion"],
                      [[_e(a), _e(b), _e(pct(r))] for a, b, r in s.recycle])
    for note in s.notes:
        out.append(f'<p class="note">{_e(note)}</p>')
    return [*out, "</section>"]


def _wip(s: HistoryStats) -> list[str]:
    out = _section("wip", "Where leads pile up")
    if not s.weeks:
        return [*out, '<p class="note">No leads.</p>', "</section>"]
    out.append(f'<p class="note">Leads in each open status at the start of every week '
               f"(Monday 00:00 UTC). Across: weeks from {_e(day(s.weeks[0]))}; each chart "
               "has its own scale.</p>")
    charts, empty = [], []
    for name, series in s.wip:
        if not any(series):
            empty.append(name)
            continue
        values = [float(v) for v in series]
        ints = list(series)
        caption = f"peak {max(ints):,}, at the end {ints[-1]:,}"
        charts += ['<figure class="chart">', f"<h3>{_e(name)}</h3>",
                   _line_chart(name, values, ints, ints, 0.0, float(len(values))),
                   f"<figcaption>{_e(caption)}</figcaption>", "</figure>"]
    if s.arrivals:
        arr = list(s.arrivals)
        charts += ['<figure class="chart">', "<h3>Arrivals per week</h3>",
                   _line_chart("arrivals", [float(v) for v in arr], arr, arr, 0.0,
                               float(len(arr))),
                   f"<figcaption>{_e(f'{sum(arr):,} leads')}</figcaption>", "</figure>"]
    out += ['<div class="multiples">', *charts, "</div>"]
    if empty:
        out.append(f'<p class="note">No lead was ever in: {_e(", ".join(empty))}.</p>')
    return [*out, "</section>"]


def _time_in(s: HistoryStats) -> list[str]:
    out = _section("time-in", "Time in status")
    rows = [(st.name, (list(st.time.deciles), st.time.n)) for st in s.statuses
            if st.outcome is None and st.time is not None and len(st.time.deciles) == 11]
    if rows:
        out.append('<p class="note">How long a finished visit lasts, in calendar time. The '
                   "line runs from the shortest to the longest visit, the light bar from the "
                   "10th to the 90th percentile, the dark bar from the 30th to the 70th, the "
                   "tick is the median. Logarithmic axis.</p>")
        out += ['<figure class="chart">', _decile_chart(rows), "</figure>"]
    table = []
    for st in s.statuses:
        if not st.visits:
            continue
        t = st.time
        cells = [_e(st.name), f"{st.visits:,}"]
        if t is None:
            cells += ["–"] * 4
        else:
            cells += [_e(hours(t.mean)), _e(hours(t.median)), _e(hours(t.p90)),
                      _e(" / ".join(hours(x) for x in t.business) if t.business else "–")]
        cells.append(f"{st.open_now:,}")
        table.append(cells)
    biz = f"open hours in {s.calendar}" if s.calendar else "no calendar"
    out += _table(["Status", "Visits", "Mean", "Median", "p90",
                   f"Business mean / median / p90 ({biz})", "Open now"], table,
                  numeric=(1, 2, 3, 4, 5, 6))
    return [*out, "</section>"]


def _groups(s: HistoryStats) -> list[str]:
    if not s.by:
        return []
    out = _section("groups", f"By {s.by}")
    measures = [("first move", [g.first_move for g in s.groups]),
                *((label, [g.conversions[i] for g in s.groups])
                  for i, label in enumerate(s.group_conversions)),
                ("win rate", [g.win for g in s.groups])]
    label, rates = max(measures, key=lambda m: sum(1 for r in m[1] if r.n))
    out.append('<p class="note">First move: of the leads that left the initial status, the '
               "share whose first move was not to a lost outcome. Each conversion column is an "
               "<code>expect conversion</code> line. Idle: the mean gap between activities in "
               "statuses the scheme tracks activity in. The chart shows the measure most groups "
               f"have figures for — {_e(label)} — with its 95% interval.</p>")
    keyed = zip((g.key for g in s.groups), rates, strict=True)
    ranked = sorted(keyed, key=lambda kr: (-kr[1].n, kr[0]))
    drawn = [(k, r) for k, r in ranked if r.n][:MAX_GROUPS]
    if drawn:
        out += ['<figure class="chart">', _rate_chart(drawn, label), "</figure>"]
    if len(s.groups) > len(drawn):
        out.append(f'<p class="note">The chart shows {len(drawn)} of {len(s.groups)} groups '
                   "(those with the most leads measured); the table has them all.</p>")
    leads = "Leads (first owner)" if s.by == "owner" else "Leads"
    header = [s.by.capitalize(), leads, "First move", *s.group_conversions, "Won", "Idle"]
    rows = [[_e(g.key), f"{g.leads:,}", _e(pct(g.first_move)),
             *(_e(pct(c)) for c in g.conversions), _e(pct(g.win)),
             _e(hours(g.idle_hours)) if g.idle_hours is not None else "–"]
            for g in s.groups]
    out += _table(header, rows, numeric=tuple(range(1, len(header))))
    return [*out, "</section>"]


def _rate_chart(rows: list[tuple[str, Rate]], label: str) -> str:
    """Horizontal bars of rates (percent) with their Wilson intervals as whiskers."""
    label_w, right_w, w, row_h, top, bottom = 170, 170, 900, 24, 8, 28
    pw = w - label_w - right_w - 10
    base = top + row_h * len(rows)
    h = base + bottom
    x, grid = percent_frame(label_w, pw, top, base)
    parts = [f'<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="'
             f'{_e(label.capitalize())} of each group with its 95% Wilson interval">', *grid]
    for j, (key, r) in enumerate(rows):
        cy = top + row_h * j + row_h / 2
        low, high = r.interval
        parts.append(row_label(key, label_w - 8, cy))
        parts.append(f'<rect x="{label_w}" y="{_f(cy - 7)}" width="{_f(x(r.pct) - label_w)}" '
                     f'height="14" rx="2" fill="{BAR}"/>')
        parts.append(whisker(x(low), x(high), cy))
        parts.append(f'<text x="{w - 10}" y="{_f(cy + 4)}" font-size="12" text-anchor="end">'
                     f'{_e(f"{r.pct:.1f}% of {r.n:,}")}</text>')
    parts.append(f'<line class="axis" x1="{label_w}" x2="{label_w + pw}" y1="{base}" '
                 f'y2="{base}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _rows(s: HistoryStats) -> list[str]:
    h = s.history
    out = _section("rows", "Rows read")
    out.append(f'<p class="note">{h.rows_read:,} {_e(h.unit)}s read = {h.rows_used:,} used + '
               f"{len(h.rejected):,} rejected; {h.repeats:,} used rows repeated the lead’s "
               f"status (kept as activity). Naive times were read in {_e(h.timezone)}.</p>")
    if h.rejected:
        rows = [[str(r.row), _e(r.reason), f"<code>{_e(r.text)}</code>"]
                for r in h.rejected[:20]]
        out += _table([h.unit.capitalize(), "Reason", "As read"], rows, numeric=(0,))
        if len(h.rejected) > 20:
            out.append(f'<p class="note">… and {len(h.rejected) - 20:,} more.</p>')
    for note in h.notes:
        out.append(f'<p class="note">{_e(note)}</p>')
    return [*out, "</section>"]
