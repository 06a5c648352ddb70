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
        # why leads wait in each status: over the visits in `durations`, seconds their work
        # items waited for a free rep and for open hours, and were worked on
        self.rep_wait = [0.0] * n
        self.closed_wait = [0.0] * n
        self.work_time = [0.0] * n
        self.blocked_moves: dict[tuple[int, int], int] = {}
        self.busy = [0.0] * t
        # per team: work items started after the warm-up, and of those the waits that were not
        # zero (most items start at once; a list of hundreds of thousands of zeros would cost
        # more to fill, sort and free than all the rest of the figures)
        self.served = [0] * t
        self.waits: list[list[float]] = [[] for _ in range(t)]  # for a free rep
        self.closed_waits: list[list[float]] = [[] for _ in range(t)]  # for open hours
        self.peak_queue = [0] * t
        self.leads: list[Any] = []
        self.all_leads: list[Any] = []
        self.wins: list[float] = []
        # of the leads in `leads`: how many sit in each outcome status as their last outcome,
        # and each one's time from arrival to its first outcome (in no particular order)
        self.outcomes = [0] * n
        self.to_outcome: list[float] = []
        self.current = [0] * n  # leads in each status now
        self.series: list[tuple[float, list[int]]] = []  # daily samples of `current`
        self.n = n
        self.flow_counts = [0] * (n * n)  # moves source -> target at source * n + target
        self.flows: dict[tuple[int, int], int] = {}  # the same, filled in by close()

    def sample(self, now: float) -> None:
        self.series.append((now, list(self.current)))

    def breach(self, lead: Any) -> None:
        """An SLA of the lead's current visit broke (counted for visits after the warm-up)."""
        if lead.entered < self.start:
            return
        i = lead.status
        self.breaches[i] += 1
        self.alerts[i] += 1
        if lead.breached != lead.visit:
            lead.breached = lead.visit
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

    def busy_part(self, team: int, begin: float, done: float) -> None:
        """Busy time of a work item that straddles the warm-up or the horizon (the engine
        adds the items that lie wholly inside the window itself)."""
        low, high = max(begin, self.start), min(done, self.end)
        if high > low:
            self.busy[team] += self.m.calendar.between_seconds(low, high)

    def close(self, horizon: float, teams: Any) -> None:
        n = self.n
        self.flows = {(i // n, i % n): c for i, c in enumerate(self.flow_counts) if c}
        for lead in self.all_leads:
            if lead.status >= 0:
                self.wip_end[lead.status] += 1
                low = max(lead.entered, self.start)
                if horizon > low:
                    self.wip_area[lead.status] += horizon - low
