"""Property: whatever the text, the library raises only LeadrulesError, with a location.

Valid files are mutated the way real edits and corruptions go wrong — tokens deleted,
duplicated and swapped, random bytes and characters spliced in, huge numbers, deep nesting —
and every outcome must be either a model or a LeadrulesError whose diagnostics carry a file,
a line and a column inside the text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadrules import LeadrulesError, Loader, load_text, parse_text
from leadrules.lint import lint
from leadrules.model.scheme import Scheme

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = [EXAMPLES / "universal.leads", EXAMPLES / "baseline.scenario",
         EXAMPLES / "proposal_scale.leads", EXAMPLES / "stage_vs_status.leads"]
TOKEN = re.compile(r'"[^"\n]*"|\w+|->|\.\.|[^\s\w]')
SCHEME = Loader().scheme(EXAMPLES / "universal.leads")


def tokens(text: str) -> list[re.Match[str]]:
    return list(TOKEN.finditer(text))


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS)).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        marks = tokens(text)
        if not marks:
            break
        kind = draw(st.sampled_from(
            ["delete", "duplicate", "swap", "insert", "number", "nest", "truncate"]))
        i = draw(st.integers(0, len(marks) - 1))
        m = marks[i]
        if kind == "delete":
            text = text[: m.start()] + text[m.end():]
        elif kind == "duplicate":
            text = text[: m.end()] + " " + m.group() + text[m.end():]
        elif kind == "swap":
            n = marks[draw(st.integers(0, len(marks) - 1))]
            a, b = sorted((m, n), key=lambda x: x.start())
            if a.end() <= b.start():
                text = (text[: a.start()] + b.group() + text[a.end(): b.start()] + a.group()
                        + text[b.end():])
        elif kind == "insert":
            junk = draw(st.text(min_size=1, max_size=6))
            text = text[: m.start()] + junk + text[m.start():]
        elif kind == "number":
            big = draw(st.sampled_from(["9" * 400, "1" + "0" * 30, "0", "99999999999.5"]))
            text = text[: m.start()] + big + text[m.end():]
        elif kind == "nest":
            depth = draw(st.integers(1, 500))
            text = text[: m.start()] + "(" * depth + m.group() + ")" * depth + text[m.end():]
        else:
            text = text[: m.start()]
    return text


def assert_located(exc: LeadrulesError, text: str) -> None:
    lines = max(text.count("\n") + 1, 1)
    for d in exc.diagnostics:
        assert d.span.file, d
        assert 1 <= d.span.line <= lines + 1, d
        assert d.span.column >= 1, d
        assert d.code and d.message, d


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_text_raises_only_located_leadrules_errors(text: str) -> None:
    """A mutated scheme or scenario either loads (and lints) or fails with located
    diagnostics only."""
    try:
        model = parse_text(text, "mutated.leads")
        if isinstance(model, Scheme):
            scheme = load_text(text, "mutated.leads")
            assert isinstance(scheme, Scheme)
            lint(scheme, source=text, today=dt.date(2026, 11, 26))  # rules never crash
        else:
            load_text(text, "mutated.scenario", scheme=SCHEME)
    except LeadrulesError as exc:
        assert_located(exc, text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_raise_only_located_errors(data: bytes) -> None:
    """Arbitrary bytes written to a file fail cleanly (not UTF-8, or not the language)."""
    path = Path(__file__).parent / ".property-scratch.leads"
    try:
        path.write_bytes(data)
        try:
            Loader().load(path)
        except LeadrulesError as exc:
            assert all(d.span.line >= 1 for d in exc.diagnostics)
    finally:
        path.unlink(missing_ok=True)


@pytest.mark.parametrize("depth", [10, 64, 65, 5000])
def test_deep_nesting_is_an_error_not_a_crash(depth: int) -> None:
    """Conditions nested thousands deep are refused with a location, never a RecursionError."""
    cond = "(" * depth + "name" + ")" * depth
    nots = "not " * depth + "name"
    for body in (cond, nots):
        text = f"field name text\nstatus A {{\n  initial\n  requires {body}\n}}\n"
        try:
            load_text(text, "deep.leads")
            assert depth <= 64
        except LeadrulesError as exc:
            assert depth > 64
            assert exc.first.code == "E102"
            assert exc.first.span.line == 4
