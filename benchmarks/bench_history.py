"""History benchmark: read + check + stats on 250k, 500k and 1M status changes.

A seeded generator (`random.Random(2026)`, so every run writes the same bytes) makes a
realistic status history for examples/universal.leads: leads arrive on weekdays over a year
(~150k leads for 1M changes), move New → Attempting → Connected → Working → Qualified →
Converted with drop-outs to Unqualified and Nurture, Stale after idle Working spells,
recycling, activity rows that repeat the current status, 40 owners, 6 sources, naive local
times, and a few bad rows (unparseable time, unknown status, missing id) and forbidden moves.
The file is written sorted by time (as a CRM export is), so every lead's rows are interleaved.

Each size runs in its own process so that its peak memory (ru_maxrss) is its own; the script
prints seconds per step, peak memory and the growth ratios (2.0 per doubling is linear).
Goal: 1M changes checked and summarised in under 30 s and 2 GB.

Run from the project root:  .venv/bin/python benchmarks/bench_history.py
(`--size N` runs one size and prints its figures as JSON.)
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCHEME = ROOT / "examples" / "universal.leads"
SIZES = (250_000, 500_000, 1_000_000)
ROWS_PER_LEAD = 8.4  # what the generator below produces on average
GOAL_SECONDS, GOAL_MB = 30.0, 2048.0
HOUR, DAY = 3600.0, 86400.0

# status → [(next status, probability, mean delay in hours)]
MOVES: dict[str, list[tuple[str, float, float]]] = {
    "New": [("Attempting", 0.93, 3.0), ("Unqualified", 0.07, 24.0)],
    "Attempting": [("Connected", 0.42, 72.0), ("Nurture", 0.15, 120.0),
                   ("Unqualified", 0.43, 150.0)],
    "Connected": [("Working", 0.5, 48.0), ("Qualified", 0.3, 120.0), ("Nurture", 0.1, 96.0),
                  ("Unqualified", 0.1, 96.0)],
    "Working": [("Qualified", 0.45, 300.0), ("Stale", 0.2, 720.0), ("Nurture", 0.1, 200.0),
                ("Unqualified", 0.25, 250.0)],
    "Stale": [("Working", 0.4, 60.0), ("Unqualified", 0.6, 120.0)],
    "Qualified": [("Converted", 0.75, 40.0), ("Unqualified", 0.25, 60.0)],
    "Nurture": [("Recycled", 0.8, 2160.0), ("Unqualified", 0.2, 600.0)],
    "Recycled": [("Attempting", 1.0, 24.0)],
    "Unqualified": [("Recycled", 0.08, 4320.0)],
}
SOURCES = ("web", "event", "partner", "outbound", "referral", "ads")


def generate(path: Path, rows_wanted: int, seed: int = 2026) -> int:
    """Write about `rows_wanted` status changes; returns the rows written."""
    import random

    rnd = random.Random(seed)
    leads = int(rows_wanted / ROWS_PER_LEAD)
    start = dt.datetime(2026, 1, 5, 0, 0).timestamp()
    year = 365 * DAY
    owners = [f"rep{i:02d}" for i in range(40)]
    rows: list[tuple[float, str, str, str, str]] = []
    for n in range(leads):
        lead = f"L{n:07d}"
        t = start + rnd.random() * year
        day_ = dt.datetime.fromtimestamp(t)
        if day_.weekday() >= 5:
            t += (7 - day_.weekday()) * DAY
        owner = rnd.choice(owners)
        source = rnd.choice(SOURCES)
        status = "New"
        rows.append((t, lead, status, owner, source))
        for _ in range(20):
            options = MOVES.get(status)
            if not options:
                break
            r, acc = rnd.random(), 0.0
            nxt, mean = options[-1][0], options[-1][2]
            for target, p, hours in options:
                acc += p
                if r < acc:
                    nxt, mean = target, hours
                    break
            delay = rnd.expovariate(1 / (mean * HOUR))
            if status in ("Working", "Attempting") and rnd.random() < 0.5:
                rows.append((t + delay * rnd.random(), lead, status, owner, source))
            t += delay
            if t > start + year + 30 * DAY:
                break
            if status == "Unqualified" and nxt == "Recycled":
                owner = rnd.choice(owners)
            rows.append((t, lead, nxt, owner, source))
            status = nxt
    rows.sort()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("lead_id", "at", "to_status", "owner", "source"))
        for i, (t, lead, status, owner, source) in enumerate(rows):
            at = dt.datetime.fromtimestamp(t).strftime("%Y-%m-%dT%H:%M:%S")
            if i % 5000 == 1:
                at = "not a time"
            elif i % 5000 == 2:
                status = "Contacted"  # not a status of the scheme
            elif i % 5000 == 3:
                lead = ""
            elif i % 5000 == 4:
                status = "Converted"  # a forbidden move for most leads
            w.writerow((lead, at, status, owner, source))
    return len(rows)


def one(size: int) -> dict[str, float]:
    from leadrules import Loader
    from leadrules.history import read_history
    from leadrules.history.conformance import check_history
    from leadrules.history.stats import compute_stats

    scheme = Loader().scheme(SCHEME)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.csv"
        t0 = time.perf_counter()
        written = generate(path, size)
        t1 = time.perf_counter()
        c1 = time.process_time()
        history = read_history(path, scheme)
        t2 = time.perf_counter()
        result = check_history(scheme, history)
        t3 = time.perf_counter()
        stats = compute_stats(scheme, history, by="owner")
        t4 = time.perf_counter()
        cpu = time.process_time() - c1
        mb = path.stat().st_size / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"rows": written, "leads": len(history.traces), "file_mb": round(mb, 1),
            "rejected": len(history.rejected), "findings": len(result.findings),
            "expects": len(stats.expects), "generate_s": t1 - t0, "read_s": t2 - t1,
            "check_s": t3 - t2, "stats_s": t4 - t3, "total_s": t4 - t1, "cpu_s": cpu,
            "peak_mb": peak}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=None)
    args = parser.parse_args()
    if args.size:
        print(json.dumps(one(args.size)))
        return 0
    results = []
    for size in SIZES:
        out = subprocess.run([sys.executable, __file__, "--size", str(size)], check=True,
                             capture_output=True, text=True, cwd=ROOT)
        results.append(json.loads(out.stdout))
    print(f"{'rows':>9} {'leads':>7} {'MB':>6} {'read s':>7} {'check s':>8} {'stats s':>8} "
          f"{'total s':>8} {'cpu s':>6} {'peak MB':>8}")
    for r in results:
        print(f"{r['rows']:>9,} {r['leads']:>7,} {r['file_mb']:>6} {r['read_s']:>7.2f} "
              f"{r['check_s']:>8.2f} {r['stats_s']:>8.2f} {r['total_s']:>8.2f} {r['cpu_s']:>6.2f} "
              f"{r['peak_mb']:>8.0f}")
    for a, b in itertools.pairwise(results):
        print(f"growth {a['rows']:,} -> {b['rows']:,} rows (x{b['rows'] / a['rows']:.2f}): "
              f"time x{b['total_s'] / a['total_s']:.2f}, peak memory "
              f"x{b['peak_mb'] / a['peak_mb']:.2f}")
    big = results[-1]
    ok_t, ok_m = big["total_s"] < GOAL_SECONDS, big["peak_mb"] < GOAL_MB
    print(f"goal: 1M changes read+check+stats < {GOAL_SECONDS:.0f} s: {big['total_s']:.1f} s "
          f"{'PASS' if ok_t else 'MISS'}; peak < {GOAL_MB:.0f} MB: {big['peak_mb']:.0f} MB "
          f"{'PASS' if ok_m else 'MISS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
