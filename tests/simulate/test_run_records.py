"""The figures the engine keeps as a run goes (zero waits counted, outcomes as leads reach them)
are the ones the full lists of waits and leads give."""

from __future__ import annotations

import math
import statistics
from collections import Counter

import pytest

from leadrules.simulate.engine import Run
from leadrules.simulate.metrics import _percentile_after_zeros, run_metrics
from leadrules.simulate.run import build
from leadrules.simulate.stats import sorted_percentiles
from tests.simulate.helpers import load

# Leads come back from Lost to New, so a lead can reach two outcomes; a warm-up leaves early
# leads out of the funnel's figures; two reps keep a queue.
RECYCLING = """team T
status New {
  initial
}
status Won { outcome won }
status Lost {
  outcome lost
  after 2 days -> New
}
transition New -> Won on deal auto
transition New -> Lost manual
transition Lost -> New manual
"""
BODY = """horizon 60 days
  warmup 10 days
  arrivals 20 per day
  staff T 2
  runs 1
  seed 3
  in New {
    work ~30 minutes by T
    then deal 30%, Lost 70%
  }"""


@pytest.mark.parametrize("zeros", [0, 1, 5, 40])
@pytest.mark.parametrize("q", [0, 10, 50, 90, 99, 100])
def test_a_percentile_after_zeros_is_the_percentile_of_the_whole_list(zeros, q):
    xs = sorted([0.5, 1.0, 1.0, 2.5, 7.0, 30.0, 31.0][: 3 + zeros % 5])
    assert _percentile_after_zeros(zeros, xs, q) == sorted_percentiles([0.0] * zeros + xs,
                                                                       [q])[0]


def test_outcomes_kept_during_the_run_match_the_leads(tmp_path):
    model = build(load(tmp_path, RECYCLING, BODY))
    rec = Run(model, 3, 0).run()
    leads = rec.leads
    assert 0 < len(leads) < len(rec.all_leads)  # the warm-up's leads are not counted
    assert any(lead.path.count(model.names["Lost"]) and lead.outcome == model.names["Won"]
               for lead in leads)  # some leads were lost, came back and were won
    final = Counter(lead.outcome for lead in leads if lead.outcome is not None)
    assert rec.outcomes == [final[i] for i in range(len(model.statuses))]
    times = [lead.outcome_at - lead.arrived for lead in leads if lead.outcome_at is not None]
    assert sorted(rec.to_outcome) == sorted(times)
    figures = run_metrics(rec)
    assert figures["funnel.time_to_outcome_mean"] == statistics.fmean(times) / 3600
    assert figures["outcome.Won.share_pct"] == 100 * final[model.names["Won"]] / len(times)


def test_waits_of_zero_are_counted_not_listed(tmp_path):
    rec = Run(build(load(tmp_path, RECYCLING, BODY)), 3, 0).run()
    [served] = rec.served
    [waits] = rec.waits
    assert 0 < len(waits) < served  # some items waited for a rep, most started at once
    assert all(w > 0 for w in waits)
    figures = run_metrics(rec)
    assert math.isclose(figures["team.T.wait_mean"] * 3600 * served, sum(waits))
