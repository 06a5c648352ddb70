"""The discrete-event engine: one replication of a compiled model, all state in one object.

Events sit in a heap keyed by (time, sequence), so equal times resolve in creation order and a
run is reproducible. A lead's pending events carry the `visit` they were made in; when the lead
has moved on, they are dropped when they come up (lazy cancellation), so a move never has to
search the heap. Each lead draws its behaviour from its own random stream (seeded by scenario
seed, run and lead number), so two schemes simulated with the same seed see the same leads
behave the same way wherever the schemes agree: common random numbers.
"""

from __future__ import annotations

import heapq
import random
from collections import deque
from typing import Any

from leadrules.simulate.compile import Move, SimModel, Work
from leadrules.simulate.records import RunRecords

ARRIVAL, TIMER, SLA, SAMPLE, WORK_DONE, BRANCH, RECUR = range(7)
DAY = 86400.0
MAX_INSTANT_MOVES = 200
MAX_EVENTS_AT_ONCE = 1_000_000


class SimulationError(Exception):
    """A scheme that cannot be simulated as written (a loop of moves with no delay)."""


class Lead:
    __slots__ = (
        "activities",
        "activity",
        "arrived",
        "entered",
        "fields",
        "id",
        "moves_at",
        "moves_now",
        "outcome",
        "outcome_at",
        "owner",
        "path",
        "rng",
        "stage",
        "status",
        "visit",
    )

    def __init__(self, lead_id: int, now: float, rng: random.Random) -> None:
        self.id = lead_id
        self.status = -1
        self.visit = 0
        self.entered = self.activity = self.arrived = now
        self.activities = 0
        self.fields: dict[str, Any] = {}
        self.rng = rng
        self.owner: dict[int, int] = {}
        self.stage: int | None = None
        self.path: list[int] = []
        self.moves_now = 0
        self.moves_at = now
        self.outcome_at: float | None = None
        self.outcome: int | None = None


class TeamState:
    __slots__ = ("busy", "next_owner", "queue", "servers")

    def __init__(self, servers: int | None) -> None:
        self.servers = servers
        self.busy = 0
        self.queue: deque[tuple[Lead, int, Work | None, float, float, Any]] = deque()
        self.next_owner = 0


