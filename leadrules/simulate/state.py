"""A real state to start a simulation from: the leads open at the start, for backtests.

`simulate_runs(scenario, start=…, open_leads=[OpenLead(…), …])` places each open lead in its
status at the start; from there it follows the scheme's rules and the scenario's behaviour like
any other lead (see `Run.place` for what carries over from before the start).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from leadrules.errors import Diagnostic, LeadrulesError
from leadrules.model.scenario import Scenario
from leadrules.suggest import did_you_mean


@attrs.frozen
class OpenLead:
    """A lead open at the start: its status (a scheme status name), when it entered that status
    (UTC epoch seconds, not after the start), the contact attempts made so far, and an external
    id that traces carry.

    Its `after DIST:` lines are drawn afresh at the start, as for a lead that has just entered
    (the default), or with `aged=True` as for a lead that has already waited since `entered`
    without them moving it: the rest of each delay, and the chance that the line still moves
    it (leadrules/simulate/residual.py)."""

    status: str
    entered: float
    attempts: int = 0
    lead: str = ""
    aged: bool = False


def start_ts(scenario: Scenario, start: dt.datetime | None) -> float | None:
    """Epoch seconds of a start given as an aware datetime (None: the default start)."""
    if start is None:
        return None
    if start.tzinfo is None or start.utcoffset() is None:
        raise _error(scenario, "E222", f"the start {start.isoformat()} has no time zone; give "
                     "an aware datetime (for example with tzinfo=datetime.timezone.utc)")
    return start.timestamp()


def check_open_leads(scenario: Scenario, leads: Sequence[OpenLead], start: float) -> None:
    """Every open lead names a status of the scheme and entered it by the start."""
    scheme = scenario.scheme
    assert scheme is not None
    names = [s.name for s in scheme.statuses]
    problems = []
    for i, lead in enumerate(leads):
        label = f"open lead {lead.lead or i + 1}"
        if lead.status not in names:
            problems.append(Diagnostic(
                "E200", f"{label}: unknown status '{lead.status}'", scenario.span,
                help=did_you_mean(lead.status, names),
                expected=f"a status of {scenario.scheme_path}"))
        elif lead.entered > start:
            when = dt.datetime.fromtimestamp(lead.entered, dt.timezone.utc).isoformat()
            problems.append(Diagnostic(
                "E222", f"{label} entered {lead.status} at {when}, after the start of the "
                "simulation", scenario.span))
        elif lead.attempts < 0:
            problems.append(Diagnostic(
                "E222", f"{label}: attempts must not be negative (got {lead.attempts})",
                scenario.span))
    if problems:
        raise LeadrulesError(problems)


def _error(scenario: Scenario, code: str, message: str) -> LeadrulesError:
    return LeadrulesError([Diagnostic(code, message, scenario.span)])
