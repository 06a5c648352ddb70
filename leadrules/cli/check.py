"""`leadrules check FILE...`: parse, resolve and lint schemes and scenarios; one report."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from leadrules.cli.exit import Exit
from leadrules.errors import Diagnostic, LeadrulesError, Severity
from leadrules.lint import LintConfig, find_config, lint, load_config
from leadrules.lint.engine import Finding, LintResult
from leadrules.loader import Loader
from leadrules.model.scenario import Scenario
from leadrules.model.scheme import Scheme
from leadrules.report.model import FileReport, Kind, Report

SUFFIXES = (".leads", ".scenario")


@attrs.frozen
class CheckOptions:
    fail_on: Severity | None = None  # None: the configuration's, else warning
    config: str | None = None
    baseline: frozenset[str] = frozenset()
    today: dt.date | None = None
    lint: bool = True


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files as given; folders become their `*.leads` and `*.scenario` files, sorted."""
    for path in paths:
        if os.path.isdir(path):
            yield from sorted(str(p) for p in Path(path).rglob("*") if p.suffix in SUFFIXES
                              and not any(part.startswith(".")
                                          for part in p.relative_to(path).parts))
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


class Checker:
    """Checks files one by one, sharing loaded schemes and configurations."""

    def __init__(self, options: CheckOptions) -> None:
        self.options = options
        self.loader = Loader()
        self.configs: dict[str, LintConfig | LeadrulesError] = {}
        self.findings: list[Finding] = []

    def run(self, paths: list[str]) -> Report:
        self.reports: dict[str, FileReport] = {}
        self.seen: set[Diagnostic] = set()
        for path in paths:
            kind: Kind = "scenario" if path.endswith(".scenario") else "scheme"
            try:
                model = self.loader.load(path)
            except LeadrulesError as exc:
                self.add(path, kind, exc.diagnostics)
                continue
            kind = "scheme" if isinstance(model, Scheme) else "scenario"
            if not isinstance(model, Scheme) or not self.options.lint:
                self.add(path, kind, (), summary(model))
                continue
            try:
                result = self.lint(path, model)
            except LeadrulesError as exc:  # a broken configuration file
                self.add(path, kind, exc.diagnostics)
                continue
            self.add(path, kind, result.diagnostics, summary(model), result.baselined)
        fail_on = self.options.fail_on or self.fail_on_from_config()
        ordered = sorted(self.reports, key=_order(paths))
        return Report(tuple(self.reports[k] for k in ordered), fail_on)

    def add(self, path: str, kind: Kind, diagnostics: Iterable[Diagnostic],
            summary: str | None = None, baselined: int = 0) -> None:
        """File the diagnostics under the file each points at (a scenario's broken scheme is
        reported as the scheme's), each diagnostic once."""
        fresh = [d for d in diagnostics if d not in self.seen]
        self.seen.update(fresh)
        by_file: dict[str, list[Diagnostic]] = {path: []}
        for d in fresh:
            by_file.setdefault(d.span.file, []).append(d)
        for name, items in by_file.items():
            old = self.reports.get(name) or FileReport(name, kind if name == path else "unknown")
            new = attrs.evolve(old, diagnostics=old.diagnostics + tuple(items))
            if name == path:
                new = attrs.evolve(new, kind=kind, summary=summary, baselined=baselined)
            self.reports[name] = new

    def lint(self, path: str, scheme: Scheme) -> LintResult:
        config = self.config_for(path)
        source = Path(path).read_text(encoding="utf-8").lstrip("\ufeff")
        result = lint(scheme, config, source=source, today=self.options.today,
                      baseline=self.options.baseline)
        self.findings.extend(result.findings)
        return result

    def config_for(self, path: str) -> LintConfig:
        found = self.options.config or find_config(path)
        if found is None:
            return LintConfig()
        key = os.path.realpath(found)
        if key not in self.configs:
            try:
                self.configs[key] = load_config(found)
            except LeadrulesError as exc:
                self.configs[key] = exc
        config = self.configs[key]
        if isinstance(config, LeadrulesError):
            raise config
        return config

    def fail_on_from_config(self) -> Severity:
        levels = [c.fail_on for c in self.configs.values() if isinstance(c, LintConfig)]
        return min(levels) if levels else Severity.WARNING


def _order(paths: list[str]) -> Any:
    given = {p: i for i, p in enumerate(paths)}
    return lambda name: (given.get(name, len(given)), name)


def exit_code(report: Report) -> Exit:
    if report.errors:
        return Exit.BAD_INPUT
    return Exit.FINDINGS if report.failing else Exit.CLEAN
