"""single-initial: exactly one status is where new leads start."""

from tests.lint.helpers import lines, messages

TAIL = "status B {}\ntransition A -> B manual\n"


def test_one_initial_status_is_fine():
    """One `initial` status: nothing to report."""
    assert lines("status A { initial }\n" + TAIL, "single-initial") == []


def test_no_initial_status():
    """No `initial` status is reported on the first status."""
    assert messages("status A {}\n" + TAIL, "single-initial") == [
        "no status is marked `initial`, so new leads start nowhere"]


def test_two_initial_statuses():
    """The second `initial` status is reported, naming the first."""
    text = "status A { initial }\nstatus B { initial }\ntransition A -> B manual\n"
    assert lines(text, "single-initial") == [2]
    assert "the first is 'A'" in messages(text, "single-initial")[0]
