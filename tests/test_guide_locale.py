"""The guide in other languages: built-in words for en, ru, pl, zh and ms, the scheme's own
translations of labels and definitions, and English as the fallback, said in the footer."""

from __future__ import annotations

import string

import pytest

from leadrules.guide import guide_html, guide_markdown
from leadrules.guide.words import BUILT_IN, UNITS, WORDS, has_words, language
from tests.test_guide_markdown import translated


def placeholders(template: str) -> set[str]:
    """The values a template fills in; `{acc}` and `{gen}` are one duration in two cases, and
    each language picks the case its grammar needs."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {"duration" if name in ("acc", "gen") else name for name in names}


@pytest.mark.parametrize("lang", BUILT_IN)
def test_every_language_has_every_phrase_with_the_same_blanks(lang):
    """No phrase is missing in a language, and each fills in the same values as English."""
    assert lang in WORDS
    assert set(WORDS[lang]) == set(WORDS["en"])
    for key, template in WORDS["en"].items():
        assert placeholders(WORDS[lang][key]) == placeholders(template), (lang, key)
    assert set(UNITS[lang]) == set(UNITS["en"])


def test_locales_map_to_built_in_languages():
    """A regional locale uses its language's words; an unknown language falls back to
    English."""
    assert language("ru_RU") == "ru" and language("pt-BR") == "en" and language(None) == "en"
    assert has_words("zh_Hant") and not has_words("de")


def test_a_translated_scheme_speaks_the_locale():
    """With `--locale ru`, labels, definitions and advice come from `label ru`, `means ru` and
    `use ru`, and the headings are Russian."""
    text = guide_markdown(translated(), "ru")
    assert "## Быстрый выбор" in text and "**Когда ставить**" in text
    assert "### 1. Новый" in text
    assert "Только что поступил; с ним ещё не работали." in text
    assert "Как только лид создан." in text
    assert "Маркетинговый лид" in text  # the stage's `label ru`
    assert "Just arrived" not in text


def test_untranslated_labels_fall_back_and_the_footer_counts_them():
    """A status without `label ru` keeps its own label, and the footer says how many did."""
    text = guide_markdown(translated(), "ru")
    assert "### 4. Lost" in text
    assert "У 1 из 4 статусов в схеме нет названия на «ru»" in text


def test_a_language_without_built_in_words_falls_back_to_english_and_says_so():
    """`--locale de` gives English headings and a footer naming the built-in languages."""
    text = guide_markdown(translated(), "de")
    assert "## Quick picker" in text and "### 1. New lead" in text
    assert "no built-in words for “de” (it has en, ms, pl, ru, zh)" in text


def test_a_regional_locale_uses_its_language():
    """`ru_RU` reads like `ru`: the scheme's `label ru` and the Russian words."""
    assert "### 1. Новый" in guide_markdown(translated(), "ru_RU")
    assert "## Быстрый выбор" in guide_markdown(translated(), "ru_RU")


@pytest.mark.parametrize("locale, lang", [(None, "en"), ("ru", "ru"), ("pt_BR", "pt-BR"),
                                          ("zh", "zh")])
def test_the_html_lang_attribute_follows_the_locale(locale, lang):
    """`<html lang>` is the locale as a language tag (English without one)."""
    assert f'<html lang="{lang}">' in guide_html(translated(), locale)


@pytest.mark.parametrize("locale, heading, picker", [
    ("pl", "Przewodnik po statusach", "Szybki wybór"),
    ("zh", "状态指南", "快速选择"),
    ("ms", "Panduan status", "Pemilih pantas"),
])
def test_each_built_in_language_has_its_own_headings(locale, heading, picker):
    """Polish, Chinese and Malay guides are headed in their language."""
    text = guide_markdown(translated(), locale)
    assert text.startswith(f"# {heading} — ") and f"## {picker}" in text
