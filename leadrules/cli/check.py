"""`leadrules check FILE...`: parse and resolve schemes and scenarios, report every problem."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from leadrules.cli.exit import Exit
from leadrules.errors import Diagnostic, LeadrulesError
from leadrules.loader import Loader
from leadrules.model.scenario import Scenario
from leadrules.model.scheme import Scheme
from leadrules.report.text import render

SUFFIXES = (".leads", ".scenario")


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files as given; folders become their `*.leads` and `*.scenario` files, sorted."""
    for path in paths:
        if os.path.isdir(path):
            found = sorted(str(p) for p in Path(path).rglob("*") if p.suffix in SUFFIXES
                           and not any(part.startswith(".") for part in p.parts))
            yield from found
        else:
            yield path


def count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def summary(model: Scheme | Scenario) -> str:
    if isinstance(model, Scheme):
        return (f"{count(len(model.statuses), 'status', 'statuses')}, "
                f"{count(len(model.transitions), 'transition')}, "
                f"{count(len(model.stages), 'stage')}")
    return (f"scenario \"{model.name}\" on {model.scheme_path}, "
            f"{count(len(model.behaviours), 'status', 'statuses')} with behaviour")


def run_check(paths: tuple[str, ...], quiet: bool, color: bool) -> Exit:
    loader = Loader()
    shown: set[Diagnostic] = set()
    files = list(expand(paths))
    empty = [p for p in paths if os.path.isdir(p) and not list(expand([p]))]
    for folder in empty:
        click.echo(f"leadrules: no .leads or .scenario files in {folder}", err=True)
    if empty:
        return Exit.BAD_INPUT
    bad_files = 0
    for path in files:
        try:
            model = loader.load(path)
        except LeadrulesError as exc:
            bad_files += 1
            for d in exc.diagnostics:
                if d not in shown:
                    shown.add(d)
                    click.echo(render(d, color=color))
                    click.echo()
            continue
        if not quiet:
            click.echo(f"{path}: ok ({summary(model)})")
    if shown:
        click.echo(f"{count(len(shown), 'problem')} in {bad_files} of "
                   f"{count(len(files), 'file')}")
        return Exit.BAD_INPUT
    return Exit.CLEAN
