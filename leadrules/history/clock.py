"""Open (business) time between many pairs of instants, in constant time per pair.

`BusinessCalendar.between_seconds` walks the open intervals from one instant to the other,
which is right for one question and slow for a million visits of a few weeks each. `OpenClock`
counts the open seconds from a fixed origin to any instant once per local day (prefix sums over
the calendar's own day intervals), so a visit's business time is one subtraction:
`clock.between(a, b) == calendar.between_seconds(a, b)` (tests hold them equal).
"""

from __future__ import annotations

from leadrules.calendar import BusinessCalendar


class OpenClock:
    """Open seconds since an origin, for instants on the local dates `first`..`last` (epoch
    seconds); instants outside fall back to the calendar's own walk."""

    def __init__(self, calendar: BusinessCalendar, first: float, last: float) -> None:
        self.calendar = calendar
        self._base = calendar._ordinal(first)
        self._top = calendar._ordinal(last)
        self._days = [calendar._day(o) for o in range(self._base, self._top + 1)]
        self._before: list[float] = []
        total = 0.0
        for intervals in self._days:
            self._before.append(total)
            total += sum(e - s for s, e in intervals)

    def open_at(self, ts: float) -> float | None:
        """Open seconds from the origin to `ts`, or None outside the prepared dates."""
        k = self.calendar._ordinal(ts) - self._base
        if not 0 <= k < len(self._days):
            return None
        total = self._before[k]
        for s, e in self._days[k]:
            if s >= ts:
                break
            total += (e if e < ts else ts) - s
        return total

    def open_times(self, times: list[float]) -> list[float]:
        """Open seconds from the origin to each of a lead's (ordered) change times, so that a
        visit's business time is `out[i + 1] - out[i]`."""
        if self.calendar.always_open:
            return times
        out = [self.open_at(t) for t in times]
        if all(x is not None for x in out):
            return out  # type: ignore[return-value]
        start = times[0]
        return [self.between(start, t) for t in times]

    def between(self, a: float, b: float) -> float:
        """Open seconds in [a, b); 0 if b <= a."""
        if b <= a:
            return 0.0
        if self.calendar.always_open:
            return b - a
        x, y = self.open_at(a), self.open_at(b)
        if x is None or y is None:
            return self.calendar.between_seconds(a, b)
        return y - x
