"""Tree → model, part 1: names, numbers, durations, ranges, values and conditions.

Each method of a builder is named after a grammar rule and turns one node — its `meta`
(positions) and its already-built children — into a model object. `build` walks the tree
bottom-up without recursion, so deep input cannot exhaust the stack.
Value problems (a date that does not exist, an absurd duration) are recorded as diagnostics
in `self.problems` rather than raised, so one run reports all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from lark import Token, Tree
from lark.tree import Meta

from leadrules.errors import Diagnostic, Span
from leadrules.model.common import (
    All,
    AnyOf,
    Compare,
    Condition,
    Duration,
    Filled,
    Member,
    Not,
    Quantity,
    Range,
    Ref,
    Value,
)

Line = tuple[Any, ...]  # ("tag", value…, span) produced by one-line rules
LOCALE = re.compile(r"[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?")  # ru, zh_Hant, pt_BR
MAX_DURATION_SECONDS = 100 * 365 * 86400
UNITS = {"minute": "minutes", "hour": "hours", "day": "days", "week": "weeks"}
UNIT_SECONDS = {"minutes": 60, "hours": 3600, "days": 86400, "weeks": 7 * 86400}
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def unquote(text: str) -> str:
    """The content of a quoted text, with `\\"`, `\\\\`, `\\n` and `\\t` escapes applied."""
    body = text[1:-1]
    if "\\" not in body:
        return body
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


class CommonBuilder:
    """Shared pieces of both languages; subclasses add the scheme and scenario rules."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []

    def build(self, tree: Tree[Token]) -> Any:
        """The model for a whole parse tree (children are built before their parents)."""
        built: dict[int, Any] = {}
        for node in tree.iter_subtrees():
            children = [
                built.pop(id(c)) if isinstance(c, Tree)
                else self.STRING(c) if c.type == "STRING" else c
                for c in node.children
            ]
            built[id(node)] = getattr(self, node.data)(node.meta, children)
        return built[id(tree)]

    # -- locations and problems ------------------------------------------------------------
    def span(self, item: Token | Meta) -> Span:
        try:  # the hot path: every token and node of a parse has all four positions
            # our lexer sets all four on every token, so none of them is None here
            return Span(self.path, item.line, item.column, item.end_line,  # type: ignore[arg-type]
                        item.end_column)  # type: ignore[arg-type]
        except AttributeError:  # a node that covers no token (an empty block)
            return Span(self.path, 1, 1, 1, 2)

    def problem(self, code: str, message: str, at: Token | Meta | Span, **extra: Any) -> None:
        span = at if isinstance(at, Span) else self.span(at)
        self.problems.append(Diagnostic(code, message, span, **extra))

    def ref(self, token: Token) -> Ref:
        return Ref(str(token), span=self.span(token))

    def _once(self, lines: list[Line], where: str) -> dict[str, Line]:
        """Index one-line settings by tag, reporting any written twice."""
        seen: dict[str, Line] = {}
        for line in lines:
            tag = line[0]
            if tag in seen and tag not in ("open", "closed"):
                self.problem("E202", f"`{tag}` is written twice in {where}", line[-1],
                             help="keep one of the two lines")
                continue
            seen.setdefault(tag, line)
        return seen

    def make_translation(self, kind: str, meta: Meta, c: list[Token]) -> Any:
        from leadrules.model.scheme import Translation

        locale = str(c[0])
        if not LOCALE.fullmatch(locale):
            self.problem("E222", f"'{locale}' is not a language code", c[0],
                         expected="a code such as ru, pl, zh, ms, en or pt_BR")
        return Translation(kind, locale, str(c[1]), span=self.span(meta))  # type: ignore[arg-type]

    def translations(self, items: list[Any], where: str) -> tuple[Any, ...]:
        """Translations, each (kind, locale) once; a repeat is reported, not silently won."""
        seen: dict[tuple[str, str], Any] = {}
        for t in items:
            key = (t.kind, t.locale)
            if key in seen:
                self.problem("E202", f"`{t.kind} {t.locale}` is written twice in {where}",
                             t.span, help="keep one of the two lines")
                continue
            seen[key] = t
        return tuple(seen.values())

    # -- terminals -------------------------------------------------------------------------
    def STRING(self, token: Token) -> Token:
        return token.update(value=unquote(token.value))

    def number(self, token: Token) -> Decimal:
        try:
            return Decimal(token.value.replace("_", ""))
        except InvalidOperation:  # pragma: no cover - the lexer only admits digits
            self.problem("E222", f"'{token}' is not a number", token)
            return Decimal(0)

    def integer(self, token: Token, what: str, low: int, high: int) -> int:
        value = self.number(token)
        if value != value.to_integral_value() or not low <= value <= high:
            self.problem("E222", f"{what} must be a whole number from {low} to {high}, "
                         f"not {token}", token)
            return low
        return int(value)

    def date(self, token: Token) -> dt.date:
        try:
            return dt.date.fromisoformat(token.value)
        except ValueError:
            self.problem("E213", f"{token} is not a real date", token,
                         expected="a date written YYYY-MM-DD, such as 2026-12-25")
            return dt.date(1970, 1, 1)

    # -- durations, quantities, ranges -----------------------------------------------------
    def make_duration(self, meta: Meta, number: Token, business: bool, unit: Token) -> Duration:
        amount = self.number(number)
        plural = UNITS.get(unit.value.rstrip("s"), "days")
        if amount * UNIT_SECONDS[plural] > MAX_DURATION_SECONDS:
            self.problem("E222", f"{number} {unit} is longer than a hundred years", meta,
                         expected="a duration of at most 100 years")
        return Duration(amount, plural, business, span=self.span(meta))

    def duration(self, meta: Meta, children: list[Token]) -> Duration:
        return self.make_duration(meta, children[0], len(children) == 3, children[-1])

    def quantity(self, meta: Meta, children: list[Any]) -> Quantity:
        item = children[0]
        span = self.span(meta)
        if isinstance(item, Duration):
            return Quantity("duration", item.amount, span=span, duration=item)
        if item.type == "PERCENT":
            return Quantity("percent", self.number(item.update(value=item.value[:-1])), span=span)
        return Quantity("number", self.number(item), span=span)

    def pair(self, low: Quantity, high: Quantity) -> tuple[Quantity, Quantity]:
        """`3..7 days`: a bare number borrows the unit written after the other end."""
        if low.kind == "number" and high.duration is not None:
            d = high.duration
            low = Quantity("duration", low.value, span=low.span,
                           duration=Duration(low.value, d.unit, d.business, span=low.span))
        elif low.kind == "number" and high.kind == "percent":
            low = Quantity("percent", low.value, span=low.span)
        return low, high

    def range_between(self, meta: Meta, children: list[Quantity]) -> Range:
        low, high = self.pair(children[0], children[1])
        return Range(low, high, span=self.span(meta))

    def range_bound(self, meta: Meta, children: list[Any]) -> Range:
        op, q = children[0].value, children[1]
        span = self.span(meta)
        if op in ("=", "!="):
            self.problem("E100", f"'{op}' cannot start a range", children[0],
                         expected="a range such as 30%..50%, < 4 hours, >= 5% or 100%")
        if op.startswith("<"):
            return Range(None, q, high_inclusive=op == "<=", span=span)
        return Range(q, None, low_inclusive=op == ">=", span=span)

    def range_exact(self, meta: Meta, children: list[Quantity]) -> Range:
        return Range(children[0], children[0], span=self.span(meta))

    # -- values ----------------------------------------------------------------------------
    def v_duration(self, meta: Meta, children: list[Token]) -> Value:
        d = self.duration(meta, children)
        return Value("duration", d, span=d.span)

    def v_number(self, meta: Meta, children: list[Token]) -> Value:
        return Value("number", self.number(children[0]), span=self.span(meta))

    def v_percent(self, meta: Meta, children: list[Token]) -> Value:
        tok = children[0]
        return Value("percent", self.number(tok.update(value=tok.value[:-1])),
                     span=self.span(meta))

    def v_date(self, meta: Meta, children: list[Token]) -> Value:
        return Value("date", self.date(children[0]), span=self.span(meta))

    def v_datetime(self, meta: Meta, children: list[Token]) -> Value:
        tok = children[0]
        try:
            value = dt.datetime.fromisoformat(tok.value)
        except ValueError:
            self.problem("E213", f"{tok} is not a real date and time", tok,
                         expected="a date and time written YYYY-MM-DDTHH:MM")
            value = dt.datetime(1970, 1, 1)
        return Value("datetime", value, span=self.span(meta))

    def v_string(self, meta: Meta, children: list[Token]) -> Value:
        return Value("string", str(children[0]), span=self.span(meta))

    def v_word(self, meta: Meta, children: list[Token]) -> Value:
        return Value("word", str(children[0]), span=self.span(meta))

    # -- conditions ------------------------------------------------------------------------
    def or_cond(self, meta: Meta, children: list[Condition]) -> Condition:
        return AnyOf(tuple(c for c in children if not isinstance(c, Token)),
                     span=self.span(meta))

    def and_cond(self, meta: Meta, children: list[Condition]) -> Condition:
        return All(tuple(c for c in children if not isinstance(c, Token)),
                   span=self.span(meta))

    def c_not(self, meta: Meta, children: list[Any]) -> Condition:
        return Not(children[-1], span=self.span(meta))

    def c_filled(self, meta: Meta, children: list[Token]) -> Condition:
        return Filled(self.ref(children[0]), span=self.span(meta))

    def c_compare(self, meta: Meta, children: list[Any]) -> Condition:
        return Compare(self.ref(children[0]), children[1].value, children[2],
                       span=self.span(meta))

    def c_in(self, meta: Meta, children: list[Any]) -> Condition:
        negated = isinstance(children[1], Token) and children[1].type == "NOT"
        values = tuple(v for v in children[1:] if isinstance(v, Value))
        return Member(self.ref(children[0]), values, negated, span=self.span(meta))
