"""Suppressions written in the scheme: `# leadrules: ignore[rule-name] "why"`.

A suppression silences findings of the named rules (names or codes) on its own line, or, when
the comment stands alone on a line, on the next line that holds a statement. Every
suppression must give a reason in quotes, and one that silences nothing is itself reported
(`unused-suppression`), so stale exceptions do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from leadrules.errors import Diagnostic, Severity, Span
from leadrules.parse.comments import split_comment

if TYPE_CHECKING:
    from leadrules.lint.engine import Finding

_COMMENT = re.compile(r'#\s*leadrules:\s*ignore\[(?P<rules>[^\]]*)\]\s*(?P<reason>"[^"]*")?')


@attrs.frozen
class Suppression:
    rules: tuple[str, ...]
    line: int  # the line whose findings it silences
    span: Span  # where the comment is
    reason: str | None


def find_suppressions(source: str, path: str) -> list[Suppression]:
    """Every suppression comment in a scheme's text (quoted texts are not comments)."""
    lines = source.split("\n")
    found = []
    for number, line in enumerate(lines, start=1):
        code, comment_at = split_comment(line)
        if comment_at is None:
            continue
        match = _COMMENT.match(line, comment_at)
        if match is None:
            continue
        target = number
        if not code.strip():  # alone on its line: it speaks for the next statement
            target = next((n for n in range(number + 1, len(lines) + 1)
                           if split_comment(lines[n - 1])[0].strip()), number)
        rules = tuple(r.strip() for r in match["rules"].split(",") if r.strip())
        reason = match["reason"][1:-1].strip() if match["reason"] else None
        span = Span(path, number, comment_at + 1, number, match.end() + 1)
        found.append(Suppression(rules, target, span, reason or None))
    return found


def apply_suppressions(found: Sequence[Finding], suppressions: Sequence[Suppression],
                       meta: tuple[str, Severity] | None) -> list[Finding]:
    """Findings minus the suppressed ones, plus findings about the suppressions themselves."""
    from leadrules.lint.engine import Finding
    from leadrules.lint.registry import find_rule

    used: set[int] = set()
    kept = []
    for finding in found:
        d = finding.diagnostic
        hit = next((i for i, s in enumerate(suppressions)
                    if s.line == d.span.line and (d.rule in s.rules or d.code in s.rules)),
                   None)
        if hit is None:
            kept.append(finding)
        else:
            used.add(hit)
    if meta is None:
        return kept
    code, severity = meta
    for i, s in enumerate(suppressions):
        unknown = [r for r in s.rules if find_rule(r) is None]
        problem = None
        if unknown:
            problem = f"the suppression names no rule called {', '.join(unknown)}"
        elif not s.rules:
            problem = "the suppression names no rule: write ignore[rule-name]"
        elif s.reason is None:
            problem = "the suppression gives no reason: add one in quotes after it"
        elif i not in used:
            problem = f"the suppression of {', '.join(s.rules)} suppresses nothing here"
        if problem:
            kept.append(Finding(Diagnostic(
                code, problem, s.span, severity=severity, rule="unused-suppression",
                help='write: # leadrules: ignore[rule-name] "why this is fine"'),
                f"suppression:{s.line}"))
    return kept
