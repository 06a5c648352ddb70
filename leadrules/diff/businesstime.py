"""Durations compared in business time, each on its own scheme's calendar.

Business minutes and hours are open time; a business day is "the same point of the working
day, N open days later" (docs/language.md), so `2 business days` is two open days whether the
calendar opens 8 or 10 hours a day, and a business week is as many open days as the calendar
has in a week. Durations counted in the same way (both in open days, both in open time, both
elapsed) compare exactly: longer open hours do not make a 2-business-day SLA later. Only a
comparison across kinds — `2 business days` against `8 business hours` — needs a conversion,
done in open seconds (an open day at the calendar's average open hours); when one side is
elapsed time, it is counted at the calendar's average share of open time per week (an
approximation, said as such).
"""

from __future__ import annotations

import attrs

from leadrules.calendar import BusinessCalendar
from leadrules.model.common import Duration
from leadrules.model.scheme import Scheme
from leadrules.resolve.scheme import calendar_engine

WEEK = 7 * 86400.0


@attrs.frozen
class Clock:
    """A scheme's business calendar, as far as durations need it."""

    open_day: float  # open seconds of an average open day
    open_days_per_week: float
    open_share: float  # open seconds per elapsed second, over a week

    @classmethod
    def of(cls, scheme: Scheme) -> Clock:
        model = scheme.business_calendar_model
        cal = calendar_engine(model) if model is not None else BusinessCalendar("UTC")
        days = float(cal.open_days_per_week)
        return cls(cal.seconds_per_open_day, days, cal.seconds_per_open_day * days / WEEK)

    def open_days(self, d: Duration) -> float:
        """A business day or week duration in open days."""
        return float(d.amount) * (self.open_days_per_week if d.unit == "weeks" else 1)

    def open_seconds(self, d: Duration) -> float:
        """A business duration in open seconds (an elapsed one at the average open share)."""
        if not d.business:
            return d.seconds * self.open_share
        if d.unit in ("minutes", "hours"):
            return d.seconds
        return self.open_days(d) * self.open_day

    def describe(self, d: Duration, other: Duration) -> str:
        """How `d` reads beside `other`, the duration it is compared with: as written, with
        `(16 open hours)` after business days or weeks compared with open time or elapsed time,
        and `(6 open days)` after business weeks compared with business days or weeks."""
        if not _day_based(d):
            return str(d)
        if _day_based(other):
            return f"{d} ({_days(self.open_days(d))})" if d.unit == "weeks" else str(d)
        return f"{d} ({open_hours(self.open_seconds(d))})"


def _day_based(d: Duration) -> bool:
    return d.business and d.unit in ("days", "weeks")


def _days(days: float) -> str:
    amount = f"{days:g}"
    return f"{amount} open day{'' if amount == '1' else 's'}"


def open_hours(seconds: float) -> str:
    """Open seconds as `16 open hours` (`1.5 open hours`)."""
    hours = seconds / 3600
    amount = f"{hours:g}" if abs(hours - round(hours)) < 1e-9 else f"{hours:.1f}"
    return f"{amount} open hour{'' if amount == '1' else 's'}"


def compare(old: Duration, old_clock: Clock, new: Duration, new_clock: Clock) -> int:
    """-1 when `new` is shorter than `old`, 1 when longer, 0 when the same length.

    Like with like compares exactly: both elapsed in seconds, both business days or weeks in
    open days, both business minutes or hours in open time; otherwise in open seconds.
    """
    if not old.business and not new.business:
        a, b = old.seconds, new.seconds
    elif _day_based(old) and _day_based(new):
        a, b = old_clock.open_days(old), new_clock.open_days(new)
    else:
        a, b = old_clock.open_seconds(old), new_clock.open_seconds(new)
    if abs(a - b) < 1e-6:
        return 0
    return -1 if b < a else 1
