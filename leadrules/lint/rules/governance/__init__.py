"""Governance: the council's own promises (reviews, healthy ranges)."""

from leadrules.lint.rules.governance import impossible_expect, review_overdue

RULES: tuple = (review_overdue, impossible_expect)
