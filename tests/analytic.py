"""Closed forms the simulator is checked against: M/M/c queues and absorbing Markov chains.

A lead-status scheme with exponential delays is a continuous-time Markov chain, and a team
working a queue of leads with exponential handling times is an M/M/c queue; for both the exact
answers are known, so a simulation of such a scheme must reproduce them within its confidence
interval. Pure Python (no numpy): the chains in the tests are small.
"""

from __future__ import annotations

import math


def erlang_c(arrival_rate: float, service_rate: float, servers: int) -> float:
    """The probability that an arrival waits in an M/M/c queue (the Erlang C formula).

    With offered load a = λ/μ and c servers, C(c, a) = (a^c/c!)·c/(c−a) divided by
    Σ_{k<c} a^k/k! + (a^c/c!)·c/(c−a). Computed without factorials: the Erlang B recursion
    B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)) stays in [0, 1] for any c, and then
    C = c·B / (c − a·(1 − B)). Source: Gross, Shortle, Thompson & Harris, *Fundamentals of
    Queueing Theory* (4th ed., 2008), ch. 2 (the M/M/c queue, and Erlang's loss formula for
    M/M/c/c with its recursion). Raises ValueError unless ρ = λ/(c·μ) < 1 (otherwise the queue
    grows without bound).
    """
    if arrival_rate < 0 or service_rate <= 0 or servers < 1:
        raise ValueError("need arrival_rate >= 0, service_rate > 0 and at least one server")
    a = arrival_rate / service_rate
    if a >= servers:
        raise ValueError(f"utilisation ρ = {a / servers:.3g} >= 1: the queue is unstable")
    b = 1.0
    for k in range(1, servers + 1):
        b = a * b / (k + a * b)
    return servers * b / (servers - a * (1.0 - b))


def mmc_mean_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """The mean wait in queue of an M/M/c system: Wq = C(c, a) / (c·μ − λ).

    Same source and the same ValueError as `erlang_c`. (The mean time in the system is
    Wq + 1/μ; the mean number waiting is λ·Wq by Little's law.)
    """
    c = erlang_c(arrival_rate, service_rate, servers)
    return c / (servers * service_rate - arrival_rate)


def absorbing_chain(
    transitions: dict[str, dict[str, float]], rates: dict[str, float]
) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Absorption probabilities and mean times to absorption of a continuous-time chain.

    `transitions[s]` gives, for each transient state s, the probabilities of its next state
    (the embedded jump chain; each row must sum to 1 within 1e-9); `rates[s]` the rate of its
    exponential holding time (mean 1/rate). States appearing only as targets are absorbing.
    With Q the transient-to-transient and R the transient-to-absorbing jump probabilities,
    the fundamental matrix N = (I − Q)^-1 counts expected visits, so the absorption
    probabilities are B = N·R and the mean times to absorption t = N·h, h the mean holding
    times (Kemeny & Snell, *Finite Markov Chains*, 1960, ch. III; Norris, *Markov Chains*,
    1997, §1.3, and ch. 3 for jump chains and holding times). The system (I − Q)·X = [R | h]
    is solved by Gauss–Jordan elimination with partial pivoting.

    Returns `(probabilities, mean_time)`: `probabilities[start][absorbing]` for every transient
    start and every absorbing state (zeros included) and `mean_time[start]`. Raises ValueError
    for a bad row or rate, or when absorption is not certain (I − Q singular).
    """
    transient = list(transitions)
    absorbing = list(dict.fromkeys(t for row in transitions.values() for t in row
                                   if t not in transitions))
    if set(rates) != set(transient):
        raise ValueError("need exactly one holding rate for each transient state")
    for s, row in transitions.items():
        probs = list(row.values())
        if any(not 0.0 <= p <= 1.0 for p in probs) or abs(math.fsum(probs) - 1.0) > 1e-9:
            raise ValueError(f"the jump probabilities from {s!r} must be in [0, 1] and sum to 1")
        if not 0.0 < rates[s] < math.inf:
            raise ValueError(f"the holding rate of {s!r} must be positive and finite")
    index = {s: i for i, s in enumerate(transient)}
    matrix = []  # [I − Q | R | h], one row per transient state
    for s in transient:
        line = [float(i == index[s]) for i in range(len(transient))]
        line += [0.0] * len(absorbing) + [1.0 / rates[s]]
        for target, p in transitions[s].items():
            if target in index:
                line[index[target]] -= p
            else:
                line[len(transient) + absorbing.index(target)] += p
        matrix.append(line)
    solution = _solve(matrix, len(transient))
    probabilities = {s: dict(zip(absorbing, solution[i][:-1], strict=True))
                     for s, i in index.items()}
    return probabilities, {s: solution[i][-1] for s, i in index.items()}


def _solve(rows: list[list[float]], n: int) -> list[list[float]]:
    """Gauss–Jordan with partial pivoting on the augmented matrix [A | B] (A is n×n).

    Returns X with A·X = B, one row per unknown; ValueError if A is (numerically) singular.
    """
    m = [list(r) for r in rows]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) < 1e-12:
            raise ValueError("absorption is not certain: some states never reach an end")
        m[col], m[pivot] = m[pivot], m[col]
        lead = m[col][col]
        m[col] = [v / lead for v in m[col]]
        for r in range(n):
            if r != col and m[r][col] != 0.0:
                factor = m[r][col]
                m[r] = [v - factor * w for v, w in zip(m[r], m[col], strict=True)]
    return [row[n:] for row in m]
