"""The bundled examples parse as written and mean what the language page says."""

from __future__ import annotations

from decimal import Decimal

import pytest

from leadrules import Loader
from leadrules.model import Compare, DataRule, Scenario, Scheme
from tests.conftest import EXAMPLES, SHARED

ALL = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".leads", ".scenario"))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_example_loads(path):
    """Every example scheme and scenario parses and resolves without a problem."""
    assert Loader().load(path).resolved


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_example_says_what_it_covers(path):
    """Each example has a `Covers:` header so readers know what it demonstrates."""
    head = path.read_text(encoding="utf-8").splitlines()[:15]
    assert any("Covers:" in line for line in head) or path.name in (
        "universal.leads", "baseline.scenario")  # the reference texts are kept as written


@pytest.mark.parametrize("name", ["universal.leads", "baseline.scenario"])
def test_reference_texts_are_copied_as_written(name):
    """examples/ holds the design's reference texts byte for byte."""
    shared = SHARED / "design" / "examples" / name
    if not shared.exists():
        pytest.skip("the shared design folder is not beside this checkout")
    assert (EXAMPLES / name).read_bytes() == shared.read_bytes()


def test_domain_examples_are_all_present():
    """The examples drawn from each domain document exist (seeds 000–004)."""
    names = {p.name for p in ALL}
    assert {"universal.leads", "stage_vs_status.leads", "two_mandatory.leads",
            "proposal_scale.leads", "qualification_pipeline.leads"} <= names


def test_universal_statuses_and_their_rules(universal: Scheme):
    """The universal scheme has its ten statuses with the rules the page describes."""
    s = universal.status_map
    assert [x.name for x in universal.initial] == ["New"]
    assert s["Converted"].locked and s["Converted"].outcome == "won"
    assert s["Unqualified"].outcome == "lost"
    sla = s["New"].slas[0]
    assert (sla.within.amount, sla.within.unit, sla.within.business) == (2, "hours", True)
    assert sla.alert.kind == "escalate" and sla.alert.recipients[0].name == "sdr_manager"
    rule = s["Attempting"].rules[0]
    assert isinstance(rule, DataRule) and rule.target.name == "Nurture"
    assert isinstance(rule.when, Compare) and rule.when.value.value == Decimal(10)
    stale = s["Working"].timers[-1]
    assert stale.without_activity and stale.target.name == "Stale" and stale.delay.amount == 30
    assert [r.name for r in s["New"].stages] == ["MQL", "SAL"]


def test_any_means_every_status_that_is_not_locked(universal: Scheme):
    """`transition any -> Unqualified` leaves from every unlocked status but itself."""
    t = universal.transitions[-1]
    assert t.from_any and t.target.name == "Unqualified"
    assert [r.name for r in t.sources] == [
        "New", "Attempting", "Connected", "Working", "Stale", "Qualified", "Nurture",
        "Recycled"]
    assert t.approve.name == "sales_manager" and t.approve_if is not None


def test_baseline_scenario_settings(baseline: Scenario):
    """The baseline scenario reads its settings and behaviours as written."""
    assert (baseline.runs, baseline.seed, baseline.horizon.amount) == (20, 7, 180)
    assert baseline.arrivals.rate == 60 and baseline.arrivals.per == "business day"
    staff = {s.group.name: s.count for s in baseline.staff}
    assert staff == {"SDR": 10, "AE": 5, "Marketing": None, "sales_manager": 1}
    attempting = next(b for b in baseline.behaviours if b.status.name == "Attempting")
    work = attempting.work[0]
    assert work.every.business and work.counting.name == "attempts"
    branch = attempting.branches[0]
    assert branch.kind == "each_attempt"
    assert [(w.target.name, w.percent) for w in branch.outcomes] == [
        ("reply_received", 12), ("Unqualified", 2)]
    assert baseline.scheme is not None and baseline.scheme.path.endswith("universal.leads")
