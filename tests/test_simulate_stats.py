"""Statistics for replications: t quantiles, intervals, paired differences, tallies."""

from __future__ import annotations

import math
import random
from statistics import NormalDist

import pytest

from leadrules.simulate.stats import (
    Estimate,
    Tally,
    TimeWeighted,
    difference,
    percentile,
    summary,
    t_quantile,
)

# Two-sided 95% (p = 0.975) and other standard table values of Student's t.
T_TABLE = [
    (0.975, 1, 12.7062047362),
    (0.975, 2, 4.30265272975),
    (0.975, 4, 2.77644510520),
    (0.975, 5, 2.57058183564),
    (0.975, 9, 2.26215716280),
    (0.975, 10, 2.22813885196),
    (0.975, 30, 2.04227245630),
    (0.975, 1000, 1.96233908082),
    (0.995, 3, 5.84090930973),
    (0.95, 4, 2.13184678633),
    (0.99, 20, 2.52797700274),
    (0.95, 9, 1.83311293266),
]


@pytest.mark.parametrize(("p", "df", "expected"), T_TABLE)
def test_t_quantile_table(p, df, expected):
    """The quantile matches published values to the 12 digits given, and is odd around 1/2."""
    assert t_quantile(p, df) == pytest.approx(expected, rel=1e-10)
    assert t_quantile(1 - p, df) == pytest.approx(-expected, rel=1e-10)


def test_t_quantile_closed_forms():
    """One degree of freedom is the Cauchy quantile and two have a closed form; p = 1/2 is 0."""
    for p in (0.6, 0.9, 0.99, 0.999):
        assert t_quantile(p, 1) == pytest.approx(math.tan(math.pi * (p - 0.5)), rel=1e-12)
        closed = (2 * p - 1) / math.sqrt(2 * p * (1 - p))
        assert t_quantile(p, 2) == pytest.approx(closed, rel=1e-12)
    p = 1 - 1e-6  # far in the tail tan(π(p − ½)) loses digits; cot(πq) = 1/(πq) − πq/3 − …
    q = 1 - p  # exact, and not quite 1e-6
    assert t_quantile(p, 1) == pytest.approx(1 / (math.pi * q) - math.pi * q / 3, rel=1e-12)
    assert t_quantile(0.5, 7) == 0.0


def test_t_quantile_large_df_tends_to_normal():
    """With many degrees of freedom the quantile approaches the normal one from above."""
    z = NormalDist().inv_cdf(0.975)
    assert z == pytest.approx(1.95996398454, rel=1e-10)
    assert t_quantile(0.975, 10**6) == pytest.approx(1.95996635681, rel=1e-10)
    assert t_quantile(0.975, 10**9) == pytest.approx(1.95996398454, rel=1e-8)
    assert t_quantile(0.975, 10**15) == pytest.approx(z, rel=1e-13)
    for df in [*range(1, 60), 9_999, 10_000, 10_001, 10**5]:
        assert t_quantile(0.975, df) > t_quantile(0.975, df + 1) > z


def test_t_quantile_rejects_bad_arguments():
    """p outside (0, 1) or fewer than one degree of freedom is an error."""
    for p, df in [(0.0, 5), (1.0, 5), (1.5, 5), (0.975, 0)]:
        with pytest.raises(ValueError):
            t_quantile(p, df)


def test_estimate_by_hand():
    """Mean and half-width of 1..5 are 3 and t(0.975, 4)·sd/√n, with sd = √2.5."""
    e = Estimate.of([1, 2, 3, 4, 5])
    hw = 2.7764451052 * math.sqrt(2.5) / math.sqrt(5)
    assert (e.mean, e.n) == (3.0, 5)
    assert e.halfwidth == pytest.approx(hw, rel=1e-10)
    assert (e.low, e.high) == pytest.approx((3 - hw, 3 + hw))
    assert e.contains(3 + hw * 0.99) and not e.contains(3 + hw * 1.01)
    narrower = Estimate.of([1, 2, 3, 4, 5], confidence=0.9)
    assert narrower.halfwidth == pytest.approx(2.13184678633 * math.sqrt(0.5), rel=1e-10)


def test_estimate_single_run_and_errors():
    """One run has an infinite interval (never significant); no values or NaN is an error."""
    e = Estimate.of([4.0])
    assert (e.mean, e.low, e.high, e.halfwidth, e.n) == (4.0, -math.inf, math.inf, math.inf, 1)
    assert e.contains(1e300) and not e.significant
    for bad in ([], [1.0, math.nan], [1.0, math.inf]):
        with pytest.raises(ValueError):
            Estimate.of(bad)
    with pytest.raises(ValueError):
        Estimate.of([1.0, 2.0], confidence=1.0)


def test_estimate_str():
    """The interval is printed to the first significant digit of its half-width."""
    assert str(Estimate(12.34, 11.81, 12.87, 10, 0.53)) == "12.3 [11.8, 12.9]"
    assert str(Estimate(103.4, 100.2, 106.6, 5, 3.2)) == "103 [100, 107]"
    assert str(Estimate(0.1234, 0.1214, 0.1254, 5, 0.002)) == "0.123 [0.121, 0.125]"
    assert str(Estimate.of([2, 2, 2])) == "2 [2, 2]"
    assert str(Estimate.of([5.0])) == "5 (1 run, no interval)"


