"""Build small scheme + scenario pairs in a test's temporary folder and simulate them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from leadrules import Loader
from leadrules.model.scenario import Scenario
from leadrules.simulate.run import RunResult, build, simulate_runs

NY_CALENDAR = ('calendar business {\n  timezone "America/New_York"\n'
               "  open mon-fri 09:00-17:00\n}\n")


def load(tmp: Path, scheme: str, scenario_body: str) -> Scenario:
    (tmp / "s.leads").write_text(scheme, encoding="utf-8")
    (tmp / "s.scenario").write_text('scenario "t" {\n  scheme "s.leads"\n' + scenario_body
                                    + "\n}\n", encoding="utf-8")
    result = Loader().load(tmp / "s.scenario")
    assert isinstance(result, Scenario)
    return result


def run(tmp: Path, scheme: str, scenario_body: str, **kwargs) -> list[RunResult]:
    return simulate_runs(load(tmp, scheme, scenario_body), **kwargs)


def local_ts(scenario: Scenario, when: dt.datetime) -> float:
    """An instant given in the scheme calendar's local time, as simulation time."""
    return build(scenario).calendar.to_ts(when)
