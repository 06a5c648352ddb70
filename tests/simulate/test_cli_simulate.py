"""`leadrules simulate`: the report a council reads, and JSON that is the same for a seed."""

from __future__ import annotations

import json

import pytest

from leadrules.cli.exit import Exit
from leadrules.cli.main import main
from tests.conftest import EXAMPLES


def run(args, capsys):
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_the_baseline_report_names_statuses_teams_expectations_and_bottlenecks(capsys, tmp_path):
    """Two runs of the baseline scenario print every section, and the JSON repeats exactly."""
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    code, out, _ = run(["simulate", str(EXAMPLES / "baseline.scenario"), "--runs", "2",
                        "--json", str(first)], capsys)
    assert code == Exit.CLEAN
    for section in ("status", "team", "Funnel", "Expectations of the scheme",
                    "Bottlenecks, most pressing first"):
        assert section in out
    assert "team SDR is saturated" in out
    run(["simulate", str(EXAMPLES / "baseline.scenario"), "--runs", "2", "--json",
         str(second)], capsys)
    assert first.read_bytes() == second.read_bytes()
    doc = json.loads(first.read_text())
    assert doc["schema"] == "leadrules-simulation/1" and doc["runs"] == 2
    assert "status.New.entered" in doc["figures"]


def test_parallel_runs_give_the_same_numbers(capsys, tmp_path):
    """--jobs 2 changes the speed, not the figures."""
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    run(["simulate", str(EXAMPLES / "baseline.scenario"), "--runs", "2", "--json", str(one)],
        capsys)
    run(["simulate", str(EXAMPLES / "baseline.scenario"), "--runs", "2", "--jobs", "2",
         "--json", str(two)], capsys)
    assert one.read_bytes() == two.read_bytes()


def test_a_broken_scenario_is_exit_2(capsys, tmp_path):
    """A scenario that does not resolve is reported like check does, exit 2."""
    path = tmp_path / "x.scenario"
    path.write_text('scenario "x" {\n  scheme "missing.leads"\n}\n')
    code, out, _ = run(["simulate", str(path)], capsys)
    assert code == Exit.BAD_INPUT and "E300" in out


def test_a_scheme_given_as_the_scenario_is_one_clear_error(tmp_path):
    """`simulate statuses.leads` says the file is a scheme, once, at its first declaration
    (not a syntax error at every line), and exits 2."""
    from click.testing import CliRunner

    from leadrules.cli.main import cli

    scheme = tmp_path / "statuses.leads"
    scheme.write_text("# today's scheme\n\nstatus New {\n  initial\n}\n"
                      "status Won { outcome won }\ntransition New -> Won manual\n",
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["simulate", str(scheme)])
    assert result.exit_code == 2
    assert result.output.count("E003") == 1 and "E100" not in result.output
    assert f"{scheme}:3:1: E003 this file is a scheme, but a scenario (.scenario) is needed" \
        in result.output
    result = CliRunner().invoke(cli, ["compare", str(scheme), "--scheme", str(scheme)])
    assert result.exit_code == 2 and "E003 this file is a scheme" in result.output
