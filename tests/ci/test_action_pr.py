"""The action's entry script on a scratch pull request (two commits, `origin/main` as base), with
a fake GitHub and `leadrules diff` stood in for, so what is tested here is the wiring: which
files are compared with what, what the summary, outputs and comment hold, and the exit code.
(test_action_e2e.py runs the real `diff`.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from leadrules.ci.comment import MARKER
from leadrules.ci.runner import Result
from tests.ci.helpers import (
    FakeGitHub,
    commit_all,
    edit,
    git,
    outputs,
    pr_env,
    run_action,
    scratch_repo,
)

DIFF_MD = """## Scheme change: `statuses.leads`

**2 behavioural changes**

### Summary

- attempt limit in 'Attempting': 10 → 6

```mermaid
flowchart LR
  Attempting --> Nurture
```
"""
STUB = Result(("diff",), 0, DIFF_MD)
ACTION = yaml.safe_load((Path(__file__).parents[2] / "action.yml").read_text(encoding="utf-8"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return scratch_repo(tmp_path)


def summary(tmp_path: Path) -> str:
    return (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_pull_request_writes_summary_outputs_sarif_and_one_comment(repo, tmp_path):
    """On a pull request the changed scheme is compared with the base; summary, outputs, SARIF
    and a single marked comment are written, and behavioural changes pass by default."""
    api = FakeGitHub()
    code, printed, runner = run_action(repo, pr_env(repo, tmp_path, INPUT_SARIF="true"), api,
                                       diff_stub=STUB)
    assert code == 0, printed
    diff_calls = [c for c in runner.calls if c[0] == "diff"]
    assert diff_calls == [("diff", "statuses.leads", "--against", "origin/main", "-f",
                           "markdown", "--fail-on", "breaking", "--old-invalid", "empty")]
    text = summary(tmp_path)
    assert text.startswith("## leadrules\n")
    assert "**leadrules: 12 infos in 1 of 1 file**" in text  # the check report, whole
    assert "#### `statuses.leads`" in text  # the check's file heading, under ### Lint
    assert "\n#### Scheme change: `statuses.leads`\n" in text  # the diff, nested
    assert "\n##### Summary\n" in text
    assert "```mermaid\nflowchart LR" in text
    assert "leadrules check statuses.leads --fail-on error" in text  # to repeat by hand
    out = outputs(tmp_path / "out.txt")
    assert set(out) == set(ACTION["outputs"])  # what action.yml passes on
    assert json.loads(out["changed-schemes"]) == ["statuses.leads"]
    assert out["exit-code"] == "0" and out["check-exit-code"] == "0"
    sarif = json.loads(Path(out["sarif-file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == 12
    [(method, path, body)] = api.writes()
    assert (method, path) == ("POST", "/repos/acme/council/issues/7/comments")
    assert body["body"].startswith(MARKER + "\n## leadrules: what this pull request changes")
    assert "\n### Scheme change: `statuses.leads`\n" in body["body"]
    assert "attempt limit in 'Attempting': 10 → 6" in body["body"]
    assert body["body"].split("\n")[3] == "**Passes** (exit code 0)."
    assert "**Lint:** 12 infos in 1 of 1 file — Passes (exit code 0)" in body["body"]
    assert text.split("\n")[2] == "**Passes** (exit code 0)."
    assert out["comment-url"] == api.comments[0]["html_url"]


def test_a_later_push_edits_the_same_comment_and_an_unchanged_one_is_left_alone(repo, tmp_path):
    """Runs after the first edit the one marked comment (never a second), and do not touch it
    when nothing in it changed."""
    api = FakeGitHub([{"id": 5, "body": "Looks good to me", "html_url": "u5"}])
    run_action(repo, pr_env(repo, tmp_path), api, diff_stub=STUB)
    edit(repo / "statuses.leads", ("sla 3 business days escalate sales_manager",
                                   "sla 2 business days escalate sales_manager"))
    head = commit_all(repo, "Qualified leads within two days")
    run_action(repo, pr_env(repo, tmp_path), api, diff_stub=STUB)
    run_action(repo, pr_env(repo, tmp_path), api, diff_stub=STUB)
    assert [m for m, _, _ in api.writes()] == ["POST", "PATCH"]
    assert api.writes()[1][1] == "/repos/acme/council/issues/comments/1001"
    marked = [c for c in api.comments if c["body"].startswith(MARKER)]
    assert len(marked) == 1 and head[:12] in marked[0]["body"]


@pytest.mark.parametrize(("diff_code", "event", "expected"), [
    (1, "pull_request", 1),  # a change at or above diff-fail-on fails a pull request
    (0, "pull_request", 0),
    (2, "pull_request", 2),  # the diff could not read its input
    (1, "push", 0),  # after the merge the diff is reported, not enforced
])
def test_exit_code_follows_the_diff_on_pull_requests_only(repo, tmp_path, diff_code, event,
                                                          expected):
    """The diff's exit code decides the job on a pull request; on a push it is only shown."""
    env = pr_env(repo, tmp_path, GITHUB_EVENT_NAME=event)
    if event == "push":
        (tmp_path / "event.json").write_text(json.dumps({"before": git(repo, "rev-parse",
                                                                        "main")}))
    api = FakeGitHub()
    code, _, runner = run_action(repo, env, api,
                                 diff_stub=Result(("diff",), diff_code, DIFF_MD, "bad input"))
    assert code == expected
    first = summary(tmp_path).split("\n")[2]
    assert first == ("**Passes** (exit code 0)." if expected == 0 else
                     "**Fails** (exit code 1): a change at or above *breaking* (input "
                     "`diff-fail-on`)." if expected == 1 else
                     "**Fails** (exit code 2): `leadrules diff` could not compare a scheme.")
    assert any(c[0] == "diff" for c in runner.calls)
    assert "#### `statuses.leads`" in summary(tmp_path)
    assert bool(api.writes()) == (event == "pull_request")  # comments only on pull requests


