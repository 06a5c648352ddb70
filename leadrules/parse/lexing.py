"""The lexer: text → tokens, aware of what the parser can accept next.

One compiled pattern finds the next token; words become keywords only where the parser can
take that keyword (so `status` may still name a field), like Lark's contextual lexer but in a
single pass that is several times faster on large schemes. It also decides where a newline ends
a statement — not inside parentheses and not after a trailing comma, so long lists may wrap —
and guards against pathological nesting (thousands of `(` or `not`).

The grammar (grammar/leadrules.lark) still declares every terminal: the LALR tables, the
error messages and the language reference come from there; `tests/test_lexing.py` checks that
this lexer knows every terminal the grammar declares.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from lark import Token
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer

MAX_NESTING = 64

# Token shapes, tried in this order at each position (longest and most specific first).
_PATTERN = re.compile(
    r"""
    (?P<SPACE>[ \t\f\ufeff]+|\\\r?\n)
  | (?P<NL>(?:(?:\r?\n|;)[ \t\f]*(?:\#[^\n]*)?)+)
  | (?P<COMMENT>\#[^\n]*)
  | (?P<STRING>"(?:[^"\\\r\n]|\\.)*")
  | (?P<DATETIME>\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)
  | (?P<DATE>\d{4}-\d\d-\d\d)
  | (?P<TIME>\d\d?:\d\d)
  | (?P<PERCENT>\d+(?:\.\d+)?%)
  | (?P<NUMBER>\d+(?:_\d+)*(?:\.\d+)?)
  | (?P<WORD>[^\W\d]\w*)
  | (?P<SYMBOL>->|\.\.|<=|>=|!=|[=<>{}(),:~-])
    """,
    re.VERBOSE,
)
_RETURNS_TO = re.compile(r"[ \t]+to(?!\w)")
_UNIT = re.compile(r"(minute|hour|day|week)s?")
_CMP = {"<=", ">=", "!=", "=", "<", ">"}
# Terminals that are sets of words (declared as regular expressions in the grammar).
WORD_SETS = {
    "OUTCOME": frozenset({"won", "lost"}),
    "HOOK": frozenset({"enter", "exit"}),
    "ALERT": frozenset({"escalate", "notify"}),
    "STRATEGY": frozenset({"round_robin", "territory"}),
}
# Every terminal this lexer can produce besides keyword and punctuation literals.
KNOWN = {"NAME", "STRING", "NUMBER", "PERCENT", "DATE", "DATETIME", "TIME", "UNIT", "CMP",
         "SYNC_KIND", "_NL", "COMMENT", *WORD_SETS}


_new_str = str.__new__


def make_token(kind: str, value: str, start: int, line: int, column: int, end_line: int,
               end_column: int, end_pos: int) -> Token:
    """`Token(kind, value, …)` without Lark's compatibility shuffling of arguments: four times
    faster, the same object (tests/test_lexing.py checks every slot against Token's own)."""
    token = _new_str(Token, value)
    token.type, token.value, token.start_pos = kind, value, start
    token.line, token.column, token.end_line, token.end_column = line, column, end_line, end_column
    token.end_pos = end_pos
    return token


class NestingTooDeep(Exception):
    """Raised with the offending token when parentheses or `not`s nest beyond MAX_NESTING."""

    def __init__(self, token: Token) -> None:
        super().__init__(f"nesting deeper than {MAX_NESTING} levels")
        self.token = token


class StatementLexer(Lexer):
    """A Lark custom lexer (interface 2): sees the parser state to classify each word."""

    __future_interface__ = 2

    def __init__(self, lexer_conf: Any) -> None:
        self.literals: dict[str, str] = {}
        for term in lexer_conf.terminals:
            if term.pattern.type == "str":
                self.literals[term.pattern.value] = term.name

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        text = lexer_state.text
        text = getattr(text, "text", text)
        states = parser_state.parse_conf.parse_table.states
        literals = self.literals
        match = _PATTERN.match
        pos, line, line_start, end = 0, 1, 0, len(text)
        depth = nots = 0
        previous = ""
        while pos < end:
            m = match(text, pos)
            if m is None:
                accepts = set(states[parser_state.position])
                raise UnexpectedCharacters(text, pos, line, pos - line_start + 1,
                                           allowed=accepts, state=parser_state.position)
            kind: str = m.lastgroup or ""
            value = m.group()
            start, pos = pos, m.end()
            column = start - line_start + 1
            if kind == "SPACE" or kind == "COMMENT":
                if value[0] == "\\":
                    line, line_start = line + 1, pos
                continue
            if kind == "NL":
                newlines = value.count("\n")
                last_line_end = pos - start - value.rfind("\n")  # columns after the last \n
                token = make_token("_NL", value, start, line, column, line + newlines,
                                   last_line_end if newlines else column + len(value), pos)
                if newlines:
                    line, line_start = line + newlines, start + value.rfind("\n") + 1
                if depth > 0 or previous == "COMMA":
                    continue
                previous = "_NL"
                yield token
                continue
            if kind == "WORD":
                kind = self._word(value, states[parser_state.position])
                if kind == "SYNC_KIND" and value == "returns":
                    tail = _RETURNS_TO.match(text, pos)
                    if tail:
                        value, pos = value + tail.group(), tail.end()
                    else:  # `returns` alone is not the keyword; the parser will say so
                        kind = "NAME"
            elif kind == "SYMBOL":
                kind = "CMP" if value in _CMP else literals[value]
            token = make_token(kind, value, start, line, column, line, pos - line_start + 1, pos)
            if kind == "LPAR":
                depth += 1
                if depth > MAX_NESTING:
                    raise NestingTooDeep(token)
            elif kind == "RPAR":
                depth = max(depth - 1, 0)
            nots = nots + 1 if kind == "NOT" else nots if kind == "LPAR" else 0
            if nots > MAX_NESTING:
                raise NestingTooDeep(token)
            previous = kind
            yield token

    def _word(self, word: str, accepts: Mapping[str, object]) -> str:
        """A word's terminal in this parser state: a keyword the parser can take, else a name."""
        keyword = self.literals.get(word)
        if keyword is not None and keyword in accepts:
            return keyword
        for terminal, words in WORD_SETS.items():
            if word in words and terminal in accepts:
                return terminal
        if "UNIT" in accepts and _UNIT.fullmatch(word):
            return "UNIT"
        if "SYNC_KIND" in accepts and word in ("becomes", "returns"):
            return "SYNC_KIND"
        if "NAME" not in accepts and keyword is not None:
            return keyword  # not acceptable either way; report the keyword as written
        return "NAME"
