"""Helpers shared by the data rules: what a condition guarantees, and name lexicons."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from leadrules.model.common import (
    All,
    AnyOf,
    Compare,
    Condition,
    Filled,
    Member,
    Not,
    Value,
)

# Comparisons that can only hold when the field has a value. `!=` and `not in` are left out:
# an empty field is also "different from `other`".
FILLING_OPS = frozenset({"=", "<", "<=", ">", ">="})


def fills(cond: Condition) -> bool:
    """Whether an atom of a condition can only hold when its field is filled in."""
    if isinstance(cond, Filled):
        return True
    if isinstance(cond, Compare):
        return cond.op in FILLING_OPS
    if isinstance(cond, Member):
        return not cond.negated
    return False


def guarantees(cond: Condition | None, wanted: Callable[[str], bool]) -> bool:
    """Whether every way of meeting `cond` fills in some field for which `wanted(name)` holds:
    a filled-in check or a comparison / `in` on such a field; for `and`, any operand; for
    `or`, every operand. `not …` guarantees nothing."""
    if cond is None:
        return False
    if isinstance(cond, (Filled, Compare, Member)):
        return fills(cond) and wanted(cond.field.name)
    if isinstance(cond, All):
        return any(guarantees(c, wanted) for c in cond.operands)
    if isinstance(cond, AnyOf):
        return all(guarantees(c, wanted) for c in cond.operands)
    return False


def filled_fields(cond: Condition | None) -> frozenset[str]:
    """The fields that are filled in whenever `cond` holds (the same field on every path)."""
    if cond is None:
        return frozenset()
    if isinstance(cond, (Filled, Compare, Member)):
        return frozenset({cond.field.name}) if fills(cond) else frozenset()
    if isinstance(cond, All):
        return frozenset().union(*(filled_fields(c) for c in cond.operands))
    if isinstance(cond, AnyOf):
        sets = [filled_fields(c) for c in cond.operands]
        return frozenset.intersection(*sets) if sets else frozenset()
    return frozenset()


# -- three-valued evaluation of a condition against what a move is known to provide ---------

UNKNOWN = object()  # the field is filled in, with a value we do not know


def evaluate(cond: Condition, known: Mapping[str, object]) -> bool | None:
    """True, False or None (cannot tell) for `cond` when the fields in `known` are filled in
    (with a `Value` when the move sets a literal, `UNKNOWN` otherwise) and every other field
    is empty."""
    if isinstance(cond, Not):
        inner = evaluate(cond.operand, known)
        return None if inner is None else not inner
    if isinstance(cond, All):
        results = [evaluate(c, known) for c in cond.operands]
        if False in results:
            return False
        return True if all(r is True for r in results) else None
    if isinstance(cond, AnyOf):
        results = [evaluate(c, known) for c in cond.operands]
        if True in results:
            return True
        return False if all(r is False for r in results) else None
    name = cond.field.name
    if name not in known:
        if isinstance(cond, Filled) or fills(cond):
            return False
        return None  # `!=` / `not in` on an empty field: the language does not say
    if isinstance(cond, Filled):
        return True
    value = known[name]
    if not isinstance(value, Value):
        return None
    if isinstance(cond, Member):
        hit = any(_equal(value, v) for v in cond.values)
        if hit is None:
            return None
        return not hit if cond.negated else hit
    return _compare(value, cond.op, cond.value)


def _key(value: Value) -> object:
    if isinstance(value.value, Decimal):
        return value.value
    if value.kind in ("word", "string"):  # a choice value may be written bare or quoted
        return str(value.value)
    return None


def _equal(a: Value, b: Value) -> bool | None:
    ka, kb = _key(a), _key(b)
    if ka is None or kb is None or type(ka) is not type(kb):
        return None
    return ka == kb


def _compare(a: Value, op: str, b: Value) -> bool | None:
    if op in ("=", "!="):
        equal = _equal(a, b)
        return None if equal is None else (equal if op == "=" else not equal)
    if not (isinstance(a.value, Decimal) and isinstance(b.value, Decimal)):
        return None
    x, y = a.value, b.value
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}.get(op)


# -- names ----------------------------------------------------------------------------------

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[\W_]+")


def _is_ideographic(word: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in word)


def name_matches(name: str, words: Iterable[str]) -> bool:
    """Whether a field name contains one of `words` (case-folded): a word of Chinese or
    Japanese characters anywhere in the name; a word of up to 3 letters as a whole part of
    the name (`id` in `deal_id`, not in `idea`); a longer word as the start of a part
    (`сделк` in `номер_сделки`). Parts are separated by `_`, spaces, punctuation and
    camelCase humps."""
    folded = name.casefold()
    parts = [p for p in _SPLIT.split(_CAMEL.sub("_", name).casefold()) if p]
    for word in words:
        w = word.casefold()
        if not w:
            continue
        if _is_ideographic(w):
            if w in folded:
                return True
        elif len(w) <= 3:
            if w in parts:
                return True
        elif any(p.startswith(w) for p in parts):
            return True
    return False


def shorten(names: list[str], limit: int = 4) -> str:
    """`a, b, c` or `a, b, c and 7 more`, names quoted."""
    shown = ", ".join(f"'{n}'" for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
