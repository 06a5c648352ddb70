"""Name tables and their lookups, shared by the scheme and scenario resolvers.

A lookup that fails reports `E200 unknown …` at the reference, with "did you mean" among the
names of the right kind, and says so when the name exists but is of another kind ("'SQL' is a
stage, not a status").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from leadrules.errors import Diagnostic, Span
from leadrules.model.common import Ref
from leadrules.suggest import did_you_mean

HOW_TO_DECLARE = {
    "status": "a status declared with `status NAME { … }`",
    "stage": "a stage listed in `stages { … }`",
    "field": "a field declared with `field NAME TYPE`",
    "team": "a team declared with `team NAME`",
    "role": "a role declared with `role NAME`",
    "team or role": "a team (`team NAME`) or a role (`role NAME`)",
    "calendar": "a calendar declared with `calendar NAME { … }`",
    "event": "an event named by a transition (`on EVENT auto`)",
    "event or status": "an event of an automatic move (`on EVENT auto`) or a status reached "
                       "by a manual move",
}


class Collector:
    """Collects diagnostics; resolvers add to it and raise once at the end."""

    def __init__(self, initial: Iterable[Diagnostic] = ()) -> None:
        self.diagnostics: list[Diagnostic] = list(initial)

    def error(self, code: str, message: str, span: Span, **extra: Any) -> None:
        self.diagnostics.append(Diagnostic(code, message, span, **extra))


class Names:
    """Declared names by kind, with the span of each declaration."""

    def __init__(self, out: Collector) -> None:
        self.out = out
        self.tables: dict[str, dict[str, Span]] = {}
        self.first_kind: dict[tuple[str, str], str] = {}

    def declare(self, kind: str, name: str, span: Span, namespace: str | None = None) -> bool:
        """Record a declaration; a second one of the same name is `E201`."""
        table = self.tables.setdefault(namespace or kind, {})
        if name in table:
            first = table[name]
            first_kind = self.first_kind.get((namespace or kind, name), kind)
            message = f"{kind} '{name}' is declared twice" if first_kind == kind else \
                f"'{name}' is already a {first_kind}; a {kind} cannot have the same name"
            self.out.error("E201", message, span,
                           help=f"the first declaration is at line {first.line}")
            return False
        table[name] = span
        self.first_kind[(namespace or kind, name)] = kind
        self.tables.setdefault(kind, {}).setdefault(name, span)
        return True

    def has(self, kind: str, name: str) -> bool:
        return name in self.tables.get(kind, {})

    def check(self, kinds: str | tuple[str, ...], ref: Ref, extra: Iterable[str] = ()) -> bool:
        """Whether `ref` names something of one of `kinds` (or is one of `extra`);
        otherwise report it."""
        kinds = (kinds,) if isinstance(kinds, str) else kinds
        extras = set(extra)
        if ref.name in extras or any(self.has(k, ref.name) for k in kinds):
            return True
        what = " or ".join(kinds)
        candidates = extras.union(*(self.tables.get(k, {}) for k in kinds))
        other = next((k for k in ("status", "stage", "field", "team", "role", "event")
                      if k not in kinds and self.has(k, ref.name)), None)
        message = f"unknown {what} '{ref.name}'"
        if other:
            message = f"'{ref.name}' is a {other}, not a {what}"
        expected = HOW_TO_DECLARE.get(what)
        if expected and "owner" in extras:
            expected += " or `owner`, the lead's owner"
        self.out.error("E200", message, ref.span, help=did_you_mean(ref.name, candidates),
                       expected=expected)
        return False
