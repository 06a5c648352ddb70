"""Diagnostics: what went wrong, where, and what to do about it.

Every stage of the flow (parse, resolve, and later lint, simulate) reports problems as
`Diagnostic` records carrying a `Span`. The library raises `LeadrulesError` holding one or more
diagnostics; it never prints. The CLI renders them with `leadrules.report.text`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import NamedTuple

import attrs


class Severity(enum.IntEnum):
    """How bad a diagnostic is; errors make the input unusable."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


class Span(NamedTuple):
    """A region of a source file: 1-based line and column of its first and last character.

    `end_column` is exclusive. `file` is the path as the user gave it. A named tuple, not an
    attrs class: a large scheme creates hundreds of thousands of spans, and tuples are built
    several times faster (immutable, hashable and ordered all the same).
    """

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, file: str, line: int, column: int, width: int = 1) -> Span:
        """A span of `width` characters on one line."""
        return cls(file, line, column, line, column + max(width, 1))

    @classmethod
    def whole_file(cls, file: str) -> Span:
        """The start of a file, for problems that belong to no particular line."""
        return cls(file, 1, 1, 1, 1)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@attrs.frozen
class Diagnostic:
    """One problem: a code such as `E201`, a message, a location and optional help."""

    code: str
    message: str
    span: Span
    severity: Severity = Severity.ERROR
    help: str | None = None
    expected: str | None = None
    rule: str | None = None  # a lint rule's readable name, such as "unreachable-status"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.span.file, self.span.line, self.span.column, self.code)

    def __str__(self) -> str:
        return f"{self.span}: {self.code} {self.message}"


class LeadrulesError(Exception):
    """The library's only exception for bad input: one or more diagnostics with locations."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(
            sorted(diagnostics, key=Diagnostic.sort_key)
        )
        if not self.diagnostics:
            raise ValueError("LeadrulesError needs at least one diagnostic")
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]
