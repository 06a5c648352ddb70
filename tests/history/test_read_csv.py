"""Reading status-change CSV files: every row accounted for, time zones, columns, mapping."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from leadrules import Loader, load_text
from leadrules.history import HistoryInputError, read_history
from leadrules.model.scheme import Scheme

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def mini() -> Scheme:
    return Loader().scheme(DATA / "mini.leads")


def write(tmp_path: Path, text: str, name: str = "h.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def utc(text: str) -> float:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc).timestamp()


def test_every_rejection_reason_with_its_row_number(tmp_path, mini):
    """Rows read = used + rejected; each rejected row keeps its number and a plain reason."""
    path = write(tmp_path, """lead_id,at,to_status,owner
a,2026-03-02T09:00:00Z,New,ann
,2026-03-02T09:00:00Z,New,ann
b,31.02.2026 10:00,New,ann
c,2026-03-02T09:00:00Z,Wroking,ann
d,,New,ann
a,2026-03-02T10:00:00Z,Working,ann
a,2026-03-02T10:00:00Z,Working,ann
a,2026-03-02T11:00:00Z,Working,bob
e,2026-03-02T09:00:00Z,,ann
""")
    h = read_history(path, mini)
    assert (h.rows_read, h.rows_used, len(h.rejected)) == (9, 3, 6)
    assert h.rows_read == h.rows_used + len(h.rejected)
    got = [(r.row, r.kind, r.reason) for r in h.rejected]
    assert got == [
        (2, "id", "missing lead id"),
        (3, "time", "unparseable time '31.02.2026 10:00' (expected ISO 8601)"),
        (4, "status", "unknown status 'Wroking' (did you mean 'Working'?)"),
        (5, "time", "missing time"),
        (7, "duplicate", "duplicate of row 6 (lead 'a', same time and status)"),
        (9, "status", "missing status"),
    ]
    assert h.rejected[2].text == "c,2026-03-02T09:00:00Z,Wroking,ann"
    # row 8 repeats Working with another owner: used, as activity, not a status change
    trace = h.traces["a"]
    assert trace.statuses == ["New", "Working"] and trace.rows == [1, 6]
    assert trace.activity == [utc("2026-03-02T11:00:00")] and h.repeats == 1
    assert h.changes == 2


def test_rows_are_sorted_per_lead_by_default(tmp_path, mini):
    """An unsorted export is put in time order per lead (stable for equal times)."""
    path = write(tmp_path, """lead_id,at,to_status
a,2026-03-03T09:00:00Z,Won
a,2026-03-02T09:00:00Z,New
a,2026-03-02T10:00:00Z,Working
""")
    h = read_history(path, mini)
    assert h.traces["a"].statuses == ["New", "Working", "Won"]
    assert h.traces["a"].rows == [2, 3, 1] and not h.rejected


def test_strict_order_rejects_time_going_backwards(tmp_path, mini):
    """With strict_order a row earlier than the lead's previous one is rejected."""
    path = write(tmp_path, """lead_id,at,to_status
a,2026-03-02T09:00:00Z,New
a,2026-03-02T10:00:00Z,Working
a,2026-03-02T09:30:00Z,Won
""")
    h = read_history(path, mini, strict_order=True)
    assert [(r.row, r.kind) for r in h.rejected] == [(3, "order")]
    assert h.rejected[0].reason == "time goes backwards: earlier than row 2 of lead 'a'"
    assert h.traces["a"].statuses == ["New", "Working"]


def test_naive_times_are_read_in_the_calendar_zone(tmp_path, mini):
    """Without an offset a time is local to the scheme's calendar (Europe/Berlin, UTC+1 in
    March and UTC+2 after the change on 29 March); an offset or Z is honoured as written."""
    path = write(tmp_path, """lead_id,at,to_status
a,2026-03-02T10:00:00,New
b,2026-03-30T10:00:00,New
c,2026-03-02T10:00:00+03:00,New
d,2026-03-02T10:00:00Z,New
""")
    h = read_history(path, mini)
    assert h.timezone == "Europe/Berlin"
    assert h.traces["a"].times[0] == utc("2026-03-02T09:00:00")
    assert h.traces["b"].times[0] == utc("2026-03-30T08:00:00")
    assert h.traces["c"].times[0] == utc("2026-03-02T07:00:00")
    assert h.traces["d"].times[0] == utc("2026-03-02T10:00:00")
    other = read_history(path, mini, timezone="America/New_York")
    assert other.traces["a"].times[0] == utc("2026-03-02T15:00:00")
    assert other.traces["c"].times[0] == utc("2026-03-02T07:00:00")


