"""Can two conditions hold at once? Does one always hold when another does?

Used by the automation rules of the graph group (ambiguous-automation, instant-loop,
short-status). Both questions are answered conservatively: `exclusive(a, b)` is True only when
the two conditions clearly cannot both hold, and `implies(a, b)` only when `b` clearly holds
whenever `a` does. Anything the helpers cannot decide counts as "may overlap" / "may not follow".

What is understood, on one field:

- `f = a` / `f in (…)`: a set of values; two sets without a common value are exclusive.
- `f != a` / `f not in (…)`: every value but those; on a `choice` or `bool` field, the other
  values of the field. An empty field may satisfy them.
- `f > x`, `f >= x`, `f < x`, `f <= x`: an interval of numbers, dates, date-times or ages
  (`last_contact > 30 days`); two intervals that do not meet are exclusive.
- `f` (filled in) and `not f`: every comparison and `in` needs a filled-in field.
- `not`, `and`, `or` and parentheses, by the ordinary rules of logic.

Values compare only with values of the same kind: a date never with a date-time, a business
age only with a business age in the same unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from leadrules.model.common import All, AnyOf, Compare, Condition, Filled, Member, Not, Value
from leadrules.model.scheme import Field

BOOL_WORDS = {"true": True, "yes": True, "false": False, "no": False}
ORDERED = frozenset({"number", "date", "datetime", "age"})

Fields = Mapping[str, Field] | None
Key = tuple[str, Hashable]  # (kind of value, value): only keys of one kind are compared


@attrs.frozen
class Atom:
    """One test on one field, as a set of values it accepts.

    `kind`: `points` (one of `keys`), `others` (none of `keys`), `interval` or `filled`;
    `not f` (empty) is handled as the negation of `filled`.
    `nullable` marks a `points` atom made from `!=`/`not in` on a field with a finite list of
    values: it may also hold when the field is empty.
    """

    field: str
    kind: str
    keys: frozenset[Key] = frozenset()
    cls: str | None = None  # the value kind of keys / interval ends
    low: Any = None
    low_inclusive: bool = True
    high: Any = None
    high_inclusive: bool = True
    nullable: bool = False


def conjoin(*parts: Condition | None) -> Condition | None:
    """`a and b and …` of the parts given (None parts are left out; None when none is left)."""
    operands: list[Condition] = []
    for part in parts:
        if isinstance(part, All):
            operands.extend(part.operands)
        elif part is not None:
            operands.append(part)
    if not operands:
        return None
    if len(operands) == 1:
        return operands[0]
    return All(tuple(operands), span=operands[0].span)


def exclusive(a: Condition | None, b: Condition | None, fields: Fields = None) -> bool:
    """True when `a` and `b` clearly cannot both hold (a missing condition always holds)."""
    if a is None or b is None:
        return False
    if isinstance(a, Not):  # `not p` and b exclude each other exactly when b implies p
        return implies(b, a.operand, fields)
    if isinstance(b, Not):
        return implies(a, b.operand, fields)
    if isinstance(a, AnyOf):  # exact: each alternative must be excluded
        return all(exclusive(x, b, fields) for x in a.operands)
    if isinstance(b, AnyOf):
        return all(exclusive(a, y, fields) for y in b.operands)
    if isinstance(a, All):  # enough that one part is excluded
        return any(exclusive(x, b, fields) for x in a.operands)
    if isinstance(b, All):
        return any(exclusive(a, y, fields) for y in b.operands)
    x, y = atom(a, fields), atom(b, fields)
    return x is not None and y is not None and x.field == y.field and _disjoint(x, y)


def implies(a: Condition | None, b: Condition | None, fields: Fields = None) -> bool:
    """True when `b` clearly holds whenever `a` does (a missing condition always holds)."""
    if b is None:
        return True
    if a is None:
        return False
    if a == b:
        return True
    if isinstance(b, All):
        return all(implies(a, y, fields) for y in b.operands)
    if isinstance(a, AnyOf):
        return all(implies(x, b, fields) for x in a.operands)
    if isinstance(a, All) or isinstance(b, AnyOf):
        merged = _merged(b, fields) if isinstance(b, AnyOf) else None
        return ((isinstance(a, All) and any(implies(x, b, fields) for x in a.operands))
                or (isinstance(b, AnyOf) and any(implies(a, y, fields) for y in b.operands))
                or (merged is not None and _implies_atom(a, merged, fields)))
    if isinstance(b, Not):
        return exclusive(a, b.operand, fields)
    if isinstance(a, Not):
        inner = a.operand
        if isinstance(inner, Not):
            return implies(inner.operand, b, fields)
        if isinstance(inner, AnyOf):  # not (x or y) = not x and not y
            return any(implies(Not(x, span=x.span), b, fields) for x in inner.operands)
        if isinstance(inner, All):  # not (x and y) = not x or not y
            return all(implies(Not(x, span=x.span), b, fields) for x in inner.operands)
        return False  # `not (f = a)` says nothing clear about a single test of f
    y = atom(b, fields)
    return y is not None and _implies_atom(a, y, fields)


def _implies_atom(a: Condition, y: Atom, fields: Fields) -> bool:
    x = atom(a, fields)
    return x is not None and x.field == y.field and _subset(x, y)


def _merged(cond: AnyOf, fields: Fields) -> Atom | None:
    """`f = a or f in (b, c)` as one test `f in (a, b, c)`, when it is one."""
    atoms = [atom(c, fields) for c in cond.operands]
    first = atoms[0]
    if first is None or any(
            x is None or x.kind != "points" or x.nullable or x.field != first.field
            or x.cls != first.cls for x in atoms):
        return None
    keys = frozenset().union(*(x.keys for x in atoms if x is not None))
    return attrs.evolve(first, keys=keys)


# -- atoms ---------------------------------------------------------------------------------
def atom(cond: Condition, fields: Fields = None) -> Atom | None:
    """The test a single comparison makes, or None when it is not understood."""
    if isinstance(cond, Filled):
        return Atom(cond.field.name, "filled")
    if isinstance(cond, Compare):
        field = fields.get(cond.field.name) if fields else None
        key = value_key(cond.value, field)
        if key is None:
            return None
        name = cond.field.name
        if cond.op in ("=", "!="):
            return _points(name, frozenset({key}), cond.op == "!=", field)
        if key[0] not in ORDERED:
            return None
        value, cls = _plain(key), _order_class(key)
        if cond.op in (">", ">="):
            return Atom(name, "interval", cls=cls, low=value, low_inclusive=cond.op == ">=")
        if cond.op in ("<", "<="):
            return Atom(name, "interval", cls=cls, high=value, high_inclusive=cond.op == "<=")
        return None
    if isinstance(cond, Member):
        field = fields.get(cond.field.name) if fields else None
        keys = [value_key(v, field) for v in cond.values]
        if not keys or any(k is None for k in keys):
            return None
        return _points(cond.field.name, frozenset(k for k in keys if k is not None),
                       cond.negated, field)
    return None


def value_key(value: Value, field: Field | None = None) -> Key | None:
    """A comparable form of a literal: (kind, value). None for values never compared."""
    v = value.value
    if value.kind == "number" and isinstance(v, Decimal):
        return ("number", v)
    if value.kind == "datetime" and isinstance(v, dt.datetime):
        return ("datetime", v)
    if value.kind == "date" and isinstance(v, dt.date):
        return ("date", v)
    if value.kind in ("word", "string") and isinstance(v, str):
        if field is not None and field.type == "bool" and v.casefold() in BOOL_WORDS:
            return ("bool", BOOL_WORDS[v.casefold()])
        return ("name", v)
    if value.kind == "duration" and not isinstance(v, (Decimal, dt.date, str)):
        # an age: business ages compare only within one unit, calendar ages by their length
        unit = v.unit if v.business else ""
        return ("age", (f"{v.business}:{unit}", v.seconds))
    return None


def _order_class(key: Key) -> str:
    if key[0] == "age":
        return "age:" + str(key[1][0])  # type: ignore[index]
    return key[0]


def _class(keys: frozenset[Key]) -> str | None:
    """The one kind of value in a set of keys, or None when kinds are mixed."""
    kinds = {_order_class(k) for k in keys}
    return kinds.pop() if len(kinds) == 1 else None


def _points(name: str, keys: frozenset[Key], negated: bool, field: Field | None) -> Atom:
    cls = _class(keys)
    universe = _universe(field)
    if negated and universe is not None and cls is not None and keys <= universe:
        return Atom(name, "points", universe - keys, cls, nullable=True)
    return Atom(name, "others" if negated else "points", keys, cls)


def _universe(field: Field | None) -> frozenset[Key] | None:
    """Every value a choice or bool field can have."""
    if field is None:
        return None
    if field.type == "choice":
        return frozenset(("name", c.name) for c in field.choices)
    if field.type == "bool":
        return frozenset({("bool", True), ("bool", False)})
    return None


def _plain(key: Key) -> Any:
    return key[1][1] if key[0] == "age" else key[1]  # type: ignore[index]


def _inside(atom_: Atom, key: Key) -> bool:
    """Whether a value lies in an interval atom (same value kind assumed)."""
    value = _plain(key)
    if atom_.low is not None and (value < atom_.low
                                  or (value == atom_.low and not atom_.low_inclusive)):
        return False
    return not (atom_.high is not None and (value > atom_.high
                                            or (value == atom_.high
                                                and not atom_.high_inclusive)))


def _needs_value(a: Atom) -> bool:
    """The test fails on an empty field."""
    return a.kind in ("filled", "interval") or (a.kind == "points" and not a.nullable)


def _disjoint(a: Atom, b: Atom) -> bool:
    if a.kind == "filled" or b.kind == "filled":
        return False
    if a.kind == "others" or b.kind == "others":
        if a.kind == "others" and b.kind == "others":
            return False
        points, others = (a, b) if b.kind == "others" else (b, a)
        return (points.kind == "points" and not points.nullable and points.cls == others.cls
                and points.keys <= others.keys)
    if a.cls is None or a.cls != b.cls:
        return False
    if a.kind == "points" and b.kind == "points":
        return not (a.nullable and b.nullable) and not (a.keys & b.keys)
    if a.kind == "interval" and b.kind == "interval":
        return _intervals_apart(a, b) or _intervals_apart(b, a)
    points, interval = (a, b) if a.kind == "points" else (b, a)
    return not any(_inside(interval, k) for k in points.keys)


def _intervals_apart(a: Atom, b: Atom) -> bool:
    """`a` ends before `b` starts."""
    if a.high is None or b.low is None:
        return False
    return bool(a.high < b.low or (a.high == b.low
                                   and not (a.high_inclusive and b.low_inclusive)))


def _subset(a: Atom, b: Atom) -> bool:
    """Every value `a` accepts, `b` accepts."""
    if b.kind == "filled":
        return _needs_value(a)
    if a.kind == "filled":
        return False
    if a.cls is None or a.cls != b.cls:
        return False
    if b.kind == "others":
        if a.kind == "others":
            return a.keys >= b.keys
        if a.kind == "points":
            return not a.nullable and not (a.keys & b.keys)
        return not any(_inside(a, k) for k in b.keys)
    if b.kind == "points":
        return (a.kind == "points" and a.keys <= b.keys
                and (b.nullable or not a.nullable))
    if a.kind == "points":
        return not a.nullable and all(_inside(b, k) for k in a.keys)
    if a.kind != "interval":
        return False
    low_ok = b.low is None or (a.low is not None and (
        a.low > b.low or (a.low == b.low and (b.low_inclusive or not a.low_inclusive))))
    high_ok = b.high is None or (a.high is not None and (
        a.high < b.high or (a.high == b.high and (b.high_inclusive or not a.high_inclusive))))
    return bool(low_ok and high_ok)
