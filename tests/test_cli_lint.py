"""The check command with the linter: exit codes, --fail-on, config, baselines, `rules`."""

from __future__ import annotations

import json

import pytest

from leadrules.cli.exit import Exit
from leadrules.cli.main import main

ORPHANED = "status A { initial }\nstatus B {}\nstatus Orphan {}\ntransition A -> B manual\n"


def run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


@pytest.fixture
def orphaned(tmp_path):
    """A scheme with one unreachable status, checked with that one rule selected (so these
    tests follow the command's behaviour, not the rule set)."""
    path = tmp_path / "s.leads"
    path.write_text(ORPHANED, encoding="utf-8")
    (tmp_path / ".leadrules.toml").write_text('select = ["unreachable-status"]\n')
    return path


def test_a_warning_fails_with_exit_1(orphaned, capsys):
    """A warning-level finding is printed with its rule name and the run exits 1."""
    code, out, _ = run(["check", "--today", "2026-11-26", str(orphaned)], capsys)
    assert code == Exit.FINDINGS
    assert "s.leads:3:1: LR102 warning: no move reaches 'Orphan'" in out
    assert "[unreachable-status]" in out and "^^^" in out


def test_fail_on_error_lets_warnings_pass(orphaned, capsys):
    """--fail-on error reports warnings but exits 0."""
    code, out, _ = run(["check", "--fail-on", "error", str(orphaned)], capsys)
    assert code == Exit.CLEAN and "LR102" in out


def test_lint_is_an_alias_and_no_lint_skips_rules(orphaned, capsys):
    """`leadrules lint` is `check`; --no-lint only parses and resolves."""
    assert run(["lint", str(orphaned)], capsys)[0] == Exit.FINDINGS
    code, out, _ = run(["check", "--no-lint", str(orphaned)], capsys)
    assert code == Exit.CLEAN and ": ok (" in out


def test_configuration_beside_the_scheme_applies(orphaned, capsys):
    """A .leadrules.toml next to the scheme can turn a rule off."""
    (orphaned.parent / ".leadrules.toml").write_text(
        'select = ["single-initial", "unreachable-status"]\ndisable = ["unreachable-status"]\n')
    assert run(["check", str(orphaned)], capsys)[0] == Exit.CLEAN


def test_a_broken_configuration_is_exit_2_at_its_line(orphaned, capsys):
    """A misspelt rule in the configuration is a located error, exit 2."""
    (orphaned.parent / ".leadrules.toml").write_text('\ndisable = ["unreachable-statu"]\n')
    code, out, _ = run(["check", str(orphaned)], capsys)
    assert code == Exit.BAD_INPUT
    assert ".leadrules.toml:2:" in out and "E402 unknown rule 'unreachable-statu'" in out


def test_baseline_hides_todays_findings_but_not_new_ones(orphaned, capsys, tmp_path):
    """A baseline records today's findings; later only new findings fail."""
    baseline = tmp_path / "baseline.json"
    code, _, err = run(["check", "--write-baseline", str(baseline), str(orphaned)], capsys)
    assert code == Exit.CLEAN and "recorded 1 finding" in err
    assert json.loads(baseline.read_text())["version"] == 1
    code, out, _ = run(["check", "--baseline", str(baseline), str(orphaned)], capsys)
    assert code == Exit.CLEAN and "LR102" not in out
    # an unrelated edit that moves lines does not revive the old finding
    orphaned.write_text("# moved\n\n" + ORPHANED + "status Other {}\n", encoding="utf-8")
    code, out, _ = run(["check", "--baseline", str(baseline), str(orphaned)], capsys)
    assert code == Exit.FINDINGS
    assert "'Other'" in out and "'Orphan'" not in out and "hidden by the baseline" in out


def test_rules_lists_and_explains(capsys):
    """`leadrules rules` lists every rule; `rules NAME` and `rules CODE` print its docs."""
    code, out, _ = run(["rules"], capsys)
    assert code == Exit.CLEAN and "LR102  unreachable-status" in out
    code, out, _ = run(["rules", "lr201"], capsys)
    assert code == Exit.CLEAN and "**Why it matters.**" in out and "warning-above = 12" in out
    code, _, err = run(["rules", "unreachable-statu"], capsys)
    assert code == Exit.BAD_INPUT and "did you mean 'unreachable-status'?" in err


def test_output_file(orphaned, capsys, tmp_path):
    """-o writes the report to a file instead of the screen."""
    target = tmp_path / "report.txt"
    code, out, _ = run(["check", "-o", str(target), str(orphaned)], capsys)
    assert code == Exit.FINDINGS and out == ""
    assert "LR102" in target.read_text(encoding="utf-8")


def test_infos_are_one_line_each_unless_verbose(tmp_path, capsys):
    """An info that does not fail the run is a single line; --verbose shows it in full."""
    names = [f"S{i}" for i in range(1, 9)]
    text = "status S1 { initial }\n" + "".join(f"status {n} {{}}\n" for n in names[1:])
    text += "".join(f"transition S1 -> {n} manual\n" for n in names[1:])
    path = tmp_path / "s.leads"
    path.write_text(text, encoding="utf-8")
    (tmp_path / ".leadrules.toml").write_text('select = ["status-budget"]\n')
    code, out, _ = run(["check", str(path)], capsys)
    assert code == Exit.CLEAN
    assert "LR201 info: 8 statuses" in out and "^" not in out and "= help" not in out
    assert "s.leads: ok (8 statuses" in out
    _, out, _ = run(["check", "--verbose", str(path)], capsys)
    assert "^" in out and "= help: merge statuses" in out
