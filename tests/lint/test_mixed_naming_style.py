"""mixed-naming-style: one naming style for the working statuses (seed 003)."""

import itertools

from leadrules.errors import Severity
from leadrules.lint import lint
from tests.lint.helpers import TODAY, lines, messages, run

RULE = "mixed-naming-style"


def scheme(*names: str, labels: tuple[str, ...] = ()) -> str:
    """An initial status, the given working statuses in a chain, and two outcomes."""
    text = "status Начало { initial }\n"
    for i, name in enumerate(names):
        label = labels[i] if i < len(labels) else ""
        text += f"status {name} {label} {{ }}\n"
    text += "status Сконвертирован { outcome won }\nstatus Забракован { outcome lost }\n"
    chain = ["Начало", *names, "Сконвертирован"]
    text += "".join(f"transition {a} -> {b} manual\n" for a, b in itertools.pairwise(chain))
    return text + "transition any -> Забракован manual\n"


def test_seed_003_mix_is_one_info():
    """«В обработке» and «Предложение» (expected) next to «КП отправлено» (done): one info,
    on the first status of the smaller style, listing both."""
    [d] = run(scheme('"В обработке"', "Предложение", '"КП отправлено"'), RULE)
    assert d.severity == Severity.INFO and d.span.line == 4
    assert d.message == ("the status names mix two naming styles: 'КП отправлено' says what "
                         "was done, 'В обработке' and 'Предложение' say what is expected next")


def test_one_style_throughout_is_fine():
    """All expected (seed 003's own scale) or all done («Обработан», «Отправлено
    предложение»): nothing to report."""
    assert run(scheme('"В обработке"', "Предложение", "Дожатие"), RULE) == []
    assert run(scheme("Обработан", '"Отправлено предложение"', '"Договор подписан"'),
               RULE) == []


def test_initial_and_outcomes_are_left_out():
    """«Сконвертирован», «Забракован» (done forms) and the initial status do not count."""
    assert run(scheme('"В обработке"', "Предложение"), RULE) == []


def test_lead_states_fit_either_style():
    """Connected, Qualified, Recycled say where the lead is: they mix with Working,
    Attempting and Proposal."""
    assert run(scheme("Attempting", "Connected", "Working", "Qualified", "Recycled",
                      "Proposal"), RULE) == []


def test_english_chinese_and_polish_mixes():
    """Past participles and 已… against -ing, 处理中 and «W toku»."""
    for names in (("Negotiation", '"Demo done"'), ("Qualifying", '"Meeting scheduled"'),
                  ("处理中", "已发送报价"), ('"W toku"', '"Oferta wysłana"'),
                  ('"Dalam proses"', '"E-mel dihantar"')):
        assert len(run(scheme(*names), RULE)) == 1, names


def test_review_needed_is_expected_not_done():
    """"Review needed" says what should happen next, although "needed" ends in -ed."""
    assert run(scheme("Working", '"Review needed"'), RULE) == []


def test_labels_are_read_before_names():
    """English names in one style, Chinese labels mixed: the labels are reported."""
    text = scheme("Processing", "Negotiating", labels=('"处理中"', '"已报价"'))
    assert messages(text, RULE)[0].startswith("the status labels mix")
    names_only = scheme("Processing", '"Proposal sent"', labels=('"处理中"', '"报价中"'))
    assert messages(names_only, RULE)[0].startswith("the status names mix")


def test_council_words_decide_unknown_names():
    """A council's `done` word makes «Ревизия» done-style (neither style without it)."""
    text = scheme('"В обработке"', "Ревизия")
    assert run(text, RULE) == []
    assert lines(text, RULE, words={"done": ("ревизия",)}) == [3]


def test_universal_scheme_has_one_style(universal):
    """Attempting, Working and "Stale - review needed" are expected-style; Connected,
    Qualified and Recycled are lead states: no finding, not even an info."""
    assert [d for d in lint(universal, today=TODAY).diagnostics if d.rule == RULE] == []


def test_nouns_ending_in_ing_are_not_work_in_progress():
    """"Bad Timing" (a HubSpot status) is not an -ing form: it does not mix with "Attempted"."""
    assert run(scheme('"Attempted to contact"', '"Bad Timing"'), RULE) == []
    assert len(run(scheme('"Attempted to contact"', '"In progress"'), RULE)) == 1
