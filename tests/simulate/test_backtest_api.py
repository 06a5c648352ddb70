"""The backtest API: start the clock at a given instant, with the leads open then, and keep
each lead's path."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from leadrules.errors import LeadrulesError
from leadrules.simulate import OpenLead, simulate_runs
from tests.simulate.helpers import NY_CALENDAR, load

DAY = 86400.0
START = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
STALE = """team T
status New { initial }
status Waiting {
  after 10 days -> Stale
}
status Stale { outcome lost }
status Won { outcome won }
transition New -> Waiting manual
transition Waiting -> Won manual
"""
STALE_BODY = ("horizon 20 days\n  arrivals 2 per day\n  runs 1\n  seed 4\n  staff T 1\n"
              "  in New {\n    work 10 minutes by T\n    then Waiting 100%\n  }")


def test_an_overdue_open_lead_moves_at_the_start_and_a_fresh_one_on_time(tmp_path):
    """Entered Waiting 12 days before the start, a lead goes Stale at the start; entered 3 days
    before, it goes Stale 7 days after the start."""
    scenario = load(tmp_path, STALE, STALE_BODY)
    t0 = START.timestamp()
    leads = [OpenLead("Waiting", t0 - 12 * DAY, lead="crm-1"),
             OpenLead("Waiting", t0 - 3 * DAY, lead="crm-2")]
    [result] = simulate_runs(scenario, start=START, open_leads=leads, keep_traces=True)
    traces = dict(result.traces)
    assert [name for name, _ in result.traces[:2]] == ["crm-1", "crm-2"]
    assert traces["crm-1"] == [(t0 - 12 * DAY, "Waiting"), (t0, "Stale")]
    assert traces["crm-2"] == [(t0 - 3 * DAY, "Waiting"), (t0 + 7 * DAY, "Stale")]
    # open leads are not arrivals; new leads are named in arrival order
    sims = [name for name, _ in result.traces[2:]]
    assert sims == [f"sim-{i}" for i in range(1, len(sims) + 1)]
    assert result.figures["leads.arrived"] == len(sims) > 20
    for _, steps in result.traces[2:]:
        assert steps[0][1] == "New" and t0 <= steps[0][0] <= t0 + 20 * DAY
        assert [t for t, _ in steps] == sorted(t for t, _ in steps)


def test_traces_are_the_same_for_a_seed_and_kept_only_when_asked(tmp_path):
    """Two runs with one seed give identical traces; another seed other ones; without
    keep_traces there are none and the figures are unchanged."""
    scenario = load(tmp_path, STALE, STALE_BODY)
    leads = [OpenLead("New", START.timestamp() - DAY, lead="x")]
    a = simulate_runs(scenario, start=START, open_leads=leads, keep_traces=True, runs=2)
    b = simulate_runs(scenario, start=START, open_leads=leads, keep_traces=True, runs=2)
    c = simulate_runs(scenario, start=START, open_leads=leads, keep_traces=True, runs=2, seed=9)
    plain = simulate_runs(scenario, start=START, open_leads=leads, runs=2)
    assert [r.traces for r in a] == [r.traces for r in b]
    assert a[0].traces != c[0].traces
    assert all(r.traces == [] for r in plain)
    assert [r.figures for r in plain] == [r.figures for r in a]


def test_a_saturday_start_on_a_business_calendar_waits_for_monday(tmp_path):
    """Starting Saturday 10:00 in New York, an hour of work on a lead arriving at the start
    ends Monday 10:00, and an open lead's overdue business-hour timer fires at the start."""
    scheme = NY_CALENDAR + """team T
status New {
  initial
}
status Idle {
  after 4 business hours -> Done
}
status Done { outcome won }
transition New -> Done on done auto
"""
    body = ("horizon 5 days\n  arrivals 1 per day\n  runs 1\n  staff T 1\n"
            "  in New {\n    work 1 hour by T\n    then done\n  }")
    scenario = load(tmp_path, scheme, body)
    ny = ZoneInfo("America/New_York")
    saturday = dt.datetime(2027, 3, 6, 10, 0, tzinfo=ny)
    monday = dt.datetime(2027, 3, 8, 10, 0, tzinfo=ny).timestamp()
    thursday = dt.datetime(2027, 3, 4, 9, 0, tzinfo=ny).timestamp()
    [result] = simulate_runs(scenario, start=saturday, arrivals=[saturday.timestamp()],
                             open_leads=[OpenLead("Idle", thursday, lead="old")],
                             keep_traces=True)
    traces = dict(result.traces)
    assert traces["sim-1"] == [(saturday.timestamp(), "New"), (monday, "Done")]
    assert traces["old"] == [(thursday, "Idle"), (saturday.timestamp(), "Done")]


def test_attempts_of_an_open_lead_count_towards_the_limit(tmp_path):
    """An open lead with 5 attempts made reaches `when attempts >= 6` after one more."""
    scheme = """team T
field attempts count
status Trying {
  initial
  when attempts >= 6 -> Lost
}
status Lost { outcome lost }
"""
    body = ("horizon 10 days\n  arrivals 1 per day\n  runs 1\n  staff T unlimited\n"
            "  in Trying {\n    every 1 day work 30 minutes by T counting attempts\n  }")
    scenario = load(tmp_path, scheme, body)
    t0 = START.timestamp()
    [result] = simulate_runs(scenario, start=START, arrivals=[],
                             open_leads=[OpenLead("Trying", t0 - DAY, attempts=5, lead="a"),
                                         OpenLead("Trying", t0 - DAY, attempts=0, lead="b")],
                             keep_traces=True)
    traces = dict(result.traces)
    assert traces["a"] == [(t0 - DAY, "Trying"), (t0 + 1800, "Lost")]
    assert traces["b"][-1] == (t0 + 5 * DAY + 6 * 1800, "Lost")


@pytest.mark.parametrize("lead, words", [
    (OpenLead("Wating", 0.0), ["unknown status 'Wating'", "did you mean 'Waiting'?"]),
    (OpenLead("Waiting", START.timestamp() + 1), ["after the start"]),
])
def test_bad_open_leads_are_clear_errors(tmp_path, lead, words):
    """A misspelt status gets a did-you-mean; an entry after the start is refused."""
    scenario = load(tmp_path, STALE, STALE_BODY)
    with pytest.raises(LeadrulesError) as info:
        simulate_runs(scenario, start=START, open_leads=[lead])
    text = str(info.value) + " " + (info.value.first.help or "")
    assert all(w in text for w in words), text


def test_a_naive_start_is_refused(tmp_path):
    """The start must say its time zone."""
    scenario = load(tmp_path, STALE, STALE_BODY)
    with pytest.raises(LeadrulesError) as info:
        simulate_runs(scenario, start=dt.datetime(2027, 3, 1))
    assert "time zone" in info.value.first.message
