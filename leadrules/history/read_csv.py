"""Status-change CSV → `History`, in one streaming pass.

Columns (by header name; each configurable): `lead_id`, `at`, `to_status` required;
`from_status`, `owner`, `stage`, `source` optional. `from_status` and `stage` are not needed to
rebuild a trace (the previous row of the same lead says where it came from) and are not used;
`source` is the lead's first non-empty source. Row numbers count data rows from 1 (the header
is row 0), so row N is line N + 1 of a file without line breaks inside fields.
The delimiter is `,` unless the header has none and has `;` or a tab.
"""

from __future__ import annotations

import csv
import gzip
import os
from collections.abc import Iterator, Mapping
from typing import IO

from leadrules.history.build import TimeParser, TraceBuilder
from leadrules.history.mapping import HistoryInputError, StatusMapper
from leadrules.history.model import History
from leadrules.suggest import did_you_mean

REQUIRED = ("lead_id", "at", "to_status")
OPTIONAL = ("from_status", "owner", "stage", "source")
COLUMNS = REQUIRED + OPTIONAL


def _open(path: str) -> IO[str]:
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")


def _delimiter(header_line: str) -> str:
    if "," not in header_line:
        if ";" in header_line:
            return ";"
        if "\t" in header_line:
            return "\t"
    return ","


def column_indexes(header: list[str], columns: Mapping[str, str] | None,
                   where: str) -> dict[str, int]:
    """Logical column → index in the header; a missing required column is bad input."""
    columns = dict(columns or {})
    for key in columns:
        if key not in COLUMNS:
            hint = did_you_mean(key, COLUMNS)
            raise HistoryInputError(where, f"unknown column role '{key}'",
                                    help=hint or f"the roles are {', '.join(COLUMNS)}")
    names = [h.strip() for h in header]
    found: dict[str, int] = {}
    for key in COLUMNS:
        wanted = columns.get(key, key)
        if wanted in names:
            found[key] = names.index(wanted)
        elif key in REQUIRED or key in columns:
            hint = did_you_mean(wanted, names)
            given = f" (given as {key}={wanted})" if key in columns else ""
            raise HistoryInputError(
                f"{where}:1", f"the header has no column '{wanted}'{given}",
                help=hint or f"the header is: {', '.join(names)}; name the column with "
                f"--column {key}=NAME")
    return found


def read_csv(path: str | os.PathLike[str], mapper: StatusMapper, parse_time: TimeParser,
             timezone: str, *, columns: Mapping[str, str] | None = None,
             strict_order: bool = False, observed_until: float | None = None) -> History:
    """Read a status-change CSV (optionally gzipped); see the module docstring."""
    where = os.fspath(path)
    builder = TraceBuilder(where, mapper, timezone, strict_order=strict_order, unit="row")
    try:
        with _open(where) as fh:
            first = fh.readline()
            if not first.strip():
                raise HistoryInputError(where, "the file is empty; a header line such as "
                                        "`lead_id,at,to_status` is needed")
            delimiter = _delimiter(first)
            header = next(csv.reader([first], delimiter=delimiter))
            index = column_indexes(header, columns, where)
            _rows(csv.reader(fh, delimiter=delimiter), index, builder, parse_time)
    except OSError as exc:
        raise HistoryInputError(where, f"cannot read the file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise HistoryInputError(where, "the file is not UTF-8 text; re-export it as UTF-8"
                                ) from None
    except csv.Error as exc:
        raise HistoryInputError(where, f"not a readable CSV file: {exc}") from None
    return builder.finish(observed_until)


def _rows(reader: Iterator[list[str]], index: dict[str, int], builder: TraceBuilder,
          parse_time: TimeParser) -> None:
    i_lead, i_at, i_to = index["lead_id"], index["at"], index["to_status"]
    i_owner, i_source = index.get("owner"), index.get("source")
    width = max(index.values()) + 1
    add, reject = builder.add, builder.reject
    for row_number, row in enumerate(reader, start=1):
        if len(row) < width:
            if not any(c.strip() for c in row):
                reject(row_number, "empty row", "id", "")
                continue
            row = row + [""] * (width - len(row))
        lead = row[i_lead].strip()
        if not lead:
            reject(row_number, "missing lead id", "id", row)
            continue
        at_text = row[i_at]
        if not at_text.strip():
            reject(row_number, "missing time", "time", row)
            continue
        try:
            at = parse_time(at_text)
        except (ValueError, OverflowError):
            fmt = parse_time.fmt or "ISO 8601"
            reject(row_number, f"unparseable time '{at_text}' (expected {fmt})", "time", row)
            continue
        owner = row[i_owner].strip() if i_owner is not None else None
        source = row[i_source].strip() if i_source is not None else None
        add(row_number, lead, at, row[i_to].strip(), owner or None, source or None, row)
