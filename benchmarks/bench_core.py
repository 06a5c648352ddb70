"""Core benchmarks: how parse, resolve and build_graph scale, and how fast `leadrules check` starts.

1. Generated schemes with N = 10, 100, 1000 statuses and 10N transitions (seeded, so every run
   sees the same text), written in the real language: metadata, a business calendar, ~N/5 fields,
   5 stages, teams, roles, statuses with full bodies, transitions, `any` lines, stage sync and an
   expect block. parse_text, resolve_scheme and build_graph are timed separately and in total
   (best and median of several repetitions), with the growth factor per 10x statuses.
2. The process wall time of `leadrules check examples/universal.leads` against `python -c pass`.

Run from the project root:  .venv/bin/python benchmarks/bench_core.py
The first run in a fresh environment builds the Lark parser cache (~/.cache/leadrules); a warm-up
parse and a warm-up CLI run happen before anything is timed.
"""

from __future__ import annotations

import gc
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from leadrules import build_graph, parse_text
from leadrules.resolve import resolve_scheme

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/universal.leads"
STAGES = ["MQL", "SAL", "SQL", "Opportunity", "Customer"]
TEAMS = ["SDR", "AE", "Marketing", "Partners"]
ROLES = ["sdr_manager", "sales_manager", "revops"]
WORDS = ["New", "Attempting", "Connected", "Working", "Qualified", "Nurture", "Review",
         "Demo", "Trial", "Proposal", "Negotiation", "Onboarding", "Stale", "Recycled"]
UNICODE = [("Новый", "Новый лид"), ("Обработка", "В обработке"), ("跟进", "跟进中"),
           ("签约", "已签约"), ("Kontakt", "Kontakt nawiązany")]
BASE_FIELDS = [("name", "text"), ("email", "email"), ("phone", "phone"), ("attempts", "count"),
               ("deal_value", "money"), ("next_follow_up", "datetime"), ("timeline", "date"),
               ("authority", "bool"), ("budget", "money"),
               ("lost_reason", "choice(budget, competitor, wrong_fit, unreachable, not_ready)")]
TYPES = ["text", "email", "phone", "number", "count", "money", "bool", "date", "datetime"]
GOAL_CORE, GOAL_CLI = 2.0, 0.4


