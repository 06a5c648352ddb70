"""A scratch git repository shaped like a pull request, a fake GitHub API, and a runner that can
pretend a leadrules command is missing or stand in for `diff` — for testing the action's entry
script without GitHub."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from leadrules.ci.action import main_with
from leadrules.ci.runner import CommandRunner, Result
from leadrules.cli.main import cli
from tests.conftest import EXAMPLES

GIT = ["git", "-c", "user.name=Council", "-c", "user.email=council@example.com",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
# The change under review: the attempt limit 10 → 6 and the stale timer 30 → 21 days.
ATTEMPTS = ("when attempts >= 10 -> Nurture", "when attempts >= 6 -> Nurture")
STALE = ("after 30 days without activity -> Stale", "after 21 days without activity -> Stale")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def short_scenario() -> str:
    """The baseline scenario, shortened so that simulating it in a test takes a second."""
    text = (EXAMPLES / "baseline.scenario").read_text(encoding="utf-8")
    text = re.sub(r"horizon \d+ days", "horizon 45 days", text)
    text = re.sub(r"warmup \d+ days", "warmup 5 days", text)
    text = re.sub(r"arrivals \d+ per business day", "arrivals 20 per business day", text)
    return text.replace('scheme "universal.leads"', 'scheme "statuses.leads"')


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def edit(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def scratch_repo(root: Path) -> Path:
    """Two commits: the universal scheme on `main`, then the change on branch `feature`, with
    `origin/main` pointing at the first, as in a pull request's checkout."""
    repo = root / "council"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "statuses.leads").write_text((EXAMPLES / "universal.leads").read_text("utf-8"),
                                         encoding="utf-8")
    (repo / "baseline.scenario").write_text(short_scenario(), encoding="utf-8")
    (repo / "README.md").write_text("Our lead statuses.\n", encoding="utf-8")
    commit_all(repo, "The council's scheme")
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo / "statuses.leads", ATTEMPTS, STALE)
    commit_all(repo, "Six attempts, and stale after three weeks")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    return repo


def pr_env(repo: Path, tmp: Path, number: int = 7, **extra: str) -> dict[str, str]:
    """The environment GitHub gives the action's step on a pull request (plus its inputs)."""
    event = tmp / "event.json"
    event.write_text(json.dumps({"number": number, "pull_request": {"number": number}}))
    env = {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main",
           "GITHUB_EVENT_PATH": str(event), "GITHUB_REPOSITORY": "acme/council",
           "GITHUB_SHA": git(repo, "rev-parse", "HEAD"),
           "GITHUB_STEP_SUMMARY": str(tmp / "summary.md"), "GITHUB_OUTPUT": str(tmp / "out.txt"),
           "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "42",
           "INPUT_FILES": "**/*.leads", "INPUT_SCENARIO": "", "INPUT_FAIL_ON": "error",
           "INPUT_DIFF_FAIL_ON": "breaking", "INPUT_FMT": "warn", "INPUT_COMMENT": "true",
           "INPUT_SARIF": "false", "INPUT_SARIF_FILE": str(tmp / "leadrules.sarif")}
    env.update(extra)
    return env


def outputs(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return dict(line.split("=", 1) for line in lines)


class FakeGitHub:
    """Issue comments of one repository, kept in memory; every request is recorded."""

    def __init__(self, comments: Sequence[Mapping[str, Any]] = (), fail: int | None = None):
        self.comments = [dict(c) for c in comments]
        self.requests: list[tuple[str, str, Any]] = []
        self.fail = fail

    def __call__(self, method: str, path: str, body: Mapping[str, Any] | None) -> Any:
        from leadrules.ci.comment import ApiError

        self.requests.append((method, path, body))
        if self.fail and method != "GET":
            raise ApiError(self.fail, "Resource not accessible by integration")
        if method == "GET":
            page = int(re.search(r"[?&]page=(\d+)", path).group(1))  # type: ignore[union-attr]
            per = int(re.search(r"per_page=(\d+)", path).group(1))  # type: ignore[union-attr]
            return self.comments[(page - 1) * per: page * per]
        if method == "POST":
            made = {"id": 1000 + len(self.comments), "body": body["body"] if body else "",
                    "html_url": f"https://github.com/acme/council/pull/7#c{len(self.comments)}"}
            self.comments.append(made)
            return made
        comment_id = int(path.rsplit("/", 1)[1])
        for comment in self.comments:
            if comment["id"] == comment_id:
                comment["body"] = body["body"] if body else ""
                return comment
        raise AssertionError(f"no comment {comment_id}")

    def writes(self) -> list[tuple[str, str, Any]]:
        return [r for r in self.requests if r[0] != "GET"]


class Runner(CommandRunner):
    """The real commands, except those in `missing`, and `diff` answered by `diff_stub` if set.

    `in_process` runs the command line inside the test's interpreter (in the repository's
    folder), which saves a Python start-up per command; the action itself always starts
    `python -m leadrules`, which test_action_e2e.py runs for real.
    """

    def __init__(self, cwd: Path, env: Mapping[str, str], missing: Sequence[str] = (),
                 diff_stub: Result | None = None, in_process: bool = True) -> None:
        super().__init__(cwd, env)
        self.missing = set(missing)
        self.diff_stub = diff_stub
        self.in_process = in_process
        self.calls: list[tuple[str, ...]] = []

    def has(self, command: str) -> bool:
        return command not in self.missing and (
            (command == "diff" and self.diff_stub is not None) or super().has(command))

    def run(self, args: Sequence[str]) -> Result:
        self.calls.append(tuple(args))
        if args[0] == "diff" and self.diff_stub is not None:
            return Result(tuple(args), self.diff_stub.code, self.diff_stub.stdout)
        if not self.in_process:
            return super().run(args)
        github = {k: v for k, v in self.env.items() if k.startswith("GITHUB_")}
        here = os.getcwd()
        os.chdir(self.cwd)
        try:
            done = CliRunner(env={"GITHUB_ACTIONS": None, **github}).invoke(cli, list(args))
        finally:
            os.chdir(here)
        crashed = done.exception is not None and not isinstance(done.exception, SystemExit)
        return Result(tuple(args), 3 if crashed else done.exit_code, done.stdout, done.stderr)


def run_action(repo: Path, env: Mapping[str, str], api: FakeGitHub | None = None,
               **runner: Any) -> tuple[int, list[str], Runner]:
    """The entry script in `repo`; its exit code, what it printed, and the runner it used."""
    printed: list[str] = []
    plain = {k: v for k, v in env.items() if not k.startswith("INPUT_")}
    the_runner = Runner(repo, {**os.environ, **plain}, **runner)
    code = main_with(env, {}, repo, runner=the_runner, api=api, echo=printed.append)
    return code, printed, the_runner
