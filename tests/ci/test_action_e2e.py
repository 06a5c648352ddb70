"""End to end, with the real `leadrules diff` and simulator: a scratch repository with the
universal scheme on `main` and a pull request that lowers the attempt limit and tightens the
stale timer, run twice through the action's entry script against a fake GitHub."""

from __future__ import annotations

import re

from leadrules.ci.comment import MARKER
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
from tests.conftest import EXAMPLES

ATTEMPT_CHANGE = "attempt limit `when attempts >= 10 -> Nurture` lowered from 10 to 6"
TIMER_CHANGE = "tightened from 30 days to 21 days"


def test_pull_request_report_names_both_changes_and_the_simulated_effect(tmp_path):
    """The summary and the one comment name both changes, the simulated effect under the
    scenario and a Mermaid diagram; behavioural changes pass with diff-fail-on breaking and
    fail with behavioural, and the second run edits the comment instead of adding one."""
    repo = scratch_repo(tmp_path)
    api = FakeGitHub()
    inputs = {"INPUT_SCENARIO": "baseline.scenario", "INPUT_RUNS": "2", "INPUT_SEED": "1"}
    code, printed, runner = run_action(repo, pr_env(repo, tmp_path, **inputs), api,
                                       in_process=False)  # `python -m leadrules`, as on CI
    assert code == 0, "\n".join(printed)
    [diff] = [c for c in runner.calls if c[0] == "diff"]
    assert diff == ("diff", "statuses.leads", "--against", "origin/main", "-f", "markdown",
                    "--fail-on", "breaking", "--old-invalid", "empty", "--scenario",
                    "baseline.scenario", "--runs", "2", "--seed", "1")
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    for text in (summary, api.comments[0]["body"]):
        assert ATTEMPT_CHANGE in text and TIMER_CHANGE in text
        assert "Simulated impact" in text
        assert re.search(r"\n\d+ of \d+ figures changed significantly\.\n", text)
        assert "\n```mermaid\n" in text and text.count("```") % 2 == 0
    assert "**leadrules: 12 infos in 1 of 2 files**" in summary  # scheme and scenario checked
    assert "All 2 files are in the canonical layout" in summary
    assert api.comments[0]["body"].startswith(MARKER)

    edit(repo / "statuses.leads", ("sla 3 business days escalate sales_manager",
                                   "sla 2 business days escalate sales_manager"))
    commit_all(repo, "Qualified leads within two days")
    env = pr_env(repo, tmp_path, INPUT_DIFF_FAIL_ON="behavioural", **inputs)
    code, printed, _ = run_action(repo, env, api)
    assert code == 1, "\n".join(printed)
    assert outputs(tmp_path / "out.txt")["diff-exit-code"] == "1"
    assert [m for m, _, _ in api.writes()] == ["POST", "PATCH"]
    assert len(api.comments) == 1 and "3 behavioural changes" in api.comments[0]["body"]


def test_a_pull_request_that_fixes_a_broken_scheme_passes(tmp_path):
    """`main` holds a scheme with a syntax error; the pull request fixes it. The diff step
    compares the fix with an empty scheme and says why (it used to exit 2 and fail the job for
    a change that made things better); the job passes with diff-fail-on breaking."""
    repo = tmp_path / "council"
    repo.mkdir()
    git(repo, "init", "-q")
    good = (EXAMPLES / "universal.leads").read_text(encoding="utf-8")
    (repo / "statuses.leads").write_text(good.replace("status New", "status New {", 1),
                                         encoding="utf-8")  # an extra brace: E100
    commit_all(repo, "A broken scheme")
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "statuses.leads").write_text(good, encoding="utf-8")
    commit_all(repo, "Fix the scheme")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    api = FakeGitHub()
    code, printed, _ = run_action(repo, pr_env(repo, tmp_path), api, in_process=False)
    assert code == 0, "\n".join(printed)
    body = api.comments[0]["body"]
    assert "(it does not load (" in body and "compared with an empty scheme" in body
