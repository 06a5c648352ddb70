"""`history check` on a handmade history (tests/history/data/check.csv): one lead per kind
of finding, named after it, and one lead that follows every rule."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from leadrules import Loader
from leadrules.calendar import BusinessCalendar
from leadrules.errors import Span
from leadrules.history import read_history
from leadrules.history.conformance import CheckResult, check_history, deadline, lower_bound
from leadrules.model.common import Duration

DATA = Path(__file__).parent / "data"
SPAN = Span.whole_file("test")


@pytest.fixture(scope="module")
def result() -> CheckResult:
    scheme = Loader().scheme(DATA / "mini.leads")
    return check_history(scheme, read_history(DATA / "check.csv", scheme))


def found(result: CheckResult, name: str) -> list[tuple[str | None, str | None, int, tuple]]:
    return [(f.status, f.target, f.count, f.examples) for f in result.findings
            if f.name == name]


def test_forbidden_moves(result):
    """New -> Won skips Working; Recycled -> Stale has no transition either."""
    assert found(result, "forbidden-move") == [("New", "Won", 1, ("skip",)),
                                               ("Recycled", "Stale", 1, ("stuck",))]


def test_locked_status_left(result):
    """Leaving locked Won is H105, not also H101."""
    assert found(result, "locked-left") == [("Won", "Working", 1, ("unlock",))]


def test_wrong_start(result):
    assert found(result, "wrong-start") == [("Working", None, 1, ("late",))]


def test_sla_breaches_in_business_time(result):
    """'slow' sat in New from Monday 10:00 to Thursday 10:00 Berlin time: three business
    days against `sla 1 business days`. 'idle' went 10 days without activity in Working."""
    assert found(result, "sla-breach") == [("New", None, 1, ("slow",)),
                                           ("Working", None, 1, ("idle",))]
    new = next(f for f in result.findings if f.name == "sla-breach")
    assert new.of == 7 and new.code == "H102"
    assert new.span is not None and new.span.line == 15  # the sla line in mini.leads


def test_timers_not_enforced(result):
    """'idle' outlived `after 5 days without activity -> Stale` and went to Won instead;
    'stuck' is still in Stale long after `after 3 days -> Lost`. The repeated Working row of
    'stuck' counts as activity, so its short Working visit is no breach."""
    assert found(result, "timer-not-enforced") == [("Working", "Stale", 1, ("idle",)),
                                                   ("Stale", "Lost", 1, ("stuck",))]


def test_stuck_leads(result):
    assert found(result, "stuck-lead") == [("Stale", None, 1, ("stuck",))]
    assert result.open_leads == 1


def test_the_lead_that_follows_the_rules_is_never_named(result):
    assert all("ok" not in f.examples and "end" not in f.examples for f in result.findings)
    assert [f.code for f in result.findings] == sorted(f.code for f in result.findings)


def test_business_deadlines():
    """An SLA in business days ends at the same open time on a later open day; the lower
    bound never exceeds the real length."""
    cal = BusinessCalendar("Europe/Berlin", {d: [(540, 1020)] for d in range(5)})
    monday_10 = 1772442000.0  # 2026-03-02 10:00 Berlin
    d = Duration(1, "days", True, span=SPAN)
    assert deadline(cal, monday_10, d) == monday_10 + 86400
    friday = monday_10 + 4 * 86400
    assert deadline(cal, friday, d) == friday + 3 * 86400
    assert lower_bound(d) <= 86400
    assert deadline(cal, monday_10, Duration(2, "hours", False, span=SPAN)) == monday_10 + 7200


def test_a_clean_history_has_no_findings(tmp_path):
    scheme = Loader().scheme(DATA / "mini.leads")
    path = tmp_path / "clean.csv"
    path.write_text("lead_id,at,to_status\nx,2026-03-02T09:00:00Z,New\n"
                    "x,2026-03-02T10:00:00Z,Working\nx,2026-03-03T10:00:00Z,Won\n",
                    encoding="utf-8")
    result = check_history(scheme, read_history(path, scheme))
    assert result.findings == () and result.open_leads == 0


BUSINESS = """scheme "Business time" { version "1" }
calendar business {
  timezone "Europe/Berlin"
  open mon-fri 09:00-12:00, 13:00-17:00
  closed 2026-03-27
}
role manager
status New {
  initial
  sla 0.5 business days notify manager
}
status Working {
  sla 2 business hours notify manager
}
status Won { outcome won }
transition New -> Working manual
transition Working -> Won manual
"""


def test_sla_breaches_hand_checked_on_the_calendar(tmp_path):
    """Worked by hand on a 7-hour day with a lunch break, a holiday and the spring DST change
    (Sunday 2026-03-29, Berlin UTC+1 → UTC+2). Half a business day is 3.5 open hours.

    - `half`: New Monday 2026-03-02 09:00 → 09:00 + 3 h to 12:00, lunch, 0.5 h → due 13:30;
      it left at 14:00 (5 elapsed hours): breached. (Reading half a business day as at least
      10 elapsed hours, as this check once did, missed it.)
    - `inhalf`: the same start, left 13:29: within.
    - `holiday`: Working Thursday 2026-03-26 16:30 CET; 2 business hours = 0.5 h Thursday, the
      holiday Friday and the weekend skipped, 1.5 h Monday 2026-03-30 (now CEST) → due
      10:30 CEST = 08:30 UTC. It left 08:31 UTC: breached; `justin` left 08:29 UTC: within.
    """
    scheme_path = tmp_path / "b.leads"
    scheme_path.write_text(BUSINESS, encoding="utf-8")
    scheme = Loader().scheme(scheme_path)
    rows = [
        "half,2026-03-02T09:00:00,New", "half,2026-03-02T14:00:00,Working",
        "half,2026-03-02T14:30:00,Won",
        "inhalf,2026-03-02T09:00:00,New", "inhalf,2026-03-02T13:29:00,Working",
        "inhalf,2026-03-02T13:30:00,Won",
        "holiday,2026-03-26T09:00:00,New", "holiday,2026-03-26T16:30:00+01:00,Working",
        "holiday,2026-03-30T08:31:00Z,Won",
        "justin,2026-03-26T09:00:00,New", "justin,2026-03-26T16:30:00+01:00,Working",
        "justin,2026-03-30T08:29:00Z,Won",
    ]
    history_path = tmp_path / "b.csv"
    history_path.write_text("lead_id,at,to_status\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = check_history(scheme, read_history(history_path, scheme))
    # holiday/justin: New 09:00 → 16:30 is 6.5 open hours > 3.5: both breach New too
    assert found(result, "sla-breach") == [("New", None, 3, ("half", "holiday", "justin")),
                                           ("Working", None, 1, ("holiday",))]


def test_the_lower_bound_never_exceeds_a_business_deadline():
    """The shortcut that skips the deadline walk must never skip a breach: checked on a
    calendar with a short Friday and a lunch break, fixed seed."""
    rng = random.Random(7)
    cal = BusinessCalendar("Europe/Berlin", {0: [(540, 720), (780, 1020)], 1: [(540, 1020)],
                                             2: [(0, 1440)], 3: [(540, 1080)], 4: [(540, 600)]})
    for amount, unit in [("0.5", "days"), ("1", "days"), ("1.5", "days"), ("3", "days"),
                         ("0.2", "weeks"), ("1", "weeks"), ("1.5", "weeks")]:
        d = Duration(Decimal(amount), unit, True, span=SPAN)
        for _ in range(300):
            start = 1772442000.0 + rng.uniform(0, 300 * 86400)
            assert deadline(cal, start, d) - start >= lower_bound(d), (amount, unit, start)
