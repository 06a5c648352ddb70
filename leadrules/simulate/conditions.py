"""Conditions evaluated on a simulated lead, in three values: True, False or None (unknown).

A field the scenario does not model (no `value`, `counting` or `set` gives it a value) is
unknown, and so is a modelled field that has no value yet for this lead. The language page
fixes what unknown means: in `requires` a condition is assumed met;
anywhere else a rule whose condition is unknown does not fire, and the report lists it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from leadrules.model.common import All, AnyOf, Compare, Condition, Filled, Member, Not, Value

Fields = Mapping[str, Any]
Evaluator = Callable[[Fields, float], "bool | None"]
BOOLS = {"true": True, "yes": True, "false": False, "no": False}
OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}


def literal(value: Value) -> Any:
    """A condition's literal as a simulation value (numbers as floats, words as text)."""
    v = value.value
    if isinstance(v, Decimal):
        return float(v)
    if value.kind == "word" and str(v) in BOOLS:
        return BOOLS[str(v)]
    if isinstance(v, (dt.date, dt.datetime)):
        return v
    return str(v) if not hasattr(v, "seconds") else v


def compile_condition(cond: Condition | None, modelled: frozenset[str]) -> Evaluator:
    """An evaluator for `cond` given which fields the simulation knows."""
    if cond is None:
        return lambda fields, now: True
    if isinstance(cond, Filled):
        name = cond.field.name
        if name not in modelled:
            return lambda fields, now: None
        # a tracked field with no value yet is unknown, not empty: reps fill in what a move
        # requires, and nothing in the simulation empties a field
        return lambda fields, now: True if fields.get(name) not in (None, "") else None
    if isinstance(cond, Compare):
        name, op, value = cond.field.name, OPS[cond.op], literal(cond.value)
        if name not in modelled or hasattr(value, "seconds"):  # dates and ages: not simulated
            return lambda fields, now: None

        def compare(fields: Fields, now: float) -> bool | None:
            got = fields.get(name)
            return None if got is None else bool(op(got, value))
        return compare
    if isinstance(cond, Member):
        name = cond.field.name
        values = {literal(v) for v in cond.values}
        negated = cond.negated
        if name not in modelled:
            return lambda fields, now: None

        def member(fields: Fields, now: float) -> bool | None:
            got = fields.get(name)
            return None if got is None else (got in values) != negated
        return member
    if isinstance(cond, Not):
        inner = compile_condition(cond.operand, modelled)

        def negate(fields: Fields, now: float) -> bool | None:
            got = inner(fields, now)
            return None if got is None else not got
        return negate
    parts = [compile_condition(c, modelled) for c in cond.operands]
    if isinstance(cond, All):
        def all_of(fields: Fields, now: float) -> bool | None:
            results = [p(fields, now) for p in parts]
            if False in results:
                return False
            return None if None in results else True
        return all_of
    assert isinstance(cond, AnyOf)

    def any_of(fields: Fields, now: float) -> bool | None:
        results = [p(fields, now) for p in parts]
        if True in results:
            return True
        return None if None in results else False
    return any_of
