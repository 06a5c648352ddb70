"""Calibration: a scenario (in the scenario language) fitted from a real status history.

    History (+ scheme) → visits.py: window, visits per status, shares and delay fits
                       → arrivals (rate, weekday / hour pattern) → staff from owners
                       → scenario text, every number explained in a comment above it

What a history can say and a scenario can hold differ; each gap is written into the scenario as
a comment rather than dropped: moves the scheme forbids, moves the scheme's own rules make
(timers, data rules), censored visits, and the arrival pattern (the language has no syntax for
a weekly pattern). docs/calibrate.md defines every figure.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections import Counter, defaultdict
from pathlib import Path

import attrs

from leadrules.calendar import BusinessCalendar
from leadrules.fmt import format_text
from leadrules.history.fit import dist_text, duration_text, number
from leadrules.history.model import History
from leadrules.history.visits import (
    CalibrationError,
    StatusFit,
    Window,
    business_calendar,
    largest_remainder,
    quantile,
    status_fits,
    tenths,
    window,
)
from leadrules.model.scheme import Assign, Scheme

__all__ = ["Calibration", "CalibrationError", "calibrate", "scheme_reference", "window"]

DAY = 86400.0
WEEK = 7 * DAY
MONDAY = 3 * DAY  # shifts epoch weeks to start on Monday (1970-01-01 was a Thursday)
PATTERN_MIN = 200  # arrivals needed before a weekday and hour pattern is written
BUSINESS_SHARE = 0.8  # arrivals this concentrated in open hours are written per business day
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
KEYWORDS = frozenset({"after", "work", "every", "then", "each", "attempt", "by", "counting",
                      "in", "scenario", "scheme", "staff", "value", "approval", "unlimited",
                      "any", "per", "business"})


@attrs.frozen
class Calibration:
    text: str  # the scenario
    statuses: tuple[StatusFit, ...]
    arrivals: int
    rate_per_day: float  # arrivals per calendar day over the window (its last weeks if asked)
    window: Window


# -- arrivals and staff ------------------------------------------------------------------------

def _arrival_lines(win: Window, scheme: Scheme, recent_weeks: int | None = None
                   ) -> tuple[list[str], int, float]:
    """The `arrivals` line and its evidence. With `recent_weeks`, the rate is measured over
    the last that many weeks of the window only (a scenario has one rate; a funnel that grew
    is forecast by its recent level, as the baseline's replay of the recent past is); the
    pattern comments still use the whole window."""
    initial = next((s.name for s in scheme.statuses if s.initial), None)
    firsts = [tr.times[0] for tr in win.traces if tr.statuses and tr.statuses[0] == initial]
    elsewhere = len(win.traces) - len(firsts)
    days = (win.end - win.start) / DAY
    per_day = len(firsts) / days
    rate_start = win.start
    if recent_weeks is not None and win.end - recent_weeks * WEEK > win.start:
        rate_start = win.end - recent_weeks * WEEK
    counted = [t for t in firsts if t >= rate_start]
    rate_days = (win.end - rate_start) / DAY
    rate = len(counted) / rate_days
    cal = business_calendar(scheme)
    zone = cal.timezone if cal is not None else "UTC"
    local = [_local(t, cal) for t in firsts]
    lines = [f"# Arrivals: {len(firsts):,} leads entered {initial} in {number(days)} days "
             f"({number(per_day)} a day)."]
    if rate_start > win.start:
        lines.append(f"# The rate is that of the last {recent_weeks} weeks of the window "
                     f"({_date(rate_start)} .. {_date(win.end)}): {len(counted):,} arrivals, "
                     f"{number(rate)} a day (a scenario has one rate; the recent level "
                     "forecasts a funnel that grew or shrank).")
    if elsewhere:
        lines.append(f"# {elsewhere:,} more leads first appear in another status (already in "
                     f"progress when the history starts, or entered without {initial}): not "
                     "counted as arrivals.")
    week = Counter(d.weekday() for d in local)
    hours = Counter(d.hour for d in local)
    # each weekday's and hour's arrivals per hour it was in the window: a window of 10 weeks
    # and 6 days has one Monday fewer, which must not read as fewer leads on Mondays
    week_seen, hours_seen = _exposure(win.start, win.end, cal)
    shares = _percents([week[i] / week_seen[i] if week_seen[i] else 0.0 for i in range(7)])
    by_weekday = "arrivals by weekday: " + ", ".join(
        f"{WEEKDAYS[i].lower()} {shares[i]}%" for i in range(7) if week[i])
    shares = _percents([hours[h] / hours_seen[h] if hours_seen[h] else 0.0 for h in range(24)])
    by_hour = "arrivals by hour: " + ", ".join(
        f"{h} {shares[h]}%" for h in range(24) if hours[h])
    rate_line = f"arrivals {number(rate)} per day"
    if rate < 1:
        rate_line = f"arrivals {number(rate * 7)} per week"
    if cal is not None and firsts and not cal.always_open:
        inside = sum(1 for t in firsts if cal.is_open_ts(t)) / len(firsts)
        open_days = cal.between_seconds(rate_start, win.end) / cal.seconds_per_open_day
        lines.append(f"# {number(100 * inside)}% of arrivals came in the open hours of "
                     f"calendar {cal.name}.")
        if inside >= BUSINESS_SHARE and open_days > 0:
            rate_line = f"arrivals {number(len(counted) / open_days)} per business day"
    if not counted:
        lines.append(f"# No lead entered {initial} in the window; a rate is required, so the "
                     "smallest is written.")
        rate_line = "arrivals 0.001 per day"
    pattern: list[str] = []
    if "business" in rate_line and local:
        lines.append(f"# Arrivals follow the calendar's open hours; the pattern observed "
                     f"({zone}), for reference:")
        lines += [f"#   {by_weekday}", f"#   {by_hour}"]
    elif len(local) >= PATTERN_MIN and min(week_seen) > 0:
        pattern = [f"# When they came ({zone}, {len(local):,} arrivals): the rate is spread over "
                   "the week and the day as observed.", by_weekday, by_hour]
    elif local and len(local) < PATTERN_MIN:
        lines.append(f"# Only {len(local):,} arrivals: too few to say how they spread over the "
                     f"week and the day (at least {PATTERN_MIN} are needed); arrivals are even.")
    elif local:
        lines.append("# The window is shorter than a week: no weekday pattern can be read from "
                     "it; arrivals are even.")
    return [*lines, rate_line, *pattern], len(firsts), rate


def _exposure(start: float, end: float, cal: BusinessCalendar | None
              ) -> tuple[list[float], list[float]]:
    """Seconds of [start, end) on each local weekday (Monday first) and in each local hour of
    the day, in the calendar's zone (UTC without one)."""
    week, hours = [0.0] * 7, [0.0] * 24
    t = start
    while t < end:
        local = _local(t, cal)
        top = t - local.minute * 60 - local.second - local.microsecond / 1e6
        nxt = min(end, top + 3600.0)
        if nxt <= t:  # cannot happen with whole-minute offsets; never loop forever
            nxt = t + 3600.0
        week[local.weekday()] += nxt - t
        hours[local.hour] += nxt - t
        t = nxt
    return week, hours


def _percents(counts: list[float]) -> list[str]:
    """Shares of `counts` in tenths of a percent that add up to exactly 100 (largest
    remainder)."""
    total = sum(counts)
    if not total:
        return ["0"] * len(counts)
    return [tenths(w) for w in largest_remainder([c / total for c in counts])]


def _local(ts: float, cal: BusinessCalendar | None) -> dt.datetime:
    if cal is not None:
        return cal.to_local(ts)
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc)


