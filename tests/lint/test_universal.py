"""The universal scheme of seed 000 passes the council's rules: no errors, no warnings.

It gets infos only, each one a fair observation about the reference text:
- status-budget: ten statuses are within seed 000's "8–12 at most" but above seed 003's 5–7
  optimum — worth a thought, not a fault;
- automation-bypasses-requirements (10): its automatic moves and stage-sync rules bring leads
  into statuses whose required data reps must fill in by hand (seed 000 holds reps to that
  data; automation does not supply it) — the intended info of that rule;
- no-timer: Recycled has no SLA, timer or alert; only the `first_outreach` event moves it on.
"""

from __future__ import annotations

from collections import Counter

from leadrules import load
from leadrules.errors import Severity
from leadrules.lint import lint
from tests.conftest import EXAMPLES
from tests.lint.helpers import TODAY


def test_universal_has_no_warnings_or_errors_and_only_the_justified_infos():
    """Exactly the infos listed in this module's docstring, nothing worse."""
    path = EXAMPLES / "universal.leads"
    result = lint(load(path), source=path.read_text(encoding="utf-8"), today=TODAY)
    assert all(d.severity == Severity.INFO for d in result.diagnostics)
    assert Counter(d.rule for d in result.diagnostics) == {
        "status-budget": 1, "automation-bypasses-requirements": 10, "no-timer": 1}
