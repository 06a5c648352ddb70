"""What a CI run was asked to do (the action's inputs) and where it runs (GitHub's environment).

action.yml passes each input as an `INPUT_*` environment variable (never pasted into a shell
line, so a value cannot run as code); command-line options of `python -m leadrules.ci.action`
win over them when run by hand. Values are checked here, with "did you mean" for a misspelt
level, so a typo in a workflow file stops the run with a clear message instead of being ignored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from leadrules.ci.files import split_patterns
from leadrules.suggest import did_you_mean

LINT_LEVELS = ("error", "warning", "info")
DIFF_LEVELS = ("breaking", "behavioural", "any", "never")
FMT_MODES = ("warn", "fail", "off")
PR_EVENTS = ("pull_request", "pull_request_target")
TRUE = ("true", "yes", "1", "on")
FALSE = ("false", "no", "0", "off", "")

DEFAULTS = {"files": "**/*.leads", "fail-on": "error", "diff-fail-on": "breaking",
            "fmt": "warn", "comment": "true", "sarif": "false"}
# (action.yml turns SARIF on by default; a run by hand writes no file unless asked)


class InputError(Exception):
    """An input has a value the action cannot use; the message names the input and the fix."""


@attrs.frozen
class Inputs:
    """The action's inputs, checked."""

    files: tuple[str, ...]
    scenarios: tuple[str, ...] = ()
    fail_on: str | None = "error"  # None: the configuration file's fail-on
    diff_fail_on: str = "breaking"
    fmt: str = "warn"
    comment: bool = True
    sarif_file: str | None = None  # where to write SARIF; None: no SARIF
    baseline: str | None = None
    runs: int | None = None
    seed: int | None = None
    base: str | None = None  # a revision to compare with, overriding the pull request's base

    @classmethod
    def from_values(cls, values: Mapping[str, str | None]) -> Inputs:
        """From input names (`fail-on`) to text values, as action.yml defines them."""
        def get(name: str) -> str:
            value = values.get(name)
            return (DEFAULTS.get(name, "") if value is None else value).strip()

        files = tuple(split_patterns(get("files")))
        if not files:
            raise InputError("input 'files' is empty: give the schemes to check, e.g. "
                             "'**/*.leads'")
        fail_on = get("fail-on") or None
        sarif = _flag("sarif", get("sarif"))
        return cls(
            files=files,
            scenarios=tuple(split_patterns(get("scenario"))),
            fail_on=_choice("fail-on", fail_on, LINT_LEVELS) if fail_on else None,
            diff_fail_on=_choice("diff-fail-on", get("diff-fail-on"), DIFF_LEVELS),
            fmt=_choice("fmt", get("fmt"), FMT_MODES),
            comment=_flag("comment", get("comment")),
            sarif_file=(get("sarif-file") or "leadrules.sarif") if sarif else None,
            baseline=get("baseline") or None,
            runs=_number("runs", get("runs"), 2),
            seed=_number("seed", get("seed"), 0),
            base=get("base") or None)


def env_values(environ: Mapping[str, str]) -> dict[str, str]:
    """The inputs found in the environment: `INPUT_FAIL_ON` is input `fail-on`."""
    names = (*DEFAULTS, "scenario", "sarif-file", "baseline", "runs", "seed", "base")
    found = {}
    for name in names:
        key = "INPUT_" + name.upper().replace("-", "_")
        if key in environ:
            found[name] = environ[key]
    return found


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value in allowed:
        return value
    hint = did_you_mean(value, allowed)
    raise InputError(f"input '{name}' is '{value}', which is not one of: "
                     f"{', '.join(allowed)}" + (f"; {hint}" if hint else ""))


def _flag(name: str, value: str) -> bool:
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise InputError(f"input '{name}' is '{value}': write true or false")


def _number(name: str, value: str, least: int) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) < least:
        raise InputError(f"input '{name}' is '{value}': write a whole number, at least {least}")
    return int(value)


@attrs.frozen
class Context:
    """Where the run happens: the event, the pull request, and the files GitHub reads back."""

    event: str = ""
    base_ref: str = ""  # the pull request's base branch (GITHUB_BASE_REF), e.g. main
    pr_number: int | None = None
    before: str | None = None  # on a push: the commit the branch pointed at before
    repository: str = ""  # owner/name
    sha: str = ""  # the commit described: a pull request's head, not its merge commit
    summary_path: str | None = None
    output_path: str | None = None
    run_url: str | None = None
    in_actions: bool = False

    @property
    def is_pull_request(self) -> bool:
        return self.event in PR_EVENTS

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Context:
        event = _read_event(environ.get("GITHUB_EVENT_PATH"))
        pr = event.get("pull_request") or {}
        number = pr.get("number", event.get("number"))
        before = event.get("before")
        server = environ.get("GITHUB_SERVER_URL", "https://github.com")
        repo = environ.get("GITHUB_REPOSITORY", "")
        run_id = environ.get("GITHUB_RUN_ID")
        return cls(
            event=environ.get("GITHUB_EVENT_NAME", ""),
            base_ref=environ.get("GITHUB_BASE_REF", ""),
            pr_number=int(number) if isinstance(number, int | str) and str(number).isdigit()
            else None,
            before=before if isinstance(before, str) and before.strip("0") else None,
            repository=repo,
            sha=str((pr.get("head") or {}).get("sha") or environ.get("GITHUB_SHA", "")),
            summary_path=environ.get("GITHUB_STEP_SUMMARY") or None,
            output_path=environ.get("GITHUB_OUTPUT") or None,
            run_url=f"{server}/{repo}/actions/runs/{run_id}" if repo and run_id else None,
            in_actions=environ.get("GITHUB_ACTIONS") == "true")


def _read_event(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the event file {path} (GITHUB_EVENT_PATH): {exc}") from exc
    return data if isinstance(data, dict) else {}


__all__ = ["DIFF_LEVELS", "FMT_MODES", "LINT_LEVELS", "Context", "InputError", "Inputs",
           "env_values"]
