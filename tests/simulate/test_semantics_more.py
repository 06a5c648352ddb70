"""More of the scheme's own semantics, run by the simulator exactly as the language page says.

Business calendars, activity timers, attempt limits, approvals, stage sync, routing, scenario
moves, runs that make no progress, unmodelled fields and common random numbers. Each test uses a
small scheme, fixed seeds and fixed arrivals where an exact instant is expected; where the
engine was found wrong, the test pins the fix.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

import leadrules
from leadrules.errors import LeadrulesError
from leadrules.model.scenario import Scenario
from leadrules.simulate.engine import Run
from leadrules.simulate.records import RunRecords
from leadrules.simulate.results import aggregate
from leadrules.simulate.run import build, simulate_runs
from leadrules.simulate.text import bottlenecks
from tests.simulate.helpers import NY_CALENDAR, load, local_ts, run

MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0
# The simulation starts on Monday 2027-01-04 00:00 in the calendar's zone; New York has no
# clock change in January, so local minutes since the start are plain minutes.
FRIDAY_1600 = dt.datetime(2027, 1, 8, 16, 0)
SATURDAY_1600 = 5 * 1440 + 16 * 60
MONDAY_1000 = 7 * 1440 + 10 * 60
MONDAY_1600 = 7 * 1440 + 16 * 60
TUESDAY_1000 = 8 * 1440 + 10 * 60
ONE_LEAD = "horizon {h} minutes\n  arrivals 1 per day\n  runs 1\n  seed 1"


def one_run(scenario: Scenario, arrivals: list[float] | None, seed: int = 1) -> RunRecords:
    """One replication run directly, so a test can look at each simulated lead."""
    return Run(build(scenario), seed, 0, arrivals).run()


# -- 1. business calendars ---------------------------------------------------------------------

CLOCKS = NY_CALENDAR + """team T
role mgr
status New {
  initial
  RULE
}
status Late { outcome lost }
status Done { outcome won }
transition New -> Done on done auto
transition New -> Late manual
"""
CLOCK_CASES = [
    # (scheme line, scenario lines in New, figure that counts it, instant in local minutes)
    ("", "work 2 hours by T\n    then done", "status.Done.entered", MONDAY_1000),
    ("", "after 2 business hours: Late 100%", "status.Late.entered", MONDAY_1000),
    ("", "after 24 hours: Late 100%", "status.Late.entered", SATURDAY_1600),
    ("after 2 business hours -> Late", "", "status.Late.entered", MONDAY_1000),
    ("after 1 business days -> Late", "", "status.Late.entered", MONDAY_1600),
    ("after 24 hours -> Late", "", "status.Late.entered", SATURDAY_1600),
    ("sla 1 business days escalate mgr", "", "status.New.alerts", MONDAY_1600),
    ("sla 24 hours escalate mgr", "", "status.New.alerts", SATURDAY_1600),
]


@pytest.mark.parametrize("rule, behaviour, figure, instant", CLOCK_CASES)
@pytest.mark.parametrize("offset, count", [(-1, 0), (1, 1)])
def test_business_clocks_stop_outside_open_hours_calendar_clocks_do_not(
        tmp_path, rule, behaviour, figure, instant, offset, count):
    """From Friday 16:00 on Mon–Fri 9–17, business time runs out on Monday, calendar time on
    Saturday, to the minute."""
    body = ONE_LEAD.format(h=instant + offset) + "\n  staff T 1"
    if behaviour:
        body += f"\n  in New {{\n    {behaviour}\n  }}"
    scenario = load(tmp_path, CLOCKS.replace("RULE", rule), body)
    [result] = simulate_runs(scenario, arrivals=[local_ts(scenario, FRIDAY_1600)])
    assert result.figures[figure] == count


@pytest.mark.parametrize("offset, count", [(-1, 0), (1, 1)])
def test_work_waits_over_a_holiday_as_well_as_the_weekend(tmp_path, offset, count):
    """With Monday closed, two hours of work begun Friday 16:00 finish Tuesday 10:00."""
    scheme = CLOCKS.replace("RULE", "").replace("  open mon-fri 09:00-17:00\n",
                                            "  open mon-fri 09:00-17:00\n  closed 2027-01-11\n")
    body = (ONE_LEAD.format(h=TUESDAY_1000 + offset) + "\n  staff T 1"
            "\n  in New {\n    work 2 hours by T\n    then done\n  }")
    scenario = load(tmp_path, scheme, body)
    [result] = simulate_runs(scenario, arrivals=[local_ts(scenario, FRIDAY_1600)])
    assert result.figures["status.Done.entered"] == count


# -- 2. `after D without activity` -------------------------------------------------------------

QUIET = """team T
status A {
  initial
  after 5 days without activity -> Stale
}
status Stale { outcome lost }
"""


def test_without_activity_never_fires_when_work_comes_every_four_days(tmp_path):
    """Work every 4 days always restarts a 5-day inactivity timer, so the lead stays for good."""
    scenario = load(tmp_path, QUIET, "horizon 60 days\n  arrivals 1 per day\n  runs 1\n"
                    "  staff T unlimited\n  in A {\n    every 4 days work 1 minute by T\n  }")
    rec = one_run(scenario, [build(scenario).start])
    [lead] = rec.all_leads
    assert lead.path == [0]
    assert lead.activities == 15  # 1 minute + 4 days apart: 15 items within 60 days


@pytest.mark.parametrize("minutes, count", [(5 * 1440, 0), (5 * 1440 + 2, 1)])
def test_without_activity_counts_from_the_last_completed_item(tmp_path, minutes, count):
    """With work every 6 days, the timer fires 5 days after the first completion (entry + 1
    minute), not 5 days after entry."""
    scenario = load(tmp_path, QUIET, f"horizon {minutes} minutes\n  arrivals 1 per day\n"
                    "  runs 1\n  staff T unlimited\n"
                    "  in A {\n    every 6 days work 1 minute by T\n  }")
    [result] = simulate_runs(scenario, arrivals=[build(scenario).start])
    assert result.figures["status.Stale.entered"] == count


def test_without_activity_fires_exactly_five_days_after_the_first_completion(tmp_path):
    """The lead leaves at entry + 1 minute of work + 5 days, to the second."""
    scenario = load(tmp_path, QUIET, "horizon 20 days\n  arrivals 1 per day\n  runs 1\n"
                    "  staff T unlimited\n  in A {\n    every 6 days work 1 minute by T\n  }")
    [lead] = one_run(scenario, [build(scenario).start]).all_leads
    assert lead.path == [0, 1]
    assert lead.outcome_at - lead.arrived == 5 * DAY + MINUTE


@pytest.mark.parametrize("every, alerts", [(4, 0), (6, 2)])
def test_activity_sla_restarts_on_every_completed_item(tmp_path, every, alerts):
    """`sla activity every 5 days` is never breached with work every 4 days; with work every 6
    days it is breached 5 days after each completion (days 5 and 11 of 12)."""
    scheme = ("team T\nrole mgr\nstatus A {\n  initial\n"
              "  sla activity every 5 days notify mgr\n}\n"
              "status Lost { outcome lost }\ntransition A -> Lost manual\n")
    scenario = load(tmp_path, scheme, "horizon 12 days\n  arrivals 1 per day\n  runs 1\n"
                    "  staff T unlimited\n"
                    f"  in A {{\n    every {every} days work 1 minute by T\n  }}")
    [result] = simulate_runs(scenario, arrivals=[build(scenario).start])
    assert result.figures["status.A.alerts"] == alerts


def test_without_activity_rules_count_in_a_status_entered_after_earlier_work(tmp_path):
    """In Q, reached after a work item in P, `after 5 days without activity` fires 5 days after
    entry and `sla activity every 2 days` breaches on days 2 and 4."""
    scheme = ("team T\nrole mgr\nstatus P { initial }\nstatus Q {\n"
              "  after 5 days without activity -> Stale\n"
              "  sla activity every 2 days notify mgr\n}\n"
              "status Stale { outcome lost }\ntransition P -> Q on go auto\n")
    scenario = load(tmp_path, scheme, "horizon 20 days\n  arrivals 1 per day\n  runs 1\n"
                    "  staff T unlimited\n  in P {\n    work 5 minutes by T\n    then go\n  }")
    rec = one_run(scenario, [build(scenario).start])
    [lead] = rec.all_leads
    assert lead.path == [0, 1, 2]
    assert lead.outcome_at - lead.arrived == 5 * MINUTE + 5 * DAY
    assert rec.alerts[1] == 2


# -- 3. attempt counters and `when attempts >= N` ----------------------------------------------

ATTEMPTS = """team T
field attempts count
status A {
  initial
  when attempts >= 3 -> Nurture
}
status Nurture { outcome lost }
status Won { outcome won }
transition A -> Won on reply auto
"""
ATTEMPT_BODY = ("arrivals 1 per day\n  runs 1\n  staff T unlimited\n"
                "  in A {\n    every 1 day work 5 minutes by T counting attempts\n"
                "    each attempt: reply 0%\n  }")
THIRD_ATTEMPT = 2 * 1440 + 3 * 5  # minutes: items at 0, 1 day and 2 days after each end


@pytest.mark.parametrize("offset, count", [(-1, 0), (1, 1)])
def test_the_lead_moves_right_after_the_nth_attempt(tmp_path, offset, count):
    """`when attempts >= 3` moves the lead the moment the third attempt is done, not before."""
    scenario = load(tmp_path, ATTEMPTS, f"horizon {THIRD_ATTEMPT + offset} minutes\n  "
                    + ATTEMPT_BODY)
    [result] = simulate_runs(scenario, arrivals=[build(scenario).start])
    assert result.figures["status.Nurture.entered"] == count
    assert result.figures["status.A.wip_end"] == 1 - count


def test_attempts_stop_at_n_once_the_limit_moves_the_lead(tmp_path):
    """Exactly three attempts are made and counted: the recurring work of A ends when the lead
    leaves A."""
    scenario = load(tmp_path, ATTEMPTS, "horizon 30 days\n  " + ATTEMPT_BODY)
    rec = one_run(scenario, [build(scenario).start])
    [lead] = rec.all_leads
    assert lead.path == [0, 1]
    assert lead.outcome_at - lead.arrived == THIRD_ATTEMPT * MINUTE
    assert lead.fields["attempts"] == 3
    assert lead.activities == 3
    assert rec.served[0] == 3  # team T served three items in all


def test_a_move_made_by_the_work_counter_does_not_skip_the_next_status_work(tmp_path):
    """A lead moved to B by its counter waits for B's own hour of work before B's `then`."""
    scheme = ("team T\nfield n count\nstatus A {\n  initial\n  when n >= 1 -> B\n}\n"
              "status B {}\nstatus C { outcome lost }\nstatus D { outcome won }\n"
              "transition A -> C on go auto\ntransition B -> D on done auto\n")
    body = ("horizon 3 days\n  arrivals 1 per day\n  runs 1\n  staff T unlimited\n"
            "  in A {\n    work 5 minutes by T counting n\n    then go\n  }\n"
            "  in B {\n    work 1 hour by T\n    then done\n  }")
    scenario = load(tmp_path, scheme, body)
    [lead] = one_run(scenario, [build(scenario).start]).all_leads
    assert lead.path == [0, 1, 3]
    assert lead.outcome_at - lead.arrived == 5 * MINUTE + HOUR


# -- 4. approvals wait for the role ------------------------------------------------------------

APPROVAL = """role mgr
field deal_value money
status A { initial }
status B { outcome won }
transition A -> B manual approve mgrCONDITION
"""
APPROVAL_BODY = ("horizon 3 days\n  arrivals 1 per day\n  runs 1\n  seed 4\n  staff mgr 1\n"
                 "  approval 1 hour by mgr\n  value deal_value uniform(0, 100_000)\n"
                 "  in A {\n    after 1 minute: B 100%\n  }")


@pytest.mark.parametrize("leads", [1, 4, 8])
def test_approvals_queue_for_the_single_manager(tmp_path, leads):
    """N leads asking at once wait 0, 1, …, N-1 hours for the one manager: a mean of (N-1)/2."""
    scenario = load(tmp_path, APPROVAL.replace("CONDITION", ""), APPROVAL_BODY)
    start = build(scenario).start
    [result] = simulate_runs(scenario, arrivals=[start] * leads)
    assert result.figures["team.mgr.wait_mean"] == pytest.approx((leads - 1) / 2)
    assert result.figures["status.B.entered"] == leads


@pytest.mark.parametrize("leads", [1, 2, 4, 8])
def test_the_peak_queue_counts_the_leads_left_waiting(tmp_path, leads):
    """N leads at once for one manager: one is served, N-1 wait, so the peak queue is N-1."""
    scenario = load(tmp_path, APPROVAL.replace("CONDITION", ""), APPROVAL_BODY)
    [result] = simulate_runs(scenario, arrivals=[build(scenario).start] * leads)
    assert result.figures["team.mgr.queue_peak"] == leads - 1


def test_the_approved_move_happens_only_when_the_approval_is_done(tmp_path):
    """The k-th lead in the manager's queue enters B at 1 minute + k hours, not earlier."""
    scenario = load(tmp_path, APPROVAL.replace("CONDITION", ""), APPROVAL_BODY)
    rec = one_run(scenario, [build(scenario).start] * 5)
    entered_b = sorted(lead.outcome_at - lead.arrived for lead in rec.all_leads)
    assert entered_b == [MINUTE + k * HOUR for k in range(1, 6)]


