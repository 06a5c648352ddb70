"""Exit actions, entry alerts, a warm-up measured on the calendar, and unresolved schemes."""

from __future__ import annotations

import pytest

from leadrules import load_text, parse_text
from leadrules.errors import LeadrulesError
from tests.simulate.helpers import NY_CALENDAR, load, run


def test_on_exit_set_is_applied_and_can_drive_a_later_rule(tmp_path):
    """`on exit { set done = true }` in A lets `when done = true -> C` move the lead on in B."""
    scheme = ("team T\nfield done bool\nstatus A {\n  initial\n  on exit { set done = true }\n}\n"
              "status B {\n  when done = true -> C\n}\nstatus C { outcome won }\n"
              "transition A -> B on go auto\n")
    body = ("horizon 10 days\n  arrivals 5 per day\n  runs 1\n  staff T unlimited\n"
            "  in A {\n    work 5 minutes by T\n    then go\n  }")
    [result] = run(tmp_path, scheme, body)
    assert result.figures["status.C.entered"] == result.figures["status.A.entered"] > 0
    assert result.figures["status.B.wip_end"] == 0


def test_notify_on_enter_counts_as_an_alert(tmp_path):
    """Every entry into a status whose `on enter` notifies is counted among its alerts."""
    scheme = ("role mgr\nstatus A {\n  initial\n  on enter { notify mgr }\n}\n"
              "status Won { outcome won }\ntransition A -> Won manual\n")
    [result] = run(tmp_path, scheme, "horizon 10 days\n  arrivals 5 per day\n  runs 1")
    f = result.figures
    assert f["status.A.alerts"] == f["status.A.entered"] > 0


def test_a_business_warmup_longer_than_the_horizon_is_refused(tmp_path):
    """25 business days are more than 30 calendar days: E222, not an empty report."""
    scheme = NY_CALENDAR + "status A { initial }\nstatus W { outcome won }\n" \
                           "transition A -> W manual\n"
    scenario = load(tmp_path, scheme, "horizon 30 days\n  warmup 25 business days\n"
                                      "  arrivals 5 per day\n  runs 1")
    from leadrules.simulate.run import simulate_runs

    with pytest.raises(LeadrulesError) as info:
        simulate_runs(scenario)
    assert info.value.first.code == "E222" and "warm-up" in info.value.first.message


def test_load_text_resolves_an_unresolved_scheme_it_is_given():
    """A parsed (not yet resolved) scheme with `any -> X` still allows the scenario's move."""
    scheme = parse_text("status A { initial }\nstatus B { outcome lost }\n"
                        "transition any -> B manual\n", "s.leads")
    scenario = ('scenario "t" {\n  scheme "s.leads"\n  horizon 5 days\n  arrivals 1 per day\n'
                "  in A {\n    after 1 day: B 100%\n  }\n}\n")
    assert load_text(scenario, "t.scenario", scheme=scheme).resolved
