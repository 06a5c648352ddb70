"""`leadrules guide FILE [-o guide.md|guide.html] [--format md|html] [--locale ru]`.

Reads a scheme, writes the status guide (Markdown on screen by default). A file that cannot be
read, parsed or resolved is reported like `check` does — file, line, column, the line and a
caret — on stderr, with exit code 2; so are an unknown output format and a bad locale.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click

from leadrules.cli.exit import Exit
from leadrules.errors import LeadrulesError
from leadrules.loader import Loader
from leadrules.report.text import render

EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
LOCALE = re.compile(r"[A-Za-z]{2,3}([_-]([A-Za-z]{2}|[A-Za-z]{4}))?")


def run_guide(file: str, *, output: str | None = None, fmt: str | None = None,
              locale: str | None = None) -> Exit:
    if fmt is None:
        fmt = EXTENSIONS.get(Path(output).suffix.lower()) if output else "md"
        if fmt is None:
            click.echo(f"leadrules: cannot tell the guide's format from '{output}': name the "
                       "file .md or .html, or give --format md|html", err=True)
            return Exit.BAD_INPUT
    if locale is not None:
        if not LOCALE.fullmatch(locale):
            click.echo(f"leadrules: '{locale}' is not a language code (such as ru, pl, zh, "
                       "ms or pt_BR)", err=True)
            return Exit.BAD_INPUT
        locale = _normal(locale)
    try:
        scheme = Loader().scheme(file)
    except LeadrulesError as exc:
        for d in exc.diagnostics:
            click.echo(render(d), err=True)
            click.echo("", err=True)
        n = len(exc.diagnostics)
        click.echo(f"leadrules: no guide written: {n} problem{'s' if n != 1 else ''} in "
                   f"{file}", err=True)
        return Exit.BAD_INPUT

    from leadrules.guide import guide_html, guide_markdown

    text = guide_html(scheme, locale) if fmt == "html" else guide_markdown(scheme, locale)
    if output is None:
        click.echo(text, nl=False)
        return Exit.CLEAN
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        click.echo(f"leadrules: cannot write {output}: {exc.strerror}", err=True)
        return Exit.BAD_INPUT
    click.echo(f"leadrules: wrote the status guide to {output} ({len(scheme.statuses)} "
               f"status{'es' if len(scheme.statuses) != 1 else ''})", err=True)
    if fmt == "html" and shutil.which("dot") is None:
        click.echo("leadrules: the guide has no diagram: Graphviz's `dot` is not installed "
                   "(sudo apt-get install graphviz, or brew install graphviz)", err=True)
    return Exit.CLEAN


def _normal(locale: str) -> str:
    """`pt-br` → `pt_BR`, `RU` → `ru`, `zh-hant` → `zh_Hant`: as schemes write language codes."""
    base, _, region = locale.replace("-", "_").partition("_")
    if not region:
        return base.lower()
    return f"{base.lower()}_{region.upper() if len(region) == 2 else region.title()}"
