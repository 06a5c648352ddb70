"""`history stats`: the funnel as it really ran, measured the way the simulator measures it.

Definitions (docs/history.md has them for users):

- **Leads** are the traces whose first change (arrival) lies in [since, until); every figure
  is about those leads, over the whole history.
- **Conversion A → B** (as `expect conversion` defines it): of the leads that entered A, the
  share that later reached B. Leads still in A at the end with a single visit to A are left
  out (their fate is unknown) — exactly `leadrules.simulate.metrics.conversion`.
- **Time in status**: finished visits only (entered to left), mean / median / p90, in calendar
  time; with a business calendar also in business (open) time. `expect time_in` compares the
  calendar-time mean, as the simulator does.
- **Outcome shares**: of the leads that reached an outcome, the share whose last outcome was
  each one (the simulator's `share`). A lead's outcome time is its first outcome entry.
- **WIP**: leads in each non-outcome status at the start of every week (Monday 00:00 UTC).
- **Recycle statuses** are the non-outcome statuses a move out of a lost outcome enters (the
  graph's way back into the funnel); recycled conversion is conversion from them to the won
  outcomes.
- **Groups** (`--by owner|source|month`): a lead's owner is the owner in force when it entered
  the status a measure starts from; source is the lead's source; month its arrival month (UTC).
  Per group: the first-move rate (of leads that left the initial status, the share whose first
  move went to a status that is not a lost outcome), every `expect conversion`, the win rate
  and the idle time in activity-tracked statuses (those with `sla activity` or `without
  activity` timers: the mean gap between activities). Proportions carry 95% Wilson intervals
  so that a small owner's 100% is not read as a fact.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import statistics
from collections.abc import Sequence

import attrs

from leadrules.gcpause import gc_paused
from leadrules.graph import build_graph
from leadrules.history.clock import OpenClock
from leadrules.history.conformance import scheme_calendar
from leadrules.history.model import History, Trace
from leadrules.model.scheme import Expectation, Scheme
from leadrules.simulate.results import expect_text, in_range
from leadrules.simulate.stats import percentiles

HOUR = 3600.0
WEEK = 7 * 86400.0
Z95 = 1.959963984540054
NONE = "(none)"


@attrs.frozen
class Rate:
    """k of n, as a percentage with a 95% Wilson score interval."""

    k: int
    n: int

    @property
    def pct(self) -> float:
        return 100.0 * self.k / self.n if self.n else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.k, self.n)


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of k successes in n trials, in percent ((0, 100) when n = 0)."""
    if n == 0:
        return 0.0, 100.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return 100.0 * max(0.0, centre - half), 100.0 * min(1.0, centre + half)


@attrs.frozen
class Times:
    """Durations in hours: count, mean, median, p90 (business time alongside when known)."""

    n: int
    mean: float
    median: float
    p90: float
    business: tuple[float, float, float] | None = None  # mean, median, p90 in open hours
    deciles: tuple[float, ...] = ()  # 0th, 10th, …, 100th percentile (hours), for plots

    @classmethod
    def of(cls, seconds: Sequence[float], business: Sequence[float] | None = None
           ) -> Times | None:
        if not seconds:
            return None
        deciles = tuple(x / HOUR for x in percentiles(seconds, range(0, 101, 10)))
        median, p90 = deciles[5] * HOUR, deciles[9] * HOUR
        b = None
        if business:
            bm, b90 = percentiles(business, (50, 90))
            b = (statistics.fmean(business) / HOUR, bm / HOUR, b90 / HOUR)
        return cls(len(seconds), statistics.fmean(seconds) / HOUR, median / HOUR, p90 / HOUR, b,
                   deciles)


@attrs.frozen
class StatusStats:
    name: str
    visits: int
    leads: int
    time: Times | None
    open_now: int
    outcome: str | None = None


@attrs.frozen
class ExpectCheck:
    """One `expect` line measured on history: value in percent (or hours for time_in)."""

    text: str
    kind: str
    value: float | None
    n: int
    passed: bool | None  # None: nothing to measure
    line: int = 0


@attrs.frozen
class GroupStats:
    key: str
    leads: int
    first_move: Rate
    conversions: tuple[Rate, ...]  # one per `HistoryStats.group_conversions`
    win: Rate
    idle_hours: float | None
    idle_n: int


