"""Business time: open-hour arithmetic in a calendar's time zone, with holidays.

A :class:`BusinessCalendar` knows when a team is at work (weekly open hours in local wall-clock
time, minus whole-day holidays) and answers "is it open now?", "when does it open next?", "when
have N business hours / days passed?" and "how much business time lies between two instants?".

The resolver builds calendars from ``calendar`` blocks (using :func:`parse_days` and
:func:`parse_hhmm`) and so validates them; SLA checks use it to turn "2 business hours" into due
instants; the discrete-event simulator calls the epoch API (``*_ts`` methods, float UTC epoch
seconds) on its hot path. The datetime API is a thin wrapper over the epoch API.

All arithmetic is done in UTC epoch seconds: subtracting aware datetimes that share a tzinfo is
wall-clock arithmetic in Python and would be an hour off across a DST change. Each local date's
open intervals are converted to epoch seconds once and cached. A local wall time that does not
exist (spring-forward gap) maps to the first instant after the gap; an ambiguous one (fall-back)
to its first occurrence. So a 24/7 calendar has 23 open hours on the spring-forward day and 25 on
the fall-back day.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = ["BusinessCalendar", "CacheInfo", "CalendarError", "parse_days", "parse_hhmm"]

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_INDEX = {n: i for i, name in enumerate(DAY_NAMES) for n in (name, name[:3])}
_UNIT_SECONDS = {"minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0}
_MAX_CLOSED_DAYS = 3660  # ten years without open time means the calendar is unusable, not slow

Interval = tuple[float, float]


class CalendarError(ValueError):
    """A calendar definition (time zone, hours, days) or a business-time request is invalid."""


class CacheInfo(NamedTuple):
    """How often day intervals were looked up, and how many local dates are cached."""

    lookups: int
    days: int


def parse_hhmm(text: str) -> int:
    """Parse "HH:MM" (00:00 to 24:00, one-digit hours allowed) into minutes since midnight."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if m is None:
        raise CalendarError(f"{text!r} is not a time of day; write it as HH:MM, e.g. 09:00")
    hours, minutes = int(m[1]), int(m[2])
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise CalendarError(f"{text!r} is not a valid time of day (00:00 to 24:00)")
    return hours * 60 + minutes


def weekday_index(word: str) -> int | None:
    """Monday 0 … Sunday 6 for a 3-letter or full English day name (any case), else None."""
    return _DAY_INDEX.get(word.strip().lower())


def day_names() -> list[str]:
    """Every accepted day name (for "did you mean")."""
    return list(_DAY_INDEX)


