"""ambiguous-automation: one trigger, two targets, overlapping conditions; and the helper
that decides whether two conditions can hold at once (rules/graph/_conditions.py)."""

import pytest

from leadrules import load_text
from leadrules.lint.rules.graph._conditions import exclusive, implies
from tests.conftest import EXAMPLES
from tests.lint.helpers import lines, messages, run

# -- the condition helper --------------------------------------------------------------------

FIELDS = ("field f choice(a, b, c)\nfield g bool\nfield x number\nfield d date\n"
          "field t text\nfield last datetime\n")


def conditions(*texts: str):
    """The conditions written, parsed and resolved as `when` rules, with the field table."""
    body = "".join(f" when {c} -> B\n" for c in texts)
    scheme = load_text(FIELDS + "status A { initial\n" + body + "}\nstatus B {}\n", "c.leads")
    return [r.when for r in scheme.status_map["A"].rules], scheme.field_map


@pytest.mark.parametrize(("a", "b"), [
    ("f = a", "f = b"),
    ("f = a", "f != a"),
    ("f in (a, b)", "f in (c)"),
    ("f = \"a\"", "f = b"),
    ("f not in (a, b)", "f = a"),
    ("x >= 10", "x < 10"),
    ("x > 10", "x <= 10"),
    ("x = 5", "x >= 10"),
    ("g", "not g"),
    ("g = yes", "g = false"),
    ("not f", "f = a"),
    ("t = \"yes\"", "t = \"no\""),
    ("d > 2026-06-30", "d < 2026-01-01"),
    ("last > 30 days", "last < 7 days"),
    ("x >= 10 and t", "x < 5"),
    ("x >= 10 or f = a", "x < 5 and f = b"),
    ("not (x >= 10)", "x >= 20"),
    ("not (f = a or f = b)", "f in (a, b)"),
    ("not (f = a and x >= 1)", "f = a and x >= 3"),
])
def test_clearly_exclusive(a, b):
    """These pairs can never hold together, whichever comes first."""
    (ca, cb), fields = conditions(a, b)
    assert exclusive(ca, cb, fields) and exclusive(cb, ca, fields)


@pytest.mark.parametrize(("a", "b"), [
    ("f = a", "f = a"),
    ("f = \"a\"", "f = a"),
    ("f in (a, b)", "f in (b, c)"),
    ("f != a", "f != b"),
    ("f not in (a, b)", "f = c"),
    ("f not in (a)", "not f"),
    ("f not in (a)", "f not in (b, c)"),
    ("f != a", "f not in (b, c)"),
    ("x >= 10", "x <= 10"),
    ("x = 10", "x >= 10"),
    ("x > 9", "x < 10"),
    ("x >= 10 or f = a", "x < 5"),
    ("t", "x >= 1"),
    ("d > 2026-01-01", "last < 2025-01-01"),
    ("d > 2026-01-01", "d < 30 days"),
    ("not (x >= 10)", "x >= 5"),
    ("not f", "f != a"),
])
def test_possibly_overlapping(a, b):
    """Anything not clearly exclusive counts as possibly overlapping."""
    (ca, cb), fields = conditions(a, b)
    assert not exclusive(ca, cb, fields) and not exclusive(cb, ca, fields)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("x >= 3", "x >= 1", True),
    ("x >= 1", "x >= 3", False),
    ("x > 3", "x >= 3", True),
    ("x >= 3", "x > 3", False),
    ("x >= 3 and t", "t", True),
    ("t", "t or x >= 1", True),
    ("f = a", "f in (a, b)", True),
    ("f = a", "f = a or f = b", True),
    ("f in (a, b)", "f = a", False),
    ("f = a", "f", True),
    ("f != a", "f", False),
    ("x >= 3 and (f = a or f = b)", "f in (a, b)", True),
    ("f in (a)", "not (f = b)", True),
    ("last > 30 days", "last > 7 days", True),
    ("not not t", "t", True),
    ("not (f = a or t)", "not t", True),
])
def test_implies(a, b, expected):
    """`implies(a, b)`: b surely holds whenever a does."""
    (ca, cb), fields = conditions(a, b)
    assert implies(ca, cb, fields) is expected


def test_missing_conditions():
    """No condition always holds: it excludes nothing and implies only another no-condition."""
    [c], fields = conditions("x >= 1")
    assert not exclusive(None, c, fields) and not exclusive(c, None, fields)
    assert implies(c, None) and implies(None, None) and not implies(None, c)


# -- the rule --------------------------------------------------------------------------------

HEAD = ("calendar business { timezone \"UTC\"\n open mon-fri 09:00-17:00 }\n"
        "field p choice(A, B, C)\nfield n count\nfield reply bool\n"
        "status New { initial }\nstatus Cold {}\nstatus Nurture {}\n"
        "status Won { outcome won }\nstatus Lost { outcome lost }\n"
        "transition any -> Lost manual\ntransition New -> Q manual\n")


def q(body: str, tail: str = "") -> str:
    """A status Q with the body given, on line 13."""
    return HEAD + f"status Q {{\n{body}\n}}\n" + tail


def test_two_data_rules_with_overlapping_conditions():
    """`p = C` and `p in (B, C)` both hold for C: reported on the later rule, naming both."""
    text = q("when p = C -> Cold\nwhen p in (B, C) -> Nurture")
    assert lines(text, "ambiguous-automation") == [15]
    assert messages(text, "ambiguous-automation") == [
        "in 'Q', data rules move leads both to 'Cold' (line 14) and to 'Nurture', and both "
        "can apply at once: which one wins is undefined"]


