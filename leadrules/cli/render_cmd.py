"""`leadrules render FILE -o OUT`: load a scheme, lint it if asked, draw it, write the file.

The work is in `leadrules.render`; this module only picks the format, reads and writes files
and reports problems the usual way (located messages, exit code 2).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from leadrules.cli.exit import Exit
from leadrules.errors import Diagnostic, LeadrulesError
from leadrules.lint import LintConfig, find_config, lint, load_config
from leadrules.loader import Loader
from leadrules.render import (
    FORMATS,
    IMAGE_FORMATS,
    DotMissing,
    render_dot,
    render_mermaid,
    to_image,
)
from leadrules.render.focus import UnknownFocus
from leadrules.report.text import line_from_disk, render


def run_render(file: str, *, output: str | None, fmt: str | None, with_lint: bool,
               focus: str | None, locale: str | None, today: dt.date | None) -> Exit:
    """Draw `file` into `output` (or print DOT or Mermaid text); the exit code."""
    fmt = fmt or _format_of(output)
    if fmt is None:
        click.echo(f"leadrules: cannot tell the format from '{output}': name the file .svg, "
                   ".png, .pdf, .dot or .mmd, or give --format", err=True)
        return Exit.BAD_INPUT
    if output is None and fmt in ("png", "pdf"):
        click.echo(f"leadrules: {fmt.upper()} is binary: give a file to write with -o",
                   err=True)
        return Exit.BAD_INPUT
    try:
        scheme = Loader().scheme(file)
        findings = _lint(file, scheme, today) if with_lint else ()
        if fmt == "mmd":
            data: str | bytes = render_mermaid(scheme, focus=focus, locale=locale)
        else:
            data = render_dot(scheme, findings=findings, focus=focus, locale=locale)
            if fmt in IMAGE_FORMATS:
                data = to_image(data, fmt, source=file)
    except (DotMissing, UnknownFocus) as exc:
        # about the command, not a line of the file: no source line under the message
        _report(exc.diagnostics, show_source=False)
        return Exit.BAD_INPUT
    except LeadrulesError as exc:
        _report(exc.diagnostics)
        return Exit.BAD_INPUT
    if output is None:
        click.echo(data, nl=False)
        return Exit.CLEAN
    path = Path(output)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="\n")
    marked = f" ({len(findings)} lint finding{'s' if len(findings) != 1 else ''} marked)" \
        if with_lint else ""
    click.echo(f"wrote {output}{marked}")
    return Exit.CLEAN


def _format_of(output: str | None) -> str | None:
    if output is None:
        return "dot"
    suffix = Path(output).suffix.lower().lstrip(".")
    suffix = {"mermaid": "mmd", "gv": "dot"}.get(suffix, suffix)
    return suffix if suffix in FORMATS else None


def _lint(file: str, scheme, today: dt.date | None) -> tuple:
    """The scheme's lint findings, with the configuration `check` would use."""
    found = find_config(file)
    config = load_config(found) if found is not None else LintConfig()
    source = Path(file).read_text(encoding="utf-8").lstrip("\ufeff")
    return lint(scheme, config, source=source, today=today).findings


def _no_source(_file: str, _line: int) -> None:
    return None


def _report(diagnostics: tuple[Diagnostic, ...], show_source: bool = True) -> None:
    """The problems as `check` prints them, then a line saying nothing was drawn."""
    for d in diagnostics:
        click.echo(render(d, source=line_from_disk if show_source else _no_source))
        click.echo("")
    n = len(diagnostics)
    click.echo(f"nothing drawn: {n} problem{'s' if n != 1 else ''}")


__all__ = ["run_render"]
