"""`history stats` figures against values computed by hand on tests/history/data/stats.csv.

    L1  New 03-02 09:00Z → Working 13:00 → Won 03-04 09:00    (owner ann, then bob on Won)
    L2  New 03-02 10:00Z → Working 03-03 10:00 → Lost 03-05 10:00   (ann, then bob)
    L3  New 03-03 09:00Z → Lost 11:00                                (bob)
    L4  New 03-04 09:00Z → Working 12:00, still open                 (no owner, then ann)

The calendar is Europe/Berlin 09:00–17:00 on weekdays, i.e. 08:00–16:00 UTC in March.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from leadrules import Loader
from leadrules.history import read_history
from leadrules.history.clock import OpenClock
from leadrules.history.conformance import scheme_calendar
from leadrules.history.stats import (
    HistoryStats,
    PathIndex,
    compute_stats,
    lead_converted,
    recycle_statuses,
    wilson,
)

DATA = Path(__file__).parent / "data"
H = 3600.0


@pytest.fixture(scope="module")
def scheme():
    return Loader().scheme(DATA / "mini.leads")


@pytest.fixture(scope="module")
def stats(scheme) -> HistoryStats:
    return compute_stats(scheme, read_history(DATA / "stats.csv", scheme), by="owner")


def test_conversion_as_expect_defines_it(stats):
    """New -> Won: 4 leads entered New (L4 has left it), 1 reached Won. Working -> Won:
    L4 is still in Working on its first visit, so only L1 and L2 count."""
    conv = {(a, b): (r.k, r.n) for a, b, r in stats.conversions}
    assert conv[("New", "Won")] == (1, 4)
    assert conv[("Working", "Won")] == (1, 2)


def test_time_in_status_calendar_and_business(stats):
    """New: 4 h, 24 h, 2 h, 3 h (mean 8.25 h). In open hours: 4, 8 (11:00–17:00 and
    09:00–11:00 Berlin), 2, 3 → mean 4.25 h. Working: 44 h and 48 h; open 12 h and 16 h."""
    st = {s.name: s for s in stats.statuses}
    new = st["New"].time
    assert new is not None and new.n == 4
    assert new.mean == pytest.approx(8.25) and new.median == pytest.approx(3.5)
    assert new.business is not None and new.business[0] == pytest.approx(4.25)
    working = st["Working"].time
    assert working is not None and working.mean == pytest.approx(46.0)
    assert working.business is not None and working.business[0] == pytest.approx(14.0)
    assert (st["Working"].visits, st["Working"].open_now) == (3, 1)


def test_outcomes_and_time_to_outcome(stats):
    """3 leads finished: Won 1, Lost 2; times to outcome 48 h, 72 h and 2 h."""
    assert {n: (r.k, r.n) for n, r in stats.outcomes} == {"Won": (1, 3), "Lost": (2, 3)}
    assert (stats.leads, stats.finished, stats.open_leads) == (4, 3, 1)
    assert stats.time_to_outcome is not None
    assert stats.time_to_outcome.mean == pytest.approx((48 + 72 + 2) / 3)


def test_every_expect_line_passes_or_fails_with_its_value(stats):
    got = [(e.text, e.passed, None if e.value is None else round(e.value, 2), e.n)
           for e in stats.expects]
    assert got == [
        ("conversion New -> Won 40%..60%", False, 25.0, 4),
        ("conversion Working -> Won >= 20%", True, 50.0, 2),
        ("time_in New < 1 day", True, 8.25, 4),
        ("time_in Working 1..3 days", True, 46.0, 2),
        ("share Won >= 50%", False, 33.33, 3),
    ]


def test_weekly_wip(scheme, tmp_path):
    """Snapshots at each Monday 00:00 UTC: A is in New from 03-02 09:00 to 03-10, then in
    Working to the end; B is in New from 03-09 12:00 until Lost on 03-17."""
    path = tmp_path / "wip.csv"
    path.write_text("lead_id,at,to_status\nA,2026-03-02T09:00:00Z,New\n"
                    "B,2026-03-09T12:00:00Z,New\nA,2026-03-10T09:00:00Z,Working\n"
                    "B,2026-03-17T09:00:00Z,Lost\nA,2026-03-20T09:00:00Z,Working\n",
                    encoding="utf-8")
    s = compute_stats(scheme, read_history(path, scheme))
    assert len(s.weeks) == 3 and s.weeks[1] - s.weeks[0] == 7 * 86400
    wip = dict(s.wip)
    assert wip["New"] == (0, 1, 1) and wip["Working"] == (0, 0, 1)
    assert s.arrivals == (1, 1, 0)


def test_groups_by_owner_with_wilson_intervals(stats):
    """The owner in force when a lead entered the measured status: Working -> Won is ann's
    (L1, won) and bob's (L2, lost)."""
    groups = {g.key: g for g in stats.groups}
    assert set(groups) == {"ann", "bob", "(none)"}
    label = stats.group_conversions.index("Working -> Won")
    assert (groups["ann"].conversions[label].k, groups["ann"].conversions[label].n) == (1, 1)
    assert (groups["bob"].conversions[label].k, groups["bob"].conversions[label].n) == (0, 1)
    assert (groups["ann"].first_move.k, groups["ann"].first_move.n) == (2, 2)
    assert (groups["bob"].first_move.k, groups["bob"].first_move.n) == (0, 1)  # L3 → Lost
    low, high = groups["ann"].conversions[label].interval
    assert (round(low, 1), high) == (20.7, 100.0)


