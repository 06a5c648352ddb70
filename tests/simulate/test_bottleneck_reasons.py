"""The bottlenecks say why leads wait: a rep busy, the calendar closed, or the lead itself."""

from __future__ import annotations

from leadrules.simulate.results import aggregate
from leadrules.simulate.run import simulate_runs
from leadrules.simulate.text import bottlenecks, why_waiting
from tests.simulate.helpers import NY_CALENDAR, load

SCHEME = NY_CALENDAR + """team T
role mgr
status New {
  initial
  sla 1 business hours escalate mgr
}
status Waiting {}
status Won { outcome won }
transition New -> Waiting on worked auto
transition Waiting -> Won manual
"""


def findings(tmp_path, body: str) -> tuple[list[str], object]:
    scenario = load(tmp_path, SCHEME, body)
    result = aggregate(scenario, simulate_runs(scenario), 1, [])
    return [text for _, text in bottlenecks(result)], result


def test_an_overloaded_rep_on_office_hours_waits_for_the_rep_and_the_calendar(tmp_path):
    """One rep, 8 open hours a day and 20 hours of work a day: New's SLA breaks, and the
    sentence says leads wait for a free rep first and for open hours too."""
    found, result = findings(tmp_path, "horizon 20 days\n  arrivals 20 per day\n  runs 2\n"
                             "  seed 3\n  staff T 1\n  in New {\n    work 1 hour by T\n"
                             "    then worked\n  }\n  in Waiting {\n    after 1 hour: Won 100%\n"
                             "  }")
    [sla] = [t for t in found if t.startswith("the SLA of New breaks")]
    assert "for a free rep (the team is busy)" in sla
    assert "for open hours (the calendar is closed)" in sla
    assert sla.index("free rep") < sla.index("open hours")  # the larger wait comes first
    assert "on the lead" not in why_waiting(result, "New")


def test_a_slow_reply_is_waiting_on_the_lead(tmp_path):
    """Leads that take ~10 days to decide pile up in Waiting, and the sentence says the wait
    is on the lead, not on a rep."""
    found, _ = findings(tmp_path, "horizon 30 days\n  arrivals 10 per day\n  runs 2\n"
                        "  seed 3\n  staff T unlimited\n  in New {\n    work 1 minute by T\n"
                        "    then worked\n  }\n  in Waiting {\n    after ~10 days: Won 100%\n"
                        "  }")
    [growing] = [t for t in found if t.startswith("work in progress in Waiting grows")]
    assert "on the lead (replies and decisions)" in growing
    assert "free rep" not in growing and "open hours" not in growing
