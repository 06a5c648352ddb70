"""`leadrules diff` as CI calls it: --fail-on, bad input, --against a git revision, the
scenario's impact, and the end-to-end pull-request report on the universal scheme."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from leadrules.cli.exit import Exit
from tests.conftest import EXAMPLES
from tests.diff.test_diff_golden import PAIRS, TODAY, run_diff
from tests.test_render_mermaid import check_structure

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def pair(case: str) -> list[str]:
    return [str(PAIRS / case / "old.leads"), str(PAIRS / case / "new.leads"), "--today", TODAY]


@pytest.mark.parametrize(("case", "fail_on", "code"), [
    ("removed_without_migration", "breaking", Exit.FINDINGS),
    ("removed_without_migration", "never", Exit.CLEAN),
    ("timers_and_slas", "breaking", Exit.CLEAN),
    ("timers_and_slas", "behavioural", Exit.FINDINGS),
    ("timers_and_slas", "any", Exit.FINDINGS),
    ("words_only", "any", Exit.CLEAN),  # cosmetic changes never fail a run
    ("layout_only", "any", Exit.CLEAN),
])
def test_fail_on_decides_the_exit_code(case, fail_on, code, capsys):
    got, _, _ = run_diff([*pair(case), "--fail-on", fail_on], capsys)
    assert got == code


def test_a_scheme_that_does_not_load_is_bad_input(tmp_path, capsys):
    """Exit 2, with the problem shown as `leadrules check` shows it."""
    bad = tmp_path / "bad.leads"
    bad.write_text("status New {\n  initial\n}\ntransition New -> Nwe manual\n",
                   encoding="utf-8")
    code, out, _ = run_diff([str(bad), str(PAIRS / "layout_only" / "old.leads")], capsys)
    assert code == Exit.BAD_INPUT
    assert "bad.leads:4:19: E200 unknown status 'Nwe'" in out
    assert "did you mean 'New'?" in out


@pytest.mark.parametrize("args", [["one.leads"], ["a.leads", "b.leads", "--against", "HEAD"]])
def test_wrong_number_of_files_is_a_usage_error(args, capsys):
    code, _, err = run_diff(args, capsys)
    assert code == Exit.BAD_INPUT
    assert "give" in err


def test_output_file_and_json_version(tmp_path, capsys):
    out = tmp_path / "diff.json"
    code, printed, _ = run_diff([*pair("merge_two_into_new"), "-f", "json", "-o", str(out)],
                                capsys)
    assert code == Exit.FINDINGS and printed == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["version"] == 1
    assert doc["statuses"]["merged"] == [{"old": "Contacting", "into": "Working"},
                                         {"old": "Parked", "into": "Working"}]



def test_an_output_file_that_cannot_be_written_is_bad_input(tmp_path, capsys):
    """`-o` into a folder that does not exist: exit 2 and the reason, not an internal error."""
    target = tmp_path / "missing" / "diff.md"
    code, _, err = run_diff([*pair("words_only"), "-o", str(target)], capsys)
    assert code == Exit.BAD_INPUT
    assert f"cannot write {target}: No such file or directory" in err

def test_structural_rename_is_found_without_a_migrate_line(capsys):
    _, out, _ = run_diff([*pair("rename_by_structure"), "-f", "json"], capsys)
    doc = json.loads(out)
    assert doc["statuses"]["renamed"][0]["old"] == "Parked"
    assert doc["statuses"]["renamed"][0]["new"] == "OnHold"
    assert doc["statuses"]["renamed"][0]["by"] == "structure"
    assert doc["summary"]["worst"] == "breaking"


@pytest.mark.parametrize("case", sorted(p.name for p in PAIRS.iterdir()
                                        if (p / "old.leads").exists()))
def test_the_diagram_of_every_pair_is_well_formed(case, capsys):
    """The Mermaid block has only statements the renderer writes (checked the way the
    diagram tests check `leadrules render -o x.mmd`), and marks what the change did."""
    _, out, _ = run_diff([*pair(case), "-f", "markdown"], capsys)
    blocks = re.findall(r"```mermaid\n(.*?)```", out, re.S)
    if case in ("layout_only", "words_only"):
        assert blocks == []  # nothing changed in meaning: nothing to draw
        return
    assert len(blocks) == 1
    found = check_structure(blocks[0])
    classes = {name for _, name in found["class"]}
    if case.startswith(("merge", "removed")):
        assert "removed" in classes
        assert any("line-through" in style for name, style in found["classDef"]
                   if name == "removed")


def test_mermaid_cli_renders_the_diagram(tmp_path, capsys):
    """The real Mermaid parser accepts the diagram (skipped where `mmdc` is not installed:
    docs/diff.md says how to install it into a scratch folder; point LEADRULES_MMDC at it)."""
    mmdc = os.environ.get("LEADRULES_MMDC") or shutil.which("mmdc")
    if mmdc is None:
        pytest.skip("mmdc (@mermaid-js/mermaid-cli) is not installed; set LEADRULES_MMDC")
    _, out, _ = run_diff([*pair("merge_two_into_new"), "-f", "markdown"], capsys)
    block = re.findall(r"```mermaid\n(.*?)```", out, re.S)[0]
    (tmp_path / "d.mmd").write_text(block, encoding="utf-8")
    config = tmp_path / "puppeteer.json"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    config.write_text(json.dumps({"args": ["--no-sandbox"],
                                  **({"executablePath": chromium} if chromium else {})}))
    done = subprocess.run([mmdc, "-p", str(config), "-i", str(tmp_path / "d.mmd"), "-o",
                           str(tmp_path / "d.svg")], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    svg = (tmp_path / "d.svg").read_text(encoding="utf-8")
    assert "line-through" in svg and "Working" in svg


# -- --against REF ---------------------------------------------------------------------------

def git(repo: Path, *args: str) -> None:
    subprocess.run([*GIT, "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A scratch repository with two commits of one scheme (the second changes timers)."""
    git(tmp_path, "init", "-q")
    sub = tmp_path / "schemes"
    sub.mkdir()
    scheme = sub / "statuses.leads"
    scheme.write_text((PAIRS / "timers_and_slas" / "old.leads").read_text("utf-8"), "utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    scheme.write_text((PAIRS / "timers_and_slas" / "new.leads").read_text("utf-8"), "utf-8")
    git(tmp_path, "commit", "-q", "-a", "-m", "second")
    return tmp_path


@needs_git
def test_against_a_revision_reads_the_old_text_from_git(repo, capsys, monkeypatch):
    """HEAD~1 is the old side; the path is relative to the repository root, whatever the
    working directory."""
    monkeypatch.chdir(repo / "schemes")
    code, out, _ = run_diff(["statuses.leads", "--against", "HEAD~1", "--today", TODAY],
                            capsys)
    assert code == Exit.FINDINGS
    assert out.startswith("leadrules diff: HEAD~1:schemes/statuses.leads → statuses.leads\n")
    assert "attempt limit `when attempts >= 8 -> Lost set reason = other` lowered from 8 to 5" \
        in out
    code, out, _ = run_diff(["statuses.leads", "--against", "HEAD", "--today", TODAY], capsys)
    assert code == Exit.CLEAN and "no change at all" in out


@needs_git
def test_a_file_new_at_the_revision_is_all_added(repo, capsys):
    other = repo / "schemes" / "other.leads"
    other.write_text((PAIRS / "layout_only" / "old.leads").read_text("utf-8"), "utf-8")
    code, out, _ = run_diff([str(other), "--against", "HEAD", "--today", TODAY], capsys)
    assert code == Exit.FINDINGS
    assert "did not exist: everything is added" in out
    assert "status Contacting added" in out


@needs_git
def test_bad_revision_and_no_repository_are_bad_input(repo, tmp_path_factory, capsys):
    code, _, err = run_diff([str(repo / "schemes" / "statuses.leads"), "--against",
                             "no-such-branch"], capsys)
    assert code == Exit.BAD_INPUT
    assert "'no-such-branch' is not a revision of the repository" in err
    lonely = tmp_path_factory.mktemp("norepo") / "x.leads"
    lonely.write_text((PAIRS / "layout_only" / "old.leads").read_text("utf-8"), "utf-8")
    code, _, err = run_diff([str(lonely), "--against", "HEAD"], capsys)
    assert code == Exit.BAD_INPUT
    assert "is not inside a git repository" in err


# -- impact ----------------------------------------------------------------------------------

def test_a_scenario_that_no_longer_fits_is_reported_not_a_crash(capsys):
    """The scenario sends leads to Parked, which the new scheme merged away: the report says
    which scenario line needs updating."""
    code, out, _ = run_diff([*pair("merge_into_existing"), "--scenario",
                             str(PAIRS / "funnel.scenario"), "-f", "json"], capsys)
    assert code == Exit.FINDINGS
    impact = json.loads(out)["impact"]
    assert impact["ran"] is False
    assert [(u["side"], u["line"], u["code"]) for u in impact["unfit"]] == [("new", 27, "E200")]
    assert "'Parked'" in impact["unfit"][0]["message"]


def test_a_scenario_updated_for_a_renamed_status_still_simulates_both_sides(tmp_path, capsys):
    """The pull request renames Parked to OnHold with a `migrate` line and updates the
    scenario to `in OnHold`: the old side reads it through the rename, so the impact is
    simulated instead of "does not fit the old scheme"."""
    updated = tmp_path / "funnel.scenario"
    updated.write_text((PAIRS / "funnel.scenario").read_text(encoding="utf-8")
                       .replace("in Parked", "in OnHold"), encoding="utf-8")
    code, out, _ = run_diff([*pair("rename_with_migrate"), "--scenario", str(updated),
                             "--runs", "2", "-f", "json"], capsys)
    assert code == Exit.FINDINGS  # behavioural changes, --fail-on any
    impact = json.loads(out)["impact"]
    assert (impact["ran"], impact["unfit"]) == (True, [])
    assert impact["figures"]

@needs_git
def test_end_to_end_pull_request_report(tmp_path, capsys, monkeypatch):
    """The universal scheme committed with its baseline scenario; the attempt limit and a
    timer change; the Markdown report names both changes and the simulated effect."""
    git(tmp_path, "init", "-q")
    scheme = tmp_path / "statuses.leads"
    scheme.write_text((EXAMPLES / "universal.leads").read_text("utf-8"), "utf-8")
    scenario = (EXAMPLES / "baseline.scenario").read_text("utf-8")
    (tmp_path / "baseline.scenario").write_text(
        scenario.replace('scheme "universal.leads"', 'scheme "statuses.leads"')
        .replace("horizon 180 days", "horizon 100 days"), "utf-8")  # shorter, for speed
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "the universal scheme")
    text = scheme.read_text("utf-8")
    text = text.replace("when attempts >= 10 -> Nurture", "when attempts >= 6 -> Nurture")
    text = text.replace("after 30 days without activity -> Stale",
                        "after 21 days without activity -> Stale")
    scheme.write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_diff(["statuses.leads", "--against", "HEAD", "--scenario",
                             "baseline.scenario", "-f", "markdown", "--runs", "3",
                             "--today", TODAY], capsys)
    assert code == Exit.FINDINGS
    summary = out.split("### 🔀")[0]
    assert "Nothing breaking" in summary
    assert "attempt limit `when attempts >= 10 -> Nurture` lowered from 10 to 6" in out
    assert ("timer `after 30 days without activity -> Stale` fires sooner: tightened from "
            "30 days to 21 days") in out
    # the simulated effect: fewer attempts send leads to Nurture, so more of them enter it
    assert re.search(r"Simulated \(\"Q4 baseline\", 3 runs each\): `funnel\.", summary)
    impact = out.split("### Simulated impact")[1]
    row = re.search(r"\| `status\.Nurture\.entered` \| ([\d,.]+) \| ([\d,.]+) \| \+", impact)
    assert row is not None, impact
    assert float(row[2].replace(",", "")) > float(row[1].replace(",", ""))
    block = re.findall(r"```mermaid\n(.*?)```", out, re.S)[0]
    moves = check_structure(block)["transition"]
    assert any(label and label.startswith("CHANGED · when attempts #gt;= 6")
               for *_, label in moves)
    assert any(label and label.startswith("CHANGED · after 21 days") for *_, label in moves)


