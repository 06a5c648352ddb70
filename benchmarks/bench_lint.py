"""How long linting takes on large schemes, and which rules cost the most.

    .venv/bin/python benchmarks/bench_lint.py

Generates the same schemes as bench_core.py (10, 100 and 1,000 statuses, ten times as many
transitions), then times `lint()` with every rule (graph building included) and each rule on
its own at N=1000. Goal: linting the 1,000-status scheme under 3 s, growth close to linear
(pairwise checks must not explode).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_core import generate

from leadrules import build_graph, parse_text
from leadrules.lint import LintConfig, all_rules, lint
from leadrules.lint.context import Context
from leadrules.resolve import resolve_scheme

TODAY = dt.date(2026, 11, 26)
GOAL_SECONDS = 3.0


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    print(f"{len(all_rules())} rules\n")
    print(f"{'N':>5}  {'findings':>8}  {'best s':>8}  {'median s':>8}  {'µs/status':>9}")
    medians = {}
    schemes = {}
    for n, repeat in ((10, 10), (100, 5), (1000, 3)):
        text = generate(n)
        scheme = resolve_scheme(parse_text(text, f"gen{n}.leads"))
        schemes[n] = (scheme, text)
        found = len(lint(scheme, source=text, today=TODAY).findings)
        times = timed(lambda s=scheme, t=text: lint(s, source=t, today=TODAY), repeat)
        medians[n] = statistics.median(times)
        print(f"{n:>5}  {found:>8}  {min(times):>8.3f}  {medians[n]:>8.3f}  "
              f"{medians[n] / n * 1e6:>9.1f}")
    print(f"\ngrowth per 10x: 10->100 x{medians[100] / medians[10]:.1f}, "
          f"100->1000 x{medians[1000] / medians[100]:.1f}  (10.0 = linear)")

    scheme, _ = schemes[1000]
    graph = build_graph(scheme)
    config = LintConfig()
    costs = []
    for module in all_rules():
        ctx = Context(scheme, graph, today=TODAY)
        ctx.options = config.options_for(module.rule)
        start = time.perf_counter()
        list(module.check(ctx))
        costs.append((time.perf_counter() - start, module.rule.name))
    print("\nslowest rules at N=1000 (each with a fresh context, so shared facts count "
          "against the first rule that needs them):")
    for seconds, name in sorted(costs, reverse=True)[:8]:
        print(f"  {seconds:8.3f} s  {name}")
    verdict = "PASS" if medians[1000] < GOAL_SECONDS else "MISS"
    print(f"\ngoal: lint N=1000 < {GOAL_SECONDS:.1f} s  measured {medians[1000]:.3f} s  "
          f"{verdict}")


if __name__ == "__main__":
    main()
