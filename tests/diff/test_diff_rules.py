"""The classing rules that the golden pairs do not show one by one: status pairing limits,
merges into an outcome, business time across calendars, names in other scripts."""

from __future__ import annotations

from leadrules import load_text
from leadrules.diff import ChangeClass, diff_schemes
from leadrules.model.scheme import Scheme

HEAD = """
calendar business {
  timezone "UTC"
  open mon-fri 09:00-17:00
}
field reason text
"""


def scheme(body: str, path: str = "t.leads") -> Scheme:
    loaded = load_text(HEAD + body, path)
    assert isinstance(loaded, Scheme)
    return loaded


def texts(old: str, new: str) -> list[tuple[str, str]]:
    return [(c.cls.value, c.text) for c in diff_schemes(scheme(old), scheme(new)).changes]


def test_unlike_statuses_are_not_taken_for_a_rename():
    """A removed status and an added one with nothing in common stay removed and added."""
    old = ('status A {\n initial\n}\nstatus B {\n means "Waiting for the buyer."\n}\n'
           "transition A -> B manual\n")
    new = ('status A {\n initial\n}\nstatus C {\n outcome lost\n means "Gone for good."\n'
           " requires reason\n}\ntransition A -> C manual\n")
    d = diff_schemes(scheme(old), scheme(new))
    assert d.pairing.renamed == {}
    assert d.pairing.removed == ("B",) and d.pairing.added == ("C",)
    assert d.worst is ChangeClass.BREAKING


def test_a_rename_in_cyrillic_is_found_by_structure():
    old = ('status Новый {\n initial\n}\nstatus "В работе" {\n means "Менеджер ведёт '
           'переговоры."\n sla 2 business days escalate owner\n}\n'
           'transition Новый -> "В работе" manual\n')
    new = old.replace('"В работе"', "Переговоры")
    d = diff_schemes(scheme(old), scheme(new))
    assert d.pairing.renamed == {"В работе": "Переговоры"}
    assert d.pairing.declared == frozenset()


def test_merging_open_leads_into_an_outcome_is_breaking():
    old = ('status A {\n initial\n}\nstatus B {\n means "Waiting."\n}\n'
           "status Lost {\n outcome lost\n}\n"
           "transition A -> B manual\ntransition A, B -> Lost manual\n")
    new = ("status A {\n initial\n}\nstatus Lost {\n outcome lost\n}\n"
           "transition A -> Lost manual\nmigrate B -> Lost\n")
    merged = [c for c in diff_schemes(scheme(old), scheme(new)).changes if c.kind == "merged"]
    assert [c.cls for c in merged] == [ChangeClass.BREAKING]
    assert "would be closed as lost" in (merged[0].why or "")


def test_business_days_and_hours_are_compared_in_open_time():
    """2 business days are 16 open hours on a 9-to-5 calendar: 20 business hours is longer."""
    old = "status A {\n initial\n sla 2 business days escalate owner\n}\n"
    new = old.replace("2 business days", "20 business hours")
    assert texts(old, new) == [
        ("behavioural", "A: SLA loosened from 2 business days (16 open hours) to 20 business "
                        "hours")]
    same = old.replace("2 business days", "16 business hours")
    assert texts(old, same) == []


def test_an_unchanged_scheme_has_no_changes():
    text = ("status A {\n initial\n after 3 days -> B\n}\nstatus B {\n outcome won\n}\n"
            "transition A -> B manual\n")
    d = diff_schemes(scheme(text, "a.leads"), scheme(text, "b.leads"))
    assert d.changes == () and d.worst is None and not d.meaningful


def test_longer_open_hours_do_not_move_a_business_day_sla():
    """A business day is "the same point of the working day, N open days later": opening
    10 hours a day instead of 8 changes business hours in elapsed time, not business days —
    the calendar change is reported, the SLA is not."""
    old = "status A {\n initial\n sla 2 business days escalate owner\n}\n"
    new = load_text(HEAD.replace("09:00-17:00", "08:00-18:00") + old, "t.leads")
    assert isinstance(new, Scheme)
    changes = diff_schemes(scheme(old), new).changes
    assert [(c.area, c.kind) for c in changes] == [("calendar", "changed")]
    assert "business days and weeks still end the same number of open days later" in \
        changes[0].text


def test_a_business_week_counts_the_open_days_of_a_week():
    """1 business week is 5 open days on a Monday-to-Friday calendar: longer than 3 business
    days, the same as 5."""
    old = "status A {\n initial\n sla 3 business days escalate owner\n}\n"
    assert texts(old, old.replace("3 business days", "1 business week")) == [
        ("behavioural", "A: SLA loosened from 3 business days to 1 business week (5 open days)")]
    five = old.replace("3 business days", "5 business days")
    assert texts(five, five.replace("5 business days", "1 business week")) == []


def test_a_move_two_merged_statuses_shared_is_not_reported_removed():
    """`transition any -> Lost` covers both B and C; after `migrate B -> C` the one move from C
    is all that is left of both, and nothing was removed."""
    old = ("status A {\n initial\n}\nstatus B {\n means \"Waiting.\"\n}\nstatus C {}\n"
           "status Lost {\n outcome lost\n}\n"
           "transition A -> B manual\ntransition B -> C manual\ntransition any -> Lost manual\n")
    new = ("status A {\n initial\n}\nstatus C {}\nstatus Lost {\n outcome lost\n}\n"
           "transition A -> C manual\ntransition any -> Lost manual\nmigrate B -> C\n")
    assert [(cls, text.split(":")[0]) for cls, text in texts(old, new)] == [
        ("behavioural", "status B merged into C")]


def test_a_suggested_migrate_line_can_be_pasted_as_is():
    """Names that need quotes get them in the `migrate` line a breaking rename suggests, and
    pasting that line makes the rename a declared, behavioural one."""
    old = ('status Новый {\n initial\n}\nstatus "Холодный ящик" {\n means "Ждёт."\n'
           ' sla 2 business days escalate owner\n}\ntransition Новый -> "Холодный ящик" manual\n')
    new = old.replace('"Холодный ящик"', '"В работе | 2"')
    change = diff_schemes(scheme(old), scheme(new)).changes[0]
    line = 'migrate "Холодный ящик" -> "В работе | 2"'
    assert change.cls is ChangeClass.BREAKING and f"add `{line}`" in (change.why or "")
    declared = diff_schemes(scheme(old), scheme(new + line + "\n"))
    assert [(c.cls, c.kind) for c in declared.changes] == [(ChangeClass.BEHAVIOURAL, "renamed")]


def test_merging_into_a_status_that_requires_more_is_breaking():
    """Leads that a `migrate` line moves never pass the target's requirement: merging B (which
    asked for nothing) into C (which requires a reason) leaves records without one."""
    old = ("status A {\n initial\n}\nstatus B {}\nstatus C {\n requires reason\n}\n"
           "transition A -> B manual\ntransition B -> C manual\n")
    new = ("status A {\n initial\n}\nstatus C {\n requires reason\n}\n"
           "transition A -> C manual\nmigrate B -> C\n")
    merged = [c for c in diff_schemes(scheme(old), scheme(new)).changes if c.kind == "merged"]
    assert [c.cls for c in merged] == [ChangeClass.BREAKING]
    assert merged[0].why == "leads from B were never asked for reason, which C requires"
    kept = new.replace("status C {\n requires reason\n}", "status C {}")
    assert texts(old.replace("status C {\n requires reason\n}", "status C {}"), kept)[0][0] \
        == "behavioural"
