"""Simulated figures for reports: which to show first, and numbers written the same way."""

from __future__ import annotations

import math

from leadrules.diff.impact import KEY_PREFIXES, Figure


def headline_figures(figures: tuple[Figure, ...], limit: int = 3) -> list[Figure]:
    """The significant funnel and outcome figures, else the largest significant changes."""
    significant = [f for f in figures if f.significant]
    key = [f for f in significant if f.figure.startswith(KEY_PREFIXES)]
    rest = [f for f in significant if not f.figure.startswith(KEY_PREFIXES)]
    return (key + rest)[:limit]


def num(x: float, sign: bool = False) -> str:
    if math.isnan(x):
        return "n/a"
    if math.isinf(x):
        return ("+" if x > 0 else "-") + "∞"
    return f"{x:+,.2f}" if sign else f"{x:,.2f}"


def ci(f: Figure) -> str:
    return f"{num(f.change, True)} [{num(f.low, True)}, {num(f.high, True)}]"


def figure_line(f: Figure) -> str:
    """`funnel.wins_per_week 46.93 → 31.52 (-15.42 [-17.52, -13.31])`."""
    return f"{f.figure} {num(f.before)} → {num(f.after)} ({ci(f)})"
