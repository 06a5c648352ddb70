"""overlapping-statuses: statuses handled alike, named by synonyms, or defined alike."""

from leadrules.errors import Severity
from leadrules.lint import lint
from tests.lint.helpers import TODAY, lines, messages, run

RULE = "overlapping-statuses"
LOST = "field lost_reason choice(budget, competitor, other)\n"


def two(a: str, b: str, body_a: str = "", body_b: str = "") -> str:
    """Start leading to two statuses with different ways in (Start -> A, Other -> B)."""
    return (f'status Start {{ initial\n means "Just arrived." }}\n'
            f'status Other {{ means "Something else." }}\n'
            f'status {a} {{ {body_a} }}\nstatus {b} {{ {body_b} }}\n'
            f"transition Start -> Other manual\ntransition Start -> {a} manual\n"
            f"transition Other -> {b} manual\n")


def test_seed_003_clarifying_pair_is_a_warning():
    """«Уточнение информации» next to «Выяснение деталей» (seed 003) is reported on the second."""
    [d] = run(two('"Уточнение информации"', '"Выяснение деталей"'), RULE)
    assert d.severity == Severity.WARNING and d.span.line == 5
    assert "finding out details" in d.message and "«" not in d.message


def test_dead_lost_junk_are_synonyms():
    """Dead, Lost and Junk all name a lost lead: each later one is reported."""
    text = (LOST + 'status New { initial }\nstatus Working {}\n'
            "status Dead { outcome lost }\nstatus Lost { outcome lost }\n"
            "status Junk { outcome lost }\n"
            "transition New -> Dead manual\ntransition New -> Working manual\n"
            "transition Working -> Lost manual\ntransition Working, New -> Junk manual\n")
    assert lines(text, RULE) == [5, 6]
    assert all("both name a lost lead" in m for m in messages(text, RULE))


def test_every_language_has_synonyms():
    """Chinese, Polish, Malay and inflected Russian synonyms are found."""
    for a, b in (("丢失", "无效"), ("Odrzucony", "Stracony"), ("Gagal", "Ditolak"),
                 ('"Новая заявка"', '"Новый лид"'), ('"W toku"', '"W trakcie"'),
                 ('"处理中"', '"进行中"')):
        assert lines(two(a, b), RULE) == [5], (a, b)


def test_negated_words_do_not_count():
    """'New / Not contacted' is not "contacted", and 不合格 is not 合格."""
    text = ('status New "New / Not contacted" { initial }\nstatus Connected {}\n'
            "transition New -> Connected manual\n")
    assert run(text, RULE) == []
    assert run(two("合格", "不合格"), RULE) == []


def test_won_and_lost_outcomes_never_overlap():
    """Закрыто успешно (won) and Закрыто и не реализовано (lost) both say закрыто: no doubt."""
    text = two('"Закрыто успешно"', '"Закрыто и не реализовано"', "outcome won",
               "outcome lost")
    assert run(text, RULE) == []


def test_definitions_and_different_requirements_make_it_an_info():
    """Working and In progress, each defined and with its own required data: info only."""
    text = ("field notes text\nfield plan text\n" + two(
        "Working", '"In progress"', 'means "Talking."\n requires notes',
        'means "Planning."\n requires plan'))
    [d] = run(text, RULE)
    assert d.severity == Severity.INFO and "make sure reps know" in d.message


def test_one_lost_status_per_reason_is_fine():
    """Two lost outcomes, each defined and requiring its own reason (seed 003): not reported."""
    text = (LOST + two('"Забракован: нет связи"', '"Забракован: отказ"',
                       'outcome lost\n means "Не связались."\n requires lost_reason = other',
                       'outcome lost\n means "Отказался."\n requires lost_reason = budget'))
    assert run(text, RULE) == []


def test_same_requirements_keep_it_a_warning():
    """Defined, but requiring the same data: nothing in the scheme tells them apart."""
    text = (LOST + two("Dead", "Lost", 'outcome lost\n means "Gone."\n requires lost_reason',
                       'outcome lost\n means "Lost."\n requires lost_reason'))
    [d] = run(text, RULE)
    assert d.severity == Severity.WARNING


def test_statuses_handled_alike_are_reported():
    """Two statuses with the same moves, data and automation, whatever their names."""
    text = ('role m\nstatus New { initial }\nstatus Alpha { sla 2 days notify m }\n'
            "status Beta { sla 2 days notify m }\nstatus Won { outcome won }\n"
            "transition New -> Alpha, Beta manual\ntransition Alpha, Beta -> Won manual\n")
    text = text.replace("transition New -> Alpha, Beta manual",
                        "transition New -> Alpha manual\ntransition New -> Beta manual")
    assert messages(text, RULE) == [
        "'Beta' is handled exactly like 'Alpha': same stages, required data, automation and "
        "moves in and out, so only the name tells a rep which to pick"]


def test_one_difference_is_enough_to_tell_them_apart():
    """A different SLA, or a different way out, makes two statuses different."""
    base = ('role m\nstatus New { initial }\nstatus Alpha { sla 2 days notify m }\n'
            "status Beta { sla 3 days notify m }\nstatus Won { outcome won }\n"
            "transition New -> Alpha manual\ntransition New -> Beta manual\n"
            "transition Alpha -> Won manual\ntransition Beta -> Won manual\n")
    assert run(base, RULE) == []
    other = base.replace("3 days", "2 days").replace("transition Beta -> Won manual",
                                                     "transition Beta -> Won on paid auto")
    assert run(other, RULE) == []


def test_any_moves_do_not_make_twins_differ():
    """Two lost outcomes reached only by `any`: handled alike although each is a source of
    the other's `any` move."""
    text = ("status New { initial }\nstatus Gone { outcome lost }\n"
            "status Away { outcome lost }\n"
            "transition any -> Gone manual\ntransition any -> Away manual\n")
    assert lines(text, RULE) == [3]


def test_same_definition_is_reported():
    """Two statuses defined by the same words (case and punctuation aside)."""
    text = two("Alpha", "Beta", 'means "We talk to them."', 'means "we talk to them"')
    assert messages(text, RULE) == [
        "'Beta' has the same definition as 'Alpha': the guide cannot tell reps which one to use"]


def test_council_synonyms_extend_the_list():
    """A council's own group "Demo booked|Meeting scheduled" makes the pair overlap."""
    text = two('"Demo booked"', '"Meeting scheduled"')
    assert run(text, RULE) == []
    words = {"synonyms": ("Demo booked|Meeting scheduled",)}
    [d] = run(text, RULE, words=words)
    assert "words your council listed as synonyms" in d.message


def test_universal_scheme_has_no_overlap(universal):
    """Connected, Working and Qualified differ in data and definitions (seed 000): no finding,
    not even an info."""
    result = lint(universal, today=TODAY)
    assert [d for d in result.diagnostics if d.rule == RULE] == []


def test_the_longest_phrase_decides():
    """"Open deal" (a deal was opened: won) does not overlap "New", although "Open" does."""
    assert run(two("New", '"Open deal"'), RULE) == []
    assert lines(two("New", "Open"), RULE) == [5]
