"""The rest of an `after DIST: X p%` line for a lead that has already been in its status for a
while when a simulation starts (an open lead of a backtest).

A line draws one delay D from DIST on entry and, when it fires, moves the lead to X with
chance p (p = the line's written percentages together; with the rest it stays). For a lead
that entered its status `age` ago and is still there, the line has not moved it: either D
was at most `age` and the draw said "stay", or D is longer. Given that, the line moves it

    later, with chance  p·S(age) / (1 − p·F(age)),      F = DIST's CDF, S = 1 − F,

and then at age D drawn from DIST conditioned on D > age. The engine draws the move itself
(with chance p) when the line fires, so the line is scheduled with chance

    r = S(age) / (1 − p·F(age))

and the move drawn at firing makes r·p, the chance above. Every other lead's lines, and an
open lead's at age 0, are drawn exactly as before (r = 1, D unconditioned).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from leadrules.distributions import cdf, quantile

TRIES = 8  # plain draws tried before the inverse CDF (cheap when S(age) is not small)


class Residual:
    """One line's distribution, ready for conditional draws (CDF and quantile built once)."""

    __slots__ = ("cdf", "quantile")

    def __init__(self, method: str, args: tuple[float, ...]) -> None:
        a, b, c = (*args, 0.0, 0.0, 0.0)[:3]
        self.cdf: Callable[[float], float] = cdf(method, a, b, c)
        self.quantile: Callable[[float], float] = quantile(method, a, b, c)

    def rest(self, age: float, moves: float, rng: Any, code: int, a: float, b: float,
             c: float) -> float | None:
        """The delay from now, or None when the line will not fire. `moves` is the line's
        chance of moving the lead when it fires; `rng` is the lead's own stream
        (`rng.random()`, and `rng.draw(code, a, b, c)` for a plain draw of the line)."""
        if age <= 0:
            return float(rng.draw(code, a, b, c))
        done = self.cdf(age)
        left = 1.0 - done
        if left <= 1e-12:
            # the model gives a lead this old no chance of still waiting: whatever the line's
            # chance, leave the lead to the scheme's own rules rather than draw from nowhere
            return None
        if rng.random() * (1.0 - moves * done) >= left:
            return None
        for _ in range(TRIES):
            value = float(rng.draw(code, a, b, c))
            if value > age:
                return value - age
        u = done + left * rng.random()
        return max(0.0, self.quantile(min(u, 1.0 - 1e-16)) - age)
