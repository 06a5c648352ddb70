"""Suppressions in the scheme: scoped to a line, with a reason, and never silently stale."""

from __future__ import annotations

from tests.lint.helpers import run

ORPHAN = "status A {{ initial }}\n{comment}status Orphan {{}}{trailing}\n"


WATCHED = ("unreachable-status", "unused-suppression", "status-budget")


def rules_of(text: str) -> list[tuple[str | None, int]]:
    """Findings of the rules these tests exercise (other rules judge the tiny schemes too)."""
    return [(d.rule, d.span.line) for d in run(text) if d.rule in WATCHED]


def test_a_trailing_comment_suppresses_its_own_line():
    """`status Orphan {} # leadrules: ignore[…] "why"` hides that line's finding."""
    text = ORPHAN.format(comment="", trailing=' # leadrules: ignore[unreachable-status] "kept"')
    assert ("unreachable-status", 2) not in rules_of(text)
    assert not [r for r in rules_of(text) if r[0] == "unused-suppression"]


def test_a_comment_alone_speaks_for_the_next_statement():
    """A suppression on its own line applies to the next line with a statement."""
    text = ORPHAN.format(comment='# leadrules: ignore[LR102] "until Q3 migration"\n\n',
                         trailing="")
    assert not [r for r in rules_of(text) if r[0] in ("unreachable-status",
                                                      "unused-suppression")]


def test_unused_suppression_is_reported():
    """A suppression that suppresses nothing is itself a finding, at the comment."""
    text = 'status A { initial } # leadrules: ignore[status-budget] "fine"\n'
    assert rules_of(text) == [("unused-suppression", 1)]


def test_a_reason_is_required():
    """A suppression without a quoted reason still hides the finding but is reported."""
    text = ORPHAN.format(comment="", trailing=" # leadrules: ignore[unreachable-status]")
    [d] = [d for d in run(text) if d.rule in WATCHED]
    assert d.rule == "unused-suppression" and "gives no reason" in d.message


def test_unknown_rule_names_are_reported():
    """A misspelt rule name in a suppression is a finding, not a silent no-op."""
    text = ORPHAN.format(comment="", trailing=' # leadrules: ignore[unreachable] "x"')
    messages = [d.message for d in run(text) if d.rule == "unused-suppression"]
    assert messages == ["the suppression names no rule called unreachable"]


def test_hashes_inside_quoted_text_are_not_comments():
    """`means "#1 priority"` is text, not a suppression comment."""
    text = 'status A { initial\n means "# leadrules: ignore[status-budget] \\"x\\"" }\n'
    assert rules_of(text) == []
