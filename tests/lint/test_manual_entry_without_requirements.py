"""manual-entry-without-requirements: a rep's status change must come with data."""

from tests.lint.helpers import lines, messages

RULE = "manual-entry-without-requirements"
HEAD = "field notes text\nfield lost_reason choice(budget, other)\n"


def test_manual_move_into_a_bare_status_is_reported():
    """No `requires` on the status nor on the manual transition: reported at the status."""
    text = HEAD + "status New { initial }\nstatus Working {}\ntransition New -> Working manual\n"
    assert lines(text, RULE) == [4]
    assert messages(text, RULE) == [
        "reps can move leads into 'Working' by hand (from 'New') without entering anything: "
        "neither the status nor those transitions have `requires`"]


def test_requires_on_the_status_is_enough():
    """The status's own `requires` covers every manual way in."""
    text = (HEAD + "status New { initial }\nstatus Working { requires notes }\n"
            "transition New -> Working manual\n")
    assert lines(text, RULE) == []


def test_requires_on_every_manual_transition_is_enough():
    """Each manual move asks for data of its own: nothing to report."""
    text = (HEAD + "status New { initial }\nstatus A {}\nstatus Working {}\n"
            "transition New -> A manual requires notes\n"
            "transition New, A -> Working manual requires notes\n")
    assert lines(text, RULE) == []


def test_one_bare_manual_transition_is_enough_to_report():
    """One manual way in without data is a way around the others; only its sources are named."""
    text = (HEAD + "status New { initial }\nstatus A { requires notes }\nstatus Working {}\n"
            "transition New -> A manual\n"
            "transition New -> Working manual requires notes\n"
            "transition A -> Working manual\n")
    assert messages(text, RULE) == [
        "reps can move leads into 'Working' by hand (from 'A') without entering anything: "
        "neither the status nor those transitions have `requires`"]


def test_any_is_named_as_any_status():
    """`transition any -> X` is described as coming from any status."""
    text = (HEAD + "status New { initial }\nstatus Parked {}\ntransition any -> Parked manual\n")
    assert "(from any status)" in messages(text, RULE)[0]


def test_automatic_moves_are_not_manual_entries():
    """Statuses entered only by events, timers, data rules or at creation are not reported."""
    text = (HEAD + "field n count\nstatus New { initial\n after 3 days -> B\n when n >= 3 -> C }\n"
            "status B {}\nstatus C {}\nstatus D {}\ntransition C -> D on ping auto\n")
    assert lines(text, RULE) == []


def test_outcomes_are_left_to_their_own_rules():
    """Won and lost outcomes are checked by won-without-deal-data and lost-without-reason."""
    text = (HEAD + "status New { initial }\nstatus Won { outcome won\n locked }\n"
            "status Lost { outcome lost }\n"
            "transition New -> Won manual\ntransition New -> Lost manual\n")
    assert lines(text, RULE) == []


def test_an_initial_status_reps_can_return_to_is_checked():
    """The initial status is skipped only while it is entered at creation alone."""
    text = (HEAD + "status New { initial }\nstatus A { requires notes }\n"
            "transition New -> A manual requires notes\ntransition A -> New manual\n")
    assert lines(text, RULE) == [3]


def test_unicode_and_quoted_names():
    """Chinese bare and Malay quoted names appear in the message as written."""
    text = ('field 备注 text\nstatus 新建 { initial }\nstatus "Sedang Diusahakan" {}\n'
            'transition 新建 -> "Sedang Diusahakan" manual\n')
    assert messages(text, RULE)[0].startswith(
        "reps can move leads into 'Sedang Diusahakan' by hand (from '新建')")