class Run:
    """One replication. `run()` returns its flat records."""

    def __init__(self, model: SimModel, seed: int, run: int,
                 arrivals: list[float] | None = None) -> None:
        self.m = model
        self.seed, self.run_index = seed, run
        self.now = model.start
        self.heap: list[tuple[float, int, int, Any, int, Any]] = []
        self.seq = 0
        self.teams = [TeamState(t.servers) for t in model.teams]
        self.leads = 0
        self.rec = RunRecords(model)
        self.fixed_arrivals = arrivals
        # one stream per lead, numbered (seed, run, lead): distinct for up to 2**32 leads a run
        self.stream = ((seed * 100_003 + run + 1) << 32)
        self.arrival_rng = random.Random(self.stream)  # lead numbers start at 1
        self.pending_approval: set[tuple[int, int]] = set()  # (lead, visit) waiting

    # -- scheduling ------------------------------------------------------------------------
    def at(self, when: float, code: int, lead: Any = None, token: int = 0, arg: Any = None
           ) -> None:
        self.seq += 1
        heapq.heappush(self.heap, (when, self.seq, code, lead, token, arg))

    def run(self) -> RunRecords:
        m = self.m
        if self.fixed_arrivals is not None:
            for t in self.fixed_arrivals:
                self.at(t, ARRIVAL)
        else:
            self.at(self.next_arrival(m.start), ARRIVAL, arg=True)
        heap, horizon = self.heap, m.horizon
        self.at(m.start + DAY, SAMPLE)
        handlers = (self.arrive, self.timer, self.sla, self.sample, self.work_done,
                    self.branch, self.recur)
        same, last = 0, None
        while heap:
            when, _, code, lead, token, arg = heapq.heappop(heap)
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
            if lead is not None and token != lead.visit:
                continue  # the lead has moved on since this was scheduled
            handlers[code](lead, arg)
        self.now = horizon
        self.rec.close(horizon, self.teams)
        return self.rec

    def next_arrival(self, after: float) -> float:
        gap = self.m.arrival_gap(self.arrival_rng)
        cal = self.m.calendar
        return cal.add_seconds(after, gap) if self.m.arrivals_business else after + gap

    def advance(self, draw: Any, value: float, start: float) -> float:
        if not draw.business:
            return start + value
        if draw.unit is not None:
            return self.m.calendar.advance_ts(start, value, draw.unit, True)
        return self.m.calendar.add_seconds(start, value)

    # -- arrivals and moves ----------------------------------------------------------------
    def arrive(self, lead: Any, recurring: Any) -> None:
        if recurring:
            self.at(self.next_arrival(self.now), ARRIVAL, arg=True)
        self.leads += 1
        rng = random.Random(self.stream + self.leads)
        new = Lead(self.leads, self.now, rng)
        for name, sample in self.m.values:
            new.fields[name] = sample(rng)
        self.rec.arrived(new, self.now)
        self.enter(new, self.m.initial, ())

    def move(self, lead: Lead, via: Move) -> None:
        """Make a move of the scheme (after its approval, if any)."""
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
            self.enqueue(lead, via.approve, None, self.open_seconds(draw, duration), arg=via)
            return
        self.enter(lead, via.target, via.sets)

    def enter(self, lead: Lead, index: int, sets: tuple[tuple[str, Any], ...],
              stage_sync: bool = True) -> None:
        m, now = self.m, self.now
        if lead.moves_at == now:
            lead.moves_now += 1
            if lead.moves_now > MAX_INSTANT_MOVES:
                names = " -> ".join(m.statuses[i].name for i in lead.path[-6:])
                raise SimulationError(f"a loop of moves with no delay: {names} -> … (lead "
                                      f"{lead.id} moved {MAX_INSTANT_MOVES} times at one "
                                      "instant)")
        else:
            lead.moves_at, lead.moves_now = now, 0
        rec, fields = self.rec, lead.fields
        if lead.status >= 0:
            leaving = m.statuses[lead.status]
            if leaving.locked:
                return  # nothing leaves a locked status, whatever rule asks
            for name, value in leaving.exit_sets:
                fields[name] = value
            rec.left(lead, now)
            rec.flow(lead.status, index, now)
        lead.visit += 1
        lead.status, lead.entered, lead.activity = index, now, now
        lead.path.append(index)
        status = m.statuses[index]
        for name, value in sets:
            fields[name] = value
        for name, value in status.sets:
            fields[name] = value
        rec.entered(lead, now)
        for _ in range(status.alerts_on_enter):  # `notify`/`escalate` in `on enter`
            self.rec.alert(lead)
        for team, different in status.assign:
            self.assign(lead, team, different)
        if status.outcome and lead.outcome_at is None:
            lead.outcome_at = now
        if status.outcome:
            lead.outcome = index
        token, done = lead.visit, lead.activities
        for i, timer in enumerate(status.timers):
            self.at(timer.fire(now), TIMER, lead, token, (i, done))
        for i, sla in enumerate(status.slas):
            self.at(sla.due(now), SLA, lead, token, (i, done))
        if stage_sync and status.stages and self.sync_stage(lead, status):
            return
        if status.rules and self.data_rules(lead):
            return
        if status.entry_work is not None:
            self.work_item(lead, status.entry_work)
        if status.recurring is not None:
            self.work_item(lead, status.recurring)
        for i, branch in enumerate(status.branches):
            if branch.delay is not None:  # only `after DIST:` branches have a delay
                value = branch.delay.sample(lead.rng)
                self.at(self.advance(branch.delay, value, now), BRANCH, lead, token, i)

    def sync_stage(self, lead: Lead, status: Any) -> bool:
        """Move the lead's stage into the status's stages; fire stage-sync rules. True when a
        rule moved the lead on."""
        if not status.stages:
            return False
        old = lead.stage
        if old in status.stages:
            return False
        forward = [s for s in status.stages if old is None or s > old]
        new = min(forward) if forward else min(status.stages)
        lead.stage = new
        if old is None:
            return False
        target = self.m.syncs.get(("becomes" if new > old else "returns", new))
        if target is None or target == lead.status or status.locked:
            return False
        self.enter(lead, target, ())
        return True

    def data_rules(self, lead: Lead) -> bool:
        status = self.m.statuses[lead.status]
        for check, target, sets, _ in status.rules:
            if check(lead.fields, self.now):
                self.enter(lead, target, sets)
                return True
        return False

    def assign(self, lead: Lead, team: int, different: bool) -> None:
        state = self.teams[team]
        size = state.servers or 1_000_000
        owner = state.next_owner % size
        if different and lead.owner.get(team) == owner and size > 1:
            owner = (owner + 1) % size
        state.next_owner = owner + 1
        lead.owner[team] = owner

    # -- work ------------------------------------------------------------------------------
    def open_seconds(self, draw: Any, value: float) -> float:
        """A drawn work time as seconds of open time (business days count whole open days)."""
        if draw is None or draw.unit is None:
            return value
        cal = self.m.calendar
        days = value * (cal.open_days_per_week if draw.unit == "weeks" else 1)
        return days * cal.seconds_per_open_day

    def work_item(self, lead: Lead, work: Work) -> None:
        self.enqueue(lead, work.team, work,
                     self.open_seconds(work.draw, work.draw.sample(lead.rng)))

    def enqueue(self, lead: Lead, team: int, work: Work | None, duration: float,
                arg: Any = None) -> None:
        state = self.teams[team]
        item = (lead, lead.visit, work, duration, self.now, arg)
        if state.servers is None or state.busy < state.servers:
            self.start(team, item)
        else:
            state.queue.append(item)
            self.rec.queued(team, self.now, len(state.queue))

    def start(self, team: int, item: tuple[Lead, int, Work | None, float, float, Any]
              ) -> None:
        lead, visit, work, duration, queued_at, arg = item
        state = self.teams[team]
        state.busy += 1
        cal = self.m.calendar
        begin = cal.next_open_ts(self.now)
        done = cal.add_seconds(begin, duration) if duration > 0 else begin
        self.rec.served(team, queued_at, self.now, begin, done, duration)
        # the work item ends even if the lead moves on meanwhile: the rep was busy
        self.at(done, WORK_DONE, None, 0, (team, lead, visit, work, arg))

    def sample(self, lead: Any, arg: Any) -> None:
        """Once a day: how many leads sit in each status (work in progress over time)."""
        self.rec.sample(self.now)
        self.at(self.now + DAY, SAMPLE)

    def work_done(self, _: Any, arg: Any) -> None:
        team, lead, visit, work, approval = arg
        state = self.teams[team]
        state.busy -= 1
        while state.queue:
            item = state.queue.popleft()
            waiting, waiting_visit = item[0], item[1]
            if waiting.visit != waiting_visit:
                self.pending_approval.discard((waiting.id, waiting_visit))
                continue  # the lead moved on while waiting: nothing to do
            self.start(team, item)
            break
        if approval is not None:
            self.pending_approval.discard((lead.id, visit))
        if lead.visit != visit:
            return
        if approval is not None:
            self.enter(lead, approval.target, approval.sets)
            return
        assert work is not None
        self.activity(lead, work)
        if lead.visit != visit:
            return  # a data rule moved the lead on: this status's follow-up no longer applies
        status = self.m.statuses[lead.status]
        kind = "each_attempt" if work.every is not None else "then"
        if work.every is not None:
            self.at(work.every(self.now), RECUR, lead, lead.visit, work)
        for branch in status.branches:
            if branch.kind == kind:
                self.choose(lead, branch)
                return

    def recur(self, lead: Lead, work: Work) -> None:
        self.work_item(lead, work)

    def activity(self, lead: Lead, work: Work) -> None:
        lead.activity = self.now
        lead.activities += 1
        if work.counting:
            lead.fields[work.counting] = (lead.fields.get(work.counting) or 0) + 1
        status = self.m.statuses[lead.status]
        for i, timer in enumerate(status.timers):
            if timer.without_activity:
                self.at(timer.fire(self.now), TIMER, lead, lead.visit, (i, lead.activities))
        for i, sla in enumerate(status.slas):
            if sla.activity:
                self.at(sla.due(self.now), SLA, lead, lead.visit, (i, lead.activities))
        if status.rules:
            self.data_rules(lead)

    # -- timers, SLAs, branches ------------------------------------------------------------
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
        index, activities = arg
        sla = self.m.statuses[lead.status].slas[index]
        if sla.activity and activities != lead.activities:
            return
        self.rec.breach(lead, index)
        if sla.activity:  # the next period starts now
            self.at(sla.due(self.now), SLA, lead, lead.visit, (index, lead.activities))

    def branch(self, lead: Lead, index: int) -> None:
        self.choose(lead, self.m.statuses[lead.status].branches[index])

    def choose(self, lead: Lead, branch: Any) -> None:
        u, acc = lead.rng.random(), 0.0
        for name, p in branch.choices:
            acc += p
            if u < acc:
                self.act(lead, name)
                return

    def act(self, lead: Lead, name: str) -> None:
        """Fire an event of the scheme, or make a manual move to a status."""
        status = self.m.statuses[lead.status]
        move = status.events.get(name)
        if move is None:
            move = status.manual.get(self.m.names.get(name, -1))
        if move is not None:
            self.move(lead, move)
