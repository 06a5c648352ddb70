"""Visits and sojourns: what a status history says about each status, for calibration.

    History → window (leads first seen in it, cut at its end) → visits per status → how each
    visit ended (a move a scenario can write, the scheme's own rule, a forbidden move, or
    still running) → Kaplan–Meier shares and delay fits (fit.py)

docs/calibrate.md §1.1–1.5 defines each step; calibrate.py writes the result as a scenario.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

import attrs

from leadrules.calendar import BusinessCalendar
from leadrules.history.fit import Selection, cumulative_incidence, fit_all
from leadrules.history.model import History, Trace
from leadrules.model.common import Duration
from leadrules.model.scheme import Scheme
from leadrules.resolve.scheme import calendar_engine


class CalibrationError(ValueError):
    """The history cannot be calibrated (empty window, no leads); the message says why."""


@attrs.frozen
class Window:
    """The leads calibrated on: those first seen in [start, end), cut at `end`; and the
    visits already running at `start` (leads first seen before it), followed from `start`."""

    traces: tuple[Trace, ...]
    start: float
    end: float
    dropped_outside: int  # leads first seen outside the window (and not running into it)
    merged_repeats: int  # consecutive repeats of one status, merged into one visit
    # leads first seen before `start` that were in a status other than an outcome or a
    # locked one at `start`: each trace begins with that visit (entered before `start`)
    running: tuple[Trace, ...] = ()


@attrs.frozen
class Move:
    """What the visits to one status were followed by."""

    target: str
    count: int
    kind: str  # "write" (a scenario move), "rule" (the scheme's own timer/rule), "forbidden"
    written_as: str = ""  # the event or status the scenario names
    percent: str = ""  # as written, e.g. "12.5"
    on_time: int = 0  # written moves before any unconditional timer of the scheme fired
    # (the others, `count - on_time`, are kept as if made just before the timer)


@attrs.frozen
class StatusFit:
    """One status: its visits, where they went, and the delay fitted to the written moves.

    `reach` is the Kaplan–Meier chance that a visit ends in a written move within the longest
    follow-up seen (other endings — still there, the scheme's own rules — are censored); the
    written moves share it in proportion to their counts, and the rest stays for the scheme's
    rules."""

    status: str
    visits: int
    moves: tuple[Move, ...]
    censored: int  # visits still running at the end of the window
    selection: Selection | None
    late: int = 0  # written moves after an unconditional timer of the scheme would have fired
    # (kept as moves made just before the timer: the CRM did not enforce it for them)
    stay_percent: str = ""
    terminal: bool = False  # an outcome nothing leaves by a scenario move
    each: tuple[tuple[str, Selection], ...] = ()  # per-move delays: target → its own fit
    # Aalen–Johansen chance of each written move (they add up to `selection.reach`)
    incidence: tuple[tuple[str, float], ...] = ()

    @property
    def probabilities(self) -> dict[str, float]:
        """Target status → the chance a visit ends in that move (what the scenario writes):
        its cumulative incidence (Aalen–Johansen), which allows for censored visits and for
        visits watched from the middle."""
        written = [m for m in self.moves if m.kind == "write"]
        if self.selection is None or not written:
            return {}
        chance = dict(self.incidence)
        return {m.target: chance.get(m.target, 0.0) for m in written}


# -- the window and the visits -----------------------------------------------------------------
def window(history: History, since: float | None = None, until: float | None = None,
           scheme: Scheme | None = None) -> Window:
    """Leads first seen in [since, until), with their changes before `until` (later ones are
    not known yet at `until`: their visits are censored there). With a `scheme`, also the
    leads first seen before `since` whose status at `since` was neither an outcome nor locked:
    their visits from the one running at `since` on (`Window.running`; calibration counts
    the first of them from `since` only — delayed entry)."""
    traces = list(history.traces.values())
    times = [t for tr in traces for t in tr.times]
    if not times:
        raise CalibrationError("the history has no status changes")
    first, last = min(times), max(times)
    start = since if since is not None else (history.observed_from
                                             if history.observed_from is not None else first)
    end_seen = history.observed_until if history.observed_until is not None else last
    end = min(until, end_seen) if until is not None else end_seen
    if end <= start:
        raise CalibrationError("the window holds no time: --since is not before --until "
                               "(or the end of the history)")
    ended = ({s.name for s in scheme.statuses if s.outcome or s.locked}
             if scheme is not None else None)
    kept: list[Trace] = []
    running: list[Trace] = []
    outside = merged = 0
    for tr in traces:
        if not tr.times:
            outside += 1
            continue
        begin = 0
        if not start <= tr.times[0] < end:
            if ended is None or tr.times[0] >= end:
                outside += 1
                continue
            at = _running_at(tr, start)
            if at is None or tr.statuses[at] in ended:
                outside += 1
                continue
            begin = at
        cut = Trace(tr.lead, source=tr.source)
        for i in range(begin, len(tr.times)):
            t = tr.times[i]
            if t >= end:
                break
            if cut.statuses and cut.statuses[-1] == tr.statuses[i]:
                merged += 1
                continue
            cut.times.append(t)
            cut.statuses.append(tr.statuses[i])
            cut.owners.append(tr.owners[i] if i < len(tr.owners) else None)
        (running if begin or tr.times[0] < start else kept).append(cut)
    if not kept:
        raise CalibrationError("no lead was first seen inside the window")
    return Window(tuple(kept), start, end, outside, merged, tuple(running))


def _running_at(tr: Trace, at: float) -> int | None:
    """The index of the change that began the visit running at `at` (repeats of one status
    are one visit; a change made exactly at `at` has happened), or None when the lead had not
    appeared by then."""
    index = None
    for i, t in enumerate(tr.times):
        if t > at:
            break
        if index is None or tr.statuses[i] != tr.statuses[index]:
            index = i
    return index


def _allowed(scheme: Scheme) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """(source, target) → what a scenario writes for it (the status for a manual move, else
    the event), and (source, target) → the scheme rule that makes it by itself."""
    write: dict[tuple[str, str], str] = {}
    for t in scheme.transitions:
        for src in t.sources:
            key = (src.name, t.target.name)
            if t.event is None:
                write[key] = t.target.name
            else:
                write.setdefault(key, t.event.name)
    rules: dict[tuple[str, str], str] = {}
    for s in scheme.statuses:
        for timer in s.timers:
            if timer.target is not None:
                rules.setdefault((s.name, timer.target.name), f"after {timer.delay}")
        for rule in s.rules:
            rules.setdefault((s.name, rule.target.name), "a `when` rule")
    return write, rules


def _timer_moves(scheme: Scheme) -> dict[tuple[str, str], list[Duration]]:
    """(source, target) → the delays of the scheme's timers that make that move (counted from
    entry; timers `without activity` cannot be told apart in a status history)."""
    out: dict[tuple[str, str], list[Duration]] = defaultdict(list)
    for s in scheme.statuses:
        for timer in s.timers:
            if timer.target is not None and not timer.without_activity:
                out[(s.name, timer.target.name)].append(timer.delay)
    return out


def _by_timer(entered: float, left: float, delays: list[Duration],
              cal: BusinessCalendar | None) -> bool:
    """Whether a move happened when one of the scheme's timers fires (within 1% of its delay,
    at least an hour): such moves are the scheme's own, even where a manual move exists too."""
    for d in delays:
        if d.business and cal is not None:
            due = cal.advance_ts(entered, float(d.amount), d.unit, True)
        else:
            due = entered + d.seconds
        if abs(left - due) <= max(3600.0, 0.01 * (due - entered)):
            return True
    return False


