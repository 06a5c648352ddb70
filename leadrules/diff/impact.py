"""What a change does: the scenario simulated on both schemes, and the lint findings it adds
or fixes.

The scenario names a scheme, but for the comparison it is resolved against the old and the
new scheme in turn (as `leadrules compare --scheme` does) and both run with the same seeds, so
common random numbers make small differences visible. A scenario that no longer fits the new
scheme (it names a removed status, a move the scheme no longer allows) is part of the impact —
the scenario needs updating, and the lines that must change are listed — not a crash.

Lint findings are matched by fingerprint (rule, subject, message), as baselines do, so a finding
that only moved to another line is neither new nor fixed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping

import attrs

from leadrules.errors import Diagnostic, LeadrulesError
from leadrules.lint import LintConfig, lint
from leadrules.lint.engine import Finding
from leadrules.model.common import Ref
from leadrules.model.scenario import Scenario
from leadrules.model.scheme import Scheme
from leadrules.parse import parse_file
from leadrules.resolve import resolve_scenario

KEY_PREFIXES = ("funnel.", "outcome.")  # what a reviewer looks at first


@attrs.frozen
class Figure:
    """One simulated figure on both sides: means, and the paired difference's 95% CI."""

    figure: str
    before: float
    after: float
    change: float
    low: float
    high: float
    significant: bool


@attrs.frozen
class Simulation:
    """The scenario on both schemes; `unfit` holds why it could not run on a side."""

    scenario: str
    name: str
    runs: int
    seed: int
    figures: tuple[Figure, ...] = ()  # every figure both sides have, significant first
    unfit: tuple[tuple[str, tuple[Diagnostic, ...]], ...] = ()  # ("old"|"new", problems)

    @property
    def significant(self) -> tuple[Figure, ...]:
        return tuple(f for f in self.figures if f.significant)

    @property
    def ran(self) -> bool:
        return not self.unfit


@attrs.frozen
class LintDelta:
    """Findings only the new scheme has, findings only the old one had, and findings of the
    same rule on the same subject whose message changed (say, a threshold in it): (old, new)."""

    new: tuple[Finding, ...]
    fixed: tuple[Finding, ...]
    changed: tuple[tuple[Finding, Finding], ...] = ()


def lint_delta(old: Scheme, new: Scheme, *, old_source: str | None, new_source: str | None,
               config: LintConfig | None, today: dt.date | None,
               renamed: dict[str, str] | None = None) -> LintDelta:
    """Findings in `new` that `old` did not have, and findings of `old` that `new` fixed.

    `renamed` (old → new status names) is applied to the old fingerprints first, so a finding
    that only follows a renamed status is neither new nor fixed.
    """
    before = lint(old, config, source=old_source, today=today).findings if old.statuses else ()
    after = lint(new, config, source=new_source, today=today).findings
    renames = renamed or {}
    had = {_renamed(f, renames) for f in before}
    has = {f.fingerprint for f in after}
    fresh = [f for f in after if f.fingerprint not in had]
    gone = [f for f in before if _renamed(f, renames) not in has]
    changed = []
    for f in list(fresh):
        twin = next((g for g in gone if _about(g, renames) == _about(f, {})), None)
        if twin is not None:
            gone.remove(twin)
            fresh.remove(f)
            changed.append((twin, f))
    return LintDelta(tuple(fresh), tuple(gone), tuple(changed))


def _renamed(f: Finding, renames: dict[str, str]) -> str:
    """A finding's fingerprint with renamed statuses in their new names: whole words in the
    subject, quoted names in the message."""
    if not renames:
        return f.fingerprint
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(o) for o in
                                                 sorted(renames, key=len, reverse=True))
                         + r")(?![\w])")
    subject = pattern.sub(lambda m: renames[m.group(1)], f.subject)
    message = f.diagnostic.message
    for old, new in renames.items():
        message = message.replace(f"'{old}'", f"'{new}'")
    return f"{f.diagnostic.rule}|{subject}|{message}"


def _about(f: Finding, renames: dict[str, str]) -> tuple[str, str]:
    """What a finding is about: its rule and the first part of its subject (the status)."""
    head = f.subject.split("|")[0]
    return (f.diagnostic.code, renames.get(head, head))


def simulate_both(scenario_path: str, old: Scheme, new: Scheme, *, runs: int | None,
                  seed: int | None, jobs: int,
                  renamed: Mapping[str, str] | None = None) -> Simulation:
    """Run the scenario on both schemes with common random numbers.

    Raises `LeadrulesError` only when the scenario file itself cannot be read or parsed;
    a scenario that does not fit one of the schemes is reported in `unfit`. A scenario
    updated with the change (it says `in Dormant` where the old scheme had `Stale`) is read
    on the old side through `renamed` (old → new status names), so renaming a status does not
    cost the pull request its simulated impact.
    """
    from leadrules.simulate.compare import compare_runs
    from leadrules.simulate.run import simulate_runs

    model = parse_file(scenario_path, "scenario")
    assert isinstance(model, Scenario)
    sides: dict[str, Scenario] = {}
    unfit: list[tuple[str, tuple[Diagnostic, ...]]] = []
    for side, scheme in (("old", old), ("new", new)):
        try:
            sides[side] = resolve_scenario(model, scheme)
        except LeadrulesError as exc:
            if side == "old" and renamed:
                try:
                    sides[side] = resolve_scenario(in_old_names(model, renamed), scheme)
                    continue
                except LeadrulesError:
                    pass
            unfit.append((side, exc.diagnostics))
    resolved = sides.get("new") or sides.get("old") or model  # resolved: runs and seed set
    count = runs or resolved.runs or 10
    base = (resolved.seed if resolved.seed is not None else 1) if seed is None else seed
    if unfit:
        return Simulation(scenario_path, model.name, count, base, unfit=tuple(unfit))
    a = simulate_runs(sides["old"], runs=count, seed=base, jobs=jobs)
    b = simulate_runs(sides["new"], runs=count, seed=base, jobs=jobs)
    figures = [Figure(c.figure, _r(c.before.mean), _r(c.after.mean), _r(c.delta.mean),
                      _r(c.delta.low), _r(c.delta.high), c.significant)
               for c in compare_runs(a, b)]
    # significant first, funnel and outcome figures first among them; stable otherwise
    # (compare_runs lists the largest relative changes first)
    figures.sort(key=lambda f: (not f.significant, not f.figure.startswith(KEY_PREFIXES)))
    return Simulation(scenario_path, model.name, count, base, tuple(figures))


def in_old_names(model: Scenario, renamed: Mapping[str, str]) -> Scenario:
    """The scenario with the new names of renamed statuses written back as the old ones:
    `in STATUS` blocks and the statuses their branches send leads to."""
    back = {n: o for o, n in renamed.items()}

    def ref(r: Ref) -> Ref:
        return attrs.evolve(r, name=back[r.name]) if r.name in back else r

    return attrs.evolve(model, behaviours=tuple(
        attrs.evolve(b, status=ref(b.status), branches=tuple(
            attrs.evolve(branch, outcomes=tuple(attrs.evolve(w, target=ref(w.target))
                                                for w in branch.outcomes))
            for branch in b.branches))
        for b in model.behaviours))


def _r(x: float) -> float:
    """Rounded, so the same runs give the same bytes on every machine."""
    return x if math.isnan(x) or math.isinf(x) else round(x, 6)
