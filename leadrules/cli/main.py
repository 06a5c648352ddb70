"""The `leadrules` command: subcommands, and the guard that turns bugs into exit code 3."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback

import click

from leadrules import __version__
from leadrules.cli.exit import Exit
from leadrules.cli.history_options import reading_options

FORMATS = ("text", "json", "sarif", "github", "markdown")
LEVELS = ("error", "warning", "info")


def _color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="leadrules")
def cli() -> None:
    """leadrules: write a lead-status scheme as text; check it, draw it, simulate a change."""


def _check_options(command):
    options = [
        click.argument("files", nargs=-1, required=True),
        click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
                     help="Output format (default: text; github when GITHUB_ACTIONS is set)."),
        click.option("--fail-on", type=click.Choice(LEVELS), default=None,
                     help="Lowest finding severity that fails the run (default: warning, or "
                     "fail-on in the configuration)."),
        click.option("--config", type=click.Path(dir_okay=False), default=None,
                     help="Configuration file (default: the nearest .leadrules.toml or "
                     "pyproject.toml with [tool.leadrules])."),
        click.option("--baseline", type=click.Path(dir_okay=False), default=None,
                     help="Hide findings recorded in this baseline file."),
        click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
                     help="Record today's findings in this file (and exit 0)."),
        click.option("--no-lint", is_flag=True, help="Only parse and resolve."),
        click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
                     help="The date for review rules (default: today), for reproducible runs."),
        click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
                     help="Write the report to this file instead of the screen."),
        click.option("-q", "--quiet", is_flag=True, help="Print problems only, not ok lines."),
        click.option("-v", "--verbose", is_flag=True,
                     help="Show infos in full (with the source line and help), not one line each."),
        click.option("--color/--no-color", default=None,
                     help="Colour the output (default: on a terminal)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command()
@_check_options
def check(files: tuple[str, ...], fmt: str | None, fail_on: str | None, config: str | None,
          baseline: str | None, write_baseline: str | None, no_lint: bool,
          today: dt.datetime | None, output: str | None, quiet: bool, verbose: bool,
          color: bool | None) -> None:
    """Parse, resolve and lint schemes (.leads) and scenarios (.scenario).

    Folders are searched for both kinds of file. Exit code: 0 clean, 1 lint findings at or
    above --fail-on, 2 when a file cannot be read, parsed or resolved.
    """
    from leadrules.cli.run_check import run_check

    sys.exit(run_check(files, fmt=fmt, fail_on=fail_on, config=config, baseline=baseline,
                       write_baseline=write_baseline, lint=not no_lint,
                       today=today.date() if today else None, output=output, quiet=quiet,
                       verbose=verbose, color=_color(color) and output is None))


cli.add_command(check, name="lint")


@cli.command()
@click.argument("file")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Where to write: .svg, .png, .pdf, .dot or .mmd (default: DOT on screen).")
@click.option("-f", "--format", "fmt", type=click.Choice(("svg", "png", "pdf", "dot", "mmd")),
              default=None, help="Output format (default: from the -o extension).")
@click.option("--lint", "with_lint", is_flag=True,
              help="Highlight statuses and moves that have lint findings, with rule codes.")
@click.option("--focus", default=None, help="Draw only this status and its neighbours.")
@click.option("--locale", default=None, help="Labels in this language (e.g. ru), if given.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The date for review rules with --lint (default: today).")
def render(file: str, output: str | None, fmt: str | None, with_lint: bool, focus: str | None,
           locale: str | None, today: dt.datetime | None) -> None:
    """Draw a scheme: stages as bands, statuses in them, every kind of move styled apart.

    DOT and Mermaid text need nothing else; SVG, PNG and PDF use Graphviz's `dot`.
    """
    from leadrules.cli.render_cmd import run_render

    sys.exit(run_render(file, output=output, fmt=fmt, with_lint=with_lint, focus=focus,
                        locale=locale, today=today.date() if today else None))


@cli.command()
@click.argument("file")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Where to write: .md or .html (default: Markdown on screen).")
@click.option("-f", "--format", "fmt", type=click.Choice(("md", "html")), default=None,
              help="Output format (default: from the -o extension).")
@click.option("--locale", default=None,
              help="Write the guide in this language (labels and definitions the scheme "
              "translates; headings in en, ru, pl, zh or ms).")
def guide(file: str, output: str | None, fmt: str | None, locale: str | None) -> None:
    """Write the status guide for reps: a quick picker, then what each status means, when to
    use it, what must be filled in, what happens automatically and what comes next."""
    from leadrules.cli.guide_cmd import run_guide

    sys.exit(run_guide(file, output=output, fmt=fmt, locale=locale))


@cli.command()
@click.argument("scenario")
@click.option("--runs", type=click.IntRange(1, 100_000), default=None,
              help="Independent replications (default: the scenario's runs).")
@click.option("--seed", type=click.IntRange(0), default=None,
              help="Random seed (default: the scenario's seed).")
@click.option("--jobs", type=click.IntRange(1, 256), default=1,
              help="Processes to run replications in parallel.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None,
              help="Also write the figures as JSON.")
@click.option("--report", "report_out", type=click.Path(dir_okay=False), default=None,
              help="Also write a self-contained HTML report (diagram under load, charts).")
def simulate(scenario: str, runs: int | None, seed: int | None, jobs: int,
             json_out: str | None, report_out: str | None) -> None:
    """Run the scheme's own rules against a scenario; forecast load, SLAs and conversion."""
    from leadrules.cli.simulate_cmd import run_simulate

    sys.exit(run_simulate(scenario, runs=runs, seed=seed, jobs=jobs, json_out=json_out,
                          report_out=report_out))


