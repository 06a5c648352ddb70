"""Options shared by every `leadrules history` command (how to read the history file).

Kept apart from the commands so that `leadrules --help` imports click only.

`--encoding` and `--delimiter` came after the commands' signatures were settled: rather than
add a parameter to every command (some live in other modules), they are not passed as
arguments but kept in the click context, where `history_cmd.load_inputs` reads them
(`reading_extras`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

_EXTRAS = "leadrules.history.reading"  # key of the extra reading options in click's meta


def _keep(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        ctx.meta.setdefault(_EXTRAS, {})[param.name] = value
    return value


def reading_extras() -> dict[str, str]:
    """The --encoding and --delimiter given to the running command ({} outside click)."""
    ctx = click.get_current_context(silent=True)
    return dict(ctx.meta.get(_EXTRAS, {})) if ctx is not None else {}


def reading_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every history command shares: how to read the file."""
    options = [
        click.argument("scheme", type=click.Path(dir_okay=False)),
        click.argument("history_file", metavar="HISTORY", type=click.Path(dir_okay=False)),
        click.option("--column", "columns", multiple=True, metavar="ROLE=NAME",
                     help="CSV column names: lead_id, at, to_status, from_status, owner, "
                     "stage, source (e.g. --column lead_id=Case --column at=Timestamp)."),
        click.option("--time-format", default=None, metavar="FORMAT",
                     help='strptime format of the times (default ISO 8601), e.g. '
                     '"%d.%m.%Y %H:%M".'),
        click.option("--timezone", default=None, metavar="ZONE",
                     help="Zone of times without an offset (default: the scheme's business "
                     "calendar zone, else UTC)."),
        click.option("--map", "mapping", type=click.Path(dir_okay=False), default=None,
                     help="CSV file `crm_label,status` mapping CRM labels to statuses."),
        click.option("--encoding", default=None, metavar="NAME", expose_value=False,
                     callback=_keep, help="Text encoding of a CSV file (default UTF-8), e.g. "
                     "cp1251 or cp1252 for a Windows export."),
        click.option("--delimiter", default=None, metavar="CHAR", expose_value=False,
                     callback=_keep, help="CSV delimiter (default: detected from the header: "
                     "',' or else ';' or tab), e.g. ';' or tab."),
        click.option("--strict-order", is_flag=True,
                     help="Reject rows earlier than the lead's previous row instead of "
                     "sorting each lead's rows by time."),
    ]
    for option in reversed(options):
        command = option(command)
    return command
