"""missing-outcome: a scheme needs an `outcome lost` status and an `outcome won` status."""

from tests.conftest import EXAMPLES
from tests.lint.helpers import run


def subjects(text: str) -> list[tuple[int, str]]:
    return [(d.span.line, d.message.split(":")[0]) for d in run(text, "missing-outcome")]


def test_both_outcomes_present_is_fine():
    """One won and one lost outcome: nothing to report."""
    text = "status New { initial }\nstatus Won { outcome won }\nstatus Lost { outcome lost }\n"
    assert run(text, "missing-outcome") == []


def test_no_lost_outcome():
    """Without `outcome lost` the funnel cannot say no, reported on the initial status."""
    text = "status Won { outcome won }\nstatus New { initial }\nstatus Lost {}\n"
    assert subjects(text) == [(2, "no status is marked `outcome lost`")]


def test_no_won_outcome():
    """Without `outcome won` nothing counts as converted."""
    text = "status New { initial }\nstatus Lost { outcome lost }\n"
    assert subjects(text) == [(1, "no status is marked `outcome won`")]


def test_neither_gives_two_findings_on_the_first_status_without_initial():
    """No outcome at all: two findings; with no initial status they go on the first one."""
    text = "status A {}\nstatus B {}\n"
    assert subjects(text) == [(1, "no status is marked `outcome lost`"),
                              (1, "no status is marked `outcome won`")]


def test_several_lost_outcomes_are_fine():
    """One rejected status per reason (seed 003) is fine: at least one is enough."""
    text = ('status Новый { initial }\nstatus "Забракован: нет связи" { outcome lost }\n'
            'status "Забракован: отказ" { outcome lost }\nstatus Сконвертирован { outcome won }\n')
    assert run(text, "missing-outcome") == []


def test_examples_have_both_outcomes():
    """Every bundled example can say yes and no."""
    for name in ("universal", "stage_vs_status", "two_mandatory", "proposal_scale",
                 "qualification_pipeline"):
        text = (EXAMPLES / f"{name}.leads").read_text(encoding="utf-8")
        assert run(text, "missing-outcome") == [], name
