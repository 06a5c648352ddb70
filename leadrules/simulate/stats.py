"""Statistics for independent replications: confidence intervals, paired differences, tallies.

A scenario runs `runs N` times on independent random streams, each run giving one number per
measure (a conversion rate, a mean time to contact). The runs are i.i.d., so their mean with a
Student-t interval is the honest summary; comparing two schemes pairs run i of A with run i of B
(common random numbers) and takes the interval of the differences. Within a run `Tally` collects
observations and `TimeWeighted` a level held over time (work in progress) after the warm-up.
Deterministic; no NaN ever comes out: what cannot be computed raises `ValueError`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from statistics import NormalDist

import attrs


@functools.lru_cache(maxsize=256)
def t_quantile(p: float, df: int) -> float:
    """The p-quantile of Student's t with `df` ≥ 1 degrees of freedom (e.g. p=0.975).

    Closed forms for df 1 and 2; up to 10^4, safeguarded Newton on the exact CDF (an incomplete
    beta by continued fraction) to about 1e-12 relative; above, the Cornish-Fisher expansion
    (Abramowitz & Stegun 26.7.5), exact to rounding there for 1e-12 < p < 1 - 1e-12.
    """
    if not 0.0 < p < 1.0:
        raise ValueError(f"p must be strictly between 0 and 1, not {p}")
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, not {df}")
    if p == 0.5:
        return 0.0
    q, sign = (1.0 - p, 1.0) if p > 0.5 else (p, -1.0)  # q: the upper tail, at most 1/2
    if df == 1:
        return sign / math.tan(math.pi * q)
    if df == 2:
        return sign * (1.0 - 2.0 * q) / math.sqrt(2.0 * q * (1.0 - q))
    z, v = -NormalDist().inv_cdf(q), float(df)
    guess = z + ((z**3 + z) / 4 + ((5 * z**5 + 16 * z**3 + 3 * z) / 96
            + ((3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
               + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z)
               / 92160 / v) / v) / v) / v
    if df > 10_000:
        return sign * guess
    lo, hi = 0.0, max(guess, 1.0)
    while _t_tail(hi, v) >= q:
        lo, hi = hi, 2.0 * hi
    t = guess if lo < guess < hi else (lo + hi) / 2
    for _ in range(200):
        tail, pdf = _t_tail(t, v), _t_pdf(t, v)
        lo, hi = (t, hi) if tail > q else (lo, t)
        new = t + (tail - q) / pdf if pdf > 0.0 else math.inf
        if not lo < new < hi:
            new = (lo + hi) / 2
        if abs(new - t) <= 1e-13 * new:
            return sign * new
        t = new
    return sign * t  # pragma: no cover - the bracket shrinks to rounding well before this


def _t_tail(t: float, v: float) -> float:
    """P(T > t) for t ≥ 0: half the regularized incomplete beta I_x(v/2, 1/2), x = v/(v+t²)."""
    t2 = t * t
    return 0.5 * _beta_inc(v / 2, 0.5, v / (v + t2), t2 / (v + t2))


def _t_pdf(t: float, v: float) -> float:
    return math.exp(math.lgamma((v + 1) / 2) - math.lgamma(v / 2) - 0.5 * math.log(v * math.pi)
                    - (v + 1) / 2 * math.log1p(t * t / v))


def _beta_inc(a: float, b: float, x: float, y: float) -> float:
    """I_x(a, b), with y = 1 - x given separately so that neither loses digits."""
    if x <= 0.0 or y <= 0.0:
        return 0.0 if x <= 0.0 else 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(x) + b * math.log(y))
    if x < (a + 1) / (a + b + 2):
        return front * _beta_cf(a, b, x) / a
    return 1.0 - front * _beta_cf(b, a, y) / b


def _beta_cf(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta, by Lentz's method (Numerical Recipes 6.4)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    h = d = 1.0 / (d if abs(d) > tiny else tiny)
    for m in range(1, 100_000):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d, c = 1.0 + num * d, 1.0 + num / c
            d, c = 1.0 / (d if abs(d) > tiny else tiny), (c if abs(c) > tiny else tiny)
            h *= d * c
        if abs(d * c - 1.0) < 1e-16:
            return h
    raise ArithmeticError("incomplete beta: continued fraction did not converge")


@attrs.frozen
class Estimate:
    """A mean over runs with its confidence interval [low, high] (half-width `halfwidth`).

    With a single run nothing is known about the spread: the interval is (-inf, inf) and the
    half-width inf, so it contains every value and no difference is significant.
    """

    mean: float
    low: float
    high: float
    n: int
    halfwidth: float

    @classmethod
    def of(cls, values: Iterable[float], confidence: float = 0.95) -> Estimate:
        """The mean of `values` (one per run) and its Student-t confidence interval."""
        if not 0.0 < confidence < 1.0:
            raise ValueError(f"confidence must be strictly between 0 and 1, not {confidence}")
        xs = _finite(values)
        n, mean = len(xs), math.fsum(xs) / len(xs)
        if n == 1:
            return cls(mean, -math.inf, math.inf, 1, math.inf)
        sd = math.sqrt(math.fsum((x - mean) ** 2 for x in xs) / (n - 1))
        hw = t_quantile((1.0 + confidence) / 2, n - 1) * sd / math.sqrt(n)
        return cls(mean, mean - hw, mean + hw, n, hw)

    def contains(self, x: float) -> bool:
        return self.low <= x <= self.high

    @property
    def significant(self) -> bool:
        """Whether 0 lies outside the interval (for a difference: A and B really differ)."""
        return not self.contains(0.0)

    def __str__(self) -> str:
        """`12.3 [11.8, 12.9]`: decimals down to the first significant digit of the half-width."""
        hw = self.halfwidth
        if not math.isfinite(hw):
            return f"{self.mean:.6g} (1 run, no interval)"
        f = f".{min(12, max(0, -math.floor(math.log10(hw))))}f" if hw > 0.0 else ".6g"
        return f"{self.mean:{f}} [{self.low:{f}}, {self.high:{f}}]"


def difference(a_values: Iterable[float], b_values: Iterable[float],
               confidence: float = 0.95) -> Estimate:
    """A − B for PAIRED runs (run i of A used the same random numbers as run i of B)."""
    a, b = list(a_values), list(b_values)
    if len(a) != len(b):
        raise ValueError(f"paired samples differ in length: {len(a)} and {len(b)}")
    return Estimate.of([x - y for x, y in zip(a, b, strict=True)], confidence)


def percentile(values: Iterable[float], q: float) -> float:
    """The q-th percentile (0 ≤ q ≤ 100), interpolating linearly like numpy's default."""
    return percentiles(values, (q,))[0]


