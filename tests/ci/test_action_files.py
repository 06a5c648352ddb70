"""The files a council copies agree with each other and with the code: action.yml declares what
docs/ci.md's workflow uses and what the entry script reads, the pre-commit hooks run commands
that exist, and every YAML block of the docs parses."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from leadrules.ci import action
from leadrules.ci.inputs import env_values
from leadrules.cli.main import cli
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
HOOKS: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def yaml_blocks() -> list[Any]:
    return [yaml.safe_load(b) for b in re.findall(r"^```yaml\n(.*?)^```$", DOC, re.M | re.S)]


def workflow() -> dict[str, Any]:
    [found] = [b for b in yaml_blocks() if isinstance(b, dict) and "jobs" in b]
    return found


def steps() -> dict[str, dict[str, Any]]:
    return {s["name"]: s for s in ACTION["runs"]["steps"]}


def test_action_is_composite_with_the_documented_defaults():
    """The inputs the issue asks for exist, with their defaults."""
    assert ACTION["runs"]["using"] == "composite"
    defaults = {name: spec.get("default") for name, spec in ACTION["inputs"].items()}
    assert defaults["files"] == "**/*.leads" and defaults["fail-on"] == "error"
    assert defaults["diff-fail-on"] == "breaking" and defaults["scenario"] == ""
    assert (defaults["comment"], defaults["sarif"]) == ("true", "true")
    assert defaults["leadrules-version"] == "" and defaults["python-version"]
    assert all(spec.get("description") for spec in ACTION["inputs"].values())


def test_action_steps_install_run_and_upload_sarif_always():
    """Python is set up, leadrules installed from the action's checkout by default, the entry
    script run, and SARIF uploaded even when the script failed, with a category."""
    s = steps()
    assert s["Set up Python"]["uses"].startswith("actions/setup-python@")
    assert "${{ github.action_path }}" in s["Install leadrules"]["env"].values()
    assert s["Check, compare and report"]["run"] == "python -m leadrules.ci.action"
    upload = s["Upload to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["if"].startswith("always() && inputs.sarif == 'true'")
    assert upload["with"]["category"] == "${{ inputs.sarif-category }}"


def test_every_input_reaches_the_script_and_nothing_undeclared_is_used():
    """Each `INPUT_*` the script reads is set from the input of that name, and every
    `inputs.X` in action.yml is declared."""
    env = steps()["Check, compare and report"]["env"]
    passed = {k: v for k, v in env.items() if k.startswith("INPUT_")}
    read = env_values({k: "x" for k in passed})
    assert set(read) == {k.removeprefix("INPUT_").lower().replace("_", "-") for k in passed}
    for key, value in passed.items():
        name = key.removeprefix("INPUT_").lower().replace("_", "-")
        if name != "sarif-file":  # a path in the runner's temp folder, not an input
            assert value == f"${{{{ inputs.{name} }}}}"
    used = set(re.findall(r"inputs\.([\w-]+)", (ROOT / "action.yml").read_text("utf-8")))
    assert used <= set(ACTION["inputs"]), used - set(ACTION["inputs"])
    assert used >= set(ACTION["inputs"]) - {"token"} - {"sarif-file"}


def test_docs_workflow_is_complete_and_uses_only_declared_inputs():
    """The workflow to copy runs on pull requests and pushes to main, with the permissions the
    action needs, a full-history checkout, and only inputs action.yml declares."""
    wf = workflow()
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` key as true
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    assert wf["permissions"]["contents"] == "read"
    assert wf["permissions"]["pull-requests"] == "write"
    assert wf["permissions"]["security-events"] == "write"
    [job] = wf["jobs"].values()
    checkout, ours = job["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0
    assert re.fullmatch(r"OWNER/leadrules@v1", ours["uses"])
    assert set(ours["with"]) <= set(ACTION["inputs"])


def test_docs_inputs_table_lists_exactly_the_declared_inputs():
    """The page documents every input of action.yml and no other."""
    section = DOC.split("### Inputs", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| (`[^|]+) \|", section, re.M)
    named = {n for row in rows for n in re.findall(r"`([\w-]+)`", row)}
    assert named == set(ACTION["inputs"])
    outputs = DOC.split("### Outputs", 1)[1].split("\n### ", 1)[0]
    assert set(re.findall(r"`([\w-]+)`", outputs)) >= set(ACTION["outputs"])


def test_every_yaml_block_in_the_docs_parses():
    """Snippets to copy are valid YAML (the workflow, pre-commit and GitLab ones)."""
    assert len(yaml_blocks()) == 3


def test_the_local_command_in_the_docs_has_those_options():
    """`python -m leadrules.ci.action --base … --scenario …` and `--summary` exist."""
    options = {o for p in action.main.params for o in getattr(p, "opts", [])}
    for used in re.findall(r"(--[\w-]+)", DOC.split("### Running the same on your machine")[1]
                           .split("```")[1]):
        assert used in options, used
    assert "--summary" in options


def test_pre_commit_hooks_run_existing_commands_on_scheme_files():
    """The three hooks are python hooks whose entry is a leadrules command that exists, run on
    .leads and .scenario files only; the docs' snippet names real hooks."""
    ids = {h["id"]: h for h in HOOKS}
    assert set(ids) == {"leadrules-check", "leadrules-fmt", "leadrules-fmt-check"}
    for hook in HOOKS:
        words = hook["entry"].split()
        assert hook["language"] == "python" and hook["pass_filenames"] is True
        assert words[0] == "leadrules" and words[1] in cli.commands
        files = re.compile(hook["files"])
        assert files.search("a/statuses.leads") and files.search("q4.scenario")
        assert not files.search("statuses.leads.bak") and not files.search("notes.md")
    assert ids["leadrules-fmt-check"]["entry"] == "leadrules fmt --check --diff"
    [config] = [b for b in yaml_blocks() if isinstance(b, dict) and "repos" in b]
    assert {h["id"] for r in config["repos"] for h in r["hooks"]} <= set(ids)


@pytest.mark.parametrize("hook", ["leadrules-check", "leadrules-fmt", "leadrules-fmt-check"])
def test_each_hook_is_documented(hook):
    """docs/ci.md's hook table names every hook."""
    assert f"| `{hook}` |" in DOC


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_links_of_the_page_resolve():
    """Every relative link of docs/ci.md names a file that exists, and a heading in it."""
    for target in re.findall(r"\]\(([^)#:]+)(?:#([^)]+))?\)", DOC):
        path = (ROOT / "docs" / target[0]).resolve()
        assert path.exists(), target
        if target[1]:
            headings = re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), re.M)
            assert target[1] in {slug(h) for h in headings}, target
