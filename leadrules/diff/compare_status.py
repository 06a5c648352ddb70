"""One status against its old self: words, flags, requirements, actions, SLAs, timers, rules.

Timers and data rules are paired by where they send the lead (an alert timer by its kind), so
"the 30-day timer to Stale became 21 days" reads as one change, not a removal and an addition.
Durations are compared in business time on each scheme's calendar (see `businesstime`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from leadrules.diff.businesstime import compare
from leadrules.diff.model import Area, ChangeClass
from leadrules.diff.requirements import requirement_change
from leadrules.diff.words import action_text, alert_text, cond_text, conjuncts
from leadrules.errors import Span
from leadrules.model.common import Compare, condition_text
from leadrules.model.scheme import Action, DataRule, Scheme, Sla, Status, Timer

if TYPE_CHECKING:
    from leadrules.diff.compare_schemes import Differ

T = TypeVar("T")
B, H, C = ChangeClass.BREAKING, ChangeClass.BEHAVIOURAL, ChangeClass.COSMETIC


class StatusDiffer:
    def __init__(self, d: Differ, old: Status, new: Status) -> None:
        self.d, self.o, self.n = d, old, new
        self.name = new.name

    def add(self, cls: ChangeClass, area: Area, kind: str, text: str,
            old_span: Span | None = None, new_span: Span | None = None,
            why: str | None = None) -> None:
        self.d.add(cls, area, kind, self.name, f"{self.name}: {text}",
                   old_span or self.o.span, new_span or self.n.span, why)

    def run(self) -> None:
        self.words()
        self.flags()
        self.requires()
        self.actions("on enter", self.o.on_enter, self.n.on_enter)
        self.actions("on exit", self.o.on_exit, self.n.on_exit)
        self.slas()
        self.timers()
        self.rules()

    def words(self) -> None:
        o, n = self.o, self.n
        for key in ("label", "means", "use"):
            a, b = getattr(o, key), getattr(n, key)
            if a != b:
                self.add(C, "status", "changed", f"{key} {_q(a)} → {_q(b)}")
        if o.translations != n.translations:
            old = {(t.kind, t.locale): t.text for t in o.translations}
            new = {(t.kind, t.locale): t.text for t in n.translations}
            keys = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
            what = ", ".join(f"{kind} {loc}" for kind, loc in keys) or "order"
            self.add(C, "status", "changed", f"translations changed ({what})")
        if o.aka != n.aka:
            self.add(C, "status", "changed",
                     f"aka {', '.join(map(_q, o.aka)) or '(none)'} → "
                     f"{', '.join(map(_q, n.aka)) or '(none)'}")
        if o.subs != n.subs:
            self.add(C, "status", "changed",
                     f"sub-statuses {', '.join(s.name for s in o.subs) or '(none)'} → "
                     f"{', '.join(s.name for s in n.subs) or '(none)'}")

    def flags(self) -> None:
        o, n = self.o, self.n
        if o.initial != n.initial:
            self.add(H, "status", "changed",
                     "now the initial status" if n.initial else "no longer the initial status")
        if o.outcome != n.outcome:
            self.add(H, "status", "changed", f"outcome {o.outcome or '(none)'} → "
                     f"{n.outcome or '(none)'}")
        if o.locked != n.locked:
            self.add(H, "status", "changed", "now locked" if n.locked else "no longer locked")
        so, sn = [r.name for r in o.stages], [r.name for r in n.stages]
        if so != sn:
            self.add(H, "status", "changed",
                     f"stages {', '.join(so) or '(none)'} → {', '.join(sn) or '(none)'}")

    def requires(self) -> None:
        o, n = conjuncts(self.o.requires), conjuncts(self.n.requires)
        if o == n:
            if self.o.requires != self.n.requires:
                self.add(C, "requires", "reordered", "requirement reordered (same parts)")
            return
        cls, kind, text, why = requirement_change(o, n, cond_text(self.o.requires),
                                                  cond_text(self.n.requires), self.name)
        self.add(cls, "requires", kind, text, why=why)

    def actions(self, when: str, old: tuple[Action, ...], new: tuple[Action, ...]) -> None:
        a = Counter(action_text(x) for x in old)
        b = Counter(action_text(x) for x in new)
        for text in (a - b):
            self.add(H, "action", "removed", f"{when}: `{text}` removed")
        for text in (b - a):
            self.add(H, "action", "added", f"{when}: `{text}` added")
        if a == b and old != new:
            self.add(C, "action", "reordered", f"{when}: actions reordered")

    def slas(self) -> None:
        for activity in (False, True):
            old = [s for s in self.o.slas if s.activity == activity]
            new = [s for s in self.n.slas if s.activity == activity]
            for x, y in zip(old, new, strict=False):
                self.sla(x, y)
            for x in old[len(new):]:
                self.add(H, "sla", "removed", f"`{_sla(x)}` removed", x.span)
            for y in new[len(old):]:
                self.add(H, "sla", "added", f"`{_sla(y)}` added", new_span=y.span)

    def sla(self, x: Sla, y: Sla) -> None:
        co, cn = self.d.clocks
        way = compare(x.within, co, y.within, cn)
        if way:
            kind = "tightened" if way < 0 else "loosened"
            self.add(H, "sla", kind, f"SLA {kind} from {co.describe(x.within, y.within)} to "
                     f"{cn.describe(y.within, x.within)}", x.span, y.span)
        if x.alert != y.alert:
            self.add(H, "sla", "changed", f"`{_sla(x)}` now says `{alert_text(y.alert)}`",
                     x.span, y.span)

    def timers(self) -> None:
        def key(t: Timer, mapped: bool) -> str:
            if t.target is None:
                return f"alert {t.alert.kind if t.alert else ''}"
            return self.d.to_new(t.target.name) if mapped else t.target.name

        def kind(t: Timer) -> str:
            return "move" if t.target is not None else "alert"

        pairs = _paired(self.o.timers, self.n.timers, lambda t: key(t, True),
                        lambda t: key(t, False))
        olds = [x for x, y in pairs if x is not None and y is None]
        news = [y for x, y in pairs if y is not None and x is None]
        pairs = [(x, y) for x, y in pairs if x is not None and y is not None]
        elsewhere = _paired(olds, news, kind, kind)  # a timer that now sends leads elsewhere
        pairs += elsewhere
        for old, new in pairs:
            if old is None and new is not None:
                self.add(H, "timer", "added", f"timer `{_timer(new)}` added", new_span=new.span)
            elif new is None and old is not None:
                self.add(H, "timer", "removed",
                         f"timer `{_timer(old, self.d.to_new)}` removed", old.span)
            elif old is not None and new is not None:
                self.timer(old, new)

    def timer(self, x: Timer, y: Timer) -> None:
        co, cn = self.d.clocks
        was = f"timer `{_timer(x, self.d.to_new)}`"
        way = compare(x.delay, co, y.delay, cn)
        if way:
            kind = "tightened" if way < 0 else "loosened"
            sooner = "sooner" if way < 0 else "later"
            self.add(H, "timer", kind, f"{was} fires {sooner}: {kind} from "
                     f"{co.describe(x.delay, y.delay)} to {cn.describe(y.delay, x.delay)}",
                     x.span, y.span)
        if x.target is not None and y.target is not None and \
                self.d.to_new(x.target.name) != y.target.name:
            self.add(H, "timer", "changed", f"{was} now sends leads to {y.target.name}",
                     x.span, y.span)
        if x.without_activity != y.without_activity:
            self.add(H, "timer", "changed", f"{was} now counts from "
                     f"{'the last activity' if y.without_activity else 'entry'}",
                     x.span, y.span)
        if x.when != y.when:
            self.add(H, "timer", "changed", f"{was} condition {cond_text(x.when)} → "
                     f"{cond_text(y.when)}", x.span, y.span)
        if x.sets != y.sets or x.alert != y.alert:
            self.add(H, "timer", "changed", f"{was} is now `{_timer(y)}`", x.span, y.span)

    def rules(self) -> None:
        for old, new in _paired(self.o.rules, self.n.rules,
                                lambda r: self.d.to_new(r.target.name),
                                lambda r: r.target.name):
            if old is None and new is not None:
                self.add(H, "rule", "added", f"rule `{_rule(new)}` added", new_span=new.span)
            elif new is None and old is not None:
                self.add(H, "rule", "removed", f"rule `{_rule(old, self.d.to_new)}` removed",
                         old.span)
            elif old is not None and new is not None:
                self.rule(old, new)

    def rule(self, x: DataRule, y: DataRule) -> None:
        if x.when != y.when:
            limit = _limit(x), _limit(y)
            if limit[0] and limit[1] and limit[0][:2] == limit[1][:2]:
                field, _, a = limit[0]
                b = limit[1][2]
                word = _limit_word(self.d.new, field)
                lowered = b < a
                kind = "tightened" if lowered else "loosened"
                self.add(H, "rule", kind,
                         f"{word} `{_rule(x, self.d.to_new)}` {'lowered' if lowered else 'raised'}"
                         f" from {_n(a)} to {_n(b)} (leads go to {y.target.name} after "
                         f"{'fewer' if lowered else 'more'} {field})", x.span, y.span)
            else:
                self.add(H, "rule", "changed",
                         f"rule `{_rule(x, self.d.to_new)}` now fires when "
                         f"{condition_text(y.when)}", x.span, y.span)
        if x.sets != y.sets:
            self.add(H, "rule", "changed", f"rule `{_rule(x, self.d.to_new)}` is now "
                     f"`{_rule(y)}`", x.span, y.span)


def _paired(old: Sequence[T], new: Sequence[T], key_old: Callable[[T], str],
            key_new: Callable[[T], str]) -> list[tuple[T | None, T | None]]:
    """Old and new items paired by key, in order; an unmatched side is None."""
    left = list(new)
    out: list[tuple[T | None, T | None]] = []
    for x in old:
        k = key_old(x)
        match = next((y for y in left if key_new(y) == k), None)
        if match is not None:
            left.remove(match)
        out.append((x, match))
    out += [(None, y) for y in left]
    return out


def _limit(r: DataRule) -> tuple[str, str, Decimal] | None:
    """`when FIELD >= N -> X` (or `>`): the field, operator and threshold of a limit."""
    w = r.when
    if isinstance(w, Compare) and w.op in (">=", ">") and isinstance(w.value.value, Decimal):
        return (w.field.name, w.op, w.value.value)
    return None


def _limit_word(scheme: Scheme, field: str) -> str:
    f = scheme.field_map.get(field)
    return "attempt limit" if "attempt" in field or (f is not None and f.type == "count") \
        else "threshold"


def _n(x: Decimal) -> str:
    return format(x.normalize(), "f")


def _q(value: object) -> str:
    return "(none)" if value is None else f'"{value}"'


def _sla(s: Sla) -> str:
    every = "activity every " if s.activity else ""
    return f"sla {every}{s.within} {alert_text(s.alert)}"


def _timer(t: Timer, name: Callable[[str], str] = str) -> str:
    idle = " without activity" if t.without_activity else ""
    text = f"after {t.delay}{idle}"
    if t.target is not None:
        text += f" -> {name(t.target.name)}"
    if t.alert is not None:
        text += f" {alert_text(t.alert)}"
    if t.sets:
        text += " set " + ", ".join(f"{a.field.name} = {a.value}" for a in t.sets)
    if t.when is not None:
        text += f" when {condition_text(t.when)}"
    return text


def _rule(r: DataRule, name: Callable[[str], str] = str) -> str:
    text = f"when {condition_text(r.when)} -> {name(r.target.name)}"
    if r.sets:
        text += " set " + ", ".join(f"{a.field.name} = {a.value}" for a in r.sets)
    return text
