"""Formatting never changes meaning: on every example and corpus file, the models before and
after are equal (spans do not take part in equality), resolved where the file resolves, and
formatting the result again changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadrules import LeadrulesError, Loader, load_text, parse_text
from leadrules.fmt import format_text, kind_of
from leadrules.model.scenario import Scenario

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("examples/**/*.leads"), *ROOT.glob("examples/**/*.scenario"),
                *ROOT.glob("grammar/valid/*")])
CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir()
               if p.suffix in (".leads", ".scenario"))


def resolved(text: str, path: Path) -> object:
    """The resolved model, or the problems resolving reports (by code and message)."""
    try:
        model = parse_text(text, str(path))
        if isinstance(model, Scenario):
            scheme = Loader().scenario_scheme(model)
            return load_text(text, str(path), scheme=scheme)
        return load_text(text, str(path))
    except LeadrulesError as exc:
        return sorted((d.code, d.message) for d in exc.diagnostics)


def assert_same_meaning(text: str, path: Path) -> str:
    out = format_text(text, str(path))
    assert parse_text(out, str(path)) == parse_text(text, str(path))
    assert resolved(out, path) == resolved(text, path)
    assert format_text(out, str(path)) == out, "formatting is not idempotent"
    return out


@pytest.mark.parametrize("path", FILES + CASES, ids=lambda p: str(p.relative_to(ROOT)))
def test_formatting_keeps_the_meaning(path: Path) -> None:
    assert_same_meaning(path.read_text(encoding="utf-8"), path)


def test_the_style_guides_are_canonical() -> None:
    """The project's two reference files are already in the canonical layout."""
    for name in ("universal.leads", "baseline.scenario"):
        path = ROOT / "examples" / name
        text = path.read_text(encoding="utf-8")
        assert format_text(text, str(path)) == text, name


INVALID = sorted((ROOT / "grammar" / "invalid").iterdir())


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_a_file_that_does_not_parse_raises_what_check_shows(path: Path) -> None:
    """The syntax errors fmt reports are the parser's own, every one of them."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: the command line reports it before formatting")
    try:
        parse_text(text, str(path), kind_of(path, text))  # the kind by extension, as `check`
    except LeadrulesError as expected:
        with pytest.raises(LeadrulesError) as got:
            format_text(text, str(path))
        assert got.value.diagnostics == expected.diagnostics
    else:
        assert format_text(format_text(text, str(path)), str(path)) == format_text(text,
                                                                                  str(path))
