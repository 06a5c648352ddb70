"""sync-stage-mismatch: a stage-sync rule never sets a status the stage does not allow."""

from leadrules.errors import Severity
from tests.lint.helpers import lines, messages, run

RULE = "sync-stage-mismatch"
HEAD = ("stages {\n MQL\n SQL\n Opportunity\n}\n"          # lines 1-5
        "status New { initial; stages MQL }\n"              # 6
        "status Working { stages SQL }\n"                   # 7
        "status Nurture { stages MQL }\n"                   # 8
        "status Anywhere {}\n"                              # 9
        "transition New -> Working manual\n"                # 10
        "transition Working -> Nurture manual\n"            # 11
        "transition Working -> Anywhere manual\n")          # 12


def test_becomes_into_a_status_not_allowed_there_is_an_error():
    """`when stage becomes SQL -> Nurture` with Nurture only in MQL."""
    text = HEAD + "when stage becomes SQL -> Nurture\n"
    [d] = run(text, RULE)
    assert (d.span.line, d.severity) == (13, Severity.ERROR)
    assert "sets status 'Nurture', which is not allowed in stage SQL (its stages: MQL)" in \
        d.message


def test_returns_to_is_checked_too():
    """`when stage returns to SQL -> Nurture`: after it the lead is in SQL with Nurture."""
    text = HEAD + "when stage returns to SQL -> Nurture\n"
    assert lines(text, RULE) == [13]
    assert "`when stage returns to SQL`" in messages(text, RULE)[0]


def test_matching_stage_and_status_are_fine():
    """Seed 000's own rules: promoted to SQL → Working, sent back to MQL → Nurture."""
    text = HEAD + "when stage becomes SQL -> Working\nwhen stage returns to MQL -> Nurture\n"
    assert lines(text, RULE) == []


def test_a_status_without_stages_fits_every_stage():
    """A status with no `stages` line may be in any stage."""
    text = HEAD + "when stage becomes Opportunity -> Anywhere\n"
    assert lines(text, RULE) == []


def test_each_wrong_rule_is_reported():
    """Two wrong rules, two findings, each on its own line."""
    text = HEAD + ("when stage becomes Opportunity -> Working\n"
                   "when stage becomes SQL -> Working\n"
                   "when stage becomes SQL -> New\n")
    assert lines(text, RULE) == [13, 15]


def test_unicode_and_quoted_names():
    """Chinese stages and a quoted Russian status name."""
    text = ("stages {\n 营销合格潜客\n 商机\n}\n"
            'status "Новая заявка" { initial; stages 营销合格潜客 }\n'
            'when stage becomes 商机 -> "Новая заявка"\n')
    assert lines(text, RULE) == [6]
    assert "'Новая заявка', which is not allowed in stage 商机" in messages(text, RULE)[0]
