"""Text → the tokens the formatter prints, each with the comments and breaks around it.

The parser's own lexer classifies the words (a keyword only where the parser can take it), so
the formatter sees exactly what `check` sees; the gaps between tokens (spaces, newlines, `;`,
`\\` continuations, comments) are read back from the text, because they are what a layout is
made of and the parser throws them away.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs
from lark.exceptions import UnexpectedInput
from lark.parsers.lalr_parser import ParseConf

from leadrules.parse.lexing import NestingTooDeep, StatementLexer
from leadrules.parse.parser import START, Kind, lark_parser, parse_text

_NAME = re.compile(r"[^\W\d]\w*")
_GAP = re.compile(r"(?P<space>[ \t\f\ufeff]+)|(?P<cont>\\\r?\n)|(?P<nl>\r?\n)|(?P<semi>;)"
                  r"|(?P<comment>#[^\n]*)")
_SPACES = re.compile(r"\s+")
# Titles (`scheme "…"`, `scenario "…"`) and the CRM's sequence names are texts people read;
# their quotes stay as written even where a bare word would parse the same.
_KEEP_QUOTES_AFTER = {"SCHEME", "SCENARIO", "SEQUENCE"}


@attrs.define(slots=True)
class Tok:
    """One printed token: its text as it will be written, and what surrounds it in the input.

    `lead`: the lines above it since the previous token (None: a blank line, str: a comment);
    `trail`: the comment after it on its line; `broken`: the user broke the line before it
    (a real newline, not a `\\` continuation); `stmt`: it starts a statement; `gap`: spaces
    before it when on the same line as the previous token (for keeping the user's alignment).
    """

    type: str
    text: str
    stmt: bool = False
    lead: list[str | None] = attrs.field(factory=list)
    trail: str | None = None
    broken: bool = False
    gap: int = 1
    trail_gap: int = 2  # spaces before the trailing comment in the input


@attrs.define(slots=True)
class Tokens:
    items: list[Tok]
    tail: list[str | None]  # blank lines and comments after the last token
    bom: bool


def tokenize(text: str, path: str, kind: Kind) -> Tokens:
    """The file's tokens, or the same LeadrulesError `check` raises for a syntax error."""
    bom = text.startswith("\ufeff")
    source = text.lstrip("\ufeff").replace("\r\n", "\n")
    interactive = lark_parser().parse_interactive(source, start=START[kind])
    # The formatter needs the parser's states, not its tree: no callbacks, no tree building.
    conf = interactive.parser_state.parse_conf
    interactive.parser_state.parse_conf = ParseConf(conf.parse_table, {}, conf.start)
    states = conf.parse_table.states
    word = _word_classifier()
    items: list[Tok] = []
    end = 0
    new_statement = True
    names_here: dict[int, bool] = {}  # parser state → whether a quoted name may be bare there
    try:
        for token in interactive.iter_parse():
            if token.type == "_NL":
                new_statement = True
                continue
            accepts = states[interactive.parser_state.position]
            keep = bool(items) and items[-1].type in _KEEP_QUOTES_AFTER
            text_ = str(token.value)
            if token.type == "STRING" and not keep and _NAME.fullmatch(text_[1:-1]):
                position = interactive.parser_state.position
                if position not in names_here:
                    names_here[position] = _name_position(accepts, states)
                if names_here[position] and word(text_[1:-1], accepts) == "NAME":
                    text_ = text_[1:-1]
            elif token.type == "SYNC_KIND":
                text_ = _SPACES.sub(" ", text_)
            tok = Tok(token.type, text_, stmt=new_statement)
            start = token.start_pos or 0
            _read_gap(source[end:start], tok, items[-1] if items else None)
            items.append(tok)
            end = start + len(token.value)
            new_statement = token.type in ("LBRACE", "RBRACE")
        interactive.feed_eof()
    except (UnexpectedInput, NestingTooDeep):
        parse_text(text, path, kind)  # raises the diagnostics `check` would show
        raise  # pragma: no cover - the parser and this walk disagree: a bug
    tail = Tok("$END", "")
    _read_gap(source[end:], tail, items[-1] if items else None)
    return Tokens(items, tail.lead, bom)


def _word_classifier() -> Callable[[str, Mapping[str, Any]], str]:
    """The lexer's own rule for whether a word is a keyword in a parser state."""
    lexer = StatementLexer.__new__(StatementLexer)
    lexer.literals = {v: k for k, v in _literals().items()}
    return lexer._word


def _literals() -> dict[str, str]:
    from leadrules.parse.parser import literals

    return literals()


def _name_position(accepts: Mapping[str, Any], states: Mapping[int, Mapping[str, Any]]) -> bool:
    """Whether the parser reads a name here: a quoted text and a bare word are both shifted
    into states that can only reduce them to `name` (so `means "x"`, a definition, is not
    one, though `means ru "x"` starts with a name)."""
    for terminal in ("STRING", "NAME"):
        action = accepts.get(terminal)
        if action is None or action[0].name != "Shift":
            return False
        if not all(a.name == "Reduce" and getattr(arg.origin, "name", None) == "name"
                   for a, arg in states[action[1]].values()):
            return False
    return True


def _read_gap(gap: str, tok: Tok, previous: Tok | None) -> None:
    """Split what lies between two tokens into the previous one's trailing comment, the lines
    above this one, and whether the user broke the line or aligned this token."""
    if (gap.isspace() and "\n" not in gap) or not gap:  # the common case: spaces only
        tok.gap = max(len(gap), 1)
        return
    on_first_line = True
    spaces = 0
    blank = False  # the current line after a newline holds nothing yet
    for m in _GAP.finditer(gap):
        kind = m.lastgroup
        if kind == "space":
            spaces += len(m.group())
        elif kind == "cont":
            spaces = -(10**6)  # a `\` continuation: the line is joined with one space
        elif kind == "semi":
            spaces = 0
        elif kind == "nl":
            if not on_first_line and blank:
                tok.lead.append(None)
            on_first_line = False
            tok.broken = True
            blank = True
            spaces = 0
        else:  # a comment
            comment = m.group().rstrip()
            if on_first_line and previous is not None:
                previous.trail = comment
                previous.trail_gap = spaces
            else:
                tok.lead.append(comment)
            blank = False
    tok.gap = max(spaces, 1)
