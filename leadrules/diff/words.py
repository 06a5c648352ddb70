"""Scheme pieces written back as short text, for comparing them and for saying what changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from leadrules.lint.rules.graph._common import written
from leadrules.model.common import All, Condition, Range, condition_text
from leadrules.model.scheme import (
    Action,
    Alert,
    Assign,
    Assignment,
    DoAction,
    Sequence,
    Task,
)

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def action_text(action: Action) -> str:
    """An `on enter`/`on exit` action as the line that declares it."""
    if isinstance(action, Assign):
        how = f" by {action.strategy}" if action.strategy else ""
        other = " different_owner" if action.different_owner else ""
        return f"assign team {action.team.name}{how}{other}"
    if isinstance(action, Task):
        due = f" due {action.due}" if action.due else ""
        return f'task "{action.text}"{due}'
    if isinstance(action, Alert):
        return alert_text(action)
    if isinstance(action, Sequence):
        verb = "start" if action.start else "stop"
        return f'{verb} sequence {"all" if action.name is None else repr(action.name)}'
    if isinstance(action, Assignment):
        return f"set {action.field.name} = {action.value}"
    assert isinstance(action, DoAction)
    return f"do {action.name}"


def alert_text(alert: Alert) -> str:
    return f"{alert.kind} {', '.join(r.name for r in alert.recipients)}"


def conjuncts(cond: Condition | None) -> frozenset[str]:
    """A condition as the set of its `and`-ed parts (so reordering is not a change)."""
    if cond is None:
        return frozenset()
    if isinstance(cond, All):
        return frozenset().union(*(conjuncts(c) for c in cond.operands))
    return frozenset({condition_text(cond)})


def cond_text(cond: Condition | None) -> str:
    return condition_text(cond) if cond is not None else "nothing"


def range_text(r: Range) -> str:
    """An `expect` range as written: `30%..50%`, `< 4 hours`, `>= 5%`, `100%`."""
    return str(r)


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def days_text(days: tuple[int, ...]) -> str:
    """Weekday numbers as `mon-fri`, `mon,wed,fri`."""
    out: list[str] = []
    run: list[int] = []
    for d in sorted(days):
        if run and d == run[-1] + 1:
            run.append(d)
            continue
        if run:
            out.append(_run(run))
        run = [d]
    if run:
        out.append(_run(run))
    return ",".join(out)


def _run(run: list[int]) -> str:
    if len(run) == 1:
        return DAYS[run[0]]
    return f"{DAYS[run[0]]}-{DAYS[run[-1]]}"


def plural(n: int, noun: str, many: str | None = None) -> str:
    return f"{n} {noun if n == 1 else many or noun + 's'}"


def migrate_line(sources: Iterable[str], target: str) -> str:
    """`migrate A, "Old one" -> B` as it must be written in a scheme (names quoted where a bare
    word would not parse), so a suggested line can be pasted as is."""
    return f"migrate {', '.join(written(s) for s in sources)} -> {written(target)}"


def names(items: list[str] | tuple[str, ...]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def line_note(c: Any) -> str:
    """Where a change is, in the old and the new file: `(line 76 → 76)`."""
    if c.old_line is not None and c.new_line is not None:
        return f"(line {c.old_line} → {c.new_line})"
    if c.new_line is not None:
        return f"(line {c.new_line})"
    if c.old_line is not None:
        return f"(old line {c.old_line})"
    return ""
