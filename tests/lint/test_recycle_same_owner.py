"""recycle-same-owner: recycled leads go to a different rep (seed 000)."""

from leadrules.lint import lint
from tests.lint.helpers import TODAY, lines, messages, run

RULE = "recycle-same-owner"
HEAD = ("team SDR\nfield reason choice(budget, timing, other)\n"
        "status New { initial\n on enter { assign team SDR } }\n"
        "status Lost { outcome lost\n requires reason\n after 180 days -> Back }\n")


def scheme(name: str, body: str, label: str = "", more: str = "") -> str:
    return (HEAD.replace("Back", name) + f"status {name} {label} {{\n{body}\n}}\n"
            f"transition New -> Lost manual\ntransition {name} -> New manual\n" + more)


def test_recycled_without_a_different_owner():
    """Recycled gives the lead back to the same team without `different_owner`."""
    text = scheme("Recycled", "on enter { assign team SDR }")
    assert messages(text, RULE) == [
        "'Recycled' brings leads back into play (\"recycled\") but does not hand them to a "
        "different rep"]
    assert lines(text, RULE) == [8]


def test_different_owner_passes():
    """`assign team SDR different_owner` is the fix."""
    assert run(scheme("Recycled", "on enter { assign team SDR different_owner }"), RULE) == []


def test_a_status_only_lost_leads_enter_is_a_recycle_status():
    """"Second look" has no recycle word, but only leads from Lost enter it."""
    assert messages(scheme('"Second look"', ""), RULE) == [
        "'Second look' takes leads back from 'Lost' but does not hand them to a different rep"]


def test_a_working_status_that_also_takes_lost_leads_is_not_reported():
    """Working is entered from New as well: it is not a recycle status."""
    text = scheme("Working", "", more="transition New -> Working manual\n")
    assert run(text, RULE) == []


def test_labels_and_definitions_in_other_languages():
    """«Dikitar Semula» as a label, «wraca» in a definition."""
    more = "transition New -> Pool manual\n"
    assert len(run(scheme("Pool", "", '"Dikitar Semula"', more), RULE)) == 1
    assert len(run(scheme("Pool", 'means "Lead wraca do przeglądu."', "", more), RULE)) == 1
    assert run(scheme("Pool", 'means "Leads waiting for review."', "", more), RULE) == []


def test_outcomes_and_the_initial_status_are_not_recycle_statuses():
    """A lost outcome fed by another lost outcome is not back in play; New, where every lead
    is created, is not kept for returning leads even when lost leads come back to it."""
    assert run(scheme("Archived", "outcome lost"), RULE) == []
    text = HEAD.replace("-> Back", "-> New") + "transition New -> Lost manual\n"
    assert run(text, RULE) == []


def test_universal_recycled_goes_to_a_different_rep(universal):
    """Universal Recycled assigns team SDR with different_owner: no finding."""
    assert [d for d in lint(universal, today=TODAY).diagnostics if d.rule == RULE] == []
