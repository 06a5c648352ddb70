"""The lint engine: run the enabled rules over a scheme and turn problems into findings.

Rules only say where and what; the engine decides severity (the rule's default or the
configuration's), drops findings suppressed in the scheme's own comments (and reports
suppressions that suppressed nothing), and drops findings recorded in a baseline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from leadrules.errors import Diagnostic, Severity, Span
from leadrules.gcpause import gc_paused
from leadrules.graph import build_graph
from leadrules.lint.config import LintConfig
from leadrules.lint.context import Context
from leadrules.lint.registry import all_rules
from leadrules.lint.rule import RuleModule
from leadrules.lint.suppress import Suppression, apply_suppressions, find_suppressions
from leadrules.model.scheme import Scheme


@attrs.frozen
class Finding:
    """A finding with what baselines need: a fingerprint that survives line moves."""

    diagnostic: Diagnostic
    subject: str

    @property
    def fingerprint(self) -> str:
        d = self.diagnostic
        return f"{d.rule}|{self.subject}|{d.message}"


@attrs.frozen
class LintResult:
    """Findings in file order, plus how many a baseline hid."""

    findings: tuple[Finding, ...]
    baselined: int = 0

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(f.diagnostic for f in self.findings)


def lint(scheme: Scheme, config: LintConfig | None = None, *, source: str | None = None,
         today: dt.date | None = None, baseline: Iterable[str] = ()) -> LintResult:
    """Run every enabled rule over a resolved scheme.

    `source` is the scheme's text (for `# leadrules: ignore[…]` comments); `today` fixes the
    date for review rules (for reproducible output); `baseline` holds fingerprints of findings
    to leave out.
    """
    config = config or LintConfig()
    graph = build_graph(scheme)
    ctx = Context(scheme, graph, today=today, words=config.words)
    found: list[Finding] = []
    with gc_paused():
        for module in all_rules():
            if not config.enabled(module.rule):
                continue
            found.extend(_run(module, ctx, config))
    suppressions = find_suppressions(source, scheme.path) if source is not None else []
    found = apply_suppressions(found, suppressions, _unused_rule(config))
    known = set(baseline)
    kept = [f for f in found if f.fingerprint not in known]
    kept.sort(key=lambda f: f.diagnostic.sort_key())
    return LintResult(tuple(kept), baselined=len(found) - len(kept))


def _run(module: RuleModule, ctx: Context, config: LintConfig) -> list[Finding]:
    rule = module.rule
    ctx.options = config.options_for(rule)
    return [Finding(Diagnostic(rule.code, p.message, p.span,
                               severity=config.severity_for(rule, p.severity), help=p.help,
                               rule=rule.name), p.subject)
            for p in module.check(ctx)]


def _unused_rule(config: LintConfig) -> tuple[str, Severity] | None:
    from leadrules.lint.registry import UNUSED_SUPPRESSION

    rule = UNUSED_SUPPRESSION
    return (rule.code, config.severity_for(rule)) if config.enabled(rule) else None


__all__ = ["Finding", "LintResult", "Span", "Suppression", "lint"]
