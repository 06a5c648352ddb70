"""Figures of all runs → estimates with 95% confidence intervals, expectations, bottlenecks.

Every figure is the mean over independent replications with a t-based 95% confidence
interval; a figure missing from some runs (no visits there) is estimated over the runs that
have it, and `n` says how many.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from leadrules import __version__
from leadrules.model.common import Range
from leadrules.model.scenario import Scenario
from leadrules.simulate.run import RunResult
from leadrules.simulate.stats import Estimate

HOURS = {"minutes": 1 / 60, "hours": 1.0, "days": 24.0, "weeks": 168.0}


@attrs.frozen
class ExpectResult:
    text: str
    estimate: Estimate | None
    passed: bool | None  # None: no observation


@attrs.frozen
class SimResult:
    scenario: Scenario
    runs: int
    seed: int
    figures: dict[str, Estimate]
    expects: tuple[ExpectResult, ...]
    blocked: dict[str, float]
    assumptions: tuple[str, ...]

    def get(self, key: str) -> Estimate | None:
        return self.figures.get(key)


def aggregate(scenario: Scenario, results: list[RunResult], seed: int,
              assumptions: list[str]) -> SimResult:
    keys = sorted({k for r in results for k in r.figures})
    figures = {k: Estimate.of([r.figures[k] for r in results if k in r.figures]) for k in keys}
    scheme = scenario.scheme
    assert scheme is not None
    expects = []
    for i, e in enumerate(scheme.expects):
        values = [v for r in results if (v := r.expects[i]) is not None]
        estimate = Estimate.of(values) if values else None
        text = expect_text(e)
        passed = None if estimate is None else in_range(estimate.mean, e.range, e.kind)
        expects.append(ExpectResult(text, estimate, passed))
    blocked: dict[str, float] = {}
    for r in results:
        for k, n in r.blocked.items():
            blocked[k] = blocked.get(k, 0) + n / len(results)
    return SimResult(scenario, len(results), seed, figures, tuple(expects),
                     dict(sorted(blocked.items())), tuple(dict.fromkeys(assumptions)))


def expect_text(e: Any) -> str:
    """An `expect` line as written (`conversion New -> Won 10%..20%`), for reports."""
    target = f" -> {e.target.name}" if e.target is not None else ""
    return f"{e.kind} {e.status.name}{target} {e.range}"


def in_range(value: float, rng: Range, kind: str) -> bool:
    """Whether a value (percent, or hours for time_in; simulated or measured from history)
    lies in an expect range."""
    def scale(q: Any) -> float:
        if q is None:
            return 0.0
        if q.duration is not None:
            return float(q.duration.amount) * HOURS[q.duration.unit]
        return float(q.value)

    low, high = rng.low, rng.high
    if low is not None:
        bound = scale(low)
        if value < bound or (value == bound and not rng.low_inclusive):
            return False
    if high is not None:
        bound = scale(high)
        if value > bound or (value == bound and not rng.high_inclusive):
            return False
    return True


def to_json(result: SimResult) -> str:
    """The results as a versioned, deterministic JSON document."""
    def est(e: Estimate | None) -> Any:
        if e is None:
            return None
        return {"mean": round(e.mean, 6), "low": _r(e.low), "high": _r(e.high), "n": e.n}

    doc = {
        "schema": "leadrules-simulation/1",
        "tool": {"name": "leadrules", "version": __version__},
        "scenario": result.scenario.name, "scheme": result.scenario.scheme_path,
        "runs": result.runs, "seed": result.seed,
        "figures": {k: est(v) for k, v in result.figures.items()},
        "expect": [{"line": x.text, "value": est(x.estimate), "pass": x.passed}
                   for x in result.expects],
        "blocked_moves_per_run": {k: round(v, 6) for k, v in result.blocked.items()},
        "assumptions": list(result.assumptions),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _r(x: float) -> float | None:
    return None if x != x or x in (float("inf"), float("-inf")) else round(x, 6)
