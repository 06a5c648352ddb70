"""Type checks for conditions and assignments against the declared fields.

A comparison must fit its field: numbers for number/count/money, dates (or a duration, read as
"this long ago") for date/datetime, true/false for bool, the field's own values for choice,
and only `=`/`!=`/`in` for text-like fields.
"""

from __future__ import annotations

from leadrules.model.common import (
    All,
    AnyOf,
    Compare,
    Condition,
    Filled,
    Member,
    Not,
    Ref,
    Value,
)
from leadrules.model.scheme import NUMERIC_TYPES, Field
from leadrules.resolve.names import Collector, Names
from leadrules.suggest import did_you_mean

BOOL_WORDS = {"true", "false", "yes", "no"}
TEXT_TYPES = frozenset({"text", "email", "phone"})
ORDERED_TYPES = NUMERIC_TYPES | {"date", "datetime"}

EXAMPLES = {
    "number": "a number, such as {f} >= 10",
    "count": "a number, such as {f} >= 10",
    "money": "an amount, such as {f} >= 50000",
    "date": "a date such as {f} >= 2026-01-01, or an age such as {f} > 30 days",
    "datetime": "a date such as {f} >= 2026-01-01, or an age such as {f} > 30 days",
    "bool": "true or false, such as {f} = true",
    "choice": "one of its values, such as {f} = {first} or {f} in ({first}, …)",
    "text": "a quoted text, such as {f} = \"…\"",
    "email": "a quoted text, such as {f} = \"…\"",
    "phone": "a quoted text, such as {f} = \"…\"",
}


class ConditionChecker:
    """Checks conditions and `set` assignments of one scheme."""

    def __init__(self, names: Names, fields: dict[str, Field], out: Collector) -> None:
        self.names = names
        self.fields = fields
        self.out = out

    def field(self, ref: Ref) -> Field | None:
        return self.fields.get(ref.name) if self.names.check("field", ref) else None

    def condition(self, cond: Condition | None) -> None:
        if cond is None:
            return
        if isinstance(cond, Filled):
            self.field(cond.field)
        elif isinstance(cond, Compare):
            f = self.field(cond.field)
            if f is not None:
                self.compare(f, cond.op, cond.value)
        elif isinstance(cond, Member):
            f = self.field(cond.field)
            if f is not None:
                for value in cond.values:
                    self.compare(f, "=", value, in_list=True)
        elif isinstance(cond, Not):
            self.condition(cond.operand)
        elif isinstance(cond, (All, AnyOf)):
            for operand in cond.operands:
                self.condition(operand)

    def assignment(self, ref: Ref, value: Value) -> None:
        f = self.field(ref)
        if f is not None:
            self.compare(f, "=", value, setting=True)

    def compare(self, f: Field, op: str, value: Value, in_list: bool = False,
                setting: bool = False) -> None:
        """Report a comparison (or assignment) whose value or operator misfits the field."""
        if f.type not in EXAMPLES:
            return  # the field's type is unknown and already reported (E223)
        first = f.choices[0].name if f.choices else "a"
        example = EXAMPLES[f.type].format(f=f.name, first=first)
        if setting:
            example = example.split(", or")[0].split(" or ")[0].replace(" >= ", " = ")
        expected = ("set it to " if setting else "compare it with ") + example
        if op not in ("=", "!=") and f.type not in ORDERED_TYPES:
            self.out.error("E220", f"'{op}' cannot compare {f.type} field '{f.name}'",
                           value.span, expected="= or != (or `in (…)`)")
            return
        kind = value.kind
        if f.type in NUMERIC_TYPES:
            ok = kind == "number"
        elif f.type in ("date", "datetime"):
            ok = kind in ("date", "datetime") or (kind == "duration" and not setting)
        elif f.type == "bool":
            ok = kind == "word" and str(value.value) in BOOL_WORDS
        elif f.type == "choice":
            if kind in ("word", "string") and str(value.value) not in {c.name for c in f.choices}:
                self.out.error(
                    "E221", f"'{value.value}' is not a value of choice field '{f.name}'",
                    value.span, help=did_you_mean(str(value.value), (c.name for c in f.choices)),
                    expected="one of: " + ", ".join(c.name for c in f.choices))
                return
            ok = kind in ("word", "string")
        else:
            ok = kind == "string"
        if not ok:
            verb = "set" if setting else "list" if in_list else "compare"
            self.out.error("E220", f"cannot {verb} {f.type} field '{f.name}' "
                           f"{'to' if setting else 'with'} {describe(value)}", value.span,
                           expected=expected)


def describe(value: Value) -> str:
    if value.kind == "word":
        return f"the bare word '{value.value}' (quote a text: \"{value.value}\")"
    if value.kind == "string":
        return "a quoted text"
    return f"a {value.kind} ({value})"
