"""Scheme lines in words: conditions, actions, SLAs, timers, ranges and durations.

`Phraser(scheme, locale)` turns the model back into short phrases a rep reads, in the guide's
language (see `words`):

    name and (email or phone)            → name, and email or phone
    attempts >= 1 and next_follow_up     → attempts at least 1, and next follow up filled in
    lost_reason in (budget, not_ready)   → lost reason is budget or not ready
    assign team SDR by round_robin       → assigned to team SDR by round robin
    sla 2 business hours escalate M      → must leave this status within 2 business hours;
                                           otherwise escalated to M

Field, event and choice names are shown with spaces for underscores; team and role names as
written. Phrases are plain text: the Markdown and HTML writers escape them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from leadrules.guide.words import UNITS, WORDS, language
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
from leadrules.model.scheme import (
    Action,
    Alert,
    Assign,
    Assignment,
    DoAction,
    Expectation,
    Scheme,
    Sla,
    Task,
    Timer,
)
from leadrules.model.scheme import (
    Sequence as SequenceAction,
)

_INVERSE = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "=": "!=", "!=": "="}
_OPS = {">=": "ge", ">": "gt", "<=": "le", "<": "lt"}
_TRUE = frozenset({"true", "yes"})
_FALSE = frozenset({"false", "no"})


_CJK = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3200-\u32ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LATIN = "A-Za-z0-9%"
_CJK_THEN_LATIN = re.compile(f"([{_CJK}])(?=[{_LATIN}])")
_LATIN_THEN_CJK = re.compile(f"([{_LATIN}])(?=[{_CJK}])")


def space_cjk(text: str) -> str:
    """A space between Chinese characters and Latin letters or digits next to them
    (`通知manager` → `通知 manager`), as Chinese technical writing does."""
    return _LATIN_THEN_CJK.sub(r"\1 ", _CJK_THEN_LATIN.sub(r"\1 ", text))


def humanize(name: str) -> str:
    """A field, event or choice name as words: `next_follow_up` → `next follow up`."""
    words = name.replace("_", " ").strip()
    return " ".join(words.split()) or name


def plural_form(language_code: str, amount: Decimal) -> int:
    """Which of the forms (one, few, many, fraction) a number takes in a language."""
    if amount != amount.to_integral_value():
        return 3
    n = int(amount)
    if language_code == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return 0
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return 1
        return 2
    if language_code == "pl":
        if n == 1:
            return 0
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return 1
        return 2
    return 0 if n == 1 else 2


class Phraser:
    """Phrases for one scheme in one locale."""

    def __init__(self, scheme: Scheme, locale: str | None = None) -> None:
        self.scheme = scheme
        self.locale = locale
        self.lang = language(locale)
        self.w = WORDS[self.lang]

    # -- words and lists ------------------------------------------------------------------

    def word(self, key: str, **values: object) -> str:
        """A fixed phrase of the guide, filled in."""
        text = self.w[key].format(**values)
        return space_cjk(text) if self.lang == "zh" else text

    def quote(self, text: str) -> str:
        return self.w["quote"].format(v=text)

    def join(self, items: Sequence[str], conjunction: str = "and",
             serial: bool = False) -> str:
        """`a, b and c` (or `or`); with `serial`, `a, b, and c` — the comma before the last
        item shows where a group of several words ends."""
        items = list(items)
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        last = self.w[f"serial_{conjunction}" if serial else conjunction]
        return self.w["sep"].join(items[:-1]) + last + items[-1]

    def number(self, value: Decimal) -> str:
        """A number as this language writes it (decimal comma, thousands grouped)."""
        text = format(value.normalize(), "f")
        whole, _, frac = text.partition(".")
        sign = "-" if whole.startswith("-") else ""
        whole = whole.lstrip("-")
        if len(whole) > 4 or (len(whole) == 4 and self.w["thousands"] == ","):
            groups: list[str] = []
            while whole:
                groups.insert(0, whole[-3:])
                whole = whole[:-3]
            whole = self.w["thousands"].join(groups)
        return sign + whole + (self.w["decimal"] + frac if frac else "")

    # -- durations ------------------------------------------------------------------------

    def duration(self, d: Duration, case: str = "acc") -> str:
        """`2 business hours` in this language, in the grammatical case a phrase needs."""
        forms = UNITS[self.lang][d.unit, d.business][case]
        return f"{self.number(d.amount)} {forms[plural_form(self.lang, d.amount)]}"

    def durations(self, d: Duration) -> dict[str, str]:
        """Both cases, for a template's `{acc}` and `{gen}`."""
        return {"acc": self.duration(d, "acc"), "gen": self.duration(d, "gen")}

    def timed(self, key: str, d: Duration, **values: object) -> str:
        return self.word(key, **self.durations(d), **values)

    # -- names ----------------------------------------------------------------------------

    def field(self, ref: Ref | str) -> str:
        return humanize(str(ref))

    def role(self, ref: Ref | str) -> str:
        name = str(ref)
        if name == "owner":
            return self.w["owner_role"]
        for role in self.scheme.roles:
            if role.name == name and role.label:
                return role.label
        return name

    def roles(self, refs: Iterable[Ref]) -> str:
        return self.join([self.role(r) for r in refs])

    def status(self, name: str) -> str:
        """A status's label in this locale."""
        found = self.scheme.status_map.get(name)
        if found is None:
            return name
        return found.text("label", self.locale) or name

    def stage(self, name: str) -> str:
        for stage in self.scheme.stages:
            if stage.name == name:
                return stage.text(self.locale)
        return name

    # -- values and conditions ------------------------------------------------------------

    def value(self, v: Value, field: str | None = None) -> str:
        """A value of a condition or an assignment, as a rep reads it."""
        kind = self.scheme.field_map[field].type if field in self.scheme.field_map else None
        if v.kind == "word":
            word = str(v.value)
            if kind == "bool" and word.lower() in _TRUE | _FALSE:
                return self.w["yes" if word.lower() in _TRUE else "no"]
            return humanize(word)
        if v.kind == "string":
            return self.quote(str(v.value))
        if v.kind == "percent" and isinstance(v.value, Decimal):
            return f"{self.number(v.value)}%"
        if isinstance(v.value, Decimal):
            return self.number(v.value)
        if isinstance(v.value, dt.datetime):
            return v.value.strftime("%Y-%m-%d %H:%M")
        if isinstance(v.value, dt.date):
            return v.value.isoformat()
        if isinstance(v.value, Duration):
            return self.duration(v.value)
        return str(v.value)

    def condition(self, cond: Condition) -> str:
        """A condition in words. When it only asks for fields to be filled in, the field names
        alone say it (`name, and email or phone`); otherwise a bare field says `filled in`."""
        text = self._cond(cond, 0, _presence_only(cond))
        return space_cjk(text) if self.lang == "zh" else text

    def _cond(self, cond: Condition, level: int, presence: bool) -> str:
        if isinstance(cond, Filled):
            return self.field(cond.field) if presence else self.word(
                "filled", f=self.field(cond.field))
        if isinstance(cond, Compare):
            return self._compare(cond.field.name, cond.op, cond.value)
        if isinstance(cond, Member):
            return self._member(cond.field.name, cond.values, cond.negated)
        if isinstance(cond, Not):
            inner = cond.operand
            if isinstance(inner, Filled):
                return self.word("empty", f=self.field(inner.field))
            if isinstance(inner, Compare):
                return self._compare(inner.field.name, _INVERSE[inner.op], inner.value)
            if isinstance(inner, Member):
                return self._member(inner.field.name, inner.values, not inner.negated)
            if isinstance(inner, Not):
                return self._cond(inner.operand, level, presence)
            # not (a or b) is: not a, and not b — said without a "not" in front of a group
            flipped = tuple(Not(op, span=op.span) for op in inner.operands)
            group = AnyOf(flipped, span=inner.span) if isinstance(inner, All) else All(
                flipped, span=inner.span)
            return self._cond(group, level, presence)
        operands = cond.operands
        parts = [self._cond(op, level + 1, presence) for op in operands]
        # A comma before the last `and` / `or` shows where the parts of a long condition
        # end; only the outermost list gets it, so an inner `or` stays one part.
        serial = level == 0 and any(not isinstance(op, Filled) for op in operands)
        text = self.join(parts, "and" if isinstance(cond, All) else "or", serial=serial)
        return f"({text})" if level >= 2 else text

    def _compare(self, field: str, op: str, value: Value) -> str:
        f = self.field(field)
        kind = self.scheme.field_map[field].type if field in self.scheme.field_map else None
        if kind == "bool" and value.kind == "word" and op in ("=", "!="):
            truth = str(value.value).lower() in _TRUE
            if op == "!=":
                truth = not truth
            return self.word("bool_is", f=f, v=self.w["yes" if truth else "no"])
        if isinstance(value.value, Duration):
            key = {"=": "eq", "!=": "ne"}.get(op) or _OPS[op]
            return self.timed(f"age_{key}", value.value, f=f)
        if op == "=":
            return self.word("is", f=f, v=self.value(value, field))
        if op == "!=":
            return self.word("is_not", f=f, v=self.value(value, field))
        family = "date" if isinstance(value.value, dt.date) else "num"
        return self.word(f"{family}_{_OPS[op]}", f=f, v=self.value(value, field))

    def _member(self, field: str, values: Sequence[Value], negated: bool) -> str:
        f = self.field(field)
        shown = [self.value(v, field) for v in values]
        if not negated:
            return self.word("is", f=f, v=self.join(shown, "or"))
        if len(shown) == 1:
            return self.word("is_not", f=f, v=shown[0])
        return self.word("none_of", f=f, values=self.w["sep"].join(shown))

    # -- actions --------------------------------------------------------------------------

    def action(self, action: Action) -> str:
        """An `on enter` / `on exit` action in words."""
        if isinstance(action, Assign):
            text = self.word("assign", team=action.team.name)
            if action.strategy == "round_robin":
                text += self.w["by_round_robin"]
            elif action.strategy == "territory":
                text += self.w["by_territory"]
            if action.different_owner:
                text += self.w["different_owner"]
            return text
        if isinstance(action, Task):
            if action.due is None:
                return self.word("task", t=self.quote(action.text))
            return self.timed("task_due", action.due, t=self.quote(action.text))
        if isinstance(action, Alert):
            return self.alert(action)
        if isinstance(action, SequenceAction):
            if action.name is None:
                return self.w["seq_stop_all"]
            return self.word("seq_start" if action.start else "seq_stop",
                             n=self.quote(action.name))
        if isinstance(action, Assignment):
            return self.assignment(action)
        assert isinstance(action, DoAction)
        return self.word("do", n=self.quote(action.name))

    def alert(self, alert: Alert) -> str:
        return self.word(alert.kind, r=self.roles(alert.recipients))

    def assignment(self, a: Assignment) -> str:
        return self.word("set", f=self.field(a.field), v=self.value(a.value, a.field.name))

    def sets(self, assignments: Sequence[Assignment]) -> str:
        """` (lost reason set to unreachable)`, or nothing."""
        if not assignments:
            return ""
        return self.word("sets", sets=self.w["sep"].join(self.assignment(a)
                                                         for a in assignments))

    # -- time -----------------------------------------------------------------------------

    def sla(self, sla: Sla) -> str:
        key = "sla_activity" if sla.activity else "sla_leave"
        return self.timed(key, sla.within, alert=self.alert(sla.alert))

    def timer(self, timer: Timer) -> str:
        """`after 30 days without activity → moves to Stale`, or an alert after a delay."""
        if timer.target is None:
            assert timer.alert is not None
            key = "alert_idle" if timer.without_activity else "alert_in_status"
            return self.timed(key, timer.delay, alert=self.alert(timer.alert))
        text = self.timed("after_idle" if timer.without_activity else "after", timer.delay)
        text += " " + self.word("moves_to", s=self.status(timer.target.name))
        text += self.sets(timer.sets)
        if timer.when is not None:
            text += self.word("if", c=self.condition(timer.when))
        return text

    # -- healthy ranges -------------------------------------------------------------------

    def quantity(self, q: Quantity, case: str = "acc", bare: bool = False) -> str:
        """A range end; `bare` leaves out the unit (`3` of `3 to 7 days`)."""
        if q.duration is not None:
            return self.number(q.duration.amount) if bare else self.duration(q.duration, case)
        if q.kind == "percent":
            return f"{self.number(q.value)}%"
        return self.number(q.value)

    def range(self, r: Range) -> str:
        """`30% to 50%`, `3 to 7 days`, `less than 4 hours`, `at least 5%`."""
        low, high = r.low, r.high
        if low is not None and high is not None:
            if low.value == high.value and low.kind == high.kind and (
                    low.duration == high.duration):
                return self.word("range_exact", acc=self.quantity(low), gen=self.quantity(
                    low, "gen"))
            same_unit = (low.duration is not None and high.duration is not None
                         and low.duration.unit == high.duration.unit
                         and low.duration.business == high.duration.business)
            a = self.quantity(low, "gen", bare=same_unit)
            b = self.quantity(high, "gen")
            return self.word("range_between", a=a, b=b)
        if high is not None:
            key = "range_le" if r.high_inclusive else "range_lt"
            return self.word(key, acc=self.quantity(high), gen=self.quantity(high, "gen"))
        assert low is not None
        key = "range_ge" if r.low_inclusive else "range_gt"
        return self.word(key, acc=self.quantity(low), gen=self.quantity(low, "gen"))

    def expectation(self, e: Expectation) -> str:
        shown = self.range(e.range)
        if e.kind == "conversion":
            assert e.target is not None
            return self.word("exp_conversion", s=self.status(e.target.name), v=shown)
        return self.word(f"exp_{e.kind}", v=shown)


def _presence_only(cond: Condition) -> bool:
    """Whether a condition only asks for fields to be filled in (with `and` / `or`)."""
    if isinstance(cond, Filled):
        return True
    if isinstance(cond, (All, AnyOf)):
        return all(_presence_only(op) for op in cond.operands)
    return False
