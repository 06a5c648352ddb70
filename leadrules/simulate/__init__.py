"""The simulator: run a scheme's own rules against a scenario and measure what happens.

    compile (scheme + scenario → static network) → Run (one replication, events in a heap)
    → records → per-run figures → estimates with confidence intervals across runs.

`simulate_runs(scenario)` gives the per-run figures; `leadrules.simulate.results` aggregates.
"""

from leadrules.simulate.run import RunResult, simulate_runs
from leadrules.simulate.state import OpenLead

__all__ = ["OpenLead", "RunResult", "simulate_runs"]
