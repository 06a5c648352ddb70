"""short-status: statuses every lead leaves at once, or within minutes, by automation."""

from tests.conftest import EXAMPLES
from tests.lint.helpers import lines, messages, run

HEAD = ("calendar business { timezone \"UTC\"\n open mon-fri 09:00-17:00 }\n"
        "field n count\nfield p choice(A, B, C)\nfield doc text\n"
        "status New { initial }\nstatus Next {}\n"
        "status Won { outcome won }\nstatus Lost { outcome lost\n requires p }\n"
        "transition New -> S manual\ntransition Next -> Won manual\n"
        "transition any -> Lost manual\n")


def s(body: str) -> str:
    """A status S with the body given; its first body line is line 15."""
    return HEAD + f"status S {{\n{body}\n}}\n"


def test_a_data_rule_that_holds_on_entry():
    """`requires n >= 3` makes `when n >= 1 -> Next` true at once: every lead passes through."""
    text = s("requires n >= 3\nwhen n >= 1 -> Next")
    assert lines(text, "short-status") == [16]
    assert messages(text, "short-status") == [
        "every lead leaves 'S' the moment it arrives: its `requires` already makes the rule "
        "`when n >= 1 -> Next` true"]


def test_a_data_rule_that_may_not_hold_is_fine():
    """`requires n >= 1` does not make `n >= 3` true: leads wait for it (the attempt limit)."""
    assert lines(s("requires n >= 1\nwhen n >= 3 -> Next"), "short-status") == []
    assert lines(s("when n >= 3 -> Next"), "short-status") == []


def test_entry_sets_count_as_known_values():
    """`on enter { set p = C }` with `when p = C -> Next`: every lead passes through; a
    `requires` about p is overridden by the set value."""
    text = s("requires p = A\non enter { set p = C }\nwhen p = C -> Next")
    assert lines(text, "short-status") == [17]
    assert "its `requires` and its `on enter { set … }` already make" in messages(
        text, "short-status")[0]
    assert lines(s("requires p = C\non enter { set p = A }\nwhen p = C -> Next"),
                 "short-status") == []


def test_the_targets_requires_must_follow_too():
    """A move to a status whose `requires` is not known to hold may wait: not reported,
    unless the rule sets what is missing."""
    assert lines(s("requires n >= 3\nwhen n >= 1 -> Lost"), "short-status") == []
    assert lines(s("requires n >= 3\nwhen n >= 1 -> Lost set p = A"), "short-status") == [16]


def test_a_short_timer_from_entry():
    """`after 10 minutes` (or 10 business minutes, or 0) moves every lead on within minutes,
    whatever other ways out there are."""
    for delay in ("10 minutes", "10 business minutes", "0 hours", "0.2 hours"):
        text = s(f"after {delay} -> Next") + "transition S -> Won manual\n"
        assert lines(text, "short-status") == [15], delay
    assert messages(s("after 0 minutes -> Next"), "short-status")[0].startswith(
        "every lead leaves 'S' at once (`after 0 minutes -> Next`)")


def test_long_or_conditional_timers_are_fine():
    """15 minutes or more, or a timer with `when`, does not make the status short."""
    assert lines(s("after 15 minutes -> Next"), "short-status") == []
    assert lines(s("after 1 business day -> Next"), "short-status") == []
    assert lines(s("after 10 minutes -> Next when n >= 3"), "short-status") == []


def test_min_minutes_is_an_option():
    """A council may call 30 minutes short, or only zero."""
    assert lines(s("after 20 minutes -> Next"), "short-status",
                 options={"min-minutes": 30}) == [15]
    assert lines(s("after 10 minutes -> Next"), "short-status",
                 options={"min-minutes": 0}) == []
    assert lines(s("after 0 minutes -> Next"), "short-status",
                 options={"min-minutes": 0}) == [15]


def test_a_short_timer_without_activity_only_when_it_is_the_only_way_out():
    """`after 5 minutes without activity` is reported only when nothing else leaves S."""
    only = HEAD.replace("transition any -> Lost manual\n", "") + \
        "status S {\nafter 5 minutes without activity -> Next\n}\n"
    assert lines(only, "short-status") == [14]
    assert lines(s("after 5 minutes without activity -> Next"), "short-status") == []


def test_outcomes_and_locked_statuses_are_left_alone():
    """An outcome or a locked status is not a stage of work in the funnel."""
    text = HEAD.replace("status Lost { outcome lost\n", "status Lost { outcome lost\n "
                        "after 5 minutes -> New\n")
    assert lines(text + "status S {}\n", "short-status") == []


def test_unicode_names():
    """Seed 003's example: "КП подготовлено" then "КП отправлено" minutes later."""
    text = ('status Новый { initial }\nstatus "КП подготовлено" {\n'
            ' after 10 minutes -> "КП отправлено"\n}\nstatus "КП отправлено" {}\n'
            "status Сконвертирован { outcome won }\nstatus Забракован { outcome lost }\n"
            'transition Новый -> "КП подготовлено" manual\n'
            'transition "КП отправлено" -> Сконвертирован manual\n'
            "transition any -> Забракован manual\n")
    assert messages(text, "short-status") == [
        "every lead leaves 'КП подготовлено' within 10 minutes "
        "(`after 10 minutes -> \"КП отправлено\"`): a status that lasts minutes is a step of "
        "work, not a stage"]


def test_examples_have_no_short_status():
    """No bundled example has a pass-through status (universal's attempt limit needs 10
    attempts while Attempting only requires one)."""
    for name in ("universal", "stage_vs_status", "two_mandatory", "proposal_scale",
                 "qualification_pipeline"):
        text = (EXAMPLES / f"{name}.leads").read_text(encoding="utf-8")
        assert run(text, "short-status") == [], name
