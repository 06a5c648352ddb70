"""stage-order-mismatch: where leads start and where they are won agree with the journey."""

from leadrules import load
from leadrules.lint import lint
from tests.conftest import EXAMPLES
from tests.lint.helpers import TODAY, lines, messages

RULE = "stage-order-mismatch"
STAGES = "stages {\n MQL\n SAL\n SQL\n Opportunity\n Customer\n}\n"  # lines 1-7


def scheme(*body: str) -> str:
    return STAGES + "\n".join(body) + "\n"


WON_FROM_QUALIFIED = (
    "status New { initial; stages MQL }",                       # line 8
    "status Qualified { stages SQL }",                          # line 9
    "transition New -> Qualified manual",
    "transition Qualified -> Converted on opportunity_created auto",
)


def test_won_allowed_before_every_way_in_is_flagged():
    """Seed 000's own example: Converted allowed in MQL, reached only from an SQL status."""
    text = scheme(*WON_FROM_QUALIFIED,
                  "status Converted { outcome won; locked; stages MQL, Opportunity }")
    assert lines(text, RULE) == [12]
    [message] = messages(text, RULE)
    assert "'Converted' (outcome won) is allowed in MQL" in message
    assert "from 'Qualified' (SQL at the earliest)" in message


def test_won_in_the_stage_of_its_source_is_fine():
    """Converted allowed in SQL, the stage Qualified leads are in: a possible combination."""
    text = scheme(*WON_FROM_QUALIFIED,
                  "status Converted { outcome won; locked; stages SQL, Opportunity }")
    assert lines(text, RULE) == []


def test_a_source_without_stages_says_nothing():
    """A way in from a status valid in any stage could bring a lead there in any stage."""
    text = scheme("status New { initial; stages MQL }", "status Working {}",
                  "status Won { outcome won; stages MQL, Opportunity }",
                  "transition New -> Working manual", "transition Working -> Won manual")
    assert lines(text, RULE) == []


def test_stage_sync_brings_a_lead_in_its_own_stage():
    """Reached only by `when stage becomes Opportunity`: SAL comes before every way in."""
    text = scheme("status New { initial; stages MQL }",
                  "status Won { outcome won; locked; stages SAL, Opportunity }",
                  "when stage becomes Opportunity -> Won")
    assert lines(text, RULE) == [9]
    assert "when the stage becomes Opportunity" in messages(text, RULE)[0]


def test_won_from_any_status_is_not_flagged():
    """`any -> Won` includes the MQL status, so Won in MQL is possible."""
    text = scheme("status New { initial; stages MQL }", "status Working { stages SQL }",
                  "status Won { outcome won; locked; stages MQL, Opportunity }",
                  "transition New -> Working manual", "transition any -> Won manual")
    assert lines(text, RULE) == []


def test_lost_outcomes_are_not_compared():
    """An outcome lost status may record where a lead dropped out, early or late."""
    text = scheme(*WON_FROM_QUALIFIED,
                  "status Converted { outcome won; locked; stages Opportunity }",
                  "status Lost { outcome lost; stages MQL }",
                  "transition Qualified -> Lost manual")
    assert lines(text, RULE) == []


def test_initial_status_ahead_of_what_follows_is_flagged():
    """Seed 000: an SQL-stage lead with status New; New's next status starts at SAL."""
    text = scheme("status New { initial; stages MQL, SAL, SQL }",
                  "status Attempting { stages SAL, SQL }",
                  "transition New -> Attempting on first_email auto")
    assert lines(text, RULE) == [8]
    [message] = messages(text, RULE)
    assert "allowed in SQL" in message and "'Attempting' from SAL" in message


def test_initial_status_no_later_than_what_follows_is_fine():
    """New in MQL and SAL, Attempting from SAL: the universal layout."""
    text = scheme("status New { initial; stages MQL, SAL }",
                  "status Attempting { stages SAL, SQL }",
                  "transition New -> Attempting on first_email auto")
    assert lines(text, RULE) == []


def test_the_latest_next_status_sets_the_limit():
    """New may go to Nurture (MQL) or Working (SQL): New in SQL is no further than Working."""
    text = scheme("status New { initial; stages MQL, SQL }", "status Nurture { stages MQL }",
                  "status Working { stages SQL }", "transition New -> Nurture manual",
                  "transition New -> Working manual")
    assert lines(text, RULE) == []


def test_outcomes_and_stage_sync_do_not_count_as_what_follows():
    """Only outcome and stage-sync moves leave New: nothing to compare its stages with."""
    text = scheme("status New { initial; stages MQL, SQL }",
                  "status Lost { outcome lost; stages MQL }",
                  "status Working { stages MQL }",
                  "transition New -> Lost manual", "when stage becomes SAL -> Working")
    assert lines(text, RULE) == []


def test_leads_starting_after_other_statuses_is_flagged():
    """New only from SQL on, Nurture in MQL, and no rule returns a lead to MQL."""
    text = scheme("status New { initial; stages SQL }", "status Nurture { stages MQL }",
                  "transition New -> Nurture manual")
    assert lines(text, RULE) == [8]
    [message] = messages(text, RULE)
    assert "allowed only from stage SQL on" in message and "'Nurture' in MQL" in message


def test_a_returns_to_rule_makes_earlier_stages_reachable():
    """With `when stage returns to MQL -> Nurture`, Nurture in MQL is reachable."""
    text = scheme("status New { initial; stages SQL }", "status Nurture { stages MQL }",
                  "transition New -> Nurture manual", "when stage returns to MQL -> Nurture")
    assert lines(text, RULE) == []


def test_outcomes_in_earlier_stages_do_not_move_the_start():
    """An outcome lost status listing every stage is not a status leads work in."""
    text = scheme("status New { initial; stages SAL }", "status Lost { outcome lost; "
                  "stages MQL, SAL, SQL }", "transition New -> Lost manual")
    assert lines(text, RULE) == []


def test_schemes_without_stages_are_not_checked():
    """No `stages` block: no order to contradict."""
    text = ("status New { initial }\nstatus Won { outcome won; locked }\n"
            "transition New -> Won manual\n")
    assert lines(text, RULE) == []


def test_unicode_and_quoted_names():
    """Chinese stage names and a quoted Malay status name are reported like any other."""
    text = ("stages {\n 营销合格潜客\n 销售合格潜客\n 商机\n}\n"
            "status Baharu { initial; stages 营销合格潜客 }\n"
            "status Layak { stages 销售合格潜客 }\n"
            'status "Ditukar ke peluang" { outcome won; locked; stages 营销合格潜客, 商机 }\n'
            "transition Baharu -> Layak manual\n"
            'transition Layak -> "Ditukar ke peluang" manual\n')
    assert lines(text, RULE) == [8]
    assert "'Ditukar ke peluang' (outcome won) is allowed in 营销合格潜客" in messages(
        text, RULE)[0]


def test_the_stage_examples_are_clean():
    """universal.leads and stage_vs_status.leads keep their stages in journey order."""
    for name in ("universal", "stage_vs_status"):
        path = EXAMPLES / f"{name}.leads"
        result = lint(load(path), source=path.read_text(encoding="utf-8"), today=TODAY)
        assert [d for d in result.diagnostics if d.rule == RULE] == [], name
