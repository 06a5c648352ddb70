"""won-without-deal-data: a won outcome records the deal (id, close date, value) and is locked."""

from leadrules.errors import Severity
from tests.lint.helpers import messages, run

RULE = "won-without-deal-data"
HEAD = ("field opportunity_id text\nfield close_date date\nfield deal_value money\n"
        "field notes text\nfield amount number\nfield score number\nfield idea text\n"
        "status Qualified { initial }\ntransition Qualified -> Won manual\n")


def won(requires: str | None, locked: bool = True) -> str:
    lines = ["outcome won", "locked" if locked else "", f"requires {requires}" if requires else ""]
    return HEAD + "status Won {\n" + "\n".join(lines) + "\n}\n"


def found(text: str, **kwargs) -> list[tuple[str, Severity]]:
    return [(d.message.split("the deal's ")[-1], d.severity) for d in run(text, RULE, **kwargs)]


def test_all_three_aspects_and_locked_pass():
    """The seed's opportunity id, expected close date and deal value, locked: nothing to report."""
    assert run(won("opportunity_id and close_date and deal_value"), RULE) == []


def test_no_deal_data_at_all_is_a_warning_per_aspect():
    """A won status that requires nothing of the deal: one warning per missing aspect."""
    assert found(won("notes")) == [("opportunity id", Severity.WARNING),
                                   ("expected close date", Severity.WARNING),
                                   ("value", Severity.WARNING)]


def test_partial_deal_data_is_an_info_per_missing_aspect():
    """Requiring some of the deal data: the missing aspects are infos."""
    assert found(won("opportunity_id and deal_value")) == [
        ("expected close date", Severity.INFO)]


def test_not_locked_is_a_warning_of_its_own():
    """An unlocked won status is reported even with all its data."""
    [d] = run(won("opportunity_id and close_date and deal_value", locked=False), RULE)
    assert d.severity == Severity.WARNING
    assert d.message == ("'Won' is a won outcome but not `locked`: a converted lead can still "
                         "be moved, and won numbers change after the fact")


def test_value_is_any_money_field_or_a_number_named_like_a_value():
    """`amount` (a number named like a value) counts; `score` (a number) does not."""
    assert found(won("opportunity_id and close_date and amount")) == []
    assert found(won("opportunity_id and close_date and score")) == [
        ("value", Severity.INFO)]


def test_id_words_match_whole_short_parts_only():
    """`id` must be a whole part of the name: `idea` is not an opportunity id."""
    assert found(won("idea and close_date and deal_value")) == [
        ("opportunity id", Severity.INFO)]


def test_a_money_field_named_deal_is_not_the_id():
    """`deal_value` is the value, not the link to the deal."""
    assert found(won("deal_value and close_date")) == [
        ("opportunity id", Severity.INFO)]


def test_or_must_give_the_aspect_on_every_branch():
    """`close_date or notes` can be met without a date."""
    assert found(won("opportunity_id and deal_value and (close_date or notes)")) == [
        ("expected close date", Severity.INFO)]


def test_words_are_options():
    """A council can add its own words for the deal link."""
    text = won("notes and close_date and deal_value")
    assert found(text) == [("opportunity id", Severity.INFO)]
    assert found(text, options={"id-words": ["notes"]}) == []


def test_lost_and_working_statuses_are_ignored():
    """Only `outcome won` statuses are checked."""
    text = HEAD.replace("-> Won", "-> Lost") + "status Lost { outcome lost }\n"
    assert run(text, RULE) == []


def test_unicode_names_match_the_lexicon():
    """Russian stems and Chinese words find the deal link: номер_сделки, 商机编号."""
    for name in ("номер_сделки", "商机编号", "id_peluang", "dealId"):
        text = (f"field {name} text\nfield дата date\nfield сумма money\n"
                'status Новый { initial }\nstatus "Сделка оплачена" { outcome won\n locked\n'
                f" requires {name} and дата and сумма }}\n"
                'transition Новый -> "Сделка оплачена" manual\n')
        assert messages(text, RULE) == [], name


def test_a_choice_field_is_never_the_deal_link():
    """`deal_stage choice(…)` is named like a deal but holds no id."""
    text = "field deal_stage choice(open, won)\n" + won("deal_stage and close_date and deal_value")
    assert found(text) == [("opportunity id", Severity.INFO)]