def test_wilson_interval():
    """Known values: 0 of 10 → [0, 27.8]; 5 of 10 → [23.7, 76.3]; none → the whole range."""
    low, high = wilson(0, 10)
    assert (low, round(high, 1)) == (0.0, 27.8)
    assert tuple(round(x, 1) for x in wilson(5, 10)) == (23.7, 76.3)
    assert wilson(0, 0) == (0.0, 100.0)


def test_recycle_statuses_come_from_the_graph(scheme):
    """Lost → Recycled (a timer) is the way back into the funnel."""
    assert recycle_statuses(scheme) == ["Recycled"]


def test_since_until_select_leads_by_arrival(scheme):
    h = read_history(DATA / "stats.csv", scheme)
    s = compute_stats(scheme, h, since=1772496000.0)  # 2026-03-03 00:00 UTC
    assert s.leads == 2  # L3 and L4


def test_path_index_matches_the_simulator_definition():
    """The fast index gives exactly what the simulator's own conversion gives, on random
    paths (repeats, open first visits, targets before the source)."""
    from types import SimpleNamespace

    from leadrules.simulate.metrics import conversion

    rnd = random.Random(5)
    names = ["A", "B", "C", "D"]
    paths = [[rnd.choice(names) for _ in range(rnd.randint(1, 6))] for _ in range(500)]
    index = PathIndex(paths)
    rec: Any = SimpleNamespace(leads=[SimpleNamespace(path=[names.index(s) for s in p])
                                      for p in paths])
    for a in names:
        for b in names:
            k, n = index.counts(a, b)
            assert (100.0 * k / n if n else None) == conversion(rec, names.index(a),
                                                                names.index(b))
            one_by_one = [lead_converted(p, a, b) for p in paths]
            assert (k, n) == (one_by_one.count(True), len(paths) - one_by_one.count(None))


def test_open_clock_equals_the_calendar(scheme):
    """Business time by prefix sums equals BusinessCalendar.between_seconds."""
    cal = scheme_calendar(scheme)
    start = 1772442000.0
    clock = OpenClock(cal, start, start + 60 * 86400)
    rnd = random.Random(3)
    for _ in range(300):
        a = start + rnd.random() * 50 * 86400
        b = a + rnd.random() * 9 * 86400
        assert clock.between(a, b) == pytest.approx(cal.between_seconds(a, b), abs=1e-6)
    assert clock.between(start + 10 * 86400, start) == 0.0
    far = start + 400 * 86400
    assert clock.between(far, far + 86400) == cal.between_seconds(far, far + 86400)


SAME_SCHEME = '''scheme "Same measures" { version "1" }
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
}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
status Recycled {
}
transition New -> Contacted on reached auto
transition New, Contacted, Recycled -> Lost manual
transition Contacted, Recycled -> Won manual
transition Lost -> Recycled manual
expect {
  conversion New -> Won >= 10%
  conversion Contacted -> Won 30%..50%
  conversion Recycled -> Won >= 10%
  time_in Contacted 2..4 days
  time_in Lost < 20 days
  share Won >= 30%
  share Lost <= 60%
}
'''

