"""Golden files for every layout rule: `cases/NAME.leads` (or .scenario) formats to
`cases/NAME.expected`, and formatting that again changes nothing.

After a deliberate layout change: `LEADRULES_UPDATE_GOLDEN=1 .venv/bin/pytest tests/fmt` and
review the diff (docs/fmt.md shows the same rules).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leadrules.fmt import format_text

CASES = Path(__file__).parent / "cases"
INPUTS = sorted(p for p in CASES.iterdir() if p.suffix in (".leads", ".scenario"))


@pytest.mark.parametrize("case", INPUTS, ids=lambda p: p.stem)
def test_case_formats_to_its_golden_file(case: Path) -> None:
    expected_file = case.with_suffix(".expected")
    out = format_text(case.read_text(encoding="utf-8"), str(case))
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        expected_file.write_text(out, encoding="utf-8")
    assert out == expected_file.read_text(encoding="utf-8")
    assert format_text(out, str(case)) == out, "formatting is not idempotent"
