"""Synthetic recovery: history drawn from known probabilities and delays, calibrated, gives
them back within tolerances from their confidence intervals (fixed seeds, no retries).

The generator here follows the simulator's `after DIST: X p%, Y q%` semantics exactly (one
delay from entry, then one outcome drawn), so the scenario that generated the history is the
one calibration should find. It is also the history the other calibrate and backtest tests use.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

import pytest

from leadrules.history.calibrate import calibrate
from leadrules.history.model import History, Trace
from leadrules.loader import load_text
from leadrules.model.scheme import Scheme

DAY = 86400.0
START = 1767571200.0  # 2026-01-05 00:00 UTC, a Monday

SCHEME = """\
scheme "Handmade funnel" { version "1" }

calendar business {
  timezone "UTC"
  open mon-sun 00:00-24:00
}

team SDR

status New {
  initial
  on enter { assign team SDR }
}
status Contacted {
  after 30 days -> Lost
}
status Won {
  outcome won
  locked
}
status Lost {
  outcome lost
}

transition New -> Contacted on reached auto
transition New, Contacted -> Lost manual
transition Contacted -> Won manual
"""

# the truth: New → Contacted 70% / Lost 30% after lognormal(2 days, 1 day);
#            Contacted → Won 40% / Lost 60% after gamma(3 days, 1.5 days)
TRUTH = {
    "New": ({"Contacted": 0.7, "Lost": 0.3}, 2 * DAY, 1 * DAY),
    "Contacted": ({"Won": 0.4, "Lost": 0.6}, 3 * DAY, 1.5 * DAY),
}


def scheme_model(tmp: Path) -> Scheme:
    from leadrules.loader import Loader

    path = tmp / "handmade.leads"
    path.write_text(SCHEME, encoding="utf-8")
    return Loader().scheme(path)


def _lognormal(rng: random.Random, mean: float, sd: float) -> float:
    s2 = math.log(1 + (sd / mean) ** 2)
    return rng.lognormvariate(math.log(mean) - s2 / 2, math.sqrt(s2))


def synthetic_history(leads: int = 4000, days: float = 200, seed: int = 7,
                      tail: float = 20, owners: int = 3) -> History:
    """`leads` arrivals spread at random over `days` days from START, each walked through the
    TRUTH; the history is extracted `tail` days after the last arrival window ends."""
    rng = random.Random(seed)
    end = START + (days + tail) * DAY
    history = History("synthetic.csv", observed_from=START, observed_until=end)
    arrivals = sorted(START + rng.uniform(0, days * DAY) for _ in range(leads))
    for i, t in enumerate(arrivals):
        trace = Trace(f"L{i:05d}")
        status, owner = "New", f"rep{i % owners}"
        while True:
            trace.times.append(t)
            trace.statuses.append(status)
            trace.owners.append(owner)
            if status not in TRUTH:
                break
            shares, mean, sd = TRUTH[status]
            delay = (_lognormal(rng, mean, sd) if status == "New"
                     else rng.gammavariate((mean / sd) ** 2, sd * sd / mean))
            target = "Contacted" if status == "New" and rng.random() < shares["Contacted"] \
                else "Won" if status == "Contacted" and rng.random() < shares["Won"] else "Lost"
            if t + delay >= end:
                break
            t, status = t + delay, target
        history.traces[trace.lead] = trace
    history.rows_read = history.rows_used = sum(len(tr.times) for tr in history.traces.values())
    return history


@pytest.fixture(scope="module")
def recovered(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("recovery")
    scheme = scheme_model(tmp)
    return calibrate(synthetic_history(), scheme, "handmade.leads"), scheme


def test_probabilities_are_recovered_within_three_binomial_standard_errors(recovered) -> None:  # type: ignore[no-untyped-def]
    """Each move's share is within 3·sqrt(p(1-p)/n) of the truth, n the visits."""
    calibration, _ = recovered
    fits = {f.status: f for f in calibration.statuses}
    for status, (shares, _, _) in TRUTH.items():
        fit = fits[status]
        n = fit.visits
        assert n > 1000
        for target, p in shares.items():
            got = fit.probabilities[target]
            assert abs(got - p) < 3 * math.sqrt(p * (1 - p) / n), (status, target, got)


