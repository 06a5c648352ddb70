"""`history check`: where real history breaks the scheme's rules.

Each finding kind has a code and a name, like lint rules:

- H101 `forbidden-move`: consecutive statuses A → B of a lead where no transition, timer, data
  rule or stage sync of the scheme can move a lead from A to B (the status graph has no edge).
- H102 `sla-breach`: visits that lasted longer than an SLA allows (`sla D`: leave within D;
  `sla activity every D`: no gap between activities longer than D), measured in the SLA's own
  time (business time on the scheme's calendar for `business` durations). A visit still open
  at the end of the history counts once its deadline has passed.
- H103 `timer-not-enforced`: visits that outlived an `after D [without activity] -> X` timer
  and did not go to X (activity = status changes and rows repeating the current status).
  Timers with `when` conditions are not checked: history carries no field values.
- H104 `stuck-lead`: leads open at the end of the history that have been in their status for
  longer than its longest timer or SLA (or, where it has neither, than the 90th percentile of
  the finished visits to it, when there are at least `MIN_VISITS`).
- H105 `locked-left`: moves out of a locked status (they are never allowed, so H101 does not
  repeat them).
- H106 `wrong-start`: leads whose first status is not an initial status.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

import attrs

from leadrules.calendar import BusinessCalendar
from leadrules.errors import Span
from leadrules.gcpause import gc_paused
from leadrules.graph import build_graph
from leadrules.history.model import History, Trace
from leadrules.model.common import Duration
from leadrules.model.scheme import Scheme, Sla, Timer
from leadrules.resolve.scheme import calendar_engine
from leadrules.simulate.stats import percentiles

EXAMPLES = 3  # example lead ids per finding
MIN_VISITS = 20  # finished visits needed before a p90 is a threshold for "stuck"
DAY = 86400.0

CODES = {
    "forbidden-move": "H101", "sla-breach": "H102", "timer-not-enforced": "H103",
    "stuck-lead": "H104", "locked-left": "H105", "wrong-start": "H106",
}


@attrs.frozen
class Finding:
    """One kind of departure from the scheme at one place: how often, and a few leads."""

    name: str  # e.g. "forbidden-move"
    message: str
    count: int
    examples: tuple[str, ...] = ()
    span: Span | None = None  # where in the scheme the broken rule is written
    status: str | None = None
    target: str | None = None
    of: int | None = None  # the count's denominator (visits or leads measured), when there is one

    @property
    def code(self) -> str:
        return CODES[self.name]


@attrs.frozen
class CheckResult:
    scheme: str  # the scheme's path
    history: History
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()
    open_leads: int = 0


def scheme_calendar(scheme: Scheme) -> BusinessCalendar:
    """The engine for the scheme's business calendar (always open in UTC when it has none)."""
    model = scheme.business_calendar_model
    return calendar_engine(model) if model else BusinessCalendar("UTC")


def deadline(cal: BusinessCalendar, start: float, d: Duration) -> float:
    """When `d` after `start` ends (business durations on `cal`)."""
    if not d.business:
        return start + d.seconds
    return cal.advance_ts(start, float(d.amount), d.unit, True)


def lower_bound(d: Duration) -> float:
    """Elapsed seconds `d` surely takes at least, so that most visits need no deadline walk.

    Business minutes and hours are open time, so at least as long in elapsed time. Business
    days are not: N days end on the N-th next open day no earlier than its opening, and the
    first day may close late (up to midnight) while a short day closes early, so only the
    N - 1 whole days between them are sure, less a daylight-saving hour; a fraction of a day
    is open time that may be as short as the calendar's shortest day allows, so it adds
    nothing sure. (`0.5 business days` can end 4 elapsed hours after it starts.) A whole
    business week is as many open days as a week has, so it ends on the same weekday a week
    later (or later still, past holidays).
    """
    if not d.business or d.unit in ("minutes", "hours"):
        return d.seconds
    whole = math.floor(d.amount)
    if d.unit == "weeks":
        return max(0.0, whole * 7 * DAY - 3600.0)
    return max(0.0, (whole - 1) * DAY - 3600.0)


class _Tally:
    """Counts and first examples of one finding."""

    __slots__ = ("count", "examples", "extra", "of")

    def __init__(self) -> None:
        self.count = 0
        self.of = 0
        self.extra = 0
        self.examples: list[str] = []

    def hit(self, lead: str) -> None:
        self.count += 1
        if len(self.examples) < EXAMPLES and lead not in self.examples:
            self.examples.append(lead)


def visits(trace: Trace, until: float) -> Iterator[tuple[int, float, float, bool]]:
    """(index, entered, left, still_open) of each visit; the last one ends at `until` when
    its status is not the lead's end."""
    times = trace.times
    n = len(times)
    for i in range(n):
        if i + 1 < n:
            yield i, times[i], times[i + 1], False
        else:
            yield i, times[i], max(until, times[i]), True


