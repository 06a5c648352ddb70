"""missing-definition: every status has a written `means` definition (seed 000)."""

from leadrules.lint import lint
from tests.lint.helpers import TODAY, lines, messages

RULE = "missing-definition"
MOVES = "transition New -> Working manual\n"


def test_a_status_without_means_is_reported():
    """One status lacks `means`: it alone is reported, where it is declared."""
    text = 'status New { initial\n means "Just arrived." }\nstatus Working { }\n' + MOVES
    assert messages(text, RULE) == ["'Working' has no `means` definition"]
    assert lines(text, RULE) == [3]


def test_an_empty_definition_counts_as_none():
    """`means ""` is no definition."""
    text = 'status New { initial\n means "Just arrived." }\nstatus Working { means "  " }\n'
    assert lines(text + MOVES, RULE) == [3]


def test_no_definitions_at_all_is_one_finding():
    """When no status has a definition, one finding says so (not one per status)."""
    text = "status New { initial }\nstatus Working { }\nstatus Won { outcome won }\n" + MOVES
    assert messages(text, RULE) == [
        "none of the 3 statuses has a `means` definition, so reps have no status guide"]


def test_a_definition_that_repeats_the_name():
    """`means "Working"` or a definition repeating the label says nothing."""
    text = ('status New { initial\n means "Just arrived." }\n'
            'status Working "In progress" { means "In progress." }\n' + MOVES)
    assert messages(text, RULE) == ["the definition of 'Working' only repeats its name"]


def test_outcomes_need_definitions_too():
    """"Lost" must say what counts as lost."""
    text = ('status New { initial\n means "Just arrived." }\nstatus Lost { outcome lost }\n'
            "transition New -> Lost manual\n")
    assert lines(text, RULE) == [3]


def test_every_universal_status_is_defined(universal):
    """All ten universal statuses have definitions."""
    assert [d for d in lint(universal, today=TODAY).diagnostics if d.rule == RULE] == []
