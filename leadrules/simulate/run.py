"""Replications: run a compiled model `runs` times (in parallel with `jobs`), collect figures.

Run r uses seed (scenario seed, r); results come back in run order whatever the number of
processes, so the same seed gives the same figures, byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import attrs

from leadrules.errors import Diagnostic, LeadrulesError
from leadrules.model.scenario import Scenario
from leadrules.simulate.compile import SimModel, compile_model
from leadrules.simulate.engine import Run, SimulationError
from leadrules.simulate.metrics import expectation_value, run_metrics
from leadrules.simulate.stats import percentiles


@attrs.frozen
class RunResult:
    """The figures of one replication, the values of the scheme's `expect` lines, and what
    the HTML report draws: moves between statuses, daily work in progress per status (from
    day 1), and deciles of the time in each status (hours)."""

    figures: dict[str, float]
    expects: tuple[float | None, ...]
    blocked: dict[str, int]
    flows: dict[str, int] = attrs.field(factory=dict)
    series: dict[str, list[int]] = attrs.field(factory=dict)
    deciles: dict[str, list[float]] = attrs.field(factory=dict)


def simulate_runs(scenario: Scenario, *, runs: int | None = None, seed: int | None = None,
                  jobs: int = 1, arrivals: list[float] | None = None,
                  progress: Callable[[int, int], None] | None = None) -> list[RunResult]:
    """Run the scenario's scheme `runs` times; raises LeadrulesError when it cannot run."""
    model = build(scenario)
    count = runs or scenario.runs or 1  # a resolved scenario always has runs (default 10)
    base = (scenario.seed or 0) if seed is None else seed  # and a seed (default 1)
    if jobs <= 1 or count == 1:
        out = []
        for r in range(count):
            out.append(one_run(model, base, r, arrivals))
            if progress:
                progress(r + 1, count)
        return out
    with ProcessPoolExecutor(max_workers=min(jobs, os.cpu_count() or 1),
                             initializer=_start_worker, initargs=(scenario,)) as pool:
        futures = [pool.submit(_remote, base, r, arrivals) for r in range(count)]
        results = []
        for i, f in enumerate(futures):
            results.append(f.result())
            if progress:
                progress(i + 1, count)
        return results


def build(scenario: Scenario) -> SimModel:
    scheme = scenario.scheme
    assert scheme is not None, "resolve the scenario first (leadrules.load)"
    initial = [s for s in scheme.statuses if s.initial]
    if len(initial) != 1:
        span = scenario.scheme_span or scenario.span
        raise LeadrulesError([Diagnostic(
            "E304", f"the scheme has {len(initial)} initial statuses; a simulation needs "
            "exactly one, where new leads start", span)])
    model = compile_model(scheme, scenario)
    if model.warmup >= model.horizon:
        where = scenario.warmup.span if scenario.warmup else scenario.span
        raise LeadrulesError([Diagnostic(
            "E222", f"the warm-up ({scenario.warmup}) is not shorter than the horizon "
            f"({scenario.horizon}) on the scheme's calendar", where)])
    return model


def one_run(model: SimModel, seed: int, run: int, arrivals: list[float] | None) -> RunResult:
    try:
        rec = Run(model, seed, run, arrivals).run()
    except SimulationError as exc:
        raise LeadrulesError([Diagnostic("E305", str(exc), model.scenario.span)]) from None
    figures = run_metrics(rec)
    expects = tuple(expectation_value(rec, figures, e) for e in model.scheme.expects)
    names = [s.name for s in model.statuses]
    blocked = {f"{names[a]} -> {names[b]}": n for (a, b), n in sorted(rec.blocked_moves.items())}
    flows = {f"{names[a]} -> {names[b]}": n for (a, b), n in sorted(rec.flows.items())}
    series = {name: [counts[i] for _, counts in rec.series] for i, name in enumerate(names)}
    deciles = {names[i]: _deciles(d) for i, d in enumerate(rec.durations) if d}
    return RunResult(figures, expects, blocked, flows, series, deciles)


def _deciles(values: list[float]) -> list[float]:
    """The 0th, 10th … 100th percentiles of visit durations, in hours."""
    return [round(v / 3600, 4) for v in percentiles(values, [10 * q for q in range(11)])]


_WORKER_MODEL: SimModel | None = None  # each worker process compiles the model once


def _start_worker(scenario: Scenario) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = build(scenario)


def _remote(seed: int, run: int, arrivals: Any) -> RunResult:
    assert _WORKER_MODEL is not None, "the pool initializer compiles the model"
    return one_run(_WORKER_MODEL, seed, run, arrivals)
