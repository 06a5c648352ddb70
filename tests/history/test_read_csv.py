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
