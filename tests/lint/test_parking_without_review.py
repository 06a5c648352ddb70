"""parking-without-review: parked leads are re-evaluated on a schedule (seed 000)."""

import pytest

from leadrules.lint import lint
from tests.lint.helpers import TODAY, lines, messages, run

RULE = "parking-without-review"
HEAD = "role manager\nteam Marketing\nfield reason choice(budget, timing, other)\n"


def scheme(name: str, body: str, label: str = "") -> str:
    return (HEAD + "status New { initial\n sla 2 hours escalate manager }\n"
            f"status {name} {label} {{\n{body}\n}}\nstatus Won {{ outcome won }}\n"
            f"transition New -> {name} manual\ntransition {name} -> New manual\n"
            "transition New -> Won manual\n")


def test_nurture_without_a_timer_is_a_black_hole():
    """Nurture with marketing automation but no timed move out (seed 000's black hole)."""
    text = scheme("Nurture", "on enter { assign team Marketing }")
    assert messages(text, RULE) == [
        "'Nurture' is a parking status (\"nurture\") with no timed re-evaluation: leads "
        "parked there are never looked at again"]
    assert lines(text, RULE) == [6]


def test_a_timed_move_out_is_a_review():
    """`after 90 days -> New` brings parked leads back for a new look."""
    assert run(scheme("Nurture", "after 90 days -> New"), RULE) == []
    assert run(scheme("Nurture", "after 90 days without activity -> Won when reason = budget"),
               RULE) == []


def test_an_alert_alone_is_not_a_review():
    """A reminder can be ignored for ever; the leads stay parked."""
    assert lines(scheme("Nurture", "after 90 days notify manager"), RULE) == [6]


@pytest.mark.parametrize("name, label", [
    ("Pool", '"On hold"'), ("Later", ""), ('"Отложен"', ""), ("Пул", '"На паузе"'),
    ("培育中", ""), ("Pula", '"Odłożony"'), ("Tangguh", ""), ('"Not ready yet"', ""),
])
def test_parking_words_in_every_language(name, label):
    """Names and labels in English, Russian, Chinese, Polish and Malay."""
    assert len(run(scheme(name, "", label), RULE)) == 1


def test_a_definition_can_say_it_is_parking():
    """"Not ready to buy" in the definition makes "Pool" a parking status."""
    text = scheme("Pool", 'means "Fits our profile but is not ready to buy."')
    assert lines(text, RULE) == [6]
    mention = scheme("Recycled", 'means "Lost or nurtured before, back in play."')
    assert run(mention, RULE) == []


def test_a_lost_outcome_can_park_leads_too():
    """A lost outcome named Nurture (seed 004's marketing nurture exit) needs a review;
    a won outcome never parks."""
    assert lines(scheme("Nurture", "outcome lost"), RULE) == [6]
    assert run(scheme("Nurture", "outcome won"), RULE) == []


def test_a_status_only_reps_move_on_while_alerts_nag():
    """Only manual moves out, no SLA, and an alert that only reminds: leads sit there."""
    assert messages(scheme("Pool", "after 30 days notify owner"), RULE) == [
        "'Pool' is a parking status: only a rep's manual move takes a lead out, no SLA asks "
        "for one and its alert only reminds someone, so leads sit there for ever"]


def test_statuses_that_are_worked_are_not_parking():
    """An SLA to leave or to log activity means the status is worked; a status without any
    clock is left to no-timer."""
    assert run(scheme("Pool", "after 30 days notify owner\n sla 10 days escalate manager"),
               RULE) == []
    assert run(scheme("Pool", "after 30 days notify owner\n sla activity every 7 days "
                              "notify owner"), RULE) == []
    assert run(scheme("Pool", "on enter { task \"Call\" }"), RULE) == []


def test_council_adds_parking_words():
    """A council's `parking` word ("Pool") marks the status as parking."""
    text = scheme("Pool", "on enter { assign team Marketing }")
    assert run(text, RULE) == []
    assert lines(text, RULE, words={"parking": ("pool",)}) == [6]


def test_universal_nurture_is_re_evaluated(universal):
    """Universal Nurture moves to Recycled after 90 days: no finding."""
    assert [d for d in lint(universal, today=TODAY).diagnostics if d.rule == RULE] == []
