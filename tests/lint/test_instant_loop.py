"""instant-loop: circles of automatic moves that never wait."""

from tests.conftest import EXAMPLES
from tests.lint.helpers import lines, messages, run

FIELDS = "field n count\nfield p choice(A, B, C)\nfield reply bool\n"
OUT = ("status Won { outcome won }\nstatus Lost { outcome lost }\n"
       "transition any -> Lost manual\n")


def scheme(a: str, b: str, tail: str = "") -> str:
    """New → X, with X's and Y's bodies given (lines 4 to 6 hold the statuses)."""
    return (FIELDS + "status New { initial }\n" + f"status X {{ {a} }}\nstatus Y {{ {b} }}\n"
            + OUT + "transition New -> X manual\n" + tail)


def test_two_data_rules_pointing_at_each_other():
    """X → Y and Y → X by data rules: reported once, on X's rule, with both conditions."""
    text = scheme("when n >= 3 -> Y", "when reply -> X")
    assert lines(text, "instant-loop") == [5]
    assert messages(text, "instant-loop") == [
        "data rules with no wait move leads round 'X' → 'Y' → 'X' ('X' → 'Y' when n >= 3; "
        "'Y' → 'X' when reply): if these conditions hold together, the CRM moves the lead "
        "round and round"]


def test_exclusive_conditions_cannot_spin():
    """`p = C` one way and `p in (A, B)` back can never hold together: no loop."""
    assert lines(scheme("when p = C -> Y", "when p in (A, B) -> X"), "instant-loop") == []
    assert lines(scheme("when n >= 3 -> Y", "when n < 3 -> X"), "instant-loop") == []


def test_exclusive_conditions_spin_when_the_loop_changes_the_data():
    """A `set` on a move or on entry can make the other condition true in turn."""
    by_move = scheme("when p = C -> Y set p = A", "when p in (A, B) -> X")
    by_entry = scheme("when p = C -> Y", "on enter { set p = C }\n when p in (A, B) -> X")
    assert lines(by_move, "instant-loop") == [5]
    assert lines(by_entry, "instant-loop") == [5]


def test_the_targets_requires_count_as_conditions():
    """X requires p = A and Y requires p = B: no lead can be moved both ways."""
    text = scheme("requires p = A\n when n >= 3 -> Y", "requires p = B\n when reply -> X")
    assert lines(text, "instant-loop") == []


def test_a_real_wait_breaks_the_loop_but_zero_does_not():
    """A timer with a delay is a resting point; `after 0 minutes` is not."""
    assert lines(scheme("when n >= 3 -> Y", "after 30 days -> X when reply"),
                 "instant-loop") == []
    assert lines(scheme("when n >= 3 -> Y", "after 0 minutes -> X"), "instant-loop") == [5]


def test_a_data_rule_into_its_own_status():
    """`when n >= 3 -> X` inside X fires again and again."""
    assert messages(scheme("when n >= 3 -> X", ""), "instant-loop") == [
        "a rule in 'X' moves leads back into 'X' itself with no wait: while `n >= 3` holds "
        "it fires again and again"]


def test_one_event_round_a_circle():
    """The same event moving X → Y and Y → X is reported; different events are not."""
    same = scheme("", "", "transition X -> Y on ping auto\ntransition Y -> X on ping auto\n")
    other = scheme("", "", "transition X -> Y on ping auto\ntransition Y -> X on pong auto\n")
    assert lines(same, "instant-loop") == [11]
    assert "the event 'ping' moves leads round 'X' → 'Y' → 'X'" in messages(
        same, "instant-loop")[0]
    assert lines(other, "instant-loop") == []


def test_event_loops_with_exclusive_requirements_and_self_loops_are_fine():
    """`requires` that exclude each other stop the bounce; re-entering on an event is once."""
    exclusive = scheme("", "", "transition X -> Y on ping auto requires p = A\n"
                       "transition Y -> X on ping auto requires p = B\n")
    self_loop = scheme("", "", "transition X -> X on ping auto\n")
    assert lines(exclusive, "instant-loop") == []
    assert lines(self_loop, "instant-loop") == []


def test_mixed_triggers_come_to_rest():
    """A data rule undoing an event's move bounces once; it does not spin."""
    text = scheme("when n >= 3 -> Y", "", "transition Y -> X on ping auto\n")
    assert lines(text, "instant-loop") == []


def test_stage_sync_back_and_forth_is_no_loop():
    """Promoted to SQL → Working, sent back to MQL → Nurture (seed 000): two stage changes,
    each happening once, not a loop."""
    text = ("stages { MQL\n SQL }\nstatus New { initial\n stages MQL }\n"
            "status Working { stages SQL }\nstatus Nurture { stages MQL }\n" + OUT
            + "when stage becomes SQL -> Working\nwhen stage returns to MQL -> Nurture\n")
    assert lines(text, "instant-loop") == []


def test_a_longer_circle_is_reported_once_from_its_first_status():
    """Three statuses in a data circle: one finding, starting at the first declared."""
    text = (FIELDS + "status New { initial }\nstatus C { when reply -> A }\n"
            "status A { when n >= 1 -> B }\nstatus B { when p = A -> C }\n" + OUT
            + "transition New -> A manual\n")
    [message] = messages(text, "instant-loop")
    assert "'C' → 'A' → 'B' → 'C'" in message
    assert lines(text, "instant-loop") == [5]


def test_unicode_names():
    """Polish names with diacritics are named as written."""
    text = (FIELDS + 'status Nowy { initial }\nstatus "Próby kontaktu" { when n >= 3 -> Żółty }\n'
            'status Żółty { when reply -> "Próby kontaktu" }\n' + OUT
            + 'transition Nowy -> "Próby kontaktu" manual\n')
    [message] = messages(text, "instant-loop")
    assert "'Próby kontaktu' → 'Żółty' → 'Próby kontaktu'" in message


def test_examples_have_no_instant_loop():
    """No bundled example spins (universal's SQL/MQL stage sync included)."""
    for name in ("universal", "stage_vs_status", "two_mandatory", "proposal_scale",
                 "qualification_pipeline"):
        text = (EXAMPLES / f"{name}.leads").read_text(encoding="utf-8")
        assert run(text, "instant-loop") == [], name


def test_a_zero_timer_into_its_own_status():
    """`after 0 minutes -> X` inside X re-enters X without end."""
    assert messages(scheme("after 0 minutes -> X", ""), "instant-loop") == [
        "a rule in 'X' moves leads back into 'X' itself with no wait, again and again"]
