"""Syntax errors in plain words.

Lark reports a syntax error as the token it did not expect and the set of terminals the parser
would have accepted. This module turns that into what a council member can act on: which kind
of line or value was expected ("a duration such as `5 business days`"), the unexpected text,
and a "did you mean" when a keyword is misspelt.
"""

from __future__ import annotations

from collections.abc import Collection

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from leadrules.errors import Diagnostic, Span
from leadrules.suggest import closest

# The kind of line or value the parser is in, recognised by terminals it would accept (and,
# for a few, by terminals it would not: a unit is only "expected" when nothing else fits).
CONTEXTS: tuple[tuple[frozenset[str], str] | tuple[frozenset[str], str, frozenset[str]], ...] = (
    (frozenset({"STATUS", "TRANSITION"}),
     "a declaration: scheme, calendar, field, stages, team, role, status, transition, "
     "when stage …, or expect"),
    (frozenset({"INITIAL", "LOCKED", "MEANS"}),
     "a status line: initial, outcome, locked, stages, means, use, requires, "
     "on enter { … }, on exit { … }, sla, after, when, or sub"),
    (frozenset({"ASSIGN", "TASK"}),
     "an action: assign team T, task \"…\" due D, notify R, escalate R, start sequence \"…\", "
     "stop sequence \"…\" | all, set FIELD = VALUE, or do NAME"),
    (frozenset({"TIMEZONE", "OPEN"}),
     "a calendar line: timezone \"Area/City\", open mon-fri 09:00-17:00, or closed 2026-12-25"),
    (frozenset({"VERSION", "REVIEWED"}),
     "a scheme setting: version \"…\", owner \"…\", description \"…\", review every D, "
     "or reviewed YYYY-MM-DD"),
    (frozenset({"CONVERSION", "TIME_IN"}),
     "an expect line: conversion A -> B RANGE, time_in A RANGE, or share A RANGE"),
    (frozenset({"HORIZON", "ARRIVALS"}),
     "a scenario line: scheme \"…\", horizon D, warmup D, runs N, seed N, arrivals R per …, "
     "arrivals by weekday|hour: …, staff TEAM N, approval D by ROLE, value FIELD …, or "
     "in STATUS { … }"),
    (frozenset({"WORK", "THEN"}),
     "a behaviour line: work D by TEAM, every D work D by TEAM, then X, "
     "each attempt: X p%, …, or after DIST: X p%, …"),
    (frozenset({"ON", "MANUAL"}),
     "who makes the move: `on EVENT auto` (an event) or `manual` (a rep's decision)"),
    (frozenset({"TILDE", "NUMBER", "NAME"}),
     "a duration or distribution such as `10 minutes`, `3..8 days`, `~5 days` or "
     "`lognormal(3 days, 1 day)`"),
    (frozenset({"CMP", "NUMBER", "PERCENT"}),
     "a range such as `30%..50%`, `3..7 days`, `< 4 hours`, `>= 5%` or `100%`"),
    (frozenset({"NOT", "LPAR", "NAME"}),
     "a condition such as `budget and authority`, `attempts >= 10` or "
     "`lost_reason in (budget, not_ready)`"),
    (frozenset({"NUMBER", "DATE", "STRING", "NAME", "PERCENT"}),
     "a value: a number, a percentage, a duration, a date such as 2026-12-25, a quoted text, "
     "or a choice value"),
    (frozenset({"UNIT", "BUSINESS"}),
     "a unit: minutes, hours, days or weeks (for example `5 business days`)",
     frozenset({"_NL", "AND", "OR", "RPAR", "RBRACE"})),
    (frozenset({"CMP", "IN"}),
     "a comparison (>=, >, <=, <, =, !=), `in (…)`, or the end of the condition"),
)

TERMINAL_WORDS = {
    "NAME": "a name",
    "STRING": "a quoted text such as \"…\"",
    "NUMBER": "a number",
    "PERCENT": "a percentage such as 40%",
    "DATE": "a date such as 2026-12-25",
    "DATETIME": "a date and time such as 2026-12-25T09:00",
    "TIME": "a time such as 09:00",
    "UNIT": "a unit (minutes, hours, days, weeks)",
    "CMP": "a comparison (>=, >, <=, <, =, !=)",
    "OUTCOME": "`won` or `lost`",
    "HOOK": "`enter` or `exit`",
    "ALERT": "`notify` or `escalate`",
    "STRATEGY": "`round_robin` or `territory`",
    "SYNC_KIND": "`becomes` or `returns to`",
    "_NL": "the end of the line",
    "$END": "the end of the file",
}
ALTERNATIVES = {
    "OUTCOME": ("won", "lost"), "HOOK": ("enter", "exit"), "ALERT": ("notify", "escalate"),
    "STRATEGY": ("round_robin", "territory"), "SYNC_KIND": ("becomes", "returns"),
    "UNIT": ("minutes", "hours", "days", "weeks"),
}
MAX_LISTED = 8
CHARACTER_HINTS = {
    "&": "write `and`", "|": "write `or`", "!": "write `not`, or `!=` for 'is not'",
    "'": 'quote with double quotes: "…"', "\u201c": 'use plain double quotes: "…"',
    "\u201d": 'use plain double quotes: "…"', "[": "use parentheses ( … )",
    "]": "use parentheses ( … )", "\\": "a `\\` may only end a line, to continue it",
    "$": "write amounts as plain numbers, such as 50000", "*": "conditions have no arithmetic",
    "+": "conditions have no arithmetic", "/": "comments start with #",
}


