"""Tokens → statements and blocks: the shape the printer walks.

A statement is the tokens of one line of the language (a `;` or a newline ends it, a `{`
opens a block of statements under it, `}` closes it). Comments and blank lines travel with the
token they stand above (`Tok.lead`) or behind (`Tok.trail`), so they stay where they were.
"""

from __future__ import annotations

import attrs

from leadrules.fmt.tokens import Tok


@attrs.define(slots=True)
class Block:
    open: Tok
    items: list[Stmt]
    close: Tok


@attrs.define(slots=True)
class Stmt:
    toks: list[Tok]
    block: Block | None = None


def statements(items: list[Tok]) -> list[Stmt]:
    """The file's top-level statements, blocks nested under the statements that open them."""
    stmts, end = _read(items, 0)
    assert end == len(items), "an unbalanced `}` parsed"
    return stmts


def _read(items: list[Tok], i: int) -> tuple[list[Stmt], int]:
    stmts: list[Stmt] = []
    current: list[Tok] = []
    while i < len(items):
        tok = items[i]
        if tok.type == "RBRACE":
            break
        if tok.type == "LBRACE":
            inner, j = _read(items, i + 1)
            stmts.append(Stmt(current, Block(tok, inner, items[j])))
            current, i = [], j + 1
            continue
        if tok.stmt and current:
            stmts.append(Stmt(current))
            current = []
        current.append(tok)
        i += 1
    if current:
        stmts.append(Stmt(current))
    return stmts, i
