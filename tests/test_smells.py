"""The smells gallery: small schemes, each showing one problem from the domain documents,
with the findings it must produce recorded beside it (`NAME.expected`).

To (re)write the golden files after a deliberate change, run
`LEADRULES_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_smells.py` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leadrules import Loader
from leadrules.lint import lint
from tests.conftest import EXAMPLES
from tests.lint.helpers import TODAY

SMELLS = sorted((EXAMPLES / "smells").glob("*.leads"))


def findings_text(path: Path) -> str:
    scheme = Loader().scheme(path)
    result = lint(scheme, source=path.read_text(encoding="utf-8"), today=TODAY)
    return "".join(f"{d.span.line}:{d.span.column} {d.code} {d.severity} [{d.rule}] "
                   f"{d.message}\n" for d in result.diagnostics)


def test_the_gallery_is_not_empty():
    """The gallery holds at least one smell per rule group."""
    assert len(SMELLS) >= 6


@pytest.mark.parametrize("path", SMELLS, ids=lambda p: p.stem)
def test_smell_findings_match_the_golden_file(path: Path):
    """Each smell reports exactly the findings recorded in its golden file."""
    golden = path.with_suffix(".expected")
    got = findings_text(path)
    if os.environ.get("LEADRULES_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden file; run with LEADRULES_UPDATE_GOLDEN=1: {golden}"
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SMELLS, ids=lambda p: p.stem)
def test_each_smell_says_what_it_shows(path: Path):
    """A smell file starts by naming the problem and the rule that catches it."""
    head = path.read_text(encoding="utf-8").splitlines()[:6]
    assert any(line.startswith("# Smell:") for line in head)
    assert any(line.startswith("# Caught by:") for line in head)
