"""The reader-independent half of reading history: rows → traces, with the row accounting.

Both readers (CSV, XES) parse their rows and hand each one to a `TraceBuilder`, which maps the
label, files the change under its lead, and rejects what cannot be used. `finish` then puts each
lead's changes in time order and sorts out what only the whole trace shows:

- **Order.** Exports are often not sorted, so by default each lead's rows are sorted by time
  (a stable sort: rows with the same time keep their file order). With `strict_order` a row
  earlier than the lead's previous row is rejected instead ("time goes backwards").
- **Duplicates.** A row identical to the previous one of the same lead (same time, label and
  owner) is rejected as a duplicate of that row: exports that join tables repeat rows.
- **Repeats.** A row whose status is the lead's current status (a different CRM label for the
  same status, or a re-save) is not a status change; it is used as *activity* (it counts for
  `after D without activity` timers) and counted in `History.repeats`.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import zoneinfo

from leadrules.history.mapping import HistoryInputError, StatusMapper
from leadrules.history.model import History, Rejected, Trace
from leadrules.model.scheme import Scheme
from leadrules.suggest import did_you_mean

EXAMPLE_TEXT = 120  # characters of a rejected row kept for the report
UNKNOWN_SHOWN = 10  # unknown labels named in the reader's note
SNAPSHOT_LEADS = 10  # leads needed before "one row per lead" is called a snapshot


def reading_zone(scheme: Scheme, timezone: str | None, where: str) -> tuple[str, dt.tzinfo]:
    """The zone naive times are read in: the one given, else the scheme's business calendar
    zone, else UTC."""
    if timezone is None:
        cal = scheme.business_calendar_model
        timezone = (cal.timezone if cal else None) or "UTC"
    if timezone.upper() == "UTC":
        return "UTC", dt.timezone.utc
    try:
        return timezone, zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        hint = did_you_mean(timezone, zoneinfo.available_timezones())
        raise HistoryInputError(where, f"unknown time zone '{timezone}'",
                                help=hint or 'use an IANA name such as "Europe/Amsterdam"'
                                ) from None


EPOCH_FORMATS = {"epoch": 1.0, "epoch_ms": 1000.0}  # --time-format names for Unix times


class TimeParser:
    """Text → UTC epoch seconds: ISO 8601 (offsets and `Z` honoured), a strptime format, or
    Unix time (`epoch` seconds, `epoch_ms` milliseconds: strptime has no portable directive
    for them, and CRM exports often carry them); naive times are local times of `zone`.

    Converting a naive time through `zoneinfo` costs more than parsing it, so the zone's UTC
    offset is remembered per local hour (the first 13 characters of an ISO time): offsets
    change on the hour in every zone that has daylight saving, except a few (Lord Howe Island)
    that shift by half an hour.
    """

    def __init__(self, zone: dt.tzinfo, fmt: str | None = None) -> None:
        self.zone = zone
        self.fmt = fmt
        self._offsets: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        """Epoch seconds; raises ValueError for text that is not a time."""
        if self.fmt in EPOCH_FORMATS:
            seconds = float(text) / EPOCH_FORMATS[self.fmt]
            if not _FIRST_YEAR <= seconds < _LAST_YEAR:  # also NaN, and milliseconds as seconds
                raise ValueError(f"not a time: {text!r}")
            return seconds
        if self.fmt is not None:
            value = dt.datetime.strptime(text.strip(), self.fmt)
            if value.tzinfo is None:
                value = value.replace(tzinfo=self.zone)
            return value.timestamp()
        text = text.strip()
        value = dt.datetime.fromisoformat(text)
        if value.tzinfo is not None:
            return value.timestamp()
        hour = text[:13]
        offset = self._offsets.get(hour)
        if offset is None:
            delta = value.replace(tzinfo=self.zone).utcoffset()
            offset = delta.total_seconds() if delta is not None else 0.0
            if len(hour) == 13 and len(self._offsets) < 1_000_000:
                self._offsets[hour] = offset
        return (value - _EPOCH).total_seconds() - offset


    def expected(self, text: str) -> str:
        """What a rejected time should have looked like, for the rejection's reason."""
        fmt = self.fmt or "ISO 8601"
        if self.fmt is None and _NUMBER.fullmatch(text.strip()):
            return f"{fmt}; for Unix times use --time-format epoch or epoch_ms"
        return fmt


