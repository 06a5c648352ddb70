"""Backtests: calibrate on the history before a date, forecast the weeks after it, and score the
forecast against what happened, next to a naive baseline that replays the recent past.

    history ──cut at D──► calibrate ──► scenario ──simulate from D, open leads placed──► traces
       │                                                                                    │
       ├── the weeks after D (what happened) ◄──────────── measures ──────────────────────┘
       └── the weeks before D, replayed (the baseline) ◄──┘

Every measure is a distance to what happened (0 is perfect); docs/calibrate.md defines each.
The model beats the baseline on a measure when its distance is smaller.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from leadrules.errors import LeadrulesError
from leadrules.history.calibrate import Calibration, calibrate
from leadrules.history.distances import (
    emd,
    jensen_shannon,
    mean_abs_error,
    ngram_counts,
    total_variation,
)
from leadrules.history.model import History
from leadrules.model.scenario import Scenario
from leadrules.model.scheme import Scheme

DAY = 86400.0
WEEK = 7 * DAY
ARRIVED = "▶"  # the first symbol of a lead that arrived in the period (for n-grams)
Path = tuple[str | None, list[tuple[float, str]]]  # (status at the start, entries in the period)


class BacktestError(ValueError):
    """Backtest settings the history cannot support (a date outside it, too short a period)."""


@attrs.frozen
class Observed:
    """What one period shows, measured the same way for history, simulation and baseline."""

    weekly_arrivals: tuple[float, ...]
    weekly_outcomes: tuple[dict[str, float], ...]  # per week: outcome status → leads
    outcomes: dict[str, float]  # outcome status → leads that reached it in the period
    to_outcome: tuple[float, ...]  # days from arrival to first outcome, arrivals of the period
    bigrams: dict[tuple[str, ...], float]


@attrs.frozen
class Measure:
    name: str
    unit: str
    model: float | None
    baseline: float | None
    note: str = ""

    @property
    def winner(self) -> str:
        """"model", "baseline", "tie" or "n/a" (when a side cannot be measured)."""
        if self.model is None or self.baseline is None:
            return "n/a"
        if math.isclose(self.model, self.baseline, rel_tol=1e-9, abs_tol=1e-12):
            return "tie"
        return "model" if self.model < self.baseline else "baseline"


@attrs.frozen
class Backtest:
    train_until: float
    test_end: float
    weeks: int
    baseline_weeks: int
    runs: int
    seed: int
    open_leads: int
    measures: tuple[Measure, ...]
    actual: Observed
    forecast: Observed
    baseline: Observed
    calibration: Calibration
    history: str
    open_delays: str = "fresh"  # how open leads' `after` lines were drawn: fresh | aged

    @property
    def wins(self) -> int:
        return sum(1 for m in self.measures if m.winner == "model")

    @property
    def scored(self) -> int:
        return sum(1 for m in self.measures if m.winner != "n/a")

    @property
    def model_beats_baseline(self) -> bool:
        """Overall: the model wins more of the scored measures than it loses."""
        losses = sum(1 for m in self.measures if m.winner == "baseline")
        return self.wins > losses


# -- observing a period ------------------------------------------------------------------------
def observe(paths: Iterable[Path], start: float, weeks: int, initial: str,
            outcome_statuses: Sequence[str]) -> Observed:
    """Measure a period of `weeks` weeks from `start` over lead paths (their status when it
    began, None for a lead that arrived in it, and the statuses they entered in it)."""
    outcomes_set = set(outcome_statuses)
    arrivals = [0.0] * weeks
    weekly: list[Counter[str]] = [Counter() for _ in range(weeks)]
    reached: Counter[str] = Counter()
    to_outcome: list[float] = []
    sequences: list[list[str]] = []
    for before, entries in paths:
        if before in outcomes_set and not entries:
            continue
        if before is None and entries and entries[0][1] == initial:
            arrivals[_week(entries[0][0], start, weeks)] += 1
        if before not in outcomes_set:
            hit = next(((t, s) for t, s in entries if s in outcomes_set), None)
            if hit is not None:
                weekly[_week(hit[0], start, weeks)][hit[1]] += 1
                reached[hit[1]] += 1
                if before is None and entries:
                    to_outcome.append((hit[0] - entries[0][0]) / DAY)
        sequences.append([before or ARRIVED, *(s for _, s in entries)])
    return Observed(tuple(arrivals), tuple(dict(sorted(w.items())) for w in weekly),
                    dict(sorted(reached.items())), tuple(sorted(to_outcome)),
                    dict(sorted(ngram_counts(sequences, 2).items())))


def _week(t: float, start: float, weeks: int) -> int:
    return min(weeks - 1, max(0, int((t - start) // WEEK)))


def history_paths(history: History, start: float, end: float) -> list[Path]:
    """Each lead's status at `start` (None when it first appears in [start, end)) and the
    statuses it entered in [start, end); leads first seen after `end` are not in the period."""
    out: list[Path] = []
    for tr in history.traces.values():
        if not tr.times or tr.times[0] >= end:
            continue
        before = None
        entries: list[tuple[float, str]] = []
        for t, s in zip(tr.times, tr.statuses, strict=False):
            if t < start:
                before = s
            elif t < end:
                if (entries and entries[-1][1] == s) or (not entries and before == s):
                    continue  # a repeat of the same status is not a move
                entries.append((t, s))
        if before is None and not entries:
            continue
        out.append((before, entries))
    return out


def pool(observed: Sequence[Observed]) -> Observed:
    """Runs pooled: weekly figures averaged, outcome counts averaged, samples and n-grams
    pooled (shares and distances only need their proportions)."""
    n = len(observed)
    weeks = len(observed[0].weekly_arrivals)
    arrivals = tuple(sum(o.weekly_arrivals[k] for o in observed) / n for k in range(weeks))
    weekly = []
    for k in range(weeks):
        total: Counter[str] = Counter()
        for o in observed:
            total.update(o.weekly_outcomes[k])
        weekly.append({s: v / n for s, v in sorted(total.items())})
    reached: Counter[str] = Counter()
    grams: Counter[tuple[str, ...]] = Counter()
    for o in observed:
        reached.update(o.outcomes)
        grams.update(o.bigrams)
    return Observed(arrivals, tuple(weekly), {s: v / n for s, v in sorted(reached.items())},
                    tuple(sorted(t for o in observed for t in o.to_outcome)),
                    dict(sorted(grams.items())))


def replay(past: Observed, weeks: int) -> Observed:
    """The baseline forecast: the past weeks repeated over the test period, week by week."""
    n = len(past.weekly_arrivals)
    return attrs.evolve(past,
                        weekly_arrivals=tuple(past.weekly_arrivals[k % n] for k in range(weeks)),
                        weekly_outcomes=tuple(past.weekly_outcomes[k % n]
                                              for k in range(weeks)))


# -- measures ----------------------------------------------------------------------------------
def measures(actual: Observed, forecast: Observed, baseline: Observed,
             outcome_statuses: Sequence[str]) -> tuple[Measure, ...]:
    def weekly_outcomes(o: Observed) -> list[float]:
        return [sum(w.get(s, 0.0) for s in outcome_statuses) for w in o.weekly_outcomes]

    def outcome_error(o: Observed) -> float:
        return sum(sum(abs(f.get(s, 0.0) - a.get(s, 0.0)) for s in outcome_statuses)
                   for f, a in zip(o.weekly_outcomes, actual.weekly_outcomes, strict=True)
                   ) / len(actual.weekly_outcomes)

    def safe(fn: Callable[..., float], *args: Any) -> float | None:
        try:
            return fn(*args)
        except ValueError:
            return None

    real_total = sum(weekly_outcomes(actual))
    decided = max(1.0, sum(actual.outcomes.values()))
    return (
        Measure("weekly arrivals", "leads a week (mean absolute error)",
                mean_abs_error(forecast.weekly_arrivals, actual.weekly_arrivals),
                mean_abs_error(baseline.weekly_arrivals, actual.weekly_arrivals),
                f"actual mean {_mean(actual.weekly_arrivals):.1f} a week"),
        Measure("weekly outcomes", "leads a week, summed over outcome statuses (mean absolute "
                "error)", outcome_error(forecast), outcome_error(baseline),
                f"actual mean {real_total / len(actual.weekly_outcomes):.1f} a week"),
        Measure("outcome shares", "total variation distance (0..1)",
                safe(total_variation, forecast.outcomes, actual.outcomes),
                safe(total_variation, baseline.outcomes, actual.outcomes),
                "actual " + ", ".join(f"{s} {100 * v / decided:.1f}%"
                                      for s, v in actual.outcomes.items())),
        Measure("time to outcome", "days (earth mover's distance)",
                safe(emd, forecast.to_outcome, actual.to_outcome),
                safe(emd, baseline.to_outcome, actual.to_outcome),
                f"actual n={len(actual.to_outcome):,}, median "
                f"{_median(actual.to_outcome):.1f} days" if actual.to_outcome else
                "no lead that arrived in the period reached an outcome in it"),
        Measure("status bigrams", "Jensen–Shannon divergence (0..1)",
                safe(jensen_shannon, forecast.bigrams, actual.bigrams),
                safe(jensen_shannon, baseline.bigrams, actual.bigrams),
                f"actual {sum(actual.bigrams.values()):,.0f} bigrams, "
                f"{len(actual.bigrams)} kinds"),
    )


def _mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def _median(xs: Sequence[float]) -> float:
    s = sorted(xs)
    return (s[(len(s) - 1) // 2] + s[len(s) // 2]) / 2 if s else 0.0


# -- the whole backtest ------------------------------------------------------------------------
def _stamp(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def backtest(history: History, scheme: Scheme, train_until: float, *, runs: int = 10,
             seed: int = 1, weeks: int | None = None, baseline_weeks: int | None = None,
             train_since: float | None = None, per_move: bool = True,
             arrival_weeks: int | None = None, open_delays: str = "fresh") -> Backtest:
    """Calibrate on history before `train_until` (leads first seen from `train_since`, when
    given), simulate `weeks` whole weeks from it and score the forecast and the baseline.
    Open leads come from the whole history. The calibration gives each move its own racing
    `after` line by default (`per_move`): a status whose moves come at different times (a
    bank declines in hours and cancels after a month) is forecast better so, by the recorded
    backtests (docs/calibrate.md §4); `arrival_weeks` measures the arrival rate over the last
    weeks before the cut only. `open_delays` is how the leads open at the cut draw their
    `after` lines: "fresh" (as if they had just entered their status; the timers still
    count from their entry) or "aged" (conditioned on how long they have waited, see
    `OpenLead.aged`). `weeks` defaults to the whole weeks up to the
    last lead's first change: an extract that stops recording new leads before its last
    change would otherwise show arrivals falling to nothing."""
    times = [t for tr in history.traces.values() for t in tr.times]
    if not times:
        raise BacktestError("the history has no status changes")
    first = history.observed_from if history.observed_from is not None else min(times)
    last = history.observed_until if history.observed_until is not None else max(times)
    if not first + WEEK <= train_until <= last - WEEK:
        raise BacktestError(
            f"--train-until {_stamp(train_until)} must leave at least a week of history on "
            f"each side: the history runs from {_stamp(first)} to {_stamp(last)}")
    available = int((last - train_until) // WEEK)
    if weeks is None:  # up to the last arrival: extractions often stop recording new leads
        arrived = max(tr.times[0] for tr in history.traces.values() if tr.times)
        weeks = max(1, min(available, int((arrived - train_until) // WEEK)))
    if not 1 <= weeks <= available:
        raise BacktestError(f"a test period of {weeks} weeks does not fit: the history has "
                            f"{available} whole weeks after --train-until")
    past = int((train_until - first) // WEEK)
    base_weeks = min(weeks, past) if baseline_weeks is None else min(baseline_weeks, past)
    if base_weeks < 1:
        raise BacktestError("the baseline needs at least one whole week before --train-until")
    end = train_until + weeks * WEEK
    if open_delays not in ("fresh", "aged"):
        raise BacktestError(f"open-lead delays are 'fresh' or 'aged', not '{open_delays}'")
    if train_since is not None and not first <= train_since < train_until:
        raise BacktestError(f"--train-since {_stamp(train_since)} must lie between the start "
                            f"of the history ({_stamp(first)}) and --train-until")
    calibration = calibrate(history, scheme, "<scheme>", since=train_since, until=train_until,
                            runs=runs, seed=seed, horizon_days=weeks * 7, warmup_days=0,
                            per_move=per_move, arrival_weeks=arrival_weeks)
    scenario = _load(calibration, scheme)
    initial = next(s.name for s in scheme.statuses if s.initial)
    outcome_statuses = [s.name for s in scheme.statuses if s.outcome]
    open_leads = _open_leads(history, scheme, train_until, open_delays == "aged")
    runs_traces = _simulate(scenario, runs, seed, train_until, open_leads)
    forecast = pool([observe(_sim_paths(traces, open_leads, train_until, end), train_until,
                             weeks, initial, outcome_statuses) for traces in runs_traces])
    actual = observe(history_paths(history, train_until, end), train_until, weeks, initial,
                     outcome_statuses)
    base_start = train_until - base_weeks * WEEK
    past_obs = observe(history_paths(history, base_start, train_until), base_start,
                       base_weeks, initial, outcome_statuses)
    baseline = replay(past_obs, weeks)
    return Backtest(train_until, end, weeks, base_weeks, runs, seed, len(open_leads),
                    measures(actual, forecast, baseline, outcome_statuses), actual, forecast,
                    baseline, calibration, history.path, open_delays)


def _load(calibration: Calibration, scheme: Scheme) -> Scenario:
    from leadrules.loader import load_text

    try:
        scenario = load_text(calibration.text, "<calibrated scenario>", scheme=scheme)
    except LeadrulesError as exc:  # a calibration bug: the written scenario must load
        raise RuntimeError("the calibrated scenario does not load: "
                           + "; ".join(d.message for d in exc.diagnostics)) from None
    assert isinstance(scenario, Scenario)
    return scenario


def _open_leads(history: History, scheme: Scheme, at: float, aged: bool = False
                ) -> list[Any]:
    """Leads open at `at`: first seen before it and not in an outcome (or locked) status then,
    with when they entered that status. Attempts are not in a status history: 0."""
    from leadrules.simulate import OpenLead

    status = scheme.status_map
    out = []
    for tr in history.traces.values():
        current, entered = None, 0.0
        for t, s in zip(tr.times, tr.statuses, strict=False):
            if t >= at:
                break
            if s != current:
                current, entered = s, t
        if current is None or status[current].outcome or status[current].locked:
            continue
        out.append(OpenLead(status=current, entered=entered, attempts=0, lead=tr.lead,
                            aged=aged))
    return out


def _simulate(scenario: Scenario, runs: int, seed: int, start: float, open_leads: list[Any]
              ) -> list[list[tuple[str, list[tuple[float, str]]]]]:
    from leadrules.simulate import simulate_runs

    begin = dt.datetime.fromtimestamp(start, dt.timezone.utc)
    results = simulate_runs(scenario, runs=runs, seed=seed, start=begin,
                            open_leads=open_leads, keep_traces=True)
    return [r.traces for r in results]


def _sim_paths(traces: Sequence[tuple[str, list[tuple[float, str]]]], open_leads: list[Any],
               start: float, end: float) -> list[Path]:
    placed = {o.lead: o.status for o in open_leads}
    out: list[Path] = []
    for lead, entries in traces:
        before = placed.get(lead)
        kept = [(t, s) for t, s in entries if start <= t < end]
        if before is not None and kept and kept[0][1] == before:
            kept = kept[1:]  # the placement itself is not a move
        out.append((before, kept))
    return out
