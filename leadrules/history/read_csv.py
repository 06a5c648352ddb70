"""Status-change CSV → `History`, in one streaming pass.

Columns (by header name; each configurable): `lead_id`, `at`, `to_status` required;
`from_status`, `owner`, `stage`, `source` optional. `from_status` and `stage` are not needed to
rebuild a trace (the previous row of the same lead says where it came from) and are not used;
`source` is the lead's first non-empty source. Row numbers count data rows from 1 (the header
is row 0), so row N is line N + 1 of a file without line breaks inside fields.
The delimiter is a tab in `.tsv` files; elsewhere `,` unless the header has none and has `;` or
a tab (or the one given, or the one an Excel `sep=;` first line names);
the encoding UTF-8 (with or without a byte-order mark) unless given.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import os
import re
from collections.abc import Iterator, Mapping
from typing import IO, Any

from leadrules.history.build import TimeParser, TraceBuilder
from leadrules.history.mapping import HistoryInputError, StatusMapper
from leadrules.history.model import History
from leadrules.suggest import did_you_mean

REQUIRED = ("lead_id", "at", "to_status")
OPTIONAL = ("from_status", "owner", "stage", "source")
COLUMNS = REQUIRED + OPTIONAL


def _is_utf8(encoding: str) -> bool:
    return codecs.lookup(encoding).name == "utf-8"


def _open(path: str, encoding: str) -> IO[str]:
    if _is_utf8(encoding):
        encoding = "utf-8-sig"  # Excel writes a byte-order mark; it is not part of the header
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding=encoding, newline="")
    return open(path, encoding=encoding, newline="")


def _delimiter(header_line: str) -> str:
    """`,` unless the header has none and has `;` (European spreadsheets) or a tab."""
    if "," not in header_line:
        if ";" in header_line:
            return ";"
        if "\t" in header_line:
            return "\t"
    return ","


def check_reading(where: str, encoding: str, delimiter: str | None) -> str | None:
    """Validate --encoding and --delimiter before the file is opened; the delimiter to use
    (None: detect it from the header)."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise HistoryInputError(where, f"unknown encoding '{encoding}'", help=did_you_mean(
            encoding, ENCODINGS) or f"common ones: {', '.join(ENCODINGS)}") from None
    if delimiter is None:
        return None
    delimiter = DELIMITER_NAMES.get(delimiter.lower(), delimiter)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise HistoryInputError(where, f"the delimiter must be one character, not "
                                f"'{delimiter}'", help="e.g. --delimiter ';' or --delimiter tab")
    return delimiter


_SEP_LINE = re.compile(r"sep=[^\w\s\"]", re.IGNORECASE)
ENCODINGS = ("utf-8", "cp1251", "cp1252", "latin-1", "koi8-r", "gb18030", "utf-16")
DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


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
        if names.count(wanted) > 1:
            raise HistoryInputError(f"{where}:1", f"the header has {names.count(wanted)} "
                                    f"columns named '{wanted}'", help="rename all but one, so "
                                    "that it is clear which one holds the data")
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
             strict_order: bool = False, observed_until: float | None = None,
             encoding: str = "utf-8", delimiter: str | None = None) -> History:
    """Read a status-change CSV (optionally gzipped); see the module docstring.

    Errors that stop reading midway (bytes not in `encoding`, a broken quote) name the data
    row they stopped at, counted as rows are (a row with a line break inside a quoted field
    is one row), and the line of the file."""
    where = os.fspath(path)
    delimiter = check_reading(where, encoding, delimiter)
    builder = TraceBuilder(where, mapper, timezone, strict_order=strict_order, unit="row")
    reader = None
    lines_before = 1
    try:
        with _open(where, encoding) as fh:
            first = fh.readline()
            lines_before = 1  # the header
            if _SEP_LINE.fullmatch(first.strip()):  # Excel's `sep=;` line names the delimiter
                delimiter = delimiter or first.strip()[4]
                first = fh.readline()
                lines_before = 2
            if not first.strip():
                raise HistoryInputError(where, "the file is empty; a header line such as "
                                        "`lead_id,at,to_status` is needed")
            delimiter = delimiter or ("\t" if where.lower().endswith((".tsv", ".tsv.gz"))
                                      else _delimiter(first))
            header = next(csv.reader([first], delimiter=delimiter))
            index = column_indexes(header, columns, where)
            reader = csv.reader(fh, delimiter=delimiter)
            _rows(reader, index, builder, parse_time)
    except OSError as exc:
        raise HistoryInputError(where, f"cannot read the file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise HistoryInputError(
            where + _first_undecodable(where, encoding),
            f"not {'UTF-8' if _is_utf8(encoding) else encoding} text",
            help="re-export the file as UTF-8, or name its encoding with --encoding (e.g. "
            "cp1251 for a Russian Windows export, cp1252 for a Western European one)"
        ) from None
    except csv.Error as exc:
        hint = (f"is the delimiter '{delimiter}' right (--delimiter), or is a quote left open "
                "on an earlier line?" if "field larger" in str(exc) else
                "check the quoting of that line")
        raise HistoryInputError(_stopped_at(where, builder, reader, lines_before),
                                f"not a readable CSV file: {exc}", help=hint) from None
    return builder.finish(observed_until)


def _stopped_at(where: str, builder: TraceBuilder, reader: Any, lines_before: int) -> str:
    """`path:LINE: row N` for a CSV error raised while reading data row N."""
    if reader is None:
        return f"{where}:{lines_before}"
    return f"{where}:{reader.line_num + lines_before}: row {builder.rows_seen + 1}"


def _first_undecodable(path: str, encoding: str) -> str:
    """`:LINE:COL` of the first byte that is not `encoding` text, found by reading the file
    again line by line (a text stream decodes in blocks, so it cannot say where)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError as exc:
                return f":{number}:{exc.start + 1}: byte 0x{line[exc.start]:02x}"
    return ""


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
            reject(row_number, f"unparseable time '{at_text}' (expected "
                   f"{parse_time.expected(at_text)})", "time", row)
            continue
        owner = row[i_owner].strip() if i_owner is not None else None
        source = row[i_source].strip() if i_source is not None else None
        add(row_number, lead, at, row[i_to].strip(), owner or None, source or None, row)
