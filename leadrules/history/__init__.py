"""Real status history: read it (CSV, XES), check it against a scheme, measure the funnel,
calibrate scenarios from it and backtest them.

`read_history` is the one entry point for reading; see `leadrules.history.model` for what it
returns and `docs/history.md` for the input formats.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from leadrules.gcpause import gc_paused
from leadrules.history.build import TimeParser, reading_zone
from leadrules.history.mapping import HistoryInputError, MappingSpec, StatusMapper
from leadrules.history.model import History, Rejected, Trace
from leadrules.model.scheme import Scheme

__all__ = ["History", "HistoryInputError", "Rejected", "Trace", "read_history"]


def read_history(path: str | os.PathLike[str], scheme: Scheme, *,
                 columns: Mapping[str, str] | None = None, time_format: str | None = None,
                 timezone: str | None = None, mapping: MappingSpec = None,
                 strict_order: bool = False, observed_until: float | None = None,
                 encoding: str = "utf-8", delimiter: str | None = None) -> History:
    """Read a status history for `scheme` (resolved), by extension: `.csv` (or `.csv.gz`,
    `.tsv`, `.txt`) or `.xes` / `.xes.gz`.

    `columns` renames CSV columns (`{"lead_id": "Case", "at": "Timestamp"}`); `time_format`
    is a `strptime` format (default ISO 8601); naive times are read in `timezone` (default the
    scheme's business calendar zone, else UTC); `mapping` is a `crm_label,status` CSV file or
    a dict. `observed_until` (epoch seconds) is when the history was extracted (default: its
    last row). `encoding` and `delimiter` (default: detected from the header) apply to CSV.
    Raises `HistoryInputError` for input that cannot be read at all; rows that
    cannot be used are in `History.rejected`.
    """
    with gc_paused():  # a million small tuples and no garbage: the collector only costs time
        return _read(os.fspath(path), scheme, columns, time_format, timezone, mapping,
                     strict_order, observed_until, encoding, delimiter)


def _read(where: str, scheme: Scheme, columns: Mapping[str, str] | None,
          time_format: str | None, timezone: str | None, mapping: MappingSpec,
          strict_order: bool, observed_until: float | None, encoding: str,
          delimiter: str | None) -> History:
    zone_name, zone = reading_zone(scheme, timezone, where)
    mapper = StatusMapper(scheme, mapping)
    parse_time = TimeParser(zone, time_format)
    lowered = where.lower()
    if lowered.endswith((".xes", ".xes.gz")):
        if columns:
            raise HistoryInputError(where, "--column applies to CSV files; an XES log names "
                                    "its attributes itself")
        if delimiter is not None or encoding.lower() not in ("utf-8", "utf8"):
            raise HistoryInputError(where, "--delimiter and --encoding apply to CSV files; an "
                                    "XES log is XML, which declares its own encoding")
        from leadrules.history.read_xes import read_xes

        return read_xes(where, mapper, parse_time, zone_name, strict_order=strict_order,
                        observed_until=observed_until)
    if lowered.endswith((".csv", ".csv.gz", ".tsv", ".txt")):
        from leadrules.history.read_csv import read_csv

        return read_csv(where, mapper, parse_time, zone_name, columns=columns,
                        strict_order=strict_order, observed_until=observed_until,
                        encoding=encoding, delimiter=delimiter)
    raise HistoryInputError(where, "unknown history format: expected a .csv, .xes or .xes.gz "
                            "file")