@pytest.mark.parametrize("minutes, count", [(60, 0), (62, 1)])
def test_b_is_not_entered_before_the_approval_time(tmp_path, minutes, count):
    """One lead asking at minute 1 reaches B at minute 61: the hour of approval comes first."""
    body = APPROVAL_BODY.replace("horizon 3 days", f"horizon {minutes} minutes")
    scenario = load(tmp_path, APPROVAL.replace("CONDITION", ""), body)
    [result] = simulate_runs(scenario, arrivals=[build(scenario).start])
    assert result.figures["status.B.entered"] == count


def test_small_deals_skip_the_conditional_approval(tmp_path):
    """With `approve mgr if deal_value >= 50000`, small deals move at once and only big deals
    queue for the manager."""
    scenario = load(tmp_path, APPROVAL.replace("CONDITION", " if deal_value >= 50000"),
                    APPROVAL_BODY)
    assert build(scenario).assumptions == []  # deal_value is modelled: the condition counts
    rec = one_run(scenario, [build(scenario).start] * 20)
    small = [lead for lead in rec.all_leads if lead.fields["deal_value"] < 50_000]
    big = [lead for lead in rec.all_leads if lead.fields["deal_value"] >= 50_000]
    assert small and big
    assert all(lead.outcome_at - lead.arrived == MINUTE for lead in small)
    waits = sorted(lead.outcome_at - lead.arrived for lead in big)
    assert waits == [MINUTE + k * HOUR for k in range(1, len(big) + 1)]


