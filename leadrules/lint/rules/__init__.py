"""Lint rules, one module each, grouped by what they look at (see `registry`)."""
