"""A backtest as text, JSON, Markdown or a self-contained HTML page (same figures in each).

Every format leads with the verdict — did the model beat the replayed past, on each measure
and overall — then the table of distances, then what each side said about the test period.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from typing import Any

from leadrules.history.backtest import Backtest, Measure


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _fig(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.1f}" if abs(x) >= 100 else f"{x:.4g}"


def verdict(bt: Backtest) -> str:
    losses = sum(1 for m in bt.measures if m.winner == "baseline")
    word = "beat" if bt.model_beats_baseline else "did not beat"
    return (f"The model {word} the baseline: better on {bt.wins} of {bt.scored} measures, "
            f"worse on {losses}.")


def _said(m: Measure) -> str:
    return {"model": "model better", "baseline": "baseline better", "tie": "tie",
            "n/a": "not measurable"}[m.winner]


def _intro(bt: Backtest) -> list[str]:
    return [
        f"Backtest of {bt.history}: calibrated on history before {_day(bt.train_until)}, "
        f"forecast {bt.weeks} weeks to {_day(bt.test_end)}.",
        f"Model: the calibrated scenario, {bt.runs} runs (seed {bt.seed}), starting from the "
        f"{bt.open_leads:,} leads open at the cut"
        + (" (their delays conditioned on how long they had waited)" if bt.open_delays == "aged"
           else "") + f". Baseline: the {bt.baseline_weeks} weeks before the cut, replayed.",
    ]


def to_text(bt: Backtest) -> str:
    lines = [*_intro(bt), "", verdict(bt), ""]
    lines.append(f"{'measure':<18} {'model':>9} {'baseline':>9}  {'':<16} unit")
    for m in bt.measures:
        lines.append(f"{m.name:<18} {_fig(m.model):>9} {_fig(m.baseline):>9}  {_said(m):<16} "
                     f"{m.unit}")
    lines.append("")
    for m in bt.measures:
        if m.note:
            lines.append(f"{m.name}: {m.note}")
    lines.append("")
    lines.append("Outcomes in the test period (leads): " + _outcomes(bt))
    return "\n".join(lines) + "\n"


def _outcomes(bt: Backtest) -> str:
    """Leads per outcome in the test period; the baseline's replayed weeks are scaled to the
    test period's length when the two differ, so the three counts compare."""
    names = sorted(set(bt.actual.outcomes) | set(bt.forecast.outcomes)
                   | set(bt.baseline.outcomes))
    scale = bt.weeks / bt.baseline_weeks if bt.baseline_weeks else 1.0
    scaled = "" if scale == 1.0 else \
        f" (baseline: {bt.baseline_weeks} replayed weeks scaled to {bt.weeks})"
    return "; ".join(f"{n} actual {bt.actual.outcomes.get(n, 0):,.0f}, model "
                     f"{bt.forecast.outcomes.get(n, 0):,.1f}, baseline "
                     f"{bt.baseline.outcomes.get(n, 0) * scale:,.0f}" for n in names) + scaled


def to_markdown(bt: Backtest) -> str:
    lines = [f"### Backtest: {bt.history}", "", *_intro(bt), "", f"**{verdict(bt)}**", "",
             "| measure | model | baseline | better | unit | |", "|---|---:|---:|---|---|---|"]
    for m in bt.measures:
        lines.append(f"| {m.name} | {_fig(m.model)} | {_fig(m.baseline)} | {_said(m)} | "
                     f"{m.unit} | {m.note} |")
    lines += ["", "Outcomes in the test period (leads): " + _outcomes(bt), ""]
    return "\n".join(lines)


def to_dict(bt: Backtest) -> dict[str, Any]:
    def observed(o: Any) -> dict[str, Any]:
        return {"weekly_arrivals": [round(x, 4) for x in o.weekly_arrivals],
                "weekly_outcomes": [{k: round(v, 4) for k, v in w.items()}
                                    for w in o.weekly_outcomes],
                "outcomes": {k: round(v, 4) for k, v in o.outcomes.items()},
                "time_to_outcome_days": {"n": len(o.to_outcome)},
                "bigrams": {" -> ".join(k): round(v, 4) for k, v in o.bigrams.items()}}
    return {
        "history": bt.history,
        "train_until": _day(bt.train_until),
        "test_end": _day(bt.test_end),
        "weeks": bt.weeks,
        "baseline_weeks": bt.baseline_weeks,
        "runs": bt.runs,
        "seed": bt.seed,
        "open_leads": bt.open_leads,
        "open_delays": bt.open_delays,
        "model_beats_baseline": bt.model_beats_baseline,
        "verdict": verdict(bt),
        "measures": [{"name": m.name, "unit": m.unit,
                      "model": None if m.model is None else round(m.model, 6),
                      "baseline": None if m.baseline is None else round(m.baseline, 6),
                      "better": m.winner, "note": m.note} for m in bt.measures],
        "actual": observed(bt.actual),
        "model": observed(bt.forecast),
        "baseline": observed(bt.baseline),
    }