@pytest.mark.parametrize("minutes, count", [(MONDAY_1000 - 31, 0), (MONDAY_1000 - 29, 1)])
def test_an_approval_waits_for_the_managers_open_hours(tmp_path, minutes, count):
    """An hour of approval asked for on Friday 16:31 ends on Monday 09:30 (Mon–Fri 9–17)."""
    body = (f"horizon {minutes} minutes\n  arrivals 1 per day\n  runs 1\n  staff mgr 1\n"
            "  approval 1 hour by mgr\n  in A {\n    after 1 minute: B 100%\n  }")
    scenario = load(tmp_path, NY_CALENDAR + APPROVAL.replace("CONDITION", ""), body)
    friday = local_ts(scenario, dt.datetime(2027, 1, 8, 16, 30))
    [result] = simulate_runs(scenario, arrivals=[friday])
    assert result.figures["status.B.entered"] == count


@pytest.mark.parametrize("line", ["work 1 business days by T\n    then go",
                                  "work 1 minute by T\n    then approve_me"])
def test_business_day_work_and_approvals_take_a_business_day(tmp_path, line):
    """A business day of work, or of a manager's approval, begun Monday 09:00 ends no earlier
    than Monday 17:00."""
    scheme = NY_CALENDAR + ("team T\nrole mgr\nstatus A { initial }\nstatus B { outcome won }\n"
                            "transition A -> B on go auto\n"
                            "transition A -> B on approve_me approve mgr\n")
    body = ("horizon 3 days\n  arrivals 1 per day\n  runs 1\n  staff T 1\n  staff mgr 1\n"
            f"  approval 1 business days by mgr\n  in A {{\n    {line}\n  }}")
    scenario = load(tmp_path, scheme, body)
    monday = local_ts(scenario, dt.datetime(2027, 1, 4, 9, 0))
    [lead] = one_run(scenario, [monday]).all_leads
    assert lead.path == [0, 1]
    assert lead.outcome_at >= local_ts(scenario, dt.datetime(2027, 1, 4, 17, 0))


