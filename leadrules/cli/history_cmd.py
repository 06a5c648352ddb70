"""`leadrules history check|stats`: thin wrappers over `leadrules.history`.

Both load the scheme, read the history (any problem that stops reading is exit code 2, printed
as `where: message` with help), then write the report. `check` exits 1 when it has findings;
`stats` exits 1 when an `expect` line fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import click

from leadrules.cli.exit import Exit
from leadrules.cli.history_options import reading_extras
from leadrules.errors import LeadrulesError
from leadrules.history import History, HistoryInputError, read_history
from leadrules.loader import Loader
from leadrules.model.scheme import Scheme
from leadrules.report.text import render


def parse_columns(pairs: Sequence[str]) -> dict[str, str]:
    """`ROLE=NAME` pairs → a dict; a pair without `=` is a usage error."""
    out: dict[str, str] = {}
    for pair in pairs:
        role, sep, name = pair.partition("=")
        if not sep or not role.strip() or not name.strip():
            raise click.BadParameter(f"'{pair}' is not ROLE=NAME (e.g. lead_id=Case)",
                                     param_hint="--column")
        out[role.strip()] = name.strip()
    return out


def load_inputs(scheme_path: str, history_path: str, columns: Sequence[str],
                time_format: str | None, timezone: str | None, mapping: str | None,
                strict_order: bool, *, encoding: str | None = None,
                delimiter: str | None = None) -> tuple[Scheme, History] | int:
    """The resolved scheme and its history, or the exit code after printing why not.

    `encoding` and `delimiter` default to the running command's --encoding and --delimiter
    (see `history_options`). A history of which not one row could be used is bad input: a
    report on it would only say "no findings"."""
    extras = reading_extras()
    encoding = encoding or extras.get("encoding") or "utf-8"
    delimiter = delimiter or extras.get("delimiter")
    try:
        scheme = Loader().scheme(scheme_path)
    except LeadrulesError as exc:
        for d in exc.diagnostics:
            click.echo(render(d), err=True)
            click.echo(err=True)
        return Exit.BAD_INPUT
    if not Path(history_path).is_file():
        why = "a folder, not a history file" if Path(history_path).is_dir() else "no such file"
        click.echo(f"{history_path}: {why}", err=True)
        return Exit.BAD_INPUT
    try:
        history = read_history(history_path, scheme, columns=parse_columns(columns),
                               time_format=time_format, timezone=timezone, mapping=mapping,
                               strict_order=strict_order, encoding=encoding,
                               delimiter=delimiter)
    except HistoryInputError as exc:
        click.echo(f"{exc.where}: {exc.message}", err=True)
        if exc.help:
            click.echo(f"    = help: {exc.help}", err=True)
        return Exit.BAD_INPUT
    if history.rows_read and not history.rows_used:
        from leadrules.history.report import accounting_lines

        for line in accounting_lines(history):
            click.echo(line, err=True)
        click.echo(f"{history_path}: not one {history.unit} could be used (the reasons are "
                   "above)", err=True)
        return Exit.BAD_INPUT
    return scheme, history


def write_output(text: str, output: str | None) -> int | None:
    """Write a report to `output` (or the screen); an exit code when it cannot be written."""
    if output is None:
        click.echo(text, nl=False)
        return None
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        click.echo(f"{output}: cannot write: {exc.strerror or exc}", err=True)
        return Exit.BAD_INPUT
    return None


def run_history_check(scheme_path: str, history_path: str, *, columns: Sequence[str] = (),
                      time_format: str | None = None, timezone: str | None = None,
                      mapping: str | None = None, strict_order: bool = False,
                      fmt: str = "text", output: str | None = None) -> int:
    from leadrules.history.conformance import check_history
    from leadrules.history.report import RENDERERS

    loaded = load_inputs(scheme_path, history_path, columns, time_format, timezone, mapping,
                         strict_order)
    if isinstance(loaded, int):
        return loaded
    scheme, history = loaded
    result = check_history(scheme, history)
    failed = write_output(RENDERERS[fmt](result), output)
    if failed is not None:
        return failed
    return Exit.FINDINGS if result.findings else Exit.CLEAN


def run_history_stats(scheme_path: str, history_path: str, *, columns: Sequence[str] = (),
                      time_format: str | None = None, timezone: str | None = None,
                      mapping: str | None = None, strict_order: bool = False,
                      since: dt.datetime | None = None, until: dt.datetime | None = None,
                      by: str | None = None, fmt: str = "text", output: str | None = None,
                      report: str | None = None) -> int:
    from leadrules.history.stats import compute_stats
    from leadrules.history.stats_report import RENDERERS

    loaded = load_inputs(scheme_path, history_path, columns, time_format, timezone, mapping,
                         strict_order)
    if isinstance(loaded, int):
        return loaded
    scheme, history = loaded
    from leadrules.history.build import reading_zone

    _, zone = reading_zone(scheme, timezone, history_path)
    stats = compute_stats(scheme, history, since=_epoch(since, zone), until=_epoch(until, zone),
                          by=by)
    failed = write_output(RENDERERS[fmt](stats), output)
    if failed is None and report is not None:
        from leadrules.history.html import render_stats_html

        failed = write_output(render_stats_html(stats), report)
    if failed is not None:
        return failed
    return Exit.FINDINGS if any(e.passed is False for e in stats.expects) else Exit.CLEAN


def _epoch(value: dt.datetime | None, zone: dt.tzinfo) -> float | None:
    """A --since/--until date: midnight of that day in the zone the history is read in
    (--timezone, else the scheme's calendar zone, else UTC), as calibrate and backtest read
    their dates."""
    if value is None:
        return None
    return value.replace(tzinfo=zone).timestamp()
