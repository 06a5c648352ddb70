"""Tests for leadrules.calendar: business-hour arithmetic with time zones, DST and holidays."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadrules.calendar import BusinessCalendar, CalendarError, parse_days, parse_hhmm

NY = "America/New_York"
HOUR = 3600.0


def reference() -> BusinessCalendar:
    """The project's reference calendar: New York, mon-fri 09:00-17:00, two holidays."""
    return BusinessCalendar(
        NY,
        {d: [(parse_hhmm("09:00"), parse_hhmm("17:00"))] for d in parse_days("mon-fri")},
        closed=[date(2026, 12, 25), date(2027, 1, 1)],
        name="business",
    )


CAL = reference()
ALWAYS = BusinessCalendar(NY)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware New York datetime (via the calendar, so gaps and folds follow its rules)."""
    return CAL.localize(datetime(year, month, day, hour, minute))


def utc_hour(dt: datetime) -> int:
    """The hour of ``dt`` in UTC."""
    return dt.astimezone(timezone.utc).hour


def test_friday_afternoon_plus_two_hours_lands_monday() -> None:
    """Friday 16:30 + 2 business hours is Monday 10:30, in both the datetime and epoch APIs."""
    start = datetime(2026, 11, 20, 16, 30)
    result = CAL.add(start, timedelta(hours=2))
    assert result == local(2026, 11, 23, 10, 30)
    assert result.tzinfo is not None
    assert result.replace(tzinfo=None) == datetime(2026, 11, 23, 10, 30)
    ts = CAL.add_seconds(CAL.to_ts(start), 2 * HOUR)
    assert ts == local(2026, 11, 23, 10, 30).timestamp()


def test_holiday_is_skipped() -> None:
    """Thursday 24 Dec 16:00 + 2 business hours skips the closed Friday and lands Monday 10:00."""
    assert CAL.add(datetime(2026, 12, 24, 16), timedelta(hours=2)) == local(2026, 12, 28, 10)
    assert not CAL.is_open(datetime(2026, 12, 25, 12))


def test_spring_forward_weekend() -> None:
    """Across the March DST change Monday 10:00 local is 14:00 UTC (EDT), not 15:00."""
    result = CAL.add(datetime(2026, 3, 6, 16), timedelta(hours=2))
    assert result.replace(tzinfo=None) == datetime(2026, 3, 9, 10)
    assert utc_hour(result) == 14


def test_fall_back_weekend() -> None:
    """Across the November DST change Monday 10:00 local is 15:00 UTC (EST)."""
    result = CAL.add(datetime(2026, 10, 30, 16), timedelta(hours=2))
    assert result.replace(tzinfo=None) == datetime(2026, 11, 2, 10)
    assert utc_hour(result) == 15


def test_always_open_calendar_counts_real_hours_across_dst() -> None:
    """On a 24/7 calendar, Saturday noon + 24 business hours across spring-forward is Sun 13:00."""
    result = ALWAYS.add(datetime(2026, 3, 7, 12), timedelta(hours=24))
    assert result.replace(tzinfo=None) == datetime(2026, 3, 8, 13)


def test_dst_days_have_23_and_25_open_hours() -> None:
    """A 24/7 calendar's spring-forward local day is 23 h long and its fall-back day 25 h."""
    assert ALWAYS.between(datetime(2026, 3, 8), datetime(2026, 3, 9)) == timedelta(hours=23)
    assert ALWAYS.between(datetime(2026, 11, 1), datetime(2026, 11, 2)) == timedelta(hours=25)


def test_nonexistent_wall_time_maps_past_the_gap() -> None:
    """A local time inside the spring-forward gap means the first instant after it (03:00 EDT)."""
    assert ALWAYS.localize(datetime(2026, 3, 8, 2, 30)) == ALWAYS.localize(datetime(2026, 3, 8, 3))
    assert utc_hour(ALWAYS.localize(datetime(2026, 3, 8, 2, 30))) == 7


