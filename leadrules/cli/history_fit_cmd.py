"""`leadrules history calibrate` and `leadrules history backtest`: read the scheme and the
history, call `leadrules.history.calibrate` / `.backtest`, write the result, exit 0 or 2."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from leadrules.cli.exit import Exit
from leadrules.cli.history_options import reading_options
from leadrules.errors import LeadrulesError
from leadrules.model.scheme import Scheme
from leadrules.report.text import render


class BadInput(Exception):
    """Input problems the CLI reports in plain words and exits 2 for."""

    def __init__(self, message: str, help: str | None = None) -> None:
        super().__init__(message)
        self.help = help


def _fail(exc: BaseException) -> Exit:
    if isinstance(exc, LeadrulesError):
        for d in exc.diagnostics:
            click.echo(render(d), err=True)
            click.echo(err=True)
        return Exit.BAD_INPUT
    click.echo(f"leadrules: error: {exc}", err=True)
    hint = getattr(exc, "help", None)
    if hint:
        click.echo(f"    = help: {hint}", err=True)
    return Exit.BAD_INPUT


def parse_when(text: str | None, scheme: Scheme, timezone: str | None, option: str
               ) -> float | None:
    """A date or date-time option as epoch seconds; naive ones in the history's zone."""
    if text is None:
        return None
    from leadrules.history.build import TimeParser, reading_zone

    _, zone = reading_zone(scheme, timezone, option)
    try:
        return TimeParser(zone)(text)
    except ValueError:
        raise BadInput(f"{option} '{text}' is not a date",
                       "write a date such as 2012-01-15 or 2012-01-15T09:00") from None


def _errors() -> tuple[type[BaseException], ...]:
    from leadrules.history import HistoryInputError
    from leadrules.history.backtest import BacktestError
    from leadrules.history.calibrate import CalibrationError

    return (LeadrulesError, HistoryInputError, CalibrationError, BacktestError, BadInput,
            OSError)


def _inputs(scheme: str, history_file: str, columns: tuple[str, ...], time_format: str | None,
            timezone: str | None, mapping: str | None, strict_order: bool) -> tuple[Scheme, Any]:
    """The scheme and history, read as `history check` reads them; exits 2 when they cannot
    be read (the reason is printed first)."""
    from leadrules.cli.history_cmd import load_inputs

    loaded = load_inputs(scheme, history_file, columns, time_format, timezone, mapping,
                         strict_order)
    if isinstance(loaded, int):
        sys.exit(loaded)
    return loaded


@click.command()
@reading_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the scenario here (default: on screen, the scheme relative to the "
              "current folder).")
@click.option("--since", default=None, help="Only leads first seen on or after this date.")
@click.option("--until", default=None,
              help="Ignore history from this date on (open leads are censored there).")
@click.option("--per-move-delays", "per_move", is_flag=True,
              help="One racing `after` line per move, each with its own delay and chance, "
              "instead of one delay shared by a status's moves.")
@click.option("--arrival-weeks", type=click.IntRange(1), default=None,
              help="Measure the arrival rate over the last N weeks of the window only (a "
              "scenario has one rate; a funnel that grew is forecast by its recent level).")
@click.option("--runs", type=click.IntRange(1, 100_000), default=10, show_default=True,
              help="The `runs` line of the scenario.")
@click.option("--seed", type=click.IntRange(0), default=1, show_default=True,
              help="The `seed` line of the scenario.")
def calibrate(scheme: str, history_file: str, columns: tuple[str, ...],
              time_format: str | None, timezone: str | None, mapping: str | None,
              strict_order: bool, output: str | None, since: str | None, until: str | None,
              per_move: bool, arrival_weeks: int | None, runs: int, seed: int) -> None:
    """Fit a scenario to real history: arrivals, where leads go from each status and after
    how long (the best-fitting distribution, with its fit quality as comments), team sizes."""
    from leadrules.history.calibrate import calibrate as fit
    from leadrules.history.calibrate import scheme_reference

    model, hist = _inputs(scheme, history_file, columns, time_format, timezone, mapping,
                          strict_order)
    try:
        since_ts = parse_when(since, model, timezone, "--since")
        until_ts = parse_when(until, model, timezone, "--until")
        ref = scheme_reference(scheme, output or "./fitted.scenario")
        result = fit(hist, model, ref, since=since_ts, until=until_ts, runs=runs, seed=seed,
                     per_move=per_move, arrival_weeks=arrival_weeks)
        if output is None:
            click.echo(result.text, nl=False)
            sys.exit(Exit.CLEAN)
        Path(output).write_text(result.text, encoding="utf-8")
    except _errors() as exc:
        sys.exit(_fail(exc))
    written = sum(1 for s in result.statuses if s.selection is not None)
    click.echo(f"wrote {output}: {written} status{'' if written == 1 else 'es'} with "
               "behaviour, from "
               f"{len(result.window.traces):,} leads ({result.arrivals:,} arrivals)", err=True)
    sys.exit(Exit.CLEAN)