def _caps(scheme: Scheme) -> dict[str, list[Duration]]:
    """Status → delays of its unconditional timers that move the lead (the scheme moves every
    lead still there by then, so no written move can come later in a simulation)."""
    out: dict[str, list[Duration]] = defaultdict(list)
    for s in scheme.statuses:
        for timer in s.timers:
            if timer.target is not None and not timer.without_activity and timer.when is None:
                out[s.name].append(timer.delay)
    return out


def _due(entered: float, delay: Duration, cal: BusinessCalendar | None) -> float:
    if delay.business and cal is not None:
        return cal.advance_ts(entered, float(delay.amount), delay.unit, True)
    return entered + delay.seconds


def status_fits(win: Window, scheme: Scheme, per_move: bool = False) -> list[StatusFit]:
    """Per status (scheme order): where its visits went, and the delay of the written moves
    (with `per_move`, also each move's own delay and chance, the others censored)."""
    write, rules = _allowed(scheme)
    timed = _timer_moves(scheme)
    caps = _caps(scheme)
    cal = business_calendar(scheme)
    # per status: (sojourn, where it went, kind, cap, age when observation began)
    done: dict[str, list[tuple[float, str, str, float, float]]] = defaultdict(list)
    open_: dict[str, list[tuple[float, float, float]]] = defaultdict(list)  # (sojourn, cap, age)
    for tr, truncated in [*((tr, False) for tr in win.traces),
                          *((tr, True) for tr in win.running)]:
        for i, status in enumerate(tr.statuses):
            cap = min((_due(tr.times[i], d, cal) - tr.times[i] for d in caps.get(status, [])),
                      default=math.inf)
            entry = win.start - tr.times[0] if truncated and i == 0 else 0.0
            if entry >= cap:
                continue  # the scheme's own timer had moved it before the window opened
            if i + 1 < len(tr.statuses):
                key = (status, tr.statuses[i + 1])
                if key in timed and _by_timer(tr.times[i], tr.times[i + 1], timed[key], cal):
                    kind = "rule"
                else:
                    kind = "write" if key in write else "rule" if key in rules else "forbidden"
                done[status].append((tr.times[i + 1] - tr.times[i], key[1], kind, cap, entry))
            else:
                open_[status].append((win.end - tr.times[i], cap, entry))
    out = []
    for s in scheme.statuses:
        if s.name not in done and s.name not in open_:
            continue
        completed = done.get(s.name, [])
        still = open_.get(s.name, [])
        visits = len(completed) + len(still)
        if s.locked:  # nothing leaves it: an end of the funnel, whatever the history says
            left = Counter(target for _, target, _, _, _ in completed)
            out.append(StatusFit(s.name, visits, tuple(
                Move(t, left[t], "forbidden") for t in sorted(left)), len(still), None,
                terminal=True))
            continue
        counts = Counter((target, kind) for _, target, kind, _, _ in completed)
        on_time = Counter(target for t, target, kind, cap, _ in completed
                          if kind == "write" and t <= cap)
        moves = []
        for target, kind in sorted(counts, key=lambda x: (-counts[x], x)):
            key = (s.name, target)
            why = write.get(key, "") if kind == "write" else rules.get(key, "")
            moves.append(Move(target, counts[(target, kind)], kind, why,
                              on_time=on_time[target] if kind == "write" else 0))
        times: list[float] = []
        ends: list[str | None] = []
        entries: list[float] = []
        late = 0
        for sojourn, target, kind, cap, entry in completed:
            if kind == "write" and sojourn > cap:  # the CRM let it happen after the timer:
                late += 1  # kept, as made just before it (a simulation cannot make it later)
                sojourn = cap * (1 - 1e-9)
            times.append(min(sojourn, cap))
            ends.append(target if kind == "write" else None)
            entries.append(entry)
        for sojourn, cap, entry in still:
            times.append(min(sojourn, cap))
            ends.append(None)
            entries.append(entry)
        selection = (fit_all(times, [e is not None for e in ends], entries) if any(ends)
                     else None)
        incidence = tuple(sorted(cumulative_incidence(times, ends, entries).items()))
        terminal = s.outcome is not None and selection is None
        each: list[tuple[str, Selection]] = []
        if per_move and selection is not None:
            for m in moves:
                if m.kind == "write":
                    one = fit_all(times, [e == m.target for e in ends], entries)
                    if one is not None:  # None: no such move was watched (all before entry)
                        each.append((m.target, one))
        fit = StatusFit(s.name, visits, tuple(moves), len(still), selection, late,
                        terminal=terminal, each=tuple(each), incidence=incidence)
        out.append(_with_percents(fit))
    return out


