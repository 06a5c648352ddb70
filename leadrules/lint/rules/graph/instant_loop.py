"""Instant loop: automatic moves with no wait that can send a lead round in a circle.

**Why it matters.** Automation should move leads forward on behaviour and data (seed 000:
"reply received → Connected", "attempt limit → Nurture"). When automatic moves form a circle
and none of them waits, the CRM has no resting point: a data rule that fires "as soon as the
condition holds" sends the lead from A to B, the rule in B sends it straight back, and so on
while the data stays the same. Workflows spin, notifications and tasks pile up, and reports
show hundreds of status changes for one lead.

**Options.** None. Reported once per loop (a group of statuses joined in a circle), on the
first move of the circle shown:

- *Data loops*: a circle made only of data rules (`when COND -> STATUS`) and zero-length
  timers (`after 0 minutes -> …`), including a data rule that points back at its own status.
  Whether the conditions can all hold at once cannot be decided in general, so the loop is
  reported unless two of its moves clearly exclude each other (`f = a` / `f = b`,
  `x >= 10` / `x < 10`, `c` / `not c`, disjoint `in (…)` lists; the target's `requires` counts
  as part of a move's condition) and nothing on the loop (`set` on a move, `on enter { set … }`)
  changes the fields those conditions test.
- *Event loops*: two or more statuses that one and the same event moves round in a circle
  (`transition A -> B on reply auto` and `transition B -> A on reply auto`). One event then
  undoes its own move, or bounces the lead on, depending on the order the CRM applies the
  rules. The same exclusion by conditions (`requires`) applies.

Not reported: loops through a timer with a real delay (the wait breaks the circle), mixed
loops of different triggers (one event or stage change happens once, so the lead comes to
rest), an event move back into its own status (it re-enters once), and stage-sync moves (a
stage changes once; two rules for one stage change are `ambiguous-automation`'s).

**Fails**

```leads
field attempts count
field reply bool
status New {
  initial
}
status Attempting {
  when attempts >= 3 -> Nurture
}
status Nurture {
  when reply -> Attempting
}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> Attempting manual
transition Attempting -> Won manual
transition any -> Lost manual
```

**Passes**

```leads
field attempts count
field reply bool
status New {
  initial
}
status Attempting {
  when attempts >= 3 -> Nurture
}
status Nurture {
  after 30 days -> Attempting when reply
}
status Won {
  outcome won
}
status Lost {
  outcome lost
}
transition New -> Attempting manual
transition Attempting -> Won manual
transition any -> Lost manual
```
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import networkx as nx

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.graph._common import Move, entry_sets, guard, moves
from leadrules.lint.rules.graph._conditions import exclusive
from leadrules.model.common import condition_fields, condition_text

RULE = Rule("LR107", "instant-loop", Severity.WARNING, "graph",
            "Automatic moves with no wait form a circle: the CRM could spin the lead round")

CYCLES_PER_LOOP = 50  # cycles examined per loop before reporting it anyway
LONGEST_CHECKED = 40  # longer cycles are not searched for exclusive conditions (too costly)


def check(ctx: Context) -> Iterator[Problem]:
    families: dict[str | None, list[Move]] = {}
    for move in moves(ctx):
        if move.instant:
            families.setdefault(None, []).append(move)
        elif move.kind == "auto" and move.source != move.target:
            families.setdefault(move.trigger, []).append(move)
    order = {s.name: i for i, s in enumerate(ctx.statuses)}
    found: list[Problem] = []
    for event, family in families.items():
        # only a status that is both left and entered by this family can be on a circle
        sources = {m.source for m in family}
        targets = {m.target for m in family}
        edges: dict[tuple[str, str], list[Move]] = {}
        for move in family:
            if move.source in targets and move.target in sources:
                edges.setdefault((move.source, move.target), []).append(move)
        graph = nx.DiGraph(list(edges))
        for component in nx.strongly_connected_components(graph):
            first = min(component, key=order.__getitem__)
            if len(component) == 1 and not graph.has_edge(first, first):
                continue
            cycle = _spinning_cycle(ctx, graph.subgraph(component), edges, first)
            if cycle is not None:
                found.append(_problem(event, cycle, edges))
    found.sort(key=lambda p: (p.span.line, p.span.column))
    yield from found


def _spinning_cycle(ctx: Context, sub: nx.DiGraph, edges: dict[tuple[str, str], list[Move]],
                    first: str) -> list[str] | None:
    """A cycle of the loop (starting at `first` when it is on it) whose moves may all
    happen together, or None when every cycle has two moves that exclude each other."""
    cycles = itertools.islice(nx.simple_cycles(sub), CYCLES_PER_LOOP)
    examined = 0
    for cycle in cycles:
        examined += 1
        if _may_spin(ctx, cycle, edges):
            return _rotate(cycle, first)
    if examined < CYCLES_PER_LOOP:
        return None
    return _rotate(next(iter(nx.simple_cycles(sub))), first)


def _rotate(cycle: list[str], first: str) -> list[str]:
    if first in cycle:
        i = cycle.index(first)
        return cycle[i:] + cycle[:i]
    return cycle


def _steps(cycle: list[str], edges: dict[tuple[str, str], list[Move]]) -> list[list[Move]]:
    return [edges[(u, cycle[(i + 1) % len(cycle)])] for i, u in enumerate(cycle)]


def _may_spin(ctx: Context, cycle: list[str], edges: dict[tuple[str, str], list[Move]]) -> bool:
    if len(cycle) > LONGEST_CHECKED:
        return True
    steps = _steps(cycle, edges)
    guards = [[guard(ctx, m) for m in step] for step in steps]
    tested = {f.name for step in guards for g in step for f in condition_fields(g)}
    changed: set[str] = set()
    for name, step in zip(cycle, steps, strict=True):
        changed |= entry_sets(ctx.status(name))
        for move in step:
            changed |= move.sets
    if tested & changed:
        return True  # the loop changes what its conditions test: they may all hold in turn
    fields = ctx.scheme.field_map
    for a, b in itertools.combinations(guards, 2):
        if all(exclusive(x, y, fields) for x in a for y in b):
            return False
    return True


def _problem(event: str | None, cycle: list[str],
             edges: dict[tuple[str, str], list[Move]]) -> Problem:
    steps = _steps(cycle, edges)
    path = " → ".join(f"'{n}'" for n in [*cycle, cycle[0]])
    start = steps[0][0]
    if event is None:
        if len(cycle) == 1:
            move = steps[0][0]
            again = (f": while `{condition_text(move.condition)}` holds it fires again and "
                     "again" if move.condition else ", again and again")
            message = (f"a rule in '{cycle[0]}' moves leads back into '{cycle[0]}' itself "
                       f"with no wait{again}")
            help_ = "point the rule at another status, or drop it"
        else:
            conds = "; ".join(
                f"'{u}' → '{step[0].target}'"
                + (f" when {condition_text(step[0].condition)}" if step[0].condition else "")
                for u, step in zip(cycle, steps, strict=True))
            message = (f"data rules with no wait move leads round {path} ({conds}): if "
                       "these conditions hold together, the CRM moves the lead round and round")
            help_ = ("make the conditions exclude each other, or let one of the moves wait "
                     "(`after 1 day -> … when …`)")
    else:
        message = (f"the event '{event}' moves leads round {path}: one event can undo its "
                   "own move or bounce the lead on, depending on the order the CRM applies "
                   "the rules")
        help_ = ("use a different event for the move back, make it manual, or add "
                 "`requires` conditions that exclude each other")
    subject = (event or "data") + ":" + ",".join(sorted(cycle))
    return Problem(start.span, message, help=help_, subject=subject)