def test_exclusive_or_same_target_is_fine():
    """Exclusive conditions, or two rules to the same status, are not ambiguous."""
    assert lines(q("when p = C -> Cold\nwhen p = B -> Nurture"), "ambiguous-automation") == []
    assert lines(q("when n >= 10 -> Cold\nwhen n < 10 -> Nurture"),
                 "ambiguous-automation") == []
    assert lines(q("when p = C -> Cold\nwhen n >= 10 -> Cold"), "ambiguous-automation") == []


def test_the_targets_requires_can_make_moves_exclusive():
    """Cold requires p = C and Nurture p = B: a lead can only ever be moved to one of them."""
    text = q("when n >= 10 -> Cold\nwhen reply -> Nurture").replace(
        "status Cold {}", "status Cold { requires p = C }").replace(
        "status Nurture {}", "status Nurture { requires p = B }")
    assert lines(text, "ambiguous-automation") == []


def test_a_set_on_the_move_does_not_count_as_the_targets_requires():
    """The move fills p itself, so the target's `requires p = C` does not separate it."""
    text = q("when n >= 10 -> Cold set p = C\nwhen reply -> Nurture").replace(
        "status Cold {}", "status Cold { requires p = C }").replace(
        "status Nurture {}", "status Nurture { requires p = B }")
    assert lines(text, "ambiguous-automation") == [15]


def test_two_automatic_moves_on_one_event():
    """One event, two targets, one source: ambiguous; with exclusive `requires` it is not."""
    tail = ("transition Q -> Cold on replied auto\n"
            "transition Q -> Nurture on replied auto\n")
    text = q("", tail)
    assert lines(text, "ambiguous-automation") == [17]
    assert messages(text, "ambiguous-automation")[0].startswith(
        "the event 'replied' moves leads in 'Q' both to 'Cold' (line 16) and to 'Nurture'")
    fixed = q("", "transition Q -> Cold on replied auto requires p = C\n"
              "transition Q -> Nurture on replied auto requires p = B\n")
    assert lines(fixed, "ambiguous-automation") == []


def test_one_finding_per_pair_of_lines_even_with_any():
    """`any -> X on e` against another move on e: one finding listing the sources."""
    text = (HEAD + "status Q {}\ntransition New, Q, Cold -> Won on paid auto\n"
            "transition any -> Nurture on paid auto\n")
    [message] = messages(text, "ambiguous-automation")
    assert "the event 'paid' moves leads in 'New', 'Q' and 'Cold' both to 'Won'" in message


def test_different_events_are_fine():
    """Two events, two targets: each event is clear."""
    text = q("", "transition Q -> Cold on a auto\ntransition Q -> Nurture on b auto\n")
    assert lines(text, "ambiguous-automation") == []


def test_timers_with_the_same_delay():
    """Same delay counted the same way: ambiguous; different delays, different counting or
    exclusive `when` are fine."""
    assert lines(q("after 30 days -> Cold\nafter 30 days -> Nurture"),
                 "ambiguous-automation") == [15]
    assert lines(q("after 30 days -> Cold\nafter 720 hours -> Nurture"),
                 "ambiguous-automation") == [15]
    assert lines(q("after 30 days -> Cold\nafter 31 days -> Nurture"),
                 "ambiguous-automation") == []
    assert lines(q("after 30 days -> Cold\nafter 30 days without activity -> Nurture"),
                 "ambiguous-automation") == []
    assert lines(q("after 5 business days -> Cold\nafter 5 days -> Nurture"),
                 "ambiguous-automation") == []
    assert lines(q("after 30 days -> Cold when reply\nafter 30 days -> Nurture when not reply"),
                 "ambiguous-automation") == []


def test_two_stage_sync_rules_for_one_stage_change():
    """`when stage becomes SQL` setting two statuses: one finding for the pair of lines."""
    text = ("stages { MQL\n SQL }\nstatus New { initial\n stages MQL }\nstatus Working {}\n"
            "status Qualified {}\nstatus Won { outcome won }\nstatus Lost { outcome lost }\n"
            "transition any -> Lost manual\n"
            "when stage becomes SQL -> Working\nwhen stage becomes SQL -> Qualified\n")
    [d] = run(text, "ambiguous-automation")
    assert d.span.line == 11
    assert d.message.startswith("'stage becomes SQL' sets leads in 'New'")


def test_unicode_names():
    """Russian names from seed 002's ABC priority, quoted and bare."""
    text = ('field приоритет choice(A, B, C)\nstatus "Новая заявка" { initial }\n'
            'status Квалификация {\n when приоритет = C -> "Холодный ящик"\n'
            ' when приоритет in (C) -> Отказ\n}\nstatus "Холодный ящик" {}\n'
            "status Отказ { outcome lost }\nstatus Оплачено { outcome won }\n"
            'transition "Новая заявка" -> Квалификация manual\n')
    [message] = messages(text, "ambiguous-automation")
    assert "to 'Холодный ящик' (line 4) and to 'Отказ'" in message


def test_examples_are_unambiguous():
    """No bundled example has ambiguous automation (stage_vs_status's two 90-day timers use
    `when opportunity_id` and `when not opportunity_id`)."""
    for name in ("universal", "stage_vs_status", "two_mandatory", "proposal_scale",
                 "qualification_pipeline"):
        text = (EXAMPLES / f"{name}.leads").read_text(encoding="utf-8")
        assert run(text, "ambiguous-automation") == [], name