def percentiles(values: Iterable[float], qs: Sequence[float]) -> list[float]:
    """Several percentiles of the same values, sorting them once."""
    for q in qs:
        if not 0.0 <= q <= 100.0:
            raise ValueError(f"percentile must be between 0 and 100, not {q}")
    return sorted_percentiles(sorted(_finite(values)), qs)


def sorted_percentiles(xs: Sequence[float], qs: Sequence[float]) -> list[float]:
    """Percentiles of finite values already sorted (a simulation's own, many thousands): no
    copy, no checks."""
    out = []
    for q in qs:
        h = (len(xs) - 1) * q / 100.0
        i = math.floor(h)
        out.append(xs[i] if i == h else xs[i] + (h - i) * (xs[i + 1] - xs[i]))
    return out


def summary(values: Iterable[float]) -> dict[str, float]:
    """Mean, median, 90th percentile and count of `values`."""
    xs = _finite(values)
    return {"mean": math.fsum(xs) / len(xs), "median": percentile(xs, 50),
            "p90": percentile(xs, 90), "n": len(xs)}


def _finite(values: Iterable[float]) -> Sequence[float]:
    xs = [float(x) for x in values]
    if not xs or not all(map(math.isfinite, xs)):
        raise ValueError(f"need at least one value, all finite numbers; got {xs[:5]}")
    return xs


class TimeWeighted:
    """The time average and peak of a piecewise-constant level (e.g. leads in progress).

    `update(t, level)`: the level becomes `level` at time t (times never go back). Only time
    after `start` is measured (the warm-up is ignored), but the level in force at `start` carries
    in; `peak` counts every level in force after `start`, even for an instant. O(1) per update.
    """

    __slots__ = ("_area", "_level", "_peak", "_t", "start")

    def __init__(self, start: float = 0.0, level: float = 0.0) -> None:
        self.start = start
        self._t, self._level, self._area, self._peak = -math.inf, level, 0.0, -math.inf

    def update(self, t: float, level: float) -> None:
        if not t >= self._t:
            raise ValueError(f"time went back: {t} after {self._t}")
        if t > self.start:
            self._area += self._level * (t - max(self._t, self.start))
            self._peak = max(self._peak, self._level)
        self._t, self._level = t, level

    def mean(self, t_end: float) -> float:
        """The average level over [start, t_end]."""
        if not t_end >= self._t or not t_end > self.start:
            raise ValueError(f"end {t_end} is before the last update or not after the start")
        area = self._area + self._level * (t_end - max(self._t, self.start))
        return area / (t_end - self.start)

    @property
    def peak(self) -> float:
        return max(self._peak, self._level)


class Tally:
    """Observations one at a time: count, running mean and variance (Welford), min, max.

    Every value is kept in `values` (for exact `percentile`s; no sampling reservoir). `min` and
    `max` are inf and -inf while empty; `mean` then raises, as `variance` does below two values.
    """

    __slots__ = ("_m2", "_mean", "max", "min", "values")

    def __init__(self) -> None:
        self.values: list[float] = []
        self._mean = self._m2 = 0.0
        self.min, self.max = math.inf, -math.inf

    def add(self, x: float) -> None:
        if not math.isfinite(x):
            raise ValueError(f"values must be finite numbers, not {x}")
        self.values.append(x)
        delta = x - self._mean
        self._mean += delta / len(self.values)
        self._m2 += delta * (x - self._mean)
        self.min, self.max = min(self.min, x), max(self.max, x)

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float:
        if not self.values:
            raise ValueError("no values")
        return self._mean

    @property
    def variance(self) -> float:
        """The sample variance (divisor n − 1); needs two values."""
        if len(self.values) < 2:
            raise ValueError("the variance needs at least two values")
        return self._m2 / (len(self.values) - 1)
