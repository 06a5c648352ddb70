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
