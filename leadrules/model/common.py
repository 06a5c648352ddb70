"""Building blocks shared by schemes and scenarios: names, durations, quantities, conditions.

Every node carries the `Span` it was written at. Spans are excluded from equality so that two
texts meaning the same thing (say, before and after formatting) give equal models.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal as TypingLiteral

import attrs

from leadrules.errors import Span

UNIT_SECONDS = {"minutes": 60, "hours": 3600, "days": 86400, "weeks": 7 * 86400}


def span_field() -> Span:
    """An attrs field for a node's source span: shown in repr, ignored by ==."""
    return attrs.field(eq=False, repr=False, kw_only=True)


@attrs.frozen
class Ref:
    """A name as written, pointing at something declared elsewhere (status, field, team …)."""

    name: str
    span: Span = span_field()

    def __str__(self) -> str:
        return self.name


@attrs.frozen
class Duration:
    """`N minutes|hours|days|weeks`, in calendar time or (`business`) open time of a calendar."""

    amount: Decimal
    unit: str  # one of UNIT_SECONDS, always plural
    business: bool
    span: Span = span_field()

    @property
    def seconds(self) -> float:
        """Length in elapsed seconds; for business durations, the open time they stand for
        only when the unit is minutes or hours (business days depend on the calendar)."""
        return float(self.amount) * UNIT_SECONDS[self.unit]

    def __str__(self) -> str:
        amount = format(self.amount.normalize(), "f")
        unit = self.unit[:-1] if self.amount == 1 else self.unit
        return f"{amount} {'business ' if self.business else ''}{unit}"


@attrs.frozen
class Quantity:
    """A number, a percentage or a duration, as written in ranges and distributions."""

    kind: TypingLiteral["number", "percent", "duration"]
    value: Decimal  # percentages as written (40 for 40%); durations in their own unit
    span: Span = span_field()
    duration: Duration | None = None

    @property
    def fraction(self) -> float:
        """A percentage as a fraction (40% → 0.4)."""
        return float(self.value) / 100

    def __str__(self) -> str:
        if self.duration is not None:
            return str(self.duration)
        text = format(self.value.normalize(), "f")
        return f"{text}%" if self.kind == "percent" else text


@attrs.frozen
class Range:
    """A healthy range: `a..b`, `< x`, `<= x`, `> x`, `>= x` or a single value."""

    low: Quantity | None
    high: Quantity | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    span: Span = span_field()

    def __str__(self) -> str:
        """As written: `30%..50%`, `3..7 days` (one unit for both ends), `< 4 hours`, `100%`."""
        low, high = self.low, self.high
        if low is not None and high is not None:
            if low == high:
                return str(low)
            a, b = low.duration, high.duration
            if a is not None and b is not None and (a.unit, a.business) == (b.unit, b.business):
                return f"{format(a.amount.normalize(), 'f')}..{b}"
            return f"{low}..{high}"
        if low is not None:
            return f"{'>=' if self.low_inclusive else '>'} {low}"
        if high is not None:
            return f"{'<=' if self.high_inclusive else '<'} {high}"
        return "any"

    def contains(self, value: float, scale: float = 1.0) -> bool:
        """Whether `value` (in the quantities' own unit times `scale`) lies in the range."""
        if self.low is not None:
            low = float(self.low.value) * scale
            if value < low or (value == low and not self.low_inclusive):
                return False
        if self.high is not None:
            high = float(self.high.value) * scale
            if value > high or (value == high and not self.high_inclusive):
                return False
        return True


ValueKind = TypingLiteral["number", "percent", "date", "datetime", "string", "word", "duration"]


@attrs.frozen
class Value:
    """A literal in a condition or assignment; words are choice values or true/false."""

    kind: ValueKind
    value: Decimal | dt.date | dt.datetime | str | Duration
    span: Span = span_field()

    def __str__(self) -> str:
        if self.kind == "string":
            return '"' + str(self.value).replace("\\", "\\\\").replace('"', '\\"') + '"'
        if self.kind == "percent":
            return f"{self.value}%"
        if isinstance(self.value, Decimal):
            return format(self.value.normalize(), "f")
        if isinstance(self.value, dt.datetime):
            return self.value.strftime("%Y-%m-%dT%H:%M")
        return str(self.value)


@attrs.frozen
class Filled:
    """`FIELD`: the field is filled in."""

    field: Ref
    span: Span = span_field()


@attrs.frozen
class Compare:
    """`FIELD op VALUE` with op one of `>= > <= < = !=`."""

    field: Ref
    op: str
    value: Value
    span: Span = span_field()


@attrs.frozen
class Member:
    """`FIELD in (a, b)` or `FIELD not in (a, b)`."""

    field: Ref
    values: tuple[Value, ...]
    negated: bool = False
    span: Span = span_field()


@attrs.frozen
class Not:
    operand: Condition
    span: Span = span_field()


@attrs.frozen
class All:
    """`a and b and …`"""

    operands: tuple[Condition, ...]
    span: Span = span_field()


@attrs.frozen
class AnyOf:
    """`a or b or …`"""

    operands: tuple[Condition, ...]
    span: Span = span_field()


Condition = Filled | Compare | Member | Not | All | AnyOf


def condition_fields(cond: Condition | None) -> list[Ref]:
    """Every field a condition mentions, in order of writing."""
    if cond is None:
        return []
    if isinstance(cond, (Filled, Compare, Member)):
        return [cond.field]
    if isinstance(cond, Not):
        return condition_fields(cond.operand)
    out: list[Ref] = []
    for operand in cond.operands:
        out.extend(condition_fields(operand))
    return out


def condition_text(cond: Condition) -> str:
    """The condition written back in the language (for diagrams, guides and messages)."""
    if isinstance(cond, Filled):
        return cond.field.name
    if isinstance(cond, Compare):
        return f"{cond.field.name} {cond.op} {cond.value}"
    if isinstance(cond, Member):
        inner = ", ".join(str(v) for v in cond.values)
        return f"{cond.field.name} {'not in' if cond.negated else 'in'} ({inner})"
    if isinstance(cond, Not):
        inner = condition_text(cond.operand)
        return f"not ({inner})" if isinstance(cond.operand, (All, AnyOf)) else f"not {inner}"
    joiner = " and " if isinstance(cond, All) else " or "
    parts = []
    for operand in cond.operands:
        text = condition_text(operand)
        if isinstance(operand, AnyOf) and isinstance(cond, All):
            text = f"({text})"
        parts.append(text)
    return joiner.join(parts)
