"""How fast a scheme becomes DOT text, and a larger diagram to look at.

    .venv/bin/python benchmarks/bench_render.py            time render_dot on 1,000 statuses
    .venv/bin/python benchmarks/bench_render.py --png DIR  also draw the 30-status scheme
                                                           (and its DOT) into DIR

1. The same generated schemes as bench_core.py (10, 100 and 1,000 statuses with ten times as
   many transitions): `render_dot` is timed on each (best and median of several runs, graph
   building included), with and without lint findings to mark. Goal: 1,000 statuses under 2 s.
2. `readable(30)`: a generated scheme shaped like a real one — 30 statuses over five stages,
   two or three moves out of each (mostly forward, some back, timers, data rules, `any`,
   stage sync, approvals) — to check that a larger diagram stays legible. Its DOT is also
   written by the tests (tests/test_render_dot.py), which check its structure.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_core import generate

from leadrules import parse_text
from leadrules.lint import lint
from leadrules.render import render_dot
from leadrules.resolve import resolve_scheme

GOAL_SECONDS = 2.0
STAGES = [("MQL", "Marketing Qualified Lead"), ("SAL", "Sales Accepted Lead"),
          ("SQL", "Sales Qualified Lead"), ("Opportunity", "Opportunity"),
          ("Customer", "Customer")]
WORDS = ["Review", "Contact", "Discovery", "Demo", "Trial", "Proposal", "Negotiation",
         "Legal", "Onboarding", "Nurture"]
EVENTS = ["reply_received", "meeting_held", "form_submitted", "demo_booked", "trial_started",
          "proposal_sent", "contract_signed", "invoice_paid"]


def readable(n: int = 30, seed: int = 7) -> str:
    """A scheme of n statuses shaped like a real one (see the module's docstring)."""
    rnd = random.Random(seed * 1_000 + n)
    per = max(1, (n - 2) // len(STAGES))
    names = [f"{WORDS[i % len(WORDS)]} {i + 1}" for i in range(n - 2)] + ["Won", "Lost"]
    stage_of = {s: STAGES[min(i // per, len(STAGES) - 1)][0] for i, s in enumerate(names[:-2])}
    out = [f'scheme "Generated readable {n}" {{ version "1.0" }}',
           'calendar business { timezone "Europe/Warsaw"; open mon-fri 09:00-17:00 }',
           "field attempts count", "field deal_value money", "field score number",
           "field lost_reason choice(budget, timing, competitor, other)",
           "role sales_manager", "stages {"]
    out += [f'  {name} "{label}"' + (" reportable" if i >= 3 else "")
            for i, (name, label) in enumerate(STAGES)]
    out.append("}")
    for i, s in enumerate(names[:-2]):
        body = [f"stages {stage_of[s]}"]
        if i == 0:
            body.append("initial")
        if rnd.random() < 0.5:
            body.append(f"sla {rnd.randint(1, 5)} business days escalate sales_manager")
        if rnd.random() < 0.3:
            body.append(f"after {rnd.choice([7, 14, 30])} days without activity notify owner")
        if rnd.random() < 0.25 and i + 2 < n - 2:
            body.append(f'after {rnd.choice([14, 30, 60])} days without activity -> "{names[-1]}"'
                        " set lost_reason = timing")
        if rnd.random() < 0.15:
            body.append(f'when score >= {rnd.choice([50, 80])} -> "{names[min(i + 2, n - 3)]}"')
        out.append(f'status "{s}" {{ ' + "; ".join(body) + " }")
    out += ['status Won { outcome won; locked; stages Customer; requires deal_value }',
            "status Lost { outcome lost; requires lost_reason }"]
    for i, s in enumerate(names[:-2]):
        forward = names[i + 1] if i + 1 < n - 2 else "Won"
        kind = f"on {rnd.choice(EVENTS)} auto" if rnd.random() < 0.5 else "manual"
        out.append(f'transition "{s}" -> "{forward}" {kind}')
        if rnd.random() < 0.35 and i + 3 < n - 2:
            out.append(f'transition "{s}" -> "{names[i + rnd.randint(2, 3)]}" manual')
        if rnd.random() < 0.2 and i > 2:
            out.append(f'transition "{s}" -> "{names[i - rnd.randint(1, 3)]}" manual')
    out += ['transition any -> Lost manual approve sales_manager if deal_value >= 50000',
            f'when stage becomes SQL -> "{names[2 * per]}"',
            "when stage becomes Customer -> Won"]
    return "\n".join(out) + "\n"


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--png", metavar="DIR", help="draw the 30-status scheme into DIR")
    args = parser.parse_args()
    print(f"{'N':>5}  {'trans':>6}  {'DOT bytes':>10}  {'best s':>8}  {'median s':>8}  "
          f"{'with lint':>9}")
    medians = {}
    for n, repeat in ((10, 10), (100, 5), (1000, 5)):
        text = generate(n)
        scheme = resolve_scheme(parse_text(text, f"gen{n}.leads"))
        findings = lint(scheme, source=text).findings
        size = len(render_dot(scheme).encode("utf-8"))
        times = timed(lambda s=scheme: render_dot(s), repeat)
        linted = timed(lambda s=scheme, f=findings: render_dot(s, findings=f), repeat)
        medians[n] = statistics.median(times)
        print(f"{n:>5}  {len(scheme.transitions):>6}  {size:>10}  {min(times):>8.3f}  "
              f"{medians[n]:>8.3f}  {statistics.median(linted):>9.3f}")
    verdict = "PASS" if medians[1000] < GOAL_SECONDS else "MISS"
    print(f"\ngoal: render_dot for 1,000 statuses < {GOAL_SECONDS:.1f} s  "
          f"measured {medians[1000]:.3f} s  {verdict}")
    if args.png:
        folder = Path(args.png)
        folder.mkdir(parents=True, exist_ok=True)
        scheme = resolve_scheme(parse_text(readable(30), "readable30.leads"))
        dot_text = render_dot(scheme)
        (folder / "readable30.dot").write_text(dot_text, encoding="utf-8")
        subprocess.run(["dot", "-Tpng", "-o", str(folder / "readable30.png")],
                       input=dot_text.encode("utf-8"), check=True)
        print(f"wrote {folder / 'readable30.png'}")


if __name__ == "__main__":
    main()
