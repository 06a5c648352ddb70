"""The GitHub Action's entry script: `python -m leadrules.ci.action`.

One run: find the schemes (input `files`), check them (annotations in the log, Markdown for the
summary, SARIF for code scanning), run `fmt --check`, and — on a pull request — compare every
changed scheme with the base branch using `leadrules diff --against`. Then, in this order: the
pull-request comment (created once, edited afterwards), the job summary, the step outputs, and
only then the exit code, so a failing run still leaves its reports behind.

Exit code: the worst of the check's, the diff's (on a pull request, at or above `diff-fail-on`)
and, with `fmt: fail`, the formatter's — 0 clean, 1 findings or changes, 2 bad input
(a misspelt input, no scheme found, a base branch that cannot be fetched), 3 a bug.
Run by hand, `--base origin/main` does what a pull request against main would do, and the
summary is printed instead of being appended to `$GITHUB_STEP_SUMMARY`.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path

import attrs
import click

from leadrules import __version__
from leadrules.ci import report
from leadrules.ci.comment import Api, ApiError, upsert_comment, urllib_api
from leadrules.ci.compare import compare
from leadrules.ci.files import SCHEME_SUFFIX, GitError, candidate_files, matching
from leadrules.ci.inputs import Context, InputError, Inputs, env_values
from leadrules.ci.log import Echo, Log, write_outputs, write_summary
from leadrules.ci.plan import check_args, fmt_args
from leadrules.ci.runner import CommandRunner, Result, Runner
from leadrules.cli.exit import Exit


def run(inputs: Inputs, ctx: Context, root: Path, runner: Runner, api: Api | None,
        echo: Echo = print) -> int:
    """Do the whole run in `root` (the checkout); the exit code for the job."""
    log = Log(echo, ctx)
    checked = files_to_check(inputs, root)
    notes: list[str] = []

    log_run = log.command(runner.run(check_args(inputs, checked, None)), fold=False)
    markdown = runner.run(check_args(inputs, checked, "markdown"))
    if inputs.sarif_file:
        sarif = runner.run(check_args(inputs, checked, "sarif", inputs.sarif_file))
        if sarif.code >= 2 and not (root / inputs.sarif_file).exists():
            notes.append(f"No SARIF file: `{sarif.shown}` failed: {sarif.stderr.strip()}")

    fmt, fmt_note = None, ""
    if inputs.fmt == "off":
        fmt_note = "Not checked (input `fmt: off`)."
    elif runner.has("fmt"):
        fmt = log.command(runner.run(fmt_args(checked)))
    else:
        fmt_note = upgrade("fmt", "formatting is not checked")
        log.warning(fmt_note)

    seen = compare(inputs, ctx, root, runner, log,
                   upgrade("diff", "what the change means is not shown"))
    diff_codes = [d.result.code for d in seen.diffs if d.result is not None]
    codes, reasons = _verdict(inputs, log_run, markdown, fmt, diff_codes if seen.enforce
                              else [c for c in diff_codes if c >= 3])
    outcome = report.Outcome(
        files=checked, check=log_run, check_markdown=markdown.stdout, fmt=fmt, fmt_note=fmt_note,
        base=seen.base, base_sha=seen.base_sha, diffs=seen.diffs, diff_note=seen.note,
        notes=(*notes, *seen.notes), head_sha=ctx.sha, run_url=ctx.run_url,
        exit_code=max(codes), reasons=tuple(reasons))

    comment_url, comment_note, problem = _comment(inputs, ctx, api, outcome)
    if comment_note:
        if problem:
            log.warning(comment_note)
        else:
            echo(comment_note)
        outcome = attrs.evolve(outcome, notes=(*outcome.notes, _sentence(comment_note)))
    write_summary(ctx, report.summary(outcome), echo)
    sarif_file = inputs.sarif_file if inputs.sarif_file and (root / inputs.sarif_file).exists() \
        else ""
    write_outputs(ctx, {
        "exit-code": str(max(codes)),
        "check-exit-code": str(log_run.code),
        "fmt-exit-code": "" if fmt is None else str(fmt.code),
        "diff-exit-code": str(max(diff_codes, default=0)),
        "changed-schemes": json.dumps([d.path for d in seen.diffs]),
        "sarif-file": sarif_file,
        "comment-url": comment_url or ""})
    return max(codes)


def files_to_check(inputs: Inputs, root: Path) -> tuple[str, ...]:
    """The schemes `files` matches and the scenarios named, sorted; bad input when none."""
    files = matching(candidate_files(root), inputs.files)
    missing = [s for s in inputs.scenarios if not (root / s).is_file()]
    if missing:
        raise InputError(f"input 'scenario' names {', '.join(missing)}, which does not exist")
    if not any(f.endswith(SCHEME_SUFFIX) for f in files):
        raise InputError(f"no scheme (.leads file) matches input 'files' "
                         f"({' '.join(inputs.files)}) in {root}")
    return tuple(sorted(set(files) | set(inputs.scenarios)))


def _verdict(inputs: Inputs, check: Result, markdown: Result, fmt: Result | None,
             diff_codes: list[int]) -> tuple[list[int], list[str]]:
    """The exit codes that count for the job, and each failure in words."""
    codes, reasons = [check.code], []
    if check.code == 1:
        level = inputs.fail_on or "the configured fail-on"
        reasons.append(f"lint findings at or above *{level}* (input `fail-on`)")
    elif check.code == 2:
        reasons.append("a file cannot be read, parsed or resolved (see Lint)")
    if fmt is not None and inputs.fmt == "fail" and fmt.code == 1:
        codes.append(1)
        reasons.append("files not in the canonical layout (input `fmt: fail`)")
    if 1 in diff_codes:
        reasons.append(f"a change at or above *{inputs.diff_fail_on}* (input `diff-fail-on`)")
    if 2 in diff_codes:
        reasons.append("`leadrules diff` could not compare a scheme")
    codes += diff_codes
    if any(r.code >= 3 for r in (check, markdown, *([fmt] if fmt else []))) or 3 in codes:
        codes.append(3)
        reasons.append("leadrules failed with an internal error (see the log)")
    return codes, reasons


def upgrade(command: str, what: str) -> str:
    return (f"This leadrules ({__version__}) has no `{command}` command, so {what}; upgrade "
            f"leadrules (input `leadrules-version`) to get it.")


def _comment(inputs: Inputs, ctx: Context, api: Api | None,
             outcome: report.Outcome) -> tuple[str | None, str, bool]:
    """Post or edit the pull-request comment: its address, a note for the summary, and
    whether the note reports a problem."""
    if not (ctx.is_pull_request and inputs.comment) or outcome.diff_note:
        return None, "", False
    if api is None or ctx.pr_number is None or not ctx.repository:
        return None, ("the pull-request comment was not posted: no token (input `token`), "
                      "pull-request number or repository in the environment."), True
    try:
        done, url = upsert_comment(api, ctx.repository, ctx.pr_number, report.comment(outcome),
                                   create=bool(outcome.diffs))
    except ApiError as exc:
        why = (" A pull request from a fork gets a read-only token; give the workflow "
               "`permissions: pull-requests: write`, or read the report here."
               if exc.status in (403, 404) else "")
        return None, f"could not post the pull-request comment ({exc}).{why}", True
    return url, "" if done == "skipped" else f"Pull-request comment {done}" + (
        f": {url}" if url else "."), False


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def main_with(environ: Mapping[str, str], overrides: Mapping[str, str | None], root: Path,
              runner: Runner | None = None, api: Api | None = None, echo: Echo = print,
              summary_path: str | None = None) -> int:
    """The run with its error handling: bad input is exit code 2, a bug 3, never a traceback."""
    ctx = Context()
    try:
        ctx = Context.from_env(environ)
        if summary_path:
            ctx = attrs.evolve(ctx, summary_path=summary_path)
        inputs = Inputs.from_values({**env_values(environ),
                                     **{k: v for k, v in overrides.items() if v is not None}})
        if api is None and environ.get("GITHUB_TOKEN"):
            api = urllib_api(environ["GITHUB_TOKEN"],
                             environ.get("GITHUB_API_URL", "https://api.github.com"))
        return run(inputs, ctx, root, runner or CommandRunner(root), api, echo)
    except (InputError, GitError) as exc:
        Log(echo, ctx).error(str(exc))
        write_summary(ctx, f"## leadrules\n\n**The check could not run:** {exc}\n", echo)
        return Exit.BAD_INPUT
    except Exception as exc:  # the last line of defence: a bug, reported as such
        if environ.get("LEADRULES_DEBUG"):
            traceback.print_exc()
        echo(f"leadrules action: internal error: {type(exc).__name__}: {exc}. This is a bug "
             f"in leadrules {__version__}; please report it (LEADRULES_DEBUG=1 shows the "
             "traceback).")
        return Exit.INTERNAL


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--files", default=None, help="Schemes to check: globs or paths (default "
              "INPUT_FILES, else **/*.leads).")
@click.option("--scenario", default=None, help="Scenario(s) for the impact of a change.")
@click.option("--fail-on", default=None, help="Lint level that fails: error, warning, info.")
@click.option("--diff-fail-on", default=None,
              help="Change class that fails: breaking, behavioural, any, never.")
@click.option("--fmt", default=None, help="Formatting: warn, fail or off.")
@click.option("--base", default=None, help="Compare with this revision, as a pull request "
              "would (e.g. origin/main).")
@click.option("--sarif-file", default=None, help="Also write the check as SARIF here.")
@click.option("--summary", "summary_path", default=None,
              help="Append the summary to this file (default: $GITHUB_STEP_SUMMARY, else print "
              "it).")
@click.option("--runs", default=None, help="Simulation runs for the impact (diff --runs).")
@click.option("--seed", default=None, help="Simulation seed (diff --seed).")
def main(files: str | None, scenario: str | None, fail_on: str | None,
         diff_fail_on: str | None, fmt: str | None, base: str | None,
         sarif_file: str | None, summary_path: str | None, runs: str | None,
         seed: str | None) -> None:
    """Run the leadrules GitHub Action's checks here, in the current folder.

    Settings come from INPUT_* variables (as action.yml sets them) unless given as options.
    """
    overrides = {"files": files, "scenario": scenario, "fail-on": fail_on,
                 "diff-fail-on": diff_fail_on, "fmt": fmt, "base": base, "runs": runs,
                 "seed": seed, "sarif-file": sarif_file,
                 "sarif": "true" if sarif_file else None}
    sys.exit(main_with(os.environ, overrides, Path.cwd(), echo=lambda text: click.echo(text),
                       summary_path=summary_path))


if __name__ == "__main__":
    main()