def test_a_scenario_given_as_a_scheme_is_one_clear_error(capsys):
    """`diff baseline.scenario universal.leads`: E003 once, at the scenario's first line, not a
    syntax error at every line of it; exit 2."""
    code, out, _ = run_diff([str(EXAMPLES / "baseline.scenario"),
                             str(EXAMPLES / "universal.leads")], capsys)
    assert code == Exit.BAD_INPUT
    assert out.count("E003") == 1 and "E100" not in out
    assert "baseline.scenario:4:1: E003 this file is a scenario, but a scheme (.leads)" in out


BROKEN = 'scheme "T" { version "1" }\nstatus New { initial\nstatus Won { outcome won }\n'


def test_old_invalid_empty_compares_a_fix_with_nothing(tmp_path, capsys):
    """A change that fixes a broken scheme: by default exit 2 (the old side must load); with
    --old-invalid empty it is compared with an empty scheme, every status is added, the
    report says why (the first problem, at its line) in text, JSON and Markdown, and the exit
    code follows --fail-on as usual."""
    old, new = tmp_path / "old.leads", tmp_path / "new.leads"
    old.write_text(BROKEN, encoding="utf-8")
    new.write_text((PAIRS / "layout_only" / "old.leads").read_text("utf-8"), "utf-8")
    code, out, _ = run_diff([str(old), str(new), "--today", TODAY], capsys)
    assert code == Exit.BAD_INPUT and "E100" in out
    args = [str(old), str(new), "--today", TODAY, "--old-invalid", "empty"]
    code, out, _ = run_diff(args, capsys)
    assert code == Exit.FINDINGS
    assert f"({old}: it does not load (1 problem, the first: {old}:3:1: E100 " in out
    assert "compared with an empty scheme, everything is added)" in out
    assert "status Contacting added" in out
    code, out, _ = run_diff([*args, "--fail-on", "breaking"], capsys)
    assert code == Exit.CLEAN  # adding statuses breaks nothing
    code, out, _ = run_diff([*args, "-f", "json"], capsys)
    doc = json.loads(out)
    assert doc["old_absent"] is True and doc["old_problems"][0].startswith(f"{old}:3:1: E100")
    code, out, _ = run_diff([*args, "-f", "markdown"], capsys)
    assert "(it does not load (1 problem" in out.splitlines()[2]


