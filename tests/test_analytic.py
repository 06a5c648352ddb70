"""The closed forms the simulator is checked against, checked themselves against known answers."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from tests.analytic import absorbing_chain, erlang_c, mmc_mean_wait


def exact_erlang_c(a: Fraction, c: int) -> Fraction:
    """The textbook formula with factorials, in exact rational arithmetic."""
    last = a**c / math.factorial(c) * c / (c - a)
    return last / (sum(a**k / math.factorial(k) for k in range(c)) + last)


def test_erlang_c_by_hand():
    """λ=2, μ=1, c=3: Σ_{k<3} 2^k/k! = 5 and (8/6)·3/(3−2) = 4, so C = 4/9 and Wq = 4/9."""
    assert erlang_c(2, 1, 3) == pytest.approx(4 / 9, rel=1e-12)
    assert mmc_mean_wait(2, 1, 3) == pytest.approx(4 / 9, rel=1e-12)


def test_one_and_two_servers():
    """M/M/1 waits with probability ρ for ρ/(μ−λ); M/M/2 waits with probability 2ρ²/(1+ρ)."""
    for lam, mu in [(0.5, 1.0), (3.0, 4.0), (0.01, 2.0)]:
        rho = lam / mu
        assert erlang_c(lam, mu, 1) == pytest.approx(rho, rel=1e-12)
        assert mmc_mean_wait(lam, mu, 1) == pytest.approx(rho / (mu - lam), rel=1e-12)
        rho2 = lam / (2 * mu)
        assert erlang_c(lam, mu, 2) == pytest.approx(2 * rho2**2 / (1 + rho2), rel=1e-12)
    assert erlang_c(0, 1, 4) == 0.0


def test_call_centre_example():
    """100 calls a half hour, 3 minutes each (10 Erlangs): 11 agents → 68.21% wait, ASA 122.8 s."""
    lam, mu = 100 / 1800, 1 / 180  # per second
    assert erlang_c(lam, mu, 11) == pytest.approx(0.6821, abs=5e-5)
    assert mmc_mean_wait(lam, mu, 11) == pytest.approx(122.8, abs=0.05)
    assert erlang_c(lam, mu, 14) == pytest.approx(0.1741, abs=5e-5)
    for agents in range(11, 25):
        exact = exact_erlang_c(Fraction(10), agents)
        assert erlang_c(lam, mu, agents) == pytest.approx(float(exact), rel=1e-12)


def test_staffing_example():
    """30 calls an hour, 5 minutes each: 6 agents is the fewest with at most 10% delayed."""
    delayed = {c: erlang_c(30, 12, c) for c in range(3, 8)}
    assert delayed[3] == pytest.approx(15.625 / 22.25, rel=1e-12)  # by hand: 15.625/(6.625+15.625)
    assert min(c for c, p in delayed.items() if p <= 0.1) == 6


def test_erlang_c_is_stable_for_large_teams():
    """A thousand servers at 95% load: the recursion agrees with exact rational arithmetic."""
    assert erlang_c(950, 1, 1000) == pytest.approx(float(exact_erlang_c(Fraction(950), 1000)),
                                                   rel=1e-10)


def test_erlang_c_rejects_unstable_queues():
    """ρ ≥ 1 (or a nonsensical rate or team) is an error, not a probability."""
    for lam, mu, c in [(3, 1, 3), (4, 1, 3), (1, 0, 1), (-1, 1, 1), (1, 2, 0)]:
        with pytest.raises(ValueError):
            erlang_c(lam, mu, c)
    with pytest.raises(ValueError):
        mmc_mean_wait(2, 1, 2)


# New (1 day) → Attempting (2 days); Attempting → Connected ½, Lost ½; Connected (4 days) → Won ½,
# Attempting ¼, Lost ¼. By hand: w_A = ½·w_C, w_C = ½ + ¼·w_A, so P(won | Attempting) = 2/7 and
# P(won | Connected) = 4/7; T_A = 2 + ½·T_C, T_C = 4 + ¼·T_A, so T_A = 32/7, T_C = 36/7, T_N = 39/7.
FUNNEL = {
    "New": {"Attempting": 1.0},
    "Attempting": {"Connected": 0.5, "Lost": 0.5},
    "Connected": {"Won": 0.5, "Attempting": 0.25, "Lost": 0.25},
}
FUNNEL_RATES = {"New": 1.0, "Attempting": 0.5, "Connected": 0.25}


def test_absorbing_chain_by_hand():
    """A three-state funnel with a way back, solved by hand."""
    probabilities, mean_time = absorbing_chain(FUNNEL, FUNNEL_RATES)
    expected = {"New": 2 / 7, "Attempting": 2 / 7, "Connected": 4 / 7}
    for start, won in expected.items():
        assert probabilities[start] == pytest.approx({"Won": won, "Lost": 1 - won}, rel=1e-12)
    assert mean_time == pytest.approx({"New": 39 / 7, "Attempting": 32 / 7, "Connected": 36 / 7})


def test_absorbing_chain_self_loop():
    """A state that jumps back to itself half the time is visited twice on average."""
    probabilities, mean_time = absorbing_chain({"A": {"A": 0.5, "Done": 0.5}}, {"A": 4.0})
    assert probabilities == {"A": {"Done": pytest.approx(1.0)}}
    assert mean_time["A"] == pytest.approx(0.5)


@pytest.mark.parametrize("p", [0.5, 0.4, 0.7])
def test_gamblers_ruin(p):
    """A walk on 0..10 moving up with probability p: the classic ruin probabilities and times."""
    n, q, rate = 10, 1 - p, 2.0
    chain = {str(i): {str(i + 1): p, str(i - 1): q} for i in range(1, n)}
    probabilities, mean_time = absorbing_chain(chain, {s: rate for s in chain})
    for i in range(1, n):
        if p == q:
            win, steps = i / n, i * (n - i)
        else:
            r = q / p
            win = (1 - r**i) / (1 - r**n)
            steps = i / (q - p) - n / (q - p) * win
        assert probabilities[str(i)][str(n)] == pytest.approx(win, rel=1e-10)
        assert probabilities[str(i)]["0"] == pytest.approx(1 - win, rel=1e-10)
        assert mean_time[str(i)] == pytest.approx(steps / rate, rel=1e-10)


@pytest.mark.parametrize(
    ("transitions", "rates"),
    [
        ({"A": {"B": 0.9}}, {"A": 1.0}),  # probabilities sum to 0.9
        ({"A": {"B": 1.2, "C": -0.2}}, {"A": 1.0}),  # a negative probability
        ({"A": {"B": 1.0}}, {}),  # no holding rate
        ({"A": {"B": 1.0}}, {"A": 1.0, "X": 1.0}),  # a rate for an unknown state
        ({"A": {"B": 1.0}}, {"A": 0.0}),  # a state never left
        ({"A": {"B": 1.0}, "B": {"A": 1.0}}, {"A": 1.0, "B": 1.0}),  # no way out at all
        ({"A": {"B": 0.5, "Won": 0.5}, "B": {"C": 1.0}, "C": {"B": 1.0}},
         {"A": 1.0, "B": 1.0, "C": 1.0}),  # B and C trap the lead
    ],
)
def test_absorbing_chain_rejects_bad_chains(transitions, rates):
    """Rows not summing to 1, missing or bad rates, and chains that may never end are errors."""
    with pytest.raises(ValueError):
        absorbing_chain(transitions, rates)
