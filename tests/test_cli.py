"""The command line: output, exit codes, and bugs turned into a 'please report' exit 3."""

from __future__ import annotations

import subprocess
import sys

import pytest

from leadrules.cli.exit import Exit
from leadrules.cli.main import main
from tests.conftest import EXAMPLES, ROOT


def run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_clean_files_exit_0(capsys):
    """Checking the reference texts prints one ok line each and exits 0."""
    code, out, _ = run(["check", str(EXAMPLES / "universal.leads"),
                        str(EXAMPLES / "baseline.scenario")], capsys)
    assert code == Exit.CLEAN
    assert "universal.leads: ok (10 statuses, 10 transitions, 5 stages)" in out
    assert "baseline.scenario: ok (scenario \"Q4 baseline\"" in out


def test_a_folder_is_searched(capsys, tmp_path):
    """A folder argument checks every scheme and scenario in it, sub-folders included."""
    (tmp_path / "sub").mkdir()
    for name in ("universal.leads", "baseline.scenario"):
        (tmp_path / "sub" / name).write_bytes((EXAMPLES / name).read_bytes())
    code, out, _ = run(["check", "--no-lint", str(tmp_path)], capsys)
    assert code == Exit.CLEAN
    assert out.count(": ok (") == 2


def test_bad_input_exits_2_with_located_messages(capsys):
    """Mistakes are printed as file:line:col: CODE message with a caret; exit code 2."""
    code, out, _ = run(["check", str(ROOT / "docs" / "tour" / "mistakes.leads")], capsys)
    assert code == Exit.BAD_INPUT
    assert "mistakes.leads:19:26: E200 unknown status 'Nurtur'" in out
    assert "^^^^^^" in out and "did you mean 'Nurture'?" in out
    assert out.rstrip().endswith("3 problems in 1 of 1 file")


def test_a_scheme_named_twice_is_reported_once(capsys, tmp_path):
    """A broken scheme given directly and through a scenario prints its problems once."""
    (tmp_path / "s.leads").write_text("status A { initial }\ntransition A -> B manual\n")
    (tmp_path / "t.scenario").write_text('scenario "t" {\n  scheme "s.leads"\n}\n')
    code, out, _ = run(["check", str(tmp_path / "s.leads"), str(tmp_path / "t.scenario")],
                       capsys)
    assert code == Exit.BAD_INPUT
    assert out.count("unknown status 'B'") == 1
    assert "has errors, so this scenario cannot be checked" in out


def test_missing_file_and_usage_errors_exit_2(capsys):
    """A missing file is a located error; no arguments is a usage error; both exit 2."""
    code, out, _ = run(["check", "no/such.leads"], capsys)
    assert code == Exit.BAD_INPUT and "no/such.leads:1:1: E001 no such file" in out
    code, _, err = run(["check"], capsys)
    assert code == Exit.BAD_INPUT and "Missing argument" in err


def test_internal_errors_exit_3_with_a_report_request(capsys, monkeypatch):
    """A bug surfaces as exit 3 and a 'please report' line, never a bare traceback."""
    def boom(*_args, **_kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr("leadrules.cli.check.Loader.load", boom)
    monkeypatch.delenv("LEADRULES_DEBUG", raising=False)
    code, _, err = run(["check", str(EXAMPLES / "universal.leads")], capsys)
    assert code == Exit.INTERNAL
    assert "internal error: RuntimeError: kaboom" in err and "Please report" in err
    assert "Traceback" not in err


def test_the_installed_command_runs_as_a_module():
    """`python -m leadrules` works like the `leadrules` command."""
    done = subprocess.run([sys.executable, "-m", "leadrules", "check", "--quiet",
                           str(EXAMPLES / "universal.leads")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_scenario_naming_itself_is_an_error_not_a_loop(capsys, tmp_path):
    """`scheme "self.scenario"` inside self.scenario is refused, not followed forever."""
    path = tmp_path / "self.scenario"
    path.write_text('scenario "s" {\n  scheme "self.scenario"\n  horizon 1 day\n'
                    "  arrivals 1 per day\n}\n")
    code, out, _ = run(["check", str(path)], capsys)
    assert code == Exit.BAD_INPUT
    assert "E003 'self.scenario' is a scenario, but a scheme (.leads) is needed here" in out


def test_a_folder_inside_a_hidden_folder_is_still_searched(capsys, tmp_path):
    """Only hidden folders below the given one are skipped, not hidden folders above it."""
    inner = tmp_path / ".workspace" / "project"
    inner.mkdir(parents=True)
    (inner / "universal.leads").write_bytes((EXAMPLES / "universal.leads").read_bytes())
    (inner / ".drafts").mkdir()
    (inner / ".drafts" / "x.leads").write_text("status broken {")
    code, out, _ = run(["check", "--no-lint", str(inner)], capsys)
    assert code == Exit.CLEAN and out.count(": ok (") == 1