@attrs.frozen
class HistoryStats:
    scheme: str
    history: History
    leads: int
    open_leads: int
    finished: int
    since: float | None
    until: float | None
    calendar: str | None  # the business calendar's zone, when the scheme has one
    statuses: tuple[StatusStats, ...]
    outcomes: tuple[tuple[str, Rate], ...]
    conversions: tuple[tuple[str, str, Rate], ...]  # every status to every won outcome
    time_to_outcome: Times | None
    weeks: tuple[float, ...]  # week starts (epoch seconds)
    arrivals: tuple[int, ...]  # leads arriving each week
    wip: tuple[tuple[str, tuple[int, ...]], ...]  # status → leads in it at each week start
    recycle: tuple[tuple[str, str, Rate], ...]  # recycle status, won outcome, rate
    by: str | None
    group_conversions: tuple[str, ...]  # "A -> B" labels of the group conversion columns
    groups: tuple[GroupStats, ...]
    expects: tuple[ExpectCheck, ...]
    notes: tuple[str, ...] = ()


def lead_converted(path: Sequence[str], source: str, target: str) -> bool | None:
    """Whether one lead counts as converted from `source` to `target` (None: it does not
    count, having never entered `source` or being still in it on its first visit); the rule of
    `expect conversion` and of `leadrules.simulate.metrics.conversion`, for one lead."""
    if source not in path or (path[-1] == source and path.count(source) == 1):
        return None
    return target in path[path.index(source) + 1:]


class PathIndex:
    """Each lead's first and last position of every status it visited, so that one
    conversion is one O(1) check per lead (scanning each path, as the simulator's
    `leadrules.simulate.metrics.conversion` does, is most of the time `stats` takes with a
    dozen conversions over a million changes; tests hold the two equal)."""

    def __init__(self, paths: Sequence[Sequence[str]]) -> None:
        self.entries = [({s: i for i, s in reversed(list(enumerate(p)))},
                         {s: i for i, s in enumerate(p)}, p[-1]) for p in paths if p]

    def counts(self, source: str, target: str) -> tuple[int, int]:
        """(reached, entered) for `expect conversion source -> target`: see the module
        docstring."""
        entered = reached = 0
        for first, last, end in self.entries:
            i = first.get(source)
            if i is None or (end == source and last[source] == i):
                continue
            entered += 1
            j = last.get(target)
            if j is not None and j > i:
                reached += 1
        return reached, entered


def _owner_at(trace: Trace, i: int) -> str:
    for j in range(i, -1, -1):
        if trace.owners[j] is not None:
            return trace.owners[j]  # type: ignore[return-value]
    return NONE


