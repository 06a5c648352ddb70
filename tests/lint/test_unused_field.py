"""unused-field: every declared field is used by some condition or `set` of the scheme."""

from leadrules.errors import Severity
from tests.lint.helpers import lines, messages, run

RULE = "unused-field"


def test_an_unused_field_is_an_info_at_its_declaration():
    """A field nothing mentions is reported where it is declared, as an info."""
    text = "field email email\nfield fax phone\nstatus New { initial\n requires email }\n"
    [d] = run(text, RULE)
    assert (d.span.line, d.severity) == (2, Severity.INFO)
    assert messages(text, RULE) == [
        "field 'fax' is declared but no rule uses it: no condition or `set` mentions it"]


def test_every_place_a_field_can_be_used_counts():
    """Status and transition requires, approve-if, timer and rule conditions and every `set`."""
    text = ("field a text\nfield b text\nfield c count\nfield d money\nfield e text\n"
            "field f text\nfield g text\nfield h text\nfield i text\n"
            "role boss\n"
            "status New { initial\n requires a\n after 3 days -> Next set e = \"x\" when b\n"
            " when c >= 3 -> Next set f = \"y\"\n on enter { set g = \"z\" }\n"
            " on exit { set h = \"w\" } }\n"
            "status Next {}\n"
            "transition New -> Next manual requires i approve boss if d >= 10\n")
    assert lines(text, RULE) == []


def test_a_field_in_a_nested_condition_counts():
    """Fields deep inside `not`, `or` and parentheses are used."""
    text = ("field a text\nfield b text\nfield c choice(x, y)\n"
            "status New { initial\n requires a or not (b and c in (x)) }\n")
    assert lines(text, RULE) == []


def test_unicode_and_quoted_field_names():
    """Polish, Chinese and quoted names are matched exactly."""
    text = ('field "strefa czasowa" text\nfield 预算 money\nfield kwota money\n'
            "status Nowy { initial\n requires 预算 }\n")
    assert messages(text, RULE) == [
        "field 'strefa czasowa' is declared but no rule uses it: no condition or `set` "
        "mentions it",
        "field 'kwota' is declared but no rule uses it: no condition or `set` mentions it"]
