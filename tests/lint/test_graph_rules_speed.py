"""The graph rules stay fast on a large scheme (all rules together get 3 s for 1,000 statuses;
the graph group must take a small part of that)."""

import time

from leadrules import load_text
from leadrules.graph import build_graph
from leadrules.lint import all_rules
from leadrules.lint.context import Context

N = 1000


def big_scheme() -> str:
    """1,000 statuses with every kind of move: chains, loops, events, timers, data rules,
    `any`, two-way stage sync, duplicates and overlapping automation."""
    out = ["calendar business { timezone \"UTC\"\n open mon-fri 09:00-17:00 }",
           "field n count\nfield p choice(A, B, C)\nfield reply bool",
           "stages { S0\n S1\n S2\n S3 }", "status S0 { initial }"]
    for i in range(1, N):
        body = [f"stages S{i % 4}", f"requires n >= {i % 5}"]
        if i % 3 == 0:
            body.append(f"when n >= {i % 7} -> S{(i + 1) % N}")
        if i % 5 == 0:
            body.append(f"after {i % 3} business hours -> S{(i * 7) % N}")
        if i % 11 == 0:
            body.append(f"when p = C -> S{i - 1}")
        out.append(f"status S{i} {{\n " + "\n ".join(body) + "\n}")
    out.append("status Won { outcome won; locked }\nstatus Lost { outcome lost }")
    for i in range(N - 1):
        out.append(f"transition S{i} -> S{i + 1} manual")
        out.append(f"transition S{i} -> S{(i * 13) % N} on e{i % 17} auto")
    out += ["transition any -> Lost manual", "transition S5 -> Lost manual",
            "transition S999 -> Won manual", "when stage becomes S2 -> S2",
            "when stage becomes S3 -> S3", "when stage returns to S1 -> S1"]
    return "\n".join(out) + "\n"


def test_graph_rules_on_a_thousand_statuses():
    """Every graph rule together lints 1,000 statuses in well under a second."""
    scheme = load_text(big_scheme(), "big.leads")
    ctx = Context(scheme, build_graph(scheme))
    ctx.reachable, ctx.reaches_outcome  # noqa: B018 - shared facts, computed by the engine once
    rules = [m for m in all_rules() if m.rule.group == "graph"]
    started = time.perf_counter()
    found = 0
    for module in rules:
        ctx.options = {name: opt.default for name, opt in module.rule.options.items()}
        found += sum(1 for _ in module.check(ctx))
    elapsed = time.perf_counter() - started
    assert found > 0
    assert elapsed < 1.0, f"graph rules took {elapsed:.2f} s"
