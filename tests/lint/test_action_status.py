"""action-status: tasks and attempt outcomes are not statuses (seeds 002, 003)."""

import pytest

from leadrules.lint import lint
from tests.lint.helpers import TODAY, lines, messages, run

RULE = "action-status"


def scheme(name: str, body: str = "", label: str = "") -> str:
    return (f"status Start {{ initial }}\nstatus {name} {label} {{ {body} }}\n"
            f"transition Start -> {name} manual\n")


@pytest.mark.parametrize("name", [
    '"Call back"', '"Send email"', '"Send proposal"', '"Follow-up"', '"Clarify email address"',
    "Перезвонить", '"Отправить КП"', '"Уточнить адрес электронной почты"', "回电", "跟进",
    '"发送报价"', '"Hubungi semula"', '"Hantar e-mel"', "Oddzwonić", '"Wysłać ofertę"',
    '"Call back tomorrow"', '"CALL-BACK"',
])
def test_tasks_are_reported(name):
    """A task in any of the five languages, whatever its case or punctuation."""
    [message] = messages(scheme(name), RULE)
    assert "is a task" in message


@pytest.mark.parametrize("name", [
    '"No answer"', '"Didn\'t get through"', '"Email sent"', '"Не дозвонился"',
    '"Не дозвонились"', '"Не отвечает"', "未接通", "无人接听", '"Tiada jawapan"',
    '"E-mel dihantar"', '"Nie odbiera"', '"Brak odpowiedzi"', "Voicemail",
])
def test_attempt_outcomes_are_reported(name):
    """How one contact attempt went is history, not a stage of work."""
    [message] = messages(scheme(name), RULE)
    assert "records how one contact attempt went" in message


def test_the_label_counts_too():
    """A neutral name with a task as its label (what reps see) is reported."""
    assert lines(scheme("Callback2", label='"Перезвонить"'), RULE) == [2]


@pytest.mark.parametrize("name", [
    '"Attempting contact"', '"Cubaan Menghubungi"', "跟进中", '"Proposal sent"',
    '"Предложение отправлено"', '"В обработке"', '"Próby kontaktu"', "Connected",
    '"Nie kontaktować ponownie"', '"Sedang Diusahakan"',
])
def test_stages_of_work_are_not_reported(name):
    """States and stages of work pass, even when they mention contact or follow-up (跟进中 is
    "following up", a state; "Proposal sent" is the stage where we wait for an answer)."""
    assert run(scheme(name), RULE) == []


def test_callback_inside_a_longer_name_is_still_a_task():
    """"Callback" anywhere in the name is reported, with the word that matched."""
    [message] = messages(scheme('"Callback queue review"'), RULE)
    assert '("callback")' in message


def test_a_lost_outcome_may_be_named_by_its_reason():
    """One lost status per reason (seed 003): "Lost: no answer" as an outcome is fine, a task
    as an outcome is not."""
    assert run(scheme('"Lost: no answer"', "outcome lost"), RULE) == []
    assert lines(scheme('"Lost: call back later"', "outcome lost"), RULE) == [2]


def test_negation_before_a_task_cancels_it():
    """"No follow-up" is not the task "follow up"."""
    assert run(scheme('"No follow-up needed"'), RULE) == []


def test_council_adds_its_own_tasks():
    """Words from the configuration's `action` list are reported as tasks."""
    assert run(scheme('"Send NDA"'), RULE) == []
    assert lines(scheme('"Send NDA"'), RULE, words={"action": ("send nda",)}) == [2]


def test_universal_scheme_has_no_action_status(universal):
    """The universal statuses are all stages of work."""
    assert [d for d in lint(universal, today=TODAY).diagnostics if d.rule == RULE] == []
