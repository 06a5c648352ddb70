"""`arrivals by weekday` and `arrivals by hour`: the simulated arrivals follow the pattern
(counts per weekday and hour against their Poisson expectations), the average rate over a
week is the `arrivals` line's, local time and clock changes are honoured, and a run is the
same bytes on both engines (tests/simulate runs again with LEADRULES_ENGINE=python).

Tolerances: each count is Poisson, so it is checked within 4 standard deviations (√expected)
of its expectation; with 7 + 24 such checks the chance of a false alarm is below 0.2%.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from leadrules.simulate.run import build
from tests.simulate.helpers import load, run

SCHEME = """\
scheme "Arrivals" { version "1" }
calendar business {
  timezone "Europe/Berlin"
  open mon-fri 09:00-17:00
}
status New { initial }
status Won { outcome won }
transition New -> Won manual
"""

WEEK = {"mon": 22.5, "tue": 22.5, "wed": 20, "thu": 20, "fri": 10, "sat": 3, "sun": 2}
HOURS = {8: 10, 9: 20, 10: 20, 13: 20, 14: 20, 21: 10}


def _pattern() -> str:
    return ("  arrivals by weekday: " + ", ".join(f"{d} {p}%" for d, p in WEEK.items())
            + "\n  arrivals by hour: " + ", ".join(f"{h} {p}%" for h, p in HOURS.items()))


def _arrivals(tmp_path, body: str) -> list[dt.datetime]:
    [result] = run(tmp_path, SCHEME, body, runs=1, seed=5, keep_traces=True)
    zone = ZoneInfo("Europe/Berlin")
    return [dt.datetime.fromtimestamp(steps[0][0], zone) for _, steps in result.traces]


def test_arrivals_follow_the_weekday_and_hour_pattern(tmp_path):
    """Eight whole weeks at 300 a day on average (16,800 expected): every weekday's and every
    hour's count within 4 SD of 16,800 × its share; hours not listed get none."""
    body = f"  horizon 56 days\n  arrivals 300 per day\n{_pattern()}"
    times = _arrivals(tmp_path, body)
    expected = 300 * 56
    assert abs(len(times) - expected) < 4 * math.sqrt(expected)
    days = Counter(t.strftime("%a").lower() for t in times)
    for day, share in WEEK.items():
        mean = expected * share / 100
        assert abs(days[day] - mean) < 4 * math.sqrt(mean), (day, days[day], mean)
    hours = Counter(t.hour for t in times)
    assert set(hours) <= set(HOURS)
    for hour, share in HOURS.items():
        mean = expected * share / 100
        assert abs(hours[hour] - mean) < 4 * math.sqrt(mean), (hour, hours[hour], mean)


