"""Scenarios: references into the scheme, and only the moves the scheme allows."""

from __future__ import annotations

import pytest

from leadrules import LeadrulesError, load_text
from leadrules.resolve import allowed_moves

HEAD = """scenario "t" {
  scheme "universal.leads"
  horizon 30 days
  arrivals 10 per day
"""


def check(body: str, universal):
    return load_text(HEAD + body + "\n}\n", "t.scenario", scheme=universal)


def problems(body: str, universal) -> list[tuple[str, int, str]]:
    with pytest.raises(LeadrulesError) as info:
        check(body, universal)
    return [(d.code, d.span.line, d.message) for d in info.value.diagnostics]


def test_allowed_moves_from_a_status(universal):
    """From Connected: meeting_held fires an automatic move; manual moves reach three."""
    events, manual = allowed_moves(universal, "Connected")
    assert events == {"meeting_held": "Working"}
    assert manual == {"Qualified", "Nurture", "Unqualified"}


def test_a_manual_move_the_scheme_lacks_is_named_with_its_line(universal):
    """`Stale -> Qualified` is not a move of the scheme: the error names it and the line."""
    [(code, line, message)] = problems("  in Stale {\n    after 1..4 days: Qualified 30%\n  }",
                                       universal)
    assert (code, line) == ("E301", 6)
    assert "the scheme does not allow the move Stale -> Qualified" in message
    assert "Working (manual)" in message


def test_an_event_that_does_not_leave_this_status(universal):
    """reply_received moves Attempting -> Connected, so it cannot fire in New."""
    [(code, _, message)] = problems("  in New {\n    work 5 minutes by SDR\n"
                                    "    then reply_received\n  }", universal)
    assert code == "E301"
    assert "no move from New on event 'reply_received'" in message
    assert "Attempting -> Connected" in message


def test_an_automatic_move_written_as_a_status_asks_for_its_event(universal):
    """Connected -> Working happens on meeting_held, not by hand."""
    [(code, _, message)] = problems("  in Connected {\n    after 3 days: Working 50%\n  }",
                                    universal)
    assert code == "E301" and "except on event 'meeting_held'" in message


@pytest.mark.parametrize("body, code, fragment", [
    ("  staff SRD 3", "E200", "unknown team or role 'SRD'"),
    ("  in Nurtur {\n  }", "E200", "unknown status 'Nurtur'"),
    ("  in New {\n    work 5 minutes by SDR\n    then frist_outreach\n  }", "E200",
     "unknown event or status 'frist_outreach'"),
    ("  value lost_reason: budget 50%, pricey 50%", "E221", "'pricey' is not a value"),
    ("  value deal_value: a 50%", "E220", "give it a distribution"),
    ("  in Connected {\n    after 3 days: Qualified 60%, Nurture 50%\n  }", "E302",
     "add up to 110%"),
    ("  in Connected {\n    then Qualified\n  }", "E303", "no `work D by TEAM` line"),
    ("  in Attempting {\n    each attempt: reply_received 10%\n  }", "E303",
     "no `every D work D by TEAM` line"),
    ("  in New {\n    work 5..2 minutes by SDR\n  }", "E224", "from low to high"),
    ("  in New {\n    work 5 by SDR\n  }", "E224", "needs units of time"),
    ("  in New {\n    work 5 minutes by SDR counting name\n  }", "E220", "is a text field"),
    ("  warmup 60 days", "E222", "not shorter than the horizon"),
    ("  value deal_value lognormal(0, 5)", "E224", "must be more than 0"),
    ("  value deal_value weibull(1, 2)", "E224", "'weibull' is not a distribution"),
])
def test_scenario_mistakes(body, code, fragment, universal):
    """Each scenario mistake is reported with its own code and a plain message."""
    got = problems(body, universal)
    assert any(c == code and fragment in m for c, _, m in got), got


def test_a_scenario_needs_its_scheme_file(tmp_path):
    """A scheme path that does not exist is reported at the scheme line."""
    path = tmp_path / "x.scenario"
    path.write_text(HEAD.replace("universal.leads", "missing.leads") + "}\n", encoding="utf-8")
    from leadrules import Loader

    with pytest.raises(LeadrulesError) as info:
        Loader().load(path)
    d = info.value.first
    assert (d.code, d.span.line) == ("E300", 2) and "does not exist" in d.message


def test_defaults(universal):
    """runs, seed and warm-up have documented defaults."""
    sc = check("", universal)
    assert (sc.runs, sc.seed, sc.warmup) == (10, 1, None)