def test_a_lead_asking_again_while_waiting_for_approval_is_approved_once(tmp_path):
    """Leads that keep asking for an approved move while they wait get one approval each, and
    the run completes."""
    scheme = ("team T\nrole mgr\nstatus A { initial }\nstatus B { outcome won }\n"
              "transition A -> B manual approve mgr\n")
    body = ("horizon 1 days\n  arrivals 40 per day\n  runs 1\n  seed 3\n  staff T unlimited\n"
            "  staff mgr 2\n  approval ~1 hour by mgr\n"
            "  in A {\n    every 10 minutes work 1 minute by T\n    each attempt: B 30%\n  }")
    scenario = load(tmp_path, scheme, body)
    rec = one_run(scenario, None, seed=3)
    mgr = [t.name for t in build(scenario).teams].index("mgr")
    assert rec.entries[1] > 10
    assert rec.served[mgr] <= len(rec.all_leads)


# -- 5. stage sync -----------------------------------------------------------------------------

STAGES = """stages {{
  S1
  S2
  S3
}}
status A {{
  initial
  stages S1
}}
status B {{ stages S2 }}
status C {{ stages S1 }}
status X {{ stages S2 }}
status R {{ stages S1 }}
status Won {{
  outcome won
  stages S3
}}
transition A -> B manual
transition B -> C manual
transition X -> Won manual
{syncs}
"""


