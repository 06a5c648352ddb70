"""What a lint rule is: its identity and options as data, its check as a generator.

A rule lives in one module of `leadrules.lint.rules`: the module docstring is its user
documentation (why it matters, options, a failing and a passing snippet), `RULE` says who it is,
and `check(ctx)` yields `Problem`s — a location and a message, nothing more. The engine applies
severity, configuration, suppressions and the baseline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs

from leadrules.errors import Severity, Span

if TYPE_CHECKING:
    from leadrules.lint.context import Context

GROUPS = ("graph", "design", "data", "time", "stages", "governance", "meta")


@attrs.frozen
class Option:
    """A rule option: its default, what it means, and the type values must have."""

    default: Any
    help: str
    type: type | tuple[type, ...] = int


@attrs.frozen
class Rule:
    """A rule's identity: code (`LR102`), kebab name, default severity, group and options."""

    code: str
    name: str
    severity: Severity
    group: str
    summary: str
    options: Mapping[str, Option] = attrs.field(factory=dict)


@attrs.frozen
class Problem:
    """One finding as a rule reports it: where, what, and optionally how to fix it.

    `subject` names what the finding is about (usually a status), so baselines survive edits
    that move lines around.
    """

    span: Span
    message: str
    help: str | None = None
    subject: str = ""
    severity: Severity | None = None  # for rules with graded levels; else the rule's own


Check = Callable[["Context"], Iterator[Problem]]


@attrs.frozen
class RuleModule:
    """A registered rule: its `RULE`, its `check` and its documentation."""

    rule: Rule
    check: Check
    doc: str

    @classmethod
    def of(cls, module: ModuleType) -> RuleModule:
        rule = module.RULE
        if not isinstance(rule, Rule):
            raise TypeError(f"{module.__name__}.RULE is not a Rule")
        return cls(rule, module.check, (module.__doc__ or "").strip())
