"""Text → model: the cached Lark parser, error recovery, and the public parse functions.

The LALR parser is built once per process (and its tables cached on disk by Lark, keyed by the
grammar's hash) so the command line starts fast. A syntax error does not stop the file: the
statement it sits in is blanked out and parsing resumes, so one run reports every syntax error
(up to `MAX_SYNTAX_ERRORS`). Names are not resolved here; see `leadrules.resolve`.
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path
from typing import Literal

import attrs
from lark import Lark, Tree
from lark.exceptions import UnexpectedInput

from leadrules.errors import Diagnostic, LeadrulesError, Span
from leadrules.gcpause import gc_paused
from leadrules.model.scenario import Scenario
from leadrules.model.scheme import Scheme
from leadrules.parse.builder import Builder
from leadrules.parse.comments import code_only
from leadrules.parse.lexing import MAX_NESTING, NestingTooDeep, StatementLexer
from leadrules.parse.messages import syntax_diagnostic

Kind = Literal["scheme", "scenario"]
MAX_SYNTAX_ERRORS = 20
START = {"scheme": "scheme_file", "scenario": "scenario_file"}


def grammar_text() -> str:
    """The grammar: inside the installed package, or the repository's top-level grammar/."""
    packaged = resources.files("leadrules") / "grammar" / "leadrules.lark"
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source = Path(__file__).resolve().parents[2] / "grammar" / "leadrules.lark"
    return source.read_text(encoding="utf-8")


