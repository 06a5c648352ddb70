"""Random draws from the scenario's distributions, as closures over a lead's own stream.

Durations come out in seconds together with whether they count business time (then the
simulator advances them on the calendar's open hours) or elapsed time.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import attrs

from leadrules.model.common import Quantity
from leadrules.model.scenario import Distribution

UNIT = {"minutes": 60.0, "hours": 3600.0, "days": 86400.0, "weeks": 604800.0}


@attrs.frozen
class Draw:
    """A compiled distribution: `sample(rng)` gives a number (seconds for durations)."""

    sample: Callable[[Any], float]  # a random.Random or an engine Stream
    mean: float
    business: bool = False
    unit: str | None = None  # for business days: advanced as days, not as seconds
    # the same draw spelt out for the engine, which samples without calling `sample`:
    # the name of the random.Random method and its arguments ("fixed": the value)
    method: str = "fixed"
    args: tuple[float, ...] = ()


def _value(q: Quantity) -> float:
    if q.duration is not None:
        return float(q.duration.amount) * UNIT[q.duration.unit]
    return float(q.value)


def compile_draw(dist: Distribution) -> Draw:
    """The sampler for a distribution (parameters already checked by the resolver)."""
    params = [_value(p) for p in dist.params]
    durations = [p.duration for p in dist.params if p.duration is not None]
    business = any(d.business for d in durations)
    unit = durations[0].unit if business and durations[0].unit in ("days", "weeks") else None
    if unit is not None:  # business days are counted in days on the calendar, not seconds
        params = [p / UNIT[unit] for p in params]
    kind = dist.kind
    if kind == "fixed":
        value = params[0]
        return Draw(lambda rng: value, value, business, unit, "fixed", (value,))
    if kind == "uniform":
        low, high = params
        return Draw(lambda rng: rng.uniform(low, high), (low + high) / 2, business, unit,
                    "uniform", (low, high))
    if kind == "exponential":
        mean = params[0]
        return Draw(lambda rng: rng.expovariate(1.0 / mean), mean, business, unit,
                    "expovariate", (1.0 / mean,))
    if kind == "triangular":
        low, mode, high = params
        return Draw(lambda rng: rng.triangular(low, high, mode), (low + mode + high) / 3,
                    business, unit, "triangular", (low, high, mode))
    mean, sd = params
    if kind == "normal":
        return Draw(lambda rng: max(0.0, rng.gauss(mean, sd)), mean, business, unit,
                    "gauss", (mean, sd))
    if kind == "lognormal":
        sigma2 = math.log(1 + (sd / mean) ** 2)
        mu, sigma = math.log(mean) - sigma2 / 2, math.sqrt(sigma2)
        return Draw(lambda rng: rng.lognormvariate(mu, sigma), mean, business, unit,
                    "lognormvariate", (mu, sigma))
    if kind == "gamma":
        shape, scale = (mean / sd) ** 2, sd ** 2 / mean
        return Draw(lambda rng: rng.gammavariate(shape, scale), mean, business, unit,
                    "gammavariate", (shape, scale))
    raise ValueError(f"unknown distribution {kind}")  # the resolver rejects these first

