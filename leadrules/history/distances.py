"""Distances between what a forecast said and what happened, for backtests (pure Python).

Each is 0 for a perfect forecast and grows with the error; docs/calibrate.md defines them with
worked examples:

- `emd`: the earth mover's distance (1-D Wasserstein-1) between two samples — the area
  between their empirical distribution functions, in the samples' unit;
- `jensen_shannon`: between two frequency tables (n-gram counts), base 2, from 0 (same
  shares) to 1 (nothing in common);
- `total_variation`: half the L1 distance between two share tables (0..1);
- `mean_abs_error`: between two equally long series.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence


def emd(a: Sequence[float], b: Sequence[float]) -> float:
    """The integral of |F_a(x) - F_b(x)| over x, for the empirical CDFs of `a` and `b`.

    Both samples may differ in size; an empty sample has no distribution (ValueError)."""
    if not a or not b:
        raise ValueError("the earth mover's distance needs two non-empty samples")
    xs, ys = sorted(a), sorted(b)
    i = j = 0
    fa = fb = 0.0
    total, last = 0.0, min(xs[0], ys[0])
    while i < len(xs) or j < len(ys):
        x = min(xs[i] if i < len(xs) else math.inf, ys[j] if j < len(ys) else math.inf)
        total += abs(fa - fb) * (x - last)
        while i < len(xs) and xs[i] == x:
            i += 1
        while j < len(ys) and ys[j] == x:
            j += 1
        fa, fb, last = i / len(xs), j / len(ys), x
    return total


def ngrams(sequence: Sequence[str], n: int = 2) -> Iterable[tuple[str, ...]]:
    """The n-grams of one sequence, in order (none when it is shorter than n)."""
    return (tuple(sequence[k:k + n]) for k in range(len(sequence) - n + 1))


def ngram_counts(sequences: Iterable[Sequence[str]], n: int = 2) -> Counter[tuple[str, ...]]:
    counts: Counter[tuple[str, ...]] = Counter()
    for seq in sequences:
        counts.update(ngrams(seq, n))
    return counts


def shares(counts: Mapping[Hashable, float]) -> dict[Hashable, float]:
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()} if total else {}


def jensen_shannon(p: Mapping[Hashable, float], q: Mapping[Hashable, float]) -> float:
    """Jensen–Shannon divergence (base 2) between two count or share tables."""
    ps, qs = shares(p), shares(q)
    if not ps or not qs:
        raise ValueError("the Jensen–Shannon divergence needs two non-empty tables")
    total = 0.0
    for key in sorted(set(ps) | set(qs), key=repr):  # a fixed order: the same bits each run
        a, b = ps.get(key, 0.0), qs.get(key, 0.0)
        m = (a + b) / 2
        if a:
            total += a / 2 * math.log2(a / m)
        if b:
            total += b / 2 * math.log2(b / m)
    return max(0.0, total)


def total_variation(p: Mapping[Hashable, float], q: Mapping[Hashable, float]) -> float:
    """Half the L1 distance between two share tables (each normalised first)."""
    ps, qs = shares(p), shares(q)
    if not ps or not qs:
        raise ValueError("the total variation distance needs two non-empty tables")
    keys = sorted(set(ps) | set(qs), key=repr)
    return sum(abs(ps.get(k, 0.0) - qs.get(k, 0.0)) for k in keys) / 2


def mean_abs_error(forecast: Sequence[float], actual: Sequence[float]) -> float:
    if len(forecast) != len(actual) or not actual:
        raise ValueError("the series must be equally long and not empty")
    return sum(abs(f - a) for f, a in zip(forecast, actual, strict=True)) / len(actual)
