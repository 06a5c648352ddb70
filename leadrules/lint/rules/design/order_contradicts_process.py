"""Order contradicts process: statuses declared in another order than leads go through them.

**Why it matters.** The status scale should show at a glance who is just starting and who is
close to a decision (seed 003): «Новый», «В обработке», «Предложение», «Дожатие», then the
outcomes. The order in which statuses are written is the order of that scale — in the file the
council reviews, in the generated guide and in the picker reps choose from. When a status that
every lead reaches only through another one is listed before it, the scale reads backwards.

**Options.** None. Two things are reported:
- the `initial` status is not declared first: every lead starts there, so it heads the scale;
- a status D is declared after statuses that every lead reaches only through D. "Through D"
  means that every path of moves from the initial status to them passes D (moves of every
  kind count: manual, automatic, timers, data rules, stage changes, `any`). The finding is on
  D, the status to move up, and names the statuses declared too early.

Side statuses that leads can reach along other paths (Nurture, reached from several working
statuses; Recycled; lost outcomes reachable from anywhere) may be declared anywhere after the
initial status.

**Fails**

```leads
status New {
  initial
  means "Just arrived."
}
status Proposal {
  means "We prepare and send an offer."
}
status "In processing" {
  means "We find out contacts and needs."
}
transition New -> "In processing" manual
transition "In processing" -> Proposal manual
```

**Passes**

```leads
status New {
  initial
  means "Just arrived."
}
status "In processing" {
  means "We find out contacts and needs."
}
status Proposal {
  means "We prepare and send an offer."
}
transition New -> "In processing" manual
transition "In processing" -> Proposal manual
```
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.design._text import quoted

RULE = Rule("LR206", "order-contradicts-process", Severity.WARNING, "design",
            "Statuses are declared in another order than leads go through them")


def check(ctx: Context) -> Iterator[Problem]:
    if len(ctx.initial) != 1:
        return  # single-initial speaks
    root = ctx.initial[0]
    order = {s.name: i for i, s in enumerate(ctx.statuses)}
    before = [s.name for s in ctx.statuses[:order[root]]]
    if before:
        yield Problem(ctx.span_of(root), f"'{root}' is where every lead starts, yet "
                      f"{quoted(before)} {'is' if len(before) == 1 else 'are'} declared before "
                      "it", help=f"declare '{root}' first, then the statuses in the order "
                      "leads go through them", subject=root)
    graph = nx.DiGraph()
    graph.add_nodes_from(order)
    graph.add_edges_from((u, v) for u, v in ctx.graph.edges() if u != v)
    idom = nx.immediate_dominators(graph, root)
    children: dict[str, list[str]] = {}
    for node, parent in idom.items():
        if node != root:
            children.setdefault(parent, []).append(node)
    # latest[v]: of the statuses (other than the initial one) every lead passes on its way
    # to v, the one declared last; computed down the dominator tree in one pass.
    latest: dict[str, str | None] = {root: None}
    early: dict[str, list[str]] = {}
    stack = [root]
    while stack:
        parent = stack.pop()
        for node in children.get(parent, ()):
            best = latest[parent]
            if parent != root and (best is None or order[parent] > order[best]):
                best = parent
            latest[node] = best
            if best is not None and order[best] > order[node]:
                early.setdefault(best, []).append(node)
            stack.append(node)
    for late in sorted(early, key=order.__getitem__):
        names = sorted(early[late], key=order.__getitem__)
        yield Problem(ctx.span_of(late), f"'{late}' is declared after {quoted(names)}, yet "
                      f"every lead reaches {'it' if len(names) == 1 else 'them'} only through "
                      f"'{late}'", help=f"move '{late}' above '{names[0]}', so the list shows "
                      "who is just starting and who is close to a decision", subject=late)
