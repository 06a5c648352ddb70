"""Rules about the linting itself (suppression comments)."""

from leadrules.lint.rules.meta import unused_suppression

RULES = (unused_suppression,)
