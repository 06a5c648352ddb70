"""Compare two simulations run with common random numbers: what a change does, and whether
the difference is real.

Both sides run the same seeds, and each lead draws its behaviour from its own stream, so run r
of one side and run r of the other see the same leads behave the same way wherever the
schemes agree. Differences are estimated pairwise (run by run) with a 95% confidence interval;
a figure changed significantly when 0 lies outside that interval.
"""

from __future__ import annotations

import math

import attrs

from leadrules.simulate.run import RunResult
from leadrules.simulate.stats import Estimate, difference


@attrs.frozen
class Change:
    figure: str
    before: Estimate
    after: Estimate
    delta: Estimate

    @property
    def significant(self) -> bool:
        return self.delta.significant

    @property
    def relative(self) -> float:
        return abs(self.delta.mean) / max(abs(self.before.mean), 1e-9)


def compare_runs(before: list[RunResult], after: list[RunResult]) -> list[Change]:
    """Every figure both sides have in every run, with its paired difference (after − before),
    largest relative significant changes first."""
    keys = sorted(set.intersection(*(set(r.figures) for r in [*before, *after])))
    out = []
    for key in keys:
        a = [r.figures[key] for r in before]
        b = [r.figures[key] for r in after]
        if len(a) < 2 and a == b:
            continue
        delta = difference(b, a) if len(a) > 1 else Estimate(b[0] - a[0], -math.inf,
                                                               math.inf, 1, math.inf)
        out.append(Change(key, Estimate.of(a), Estimate.of(b), delta))
    return sorted(out, key=lambda c: (not c.significant, -c.relative, c.figure))
