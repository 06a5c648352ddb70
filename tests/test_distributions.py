"""The delay distributions' CDF and quantile (leadrules/distributions.py): what calibration's
goodness of fit and the simulator's aged open leads rely on.

`quantile` inverts `cdf` to machine precision, and `cdf` is the law of the draws the simulator
makes (`random.Random` under the same method names; `gauss` cut at 0). The sampling checks use
fixed seeds and the Dvoretzky–Kiefer–Wolfowitz bound, so they are deterministic (no retries).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from statistics import NormalDist

import pytest

from leadrules.distributions import cdf, quantile

LEVELS = (1e-6, 0.01, 0.3, 0.5, 0.9, 0.999)

# (method, a, b, c) as the simulator compiles them (dists.Draw.method and .args)
CONTINUOUS = [
    ("uniform", 2.0, 7.0, 0.0),
    ("expovariate", 0.25, 0.0, 0.0),
    ("triangular", 1.0, 9.0, 3.0),  # low, high, mode
    ("triangular", 1.0, 9.0, 1.0),  # mode at the low end
    ("triangular", 1.0, 9.0, 9.0),  # mode at the high end
    ("gauss", 5.0, 2.0, 0.0),  # a small atom at 0 (Φ(−2.5) ≈ 0.6%)
    ("gauss", 1.0, 2.0, 0.0),  # a large atom at 0 (Φ(−0.5) ≈ 31%)
    ("lognormvariate", 1.0, 0.25, 0.0),
    ("lognormvariate", 0.0, 1.0, 0.0),
    ("lognormvariate", 2.0, 2.5, 0.0),
    ("gammavariate", 0.3, 2.0, 0.0),
    ("gammavariate", 1.0, 2.0, 0.0),
    ("gammavariate", 3.5, 2.0, 0.0),
    ("gammavariate", 40.0, 2.0, 0.0),
]
ALL = [("fixed", 3.0, 0.0, 0.0), *CONTINUOUS]


def _id(case: tuple[str, float, float, float]) -> str:
    return "-".join(str(v) for v in case)


def _sampler(method: str, a: float, b: float, c: float,
             rng: random.Random) -> Callable[[], float]:
    """A draw as the simulator makes it (dists.compile_draw)."""
    if method == "fixed":
        return lambda: a
    if method == "gauss":
        return lambda: max(0.0, rng.gauss(a, b))
    if method == "expovariate":
        return lambda: rng.expovariate(a)
    if method == "triangular":
        return lambda: rng.triangular(a, b, c)
    return lambda: float(getattr(rng, method)(a, b))


@pytest.mark.parametrize("case", ALL, ids=_id)
def test_the_quantile_inverts_the_cdf(case):
    """cdf(quantile(u)) = u at every level, or (below an atom) the smallest t with
    cdf(t) >= u; and quantile(cdf(x)) = x wherever the CDF is strictly increasing."""
    method, a = case[0], case[1]
    f, q = cdf(*case), quantile(*case)
    for u in LEVELS:
        x = q(u)
        got = f(x)
        assert got >= u - 1e-12, (u, x, got)
        if method == "fixed":
            assert x == a and got == 1.0
            continue
        if method == "gauss" and u <= f(0.0):  # inside the atom at 0 of the cut normal
            assert x == 0.0
            continue
        # cdf(quantile(u)) = u to a relative 1e-9 (the gamma quantile stops its Newton steps at
        # a relative change of 1e-12; the others are closed forms)
        assert got == pytest.approx(u, rel=1e-9, abs=1e-15), (u, x, got)
        # and back: quantile(cdf(x)) = x
        assert q(got) == pytest.approx(x, rel=1e-9, abs=1e-300), (u, x)
        # the smallest such t: just below it the CDF is below u
        assert f(x * (1 - 1e-6)) < u or x == 0.0


@pytest.mark.parametrize("case", CONTINUOUS, ids=_id)
def test_quantile_of_cdf_on_a_grid_of_points(case):
    """Points spread over the support (not taken from the quantile) come back from
    quantile(cdf(x)); the CDF is monotone between them."""
    f, q = cdf(*case), quantile(*case)
    lo, hi = q(0.001), q(0.999)
    xs = [lo + (hi - lo) * k / 40 for k in range(1, 40)]
    values = [f(x) for x in xs]
    assert values == sorted(values)
    for x, u in zip(xs, values, strict=True):
        if x <= 0 or not 0 < u < 1:
            continue
        assert q(u) == pytest.approx(x, rel=1e-9), (x, u)


@pytest.mark.parametrize("seed, case", list(enumerate(ALL, start=11)), ids=[_id(c) for c in ALL])
def test_the_cdf_is_the_law_of_the_draws(seed, case):
    """The empirical CDF of 20,000 seeded `random.Random` draws (as the simulator makes them)
    stays within the DKW band of `cdf`: P(sup |F_n − F| > ε) ≤ 2·exp(−2nε²) = α for
    ε = sqrt(ln(2/α)/(2n)); α = 1e-3 gives ε ≈ 0.0138 at n = 20,000. The bound holds for any F,
    atoms included (the cut normal's atom at 0, the fixed delay)."""
    n, alpha = 20_000, 1e-3
    f = cdf(*case)
    method, a, b, c = case
    draw = _sampler(method, a, b, c, random.Random(seed))
    xs = sorted(draw() for _ in range(n))
    eps = math.sqrt(math.log(2 / alpha) / (2 * n))
    # sup over t of |F_n(t) − F(t)|: reached at a sample point or just below one
    gap = 0.0
    i = 0
    while i < n:
        j = i
        while j + 1 < n and xs[j + 1] == xs[i]:  # ties (the atoms)
            j += 1
        x = xs[i]
        below = f(math.nextafter(x, -math.inf))
        gap = max(gap, abs((j + 1) / n - f(x)), abs(i / n - below))
        i = j + 1
    assert gap <= eps, (case, gap, eps)


@pytest.mark.parametrize("mean, sd", [(5.0, 2.0), (1.0, 2.0), (0.0, 1.0), (-1.0, 3.0)])
def test_the_normal_delay_is_cut_at_zero(mean, sd):
    """A normal delay is max(0, X): no mass below 0, the negative part as an atom at 0 —
    cdf(0) = Φ(−mean/sd) — and the plain normal CDF above 0."""
    f, q = cdf("gauss", mean, sd), quantile("gauss", mean, sd)
    atom = NormalDist().cdf(-mean / sd)
    assert f(-1e-9) == 0.0 and f(-5.0) == 0.0
    assert f(0.0) == pytest.approx(atom, rel=1e-12)
    for t in (0.1, 1.0, 4.0, 10.0):
        assert f(t) == pytest.approx(NormalDist(mean, sd).cdf(t), rel=1e-12)
    # quantiles inside the atom are 0, never negative
    assert q(atom / 2) == 0.0
    assert all(q(u) >= 0.0 for u in LEVELS)


def test_closed_forms_at_known_points():
    """A few textbook values: the exponential's median, the gamma with shape 1 (exponential),
    Erlang-2, the lognormal's median, the triangular's mode, the uniform's middle."""
    assert cdf("expovariate", 0.5)(2 * math.log(2)) == pytest.approx(0.5, rel=1e-14)
    for t in (0.1, 1.0, 7.0):
        assert cdf("gammavariate", 1.0, 3.0)(t) == pytest.approx(1 - math.exp(-t / 3), rel=1e-12)
        assert cdf("gammavariate", 2.0, 1.0)(t) == pytest.approx(
            1 - math.exp(-t) * (1 + t), rel=1e-12)
    assert cdf("lognormvariate", 1.5, 0.7)(math.exp(1.5)) == pytest.approx(0.5, rel=1e-14)
    assert cdf("triangular", 0.0, 10.0, 4.0)(4.0) == pytest.approx(0.4, rel=1e-14)
    assert cdf("uniform", 2.0, 6.0)(4.0) == 0.5
    assert cdf("fixed", 3.0)(2.999) == 0.0 and cdf("fixed", 3.0)(3.0) == 1.0


def test_an_unknown_method_is_refused():
    """A method the simulator does not compile is an error, not a silent default."""
    with pytest.raises(ValueError):
        cdf("weibullvariate", 1.0, 1.0)
    with pytest.raises(ValueError):
        quantile("weibullvariate", 1.0, 1.0)
