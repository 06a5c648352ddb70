"""unreachable-status: every status can be reached from the initial one, by any kind of move."""

from tests.lint.helpers import lines

HEAD = 'calendar business { timezone "UTC"\n open mon-fri 09:00-17:00 }\nfield n count\n'


def test_orphan_is_reported_at_its_declaration():
    """A status with no way in is reported where it is declared."""
    text = "status A { initial }\nstatus B {}\nstatus C {}\ntransition A -> B manual\n"
    assert lines(text, "unreachable-status") == [3]


def test_every_kind_of_move_counts():
    """Timers, data rules, automatic moves and stage sync all make a status reachable."""
    text = HEAD + (
        "stages { S1\n S2 }\n"
        "status A { initial\n after 3 days -> B\n when n >= 3 -> C }\n"
        "status B {}\nstatus C {}\nstatus D {}\nstatus E { stages S2 }\n"
        "transition C -> D on ping auto\nwhen stage becomes S2 -> E\n")
    assert lines(text, "unreachable-status") == []


def test_nothing_reported_without_an_initial_status():
    """With no start at all, single-initial speaks; this rule stays quiet."""
    assert lines("status A {}\nstatus B {}\n", "unreachable-status") == []
