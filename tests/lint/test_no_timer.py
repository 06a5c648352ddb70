"""no-timer: every working status has an SLA, a timer or an alert that notices stuck leads."""

from leadrules.errors import Severity
from tests.conftest import EXAMPLES
from tests.lint.helpers import lines, messages, run

RULE = "no-timer"
HEAD = "role manager\nfield notes text\nstatus Done { outcome won\n locked }\n"


def test_a_status_nothing_watches_is_a_warning():
    """No SLA, timer or alert, and only people move it on: a warning at the status."""
    text = HEAD + "status New { initial }\ntransition New -> Done manual\n"
    [d] = run(text, RULE)
    assert (d.span.line, d.severity) == (5, Severity.WARNING)
    assert d.message == ("nothing notices a lead sitting in 'New': it has no SLA, no timer and "
                         "no alert, and only people can move it on")


def test_each_kind_of_watch_is_enough():
    """An SLA, an activity SLA, a timer move or a timer alert each count."""
    for line in ("sla 2 hours notify owner", "sla activity every 7 days notify owner",
                 "after 30 days without activity -> Done", "after 7 days notify manager",
                 "after 7 days escalate manager"):
        text = HEAD + f"status New {{ initial\n {line} }}\ntransition New -> Done manual\n"
        assert lines(text, RULE) == [], line


def test_an_automatic_way_out_makes_it_an_info():
    """A status an event can end is waiting for the system: an info that names the events."""
    text = (HEAD + "status New { initial }\ntransition New -> Done on deal_created auto\n"
            "transition New -> Done on paid auto\n")
    [d] = run(text, RULE)
    assert d.severity == Severity.INFO
    assert "only 'deal_created', 'paid' can move it on by itself" in d.message


def test_data_rules_and_stage_changes_are_people_driven():
    """An attempt limit and a stage change depend on what people do: still a warning."""
    text = (HEAD + "field n count\nstages { A\n B }\n"
            "status New { initial\n stages A\n when n >= 5 -> Done }\n"
            "status Work { stages B\n requires notes\n sla 1 day notify owner }\n"
            "when stage becomes B -> Work\n")
    [d] = run(text, RULE)
    assert (d.span.line, d.severity) == (8, Severity.WARNING)


def test_outcomes_and_locked_statuses_are_exempt():
    """Won, lost and locked statuses end the funnel or cannot be left."""
    text = (HEAD + "status New { initial\n sla 2 hours notify owner }\n"
            "status Lost { outcome lost }\nstatus Removed { locked }\n"
            "transition New -> Lost manual\ntransition New -> Removed manual\n")
    assert lines(text, RULE) == []


def test_a_status_nothing_leaves_is_left_to_dead_end():
    """With no move out at all, dead-end reports the status; no second finding here."""
    text = HEAD + "status New { initial }\nstatus Limbo {}\ntransition New -> Limbo manual\n"
    assert lines(text, RULE) == [5]


def test_unicode_and_quoted_names():
    """Chinese and quoted Malay names appear in the message as written."""
    text = (HEAD + 'status 新建 { initial\n sla 2 hours notify owner }\n'
            'status "Dikitar Semula" {}\n'
            'transition 新建 -> "Dikitar Semula" manual\n'
            'transition "Dikitar Semula" -> Done manual\n')
    assert messages(text, RULE) == [
        "nothing notices a lead sitting in 'Dikitar Semula': it has no SLA, no timer and no "
        "alert, and only people can move it on"]


def test_universal_gets_one_info_on_recycled():
    """universal.leads: Recycled has no SLA, timer or alert, and only `first_outreach` ends it.

    That is right: a recycled lead is handed to a new rep, and if the first outreach never
    happens nothing tells anyone (seed 000: every status needs a clear "what happens next",
    and Nurture-like statuses become black holes without a schedule). It is an info, not a
    warning, because the move out is an automatic event.
    """
    text = (EXAMPLES / "universal.leads").read_text(encoding="utf-8")
    found = [(d.span.line, d.severity) for d in run(text, RULE)]
    assert found == [(143, Severity.INFO)]
    assert "'Recycled'" in messages(text, RULE)[0]
