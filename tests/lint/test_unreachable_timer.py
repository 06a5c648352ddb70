"""unreachable-timer: no timer, alert or SLA is always beaten by a shorter sure timer."""

from tests.lint.helpers import lines, messages

RULE = "unreachable-timer"
HEAD = ('calendar business { timezone "UTC"\n open mon-fri 09:00-17:00 }\n'
        "role manager\nfield n count\nstatus Out { after 1 day notify manager }\n")


def status(*body: str) -> str:
    return HEAD + "status S {\n  initial\n" + "".join(f"  {b}\n" for b in body) + "}\n"


def test_business_sla_behind_a_calendar_timer_is_reported():
    """10 business days are at least 14 calendar days: `after 7 days` always wins."""
    text = status("sla 10 business days escalate manager", "after 7 days -> Out")
    assert lines(text, RULE) == [8]
    assert messages(text, RULE) == [
        "'sla 10 business days' in 'S' can never be breached: 'after 7 days -> Out' always "
        "moves the lead out first (after at most 7 days, against at least 14 days)"]


def test_a_business_sla_that_can_end_first_is_fine():
    """5 business days can end after exactly 7 days (entered on a Monday morning): no report."""
    assert lines(status("sla 5 business days escalate manager", "after 7 days -> Out"),
                 RULE) == []


def test_a_business_timer_is_taken_at_its_longest():
    """`after 2 business days` can take 4 days 16 hours (entered on a Friday evening)."""
    assert lines(status("after 2 business days -> Out", "after 5 days notify manager"),
                 RULE) == [9]
    assert lines(status("after 3 business days -> Out", "after 5 days notify manager"),
                 RULE) == []


def test_alerts_moves_and_activity_slas_are_all_checked():
    """Every later item of the status is reported, each on its own line."""
    text = status("after 7 days -> Out", "after 10 days notify manager",
                  "after 8 days -> Out when n >= 3", "after 9 days without activity -> Out",
                  "sla activity every 8 days notify owner")
    assert lines(text, RULE) == [9, 10, 11, 12]


def test_only_a_sure_timer_beats_the_others():
    """A timer with `when`, or counted from the last activity, may not fire: nothing is sure."""
    assert lines(status("after 7 days -> Out when n >= 3", "after 10 days notify manager"),
                 RULE) == []
    assert lines(status("after 7 days without activity -> Out",
                        "after 10 days notify manager"), RULE) == []


def test_a_timer_back_into_the_same_status_is_not_an_exit():
    """`after 7 days -> S` inside S does not move the lead out."""
    assert lines(status("after 7 days -> S", "after 10 days notify manager"), RULE) == []


def test_items_due_at_the_same_moment_are_not_reported():
    """A timer and an alert both at 7 days: which runs first is not certain."""
    assert lines(status("after 7 days -> Out", "after 7 days notify manager"), RULE) == []


def test_the_shortest_sure_timer_is_named():
    """Of two sure timers, the longer one is reported and the shorter named."""
    text = status("after 3 days -> Out", "after 7 days -> Out")
    assert messages(text, RULE) == [
        "'after 7 days -> Out' in 'S' can never fire: 'after 3 days -> Out' always moves the "
        "lead out first (after at most 3 days, against at least 7 days)"]


def test_unicode_and_quoted_names():
    """Russian quoted names appear in the message as written."""
    text = (HEAD + 'status "Новая заявка" {\n initial\n after 2 days -> "Холодный ящик"\n'
            " after 3 days notify manager\n}\n"
            'status "Холодный ящик" { after 1 day notify manager }\n')
    assert messages(text, RULE)[0].startswith(
        "'after 3 days notify' in 'Новая заявка' can never fire: "
        "'after 2 days -> Холодный ящик' always")