def test_old_invalid_empty_still_fails_when_the_new_side_is_broken(tmp_path, capsys):
    """--old-invalid only forgives the old side: a broken new side (alone or with a broken
    old side) is bad input, with its problems shown."""
    good, bad = tmp_path / "good.leads", tmp_path / "bad.leads"
    good.write_text((PAIRS / "layout_only" / "old.leads").read_text("utf-8"), "utf-8")
    bad.write_text(BROKEN, encoding="utf-8")
    for files in ([good, bad], [bad, bad]):
        code, out, _ = run_diff([*map(str, files), "--old-invalid", "empty"], capsys)
        assert code == Exit.BAD_INPUT and "E100" in out


def test_names_with_backticks_do_not_break_the_markdown(tmp_path, capsys):
    """A status named "Lost ``x" replaced (found as a rename): in running text its backticks
    are escaped, and the suggested `migrate` line is a code span fenced with more backticks
    than the name holds (as CommonMark reads it: a run of three closes only a run of three)."""
    old, new = tmp_path / "old.leads", tmp_path / "new.leads"
    head = 'scheme "T" { version "1" }\nstatus New { initial }\n'
    old.write_text(head + 'status "Lost ``x" { outcome lost }\n'
                   'transition New -> "Lost ``x" manual\n', encoding="utf-8")
    new.write_text(head + 'status Won { outcome won }\ntransition New -> Won manual\n',
                   encoding="utf-8")
    _, out, _ = run_diff([str(old), str(new), "-f", "markdown", "--today", TODAY], capsys)
    assert "status Lost \\`\\`x looks renamed to Won" in out
    assert "add ``` migrate \"Lost ``x\" -> Won ```" in out
    assert "leads recorded as Lost \\`\\`x match no status" in out


def test_old_invalid_empty_does_not_forgive_a_missing_old_file(tmp_path, capsys):
    """A typo in the old path is a mistake in the command, not a broken scheme to fix: exit
    2 with E001, even with --old-invalid empty."""
    new = tmp_path / "new.leads"
    new.write_text((PAIRS / "layout_only" / "old.leads").read_text("utf-8"), "utf-8")
    code, out, _ = run_diff([str(tmp_path / "missing.leads"), str(new), "--old-invalid",
                             "empty"], capsys)
    assert code == Exit.BAD_INPUT and "E001" in out
