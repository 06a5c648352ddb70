"""Scheme lines in words, as the status guide writes them: requirements, automation, time
limits, healthy ranges, and durations with the grammar of each language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from leadrules import load_text
from leadrules.guide.phrasing import Phraser, humanize, space_cjk
from leadrules.model.common import Duration
from leadrules.model.scheme import Scheme, Status

FIELDS = '''\
calendar business { timezone "UTC"; open mon-fri 09:00-17:00 }
field name text
field email email
field phone phone
field attempts count
field next_follow_up datetime
field last_meaningful datetime
field timeline date
field deal_value money
field authority bool
field opportunity_id text
field recycle_trigger text
field lost_reason choice(budget, no_authority, not_ready, unreachable, other)
team SDR "Sales development"
role sdr_manager
role sales_manager "Sales manager"
status Other { }
'''


def status(body: str) -> tuple[Scheme, Status]:
    scheme = load_text(FIELDS + f"status X {{\n  initial\n{body}\n}}\n", "t.leads")
    assert isinstance(scheme, Scheme)
    return scheme, scheme.status_map["X"]


def requires(cond: str, locale: str | None = None) -> str:
    scheme, s = status(f"  requires {cond}")
    assert s.requires is not None
    return Phraser(scheme, locale).condition(s.requires)


@pytest.mark.parametrize("cond, words", [
    ("name and (email or phone)", "name, and email or phone"),
    ("attempts >= 1 and next_follow_up", "attempts at least 1, and next follow up filled in"),
    ("lost_reason in (budget, not_ready)", "lost reason is budget or not ready"),
    ("lost_reason not in (budget, not_ready)", "lost reason is none of: budget, not ready"),
    ("lost_reason not in (budget)", "lost reason is not budget"),
])
def test_requirements_read_as_words(cond, words):
    """Required data reads like the issue's examples: names alone when only presence is
    asked, `filled in` beside comparisons, choice values as words joined with `or`."""
    assert requires(cond) == words


@pytest.mark.parametrize("cond, words", [
    ("name and email and phone", "name, email and phone"),
    ("email or phone", "email or phone"),
    ("not opportunity_id", "opportunity id empty"),
    ("not attempts >= 10", "attempts less than 10"),
    ("attempts > 3", "attempts more than 3"),
    ("attempts <= 3", "attempts at most 3"),
    ("deal_value >= 50_000", "deal value at least 50,000"),
    ("authority = yes", "authority: yes"),
    ("authority != true", "authority: no"),
    ("timeline <= 2026-12-31", "timeline on or before 2026-12-31"),
    ("next_follow_up < 2026-12-24T09:00", "next follow up before 2026-12-24 09:00"),
    ("last_meaningful > 30 days", "last meaningful more than 30 days ago"),
    ("last_meaningful < 2 business days", "last meaningful less than 2 business days ago"),
    ('recycle_trigger = "scheduled re-evaluation"',
     "recycle trigger is “scheduled re-evaluation”"),
    ("not (email or phone)", "email empty, and phone empty"),
    ("not (attempts >= 3 and lost_reason = budget)",
     "attempts less than 3, or lost reason is not budget"),
    ("attempts >= 4 and (email or (phone and name))",
     "attempts at least 4, and email filled in or (phone filled in and name filled in)"),
])
def test_every_kind_of_condition_has_words(cond, words):
    """Comparisons, dates, ages, yes/no fields, text values, negation and nesting all read
    naturally; groups nested twice get parentheses."""
    assert requires(cond) == words


@pytest.mark.parametrize("locale, words", [
    ("ru", "attempts не меньше 1, и next follow up: заполнено"),
    ("pl", "attempts co najmniej 1, oraz next follow up: wypełnione"),
    ("zh", "attempts 至少为 1,以及已填写 next follow up"),
    ("ms", "attempts sekurang-kurangnya 1, dan next follow up diisi"),
])
def test_requirements_in_other_languages(locale, words):
    """The same requirement reads in each built-in language."""
    assert requires("attempts >= 1 and next_follow_up", locale) == words


def actions(block: str, locale: str | None = None) -> list[str]:
    scheme, s = status(f"  on enter {{\n{block}\n  }}")
    return [Phraser(scheme, locale).action(a) for a in s.on_enter]


def test_automation_reads_as_words():
    """Every `on enter` action says what happens: routing, tasks, alerts, sequences, fields,
    integrations."""
    assert actions('''
    assign team SDR by round_robin
    assign team SDR by territory different_owner
    task "First contact" due 2 business hours
    task "Say hello"
    notify owner, sales_manager
    escalate sdr_manager
    start sequence "follow-up cadence"
    stop sequence nurture
    stop sequence all
    set attempts = 0
    set lost_reason = not_ready
    do create_opportunity_draft''') == [
        "assigned to team SDR by round robin",
        "assigned to team SDR by territory, not to its previous owner",
        "task “First contact” for the owner, due within 2 business hours",
        "task “Say hello” for the owner",
        "the owner and Sales manager notified",
        "escalated to sdr_manager",
        "enrolled in the sequence “follow-up cadence”",
        "taken out of the sequence “nurture”",
        "taken out of every sequence",
        "attempts set to 0",
        "lost reason set to not ready",
        "integration action “create_opportunity_draft” runs",
    ]


def test_automation_in_russian():
    """Actions read in Russian, with durations in the case the phrase needs."""
    assert actions('''
    assign team SDR by round_robin
    task "Позвонить" due 2 business hours
    notify owner''', "ru") == [
        "назначается на команду SDR по кругу",
        "задача «Позвонить» для владельца лида, срок — в течение 2 рабочих часов",
        "уведомление: владелец лида",
    ]


def test_slas_timers_and_alerts_read_as_words():
    """SLAs say the business-time limit and who is told; timers say when and where to."""
    scheme, s = status('''
  sla 2 business hours escalate sdr_manager
  sla activity every 7 days notify owner
  after 24 hours notify sdr_manager
  after 14 days without activity notify owner, sdr_manager
  after 30 days without activity -> Other
  after 5 business days -> Other set lost_reason = unreachable
  after 180 days -> Other when lost_reason in (budget, not_ready)''')
    p = Phraser(scheme)
    assert [p.sla(x) for x in s.slas] == [
        "must leave this status within 2 business hours; otherwise escalated to sdr_manager",
        "an activity (call, email, meeting) must be logged at least every 7 days; otherwise "
        "the owner notified",
    ]
    assert [p.timer(t) for t in s.timers] == [
        "after 24 hours in this status: sdr_manager notified",
        "after 14 days without activity: the owner and sdr_manager notified",
        "after 30 days without activity → moves to Other",
        "after 5 business days → moves to Other (lost reason set to unreachable)",
        "after 180 days → moves to Other, if lost reason is budget or not ready",
    ]


@pytest.mark.parametrize("line, words", [
    ("conversion X -> Other 30%..50%", "conversion to Other: 30% to 50% of the leads that "
                                       "enter this status"),
    ("conversion X -> Other 100%", "conversion to Other: 100% of the leads that enter this "
                                   "status"),
    ("conversion X -> Other >= 5%", "conversion to Other: at least 5% of the leads that "
                                    "enter this status"),
    ("time_in X < 4 hours", "time in this status (average per visit): less than 4 hours"),
    ("time_in X 3..7 days", "time in this status (average per visit): 3 to 7 days"),
    ("time_in X 12 hours..2 days",
     "time in this status (average per visit): 12 hours to 2 days"),
    ("share X <= 50%", "share of finished leads that end here: at most 50%"),
    ("share X > 5%", "share of finished leads that end here: more than 5%"),
])
def test_healthy_ranges_read_as_words(line, words):
    """`expect` ranges become "30% to 50%", "less than 4 hours", "at least 5%"."""
    scheme = load_text(FIELDS + f"status X {{ initial }}\nexpect {{\n  {line}\n}}\n", "t.leads")
    assert isinstance(scheme, Scheme)
    assert Phraser(scheme).expectation(scheme.expects[0]) == words


@pytest.mark.parametrize("locale, line, words", [
    ("ru", "time_in X 3..7 days", "время в статусе (в среднем за один заход): от 3 до 7 дней"),
    ("ru", "time_in X < 1 hour", "время в статусе (в среднем за один заход): меньше 1 часа"),
    ("pl", "time_in X < 24 hours", "czas w tym statusie (średnio na jeden pobyt): poniżej 24 "
                                   "godzin"),
    ("pl", "time_in X 1.5..3 days", "czas w tym statusie (średnio na jeden pobyt): od 1,5 "
                                    "do 3 dni"),
])
def test_ranges_in_other_languages(locale, line, words):
    """Ranges take the genitive in Russian and Polish ("от 3 до 7 дней", "poniżej 24 godzin")."""
    scheme = load_text(FIELDS + f"status X {{ initial }}\nexpect {{\n  {line}\n}}\n", "t.leads")
    assert isinstance(scheme, Scheme)
    assert Phraser(scheme, locale).expectation(scheme.expects[0]) == words


def d(amount: str, unit: str, business: bool = False) -> Duration:
    from leadrules.errors import Span
    return Duration(Decimal(amount), unit, business, span=Span.whole_file("x"))


@pytest.mark.parametrize("locale, amount, unit, business, acc, gen", [
    ("en", "1", "days", False, "1 day", "1 day"),
    ("en", "2", "hours", True, "2 business hours", "2 business hours"),
    ("ru", "1", "days", False, "1 день", "1 дня"),
    ("ru", "2", "hours", True, "2 рабочих часа", "2 рабочих часов"),
    ("ru", "5", "days", True, "5 рабочих дней", "5 рабочих дней"),
    ("ru", "21", "days", False, "21 день", "21 дня"),
    ("ru", "12", "weeks", False, "12 недель", "12 недель"),
    ("ru", "1", "weeks", True, "1 рабочую неделю", "1 рабочей недели"),
    ("ru", "1.5", "hours", False, "1,5 часа", "1,5 часа"),
    ("pl", "1", "hours", True, "1 godzinę roboczą", "1 godziny roboczej"),
    ("pl", "3", "days", True, "3 dni robocze", "3 dni roboczych"),
    ("pl", "22", "hours", False, "22 godziny", "22 godzin"),
    ("pl", "26", "weeks", False, "26 tygodni", "26 tygodni"),
    ("zh", "5", "days", True, "5 个工作日", "5 个工作日"),
    ("ms", "2", "hours", True, "2 jam perniagaan", "2 jam perniagaan"),
])
def test_durations_follow_each_languages_grammar(locale, amount, unit, business, acc, gen):
    """Durations use the right plural form and case ("через 2 рабочих часа", "w ciągu
    2 godzin roboczych"), and a decimal comma in Russian and Polish."""
    scheme, _ = status("")
    p = Phraser(scheme, locale)
    assert p.duration(d(amount, unit, business), "acc") == acc
    assert p.duration(d(amount, unit, business), "gen") == gen


def test_names_read_as_words():
    """Field, event and choice names show spaces for underscores; Chinese sits apart from
    Latin words."""
    assert humanize("next_follow_up") == "next follow up"
    assert humanize("попытки_дозвона") == "попытки дозвона"
    assert space_cjk("通知manager或SDR") == "通知 manager 或 SDR"


def test_numbers_are_written_the_local_way():
    """Large numbers are grouped and decimals use the local separator."""
    scheme, _ = status("")
    assert Phraser(scheme).number(Decimal("50000")) == "50,000"
    assert Phraser(scheme, "ru").number(Decimal("50000")) == "50\u00a0000"
    assert Phraser(scheme, "ru").number(Decimal("1000")) == "1000"
    assert Phraser(scheme, "pl").number(Decimal("1.5")) == "1,5"