def test_entering_a_later_stage_fires_when_stage_becomes(tmp_path):
    """A lead moved from A (S1) to B (S2) is sent on to X by `when stage becomes S2 -> X`."""
    scheme = STAGES.format(syncs="when stage becomes S2 -> X")
    scenario = load(tmp_path, scheme, "horizon 1 days\n  arrivals 1 per day\n  runs 1\n"
                    "  in A {\n    after 1 hour: B 100%\n  }")
    [lead] = one_run(scenario, [build(scenario).start]).all_leads
    names = build(scenario).names
    assert lead.path == [names["A"], names["B"], names["X"]]
    assert lead.entered - lead.arrived == HOUR  # at once, in the same instant
    assert lead.stage == 1


def test_stage_sync_is_not_fired_for_a_stage_the_lead_is_already_in(tmp_path):
    """Entering the initial status sets the lead's first stage without firing a sync rule."""
    scheme = STAGES.format(syncs="when stage becomes S1 -> R")
    scenario = load(tmp_path, scheme, "horizon 1 days\n  arrivals 1 per day\n  runs 1")
    [lead] = one_run(scenario, [build(scenario).start]).all_leads
    assert lead.path == [0]
    assert lead.stage == 0


def test_going_back_to_an_earlier_stage_fires_when_stage_returns_to(tmp_path):
    """A lead moved from B (S2) to C (S1) is sent to R by `when stage returns to S1 -> R`."""
    scheme = STAGES.format(syncs="when stage returns to S1 -> R")
    scenario = load(tmp_path, scheme, "horizon 2 days\n  arrivals 1 per day\n  runs 1\n"
                    "  in A {\n    after 1 hour: B 100%\n  }\n"
                    "  in B {\n    after 1 hour: C 100%\n  }")
    [lead] = one_run(scenario, [build(scenario).start]).all_leads
    names = build(scenario).names
    assert lead.path == [names["A"], names["B"], names["C"], names["R"]]
    assert lead.stage == 0


# -- 6. routing with `different_owner` ---------------------------------------------------------