def test_a_scheme_without_calendar_reads_utc(tmp_path):
    scheme = load_text('status Open { initial }\nstatus Done { outcome won }\n'
                       "transition Open -> Done manual\n")
    assert isinstance(scheme, Scheme)
    path = write(tmp_path, "lead_id,at,to_status\na,2026-03-02T10:00:00,Open\n")
    h = read_history(path, scheme)
    assert h.timezone == "UTC" and h.traces["a"].times[0] == utc("2026-03-02T10:00:00")


def test_unknown_time_zone_is_bad_input(tmp_path, mini):
    path = write(tmp_path, "lead_id,at,to_status\n")
    with pytest.raises(HistoryInputError) as info:
        read_history(path, mini, timezone="Europe/Berln")
    assert info.value.message == "unknown time zone 'Europe/Berln'"
    assert info.value.help == "did you mean 'Europe/Berlin'?"


def test_column_names_and_time_format_are_configurable(tmp_path, mini):
    path = write(tmp_path, """Case;Timestamp;Status;Rep
7;02.03.2026 10:00;Новый;Анна
7;02.03.2026 11:30;Contacted;Анна
""")
    h = read_history(path, mini, columns={"lead_id": "Case", "at": "Timestamp",
                                          "to_status": "Status", "owner": "Rep"},
                     time_format="%d.%m.%Y %H:%M")
    trace = h.traces["7"]
    assert trace.statuses == ["New", "Working"] and trace.owners == ["Анна", "Анна"]
    assert trace.raw == ["Новый", "Contacted"]
    assert trace.times[0] == utc("2026-03-02T09:00:00")
    assert h.migrated == {"Contacted": 1}


def test_a_missing_column_is_bad_input_with_a_suggestion(tmp_path, mini):
    path = write(tmp_path, "lead,at,to_status\n")
    with pytest.raises(HistoryInputError) as info:
        read_history(path, mini)
    assert info.value.where.endswith("h.csv:1")
    assert info.value.message == "the header has no column 'lead_id'"
    assert info.value.help == "did you mean 'lead'?"
    with pytest.raises(HistoryInputError, match="unknown column role 'leadid'"):
        read_history(path, mini, columns={"leadid": "lead"})


def test_labels_map_by_name_label_translation_aka_case_and_migrate(tmp_path, mini):
    """Every way a CRM label reaches a status, and labels that reach none."""
    path = write(tmp_path, """lead_id,at,to_status
a,2026-03-02T09:00:00Z,Open - Not Contacted
b,2026-03-02T09:00:00Z,Новый лид
c,2026-03-02T09:00:00Z,  new
d,2026-03-02T09:00:00Z,Stale - review
e,2026-03-02T09:00:00Z,In progress
f,2026-03-02T09:00:00Z,Open - Not Contactd
""")
    h = read_history(path, mini)
    assert {k: t.statuses[0] for k, t in h.traces.items()} == {
        "a": "New", "b": "New", "c": "New", "d": "Stale", "e": "Working"}
    assert h.migrated == {"In progress": 1}
    assert [r.reason for r in h.rejected] == ["unknown status 'Open - Not Contactd' (did you mean "
                                              "'Open - Not Contacted'?)"]


def test_a_mapping_file_maps_and_ignores_labels(tmp_path, mini):
    """`crm_label,status` rows map labels; an empty status rejects those rows as ignored."""
    mapping = write(tmp_path, "crm_label,status\nCalled,Working\nNote,\n", "map.csv")
    path = write(tmp_path, """lead_id,at,to_status
a,2026-03-02T09:00:00Z,New
a,2026-03-02T10:00:00Z,Called
a,2026-03-02T11:00:00Z,Note
""")
    h = read_history(path, mini, mapping=mapping)
    assert h.traces["a"].statuses == ["New", "Working"]
    assert [(r.row, r.kind) for r in h.rejected] == [(3, "ignored")]
    bad = write(tmp_path, "crm_label,status\nCalled,Wroking\n", "bad.csv")
    with pytest.raises(HistoryInputError) as info:
        read_history(path, mini, mapping=bad)
    assert info.value.where.endswith("bad.csv:2")
    assert info.value.help == "did you mean 'Working'?"
    header = write(tmp_path, "label,status\n", "header.csv")
    with pytest.raises(HistoryInputError, match="crm_label,status"):
        read_history(path, mini, mapping=header)