def test_lint_findings_at_fail_on_fail_the_job_after_the_reports(repo, tmp_path):
    """With fail-on info the infos fail the run (exit 1), yet summary and comment are written."""
    api = FakeGitHub()
    code, _, _ = run_action(repo, pr_env(repo, tmp_path, INPUT_FAIL_ON="info"), api,
                            diff_stub=STUB)
    assert code == 1
    verdict = "**Fails** (exit code 1): lint findings at or above *info* (input `fail-on`)."
    assert summary(tmp_path).split("\n")[2] == verdict
    assert "**Fails** (exit code 1): 12 findings at or above *info*." in summary(tmp_path)
    assert api.comments[0]["body"].split("\n")[3] == verdict


def test_without_a_diff_command_the_run_says_upgrade_and_still_checks(repo, tmp_path):
    """A leadrules without `diff` (or `fmt`) says so in plain words instead of failing."""
    api = FakeGitHub()
    code, printed, runner = run_action(repo, pr_env(repo, tmp_path), api,
                                       missing=("diff", "fmt"))
    assert code == 0
    text = summary(tmp_path)
    assert "has no `diff` command, so what the change means is not shown; upgrade" in text
    assert "has no `fmt` command, so formatting is not checked" in text
    assert "**leadrules: 12 infos in 1 of 1 file**" in text
    assert not api.requests  # no half-empty comment
    assert [c[0] for c in runner.calls] == ["check", "check"]  # annotations, Markdown
    assert any("has no `diff` command" in line for line in printed)


def test_a_read_only_token_is_a_warning_not_a_failure(repo, tmp_path):
    """A fork's read-only token (403) leaves the verdict alone and says why in the summary."""
    code, printed, _ = run_action(repo, pr_env(repo, tmp_path), FakeGitHub(fail=403),
                                  diff_stub=STUB)
    assert code == 0
    assert "Could not post the pull-request comment (403: Resource not accessible" in \
        summary(tmp_path)
    assert any(line.startswith("leadrules: could not post") for line in printed)


def test_scenario_goes_to_the_diff_of_the_scheme_it_names(repo, tmp_path):
    """The scenario input is checked with the schemes and given to the diff of its scheme,
    with the runs and seed inputs."""
    env = pr_env(repo, tmp_path, INPUT_SCENARIO="baseline.scenario", INPUT_RUNS="2",
                 INPUT_SEED="3")
    code, _, runner = run_action(repo, env, FakeGitHub(), diff_stub=STUB)
    assert code == 0
    assert runner.calls[0][:3] == ("check", "baseline.scenario", "statuses.leads")
    [diff] = [c for c in runner.calls if c[0] == "diff"]
    assert diff[-6:] == ("--scenario", "baseline.scenario", "--runs", "2", "--seed", "3")


