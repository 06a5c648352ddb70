"""`history backtest`: what a period shows (by hand), the forecast from a synthetic history
(fixed seed, tolerances from confidence intervals), determinism, reports and exit codes."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from leadrules.history.backtest import Backtest, BacktestError, backtest, observe
from leadrules.history.backtest_report import to_html, to_json, to_markdown, to_text
from leadrules.model.scheme import Scheme
from tests.history.test_calibrate_recovery import DAY, START, scheme_model, synthetic_history

WEEK = 7 * DAY
CUT = START + 84 * DAY  # 12 weeks of training


def test_observe_by_hand() -> None:
    """Two arrivals and one open lead over two weeks: arrivals per week, first outcomes per
    week, time to outcome only for arrivals, and bigrams from ▶ or the status at the start."""
    paths = [
        (None, [(START + DAY, "New"), (START + 3 * DAY, "Contacted"), (START + 9 * DAY, "Won")]),
        (None, [(START + 8 * DAY, "New")]),
        ("Contacted", [(START + 2 * DAY, "Lost")]),
        ("Lost", []),  # ended before the period: not in it
    ]
    seen = observe(paths, START, 2, "New", ["Won", "Lost"])
    assert seen.weekly_arrivals == (1, 1)
    assert seen.weekly_outcomes == ({"Lost": 1}, {"Won": 1})
    assert seen.outcomes == {"Lost": 1, "Won": 1}
    assert seen.to_outcome == (8.0,)
    assert seen.bigrams == {("Contacted", "Lost"): 1, ("Contacted", "Won"): 1,
                            ("New", "Contacted"): 1, ("▶", "New"): 2}


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scheme, Backtest]:
    scheme = scheme_model(tmp_path_factory.mktemp("bt"))
    history = synthetic_history(leads=2400, days=120, tail=0)
    return scheme, backtest(history, scheme, CUT, runs=4, seed=3, weeks=4)


def test_forecast_arrivals_match_the_true_rate(setup: tuple[Scheme, Backtest]) -> None:
    """20 leads a day arrive; the forecast's weekly mean is within 3 SEs of 140, the SE
    combining the calibrated rate's (about 1,680 arrivals in 12 weeks) and the simulated
    weeks' Poisson noise."""
    _, bt = setup
    mean = sum(bt.forecast.weekly_arrivals) / bt.weeks
    rate_se = math.sqrt(140 * 12) / 12
    assert abs(mean - 140) < 3 * math.sqrt(rate_se ** 2 + 140 / (bt.runs * bt.weeks))


def test_forecast_outcome_shares_match_what_happened(setup: tuple[Scheme, Backtest]) -> None:
    """A stationary funnel with the true behaviour recovered: the forecast's share of Won is
    within 3 binomial SEs (of the real count) of the real share."""
    _, bt = setup
    real = bt.actual.outcomes["Won"] / sum(bt.actual.outcomes.values())
    model = bt.forecast.outcomes["Won"] / sum(bt.forecast.outcomes.values())
    assert abs(real - model) < 3 * math.sqrt(real * (1 - real) / sum(bt.actual.outcomes.values()))


def test_open_leads_are_those_open_at_the_cut(setup: tuple[Scheme, Backtest]) -> None:
    """Every lead first seen before the cut and not in Won or Lost then is placed."""
    _, bt = setup
    history = synthetic_history(leads=2400, days=120, tail=0)
    expected = 0
    for tr in history.traces.values():
        before = [s for t, s in zip(tr.times, tr.statuses, strict=True) if t < CUT]
        expected += bool(before) and before[-1] not in ("Won", "Lost")
    assert bt.open_leads == expected > 0


def test_reports_say_who_won_each_measure(setup: tuple[Scheme, Backtest]) -> None:
    """Text, Markdown, JSON and HTML carry the verdict and every measure."""
    _, bt = setup
    text, md, data = to_text(bt), to_markdown(bt), json.loads(to_json(bt))
    for m in bt.measures:
        assert m.name in text and m.name in md and m.name in to_html(bt)
    assert ("The model beat the baseline" in text) == bt.model_beats_baseline
    assert data["model_beats_baseline"] == bt.model_beats_baseline
    assert [m["name"] for m in data["measures"]] == [
        "weekly arrivals", "weekly outcomes", "outcome shares", "time to outcome",
        "status bigrams"]


def test_same_seed_same_bytes(setup: tuple[Scheme, Backtest]) -> None:
    """Deterministic: the same history and seed give the same JSON."""
    scheme, bt = setup
    again = backtest(synthetic_history(leads=2400, days=120, tail=0), scheme, CUT, runs=4,
                     seed=3, weeks=4)
    assert to_json(again) == to_json(bt)


