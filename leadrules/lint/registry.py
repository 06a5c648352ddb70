"""The explicit registry of lint rules, group by group (each group lists its own modules)."""

from __future__ import annotations

import functools

from leadrules.lint.rule import RuleModule
from leadrules.lint.rules import data, design, governance, graph, meta, stages, time
from leadrules.lint.rules.meta.unused_suppression import RULE as UNUSED_SUPPRESSION

GROUPS = (graph, design, data, time, stages, governance, meta)


@functools.cache
def all_rules() -> tuple[RuleModule, ...]:
    """Every rule, ordered by code; codes and names are checked to be unique."""
    modules = [RuleModule.of(m) for group in GROUPS for m in group.RULES]
    modules.sort(key=lambda m: m.rule.code)
    for attr in ("code", "name"):
        values = [getattr(m.rule, attr) for m in modules]
        duplicates = {v for v in values if values.count(v) > 1}
        if duplicates:
            raise RuntimeError(f"duplicate rule {attr}s: {sorted(duplicates)}")
    return tuple(modules)


def find_rule(key: str) -> RuleModule | None:
    """A rule by code (`LR102`, any case) or name (`unreachable-status`)."""
    key = key.strip()
    for module in all_rules():
        if key.upper() == module.rule.code or key == module.rule.name:
            return module
    return None


__all__ = ["UNUSED_SUPPRESSION", "all_rules", "find_rule"]
