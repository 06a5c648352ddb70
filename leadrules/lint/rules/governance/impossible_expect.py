"""Impossible expectation: an `expect` line no funnel can ever meet, or one that measures nothing.

**Why it matters.** The `expect` block is the council's definition of a healthy funnel, checked
against simulations and real history (seed 000's analytics: New → Attempting 100%, Attempting →
Connected 30–50%, unqualified under 50%…). A range that cannot be met fails every run and
teaches the team to ignore the check; one that measures nothing passes every run and hides the
number the council meant to watch. Either way the line does not do its job.

**Options.** None. Resolution already rejects a percentage above 100% and a range whose low
end is above its high end (E222); this rule reports what needs the scheme to see:

- an empty range: `> 100%`, `< 0%`, `< 0 days` (error);
- `share` minimums of outcome statuses adding up to more than 100%: shares of the leads that
  reached an outcome cannot add up to more than all of them (error);
- `share` of a status that is not an outcome: share is measured over outcome statuses only
  (warning);
- `conversion A -> B` where no move leads from A to B, directly or step by step: its rate is
  always 0%, so a minimum above 0 cannot be met (error; nothing is reported when the range
  allows 0%);
- `conversion A -> A`: the share of leads that come back to A; an error when A can never come
  back to itself and the range needs more than 0%, otherwise a warning (usually a typo);
- `conversion` from one status into outcome statuses that exclude each other (neither can lead
  to the other, so a lead reaches at most one) with minimums adding up to more than 100%
  (error);
- `time_in` a status nothing can leave (`locked`, or without any move out): a lead stays for
  ever, so an upper bound cannot be met (error) and a lower bound says nothing (warning).

**Fails**

```leads
status New {
  initial
}
status Won {
  outcome won
  locked
}
status Lost {
  outcome lost
}
transition New -> Won manual
transition New -> Lost manual
expect {
  conversion New -> Won >= 60%
  conversion New -> Lost >= 50%
  time_in Won < 30 days
}
```

**Passes**

```leads
status New {
  initial
}
status Won {
  outcome won
  locked
}
status Lost {
  outcome lost
}
transition New -> Won manual
transition New -> Lost manual
expect {
  conversion New -> Won >= 50%
  conversion New -> Lost >= 30%
  time_in New < 4 hours
}
```
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import networkx as nx

from leadrules.errors import Severity
from leadrules.lint.context import Context
from leadrules.lint.rule import Problem, Rule
from leadrules.model.common import Range
from leadrules.model.scheme import Expectation

RULE = Rule("LR602", "impossible-expect", Severity.ERROR, "governance",
            "An `expect` range that no funnel can meet, or that measures nothing")

MAX_EXCLUSIVE = 10  # outcome targets compared at once from one status (lines are few)


def check(ctx: Context) -> Iterator[Problem]:
    reach = _Reach(ctx)
    by_source: dict[str, list[Expectation]] = {}
    shares: list[Expectation] = []
    for e in ctx.scheme.expects:
        if e.status.name not in ctx.scheme.status_map:
            continue
        empty = _empty(e.range)
        if empty:
            yield Problem(e.span, f"the range `{_text(e.range)}` is empty: {empty}",
                          help="write a range some value can fall in", subject=_subject(e))
            continue
        if e.kind == "share":
            yield from _share(ctx, e, shares)
        elif e.kind == "time_in":
            yield from _time_in(ctx, e)
        elif e.target is not None and e.target.name in ctx.scheme.status_map:
            if e.target.name == e.status.name:
                yield _self_conversion(reach, e)
            elif e.target.name not in reach(e.status.name) and _min(e.range)[0] is not None:
                yield Problem(e.span, f"no move leads from '{e.status.name}' to "
                              f"'{e.target.name}', directly or step by step, so this "
                              f"conversion is always 0% and `{_text(e.range)}` cannot be met",
                              help="check the statuses named, or add the transition the "
                              "council expects", subject=_subject(e))
            else:
                by_source.setdefault(e.status.name, []).append(e)
    yield from _share_sum(shares)
    for lines in by_source.values():
        yield from _exclusive_outcomes(ctx, reach, lines)


class _Reach:
    """Statuses reachable from a status by one or more moves, computed once per status."""

    def __init__(self, ctx: Context) -> None:
        self.graph = ctx.graph
        self.cache: dict[str, frozenset[str]] = {}

    def __call__(self, name: str) -> frozenset[str]:
        if name not in self.cache:
            self.cache[name] = frozenset(nx.descendants(self.graph, name))
        return self.cache[name]

    def comes_back(self, name: str) -> bool:
        """Whether a lead that leaves `name` can come back to it."""
        after = self(name)
        return any(p == name or p in after for p in self.graph.predecessors(name))


def _text(r: Range) -> str:
    if r.low is not None and r.low is r.high:
        return str(r.low)
    if r.low is not None and r.high is not None:
        return f"{r.low}..{r.high}"
    if r.low is not None:
        return f"{'>=' if r.low_inclusive else '>'} {r.low}"
    return f"{'<=' if r.high_inclusive else '<'} {r.high}"


def _subject(e: Expectation) -> str:
    target = f" -> {e.target.name}" if e.target is not None else ""
    return f"{e.kind} {e.status.name}{target}"


def _empty(r: Range) -> str | None:
    """Why nothing can be in the range (`> 100%`, `< 0%`, `< 0 days`), or None."""
    if r.low is not None and not r.low_inclusive and r.low.kind == "percent" \
            and r.low.value >= 100:
        return "no share is above 100%"
    if r.high is not None and not r.high_inclusive and r.high.value <= 0:
        return "nothing is below 0"
    return None


def _min(r: Range) -> tuple[float | None, bool]:
    """The least percentage a range needs, when it needs more than 0%, and whether that
    bound is strict (`> 20%`)."""
    if r.low is None:
        return None, False
    value = float(r.low.value)
    strict = not r.low_inclusive
    return (value, strict) if value > 0 or strict else (None, False)


def _over_100(bounds: list[tuple[float, bool]]) -> bool:
    total = sum(v for v, _ in bounds)
    return total > 100 or (total == 100 and any(strict for _, strict in bounds))


def _share(ctx: Context, e: Expectation, shares: list[Expectation]) -> Iterator[Problem]:
    status = ctx.status(e.status.name)
    if status.outcome:
        shares.append(e)
        return
    yield Problem(e.span, f"'{status.name}' is not an outcome status, and `share` is measured "
                  "over the leads that reached an outcome: this line does not measure "
                  f"'{status.name}'", help=f"use `conversion` or `time_in` for "
                  f"'{status.name}', or mark it `outcome won` / `outcome lost` if leads end "
                  "there", subject=_subject(e), severity=Severity.WARNING)


def _share_sum(shares: list[Expectation]) -> Iterator[Problem]:
    least: dict[str, tuple[float, bool, Expectation]] = {}
    for e in shares:
        value, strict = _min(e.range)
        if value is not None and (e.status.name not in least
                                  or value > least[e.status.name][0]):
            least[e.status.name] = (value, strict, e)
    bounds = [(v, s) for v, s, _ in least.values()]
    if len(least) < 2 or not _over_100(bounds):
        return
    lines = [e for _, _, e in least.values()]
    parts = " + ".join(f"{_text(e.range)} '{e.status.name}'" for e in lines)
    yield Problem(lines[-1].span, f"the `share` minimums add up to more than 100% ({parts}): "
                  "the outcome shares of the same leads cannot add up to more than all of them",
                  help="lower the minimums so that together they leave room for each other",
                  subject="share " + ", ".join(sorted(least)))


def _self_conversion(reach: _Reach, e: Expectation) -> Problem:
    name = e.status.name
    if reach.comes_back(name):
        return Problem(e.span, f"`conversion {name} -> {name}` measures how many leads come "
                       f"back to '{name}', not how many move on; usually one of the names is "
                       "a typo", help="name the status the council expects leads to reach",
                       subject=_subject(e), severity=Severity.WARNING)
    if _min(e.range)[0] is not None:
        return Problem(e.span, f"`conversion {name} -> {name}`: no move brings a lead back to "
                       f"'{name}', so this is always 0% and `{_text(e.range)}` cannot be met",
                       help="name the status the council expects leads to reach",
                       subject=_subject(e))
    return Problem(e.span, f"`conversion {name} -> {name}` names the same status twice and is "
                   "always 0% (no move brings a lead back); usually one name is a typo",
                   help="name the status the council expects leads to reach",
                   subject=_subject(e), severity=Severity.WARNING)


def _time_in(ctx: Context, e: Expectation) -> Iterator[Problem]:
    status = ctx.status(e.status.name)
    leaves = any(v != status.name for _, v in ctx.graph.out_edges(status.name))
    if leaves and not status.locked:
        return
    why = "is locked" if status.locked else "has no move out"
    upper = e.range.high is not None
    yield Problem(e.span, f"'{status.name}' {why}: a lead that gets there stays for ever, so "
                  + (f"its time in status grows without end and `{_text(e.range)}` cannot be "
                     "met" if upper else "a time in it says nothing about the funnel"),
                  help="measure the time in the statuses before it, or `share` of the "
                  "outcome", subject=_subject(e),
                  severity=None if upper else Severity.WARNING)


def _exclusive_outcomes(ctx: Context, reach: _Reach,
                        lines: list[Expectation]) -> Iterator[Problem]:
    """Conversions from one status into outcomes a lead cannot both reach."""
    least: dict[str, tuple[float, bool, Expectation]] = {}
    for e in lines:
        assert e.target is not None
        value, strict = _min(e.range)
        if value is None or not ctx.status(e.target.name).outcome:
            continue
        if e.target.name not in least or value > least[e.target.name][0]:
            least[e.target.name] = (value, strict, e)
    names = sorted(least, key=lambda n: -least[n][0])[:MAX_EXCLUSIVE]
    best: tuple[str, ...] = ()
    for size in range(len(names), 1, -1):
        for group in itertools.combinations(names, size):
            if all(b not in reach(a) and a not in reach(b)
                   for a, b in itertools.combinations(group, 2)) \
                    and _over_100([least[n][:2] for n in group]):
                best = group
                break
        if best:
            break
    if not best:
        return
    source = lines[0].status.name
    found = sorted((least[n][2] for n in best), key=lambda e: e.span)
    parts = " + ".join(f"{_text(e.range)} to '{e.target.name}'" for e in found
                       if e.target is not None)
    yield Problem(found[-1].span, f"of the leads that enter '{source}', the conversions need "
                  f"{parts}, more than 100% together, but a lead reaches at most one of these "
                  "outcomes (neither leads to the other)", help="lower the minimums so that "
                  "together they stay within 100%",
                  subject=f"conversion {source} -> " + ", ".join(sorted(best)))