def test_mean_delays_are_recovered_within_three_standard_errors(recovered) -> None:  # type: ignore[no-untyped-def]
    """The fitted mean delay is within 3·sd/sqrt(n) of the true mean, n the completed moves."""
    calibration, _ = recovered
    fits = {f.status: f for f in calibration.statuses}
    for status, (_, mean, sd) in TRUTH.items():
        selection = fits[status].selection
        assert selection is not None
        assert abs(selection.best.mean - mean) < 3 * sd / math.sqrt(selection.moves), status
    assert fits["New"].selection.best.kind == "lognormal"  # type: ignore[union-attr]
    assert fits["Contacted"].selection.best.kind == "gamma"  # type: ignore[union-attr]


def test_arrival_rate_is_recovered(recovered) -> None:  # type: ignore[no-untyped-def]
    """4,000 leads over 220 observed days: 18.2 a day (the window includes the 20-day tail,
    which no lead arrived in — the rate is per day of history, as documented)."""
    calibration, _ = recovered
    assert calibration.arrivals == 4000
    assert calibration.rate_per_day == pytest.approx(4000 / 220)


def test_the_written_scenario_resolves_and_simulates(recovered) -> None:  # type: ignore[no-untyped-def]
    """The calibrated text loads against the scheme and runs in the simulator."""
    from leadrules.simulate import simulate_runs

    calibration, scheme = recovered
    scenario = load_text(calibration.text, "<calibrated>", scheme=scheme)
    results = simulate_runs(scenario, runs=1)  # type: ignore[arg-type]
    assert results[0].figures


TRUTH_SCENARIO = """\
scenario "truth" {
  scheme "handmade.leads"
  horizon 200 days
  runs 1
  seed 5
  arrivals 20 per day
  in New {
    after lognormal(2 days, 1 day): reached 70%, Lost 30%
  }
  in Contacted {
    after gamma(3 days, 1.5 days): Won 40%, Lost 60%
  }
}
"""


def test_history_simulated_from_a_known_scenario_is_recovered(tmp_path: Path) -> None:
    """The simulator's own traces (keep_traces) from a known scenario, calibrated, give back
    its probabilities (3 binomial SEs) and mean delays (3 SEs) — the round trip a council
    relies on when it trusts a calibrated scenario."""
    from leadrules.loader import Loader
    from leadrules.simulate import simulate_runs

    scheme_model(tmp_path)
    (tmp_path / "truth.scenario").write_text(TRUTH_SCENARIO, encoding="utf-8")
    scenario = Loader().load(tmp_path / "truth.scenario")
    start = dt.datetime.fromtimestamp(START, dt.timezone.utc)
    run = simulate_runs(scenario, start=start, keep_traces=True)[0]  # type: ignore[arg-type]
    history = History("simulated", observed_from=START, observed_until=START + 200 * DAY)
    for lead, entries in run.traces:
        history.traces[lead] = Trace(lead, [t for t, _ in entries], [s for _, s in entries],
                                     [None] * len(entries))
    calibration = calibrate(history, scenario.scheme, "handmade.leads")  # type: ignore[arg-type]
    fits = {f.status: f for f in calibration.statuses}
    for status, (shares, mean, sd) in TRUTH.items():
        fit = fits[status]
        for target, p in shares.items():
            assert abs(fit.probabilities[target] - p) < 3 * math.sqrt(p * (1 - p) / fit.visits)
        assert fit.selection is not None
        assert abs(fit.selection.best.mean - mean) < 3 * sd / math.sqrt(fit.selection.moves)
    assert abs(calibration.rate_per_day - 20) < 3 * math.sqrt(20 / 200)
