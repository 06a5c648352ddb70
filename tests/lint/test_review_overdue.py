"""review-overdue: the council reviews its definitions when it said it would (seed 000)."""

import datetime as dt

from leadrules import load
from leadrules.errors import Severity
from leadrules.lint import lint
from tests.conftest import EXAMPLES
from tests.lint.helpers import TODAY, messages, run

RULE = "review-overdue"
STATUS = "status New { initial }\n"


def scheme(*lines: str) -> str:
    return 'scheme "Inbound" {\n' + "".join(f"  {line}\n" for line in lines) + "}\n" + STATUS


def test_an_overdue_review_gives_the_due_date_and_the_delay():
    """Reviewed 2026-05-01, every 90 days: due 2026-07-30, 119 days before 2026-11-26."""
    [d] = run(scheme("review every 90 days", "reviewed 2026-05-01"), RULE)
    assert (d.span.line, d.severity) == (1, Severity.INFO)  # time alone must not fail a PR
    assert d.message == ("the council review is overdue: last reviewed 2026-05-01, due every "
                         "90 days, so due on 2026-07-30, 119 days ago")


def test_due_today_is_not_overdue_and_the_day_after_is():
    """The review is late from the day after its due date on."""
    text = scheme("review every 90 days", "reviewed 2026-08-28")  # due 2026-11-26
    assert run(text, RULE) == []
    assert messages(text, RULE, today=dt.date(2026, 11, 27)) == [
        "the council review is overdue: last reviewed 2026-08-28, due every 90 days, so due "
        "on 2026-11-26, 1 day ago"]


def test_business_intervals_count_on_the_business_calendar():
    """60 business days from Monday 2026-08-03, with two closed weeks, end on 2026-11-10."""
    text = ('scheme S {\n  review every 60 business days\n  reviewed 2026-08-03\n}\n'
            'calendar business { timezone "Europe/Warsaw"\n open mon-fri 09:00-17:00\n'
            " closed 2026-08-14..2026-08-28 }\n" + STATUS)
    [message] = messages(text, RULE)
    assert "so due on 2026-11-10, 16 days ago" in message


def test_missing_review_lines_are_info():
    """Without `review every`, `reviewed` or both, nobody can tell when the review is due."""
    for lines, missing in (((), "`review every` or `reviewed` line"),
                           (("review every 90 days",), "`reviewed` line"),
                           (("reviewed 2026-10-01",), "`review every` line")):
        [d] = run(scheme('owner "Council"', *lines), RULE)
        assert d.severity == Severity.INFO
        assert d.message.startswith(f"the scheme block has no {missing}, so nobody")


def test_a_council_can_make_the_review_a_gate():
    """`[severity] review-overdue = "warning"` turns the overdue review into a failing finding."""
    from leadrules import load_text
    from leadrules.lint import LintConfig, lint

    text = scheme("review every 90 days", "reviewed 2026-05-01")
    config = LintConfig(severity={RULE: Severity.WARNING})
    [d] = [d for d in lint(load_text(text, "t.leads"), config, today=TODAY).diagnostics
           if d.rule == RULE]
    assert d.severity == Severity.WARNING


def test_a_file_without_a_scheme_block_is_not_checked():
    """A draft or a fragment with no `scheme` block has nothing to review."""
    assert run(STATUS, RULE) == []


def test_a_review_in_the_future_is_a_typo():
    """`reviewed` after today cannot have happened."""
    [d] = run(scheme("review every 90 days", "reviewed 2027-01-15"), RULE)
    assert d.severity == Severity.WARNING
    assert d.message == "`reviewed 2027-01-15` is after today (2026-11-26): a review cannot " \
        "have happened yet"


def test_an_interval_longer_than_a_quarter_is_info():
    """Seed 000 asks for a quarterly review; yearly is reported, and the limit is an option."""
    text = scheme("review every 365 days", "reviewed 2026-10-01")
    [d] = run(text, RULE)
    assert d.severity == Severity.INFO and "every 365 days, longer than 92 days" in d.message
    assert run(text, RULE, options={"longest-interval-days": 366}) == []
    assert run(scheme("review every 13 weeks", "reviewed 2026-10-01"), RULE) == []


def test_the_examples_are_reviewed_on_time():
    """Every bundled example was reviewed within its interval as of the fixed test date."""
    for name in ("universal", "stage_vs_status", "two_mandatory", "proposal_scale",
                 "qualification_pipeline"):
        path = EXAMPLES / f"{name}.leads"
        result = lint(load(path), source=path.read_text(encoding="utf-8"), today=TODAY)
        assert [d for d in result.diagnostics if d.rule == RULE] == [], name
