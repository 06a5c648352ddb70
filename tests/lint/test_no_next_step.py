"""no-next-step: every working status says what happens next (seed 000)."""

import pytest

from leadrules.lint import lint
from tests.lint.helpers import TODAY, lines, messages, run

RULE = "no-next-step"
HEAD = "role manager\nteam SDR\nfield attempts count\n"


def scheme(body: str, moves: str = "") -> str:
    return (HEAD + "status New { initial\n sla 2 hours escalate manager }\n"
            f"status Working {{\n{body}\n}}\nstatus Won {{ outcome won }}\n"
            "transition New -> Working manual\ntransition Working -> Won manual\n" + moves)


def test_a_status_that_triggers_nothing():
    """Working has no action, SLA, timer, data rule or automatic move: reported."""
    assert messages(scheme(""), RULE) == [
        "'Working' says nothing about what happens next: no action on enter, SLA, timer, "
        "data rule or automatic move out"]
    assert lines(scheme(""), RULE) == [6]


@pytest.mark.parametrize("body, moves", [
    ("on enter { task \"Book a meeting\" due 2 days }", ""),
    ("on enter { assign team SDR }", ""),
    ("sla 10 days escalate manager", ""),
    ("sla activity every 7 days notify owner", ""),
    ("after 14 days notify owner", ""),
    ("after 30 days -> Won", ""),
    ("when attempts >= 10 -> Won", ""),
    ("", "transition Working -> Won on payment_received auto\n"),
])
def test_any_next_step_is_enough(body, moves):
    """An action on enter, an SLA, a timer or alert, a data rule or an automatic move out."""
    assert run(scheme(body, moves), RULE) == []


def test_a_manual_move_out_is_not_a_next_step():
    """A rep may move the lead on, but nothing tells them to."""
    text = scheme("", "transition Working -> New manual\n")
    assert lines(text, RULE) == [6]


def test_outcomes_and_locked_statuses_need_none():
    """Won (an outcome) and a locked removal status end the lead's journey."""
    text = scheme('on enter { task "Call" }') + "status Removed { locked }\n" + \
        "transition New -> Removed manual\n"
    assert run(text, RULE) == []


def test_no_status_with_a_next_step_is_one_finding():
    """When no working status says what happens next, one finding says so."""
    text = "status New { initial }\nstatus Working { }\ntransition New -> Working manual\n"
    assert messages(text, RULE) == [
        "none of the 2 working statuses says what happens next: no action on enter, SLA, "
        "timer, data rule or automatic move out"]


def test_every_universal_status_has_a_next_step(universal):
    """Each universal status has automation, an SLA or a timer."""
    assert [d for d in lint(universal, today=TODAY).diagnostics if d.rule == RULE] == []
