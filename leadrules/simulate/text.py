"""The simulation report as text: statuses, teams, funnel, expectations, bottlenecks."""

from __future__ import annotations

from leadrules.simulate.results import SimResult
from leadrules.simulate.stats import Estimate


def _span(hours: float) -> str:
    if hours >= 48:
        return f"{hours / 24:.1f} d"
    if hours >= 1:
        return f"{hours:.1f} h"
    return f"{hours * 60:.0f} min"


def _fmt(e: Estimate | None, kind: str = "n") -> str:
    if e is None:
        return "–"
    if kind == "h":
        value = _span(e.mean)
        return value if e.n < 2 else f"{value} ±{_span(e.halfwidth)}"
    if kind == "%":
        return f"{e.mean:.1f}%" + ("" if e.n < 2 else f" ±{e.halfwidth:.1f}")
    return f"{e.mean:,.1f}" + ("" if e.n < 2 else f" ±{e.halfwidth:,.1f}")


WAITS = (("rep_wait_mean", "for a free rep (the team is busy)"),
         ("closed_wait_mean", "for open hours (the calendar is closed)"),
         ("lead_wait_mean", "on the lead (replies and decisions)"))


def why_waiting(r: SimResult, status: str) -> str:
    """"; a visit waits 2.0 h for a free rep …, 3.1 d on the lead …": where a status's time
    goes, largest first, leaving out waits under a minute (empty when there is none)."""
    parts = []
    for key, words in WAITS:
        e = r.get(f"status.{status}.{key}")
        if e is not None and e.mean >= 1 / 60:
            parts.append((e.mean, f"{_span(e.mean)} {words}"))
    if not parts:
        return ""
    parts.sort(key=lambda p: -p[0])
    return "; a visit waits " + ", ".join(text for _, text in parts) + " on average"


def bottlenecks(r: SimResult) -> list[tuple[float, str]]:
    """Ranked findings: saturated teams, growing work in progress, breaking SLAs, blocked
    moves — each explained in one sentence, with why leads wait: a rep busy (queue wait), the
    calendar closed (outside open hours), or waiting on the lead (its replies and decisions)."""
    out: list[tuple[float, str]] = []
    scheme = r.scenario.scheme
    assert scheme is not None
    for name in [*(t.name for t in scheme.teams), *(x.name for x in scheme.roles)]:
        util = r.get(f"team.{name}.utilisation_pct")
        wait = r.get(f"team.{name}.wait_mean")
        closed = r.get(f"team.{name}.closed_wait_mean")
        peak = r.get(f"team.{name}.queue_peak")
        staffed = next((s.count for s in r.scenario.staff if s.group.name == name), None)
        if staffed == 0 and peak is not None and peak.mean > 0:
            out.append((200, f"team {name} has no staff, but work is routed to it: up to "
                        f"{peak.mean:,.0f} items wait for nobody"))
            continue
        if util is not None and util.mean >= 85:
            why = f"leads wait {_span(wait.mean)} on average for a free rep" if wait else ""
            if closed is not None and closed.mean > 0.05:
                why += f", and {_span(closed.mean)} more for open hours"
            out.append((util.mean, f"team {name} is saturated ({util.mean:.0f}% busy): "
                        f"{why}"))
    for s in scheme.statuses:
        mean, end = r.get(f"status.{s.name}.wip_mean"), r.get(f"status.{s.name}.wip_end")
        growing = mean and end and end.mean > 1.3 * mean.mean and end.mean - mean.mean > 5
        why = why_waiting(r, s.name)
        if not s.outcome and mean and end and growing:
            out.append((60 + min(end.mean / max(mean.mean, 1), 30),
                        f"work in progress in {s.name} grows: {end.mean:,.0f} leads at the end "
                        f"against {mean.mean:,.0f} on average{why}"))
        breach = r.get(f"status.{s.name}.sla_breach_pct")
        if breach is not None and breach.mean >= 20:
            out.append((40 + breach.mean / 5, f"the SLA of {s.name} breaks for "
                        f"{breach.mean:.0f}% of visits{why}"))
    for move, n in r.blocked.items():
        if n >= 1:
            out.append((30, f"{move} was blocked {n:,.0f} times a run by the target's "
                        "requirements (the scenario never fills them in)"))
    return sorted(out, key=lambda x: -x[0])


