"""The grammar corpora: every file in grammar/valid loads cleanly, and every file in
grammar/invalid reports exactly the diagnostics its header comments promise.

An invalid case starts with header comments:

    # Case: a misspelt status in a transition
    # expect: 7:21 E200 unknown status 'Nurtur'
    # expect-help: did you mean 'Nurture'?
    # expect-expected: a status declared with

Every `expect:` line must match one reported diagnostic (same line and column, same code, a
substring of its message), and nothing else may be reported. `expect-help:` and
`expect-expected:` substrings must appear in some diagnostic's help or expected text.

Cases that show a bug in leadrules are kept with the behaviour we believe is right and are
listed in `KNOWN_BUGS` (strict xfail): when a bug is fixed, its entry must be removed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from leadrules import LeadrulesError, Loader
from leadrules.codes import CODES
from leadrules.errors import Diagnostic
from leadrules.report.text import render

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "grammar" / "valid"
INVALID = ROOT / "grammar" / "invalid"
SUFFIXES = (".leads", ".scenario")
MIN_INVALID = 40

# Codes that the content of a corpus file cannot trigger, with the reason.
NOT_FROM_A_FILE: dict[str, str] = {
    **{code: "raised by `leadrules simulate`, not by checking a file: tested in tests/simulate"
       for code in ("E304", "E305")},
    **{code: "a configuration-file error (.leadrules.toml): tested in tests/lint/test_config.py"
       for code in ("E400", "E401", "E402", "E403")},
    "E001": "the corpus can only hold readable files, and a scenario's scheme that is missing "
            "or a folder is E300: E001 only arises for a path the caller gives",
    "E004": "Graphviz's dot missing when drawing: tested in tests/test_render_dot.py and "
            "tests/test_render_cli.py",
}
NOT_REQUIRED = set(NOT_FROM_A_FILE)

# Cases that reveal a bug in leadrules: file name -> what goes wrong today.
KNOWN_BUGS: dict[str, str] = {
}

# Known bugs that also leave nothing to render: the file loads, or leadrules crashes.
NOTHING_TO_RENDER: set[str] = set()

EXPECT = re.compile(r"#\s*expect:\s*(\d+):(\d+)\s+(E\d{3})\s+(.*\S)\s*$")
EXPECT_HELP = re.compile(r"#\s*expect-help:\s*(.*\S)\s*$")
EXPECT_EXPECTED = re.compile(r"#\s*expect-expected:\s*(.*\S)\s*$")
CARET_LINE = re.compile(r"^\s+\| *\^+$", re.MULTILINE)


@dataclass
class Expectation:
    line: int
    column: int
    code: str
    message: str

    def matches(self, d: Diagnostic) -> bool:
        return (d.span.line, d.span.column, d.code) == (self.line, self.column, self.code) \
            and self.message in d.message

    def __str__(self) -> str:
        return f"{self.line}:{self.column} {self.code} …{self.message}…"


@dataclass
class Header:
    case: str | None = None
    expects: list[Expectation] = field(default_factory=list)
    helps: list[str] = field(default_factory=list)
    expecteds: list[str] = field(default_factory=list)


def source_lines(path: Path) -> list[str]:
    """A file's lines, read without assuming UTF-8 (one case holds a raw 0xff byte)."""
    text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    return [line.rstrip("\r") for line in text.split("\n")]


def read_header(path: Path) -> Header:
    """The leading comment block of a corpus file, parsed."""
    header = Header()
    for line in source_lines(path):
        if not line.startswith("#"):
            break
        if line.startswith("# Case:"):
            header.case = line.removeprefix("# Case:").strip()
        elif m := EXPECT.match(line):
            header.expects.append(Expectation(int(m[1]), int(m[2]), m[3], m[4]))
        elif m := EXPECT_HELP.match(line):
            header.helps.append(m[1])
        elif m := EXPECT_EXPECTED.match(line):
            header.expecteds.append(m[1])
    return header


def corpus(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)


