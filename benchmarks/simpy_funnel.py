"""The benchmark funnel (funnel.leads + funnel.scenario) as an ordinary SimPy model.

The same rules, distributions and probabilities as the leadrules scheme and scenario, written
the way a SimPy user would write them: a `simpy.Resource` for the 20 reps, one process per
lead, `env.timeout` for every delay. Time is in minutes, round the clock (the scheme's
calendar is open 24/7, so there is no business-hours arithmetic to reproduce).

    New         lognormal(5, 3) min of rep work, then on to Attempting; SLA 15 minutes
    Attempting  an attempt (~8 min of rep work) at once, then one a day after each; after each
                attempt: the 6th is the limit (-> Lost), else reply 15% (-> Connected),
                Lost 3%, no answer 82%
    Connected   triangular(5, 10, 15) min of rep work; after 2..6 days: Qualified 60%, Lost 40%
    Qualified   after 1..5 days: Won 60%, Lost 20%; otherwise the 10-day timer -> Lost

Run alone: `.venv/bin/python benchmarks/simpy_funnel.py [SEED]`.
"""

from __future__ import annotations

import math
import random
import statistics
import sys
from dataclasses import dataclass

import simpy

DAY = 24 * 60.0
HORIZON = 180 * DAY
ARRIVALS_PER_DAY = 555.6
REPS = 20
NEW_SLA = 15.0
ATTEMPT_EVERY = 1 * DAY
ATTEMPT_LIMIT = 6
QUALIFIED_TIMER = 10 * DAY


def lognormal(rng: random.Random, mean: float, sd: float) -> float:
    """A lognormal draw with this mean and standard deviation (not mu and sigma)."""
    sigma2 = math.log(1 + (sd / mean) ** 2)
    return rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))


@dataclass
class Lead:
    arrived: float
    status: str = ""
    visit: int = 0  # counts status changes, so pending work can tell the lead has moved on
    outcome: str | None = None
    outcome_at: float | None = None


class Funnel:
    def __init__(self, env: simpy.Environment, rng: random.Random) -> None:
        self.env, self.rng = env, rng
        self.reps = simpy.Resource(env, capacity=REPS)
        self.leads: list[Lead] = []
        self.waits: list[float] = []
        self.busy = 0.0
        self.new_entries = self.sla_breaches = 0
        env.process(self.arrivals())

    def arrivals(self):
        while True:
            yield self.env.timeout(self.rng.expovariate(ARRIVALS_PER_DAY / DAY))
            lead = Lead(arrived=self.env.now)
            self.leads.append(lead)
            self.env.process(self.journey(lead))

    def enter(self, lead: Lead, status: str) -> None:
        lead.status = status
        lead.visit += 1
        if status in ("Won", "Lost"):
            lead.outcome = status
            if lead.outcome_at is None:
                lead.outcome_at = self.env.now

    def work(self, lead: Lead, minutes: float):
        """One work item: wait for a free rep, then keep them busy for `minutes`."""
        visit, queued = lead.visit, self.env.now
        with self.reps.request() as request:
            yield request
            if lead.visit != visit:
                return  # the lead moved on while the item waited: nothing left to do
            self.waits.append(self.env.now - queued)
            self.busy += min(minutes, HORIZON - self.env.now)
            yield self.env.timeout(minutes)

    def sla(self, lead: Lead, visit: int, within: float):
        yield self.env.timeout(within)
        if lead.visit == visit:
            self.sla_breaches += 1

    def journey(self, lead: Lead):
        env, rng = self.env, self.rng
        self.enter(lead, "New")
        self.new_entries += 1
        env.process(self.sla(lead, lead.visit, NEW_SLA))
        yield from self.work(lead, lognormal(rng, 5, 3))

        self.enter(lead, "Attempting")
        attempts = 0
        while True:
            yield from self.work(lead, rng.expovariate(1 / 8))
            attempts += 1
            if attempts >= ATTEMPT_LIMIT:
                self.enter(lead, "Lost")
                return
            answer = rng.random()
            if answer < 0.15:
                break
            if answer < 0.15 + 0.03:
                self.enter(lead, "Lost")
                return
            yield env.timeout(ATTEMPT_EVERY)

        self.enter(lead, "Connected")
        env.process(self.work(lead, rng.triangular(5, 15, 10)))  # runs beside the wait below
        yield env.timeout(rng.uniform(2 * DAY, 6 * DAY))
        if rng.random() >= 0.60:
            self.enter(lead, "Lost")
            return

        self.enter(lead, "Qualified")
        decided = rng.uniform(1 * DAY, 5 * DAY)
        yield env.timeout(decided)
        answer = rng.random()
        if answer < 0.60:
            self.enter(lead, "Won")
        elif answer < 0.60 + 0.20:
            self.enter(lead, "Lost")
        else:
            yield env.timeout(QUALIFIED_TIMER - decided)  # the timer counts from entry
            self.enter(lead, "Lost")


def run(seed: int) -> dict[str, float]:
    """One replication; figures named and scaled as leadrules names them (hours, percent)."""
    env = simpy.Environment()
    funnel = Funnel(env, random.Random(seed))
    env.run(until=HORIZON)
    leads = funnel.leads
    finished = [lead for lead in leads if lead.outcome is not None]
    to_outcome = [lead.outcome_at - lead.arrived for lead in finished]
    return {
        "leads.arrived": len(leads),
        "outcome.Won.share_pct": 100 * sum(x.outcome == "Won" for x in finished) / len(finished),
        "outcome.Lost.share_pct": 100 * sum(x.outcome == "Lost" for x in finished) / len(finished),
        "funnel.reached_outcome_pct": 100 * len(finished) / len(leads),
        "funnel.time_to_outcome_mean": statistics.fmean(to_outcome) / 60,
        "team.SDR.utilisation_pct": 100 * funnel.busy / (REPS * HORIZON),
        "team.SDR.wait_mean": statistics.fmean(funnel.waits) / 60,
        "status.New.sla_breach_pct": 100 * funnel.sla_breaches / funnel.new_entries,
    }


if __name__ == "__main__":
    for name, value in run(int(sys.argv[1]) if len(sys.argv) > 1 else 1).items():
        print(f"{name:30} {value:12.4f}")
