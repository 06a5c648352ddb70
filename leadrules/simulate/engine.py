"""The discrete-event engine: one replication of a compiled model, all state in one object.

Events are ordered by (time, sequence), so equal times resolve in creation order and a run is
reproducible. A lead's pending events carry the `visit` they were made in; when the lead has
moved on, they are dropped when they come up (lazy cancellation), so a move never has to search
the heap. Each lead draws its behaviour from its own random stream (numbered by scenario seed,
run and lead), so two schemes simulated with the same seed see the same leads behave the same
way wherever the schemes agree: common random numbers.

The engine does as little work per lead as it can, because that work is the whole cost of a run
(the profile is flat):

- compiled, the events sit in a heap of their own that the engine sifts itself, comparing
  unboxed times (sequence numbers only on a tie); interpreted, heapq holds the distinct event
  times as plain floats (they compare far faster than tuples) and each time's event (or list
  of events, in creation order) waits in a dict. Both give the same (time, sequence) order;
- a lead's first random numbers are unboxed attributes of its `Stream`, not a list of floats;
- a decision after each recurring attempt whose outcomes need no checks is made before the
  next attempt is scheduled, so a lead that moves on leaves no dead event behind;
- work items that start at once are counted, not listed with a wait of zero; the funnel's
  outcome counts and times to outcome are kept as leads reach them;
- per status, what an entry, an activity and a decision need is flattened once into a `Plan`
  (tuples of ints and numbers); a decision's outcomes are resolved to moves up front, calendar
  durations to seconds, simple data rules (`attempts >= 6`) to a comparison the engine makes;
- work starts at once when a rep is free; a work item's event carries its queue item;
- a plain `sla D` is not an event: its deadline gets the sequence number its event would have
  had, and when the lead leaves (or the run ends) the breach is counted if that (time,
  sequence) comes before the event being handled; that is exactly when the event would have
  fired, so nothing changes but the heap traffic;
- the records' lists are bound to the run, and draws are made by the lead's `Stream` itself.

The module is written so that mypyc can compile it as it is (see accel.py): typed, with no
dynamic tricks; the pure-Python module is the reference and the fallback.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, Final

from leadrules.model.common import Compare
from leadrules.simulate.compile import Branch, Move, SimModel, Work
from leadrules.simulate.conditions import literal
from leadrules.simulate.dists import Draw
from leadrules.simulate.records import RunRecords
from leadrules.simulate.residual import Residual

# event codes, most frequent first (the loop tests them in this order)
WORK_DONE, RECUR, ARRIVAL, BRANCH, TIMER, SLA, SAMPLE = range(7)
DAY = 86400.0
MAX_INSTANT_MOVES = 200
MAX_EVENTS_AT_ONCE = 1_000_000
UNLIMITED = 1 << 62

BLOCK: Final = 16  # uniforms drawn for each lead when it is created (Stream.u0 … u15)
NV_MAGICCONST = 4 * math.exp(-0.5) / math.sqrt(2.0)
LOG4 = math.log(4.0)
SG_MAGICCONST = 1.0 + math.log(4.5)
TWOPI = 2.0 * math.pi

# how a draw is sampled (dists.Draw.method): the engine's own codes
FIXED, UNIFORM, EXPO, TRIANGULAR, GAUSS, LOGNORMAL, GAMMA = range(7)
METHODS = {"fixed": FIXED, "uniform": UNIFORM, "expovariate": EXPO, "triangular": TRIANGULAR,
           "gauss": GAUSS, "lognormvariate": LOGNORMAL, "gammavariate": GAMMA}

# a decision: (cumulative probability, target status or -1 when the move needs checks or
# approval, the move or None for nothing), per outcome
Choices = tuple[tuple[float, int, Move | None], ...]
# a data rule: (check, target, sets, field, comparison, number); comparison > 0 is one of
# the OPS below, which the engine evaluates itself (no call) on a modelled field
Rule = tuple[Callable[[Any, float], Any], int, tuple[tuple[str, Any], ...], str, int, float]
GE, GT, LE, LT, EQ, NE = range(1, 7)
OPS = {">=": GE, ">": GT, "<=": LE, "<": LT, "=": EQ, "!=": NE}


# compiled by mypyc (accel.py builds this file as `_leadrules_engine`), the engine keeps its
# events in a heap of its own, which C code sifts on unboxed times; interpreted, heapq's C code
# and a dict of events by time are faster than any heap written in Python. Both give the events
# in the same (time, sequence) order, so the same results (tests/simulate/test_accel.py).
NATIVE_HEAP: Final = __name__ == "_leadrules_engine"


class SimulationError(Exception):
    """A scheme that cannot be simulated as written (a loop of moves with no delay)."""


class Stream:
    """One lead's own random numbers, for common random numbers across schemes.

    Seeding a `random.Random` per lead costs more than all of a typical lead's draws (the
    Mersenne Twister fills 624 words), so a lead gets its first `BLOCK` uniforms from the run's
    block stream when it is created, in creation order, and only a lead that needs more seeds
    a generator of its own, from its number. Either way the k-th number a lead draws depends
    only on (seed, run, lead, k), never on what other leads did. The distributions are those of
    `random.Random`, under the same names (the scenario's compiled draws call them), written
    out here so that they draw through this stream.
    """

    __slots__ = (
        "_i",
        "_more",
        "_seed",
        "gauss_next",
        "u0",
        "u1",
        "u2",
        "u3",
        "u4",
        "u5",
        "u6",
        "u7",
        "u8",
        "u9",
        "u10",
        "u11",
        "u12",
        "u13",
        "u14",
        "u15",
    )

    def __init__(self, block: Callable[[], float], seed: int | str) -> None:
        # unboxed in the compiled engine: a lead's numbers sit in its own object, not in a
        # list of float objects (reading those, days after they were drawn, missed the cache)
        self.u0 = block()
        self.u1 = block()
        self.u2 = block()
        self.u3 = block()
        self.u4 = block()
        self.u5 = block()
        self.u6 = block()
        self.u7 = block()
        self.u8 = block()
        self.u9 = block()
        self.u10 = block()
        self.u11 = block()
        self.u12 = block()
        self.u13 = block()
        self.u14 = block()
        self.u15 = block()
        self._i = 0
        self._seed = seed
        self._more: random.Random | None = None
        self.gauss_next: float | None = None

    def random(self) -> float:
        i = self._i
        if i < BLOCK:
            self._i = i + 1
            if i < 8:
                if i < 4:
                    if i < 2:
                        return self.u0 if i == 0 else self.u1
                    return self.u2 if i == 2 else self.u3
                if i < 6:
                    return self.u4 if i == 4 else self.u5
                return self.u6 if i == 6 else self.u7
            if i < 12:
                if i < 10:
                    return self.u8 if i == 8 else self.u9
                return self.u10 if i == 10 else self.u11
            if i < 14:
                return self.u12 if i == 12 else self.u13
            return self.u14 if i == 14 else self.u15
        more = self._more
        if more is None:
            more = self._more = random.Random(self._seed)
        return more.random()

    def draw(self, code: int, a: float, b: float, c: float) -> float:
        """A draw of a compiled distribution (see `Sampler`), as `dists.Draw.sample` would."""
        if code == LOGNORMAL:
            return math.exp(self.normalvariate(a, b))
        if code == EXPO:
            return -math.log(1.0 - self.random()) / a
        if code == FIXED:
            return a
        if code == UNIFORM:
            return a + (b - a) * self.random()
        if code == TRIANGULAR:
            return self.triangular(a, b, c)
        if code == GAUSS:
            return max(0.0, self.gauss(a, b))
        return self.gammavariate(a, b)

    def uniform(self, a: float, b: float) -> float:
        return a + (b - a) * self.random()

    def expovariate(self, lambd: float) -> float:
        return -math.log(1.0 - self.random()) / lambd

    def triangular(self, low: float, high: float, mode: float) -> float:
        u = self.random()
        if high == low:
            return low
        c = (mode - low) / (high - low)
        if u > c:
            u, c, low, high = 1.0 - u, 1.0 - c, high, low
        return low + (high - low) * math.sqrt(u * c)

    def normalvariate(self, mu: float, sigma: float) -> float:
        """Kinderman and Monahan's ratio method."""
        while True:
            u1 = self.random()
            u2 = 1.0 - self.random()
            z = NV_MAGICCONST * (u1 - 0.5) / u2
            if z * z / 4.0 <= -math.log(u2):
                return mu + z * sigma

    def gauss(self, mu: float, sigma: float) -> float:
        """Box–Muller, keeping the second value for the next call."""
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            x2pi = self.random() * TWOPI
            g2rad = math.sqrt(-2.0 * math.log(1.0 - self.random()))
            z = math.cos(x2pi) * g2rad
            self.gauss_next = math.sin(x2pi) * g2rad
        return mu + z * sigma

    def lognormvariate(self, mu: float, sigma: float) -> float:
        return math.exp(self.normalvariate(mu, sigma))

    def gammavariate(self, alpha: float, beta: float) -> float:
        """Cheng's method for alpha > 1, the exponential for 1, Ahrens–Dieter GS below."""
        if alpha > 1.0:
            ainv = math.sqrt(2.0 * alpha - 1.0)
            bbb, ccc = alpha - LOG4, alpha + ainv
            while True:
                u1 = self.random()
                if not 1e-7 < u1 < 0.9999999:
                    continue
                u2 = 1.0 - self.random()
                v = math.log(u1 / (1.0 - u1)) / ainv
                x = alpha * math.exp(v)
                z = u1 * u1 * u2
                r = bbb + ccc * v - x
                if r + SG_MAGICCONST - 4.5 * z >= 0.0 or r >= math.log(z):
                    return x * beta
        if alpha == 1.0:
            return -math.log(1.0 - self.random()) * beta
        while True:
            b = (math.e + alpha) / math.e
            p = b * self.random()
            x = p ** (1.0 / alpha) if p <= 1.0 else -math.log((b - p) / alpha)
            u1 = self.random()
            if (u1 <= x ** (alpha - 1.0)) if p > 1.0 else (u1 <= math.exp(-x)):
                return x * beta


class Lead:
    __slots__ = (
        "activities",
        "activity",
        "arrived",
        "breached",
        "closed_wait",
        "counted",
        "entered",
        "fields",
        "id",
        "moves_at",
        "moves_now",
        "name",
        "outcome",
        "outcome_at",
        "owner",
        "path",
        "plan",
        "rep_wait",
        "rng",
        "slas",
        "stage",
        "status",
        "times",
        "visit",
        "work_time",
    )

    def __init__(self, lead_id: int, now: float, rng: Stream) -> None:
        self.id = lead_id
        self.name = ""  # an open lead's external id
        self.status = -1
        self.plan: Plan | None = None  # the status's plan (status >= 0)
        self.visit = 0
        self.entered = self.activity = self.arrived = now
        self.activities = 0
        self.fields: dict[str, Any] = {}
        self.rng = rng
        self.owner: dict[int, int] = {}
        self.stage: int | None = None
        self.path: list[int] = []
        self.times: list[float] | None = None  # entry times, when traces are kept
        self.moves_now = 0
        self.moves_at = now
        self.outcome_at: float | None = None
        self.outcome: int | None = None
        self.slas: tuple[tuple[float, int], ...] = ()  # pending plain SLAs: (due, sequence)
        self.breached = 0  # the last visit counted as breached
        self.counted = False  # arrived after the warm-up: in the funnel's figures
        # this visit's seconds waiting for a rep, for open hours, and being worked on
        self.rep_wait = self.closed_wait = self.work_time = 0.0


class Sampler:
    """A compiled distribution as the engine draws it: a code and up to three numbers."""

    __slots__ = ("a", "b", "c", "code", "draw", "residual")

    def __init__(self, draw: Draw) -> None:
        self.draw = draw
        self.code = METHODS[draw.method]
        a, b, c = (*draw.args, 0.0, 0.0, 0.0)[:3]
        self.a, self.b, self.c = float(a), float(b), float(c)
        self.residual: Residual | None = None  # built when an open lead first needs it


class Job:
    """A work item of a status, flattened: who does it and how long it takes."""

    __slots__ = ("counting", "every", "every_seconds", "mult", "sampler", "scaled", "team")

    def __init__(self, work: Work, per_week: float) -> None:
        self.team = work.team
        self.sampler = Sampler(work.draw)
        # business days and weeks are drawn in days and weeks and take whole open days
        self.scaled = work.draw.unit is not None
        self.mult = per_week if work.draw.unit == "weeks" else 1.0
        self.counting = work.counting
        self.every = work.every
        self.every_seconds = work.every_seconds


class Plan:
    """One status as the engine uses it on every entry, activity and decision."""

    __slots__ = ("act_slas", "act_timers", "alerts", "assign", "choices", "closed_wait",
                 "current", "delayed", "durations", "each", "each_free", "entries", "entry",
                 "exit_sets",
                 "flows", "locked", "outcome", "recurring", "rep_wait", "rules", "sets", "slas",
                 "stages", "then", "timers", "wip_area", "won", "work_time")

    def __init__(self, model: SimModel, index: int, per_week: float, rec: RunRecords) -> None:
        s = model.statuses[index]
        # the status's records while the run goes (numbers kept unboxed here, copied to the
        # records by `Run.sync`; the list of visit lengths is the records' own)
        self.current = self.entries = 0
        self.wip_area = self.rep_wait = self.closed_wait = self.work_time = 0.0
        self.durations = rec.durations[index]
        self.flows = [0] * len(model.statuses)  # moves from here, by target
        self.locked = s.locked
        self.outcome = s.outcome is not None
        self.won = s.outcome == "won"
        self.sets = s.sets
        self.exit_sets = s.exit_sets
        self.alerts = s.alerts_on_enter
        self.assign = s.assign
        self.timers = tuple((i, t.fire, t.seconds) for i, t in enumerate(s.timers))
        self.act_timers = tuple((i, t.fire, t.seconds) for i, t in enumerate(s.timers)
                                if t.without_activity)
        self.slas = tuple((i, x.due, x.seconds, x.activity) for i, x in enumerate(s.slas))
        self.act_slas = tuple((i, x.due, x.seconds) for i, x in enumerate(s.slas)
                              if x.activity)
        self.stages = s.stages
        self.rules = _rules(model, index)
        self.entry = Job(s.entry_work, per_week) if s.entry_work is not None else None
        self.recurring = Job(s.recurring, per_week) if s.recurring is not None else None
        self.choices = tuple(_choices(model, index, b) for b in s.branches)
        self.then = next((c for b, c in zip(s.branches, self.choices, strict=True)
                          if b.kind == "then"), None)
        self.each = next((c for b, c in zip(s.branches, self.choices, strict=True)
                          if b.kind == "each_attempt"), None)
        # every outcome of `each attempt` either moves at once or does nothing (no checks, no
        # approval): the engine can decide before it schedules the next attempt (see work_done)
        self.each_free = self.each is not None and all(
            target >= 0 or move is None for _, target, move in self.each)
        self.delayed = tuple((i, Sampler(b.delay)) for i, b in enumerate(s.branches)
                             if b.delay is not None)


def _choices(model: SimModel, index: int, branch: Branch) -> Choices:
    """A decision's outcomes with their cumulative probabilities, each resolved to the move it
    makes from this status: an event of the scheme, or a manual move to a status."""
    status, out, acc = model.statuses[index], [], 0.0
    for name, p in branch.choices:
        acc += p
        move = status.events.get(name)
        if move is None:
            move = status.manual.get(model.names.get(name, -1))
        out.append((acc, move.target if move is not None and move.free else -1, move))
    return tuple(out)


def _rules(model: SimModel, index: int) -> tuple[Rule, ...]:
    """A status's data rules; `FIELD op NUMBER` on a modelled field is flagged so the engine
    compares it itself, exactly as conditions.compile_condition would."""
    out = []
    scheme_rules = model.scheme.statuses[index].rules
    for (check, target, sets, _), rule in zip(model.statuses[index].rules, scheme_rules,
                                              strict=True):
        cond, op, name, number = rule.when, 0, "", 0.0
        if isinstance(cond, Compare) and cond.field.name in model.modelled:
            value = literal(cond.value)
            if isinstance(value, float) and cond.op in OPS:
                op, name, number = OPS[cond.op], cond.field.name, value
        out.append((check, target, sets, name, op, number))
    return tuple(out)


class TeamState:
    __slots__ = ("busy", "busy_time", "closed_waits", "next_owner", "queue", "served", "servers",
                 "waits")

    def __init__(self, servers: int | None, waits: list[float], closed_waits: list[float]
                 ) -> None:
        self.servers = UNLIMITED if servers is None else servers
        self.busy = 0
        self.busy_time = 0.0  # copied to the records by `Run.sync`
        self.served = 0  # likewise: work items started (after the warm-up)
        self.waits, self.closed_waits = waits, closed_waits  # the records' own lists
        self.queue: deque[Item] = deque()
        self.next_owner = 0


# a work item: (lead, visit, job or None for an approval, open seconds, queued at, move)
Item = tuple[Lead, int, "Job | None", float, float, "Move | None"]
class Event:
    """An event: its time, sequence number, code, lead (or None), the lead's visit (or a
    team) and an argument."""

    __slots__ = ("arg", "code", "lead", "seq", "time", "token")

    def __init__(self, time: float, seq: int, code: int, lead: Lead | None, token: int,
                 arg: Any) -> None:
        self.time = time
        self.seq = seq
        self.code = code
        self.lead = lead
        self.token = token
        self.arg = arg


class Run:
    """One replication. `run()` returns its flat records."""

    def __init__(self, model: SimModel, seed: int, run: int,
                 arrivals: Sequence[float] | None = None, open_leads: Sequence[Any] = (),
                 keep_traces: bool = False) -> None:
        self.m = model
        self.seed, self.run_index = seed, run
        self.now = model.start
        self.cur = 0  # sequence number of the event being handled
        # compiled: one heap of the events themselves, ordered by (time, sequence)
        self.events: list[Event] = []
        # interpreted: the distinct times with events pending, and each time's event, or its
        # events in creation order (most times have just one)
        self.heap: list[float] = []
        self.pending: dict[float, Event | list[Event]] = {}
        self.seq = 0
        self.leads = 0
        self.rec = rec = RunRecords(model)
        self.teams = [TeamState(t.servers, rec.waits[i], rec.closed_waits[i])
                      for i, t in enumerate(model.teams)]
        self.rs, self.re, self.wins = rec.start, rec.end, rec.wins
        self.all_leads, self.new_leads = rec.all_leads, rec.leads
        self.outcomes, self.to_outcome = rec.outcomes, rec.to_outcome
        self.values = model.values
        self.fixed_arrivals = arrivals
        self.open_leads = open_leads
        self.keep_traces = keep_traces
        cal = model.calendar
        per_week = float(cal.open_days_per_week)
        self.plans = [Plan(model, i, per_week, rec) for i in range(len(model.statuses))]
        self.always_open = cal.always_open
        self.per_day = cal.seconds_per_open_day
        # numbered (seed, run, lead): distinct for up to 2**32 leads a run
        self.stream = ((seed * 100_003 + run + 1) << 32)
        self.arrival_random = random.Random(self.stream).random  # lead numbers start at 1
        self.arrival_rate = model.arrival_rate
        # `arrivals by weekday|hour`: hourly rates (see compile._arrival_bins) and the bin the
        # last arrival fell in (arrivals only move forward)
        self.bin_starts: list[float] = model.arrival_starts
        self.bin_rates: list[float] = model.arrival_rates
        self.bin = 0
        self.block = random.Random(f"blocks {seed} {run}").random
        self.pending_approval: set[tuple[int, int]] = set()  # (lead, visit) waiting

    # -- scheduling ------------------------------------------------------------------------
    def at(self, when: float, code: int, lead: Any = None, token: int = 0, arg: Any = None
           ) -> None:
        self.seq += 1
        event = Event(when, self.seq, code, lead, token, arg)
        if NATIVE_HEAP:
            # sift up; a new event comes after every pending one of the same time (its
            # sequence number is the highest), so only the time needs comparing
            heap = self.events
            pos = len(heap)
            heap.append(event)
            while pos > 0:
                parent = (pos - 1) >> 1
                above = heap[parent]
                if when < above.time:
                    heap[pos] = above
                    pos = parent
                else:
                    break
            heap[pos] = event
            return
        pending = self.pending
        before = pending.get(when)
        if before is None:
            pending[when] = event
            heapq.heappush(self.heap, when)
        elif isinstance(before, list):
            before.append(event)
        else:
            pending[when] = [before, event]

    def run(self) -> RunRecords:
        m = self.m
        for i, spec in enumerate(self.open_leads):
            self.place(i, spec)
        if self.fixed_arrivals is not None:
            for t in self.fixed_arrivals:
                self.at(t, ARRIVAL)
        else:
            self.at(self.next_arrival(m.start), ARRIVAL, arg=True)
        horizon = m.horizon
        self.at(m.start + DAY, SAMPLE)
        if NATIVE_HEAP:
            self.loop(horizon)
        else:
            self.loop_by_time(horizon)
        self.now, self.cur = horizon, self.seq + 1
        self.sync()
        for lead in self.rec.all_leads:
            if lead.slas and lead.status >= 0:
                self.settle(lead)
        self.rec.close(horizon, self.teams)
        return self.rec

    def loop_by_time(self, horizon: float) -> None:
        """The interpreted event loop: the distinct times from heapq, each time's events in
        creation order (events made now for this same instant are kept apart, handled after
        these)."""
        heap, pending, pop, handle = self.heap, self.pending, heapq.heappop, self.handle
        same, last = 0, -1.0
        while heap:
            when = pop(heap)
            if when > horizon:
                break
            got = pending.pop(when)
            count = len(got) if isinstance(got, list) else 1
            if when == last:
                same += count
            else:
                same, last = count - 1, when
            if same > MAX_EVENTS_AT_ONCE:  # counted as the compiled loop counts, event by event
                raise SimulationError(
                    f"the clock does not advance: {MAX_EVENTS_AT_ONCE:,} events at one "
                    "instant (a zero-length repeating SLA or timer?)")
            self.now = when
            if isinstance(got, list):
                for event in got:
                    handle(event)
            else:
                handle(got)

    def loop(self, horizon: float) -> None:
        """The compiled event loop: the events in (time, sequence) order up to the horizon."""
        events = self.events
        same, last = 0, -1.0
        while events:
            event = self.next_event(events)
            when = event.time
            if when > horizon:
                break
            if when == last:
                same += 1
                if same > MAX_EVENTS_AT_ONCE:
                    raise SimulationError(
                        f"the clock does not advance: {MAX_EVENTS_AT_ONCE:,} events at one "
                        "instant (a zero-length repeating SLA or timer?)")
            else:
                same, last = 0, when
            self.now = when
            self.handle(event)

    def next_event(self, heap: list[Event]) -> Event:
        """Pop the first event (heapq's method: the hole at the top moves down along the
        smaller children to a leaf, where the last event goes in and sifts up)."""
        last = heap.pop()
        if not heap:
            return last
        first = heap[0]
        size = len(heap)
        pos, child = 0, 1
        while child < size:
            smaller = heap[child]
            right = child + 1
            if right < size:
                other = heap[right]
                if other.time < smaller.time or (other.time == smaller.time
                                                 and other.seq < smaller.seq):
                    smaller, child = other, right
            heap[pos] = smaller
            pos = child
            child = 2 * pos + 1
        time, seq = last.time, last.seq
        while pos > 0:
            parent = (pos - 1) >> 1
            above = heap[parent]
            if time < above.time or (time == above.time and seq < above.seq):
                heap[pos] = above
                pos = parent
            else:
                break
        heap[pos] = last
        return first

    def handle(self, event: Event) -> None:
        code, lead, token, arg = event.code, event.lead, event.token, event.arg
        self.cur = event.seq
        if code == WORK_DONE:
            self.work_done(token, arg)
        elif lead is None:
            if code == ARRIVAL:
                self.arrive(arg)
            else:
                self.sample()
        elif token != lead.visit:
            return  # the lead has moved on since this was scheduled
        elif code == RECUR:
            self.work_item(lead, arg)
        elif code == BRANCH:
            plan = lead.plan
            assert plan is not None
            self.choose(lead, plan.choices[arg])
        elif code == TIMER:
            self.timer(lead, arg)
        else:
            self.sla(lead, arg)

    def sync(self) -> None:
        """Copy the counts kept in the plans and team states to the records."""
        rec, n = self.rec, len(self.plans)
        for i, plan in enumerate(self.plans):
            rec.current[i], rec.entries[i], rec.wip_area[i] = (plan.current, plan.entries,
                                                                plan.wip_area)
            rec.rep_wait[i], rec.closed_wait[i] = plan.rep_wait, plan.closed_wait
            rec.work_time[i] = plan.work_time
            rec.flow_counts[i * n:(i + 1) * n] = plan.flows
        for t, state in enumerate(self.teams):
            rec.busy[t] += state.busy_time
            state.busy_time = 0.0
            rec.served[t] += state.served
            state.served = 0

    def next_arrival(self, after: float) -> float:
        if self.bin_rates:
            return self.next_patterned(after)
        # arrival_gap(rng), i.e. rng.expovariate(rate), without the call into random.py
        gap = -math.log(1.0 - self.arrival_random()) / self.arrival_rate
        cal = self.m.calendar
        return cal.add_seconds(after, gap) if self.m.arrivals_business else after + gap

    def next_patterned(self, after: float) -> float:
        """The next arrival of a Poisson process whose rate is constant within each hour: an
        exponential amount of "rate × time" (mean 1) used up hour by hour from `after`."""
        need = -math.log(1.0 - self.arrival_random())
        starts, rates = self.bin_starts, self.bin_rates
        n = len(starts)
        i = self.bin
        while i + 1 < n and starts[i + 1] <= after:
            i += 1
        t = after
        while True:
            end = starts[i + 1] if i + 1 < n else math.inf
            rate = rates[i]
            if rate > 0.0:
                room = (end - t) * rate
                if room >= need:
                    self.bin = i
                    return t + need / rate
                need -= room
            if i + 1 >= n:
                self.bin = i
                return math.inf  # no arrival in the hours left
            t = end
            i += 1

    def advance(self, draw: Draw, value: float, start: float) -> float:
        if not draw.business:
            return start + value
        if draw.unit is not None:
            return self.m.calendar.advance_ts(start, value, draw.unit, True)
        return self.m.calendar.add_seconds(start, value)

    # -- arrivals and moves ----------------------------------------------------------------
    def new_lead(self, number: int, now: float, seed: int | str) -> Lead:
        block = self.block
        lead = Lead(number, now, Stream(block, seed))
        if self.values:
            rng, fields = lead.rng, lead.fields
            for name, sample in self.values:
                fields[name] = sample(rng)
        if self.keep_traces:
            lead.times = []
        return lead

    def arrive(self, recurring: Any) -> None:
        now = self.now
        if recurring:
            self.at(self.next_arrival(now), ARRIVAL, arg=True)
        self.leads += 1
        lead = self.new_lead(self.leads, now, self.stream + self.leads)
        self.all_leads.append(lead)
        if now >= self.rs:
            self.new_leads.append(lead)
            lead.counted = True
        self.enter(lead, self.m.initial, ())

    def place(self, number: int, spec: Any) -> None:
        """An open lead of a backtest: in `spec.status` since `spec.entered`, with
        `spec.attempts` attempts so far. Its timers and SLAs count from its entry, so one
        already overdue fires at the start; its `on enter` actions happened before the start
        and are not repeated; its work starts at the start (what was done before is not
        known), and its `after DIST:` lines are drawn afresh at the start, or conditioned on
        its age (`rest_of`) when `spec.aged`."""
        m, now = self.m, self.now
        index = m.names[spec.status]
        entered = float(spec.entered)
        lead = self.new_lead(-1 - number, entered, f"open {self.seed} {self.run_index} {number}")
        lead.name = spec.lead
        status = m.statuses[index]
        counting = {w.counting for w in (status.entry_work, status.recurring)
                    if w is not None and w.counting}
        if not counting:  # then every field the scenario counts attempts in
            counting = {w.counting for s in m.statuses for w in (s.entry_work, s.recurring)
                        if w is not None and w.counting}
        for name in sorted(counting):
            lead.fields[name] = spec.attempts
        self.rec.all_leads.append(lead)
        plan = self.plans[index]
        plan.current += 1
        lead.status, lead.visit, lead.entered, lead.activity = index, 1, entered, entered
        lead.plan = plan
        lead.path.append(index)
        if lead.times is not None:
            lead.times.append(entered)
        if plan.stages:
            lead.stage = min(plan.stages)
        if plan.outcome:
            lead.outcome, lead.outcome_at = index, entered
        token = lead.visit
        for i, fire, _ in sorted(plan.timers, key=lambda t: t[1](entered)):
            self.at(max(fire(entered), now), TIMER, lead, token, (i, 0))
        pending = []
        for i, due, _, activity in plan.slas:
            if activity:
                self.at(max(due(entered), now), SLA, lead, token, (i, 0))
            else:
                self.seq += 1
                pending.append((due(entered), self.seq))
        lead.slas = tuple(pending)
        if plan.rules and self.data_rules(lead, plan):
            return
        self.behave(lead, plan, now, entered if spec.aged and entered < now else -1.0)

    def rest_of(self, lead: Lead, choices: Choices, delay: Sampler, now: float,
                since: float) -> float | None:
        """What is left of an `after DIST:` line for a lead in its status since `since` that
        it has not moved yet (see residual.py): the delay from now, or None."""
        draw = delay.draw
        age = now - since
        if draw.business:  # waited in open time, in the draw's own unit
            cal = self.m.calendar
            age = cal.between_seconds(since, now)
            if draw.unit is not None:
                age = age / (self.per_day * (cal.open_days_per_week
                                             if draw.unit == "weeks" else 1))
        rest = delay.residual
        if rest is None:
            rest = delay.residual = Residual(draw.method, draw.args)
        return rest.rest(age, choices[-1][0] if choices else 0.0, lead.rng, delay.code,
                         delay.a, delay.b, delay.c)

    def move(self, lead: Lead, via: Move) -> None:
        """Make a move of the scheme (after its approval, if any)."""
        if via.free:
            plan = lead.plan
            if plan is not None and not plan.locked:
                self.enter(lead, via.target, ())
            return
        m = self.m
        current = m.statuses[lead.status]
        if current.locked:
            return
        target = m.statuses[via.target]
        ok_req = via.requires(lead.fields, self.now)
        ok_target = target.requires(lead.fields, self.now)
        if ok_req is False or ok_target is False:
            self.rec.blocked(current.index, target.index)
            return
        if via.approve is not None and (via.approve_if is None
                                        or via.approve_if(lead.fields, self.now)):
            draw = m.approval.get(via.approve)
            key = (lead.id, lead.visit)
            if key in self.pending_approval:
                return  # already waiting for this lead's approval: one request is enough
            self.pending_approval.add(key)
            duration = draw.sample(lead.rng) if draw else 0.0
            if draw is not None and draw.unit is not None:
                duration = self.open_seconds(draw.unit, duration)
            self.enqueue(lead, via.approve, None, duration, via)
            return
        self.enter(lead, via.target, ())

    def enter(self, lead: Lead, index: int, sets: tuple[tuple[str, Any], ...]) -> None:
        """Move the lead into status `index`, with the fields a timer or rule `set`s."""
        now = self.now
        if lead.moves_at == now:
            lead.moves_now += 1
            if lead.moves_now > MAX_INSTANT_MOVES:
                names = " -> ".join(self.m.statuses[i].name for i in lead.path[-6:])
                raise SimulationError(f"a loop of moves with no delay: {names} -> … (lead "
                                      f"{lead.id} moved {MAX_INSTANT_MOVES} times at one "
                                      "instant)")
        else:
            lead.moves_at, lead.moves_now = now, 0
        fields, rs = lead.fields, self.rs
        leaving = lead.plan
        if leaving is not None:
            if leaving.locked:
                return  # nothing leaves a locked status, whatever rule asks
            for name, value in leaving.exit_sets:
                fields[name] = value
            if lead.slas:
                self.settle(lead)
            leaving.current -= 1
            began = lead.entered
            if began >= rs:
                leaving.durations.append(now - began)
                leaving.rep_wait += lead.rep_wait
                leaving.closed_wait += lead.closed_wait
                leaving.work_time += lead.work_time
            lead.rep_wait = lead.closed_wait = lead.work_time = 0.0
            low = began if began > rs else rs
            high = now if now < self.re else self.re
            if high > low:
                leaving.wip_area += high - low
            if now >= rs:
                leaving.flows[index] += 1
        lead.visit += 1
        lead.status, lead.entered, lead.activity = index, now, now
        lead.path.append(index)
        if lead.times is not None:
            lead.times.append(now)
        plan = self.plans[index]
        lead.plan = plan
        for name, value in sets:
            fields[name] = value
        for name, value in plan.sets:
            fields[name] = value
        plan.current += 1
        if now >= rs:
            plan.entries += 1
            if plan.won:
                self.wins.append(now)
        for _ in range(plan.alerts):  # `notify`/`escalate` in `on enter`
            self.rec.alert(lead)
        for team, different in plan.assign:
            self.assign(lead, team, different)
        if plan.outcome:  # the funnel's figures, kept as the run goes (see RunRecords)
            if lead.counted:
                if lead.outcome_at is None:
                    self.to_outcome.append(now - lead.arrived)
                if lead.outcome is not None:
                    self.outcomes[lead.outcome] -= 1
                self.outcomes[index] += 1
            if lead.outcome_at is None:
                lead.outcome_at = now
            lead.outcome = index
        if plan.timers:
            token, done = lead.visit, lead.activities
            for i, fire, seconds in plan.timers:
                self.at(now + seconds if seconds >= 0 else fire(now), TIMER, lead, token,
                        (i, done))
        if plan.slas:
            pending = []
            for i, due, seconds, activity in plan.slas:
                deadline = now + seconds if seconds >= 0 else due(now)
                if activity:
                    self.at(deadline, SLA, lead, lead.visit, (i, lead.activities))
                else:  # not an event: see the module docstring
                    self.seq += 1
                    pending.append((deadline, self.seq))
            lead.slas = tuple(pending)
        elif lead.slas:
            lead.slas = ()
        if plan.stages and self.sync_stage(lead, plan.stages):
            return
        if plan.rules and self.data_rules(lead, plan):
            return
        self.behave(lead, plan, now)

    def behave(self, lead: Lead, plan: Plan, now: float, since: float = -1.0) -> None:
        """The scenario's behaviour in a status just entered: work, and `after DIST:`. With
        `since` (an open lead in the status since then, `OpenLead.aged`), the work still
        starts now, and each `after` line is what is left of it at that age (`rest_of`)."""
        if plan.entry is not None:
            self.work_item(lead, plan.entry)
        if plan.recurring is not None:
            self.work_item(lead, plan.recurring)
        for i, delay in plan.delayed:
            if since < 0.0:
                value = lead.rng.draw(delay.code, delay.a, delay.b, delay.c)
            else:
                rest = self.rest_of(lead, plan.choices[i], delay, now, since)
                if rest is None:
                    continue
                value = rest
            if delay.draw.business:
                self.at(self.advance(delay.draw, value, now), BRANCH, lead, lead.visit, i)
            else:
                self.at(now + value, BRANCH, lead, lead.visit, i)

    def settle(self, lead: Lead) -> None:
        """Count the plain SLAs of the lead's visit whose deadline came before now."""
        now, cur = self.now, self.cur
        for due, seq in lead.slas:
            if due < now or (due == now and seq < cur):
                self.rec.breach(lead)
        lead.slas = ()

    def sync_stage(self, lead: Lead, stages: tuple[int, ...]) -> bool:
        """Move the lead's stage into the status's stages; fire stage-sync rules. True when a
        rule moved the lead on."""
        old = lead.stage
        if old in stages:
            return False
        forward = [s for s in stages if old is None or s > old]
        new = min(forward) if forward else min(stages)
        lead.stage = new
        if old is None:
            return False
        target = self.m.syncs.get(("becomes" if new > old else "returns", new))
        if target is None or target == lead.status or self.plans[lead.status].locked:
            return False
        self.enter(lead, target, ())
        return True

    def data_rules(self, lead: Lead, plan: Plan) -> bool:
        fields, now = lead.fields, self.now
        for check, target, sets, name, op, number in plan.rules:
            if op:
                got = fields.get(name)
                if got is None:
                    continue  # unknown: the rule does not fire
                if op == GE:
                    hit = got >= number
                elif op == GT:
                    hit = got > number
                elif op == LE:
                    hit = got <= number
                elif op == LT:
                    hit = got < number
                elif op == EQ:
                    hit = got == number
                else:
                    hit = got != number
            else:
                hit = check(fields, now)
            if hit:
                self.enter(lead, target, sets)
                return True
        return False

    def assign(self, lead: Lead, team: int, different: bool) -> None:
        state = self.teams[team]
        size = state.servers if state.servers != UNLIMITED else 1_000_000
        size = size or 1_000_000
        owner = state.next_owner % size
        if different and lead.owner.get(team) == owner and size > 1:
            owner = (owner + 1) % size
        state.next_owner = owner + 1
        lead.owner[team] = owner

    # -- work ------------------------------------------------------------------------------
    def open_seconds(self, unit: str, value: float) -> float:
        """A drawn number of business days or weeks as seconds of open time (whole open
        days)."""
        days = value * (self.m.calendar.open_days_per_week if unit == "weeks" else 1)
        return days * self.per_day

    def work_item(self, lead: Lead, job: Job) -> None:
        sampler = job.sampler
        duration = lead.rng.draw(sampler.code, sampler.a, sampler.b, sampler.c)
        if job.scaled:
            duration = duration * job.mult * self.per_day
        self.enqueue(lead, job.team, job, duration, None)

    def enqueue(self, lead: Lead, team: int, job: Job | None, duration: float,
                approval: Move | None) -> None:
        """A work item or an approval: started at once when a rep of the team is free, else
        queued (first come, first served)."""
        state = self.teams[team]
        item = (lead, lead.visit, job, duration, self.now, approval)
        if state.busy < state.servers:
            self.start(team, state, item)
        else:
            state.queue.append(item)
            self.rec.queued(team, self.now, len(state.queue))

    def start(self, team: int, state: TeamState, item: Item) -> None:
        lead, duration, queued_at = item[0], item[3], item[4]
        state.busy += 1
        now = self.now
        if self.always_open:
            begin, done = now, now + duration
        else:
            cal = self.m.calendar
            begin = cal.next_open_ts(now)
            done = cal.add_seconds(begin, duration) if duration > 0 else begin
        if queued_at >= self.rs:
            # most items start at once: those are counted, not listed (see RunRecords.waits)
            state.served += 1
            if now != queued_at:
                state.waits.append(now - queued_at)
            if begin != now:
                state.closed_waits.append(begin - now)
        # the visit's waits, counted with its time in status when it ends
        lead.rep_wait += now - queued_at
        lead.closed_wait += begin - now
        lead.work_time += done - begin
        if begin >= self.rs and done <= self.re:
            state.busy_time += duration  # work is measured in open time already
        else:
            self.rec.busy_part(team, begin, done)
        # the work item ends even if the lead moves on meanwhile: the rep was busy
        self.at(done, WORK_DONE, None, team, item)

    def sample(self) -> None:
        """Once a day: how many leads sit in each status (work in progress over time)."""
        current = self.rec.current
        for i, plan in enumerate(self.plans):
            current[i] = plan.current
        self.rec.sample(self.now)
        self.at(self.now + DAY, SAMPLE)

    def work_done(self, team: int, item: Item) -> None:
        lead, visit, job, _, _, approval = item
        state = self.teams[team]
        state.busy -= 1
        queue = state.queue
        while queue:
            waiting = queue.popleft()
            if waiting[0].visit != waiting[1]:
                if waiting[5] is not None:
                    self.pending_approval.discard((waiting[0].id, waiting[1]))
                continue  # the lead moved on while waiting: nothing to do
            self.start(team, state, waiting)
            break
        if approval is not None:
            self.pending_approval.discard((lead.id, visit))
            if lead.visit == visit:
                self.enter(lead, approval.target, ())
            return
        if lead.visit != visit:
            return
        assert job is not None
        # an activity: restarts `without activity` clocks and may trigger data rules
        now = self.now
        lead.activity = now
        lead.activities += 1
        if job.counting is not None:
            fields = lead.fields
            fields[job.counting] = (fields.get(job.counting) or 0) + 1
        plan = lead.plan
        assert plan is not None
        for i, fire, seconds in plan.act_timers:
            self.at(now + seconds if seconds >= 0 else fire(now), TIMER, lead, visit,
                    (i, lead.activities))
        for i, due, seconds in plan.act_slas:
            self.at(now + seconds if seconds >= 0 else due(now), SLA, lead, visit,
                    (i, lead.activities))
        if plan.rules:
            self.data_rules(lead, plan)
            if lead.visit != visit:
                return  # a data rule moved the lead on: this status's follow-up is void
        if job.every is not None:
            each = plan.each
            if each is not None and plan.each_free:
                # decided first: a move voids the next attempt, so it is not scheduled at all;
                # staying schedules nothing and draws nothing else, so the next attempt's event
                # gets the same place in the order as if it had been made before the decision
                self.choose(lead, each)
                if lead.visit != visit:
                    return
                each = None
            seconds = job.every_seconds
            self.at(now + seconds if seconds >= 0 else job.every(now), RECUR, lead, visit, job)
            if each is not None:
                self.choose(lead, each)
        elif plan.then is not None:
            self.choose(lead, plan.then)

    # -- timers, SLAs, decisions -----------------------------------------------------------
    def timer(self, lead: Lead, arg: tuple[int, int]) -> None:
        index, activities = arg
        timer = self.m.statuses[lead.status].timers[index]
        if timer.without_activity and activities != lead.activities:
            return  # an activity since then restarted this timer
        if timer.when is not None and not timer.when(lead.fields, self.now):
            return
        if timer.target is None:
            self.rec.alert(lead)
            return
        self.enter(lead, timer.target, timer.sets)

    def sla(self, lead: Lead, arg: tuple[int, int]) -> None:
        """`sla activity every D` (plain SLAs are no events): breached for each period with no
        activity; the next period starts at the breach."""
        index, activities = arg
        if activities != lead.activities:
            return
        self.rec.breach(lead)
        due = self.m.statuses[lead.status].slas[index].due
        self.at(due(self.now), SLA, lead, lead.visit, (index, lead.activities))

    def choose(self, lead: Lead, choices: Choices) -> None:
        u = lead.rng.random()
        for acc, target, move in choices:
            if u < acc:
                if target >= 0:  # a move with nothing to check
                    plan = lead.plan
                    if plan is not None and not plan.locked:
                        self.enter(lead, target, ())
                elif move is not None:
                    self.move(lead, move)
                return
