"""order-contradicts-process: statuses are declared in the order leads go through them."""

from leadrules.lint import lint
from tests.lint.helpers import TODAY, lines, messages, run

RULE = "order-contradicts-process"


def declared(*names: str, moves: str) -> str:
    return "".join(f"status {n} {{ {'initial' if n == 'New' else ''} }}\n" for n in names) + moves


CHAIN = ("transition New -> Processing manual\ntransition Processing -> Proposal manual\n"
         "transition Proposal -> Won manual\n")


def test_process_order_is_fine():
    """New, Processing, Proposal, Won: the scale reads from start to decision."""
    assert run(declared("New", "Processing", "Proposal", "Won", moves=CHAIN), RULE) == []


def test_a_status_declared_after_the_ones_it_leads_to():
    """Processing comes after Proposal and Won, which every lead reaches through it: one
    finding, on Processing, naming both."""
    text = declared("New", "Proposal", "Won", "Processing", moves=CHAIN)
    assert messages(text, RULE) == [
        "'Processing' is declared after 'Proposal' and 'Won', yet every lead reaches them "
        "only through 'Processing'"]
    assert lines(text, RULE) == [4]


def test_the_initial_status_comes_first():
    """Statuses declared before the initial one are named on it."""
    text = declared("Won", "New", "Processing", "Proposal", moves=CHAIN)
    assert messages(text, RULE) == [
        "'New' is where every lead starts, yet 'Won' is declared before it",
        "'Proposal' is declared after 'Won', yet every lead reaches it only through "
        "'Proposal'"]


def test_side_statuses_reached_along_other_paths_may_come_last():
    """Nurture, reached from Processing and from Proposal, and Lost, reached from anywhere,
    are declared after Won: no status on every path to them is declared later."""
    moves = CHAIN + ("transition Processing, Proposal -> Nurture manual\n"
                     "transition Nurture -> Processing manual\ntransition any -> Lost manual\n")
    text = declared("New", "Processing", "Proposal", "Won", "Nurture", "Lost", moves=moves)
    assert run(text, RULE) == []


def test_a_second_path_lifts_the_constraint():
    """With a shortcut New -> Proposal, Proposal no longer needs to follow Processing."""
    moves = CHAIN + "transition New -> Proposal on form_with_brief auto\n"
    assert run(declared("New", "Proposal", "Processing", "Won", moves=moves), RULE) == []
    assert lines(declared("New", "Proposal", "Processing", "Won", moves=CHAIN), RULE) == [3]


def test_timers_and_data_rules_are_moves_too():
    """A timed move makes the order Working then Stale."""
    text = ("status New { initial }\nstatus Stale { }\n"
            "status Working { after 30 days -> Stale }\ntransition New -> Working manual\n"
            "transition Stale -> Working manual\n")
    assert lines(text, RULE) == [3]


def test_without_a_single_start_nothing_is_said():
    """No initial status, or two: single-initial reports that instead."""
    assert run("status A { }\nstatus B { }\ntransition A -> B manual\n", RULE) == []
    text = "status B { initial }\nstatus A { initial }\ntransition A -> B manual\n"
    assert run(text, RULE) == []


def test_universal_scheme_is_in_process_order(universal):
    """New … Converted, then Nurture, Unqualified and Recycled, which leads reach from
    several statuses: no finding."""
    assert [d for d in lint(universal, today=TODAY).diagnostics if d.rule == RULE] == []
