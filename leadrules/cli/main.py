"""The `leadrules` command: subcommands, and the guard that turns bugs into exit code 3."""

from __future__ import annotations

import os
import sys
import traceback

import click

from leadrules import __version__
from leadrules.cli.exit import Exit


def _color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="leadrules")
def cli() -> None:
    """leadrules: write a lead-status scheme as text; check it, draw it, simulate a change."""


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, not the ok lines.")
@click.option("--color/--no-color", default=None, help="Colour the output (default: on a tty).")
def check(files: tuple[str, ...], quiet: bool, color: bool | None) -> None:
    """Parse and resolve schemes (.leads) and scenarios (.scenario); report every problem.

    Folders are searched for both kinds of file. Exit code: 0 clean, 2 when a file cannot be
    read, parsed or resolved.
    """
    from leadrules.cli.check import run_check

    sys.exit(run_check(files, quiet, _color(color)))


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
