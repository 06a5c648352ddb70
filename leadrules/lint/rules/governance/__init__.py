"""Governance: the council's own promises (reviews, healthy ranges)."""

RULES: tuple = ()
