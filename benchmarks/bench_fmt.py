"""Formatter benchmark: `format_text` against `parse_text` on the generated schemes.

The schemes are bench_core's (N = 100 and 1,000 statuses, 10N transitions, seeded), first
messed up — every statement's spacing doubled — so the formatter has real work to do. The
goal: formatting takes about as long as parsing (ratio <= 1.5).

Run from the project root:  .venv/bin/python benchmarks/bench_fmt.py
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_core import generate

from leadrules import parse_text
from leadrules.fmt import format_text

GOAL = 1.5


def timed(fn, text: str, repeat: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        fn(text, "bench.leads")
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    parse_text(generate(10), "warm.leads")  # build or load the parser tables once
    worst = 0.0
    for n, repeat in ((100, 7), (1000, 5)):
        text = generate(n).replace(" ", "  ")
        canonical = format_text(text, "bench.leads")
        assert format_text(canonical, "bench.leads") == canonical
        parse = timed(parse_text, text, repeat)
        fmt = timed(format_text, text, repeat)
        ratio = fmt / parse
        worst = max(worst, ratio)
        print(f"N={n:>5} statuses, {len(text.splitlines()):>6} lines: parse {parse:.3f} s, "
              f"fmt {fmt:.3f} s, fmt/parse {ratio:.2f}x")
    verdict = "PASS" if worst <= GOAL else "MISS"
    print(f"fmt/parse at worst {worst:.2f}x (goal <= {GOAL}x: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
