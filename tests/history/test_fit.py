"""Delay fitting: samples from known distributions are recognised, censoring is counted, and
the fits are written as valid scenario distributions."""

from __future__ import annotations

import math
import random

import pytest

from leadrules.history.fit import (
    dist_text,
    fit_all,
    km_curve,
    ks_distance,
    number,
    regularized_gamma,
)

DAY = 86400.0


def _sample(kind: str, n: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    draw = {
        "exponential": lambda: rng.expovariate(1 / (2 * DAY)),
        "lognormal": lambda: rng.lognormvariate(math.log(DAY), 1.0),
        "gamma": lambda: rng.gammavariate(6.0, DAY / 2),
        "uniform": lambda: rng.uniform(2 * DAY, 5 * DAY),
    }[kind]
    return [draw() for _ in range(n)]


@pytest.mark.parametrize("kind", ["exponential", "lognormal", "gamma", "uniform"])
def test_samples_from_a_known_distribution_are_recognised(kind: str) -> None:
    """2,000 draws (fixed seed) from each candidate are fitted best by that candidate."""
    selection = fit_all(_sample(kind, 2000, seed=11), [True] * 2000)
    assert selection is not None
    assert selection.best.kind == kind, [(f.kind, round(f.ks, 4)) for f in selection.fits]
    assert selection.best.ks < 1.63 / math.sqrt(2000)  # under the KS 1% critical value


def test_fitted_means_are_within_three_standard_errors() -> None:
    """The chosen fit's mean matches the true mean within 3 standard errors (sd/sqrt(n))."""
    truth = {"exponential": (2 * DAY, 2 * DAY), "gamma": (3 * DAY, 3 * DAY / math.sqrt(6)),
             "uniform": (3.5 * DAY, 3 * DAY / math.sqrt(12))}
    for kind, (mean, sd) in truth.items():
        best = fit_all(_sample(kind, 2000, seed=5), [True] * 2000).best  # type: ignore[union-attr]
        assert abs(best.mean - mean) < 3 * sd / math.sqrt(2000), kind


def test_censored_sojourns_give_the_reach_and_the_delay_given_a_move() -> None:
    """60% of visits move after ~1 day, 40% never do; everything is censored at a random
    follow-up of 10..20 days. The Kaplan–Meier reach finds the 60% (3 binomial SEs) and the
    delay given a move its 1-day mean (3 SEs), instead of mixing in the leads that stay."""
    rng = random.Random(9)
    times, done = [], []
    for _ in range(4000):
        follow = rng.uniform(10 * DAY, 20 * DAY)
        delay = rng.expovariate(1 / DAY) if rng.random() < 0.6 else math.inf
        times.append(min(delay, follow))
        done.append(delay <= follow)
    selection = fit_all(times, done)
    assert selection is not None and selection.censored == sum(not d for d in done)
    assert abs(selection.reach - 0.6) < 3 * math.sqrt(0.6 * 0.4 / 4000)
    assert selection.best.kind == "exponential"
    assert abs(selection.best.mean - DAY) < 3 * DAY / math.sqrt(selection.moves)


def test_kaplan_meier_by_hand() -> None:
    """Sojourns 1, 2+, 3, 4 (2 censored): S drops by 1/4 at 1, then by 1/2 at 3, then to 0."""
    curve = km_curve([1, 2, 3, 4], [True, False, True, True])
    assert curve == [(1, 0.25), (3, pytest.approx(0.625)), (4, 1.0)]



def test_kaplan_meier_with_ties_counts_the_censored_as_at_risk_at_their_time() -> None:
    """Sojourns 2, 2+, 2, 5 and 7+: at 2 all five are at risk and two move (S = 3/5); the lead
    censored at 2 then leaves the risk set, so at 5 one of two moves (S = 3/10); the censored
    7+ adds no step. The order the tied rows come in does not matter."""
    expected = [(2, pytest.approx(0.4)), (5, pytest.approx(0.7))]
    assert km_curve([2, 2, 2, 5, 7], [True, False, True, True, False]) == expected
    assert km_curve([7, 2, 5, 2, 2], [False, False, True, True, True]) == expected

def test_ks_distance_by_hand() -> None:
    """A CDF of t/4 against the steps 0.25@1, 0.625@3, 1@4 is furthest off just before 3,
    where the curve is still 0.25 and the model is 0.75; a CDF equal to the steps at each
    step's top still differs just before each step."""
    curve = [(1.0, 0.25), (3.0, 0.625), (4.0, 1.0)]
    assert ks_distance(lambda t: t / 4, curve) == pytest.approx(0.5)
    assert ks_distance(lambda t: 0.25 if t < 3 else 0.625 if t < 4 else 1.0,
                       curve) == pytest.approx(0.375)


def test_regularized_gamma_matches_closed_forms() -> None:
    """P(1, x) = 1 - e^-x and P(2, x) = 1 - (1 + x) e^-x, on both sides of the series switch."""
    for x in (0.1, 1.0, 2.5, 7.0, 30.0):
        assert regularized_gamma(1.0, x) == pytest.approx(1 - math.exp(-x), abs=1e-12)
        assert regularized_gamma(2.0, x) == pytest.approx(1 - (1 + x) * math.exp(-x), abs=1e-12)


def test_no_completed_sojourn_means_no_fit() -> None:
    """Only censored sojourns: nothing to fit (None), rather than a made-up distribution."""
    assert fit_all([DAY, 2 * DAY], [False, False]) is None


def test_fits_are_written_in_the_scenario_language() -> None:
    """Units on every parameter, three significant digits, no exponent notation."""
    best = fit_all(_sample("lognormal", 500, seed=2), [True] * 500).best  # type: ignore[union-attr]
    text = dist_text(best)
    assert text.startswith("lognormal(") and text.count("hours") + text.count("days") == 2
    assert number(0.000123456) == "0.000123" and number(123456.7) == "123457"
    assert number(2.0) == "2" and number(12.345) == "12.3"


def test_cumulative_incidence_by_hand() -> None:
    """Aalen–Johansen on four visits: A at 1 (4 at risk: 1/4), one censored at 2, B at 3
    (2 at risk, 3/4 still there: 3/8) and B at 4 (the last one: 3/8). A 1/4, B 3/4 — where
    the raw counts would say 1/3 and 2/3, undercounting the move that comes after censoring.
    The chances add up to the Kaplan–Meier curve's last value; entries work as in km_curve."""
    from leadrules.history.fit import cumulative_incidence

    got = cumulative_incidence([1, 2, 3, 4], ["A", None, "B", "B"])
    assert got == pytest.approx({"A": 0.25, "B": 0.75})
    assert sum(got.values()) == pytest.approx(km_curve([1, 2, 3, 4],
                                                       [True, False, True, True])[-1][1])
    late = cumulative_incidence([2, 4, 6, 8], ["A", "B", None, "B"], [0, 0, 3, 5])
    assert sum(late.values()) == pytest.approx(
        km_curve([2, 4, 6, 8], [True, True, False, True], [0, 0, 3, 5])[-1][1])
    assert late == pytest.approx({"A": 0.5, "B": 0.5})
