"""status-budget: info above 7 statuses, warning above 12, both configurable."""

from leadrules.errors import Severity
from tests.lint.helpers import run


def scheme(n: int) -> str:
    names = [f"S{i}" for i in range(1, n + 1)]
    body = "status S1 { initial }\n" + "".join(f"status {s} {{}}\n" for s in names[1:])
    return body + "".join(f"transition S1 -> {s} manual\n" for s in names[1:])


def test_seven_statuses_are_fine():
    """Seven statuses: within the optimum of 5–7."""
    assert run(scheme(7), "status-budget") == []


def test_eight_to_twelve_is_info_and_more_is_a_warning():
    """Eight is an info finding; thirteen is a warning."""
    [info] = run(scheme(8), "status-budget")
    [warning] = run(scheme(13), "status-budget")
    assert (info.severity, warning.severity) == (Severity.INFO, Severity.WARNING)
    assert info.span.line == 8 and warning.span.line == 13


def test_thresholds_are_options():
    """A council may set its own budget."""
    assert run(scheme(9), "status-budget", options={"info-above": 9}) == []
    [d] = run(scheme(9), "status-budget", options={"info-above": 5, "warning-above": 8})
    assert d.severity == Severity.WARNING
