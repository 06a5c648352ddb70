"""`leadrules history check|stats`: outputs (golden files), exit codes, bad input, HTML.

Golden files are in tests/history/golden; refresh them with LEADRULES_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leadrules.cli.exit import Exit
from leadrules.cli.main import main
from tests.conftest import ROOT
from tests.test_guide_browser import png_size, screenshot

GOLDEN = Path(__file__).parent / "golden"
SCHEME = "tests/history/data/mini.leads"
CHECK = "tests/history/data/check.csv"
STATS = "tests/history/data/stats.csv"


def run(args: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.chdir(ROOT)  # relative paths in the outputs, as a user types them
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file; run with LEADRULES_UPDATE_GOLDEN=1: {path}"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt,name", [("text", "check.txt"), ("json", "check.json"),
                                      ("markdown", "check.md")])
def test_check_formats(fmt, name, capsys, monkeypatch):
    """Findings exit 1; the report starts with the row accounting."""
    code, out, _ = run(["history", "check", SCHEME, CHECK, "-f", fmt], capsys, monkeypatch)
    assert code == Exit.FINDINGS
    golden(name, out)


@pytest.mark.parametrize("fmt,name", [("text", "stats.txt"), ("json", "stats.json"),
                                      ("markdown", "stats.md")])
def test_stats_formats(fmt, name, capsys, monkeypatch):
    """A failed `expect` line exits 1."""
    code, out, _ = run(["history", "stats", SCHEME, STATS, "--by", "owner", "-f", fmt],
                       capsys, monkeypatch)
    assert code == Exit.FINDINGS
    golden(name, out)


def test_clean_history_exits_0(tmp_path, capsys, monkeypatch):
    path = tmp_path / "clean.csv"
    path.write_text("Case,When,What\nx,02.03.2026 10:00,New\nx,02.03.2026 11:00,Working\n"
                    "x,03.03.2026 10:00,Won\n", encoding="utf-8")
    code, out, _ = run(["history", "check", SCHEME, str(path), "--column", "lead_id=Case",
                        "--column", "at=When", "--column", "to_status=What", "--time-format",
                        "%d.%m.%Y %H:%M", "--timezone", "UTC"], capsys, monkeypatch)
    assert code == Exit.CLEAN, out
    assert "3 rows read = 3 used + 0 rejected (naive times read in UTC)" in out
    assert "follows tests/history/data/mini.leads (no findings)" in out


def test_encoding_and_delimiter_options(tmp_path, capsys, monkeypatch):
    """A European Excel export: `;`-delimited and cp1252 (a Russian one would be cp1251); the
    options are shared by every history command."""
    path = tmp_path / "excel.csv"
    path.write_bytes("lead_id;at;to_status;note,1\nx;2026-03-02 10:00;New;café\n"
                     "x;2026-03-02 11:00;Working;\n".encode("cp1252"))
    args = [SCHEME, str(path), "--encoding", "cp1252", "--delimiter", ";"]
    code, out, err = run(["history", "check", *args], capsys, monkeypatch)
    assert code == Exit.CLEAN and "2 rows read = 2 used + 0 rejected" in out, err
    code, out, err = run(["history", "stats", *args], capsys, monkeypatch)
    assert "2 rows read = 2 used + 0 rejected" in out, err
    code, out, err = run(["history", "check", SCHEME, str(path)], capsys, monkeypatch)
    assert code == Exit.BAD_INPUT and "excel.csv:2:27: byte 0xe9: not UTF-8 text" in err


def test_a_history_with_no_usable_row_is_bad_input(tmp_path, capsys, monkeypatch):
    """Every row rejected is a wrong column or mapping, not a clean history: exit 2, with the
    accounting and every unknown label, instead of "no findings"."""
    path = tmp_path / "crm.csv"
    path.write_text("lead_id,at,to_status\nx,2026-03-02T10:00:00Z,Open\n"
                    "x,2026-03-02T11:00:00Z,Closed Won\n", encoding="utf-8")
    code, out, err = run(["history", "check", SCHEME, str(path)], capsys, monkeypatch)
    assert code == Exit.BAD_INPUT and out == ""
    assert "2 rows read = 0 used + 2 rejected" in err
    assert "2 unknown status labels: 'Closed Won' (1), 'Open' (1)" in err
    assert "not one row could be used" in err


def test_stats_output_file_and_html_report(tmp_path, capsys, monkeypatch):
    """-o writes the figures, --report a self-contained page; both deterministic."""
    out_file, page = tmp_path / "s.json", tmp_path / "s.html"
    args = ["history", "stats", SCHEME, STATS, "-f", "json", "-o", str(out_file),
            "--report", str(page), "--by", "source"]
    code, out, _ = run(args, capsys, monkeypatch)
    assert code == Exit.FINDINGS and out == ""
    first = page.read_bytes()
    html = first.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html and "<script" not in html
    run(args, capsys, monkeypatch)
    assert page.read_bytes() == first


@pytest.mark.parametrize("args,message", [
    (["history", "check", SCHEME, "nowhere.csv"], "nowhere.csv: no such file"),
    (["history", "check", SCHEME, CHECK, "--column", "lead_id=Lead"],
     "the header has no column 'Lead' (given as lead_id=Lead)"),
    (["history", "check", SCHEME, CHECK, "--timezone", "Mars/Olympus"],
     "unknown time zone 'Mars/Olympus'"),
    (["history", "check", SCHEME, CHECK, "--map", "nowhere.csv"],
     "cannot read the mapping file"),
    (["history", "check", "examples/baseline.scenario", CHECK],
     "a scheme (.leads) is needed here"),
    (["history", "check", SCHEME, CHECK, "--column", "lead_id"], "is not ROLE=NAME"),
    (["history", "stats", SCHEME, STATS, "--by", "team"], "Invalid value for '--by'"),
    (["history", "check", SCHEME, CHECK, "--encoding", "utf9"], "unknown encoding 'utf9'"),
    (["history", "check", SCHEME, CHECK, "--delimiter", "ab"], "must be one character"),
])
def test_bad_input_exits_2(args, message, capsys, monkeypatch):
    code, out, err = run(args, capsys, monkeypatch)
    assert code == Exit.BAD_INPUT
    assert message in out + err
    assert "Traceback" not in out + err


def test_the_report_opens_in_chromium(chromium, tmp_path, capsys, monkeypatch):
    """The HTML report renders in headless Chromium without console errors."""
    page = tmp_path / "report.html"
    run(["history", "stats", SCHEME, STATS, "--by", "owner", "--report", str(page)],
        capsys, monkeypatch)
    png = tmp_path / "report.png"
    assert screenshot(chromium, page, png, "1280,1600", tmp_path / "profile") == []
    assert png_size(png) == (1280, 1600) and png.stat().st_size > 30_000