def test_gzipped_csv_and_unknown_formats(tmp_path, mini):
    path = tmp_path / "h.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("lead_id,at,to_status\na,2026-03-02T09:00:00Z,New\n")
    assert read_history(path, mini).rows_used == 1
    with pytest.raises(HistoryInputError, match="unknown history format"):
        read_history(write(tmp_path, "", "h.json"), mini)
    with pytest.raises(HistoryInputError, match="the file is empty"):
        read_history(write(tmp_path, ""), mini)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("lead_id,at,to_status\nä,2026-03-02T09:00:00Z,New\n".encode("latin-1"))
    with pytest.raises(HistoryInputError, match="not UTF-8"):
        read_history(latin, mini)


def test_observed_window(tmp_path, mini):
    path = write(tmp_path, """lead_id,at,to_status
a,2026-03-02T09:00:00Z,New
b,2026-03-05T09:00:00Z,New
""")
    h = read_history(path, mini)
    assert (h.observed_from, h.observed_until) == (utc("2026-03-02T09:00:00"),
                                                   utc("2026-03-05T09:00:00"))
    later = read_history(path, mini, observed_until=utc("2026-04-01T00:00:00"))
    assert later.observed_until == utc("2026-04-01T00:00:00")


def test_hostile_but_readable_csv(tmp_path, mini):
    """A byte-order mark, CRLF line ends, a `;` export and a line break inside a quoted field
    are all read; row numbers count rows, not lines."""
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbflead_id,at,to_status\r\na,2026-03-02T09:00:00Z,New\r\n"
                    b"a,2026-03-02T10:00:00Z,Working\r\n")
    h = read_history(bom, mini)
    assert (h.rows_read, h.rows_used, h.traces["a"].statuses) == (2, 2, ["New", "Working"])
    semi = write(tmp_path, "lead_id;at;to_status\na;2026-03-02 09:00;New\n", "semi.csv")
    assert read_history(semi, mini).traces["a"].statuses == ["New"]
    quoted = write(tmp_path, 'lead_id,at,to_status,owner\na,2026-03-02T09:00:00Z,New,"ann\n'
                   'smith"\nb,garbage,New,x\n', "quoted.csv")
    h = read_history(quoted, mini)
    assert h.traces["a"].owners == ["ann\nsmith"] and [r.row for r in h.rejected] == [2]


def test_delimiter_and_encoding_can_be_named(tmp_path, mini):
    """A `;` file whose header also holds a comma is not detected; --delimiter says it. A
    Russian Windows export (cp1251) reads with --encoding, and without it the error names the
    line and column of the first byte that is not UTF-8."""
    path = write(tmp_path, "lead_id;at;to_status;note,x\na;2026-03-02 09:00;New;\n")
    with pytest.raises(HistoryInputError, match="no column 'lead_id'"):
        read_history(path, mini)
    assert read_history(path, mini, delimiter=";").rows_used == 1
    assert read_history(path, mini, delimiter="semicolon").rows_used == 1
    ru = tmp_path / "ru.csv"
    ru.write_bytes("lead_id,at,to_status\nа1,2026-03-02 09:00,Новый\n".encode("cp1251"))
    h = read_history(ru, mini, encoding="cp1251")
    assert h.traces["а1"].statuses == ["New"]
    with pytest.raises(HistoryInputError) as info:
        read_history(ru, mini)
    assert info.value.where == f"{ru}:2:1: byte 0xe0" and "--encoding" in (info.value.help or "")
    with pytest.raises(HistoryInputError, match="unknown encoding 'cp125'") as info:
        read_history(ru, mini, encoding="cp125")
    assert "cp1252" in (info.value.help or "")
    with pytest.raises(HistoryInputError, match="one character"):
        read_history(ru, mini, delimiter=";;")


def test_a_runaway_field_is_located(tmp_path, mini):
    """An unclosed quote swallows the rest of the file into one field: the error names the
    row and line it started on, not a traceback."""
    path = write(tmp_path, "lead_id,at,to_status\na,2026-03-02T09:00:00Z,New\n"
                 'b,2026-03-02T09:00:00Z,"New\n' + "x" * 200_000 + "\n")
    with pytest.raises(HistoryInputError, match="field larger than field limit") as info:
        read_history(path, mini)
    assert info.value.where.endswith(":4: row 2") and "quote" in (info.value.help or "")


