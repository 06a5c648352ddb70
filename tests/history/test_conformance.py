"""`history check` on a handmade history (tests/history/data/check.csv): one lead per kind
of finding, named after it, and one lead that follows every rule."""

from __future__ import annotations

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