def _cache_file() -> str | None:
    """Where Lark keeps the built parser tables (so later runs skip building them), or None
    when no writable cache folder exists."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "leadrules")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return os.path.join(folder, "grammar") if os.access(folder, os.W_OK) else None


@functools.cache
def lark_parser() -> Lark:
    """The one LALR parser for both languages (start symbols scheme_file, scenario_file)."""
    cache = _cache_file()
    options = dict(parser="lalr", lexer=StatementLexer, start=list(START.values()),
                   propagate_positions=True, maybe_placeholders=False)
    if cache:
        try:
            return Lark(grammar_text(), cache=f"{cache}-{_grammar_key()}.lark", **options)
        except OSError:
            pass
    return Lark(grammar_text(), **options)


def _grammar_key() -> str:
    import hashlib

    from lark import __version__ as lark_version

    return hashlib.sha256((grammar_text() + lark_version).encode()).hexdigest()[:16]


@functools.cache
def literals() -> dict[str, str]:
    """Terminal name → its literal text, for keywords and punctuation (`STATUS` → status)."""
    out = {}
    for term in lark_parser().terminals:
        if term.pattern.type == "str":
            out[term.name] = term.pattern.value
    return out


def sniff_kind(text: str) -> Kind:
    """`scenario` when the first word of the text (after comments) is `scenario`."""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip().lstrip("\ufeff")
        if line:
            return "scenario" if line.split()[0] == "scenario" else "scheme"
    return "scheme"


def _statement_lines(lines: list[str], index: int) -> range:
    """The lines of the statement around line `index` (0-based), to blank after an error: back
    to where it starts (a list may wrap after commas and inside parentheses), and on to where
    its parentheses and the braces it opens close again."""
    codes = [code_only(line) for line in lines]
    before, depth = [], 0
    for code in codes[: index + 1]:
        before.append(depth)
        depth = max(depth + code.count("(") - code.count(")"), 0)
    start = index
    while start > 0 and (before[start] > 0 or codes[start - 1].rstrip().endswith(",")):
        start -= 1
    braces = parens = 0
    end = start
    while end < len(lines):
        code = codes[end]
        braces += code.count("{") - code.count("}")
        parens += code.count("(") - code.count(")")
        if end >= index and braces <= 0 and parens <= 0 and not code.rstrip().endswith(","):
            break
        end += 1
    return range(start, min(end, len(lines) - 1) + 1)


def _open_block_line(text: str) -> int | None:
    """The line of the last `{` that is never closed, if any."""
    stack: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for ch in code_only(line):
            if ch == "{":
                stack.append(number)
            elif ch == "}" and stack:
                stack.pop()
    return stack[-1] if stack else None


def _parse_tree(text: str, path: str, kind: Kind) -> tuple[Tree | None,
                                                                   list[Diagnostic]]:
    parser = lark_parser()
    lines = text.split("\n")
    errors: list[Diagnostic] = []
    while True:
        try:
            tree = parser.parse("\n".join(lines), start=START[kind])
            return (None if errors else tree), errors
        except NestingTooDeep as exc:
            tok = exc.token
            errors.append(Diagnostic(
                "E102", f"parentheses or `not` nested more than {MAX_NESTING} levels deep",
                Span.point(path, tok.line or 1, tok.column or 1),
                help="simplify the condition"))
            line = (tok.line or 1) - 1
        except UnexpectedInput as exc:
            at_end = getattr(getattr(exc, "token", None), "type", "") == "$END"
            if at_end and errors:
                return None, errors  # after blanking a broken statement, an early end is noise
            current = "\n".join(lines)
            diagnostic = syntax_diagnostic(exc, path, current, literals())
            if at_end and (opened := _open_block_line(current)) is not None:
                diagnostic = attrs.evolve(
                    diagnostic, message="the file ends inside a block: a `}` is missing",
                    expected=f"`}}` to close the block opened on line {opened}")
            errors.append(diagnostic)
            line = (getattr(exc, "line", 0) or 0) - 1
            if line < 0 or at_end:
                return None, errors
        if len(errors) >= MAX_SYNTAX_ERRORS or not lines[line].strip():
            return None, errors
        for i in _statement_lines(lines, line):
            lines[i] = ""


def parse_text(text: str, path: str = "<text>", kind: Kind | None = None) -> Scheme | Scenario:
    """Parse a scheme or scenario (by `kind`, else by its first word) into a model.

    Raises `LeadrulesError` with every syntax error found. Names are not checked here; value
    problems (impossible dates, bad hours) are kept in the model's `problems` for `resolve`.
    """
    text = text.lstrip("\ufeff")
    kind = kind or sniff_kind(text)
    # One pause for parse and build, and the tree dropped inside it: the collector then never
    # walks the parse tree's half a million short-lived objects.
    with gc_paused():
        tree, errors = _parse_tree(text, path, kind)
        if errors:
            raise LeadrulesError(errors)
        assert tree is not None
        model = Builder(path).build(tree)
        del tree
    assert isinstance(model, (Scheme, Scenario))
    return model


def read_source(path: str | os.PathLike[str]) -> str:
    """A file's text, or a LeadrulesError saying why it cannot be read (never an OSError)."""
    name = os.fspath(path)
    try:
        data = Path(name).read_bytes()
    except IsADirectoryError:
        raise LeadrulesError([Diagnostic("E001", "this is a folder, not a file",
                                         Span.whole_file(name))]) from None
    except FileNotFoundError:
        raise LeadrulesError([Diagnostic("E001", "no such file", Span.whole_file(name))]) \
            from None
    except OSError as exc:
        raise LeadrulesError([Diagnostic("E001", f"cannot read the file: {exc.strerror}",
                                         Span.whole_file(name))]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise LeadrulesError([Diagnostic(
            "E002", f"byte 0x{data[exc.start]:02x} is not UTF-8 text",
            Span.point(name, line, column),
            help="save the file as UTF-8 (every modern editor can)")]) from None


def parse_file(path: str | os.PathLike[str], kind: Kind | None = None) -> Scheme | Scenario:
    """Read and parse a file; the kind comes from the extension, else from the first word."""
    name = os.fspath(path)
    if kind is None:
        suffix = Path(name).suffix
        kind = "scheme" if suffix == ".leads" else "scenario" if suffix == ".scenario" else None
    return parse_text(read_source(name), name, kind)
