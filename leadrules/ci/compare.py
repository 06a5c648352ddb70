"""What a CI run compares: the revision a change is measured against, and the `leadrules diff`
of each scheme file the change touched.

On a pull request that is the merge base of the base branch and HEAD — what the pull request
changes, wherever the base branch has moved since — and the diff's verdict counts. On a push it
is the commit the branch pointed at before, and the diff is only reported. By hand, `--base REV`
behaves like a pull request against REV.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from leadrules.ci.files import (
    SCHEME_SUFFIX,
    changed_files,
    ensure_commit,
    exists_at,
    git,
    matching,
    merge_base,
)
from leadrules.ci.inputs import Context, Inputs
from leadrules.ci.log import Log
from leadrules.ci.plan import diff_args, scenario_map
from leadrules.ci.report import SchemeDiff
from leadrules.ci.runner import Runner


@attrs.frozen
class Comparison:
    """The revision compared with (as shown, and its commit), each changed scheme's diff, and
    whether the diffs' exit codes decide the job."""

    base: str | None = None
    base_sha: str | None = None
    diffs: tuple[SchemeDiff, ...] = ()
    enforce: bool = False
    note: str = ""  # why nothing was compared, when something should have been
    notes: tuple[str, ...] = ()


def base_revision(inputs: Inputs, ctx: Context) -> tuple[str | None, bool]:
    """The revision to compare with, and whether the diff's verdict counts for the exit code."""
    if inputs.base:
        return inputs.base, True
    if ctx.is_pull_request and ctx.base_ref:
        return f"origin/{ctx.base_ref}", True
    if ctx.event == "push" and ctx.before:
        return ctx.before, False
    return None, False


def compare(inputs: Inputs, ctx: Context, root: Path, runner: Runner, log: Log,
            note_missing: str) -> Comparison:
    """Diff every scheme changed since the base revision (nothing when there is none).

    `note_missing` is what to say when this leadrules has no `diff` command.
    """
    base, enforce = base_revision(inputs, ctx)
    if base is None:
        return Comparison()
    if not runner.has("diff"):
        log.warning(note_missing)
        return Comparison(base, enforce=enforce, note=note_missing)
    notes: tuple[str, ...] = ()
    if enforce:  # a pull request: what it changes since it left the base branch
        base_sha, fetched = merge_base(root, base)
        notes = tuple(fetched)
    elif ensure_commit(root, base):  # a push: exactly what the push changed
        base_sha = git(root, "rev-parse", base).strip()
        notes = (f"On a {ctx.event or 'manual'} run the diff is reported, not enforced: only "
                 "a pull request fails on `diff-fail-on`.",)
    else:
        return Comparison(note=f"The commit before the push ({base[:12]}) is not in the "
                          "checkout and cannot be fetched, so what changed is not shown (a "
                          "force push, or `fetch-depth: 1`: use `fetch-depth: 0`).")
    against = base if git(root, "rev-parse", base).strip() == base_sha else base_sha
    by_scheme = scenario_map(root, list(inputs.scenarios))
    changed = matching(changed_files(root, base_sha), inputs.files)
    diffs = tuple(_diff(root, path, against, base_sha, inputs, by_scheme.get(path), runner, log)
                  for path in changed if path.endswith(SCHEME_SUFFIX))
    return Comparison(base, base_sha, diffs, enforce, notes=notes)


def _diff(root: Path, path: str, against: str, base_sha: str, inputs: Inputs,
          scenario: str | None, runner: Runner, log: Log) -> SchemeDiff:
    if not (root / path).is_file():
        return SchemeDiff(path, "removed", note="This scheme file is removed. Leads in its "
                          "statuses need a new home: check the migration plan.")
    if not exists_at(root, base_sha, path):
        return SchemeDiff(path, "added", note="A new scheme file: there is no earlier version "
                          "to compare with; the lint report covers it.")
    result = log.command(runner.run(diff_args(inputs, path, against, scenario)))
    return SchemeDiff(path, "compared", result)


__all__ = ["Comparison", "base_revision", "compare"]
