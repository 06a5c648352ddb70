"""locked-exit: nothing may leave a locked status, by any kind of move."""

from leadrules.errors import Severity
from tests.conftest import EXAMPLES
from tests.lint.helpers import lines, messages, run

HEAD = ("field n count\nstatus New { initial }\nstatus Working {}\n"
        "status Lost { outcome lost }\ntransition New -> Converted on deal auto\n"
        "transition any -> Lost manual\n")


def converted(body: str = "") -> str:
    return f"status Converted {{ outcome won\n locked\n{body}}}\n"


def test_a_locked_status_with_no_way_out_is_fine():
    """Converted is locked and nothing leaves it: `any -> Lost` does not count."""
    assert lines(HEAD + converted(), "locked-exit") == []


def test_a_transition_out_is_an_error_on_the_source_name():
    """A transition naming the locked status as a source is an error at that name."""
    text = HEAD + converted() + "transition Working, Converted -> New manual\n"
    [d] = run(text, "locked-exit")
    assert d.severity == Severity.ERROR
    assert (d.span.line, d.span.column) == (10, 21)
    assert d.message == ("'Converted' is locked, but a manual transition moves leads out of it "
                         "to 'New'")


def test_an_automatic_transition_names_its_event():
    """An automatic move out names the event that would reopen the lead."""
    text = HEAD + converted() + "transition Converted -> Working on reopened auto\n"
    assert messages(text, "locked-exit") == [
        "'Converted' is locked, but an automatic transition on reopened moves leads out of it "
        "to 'Working'"]


def test_timers_and_data_rules_in_the_body_are_errors():
    """A timer and a data rule in the locked status's body are each reported; an alert is
    not a move."""
    body = " after 30 days notify owner\n after 90 days -> Working\n when n >= 1 -> New\n"
    assert lines(HEAD + converted(body), "locked-exit") == [10, 11]


def test_a_move_back_into_itself_is_reported_too():
    """Re-entering a locked status also leaves it (its `on exit` and `on enter` run again)."""
    body = " after 90 days -> Converted\n"
    assert messages(HEAD + converted(body), "locked-exit") == [
        "'Converted' is locked, but a timer moves leads out of it back into it"]


def test_unlocked_statuses_may_have_moves_out():
    """The same moves out of a status without `locked` are fine."""
    text = (HEAD + "status Converted { outcome won\n after 90 days -> Working }\n"
            "transition Converted -> New manual\n")
    assert lines(text, "locked-exit") == []


def test_examples_respect_locked_statuses():
    """The bundled examples never move a lead out of a locked status."""
    for name in ("universal", "stage_vs_status", "two_mandatory", "proposal_scale",
                 "qualification_pipeline"):
        text = (EXAMPLES / f"{name}.leads").read_text(encoding="utf-8")
        assert run(text, "locked-exit") == [], name
