"""status-named-like-stage: statuses say what is happening, stages where the lead is."""

import pytest

from leadrules import load
from leadrules.errors import Severity
from leadrules.lint import lint
from tests.conftest import EXAMPLES
from tests.lint.helpers import TODAY, lines, messages, run

RULE = "status-named-like-stage"


def one_status(name: str, label: str = "", stages: str = "") -> str:
    """A scheme whose second status (line 2) has this name and label."""
    head = f"stages {{\n{stages}\n}}\n" if stages else ""
    lab = f" {label}" if label else ""
    return (f"{head}status New {{ initial }}\nstatus {name}{lab} {{}}\n"
            f"transition New -> {name} manual\n")


@pytest.mark.parametrize("name", [
    "MQL", "SQL", "Opportunity", '"Sales Qualified Lead"', "SalesQualifiedLead",
    "sales_qualified_lead", "Customer", "Lead", "Deal", "Account", "Contact", "Quotation",
    "Subscriber", "Prospect", "Лид", "Сделка", "Клиент", "Возможность", "商机", "客户", "线索",
    "Szansa", '"Szansa sprzedaży"', "Klient", "Peluang", "Pelanggan", '"Urus Niaga"',
])
def test_lifecycle_and_record_words_are_flagged(name):
    """Stage and record words, in five languages and any spelling, are not statuses."""
    [d] = run(one_status(name), RULE)
    assert d.severity == Severity.WARNING
    assert "matches a lifecycle stage or CRM record" in d.message


@pytest.mark.parametrize("name", [
    '"Opportunity lost"', "ConvertedToDeal", '"Inactive Customer"', "Qualified", "Contacted",
    '"Сделка оплачена"', "商机丢失", '"Kontakt nawiązany"', "Ditukar", "Nurture", '"New lead"',
])
def test_whole_names_only(name):
    """A status that merely contains a stage word (seed 001's "Opportunity lost") is fine."""
    assert lines(one_status(name), RULE) == []


def test_the_label_is_checked_too():
    """A status named Won but shown to reps as "Customer"."""
    [message] = messages(one_status("Won", '"Customer"'), RULE)
    assert "its label 'Customer' matches a lifecycle stage or CRM record" in message


def test_a_part_in_parentheses_counts_on_its_own():
    """"Opportunity (won)" is the Opportunity stage with a note."""
    assert lines(one_status("Won", '"Opportunity (won)"'), RULE) == [2]
    assert lines(one_status("Qualified", '"Qualified (BANT)"'), RULE) == []


def test_the_schemes_own_stages_are_mirrors_too():
    """A status named like one of the scheme's stages, by name or by label, even off-lexicon."""
    stages = ' Discovery\n Demo "Product demo"'
    text = one_status("Demo", stages=stages)
    [message] = messages(text, RULE)
    assert "its name 'Demo' matches the stage Demo (\"Product demo\")" in message
    text = one_status('"Product demo"', stages=stages)
    assert lines(text, RULE) == [6]


def test_name_and_label_mirroring_one_stage_are_one_reason():
    """Seed 001's pattern, status Customer "客户" in stage 客户 "Customer": one finding."""
    text = ('stages {\n 商机 "Opportunity"\n 客户 "Customer"\n}\n'
            'status Qualified { initial; stages 商机 }\n'
            'status Customer "客户" { outcome won; locked; stages 客户 }\n'
            "transition Qualified -> Customer manual\n")
    [d] = run(text, RULE)
    assert d.span.line == 6
    assert "its name 'Customer' and its label '客户' match the stage 客户 (\"Customer\")" in \
        d.message


def test_the_lexicon_can_be_extended():
    """A council adds its own lifecycle words with `[words] stage = […]`."""
    assert lines(one_status("Trial"), RULE) == []
    assert lines(one_status("Trial"), RULE, words={"stage": ("trial",)}) == [2]


def test_universal_is_clean():
    """The universal statuses are dispositions, not stages."""
    path = EXAMPLES / "universal.leads"
    result = lint(load(path), source=path.read_text(encoding="utf-8"), today=TODAY)
    assert [d for d in result.diagnostics if d.rule == RULE] == []


def test_a_deliberate_mirror_is_written_down_as_a_suppression():
    """A council that keeps a won status named after its stage says why, and the finding goes."""
    text = ('stages {\n 商机 "Opportunity"\n 客户 "Customer"\n}\n'
            'status Qualified { initial; stages 商机 }\n'
            '# leadrules: ignore[status-named-like-stage] "the CRM picklist says Customer"\n'
            'status Customer "客户" { outcome won; locked; stages 客户 }\n'
            "transition Qualified -> Customer manual\n")
    assert [d.rule for d in run(text) if d.rule in (RULE, "unused-suppression")] == []
