"""empty-stage: every stage has at least one status allowed in it."""

from leadrules.errors import Severity
from tests.lint.helpers import lines, messages, run

RULE = "empty-stage"
STAGES = "stages {\n MQL\n SQL\n Opportunity\n Customer\n}\n"   # stages on lines 2-5


def test_a_stage_no_status_names_is_a_warning():
    """Every status has a `stages` line; none names Opportunity."""
    text = STAGES + ("status New { initial; stages MQL }\nstatus Working { stages SQL }\n"
                     "status Won { outcome won; stages Customer }\n")
    [d] = run(text, RULE)
    assert (d.span.line, d.severity) == (4, Severity.WARNING)
    assert "no status is allowed in stage 'Opportunity'" in d.message


def test_every_empty_stage_is_reported():
    """Two stages left out, two findings, at their own lines."""
    text = STAGES + "status New { initial; stages MQL }\nstatus Working { stages SQL }\n"
    assert lines(text, RULE) == [4, 5]


def test_a_status_without_stages_fills_every_stage():
    """Unqualified without a `stages` line may be in any stage (as in universal.leads)."""
    text = STAGES + ("status New { initial; stages MQL }\nstatus Working { stages SQL }\n"
                     "status Unqualified { outcome lost }\n")
    assert lines(text, RULE) == []


def test_every_stage_named_is_fine():
    """Each stage is named by some status."""
    text = STAGES + ("status New { initial; stages MQL }\n"
                     "status Working { stages SQL, Opportunity }\n"
                     "status Won { outcome won; stages Customer }\n")
    assert lines(text, RULE) == []


def test_no_stages_nothing_to_report():
    """A scheme with statuses but no stages block."""
    assert lines("status New { initial }\n", RULE) == []


def test_unicode_stage_names():
    """A Chinese stage that no status names is named in the message."""
    text = "stages {\n 订阅者\n 流失客户\n}\nstatus 打开 { initial; stages 订阅者 }\n"
    assert messages(text, RULE) == [
        "no status is allowed in stage '流失客户': every status has a `stages` line and none "
        "names it, so a lead can never be in this stage"]
