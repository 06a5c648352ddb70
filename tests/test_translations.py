"""Labels and definitions in other languages: `label ru "…"`, `means ru "…"`, `use ru "…"`."""

from __future__ import annotations

import pytest

from leadrules import LeadrulesError, load_text

TEXT = '''stages {
 MQL "Marketing qualified" reportable label ru "Маркетинговый лид" label zh "营销合格线索"
 SQL }
status New "New lead" {
  initial
  label ru "Новый"
  label pl "Nowy"
  means "Just arrived."
  means ru "Только что поступил."
  use pl "Gdy lead wpada do systemu."
}
'''


def test_statuses_and_stages_speak_the_locale():
    """Translated labels and definitions are used for their locale, defaults otherwise."""
    s = load_text(TEXT, "t.leads")
    new = s.statuses[0]
    assert new.text("label", "ru") == "Новый" and new.text("label", "pl") == "Nowy"
    assert new.text("means", "ru") == "Только что поступил."
    assert new.text("means", "de") == "Just arrived."  # no German: the default
    assert new.text("label", "ru_RU") == "Новый"  # a regional locale falls back to its language
    assert new.text("use", "ru") is None  # nothing written, in any language
    assert s.stages[0].text("zh") == "营销合格线索" and s.stages[1].text("ru") == "SQL"


def test_translations_do_not_change_meaning_of_the_defaults():
    """Adding a translation leaves the default label and definition as they were."""
    s = load_text(TEXT, "t.leads")
    assert s.statuses[0].label == "New lead" and s.statuses[0].means == "Just arrived."


@pytest.mark.parametrize("line, code", [
    ('  label ru "Новый"\n  label ru "Новенький"', "E202"),
    ('  label RU "Новый"', "E222"),
])
def test_mistakes(line, code):
    """A translation written twice, or a code that is not a language code, is an error."""
    with pytest.raises(LeadrulesError) as info:
        load_text(f"status New {{\n  initial\n{line}\n}}\n", "t.leads")
    assert info.value.first.code == code
