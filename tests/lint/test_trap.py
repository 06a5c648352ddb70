"""trap: a closed group of non-outcome statuses from which no outcome can be reached."""

from tests.conftest import EXAMPLES
from tests.lint.helpers import lines, messages, run

BASE = ("status New { initial }\nstatus Working {}\nstatus Nurture {}\nstatus Recycled {}\n"
        "status Won { outcome won }\nstatus Lost { outcome lost }\n"
        "transition New -> Working manual\ntransition Working -> Won manual\n"
        "transition New, Working -> Lost manual\ntransition Working -> Nurture manual\n"
        "transition Nurture -> Recycled manual\ntransition Recycled -> Nurture manual\n")


def test_the_nurture_black_hole_is_reported_once():
    """Nurture and Recycled only lead to each other: one finding, on Nurture, naming both."""
    assert messages(BASE, "trap") == [
        "'Nurture' and 'Recycled' only lead to one another: no move ever brings a lead from "
        "them to a won or lost outcome"]
    assert lines(BASE, "trap") == [3]


def test_any_way_to_an_outcome_opens_the_trap():
    """A move back into the funnel, a timer to Lost or `any -> Lost` each open the trap."""
    for fix in ("transition Recycled -> Working manual\n",
                "transition any -> Lost manual\n"):
        assert lines(BASE + fix, "trap") == [], fix
    timer = BASE.replace("status Recycled {}", "status Recycled { after 90 days -> Lost }")
    assert lines(timer, "trap") == []


def test_a_lost_outcome_in_the_loop_is_no_trap():
    """Recycling from a lost outcome back into the funnel is a loop, not a trap."""
    text = BASE.replace("status Recycled {}", "status Recycled { outcome lost }")
    assert lines(text, "trap") == []


def test_single_dead_ends_are_left_to_dead_end():
    """A lone status with no way out is dead-end's; the loop draining into it is not
    reported either (giving the dead end a way out fixes both)."""
    text = ("status New { initial }\nstatus A {}\nstatus B {}\nstatus Sink {}\n"
            "status Won { outcome won }\nstatus Lost { outcome lost }\n"
            "transition New -> Won manual\ntransition New -> Lost manual\n"
            "transition New -> A manual\ntransition A -> B manual\ntransition B -> A manual\n"
            "transition B -> Sink manual\n")
    assert lines(text, "trap") == []
    assert lines(text, "dead-end") == [4]


def test_a_loop_feeding_a_trap_is_reported_through_the_trap():
    """Only the closed group at the bottom is reported, not the loop leading into it."""
    text = BASE + ("status Other1 {}\nstatus Other2 {}\ntransition New -> Other1 manual\n"
                   "transition Other1 -> Other2 manual\ntransition Other2 -> Other1 manual\n"
                   "transition Other2 -> Nurture manual\n")
    assert lines(text, "trap") == [3]


def test_two_traps_give_two_findings():
    """Each separate trap is reported on its own first-declared status."""
    text = BASE + ("status Pause {}\nstatus Hold {}\ntransition New -> Pause manual\n"
                   "transition Pause -> Hold on wait auto\ntransition Hold -> Pause manual\n")
    assert lines(text, "trap") == [3, 13]


def test_unicode_names():
    """Chinese and quoted Malay names are named as written."""
    text = ('status 新 { initial }\nstatus 培育 {}\nstatus "Dikitar Semula" {}\n'
            "status 赢 { outcome won }\nstatus 输 { outcome lost }\n"
            "transition 新 -> 赢 manual\ntransition 新 -> 输 manual\ntransition 新 -> 培育 manual\n"
            'transition 培育 -> "Dikitar Semula" manual\n'
            'transition "Dikitar Semula" -> 培育 manual\n')
    [message] = messages(text, "trap")
    assert message.startswith("'培育' and 'Dikitar Semula' only lead to one another")


def test_examples_have_no_trap():
    """Every bundled example lets each lead reach an outcome."""
    for name in ("universal", "stage_vs_status", "two_mandatory", "proposal_scale",
                 "qualification_pipeline"):
        text = (EXAMPLES / f"{name}.leads").read_text(encoding="utf-8")
        assert run(text, "trap") == [], name
