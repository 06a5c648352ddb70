"""The documentation tells the truth about the tool as it is now.

- Every ```leads and ```scenario snippet in docs/language.md checks clean once wrapped into a
  whole file as its annotation says; a snippet that is wrong on purpose says so with `expect=`
  and must fail with exactly those codes.
- Every console example there and in README.md (a block starting `$ leadrules …`) prints
  what it shows.
- docs/errors.md is exactly what scripts/gen_errors_doc.py generates now.
- Links between the two pages point at headings that exist.

Snippet annotations are words after the fence's language, `KEY=VALUE`:

    name=FILE   the snippet is the whole file FILE; a later scenario may name it as its scheme,
                and console examples see it under that name
    base=FILE   the scheme a fragment is added to (a `name=` snippet, else examples/FILE)
    wrap=MODE   how a fragment becomes a file (default `file`: it is one already)
                  leads:    append   base + the snippet
                            status   base + a status whose lines are the snippet
                            actions  base + a status whose `on enter` block is the snippet
                            cond     base + one status per line, `requires LINE`
                  scenario: lines    a scenario on `base` whose lines are the snippet (a
                                     horizon and arrivals are added when it has none)
                            in       the same, inside `in STATUS { … }` (STATUS from `in=`)
    in=STATUS   the status of `wrap=in`
    expect=E201[,E202]  the snippet is wrong on purpose and reports exactly these codes
"""

from __future__ import annotations

import functools
import importlib.util
import re
import shutil
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from leadrules import LeadrulesError, Loader, load_text
from leadrules.model.scenario import Scenario
from leadrules.model.scheme import Scheme
from leadrules.report.text import line_from_disk, render
from tests.conftest import EXAMPLES, ROOT

DOCS = ROOT / "docs"
LANGUAGE = DOCS / "language.md"
ERRORS = DOCS / "errors.md"
WRAPS = {"leads": ("file", "append", "status", "actions", "cond"),
         "scenario": ("file", "lines", "in")}
KEYS = ("name", "base", "wrap", "in", "expect")
WRAPPER_STATUS = "DocSnippet"


