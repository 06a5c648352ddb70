"""The simulation report as one self-contained HTML page.

Everything is inside the file: inline CSS, no scripts, no fonts or images from elsewhere.
The charts are inline SVG drawn here; the status diagram is the scheme's own drawing
(`leadrules.render.render_dot`) with each status filled by its load and each arrow as thick
as the moves along it, drawn by Graphviz's `dot` — without `dot`, the page says so and shows
everything else. The same results give the same bytes.

Sections, most pressing first: bottlenecks, the scheme's expectations, the diagram, work in
progress over time, time in status, teams, then the full tables (statuses, teams, funnel,
moves, blocked moves) and the assumptions the simulation made.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from html import escape

from leadrules import __version__
from leadrules.simulate.results import SimResult
from leadrules.simulate.run import RunResult
from leadrules.simulate.stats import Estimate
from leadrules.simulate.text import bottlenecks

DAY_HOURS = 24.0
SATURATED = 85.0  # % utilisation from which text.bottlenecks calls a team saturated
# Fill of a status by its load: mean WIP relative to the busiest status that is not an outcome.
HEAT = ((0.0, (255, 255, 255)), (0.25, (255, 241, 214)), (0.5, (253, 212, 158)),
        (0.75, (252, 164, 112)), (1.0, (242, 112, 80)))
MINOR = ' class="minor"'
UNUSED = "#b8c0c9"  # arrows no lead took
BLUE, INK, MUTED, LINE, RED, GREEN = ("#1f5fbf", "#1b1f24", "#556070", "#d5dbe1", "#b42318",
                                      "#1a7f37")

CSS = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #556070; --line: #d5dbe1;
  --soft: #f4f6f8; --accent: #0b57a4; --pass: #1a7f37; --fail: #b42318; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue",
    Arial, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
header .kicker { margin: 0; color: var(--muted); font-size: .8rem; font-weight: 600;
  letter-spacing: .06em; text-transform: uppercase; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: .2rem 0 .8rem; }
h2 { font-size: 1.35rem; line-height: 1.25; margin: 2.2rem 0 .7rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 1rem; margin: 0 0 .2rem; }
p { margin: .3rem 0 .6rem; }
.note { color: var(--muted); font-size: .9rem; }
dl.meta { display: flex; flex-wrap: wrap; gap: .5rem 1.6rem; margin: .4rem 0 .6rem; }
dl.meta div { border-left: 3px solid var(--line); padding-left: .6rem; min-width: 5rem;
  max-width: 100%; }
dl.meta dt { color: var(--muted); font-size: .78rem; text-transform: uppercase;
  letter-spacing: .04em; }
dl.meta dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
ol.bottlenecks { margin: .3rem 0; padding-left: 1.6rem; }
ol.bottlenecks li { margin: .35rem 0; padding: .3rem .6rem; border-left: 4px solid #f27050;
  background: #fff6f2; }
ol.bottlenecks li.minor { border-left-color: #fdd49e; background: #fffaf0; }
.ok { padding: .5rem .8rem; border-left: 4px solid var(--pass); background: #f1f8f3; }
.table-wrap { overflow-x: auto; margin: .4rem 0 .8rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .55rem;
  border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td code { font-size: .85rem; }
table.expects td:nth-child(2) { min-width: 17rem; }
.verdict { display: inline-block; min-width: 4.2rem; text-align: center; font-weight: 700;
  font-size: .8rem; border-radius: 4px; padding: .05rem .4rem; color: #fff; }
.verdict.pass { background: var(--pass); }
.verdict.fail { background: var(--fail); }
.verdict.none { background: #fff; color: var(--muted); border: 1px solid var(--line); }
tr.fail td { background: #fff5f4; }
.swatch { display: inline-block; width: .8rem; height: .8rem; vertical-align: -.1rem;
  border: 1px solid #9aa5b1; border-radius: 2px; margin-right: .35rem; }
.diagram { overflow: auto; border: 1px solid var(--line); border-radius: 8px; background: #fff;
  max-height: 90vh; }
.diagram svg { display: block; max-width: 100%; height: auto; }
.full { margin: 0 .4rem .5rem 0; vertical-align: middle; }
.full + label { color: var(--muted); font-size: .9rem; vertical-align: middle; }
.full:checked ~ .diagram svg { width: auto; max-width: none; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; align-items: center;
  margin: .5rem 0; font-size: .85rem; color: var(--muted); }
.legend .scale { display: inline-flex; align-items: center; gap: 0; }
.legend .scale span { display: inline-block; padding: 0 .45rem; color: var(--ink);
  border: 1px solid #c9d1da; margin-left: -1px; font-variant-numeric: tabular-nums; }
.missing { border: 1px dashed var(--muted); border-radius: 8px; padding: 1rem 1.2rem;
  background: var(--soft); }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
  gap: 1rem 1.2rem; }
figure { margin: 0; }
figure.chart { break-inside: avoid; }
figure.chart figcaption { font-size: .82rem; color: var(--muted); }
svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
svg.chart text { fill: #3d4753; }
svg.chart .axis { stroke: #9aa5b1; stroke-width: 1; }
svg.chart .grid { stroke: #e7ebef; stroke-width: 1; }
footer { margin-top: 3rem; padding-top: .8rem; border-top: 1px solid var(--line);
  color: var(--muted); font-size: .85rem; }
@media (max-width: 640px) {
  body { font-size: 14px; }
  main { padding: 1rem .8rem 2rem; }
  h1 { font-size: 1.45rem; }
}
@media print {
  @page { margin: 12mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr, li, figure, .diagram { break-inside: avoid; }
  .diagram { overflow: visible; max-height: none; border: 0; }
  .diagram svg, .full:checked ~ .diagram svg { width: 100%; height: auto; }
  .full, .full + label { display: none; }
  .multiples { grid-template-columns: repeat(2, 1fr); }
  table.expects td:nth-child(2) { min-width: 15rem; }
  tr.fail td, ol.bottlenecks li { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .verdict, .swatch, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


# -- the page --------------------------------------------------------------------------------
def render_html(result: SimResult, runs: list[RunResult]) -> str:
    """The whole report page for `result`, aggregated from `runs` (which also give the
    moves, the daily work in progress and the time-in-status deciles it draws)."""
    data = _Data(result, runs)
    sc = result.scenario
    title = f"Simulation of {sc.scheme_path or 'the scheme'} under “{sc.name}”"
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="generator" content="leadrules">', f"<title>{_e(title)}</title>",
           f"<style>{CSS}</style>", "</head>", "<body>", "<main>"]
    out += _header(data, title)
    out += _bottlenecks(data)
    out += _expects(data)
    out += _diagram(data)
    out += _wip(data)
    out += _time_in(data)
    out += _teams(data)
    out += _status_table(data)
    out += _funnel(data)
    out += _moves(data)
    out += _assumptions(data)
    out += ["<footer>",
            f"<p>Written by leadrules {_e(__version__)} from {result.runs} "
            f"{'run' if result.runs == 1 else 'runs'} with seed {result.seed}. The same "
            "scenario and seed give the same page.</p>",
            "</footer>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


class _Data:
    """The results and what the page needs from the runs, computed once."""

    def __init__(self, result: SimResult, runs: list[RunResult]) -> None:
        self.r = result
        self.runs = runs
        scheme = result.scenario.scheme
        assert scheme is not None
        self.scheme = scheme
        self.statuses = list(scheme.statuses)
        self.groups = [*(t.name for t in scheme.teams), *(x.name for x in scheme.roles)]
        count = max(len(runs), 1)
        moves = sorted({k for run in runs for k in run.flows})
        self.flows = {k: sum(run.flows.get(k, 0) for run in runs) / count for k in moves}
        self.flow_range = {k: (min(run.flows.get(k, 0) for run in runs),
                               max(run.flows.get(k, 0) for run in runs)) for k in moves}
        self.warmup_days, self.horizon_days = _days(result)
        self.wip_max = max((self.wip(s.name) for s in self.statuses if not s.outcome),
                           default=0.0)

    def get(self, key: str) -> Estimate | None:
        return self.r.get(key)

    def wip(self, name: str) -> float:
        e = self.get(f"status.{name}.wip_mean")
        return e.mean if e is not None else 0.0

    def heat(self, name: str) -> str:
        """The fill of a status that is not an outcome, by its mean WIP."""
        return _heat(self.wip(name) / self.wip_max if self.wip_max > 0 else 0.0)

    def series(self, name: str) -> tuple[list[float], list[int], list[int]] | None:
        """Daily mean, minimum and maximum of the work in progress across runs."""
        lists = [run.series[name] for run in self.runs if run.series.get(name)]
        if not lists:
            return None
        n = min(len(x) for x in lists)
        mean = [math.fsum(x[i] for x in lists) / len(lists) for i in range(n)]
        low = [min(x[i] for x in lists) for i in range(n)]
        high = [max(x[i] for x in lists) for i in range(n)]
        return mean, low, high

    def deciles(self, name: str) -> tuple[list[float], int] | None:
        """The deciles of the time in a status (hours), averaged over the runs with visits."""
        lists = [run.deciles[name] for run in self.runs if len(run.deciles.get(name, ())) == 11]
        if not lists:
            return None
        return [math.fsum(x[q] for x in lists) / len(lists) for q in range(11)], len(lists)


def _days(result: SimResult) -> tuple[float, float | None]:
    """The warm-up and the horizon in elapsed days from the start (business durations are
    laid on the scheme's calendar, as the simulation did)."""
    sc = result.scenario
    try:
        from leadrules.simulate.run import build

        model = build(sc)
        return (model.warmup - model.start) / 86400, (model.horizon - model.start) / 86400
    except Exception:  # the page still draws with the durations as written
        warm = sc.warmup.seconds / 86400 if sc.warmup is not None else 0.0
        return warm, sc.horizon.seconds / 86400 if sc.horizon is not None else None


# -- text helpers ----------------------------------------------------------------------------
def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _span(hours: float) -> str:
    if hours >= 48:
        return f"{hours / 24:,.1f} d"
    if hours >= 1:
        return f"{hours:.1f} h"
    return f"{hours * 60:.0f} min"


def _num(x: float) -> str:
    return f"{x:,.1f}" if abs(x) < 100 else f"{x:,.0f}"


def _value(e: Estimate | None, kind: str = "n") -> str:
    """`937 ±19`, `22.3 d ±2.1 d`, `77.2% ±5.0`; the interval only from two runs."""
    if e is None:
        return "–"
    two = e.n >= 2 and math.isfinite(e.halfwidth)
    if kind == "h":
        return _span(e.mean) + (f" ±{_span(e.halfwidth)}" if two else "")
    if kind == "%":
        return f"{e.mean:.1f}%" + (f" ±{e.halfwidth:.1f}" if two else "")
    return _num(e.mean) + (f" ±{_num(e.halfwidth)}" if two else "")


def _plain(e: Estimate | None, kind: str = "n") -> str:
    if e is None:
        return "–"
    return _span(e.mean) if kind == "h" else f"{e.mean:.1f}%" if kind == "%" else _num(e.mean)


def _section(anchor: str, title: str) -> list[str]:
    return [f'<section id="{anchor}" aria-labelledby="{anchor}-title">',
            f'<h2 id="{anchor}-title">{_e(title)}</h2>']


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = (),
           row_class: Sequence[str] | None = None, kind: str = "") -> list[str]:
    """A table; cells are HTML already (escape text before)."""
    nums = set(numeric)

    def cls(i: int) -> str:
        return ' class="n"' if i in nums else ""

    out = ['<div class="table-wrap">', f'<table class="{kind}">' if kind else "<table>"]
    out.append("<thead><tr>" + "".join(f'<th scope="col"{cls(i)}>{_e(h)}</th>'
                                       for i, h in enumerate(header)) + "</tr></thead>")
    out.append("<tbody>")
    for j, row in enumerate(rows):
        tr = f' class="{row_class[j]}"' if row_class and row_class[j] else ""
        out.append(f"<tr{tr}>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row))
                   + "</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return out


# -- sections --------------------------------------------------------------------------------
def _header(d: _Data, title: str) -> list[str]:
    sc = d.r.scenario
    arrived = d.get("leads.arrived")
    items = [("Scenario", sc.name), ("Scheme", sc.scheme_path or "–"), ("Runs", str(d.r.runs)),
             ("Seed", str(d.r.seed)), ("Horizon", str(sc.horizon) if sc.horizon else "–"),
             ("Warm-up", str(sc.warmup) if sc.warmup else "none"),
             ("Leads a run", (_value(arrived) + " after the warm-up") if arrived else "–")]
    out = ["<header>", '<p class="kicker">leadrules simulation report</p>',
           f"<h1>{_e(title)}</h1>", '<dl class="meta">']
    out += [f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in items]
    out += ["</dl>",
            '<p class="note">Every figure is the mean over independent runs; “±” is the '
            "half-width of its 95% confidence interval (Student’s t over runs). Observations "
            "before the warm-up are left out.</p>", "</header>"]
    return out


def _bottlenecks(d: _Data) -> list[str]:
    found = bottlenecks(d.r)
    out = _section("bottlenecks", "Bottlenecks, most pressing first")
    if not found:
        out.append('<p class="ok">No bottlenecks found: no saturated team, no growing work in '
                   "progress, no SLA breaking for a fifth of visits, no blocked moves.</p>")
    else:
        out.append('<ol class="bottlenecks">')
        out += [f"<li{MINOR if score < 50 else ''}>{_e(text)}</li>" for score, text in found]
        out.append("</ol>")
    out.append("</section>")
    return out


def _expects(d: _Data) -> list[str]:
    out = _section("expectations", "Expectations of the scheme")
    if not d.r.expects:
        out += ['<p class="note">The scheme has no <code>expect</code> lines.</p>', "</section>"]
        return out
    rows, classes = [], []
    for i, x in enumerate(d.r.expects):
        kind = "h" if x.text.startswith("time_in") else "%"
        values = [v for run in d.runs if i < len(run.expects)
                  and (v := run.expects[i]) is not None]
        if x.passed is None:
            verdict, cls = '<span class="verdict none">no data</span>', ""
        elif x.passed:
            verdict, cls = '<span class="verdict pass">PASS</span>', ""
        else:
            verdict, cls = '<span class="verdict fail">FAIL</span>', "fail"
        e = x.estimate
        interval = "–" if e is None else (
            "1 run, no interval" if not math.isfinite(e.halfwidth) else
            f"{_fmt(e.low, kind)} – {_fmt(e.high, kind)}")
        spread = "–" if not values else f"{_fmt(min(values), kind)} – {_fmt(max(values), kind)}"
        rows.append([verdict, f"<code>{_e(x.text)}</code>",
                     _e(_fmt(e.mean, kind)) if e else "–", _e(interval), _e(spread),
                     str(len(values))])
        classes.append(cls)
    out += _table(["Verdict", "Expectation", "Simulated", "95% interval", "Range over runs",
                   "Runs with data"], rows, numeric=(2, 3, 4, 5), row_class=classes,
                  kind="expects")
    out += ['<p class="note">PASS when the simulated mean lies in the expected range. A '
            "conversion leaves out leads still in its source status at the horizon; “no data”: "
            "no run observed it.</p>", "</section>"]
    return out


def _fmt(x: float, kind: str) -> str:
    if kind == "h":
        return _span(max(x, 0.0))
    return f"{x:.1f}%"


# -- the diagram -----------------------------------------------------------------------------
def _diagram(d: _Data) -> list[str]:
    out = _section("diagram", "The scheme under load")
    svg, why = _draw(d)
    if svg is None:
        out.append(f'<p class="missing" role="note">{_e(why)}</p>')
    else:
        out += ['<input type="checkbox" id="diagram-full" class="full">'
                '<label for="diagram-full">Full size (scroll to read the labels)</label>',
                '<div class="diagram">', svg, "</div>"]
        steps = [d.wip_max * q for q in (0.0, 0.25, 0.5, 0.75, 1.0)]
        scale = "".join(f'<span style="background:{_heat(q)}">'
                        f'{_e(f"{v:,.0f}" if d.wip_max >= 10 else f"{v:.1f}")}</span>'
                        for q, v in zip((0.0, 0.25, 0.5, 0.75, 1.0), steps, strict=True))
        out += ['<div class="legend">',
                f'<span>Fill: mean work in progress (leads) <span class="scale">{scale}'
                "</span></span>",
                "<span>Arrow width: moves a run (the number on the arrow)</span>",
                "<span>Outcomes keep their colours: their leads stay, so their work in "
                "progress only grows</span>", "</div>",
                '<p class="note">The runs count moves from status to status, not by rule: '
                "of two arrows between the same statuses, the count goes on the one the "
                "scenario drives (an event it raises, or a direct outcome), else on a timer. "
                "Moves made by an <i>any status</i> rule or a stage change go on that arrow; "
                "the start arrow carries the arrivals after the warm-up. Grey arrows: no "
                "lead took them; red: blocked.</p>"]
    out.append("</section>")
    return out


def _draw(d: _Data) -> tuple[str | None, str]:
    """The loaded diagram as inline SVG, or why it cannot be drawn."""
    try:
        from leadrules.guide.diagram import inline
        from leadrules.render import find_dot, render_dot, to_image
    except ImportError:  # pragma: no cover - a copy of leadrules without the renderer
        return None, "This copy of leadrules cannot draw diagrams."
    if find_dot() is None:
        return None, ("The diagram of the scheme under load would be here: it needs "
                      "Graphviz’s dot program, which is not installed. Install Graphviz "
                      "(`sudo apt-get install graphviz`, `brew install graphviz`, or "
                      "graphviz.org/download) and write the report again. Every figure is "
                      "in the tables below.")
    try:
        text = load_dot(render_dot(d.scheme), d)
        data = to_image(text, "svg")
    except Exception as exc:  # the rest of the report is still worth having
        return None, f"The diagram could not be drawn: {exc}"
    return inline(data.decode("utf-8"), "The status diagram, statuses coloured by work in "
                  "progress and arrows sized by moves a run"), ""


_NODE = re.compile(r'^(\s*)"(s\d+)" \[(.*)\]$')
_EDGE = re.compile(r'^(\s*)"([^"]+)" -> "([^"]+)" \[(.*)\]$')
_ATTR = re.compile(r'\s*([A-Za-z_]+)=')


def load_dot(dot_text: str, d: _Data) -> str:
    """The scheme's DOT with load drawn in: status fills by mean work in progress, a line
    with the figures under each status name, arrow widths and labels by moves a run, arrows
    no lead took greyed out, blocked ones red.

    Only lines this can read are changed: status nodes (`"s3" [...]`) and visible edges
    (`"a" -> "b" [...]`); anything else passes through as it is."""
    lines = dot_text.split("\n")
    names = {f"s{i}": s.name for i, s in enumerate(d.statuses)}
    edges: list[tuple[int, str, str, str, list[tuple[str, str]]]] = []
    for i, line in enumerate(lines):
        m = _EDGE.match(line)
        attrs = None if m is None else _parse_attrs(m.group(4))
        if m is None or attrs is None or dict(attrs).get("style") in ("invis", '"invis"'):
            continue
        back = dict(attrs).get("dir") == '"back"'
        source, target = (m.group(3), m.group(2)) if back else (m.group(2), m.group(3))
        edges.append((i, f'{m.group(1)}"{m.group(2)}" -> "{m.group(3)}"', source, target,
                      attrs))
    loads = _edge_loads(d, names, [(s, t) for _, _, s, t, _ in edges])
    biggest = max((f for f, _, carries in loads if f is not None and carries), default=0.0)
    for (i, ends, _s, _t, attrs), (f, blocked, carries) in zip(edges, loads, strict=True):
        if f is None:
            continue
        if f == 0 and blocked:
            text = f"blocked {_num(blocked)} a run"
            _set(attrs, "color", f'"{RED}"')
            _set(attrs, "fontcolor", f'"{RED}"')
            _set(attrs, "penwidth", '"1.6"')
            if carries:
                _set(attrs, "label", _label_with(dict(attrs).get("label"), text))
            _set(attrs, "tooltip", _dot_quote(f"{text}: the target's requirements fail"))
        elif f == 0:  # greyed out; no new label, so the layout stays as it was drawn
            _set(attrs, "color", f'"{UNUSED}"')
            _set(attrs, "fontcolor", f'"{UNUSED}"')
            _set(attrs, "penwidth", '"0.8"')
            _set(attrs, "tooltip", '"not taken after the warm-up"')
        elif carries:
            text = f"{_num(f)} a run" if f >= 1 else "< 1 a run"
            _set(attrs, "penwidth", f'"{1.0 + 9.0 * f / biggest:.2f}"')
            _set(attrs, "label", _label_with(dict(attrs).get("label"), text))
            _set(attrs, "tooltip", _dot_quote(text))
        else:
            continue
        lines[i] = f"{ends} [{_join(attrs)}]"
    for i, line in enumerate(lines):
        m = _NODE.match(line)
        attrs = None if m is None else _parse_attrs(m.group(3))
        if m is None or attrs is None or m.group(2) not in names:
            continue
        status = d.statuses[int(m.group(2)[1:])]
        key = f"status.{status.name}"
        wip, entered = d.get(f"{key}.wip_mean"), d.get(f"{key}.entered")
        time_in = d.get(f"{key}.time_in_mean")
        if status.outcome:
            extra = f"reached {_plain(entered)} a run"
        else:
            _set(attrs, "fillcolor", f'"{d.heat(status.name)}"')
            extra = f"WIP {_plain(wip)}" + (f" · {_span(time_in.mean)} in it"
                                              if time_in else "")
        label = dict(attrs).get("label")
        if label is not None and label.startswith("<") and label.endswith(">"):
            _set(attrs, "label", label[:-1] + f'<br/><font point-size="10"><b>{_dot_html(extra)}'
                 "</b></font>>")
        tip = "; ".join(x for x in (
            f"mean work in progress {_value(wip)}" if wip else "",
            f"entered {_value(entered)} a run" if entered else "",
            f"time in status {_value(time_in, 'h')}" if time_in else "") if x)
        _set(attrs, "tooltip", _dot_quote(f"{status.name}: {tip}"))
        lines[i] = f'{m.group(1)}"{m.group(2)}" [{_join(attrs)}]'
    return "\n".join(lines)


def _edge_loads(d: _Data, names: dict[str, str], ends: list[tuple[str, str]]
                ) -> list[tuple[float | None, float, bool]]:
    """For each edge (source, target node ids): the mean moves a run it stands for (None:
    leave it as drawn), the moves blocked on it a run, and whether it carries them.

    The runs count moves by pair of statuses, not by rule, so of several arrows between two
    statuses one carries the count: the first the scenario drives (an event it raises there,
    or the target as a direct outcome), else a timer, else a condition, else the first.
    Moves between statuses with no arrow of their own go on the "any status" arrow into the
    target, else on its stage-change arrow; the start arrow carries the arrivals."""
    drawn = {(names[s], names[t]) for s, t in ends if s in names and t in names}
    loose: dict[str, float] = {}
    for move, f in d.flows.items():
        a, _, b = move.partition(" -> ")
        if (a, b) not in drawn:
            loose[b] = loose.get(b, 0.0) + f
    rank = _carrier_rank(d, ends)
    carrier: dict[tuple[str, str], int] = {}
    for i, (s, t) in enumerate(ends):
        if s in names and t in names:
            best = carrier.get((s, t))
            if best is None or rank[i] < rank[best]:
                carrier[(s, t)] = i
    has_any = {t for s, t in ends if s == "a0"}
    arrived = d.get("leads.arrived")
    out: list[tuple[float | None, float, bool]] = []
    seen: set[str] = set()
    for i, (s, t) in enumerate(ends):
        if s == "start":
            out.append((arrived.mean if arrived else None, 0.0, True))
        elif s in names and t in names:
            move = f"{names[s]} -> {names[t]}"
            out.append((d.flows.get(move, 0.0), d.r.blocked.get(move, 0.0),
                        carrier[(s, t)] == i))
        elif t in names and (s == "a0" or (s.startswith("y") and t not in has_any)):
            out.append((loose.get(names[t], 0.0), 0.0, t not in seen))
            seen.add(t)
        else:
            out.append((None, 0.0, False))
    return out


def _carrier_rank(d: _Data, ends: list[tuple[str, str]]) -> list[int]:
    """How likely each edge is to carry its pair's moves: 0 driven by the scenario, 1 a
    timer, 2 a condition, 3 anything else (all 3 when the diagram's moves cannot be matched
    to the edges)."""
    try:
        from leadrules.render.diagram import build as build_diagram

        moves = build_diagram(d.scheme).moves
    except Exception:
        return [3] * len(ends)
    if [(m.source, m.target) for m in moves] != ends:
        return [3] * len(ends)
    outcomes: dict[str, set[str]] = {}
    for b in d.r.scenario.behaviours:
        outcomes.setdefault(b.status.name, set()).update(
            w.target.name for branch in b.branches for w in branch.outcomes)
    names = {f"s{i}": s.name for i, s in enumerate(d.statuses)}
    out = []
    for m in moves:
        driven = outcomes.get(names.get(m.source, ""), set())
        event = m.lines[0][3:] if m.kind == "auto" and m.lines and \
            m.lines[0].startswith("on ") else None
        if (event is not None and event in driven) or \
                (m.kind == "manual" and names.get(m.target) in driven):
            out.append(0)
        else:
            out.append({"timer": 1, "data": 2}.get(m.kind, 3))
    return out


def _parse_attrs(text: str) -> list[tuple[str, str]] | None:
    """`k="v" k=<html> k=word …` → [(k, raw value)], or None when it cannot be read."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        m = _ATTR.match(text, i)
        if m is None:
            return None if text[i:].strip() else out
        key, i = m.group(1), m.end()
        if i < n and text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                return None
            out.append((key, text[i:j + 1]))
            i = j + 1
        elif i < n and text[i] == "<":
            depth, j = 0, i
            while j < n:
                depth += {"<": 1, ">": -1}.get(text[j], 0)
                if depth == 0:
                    break
                j += 1
            if j >= n:
                return None
            out.append((key, text[i:j + 1]))
            i = j + 1
        else:
            m2 = re.compile(r"[^\s\]]+").match(text, i)
            if m2 is None:
                return None
            out.append((key, m2.group(0)))
            i = m2.end()
    return out


def _set(attrs: list[tuple[str, str]], key: str, value: str) -> None:
    for j, (k, _) in enumerate(attrs):
        if k == key:
            attrs[j] = (key, value)
            return
    attrs.append((key, value))


def _join(attrs: list[tuple[str, str]]) -> str:
    return " ".join(f"{k}={v}" for k, v in attrs)


def _dot_html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _label_with(label: str | None, text: str) -> str:
    """An edge label with one more bold line (the moves a run)."""
    line = f"<b>{_dot_html(text)}</b>"
    if label and label.startswith("<") and "</td>" in label:
        at = label.rindex("</td>")
        return label[:at] + "<br/>" + line + label[at:]
    if label and label.startswith("<") and label.endswith(">"):
        return label[:-1] + "<br/>" + line + ">"
    return (f'<<table border="0" cellborder="0" cellspacing="0" cellpadding="3"><tr><td>'
            f"{line}</td></tr></table>>")


def _heat(q: float) -> str:
    q = min(max(q, 0.0), 1.0)
    for (q0, c0), (q1, c1) in itertools.pairwise(HEAT):
        if q <= q1:
            f = (q - q0) / (q1 - q0)
            mixed = (round(a + (b - a) * f) for a, b in zip(c0, c1, strict=True))
            return "#" + "".join(f"{v:02x}" for v in mixed)
    return "#" + "".join(f"{x:02x}" for x in HEAT[-1][1])  # pragma: no cover


# -- charts ----------------------------------------------------------------------------------
def _nice(v: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at least v (1 for v ≤ 0)."""
    if v <= 0:
        return 1.0
    scale = 10 ** math.floor(math.log10(v))
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * scale >= v - 1e-9:
            return m * scale
    return 10 * scale  # pragma: no cover


def _f(x: float) -> str:
    """A coordinate: one decimal, no trailing zero."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _wip(d: _Data) -> list[str]:
    out = _section("wip", "Work in progress over time")
    out.append('<p class="note">Leads in each status once a day: the line is the '
               "mean over runs, the band the lowest and highest run; the grey area is the "
               "warm-up, left out of every figure. Across: days from the start; each chart "
               "has its own scale.</p>")
    charts, empty = [], []
    ordered = [s for s in d.statuses if not s.outcome] + [s for s in d.statuses if s.outcome]
    for s in ordered:
        series = d.series(s.name)
        if series is None or not any(series[2]):
            empty.append(s.name)
            continue
        mean, end = d.get(f"status.{s.name}.wip_mean"), d.get(f"status.{s.name}.wip_end")
        caption = f"mean {_plain(mean)}, at the end {_plain(end)}"
        if s.outcome:
            caption += f" — outcome {s.outcome}: leads stay, so it only grows"
        charts += ['<figure class="chart">', f"<h3>{_e(s.name)}</h3>",
                   _line_chart(s.name, *series, d.warmup_days, d.horizon_days),
                   f"<figcaption>{_e(caption)}</figcaption>", "</figure>"]
    if charts:
        out += ['<div class="multiples">', *charts, "</div>"]
    if empty:
        out.append(f'<p class="note">No lead was ever in: {_e(", ".join(empty))}.</p>')
    out.append("</section>")
    return out


def _line_chart(name: str, mean: list[float], low: list[int], high: list[int],
                warm: float, horizon: float | None) -> str:
    w, h, left, right, top, bottom = 320, 150, 42, 10, 8, 24
    pw, ph = w - left - right, h - top - bottom
    days = max(horizon or 0.0, float(len(mean)), 1.0)
    ymax = _nice(max(max(high), 1))

    def x(day: float) -> float:
        return left + day / days * pw

    def y(v: float) -> float:
        return top + ph - v / ymax * ph

    parts = [f'<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="'
             f'{_e(f"Work in progress in {name} by day, mean over runs with the range")}">']
    if warm > 0:
        parts.append(f'<rect x="{_f(x(0))}" y="{top}" width="{_f(x(min(warm, days)) - x(0))}" '
                     f'height="{ph}" fill="#eceff3"/>')
        parts.append(f'<text x="{_f(x(0) + 3)}" y="{top + 10}" font-size="9">warm-up</text>')
    for v in (0.0, ymax / 2, ymax):
        parts.append(f'<line class="grid" x1="{left}" x2="{w - right}" y1="{_f(y(v))}" '
                     f'y2="{_f(y(v))}"/>')
        parts.append(f'<text x="{left - 4}" y="{_f(y(v) + 3)}" font-size="9" '
                     f'text-anchor="end">{_e(_tick(v))}</text>')
    step = next((s for s in (1, 2, 5, 7, 10, 14, 30, 60, 90, 180, 365, 730) if days / s <= 6),
                math.ceil(days / 6))
    k = 0
    while k * step <= days + 1e-9:
        parts.append(f'<line class="axis" x1="{_f(x(k * step))}" x2="{_f(x(k * step))}" '
                     f'y1="{top + ph}" y2="{top + ph + 3}"/>')
        parts.append(f'<text x="{_f(x(k * step))}" y="{h - 8}" font-size="9" '
                     f'text-anchor="middle">{k * step}</text>')
        k += 1
    xs = [x(i + 1) for i in range(len(mean))]
    band = [f"{_f(a)},{_f(y(v))}" for a, v in zip(xs, high, strict=True)]
    band += [f"{_f(a)},{_f(y(v))}" for a, v in reversed(list(zip(xs, low, strict=True)))]
    parts.append(f'<polygon points="{" ".join(band)}" fill="{BLUE}" fill-opacity="0.16" '
                 'stroke="none"/>')
    line = " ".join(f"{_f(a)},{_f(y(v))}" for a, v in zip(xs, mean, strict=True))
    parts.append(f'<polyline points="{line}" fill="none" stroke="{BLUE}" stroke-width="1.6" '
                 'stroke-linejoin="round"/>')
    parts.append(f'<line class="axis" x1="{left}" x2="{w - right}" y1="{top + ph}" '
                 f'y2="{top + ph}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _tick(v: float) -> str:
    if v >= 100_000:
        return f"{v / 1000:,.0f}k"
    return f"{v:,.0f}" if v == int(v) else f"{v:,.1f}"


TIME_TICKS = ((1 / 60, "1 min"), (10 / 60, "10 min"), (1.0, "1 h"), (4.0, "4 h"),
              (24.0, "1 d"), (72.0, "3 d"), (168.0, "1 w"), (720.0, "30 d"), (2160.0, "90 d"),
              (8760.0, "1 y"), (87600.0, "10 y"))


def _time_in(d: _Data) -> list[str]:
    out = _section("time-in", "Time in status")
    rows = [(s.name, got) for s in d.statuses if not s.outcome
            and (got := d.deciles(s.name)) is not None]
    if not rows:
        out += ['<p class="note">No visit ended after the warm-up.</p>', "</section>"]
        return out
    out.append('<p class="note">How long a visit lasts, per status (visits that ended after '
               "the warm-up; deciles averaged over runs). The line runs from the shortest to "
               "the longest visit, the light bar from the 10th to the 90th percentile, the "
               "dark bar from the 30th to the 70th, the tick is the median. Logarithmic "
               "axis.</p>")
    out += ['<figure class="chart">', _decile_chart(rows), "</figure>", "</section>"]
    return out


def _decile_chart(rows: list[tuple[str, tuple[list[float], int]]]) -> str:
    label_w, right_w, w, row_h, top, bottom = 170, 150, 900, 28, 22, 30
    pw = w - label_w - right_w - 10
    h = top + row_h * len(rows) + bottom
    values = [v for _, (dec, _) in rows for v in dec]
    positive = [v for v in values if v > 0] or [1.0]
    lo = max(min(positive), 1 / 60)
    hi = max(max(values), lo * 10)
    lo_t = max((t for t, _ in TIME_TICKS if t <= lo), default=TIME_TICKS[0][0])
    hi_t = min((t for t, _ in TIME_TICKS if t >= hi), default=TIME_TICKS[-1][0])
    span = math.log(hi_t) - math.log(lo_t)

    def x(hours: float) -> float:
        v = min(max(hours, lo_t), hi_t)
        return label_w + (math.log(v) - math.log(lo_t)) / span * pw

    parts = [f'<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="Time in each '
             'status: deciles of the visit lengths on a logarithmic axis">']
    base = top + row_h * len(rows)
    clamped = any(v < lo_t for v in values)  # shorter visits sit on the first tick
    for t, label in TIME_TICKS:
        if lo_t <= t <= hi_t:
            label = f"≤ {label}" if t == lo_t and clamped else label
            parts.append(f'<line class="grid" x1="{_f(x(t))}" x2="{_f(x(t))}" y1="{top}" '
                         f'y2="{base}"/>')
            parts.append(f'<text x="{_f(x(t))}" y="{base + 14}" font-size="11" '
                         f'text-anchor="middle">{label}</text>')
    parts.append(f'<line class="axis" x1="{label_w}" x2="{label_w + pw}" y1="{base}" '
                 f'y2="{base}"/>')
    parts.append(f'<text x="{w - 10}" y="{top - 8}" font-size="11" text-anchor="end" '
                 'font-weight="600">median · p90</text>')
    for j, (name, (dec, n)) in enumerate(rows):
        cy = top + row_h * j + row_h / 2
        tip = ", ".join(f"{q * 10}%: {_span(v)}" for q, v in enumerate(dec))
        parts.append(f"<g><title>{_e(name)}, {n} {'run' if n == 1 else 'runs'}: {_e(tip)}"
                     "</title>")
        short = name if len(name) <= 24 else name[:23] + "…"
        parts.append(f'<text x="{label_w - 8}" y="{_f(cy + 4)}" font-size="12" '
                     f'text-anchor="end">{_e(short)}</text>')
        parts.append(f'<line x1="{_f(x(dec[0]))}" x2="{_f(x(dec[10]))}" y1="{_f(cy)}" '
                     f'y2="{_f(cy)}" stroke="{MUTED}" stroke-width="1.2"/>')
        parts.append(f'<rect x="{_f(x(dec[1]))}" y="{_f(cy - 7)}" '
                     f'width="{_f(max(x(dec[9]) - x(dec[1]), 1))}" height="14" rx="2" '
                     'fill="#c6dbef"/>')
        parts.append(f'<rect x="{_f(x(dec[3]))}" y="{_f(cy - 7)}" '
                     f'width="{_f(max(x(dec[7]) - x(dec[3]), 1))}" height="14" rx="2" '
                     'fill="#6b9fd6"/>')
        parts.append(f'<line x1="{_f(x(dec[5]))}" x2="{_f(x(dec[5]))}" y1="{_f(cy - 9)}" '
                     f'y2="{_f(cy + 9)}" stroke="#0b2f5e" stroke-width="2.5"/>')
        p90 = dec[9]
        parts.append(f'<text x="{w - 10}" y="{_f(cy + 4)}" font-size="12" text-anchor="end">'
                     f'{_e(_span(dec[5]))} · {_e(_span(p90))}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _teams(d: _Data) -> list[str]:
    out = _section("teams", "Teams")
    rows = []
    for g in d.groups:
        k = f"team.{g}"
        if d.get(k + ".wait_mean") is None and d.get(k + ".utilisation_pct") is None:
            continue
        rows.append(g)
    if not rows:
        out += ['<p class="note">No team did any work after the warm-up.</p>', "</section>"]
        return out
    out.append('<p class="note">Utilisation: busy rep time over open rep time, with its 95% '
               f"interval; from {SATURATED:.0f}% a team counts as saturated (dashed line). "
               "Waits: from queueing a work item to a rep taking it.</p>")
    out += ['<figure class="chart">', _team_chart(d, rows), "</figure>"]
    table = []
    for g in rows:
        k = f"team.{g}"
        table.append([_e(g), _e(_value(d.get(k + ".utilisation_pct"), "%")),
                      _e(_value(d.get(k + ".wait_mean"), "h")),
                      _e(_plain(d.get(k + ".wait_p90"), "h")),
                      _e(_value(d.get(k + ".closed_wait_mean"), "h")),
                      _e(_value(d.get(k + ".queue_peak")))])
    out += _table(["Team", "Utilisation", "Wait (mean)", "Wait p90", "More for open hours",
                   "Peak queue"], table, numeric=(1, 2, 3, 4, 5))
    out.append("</section>")
    return out


def percent_frame(label_w: float, pw: float, top: float, base: float
                  ) -> tuple[Callable[[float], float], list[str]]:
    """A 0–100% horizontal axis starting at `label_w`, `pw` wide: its x(p) and its grid lines
    with tick labels (bar charts of utilisation and of rates share it)."""

    def x(p: float) -> float:
        return label_w + min(max(p, 0.0), 100.0) / 100 * pw

    grid = []
    for p in (0, 25, 50, 75, 100):
        grid.append(f'<line class="grid" x1="{_f(x(p))}" x2="{_f(x(p))}" y1="{top}" '
                    f'y2="{base}"/>')
        grid.append(f'<text x="{_f(x(p))}" y="{base + 14}" font-size="11" '
                    f'text-anchor="middle">{p}%</text>')
    return x, grid


def row_label(text: str, right: float, cy: float) -> str:
    """A bar's name, right-aligned before the bar, shortened past 24 characters."""
    short = text if len(text) <= 24 else text[:23] + "…"
    return (f'<text x="{right}" y="{_f(cy + 4)}" font-size="12" '
            f'text-anchor="end">{_e(short)}</text>')


def whisker(x0: float, x1: float, cy: float) -> str:
    """A confidence interval drawn across a bar: |——|."""
    return (f'<path d="M{_f(x0)},{_f(cy - 5)}v10M{_f(x0)},{_f(cy)}'
            f'H{_f(x1)}M{_f(x1)},{_f(cy - 5)}v10" stroke="{INK}" '
            'stroke-width="1.3" fill="none"/>')


def _team_chart(d: _Data, groups: list[str]) -> str:
    label_w, right_w, w, row_h, top, bottom = 170, 270, 900, 30, 8, 28
    pw = w - label_w - right_w - 10
    h = top + row_h * len(groups) + bottom
    base = top + row_h * len(groups)
    x, grid = percent_frame(label_w, pw, top, base)
    parts = [f'<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="Utilisation '
             'of each team with its 95% interval, and waits for a rep">', *grid]
    parts.append(f'<line class="axis" x1="{label_w}" x2="{label_w + pw}" y1="{base}" '
                 f'y2="{base}"/>')
    for j, g in enumerate(groups):
        k = f"team.{g}"
        cy = top + row_h * j + row_h / 2
        util = d.get(k + ".utilisation_pct")
        wait, p90 = d.get(k + ".wait_mean"), d.get(k + ".wait_p90")
        parts.append(row_label(g, label_w - 8, cy))
        if util is None:
            parts.append(f'<text x="{label_w + 4}" y="{_f(cy + 4)}" font-size="11" '
                         f'fill="{MUTED}">unlimited staff: no utilisation</text>')
        else:
            color = "#f27050" if util.mean >= SATURATED else "#6b9fd6"
            parts.append(f'<rect x="{label_w}" y="{_f(cy - 8)}" '
                         f'width="{_f(x(util.mean) - label_w)}" height="16" rx="2" '
                         f'fill="{color}"/>')
            if math.isfinite(util.halfwidth) and util.n >= 2:
                parts.append(whisker(x(util.low), x(util.high), cy))
        text = [f"{util.mean:.0f}% busy" if util else ""]
        if wait:
            text.append(f"wait {_span(wait.mean)}" + (f" (p90 {_span(p90.mean)})" if p90 else ""))
        parts.append(f'<text x="{w - 10}" y="{_f(cy + 4)}" font-size="12" text-anchor="end">'
                     f'{_e(" · ".join(t for t in text if t))}</text>')
    parts.append(f'<line x1="{_f(x(SATURATED))}" x2="{_f(x(SATURATED))}" y1="{top}" '
                 f'y2="{base}" stroke="{RED}" stroke-dasharray="4 3" stroke-width="1.4"/>')
    parts.append("</svg>")
    return "".join(parts)


# -- tables ----------------------------------------------------------------------------------
def _status_table(d: _Data) -> list[str]:
    out = _section("statuses", "Statuses")
    rows = []
    for s in d.statuses:
        k = f"status.{s.name}"
        swatch = "" if s.outcome else \
            f'<span class="swatch" style="background:{d.heat(s.name)}"></span>'
        name = _e(s.name) + (f' <span class="note">({_e(s.outcome)})</span>' if s.outcome
                             else "")
        rows.append([name, _e(_value(d.get(k + ".entered"))),
                     swatch + _e(_value(d.get(k + ".wip_mean"))),
                     _e(_value(d.get(k + ".wip_end"))),
                     _e(_value(d.get(k + ".time_in_mean"), "h")),
                     _e(_plain(d.get(k + ".time_in_median"), "h")),
                     _e(_plain(d.get(k + ".time_in_p90"), "h")),
                     _e(_value(d.get(k + ".sla_breach_pct"), "%")),
                     _e(_value(d.get(k + ".alerts")))])
    out += _table(["Status", "Entered", "WIP mean", "WIP end", "Time in (mean)", "Median",
                   "p90", "SLA breached", "Alerts"], rows, numeric=range(1, 9))
    out.append('<p class="note">Entered: visits a run after the warm-up. WIP: leads in the '
               "status, averaged over time, and at the horizon. SLA breached: share of "
               "visits.</p>")
    out.append("</section>")
    return out


def _funnel(d: _Data) -> list[str]:
    out = _section("funnel", "Funnel")
    rows = [[f"ended in {_e(s.name)} ({_e(s.outcome)})",
             _e(_value(d.get(f"outcome.{s.name}.share_pct"), "%")) + " of leads with an outcome"]
            for s in d.statuses if s.outcome]
    rows += [["reached an outcome", _e(_value(d.get("funnel.reached_outcome_pct"), "%"))
              + " of leads"],
             ["time to outcome", _e(_value(d.get("funnel.time_to_outcome_mean"), "h"))],
             ["wins per week", _e(_value(d.get("funnel.wins_per_week")))]]
    out += _table(["Measure", "Simulated"], rows, numeric=(1,))
    out.append("</section>")
    return out


def _moves(d: _Data) -> list[str]:
    out = _section("moves", "Moves between statuses")
    if d.flows:
        ordered = sorted(d.flows.items(), key=lambda kv: (-kv[1], kv[0]))
        rows = [[_e(k), _e(_num(v)), _e(f"{d.flow_range[k][0]:,} – {d.flow_range[k][1]:,}")]
                for k, v in ordered]
        out += _table(["Move", "Mean a run", "Range over runs"], rows, numeric=(1, 2))
    else:
        out.append('<p class="note">No lead moved after the warm-up.</p>')
    out.append("<h3>Blocked moves</h3>")
    if d.r.blocked:
        rows = [[_e(k), _e(_num(v))] for k, v in d.r.blocked.items()]
        out += _table(["Move", "Blocked a run"], rows, numeric=(1,))
        out.append('<p class="note">A move is blocked when a <code>requires</code> of the move '
                   "or its target is known to fail.</p>")
    else:
        out.append('<p class="note">No move was blocked.</p>')
    out.append("</section>")
    return out


def _assumptions(d: _Data) -> list[str]:
    out = _section("assumptions", "Assumptions")
    if d.r.assumptions:
        out.append("<p>Model these fields in the scenario to evaluate the rules:</p>")
        out += ["<ul>", *(f"<li>{_e(a)}</li>" for a in d.r.assumptions), "</ul>"]
    else:
        out.append('<p class="note">None: every rule the scheme has could be evaluated.</p>')
    out.append("</section>")
    return out
