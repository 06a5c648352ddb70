"""duplicate-transition: the same move written twice, named or through `any`."""

from tests.conftest import EXAMPLES
from tests.lint.helpers import lines, messages, run

HEAD = ("role manager\nfield n count\nstatus New { initial }\nstatus Working {}\n"
        "status Won { outcome won }\nstatus Lost { outcome lost }\n"
        "transition New -> Working manual\ntransition Working -> Won manual\n")


def test_any_then_a_named_source():
    """`any -> Lost` then `New -> Lost`: the later line is reported, naming the first."""
    text = HEAD + "transition any -> Lost manual\ntransition New -> Lost manual\n"
    assert lines(text, "duplicate-transition") == [10]
    assert messages(text, "duplicate-transition") == [
        "'New' → 'Lost' (manual) is already allowed on line 9 by `transition any -> Lost`"]


def test_a_named_source_then_any():
    """The other way round, the `any` line is the later one and is reported."""
    text = HEAD + "transition New -> Lost manual\ntransition any -> Lost manual\n"
    assert messages(text, "duplicate-transition") == [
        "`any` on this line includes 'New' → 'Lost' (manual), already allowed on line 9"]


def test_the_same_line_twice():
    """Two identical named transitions: the second is reported at the repeated source."""
    text = HEAD + "transition Working, New -> Lost manual\ntransition New -> Lost manual\n"
    [d] = run(text, "duplicate-transition")
    assert (d.span.line, d.span.column) == (10, 12)
    assert d.message == "'New' → 'Lost' (manual) is already allowed on line 9"


def test_different_requirements_are_called_out():
    """When one line asks for approval and the other does not, the message says so."""
    text = (HEAD + "transition any -> Lost manual approve manager if n >= 3\n"
            "transition New -> Lost manual\n")
    [message] = messages(text, "duplicate-transition")
    assert message.endswith("the two lines ask for different conditions or approvals, so "
                            "which apply is unclear")


def test_a_different_kind_or_event_is_not_a_duplicate():
    """A manual move and an automatic one, or two events, are different moves."""
    text = (HEAD + "transition any -> Lost manual\ntransition New -> Lost on bounce auto\n"
            "transition New -> Lost on unsubscribe auto\n")
    assert lines(text, "duplicate-transition") == []


def test_a_status_named_twice_in_one_transition():
    """`transition New, New -> Lost` names New twice."""
    text = HEAD + "transition New, New -> Lost manual\n"
    assert messages(text, "duplicate-transition") == ["this transition names 'New' twice"]


def test_one_finding_per_pair_of_lines():
    """Two `any` lines to the same target: one finding listing the repeated sources."""
    text = HEAD + "transition any -> Lost manual\ntransition any -> Lost manual\n"
    [message] = messages(text, "duplicate-transition")
    assert message.startswith("`any` on this line includes 'New', 'Working' and 'Won' → 'Lost'")


def test_repeated_timers_and_data_rules():
    """The same timer or data rule written twice in one status is reported; a different delay
    or condition is not."""
    body = (" after 30 days -> Lost\n when n >= 3 -> Lost\n after 30 days -> Lost\n"
            " when n >= 3 -> Lost\n after 31 days -> Lost\n when n >= 4 -> Lost\n")
    text = HEAD.replace("status Working {}", "status Working {\n" + body + "}")
    assert lines(text, "duplicate-transition") == [7, 8]
    assert messages(text, "duplicate-transition")[0] == (
        "in 'Working', the timer after 30 days to 'Lost' is already written on line 5")


def test_unicode_names():
    """Quoted Russian names, as in seed 003's rejected statuses."""
    text = ('status Новый { initial }\nstatus "Забракован: отказ" { outcome lost }\n'
            'status Сконвертирован { outcome won }\n'
            'transition any -> "Забракован: отказ" manual\n'
            'transition Новый -> "Забракован: отказ" manual\n')
    assert messages(text, "duplicate-transition") == [
        "'Новый' → 'Забракован: отказ' (manual) is already allowed on line 4 by "
        "`transition any -> \"Забракован: отказ\"`"]


def test_examples_write_each_move_once():
    """universal.leads has `Attempting -> Connected` both automatic and manual: allowed."""
    for name in ("universal", "stage_vs_status", "two_mandatory", "proposal_scale",
                 "qualification_pipeline"):
        text = (EXAMPLES / f"{name}.leads").read_text(encoding="utf-8")
        assert run(text, "duplicate-transition") == [], name
