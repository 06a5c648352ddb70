"""Helpers for rule tests: lint a text and see what one rule says, as plain tuples."""

from __future__ import annotations

import datetime as dt
from typing import Any

from leadrules import load_text
from leadrules.lint import LintConfig, lint
from leadrules.model.scheme import Scheme

TODAY = dt.date(2026, 11, 26)


def run(text: str, rule: str | None = None, *, options: dict[str, Any] | None = None,
        words: dict[str, tuple[str, ...]] | None = None, today: dt.date = TODAY):
    """Lint `text` (a whole scheme); return the findings of `rule` (or all) as Diagnostics."""
    scheme = load_text(text, "t.leads")
    assert isinstance(scheme, Scheme)
    config = LintConfig(options={rule: options} if rule and options else {},
                        words=words or {})
    result = lint(scheme, config, source=text, today=today)
    return [d for d in result.diagnostics if rule is None or d.rule == rule]


def lines(text: str, rule: str, **kwargs: Any) -> list[int]:
    """The lines `rule` reports on, in order."""
    return [d.span.line for d in run(text, rule, **kwargs)]


def messages(text: str, rule: str, **kwargs: Any) -> list[str]:
    return [d.message for d in run(text, rule, **kwargs)]
