"""`leadrules diff` on pairs of schemes: the report as recorded, and the exit code.

Each folder of tests/diff/pairs holds old.leads and new.leads, one kind of change each (every
change class is covered: breaking, behavioural, cosmetic, and none); expected.txt is the text
report, and some folders also record expected.json and expected.md. Rewrite them with
`LEADRULES_UPDATE_GOLDEN=1` and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leadrules.cli.exit import Exit
from leadrules.cli.main import main

PAIRS = Path(__file__).parent / "pairs"
CASES = sorted(p.name for p in PAIRS.iterdir() if (p / "old.leads").exists())
TODAY = "2026-11-01"  # review rules depend on the date

EXIT = {  # with the default --fail-on any
    "layout_only": Exit.CLEAN,  # same meaning, other layout and comments
    "words_only": Exit.CLEAN,  # cosmetic changes only
    "rename_by_structure": Exit.FINDINGS,  # breaking: leads in the old name are stranded
    "rename_with_migrate": Exit.FINDINGS,
    "merge_into_existing": Exit.FINDINGS,
    "merge_two_into_new": Exit.FINDINGS,
    "removed_without_migration": Exit.FINDINGS,
    "timers_and_slas": Exit.FINDINGS,
    "calendar_hours": Exit.FINDINGS,
    "requirements": Exit.FINDINGS,
    "moves_and_actions": Exit.FINDINGS,
    "stages_fields_expects": Exit.FINDINGS,
    "stranded_and_narrowed": Exit.FINDINGS,
}
MORE_FORMATS = {"json": ("rename_by_structure", "merge_two_into_new", "requirements"),
                "markdown": ("merge_two_into_new", "timers_and_slas", "removed_without_migration")}


def run_diff(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(["diff", *args])
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def golden(path: Path, got: str) -> None:
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8", newline="\n")
    assert path.exists(), f"no golden file; run with LEADRULES_UPDATE_GOLDEN=1: {path}"
    assert got == path.read_text(encoding="utf-8")


def test_every_pair_has_an_exit_code():
    assert sorted(EXIT) == CASES


@pytest.mark.parametrize("case", CASES)
def test_text_report_matches_the_golden_file(case: str, capsys, monkeypatch):
    """The text report of each pair, and its exit code."""
    monkeypatch.chdir(PAIRS / case)
    code, out, _ = run_diff(["old.leads", "new.leads", "--today", TODAY], capsys)
    golden(PAIRS / case / "expected.txt", out)
    assert code == EXIT[case]


@pytest.mark.parametrize(("fmt", "case"), [(f, c) for f, cases in MORE_FORMATS.items()
                                           for c in cases])
def test_json_and_markdown_match_the_golden_files(fmt: str, case: str, capsys, monkeypatch):
    monkeypatch.chdir(PAIRS / case)
    code, out, _ = run_diff(["old.leads", "new.leads", "--today", TODAY, "-f", fmt], capsys)
    golden(PAIRS / case / f"expected.{'json' if fmt == 'json' else 'md'}", out)
    assert code == EXIT[case]
