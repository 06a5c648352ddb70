"""`history calibrate`: the written scenario (golden file on a small handmade history), what
it says about moves it cannot write, determinism, and the command's exit codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from leadrules.history.calibrate import CalibrationError, calibrate, scheme_reference
from leadrules.history.model import History, Trace
from leadrules.loader import Loader, load_text
from leadrules.model.scenario import Scenario
from tests.conftest import ROOT
from tests.history.test_calibrate_recovery import (
    DAY,
    SCHEME,
    START,
    scheme_model,
    synthetic_history,
)

GOLDEN = ROOT / "tests" / "golden" / "calibrate" / "handmade.scenario"


def handmade() -> History:
    """40 synthetic leads plus a move the scheme forbids (New → Won) and a move its own
    30-day timer makes (Contacted → Lost after exactly 30 days)."""
    history = synthetic_history(leads=40, days=20, seed=3, tail=40, owners=2)
    odd = history.traces["L00000"]
    odd.times[:], odd.statuses[:], odd.owners[:] = [START], ["New"], ["rep0"]
    odd.times.append(START + 3600)
    odd.statuses.append("Won")
    odd.owners.append("rep0")
    timed = history.traces["L00001"]
    timed.times[:] = [timed.times[0], timed.times[0] + DAY, timed.times[0] + 31 * DAY]
    timed.statuses[:] = ["New", "Contacted", "Lost"]
    timed.owners[:] = ["rep1"] * 3
    history.path = "handmade.csv"
    return history


def test_golden_scenario(tmp_path: Path) -> None:
    """The scenario for the handmade history, byte for byte (LEADRULES_UPDATE_GOLDEN=1)."""
    text = calibrate(handmade(), scheme_model(tmp_path), "handmade.leads").text
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), f"no golden file; run with LEADRULES_UPDATE_GOLDEN=1: {GOLDEN}"
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_moves_it_cannot_write_are_comments_not_silence(tmp_path: Path) -> None:
    """A forbidden move is named and censored where it happened; a timer's move is the
    scheme's own and left in the remainder; every written line's shares add up to 100% with
    the remainder."""
    calibration = calibrate(handmade(), scheme_model(tmp_path), "handmade.leads")
    text = calibration.text
    assert "→ Won (1) is a move the scheme does not allow: not written; censored there" in text
    assert "→ Lost (1) is the scheme's own rule (after 30 days)" in text
    for fit in calibration.statuses:
        written = [float(m.percent) for m in fit.moves if m.kind == "write"]
        if written:
            assert sum(written) + float(fit.stay_percent or 0) == pytest.approx(100)


def test_written_scenario_loads_and_simulates_from_its_own_folder(tmp_path: Path) -> None:
    """Written next to a scheme in another folder, `scheme "…"` is relative to the scenario,
    and `leadrules simulate` runs it."""
    from leadrules.cli.main import cli

    scheme = tmp_path / "schemes" / "handmade.leads"
    scheme.parent.mkdir()
    scheme.write_text(SCHEME, encoding="utf-8")
    out = tmp_path / "fitted" / "fitted.scenario"
    out.parent.mkdir()
    ref = scheme_reference(scheme, out)
    assert ref == "../schemes/handmade.leads"
    text = calibrate(handmade(), Loader().scheme(scheme), ref).text
    out.write_text(text, encoding="utf-8")
    assert isinstance(Loader().load(out), Scenario)
    result = CliRunner().invoke(cli, ["simulate", str(out), "--runs", "2"])
    assert result.exit_code == 0, result.output


def test_same_history_same_bytes(tmp_path: Path) -> None:
    """Deterministic: two calibrations of the same history are identical."""
    scheme = scheme_model(tmp_path)
    assert calibrate(handmade(), scheme, "x.leads").text == \
        calibrate(handmade(), scheme, "x.leads").text


def test_window_options_cut_the_history(tmp_path: Path) -> None:
    """--until censors leads open then; an empty window is a CalibrationError."""
    scheme = scheme_model(tmp_path)
    cut = calibrate(handmade(), scheme, "x.leads", until=START + 5 * DAY)
    assert cut.window.end == START + 5 * DAY
    assert all(t < START + 5 * DAY for tr in cut.window.traces for t in tr.times)
    scenario = load_text(cut.text, "<cut>", scheme=scheme)
    assert isinstance(scenario, Scenario)
    with pytest.raises(CalibrationError, match="no time"):
        calibrate(handmade(), scheme, "x.leads", since=START + 500 * DAY)


def test_arrival_weeks_measure_the_recent_rate(tmp_path: Path) -> None:
    """A funnel that tripled: 1 lead a day for 8 weeks, then 3 a day for 2 weeks. With
    arrival_weeks=2 the rate is the last 2 weeks' (3 a day) and a comment says so; without,
    the whole window's (1.4 a day); a window shorter than the weeks asked uses all of it."""
    history = History("growth.csv", observed_from=START, observed_until=START + 70 * DAY)
    times = [START + (d + 0.5) * DAY for d in range(56)]
    times += [START + (56 + k / 3 + 0.1) * DAY for k in range(42)]
    for i, t in enumerate(times):
        history.traces[f"G{i:03d}"] = Trace(f"G{i:03d}", times=[t], statuses=["New"],
                                           owners=["rep0"])
    history.rows_read = history.rows_used = len(times)
    scheme = scheme_model(tmp_path)
    recent = calibrate(history, scheme, "x.leads", arrival_weeks=2)
    assert recent.rate_per_day == pytest.approx(3.0)
    assert recent.arrivals == 98
    assert "The rate is that of the last 2 weeks of the window" in recent.text
    whole = calibrate(history, scheme, "x.leads")
    assert whole.rate_per_day == pytest.approx(98 / 70)
    assert "The rate is that of the last" not in whole.text
    assert calibrate(history, scheme, "x.leads", arrival_weeks=20).rate_per_day == \
        pytest.approx(98 / 70)
    with pytest.raises(CalibrationError, match="at least one week"):
        calibrate(history, scheme, "x.leads", arrival_weeks=0)


