"""rating-status: ratings and flags belong in fields, not in the status list (seed 002)."""

import pytest

from leadrules.lint import lint
from tests.lint.helpers import TODAY, lines, messages, run

RULE = "rating-status"


def scheme(name: str, label: str = "") -> str:
    return (f"status Start {{ initial }}\nstatus {name} {label} {{ }}\n"
            f"transition Start -> {name} manual\n")


@pytest.mark.parametrize("name", [
    "Hot", "Warm", "Cold", '"Hot lead"', "VIP", '"Priority A"', "A", '"Class B"',
    '"Do not contact"', "Assigned", '"Горячий клиент"', "Тёплая", '"Не звонить"', "热线索",
    '"A类客户"', "请勿联系", "Zimny", '"Wysoki priorytet"', '"Keutamaan tinggi"', "Sejuk",
])
def test_ratings_and_flags_are_reported(name):
    """A whole name that is a rating, a grade or a flag, in any of the five languages."""
    [message] = messages(scheme(name), RULE)
    assert "is a rating or a flag" in message


@pytest.mark.parametrize("name", [
    '"Холодный ящик"', "Customer", "Lead", '"Hot proposal"', '"Not hot"', "冷静期", "客户",
    '"Nie kontaktować ponownie"', '"Meeting assigned"',
])
def test_names_that_only_use_the_word_are_not_reported(name):
    """"Холодный ящик" (the box where cold leads are warmed up, seed 002) is a parking place;
    a word such as lead or 客户 alone, or a rating beside a real stage, is not a rating."""
    assert run(scheme(name), RULE) == []


def test_the_label_counts_too():
    """A neutral name whose label is a rating is reported, naming the label."""
    assert messages(scheme("Grade", '"Горячий"'), RULE) == [
        "'Горячий' is a rating or a flag, not a stage of work: how promising a lead is "
        "belongs in a field"]


def test_council_adds_its_own_ratings():
    """Words from the configuration's `rating` list count as ratings."""
    assert run(scheme("Golden"), RULE) == []
    assert lines(scheme("Golden"), RULE, words={"rating": ("golden",)}) == [2]


def test_universal_scheme_has_no_rating_status(universal):
    """The universal statuses say what is happening, not how good the lead is."""
    assert [d for d in lint(universal, today=TODAY).diagnostics if d.rule == RULE] == []