def load_generator() -> ModuleType:
    """scripts/gen_errors_doc.py as a module (scripts/ is not a package)."""
    path = ROOT / "scripts" / "gen_errors_doc.py"
    spec = importlib.util.spec_from_file_location("gen_errors_doc", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GEN = load_generator()


# -- reading the markdown ------------------------------------------------------------------------
@dataclass(frozen=True)
class Block:
    """A fenced block of a markdown page: its language, annotation words, text and place."""

    language: str
    words: tuple[str, ...]
    body: str
    line: int  # of the opening fence
    heading: str  # the section it is in


def fenced_blocks(path: Path) -> list[Block]:
    blocks, heading = [], ""
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if match := re.match(r"^(#{1,6})\s+(.*)", lines[i]):
            heading = match.group(2).strip()
        elif lines[i].startswith("```"):
            info = lines[i][3:].split()
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
            body = "\n".join(lines[i + 1:end])
            blocks.append(Block(info[0] if info else "", tuple(info[1:]), body, i + 1, heading))
            i = end
        i += 1
    return blocks


@dataclass(frozen=True)
class Snippet:
    """A ```leads or ```scenario block of language.md with its annotation read."""

    block: Block
    id: str
    options: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def language(self) -> str:
        return self.block.language

    @property
    def expect(self) -> list[str]:
        return sorted(self.options["expect"].split(",")) if "expect" in self.options else []

    @property
    def path(self) -> str:
        suffix = ".leads" if self.language == "leads" else ".scenario"
        return self.options.get("name", f"language.md-line-{self.block.line}{suffix}")

    def text(self) -> str:
        """The whole file the snippet stands for."""
        body, wrap = self.block.body, self.options.get("wrap", "file")
        if wrap == "file":
            return body + "\n"
        if self.language == "scenario":
            inner = body if wrap == "lines" else f"in {self.options['in']} {{\n" \
                + textwrap.indent(body, "  ") + "\n}"
            head = [f'scheme "{self.options["base"]}"']
            if not re.search(r"^\s*horizon\b", body, re.M):
                head.append("horizon 30 days")
            if not re.search(r"^\s*arrivals\b", body, re.M):
                head.append("arrivals 10 per day")
            lines = "\n".join([*head, inner])
            return 'scenario "doc" {\n' + textwrap.indent(lines, "  ") + "\n}\n"
        base = scheme_text(self.options["base"]) if "base" in self.options else ""
        if wrap == "append":
            return f"{base}\n{body}\n"
        if wrap == "status":
            return f"{base}\nstatus {WRAPPER_STATUS} {{\n{textwrap.indent(body, '  ')}\n}}\n"
        if wrap == "actions":
            return (f"{base}\nstatus {WRAPPER_STATUS} {{\n  on enter {{\n"
                    f"{textwrap.indent(body, '    ')}\n  }}\n}}\n")
        conditions = [line.strip() for line in body.split("\n")
                      if line.strip() and not line.strip().startswith("#")]
        return base + "".join(f"\nstatus {WRAPPER_STATUS}{k} {{ requires {c} }}"
                              for k, c in enumerate(conditions)) + "\n"

    def scheme_name(self) -> str | None:
        """For a scenario: the file its `scheme` line names."""
        if "base" in self.options:
            return self.options["base"]
        match = re.search(r'^\s*scheme\s+"([^"]+)"', self.block.body, re.M)
        return match.group(1) if match else None


def read_snippets() -> list[Snippet]:
    snippets: list[Snippet] = []
    per_heading: dict[str, int] = {}
    for block in fenced_blocks(LANGUAGE):
        if block.language not in WRAPS:
            continue
        per_heading[block.heading] = per_heading.get(block.heading, 0) + 1
        title = re.sub(r"^(\d+)\.\s", r"\1 ", block.heading.lower())  # "1. A first" → "1 a first"
        section = re.sub(r"[^0-9a-z.]+", "-", title).strip("-.")
        options, problems = {}, []
        for word in block.words:
            key, sep, value = word.partition("=")
            if not sep or key not in KEYS:
                problems.append(f"unknown annotation {word!r} (known: {', '.join(KEYS)})")
            options[key] = value
        wrap = options.get("wrap", "file")
        if wrap not in WRAPS[block.language]:
            problems.append(f"wrap={wrap} is not one of {', '.join(WRAPS[block.language])}")
        if wrap != "file" and "base" not in options and block.language == "scenario":
            problems.append(f"wrap={wrap} needs base=SCHEME")
        if wrap == "in" and "in" not in options:
            problems.append("wrap=in needs in=STATUS")
        snippets.append(Snippet(block, f"{section}-{per_heading[block.heading]}", options,
                                tuple(problems)))
    return snippets


SNIPPETS = read_snippets()
NAMED = {s.options["name"]: s for s in SNIPPETS if "name" in s.options}


@functools.cache
def scheme_text(name: str) -> str:
    """A scheme's text: a `name=` snippet of the page, else the example of that name."""
    if name in NAMED:
        return NAMED[name].text()
    return (EXAMPLES / name).read_text(encoding="utf-8")


@functools.cache
def scheme(name: str) -> Scheme:
    """A scheme a scenario snippet runs on, resolved."""
    if name in NAMED:
        model = load_text(NAMED[name].text(), name)
        assert isinstance(model, Scheme), f"{name} is not a scheme"
        return model
    return Loader().scheme(EXAMPLES / name)


def report(exc: LeadrulesError, path: str, text: str) -> str:
    """The diagnostics as the tool prints them, with the wrapped snippet's own lines."""
    lines = text.split("\n")

    def source(file: str, line: int) -> str | None:
        if file != path:
            return line_from_disk(file, line)
        return lines[line - 1] if 0 < line <= len(lines) else None

    return "\n\n".join(render(d, source) for d in exc.diagnostics)


# -- the tests -----------------------------------------------------------------------------------
@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.id for s in SNIPPETS])
def test_language_snippet_checks(snippet: Snippet):
    """A language.md snippet, wrapped as annotated, checks clean (or fails with its `expect=`)."""
    where = f"docs/language.md line {snippet.block.line} ({snippet.block.heading})"
    assert not snippet.problems, f"{where}: " + "; ".join(snippet.problems)
    text = snippet.text()
    error: LeadrulesError | None = None
    try:
        if snippet.language == "scenario":
            name = snippet.scheme_name()
            assert name, f"{where}: the scenario names no scheme (add base=FILE)"
            model = load_text(text, snippet.path, scheme=scheme(name))
        else:
            model = load_text(text, snippet.path)
    except LeadrulesError as exc:
        error = exc
    if error is None:
        assert not snippet.expect, f"{where}: expected {snippet.expect}, but it checks clean"
        kind = Scheme if snippet.language == "leads" else Scenario
        assert isinstance(model, kind), f"{where}: a ```{snippet.language} block is not a {kind}"
        return
    found = sorted({d.code for d in error.diagnostics})
    lines = text.count("\n")
    checked = text if lines <= 40 else f"(the snippet wrapped into {snippet.options.get('base')}" \
        f", {lines} lines)"
    message = f"{where}:\n{report(error, snippet.path, text)}\n\n--- checked as:\n{checked}"
    assert snippet.expect, f"{message}\n(a snippet wrong on purpose says expect=CODE)"
    assert found == snippet.expect, f"expected {snippet.expect}, got {found}\n{message}"