def params(folder: Path, bugs: Collection[str] = KNOWN_BUGS) -> list[object]:
    """Corpus files as pytest parameters; those in `bugs` marked as strict xfail."""
    out: list[object] = []
    for path in corpus(folder):
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[path.name])] \
            if path.name in bugs else []
        out.append(pytest.param(path, id=path.name, marks=marks))
    return out


def diagnostics_of(path: Path) -> tuple[Diagnostic, ...]:
    """Everything reported when `path` is loaded (it must not load)."""
    with pytest.raises(LeadrulesError) as info:
        Loader().load(path)
    return info.value.diagnostics


def in_file(d: Diagnostic, path: Path) -> bool:
    return os.path.realpath(d.span.file) == os.path.realpath(path)


@pytest.mark.parametrize("path", params(VALID))
def test_valid_file_loads(path: Path) -> None:
    """A valid corpus file parses and resolves with no diagnostic."""
    Loader().load(path)


@pytest.mark.parametrize("path", corpus(VALID), ids=lambda p: p.name)
def test_valid_file_says_what_it_covers(path: Path) -> None:
    """A valid corpus file starts with a `# Covers:` comment."""
    assert source_lines(path)[0].startswith("# Covers: ")


@pytest.mark.parametrize("path", corpus(INVALID), ids=lambda p: p.name)
def test_invalid_file_has_header(path: Path) -> None:
    """An invalid corpus file starts with `# Case:` and has at least one `# expect:` line."""
    assert source_lines(path)[0].startswith("# Case: ")
    header = read_header(path)
    assert header.case
    assert header.expects, "no `# expect: LINE:COL CODE message` line"


@pytest.mark.parametrize("path", params(INVALID))
def test_invalid_file_reports_exactly_what_it_expects(path: Path) -> None:
    """An invalid corpus file reports exactly its expected diagnostics, help and expected texts."""
    header = read_header(path)
    reported = list(diagnostics_of(path))
    shown = "\n".join(f"  {d} | help={d.help!r} | expected={d.expected!r}" for d in reported)
    unmatched = list(reported)
    for want in header.expects:
        hit = next((d for d in unmatched if in_file(d, path) and want.matches(d)), None)
        assert hit is not None, f"not reported: {want}\nreported:\n{shown}"
        unmatched.remove(hit)
    assert not unmatched, f"reported but not expected:\n{shown}"
    for text in header.helps:
        assert any(text in (d.help or "") for d in reported), \
            f"no help contains {text!r}\nreported:\n{shown}"
    for text in header.expecteds:
        assert any(text in (d.expected or "") for d in reported), \
            f"no expected text contains {text!r}\nreported:\n{shown}"


@pytest.mark.parametrize("path", params(INVALID, NOTHING_TO_RENDER))
def test_invalid_file_renders_the_line_with_a_caret(path: Path) -> None:
    """Each diagnostic of an invalid case renders its source line with a caret under it."""
    for d in diagnostics_of(path):
        text = render(d)
        source = source_lines(Path(d.span.file))
        line = source[d.span.line - 1] if d.span.line <= len(source) else ""
        assert line.strip(), f"{d} points at a blank line"
        assert f" {d.span.line} | " in text and line.strip() in text, text
        assert CARET_LINE.search(text), text


def test_invalid_corpus_is_large_enough() -> None:
    """The invalid corpus holds at least 40 cases."""
    assert len(corpus(INVALID)) >= MIN_INVALID


def test_every_code_is_exercised() -> None:
    """Every diagnostic code except E003 is expected by an invalid case that passes today."""
    exercised = {want.code for path in corpus(INVALID) if path.name not in KNOWN_BUGS
                 for want in read_header(path).expects}
    assert set(CODES) >= NOT_REQUIRED
    missing = set(CODES) - NOT_REQUIRED - exercised
    assert not missing, f"codes no invalid case exercises: {sorted(missing)}"


def test_known_bugs_name_corpus_files() -> None:
    """Every known-bug entry names a file in the corpora (a renamed case must be updated)."""
    names = {p.name for p in (*corpus(VALID), *corpus(INVALID))}
    assert set(KNOWN_BUGS) <= names
