"""`leadrules simulate SCENARIO`: load, run the replications, print the report (and write
it as JSON with --json, as a self-contained HTML page with --report)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import click

from leadrules.cli.exit import Exit
from leadrules.errors import LeadrulesError
from leadrules.loader import Loader
from leadrules.report.text import render


class Progress:
    """A progress bar on stderr for long runs: runs done of all, time elapsed and an estimate
    of the time left. Only on a terminal: piped or captured output (what tests compare, what CI
    logs) stays free of it."""

    WIDTH = 24

    def __init__(self, total: int, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.stream, self.clock = total, stream or sys.stderr, clock
        self.show = total > 1 and self.stream.isatty()
        self.started = clock()

    def __call__(self, done: int, _: int = 0) -> None:
        """`done` runs of `total` finished (the signature of simulate_runs' `progress`)."""
        if not self.show:
            return
        elapsed = self.clock() - self.started
        left = elapsed / done * (self.total - done) if done else 0.0
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = (f"\rrun {done}/{self.total} [{bar}] {_clock(elapsed)} elapsed, "
                f"~{_clock(left)} left ")
        self.stream.write(line + ("\n" if done >= self.total else ""))
        self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def run_simulate(path: str, *, runs: int | None, seed: int | None, jobs: int,
                 json_out: str | None, report_out: str | None = None) -> Exit:
    from leadrules.simulate.results import aggregate, to_json
    from leadrules.simulate.run import build, simulate_runs
    from leadrules.simulate.text import render_text

    try:
        scenario = Loader().scenario(path)
        model = build(scenario)
        count = runs or scenario.runs or 10
        results = simulate_runs(scenario, runs=count, seed=seed, jobs=jobs,
                                progress=Progress(count))
    except LeadrulesError as exc:
        for d in exc.diagnostics:
            click.echo(render(d))
            click.echo()
        return Exit.BAD_INPUT
    final_seed = scenario.seed if seed is None else seed
    result = aggregate(scenario, results, final_seed or 0, model.assumptions)
    click.echo(render_text(result))
    if json_out:
        Path(json_out).write_text(to_json(result), encoding="utf-8")
        click.echo(f"\nwrote {json_out}")
    if report_out:
        from leadrules.simulate.html import render_html

        Path(report_out).write_text(render_html(result, results), encoding="utf-8")
        click.echo(("" if json_out else "\n") + f"wrote {report_out}")
    return Exit.CLEAN
