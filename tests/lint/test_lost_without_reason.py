"""lost-without-reason: a lost outcome must make reps pick a reason from a choice list."""

from tests.lint.helpers import lines, messages

RULE = "lost-without-reason"
HEAD = ("field lost_reason choice(budget, competitor, wrong_fit, other)\n"
        "field source choice(web, referral)\n"
        "field lost_notes text\n"
        "field flag bool\n"
        "status New { initial }\n"
        "transition New -> Lost manual\n")


def lost(requires: str | None) -> str:
    body = f"requires {requires}" if requires else ""
    return HEAD + f"status Lost {{\n  outcome lost\n  {body}\n}}\n"


def test_a_plain_choice_field_is_a_reason():
    """`requires lost_reason` is the seed's dropdown: nothing to report."""
    assert lines(lost("lost_reason"), RULE) == []


def test_comparisons_and_in_on_a_choice_field_count():
    """`=` and `in (…)` on a choice field can only hold when a reason was picked."""
    assert lines(lost("lost_reason in (budget, competitor)"), RULE) == []
    assert lines(lost("lost_reason = other"), RULE) == []


def test_one_operand_of_and_is_enough():
    """Inside `and`, a reason in one operand is required whatever the others say."""
    assert lines(lost("lost_notes and lost_reason"), RULE) == []


def test_every_branch_of_or_with_a_choice_field_passes():
    """Inside `or`, every branch has a choice field (not necessarily the same one)."""
    assert lines(lost("lost_reason or source = web"), RULE) == []
    assert lines(lost("(lost_notes and lost_reason) or source"), RULE) == []


def test_no_requires_is_reported():
    """A lost status with no `requires` at all is reported at its declaration."""
    text = lost(None)
    assert lines(text, RULE) == [7]
    assert messages(text, RULE) == [
        "leads can be marked 'Lost' (lost) without a reason: the status has no `requires`"]


def test_free_text_is_not_a_reason():
    """Requiring only free-text notes is reported, and the message says why."""
    [message] = messages(lost("lost_notes"), RULE)
    assert "free text (lost_notes) cannot be counted" in message


def test_an_or_branch_without_a_choice_field_is_reported():
    """`lost_reason or lost_notes` can be met with notes alone."""
    assert lines(lost("lost_reason or lost_notes"), RULE) == [7]


def test_negative_tests_do_not_require_a_value():
    """`!=`, `not in` and `not` are met by an empty field, so they are no reason."""
    assert lines(lost("lost_reason != other"), RULE) == [7]
    assert lines(lost("lost_reason not in (other)"), RULE) == [7]
    assert lines(lost("not lost_reason"), RULE) == [7]


def test_a_bool_is_not_a_reason():
    """A yes/no field is not a list of reasons."""
    assert lines(lost("flag"), RULE) == [7]


def test_other_statuses_need_no_reason():
    """Won outcomes and working statuses are not this rule's business."""
    text = HEAD.replace("-> Lost", "-> Won") + "status Won { outcome won\n locked }\n"
    assert lines(text, RULE) == []


def test_transition_requirements_do_not_count():
    """A reason required only on one transition leaves timers and other ways in without one."""
    text = (HEAD.replace("transition New -> Lost manual",
                         "transition New -> Lost manual requires lost_reason")
            + "status Lost { outcome lost }\n")
    assert lines(text, RULE) == [7]


def test_unicode_and_quoted_names():
    """Russian quoted status and field names work like any other."""
    text = ('field "причина отказа" choice(нет_бюджета, другое)\n'
            "field заметки text\n"
            "status Новый { initial }\n"
            'status "Отказ клиента" { outcome lost\n requires "причина отказа" }\n'
            'status "Отказ: спам" { outcome lost\n requires заметки }\n'
            'transition Новый -> "Отказ клиента" manual\n'
            'transition Новый -> "Отказ: спам" manual\n')
    assert messages(text, RULE)[0].startswith("leads can be marked 'Отказ: спам' (lost)")
    assert lines(text, RULE) == [6]


def test_only_text_fields_are_called_free_text():
    """A date is not a reason either, but the message does not call it free text."""
    text = lost("lost_on").replace("field flag bool\n", "field flag bool\nfield lost_on date\n")
    [message] = messages(text, RULE)
    assert "free text" not in message
