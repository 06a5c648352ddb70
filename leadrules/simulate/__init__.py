"""The simulator: run a scheme's own rules against a scenario and measure what happens.

    compile (scheme + scenario → static network) → Run (one replication, events in a heap)
    → records → per-run figures → estimates with confidence intervals across runs.

`simulate_runs(scenario)` gives the per-run figures; `leadrules.simulate.results` aggregates.
"""

from leadrules.simulate.run import RunResult, simulate_runs

__all__ = ["RunResult", "simulate_runs"]