@cli.command()
@click.argument("scenario")
@click.argument("other", required=False)
@click.option("--scheme", "proposed", type=click.Path(dir_okay=False), default=None,
              help="A proposed scheme to run the same scenario on.")
@click.option("--runs", type=click.IntRange(2, 100_000), default=None,
              help="Replications on each side (default: the scenario's runs).")
@click.option("--seed", type=click.IntRange(0), default=None, help="Random seed.")
@click.option("--jobs", type=click.IntRange(1, 256), default=1, help="Parallel processes.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None,
              help="Also write every difference as JSON.")
@click.option("--all", "show_all", is_flag=True, help="Show every figure, not only changes.")
def compare(scenario: str, other: str | None, proposed: str | None, runs: int | None,
            seed: int | None, jobs: int, json_out: str | None, show_all: bool) -> None:
    """Before rollout: the same scenario on today's scheme and a proposed one (--scheme), or
    two scenarios, with common random numbers; shows what changes significantly."""
    from leadrules.cli.compare_cmd import run_compare

    sys.exit(run_compare(scenario, other, proposed, runs=runs, seed=seed, jobs=jobs,
                         json_out=json_out, show_all=show_all))


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--against", default=None, metavar="REF",
              help="Compare FILE with its text at this git revision (e.g. HEAD, main).")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json", "markdown")),
              default="text", help="Output format (markdown: a pull-request comment).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file instead of the screen.")
@click.option("--scenario", type=click.Path(dir_okay=False), default=None,
              help="Simulate this scenario on both schemes and show what changes.")
@click.option("--runs", type=click.IntRange(2, 100_000), default=None,
              help="Replications on each side (default: the scenario's runs).")
@click.option("--seed", type=click.IntRange(0), default=None, help="Random seed.")
@click.option("--jobs", type=click.IntRange(1, 256), default=1, help="Parallel processes.")
@click.option("--fail-on", type=click.Choice(("breaking", "behavioural", "any", "never")),
              default="any", help="Exit 1 on a change of this class or worse (any: behavioural "
              "or breaking; never: always 0).")
@click.option("--old-invalid", type=click.Choice(("fail", "empty")), default="fail",
              show_default=True,
              help="When the OLD side cannot be loaded: fail (exit 2), or compare with an empty "
              "scheme and say why (a change that fixes a broken scheme).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The date for review lint rules (default: today), for reproducible runs.")
@click.option("--color/--no-color", default=None,
              help="Colour the text output (default: on a terminal).")
def diff(files: tuple[str, ...], against: str | None, fmt: str, output: str | None,
         scenario: str | None, runs: int | None, seed: int | None, jobs: int, fail_on: str,
         old_invalid: str, today: dt.datetime | None, color: bool | None) -> None:
    """What a change to a scheme means: `diff OLD.leads NEW.leads` or `diff FILE --against REF`.

    Each change is breaking (leads can be stranded, records may no longer qualify), behavioural
    or cosmetic; with --scenario, the simulated effect. Exit code: 0 when nothing changed in
    meaning, 1 for a change at or above --fail-on, 2 when a scheme cannot be loaded.
    """
    from leadrules.cli.diff_cmd import run_diff

    sys.exit(run_diff(files, against=against, fmt=fmt, output=output, scenario=scenario,
                      runs=runs, seed=seed, jobs=jobs, fail_on=fail_on,
                      old_invalid=old_invalid, today=today.date() if today else None,
                      color=_color(color)))


