"""Durations compared in business time, each on its own scheme's calendar.

"2 business days" is 16 open hours on a 9-to-5 calendar and 20 on a 10-hour one, so a timer
that did not change in words still changes when the calendar does, and "2 business days" vs
"8 business hours" can only be compared in open seconds. Calendar (elapsed) time is compared
as is; when one side is business time and the other elapsed time, the elapsed one is counted
at the calendar's average share of open time per week (an approximation, said as such).
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

    def open_seconds(self, d: Duration) -> float:
        """A business duration in open seconds (an elapsed one at the average open share)."""
        if not d.business:
            return d.seconds * self.open_share
        if d.unit in ("minutes", "hours"):
            return d.seconds
        days = float(d.amount) * (self.open_days_per_week if d.unit == "weeks" else 1)
        return days * self.open_day

    def describe(self, d: Duration) -> str:
        """`2 business days (16 open hours)`; minutes, hours and elapsed time as written."""
        if d.business and d.unit in ("days", "weeks"):
            return f"{d} ({open_hours(self.open_seconds(d))})"
        return str(d)


def open_hours(seconds: float) -> str:
    """Open seconds as `16 open hours` (`1.5 open hours`)."""
    hours = seconds / 3600
    amount = f"{hours:g}" if abs(hours - round(hours)) < 1e-9 else f"{hours:.1f}"
    return f"{amount} open hour{'' if amount == '1' else 's'}"


def compare(old: Duration, old_clock: Clock, new: Duration, new_clock: Clock) -> int:
    """-1 when `new` is shorter than `old`, 1 when longer, 0 when the same length.

    Like with like (both elapsed, or both business on unchanged calendars) compares exactly;
    otherwise in open seconds.
    """
    if not old.business and not new.business:
        a, b = old.seconds, new.seconds
    else:
        a, b = old_clock.open_seconds(old), new_clock.open_seconds(new)
    if abs(a - b) < 1e-6:
        return 0
    return -1 if b < a else 1
