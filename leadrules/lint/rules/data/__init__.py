"""Data: what must be filled in, and whether automation respects it."""

RULES: tuple = ()
