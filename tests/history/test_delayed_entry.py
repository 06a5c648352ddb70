"""Calibration windows that open after the history starts, and moves the CRM made after the
scheme's own timer: what users rely on when they calibrate on part of a history.

- visits already running when the window opens are followed from then on (Kaplan–Meier
  with delayed entry), not dropped with their leads;
- a written move made after an unconditional timer would have fired is kept (as made just
  before the timer), not handed to the timer the CRM did not enforce;
- `history backtest --open-delays aged` places open leads with their age-conditioned delays
  and says so.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from leadrules.history.calibrate import calibrate
from leadrules.history.fit import km_curve
from leadrules.history.model import History, Trace
from leadrules.history.visits import window
from tests.history.test_calibrate_recovery import (
    DAY,
    START,
    TRUTH,
    scheme_model,
    synthetic_history,
)


def test_kaplan_meier_with_delayed_entry_by_hand() -> None:
    """Four visits, two watched from the start and two from ages 3 and 5: at t=2 two are at
    risk (one moves: F=1/2); at t=4 the one entering at 3 has joined (two at risk, one moves:
    F=3/4); the one entering at 5 is censored at 6; at t=8 the last one moves (F=1)."""
    curve = km_curve([2, 4, 6, 8], [True, True, False, True], [0, 0, 3, 5])
    assert curve == [(2, 0.5), (4, 0.75), (8, 1.0)]


def test_a_visit_never_watched_alive_tells_nothing() -> None:
    """A visit that ended at (or before) the age it came under observation is not in any
    risk set: the curve is the one without it."""
    with_it = km_curve([2, 4, 3], [True, True, True], [0, 0, 3])
    assert with_it == km_curve([2, 4], [True, True])


def test_without_entries_the_curve_is_the_ordinary_one() -> None:
    times, done = [5, 1, 3, 3, 9], [True, False, True, True, False]
    assert km_curve(times, done) == km_curve(times, done, [0.0] * 5)


def _timeline() -> History:
    """Three leads seen before the window opens at START + 10 days: one still in Contacted
    then (running), one already Lost (ended), one Won (locked) — and one first seen inside."""
    history = History("window.csv", observed_from=START, observed_until=START + 40 * DAY)
    rows = {
        "running": [(0, "New"), (2, "Contacted"), (14, "Won")],
        "ended": [(0, "New"), (3, "Lost")],
        "won": [(1, "New"), (2, "Contacted"), (4, "Won")],
        "inside": [(12, "New"), (13, "Contacted")],
    }
    for lead, steps in rows.items():
        tr = Trace(lead)
        for day, status in steps:
            tr.times.append(START + day * DAY)
            tr.statuses.append(status)
            tr.owners.append(None)
        history.traces[lead] = tr
    history.rows_read = history.rows_used = sum(len(v) for v in rows.values())
    return history


def test_window_keeps_visits_running_at_its_start(tmp_path: Path) -> None:
    """Leads first seen before the window are kept only while a visit of theirs runs into
    it (not in an outcome or locked status), from that visit on; arrivals are still only the
    leads first seen inside."""
    scheme = scheme_model(tmp_path)
    win = window(_timeline(), START + 10 * DAY, None, scheme)
    assert [tr.lead for tr in win.traces] == ["inside"]
    assert [(tr.lead, tr.statuses) for tr in win.running] == [("running", ["Contacted", "Won"])]
    assert win.running[0].times[0] == START + 2 * DAY  # the visit's real entry, before START+10
    assert win.dropped_outside == 2
    # without a scheme (which says what an ended status is) nothing runs into the window
    assert window(_timeline(), START + 10 * DAY).running == ()


def test_calibration_counts_a_running_visit_from_the_window_start(tmp_path: Path) -> None:
    """The running Contacted visit (entered day 2, window from day 10, Won at day 14) is one
    of the visits and moves at 12 days; the lead first seen inside adds a censored one."""
    scheme = scheme_model(tmp_path)
    calibration = calibrate(_timeline(), scheme, "x.leads", since=START + 10 * DAY)
    contacted = next(f for f in calibration.statuses if f.status == "Contacted")
    assert contacted.visits == 2 and contacted.censored == 1
    assert "New" in {f.status for f in calibration.statuses}
    assert calibration.arrivals == 1
    assert "1 leads first seen in it, 1 first seen before it and still open at its start" \
        in calibration.text


def test_delayed_entry_recovers_the_truth_from_a_late_window(tmp_path: Path) -> None:
    """History drawn from the known funnel over 200 days, calibrated from day 100 on: with
    the running visits followed from day 100, the Contacted → Won share and the mean delay
    are within 3 standard errors of the truth (fixed seed)."""
    scheme = scheme_model(tmp_path)
    history = synthetic_history(leads=4000, days=200, seed=11)
    calibration = calibrate(history, scheme, "x.leads", since=START + 100 * DAY)
    assert calibration.window.running  # there were visits running at day 100
    contacted = next(f for f in calibration.statuses if f.status == "Contacted")
    shares, mean, sd = TRUTH["Contacted"]
    won = contacted.probabilities["Won"]
    n = contacted.visits
    assert abs(won - shares["Won"]) < 3 * math.sqrt(shares["Won"] * (1 - shares["Won"]) / n)
    assert contacted.selection is not None
    got = contacted.selection.best.mean
    assert abs(got - mean) < 3 * sd / math.sqrt(contacted.selection.moves)


def test_moves_made_after_the_timer_are_kept_not_given_to_the_timer(tmp_path: Path) -> None:
    """Contacted has `after 30 days -> Lost`. Of 20 contacted leads, 10 won within 30 days
    and 10 won at 35 days (the CRM did not enforce the timer). All 20 wins are kept — the
    share of Won is 100% — and a comment counts the 10 late ones; before, they were censored
    at the timer and the simulation lost them all."""
    scheme = scheme_model(tmp_path)
    history = History("late.csv", observed_from=START, observed_until=START + 80 * DAY)
    for i in range(20):
        tr = Trace(f"L{i}")
        won = 10 + i if i < 10 else 35
        for day, status in ((0, "New"), (1, "Contacted"), (1 + won, "Won")):
            tr.times.append(START + (day + i / 10) * DAY)
            tr.statuses.append(status)
            tr.owners.append(None)
        history.traces[tr.lead] = tr
    history.rows_read = history.rows_used = 60
    calibration = calibrate(history, scheme, "x.leads")
    contacted = next(f for f in calibration.statuses if f.status == "Contacted")
    assert contacted.late == 10
    assert contacted.probabilities == pytest.approx({"Won": 1.0})
    assert ("10 written moves (Won 10) came after the scheme's own timer would have moved "
            "the lead (the CRM did not enforce it): kept, as made just before the timer"
            in calibration.text)
    assert "Won 100%" in calibration.text


def _csv(tmp_path: Path) -> Path:
    history = synthetic_history(leads=600, days=60, tail=0)
    path = tmp_path / "h.csv"
    lines = ["lead_id,at,to_status"]
    for tr in history.traces.values():
        for t, s in zip(tr.times, tr.statuses, strict=True):
            stamp = dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            lines.append(f"{tr.lead},{stamp},{s}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_backtest_open_delays_option(tmp_path: Path) -> None:
    """`--open-delays aged` is carried into the report (JSON field, a phrase in the text);
    the default is fresh; another word is a usage error (exit 2)."""
    from leadrules.cli.main import cli

    scheme_model(tmp_path)
    base = ["history", "backtest", str(tmp_path / "handmade.leads"), str(_csv(tmp_path)),
            "--train-until", "2026-02-16", "--weeks", "2", "--runs", "2"]
    aged = CliRunner().invoke(cli, [*base, "--open-delays", "aged", "-f", "json"])
    assert aged.exit_code == 0, aged.output
    assert json.loads(aged.output)["open_delays"] == "aged"
    text = CliRunner().invoke(cli, [*base, "--open-delays", "aged"])
    assert "their delays conditioned on how long they had waited" in text.output
    fresh = CliRunner().invoke(cli, [*base, "-f", "json"])
    assert json.loads(fresh.output)["open_delays"] == "fresh"
    bad = CliRunner().invoke(cli, [*base, "--open-delays", "old"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_a_move_made_exactly_when_the_window_opens_is_before_it(tmp_path: Path) -> None:
    """A lead in Contacted since day 2 that wins exactly at the window's start (CRM exports
    with dates only put every change at midnight): the win happened at the start, so the
    lead is in Won there — not a running visit — and per-move calibration does not trip over
    a move no visit was watched making (it used to fail with an internal error)."""
    scheme = scheme_model(tmp_path)
    history = _timeline()
    tie = Trace("tie")
    for day, status in ((0, "New"), (2, "Contacted"), (10, "Won")):
        tie.times.append(START + day * DAY)
        tie.statuses.append(status)
        tie.owners.append(None)
    history.traces["tie"] = tie
    win = window(history, START + 10 * DAY, None, scheme)
    assert "tie" not in {tr.lead for tr in win.running}
    calibration = calibrate(history, scheme, "x.leads", since=START + 10 * DAY, per_move=True)
    assert calibration.text
