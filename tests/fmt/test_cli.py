"""`leadrules fmt`: in place (only files that change), --check, --diff, stdin, and files that
do not parse (reported as `check` reports them, left alone, exit code 2)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from leadrules.cli.exit import Exit
from leadrules.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
MESSY = 'status  "New"   {initial}\ntransition New->Done manual\nstatus Done{ outcome won }\n'
CANONICAL = ("status New { initial }\n\ntransition New -> Done manual\n\n"
             "status Done { outcome won }\n")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_formats_in_place_and_lists_only_changed_files(tmp_path, capsys):
    messy, clean = tmp_path / "a.leads", tmp_path / "b.leads"
    messy.write_text(MESSY, encoding="utf-8")
    clean.write_text(CANONICAL, encoding="utf-8")
    os.utime(clean, (1_000_000, 1_000_000))
    code, out, _ = run(["fmt", str(tmp_path)], capsys)
    assert code == Exit.CLEAN
    assert out == f"reformatted {messy}\n"
    assert messy.read_text(encoding="utf-8") == CANONICAL
    assert clean.stat().st_mtime == 1_000_000  # an unchanged file is not rewritten
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.leads", "b.leads"]  # no temp left


def test_check_changes_nothing_and_exits_1(tmp_path, capsys):
    messy = tmp_path / "a.leads"
    messy.write_text(MESSY, encoding="utf-8")
    code, out, err = run(["fmt", "--check", str(messy)], capsys)
    assert code == Exit.FINDINGS
    assert out == f"would reformat {messy}\n"
    assert "1 file would be reformatted, 0 already canonical" in err
    assert messy.read_text(encoding="utf-8") == MESSY
    code, _, _ = run(["fmt", "--check", str(ROOT / "examples" / "universal.leads"),
                      str(ROOT / "examples" / "baseline.scenario")], capsys)
    assert code == Exit.CLEAN


def test_diff_prints_a_unified_diff_without_colour_off_a_terminal(tmp_path, capsys):
    messy = tmp_path / "a.leads"
    messy.write_text(MESSY, encoding="utf-8")
    code, out, _ = run(["fmt", "--diff", str(messy)], capsys)
    assert code == Exit.CLEAN
    assert out.startswith(f"--- {messy}\n+++ {messy} (formatted)\n@@ ")
    assert "-transition New->Done manual\n" in out and "+transition New -> Done manual\n" in out
    assert "\x1b[" not in out
    assert messy.read_text(encoding="utf-8") == MESSY
    code, both, _ = run(["fmt", "--check", "--diff", str(messy)], capsys)
    assert (code, both) == (Exit.FINDINGS, out)
    _, coloured, _ = run(["fmt", "--diff", "--color", str(messy)], capsys)
    assert "\x1b[32m+transition New -> Done manual\x1b[0m" in coloured


def test_stdin_to_stdout(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(MESSY))
    code, out, _ = run(["fmt", "-"], capsys)
    assert (code, out) == (Exit.CLEAN, CANONICAL)
    monkeypatch.setattr("sys.stdin", io.StringIO(MESSY))
    code, out, _ = run(["fmt", "--check", "-"], capsys)
    assert (code, out) == (Exit.FINDINGS, "would reformat <stdin>\n")


def test_a_syntax_error_is_reported_like_check_and_the_file_left_alone(tmp_path, capsys):
    bad = tmp_path / "bad.leads"
    text = "status X {\n  initial\n}\nstatus Y { oops }\n"
    bad.write_text(text, encoding="utf-8")
    code, _, err = run(["fmt", str(bad)], capsys)
    assert code == Exit.BAD_INPUT
    assert bad.read_text(encoding="utf-8") == text
    check_code, check_out, _ = run(["check", str(bad)], capsys)
    assert check_code == Exit.BAD_INPUT
    assert err == check_out
    assert f"{bad}:4:12: E100 unexpected 'oops'" in err


def test_unreadable_input_exits_2(tmp_path, capsys):
    (tmp_path / "latin1.leads").write_bytes(b"status Caf\xe9 {}\n")
    code, _, err = run(["fmt", str(tmp_path / "latin1.leads"), str(tmp_path / "nope.leads")],
                       capsys)
    assert code == Exit.BAD_INPUT
    assert "E002 byte 0xe9 is not UTF-8 text" in err and "E001 no such file" in err


def test_crlf_becomes_lf_and_a_bom_is_kept(tmp_path, capsys):
    path = tmp_path / "w.leads"
    path.write_bytes(("\ufeff" + CANONICAL.replace("\n", "\r\n")).encode("utf-8"))
    code, out, _ = run(["fmt", str(path)], capsys)
    assert code == Exit.CLEAN and out == f"reformatted {path}\n"
    assert path.read_bytes() == ("\ufeff" + CANONICAL).encode("utf-8")


def test_an_empty_folder_is_bad_input(tmp_path, capsys):
    code, _, err = run(["fmt", str(tmp_path)], capsys)
    assert code == Exit.BAD_INPUT
    assert f"no .leads or .scenario files in {tmp_path}" in err


def test_a_file_that_cannot_be_written_is_bad_input_and_left_alone(tmp_path, capsys,
                                                                    monkeypatch):
    """A read-only folder (simulated: root ignores permissions) is exit 2 with the reason,
    not an internal error; the other files are still formatted."""
    stuck, fine = tmp_path / "a.leads", tmp_path / "b.leads"
    stuck.write_text(MESSY, encoding="utf-8")
    fine.write_text(MESSY, encoding="utf-8")
    real = os.replace

    def refuse(src, dst):
        if str(dst).endswith("a.leads"):
            raise PermissionError(13, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    code, out, err = run(["fmt", str(stuck), str(fine)], capsys)
    assert code == Exit.BAD_INPUT
    assert f"cannot write {stuck}: Permission denied; it is left as it was" in err
    assert out == f"reformatted {fine}\n"
    assert stuck.read_text(encoding="utf-8") == MESSY and fine.read_text(encoding="utf-8") == \
        CANONICAL
    assert not list(tmp_path.glob(".*.fmt"))  # no temporary file left behind