def test_added_and_removed_schemes_are_named_not_compared(repo, tmp_path):
    """A scheme new in the pull request, or deleted by it, gets a note instead of a diff."""
    (repo / "emea").mkdir()
    (repo / "emea" / "statuses.leads").write_text(
        (repo / "statuses.leads").read_text(encoding="utf-8"), encoding="utf-8")
    commit_all(repo, "EMEA copy")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    (repo / "statuses.leads").unlink()
    (repo / "apac.leads").write_text((repo / "emea" / "statuses.leads").read_text("utf-8"),
                                     encoding="utf-8")
    commit_all(repo, "APAC replaces the global scheme")
    api = FakeGitHub()
    code, _, runner = run_action(repo, pr_env(repo, tmp_path), api, diff_stub=STUB)
    assert code == 0
    assert not [c for c in runner.calls if c[0] == "diff"]
    body = api.comments[0]["body"]
    assert "### `apac.leads`\n\nA new scheme file" in body
    assert "### `statuses.leads`\n\nThis scheme file is removed" in body


def test_a_pull_request_without_scheme_changes_posts_nothing(repo, tmp_path):
    """Changing only other files creates no comment; an old comment is corrected instead."""
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    (repo / "README.md").write_text("Our lead statuses, explained.\n", encoding="utf-8")
    commit_all(repo, "Docs")
    api = FakeGitHub()
    code, _, _ = run_action(repo, pr_env(repo, tmp_path), api, diff_stub=STUB)
    assert code == 0 and not api.writes()
    assert "No scheme file changed." in summary(tmp_path)
    api = FakeGitHub([{"id": 3, "body": MARKER + "\nold report on statuses.leads"}])
    run_action(repo, pr_env(repo, tmp_path), api, diff_stub=STUB)
    [(method, _, body)] = api.writes()
    assert method == "PATCH"
    assert "## leadrules: this pull request changes no scheme file" in body["body"]


def test_a_base_branch_that_is_not_there_is_bad_input(repo, tmp_path):
    """A base that is neither in the checkout nor fetchable stops the run with exit code 2 and
    a message that names the fix."""
    code, printed, _ = run_action(repo, pr_env(repo, tmp_path, GITHUB_BASE_REF="release"),
                                  FakeGitHub(), diff_stub=STUB)
    assert code == 2
    [message] = [line for line in printed if line.startswith("leadrules action:")]
    assert message.startswith("leadrules action: the base revision 'origin/release' is not in "
                              "this checkout and cannot be fetched (`git fetch")
    assert message.endswith("check out with `fetch-depth: 0` (actions/checkout) or fetch it "
                            "first")
    assert "**The check could not run:** the base revision" in summary(tmp_path)


@pytest.mark.parametrize(("mode", "expected"), [("warn", 0), ("fail", 1)])
def test_unformatted_schemes_are_shown_and_fail_only_when_asked(repo, tmp_path, mode, expected):
    """A scheme off the canonical layout gets the command to fix it and fmt's diff in the
    summary; it fails the job only with `fmt: fail`."""
    edit(repo / "statuses.leads", ("  requires lost_reason\n", "      requires    lost_reason\n"))
    commit_all(repo, "Sloppy indentation")
    code, _, _ = run_action(repo, pr_env(repo, tmp_path, INPUT_FMT=mode), FakeGitHub(),
                            diff_stub=STUB)
    assert code == expected
    text = summary(tmp_path)
    assert ("Not in the canonical layout: 1 of 1 file. Run `leadrules fmt statuses.leads` "
            "and commit the result.") in text
    assert "```diff\n--- statuses.leads\n" in text
    assert "-      requires    lost_reason\n+  requires lost_reason\n" in text
    assert outputs(tmp_path / "out.txt")["fmt-exit-code"] == "1"


def test_without_a_token_the_comment_is_skipped_with_a_warning(repo, tmp_path):
    """No token (or `permissions` without pull-requests) is a warning under Actions, not a
    failure, and the summary says what was missing."""
    env = pr_env(repo, tmp_path, GITHUB_ACTIONS="true")
    code, printed, _ = run_action(repo, env, None, diff_stub=STUB)
    assert code == 0
    assert "::warning title=leadrules::the pull-request comment was not posted: no token" in \
        "\n".join(printed)
    assert "- The pull-request comment was not posted" in summary(tmp_path)


def test_a_push_whose_previous_commit_is_gone_is_reported_not_failed(repo, tmp_path):
    """After a force push (or with a shallow checkout) the old commit may be unreachable: the
    summary says so and the run still passes on its lint verdict."""
    env = pr_env(repo, tmp_path, GITHUB_EVENT_NAME="push")
    (tmp_path / "event.json").write_text(json.dumps({"before": "1234567" * 5 + "89abc"}))
    code, _, runner = run_action(repo, env, FakeGitHub(), diff_stub=STUB)
    assert code == 0
    assert not [c for c in runner.calls if c[0] == "diff"]
    assert "The commit before the push (123456712345) is not in the checkout" in \
        summary(tmp_path)