def describe_terminal(name: str, literals: dict[str, str]) -> str:
    if name in TERMINAL_WORDS:
        return TERMINAL_WORDS[name]
    if name in literals:
        return f"`{literals[name]}`"
    return name.lower()


def expected_words(accepts: Collection[str], literals: dict[str, str]) -> str:
    """What the parser would accept, in words: a known context, else a short list."""
    names = set(accepts)
    for needed, words, *rest in CONTEXTS:
        if needed <= names and not (rest and rest[0] & names):
            return words
    items = sorted({describe_terminal(n, literals) for n in names if n != "_NL"})
    if "_NL" in names:
        items.append(TERMINAL_WORDS["_NL"])
    if len(items) > MAX_LISTED:
        items = [*items[:MAX_LISTED], "…"]
    return ", ".join(items[:-1]) + (" or " if len(items) > 1 else "") + items[-1]


def vocabulary(accepts: Collection[str], literals: dict[str, str]) -> list[str]:
    """Keywords the parser would accept here (for "did you mean")."""
    words = [literals[n] for n in accepts if n in literals and literals[n].isidentifier()]
    for n in accepts:
        words.extend(ALTERNATIVES.get(n, ()))
    return words


def _wants_duration(exc: UnexpectedToken) -> bool:
    """Whether the parser needs a duration here: after a number, it would need a unit."""
    parser = getattr(exc, "interactive_parser", None)
    if parser is None or "NUMBER" not in (exc.accepts or exc.expected):
        return False
    try:
        probe = parser.copy()
        probe.feed_token(Token("NUMBER", "1"))
        after = probe.accepts()
    except Exception:  # a probe that fails tells us nothing; fall back to the plain list
        return False
    return "UNIT" in after and "_NL" not in after


def token_text(token: Token) -> str:
    if token.type == "_NL":
        return "end of the line"
    if token.type == "$END":
        return "end of the file"
    if token.type == "STRING":
        return f"the text \"{token.value}\""
    return f"'{token.value}'"


def _span(path: str, line: int, column: int, width: int) -> Span:
    return Span.point(path, max(line, 1), max(column, 1), width)


def syntax_diagnostic(
    exc: UnexpectedInput, path: str, text: str, literals: dict[str, str]
) -> Diagnostic:
    """A Diagnostic for a Lark syntax error, with the expected thing in words."""
    if isinstance(exc, UnexpectedCharacters):
        line_text = text.splitlines()[exc.line - 1] if text else ""
        char = exc.char
        if char == '"':
            rest = len(line_text) - exc.column + 1
            return Diagnostic("E101", "this quoted text has no closing quote",
                              _span(path, exc.line, exc.column, rest),
                              help='close it with " on the same line')
        # The lexer's view of what may follow is imprecise after a name (LALR merges
        # lookaheads), so name the likely intent rather than a list that may mislead.
        return Diagnostic(
            "E100", f"unexpected character '{char}'",
            _span(path, exc.line, exc.column, 1), help=CHARACTER_HINTS.get(char),
        )
    assert isinstance(exc, UnexpectedToken)
    token = exc.token
    accepts = exc.accepts or exc.expected
    expected = expected_words(accepts, literals)
    if _wants_duration(exc):
        expected = "a duration such as `2 business days`, `30 minutes` or `7 days`"
    help_text = None
    if token.type not in ("_NL", "$END", "STRING"):
        match = closest(str(token.value), vocabulary(accepts, literals))
        if match and match != token.value:
            help_text = f"did you mean '{match}'?"
    if help_text is None and token.type == "NAME" and ({"STRING", "LBRACE"} & set(accepts)):
        help_text = "a name with spaces must be quoted, for example \"In processing\""
    if token.type == "$END":
        lines = text.splitlines() or [""]
        line, column, width = len(lines), len(lines[-1]) + 1, 1
    else:
        line = token.line or 1
        column = token.column or 1
        width = 1 if token.type == "_NL" else len(str(token.value))
        if token.type == "STRING":
            width += 2
    return Diagnostic("E100", f"unexpected {token_text(token)}",
                      _span(path, line, column, width), expected=expected, help=help_text)