def _month(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m")


def compute_stats(scheme: Scheme, history: History, *, since: float | None = None,
                  until: float | None = None, by: str | None = None) -> HistoryStats:
    """Every figure of `history` on the resolved `scheme`; see the module docstring."""
    with gc_paused():  # many small lists and tuples, no garbage: the collector only slows it
        return _compute(scheme, history, since, until, by)


def _compute(scheme: Scheme, history: History, since: float | None, until: float | None,
             by: str | None) -> HistoryStats:
    statuses = scheme.statuses
    smap = scheme.status_map
    traces = [t for t in history.traces.values()
              if (since is None or t.times[0] >= since) and (until is None or t.times[0] < until)]
    end = history.observed_until or 0.0
    cal_model = scheme.business_calendar_model
    clock = None
    if cal_model is not None and traces:
        clock = OpenClock(scheme_calendar(scheme), min(t.times[0] for t in traces),
                          max(max(t.times[-1] for t in traces), end))
    seconds: dict[str, list[float]] = {s.name: [] for s in statuses}
    business: dict[str, list[float]] = {s.name: [] for s in statuses}
    visits = dict.fromkeys(smap, 0)
    leads_in = dict.fromkeys(smap, 0)
    open_now = dict.fromkeys(smap, 0)
    outcome_of: dict[str, int] = {}
    to_outcome: list[float] = []
    paths = [t.statuses for t in traces]
    index = PathIndex(paths)
    outcome_names = {st.name for st in statuses if st.outcome is not None}
    for t in traces:
        seq, times = t.statuses, t.times
        last_outcome = None
        first_outcome_at = None
        opens = clock.open_times(times) if clock is not None else None
        for i, name in enumerate(seq):
            visits[name] += 1
            if name in outcome_names:
                last_outcome = name
                if first_outcome_at is None:
                    first_outcome_at = times[i]
            if i + 1 < len(seq):
                d = times[i + 1] - times[i]
                seconds[name].append(d)
                if opens is not None:
                    business[name].append(opens[i + 1] - opens[i])
        for name in set(seq):
            leads_in[name] += 1
        if smap[seq[-1]].outcome is None:
            open_now[seq[-1]] += 1
        if last_outcome is not None:
            outcome_of[last_outcome] = outcome_of.get(last_outcome, 0) + 1
            assert first_outcome_at is not None
            to_outcome.append(first_outcome_at - times[0])
    finished = sum(outcome_of.values())
    status_stats = tuple(StatusStats(
        s.name, visits[s.name], leads_in[s.name],
        Times.of(seconds[s.name], business[s.name] if clock is not None else None),
        open_now[s.name], s.outcome) for s in statuses)
    outcomes = tuple((s.name, Rate(outcome_of.get(s.name, 0), finished))
                     for s in statuses if s.outcome is not None)
    won = [s.name for s in statuses if s.outcome == "won"]
    conversions = tuple((s.name, w, Rate(*index.counts(s.name, w)))
                        for s in statuses if s.outcome is None for w in won)
    weeks, arrivals, wip = _weekly(scheme, traces, history, end)
    recycle, notes = _recycle(scheme, index, won)
    notes = _window_notes(history, traces, since, until) + _group_notes(traces, by) + notes
    conv_lines = [e for e in scheme.expects if e.kind == "conversion" and e.target is not None]
    groups = _groups(scheme, traces, by, conv_lines, won, end) if by else ()
    expects = tuple(_expect(e, index, status_stats, outcomes, finished)
                    for e in scheme.expects)
    return HistoryStats(
        scheme.path, history, len(traces), sum(open_now.values()), finished, since, until,
        cal_model.timezone if cal_model is not None else None, status_stats, outcomes,
        conversions, Times.of(to_outcome), weeks, arrivals, wip, recycle, by,
        tuple(f"{e.status.name} -> {e.target.name}" for e in conv_lines  # type: ignore[union-attr]
              ), groups, expects, tuple(notes))


def _window_notes(history: History, traces: list[Trace], since: float | None,
                  until: float | None) -> list[str]:
    """Say why every figure is empty when --since/--until keep no lead (not a bare "n/a")."""
    if traces or not history.traces or (since is None and until is None):
        return []
    arrivals = [t.times[0] for t in history.traces.values()]
    return [f"no lead arrived in the window asked for; the history's leads arrived from "
            f"{_day(min(arrivals))} to {_day(max(arrivals))} (UTC)"]


def _group_notes(traces: list[Trace], by: str | None) -> list[str]:
    """Say so when --by owner|source has nothing to group by, rather than show one '(none)'."""
    if by == "source" and traces and not any(t.source for t in traces):
        return ["--by source: no lead has a source (the history has no `source` column, or it "
                "is empty), so all are in '(none)'"]
    if by == "owner" and traces and not any(o for t in traces for o in t.owners):
        return ["--by owner: no change names an owner (the history has no `owner` column, or "
                "it is empty), so all leads are in '(none)'"]
    return []


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%d")


def _weekly(scheme: Scheme, traces: list[Trace], history: History, end: float
            ) -> tuple[tuple[float, ...], tuple[int, ...], tuple[tuple[str, tuple[int, ...]], ...]]:
    """Week starts, arrivals per week, and the leads in each open status at each week start."""
    if not traces:
        return (), (), ()
    start = min(t.times[0] for t in traces)
    day0 = dt.datetime.fromtimestamp(start, dt.timezone.utc).date()
    monday = day0 - dt.timedelta(days=day0.weekday())
    w0 = dt.datetime(monday.year, monday.month, monday.day, tzinfo=dt.timezone.utc).timestamp()
    count = int((end - w0) // WEEK) + 1
    weeks = tuple(w0 + k * WEEK for k in range(count))
    arrivals = [0] * count
    open_statuses = [s.name for s in scheme.statuses if s.outcome is None]
    diff = {name: [0] * (count + 1) for name in open_statuses}
    for t in traces:
        arrivals[min(int((t.times[0] - w0) // WEEK), count - 1)] += 1
        times, seq = t.times, t.statuses
        for i, name in enumerate(seq):
            column = diff.get(name)
            if column is None:
                continue
            a = times[i]
            b = times[i + 1] if i + 1 < len(seq) else end + 1.0
            first = max(0, math.ceil((a - w0) / WEEK))
            last = min(count, math.ceil((b - w0) / WEEK))  # snapshots k with a <= w_k < b
            if first < last:
                column[first] += 1
                column[last] -= 1
    wip = []
    for name in open_statuses:
        level, series = 0, []
        for k in range(count):
            level += diff[name][k]
            series.append(level)
        wip.append((name, tuple(series)))
    return weeks, tuple(arrivals), tuple(wip)


def recycle_statuses(scheme: Scheme) -> list[str]:
    """Non-outcome statuses entered by a move out of a lost outcome, in scheme order."""
    graph = build_graph(scheme)
    smap = scheme.status_map
    found = {v for u, v in graph.edges() if smap[u].outcome == "lost"
             and smap[v].outcome is None}
    return [s.name for s in scheme.statuses if s.name in found]


def _recycle(scheme: Scheme, index: PathIndex, won: list[str]
             ) -> tuple[tuple[tuple[str, str, Rate], ...], list[str]]:
    names = recycle_statuses(scheme)
    if not names:
        return (), ["recycled conversion: the scheme has no way back from a lost outcome into "
                    "the funnel, so no status counts as a recycle status"]
    return tuple((r, w, Rate(*index.counts(r, w))) for r in names for w in won), []


def _groups(scheme: Scheme, traces: list[Trace], by: str, lines: list[Expectation],
            won: list[str], end: float) -> tuple[GroupStats, ...]:
    smap = scheme.status_map
    initial = {s.name for s in scheme.initial}
    lost = {s.name for s in scheme.statuses if s.outcome == "lost"}
    tracked = {s.name for s in scheme.statuses
               if any(x.activity for x in s.slas) or any(t.without_activity for t in s.timers)}
    acc: dict[str, dict[str, list[int]]] = {}
    idle: dict[str, list[float]] = {}
    leads: dict[str, int] = {}

    def bucket(key: str) -> dict[str, list[int]]:
        b = acc.get(key)
        if b is None:
            b = acc[key] = {"first": [0, 0], "win": [0, 0],
                            **{str(k): [0, 0] for k in range(len(lines))}}
        return b

    def key_at(t: Trace, i: int) -> str:
        if by == "owner":
            return _owner_at(t, i)
        if by == "source":
            return t.source or NONE
        return _month(t.times[0])

    for t in traces:
        seq = t.statuses
        k0 = key_at(t, 0)
        leads[k0] = leads.get(k0, 0) + 1
        if seq[0] in initial and len(seq) > 1:
            b = bucket(k0)
            b["first"][1] += 1
            b["first"][0] += seq[1] not in lost
        outcomes = [s for s in seq if smap[s].outcome is not None]
        if outcomes:
            b = bucket(k0)
            b["win"][1] += 1
            b["win"][0] += outcomes[-1] in won
        for n, e in enumerate(lines):
            src, dst = e.status.name, e.target.name  # type: ignore[union-attr]
            converted = lead_converted(seq, src, dst)
            if converted is None:
                continue
            b = bucket(key_at(t, seq.index(src)))
            b[str(n)][1] += 1
            b[str(n)][0] += converted
        for i, name in enumerate(seq):
            if name not in tracked:
                continue
            stop = t.times[i + 1] if i + 1 < len(seq) else end
            points = [t.times[i], *(a for a in t.activity if t.times[i] <= a < stop), stop]
            idle.setdefault(key_at(t, i), []).extend(
                b - a for a, b in itertools.pairwise(points))
    keys = sorted(set(acc) | set(leads) | set(idle), key=lambda k: (k == NONE, k))
    out = []
    for key in keys:
        b = bucket(key)
        gaps = idle.get(key, [])
        out.append(GroupStats(
            key, leads.get(key, 0), Rate(*b["first"]),
            tuple(Rate(*b[str(n)]) for n in range(len(lines))), Rate(*b["win"]),
            statistics.fmean(gaps) / HOUR if gaps else None, len(gaps)))
    return tuple(out)


def _expect(e: Expectation, index: PathIndex, status_stats: tuple[StatusStats, ...],
            outcomes: tuple[tuple[str, Rate], ...], finished: int) -> ExpectCheck:
    text = expect_text(e)
    line = e.span.line
    if e.kind == "conversion":
        assert e.target is not None
        k, n = index.counts(e.status.name, e.target.name)
        if not n:
            return ExpectCheck(text, e.kind, None, 0, None, line)
        value = 100.0 * k / n
        return ExpectCheck(text, e.kind, value, n, in_range(value, e.range, e.kind), line)
    if e.kind == "time_in":
        st = next(s for s in status_stats if s.name == e.status.name)
        if st.time is None:
            return ExpectCheck(text, e.kind, None, 0, None, line)
        return ExpectCheck(text, e.kind, st.time.mean, st.time.n,
                           in_range(st.time.mean, e.range, e.kind), line)
    rate = dict(outcomes).get(e.status.name)
    if rate is None or not finished:
        return ExpectCheck(text, e.kind, None, 0, None, line)
    return ExpectCheck(text, e.kind, rate.pct, rate.n, in_range(rate.pct, e.range, e.kind),
                       line)
