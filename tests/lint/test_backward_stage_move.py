"""backward-stage-move: a move that rewinds the stage is fine only when a rule says so."""

from leadrules import load
from leadrules.errors import Severity
from leadrules.lint import lint
from tests.conftest import EXAMPLES
from tests.lint.helpers import TODAY, lines, messages, run

RULE = "backward-stage-move"
HEAD = ('calendar business { timezone "UTC"\n open mon-fri 09:00-17:00 }\n'   # 1-2
        "field n count\n"                                                      # 3
        "stages {\n MQL\n SAL\n SQL\n}\n"                                      # 4-8
        "status New { initial; stages MQL }\n"                                 # 9
        "status Working { stages SAL, SQL }\n"                                 # 10
        "status Nurture { stages MQL }\n"                                      # 11
        "status Early { stages MQL, SAL }\n"                                   # 12
        "status Loose {}\n"                                                    # 13
        "transition New -> Working manual\n")                                  # 14


def test_a_move_wholly_into_earlier_stages_is_info():
    """Working (SAL, SQL) -> Nurture (MQL): the stage must go back."""
    text = HEAD + "transition Working -> Nurture manual\n"
    [d] = run(text, RULE)
    assert (d.span.line, d.severity) == (15, Severity.INFO)
    assert d.message.startswith("moving from 'Working' to 'Nurture' sends the lead back to MQL")


def test_a_returns_to_rule_makes_it_deliberate():
    """`when stage returns to MQL -> Nurture`: recycling and nurture legitimately go back."""
    text = HEAD + "transition Working -> Nurture manual\nwhen stage returns to MQL -> Nurture\n"
    assert lines(text, RULE) == []


def test_overlapping_stages_are_not_backward():
    """Early (MQL, SAL) shares SAL with Working: the lead can stay in SAL."""
    text = HEAD + "transition Working -> Early manual\n"
    assert lines(text, RULE) == []


def test_statuses_without_stages_are_not_compared():
    """A status valid in any stage says nothing about direction."""
    text = HEAD + "transition Working -> Loose manual\ntransition Loose -> Nurture manual\n"
    assert lines(text, RULE) == []


def test_forward_moves_are_fine():
    """New (MQL) -> Working (SAL, SQL) moves forward."""
    assert lines(HEAD, RULE) == []


def test_timers_and_data_rules_are_checked():
    """A timer and a data rule into an earlier stage are each reported on their own line."""
    text = HEAD.replace("status Working { stages SAL, SQL }",
                        "status Working { stages SAL, SQL\n after 30 days -> Nurture\n"
                        " when n >= 10 -> Nurture }")
    assert lines(text, RULE) == [11, 12]


def test_any_is_reported_once_for_its_line():
    """`any -> Nurture` is one line: one finding naming the sources that go back."""
    text = HEAD + "transition any -> Nurture manual\n"
    [message] = messages(text, RULE)
    assert "moving from 'Working' to 'Nurture'" in message
    text = HEAD + "status Late { stages SQL }\ntransition Working -> Late manual\n" \
        "transition any -> Nurture manual\n"
    [message] = messages(text, RULE)
    assert "moving from 'Late', 'Working' to 'Nurture'" in message


def test_unicode_names_and_quoted_help():
    """Chinese stages, a quoted Polish status; the help writes the name as it must be written."""
    text = ("stages {\n 潜在客户\n 商机\n}\n"
            "status Nowy { initial; stages 潜在客户 }\n"
            'status "W toku" { stages 商机 }\n'
            'status "Nurturing marketingowy" { stages 潜在客户 }\n'
            'transition Nowy -> "W toku" manual\n'
            'transition "W toku" -> "Nurturing marketingowy" manual\n')
    [d] = run(text, RULE)
    assert d.span.line == 9
    assert 'when stage returns to 潜在客户 -> "Nurturing marketingowy"' in (d.help or "")


def test_universal_is_clean():
    """universal.leads sends leads back to MQL only into Nurture, which a rule names."""
    path = EXAMPLES / "universal.leads"
    result = lint(load(path), source=path.read_text(encoding="utf-8"), today=TODAY)
    assert [d for d in result.diagnostics if d.rule == RULE] == []