def _with_percents(fit: StatusFit) -> StatusFit:
    """Percentages in tenths, by largest remainder, so the written ones and the remainder
    (staying, for the scheme's rules) add up to exactly 100%."""
    shares = fit.probabilities
    if not shares:
        return fit
    written = [m for m in fit.moves if m.kind == "write"]
    parts = [shares[m.target] for m in written]
    parts.append(max(0.0, 1 - sum(parts)))
    whole = largest_remainder(parts)
    it = iter(whole)
    moves = tuple(attrs.evolve(m, percent=tenths(next(it))) if m.kind == "write" else m
                  for m in fit.moves)
    return attrs.evolve(fit, moves=moves, stay_percent=tenths(whole[-1]))


def largest_remainder(parts: Sequence[float]) -> list[int]:
    """`parts` (adding up to 1) in tenths of a percent that add up to exactly 1,000: each
    rounded down, and the tenths left over given to the largest remainders (ties: first)."""
    exact = [1000 * p for p in parts]
    whole = [math.floor(x + 1e-9) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - whole[i]), i))
    for i in order[:1000 - sum(whole)]:
        whole[i] += 1
    return whole


def tenths(n: int) -> str:
    """A count of tenths of a percent as written: 125 → "12.5", 120 → "12"."""
    return str(n // 10) if n % 10 == 0 else f"{n // 10}.{n % 10}"


def quantile(sorted_values: Sequence[float], q: float) -> float:
    """The q-quantile of sorted values, interpolating linearly between neighbours."""
    if not sorted_values:
        return 0.0
    pos = q * (len(sorted_values) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)



def business_calendar(scheme: Scheme) -> BusinessCalendar | None:
    model = scheme.business_calendar_model
    return calendar_engine(model) if model else None
