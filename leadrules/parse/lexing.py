"""The post-lexer: where a newline ends a statement and where it does not.

Statements end at a newline, except inside parentheses and after a trailing comma, so a long
`choice(…)` list or a list of sources may wrap over several lines. It also guards the parser
against pathological nesting (thousands of `(` or `not`), which would otherwise exhaust the
transformer's recursion.
"""

from __future__ import annotations

from collections.abc import Iterator

from lark import Token

MAX_NESTING = 64


class NestingTooDeep(Exception):
    """Raised with the offending token when parentheses or `not`s nest beyond MAX_NESTING."""

    def __init__(self, token: Token) -> None:
        super().__init__(f"nesting deeper than {MAX_NESTING} levels")
        self.token = token


class StatementLines:
    """Lark post-lexer: drop `_NL` tokens inside parentheses and after a comma."""

    always_accept = ("_NL",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        depth = 0
        nots = 0
        previous = ""
        for token in stream:
            kind = token.type
            if kind == "_NL":
                if depth > 0 or previous == "COMMA":
                    continue
            elif kind == "LPAR":
                depth += 1
                if depth > MAX_NESTING:
                    raise NestingTooDeep(token)
            elif kind == "RPAR":
                depth = max(depth - 1, 0)
            if kind == "NOT":
                nots += 1
                if nots > MAX_NESTING:
                    raise NestingTooDeep(token)
            elif kind != "LPAR":
                nots = 0
            previous = kind
            yield token
