"""Helpers shared by the stage rules: a status's own `stages` line, stage names for messages."""

from __future__ import annotations

from collections.abc import Iterable

from leadrules.lint.context import Context
from leadrules.model.scheme import Status


def named_stages(ctx: Context, status: Status) -> list[int]:
    """Indexes of the stages a status's `stages` line names, in journey order; empty when the
    status has no `stages` line (it may then be in any stage, and says nothing about order)."""
    index = ctx.stage_index
    return sorted({index[r.name] for r in status.stages if r.name in index})


def stage_names(ctx: Context, indexes: Iterable[int]) -> str:
    """Stage names for a message, in journey order: `MQL, SAL`."""
    order = ctx.scheme.stage_order
    return ", ".join(order[i] for i in sorted(set(indexes)))


def returns_to(ctx: Context) -> dict[str, list[str]]:
    """Status name → the stages of the `when stage returns to S -> STATUS` rules naming it."""
    out: dict[str, list[str]] = {}
    for sync in ctx.scheme.syncs:
        if sync.kind == "returns":
            out.setdefault(sync.status.name, []).append(sync.stage.name)
    return out


def written(name: str) -> str:
    """A name as it must be written in a scheme: bare when it can be, else quoted."""
    if name.isidentifier():
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def listing(items: Iterable[str], limit: int = 5) -> str:
    """Items for a message, the first `limit` of them and how many more: `'A', 'B' and 3 more`."""
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} and {len(items) - limit} more"
