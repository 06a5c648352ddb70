"""Replications: run a compiled model `runs` times (in parallel with `jobs`), collect figures.

Run r uses seed (scenario seed, r); results come back in run order whatever the number of
processes, so the same seed gives the same figures, byte for byte.

For backtests the clock can start at a given instant with the leads open then (`start`,
`open_leads`), and each run can keep every lead's path (`keep_traces`).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import attrs

from leadrules.errors import Diagnostic, LeadrulesError
from leadrules.model.scenario import Scenario
from leadrules.simulate.compile import SimModel, compile_model
from leadrules.simulate.metrics import expectation_value, run_metrics
from leadrules.simulate.state import OpenLead, check_open_leads, start_ts
from leadrules.simulate.stats import sorted_percentiles

Trace = tuple[str, list[tuple[float, str]]]  # a lead's id and its (entered at, status) steps


@attrs.frozen
class RunResult:
    """The figures of one replication, the values of the scheme's `expect` lines, and what
    the HTML report draws: moves between statuses, daily work in progress per status (from
    day 1), and deciles of the time in each status (hours). With `keep_traces`, `traces` holds
    every lead's entered statuses as (UTC epoch seconds, status name), open leads first under
    their own ids, then new leads as "sim-1", "sim-2", …; otherwise it stays empty."""

    figures: dict[str, float]
    expects: tuple[float | None, ...]
    blocked: dict[str, int]
    flows: dict[str, int] = attrs.field(factory=dict)
    series: dict[str, list[int]] = attrs.field(factory=dict)
    deciles: dict[str, list[float]] = attrs.field(factory=dict)
    traces: list[Trace] = attrs.field(factory=list)


def simulate_runs(scenario: Scenario, *, runs: int | None = None, seed: int | None = None,
                  jobs: int = 1, arrivals: list[float] | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  start: dt.datetime | None = None, open_leads: Sequence[OpenLead] | None = None,
                  keep_traces: bool = False) -> list[RunResult]:
    """Run the scenario's scheme `runs` times; raises LeadrulesError when it cannot run.

    `start` (an aware datetime) is where the clock starts, by default Monday 2027-01-04 00:00
    on the scheme's calendar; horizon and warm-up count from it. `open_leads` are placed in
    their statuses at the start. `progress(done, total)` is called after each run."""
    model = build(scenario, start_ts(scenario, start))
    opened = tuple(open_leads or ())
    check_open_leads(scenario, opened, model.start)
    count = runs or scenario.runs or 1  # a resolved scenario always has runs (default 10)
    base = (scenario.seed or 0) if seed is None else seed  # and a seed (default 1)
    if jobs <= 1 or count == 1:
        out = []
        for r in range(count):
            out.append(one_run(model, base, r, arrivals, opened, keep_traces))
            if progress:
                progress(r + 1, count)
        return out
    with ProcessPoolExecutor(max_workers=min(jobs, os.cpu_count() or 1),
                             initializer=_start_worker, initargs=(scenario, model.start)) as pool:
        futures = [pool.submit(_remote, base, r, arrivals, opened, keep_traces)
                   for r in range(count)]
        results = []
        for i, f in enumerate(futures):
            results.append(f.result())
            if progress:
                progress(i + 1, count)
        return results


def build(scenario: Scenario, start: float | None = None) -> SimModel:
    scheme = scenario.scheme
    assert scheme is not None, "resolve the scenario first (leadrules.load)"
    initial = [s for s in scheme.statuses if s.initial]
    if len(initial) != 1:
        span = scenario.scheme_span or scenario.span
        raise LeadrulesError([Diagnostic(
            "E304", f"the scheme has {len(initial)} initial statuses; a simulation needs "
            "exactly one, where new leads start", span)])
    model = compile_model(scheme, scenario, start)
    if model.warmup >= model.horizon:
        where = scenario.warmup.span if scenario.warmup else scenario.span
        raise LeadrulesError([Diagnostic(
            "E222", f"the warm-up ({scenario.warmup}) is not shorter than the horizon "
            f"({scenario.horizon}) on the scheme's calendar", where)])
    return model


def one_run(model: SimModel, seed: int, run: int, arrivals: list[float] | None,
            open_leads: Sequence[OpenLead] = (), keep_traces: bool = False) -> RunResult:
    # A run allocates millions of small objects and keeps a hundred thousand leads alive, none
    # of them in reference cycles: the cyclic garbage collector would walk every live lead
    # again and again (a third of the run time) and find nothing. Reference counting frees
    # everything; the collector is back on as soon as the run is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _one_run(model, seed, run, arrivals, open_leads, keep_traces)
    finally:
        if collecting:
            gc.enable()


def _one_run(model: SimModel, seed: int, run: int, arrivals: list[float] | None,
             open_leads: Sequence[OpenLead], keep_traces: bool) -> RunResult:
    from leadrules.simulate import accel  # not at the top: `python -m …accel` runs it

    engine = accel.engine()  # engine.py, compiled when a current build is there
    try:
        rec = engine.Run(model, seed, run, arrivals, open_leads, keep_traces).run()
    except engine.SimulationError as exc:
        raise LeadrulesError([Diagnostic("E305", str(exc), model.scenario.span)]) from None
    figures = run_metrics(rec)
    expects = tuple(expectation_value(rec, figures, e) for e in model.scheme.expects)
    names = [s.name for s in model.statuses]
    blocked = {f"{names[a]} -> {names[b]}": n for (a, b), n in sorted(rec.blocked_moves.items())}
    flows = {f"{names[a]} -> {names[b]}": n for (a, b), n in sorted(rec.flows.items())}
    series = {name: [counts[i] for _, counts in rec.series] for i, name in enumerate(names)}
    deciles = {names[i]: _deciles(d) for i, d in enumerate(rec.durations) if d}
    traces = _traces(rec, names) if keep_traces else []
    return RunResult(figures, expects, blocked, flows, series, deciles, traces)


def _traces(rec: Any, names: list[str]) -> list[Trace]:
    out = []
    for lead in rec.all_leads:  # open leads first, then arrivals in order
        steps = [(t, names[i]) for t, i in zip(lead.times, lead.path, strict=True)]
        out.append((lead.name or f"sim-{lead.id}", steps))
    return out


def _deciles(values: list[float]) -> list[float]:
    """The 0th, 10th … 100th percentiles of visit durations (sorted by run_metrics), in
    hours."""
    return [round(v / 3600, 4) for v in sorted_percentiles(values, [10 * q for q in range(11)])]


_WORKER_MODEL: SimModel | None = None  # each worker process compiles the model once


def _start_worker(scenario: Scenario, start: float) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = build(scenario, start)


def _remote(seed: int, run: int, arrivals: Any, open_leads: Sequence[OpenLead],
            keep_traces: bool) -> RunResult:
    assert _WORKER_MODEL is not None, "the pool initializer compiles the model"
    return one_run(_WORKER_MODEL, seed, run, arrivals, open_leads, keep_traces)
