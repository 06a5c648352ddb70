"""`leadrules fmt FILE|FOLDER... [--check] [--diff]`: rewrite files in the canonical layout.

The layout is `leadrules.fmt`'s; this module finds the files, writes the ones that change
(atomically: a temporary file beside it, then a rename), and reports files that do not parse
exactly as `check` does (on stderr, because stdout may carry the formatted text or a diff).
"""

from __future__ import annotations

import difflib
import os
import sys
import tempfile
from pathlib import Path

import click

from leadrules.cli.check import count, expand
from leadrules.cli.exit import Exit
from leadrules.errors import Diagnostic, LeadrulesError
from leadrules.fmt import format_text
from leadrules.parse.parser import Kind, read_source
from leadrules.report.text import render


def run_fmt(paths: tuple[str, ...], *, check: bool, diff: bool, color: bool) -> Exit:
    """Format every file (or only report, with --check or --diff); the exit code."""
    empty = [p for p in paths if os.path.isdir(p) and not list(expand([p]))]
    for folder in empty:
        click.echo(f"leadrules: no .leads or .scenario files in {folder}", err=True)
    if empty:
        return Exit.BAD_INPUT
    if paths.count("-") > 1:
        click.echo("leadrules: `-` (stdin) can be given only once", err=True)
        return Exit.BAD_INPUT
    problems: list[tuple[Diagnostic, str | None]] = []
    changed: list[str] = []
    unwritable: list[str] = []
    files = list(expand(paths))
    for path in files:
        name = "<stdin>" if path == "-" else path
        text: str | None = None
        try:
            text = sys.stdin.read() if path == "-" else read_source(path)
            new = format_text(text, name, _kind(path))
        except LeadrulesError as exc:
            problems.extend((d, text if path == "-" else None) for d in exc.diagnostics)
            continue
        if path == "-" and not check and not diff:
            sys.stdout.write(new)
            continue
        if new == text:
            continue
        changed.append(path)
        if diff:
            _show_diff(name, text, new, color)
        elif check:
            click.echo(f"would reformat {name}")
        else:
            try:
                _write(path, new)
            except OSError as exc:  # a read-only file or folder, a full disk: left as it was
                unwritable.append(path)
                click.echo(f"leadrules: cannot write {path}: {exc.strerror or exc}; it is left "
                           "as it was", err=True)
                continue
            click.echo(f"reformatted {path}")
    for d, source in problems:
        click.echo(_render(d, source, color) + "\n", err=True)
    if problems:
        bad = len({d.span.file for d, _ in problems})
        click.echo(f"{count(len(problems), 'problem')} in {bad} of {count(len(files), 'file')}",
                   err=True)
        return Exit.BAD_INPUT
    if unwritable:
        return Exit.BAD_INPUT
    if check and changed:
        click.echo(f"{count(len(changed), 'file')} would be reformatted, "
                   f"{len(files) - len(changed)} already canonical", err=True)
        return Exit.FINDINGS
    return Exit.CLEAN


def _kind(path: str) -> Kind | None:
    return "scenario" if path.endswith(".scenario") else \
        "scheme" if path.endswith(".leads") else None


def _render(d: Diagnostic, source: str | None, color: bool) -> str:
    if source is None:
        return render(d, color=color)
    lines = source.lstrip("\ufeff").split("\n")
    return render(d, source=lambda _f, n: lines[n - 1].rstrip("\r")
                  if 0 < n <= len(lines) else None, color=color)


def _show_diff(name: str, old: str, new: str, color: bool) -> None:
    lines = difflib.unified_diff(old.replace("\r\n", "\n").splitlines(keepends=True),
                                 new.splitlines(keepends=True), name, f"{name} (formatted)")
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        if color and line.startswith(("+", "-")) and not line.startswith(("+++", "---")):
            line = f"\x1b[{32 if line[0] == '+' else 31}m{line.rstrip(chr(10))}\x1b[0m\n"
        elif color and line.startswith("@@"):
            line = f"\x1b[36m{line.rstrip(chr(10))}\x1b[0m\n"
        sys.stdout.write(line)


def _write(path: str, text: str) -> None:
    """Replace the file in one step, so an interrupted run never leaves half a scheme (through
    a symbolic link, the file it points at is replaced, and the link kept)."""
    target = Path(os.path.realpath(path))
    mode = target.stat().st_mode & 0o7777
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".fmt", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