CONSOLES = [(page, b) for page in (LANGUAGE, ROOT / "README.md") for b in fenced_blocks(page)
            if b.language in ("text", "console") and b.body.startswith("$ leadrules ")]


@pytest.mark.parametrize(("page", "block"), CONSOLES,
                         ids=[f"{page.name}-line-{b.line}" for page, b in CONSOLES])
def test_console_example_is_real(page: Path, block: Block, tmp_path: Path):
    """A `$ leadrules …` example prints what it shows (language.md's beside its snippets)."""
    folder = ROOT
    if page == LANGUAGE:  # its examples check the page's `name=` snippets and the examples
        folder = tmp_path
        for name, snippet in NAMED.items():
            (tmp_path / name).write_text(snippet.text(), encoding="utf-8")
        for example in EXAMPLES.iterdir():
            if example.suffix in (".leads", ".scenario") and not (tmp_path / example.name).exists():
                shutil.copy(example, tmp_path)
    for command in re.split(r"^(?=\$ )", block.body, flags=re.M)[1:]:
        line, _, shown = command.partition("\n")
        run = GEN.run_in_process(line.removeprefix("$ leadrules ").split(), folder)
        assert run.output.rstrip("\n") == shown.rstrip("\n"), \
            f"{page.name} line {block.line}: `{line}` prints:\n{run.output}"


def test_errors_doc_is_up_to_date():
    """docs/errors.md is byte for byte what scripts/gen_errors_doc.py generates now."""
    started = time.perf_counter()
    generated = GEN.generate()
    assert time.perf_counter() - started < 5, "generating docs/errors.md got slow"
    committed = ERRORS.read_text(encoding="utf-8")
    assert generated == committed, \
        f"docs/errors.md is out of date: {GEN.COMMAND} (and review the diff)"


def anchors(path: Path) -> set[str]:
    """The anchors of a page: GitHub's slugs of its headings, and explicit `<a id>`s."""
    found: set[str] = set()
    text = path.read_text(encoding="utf-8")
    prose = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    for heading in re.findall(r"^#{1,6}\s+(.*)$", prose, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        n = 0
        while (candidate := slug if n == 0 else f"{slug}-{n}") in found:
            n += 1
        found.add(candidate)
    found.update(re.findall(r'<a id="([^"]+)"', prose))
    return found


@pytest.mark.parametrize("page", [LANGUAGE, ERRORS], ids=lambda p: p.name)
def test_doc_links_resolve(page: Path):
    """Every relative link of the page points at a file that exists, and at a heading in it."""
    prose = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if re.match(r"[a-z]+:", target):
            continue  # an external link
        file, _, anchor = target.partition("#")
        linked = (page.parent / file) if file else page
        if not linked.exists() or (anchor and anchor not in anchors(linked)):
            broken.append(target)
    assert not broken, f"{page.name}: broken links {broken}"
