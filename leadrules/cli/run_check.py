"""The check command's work: expand paths, check, write a baseline, render, pick the exit code."""

from __future__ import annotations

import datetime as dt
import importlib
import os
from pathlib import Path

import click

from leadrules.cli.check import Checker, CheckOptions, exit_code, expand
from leadrules.cli.exit import Exit
from leadrules.errors import LeadrulesError
from leadrules.lint.baseline import read_baseline, write_baseline
from leadrules.lint.config import SEVERITIES
from leadrules.report.model import FileReport, Report
from leadrules.report.text import render_report


def run_check(paths: tuple[str, ...], *, fmt: str | None, fail_on: str | None,
              config: str | None, baseline: str | None, write_baseline: str | None,
              lint: bool, today: dt.date | None, output: str | None, quiet: bool,
              color: bool, verbose: bool = False) -> Exit:
    empty = [p for p in paths if os.path.isdir(p) and not list(expand([p]))]
    for folder in empty:
        click.echo(f"leadrules: no .leads or .scenario files in {folder}", err=True)
    if empty:
        return Exit.BAD_INPUT
    files = list(expand(paths))
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    try:
        known = read_baseline(baseline) if baseline and not write_baseline else frozenset()
    except LeadrulesError as exc:
        report = Report((FileReport(baseline or "", "unknown", exc.diagnostics),))
        _emit(render(report, fmt, color, quiet), output)
        return Exit.BAD_INPUT
    options = CheckOptions(fail_on=SEVERITIES[fail_on] if fail_on else None, config=config,
                           baseline=known, today=today, lint=lint)
    checker = Checker(options)
    report = checker.run(files)
    if write_baseline and not report.errors:
        n = write_baseline_file(write_baseline, checker)
        click.echo(f"leadrules: recorded {n} finding{'s' if n != 1 else ''} in "
                   f"{write_baseline}", err=True)
        return Exit.CLEAN
    _emit(render(report, fmt, color, quiet, verbose), output)
    return exit_code(report)


def write_baseline_file(path: str, checker: Checker) -> int:
    return write_baseline(path, (f.fingerprint for f in checker.findings))


def render(report: Report, fmt: str, color: bool = False, quiet: bool = False,
           verbose: bool = False) -> str:
    """The report in one of the output formats (text, json, sarif, github, markdown)."""
    if fmt == "text":
        return render_report(report, color, quiet, verbose)
    module = importlib.import_module(f"leadrules.report.{fmt}")
    return str(module.render(report))


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text + ("\n" if text and not text.endswith("\n") else ""),
                                encoding="utf-8")
    elif text:
        click.echo(text)


__all__ = ["run_check"]