def test_a_cut_outside_the_history_is_refused(setup: tuple[Scheme, Backtest]) -> None:
    """A cut that leaves less than a week on either side, or too long a test, is refused."""
    scheme, _ = setup
    history = synthetic_history(leads=200, days=60, tail=0)
    with pytest.raises(BacktestError, match="at least a week"):
        backtest(history, scheme, START + 59 * DAY)
    with pytest.raises(BacktestError, match="does not fit"):
        backtest(history, scheme, START + 30 * DAY, weeks=9)


def _csv(tmp_path: Path) -> Path:
    rows = ["lead_id,at,to_status,owner"]
    for tr in synthetic_history(leads=600, days=70, tail=0).traces.values():
        for t, s, o in zip(tr.times, tr.statuses, tr.owners, strict=True):
            rows.append(f"{tr.lead},{dt.datetime.fromtimestamp(t, dt.timezone.utc).isoformat()}"
                        f",{s},{o}")
    path = tmp_path / "synthetic.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_cli_formats_and_html_report(tmp_path: Path) -> None:
    """`leadrules history backtest … -f json --report r.html --scenario-out s.scenario`: exit 0,
    JSON on screen, an HTML page and a scenario that loads."""
    from leadrules.cli.main import cli
    from leadrules.loader import Loader

    scheme_model(tmp_path)
    html, scenario = tmp_path / "r.html", tmp_path / "s.scenario"
    result = CliRunner().invoke(cli, [
        "history", "backtest", str(tmp_path / "handmade.leads"), str(_csv(tmp_path)),
        "--train-until", "2026-02-16", "--weeks", "2", "--runs", "2", "-f", "json",
        "--report", str(html), "--scenario-out", str(scenario)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["weeks"] == 2
    assert "<svg" in html.read_text(encoding="utf-8")
    Loader().load(scenario)


@pytest.mark.parametrize(("args", "message"), [
    (["--train-until", "2031-01-01"], "must leave at least a week of history on each side"),
    (["--train-until", "someday"], "--train-until 'someday' is not a date"),
    (["--train-until", "2026-02-16", "--weeks", "40"], "does not fit"),
    (["--train-until", "2026-02-16", "--train-since", "2026-03-01"], "--train-since"),
])
def test_cli_bad_input_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    """Dates outside the history or not dates at all: exit code 2 with a plain message."""
    from leadrules.cli.main import cli

    scheme_model(tmp_path)
    result = CliRunner().invoke(cli, ["history", "backtest", str(tmp_path / "handmade.leads"),
                                      str(_csv(tmp_path)), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_cli_calibrates_per_move_by_default_and_per_status_on_request(tmp_path: Path) -> None:
    """The backtest's scenario has one racing line per move unless --per-status-delays is
    given (then one line per status, its shares adding up to 100%); --arrival-weeks writes
    the recent rate with a comment saying so."""
    from leadrules.cli.main import cli

    scheme_model(tmp_path)
    csv = _csv(tmp_path)
    texts = {}
    for name, extra in (("move", []), ("status", ["--per-status-delays"]),
                        ("recent", ["--arrival-weeks", "2"])):
        out = tmp_path / f"{name}.scenario"
        result = CliRunner().invoke(cli, [
            "history", "backtest", str(tmp_path / "handmade.leads"), str(csv),
            "--train-until", "2026-02-16", "--weeks", "2", "--runs", "1",
            "--scenario-out", str(out), *extra])
        assert result.exit_code == 0, result.output
        texts[name] = out.read_text(encoding="utf-8")
    assert "per move → Won" in texts["move"] and "per move" not in texts["status"]
    assert "The rate is that of the last 2 weeks of the window" in texts["recent"]
    assert "The rate is that of the last" not in texts["move"]


def test_baseline_outcome_counts_are_scaled_to_the_test_period(
        setup: tuple[Scheme, Backtest]) -> None:
    """The replayed past may span other weeks than the test period; its outcome counts are
    shown per test period, so actual, model and baseline compare."""
    import attrs

    _, bt = setup
    name = max(bt.baseline.outcomes, key=lambda n: bt.baseline.outcomes[n])
    doubled = attrs.evolve(bt, baseline_weeks=bt.weeks * 2)
    line = to_text(doubled).splitlines()[-1]
    assert f"baseline {bt.baseline.outcomes[name] / 2:,.0f}" in line
    assert f"(baseline: {bt.weeks * 2} replayed weeks scaled to {bt.weeks})" in line
    same = attrs.evolve(bt, baseline_weeks=bt.weeks)
    assert "scaled" not in to_text(same).splitlines()[-1]
