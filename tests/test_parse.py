"""Parsing: the language's lexical rules and the model's source spans."""

from __future__ import annotations

import pytest

from leadrules import LeadrulesError, load_text, parse_text
from leadrules.model import All, AnyOf, Member, Not


def scheme(text: str):
    return load_text(text, "t.leads")


def test_unicode_bare_and_quoted_names():
    """Cyrillic, Chinese, Polish and Malay names work bare and quoted."""
    s = scheme('status Новый { initial }\nstatus "В обработке" "Obsługa" {}\n'
               "status 合格 {}\nstatus Dihubungi {}\n"
               'transition Новый -> "В обработке" manual\n'
               'transition "В обработке" -> 合格 on 客户回复 auto\n'
               "transition 合格 -> Dihubungi on hubungi\n")
    names = [x.name for x in s.statuses]
    assert names == ["Новый", "В обработке", "合格", "Dihubungi"]
    assert s.status_map["В обработке"].label == "Obsługa"
    assert s.transitions[1].event.name == "客户回复"
    assert s.transitions[2].event.name == "hubungi"  # `auto` may be left out


def test_semicolons_trailing_commas_and_parentheses_continue_lines():
    """`;` ends a statement; a trailing comma or open parenthesis continues one."""
    s = scheme("field a text; field b text\nfield c choice(x,\n  y,\n  z)\n"
               "status A { initial; requires (a or\n b) and c in (x,\n y) }\n"
               "status B {}\nstatus C {}\ntransition A,\n  B -> C manual\n")
    assert [c.name for c in s.field_map["c"].choices] == ["x", "y", "z"]
    assert isinstance(s.statuses[0].requires, All)
    assert [r.name for r in s.transitions[0].sources] == ["A", "B"]


def test_crlf_bom_and_comments():
    """Windows line ends, a byte-order mark and comments anywhere are fine."""
    text = "\ufeff# head\r\nstatus A { # here\r\n  initial  # and here\r\n}\r\n# tail"
    assert scheme(text).statuses[0].initial


def test_condition_structure():
    """and binds tighter than or; not and `not in` are kept."""
    s = scheme("field a text\nfield b text\nfield c choice(x, y)\n"
               "status A { requires a or b and not c not in (x) }")
    cond = s.statuses[0].requires
    assert isinstance(cond, AnyOf) and isinstance(cond.operands[1], All)
    negated = cond.operands[1].operands[1]
    assert isinstance(negated, Not) and isinstance(negated.operand, Member)
    assert negated.operand.negated


def test_every_node_has_a_span():
    """Statuses, transitions, conditions and names point at where they were written."""
    s = scheme("field email email\n\nstatus New {\n  initial\n  requires email\n}\n"
               "status B {}\ntransition New -> B manual\n")
    new = s.statuses[0]
    assert (new.span.line, new.span.column) == (3, 1)
    assert (new.requires.span.line, new.requires.span.column) == (5, 12)
    t = s.transitions[0]
    assert (t.span.line, t.target.span.line, t.target.span.column) == (8, 8, 19)
    assert t.span.file == "t.leads"


def test_spans_do_not_change_equality():
    """Two texts that mean the same give equal models, whatever their layout."""
    a = parse_text("status A {\n  initial\n}\n", "a.leads")
    b = parse_text("\n\n# moved\nstatus A { initial }", "b.leads")
    assert a.statuses == b.statuses


def test_durations_units_and_business_time():
    """Durations keep amount, unit (plural) and whether they count business time."""
    s = scheme('calendar business { timezone "UTC"\n open mon-fri 09:00-17:00 }\n'
               "status A { after 1 business day -> A\n after 90 minutes -> A }")
    first, second = s.statuses[0].timers
    assert (first.delay.unit, first.delay.business, str(first.delay)) == (
        "days", True, "1 business day")
    assert second.delay.seconds == 5400


@pytest.mark.parametrize("text, code, where", [
    ("status A {\n  requries x\n}", "E100", (2, 3)),
    ('status A {\n  means "open\n}', "E101", (2, 9)),
    ("status In progress {}", "E100", (1, 11)),
    ("transition A -> B\n", "E100", (1, 18)),
])
def test_syntax_errors_are_located(text, code, where):
    """Syntax errors carry a code and the line and column of the offending text."""
    with pytest.raises(LeadrulesError) as info:
        parse_text(text, "x.leads")
    d = info.value.first
    assert (d.code, d.span.line, d.span.column) == (code, *where)


def test_several_syntax_errors_in_one_run():
    """Each broken statement is reported; parsing resumes at the next one."""
    text = "statsu A {\n  initial\n}\nstatus B {\n  outcome wonn\n}\ntransition A -> B manul\n"
    with pytest.raises(LeadrulesError) as info:
        parse_text(text, "x.leads")
    assert [(d.span.line, d.help) for d in info.value.diagnostics] == [
        (1, "did you mean 'status'?"), (5, "did you mean 'won'?"), (7, "did you mean 'manual'?")]
