"""The progress bar of long runs: on a terminal only, with runs done, elapsed and time left."""

from __future__ import annotations

import io

import pytest

from leadrules.cli.main import main
from leadrules.cli.simulate_cmd import Progress
from tests.conftest import EXAMPLES


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_counts_runs_and_estimates_the_time_left():
    """After 1 of 4 runs in 10 s: 30 s left; the last update ends the line."""
    ticks = iter([0.0, 10.0, 40.0])
    out = Terminal()
    bar = Progress(4, out, clock=lambda: next(ticks))
    bar(1, 4)
    assert out.getvalue() == "\rrun 1/4 [######------------------] 0:10 elapsed, ~0:30 left "
    bar(4, 4)
    assert out.getvalue().endswith("\rrun 4/4 [########################] 0:40 elapsed, "
                                   "~0:00 left \n")


def test_nothing_is_written_when_stderr_is_not_a_terminal():
    """Piped output, as in CI, stays clean."""
    out = io.StringIO()
    bar = Progress(4, out)
    bar(1, 4)
    bar(4, 4)
    assert out.getvalue() == ""


@pytest.mark.parametrize("command", [["simulate", str(EXAMPLES / "baseline.scenario")],
                                     ["compare", str(EXAMPLES / "baseline.scenario"),
                                      str(EXAMPLES / "baseline.scenario")]])
def test_the_commands_write_no_progress_to_a_captured_stderr(capsys, command):
    """`simulate` and `compare` run several runs, and captured stderr stays empty."""
    with pytest.raises(SystemExit):
        main([*command, "--runs", "2"])
    assert capsys.readouterr().err == ""
