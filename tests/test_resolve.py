"""Resolution: every unknown name, duplicate and misfit value is reported, with a location."""

from __future__ import annotations

import pytest

from leadrules import LeadrulesError, load_text

BASE = """calendar business {
  timezone "Europe/Warsaw"
  open mon-fri 09:00-17:00
}
field attempts count
field budget money
field lost_reason choice(budget, competitor, other)
field timeline date
field authority bool
field notes text
stages { MQL
  SQL }
team SDR
role manager
status New { initial }
status Lost { outcome lost }
"""


def problems(extra: str) -> list[tuple[str, int, str, str | None]]:
    """(code, line, message, help) of every diagnostic for BASE + extra."""
    with pytest.raises(LeadrulesError) as info:
        load_text(BASE + extra, "r.leads")
    return [(d.code, d.span.line, d.message, d.help) for d in info.value.diagnostics]


def line_of(extra_line: int) -> int:
    return BASE.count("\n") + extra_line


def test_the_base_is_clean():
    """The fixture scheme itself resolves, so each case below shows one mistake."""
    load_text(BASE, "r.leads")


@pytest.mark.parametrize("extra, message, help_text", [
    ("transition New -> Lsot manual", "unknown status 'Lsot'", "did you mean 'Lost'?"),
    ("status X { stages MQl }", "unknown stage 'MQl'", "did you mean 'MQL'?"),
    ("status X { requires atempts >= 1 }", "unknown field 'atempts'", "did you mean 'attempts'?"),
    ("status X { on enter { assign team SRD } }", "unknown team 'SRD'", "did you mean 'SDR'?"),
    ("status X { sla 2 days notify manger }", "unknown role 'manger'", "did you mean 'manager'?"),
    ("transition New -> Lost manual approve SDR", "'SDR' is a team, not a role", None),
    ("transition New -> MQL manual", "'MQL' is a stage, not a status", None),
])
def test_unknown_names_with_did_you_mean(extra, message, help_text):
    """An unknown name is reported at its use, with the closest declared name."""
    [(code, line, got, got_help)] = problems(extra)
    assert (code, line, got) == ("E200", line_of(1), message)
    assert got_help == help_text


@pytest.mark.parametrize("extra, message", [
    ("status New {}", "status 'New' is declared twice"),
    ("field notes text", "field 'notes' is declared twice"),
    ("role SDR", "'SDR' is already a team; a role cannot have the same name"),
    ("role manager", "role 'manager' is declared twice"),
    ("stages { MQL }", "stage 'MQL' is declared twice"),
    ("status X { sub a\n sub a }", "sub-status 'a' is declared twice"),
])
def test_duplicates(extra, message):
    """A second declaration of a name is an error pointing at the second one."""
    [(code, _, got, got_help)] = problems(extra)
    assert (code, got) == ("E201", message)
    assert got_help and "first declaration is at line" in got_help


def test_all_problems_are_reported_in_one_run():
    """Three independent mistakes give three diagnostics, in file order."""
    got = problems("transition New -> Lsot manual\nstatus X { requires budget >= high }\n"
                   "status Y { requires lost_reason = price }")
    assert [(c, line) for c, line, _, _ in got] == [
        ("E200", line_of(1)), ("E220", line_of(2)), ("E221", line_of(3))]


@pytest.mark.parametrize("cond, ok", [
    ("attempts >= 10", True), ("budget > 50_000.5", True), ("timeline <= 2027-01-31", True),
    ("timeline > 30 days", True), ("authority = true", True), ("authority != no", True),
    ("lost_reason in (budget, other)", True), ('notes = "x"', True),
    ("attempts >= many", False), ("timeline > 5", False), ("authority > true", False),
    ("authority = maybe", False), ("notes > \"x\"", False), ("lost_reason >= budget", False),
    ("budget in (1, budget)", False),
])
def test_comparisons_must_fit_the_field_type(cond, ok):
    """Numbers for counts and money, dates or ages for dates, true/false for bool …"""
    text = BASE + f"status X {{ requires {cond} }}"
    if ok:
        load_text(text, "r.leads")
    else:
        with pytest.raises(LeadrulesError) as info:
            load_text(text, "r.leads")
        assert info.value.first.code in ("E220", "E221")


def test_choice_values_outside_the_list():
    """`set` and `in` with a value the choice field lacks say which values exist."""
    got = problems("status X { on enter { set lost_reason = pricey } }")
    assert got[0][:3] == ("E221", line_of(1),
                         "'pricey' is not a value of choice field 'lost_reason'")


@pytest.mark.parametrize("text, code, fragment", [
    ('calendar business { timezone "Mars/Olympus"\n open mon-fri 09:00-17:00 }', "E211",
     "Mars/Olympus"),
    ('calendar business { timezone "UTC"\n open mon-fri 17:00-09:00 }', "E212", "end before"),
    ('calendar business { timezone "UTC"\n open mon-fri 09:00-25:00 }', "E212", "25:00"),
    ('calendar business { timezone "UTC"\n open mun-fri 09:00-17:00 }', "E214", "mun"),
    ('calendar business { timezone "UTC"\n open mon 09:00-17:00\n closed 2026-02-30 }', "E213",
     "2026-02-30"),
    ('calendar business { open mon 09:00-17:00 }', "E211", "no time zone"),
    ("status A { sla 2 business hours notify owner }", "E210", "no calendar"),
])
def test_calendar_problems(text, code, fragment):
    """Time zones, open hours, days and dates are checked; business time needs a calendar."""
    with pytest.raises(LeadrulesError) as info:
        load_text(text, "c.leads")
    d = info.value.first
    assert d.code == code and fragment in d.message + (d.help or "")


def test_two_calendars_need_one_named_business():
    """With two calendars, business time uses the one named `business`, else it is an error."""
    two = ('calendar a { timezone "UTC"\n open mon 09:00-17:00 }\n'
           'calendar b { timezone "UTC"\n open tue 09:00-17:00 }\n')
    with pytest.raises(LeadrulesError) as info:
        load_text(two + "status A { sla 1 business day notify owner }", "c.leads")
    assert info.value.first.code == "E210"
    assert info.value.first.help == "name one calendar `business`"
    fixed = two.replace("calendar b", "calendar business")
    assert load_text(fixed + "status A { sla 1 business day notify owner }", "c.leads")


@pytest.mark.parametrize("line, fragment", [
    ("conversion New -> Lost 120%", "more than 100%"),
    ("conversion New -> Lost 3 days", "needs a percentage"),
    ("time_in New 40%", "needs a duration"),
    ("time_in New 7..3 days", "is empty"),
    ("share Lots <= 50%", "unknown status 'Lots'"),
])
def test_expect_lines(line, fragment):
    """Expect ranges take the right kind of quantity, in bounds, about declared statuses."""
    got = problems(f"expect {{\n  {line}\n}}")
    assert fragment in got[0][2]


def test_reserved_names():
    """`any` cannot name a status and `owner` cannot name a role."""
    got = problems('status "any" {}\nrole owner')
    assert [c for c, *_ in got] == ["E203", "E203"]
