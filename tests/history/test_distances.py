"""Backtest distances against values worked out by hand (docs/calibrate.md shows the same)."""

from __future__ import annotations

import math

import pytest

from leadrules.history.distances import (
    emd,
    jensen_shannon,
    mean_abs_error,
    ngram_counts,
    total_variation,
)


def test_emd_of_equal_samples_is_zero_and_of_shifted_ones_the_shift() -> None:
    """Identical samples are 0 apart; a sample moved by 2 days is 2 days away."""
    assert emd([1, 2, 3], [3, 2, 1]) == 0
    assert emd([1, 2, 3], [3, 4, 5]) == pytest.approx(2)


def test_emd_of_samples_of_different_sizes_by_hand() -> None:
    """{1,2,3} vs {2,3,4,5}: |F_a - F_b| is 1/3 on [1,2), 5/12 on [2,3), 1/2 on [3,4),
    1/4 on [4,5): area 1.5 (here also the difference of the means, as the CDFs never cross)."""
    assert emd([1, 2, 3], [2, 3, 4, 5]) == pytest.approx(1.5)


def test_emd_when_the_distribution_functions_cross() -> None:
    """{0, 10} vs {5, 5}: the CDFs differ by 1/2 on [0,5) and by 1/2 on [5,10): area 5,
    although the means are equal."""
    assert emd([0, 10], [5, 5]) == pytest.approx(5)


def test_emd_needs_samples() -> None:
    """An empty side has no distribution: a clear ValueError."""
    with pytest.raises(ValueError, match="non-empty"):
        emd([], [1])


def test_bigram_counts_by_hand() -> None:
    """Two sequences give their consecutive pairs; a one-status sequence gives none."""
    counts = ngram_counts([["▶", "New", "Won"], ["▶", "New", "Lost"], ["Won"]])
    assert counts == {("▶", "New"): 2, ("New", "Won"): 1, ("New", "Lost"): 1}


def test_jensen_shannon_by_hand() -> None:
    """Same shares → 0, disjoint → 1 (base 2); (1/2, 1/2) vs (1, 0) →
    ½·KL(p‖m) + ½·KL(q‖m) with m = (3/4, 1/4) = 0.311278."""
    assert jensen_shannon({"a": 2, "b": 2}, {"a": 5, "b": 5}) == 0
    assert jensen_shannon({"a": 1}, {"b": 1}) == pytest.approx(1)
    by_hand = 0.5 * (0.5 * math.log2(0.5 / 0.75) + 0.5 * math.log2(0.5 / 0.25)) \
        + 0.5 * math.log2(1 / 0.75)
    assert jensen_shannon({"a": 1, "b": 1}, {"a": 3}) == pytest.approx(by_hand)
    assert by_hand == pytest.approx(0.311278, abs=1e-6)


def test_total_variation_and_mean_absolute_error_by_hand() -> None:
    """Shares 60/40 vs 45/55 are 0.15 apart; weekly 10, 20 vs 12, 17 miss by 2.5 a week."""
    assert total_variation({"Won": 60, "Lost": 40}, {"Won": 9, "Lost": 11}) == pytest.approx(0.15)
    assert mean_abs_error([10, 20], [12, 17]) == pytest.approx(2.5)
    with pytest.raises(ValueError):
        mean_abs_error([1], [1, 2])
