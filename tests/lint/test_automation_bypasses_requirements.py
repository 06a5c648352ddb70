"""automation-bypasses-requirements: automatic moves supply what the target requires of reps."""

import datetime as dt

from leadrules import Loader
from leadrules.errors import Severity
from leadrules.lint import lint
from tests.conftest import EXAMPLES
from tests.lint.helpers import lines, messages, run

RULE = "automation-bypasses-requirements"
HEAD = ('calendar business { timezone "UTC"\n open mon-fri 09:00-17:00 }\n'
        "field notes text\nfield n count\nfield reason choice(budget, other, unreachable)\n"
        "field trigger text\n")


def test_an_event_into_a_status_with_requires_is_reported():
    """An email reply makes the lead Connected without the notes reps must log."""
    text = (HEAD + "status New { initial }\nstatus Connected { requires notes }\n"
            "transition New -> Connected on reply_received auto\n")
    [d] = run(text, RULE)
    assert (d.span.line, d.severity) == (9, Severity.INFO)
    assert d.message == ("the automatic move on 'reply_received' from 'New' moves leads into "
                         "'Connected' without supplying notes, which reps must fill in to move "
                         "a lead there")


def test_manual_moves_are_not_automation():
    """A rep's move is held to `requires` by the CRM: not reported."""
    text = (HEAD + "status New { initial }\nstatus Connected { requires notes }\n"
            "transition New -> Connected manual\n")
    assert lines(text, RULE) == []


def test_a_set_on_the_move_or_on_enter_supplies_the_field():
    """The timer's own `set` and the target's `on enter { set … }` both count."""
    text = (HEAD + "status New { initial\n after 5 days -> Lost set reason = unreachable }\n"
            'status Lost { outcome lost\n requires reason\n after 90 days -> Back }\n'
            'status Back { requires trigger\n on enter { set trigger = "review" } }\n')
    assert lines(text, RULE) == []


def test_the_moves_own_condition_supplies_the_field():
    """`when n >= 10 -> X` makes sure n is filled in; the target requiring n is met."""
    text = (HEAD + "status New { initial\n when n >= 10 -> Parked }\n"
            "status Parked { requires n >= 1 }\n")
    assert lines(text, RULE) == []


def test_data_carried_from_the_source_status_counts():
    """A field the source status required is still on the lead."""
    text = (HEAD + "status New { initial\n requires notes\n after 3 days -> Next }\n"
            "status Next { requires notes }\n")
    assert lines(text, RULE) == []


def test_timers_data_rules_and_stage_changes_are_automation():
    """Each kind of automatic move is reported once, at the line that writes it."""
    text = (HEAD + "stages { S1\n S2 }\n"
            "status New { initial\n stages S1\n after 3 days -> Work\n when n >= 3 -> Work }\n"
            "status Work { stages S1, S2\n requires notes }\n"
            "when stage becomes S2 -> Work\n")
    assert lines(text, RULE) == [11, 12, 15]


def test_a_move_from_several_statuses_is_reported_once():
    """One transition from two statuses is one finding; a field missing from either is named."""
    text = (HEAD + "status New { initial\n requires notes }\nstatus B {}\n"
            "status T { requires notes and trigger }\n"
            "transition New, B -> T on ping auto\n")
    assert messages(text, RULE) == [
        "the automatic move on 'ping' from 'New', 'B' moves leads into 'T' without supplying "
        "notes, trigger, which reps must fill in to move a lead there"]


def test_an_or_needs_only_one_branch():
    """`requires notes or trigger` is met when the move sets one of them."""
    text = (HEAD + "status New { initial\n after 3 days -> T set trigger = \"x\" }\n"
            "status T { requires notes or trigger }\n")
    assert lines(text, RULE) == []


def test_a_set_value_the_target_rejects_is_a_warning():
    """Setting `reason = other` into a status requiring budget or unreachable is a certain error."""
    text = (HEAD + "status New { initial\n after 3 days -> Lost set reason = other }\n"
            "status Lost { outcome lost\n requires reason in (budget, unreachable) }\n")
    [d] = run(text, RULE)
    assert d.severity == Severity.WARNING
    assert d.message == ("the timer 'after 3 days' in 'New' sets reason = other, which does not "
                         "meet what 'Lost' requires: reason in (budget, unreachable)")


def test_a_target_without_requires_is_fine():
    """Nothing is required, so nothing is bypassed."""
    text = HEAD + "status New { initial\n after 30 days -> Stale }\nstatus Stale {}\n"
    assert lines(text, RULE) == []


def test_unicode_names():
    """Russian quoted names appear in the message as written."""
    text = ('field "причина отказа" choice(нет_бюджета, другое)\n'
            'status "Новая заявка" { initial }\n'
            'status Отказ { outcome lost\n requires "причина отказа" }\n'
            'transition "Новая заявка" -> Отказ on спам auto\n')
    assert messages(text, RULE)[0].startswith(
        "the automatic move on 'спам' from 'Новая заявка' moves leads into 'Отказ' without "
        "supplying причина отказа")


def test_universal_gets_exactly_these_infos():
    """universal.leads: every automatic move into a status whose data it does not supply.

    These are right: seed 000 makes reps log notes to enter Connected, fill in discovery, need
    and timeline for Working, and the opportunity id, close date and value for Converted,
    while the scheme lets events, the attempt limit, the recycling timer and stage changes
    put leads there with none of it. Stale -> Unqualified sets lost_reason and Nurture ->
    Recycled sets recycle_trigger, so those are not reported; Stale requires nothing.
    """
    path = EXAMPLES / "universal.leads"
    result = lint(Loader().scheme(path), source=path.read_text(encoding="utf-8"),
                  today=dt.date(2026, 11, 26))
    got = [(d.span.line, d.message.split(" moves leads into ")[0],
            d.message.split("without supplying ")[1].split(", which reps")[0])
           for d in result.diagnostics if d.rule == RULE]
    assert all(d.severity == Severity.INFO for d in result.diagnostics if d.rule == RULE)
    assert got == [
        (76, "the rule 'when attempts >= 10' in 'Attempting'",
         "nurture_reason, reengage_on, last_meaningful"),
        (140, "the timer 'after 180 days' in 'Unqualified'", "recycle_trigger"),
        (154, "the automatic move on 'first_outreach' from 'New'", "attempts, next_follow_up"),
        (155, "the automatic move on 'reply_received' from 'Attempting'",
         "connect_notes, next_step"),
        (157, "the automatic move on 'meeting_held' from 'Connected'",
         "discovery, need, timeline"),
        (159, "the automatic move on 'opportunity_created' from 'Qualified'",
         "opportunity_id, close_date, deal_value"),
        (162, "the automatic move on 'first_outreach' from 'Recycled'", "next_follow_up"),
        (166, "the stage change 'when stage becomes SQL'", "discovery, need, timeline"),
        (167, "the stage change 'when stage becomes Opportunity'",
         "opportunity_id, close_date, deal_value"),
        (168, "the stage change 'when stage returns to MQL'",
         "nurture_reason, reengage_on, last_meaningful"),
    ]
