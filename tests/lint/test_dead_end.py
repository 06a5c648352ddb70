"""dead-end: a status no move leaves must be an outcome; locked non-outcomes are info only."""

from leadrules.errors import Severity
from tests.conftest import EXAMPLES
from tests.lint.helpers import lines, messages, run

TAIL = ("status Won { outcome won }\nstatus Lost { outcome lost }\n"
        "transition New -> Won manual\ntransition any -> Lost manual\n")


def test_a_status_with_no_way_out_is_an_error():
    """A plain status nothing leaves is reported as an error, saying leads are stuck."""
    text = "status New { initial }\nstatus Parked {}\n" + TAIL + \
        "transition New -> Parked manual\n"
    # `any -> Lost` leaves Parked too: take that away to make it a dead end
    text = text.replace("transition any -> Lost manual\n", "transition New -> Lost manual\n")
    [d] = run(text, "dead-end")
    assert (d.span.line, d.severity) == (2, Severity.ERROR)
    assert "stuck forever" in d.message and "'Parked'" in d.message


def test_outcomes_may_be_final():
    """Won and lost outcomes with no way out are what a funnel ends in: not reported."""
    text = "status New { initial }\n" + TAIL
    assert lines(text, "dead-end") == []


def test_every_kind_of_move_is_a_way_out():
    """A timer, a data rule, an automatic move or a stage change each count as a way out;
    without it the same status is a dead end."""
    head = "field n count\nstages { S1\n S2 }\n"
    outcomes = "status Won { outcome won }\nstatus Lost { outcome lost }\n"
    ways = {"timer": ("after 30 days -> Lost", ""),
            "data rule": ("when n >= 3 -> Lost", ""),
            "automatic move": ("", "transition New -> Lost on bounce auto\n"),
            "stage change": ("stages S1", "when stage becomes S2 -> Won\n")}
    without = head + "status New { initial }\n" + outcomes
    assert lines(without, "dead-end") == [4]
    for kind, (body, tail) in ways.items():
        text = head + f"status New {{ initial\n {body} }}\n" + outcomes + tail
        assert lines(text, "dead-end") == [], kind


def test_a_move_back_into_itself_is_no_way_out():
    """A timer that only re-enters the same status does not let the lead leave."""
    text = ("status New { initial\n after 1 day -> New }\nstatus Won { outcome won }\n"
            "status Lost { outcome lost }\n")
    assert lines(text, "dead-end") == [1]


def test_a_locked_status_without_outcome_is_info():
    """A locked status that is not an outcome (a removal exit) is info and says so."""
    text = ("status New { initial }\nstatus Removed { locked }\n" + TAIL
            + "transition New -> Removed manual\n")
    [d] = run(text, "dead-end")
    assert (d.span.line, d.severity) == (2, Severity.INFO)
    assert "locked and not an outcome" in d.message


def test_unicode_and_quoted_names():
    """Quoted Russian names are reported as written."""
    text = ('status Новый { initial }\nstatus "Ждёт ответа" {}\nstatus Отказ { outcome lost }\n'
            'transition Новый -> "Ждёт ответа" manual\ntransition Новый -> Отказ manual\n')
    assert messages(text, "dead-end") == [
        "no move leaves 'Ждёт ответа' and it is not an outcome: leads there are stuck forever"]


def test_examples():
    """The examples have no dead end; qualification_pipeline's Removed (seed 004's removal
    exit: a lead entered by mistake) is the one locked non-outcome, reported as info."""
    for name in ("universal", "stage_vs_status", "two_mandatory", "proposal_scale"):
        text = (EXAMPLES / f"{name}.leads").read_text(encoding="utf-8")
        assert run(text, "dead-end") == [], name
    text = (EXAMPLES / "qualification_pipeline.leads").read_text(encoding="utf-8")
    [d] = run(text, "dead-end")
    assert d.severity == Severity.INFO and "'Removed'" in d.message