@cli.command()
@click.argument("rule", required=False)
def rules(rule: str | None) -> None:
    """List every lint rule, or show one rule's documentation (by code or name)."""
    from leadrules.cli.rules import show_rules

    sys.exit(show_rules(rule))


@cli.command(name="fmt")
@click.argument("files", nargs=-1, required=True)
@click.option("--check", is_flag=True,
              help="Change nothing; list files that are not canonical (exit code 1 if any).")
@click.option("--diff", is_flag=True, help="Change nothing; print what would change.")
@click.option("--color/--no-color", default=None,
              help="Colour the diff (default: on a terminal).")
def fmt_command(files: tuple[str, ...], check: bool, diff: bool, color: bool | None) -> None:
    """Rewrite schemes and scenarios in the canonical layout, keeping every comment.

    Folders are searched for both kinds of file; `-` reads stdin and writes stdout. Exit
    code: 0 done, 1 with --check when a file would change, 2 when a file does not parse.
    """
    from leadrules.cli.fmt_cmd import run_fmt

    sys.exit(run_fmt(files, check=check, diff=diff, color=_color(color)))


@cli.group()
def history() -> None:
    """Real status history (CSV or XES): check it against the scheme, measure the funnel,
    calibrate a scenario from it and backtest that scenario."""


REPORT_FORMATS = ("text", "json", "markdown")


@history.command(name="check")
@reading_options
@click.option("-f", "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text",
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file instead of the screen.")
def history_check(scheme: str, history_file: str, columns: tuple[str, ...],
                  time_format: str | None, timezone: str | None, mapping: str | None,
                  strict_order: bool, fmt: str, output: str | None) -> None:
    """Where the history breaks the scheme: forbidden moves, SLA breaches, timers not enforced,
    stuck leads, locked statuses left, wrong starts. Exit code: 0 clean, 1 findings, 2 bad
    input."""
    from leadrules.cli.history_cmd import run_history_check

    sys.exit(run_history_check(scheme, history_file, columns=columns, time_format=time_format,
                               timezone=timezone, mapping=mapping, strict_order=strict_order,
                               fmt=fmt, output=output))


@history.command(name="stats")
@reading_options
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only leads that arrived on or after this date (UTC).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only leads that arrived before this date (UTC).")
@click.option("--by", type=click.Choice(("owner", "source", "month")), default=None,
              help="Compare groups of leads: by owner, source or arrival month.")
@click.option("-f", "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text",
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the figures to this file instead of the screen.")
@click.option("--report", "report_out", type=click.Path(dir_okay=False), default=None,
              help="Also write a self-contained HTML report with plots.")
def history_stats(scheme: str, history_file: str, columns: tuple[str, ...],
                  time_format: str | None, timezone: str | None, mapping: str | None,
                  strict_order: bool, since: dt.datetime | None, until: dt.datetime | None,
                  by: str | None, fmt: str, output: str | None, report_out: str | None) -> None:
    """The funnel as it really ran: conversion as `expect` defines it, time in status, WIP,
    outcomes, recycled conversion, per-owner rates, and every `expect` line as PASS/FAIL.
    Exit code: 0 all expectations met, 1 one failed, 2 bad input."""
    from leadrules.cli.history_cmd import run_history_stats

    sys.exit(run_history_stats(scheme, history_file, columns=columns, time_format=time_format,
                               timezone=timezone, mapping=mapping, strict_order=strict_order,
                               since=since, until=until, by=by, fmt=fmt, output=output,
                               report=report_out))


def _attach_fit_commands() -> None:
    """`history calibrate` and `history backtest` (leadrules/cli/history_fit_cmd.py)."""
    from leadrules.cli.history_fit_cmd import backtest, calibrate

    history.add_command(calibrate, name="calibrate")
    history.add_command(backtest, name="backtest")


_attach_fit_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI; an unexpected exception is a bug, reported as exit code 3."""
    try:
        cli.main(args=argv, prog_name="leadrules", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: a bug, reported as such
        if os.environ.get("LEADRULES_DEBUG"):
            traceback.print_exc()
        click.echo(f"leadrules: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo(f"This is a bug in leadrules {__version__}, not in your files. Please report "
                   "it with the command you ran and the files it read; set LEADRULES_DEBUG=1 "
                   "to include the traceback.", err=True)
        sys.exit(Exit.INTERNAL)


if __name__ == "__main__":
    main()