def render_text(r: SimResult) -> str:
    sc = r.scenario
    scheme = sc.scheme
    assert scheme is not None
    arrived = r.get("leads.arrived")
    lines = [f"Simulation of {sc.scheme_path} under \"{sc.name}\": {r.runs} runs, seed {r.seed}, "
             f"horizon {sc.horizon}, warm-up {sc.warmup or '0 days'}; "
             f"{_fmt(arrived)} leads per run after the warm-up.",
             "Figures: mean over runs ± half-width of the 95% confidence interval.", "",
             f"{'status':<24} {'entered':>14} {'WIP mean':>14} {'WIP end':>12} "
             f"{'time in (mean)':>18} {'p90':>10} {'SLA breached':>14}"]
    for s in scheme.statuses:
        k = f"status.{s.name}"
        p90 = r.get(f"{k}.time_in_p90")
        lines.append(f"{s.name[:24]:<24} {_fmt(r.get(k + '.entered')):>14} "
                     f"{_fmt(r.get(k + '.wip_mean')):>14} {_fmt(r.get(k + '.wip_end')):>12} "
                     f"{_fmt(r.get(k + '.time_in_mean'), 'h'):>18} "
                     f"{_span(p90.mean) if p90 else '–':>10} "
                     f"{_fmt(r.get(k + '.sla_breach_pct'), '%'):>14}")
    lines += ["", f"{'team':<24} {'utilisation':>14} {'wait (mean)':>16} {'wait p90':>10} "
              f"{'peak queue':>12}"]
    for group in [*(t.name for t in scheme.teams), *(x.name for x in scheme.roles)]:
        k = f"team.{group}"
        if r.get(k + ".wait_mean") is None and r.get(k + ".utilisation_pct") is None:
            continue
        p90 = r.get(k + ".wait_p90")
        lines.append(f"{group[:24]:<24} {_fmt(r.get(k + '.utilisation_pct'), '%'):>14} "
                     f"{_fmt(r.get(k + '.wait_mean'), 'h'):>16} "
                     f"{_span(p90.mean) if p90 else '–':>10} "
                     f"{_fmt(r.get(k + '.queue_peak')):>12}")
    lines += ["", "Funnel"]
    for s in scheme.statuses:
        if s.outcome:
            lines.append(f"  ended in {s.name} ({s.outcome}): "
                         f"{_fmt(r.get(f'outcome.{s.name}.share_pct'), '%')} of leads with an "
                         "outcome")
    lines.append(f"  reached an outcome: {_fmt(r.get('funnel.reached_outcome_pct'), '%')}; "
                 f"time to outcome {_fmt(r.get('funnel.time_to_outcome_mean'), 'h')}; "
                 f"wins per week {_fmt(r.get('funnel.wins_per_week'))}")
    if r.expects:
        lines += ["", "Expectations of the scheme"]
        for x in r.expects:
            verdict = "no data" if x.passed is None else "PASS" if x.passed else "FAIL"
            value = "–" if x.estimate is None else (
                f"{x.estimate.mean:.1f}% [{x.estimate.low:.1f}%, {x.estimate.high:.1f}%]"
                if "time_in" not in x.text else
                f"{_span(x.estimate.mean)} [{_span(x.estimate.low)}, "
                f"{_span(x.estimate.high)}]")
            lines.append(f"  {verdict:<8} {x.text:<44} simulated {value}")
    found = bottlenecks(r)
    lines += ["", "Bottlenecks, most pressing first"]
    lines += [f"  {i}. {text}" for i, (_, text) in enumerate(found, 1)] or ["  none found"]
    if r.assumptions:
        lines += ["", "Assumptions (model these fields in the scenario to evaluate the rules)"]
        lines += [f"  - {a}" for a in r.assumptions]
    return "\n".join(lines)
