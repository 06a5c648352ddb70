"""docs/fmt.md tells the truth: every "X becomes Y" pair of examples is what fmt does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leadrules.fmt import format_text

DOC = Path(__file__).resolve().parents[2] / "docs" / "fmt.md"
PAIR = re.compile(r"```leads\n(.*?)```\n\nbecomes[^\n]*\n\n```leads\n(.*?)```", re.S)
PAIRS = PAIR.findall(DOC.read_text(encoding="utf-8"))


def test_the_page_has_examples() -> None:
    assert len(PAIRS) >= 5


@pytest.mark.parametrize(("before", "after"), PAIRS, ids=[str(i) for i in range(len(PAIRS))])
def test_before_becomes_after(before: str, after: str) -> None:
    # a fragment may use names it does not declare: formatting does not resolve names
    assert format_text(before, "doc.leads") == after
