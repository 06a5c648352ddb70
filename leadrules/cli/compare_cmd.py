"""`leadrules compare`: the same scenario on today's and a proposed scheme (or two scenarios),
with common random numbers; prints what changed significantly."""

from __future__ import annotations

import json
from pathlib import Path

import click

from leadrules.cli.exit import Exit
from leadrules.cli.simulate_cmd import Progress
from leadrules.errors import LeadrulesError
from leadrules.loader import Loader
from leadrules.model.scenario import Scenario
from leadrules.parse import parse_file
from leadrules.report.text import render
from leadrules.resolve import resolve_scenario


def run_compare(first: str, second: str | None, scheme: str | None, *, runs: int | None,
                seed: int | None, jobs: int, json_out: str | None, show_all: bool) -> Exit:
    from leadrules.simulate.compare import compare_runs
    from leadrules.simulate.run import simulate_runs

    if (second is None) == (scheme is None):
        click.echo("leadrules: give a second scenario or --scheme PROPOSED.leads (one of them)",
                   err=True)
        return Exit.BAD_INPUT
    loader = Loader()
    try:
        before = loader.scenario(first)
        assert isinstance(before, Scenario)
        if scheme is not None:
            proposed = loader.scheme(scheme)
            model = parse_file(first, "scenario")
            assert isinstance(model, Scenario)
            after = resolve_scenario(model, proposed)
            labels = (str(before.scheme_path), scheme)
        else:
            assert second is not None
            other = loader.scenario(second)
            assert isinstance(other, Scenario)
            after = other
            labels = (first, second)
        count = runs or before.runs or 10
        base = before.seed if seed is None else seed
        bar = Progress(2 * count)  # both sides, one bar
        a = simulate_runs(before, runs=count, seed=base, jobs=jobs, progress=bar)
        b = simulate_runs(after, runs=count, seed=base, jobs=jobs,
                          progress=lambda done, _: bar(count + done))
    except LeadrulesError as exc:
        for d in exc.diagnostics:
            click.echo(render(d))
            click.echo()
        return Exit.BAD_INPUT
    changes = compare_runs(a, b)
    significant = [c for c in changes if c.significant]
    click.echo(f"Before: {labels[0]}\nAfter:  {labels[1]}\n{count} runs each, seed {base}, "
               "common random numbers; differences are after − before, with 95% confidence "
               "intervals from paired runs.\n")
    shown = changes if show_all else significant
    if not shown:
        click.echo("No figure changed significantly.")
    else:
        click.echo(f"{'figure':<44} {'before':>12} {'after':>12} {'change':>24}")
        for c in shown:
            mark = "" if c.significant else "  (not significant)"
            click.echo(f"{c.figure[:44]:<44} {c.before.mean:>12,.2f} {c.after.mean:>12,.2f} "
                       f"{c.delta.mean:>+12,.2f} [{c.delta.low:+,.2f}, {c.delta.high:+,.2f}]"
                       f"{mark}")
        if not show_all:
            click.echo(f"\n{len(significant)} of {len(changes)} figures changed significantly "
                       "(--all shows every figure).")
    if json_out:
        doc = {"schema": "leadrules-comparison/1", "before": labels[0], "after": labels[1],
               "runs": count, "seed": base,
               "changes": [{"figure": c.figure, "before": round(c.before.mean, 6),
                            "after": round(c.after.mean, 6), "change": round(c.delta.mean, 6),
                            "low": _r(c.delta.low), "high": _r(c.delta.high),
                            "significant": c.significant} for c in changes]}
        Path(json_out).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n",
                                  encoding="utf-8")
    return Exit.CLEAN


def _r(x: float) -> float | None:
    return None if x != x or abs(x) == float("inf") else round(x, 6)
