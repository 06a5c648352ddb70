"""The simulator executes the scheme's own rules as written: timers, SLAs, counters, loops."""

from __future__ import annotations

import datetime as dt

import pytest

from leadrules.errors import LeadrulesError
from leadrules.simulate.run import simulate_runs
from tests.simulate.helpers import NY_CALENDAR, load, local_ts, run

ONE_LEAD = "horizon {h} minutes\n  arrivals 1 per day\n  runs 1\n  seed 1"
SLA_SCHEME = NY_CALENDAR + (
    "role manager\nstatus New {\n  initial\n  sla 2 business hours escalate manager\n}\n"
    "status Done { outcome won }\ntransition New -> Done manual\n")


@pytest.mark.parametrize("minutes, breaches", [(7 * 1440 + 629, 0), (7 * 1440 + 631, 1)])
def test_business_hour_sla_breaches_monday_1030_for_a_friday_1630_lead(tmp_path, minutes,
                                                                       breaches):
    """Friday 16:30 + 2 business hours (Mon–Fri 9–17) is Monday 10:30, not earlier."""
    scenario = load(tmp_path, SLA_SCHEME, ONE_LEAD.format(h=minutes))
    friday = local_ts(scenario, dt.datetime(2027, 1, 8, 16, 30))
    [result] = simulate_runs(scenario, arrivals=[friday])
    assert result.figures["status.New.alerts"] == breaches
    assert result.figures["status.New.entered"] == 1


def test_same_seed_same_figures_other_seed_other_figures(tmp_path):
    """Runs are reproducible from the seed, and the seed matters."""
    scheme = ("team T\nstatus A { initial }\nstatus B { outcome won }\n"
              "status C { outcome lost }\ntransition A -> B on yes auto\n"
              "transition A -> C manual\n")
    body = ("horizon 30 days\n  arrivals 20 per day\n  runs 2\n  staff T 1\n"
            "  in A {\n    work ~30 minutes by T\n    then yes 40%, C 60%\n  }")
    a = run(tmp_path, scheme, body + "\n  seed 5")
    b = run(tmp_path, scheme, body + "\n  seed 5")
    c = run(tmp_path, scheme, body + "\n  seed 6")
    assert [r.figures for r in a] == [r.figures for r in b]
    assert a[0].figures != c[0].figures


def test_attempt_counter_and_limit(tmp_path):
    """`counting attempts` adds one per attempt; `when attempts >= 3` then moves the lead."""
    scheme = ("team T\nfield attempts count\nstatus A {\n  initial\n"
              "  when attempts >= 3 -> Nurture\n}\nstatus Nurture { outcome lost }\n"
              "status Won { outcome won }\ntransition A -> Won on reply auto\n")
    body = ("horizon 60 days\n  arrivals 5 per day\n  runs 1\n  seed 3\n  staff T unlimited\n"
            "  in A {\n    every 1 day work 5 minutes by T counting attempts\n"
            "    each attempt: reply 0%\n  }")
    [result] = run(tmp_path, scheme, body)
    f = result.figures
    assert f["outcome.Nurture.share_pct"] == 100.0
    # three attempts: the first at entry, then one a day after each: about 2 days in A
    assert 47 < f["status.A.time_in_mean"] < 49.5


def test_without_activity_timer_restarts_on_every_activity(tmp_path):
    """`after 5 days without activity` never fires while work is logged every 2 days."""
    scheme = ("team T\nstatus A {\n  initial\n  after 5 days without activity -> Stale\n"
              "  after 20 days -> Done\n}\nstatus Stale { outcome lost }\n"
              "status Done { outcome won }\n")
    body = ("horizon 60 days\n  arrivals 2 per day\n  runs 1\n  seed 1\n  staff T unlimited\n"
            "  in A {\n    every 2 days work 1 minute by T\n  }")
    [result] = run(tmp_path, scheme, body)
    assert result.figures["outcome.Done.share_pct"] == 100.0
    assert result.figures["status.Stale.entered"] == 0


def test_a_loop_of_instant_moves_is_reported_not_run_forever(tmp_path):
    """Two data rules that send a lead back and forth at once stop the run with E305."""
    scheme = ("team T\nfield n count\nstatus A {\n  initial\n  when n >= 1 -> B\n}\n"
              "status B {\n  when n >= 1 -> A\n}\nstatus Won { outcome won }\n"
              "transition B -> Won manual\n")
    body = ("horizon 5 days\n  arrivals 1 per day\n  runs 1\n  staff T unlimited\n"
            "  in A {\n    work 1 minute by T counting n\n  }")
    with pytest.raises(LeadrulesError) as info:
        run(tmp_path, scheme, body)
    assert info.value.first.code == "E305"
    assert "a loop of moves with no delay" in info.value.first.message


def test_requirements_block_automatic_moves_and_are_reported(tmp_path):
    """An automatic move into a status whose required count is 0 is blocked and counted."""
    scheme = ("team T\nfield attempts count\nstatus A {\n  initial\n"
              "  on enter { set attempts = 0 }\n}\n"
              "status B {\n  requires attempts >= 1\n  outcome won\n}\n"
              "transition A -> B on go auto\n")
    body = ("horizon 10 days\n  arrivals 2 per day\n  runs 1\n  staff T unlimited\n"
            "  in A {\n    work 5 minutes by T\n    then go\n  }")
    [result] = run(tmp_path, scheme, body)
    assert result.blocked.get("A -> B", 0) > 0
    assert result.figures["status.B.entered"] == 0


TIE = ("team T\nrole mgr\nstatus New {\n  initial\n  RULE\n  sla 2 hours escalate mgr\n}\n"
       "status Late { outcome lost }\nstatus Done { outcome won }\n"
       "transition New -> Done on done auto\n")


@pytest.mark.parametrize("rule, behaviour, breaches", [
    # the timer was set before the SLA's deadline: the lead leaves first, no breach
    ("after 2 hours -> Late", "", 0),
    # the work was queued after the SLA's deadline was set: the deadline comes first
    ("", "\n  in New {\n    work 2 hours by T\n    then done\n  }", 1),
])
def test_an_sla_due_at_the_instant_the_lead_leaves_follows_creation_order(tmp_path, rule,
                                                                          behaviour, breaches):
    """Plain SLAs are checked when the lead leaves, in the order their events would have had:
    at equal times, whatever was scheduled first happens first."""
    scenario = load(tmp_path, TIE.replace("RULE", rule),
                    "horizon 1 days\n  arrivals 1 per day\n  runs 1\n  staff T 1" + behaviour)
    start = local_ts(scenario, dt.datetime(2027, 1, 4, 10, 0))
    [result] = simulate_runs(scenario, arrivals=[start])
    assert result.figures["status.New.alerts"] == breaches
    assert result.figures["status.New.wip_end"] == 0
