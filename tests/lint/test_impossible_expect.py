"""impossible-expect: every `expect` line can be met, and measures something."""

from leadrules import load
from leadrules.errors import Severity
from leadrules.lint import lint
from tests.conftest import EXAMPLES
from tests.lint.helpers import TODAY, lines, run

RULE = "impossible-expect"
BASE = ("status New { initial }\n"                       # 1
        "status Working {}\n"                            # 2
        "status Won { outcome won; locked }\n"           # 3
        "status Lost { outcome lost }\n"                 # 4
        "status Parked {}\n"                             # 5
        "transition New -> Working manual\n"             # 6
        "transition Working -> Won manual\n"             # 7
        "transition New, Working -> Lost manual\n"       # 8
        "transition Working -> Parked manual\n")         # 9


def expect(*lines: str, base: str = BASE) -> str:
    """The base scheme with an expect block; its lines start at line 11."""
    return base + "expect {\n" + "".join(f"  {line}\n" for line in lines) + "}\n"


def found(text: str) -> list[tuple[int, Severity]]:
    return [(d.span.line, d.severity) for d in run(text, RULE)]


def test_empty_ranges_are_errors():
    """`> 100%`, `< 0%` and `< 0 days` hold no value (resolution lets them through)."""
    text = expect("share Won > 100%", "share Lost < 0%", "time_in New < 0 days")
    assert found(text) == [(11, Severity.ERROR), (12, Severity.ERROR), (13, Severity.ERROR)]
    assert "the range `> 100%` is empty" in run(text, RULE)[0].message


def test_full_ranges_are_fine():
    """`100%`, `>= 100%`, `0%` and `<= 0%` are single possible values."""
    text = expect("conversion New -> Working 100%", "conversion Working -> Won >= 100%",
                  "share Lost <= 0%")
    assert found(text) == []


def test_share_minimums_above_100_percent_together():
    """60% Won and 50% Lost of the same leads cannot both be met."""
    text = expect("share Won >= 60%", "share Lost >= 50%")
    [d] = run(text, RULE)
    assert (d.span.line, d.severity) == (12, Severity.ERROR)
    assert "(>= 60% 'Won' + >= 50% 'Lost')" in d.message


def test_share_minimums_of_exactly_100_percent():
    """50% + 50% can be met exactly; `> 50%` + `>= 50%` cannot."""
    assert found(expect("share Won >= 50%", "share Lost >= 50%")) == []
    assert found(expect("share Won > 50%", "share Lost 50%..60%")) == [(12, Severity.ERROR)]


def test_share_of_a_status_that_is_not_an_outcome():
    """Share is measured over outcome statuses: Working is not one (warning)."""
    [d] = run(expect("share Working <= 20%"), RULE)
    assert (d.span.line, d.severity) == (11, Severity.WARNING)
    assert "'Working' is not an outcome status" in d.message


def test_conversion_to_an_unreachable_status_with_a_minimum():
    """Nothing leaves Won (locked) or Lost (no move out): any minimum is impossible."""
    text = expect("conversion Won -> Working >= 5%", "conversion Lost -> Won 1%..10%",
                  "conversion Won -> Working < 5%", "conversion Parked -> Won <= 0%")
    assert found(text) == [(11, Severity.ERROR), (12, Severity.ERROR)]
    assert "no move leads from 'Won' to 'Working'" in run(text, RULE)[0].message


def test_conversion_reached_step_by_step_is_fine():
    """New reaches Won through Working: a conversion need not be one move."""
    assert found(expect("conversion New -> Won 20%..40%")) == []


def test_conversion_of_a_status_to_itself():
    """Never coming back with a minimum is an error; otherwise it is a likely typo."""
    assert found(expect("conversion New -> New >= 10%")) == [(11, Severity.ERROR)]
    assert found(expect("conversion New -> New <= 10%")) == [(11, Severity.WARNING)]
    looping = BASE + "transition Working -> New manual\n"
    assert found(expect("conversion New -> New >= 10%", base=looping)) == [
        (12, Severity.WARNING)]


def test_exclusive_outcomes_above_100_percent_together():
    """From Working, 60% to Won and 50% to Lost: a lead reaches only one of them."""
    text = expect("conversion Working -> Won >= 60%", "conversion Working -> Lost >= 50%")
    [d] = run(text, RULE)
    assert (d.span.line, d.severity) == (12, Severity.ERROR)
    assert ">= 60% to 'Won' + >= 50% to 'Lost'" in d.message


def test_outcomes_that_lead_to_each_other_are_not_exclusive():
    """Recycled from Lost, a lead may reach both Lost and later Won."""
    recycling = BASE.replace("status Lost { outcome lost }",
                             "status Lost { outcome lost; after 90 days -> Working }")
    text = expect("conversion Working -> Won >= 60%", "conversion Working -> Lost >= 50%",
                  base=recycling)
    assert found(text) == []


def test_conversions_from_different_statuses_are_not_added():
    """Minimums from New and from Working measure different leads."""
    text = expect("conversion New -> Won >= 60%", "conversion Working -> Lost >= 50%")
    assert found(text) == []


def test_time_in_a_status_nothing_can_leave():
    """Locked Won and dead-end Parked: an upper bound is an error, a lower bound a warning."""
    text = expect("time_in Won < 30 days", "time_in Parked 1..3 days", "time_in Won > 1 day")
    assert found(text) == [(11, Severity.ERROR), (12, Severity.ERROR),
                           (13, Severity.WARNING)]
    messages = [d.message for d in run(text, RULE)]
    assert messages[0].startswith("'Won' is locked") and "has no move out" in messages[1]


def test_time_in_a_lost_status_with_recycling_is_fine():
    """Lost recycles after 90 days, so the time in it is bounded."""
    recycling = BASE.replace("status Lost { outcome lost }",
                             "status Lost { outcome lost; after 90 days -> Working }")
    assert found(expect("time_in Lost 80..100 days", base=recycling)) == []


def test_quoted_unicode_names():
    """Russian quoted names are named in the message as written."""
    text = ('status "Новая заявка" { initial }\nstatus "Сделка оплачена" { outcome won; locked }'
            '\nstatus Отказ { outcome lost }\ntransition "Новая заявка" -> "Сделка оплачена" '
            'manual\ntransition "Новая заявка" -> Отказ manual\nexpect {\n'
            '  conversion "Сделка оплачена" -> Отказ >= 5%\n}\n')
    assert lines(text, RULE) == [7]
    assert "no move leads from 'Сделка оплачена' to 'Отказ'" in run(text, RULE)[0].message


def test_the_examples_expect_only_what_can_happen():
    """The bundled examples' expect blocks are all possible and meaningful."""
    for name in ("universal", "stage_vs_status", "two_mandatory", "proposal_scale",
                 "qualification_pipeline"):
        path = EXAMPLES / f"{name}.leads"
        result = lint(load(path), source=path.read_text(encoding="utf-8"), today=TODAY)
        assert [d for d in result.diagnostics if d.rule == RULE] == [], name
