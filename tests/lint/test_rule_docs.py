"""Every rule documents itself, and its documented snippets behave as documented."""

from __future__ import annotations

import re

import pytest

from leadrules.lint import all_rules
from leadrules.lint.rule import GROUPS
from tests.lint.helpers import run

RULES = all_rules()
SNIPPET = re.compile(r"\*\*(Fails|Passes)\*\*\s*```leads\n(.*?)```", re.S)


def snippets(doc: str) -> dict[str, str]:
    return {kind: text for kind, text in SNIPPET.findall(doc)}


@pytest.mark.parametrize("module", RULES, ids=lambda m: m.rule.name)
def test_rule_is_documented(module):
    """A rule has a code, a kebab name, a group, a summary, and docs with every section."""
    rule = module.rule
    assert re.fullmatch(r"LR\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.group in GROUPS and rule.summary
    for section in ("**Why it matters.**", "**Options.**", "**Fails**", "**Passes**"):
        assert section in module.doc, f"{rule.name} lacks {section}"
    for option in rule.options:
        assert f"`{option}`" in module.doc, f"{rule.name} does not document {option}"


@pytest.mark.parametrize("module", RULES, ids=lambda m: m.rule.name)
def test_failing_snippet_fails(module):
    """The documented failing snippet gets at least one finding of its rule."""
    text = snippets(module.doc)["Fails"]
    assert run(text, module.rule.name), f"{module.rule.name}: the Fails snippet passes"


@pytest.mark.parametrize("module", RULES, ids=lambda m: m.rule.name)
def test_passing_snippet_passes(module):
    """The documented passing snippet gets no finding of its rule."""
    text = snippets(module.doc)["Passes"]
    assert not run(text, module.rule.name), f"{module.rule.name}: the Passes snippet fails"


def test_codes_and_names_are_unique():
    """No two rules share a code or a name."""
    codes = [m.rule.code for m in RULES]
    names = [m.rule.name for m in RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