def test_times_with_offsets_z_naive_dates_and_epochs(tmp_path, mini):
    """Offsets and `Z` are honoured, naive times and bare dates are the calendar zone's local
    time (Berlin), a naive time in the spring DST gap is read as the offset before the gap
    (02:30 CET = 01:30 UTC), and Unix times need --time-format epoch (the rejection says so)."""
    path = write(tmp_path, "lead_id,at,to_status\n"
                 "o,2026-03-02T09:00:00+03:00,New\nz,2026-03-02T09:00:00Z,New\n"
                 "n,2026-03-02T09:00:00,New\nd,2026-03-02,New\ng,2026-03-29T02:30:00,New\n"
                 "e,1772442000,New\n")
    h = read_history(path, mini)
    first = {lead: t.times[0] for lead, t in h.traces.items()}
    assert first == {"o": utc("2026-03-02T06:00:00"), "z": utc("2026-03-02T09:00:00"),
                     "n": utc("2026-03-02T08:00:00"), "d": utc("2026-03-01T23:00:00"),
                     "g": utc("2026-03-29T01:30:00")}
    assert [r.row for r in h.rejected] == [6] and "--time-format epoch" in h.rejected[0].reason
    epochs = write(tmp_path, "lead_id,at,to_status\ne,1772442000,New\nm,1772442000500,New\n"
                   "x,nan,New\n", "epoch.csv")
    h = read_history(epochs, mini, time_format="epoch")
    assert h.traces["e"].times == [1772442000.0] and [r.row for r in h.rejected] == [2, 3]
    h = read_history(epochs, mini, time_format="epoch_ms")
    assert h.traces["m"].times == [1772442000.5]


def test_the_reader_names_unknown_labels_and_snapshots(tmp_path, mini):
    """Every unknown label with its count (a mapping file needs them all, not the first), and
    a file with one row per lead is called a snapshot rather than a history."""
    rows = "".join(f"l{i},2026-03-02T09:00:00Z,{'Closed' if i % 3 else 'Pending'}\n"
                   for i in range(12))
    h = read_history(write(tmp_path, "lead_id,at,to_status\n" + rows), mini)
    assert h.rows_used == 0 and len(h.rejected) == 12
    assert h.notes[0].startswith("2 unknown status labels: 'Closed' (8), 'Pending' (4);")
    rows = "".join(f"l{i},2026-03-02T09:00:00Z,New\n" for i in range(12))
    h = read_history(write(tmp_path, "lead_id,at,to_status\n" + rows), mini)
    assert h.notes == [n for n in h.notes if "snapshot" in n] and len(h.notes) == 1


def test_a_lead_with_two_sources_is_reported(tmp_path, mini):
    """Two exports merged with clashing lead ids: the lead's rows disagree on the source.
    The first source is kept, and the reader says so instead of dropping the second."""
    path = write(tmp_path, "lead_id,at,to_status,source\n1001,2026-03-02T09:00:00Z,New,crm-a\n"
                 "1001,2026-03-02T10:00:00Z,Working,\n1001,2026-03-03T09:00:00Z,New,crm-b\n"
                 "1002,2026-03-02T09:00:00Z,New,crm-a\n")
    h = read_history(path, mini)
    assert h.traces["1001"].source == "crm-a"
    assert h.notes == ["1 lead carries more than one source (the first is kept), e.g. '1001': "
                       "'crm-a' and 'crm-b'; if two systems share lead ids, make them unique "
                       "(prefix each system's ids) before merging"]


def test_excel_sep_line_and_duplicate_header_names(tmp_path, mini):
    """Excel's `sep=;` first line names the delimiter (and is not the header); a header with
    two columns of the wanted name is bad input rather than a silent pick of the first."""
    path = write(tmp_path, "sep=;\nlead_id;at;to_status;note,x\na;2026-03-02 09:00;New;\n")
    h = read_history(path, mini)
    assert (h.rows_read, h.traces["a"].statuses) == (1, ["New"])
    twice = write(tmp_path, "lead_id,at,to_status,at\na,2026-03-02 09:00,New,x\n", "twice.csv")
    with pytest.raises(HistoryInputError, match="the header has 2 columns named 'at'"):
        read_history(twice, mini)