def test_midnight_gap_day_starts_after_the_gap() -> None:
    """Where DST starts at midnight (Havana), that local day opens at 01:00 and lasts 23 h."""
    havana = BusinessCalendar("America/Havana")
    day = datetime(2026, 3, 8)
    assert havana.next_open(day).replace(tzinfo=None) == datetime(2026, 3, 8, 1)
    assert havana.between(day, day + timedelta(days=1)) == timedelta(hours=23)


def test_add_ending_at_closing_time_stays_friday() -> None:
    """Friday 16:30 + 30 business minutes is Friday 17:00 exactly, not Monday 09:00."""
    assert CAL.add(datetime(2026, 11, 20, 16, 30), timedelta(minutes=30)) == local(2026, 11, 20, 17)


def test_adding_zero_returns_start() -> None:
    """Adding no business time leaves even a closed instant unchanged."""
    ts = local(2026, 11, 21, 10).timestamp()
    assert CAL.add_seconds(ts, 0) == ts
    assert CAL.add_days_ts(ts, 0) == ts


def test_between_friday_to_monday() -> None:
    """Between Friday 16:30 and Monday 10:30 lie 2 business hours; reversed it is zero."""
    fri, mon = datetime(2026, 11, 20, 16, 30), datetime(2026, 11, 23, 10, 30)
    assert CAL.between(fri, mon) == timedelta(hours=2)
    assert CAL.between(mon, fri) == timedelta(0)


START = local(2026, 1, 1).timestamp()
END = local(2028, 1, 1).timestamp()


@settings(max_examples=300, deadline=None)
@given(
    t=st.floats(min_value=START, max_value=END),
    d1=st.floats(min_value=0, max_value=400 * HOUR),
    d2=st.floats(min_value=0, max_value=400 * HOUR),
)
def test_between_inverts_add_and_add_is_monotonic(t: float, d1: float, d2: float) -> None:
    """between(t, add(t, d)) == d, and add is monotonic in d, for random starts and durations."""
    assert abs(CAL.between_seconds(t, CAL.add_seconds(t, d1)) - d1) < 1e-6
    lo, hi = sorted((d1, d2))
    assert CAL.add_seconds(t, lo) <= CAL.add_seconds(t, hi)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (datetime(2026, 11, 18, 14), datetime(2026, 11, 19, 14)),  # Wed -> Thu
        (datetime(2026, 11, 20, 16, 30), datetime(2026, 11, 23, 16, 30)),  # Fri -> Mon
        (datetime(2026, 11, 21, 10), datetime(2026, 11, 24, 9)),  # Sat -> Mon 9:00 -> Tue
        (datetime(2026, 12, 24, 11), datetime(2026, 12, 28, 11)),  # Thu, Christmas Fri closed
        (datetime(2026, 12, 31, 15), datetime(2027, 1, 4, 15)),  # Thu, New Year Fri closed
    ],
)
def test_business_days(start: datetime, expected: datetime) -> None:
    """One business day later is the same open-time offset on the next open day."""
    assert CAL.add_days(start, 1) == CAL.localize(expected)


def test_business_days_across_dst_keep_wall_clock() -> None:
    """One business day from Friday before spring-forward is Monday at the same wall time."""
    result = CAL.add_days(datetime(2026, 3, 6, 14), 1)
    assert result.replace(tzinfo=None) == datetime(2026, 3, 9, 14)


@pytest.mark.parametrize(
    "start",
    [datetime(2026, 11, 21, 12), datetime(2026, 11, 23, 7), datetime(2026, 11, 20, 18)],
)
def test_start_outside_hours_counts_from_next_opening(start: datetime) -> None:
    """From Saturday, 07:00 or 18:00 the count starts at the next 09:00 opening."""
    opening = CAL.next_open(start)
    assert opening.hour == 9 and opening.minute == 0
    assert CAL.add(start, timedelta(hours=1)) == opening + timedelta(hours=1)


def test_next_open_of_open_instant_is_itself() -> None:
    """An instant inside open hours is its own next opening."""
    dt = local(2026, 11, 18, 10, 15)
    assert CAL.is_open(dt) and CAL.next_open(dt) == dt


