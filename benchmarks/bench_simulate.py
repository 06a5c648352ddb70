"""leadrules' simulator against an idiomatic SimPy model of the same funnel.

1. Both models run benchmarks/funnel.scenario (100,000 leads over 180 days, 20 reps) on the
   same seeds, one replication per seed; prints leads/second and the ratio, and the headline
   figures with 95% CIs across seeds. The two models draw from different random streams, so
   seed i of one has nothing in common with seed i of the other: the samples are independent
   and the difference is judged with Welch's interval (a paired interval would be valid too but
   has fewer degrees of freedom and pairs nothing). "Same" means 0 lies inside it.
2. The 10 s goal: each leadrules run in part 1 is one run on one core.
3. `simulate_runs(runs=4)` with jobs=1 and jobs=2: the speed-up, and whether the figures match.

It says which engine ran: engine.py compiled with mypyc (built by `make`, or by
`.venv/bin/python -m leadrules.simulate.accel`), or the pure-Python module
(LEADRULES_ENGINE=python forces it).

    .venv/bin/python benchmarks/bench_simulate.py [--seeds 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import statistics
import time
from importlib.metadata import version
from pathlib import Path

import simpy_funnel

from leadrules import Loader
from leadrules.simulate import accel
from leadrules.simulate.run import simulate_runs
from leadrules.simulate.stats import Estimate, t_quantile

SCENARIO = Path(__file__).with_name("funnel.scenario")
HEADLINE = [
    ("leads.arrived", "leads arrived"),
    ("outcome.Won.share_pct", "Won, % of outcomes"),
    ("outcome.Lost.share_pct", "Lost, % of outcomes"),
    ("funnel.reached_outcome_pct", "reached an outcome, %"),
    ("funnel.time_to_outcome_mean", "mean time to outcome, h"),
    ("team.SDR.utilisation_pct", "rep utilisation, %"),
    ("team.SDR.wait_mean", "mean queue wait, min"),
    ("status.New.sla_breach_pct", "New SLA breached, %"),
]
GOAL_RATIO, GOAL_SECONDS = 4.0, 10.0


def welch(a: list[float], b: list[float]) -> tuple[float, float, float]:
    """Mean of a − mean of b with its 95% Welch interval (Satterthwaite df, rounded down)."""
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    diff = statistics.fmean(a) - statistics.fmean(b)
    if va + vb == 0:
        return diff, diff, diff
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    hw = t_quantile(0.975, max(1, math.floor(df))) * math.sqrt(va + vb)
    return diff, diff - hw, diff + hw


def cpu() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        return next(x.split(":", 1)[1].strip() for x in lines if x.startswith("model name"))
    except (OSError, StopIteration):
        return platform.machine()


def timed(fn, *args, **kwargs):
    """The result, wall seconds and this process's CPU seconds."""
    wall, cpu_s = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu_s


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="seeds 1..N for both models")
    seeds = range(1, parser.parse_args().seeds + 1)
    scenario = Loader().load(SCENARIO)
    print(f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; {cpu()}, {os.cpu_count()} "
          f"CPUs; Python {platform.python_version()}, simpy {version('simpy')}; {load()}")
    print(f"model: {SCENARIO.name} (180 days, 555.6 leads/day, 20 reps); seeds {seeds.start}.."
          f"{seeds.stop - 1}, one run each")
    print(f"leadrules engine: {accel.describe()}\n")

    lr_figs, sp_figs, lr_secs, sp_secs, lr_cpu, sp_cpu = [], [], [], [], [], []
    print(" seed  leadrules wall s  CPU s   leads   SimPy wall s  CPU s   leads")
    for seed in seeds:
        [result], lr_s, lr_c = timed(simulate_runs, scenario, runs=1, seed=seed)
        figures, sp_s, sp_c = timed(simpy_funnel.run, seed)
        lr_figs.append(result.figures)
        sp_figs.append(figures)
        lr_secs.append(lr_s)
        sp_secs.append(sp_s)
        lr_cpu.append(lr_c)
        sp_cpu.append(sp_c)
        print(f"{seed:5} {lr_s:16.2f} {lr_c:6.2f} {result.figures['leads.arrived']:7.0f} "
              f"{sp_s:14.2f} {sp_c:6.2f} {figures['leads.arrived']:7.0f}")
    lr_n, sp_n = (sum(f["leads.arrived"] for f in figs) for figs in (lr_figs, sp_figs))
    ratio = (lr_n / sum(lr_secs)) / (sp_n / sum(sp_secs))
    print(f"\nleads/second (wall): leadrules {lr_n / sum(lr_secs):,.0f}, SimPy "
          f"{sp_n / sum(sp_secs):,.0f}; ratio {ratio:.2f}x (goal >= {GOAL_RATIO:.0f}x: "
          f"{'PASS' if ratio >= GOAL_RATIO else 'MISS'})")
    print(f"leads/second (CPU):  leadrules {lr_n / sum(lr_cpu):,.0f}, SimPy "
          f"{sp_n / sum(sp_cpu):,.0f}; ratio {(lr_n / sum(lr_cpu)) / (sp_n / sum(sp_cpu)):.2f}x")

    print(f"\n{'figure (mean [95% CI] over seeds)':32} {'leadrules':>26} {'SimPy':>26} "
          f"{'leadrules - SimPy (Welch 95%)':>34}  same?")
    different = []
    for key, label in HEADLINE:
        scale = 60.0 if key.endswith("wait_mean") else 1.0  # hours -> minutes
        a = [f[key] * scale for f in lr_figs]
        b = [f[key] * scale for f in sp_figs]
        diff, low, high = welch(a, b)
        same = low <= 0.0 <= high
        if not same:
            different.append(label)
        print(f"{label:32} {Estimate.of(a)!s:>26} {Estimate.of(b)!s:>26} "
              f"{f'{diff:+.4g} [{low:+.4g}, {high:+.4g}]':>34}  {'yes' if same else 'NO'}")
    print("statistically indistinguishable: " + ("yes, every difference interval holds 0"
          if not different else "NO: " + ", ".join(different)))

    slowest, median = max(lr_secs), statistics.median(lr_secs)
    print(f"\nleadrules, one run of ~100,000 leads / 180 days / 20 reps on one core: median "
          f"{median:.2f} s, slowest {slowest:.2f} s wall (CPU median "
          f"{statistics.median(lr_cpu):.2f} s); goal < {GOAL_SECONDS:.0f} s: "
          f"{'PASS' if slowest < GOAL_SECONDS else 'MISS'}")

    one, one_s, _ = timed(simulate_runs, scenario, runs=4, seed=1, jobs=1)
    two, two_s, _ = timed(simulate_runs, scenario, runs=4, seed=1, jobs=2)
    same = [r.figures for r in one] == [r.figures for r in two]
    print(f"simulate_runs(runs=4): jobs=1 {one_s:.2f} s, jobs=2 {two_s:.2f} s; speed-up "
          f"{one_s / two_s:.2f}x on 2 processes; same figures: {'yes' if same else 'NO'}")
    print(load())


if __name__ == "__main__":
    main()
