"""What a check produces, independent of how it is shown: per file, its diagnostics.

Every output format (text, json, sarif, github, markdown) renders a `Report`; the CLI picks
the format and the exit code from it.
"""

from __future__ import annotations

from typing import Literal

import attrs

from leadrules.errors import Diagnostic, Severity

Kind = Literal["scheme", "scenario", "unknown"]


@attrs.frozen
class FileReport:
    """One checked file: its problems (errors that stop it, and lint findings) in order."""

    path: str
    kind: Kind
    diagnostics: tuple[Diagnostic, ...] = ()
    summary: str | None = None  # what was understood, when the file loaded
    baselined: int = 0  # findings hidden by the baseline

    @property
    def loaded(self) -> bool:
        """Whether the file parsed and resolved (lint findings do not count against it)."""
        return not any(d.rule is None and d.severity == Severity.ERROR for d in self.diagnostics)


@attrs.frozen
class Report:
    files: tuple[FileReport, ...]
    fail_on: Severity = Severity.WARNING

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(d for f in self.files for d in f.diagnostics)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """Problems that make a file unusable (parse, resolve, read): exit code 2."""
        return tuple(d for d in self.diagnostics if d.rule is None)

    @property
    def findings(self) -> tuple[Diagnostic, ...]:
        """Lint findings."""
        return tuple(d for d in self.diagnostics if d.rule is not None)

    @property
    def failing(self) -> tuple[Diagnostic, ...]:
        """Findings at or above the --fail-on level: exit code 1."""
        return tuple(d for d in self.findings if d.severity >= self.fail_on)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.findings if d.severity == severity)