def test_confidence_interval_coverage():
    """About 95% of 2000 intervals from 10 normal samples cover the true mean (fixed seed)."""
    rng = random.Random(1)
    trials, covered = 2000, 0
    for _ in range(trials):
        e = Estimate.of([rng.gauss(5.0, 2.0) for _ in range(10)])
        covered += e.contains(5.0)
    tolerance = 3 * math.sqrt(0.95 * 0.05 / trials)  # three binomial standard errors
    assert abs(covered / trials - 0.95) <= tolerance


def test_paired_difference():
    """Identical runs differ by exactly 0 (not significant); a constant shift is significant."""
    rng = random.Random(7)
    a = [rng.gauss(50, 10) for _ in range(8)]
    same = difference(a, list(a))
    assert (same.mean, same.halfwidth) == (0.0, 0.0) and not same.significant
    shifted = difference(a, [x + 3 for x in a])
    assert shifted.mean == pytest.approx(-3.0)
    assert shifted.halfwidth == pytest.approx(0.0, abs=1e-12)
    assert shifted.significant
    with pytest.raises(ValueError):
        difference([1.0, 2.0], [1.0])


def test_pairing_removes_shared_noise():
    """With common random numbers a small effect is found that unpaired intervals would hide."""
    rng = random.Random(3)
    base = [rng.gauss(100, 30) for _ in range(10)]
    a = [x + rng.gauss(0, 0.1) for x in base]
    b = [x + 1 + rng.gauss(0, 0.1) for x in base]
    d = difference(a, b)
    assert d.significant and d.contains(-1.0)
    ea, eb = Estimate.of(a), Estimate.of(b)
    assert ea.contains(eb.mean) and eb.contains(ea.mean)


def test_percentile_linear_interpolation():
    """Linear interpolation between order statistics, as numpy's default (unsorted input)."""
    xs = [35, 15, 50, 40, 20]
    assert percentile(xs, 40) == pytest.approx(29.0)  # 20 + 0.6·(35 − 20)
    assert percentile(xs, 90) == pytest.approx(46.0)  # 40 + 0.6·(50 − 40)
    assert (percentile(xs, 0), percentile(xs, 50), percentile(xs, 100)) == (15, 35, 50)
    assert percentile([7.5], 33) == 7.5
    for bad_values, q in [([], 50), ([1.0], -1), ([1.0], 100.5), ([math.nan, 1.0], 50)]:
        with pytest.raises(ValueError):
            percentile(bad_values, q)


def test_summary():
    """Mean, median, 90th percentile and count of 1..10."""
    s = summary(range(10, 0, -1))
    assert s == {"mean": 5.5, "median": 5.5, "p90": pytest.approx(9.1), "n": 10}


def test_time_weighted_with_warmup():
    """Only time after the warm-up counts; the level in force at its end carries in."""
    wip = TimeWeighted(start=10)
    wip.update(0, 2)  # warm-up only: never measured
    wip.update(5, 4)  # in force from 10 to 12
    wip.update(12, 1)  # 12 to 20
    wip.update(20, 3)  # 20 to 30
    assert wip.mean(30) == pytest.approx((4 * 2 + 1 * 8 + 3 * 10) / 20)
    assert wip.peak == 4
    wip.update(25, 9)
    wip.update(25, 3)  # a level held for an instant counts for the peak, not the mean
    assert wip.mean(30) == pytest.approx(2.3) and wip.peak == 9


def test_time_weighted_edges():
    """No warm-up, an update exactly at the start, and times going back."""
    level = TimeWeighted(level=5)
    assert level.mean(4) == 5.0 and level.peak == 5
    at_start = TimeWeighted(start=10, level=8)
    at_start.update(10, 1)
    assert at_start.mean(20) == 1.0 and at_start.peak == 1
    with pytest.raises(ValueError):
        at_start.update(9, 2)
    for t_end in (10, 5):
        with pytest.raises(ValueError):
            at_start.mean(t_end)


def test_tally():
    """Count, Welford mean and sample variance, extremes, and every value kept in order."""
    t = Tally()
    for x in [2, 4, 4, 4, 5, 5, 7, 9]:
        t.add(x)
    assert (t.n, t.mean, t.min, t.max) == (8, 5.0, 2, 9)
    assert t.variance == pytest.approx(32 / 7)
    assert t.values == [2, 4, 4, 4, 5, 5, 7, 9]
    assert percentile(t.values, 50) == 4.5


def test_tally_is_numerically_stable_and_strict():
    """A large offset does not swamp the variance; empty or NaN input is an error."""
    t = Tally()
    for x in [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]:
        t.add(x)
    assert t.variance == pytest.approx(30.0, rel=1e-9)
    empty = Tally()
    with pytest.raises(ValueError):
        _ = empty.mean
    empty.add(1.0)
    with pytest.raises(ValueError):
        _ = empty.variance
    with pytest.raises(ValueError):
        empty.add(math.nan)
