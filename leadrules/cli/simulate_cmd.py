"""`leadrules simulate SCENARIO`: load, run the replications, print the report (and write
it as JSON with --json, as a self-contained HTML page with --report)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from leadrules.cli.exit import Exit
from leadrules.errors import LeadrulesError
from leadrules.loader import Loader
from leadrules.model.scenario import Scenario
from leadrules.report.text import render


def run_simulate(path: str, *, runs: int | None, seed: int | None, jobs: int,
                 json_out: str | None, report_out: str | None = None) -> Exit:
    from leadrules.simulate.results import aggregate, to_json
    from leadrules.simulate.run import build, simulate_runs
    from leadrules.simulate.text import render_text

    try:
        scenario = Loader().load(path, "scenario")
        if not isinstance(scenario, Scenario):
            raise LeadrulesError([])  # pragma: no cover - the kind is forced above
        model = build(scenario)
        count = runs or scenario.runs or 10
        show = sys.stderr.isatty() and count > 1

        def progress(done: int, total: int) -> None:
            if show:
                click.echo(f"\rrun {done}/{total}", err=True, nl=done == total)

        results = simulate_runs(scenario, runs=count, seed=seed, jobs=jobs, progress=progress)
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