class OwnerLog(Run):
    """A run that writes down every owner each lead is given, in order."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owners: dict[int, list[int]] = {}

    def assign(self, lead, team, different) -> None:
        super().assign(lead, team, different)
        self.owners.setdefault(lead.id, []).append(lead.owner[team])


ROUTING = """team T
status New {{
  initial
  on enter {{ assign team T by round_robin{different} }}
  after 1 days -> Recycled
}}
status Recycled {{
  outcome lost
  after 1 days -> New
}}
"""


@pytest.mark.parametrize("different, repeats", [(" different_owner", False), ("", True)])
def test_a_recycled_lead_gets_a_different_owner(tmp_path, different, repeats):
    """Two reps, two leads: plain round robin hands each recycled lead back to its old rep;
    `different_owner` never does."""
    scenario = load(tmp_path, ROUTING.format(different=different),
                    "horizon 19 days\n  arrivals 1 per day\n  runs 1\n  staff T 2")
    start = build(scenario).start
    engine = OwnerLog(build(scenario), 1, 0, [start, start + MINUTE])
    engine.run()
    assert sorted(engine.owners) == [1, 2]
    for owners in engine.owners.values():
        assert len(owners) == 10  # New is entered on days 0, 2, …, 18
        same = any(a == b for a, b in itertools.pairwise(owners))
        assert same == repeats, owners


def test_different_owner_holds_under_random_arrivals(tmp_path):
    """With three reps and Poisson arrivals, no lead is ever handed straight back to its last
    owner."""
    scheme = ROUTING.format(different=" different_owner").replace("after 1 days -> Recycled",
                                                                  "after 2 hours -> Recycled")
    scenario = load(tmp_path, scheme, "horizon 10 days\n  arrivals 30 per day\n  runs 1\n"
                    "  seed 8\n  staff T 3")
    engine = OwnerLog(build(scenario), 8, 0)
    engine.run()
    histories = [o for o in engine.owners.values() if len(o) > 1]
    assert len(histories) > 100
    assert all(a != b for o in histories for a, b in itertools.pairwise(o))


# -- 7. a scenario may only make moves the scheme allows ---------------------------------------

MOVES = """status A { initial }
status B { outcome won }
status C { outcome lost }
status D { outcome lost }
transition A -> B on go auto
transition A -> D manual
"""


def write_pair(tmp: Path, scheme: str, body: str) -> Path:
    (tmp / "s.leads").write_text(scheme, encoding="utf-8")
    path = tmp / "s.scenario"
    path.write_text('scenario "t" {\n  scheme "s.leads"\n' + body + "\n}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("outcome, words", [
    ("C 50%", ["A -> C", "go → B", "D (manual)"]),
    ("B 50%", ["A -> B except on event 'go'", "write that event instead"]),
])
def test_a_move_the_scheme_does_not_allow_is_e301(tmp_path, outcome, words):
    """`leadrules.load` rejects a scenario move with no transition behind it, saying what the
    scheme allows instead."""
    path = write_pair(tmp_path, MOVES, "  horizon 10 days\n  arrivals 1 per day\n"
                      f"  in A {{\n    after 1 day: {outcome}\n  }}")
    with pytest.raises(LeadrulesError) as info:
        leadrules.load(path)
    [problem] = info.value.diagnostics
    assert problem.code == "E301"
    for word in words:
        assert word in problem.message, problem.message
    assert problem.span.line == 6  # the `after` line


def test_allowed_moves_load(tmp_path):
    """The event of an automatic move and the target of a manual one are both accepted."""
    path = write_pair(tmp_path, MOVES, "  horizon 10 days\n  arrivals 1 per day\n"
                      "  in A {\n    after 1 day: go 50%, D 50%\n  }")
    assert isinstance(leadrules.load(path), Scenario)


# -- 8. runs that make no progress -------------------------------------------------------------


def test_zero_arrivals_are_rejected_before_running(tmp_path):
    """`arrivals 0 per day` is E222: a simulation with no leads is refused with a message."""
    path = write_pair(tmp_path, MOVES, "  horizon 10 days\n  arrivals 0 per day")
    with pytest.raises(LeadrulesError) as info:
        leadrules.load(path)
    assert [(d.code, d.message) for d in info.value.diagnostics] == [
        ("E222", "arrivals must be more than 0")]


def test_a_status_with_nothing_to_do_runs_and_reports_the_pile_up(tmp_path):
    """A scheme whose only status has no rule and no behaviour runs to the horizon; the report
    says work in progress grows there and no lead reached an outcome."""
    scenario = load(tmp_path, "status Only { initial }\n",
                    "horizon 30 days\n  arrivals 10 per day\n  runs 2\n  seed 2")
    results = simulate_runs(scenario)
    for r in results:
        assert r.figures["status.Only.wip_end"] == r.figures["leads.arrived"] > 200
        assert r.figures["funnel.reached_outcome_pct"] == 0.0
    found = [text for _, text in bottlenecks(aggregate(scenario, results, 2, []))]
    assert any(text.startswith("work in progress in Only grows") for text in found), found


def test_work_routed_to_a_team_with_no_staff_names_the_team(tmp_path):
    """When every lead waits for a team of 0, the bottlenecks name that team."""
    scheme = ("team T\nstatus New { initial }\nstatus Done { outcome won }\n"
              "transition New -> Done on done auto\n")
    scenario = load(tmp_path, scheme, "horizon 30 days\n  arrivals 10 per day\n  runs 2\n"
                    "  staff T 0\n  in New {\n    work 10 minutes by T\n    then done\n  }")
    results = simulate_runs(scenario)
    assert all(r.figures["status.Done.entered"] == 0 for r in results)
    found = [text for _, text in bottlenecks(aggregate(scenario, results, 1, []))]
    assert any("team T" in text for text in found), found


@pytest.mark.parametrize("scheme, body", [
    # two timers of no length send the lead back and forth
    ("status A {\n  initial\n  after 0 days -> B\n}\nstatus B {\n  after 0 days -> A\n}\n",
     ""),
    # two scenario branches of no length do the same
    ("status A { initial }\nstatus B {}\ntransition A -> B manual\ntransition B -> A manual\n",
     "\n  in A {\n    after 0 minutes: B 100%\n  }\n  in B {\n    after 0 minutes: A 100%\n  }"),
    # stage sync: entering S2 sends the lead back to S1, which sends it forward again
    ("stages {\n  S1\n  S2\n}\nstatus A {\n  initial\n  stages S1\n}\n"
     "status B { stages S2 }\nstatus C { stages S1 }\ntransition A -> B manual\n"
     "when stage becomes S2 -> C\nwhen stage returns to S1 -> B\n",
     "\n  in A {\n    after 1 hour: B 100%\n  }"),
])
def test_a_loop_with_no_delay_stops_with_e305(tmp_path, scheme, body):
    """Moves that go round at one instant stop the run with E305 naming the statuses."""
    with pytest.raises(LeadrulesError) as info:
        run(tmp_path, scheme, "horizon 2 days\n  arrivals 1 per day\n  runs 1" + body)
    problem = info.value.first
    assert problem.code == "E305"
    assert "a loop of moves with no delay" in problem.message
    assert " -> A -> " in problem.message or " -> B -> " in problem.message


def test_an_event_loop_with_no_delay_stops_with_a_message(tmp_path):
    """A scheme whose clock cannot move on is refused with a message, not run forever: the
    checker refuses a zero period before any run (the engine's own guard against events
    piling up at one instant is tested in test_accel.py, in both event loops)."""
    scheme = ("role mgr\nstatus A {\n  initial\n  sla activity every 0 hours notify mgr\n}\n"
              "status Lost { outcome lost }\ntransition A -> Lost manual\n")
    with pytest.raises(LeadrulesError) as info:
        run(tmp_path, scheme, "horizon 2 days\n  arrivals 1 per day\n  runs 1")
    assert info.value.first.code == "E222"
    assert "needs a period longer than 0" in info.value.first.message


# -- 9. conditions on fields the scenario does not model ---------------------------------------

UNKNOWN = """field lost_reason choice(budget, other)
field budget money
field authority bool
status A {
  initial
  when lost_reason = budget -> X
}
status X { outcome lost }
status B {
  outcome won
  requires budget and authority = true
}
transition A -> B manual
"""


def test_a_rule_on_an_unmodelled_field_never_fires_and_is_listed(tmp_path):
    """`when lost_reason = budget` is unknown without a `value` line: it never fires, and the
    model's assumptions name the rule and the field."""
    scenario = load(tmp_path, UNKNOWN, "horizon 10 days\n  arrivals 20 per day\n  runs 1")
    [result] = simulate_runs(scenario)
    assert result.figures["status.X.entered"] == 0
    [assumption] = build(scenario).assumptions
    assert assumption.startswith("A: when: `lost_reason = budget` depends on lost_reason")
    assert "never fires" in assumption