@click.command()
@reading_options
@click.option("--train-until", required=True,
              help="Calibrate on history before this date; forecast the weeks after it.")
@click.option("--train-since", default=None,
              help="Calibrate only on leads first seen from this date (default: all before "
              "--train-until); for funnels that changed.")
@click.option("--weeks", type=click.IntRange(1), default=None,
              help="Weeks to forecast (default: the whole weeks from --train-until to the "
              "last lead's arrival).")
@click.option("--per-move-delays/--per-status-delays", "per_move", default=True,
              show_default=True,
              help="Calibrate one racing `after` line per move, each with its own delay and "
              "chance (the default: it forecasts better), or one delay shared by a status's "
              "moves.")
@click.option("--arrival-weeks", type=click.IntRange(1), default=None,
              help="Measure the arrival rate over the last N weeks before --train-until only "
              "(for a funnel that grew or shrank; default: the whole training window).")
@click.option("--open-delays", type=click.Choice(("fresh", "aged")), default="fresh",
              show_default=True,
              help="How the leads open at the cut draw their `after` delays: afresh at the "
                   "cut, or conditioned on how long they had already waited.")
@click.option("--runs", type=click.IntRange(1, 100_000), default=10, show_default=True,
              help="Simulation runs.")
@click.option("--seed", type=click.IntRange(0), default=1, show_default=True,
              help="Random seed.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json", "markdown")),
              default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report here instead of the screen.")
@click.option("--report", "report_out", type=click.Path(dir_okay=False), default=None,
              help="Also write a self-contained HTML report.")
@click.option("--scenario-out", type=click.Path(dir_okay=False), default=None,
              help="Also write the scenario calibrated on the training period.")
def backtest(scheme: str, history_file: str, columns: tuple[str, ...],
             time_format: str | None, timezone: str | None, mapping: str | None,
             strict_order: bool, train_until: str, train_since: str | None,
             weeks: int | None, per_move: bool, arrival_weeks: int | None,
             open_delays: str, runs: int, seed: int,
             fmt: str, output: str | None, report_out: str | None,
             scenario_out: str | None) -> None:
    """Calibrate on the history before --train-until, simulate the weeks after it from the
    leads open then, and score the forecast against what happened, next to a baseline that
    replays the weeks before the cut. Says plainly whether the model beat the baseline."""
    from leadrules.history import backtest_report as report
    from leadrules.history.backtest import backtest as run
    from leadrules.history.calibrate import scheme_reference

    model, hist = _inputs(scheme, history_file, columns, time_format, timezone, mapping,
                          strict_order)
    try:
        cut = parse_when(train_until, model, timezone, "--train-until")
        assert cut is not None
        since = parse_when(train_since, model, timezone, "--train-since")
        result = run(hist, model, cut, runs=runs, seed=seed, weeks=weeks, train_since=since,
                     per_move=per_move, arrival_weeks=arrival_weeks, open_delays=open_delays)
        text = {"text": report.to_text, "json": report.to_json,
                "markdown": report.to_markdown}[fmt](result)
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)
        if report_out:
            Path(report_out).write_text(report.to_html(result), encoding="utf-8")
        if scenario_out:
            ref = scheme_reference(scheme, scenario_out)
            Path(scenario_out).write_text(
                result.calibration.text.replace('scheme "<scheme>"', f'scheme "{ref}"', 1),
                encoding="utf-8")
    except _errors() as exc:
        sys.exit(_fail(exc))
    sys.exit(Exit.CLEAN)
