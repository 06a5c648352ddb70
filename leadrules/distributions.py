"""Distribution functions of the scenario language's delays, shared by calibration (fitting
and goodness of fit) and the simulator (drawing the rest of a delay that has already lasted a
while). Pure Python (math only).

`cdf(method, a, b, c)` and `quantile(method, a, b, c)` take a distribution as the simulator
compiles it (`dists.Draw.method` and its arguments, as `random.Random` names them).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from statistics import NormalDist

_NORMAL = NormalDist()


def exp_cdf(mean: float) -> Callable[[float], float]:
    return lambda t: 1 - math.exp(-t / mean) if t > 0 else 0.0


def lognormal_cdf(mu: float, sigma: float) -> Callable[[float], float]:
    def cdf(t: float) -> float:
        if t <= 0:
            return 0.0
        if sigma == 0:
            return 1.0 if math.log(t) >= mu else 0.0
        return 0.5 * math.erfc(-(math.log(t) - mu) / (sigma * math.sqrt(2)))
    return cdf


def gamma_cdf(shape: float, scale: float) -> Callable[[float], float]:
    return lambda t: regularized_gamma(shape, t / scale) if t > 0 else 0.0


def uniform_cdf(low: float, high: float) -> Callable[[float], float]:
    width = high - low
    return lambda t: 0.0 if t < low else 1.0 if t >= high or width <= 0 else (t - low) / width


def regularized_gamma(a: float, x: float) -> float:
    """P(a, x), the regularized lower incomplete gamma function: a series below a + 1, a
    continued fraction (modified Lentz) above; accurate to ~1e-12 for the shapes we meet."""
    if x <= 0:
        return 0.0
    log_front = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        n = a
        for _ in range(10_000):
            n += 1
            term *= x / n
            total += term
            if abs(term) < abs(total) * 1e-14:
                break
        return min(1.0, total * math.exp(log_front))
    tiny = 1e-300
    b = x + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-14:
            break
    return max(0.0, 1.0 - math.exp(log_front) * h)


def triangular_cdf(low: float, high: float, mode: float) -> Callable[[float], float]:
    def cdf(t: float) -> float:
        if t <= low:
            return 0.0
        if t >= high or high <= low:
            return 1.0
        if t <= mode:
            return (t - low) ** 2 / ((high - low) * (mode - low))
        return 1 - (high - t) ** 2 / ((high - low) * (high - mode))
    return cdf


def cdf(method: str, a: float, b: float = 0.0, c: float = 0.0) -> Callable[[float], float]:
    """P(X <= t) of a compiled draw (`random.Random` method name and arguments); `gauss` is
    the simulator's normal delay, cut at 0 (max(0, X))."""
    if method == "fixed":
        return lambda t: 1.0 if t >= a else 0.0
    if method == "uniform":
        return uniform_cdf(a, b)
    if method == "expovariate":
        return exp_cdf(1.0 / a)
    if method == "triangular":
        return triangular_cdf(a, b, c)
    if method == "gauss":
        return lambda t: 0.0 if t < 0 else (1.0 if b <= 0 and t >= a else
                                            _NORMAL.cdf((t - a) / b) if b > 0 else 0.0)
    if method == "lognormvariate":
        return lognormal_cdf(a, b)
    if method == "gammavariate":
        return gamma_cdf(a, b)
    raise ValueError(f"unknown distribution method {method}")


def quantile(method: str, a: float, b: float = 0.0, c: float = 0.0
             ) -> Callable[[float], float]:
    """The inverse of `cdf`: the smallest t with P(X <= t) >= u, for 0 < u < 1."""
    if method == "fixed":
        return lambda u: a
    if method == "uniform":
        return lambda u: a + (b - a) * u
    if method == "expovariate":
        return lambda u: -math.log1p(-u) / a
    if method == "triangular":
        low, high, mode = a, b, c

        def tri(u: float) -> float:
            if high <= low:
                return low
            split = (mode - low) / (high - low)
            if u <= split:
                return low + math.sqrt(u * (high - low) * (mode - low))
            return high - math.sqrt((1 - u) * (high - low) * (high - mode))
        return tri
    if method == "gauss":
        return lambda u: max(0.0, a + b * _NORMAL.inv_cdf(u)) if b > 0 else max(0.0, a)
    if method == "lognormvariate":
        return lambda u: math.exp(a + b * _NORMAL.inv_cdf(u)) if b > 0 else math.exp(a)
    if method == "gammavariate":
        return _gamma_quantile(a, b)
    raise ValueError(f"unknown distribution method {method}")


def _gamma_quantile(shape: float, scale: float) -> Callable[[float], float]:
    """Gamma quantiles: bracketed from a table of the CDF on a geometric grid, then Newton
    steps from the linear interpolation, kept inside the bracket (bisecting when a step
    leaves it), to a relative change of 1e-12."""
    f = gamma_cdf(shape, scale)
    log_norm = math.lgamma(shape) + shape * math.log(scale)
    xs = [scale * 1e-8 * 1.1 ** k for k in range(600)]  # 1e-8 .. ~6e16 scales
    fs = [f(x) for x in xs]

    def pdf(x: float) -> float:
        return math.exp((shape - 1) * math.log(x) - x / scale - log_norm)

    def inverse(u: float) -> float:
        k = bisect.bisect_left(fs, u)
        if k >= len(xs):
            return xs[-1]
        lo, hi = (0.0, xs[0]) if k == 0 else (xs[k - 1], xs[k])
        flo = 0.0 if k == 0 else fs[k - 1]
        x = lo + (hi - lo) * (u - flo) / max(fs[k] - flo, 1e-300)
        for _ in range(60):
            gap = f(x) - u
            if gap < 0:
                lo = x
            else:
                hi = x
            density = pdf(x) if x > 0 else 0.0
            step = x - gap / density if density > 0 else -1.0
            nxt = step if lo < step < hi else (lo + hi) / 2
            if abs(nxt - x) <= 1e-12 * max(x, 1e-300):
                return nxt
            x = nxt
        return x
    return inverse