def _activity_in(trace: Trace, start: float, end: float) -> list[float]:
    return [a for a in trace.activity if start <= a < end] if trace.activity else []


def _gap_deadline(cal: BusinessCalendar, points: list[float], end: float,
                  d: Duration) -> float | None:
    """The first moment a gap of `d` without activity ends, before `end` (else None)."""
    bound = lower_bound(d)
    for k, a in enumerate(points):
        nxt = points[k + 1] if k + 1 < len(points) else end
        if nxt - a >= bound:
            due = deadline(cal, a, d)
            if due <= nxt:
                return due
    return None


def check_history(scheme: Scheme, history: History) -> CheckResult:
    """Every finding of `history` against the resolved `scheme`; see the module docstring."""
    with gc_paused():  # no garbage is made: the collector's passes would only cost time
        return _check(scheme, history)


def _check(scheme: Scheme, history: History) -> CheckResult:
    graph = build_graph(scheme)
    allowed = {(u, v) for u, v in graph.edges()}
    cal = scheme_calendar(scheme)
    statuses = scheme.status_map
    initial = {s.name for s in scheme.initial}
    until = history.observed_until if history.observed_until is not None else 0.0
    moves: dict[tuple[str, str], _Tally] = {}
    starts: dict[str, _Tally] = {}
    slas: dict[tuple[str, int], _Tally] = {}
    timers: dict[tuple[str, int], _Tally] = {}
    durations: dict[str, list[float]] = {}
    open_at_end: list[tuple[str, str, float]] = []
    checked_timers = {name: [(k, t) for k, t in enumerate(s.timers)
                             if t.target is not None and t.when is None]
                      for name, s in statuses.items()}
    skipped_timers = sum(1 for s in scheme.statuses for t in s.timers
                         if t.target is not None and t.when is not None)
    for lead, trace in history.traces.items():
        seq = trace.statuses
        if seq[0] not in initial:
            starts.setdefault(seq[0], _Tally()).hit(lead)
        for a, b in itertools.pairwise(seq):
            if (a, b) not in allowed or statuses[a].locked:
                moves.setdefault((a, b), _Tally()).hit(lead)
        for i, start, end, still in visits(trace, until):
            name = seq[i]
            status = statuses[name]
            if still and status.outcome is not None:
                continue
            if still:
                open_at_end.append((lead, name, start))
            else:
                durations.setdefault(name, []).append(end - start)
            for k, sla in enumerate(status.slas):
                tally = slas.setdefault((name, k), _Tally())
                tally.of += 1
                if _sla_breached(cal, trace, sla, start, end):
                    tally.hit(lead)
            if checked_timers[name]:
                _check_timers(cal, trace, lead, i, start, end, still, checked_timers[name],
                              timers)
    findings: list[Finding] = []
    findings += _move_findings(scheme, moves)
    findings += _start_findings(scheme, starts, initial, len(history.traces))
    findings += _sla_findings(scheme, slas)
    findings += _timer_findings(scheme, timers)
    stuck, stuck_notes = _stuck(scheme, cal, open_at_end, durations, until)
    findings += stuck
    notes = list(stuck_notes)
    if skipped_timers:
        notes.append(f"{skipped_timers} timer(s) with `when` conditions not checked: the "
                     "history has no field values")
    findings.sort(key=lambda f: (f.code, f.span.line if f.span else 0, -f.count,
                                 f.status or "", f.target or ""))
    return CheckResult(scheme.path, history, tuple(findings), tuple(notes), len(open_at_end))


def _sla_breached(cal: BusinessCalendar, trace: Trace, sla: Sla, start: float,
                  end: float) -> bool:
    if sla.activity:
        points = [start, *_activity_in(trace, start, end)]
        return _gap_deadline(cal, points, end, sla.within) is not None
    if end - start < lower_bound(sla.within):
        return False
    return end > deadline(cal, start, sla.within)


def _check_timers(cal: BusinessCalendar, trace: Trace, lead: str, i: int, start: float,
                  end: float, still: bool, checked: list[tuple[int, Timer]],
                  timers: dict[tuple[str, int], _Tally]) -> None:
    """Which timer should have fired first in this visit, and whether the lead went there."""
    name = trace.statuses[i]
    first: tuple[float, int, Timer] | None = None
    for k, timer in checked:
        timers.setdefault((name, k), _Tally()).of += 1
        if timer.without_activity:
            points = [start, *_activity_in(trace, start, end)]
            due = _gap_deadline(cal, points, end, timer.delay)
        elif end - start < lower_bound(timer.delay):
            due = None
        else:
            due = deadline(cal, start, timer.delay)
            due = due if due < end else None
        if due is not None and (first is None or due < first[0]):
            first = (due, k, timer)
    if first is None:
        return
    _, k, timer = first
    went = None if still else trace.statuses[i + 1]
    assert timer.target is not None
    if went != timer.target.name:
        tally = timers[(name, k)]
        tally.hit(lead)
        tally.extra += still


