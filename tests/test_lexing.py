"""The lexer: keywords only where the parser takes them, newlines that end statements."""

from __future__ import annotations

from leadrules import load_text, parse_text
from leadrules.parse.lexing import KNOWN, StatementLexer
from leadrules.parse.parser import lark_parser


def test_the_lexer_knows_every_terminal_of_the_grammar():
    """Each terminal the grammar declares is either a literal or one the lexer produces."""
    parser = lark_parser()
    literal = {t.name for t in parser.terminals if t.pattern.type == "str"}
    declared = {t.name for t in parser.terminals} - literal
    unknown = {name for name in declared if not name.startswith("__IGNORE")} - KNOWN
    assert not unknown, unknown
    assert issubclass(parser.options.lexer, StatementLexer)


def test_keywords_can_be_names_where_a_name_is_expected():
    """`status`, `open` or `after` may name fields: they are keywords only in their place."""
    s = load_text("field status text\nfield open bool\nfield after date\n"
                  "status A { initial\n requires status and open = true and after > 3 days }",
                  "k.leads")
    assert [f.name for f in s.fields] == ["status", "open", "after"]


def test_returns_to_is_one_keyword_even_across_spaces():
    """`when stage returns  to MQL` reads `returns to` as one word pair."""
    s = load_text("stages { MQL\n SQL }\nstatus A { initial }\n"
                  "when stage returns  to MQL -> A\nwhen stage becomes SQL -> A", "r.leads")
    assert [x.kind for x in s.syncs] == ["returns", "becomes"]


def test_lines_and_columns_after_blank_lines_comments_and_continuations():
    """Positions stay right after CRLF, comment-only lines and a backslash continuation."""
    text = ("# c\r\n\r\n  # c2\r\nfield a \\\r\n  text\r\nstatus B {\r\n"
            "  requires a\r\n}\r\n")
    s = parse_text(text, "p.leads")
    assert (s.fields[0].span.line, s.fields[0].span.column) == (4, 1)
    req = s.statuses[0].requires
    assert (req.span.line, req.span.column) == (7, 12)


def test_newlines_inside_parentheses_and_after_commas_do_not_end_statements():
    """A `choice(…)` or `in (…)` list and a source list may wrap over lines."""
    s = load_text("field r choice(\n a,\n b\n)\nstatus A { initial\n requires r in (\n a)\n}\n"
                  "status B {}\nstatus C {}\ntransition A,\nB -> C manual", "w.leads")
    assert len(s.field_map["r"].choices) == 2
    assert [x.name for x in s.transitions[0].sources] == ["A", "B"]


def test_fast_tokens_equal_lark_tokens():
    """make_token builds exactly what lark.Token would, slot for slot."""
    from lark import Token

    from leadrules.parse.lexing import make_token

    ours = make_token("NAME", "Новый", 3, 1, 4, 1, 9, 8)
    theirs = Token("NAME", "Новый", 3, 1, 4, 1, 9, 8)
    assert type(ours) is type(theirs) and ours == theirs
    assert all(getattr(ours, s) == getattr(theirs, s) for s in Token.__slots__)
