"""XES event logs (`.xes`, `.xes.gz`) → `History`, streaming with the standard library.

A trace is a lead (`concept:name` = lead id); an event is a status change (`concept:name` = the
CRM label, `time:timestamp`, `org:resource` = owner). Only `complete` events are status changes
(`lifecycle:transition` missing counts as complete): `start`, `schedule` and the other lifecycle
moments of the same activity are rejected with that reason, so the accounting still adds up.
Rows are events numbered from 1 in file order. Elements are cleared as soon as they are read,
so memory grows with the leads kept, not with the file.
"""

from __future__ import annotations

import gzip
import os
import xml.etree.ElementTree as ET
from typing import IO

from leadrules.history.build import TimeParser, TraceBuilder
from leadrules.history.mapping import HistoryInputError, StatusMapper
from leadrules.history.model import History

_Event = tuple[int, dict[str, str]]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _open(path: str) -> IO[bytes]:
    if path.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_xes(path: str | os.PathLike[str], mapper: StatusMapper, parse_time: TimeParser,
             timezone: str, *, strict_order: bool = False,
             observed_until: float | None = None) -> History:
    """Read an XES log; see the module docstring."""
    where = os.fspath(path)
    builder = TraceBuilder(where, mapper, timezone, strict_order=strict_order, unit="event")
    skipped: dict[str, int] = {}
    try:
        with _open(where) as fh:
            _events(fh, builder, parse_time, skipped)
    except OSError as exc:
        raise HistoryInputError(where, f"cannot read the file: {exc.strerror or exc}") from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise HistoryInputError(f"{where}:{line}:{column + 1}",
                                f"not a well-formed XES (XML) file: {exc}") from None
    history = builder.finish(observed_until)
    for moment, count in sorted(skipped.items()):
        history.notes.append(f"{count} '{moment}' events skipped: only complete events are "
                             "status changes")
    return history


def _events(fh: IO[bytes], builder: TraceBuilder, parse_time: TimeParser,
            skipped: dict[str, int]) -> None:
    """Walk the log: an event's attributes are its children, a trace's are its children that
    are not events (XES lets them come before or after the events). An event outside any trace
    has no lead: it is rejected, not filed under the next trace's lead."""
    events: list[_Event] = []
    ordinal = 0
    in_trace = False
    for kind, elem in ET.iterparse(fh, events=("start", "end")):
        tag = elem.tag
        if tag.startswith("{"):
            tag = _local(tag)
        if kind == "start":
            if tag == "trace":
                in_trace = True
            continue
        if tag == "event":
            ordinal += 1
            attrs = {c.get("key", ""): c.get("value", "") for c in elem}
            if in_trace:
                events.append((ordinal, attrs))
            else:
                builder.reject(ordinal, "event outside any trace (it has no lead)", "id",
                               _text(attrs))
            elem.clear()
        elif tag == "trace":
            trace_attrs: dict[str, str] = {}
            for c in elem:
                key = c.get("key")
                if key is not None:
                    trace_attrs.setdefault(key, c.get("value", ""))
            _flush(trace_attrs, events, builder, parse_time, skipped)
            events = []
            in_trace = False
            elem.clear()


def _text(attrs: dict[str, str]) -> str:
    return "; ".join(f"{k}={attrs[k]}" for k in ("concept:name", "time:timestamp",
                                                   "lifecycle:transition") if k in attrs)


def _flush(trace_attrs: dict[str, str], events: list[_Event], builder: TraceBuilder,
           parse_time: TimeParser, skipped: dict[str, int]) -> None:
    """One whole trace: its id is known only when all its attributes have been read."""
    lead = trace_attrs.get("concept:name", "").strip()
    for ordinal, attrs in events:
        text = _text(attrs)
        lead_id = lead or attrs.get("case:concept:name", "").strip()
        if not lead_id:
            builder.reject(ordinal, "missing lead id (the trace has no concept:name)", "id",
                           text)
            continue
        moment = attrs.get("lifecycle:transition", "complete").strip().lower()
        if moment != "complete":
            skipped[moment] = skipped.get(moment, 0) + 1
            builder.reject(ordinal, f"lifecycle '{moment}' (only complete events are status "
                           "changes)", "lifecycle", text)
            continue
        stamp = attrs.get("time:timestamp", "")
        if not stamp.strip():
            builder.reject(ordinal, "missing time (no time:timestamp)", "time", text)
            continue
        try:
            at = parse_time(stamp)
        except (ValueError, OverflowError):
            builder.reject(ordinal, f"unparseable time '{stamp}'", "time", text)
            continue
        owner = attrs.get("org:resource", "").strip() or None
        builder.add(ordinal, lead_id, at, attrs.get("concept:name", "").strip(), owner, None,
                    text)
