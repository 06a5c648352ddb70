"""`leadrules diff`: what a change to a scheme means — classed changes, lint delta, impact.

Exit codes: 0 when nothing changed in meaning (whatever --fail-on says); 1 when a change at or
above --fail-on exists; 2 when either side cannot be read, parsed or resolved (the old side:
unless --old-invalid empty), or git cannot give the old text; 3 for a bug (by the CLI's
guard).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import click

from leadrules.cli.exit import Exit
from leadrules.diff.model import ChangeClass
from leadrules.diff.result import DiffReport
from leadrules.errors import Diagnostic, LeadrulesError
from leadrules.lint import LintConfig
from leadrules.loader import wrong_kind
from leadrules.model.scheme import Scheme
from leadrules.parse import parse_text, read_source
from leadrules.report.text import line_from_disk
from leadrules.report.text import render as render_diagnostic
from leadrules.resolve import resolve_scheme

# the old side is missing or is not a scheme at all: a mistake in the command, not a scheme
# that the change fixes (`--old-invalid empty` does not forgive these)
NOT_A_BROKEN_SCHEME = frozenset({"E001", "E003"})
FAIL_ON = {"breaking": ChangeClass.BREAKING, "behavioural": ChangeClass.BEHAVIOURAL,
           "any": ChangeClass.BEHAVIOURAL}


def run_diff(files: tuple[str, ...], *, against: str | None, fmt: str, output: str | None,
             scenario: str | None, runs: int | None, seed: int | None, jobs: int,
             fail_on: str, today: dt.date | None, color: bool,
             old_invalid: str = "fail") -> Exit:
    from leadrules.diff import diff_schemes
    from leadrules.diff.git import GitError, text_at
    from leadrules.diff.impact import lint_delta, simulate_both

    if against is None and len(files) != 2:
        click.echo("leadrules diff: give two schemes (OLD.leads NEW.leads), or one scheme and "
                   "--against REF", err=True)
        return Exit.BAD_INPUT
    if against is not None and len(files) != 1:
        click.echo("leadrules diff: with --against REF give one scheme (its text at REF is the "
                   "old side)", err=True)
        return Exit.BAD_INPUT
    texts: dict[str, str] = {}
    problems: list[Diagnostic] = []
    new_path = files[-1]
    old_absent = False
    try:
        new_text = read_source(new_path)
    except LeadrulesError as exc:
        _show(exc.diagnostics, texts)
        return Exit.BAD_INPUT
    if against is not None:
        try:
            found = text_at(new_path, against)
        except GitError as exc:
            click.echo(f"leadrules diff: {exc}", err=True)
            return Exit.BAD_INPUT
        old_label = found.label
        old_absent = found.text is None
        old_text = found.text or ""
    else:
        old_label = files[0]
        try:
            old_text = read_source(old_label)
        except LeadrulesError as exc:
            problems += exc.diagnostics
            old_text = ""
    texts[old_label], texts[new_path] = old_text, new_text
    old = Scheme(path=old_label, resolved=True) if old_absent else \
        _load(old_text, old_label, problems)
    new = _load(new_text, new_path, problems)
    old_problems: tuple[str, ...] = ()
    if old_invalid == "empty" and new is not None and problems \
            and all(d.span.file == old_label and d.code not in NOT_A_BROKEN_SCHEME
                    for d in problems):
        # the change fixes a broken scheme: compare with nothing, and say why
        old_problems = tuple(str(d) for d in problems)
        problems, old, old_absent, old_text = [], Scheme(path=old_label, resolved=True), True, ""
    if problems or old is None or new is None:
        _show(problems, texts)
        click.echo(f"{len(problems)} problem{'' if len(problems) == 1 else 's'}: the schemes "
                   "must load before they can be compared")
        return Exit.BAD_INPUT
    diff = diff_schemes(old, new)
    try:
        config = _config(new_path)
        delta = lint_delta(old, new, old_source=old_text, new_source=new_text, config=config,
                           today=today, renamed=diff.pairing.renamed)
        simulation = None
        if scenario is not None:
            simulation = simulate_both(scenario, old, new, runs=runs, seed=seed, jobs=jobs,
                                       renamed=diff.pairing.renamed)
    except LeadrulesError as exc:
        _show(exc.diagnostics, texts)
        return Exit.BAD_INPUT
    report = DiffReport(diff, old, new, old_label, new_path, old_absent, delta, simulation,
                        old_problems)
    text = _write(report, fmt, color and output is None)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            click.echo(f"leadrules: cannot write {output}: {exc.strerror or exc}", err=True)
            return Exit.BAD_INPUT
    if not diff.meaningful or fail_on == "never":
        return Exit.CLEAN
    worst = diff.worst
    assert worst is not None
    return Exit.FINDINGS if worst.rank >= FAIL_ON[fail_on].rank else Exit.CLEAN


def _load(text: str, label: str, problems: list[Diagnostic]) -> Scheme | None:
    """Parse and resolve one side; its problems go to `problems` (both sides are shown)."""
    wrong = wrong_kind(label, text, "scheme")
    if wrong is not None:
        problems.append(wrong)
        return None
    try:
        model = parse_text(text, label, "scheme")
        assert isinstance(model, Scheme)
        return resolve_scheme(model)
    except LeadrulesError as exc:
        problems += exc.diagnostics
        return None


def _config(path: str) -> LintConfig | None:
    from leadrules.lint import find_config, load_config

    found = find_config(path)
    return load_config(found) if found is not None else None


def _write(report: DiffReport, fmt: str, color: bool) -> str:
    if fmt == "json":
        from leadrules.diff import report_json
        return report_json.write(report)
    if fmt == "markdown":
        from leadrules.diff import report_markdown
        return report_markdown.write(report)
    from leadrules.diff import report_text
    return report_text.write(report, color=color)


def _show(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic], texts: dict[str, str]) -> None:
    """Diagnostics as `leadrules check` prints them (on standard output), with source lines
    from the texts read (the old side may come from git, not from disk)."""
    def source(path: str, line: int) -> str | None:
        if path in texts:
            lines = texts[path].lstrip("\ufeff").split("\n")
            return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else None
        return line_from_disk(path, line)

    lines_for: Callable[[str, int], str | None] = source
    for d in diagnostics:
        click.echo(render_diagnostic(d, lines_for, color=sys.stdout.isatty()))
        click.echo()
