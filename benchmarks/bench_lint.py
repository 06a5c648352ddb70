"""How long linting takes on large schemes, and which rules cost the most.

    .venv/bin/python benchmarks/bench_lint.py

Generates the same schemes as bench_core.py (10, 100 and 1,000 statuses, ten times as many
transitions), then times `lint()` with every rule (graph building included) and each rule on
its own at N=1000, and a second, adversarial 1,000-status scheme full of loops, shared events,
`any` moves and overlapping automation (what the graph rules find hardest).
Goal: linting a 1,000-status scheme under 3 s, growth close to linear
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


def adversarial(n: int = 1000) -> str:
    """n statuses with every kind of move: chains, loops, events, timers, data rules,
    `any`, two-way stage sync, duplicates and overlapping automation."""
    out = ["calendar business { timezone \"UTC\"\n open mon-fri 09:00-17:00 }",
           "field n count\nfield p choice(A, B, C)\nfield reply bool",
           "stages { S0\n S1\n S2\n S3 }", "status S0 { initial }"]
    for i in range(1, n):
        body = [f"stages S{i % 4}", f"requires n >= {i % 5}"]
        if i % 3 == 0:
            body.append(f"when n >= {i % 7} -> S{(i + 1) % n}")
        if i % 5 == 0:
            body.append(f"after {i % 3} business hours -> S{(i * 7) % n}")
        if i % 11 == 0:
            body.append(f"when p = C -> S{i - 1}")
        out.append(f"status S{i} {{\n " + "\n ".join(body) + "\n}")
    out.append("status Won { outcome won; locked }\nstatus Lost { outcome lost }")
    for i in range(n - 1):
        out.append(f"transition S{i} -> S{i + 1} manual")
        out.append(f"transition S{i} -> S{(i * 13) % n} on e{i % 17} auto")
    out += ["transition any -> Lost manual", "transition S5 -> Lost manual",
            f"transition S{n - 1} -> Won manual", "when stage becomes S2 -> S2",
            "when stage becomes S3 -> S3", "when stage returns to S1 -> S1"]
    return "\n".join(out) + "\n"


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
    hard = resolve_scheme(parse_text(adversarial(1000), "adversarial.leads"))
    times = timed(lambda: lint(hard, today=TODAY), 3)
    print(f"\nadversarial 1,000-status scheme (loops, shared events, `any`, overlapping "
          f"automation): median {statistics.median(times):.3f} s")
    verdict = "PASS" if max(medians[1000], statistics.median(times)) < GOAL_SECONDS else "MISS"
    print(f"\ngoal: lint N=1000 < {GOAL_SECONDS:.1f} s  measured {medians[1000]:.3f} s  "
          f"{verdict}")


if __name__ == "__main__":
    main()
