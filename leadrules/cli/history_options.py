"""Options shared by every `leadrules history` command (how to read the history file).

Kept apart from the commands so that `leadrules --help` imports click only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


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
        click.option("--strict-order", is_flag=True,
                     help="Reject rows earlier than the lead's previous row instead of "
                     "sorting each lead's rows by time."),
    ]
    for option in reversed(options):
        command = option(command)
    return command