def test_the_same_rule_fires_once_the_field_is_modelled(tmp_path):
    """With `value lost_reason: budget 100%` every lead goes to X at once and nothing is
    assumed."""
    scenario = load(tmp_path, UNKNOWN, "horizon 10 days\n  arrivals 20 per day\n  runs 1\n"
                    "  value lost_reason: budget 100%")
    [result] = simulate_runs(scenario)
    assert result.figures["status.X.entered"] == result.figures["leads.arrived"] > 100
    assert result.figures["status.A.time_in_mean"] == 0.0
    assert build(scenario).assumptions == []


@pytest.mark.parametrize("value, entered", [("", True), ("\n  value authority: false 100%",
                                                         False)])
def test_requires_on_an_unmodelled_field_is_assumed_met(tmp_path, value, entered):
    """B's `requires budget and authority = true` lets every lead in an hour after arrival while
    neither field is modelled, and blocks every one once authority is modelled as false."""
    scenario = load(tmp_path, UNKNOWN, "horizon 10 days\n  arrivals 20 per day\n  runs 1"
                    + value + "\n  in A {\n    after 1 hour: B 100%\n  }")
    model = build(scenario)
    rec = one_run(scenario, None)
    asked = [lead for lead in rec.all_leads if lead.arrived + HOUR <= model.horizon]
    assert len(asked) > 150
    moved = [lead for lead in asked if lead.path == [0, 2]]
    assert len(moved) == (len(asked) if entered else 0)
    assert rec.blocked_moves.get((0, 2), 0) == (0 if entered else len(asked))
    assert not any("requires" in a for a in model.assumptions)