def generate(n: int, seed: int = 1) -> str:
    """A scheme with n statuses and 10n transitions; same n and seed, same text."""
    rnd = random.Random(seed * 100_003 + n)
    fields = BASE_FIELDS + [(f"field_{i}", rnd.choice(TYPES)) for i in range(max(0, n // 5 - 10))]
    names = [f"{WORDS[i % len(WORDS)]}_{i}" for i in range(n)]
    for k, (bare, _) in enumerate(UNICODE[: max(1, n // 20)]):
        names[1 + k * (n - 2) // 5] = f"{bare}_{k}"
    won, lost = names[-1], names[-2]  # won is locked: nothing leaves it
    open_ = names[:-1]

    def term() -> str:
        f, t = rnd.choice(fields)
        if t in ("number", "count", "money"):
            limit = rnd.choice([5000, 50000] if t == "money" else [1, 3, 10])
            return f"{f} {rnd.choice(['>=', '>', '<'])} {limit}"
        if t == "bool":
            return f"{f} = true"
        if t.startswith("choice"):
            return f"{f} in (budget, not_ready)"
        if t in ("date", "datetime") and rnd.random() < 0.5:
            return f"{f} > {rnd.randint(1, 90)} days"
        return f

    def other(s: str) -> str:  # a target that is not the status itself
        return rnd.choice([x for x in rnd.sample(open_, 2) if x != s])

    def cond() -> str:
        parts = [term() for _ in range(rnd.randint(1, 3))]
        if len(parts) == 3 and rnd.random() < 0.5:
            return f"{parts[0]} and ({parts[1]} or {parts[2]})"
        return " and ".join(parts)

    out = [f'scheme "Generated {n}" {{', '  version "1.0"', '  owner "Benchmark council"',
           "  review every 90 days", "  reviewed 2026-10-01", "}", "",
           "calendar business {", '  timezone "Europe/Warsaw"', "  open mon-fri 09:00-17:00",
           "  closed 2026-12-25, 2027-01-01", "}", ""]
    out += [f'field {f} {t} "Description of {f}"' if rnd.random() < 0.3 else f"field {f} {t}"
            for f, t in fields]
    out += ["", "stages {", '  MQL "Marketing Qualified Lead"', '  SAL "Sales Accepted Lead"',
            '  SQL "Sales Qualified Lead"', "  Opportunity reportable", "  Customer reportable",
            "}", ""]
    out += [f'team {t} "{t} team"' for t in TEAMS] + [f"role {r}" for r in ROLES] + [""]
    for i, s in enumerate(names):
        label = rnd.choice(UNICODE)[1] if i % 7 == 3 else s.replace("_", " ")
        out.append(f'status {s} "{label}" {{')
        if i == 0:
            out.append("  initial")
        if s == won:
            out += ["  outcome won", "  locked"]
        elif s == lost:
            out.append("  outcome lost")
        k = rnd.randrange(len(STAGES))
        out.append(f"  stages {', '.join(STAGES[k:k + rnd.randint(1, 2)])}")
        out.append(f'  means "The lead is in step {i} of the journey; see the playbook."')
        out.append(f'  use   "When the rep has finished step {i - 1} and logged it."')
        out.append(f"  requires {cond()}")
        out += ["  on enter {", f"    assign team {rnd.choice(TEAMS)} by round_robin",
                f'    task "Follow up on {s}" due 2 business hours', "  }"]
        if s != won:
            out.append(f"  sla {rnd.randint(1, 5)} business days escalate {rnd.choice(ROLES)}")
            if rnd.random() < 0.4:
                out.append(f"  after {rnd.randint(3, 30)} days -> {other(s)}")
            if rnd.random() < 0.4:
                out.append(f"  after {rnd.randint(1, 48)} hours notify owner, {rnd.choice(ROLES)}")
            if rnd.random() < 0.2:
                out.append(f"  when attempts >= 10 -> {other(s)}")
        out += ["}", ""]
    n_any = 3
    for k in range(10 * n - n_any):
        target = names[1:][k % (n - 1)]
        srcs = ", ".join(x for x in rnd.sample(open_, rnd.choice([2, 2, 2, 3, 4]))[1:]
                         if x != target) or names[0]
        line = f"transition {srcs} -> {target}"
        line += f"  on event_{rnd.randrange(n)} auto" if rnd.random() < 0.4 else "  manual"
        if rnd.random() < 0.3:
            line += f" requires {cond()}"
        if rnd.random() < 0.1:
            line += f" approve {rnd.choice(ROLES)} if deal_value >= 50000"
        out.append(line)
    for k in range(n_any):
        out.append(f"transition any -> {rnd.choice([lost, *open_[1:]])}  manual"
                   + ("  approve sales_manager if deal_value >= 50000" if k == 0 else ""))
    out += ["", f"when stage becomes SQL -> {names[min(3, n - 2)]}",
            f"when stage becomes Opportunity -> {won}", f"when stage returns to MQL -> {lost}",
            "", "expect {", f"  conversion {names[0]} -> {names[1]} 100%",
            f"  conversion {names[1]} -> {won} 30%..50%", f"  time_in {names[0]} < 4 hours",
            f"  time_in {names[1]} 3..7 days", f"  share {lost} <= 50%", "}", ""]
    return "\n".join(out)


def time_core(text: str, path: str, reps: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"parse": [], "resolve": [], "graph": [], "total": []}
    for _ in range(reps):
        t0 = time.perf_counter()
        scheme = parse_text(text, path)
        t1 = time.perf_counter()
        resolved = resolve_scheme(scheme)
        t2 = time.perf_counter()
        build_graph(resolved)
        t3 = time.perf_counter()
        for key, dt in zip(times, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
            times[key].append(dt)
    return times


def wall(cmd: list[str], reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    print("warm-up: one parse and one CLI run build the Lark cache (~/.cache/leadrules)")
    parse_text((ROOT / EXAMPLE).read_text("utf-8"), EXAMPLE)
    cli = [str(Path(sys.executable).parent / "leadrules"), "check", EXAMPLE]
    wall(cli, 1)

    print(f"\n{'N':>5} {'trans':>6} {'lines':>6} {'bytes':>8}  {'phase':<8}"
          f"{'best s':>9} {'median s':>9} {'µs/status':>10}")
    totals: dict[int, float] = {}
    for n, reps in ((10, 20), (100, 10), (1000, 5)):
        text = generate(n)
        path = f"<generated-{n}>"
        g = build_graph(resolve_scheme(parse_text(text, path)))  # asserts: raises on any error
        assert g.number_of_nodes() == n, g.number_of_nodes()
        n_trans = sum(line.startswith("transition ") for line in text.splitlines())
        assert n_trans == 10 * n
        times = time_core(text, path, reps)
        for phase, ts in times.items():
            best, med = min(ts), statistics.median(ts)
            head = (f"{n:>5} {n_trans:>6} {text.count(chr(10)):>6} {len(text.encode()):>8}"
                    if phase == "parse" else " " * 28)
            print(f"{head}  {phase:<8}{best:>9.4f} {med:>9.4f} {med / n * 1e6:>10.1f}")
        totals[n] = statistics.median(times["total"])
    print(f"\ngrowth per 10x statuses (median total): 10->100 x{totals[100] / totals[10]:.1f}, "
          f"100->1000 x{totals[1000] / totals[100]:.1f}  (10.0 = linear)")
    gc.disable()  # diagnostic only: how much of N=1000 is Python's cyclic garbage collector
    nogc = statistics.median(time_core(text, path, 3)["total"])
    gc.enable()
    print(f"N=1000 total with gc disabled: {nogc:.3f} s (cyclic GC ~{totals[1000] - nogc:.3f} s)")

    reps = 15
    c = wall(cli, reps)
    p = wall([sys.executable, "-c", "pass"], reps)
    cmin, cmed, pmin, pmed = min(c), statistics.median(c), min(p), statistics.median(p)
    print(f"\n{'process wall time, ' + str(reps) + ' runs':<44}{'min s':>8}{'median s':>10}")
    rows = ((f"leadrules check {EXAMPLE}", cmin, cmed, ".3f"),
            ('python -c "pass"', pmin, pmed, ".3f"),
            ("ratio check / bare interpreter", cmin / pmin, cmed / pmed, ".1f"))
    for label, lo, mid, fmt in rows:
        print(f"  {label:<42}{lo:>8{fmt}}{mid:>10{fmt}}")
    print("\ngoals (judged on the median)")
    for label, value, goal in (("N=1000 parse+resolve+graph", totals[1000], GOAL_CORE),
                               ("leadrules check on the example", cmed, GOAL_CLI)):
        print(f"  {label:<32} < {goal:<4} s  measured {value:.3f} s  "
              f"{'PASS' if value < goal else 'MISS'}")


if __name__ == "__main__":
    main()