def test_lunch_break() -> None:
    """With 09:00-12:00 and 13:00-17:00, 11:30 + 1 business hour is 13:30."""
    cal = BusinessCalendar(NY, {d: [(780, 1020), (540, 720)] for d in range(5)})
    assert cal.add(datetime(2026, 11, 18, 11, 30), timedelta(hours=1)).hour == 13
    assert cal.add(datetime(2026, 11, 18, 11, 30), timedelta(hours=1)).minute == 30
    assert not cal.is_open(datetime(2026, 11, 18, 12, 30))
    assert cal.seconds_per_open_day == 7 * HOUR


def test_overlapping_intervals_are_merged() -> None:
    """Overlapping and touching intervals become one."""
    cal = BusinessCalendar("UTC", {0: [(600, 720), (540, 660), (720, 780)]})
    assert cal.hours[0] == ((540, 780),)


def test_advance_units() -> None:
    """advance() handles calendar time, business hours, fractional days and business weeks."""
    fri = datetime(2026, 11, 20, 16, 30)
    assert CAL.advance(fri, 1, "day", business=False) == local(2026, 11, 21, 16, 30)
    assert CAL.advance(fri, 2, "hours", business=True) == local(2026, 11, 23, 10, 30)
    assert CAL.advance(fri, 1, "week", business=True) == local(2026, 11, 27, 16, 30)
    # 1.5 days = 1 business day (Mon 16:30) + 4 open hours (to Tue 12:30)
    assert CAL.advance(fri, 1.5, "days", business=True) == local(2026, 11, 24, 12, 30)
    with pytest.raises(CalendarError, match="unknown time unit"):
        CAL.advance(fri, 1, "fortnight", business=True)


def test_parse_days() -> None:
    """Day specs accept ranges, lists, full names and wrap-around ranges."""
    assert parse_days("mon-fri") == [0, 1, 2, 3, 4]
    assert parse_days("SAT") == [5]
    assert parse_days("mon-wed,fri") == [0, 1, 2, 4]
    assert parse_days("Friday-Monday") == [0, 4, 5, 6]
    assert parse_days("sun-mon") == [0, 6]


def test_parse_hhmm() -> None:
    """HH:MM parses to minutes since midnight, 24:00 included."""
    assert parse_hhmm("09:00") == 540
    assert parse_hhmm("9:30") == 570
    assert parse_hhmm("24:00") == 1440
    for bad in ("25:00", "12:60", "24:30", "noon", "9"):
        with pytest.raises(CalendarError):
            parse_hhmm(bad)


def test_unknown_day_suggests_a_name() -> None:
    """An unknown day name is reported with a did-you-mean."""
    with pytest.raises(CalendarError, match="did you mean 'mon'"):
        parse_days("mnu-fri")


def test_bad_time_zone() -> None:
    """An unknown time zone names itself and suggests a valid one."""
    with pytest.raises(CalendarError, match=r"Mars/Olympus.*America/New_York"):
        BusinessCalendar("Mars/Olympus")
    with pytest.raises(CalendarError, match="unknown time zone"):
        BusinessCalendar("America")


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ({0: [(600, 540)]}, "start must come before"),
        ({0: [(600, 600)]}, "start must come before"),
        ({0: [(0, 1500)]}, "between 0"),
        ({7: [(540, 600)]}, "out of range"),
        ({}, "no open hours"),
        ({0: []}, "no open hours"),
    ],
)
def test_bad_open_hours(hours: dict[int, list[tuple[int, int]]], message: str) -> None:
    """Invalid open hours raise CalendarError with a plain message."""
    with pytest.raises(CalendarError, match=message):
        BusinessCalendar("UTC", hours)


def test_long_add_walks_days_not_minutes() -> None:
    """Adding 200 business days looks up no more than ~300 days of the interval cache."""
    cal = reference()
    cal.add_days_ts(local(2026, 1, 5, 10).timestamp(), 200)
    info = cal.cache_info()
    assert info.days <= 300 and info.lookups <= 300