def _staff_lines(win: Window, scheme: Scheme) -> list[str]:
    """`staff TEAM N`: the median over weeks of distinct owners active in statuses the scheme
    assigns to TEAM (weeks with at least one change there)."""
    teams: dict[str, set[str]] = defaultdict(set)
    for s in scheme.statuses:
        for action in s.on_enter:
            if isinstance(action, Assign):
                teams[action.team.name].add(s.name)
    if not teams:
        return []
    lines = []
    for team in sorted(teams):
        weekly: dict[int, set[str]] = defaultdict(set)
        for tr in win.traces:
            for t, status, owner in zip(tr.times, tr.statuses, tr.owners, strict=False):
                if owner and status in teams[team]:
                    weekly[int((t + MONDAY) // WEEK)].add(owner)
        where = ", ".join(sorted(teams[team]))
        if not weekly:
            lines.append(f"# staff {_name(team)}: the history names no owners in {where}; "
                         "write the team size by hand.")
            continue
        sizes = sorted(len(v) for v in weekly.values())
        median = quantile(sizes, 0.5)
        lines.append(f"# {_name(team)}: distinct owners a week in {where}, median of "
                     f"{len(sizes)} weeks (range {sizes[0]}..{sizes[-1]}).")
        lines.append(f"staff {_name(team)} {max(1, round(median))}")
    lines.append("# The history holds no work times: add `work` lines to see the teams' load.")
    return lines


# -- the scenario text -------------------------------------------------------------------------
def _name(name: str) -> str:
    if re.fullmatch(r"[^\W\d]\w*", name) and name not in KEYWORDS:
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _date(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%d %H:%M")


def _status_block(fit: StatusFit) -> list[str]:
    if fit.terminal:
        return [f"  # {fit.status}: an end of the funnel; {fit.visits:,} leads ended here",
                *(f"  #   → {m.target} ({m.count:,}) left it although the scheme does not "
                  "allow it: left out" for m in fit.moves if m.kind == "forbidden")]
    if not fit.moves:
        return [f"  # {fit.status}: {fit.visits:,} visits, none ended before the end of the "
                "window: nothing to fit"]
    lines = [f"  # {fit.status}: {fit.visits:,} visits; "
             + "; ".join(f"→ {m.target} {m.count:,}" for m in fit.moves)
             + (f"; still there at the end {fit.censored:,} (censored)" if fit.censored
                else "")]
    for m in fit.moves:
        if m.kind == "rule":
            lines.append(f"  #   → {m.target} ({m.count:,}) is the scheme's own rule "
                         f"({m.written_as}): not written; censored there")
        elif m.kind == "forbidden":
            lines.append(f"  #   → {m.target} ({m.count:,}) is a move the scheme does not allow:"
                         " not written; censored there")
    if fit.late:
        late = ", ".join(f"{m.target} {m.count - m.on_time:,}" for m in fit.moves
                         if m.kind == "write" and m.count > m.on_time)
        lines.append(f"  #   {fit.late:,} written moves ({late}) came after the scheme's own "
                     "timer would have moved the lead (the CRM did not enforce it): kept, as "
                     "made just before the timer")
    written = [m for m in fit.moves if m.kind == "write"]
    sel = fit.selection
    if not written or sel is None:
        lines.append("  #   no move a scenario can make was observed: no behaviour written")
        return lines
    for m in written:
        if m.percent == "0":
            lines.append(f"  #   → {m.target} ({m.count:,}) rounds to 0%: left out of the line")
    others = ", ".join(f"{f.kind} D={number(f.ks, 2)}" for f in sel.fits
                       if f is not sel.best)
    lines.append(f"  #   delay of the written moves: n={sel.moves:,}, {sel.censored:,} censored; "
                 f"Kaplan–Meier reach {number(100 * sel.reach)}%; {dist_text(sel.best)} KS "
                 f"D={number(sel.best.ks, 2)} ({others}); mean {duration_text(sel.best.mean)}")
    if fit.stay_percent not in ("", "0"):
        lines.append(f"  #   remainder {fit.stay_percent}%: stays, for the scheme's own rules")
    if fit.each:
        return lines + _per_move_block(fit)
    shares = ", ".join(f"{_name(m.written_as)} {m.percent}%" for m in written
                       if m.percent != "0")
    body = [f"  in {_name(fit.status)} {{", f"    after {dist_text(sel.best)}: {shares}", "  }"]
    return lines + (body if shares else [])


def _per_move_block(fit: StatusFit) -> list[str]:
    """One `after` line per move, racing: each with the delay and chance of its own move
    when the other moves are treated as censoring (its cause-specific Kaplan–Meier curve).
    Simulated together, the lines give back each move's observed timing and share."""
    names = {m.target: m.written_as for m in fit.moves if m.kind == "write"}
    comments, body = [], []
    for target, sel in fit.each:
        chance = tenths(round(1000 * sel.reach))
        others = ", ".join(f"{f.kind} D={number(f.ks, 2)}" for f in sel.fits
                           if f is not sel.best)
        comments.append(f"  #   per move → {target}: n={sel.moves:,}; Kaplan–Meier reach "
                        f"{number(100 * sel.reach)}% (other moves censored); "
                        f"{dist_text(sel.best)} KS D={number(sel.best.ks, 2)} ({others})")
        if chance != "0":
            body.append(f"    after {dist_text(sel.best)}: {_name(names[target])} {chance}%")
    return comments + ([f"  in {_name(fit.status)} {{", *body, "  }"] if body else [])


def calibrate(history: History, scheme: Scheme, scheme_ref: str, *,
              since: float | None = None, until: float | None = None,
              runs: int = 10, seed: int = 1, horizon_days: int | None = None,
              warmup_days: int | None = None, per_move: bool = False,
              arrival_weeks: int | None = None) -> Calibration:
    """Fit a scenario of `scheme` (written as `scheme "scheme_ref"`) to `history`.

    The horizon defaults to the window's length (at least 7 days) and the warm-up to the 90th
    percentile of time to an outcome (at most half the horizon); backtests set both. With
    `per_move`, each move gets its own racing `after` line (see `_per_move_block`); with
    `arrival_weeks`, the arrival rate is that of the window's last that many weeks."""
    initial = [s.name for s in scheme.statuses if s.initial]
    if len(initial) != 1:
        raise CalibrationError(f"the scheme has {len(initial)} initial statuses; a scenario "
                               "needs exactly one, where new leads arrive")
    win = window(history, since, until, scheme)
    fits = status_fits(win, scheme, per_move)
    if arrival_weeks is not None and arrival_weeks < 1:
        raise CalibrationError("the arrival window must be at least one week")
    arrival_lines, arrivals, per_day = _arrival_lines(win, scheme, arrival_weeks)
    days = (win.end - win.start) / DAY
    to_outcome = _times_to_outcome(win, scheme)
    horizon = horizon_days if horizon_days is not None else max(7, math.ceil(days))
    warmup = min(math.ceil(quantile(to_outcome, 0.9) / DAY), horizon // 2) if to_outcome else 0
    if warmup_days is not None:
        warmup = warmup_days
    open_at_end = sum(1 for tr in win.traces
                      if scheme.status_map[tr.statuses[-1]].outcome is None)
    source = os.path.basename(history.path) or history.path
    head = [
        f"# Calibrated by `leadrules history calibrate` from {source}.",
        f"# History: {history.rows_read:,} rows read, {history.rows_used:,} used, "
        f"{len(history.rejected):,} rejected; {len(history.traces):,} leads.",
        f"# Window: {_date(win.start)} .. {_date(win.end)} UTC ({number(days)} days); "
        f"{len(win.traces):,} leads first seen in it"
        + (f", {len(win.running):,} first seen before it and still open at its start "
           "(followed from then on)" if win.running else "")
        + (f", {win.dropped_outside:,} outside it (left out)" if win.dropped_outside else "")
        + (f"; {win.merged_repeats:,} repeated changes to the same status merged"
           if win.merged_repeats else "") + ".",
        f"# Censoring: {open_at_end:,} leads were not in an outcome status at the end of the "
        "window; their last visit is censored (see each status).",
        "# Shares are Kaplan–Meier chances of each move (censored visits counted while they "
        "last);",
        "# delays are elapsed time from entering the status, chosen by the Kolmogorov–Smirnov "
        "distance D",
        "# to the Kaplan–Meier curve (lower is better). docs/calibrate.md explains every "
        "figure.",
        "",
        f"scenario {_name('calibrated from ' + source)} {{",
        f'  scheme "{scheme_ref}"',
        f"  horizon {horizon} days",
    ]
    if warmup:
        head.append(f"  # warm-up: the 90th percentile of time to an outcome ({warmup} days)")
        head.append(f"  warmup {warmup} days")
    head += [f"  runs {runs}", f"  seed {seed}", ""]
    body = ["  " + x for x in arrival_lines] + [""]
    body += ["  " + x for x in _staff_lines(win, scheme)]
    for fit in fits:
        body += ["", *_status_block(fit)]
    text = "\n".join([*head, *body, "}", ""])
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = format_text(text, "<calibrated>.scenario", "scenario")  # `leadrules fmt`'s layout
    return Calibration(text, tuple(fits), arrivals, per_day, win)


def _times_to_outcome(win: Window, scheme: Scheme) -> list[float]:
    outcomes = {s.name for s in scheme.statuses if s.outcome}
    out = []
    for tr in win.traces:
        for t, status in zip(tr.times, tr.statuses, strict=False):
            if status in outcomes:
                out.append(t - tr.times[0])
                break
    return sorted(out)


def scheme_reference(scheme_path: str | os.PathLike[str], output: str | os.PathLike[str]
                     ) -> str:
    """The scheme's path relative to the folder the scenario is written to (forward
    slashes, as the language reads it on every system)."""
    folder = Path(output).resolve().parent
    rel = os.path.relpath(Path(scheme_path).resolve(), folder)
    return rel.replace(os.sep, "/")