def parse_days(spec: str) -> list[int]:
    """Parse a day spec such as "mon-fri", "sat", "mon-wed,fri" into sorted weekday numbers.

    Monday is 0. Names are case-insensitive, 3-letter or full English. A range runs forward
    through the week and wraps around: "fri-mon" is Friday, Saturday, Sunday and Monday.
    """

    def day(word: str) -> int:
        key = word.strip().lower()
        if key in _DAY_INDEX:
            return _DAY_INDEX[key]
        close = difflib.get_close_matches(key, list(_DAY_INDEX), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else " (use mon, tue, ... or monday, ...)"
        raise CalendarError(f"unknown day {word.strip()!r}{hint}")

    days: set[int] = set()
    for part in spec.split(","):
        if not part.strip():
            raise CalendarError(f"empty day in day list {spec!r}")
        first, sep, last = part.partition("-")
        start = day(first)
        end = day(last) if sep else start
        days.update((start + k) % 7 for k in range((end - start) % 7 + 1))
    return sorted(days)


def _zone(key: str) -> ZoneInfo:
    """Load a time zone, turning the several zoneinfo failures into one plain CalendarError."""
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    close = difflib.get_close_matches(key, sorted(available_timezones()), n=1, cutoff=0.7)
    hint = f"did you mean {close[0]!r}? " if close else ""
    example = 'use an IANA name such as "America/New_York"'
    raise CalendarError(f"unknown time zone {key!r}; {hint}{example}")


class BusinessCalendar:
    """Weekly open hours in a time zone, minus whole-day holidays; see the module docstring."""

    def __init__(
        self,
        timezone: str = "UTC",
        open_hours: Mapping[int, Sequence[tuple[int, int]]] | None = None,
        closed: Iterable[date] = (),
        name: str = "business",
    ) -> None:
        self.name = name
        self.timezone = timezone
        self._tz = _zone(timezone)
        if open_hours is None:
            open_hours = {d: [(0, 1440)] for d in range(7)}
        self.hours: dict[int, tuple[tuple[int, int], ...]] = {d: () for d in range(7)}
        for wd, intervals in open_hours.items():
            if not isinstance(wd, int) or not 0 <= wd <= 6:
                raise CalendarError(f"weekday {wd!r} is out of range (0=Monday ... 6=Sunday)")
            merged: list[tuple[int, int]] = []
            for a, b in sorted(intervals):
                if not (0 <= a <= 1440 and 0 <= b <= 1440):
                    raise CalendarError(
                        f"open hours {a}-{b} on {DAY_NAMES[wd]}: minutes must "
                        "lie between 0 (00:00) and 1440 (24:00)"
                    )
                if a >= b:
                    raise CalendarError(
                        f"open hours on {DAY_NAMES[wd]} start at minute {a} but "
                        f"end at minute {b}; the start must come before the end"
                    )
                if merged and a <= merged[-1][1]:  # overlapping or touching: one interval
                    merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
                else:
                    merged.append((a, b))
            self.hours[wd] = tuple(merged)
        open_minutes = [sum(b - a for a, b in iv) for iv in self.hours.values() if iv]
        if not open_minutes:
            raise CalendarError("a calendar with no open hours never lets business time pass")
        self.closed = frozenset(date(d.year, d.month, d.day) for d in closed)
        self._closed_ordinals = {d.toordinal() for d in self.closed}
        self.open_days_per_week = len(open_minutes)
        self._seconds_per_open_day = 60.0 * sum(open_minutes) / len(open_minutes)
        self._days: dict[int, tuple[Interval, ...]] = {}  # local date ordinal -> epoch intervals
        self._ordinals: dict[int, int] = {}  # UTC quarter hour -> local date ordinal
        self._lookups = 0
        # open around the clock with no holidays: every instant is open, so open time is
        # elapsed time (in epoch seconds, whatever daylight saving does to the wall clock)
        self.always_open = not self.closed and all(
            self.hours[d] == ((0, 1440),) for d in range(7))

    @property
    def zone(self) -> tzinfo:
        """The calendar's time zone."""
        return self._tz

    def __repr__(self) -> str:
        return f"BusinessCalendar(name={self.name!r}, timezone={self.timezone!r})"

    @property
    def seconds_per_open_day(self) -> float:
        """Mean nominal open seconds over the weekdays that have open hours (ignores DST)."""
        return self._seconds_per_open_day

    def cache_info(self) -> CacheInfo:
        """Day-interval lookups so far and cached local dates (for diagnostics and tests)."""
        return CacheInfo(self._lookups, len(self._days))

    # -- conversions -------------------------------------------------------------------------

    def _wall_ts(self, wall: datetime) -> float:
        """Epoch seconds of a naive local wall time; a time in a DST gap maps to the gap's end."""
        ts = wall.replace(tzinfo=self._tz).timestamp()
        if datetime.fromtimestamp(ts, self._tz).replace(tzinfo=None) == wall:
            return ts
        # Nonexistent time: the two folds land on either side of the transition (which tzdata
        # puts on a whole second); bisect for it.
        lo_f, hi_f = sorted(wall.replace(tzinfo=self._tz, fold=f).timestamp() for f in (0, 1))
        lo, hi = math.floor(lo_f), math.ceil(hi_f)
        after = datetime.fromtimestamp(hi, self._tz).utcoffset()
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if datetime.fromtimestamp(mid, self._tz).utcoffset() == after:
                hi = mid
            else:
                lo = mid
        return float(hi)

    def to_ts(self, dt: datetime) -> float:
        """Epoch seconds of a datetime; a naive one is read as the calendar's local time."""
        return self._wall_ts(dt) if dt.tzinfo is None else dt.timestamp()

    def to_local(self, ts: float) -> datetime:
        """The aware datetime in the calendar's zone for epoch seconds ``ts``."""
        return datetime.fromtimestamp(ts, self._tz)

    def localize(self, dt: datetime) -> datetime:
        """``dt`` as an aware datetime in the calendar's zone (naive means local wall time)."""
        return self.to_local(self.to_ts(dt))

    # -- per-day intervals -------------------------------------------------------------------

    def _day(self, ordinal: int) -> tuple[Interval, ...]:
        """Open intervals (epoch seconds) of a local date, computed once and cached."""
        self._lookups += 1
        cached = self._days.get(ordinal)
        if cached is not None:
            return cached
        out: list[Interval] = []
        weekday = (ordinal - 1) % 7  # ordinal 1 (0001-01-01) was a Monday
        if ordinal not in self._closed_ordinals:
            d = date.fromordinal(ordinal)
            midnight = datetime(d.year, d.month, d.day)
            for a, b in self.hours[weekday]:
                s = self._wall_ts(midnight + timedelta(minutes=a))
                e = self._wall_ts(midnight + timedelta(minutes=b))
                if s < e:  # an interval lying wholly inside a DST gap vanishes
                    out.append((s, e))
        self._days[ordinal] = result = tuple(out)
        return result

    def _ordinal(self, ts: float) -> int:
        """The local date of ``ts`` (as an ordinal). Every UTC offset is a whole number of
        quarter hours, so the local date cannot change inside a UTC quarter hour: the answer is
        cached per quarter hour, which spares the simulator most time-zone conversions."""
        bucket = int(ts // 900)
        ordinal = self._ordinals.get(bucket)
        if ordinal is None:
            ordinal = datetime.fromtimestamp(bucket * 900, self._tz).toordinal()
            self._ordinals[bucket] = ordinal
        return ordinal

    def _intervals_from(self, ts: float) -> Iterator[Interval]:
        """Open intervals ending after ``ts``, in order (the first may contain ``ts``)."""
        ordinal, empty = self._ordinal(ts), 0
        while True:
            intervals = self._day(ordinal)
            for s, e in intervals:
                if e > ts:
                    yield s, e
            empty = 0 if intervals else empty + 1
            if empty > _MAX_CLOSED_DAYS:
                raise CalendarError(f"calendar {self.name!r} has no open time for ten years")
            ordinal += 1

    # -- epoch API ---------------------------------------------------------------------------

    def is_open_ts(self, ts: float) -> bool:
        """Whether the instant ``ts`` lies inside open hours."""
        return any(s <= ts < e for s, e in self._day(self._ordinal(ts)))

    def next_open_ts(self, ts: float) -> float:
        """``ts`` itself if open, else the next instant the calendar opens."""
        if self.always_open:
            return ts
        for s, e in self._day(self._ordinal(ts)):  # fast path: open right now
            if s <= ts < e:
                return ts
        s, _ = next(self._intervals_from(ts))
        return max(s, ts)

    def add_seconds(self, ts: float, seconds: float) -> float:
        """The instant at which ``seconds`` of open time have passed after ``ts``.

        Adding 0 returns ``ts`` unchanged. Otherwise counting starts at the next opening, and
        the result may be an interval's closing instant (Fri 16:30 + 30 min = Fri 17:00).
        """
        if seconds < 0:
            raise ValueError("cannot add a negative amount of business time")
        if seconds == 0 or self.always_open:
            return ts + seconds
        for s, e in self._day(self._ordinal(ts)):  # fast path: it ends in today's interval
            if s <= ts < e and ts + seconds <= e:
                return ts + seconds
        for s, e in self._intervals_from(ts):
            s = max(s, ts)
            if seconds <= e - s:
                return s + seconds
            seconds -= e - s
        raise AssertionError("unreachable: _intervals_from never ends")

    def between_seconds(self, a: float, b: float) -> float:
        """Open seconds in [a, b); 0 if ``b <= a``."""
        total = 0.0
        if b <= a:
            return total
        if self.always_open:
            return b - a
        for s, e in self._intervals_from(a):
            if s >= b:
                break
            total += min(e, b) - max(s, a)
        return total

    def add_days_ts(self, ts: float, days: int) -> float:
        """Move ``days`` open days (weekdays with hours, not holidays) forward from ``ts``.

        From the next open instant t >= ts, with o = open time elapsed on t's local day before
        t, the result is the instant on the days-th following open day at which o of its open
        time has elapsed (its closing instant if it has less). Adding 0 returns ``ts``.
        """
        if days < 0:
            raise ValueError("cannot add a negative number of business days")
        if days == 0:
            return ts
        t = self.next_open_ts(ts)
        ordinal = self._ordinal(t)
        elapsed = sum(min(e, t) - s for s, e in self._day(ordinal) if s < t)
        for _ in range(days):
            ordinal += 1
            while not self._day(ordinal):
                ordinal += 1
        intervals = self._day(ordinal)
        for s, e in intervals:
            if elapsed < e - s:  # strict: an opening instant maps to an opening, not a closing
                return s + elapsed
            elapsed -= e - s
        return intervals[-1][1]

    def advance_ts(self, ts: float, amount: float, unit: str, business: bool) -> float:
        """Add ``amount`` minutes/hours/days/weeks (singular accepted) to ``ts``.

        Calendar time (``business=False``) is elapsed time: a day is 86400 s, a week 7 days.
        Business minutes and hours count open time; business days use :meth:`add_days_ts` for
        the whole days and add the fraction as that share of :attr:`seconds_per_open_day` of
        open time; a business week is as many business days as open weekdays per week.
        """
        key = unit.lower().removesuffix("s")
        if key not in _UNIT_SECONDS:
            raise CalendarError(f"unknown time unit {unit!r}; use minutes, hours, days or weeks")
        if not business:
            return ts + amount * _UNIT_SECONDS[key]
        if key in ("minute", "hour"):
            return self.add_seconds(ts, amount * _UNIT_SECONDS[key])
        days = amount * self.open_days_per_week if key == "week" else amount
        if days < 0:
            raise ValueError("cannot add a negative number of business days")
        whole = math.floor(days)
        t = self.add_days_ts(ts, whole)
        fraction = days - whole
        return self.add_seconds(t, fraction * self._seconds_per_open_day) if fraction else t

    # -- datetime API ------------------------------------------------------------------------

    def is_open(self, dt: datetime) -> bool:
        """Whether ``dt`` lies inside open hours."""
        return self.is_open_ts(self.to_ts(dt))

    def next_open(self, dt: datetime) -> datetime:
        """``dt`` if open, else the next opening, as a local aware datetime."""
        return self.to_local(self.next_open_ts(self.to_ts(dt)))

    def add(self, dt: datetime, delta: timedelta) -> datetime:
        """The local instant at which ``delta`` of open time has passed after ``dt``."""
        return self.to_local(self.add_seconds(self.to_ts(dt), delta.total_seconds()))

    def add_days(self, dt: datetime, days: int) -> datetime:
        """``dt`` moved ``days`` business days forward (see :meth:`add_days_ts`)."""
        return self.to_local(self.add_days_ts(self.to_ts(dt), days))

    def advance(self, dt: datetime, amount: float, unit: str, business: bool) -> datetime:
        """``dt`` advanced by ``amount`` ``unit`` (see :meth:`advance_ts`)."""
        return self.to_local(self.advance_ts(self.to_ts(dt), amount, unit, business))

    def between(self, a: datetime, b: datetime) -> timedelta:
        """Open time in [a, b) as a timedelta."""
        return timedelta(seconds=self.between_seconds(self.to_ts(a), self.to_ts(b)))
