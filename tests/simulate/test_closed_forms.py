"""The simulator agrees with closed forms: absorbing Markov chains and M/M/c queues.

Tolerances come from the runs themselves: the analytic value must lie in the 99% confidence
interval of the simulated mean (fixed seeds, so each test is deterministic; no retries).
"""

from __future__ import annotations

import pytest

from leadrules.simulate.run import build, simulate_runs
from leadrules.simulate.stats import Estimate
from tests.analytic import absorbing_chain, mmc_mean_wait
from tests.simulate.helpers import load

CHAIN_SCHEME = """status S1 { initial }
status S2 {}
status Won { outcome won }
status Lost { outcome lost }
transition S1 -> S2 manual
transition S1 -> Lost manual
transition S2 -> S1 manual
transition S2 -> Won manual
transition S2 -> Lost manual
"""
CHAIN_SCENARIO = """horizon 400 days
  arrivals 1 per day
  runs 6
  seed 3
  in S1 {
    after ~2 days: S2 60%, Lost 40%
  }
  in S2 {
    after ~3 days: Won 50%, S1 20%, Lost 30%
  }"""


def test_uncapacitated_funnel_matches_the_absorbing_markov_chain(tmp_path):
    """Outcome shares and mean time to outcome equal the fundamental-matrix values."""
    scenario = load(tmp_path, CHAIN_SCHEME, CHAIN_SCENARIO)
    start = build(scenario).start
    # 2,000 leads in the first 50 days; 350 more days let every one of them finish
    arrivals = [start + i * 2160.0 for i in range(2000)]
    results = simulate_runs(scenario, arrivals=arrivals)
    probabilities, mean_time = absorbing_chain(
        {"S1": {"S2": 0.6, "Lost": 0.4}, "S2": {"Won": 0.5, "S1": 0.2, "Lost": 0.3}},
        {"S1": 1 / 2, "S2": 1 / 3})
    for outcome in ("Won", "Lost"):
        shares = [r.figures[f"outcome.{outcome}.share_pct"] / 100 for r in results]
        assert Estimate.of(shares, 0.99).contains(probabilities["S1"][outcome]), outcome
    assert all(r.figures["funnel.reached_outcome_pct"] == 100.0 for r in results)
    days = [r.figures["funnel.time_to_outcome_mean"] / 24 for r in results]
    assert Estimate.of(days, 0.99).contains(mean_time["S1"])


QUEUE_SCHEME = """team T
status Queue { initial }
status Done { outcome won }
transition Queue -> Done on done auto
"""


@pytest.mark.parametrize("load_factor, days, runs", [(0.5, 30, 5), (0.8, 60, 6),
                                                     (0.95, 120, 8)])
def test_mmc_queue_wait_equals_erlang_c(tmp_path, load_factor, days, runs):
    """Poisson arrivals, three reps, exponential work, a 24/7 calendar: Wq is Erlang C's."""
    service_rate, servers = 6.0, 3  # per hour: ten minutes a lead on average
    arrival_rate = load_factor * servers * service_rate
    body = (f"horizon {days} days\n  warmup 5 days\n  arrivals {arrival_rate} per hour\n"
            f"  runs {runs}\n  seed 11\n  staff T {servers}\n"
            "  in Queue {\n    work ~10 minutes by T\n    then done\n  }")
    results = simulate_runs(load(tmp_path, QUEUE_SCHEME, body))
    waits = [r.figures["team.T.wait_mean"] for r in results]  # hours
    expected = mmc_mean_wait(arrival_rate, service_rate, servers)
    assert Estimate.of(waits, 0.99).contains(expected), (expected, Estimate.of(waits, 0.99))
    utilisation = Estimate.of([r.figures["team.T.utilisation_pct"] for r in results], 0.99)
    assert utilisation.contains(100 * load_factor)