def to_json(bt: Backtest) -> str:
    return json.dumps(to_dict(bt), indent=2, ensure_ascii=False) + "\n"


def _chart(title: str, series: dict[str, list[float]]) -> str:
    """Three weekly lines — actual, model, baseline — as inline SVG, the legend on the right."""
    colours = {"actual": "#222", "model": "#1f77b4", "baseline": "#d62728"}
    width, height, pad, right = 720, 240, 40, 110
    top = max(1.0, *(max(v) for v in series.values() if v))
    n = max(1, max(len(v) for v in series.values()) - 1)

    def x(k: int) -> float:
        return pad + k * (width - pad - right) / n

    def y(v: float) -> float:
        return height - pad - v / top * (height - 2 * pad)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="{html.escape(title)}">',
             f'<line x1="{pad}" y1="{y(0):.1f}" x2="{x(n):.1f}" y2="{y(0):.1f}" stroke="#999"/>',
             f'<line x1="{pad}" y1="{y(top):.1f}" x2="{x(n):.1f}" y2="{y(top):.1f}" '
             'stroke="#eee"/>',
             f'<text x="{pad}" y="{pad - 14}" font-size="12">{html.escape(title)} (top line '
             f'{top:,.0f}; week 1 starts at the cut)</text>']
    for i, (name, values) in enumerate(series.items()):
        points = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in enumerate(values))
        parts.append(f'<polyline fill="none" stroke="{colours[name]}" stroke-width="2" '
                     f'points="{points}"/>')
        parts.append(f'<text x="{width - right + 20}" y="{pad + 16 * i + 10}" font-size="12" '
                     f'fill="{colours[name]}">— {name}</text>')
    for k in range(n + 1):
        parts.append(f'<text x="{x(k):.1f}" y="{height - pad + 16}" font-size="10" '
                     f'text-anchor="middle">{k + 1}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _weekly(bt: Backtest, outcomes: bool) -> dict[str, list[float]]:
    def pick(o: Any) -> list[float]:
        if outcomes:
            return [sum(w.values()) for w in o.weekly_outcomes]
        return list(o.weekly_arrivals)
    return {"actual": pick(bt.actual), "model": pick(bt.forecast),
            "baseline": pick(bt.baseline)}


def to_html(bt: Backtest) -> str:
    e = html.escape
    rows = "".join(
        f"<tr class='{m.winner}'><td>{e(m.name)}</td><td>{_fig(m.model)}</td>"
        f"<td>{_fig(m.baseline)}</td><td>{e(_said(m))}</td><td>{e(m.unit)}</td>"
        f"<td>{e(m.note)}</td></tr>" for m in bt.measures)
    intro = "".join(f"<p>{e(x)}</p>" for x in _intro(bt))
    name = os.path.basename(bt.history) or bt.history
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Backtest: {e(name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; max-width: 70em; color: #222; }}
p {{ overflow-wrap: anywhere; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
td, th {{ border: 1px solid #ccc; padding: .3em .6em; text-align: left; }}
td:nth-child(2), td:nth-child(3) {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr.model td:nth-child(4) {{ color: #1a7f37; font-weight: bold; }}
tr.baseline td:nth-child(4) {{ color: #b3261e; font-weight: bold; }}
.verdict {{ font-size: 1.2em; font-weight: bold; }}
</style></head><body>
<h1>Backtest: {e(name)}</h1>
{intro}
<p class="verdict">{e(verdict(bt))}</p>
<table><thead><tr><th>measure</th><th>model</th><th>baseline</th><th>better</th><th>unit</th>
<th>what happened</th></tr></thead><tbody>{rows}</tbody></table>
<h2>Week by week</h2>
<p>{_chart("leads reaching an outcome, a week", _weekly(bt, True))}</p>
<p>{_chart("arrivals, a week", _weekly(bt, False))}</p>
<p>{e("Outcomes in the test period (leads): " + _outcomes(bt))}</p>
<p>Distances are defined in docs/calibrate.md; lower is better.</p>
</body></html>
"""