_EPOCH = dt.datetime(1970, 1, 1)
_FIRST_YEAR = -62135596800.0  # 0001-01-01 UTC: the range ISO 8601 times can have
_LAST_YEAR = 253402300800.0  # 10000-01-01 UTC
_NUMBER = re.compile(r"[0-9]+(\.[0-9]*)?")


def shorten(text: str | list[str]) -> str:
    """A row's text for a report (fields joined by commas), cut to a readable length."""
    if not isinstance(text, str):
        text = ",".join(text)
    return text if len(text) <= EXAMPLE_TEXT else text[:EXAMPLE_TEXT - 1] + "…"


class TraceBuilder:
    """Collects one history; see the module docstring for what `finish` decides."""

    def __init__(self, path: str, mapper: StatusMapper, timezone: str, *,
                 strict_order: bool = False, unit: str = "row") -> None:
        self.mapper = mapper
        self.strict_order = strict_order
        self.history = History(path=path, timezone=timezone, unit=unit)
        self._names: dict[str, str] = {}  # intern owners and labels: one object per value
        self._mapped = mapper.cache  # label → Mapped, filled by mapper.map
        # lead → its rows as (time, status, owner, row, raw label), in file order
        self._rows: dict[str, list[tuple[float, str, str | None, int, str]]] = {}
        self._sources: dict[str, str] = {}
        self._accepted = 0
        self._unknown: dict[str, int] = {}  # unknown label → rows rejected for it
        self._mixed: dict[str, str] = {}  # lead → a second source its rows carry

    @property
    def rows_seen(self) -> int:
        """Rows handed over so far (used or rejected), for locating an error that stops
        reading."""
        return self._accepted + len(self.history.rejected)

    def reject(self, row: int, reason: str, kind: str, text: str | list[str] = "") -> None:
        self.history.rejected.append(Rejected(row, reason, shorten(text), kind))

    def add(self, row: int, lead: str, at: float, label: str, owner: str | None,
            source: str | None, text: str | list[str] = "") -> None:
        """One parsed row: lead id, time (epoch seconds), raw status label, owner, source.

        The hot path of reading: one dict lookup for the label, one append per row."""
        mapped = self._mapped.get(label)
        if mapped is None:
            mapped = self.mapper.map(label)
        status = mapped.status
        if status is None:
            self.reject(row, mapped.reason, mapped.kind, text)
            if mapped.kind == "status" and label.strip():
                self._unknown[label] = self._unknown.get(label, 0) + 1
            return
        rows = self._rows.get(lead)
        if rows is None:
            rows = self._rows[lead] = []
        elif self.strict_order and at < rows[-1][0]:
            self.reject(row, f"time goes backwards: earlier than {self.history.unit} "
                        f"{rows[-1][3]} of lead '{lead}'", "order", text)
            return
        names = self._names
        label = names.setdefault(label, label)
        if owner is not None:
            owner = names.setdefault(owner, owner)
        rows.append((at, status, owner, row, label))
        self._accepted += 1
        if mapped.migrated:
            self.history.migrated[label] = self.history.migrated.get(label, 0) + 1
        if source:
            first = self._sources.get(lead)
            if first is None:
                self._sources[lead] = names.setdefault(source, source)
            elif first != source and lead not in self._mixed:
                self._mixed[lead] = source

    def finish(self, observed_until: float | None = None) -> History:
        """Order each trace, reject duplicates, fold repeats into activity; check the sums."""
        h = self.history
        h.rows_read = self._accepted + len(h.rejected)
        first = sys.float_info.max
        last = -sys.float_info.max
        sources = self._sources
        for lead, rows in self._rows.items():
            if any(rows[i][0] > rows[i + 1][0] for i in range(len(rows) - 1)):
                rows.sort(key=_time_of)  # stable: equal times keep their file order
            trace = self._trace(lead, rows)
            trace.source = sources.get(lead)
            h.traces[lead] = trace
            first = min(first, trace.times[0])
            last = max(last, rows[-1][0])
        self._rows = {}
        h.rows_used = h.rows_read - len(h.rejected)
        h.rejected.sort(key=lambda r: r.row)
        if h.traces:
            h.observed_from = first
            h.observed_until = last if observed_until is None else observed_until
        else:
            h.observed_until = observed_until
        assert h.rows_read == h.rows_used + len(h.rejected)
        h.notes += self._advice()
        return h

    def _advice(self) -> list[str]:
        """What a user needs to fix the input: the unknown labels by frequency (the first
        rejected row names only one of them, and a mapping file needs them all), leads whose
        rows disagree on their source (only the first is kept: two merged exports that reuse
        lead ids look like this), and a hint when the file holds one row per lead (a snapshot
        of current statuses, not their history)."""
        notes = []
        if self._unknown:
            top = sorted(self._unknown.items(), key=lambda kv: (-kv[1], kv[0]))
            shown = ", ".join(f"'{label}' ({n})" for label, n in top[:UNKNOWN_SHOWN])
            more = f" and {len(top) - UNKNOWN_SHOWN} more" if len(top) > UNKNOWN_SHOWN else ""
            notes.append(f"{len(top)} unknown status label{'s' if len(top) > 1 else ''}: "
                         f"{shown}{more}; name them in `aka` lines of the scheme's statuses "
                         "or in a --map file (an empty status there ignores a label)")
        if self._mixed:
            lead, second = next(iter(self._mixed.items()))
            many = len(self._mixed) > 1
            notes.append(f"{len(self._mixed)} lead{'s carry' if many else ' carries'} "
                         f"more than one source (the first is kept), e.g. '{lead}': "
                         f"'{self._sources[lead]}' and '{second}'; if two systems share lead "
                         "ids, make them unique (prefix each system's ids) before merging")
        traces = self.history.traces
        if len(traces) >= SNAPSHOT_LEADS and all(len(t.times) == 1 for t in traces.values()):
            notes.append("every lead has a single status change: this looks like a snapshot "
                         "of current statuses, not a history of changes, so moves, times in "
                         "status and conversions cannot be measured")
        return notes

    def _trace(self, lead: str, rows: list[tuple[float, str, str | None, int, str]]) -> Trace:
        """One time-ordered lead: duplicates rejected, repeats kept as activity."""
        trace = Trace(lead)
        times, statuses, owners, numbers, raw = (trace.times, trace.statuses, trace.owners,
                                                  trace.rows, trace.raw)
        prev: tuple[float, str, str | None, int, str] | None = None  # the last change kept
        last = prev  # the last row used (a change or a repeat)
        for r in rows:
            if prev is not None and last is not None and r[1] == prev[1]:
                if r[0] == last[0] and r[4] == last[4] and r[2] == last[2]:
                    self.history.rejected.append(Rejected(
                        r[3], f"duplicate of {self.history.unit} {last[3]} (lead '{lead}', "
                        "same time and status)", "", "duplicate"))
                else:
                    trace.activity.append(r[0])
                    self.history.repeats += 1
                    last = r
                continue
            times.append(r[0])
            statuses.append(r[1])
            owners.append(r[2])
            numbers.append(r[3])
            raw.append(r[4])
            prev = last = r
        return trace


def _time_of(row: tuple[float, str, str | None, int, str]) -> float:
    return row[0]