# -- 10. common random numbers -----------------------------------------------------------------

CRN_SCHEME = """team T
status New { initial }
status Working {}
status Rare {RARE}
status Won { outcome won }
status Lost { outcome lost }
transition New -> Working manual
transition New -> Lost manual
transition Working -> Won manual
transition Working -> Lost manual
transition Working -> Rare manual
"""
CRN_BODY = """horizon 60 days
  warmup 5 days
  arrivals 20 per day
  runs 2
  seed 9
  staff T 2
  in New {
    work ~20 minutes by T
    then Working 70%, Lost 30%
  }
  in Working {
    after ~3 days: Won 50%, Lost 45%, Rare 5%
  }"""


def crn_pair(tmp_path: Path) -> tuple[Scenario, Scenario]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plain = load(tmp_path / "a", CRN_SCHEME.replace("{RARE}", "{}"), CRN_BODY)
    timed = load(tmp_path / "b", CRN_SCHEME.replace("{RARE}", "{\n  after 1 days -> Lost\n}"),
                 CRN_BODY)
    return plain, timed


def test_a_rule_few_leads_meet_leaves_the_other_figures_exactly_equal(tmp_path):
    """With the same seed, adding a timer to Rare changes Rare and Lost but not one figure of
    New, Working or team T."""
    plain, timed = crn_pair(tmp_path)
    for a, b in zip(simulate_runs(plain), simulate_runs(timed), strict=True):
        upstream = [k for k in a.figures if k.startswith(("status.New.", "status.Working.",
                                                          "team.T.", "leads."))]
        assert len(upstream) > 15
        assert {k: a.figures[k] for k in upstream} == {k: b.figures[k] for k in upstream}
        assert a.figures["status.Rare.wip_end"] > b.figures["status.Rare.wip_end"]
        assert a.figures["status.Lost.entered"] < b.figures["status.Lost.entered"]


def test_each_lead_draws_the_same_behaviour_under_both_schemes(tmp_path):
    """Lead by lead, every path that does not reach Rare is the same in both schemes, with the
    same times; the paths that do differ only after Rare."""
    plain, timed = crn_pair(tmp_path)
    leads_a = one_run(plain, None, seed=9).all_leads
    leads_b = one_run(timed, None, seed=9).all_leads
    assert [lead.arrived for lead in leads_a] == [lead.arrived for lead in leads_b]
    rare = build(plain).names["Rare"]
    reached = 0
    for a, b in zip(leads_a, leads_b, strict=True):
        if rare in a.path:
            reached += 1
            cut = a.path.index(rare) + 1
            assert a.path[:cut] == b.path[:cut]
        else:
            assert (a.path, a.entered, a.outcome_at) == (b.path, b.entered, b.outcome_at)
    assert 0 < reached < len(leads_a) / 10