def _csv(tmp_path: Path) -> Path:
    rows = ["lead_id,at,to_status,owner"]
    for tr in handmade().traces.values():
        for t, s, o in zip(tr.times, tr.statuses, tr.owners, strict=True):
            stamp = __import__("datetime").datetime.fromtimestamp(
                t, __import__("datetime").timezone.utc).isoformat()
            rows.append(f"{tr.lead},{stamp},{s},{o}")
    path = tmp_path / "handmade.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_cli_writes_a_scenario_that_checks(tmp_path: Path) -> None:
    """`leadrules history calibrate SCHEME HISTORY -o F` exits 0 and F passes `check`."""
    from leadrules.cli.history_fit_cmd import calibrate as command
    from leadrules.cli.main import cli

    scheme_model(tmp_path)
    out = tmp_path / "fitted.scenario"
    result = CliRunner().invoke(command, [str(tmp_path / "handmade.leads"),
                                          str(_csv(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert 'scheme "handmade.leads"' in out.read_text(encoding="utf-8")
    check = CliRunner().invoke(cli, ["check", "--no-lint", str(out)])
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize(("args", "message"), [
    (["--since", "next tuesday"], "--since 'next tuesday' is not a date"),
    (["--since", "2030-01-01"], "the window holds no time"),
    (["--column", "at"], "is not ROLE=NAME"),
])
def test_cli_bad_input_exits_2_with_a_message(tmp_path: Path, args: list[str],
                                              message: str) -> None:
    """Bad dates, empty windows and malformed options: exit code 2 and plain words."""
    from leadrules.cli.history_fit_cmd import calibrate as command

    scheme_model(tmp_path)
    result = CliRunner().invoke(command, [str(tmp_path / "handmade.leads"),
                                          str(_csv(tmp_path)), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_missing_history_exits_2(tmp_path: Path) -> None:
    """A history file that does not exist: exit code 2, its name in the message."""
    from leadrules.cli.history_fit_cmd import calibrate as command

    scheme_model(tmp_path)
    result = CliRunner().invoke(command, [str(tmp_path / "handmade.leads"),
                                          str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and "nope.csv" in result.output


def test_per_move_delays_write_one_racing_line_per_move(tmp_path: Path) -> None:
    """--per-move-delays: each written move has its own `after` line with its own chance
    (its Kaplan–Meier reach with the other moves censored), and the scenario still loads."""
    scheme = scheme_model(tmp_path)
    calibration = calibrate(synthetic_history(leads=400, days=40, seed=2, tail=30), scheme,
                            "x.leads", per_move=True)
    block = calibration.text[calibration.text.index("  in New {"):]
    block = block[:block.index("  }")]
    assert block.count("after ") == 2 and "reached" in block and "Lost" in block
    fits = {f.status: f for f in calibration.statuses}
    assert [target for target, _ in fits["New"].each] == ["Contacted", "Lost"]
    assert isinstance(load_text(calibration.text, "<pm>", scheme=scheme), Scenario)


UNICODE_SCHEME = """\
team Продажи
status Новый {
  initial
}
status "В обработке" {
}
status Успех {
  outcome won
}
status "Забракован: отказ" {
  outcome lost
}
transition Новый -> "В обработке" on взят_в_работу auto
transition "В обработке" -> Успех manual
transition Новый, "В обработке" -> "Забракован: отказ" manual
"""


def test_unicode_names_are_written_so_they_parse(tmp_path: Path) -> None:
    """Cyrillic names stay bare where the language allows, are quoted where they hold spaces
    or colons, and the scenario loads against the scheme."""
    path = tmp_path / "ru.leads"
    path.write_text(UNICODE_SCHEME, encoding="utf-8")
    scheme = Loader().scheme(path)
    history = History("история.csv", observed_from=START, observed_until=START + 40 * DAY)
    for i in range(30):
        t = START + i * DAY / 2
        second = "В обработке" if i % 3 else "Забракован: отказ"
        statuses = ["Новый", second] + (["Успех"] if i % 3 == 1 else [])
        history.traces[f"L{i}"] = Trace(f"L{i}", [t + k * (i % 5 + 1) * 3600 for k in
                                                 range(len(statuses))], statuses,
                                        [None] * len(statuses))
    text = calibrate(history, scheme, "ru.leads").text
    assert 'scenario "calibrated from история.csv"' in text
    assert "  in Новый {" in text and 'in "В обработке" {' in text
    assert "взят_в_работу" in text and '"Забракован: отказ"' in text
    assert isinstance(load_text(text, "<ru>", scheme=scheme), Scenario)


def test_arrival_pattern_is_written_and_recovered(tmp_path: Path) -> None:
    """1,400 arrivals over 10 weeks with a known pattern (weekdays only, 09:00–12:59 UTC, the
    scheme's zone): the scenario has `arrivals by weekday` and `arrivals by hour` lines whose
    shares add up to 100% and lie within 3 binomial SEs of the truth; the scenario loads and
    simulates with that pattern. Fewer than 200 arrivals: a comment, no pattern."""
    import random

    rng = random.Random(4)
    week = [0.3, 0.2, 0.2, 0.2, 0.1, 0.0, 0.0]
    hours = {9: 0.4, 10: 0.3, 12: 0.3}
    history = History("pattern.csv", observed_from=START, observed_until=START + 70 * DAY)
    for i in range(1400):
        day = rng.choices(range(7), week)[0] + 7 * rng.randrange(10)
        hour = rng.choices(list(hours), list(hours.values()))[0]
        t = START + day * DAY + hour * 3600 + rng.uniform(0, 3600)
        history.traces[f"P{i:04d}"] = Trace(f"P{i:04d}", times=[t], statuses=["New"],
                                            owners=["rep0"])
    history.rows_read = history.rows_used = 1400
    scheme = scheme_model(tmp_path)
    text = calibrate(history, scheme, "x.leads").text
    line = {k: next(x for x in text.splitlines() if x.strip().startswith(f"arrivals by {k}:"))
            for k in ("weekday", "hour")}
    got_week = dict(p.strip().rsplit(" ", 1) for p in line["weekday"].split(":", 1)[1].split(","))
    assert set(got_week) == {"mon", "tue", "wed", "thu", "fri"}
    for name, share in zip(("mon", "tue", "wed", "thu", "fri"), week, strict=False):
        assert abs(float(got_week[name].rstrip("%")) / 100 - share) < \
            3 * (share * (1 - share) / 1400) ** 0.5
    got_hours = dict(p.strip().rsplit(" ", 1) for p in line["hour"].split(":", 1)[1].split(","))
    assert set(got_hours) == {"9", "10", "12"}
    assert sum(float(v.rstrip("%")) for v in got_hours.values()) == pytest.approx(100)
    scenario = load_text(text, "<fitted>", scheme=scheme)
    assert isinstance(scenario, Scenario) and len(scenario.patterns) == 2
    few = calibrate(handmade(), scheme, "x.leads").text
    assert "too few to say how they spread" in few and "arrivals by" not in few


def test_weekday_shares_allow_for_days_the_window_holds_fewer_of(tmp_path: Path) -> None:
    """One arrival every hour for 10 weeks and 6 days (the window has one Monday fewer than
    each other weekday): the weekday shares are per day the window held, so every weekday
    gets 14.3% (or 14.2%, the rounding), not 13.2% for Monday."""
    days = 76
    history = History("even.csv", observed_from=START + DAY,
                      observed_until=START + (1 + days) * DAY)  # from a Tuesday
    for h in range(days * 24):
        t = START + DAY + h * 3600 + 60
        history.traces[f"E{h:05d}"] = Trace(f"E{h:05d}", times=[t], statuses=["New"],
                                            owners=["rep0"])
    history.rows_read = history.rows_used = days * 24
    text = calibrate(history, scheme_model(tmp_path), "x.leads").text
    line = next(x for x in text.splitlines() if x.strip().startswith("arrivals by weekday:"))
    shares = [float(p.strip().rsplit(" ", 1)[1].rstrip("%")) for p in line.split(":")[1].split(",")]
    assert all(s in (14.2, 14.3) for s in shares), line
