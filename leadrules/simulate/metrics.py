"""One replication's records → flat, named figures (the same names in every run).

Figures are plain floats keyed like `status.Working.time_in` (hours) or
`team.SDR.utilisation` (a fraction); aggregation across runs happens in `results`.
Durations are reported in hours, shares and rates as percentages.
"""

from __future__ import annotations

import math
import statistics
from typing import Any

from leadrules.simulate.records import RunRecords
from leadrules.simulate.stats import sorted_percentiles

HOUR = 3600.0


def _mean(values: list[float]) -> float:
    """The mean of a run's own list (hundreds of thousands of values, in an order fixed by the
    seed): a plain sum, several times faster than fmean's exact one."""
    return sum(values) / len(values)


def run_metrics(rec: RunRecords) -> dict[str, float]:
    """Every figure of one run; figures with no observations are left out. Sorts the run's
    lists of durations and waits in place, so percentiles and the report's deciles need no
    copies."""
    m = rec.m
    window = rec.end - rec.start
    out: dict[str, float] = {}
    for s in m.statuses:
        i, key = s.index, f"status.{s.name}"
        out[f"{key}.entered"] = rec.entries[i]
        out[f"{key}.wip_mean"] = rec.wip_area[i] / window if window > 0 else 0.0
        out[f"{key}.wip_end"] = rec.wip_end[i]
        durations = rec.durations[i]
        if durations:
            durations.sort()
            median, p90 = sorted_percentiles(durations, (50, 90))
            mean = _mean(durations)
            out[f"{key}.time_in_mean"] = mean / HOUR
            out[f"{key}.time_in_median"] = median / HOUR
            out[f"{key}.time_in_p90"] = p90 / HOUR
            if not s.outcome:
                _why_waiting(out, key, rec, i, mean)
        if rec.entries[i]:
            out[f"{key}.sla_breach_pct"] = 100.0 * rec.breached_visits[i] / rec.entries[i]
        out[f"{key}.alerts"] = rec.alerts[i]
    open_seconds = m.calendar.between_seconds(rec.start, rec.end)
    for t, team in enumerate(m.teams):
        key = f"team.{team.name}"
        if not rec.served[t] and not rec.busy[t] and not rec.peak_queue[t]:
            continue
        if team.servers and open_seconds > 0:
            out[f"{key}.utilisation_pct"] = 100.0 * rec.busy[t] / (team.servers * open_seconds)
        served = rec.served[t]
        if served:
            waits = rec.waits[t]  # the waits that were not zero
            out[f"{key}.wait_mean"] = sum(waits) / served / HOUR
            waits.sort()
            out[f"{key}.wait_p90"] = _percentile_after_zeros(served - len(waits), waits, 90) / HOUR
            out[f"{key}.closed_wait_mean"] = sum(rec.closed_waits[t]) / served / HOUR
        out[f"{key}.queue_peak"] = rec.peak_queue[t]
    leads = rec.leads
    out["leads.arrived"] = len(leads)
    finished = sum(rec.outcomes)
    for s in m.statuses:
        if s.outcome and finished:
            out[f"outcome.{s.name}.share_pct"] = 100.0 * rec.outcomes[s.index] / finished
    times = rec.to_outcome  # fmean is exact, so their order does not matter
    if times:
        out["funnel.time_to_outcome_mean"] = statistics.fmean(times) / HOUR
    if leads:
        out["funnel.reached_outcome_pct"] = 100.0 * len(times) / len(leads)
    weeks = window / (7 * 86400)
    if weeks > 0:
        out["funnel.wins_per_week"] = len(rec.wins) / weeks
    return out


def _percentile_after_zeros(zeros: int, xs: list[float], q: float) -> float:
    """The q-th percentile of `zeros` zeros followed by the sorted, positive `xs`, exactly as
    sorted_percentiles would give it for that whole list."""
    h = (zeros + len(xs) - 1) * q / 100.0
    i = math.floor(h)
    low = xs[i - zeros] if i >= zeros else 0.0
    if i == h:
        return low
    high = xs[i + 1 - zeros] if i + 1 >= zeros else 0.0
    return low + (h - i) * (high - low)


def _why_waiting(out: dict[str, float], key: str, rec: RunRecords, i: int, mean: float
                 ) -> None:
    """Why a visit lasts as long as it does, in hours per (completed) visit: waiting for a free
    rep, waiting for open hours, and waiting on the lead (replies and decisions: the rest of
    the time in status once the waits and the work itself are taken out; about, since work can
    run beside a wait)."""
    visits = len(rec.durations[i])
    rep, closed = rec.rep_wait[i] / visits, rec.closed_wait[i] / visits
    out[f"{key}.rep_wait_mean"] = rep / HOUR
    out[f"{key}.closed_wait_mean"] = closed / HOUR
    out[f"{key}.lead_wait_mean"] = max(0.0, mean - rep - closed - rec.work_time[i] / visits) / HOUR


def conversion(rec: RunRecords, source: int, target: int) -> float | None:
    """Of the leads that entered `source` (after the warm-up), the share that later reached
    `target`, as the `expect conversion` line defines it. Leads still in `source` at the
    horizon are left out: their fate is not known yet, and counting them as "not converted"
    would bias every conversion low (the more so the shorter the horizon)."""
    entered = reached = 0
    for lead in rec.leads:
        path: list[int] = lead.path
        if source not in path or (path[-1] == source and path.count(source) == 1):
            continue
        entered += 1
        if target in path[path.index(source) + 1:]:
            reached += 1
    return 100.0 * reached / entered if entered else None


def expectation_value(rec: RunRecords, figures: dict[str, float], exp: Any) -> float | None:
    """The simulated value of one `expect` line (percent, or hours for time_in)."""
    names = rec.m.names
    if exp.kind == "conversion":
        return conversion(rec, names[exp.status.name], names[exp.target.name])
    if exp.kind == "time_in":
        return figures.get(f"status.{exp.status.name}.time_in_mean")
    return figures.get(f"outcome.{exp.status.name}.share_pct", 0.0 if any(
        k.startswith("outcome.") for k in figures) else None)
