"""Fitting delay distributions to observed sojourns, and choosing among them by goodness of fit.

`calibrate` writes an `after DIST: X p%, …` line per status; DIST must be one the scenario
language supports. A sojourn ends in a move the line can write (an *event*), or is *censored*:
the lead was still there when the history ends, or the scheme's own rule moved it first. Some
leads never make such a move at all (most leads never win), so the data are treated as a
"cure" model, without assuming every censored lead would have moved later:

- the Kaplan–Meier curve F(t) of the sojourns (censored ones counted while at risk) rises to
  `reach`, the chance of making a written move within the longest follow-up seen;
- the delay, given that the move happens, has the distribution F(t) / reach; each candidate
  (exponential, lognormal, gamma, uniform) is fitted to it by maximum likelihood with the
  Kaplan–Meier jumps as weights (Stute's weighted estimator; with nothing censored this is
  the ordinary maximum-likelihood fit);
- the candidates are compared with F(t) / reach by the Kolmogorov–Smirnov distance D (the
  largest gap between the two distribution functions); the smallest D wins, except that the
  one-parameter exponential is kept when within 10% of it.

Pure Python (math only), deterministic: the same sample gives the same choice.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import attrs

from leadrules.distributions import (
    exp_cdf,
    gamma_cdf,
    lognormal_cdf,
    regularized_gamma,
    uniform_cdf,
)

FLOOR = 1.0  # seconds: CRM clocks put some moves in the same second; logs need a positive time
KINDS = ("exponential", "lognormal", "gamma", "uniform")
__all__ = ["Fit", "Selection", "cumulative_incidence", "exp_cdf", "fit_all", "gamma_cdf",
           "km_curve", "ks_distance",
           "lognormal_cdf", "regularized_gamma", "uniform_cdf"]


@attrs.frozen
class Fit:
    """One candidate fitted to a sample: `mean`/`sd` in seconds (`low`/`high` for uniform)."""

    kind: str
    mean: float
    sd: float
    ks: float  # Kolmogorov–Smirnov D against the Kaplan–Meier curve (given a move)
    low: float = 0.0
    high: float = 0.0


@attrs.frozen
class Selection:
    """The chosen fit and every candidate (in KINDS order), with the sample's counts and the
    Kaplan–Meier chance of making the move at all within the follow-up."""

    best: Fit
    fits: tuple[Fit, ...]
    moves: int  # completed sojourns
    censored: int
    reach: float


def km_curve(times: Sequence[float], done: Sequence[bool],
             entries: Sequence[float] | None = None) -> list[tuple[float, float]]:
    """Kaplan–Meier estimate of P(sojourn <= t) at each distinct completed time, ascending.

    `done[i]` is False for a sojourn still running when observation stopped (right-censored):
    it counts as "at risk" up to its time and never as a move. `entries[i]` (default 0) is
    the age at which a sojourn came under observation (left truncation, "delayed entry"): a
    visit already running when the window opened is at risk only from then on, so it tells
    about the later part of the curve without pretending it was watched from its start.
    """
    if entries is None:
        entries = [0.0] * len(times)
    watched = [(t, d, e) for t, d, e in zip(times, done, entries, strict=True) if e < t]
    pairs = sorted(((t, d) for t, d, _ in watched), key=lambda p: (p[0], not p[1]))
    starts = sorted(e for _, _, e in watched)  # a visit never watched alive tells nothing
    at_risk = 0.0
    survival, out = 1.0, []
    i = j = 0
    while i < len(pairs):
        t = pairs[i][0]
        while j < len(starts) and starts[j] < t:  # observed from before t: at risk at t
            at_risk += 1.0
            j += 1
        moved, left = 0, 0.0
        while i < len(pairs) and pairs[i][0] == t:
            moved += pairs[i][1]
            left += 1.0
            i += 1
        if moved and at_risk > 0:
            survival *= 1 - moved / at_risk
            out.append((t, 1 - survival))
        at_risk -= left
    return out


def cumulative_incidence(times: Sequence[float], ends: Sequence[str | None],
                         entries: Sequence[float] | None = None) -> dict[str, float]:
    """Aalen–Johansen: for each way a visit can end (`ends[i]`, None for censored), the chance
    that a visit ends that way within the follow-up. Risk sets as in `km_curve` (delayed entry
    included), so the chances add up to the Kaplan–Meier curve's last value. Unlike shares of
    the raw counts, a slow move is not undercounted because its visits are censored more
    often, nor over-counted because old visits joined late."""
    if entries is None:
        entries = [0.0] * len(times)
    watched = [(max(FLOOR, t), e, n) for t, e, n in zip(times, ends, entries, strict=True)
               if n < max(FLOOR, t)]
    watched.sort(key=lambda w: (w[0], w[1] is None))
    starts = sorted(n for _, _, n in watched)
    out: dict[str, float] = {}
    survival, at_risk = 1.0, 0.0
    i = j = 0
    while i < len(watched):
        t = watched[i][0]
        while j < len(starts) and starts[j] < t:
            at_risk += 1.0
            j += 1
        ended: dict[str, int] = {}
        left = 0
        while i < len(watched) and watched[i][0] == t:
            end = watched[i][1]
            if end is not None:
                ended[end] = ended.get(end, 0) + 1
            left += 1
            i += 1
        if ended and at_risk > 0:
            for end in sorted(ended):
                out[end] = out.get(end, 0.0) + survival * ended[end] / at_risk
            survival *= 1 - sum(ended.values()) / at_risk
        at_risk -= left
    return out


def ks_distance(cdf: Callable[[float], float], curve: list[tuple[float, float]]) -> float:
    """The largest gap between a model CDF and a step curve, on both sides of each step."""
    gap, before = 0.0, 0.0
    for t, f in curve:
        model = cdf(t)
        gap = max(gap, abs(model - before), abs(model - f))
        before = f
    return gap


# -- fitting ---------------------------------------------------------------------------------
def _gamma_shape(mean: float, mean_log: float) -> float:
    """Maximum-likelihood gamma shape from the (weighted) mean and mean log: Minka's
    closed-form start, then Newton steps on log k - digamma(k) = log(mean) - mean(log x)."""
    s = math.log(mean) - mean_log
    if s <= 1e-12:
        return 1e6  # all equal: as peaked as a gamma gets
    k = (3 - s + math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s)
    for _ in range(50):
        step = (math.log(k) - _digamma(k) - s) / (1 / k - _trigamma(k))
        k = max(k - step, k / 10)
        if abs(step) < 1e-10 * k:
            break
    return k


def _digamma(x: float) -> float:
    total = 0.0
    while x < 6:
        total -= 1 / x
        x += 1
    f = 1 / (x * x)
    return total + math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f / 240)))


def _trigamma(x: float) -> float:
    total = 0.0
    while x < 6:
        total += 1 / (x * x)
        x += 1
    f = 1 / (x * x)
    return total + 1 / x + f / 2 + f / x * (1 / 6 - f * (1 / 30 - f / 42))


def fit_all(times: Sequence[float], done: Sequence[bool],
            entries: Sequence[float] | None = None) -> Selection | None:
    """Fit every candidate to sojourns (seconds; `done` False = censored; `entries` the ages
    at which visits came under observation, see `km_curve`) and pick the one closest to the
    Kaplan–Meier curve given a move. None when no sojourn ended in a move."""
    floored = [max(FLOOR, t) for t in times]
    curve = km_curve(floored, done, entries)
    if not curve:
        return None
    reach = curve[-1][1]
    given = [(t, f / reach) for t, f in curve]
    jumps, before = [], 0.0
    for t, f in given:
        jumps.append((t, f - before))
        before = f
    mean = sum(w * t for t, w in jumps)
    mean_log = sum(w * math.log(t) for t, w in jumps)
    var_log = sum(w * (math.log(t) - mean_log) ** 2 for t, w in jumps)
    fits = [Fit("exponential", mean, mean, ks_distance(exp_cdf(mean), given))]
    sigma = math.sqrt(var_log)
    lmean = math.exp(mean_log + var_log / 2)
    fits.append(Fit("lognormal", lmean, lmean * math.sqrt(math.expm1(var_log)),
                    ks_distance(lognormal_cdf(mean_log, sigma), given)))
    k = _gamma_shape(mean, mean_log)
    fits.append(Fit("gamma", mean, mean / math.sqrt(k),
                    ks_distance(gamma_cdf(k, mean / k), given)))
    low, high = jumps[0][0], jumps[-1][0]
    fits.append(Fit("uniform", (low + high) / 2, (high - low) / math.sqrt(12),
                    ks_distance(uniform_cdf(low, high), given), low, high))
    moves = sum(1 for d in done if d)
    return Selection(choose(fits), tuple(fits), moves, len(floored) - moves, reach)


def choose(fits: Sequence[Fit]) -> Fit:
    """The candidate closest to the Kaplan–Meier curve; the one-parameter exponential is kept
    when its D is within 10% of the best (gamma nests it, and a tie should not add a
    parameter)."""
    best = min(fits, key=lambda f: (f.ks, KINDS.index(f.kind)))
    exponential = next((f for f in fits if f.kind == "exponential"), None)
    if exponential is not None and exponential.ks <= best.ks * 1.1:
        return exponential
    return best


# -- writing a fit in the scenario language ------------------------------------------------------
UNITS = (("weeks", 604800.0), ("days", 86400.0), ("hours", 3600.0), ("minutes", 60.0))


def unit_for(seconds: float) -> tuple[str, float]:
    """The largest unit in which `seconds` is at least 1 (days up to 8 weeks: councils think
    in days), else minutes."""
    for name, size in UNITS[1:]:
        if seconds >= size:
            return name, size
    return "minutes", 60.0


def number(x: float, digits: int = 3) -> str:
    """`x` to `digits` significant digits, never in exponent form (the language has none)."""
    if x == 0:
        return "0"
    if abs(x) >= 10 ** digits:
        return str(round(x))
    places = max(0, digits - 1 - math.floor(math.log10(abs(x))))
    text = f"{x:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def dist_text(fit: Fit) -> str:
    """The fit as a scenario DIST with units on every parameter: `lognormal(3.1 days, 2.4
    days)`, `~5 hours`, `uniform(2 days, 9 days)`."""
    unit, size = unit_for(fit.mean)

    def q(seconds: float) -> str:
        amount = number(seconds / size)
        return f"{amount} {unit[:-1] if amount == '1' else unit}"
    if fit.kind == "exponential":
        return f"~{q(fit.mean)}"
    if fit.kind == "uniform":
        return f"{number(fit.low / size)}..{number(fit.high / size)} {unit}"
    return f"{fit.kind}({q(fit.mean)}, {q(max(fit.sd, size * 0.001))})"


def duration_text(seconds: float) -> str:
    """A plain duration for comments: `3.1 days`, `40 minutes`."""
    unit, size = unit_for(seconds)
    amount = number(seconds / size)
    return f"{amount} {unit[:-1] if amount == '1' else unit}"
