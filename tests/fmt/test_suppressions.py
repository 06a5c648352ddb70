"""Suppression comments still suppress after formatting: a trailing one stays on its
statement's first line, one alone on a line stays directly above its statement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from leadrules import load_text
from leadrules.fmt import format_text
from leadrules.lint import lint

ROOT = Path(__file__).resolve().parents[2]
SMELL = (ROOT / "examples" / "smells" / "lost_without_reason.leads").read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 26)
REASON = '"free-text reasons until the Q3 migration"'


def rules(text: str) -> list[str]:
    result = lint(load_text(text, "s.leads"), source=text, today=TODAY)
    return sorted(d.rule or d.code for d in result.diagnostics)


def messy(text: str) -> str:
    """The same scheme squeezed onto fewer lines with `;`, so every line number moves."""
    out: list[str] = []
    for line in text.split("\n"):
        inside = line.startswith("  ") or line == "}"
        if inside and out and "#" not in out[-1] and not out[-1].endswith("{"):
            out[-1] += (" " if line == "}" else "; ") + line.strip()
        elif inside and out and out[-1].endswith("{") and "#" not in out[-1]:
            out[-1] += " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("where", ["trailing", "above"])
def test_suppressions_still_apply_after_formatting(where: str) -> None:
    assert "lost-without-reason" in rules(SMELL)
    if where == "trailing":
        text = SMELL.replace("status Lost {",
                             f"status Lost {{  # leadrules: ignore[lost-without-reason] {REASON}")
    else:
        text = SMELL.replace("status Lost {",
                             f"# leadrules: ignore[lost-without-reason] {REASON}\nstatus Lost {{")
    squeezed = messy(text)
    assert squeezed.count("\n") < text.count("\n") - 10
    for version in (text, squeezed):
        before = rules(version)
        assert "lost-without-reason" not in before and "unused-suppression" not in before
        out = format_text(version, "s.leads")
        assert rules(out) == before
