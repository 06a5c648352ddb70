"""What one replication observed, as flat numbers per status, team and lead.

Observations before the warm-up are discarded: visits and queue waits count when they start
after it; work in progress and busy time count only the part of each interval inside
[warm-up, horizon].
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from leadrules.simulate.compile import SimModel


class RunRecords:
    def __init__(self, model: SimModel) -> None:
        self.m = model
        n, t = len(model.statuses), len(model.teams)
        self.start, self.end = model.warmup, model.horizon
        self.entries = [0] * n
        self.durations: list[list[float]] = [[] for _ in range(n)]
        self.wip_area = [0.0] * n
        self.wip_end = [0] * n
        self.breaches = [0] * n
        self.breached_visits = [0] * n
        self.alerts = [0] * n
        self.blocked_moves: dict[tuple[int, int], int] = {}
        self.busy = [0.0] * t
        self.waits: list[list[float]] = [[] for _ in range(t)]
        self.closed_waits: list[list[float]] = [[] for _ in range(t)]
        self.peak_queue = [0] * t
        self.leads: list[Any] = []
        self.all_leads: list[Any] = []
        self.wins: list[float] = []
        self.current = [0] * n  # leads in each status now
        self.series: list[tuple[float, list[int]]] = []  # daily samples of `current`
        self.flows: dict[tuple[int, int], int] = {}
        self._breached: set[tuple[int, int]] = set()

    def arrived(self, lead: Any, now: float) -> None:
        self.all_leads.append(lead)
        if now >= self.start:
            self.leads.append(lead)

    def entered(self, lead: Any, now: float) -> None:
        self.current[lead.status] += 1
        if now >= self.start:
            self.entries[lead.status] += 1
            status = self.m.statuses[lead.status]
            if status.outcome == "won":
                self.wins.append(now)

    def left(self, lead: Any, now: float) -> None:
        i, began = lead.status, lead.entered
        self.current[i] -= 1
        if began >= self.start:
            self.durations[i].append(now - began)
        low, high = max(began, self.start), min(now, self.end)
        if high > low:
            self.wip_area[i] += high - low

    def sample(self, now: float) -> None:
        self.series.append((now, list(self.current)))

    def flow(self, source: int, target: int, now: float) -> None:
        if now >= self.start:
            key = (source, target)
            self.flows[key] = self.flows.get(key, 0) + 1

    def breach(self, lead: Any, sla_index: int) -> None:
        if lead.entered < self.start:
            return
        i = lead.status
        self.breaches[i] += 1
        self.alerts[i] += 1
        key = (lead.id, lead.visit)
        if key not in self._breached:
            self._breached.add(key)
            self.breached_visits[i] += 1

    def alert(self, lead: Any) -> None:
        if lead.entered >= self.start:
            self.alerts[lead.status] += 1

    def blocked(self, source: int, target: int) -> None:
        key = (source, target)
        self.blocked_moves[key] = self.blocked_moves.get(key, 0) + 1

    def queued(self, team: int, now: float, length: int) -> None:
        if now >= self.start and length > self.peak_queue[team]:
            self.peak_queue[team] = length

    def served(self, team: int, queued_at: float, started: float, begin: float, done: float,
               duration: float) -> None:
        if queued_at >= self.start:
            self.waits[team].append(started - queued_at)
            self.closed_waits[team].append(begin - started)
        if begin >= self.start and done <= self.end:
            self.busy[team] += duration  # work is measured in open time already
            return
        low, high = max(begin, self.start), min(done, self.end)
        if high > low:
            self.busy[team] += self.m.calendar.between_seconds(low, high)

    def close(self, horizon: float, teams: Any) -> None:
        for lead in self.all_leads:
            if lead.status >= 0:
                self.wip_end[lead.status] += 1
                low = max(lead.entered, self.start)
                if horizon > low:
                    self.wip_area[lead.status] += horizon - low