def test_within_an_hour_arrivals_are_even(tmp_path):
    """A Poisson process at a constant rate inside each hour: the minutes past the hour are
    uniform (each quarter of the hour within 4 SD of a quarter of the arrivals)."""
    times = _arrivals(tmp_path, "  horizon 28 days\n  arrivals 200 per day\n"
                                "  arrivals by hour: 10 50%, 15 50%")
    quarters = Counter(t.minute // 15 for t in times)
    mean = len(times) / 4
    for q in range(4):
        assert abs(quarters[q] - mean) < 4 * math.sqrt(mean)


def test_only_one_pattern_leaves_the_other_even(tmp_path):
    """By weekday only: every hour of the day gets its 1/24."""
    times = _arrivals(tmp_path, "  horizon 28 days\n  arrivals 240 per day\n"
                                "  arrivals by weekday: mon 50%, thu 50%")
    assert {t.strftime("%a") for t in times} == {"Mon", "Thu"}
    hours = Counter(t.hour for t in times)
    mean = len(times) / 24
    for h in range(24):
        assert abs(hours[h] - mean) < 4 * math.sqrt(mean)


def test_hours_are_local_across_a_clock_change(tmp_path):
    """Berlin's clocks go forward on 2027-03-28: arrivals at 09:00 local are 08:00 UTC before
    and 07:00 UTC after, and never outside the 9 o'clock hour in local time."""
    scenario = load(tmp_path, SCHEME, "  horizon 28 days\n  arrivals 100 per day\n"
                                      "  arrivals by hour: 9 100%")
    start = dt.datetime(2027, 3, 15, tzinfo=ZoneInfo("Europe/Berlin"))
    from leadrules.simulate import simulate_runs

    [result] = simulate_runs(scenario, runs=1, start=start, keep_traces=True)
    utc = Counter(dt.datetime.fromtimestamp(s[0][0], dt.timezone.utc).hour
                  for _, s in result.traces)
    assert set(utc) == {7, 8} and utc[7] > 0 and utc[8] > 0
    local = {dt.datetime.fromtimestamp(s[0][0], ZoneInfo("Europe/Berlin")).hour
             for _, s in result.traces}
    assert local == {9}


def test_the_bins_average_to_the_written_rate(tmp_path):
    """Over a whole week the hourly rates integrate to exactly 7 × the daily rate."""
    model = build(load(tmp_path, SCHEME, f"  horizon 14 days\n  arrivals 300 per day\n"
                                         f"{_pattern()}"))
    week = sum(model.arrival_rates[:168]) * 3600
    assert week == pytest.approx(2100, rel=1e-9)
    assert all(b - a == 3600 for a, b in zip(model.arrival_starts, model.arrival_starts[1:],
                                              strict=False))


def test_no_pattern_no_bins(tmp_path):
    """Without a pattern the run is the plain Poisson process it always was."""
    model = build(load(tmp_path, SCHEME, "  horizon 7 days\n  arrivals 10 per day"))
    assert model.arrival_starts == [] and model.arrival_rates == []


def test_half_hour_clock_changes_keep_hours_local(tmp_path):
    """Lord Howe Island turns its clocks back half an hour on 2027-04-04: every arrival of
    `arrivals by hour: 9 100%` still comes between 09:00 and 09:59 local time."""
    scheme = SCHEME.replace("Europe/Berlin", "Australia/Lord_Howe")
    scenario = load(tmp_path, scheme, "  horizon 28 days\n  arrivals 100 per day\n"
                                      "  arrivals by hour: 9 100%")
    zone = ZoneInfo("Australia/Lord_Howe")
    from leadrules.simulate import simulate_runs

    [result] = simulate_runs(scenario, runs=1, start=dt.datetime(2027, 3, 25, tzinfo=zone),
                             keep_traces=True)
    hours = Counter(dt.datetime.fromtimestamp(s[0][0], zone).hour for _, s in result.traces)
    assert set(hours) == {9} and hours[9] > 2000


@pytest.mark.parametrize(("shares", "ok"), [
    ("2.97, 2.19, 2.08, 1.73, 3.19, 3, 3.76, 3.59, 3.84, 0.35, 2.53, 3.82, 1.27, 66.18", True),
    ("2.97, 2.19, 2.08, 1.73, 3.19, 3, 3.76, 3.59, 3.84, 0.35, 2.53, 3.82, 1.27, 66.19", False),
])
def test_shares_within_half_a_point_are_counted_exactly(tmp_path, shares, ok):
    """The shares' sum is taken in decimals, as written: 100.50% is within half a point
    (floats would make it 100.50000000000001 and refuse it), 100.51% is not."""
    from leadrules import LeadrulesError

    hours = ", ".join(f"{h} {p}%" for h, p in enumerate(shares.split(", ")))
    body = f"  horizon 7 days\n  arrivals 10 per day\n  arrivals by hour: {hours}"
    if ok:
        load(tmp_path, SCHEME, body)
    else:
        with pytest.raises(LeadrulesError, match=r"add up to 100\.51%"):
            load(tmp_path, SCHEME, body)
