"""The rest of an `after DIST: X p%` line for an open lead that has already waited (residual.py),
and what a backtest relies on from it: an aged open lead is moved by the line with the chance,
and at the time, that a lead which has waited that long without being moved really has left.

For a lead aged `a` whose line moves it with chance p when it fires, the line is scheduled with
chance r = S(a) / (1 − p·F(a)) and fires D − a from now, D ~ DIST conditioned on D > a.

Monte Carlo checks use fixed seeds (deterministic, no retries). Their tolerances:
- a share of n trials (scheduled, won): 4 binomial standard errors, sqrt(π(1 − π)/n) at the
  exact π (a false failure has chance ~6e-5 per check);
- a mean of k residual delays: 4 standard errors, sqrt(Var/k) with Var computed exactly
  (the exponential's mean², or numerically from the CDF);
- a whole residual distribution: the DKW band sqrt(ln(2/α)/(2k)) with α = 1e-3.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable

import pytest

from leadrules.distributions import cdf
from leadrules.simulate import OpenLead, simulate_runs
from leadrules.simulate.engine import METHODS, Stream
from leadrules.simulate.residual import Residual
from tests.simulate.helpers import load

SE = 4.0  # standard errors allowed for a share or a mean
ALPHA = 1e-3  # DKW level for a whole distribution


def _stream(seed: int) -> Stream:
    """A lead's own stream, as the engine makes one: 16 numbers from a block stream, then a
    generator seeded from the lead."""
    block = random.Random(seed)
    return Stream(block.random, seed + 7919)


def _rests(method: str, args: tuple[float, ...], age: float, moves: float, n: int,
           seed: int) -> list[float | None]:
    """`n` draws of the rest of the line (None: not scheduled), each from its own stream."""
    residual = Residual(method, args)
    code = METHODS[method]
    a, b, c = (*args, 0.0, 0.0, 0.0)[:3]
    rng = _stream(seed)
    return [residual.rest(age, moves, rng, code, a, b, c) for _ in range(n)]


def _simpson(f: Callable[[float], float], lo: float, hi: float, steps: int = 4000) -> float:
    """Composite Simpson's rule on [lo, hi] (`steps` even)."""
    h = (hi - lo) / steps
    total = f(lo) + f(hi)
    total += 4 * sum(f(lo + (2 * k - 1) * h) for k in range(1, steps // 2 + 1))
    total += 2 * sum(f(lo + 2 * k * h) for k in range(1, steps // 2))
    return total * h / 3


def _conditional_moments(method: str, args: tuple[float, ...], age: float,
                         span: float) -> tuple[float, float]:
    """Mean and variance of D − age given D > age: ∫_a^∞ S / S(a) and 2∫_a^∞ (x − a) S / S(a)
    minus the mean², integrated to age + span (where S is negligible)."""
    f = cdf(method, *args)
    left = 1 - f(age)
    first = _simpson(lambda x: 1 - f(x), age, age + span) / left
    second = 2 * _simpson(lambda x: (x - age) * (1 - f(x)), age, age + span) / left
    return first, second - first ** 2


def _assert_share(hits: int, n: int, expected: float, what: object) -> None:
    se = math.sqrt(expected * (1 - expected) / n)
    assert abs(hits / n - expected) <= SE * se + 1e-12, (what, hits / n, expected, se)


def _dkw_gap(values: list[float], law: Callable[[float], float]) -> float:
    """sup_t |F_k(t) − law(t)| for continuous values."""
    xs = sorted(values)
    k = len(xs)
    return max(max(abs((i + 1) / k - law(x)), abs(i / k - law(x))) for i, x in enumerate(xs))


# -- unit: Residual.rest ----------------------------------------------------------------------

@pytest.mark.parametrize("age", [0.5, 2.0, 6.0])
def test_an_exponential_line_is_memoryless(age):
    """Exponential (mean 2), moving with 60%: scheduled with chance S/(1 − pF); the rest of the
    delay is again exponential with mean 2, whatever the age."""
    n, p, mean = 20_000, 0.6, 2.0
    out = _rests("expovariate", (1 / mean,), age, p, n, seed=int(age * 10))
    rest = [v for v in out if v is not None]
    f = cdf("expovariate", 1 / mean)
    _assert_share(len(rest), n, (1 - f(age)) / (1 - p * f(age)), age)
    # the exponential's sd is its mean: SE = mean/sqrt(k)
    assert abs(sum(rest) / len(rest) - mean) <= SE * mean / math.sqrt(len(rest)), age
    eps = math.sqrt(math.log(2 / ALPHA) / (2 * len(rest)))
    assert _dkw_gap(rest, f) <= eps, age


@pytest.mark.parametrize("age", [1.0, 7.0, 15.0, 25.0])
def test_a_gamma_line_keeps_the_chance_and_the_mean_residual_life(age):
    """Gamma (shape 3.5, scale 2; mean 7), moving with 70%: scheduled with chance
    S(a)/(1 − p·F(a)); the mean rest is ∫_a^∞ S(x) dx / S(a). At 15 and 25 days the plain draws
    rarely exceed the age, so the inverse-CDF path is exercised too."""
    n, p, args = 20_000, 0.7, (3.5, 2.0)
    out = _rests("gammavariate", args, age, p, n, seed=100 + int(age))
    rest = [v for v in out if v is not None]
    f = cdf("gammavariate", *args)
    _assert_share(len(rest), n, (1 - f(age)) / (1 - p * f(age)), age)
    mean, var = _conditional_moments("gammavariate", args, age, span=200.0)
    assert abs(sum(rest) / len(rest) - mean) <= SE * math.sqrt(var / len(rest)), (age, mean)
    assert min(rest) > 0


CONDITIONED = [
    ("gammavariate", (3.5, 2.0), 9.0, 0.5),
    ("gammavariate", (0.3, 2.0), 3.0, 0.9),
    ("lognormvariate", (0.0, 1.0), 3.0, 0.4),
    ("uniform", (2.0, 7.0), 4.0, 1.0),
    ("triangular", (1.0, 9.0, 3.0), 5.0, 0.3),  # low, high, mode
    ("gauss", (5.0, 2.0), 6.0, 0.8),
    ("expovariate", (0.25,), 3.0, 0.0),  # a line that never moves: r = S
]


@pytest.mark.parametrize("method, args, age, p", CONDITIONED,
                         ids=[c[0] + "-" + str(c[2]) for c in CONDITIONED])
def test_the_rest_is_the_delay_conditioned_on_exceeding_the_age(method, args, age, p):
    """For every kind of delay: the chance of being scheduled is S(a)/(1 − p·F(a)), and
    a + rest follows DIST conditioned on D > a, i.e. P(rest <= t) = (F(a + t) − F(a)) / S(a)."""
    n = 20_000
    out = _rests(method, args, age, p, n, seed=len(method) * 31 + int(age))
    rest = [v for v in out if v is not None]
    f = cdf(method, *args)
    done = f(age)
    _assert_share(len(rest), n, (1 - done) / (1 - p * done), method)
    eps = math.sqrt(math.log(2 / ALPHA) / (2 * len(rest)))
    gap = _dkw_gap(rest, lambda t: (f(age + t) - done) / (1 - done))
    assert gap <= eps, (method, gap, eps)


@pytest.mark.parametrize("method, args", [
    ("fixed", (3.0,)), ("uniform", (2.0, 7.0)), ("expovariate", (0.5,)),
    ("triangular", (1.0, 9.0, 3.0)), ("gauss", (5.0, 2.0)), ("lognormvariate", (1.0, 0.5)),
    ("gammavariate", (3.5, 2.0)), ("gammavariate", (0.3, 2.0)),
])
def test_at_age_zero_the_rest_is_the_plain_draw(method, args):
    """A lead that has just entered gets exactly the draws of a fresh lead: the same numbers
    from the same stream, no extra random number for the schedule."""
    residual = Residual(method, args)
    code = METHODS[method]
    a, b, c = (*args, 0.0, 0.0, 0.0)[:3]
    one, two = _stream(5), _stream(5)
    got = [residual.rest(0.0, 0.6, one, code, a, b, c) for _ in range(50)]
    assert got == [two.draw(code, a, b, c) for _ in range(50)]


def test_a_line_past_its_longest_delay_does_nothing():
    """Past a uniform's upper end, or at or past a fixed delay, the line has already fired:
    None, whatever its chance of moving; before a fixed delay, the rest is exact."""
    for age in (7.0, 7.5, 100.0):
        assert set(_rests("uniform", (2.0, 7.0), age, 0.5, 200, seed=1)) == {None}
        assert set(_rests("triangular", (1.0, 9.0, 3.0), age + 2, 0.5, 200, seed=2)) == {None}
    for age in (3.0, 4.0):
        assert set(_rests("fixed", (3.0,), age, 0.5, 200, seed=3)) == {None}
    # before the fixed delay nothing could have happened: always scheduled, for the rest
    assert set(_rests("fixed", (3.0,), 1.0, 0.5, 200, seed=4)) == {2.0}


@pytest.mark.parametrize("method, args, age, span", [
    ("gammavariate", (3.5, 2.0), 40.0, 300.0),  # S(40) ≈ 2e-7
    ("lognormvariate", (0.0, 1.0), 100.0, 5000.0),  # S(100) ≈ 2e-6
])
def test_a_line_that_always_moves_is_always_scheduled(method, args, age, span):
    """With p = 100%, a lead still there has not reached the delay yet, however old: the line
    is always scheduled (r = S/(1 − F) = 1), for the rest conditioned on D > age."""
    n = 4000
    out = _rests(method, args, age, 1.0, n, seed=77)
    assert None not in out
    rest = [v for v in out if v is not None]
    mean, var = _conditional_moments(method, args, age, span)
    assert abs(sum(rest) / n - mean) <= SE * math.sqrt(var / n), (mean, sum(rest) / n)


# -- end to end: aged open leads in a backtest -------------------------------------------------

DAY = 86400.0
START = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
SCHEME = """status Open {
  initial
  after 60 days -> Lost
}
status Won { outcome won }
status Lost { outcome lost }
transition Open -> Won manual
transition Open -> Lost manual
"""
BODY = ("horizon {h:g} days\n  arrivals 1 per day\n  runs 1\n  seed 8\n"
        "  in Open {{\n    after gamma(10 days, 5 days): Won 60%\n  }}")


@pytest.mark.parametrize("horizon", [5.0, 20.0])
def test_aged_open_leads_are_won_as_the_closed_form_says(tmp_path, horizon):
    """2,000 leads open in Open for 15 days, placed with aged=True, reach Won within the
    horizon h with chance p·(F(15 + h) − F(15)) / (1 − p·F(15)) (the line has not moved them in
    15 days); 2,000 placed fresh (the default) with chance p·F(h), as if they had just entered.
    gamma(10 days, 5 days) is shape (10/5)² = 4, scale 5²/10 = 2.5 days; p = 60%.

    h = 20 days separates aged (≈ 0.18) from fresh (≈ 0.57); h = 5 days also separates them
    (≈ 0.13 and ≈ 0.086) from a rest drawn without the condition D > 15 days (≈ 0.026)."""
    scenario = load(tmp_path, SCHEME, BODY.format(h=horizon))
    t0 = START.timestamp()
    n, p, age = 2000, 0.6, 15.0
    leads = [OpenLead("Open", t0 - age * DAY, lead=f"aged-{i}", aged=True) for i in range(n)]
    leads += [OpenLead("Open", t0 - age * DAY, lead=f"fresh-{i}") for i in range(n)]
    [result] = simulate_runs(scenario, start=START, arrivals=[], open_leads=leads,
                             keep_traces=True)
    won = {"aged": 0, "fresh": 0}
    for name, steps in result.traces:
        assert steps[0] == (t0 - age * DAY, "Open")
        # within the horizon: only the line moves them (the 60-day timer is at day 45)
        assert [s for _, s in steps] in (["Open"], ["Open", "Won"]), (name, steps)
        if steps[-1][1] == "Won":
            assert t0 <= steps[-1][0] <= t0 + horizon * DAY
            won[name.split("-")[0]] += 1
    f = cdf("gammavariate", 4.0, 2.5)
    aged = p * (f(age + horizon) - f(age)) / (1 - p * f(age))
    fresh = p * f(horizon)
    _assert_share(won["aged"], n, aged, "aged")
    _assert_share(won["fresh"], n, fresh, "fresh")
