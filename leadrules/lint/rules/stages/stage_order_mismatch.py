"""Stage order mismatch: a status allowed in a stage that contradicts its place in the process.

**Why it matters.** Seed 000: the CRM must validate status/stage combinations — "an MQL-stage
lead cannot be *Converted* (converted means the Opportunity stage)" and "an SQL-stage lead with
status *New* is a configuration error". Stages only move forward (seeds 000, 001), so the
`stages` line of the status where leads start and of a won outcome must agree with the order of
the journey; when they do not, reports by stage show leads where they cannot be.

**Options.** None. Only statuses with a `stages` line are compared (a status without one may be
in any stage and says nothing about order). Three things are reported, each on the status:

- *Leads start too late*: the earliest stage of the `initial` status comes after a stage in
  which some other status (not an outcome) is allowed, and no `when stage returns to` rule
  brings a lead back that far. Leads are created in the initial status and stages only move
  forward, so that earlier stage can never be reached.
- *The start is ahead of what follows*: the `initial` status is allowed in a stage later than
  the earliest stage of every status it moves to next (by a transition, timer or data rule;
  outcome statuses, statuses without a `stages` line, and moves that go back — into a status
  named by a `when stage returns to` rule, or wholly into earlier stages — are left out). A lead
  that has only just arrived is further along the journey than the work that comes after it
  (SQL with "New").
- *Won too early*: an `outcome won` status is allowed in a stage earlier than every way into it
  can bring a lead: a move from a status allowed from stage X on brings a lead there no earlier
  than X, and `when stage becomes S` / `returns to S` brings it there in S. An MQL-stage lead
  that is "Converted" is the seed's own example.

**Fails**

```leads
stages {
  MQL
  SQL
  Opportunity
}
status New {
  initial
  stages MQL
}
status Qualified {
  stages SQL
}
status Converted {
  outcome won
  locked
  stages MQL, Opportunity
}
transition New -> Qualified manual
transition Qualified -> Converted on opportunity_created auto
```

**Passes**

```leads
stages {
  MQL
  SQL
  Opportunity
}
status New {
  initial
  stages MQL
}
status Qualified {
  stages SQL
}
status Converted {
  outcome won
  locked
  stages Opportunity
}
transition New -> Qualified manual
transition Qualified -> Converted on opportunity_created auto
```
"""

from __future__ import annotations

from collections.abc import Iterator

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.lint.rules.stages._common import listing, named_stages, returns_to, stage_names
from leadrules.model.scheme import Status

RULE = Rule("LR501", "stage-order-mismatch", Severity.WARNING, "stages",
            "A status allowed in a stage that contradicts its place in the process")

FORWARD_MOVES = ("manual", "auto", "timer", "data")


def check(ctx: Context) -> Iterator[Problem]:
    if not ctx.scheme.stages:
        return
    yield from _late_start(ctx)
    for status in ctx.statuses:
        if status.initial:
            yield from _start_ahead(ctx, status)
        if status.outcome == "won":
            yield from _won_too_early(ctx, status)


def _late_start(ctx: Context) -> Iterator[Problem]:
    """Stages before the earliest stage of every initial status that other statuses use."""
    initial = [s for s in ctx.statuses if s.initial]
    starts = [named_stages(ctx, s) for s in initial]
    if not initial or any(not s for s in starts):
        return
    first = min(s[0] for s in starts)
    back = [ctx.stage_index[sync.stage.name] for sync in ctx.scheme.syncs
            if sync.kind == "returns" and sync.stage.name in ctx.stage_index]
    limit = min([first, *back])
    early: dict[int, list[str]] = {}
    for status in ctx.statuses:
        if status.initial or status.outcome:
            continue
        for i in named_stages(ctx, status):
            if i < limit:
                early.setdefault(i, []).append(status.name)
    if not early:
        return
    order = ctx.scheme.stage_order
    uses = "; ".join(listing(f"'{n}'" for n in names) + f" in {order[i]}"
                     for i, names in sorted(early.items()))
    for status in initial:
        yield Problem(
            status.span,
            f"leads start in '{status.name}', allowed only from stage {order[first]} on, yet "
            f"other statuses are allowed in earlier stages ({uses}); stages only move forward "
            "and no `when stage returns to` rule goes back there, so no lead can reach them",
            help=f"add the earlier stages to the `stages` line of '{status.name}', or take them "
            "off the other statuses", subject=f"start:{status.name}")


def _start_ahead(ctx: Context, status: Status) -> Iterator[Problem]:
    """The initial status allowed later than where everything after it begins."""
    own = named_stages(ctx, status)
    if not own:
        return
    back = returns_to(ctx)
    firsts: dict[str, int] = {}
    for move in ctx.moves_out(status.name, FORWARD_MOVES):
        target = ctx.status(move["target"])
        stages = named_stages(ctx, target)
        # moves that go back on purpose (or wholly back: backward-stage-move) are not "next"
        if (target.name != status.name and not target.outcome and stages
                and target.name not in back and stages[-1] >= own[0]):
            firsts[target.name] = stages[0]
    if not firsts:
        return
    ceiling = max(firsts.values())
    late = [i for i in own if i > ceiling]
    if not late:
        return
    order = ctx.scheme.stage_order
    nexts = ", ".join(f"'{n}' from {order[i]}" for n, i in sorted(firsts.items()))
    yield Problem(
        status.span,
        f"'{status.name}' is where leads start, yet it is allowed in {stage_names(ctx, late)}, "
        f"later than where every status after it begins ({nexts}): a lead that has only just "
        "arrived would be further along the journey than the work that follows (seed 000: an "
        "SQL-stage lead with status New is a configuration error)",
        help=f"take {stage_names(ctx, late)} off the `stages` line of '{status.name}'",
        subject=f"ahead:{status.name}")


def _won_too_early(ctx: Context, status: Status) -> Iterator[Problem]:
    """A won outcome allowed in a stage before every way into it."""
    own = named_stages(ctx, status)
    if not own or status.initial:
        return
    entries: list[tuple[int, str]] = []
    for move in ctx.moves_in(status.name, FORWARD_MOVES):
        if move["source"] == status.name:
            continue
        stages = named_stages(ctx, ctx.status(move["source"]))
        entries.append((stages[0] if stages else 0, f"from '{move['source']}'"))
    for sync in ctx.scheme.syncs:
        if sync.status.name == status.name and sync.stage.name in ctx.stage_index:
            words = "becomes" if sync.kind == "becomes" else "returns to"
            entries.append((ctx.stage_index[sync.stage.name],
                            f"when the stage {words} {sync.stage.name}"))
    if not entries:
        return
    floor = min(i for i, _ in entries)
    early = [i for i in own if i < floor]
    if not early:
        return
    order = ctx.scheme.stage_order
    ways = listing(sorted({f"{how} ({order[i]} at the earliest)" if how.startswith("from")
                           else how for i, how in entries}))
    yield Problem(
        status.span,
        f"'{status.name}' (outcome won) is allowed in {stage_names(ctx, early)}, but a lead "
        f"only gets there {ways}; stages only move forward, so a won lead in "
        f"{stage_names(ctx, early)} cannot happen (seed 000: an MQL-stage lead cannot be "
        "Converted)",
        help=f"take {stage_names(ctx, early)} off the `stages` line of '{status.name}'",
        subject=f"won:{status.name}")