SAME_SCENARIO = '''scenario "same" {
  scheme "same.leads"
  horizon 120 days
  runs 1
  seed 5
  arrivals 10 per day
  in New {
    after lognormal(2 days, 1 day): reached 70%, Lost 30%
  }
  in Contacted {
    after gamma(3 days, 1.5 days): Won 40%, Lost 60%
  }
  in Lost {
    after exponential(10 days): Recycled 30%
  }
  in Recycled {
    after gamma(5 days, 2 days): Won 20%, Lost 80%
  }
}
'''


def test_history_and_simulator_measure_the_same_thing(tmp_path):
    """The simulator's own traces, read as history, give every `expect` line exactly the value
    the simulator gave it: conversion (open first visits left out), time_in (finished visits,
    a visit to an outcome that a lead left included), share (each lead's last outcome, leads
    that recycled out of Lost and won counted as won). A calibrated scenario is judged against
    history by these numbers, so they must not drift apart."""
    import datetime as dt

    from leadrules.history.model import History, Trace
    from leadrules.simulate import simulate_runs

    (tmp_path / "same.leads").write_text(SAME_SCHEME, encoding="utf-8")
    (tmp_path / "same.scenario").write_text(SAME_SCENARIO, encoding="utf-8")
    scenario = Loader().load(tmp_path / "same.scenario")
    start = dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc)
    run = simulate_runs(scenario, start=start, keep_traces=True)[0]  # type: ignore[arg-type]
    history = History("simulated", observed_until=start.timestamp() + 120 * 86400)
    for lead, entries in run.traces:
        history.traces[lead] = Trace(lead, [t for t, _ in entries], [s for _, s in entries],
                                     [None] * len(entries))
    recycled_and_won = sum(1 for t in history.traces.values()
                           if t.statuses[-1] == "Won" and "Lost" in t.statuses)
    assert recycled_and_won > 10  # the case that tells "last outcome" from "first outcome"
    measured = compute_stats(scenario.scheme, history).expects  # type: ignore[union-attr]
    assert len(measured) == len(run.expects) == 7
    for e, simulated in zip(measured, run.expects, strict=True):
        assert e.value is not None and simulated is not None
        assert e.value == pytest.approx(simulated, rel=1e-12), e.text


def test_empty_windows_and_groups_say_why(scheme):
    """A --since past every arrival, or --by source on a history without sources, gives a note
    saying why, not a report of bare n/a and one '(none)' row."""
    h = read_history(DATA / "stats.csv", scheme)
    late = compute_stats(scheme, h, since=1893456000.0)  # 2030-01-01
    assert late.leads == 0 and all(e.passed is None for e in late.expects)
    assert late.notes[0] == ("no lead arrived in the window asked for; the history's leads "
                             "arrived from 2026-03-02 to 2026-03-04 (UTC)")
    for lead in h.traces.values():
        lead.source = None
    assert compute_stats(scheme, h, by="source").notes[0].startswith(
        "--by source: no lead has a source")
    assert not any(n.startswith("--by") for n in compute_stats(scheme, h, by="owner").notes)


def test_cli_since_is_midnight_in_the_history_zone():
    """`--since 2026-03-03` is midnight in the zone the history is read in: with
    `--timezone Pacific/Kiritimati` (UTC+14) that is 03-02 10:00 UTC, so L2 (10:00Z) arrived
    in the window and L1 (09:00Z) did not — 3 leads, where midnight UTC would keep 2."""
    import json

    from click.testing import CliRunner

    from leadrules.cli.main import cli

    args = ["history", "stats", str(DATA / "mini.leads"), str(DATA / "stats.csv"),
            "--since", "2026-03-03", "-f", "json"]
    far_east = CliRunner().invoke(cli, [*args, "--timezone", "Pacific/Kiritimati"])
    utc = CliRunner().invoke(cli, [*args, "--timezone", "UTC"])
    assert json.loads(far_east.output)["leads"] == 3, far_east.output
    assert json.loads(utc.output)["leads"] == 2, utc.output
