"""expect-contradicts-timers: `expect time_in` ranges the status's own rules do not rule out."""

from tests.lint.helpers import lines, messages

RULE = "expect-contradicts-timers"
HEAD = ('calendar business { timezone "UTC"\n open mon-fri 09:00-17:00 }\n'
        "role manager\nfield notes text\n"
        "status Out { requires notes\n after 1 day notify manager }\n")


def scheme(body: str, expect: str, *extra: str) -> str:
    return (HEAD + "status S {\n  initial\n" + "".join(f"  {b}\n" for b in body.split(";"))
            + "}\n" + "".join(extra) + f"expect {{\n  {expect}\n}}\n")


def test_minimum_above_a_sure_timer_is_reported():
    """Every lead leaves after 3 days, so the mean cannot be 5 days or more."""
    text = scheme("after 3 days -> Out", "time_in S 5..7 days")
    assert lines(text, RULE) == [12]
    assert messages(text, RULE) == [
        "'expect time_in S 5..7 days' cannot be met: 'after 3 days -> Out' moves every "
        "lead out of 'S' after at most 3 days"]


def test_minimum_reachable_within_the_timer_is_fine():
    """A sure timer at 7 days allows a mean of 5 to 7 days."""
    assert lines(scheme("after 7 days -> Out", "time_in S 5..7 days"), RULE) == []


def test_a_business_timer_is_taken_at_its_longest():
    """3 business days can take 5 days 16 hours, so a 5-day minimum is possible."""
    assert lines(scheme("after 3 business days -> Out", "time_in S >= 5 days"), RULE) == []
    assert lines(scheme("after 3 business days -> Out", "time_in S >= 6 days"), RULE) == [12]


def test_touching_ends_depend_on_inclusion():
    """`>= 3 days` can be met by leads leaving at exactly 3 days; `> 3 days` cannot."""
    assert lines(scheme("after 3 days -> Out", "time_in S >= 3 days"), RULE) == []
    assert lines(scheme("after 3 days -> Out", "time_in S > 3 days"), RULE) == [12]


def test_maximum_below_the_only_ways_out_is_reported():
    """When timers are the only way out, no lead leaves before the first of them."""
    text = scheme("after 10 days -> Out;after 14 days without activity -> Out",
                  "time_in S < 7 days")
    assert messages(text, RULE) == [
        "'expect time_in S < 7 days' cannot be met: only timers move leads out of 'S', the "
        "earliest after 10 days"]


def test_maximum_is_fine_when_people_can_move_leads_on():
    """A manual transition out means leads may leave at any time."""
    text = scheme("after 10 days -> Out", "time_in S < 7 days",
                  "transition S -> Out manual\n")
    assert lines(text, RULE) == []


def test_a_status_nothing_leaves_is_left_to_impossible_expect():
    """A status without any way out is impossible-expect's finding, not a second one here."""
    text = scheme("after 1 day notify manager", "time_in S < 7 days")
    assert lines(text, RULE) == []
    assert lines(text, "impossible-expect") == [12]


def test_an_sla_shorter_than_the_expected_minimum_is_reported():
    """The council expects 10 days or more but the SLA asks for 5 business days at most."""
    text = scheme("sla 5 business days escalate manager", "time_in S 12..20 days",
                  "transition S -> Out manual\n")
    assert messages(text, RULE) == [
        "'expect time_in S 12..20 days' expects leads to stay longer than "
        "'sla 5 business days' allows (at most 9 days 16 hours): the council plans for leads "
        "to breach it"]


def test_an_sla_that_can_still_be_met_is_fine():
    """5 business days can last 9 days 16 hours: an expected 3 to 7 days is compatible."""
    text = scheme("sla 5 business days escalate manager", "time_in S 3..7 days",
                  "transition S -> Out manual\n")
    assert lines(text, RULE) == []


def test_activity_slas_say_nothing_about_time_in_status():
    """`sla activity every D` asks for activity, not for leaving."""
    text = scheme("sla activity every 2 days notify owner", "time_in S 12..20 days",
                  "transition S -> Out manual\n")
    assert lines(text, RULE) == []


def test_unicode_and_quoted_names():
    """Polish quoted names appear in the message as written."""
    text = (HEAD + 'status "Próby kontaktu" {\n initial\n after 3 days -> Out\n}\n'
            'expect {\n time_in "Próby kontaktu" >= 5 days\n}\n')
    assert messages(text, RULE) == [
        "'expect time_in Próby kontaktu >= 5 days' cannot be met: 'after 3 days -> Out' moves "
        "every lead out of 'Próby kontaktu' after at most 3 days"]