def _move_findings(scheme: Scheme, moves: dict[tuple[str, str], _Tally]) -> list[Finding]:
    out = []
    statuses = scheme.status_map
    for (a, b), t in sorted(moves.items(), key=lambda kv: (-kv[1].count, kv[0])):
        if statuses[a].locked:
            out.append(Finding("locked-left", f"{_n(t.count, 'lead')} left locked status "
                               f"'{a}' for '{b}'; a locked status is final",
                               t.count, tuple(t.examples), statuses[a].span, a, b))
        else:
            out.append(Finding("forbidden-move", f"{_n(t.count, 'move')} '{a}' -> '{b}', "
                               "which no transition, timer, data rule or stage sync allows",
                               t.count, tuple(t.examples), statuses[a].span, a, b))
    return out


def _start_findings(scheme: Scheme, starts: dict[str, _Tally], initial: set[str],
                    leads: int) -> list[Finding]:
    first = ", ".join(f"'{s}'" for s in sorted(initial)) or "(none)"
    return [Finding("wrong-start", f"{_n(t.count, 'lead')} started in '{name}', not in an "
                    f"initial status ({first})", t.count, tuple(t.examples),
                    scheme.status_map[name].span, name, of=leads)
            for name, t in sorted(starts.items(), key=lambda kv: (-kv[1].count, kv[0]))]


def _sla_findings(scheme: Scheme, slas: dict[tuple[str, int], _Tally]) -> list[Finding]:
    out = []
    for (name, k), t in sorted(slas.items()):
        if not t.count:
            continue
        sla = scheme.status_map[name].slas[k]
        what = (f"went more than {sla.within} without activity" if sla.activity
                else f"stayed longer than {sla.within}")
        out.append(Finding("sla-breach", f"{t.count} of {_n(t.of, 'visit')} to '{name}' "
                           f"({_pct(t.count, t.of)}) {what}: `{_sla_text(sla)}` breached",
                           t.count, tuple(t.examples), sla.span, name, of=t.of))
    return out


def _timer_findings(scheme: Scheme, timers: dict[tuple[str, int], _Tally]) -> list[Finding]:
    out = []
    for (name, k), t in sorted(timers.items()):
        if not t.count:
            continue
        timer = scheme.status_map[name].timers[k]
        assert timer.target is not None
        target = timer.target.name
        idle = " without activity" if timer.without_activity else ""
        still = f" ({t.extra} still there)" if t.extra else ""
        out.append(Finding("timer-not-enforced",
                           f"{t.count} of {_n(t.of, 'visit')} to '{name}' lasted past "
                           f"`after {timer.delay}{idle} -> {target}` but did not go to "
                           f"'{target}'{still}", t.count, tuple(t.examples), timer.span, name,
                           target, of=t.of))
    return out


def _stuck(scheme: Scheme, cal: BusinessCalendar, open_at_end: list[tuple[str, str, float]],
           durations: dict[str, list[float]], until: float) -> tuple[list[Finding], list[str]]:
    """Leads open now for longer than their status's longest timer/SLA (else its p90)."""
    by_status: dict[str, list[tuple[float, str]]] = {}
    for lead, name, start in open_at_end:
        by_status.setdefault(name, []).append((start, lead))
    out: list[Finding] = []
    notes: list[str] = []
    for name in [s.name for s in scheme.statuses if s.name in by_status]:
        status = scheme.status_map[name]
        limits = [t.delay for t in status.timers] + [s.within for s in status.slas
                                                     if not s.activity]
        leads = sorted(by_status[name])
        if limits:
            longest = max(limits, key=lower_bound)
            stuck = [(s, lead) for s, lead in leads
                     if until - s >= lower_bound(longest) and until > max(
                         deadline(cal, s, d) for d in limits)]
            why = f"longer than its longest timer or SLA ({longest})"
        else:
            past = durations.get(name, [])
            if len(past) < MIN_VISITS:
                notes.append(f"{len(leads)} lead(s) open in '{name}': not judged as stuck "
                             f"(no timer or SLA, and only {len(past)} finished visits)")
                continue
            p90 = percentiles(past, (90,))[0]
            stuck = [(s, lead) for s, lead in leads if until - s > p90]
            why = f"longer than 90% of finished visits ({_days(p90)})"
        if stuck:
            oldest = tuple(lead for _, lead in stuck[:EXAMPLES])
            out.append(Finding("stuck-lead", f"{_n(len(stuck), 'lead')} open in '{name}' "
                               f"{why}; the oldest entered {_days(until - stuck[0][0])} "
                               "before the end of the history", len(stuck), oldest,
                               status.span, name, of=len(leads)))
    return out, notes


def _sla_text(sla: Sla) -> str:
    return f"sla activity every {sla.within}" if sla.activity else f"sla {sla.within}"


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def _days(seconds: float) -> str:
    if seconds < DAY:
        return f"{seconds / 3600:.1f} hours"
    return f"{seconds / DAY:.1f} days"
