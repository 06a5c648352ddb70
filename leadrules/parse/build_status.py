"""Tree → model, part 3: statuses, their body lines and their automation (`on enter { … }`)."""

from __future__ import annotations

from typing import Any

from lark import Token
from lark.tree import Meta

from leadrules.model.common import Condition, Ref
from leadrules.model.scheme import (
    Alert,
    Assign,
    Assignment,
    DataRule,
    DoAction,
    Sequence,
    Sla,
    Status,
    SubStatus,
    Task,
    Timer,
    Translation,
)
from leadrules.parse.build_common import CommonBuilder, Line

WITHOUT = object()  # marks `without activity` among a timer's children


class StatusBuilder(CommonBuilder):
    """Builds `Status` models: one method per status line and action."""

    # -- statuses --------------------------------------------------------------------------
    def status(self, meta: Meta, c: list[Any]) -> Status:
        name = str(c[0])
        rest = c[1:]
        label = None
        if rest and isinstance(rest[0], Token):
            label, rest = str(rest[0]), rest[1:]
        single = self._once([x for x in rest if isinstance(x, tuple)],
                            f"status {name}")
        hooks: dict[str, tuple[Any, ...]] = {}
        for x in rest:
            if isinstance(x, list) and x and x[0] in ("enter", "exit"):
                if x[0] in hooks:
                    self.problem("E202", f"`on {x[0]}` is written twice in status {name}",
                                 x[1], help="put all its actions in one block")
                hooks.setdefault(x[0], tuple(x[2:]))

        def get(tag: str, default: Any = None) -> Any:
            return single[tag][1] if tag in single else default

        aka = [x for x in rest if isinstance(x, list) and x and x[0] == "aka"]
        return Status(
            name, label,
            initial="initial" in single,
            outcome=get("outcome"),
            locked="locked" in single,
            stages=get("stages", ()),
            means=get("means"),
            use=get("use"),
            requires=get("requires"),
            on_enter=hooks.get("enter", ()),
            on_exit=hooks.get("exit", ()),
            slas=tuple(x for x in rest if isinstance(x, Sla)),
            timers=tuple(x for x in rest if isinstance(x, Timer)),
            rules=tuple(x for x in rest if isinstance(x, DataRule)),
            subs=tuple(x for x in rest if isinstance(x, SubStatus)),
            translations=self.translations([x for x in rest if isinstance(x, Translation)],
                                           f"status {name}"),
            aka=tuple(str(t) for line in aka for t in line[1:]),
            aka_spans=tuple(self.span(t) for line in aka for t in line[1:]),
            span=self.span(meta),
        )

    def st_initial(self, meta: Meta, c: list[Any]) -> Line:
        return ("initial", True, self.span(meta))

    def st_outcome(self, meta: Meta, c: list[Token]) -> Line:
        return ("outcome", str(c[0]), self.span(meta))

    def st_locked(self, meta: Meta, c: list[Any]) -> Line:
        return ("locked", True, self.span(meta))

    def st_stages(self, meta: Meta, c: list[Token]) -> Line:
        return ("stages", tuple(self.ref(t) for t in c), self.span(meta))

    def st_means(self, meta: Meta, c: list[Token]) -> Line:
        return ("means", str(c[0]), self.span(meta))

    def st_label(self, meta: Meta, c: list[Token]) -> Translation:
        return self.make_translation("label", meta, c)

    def st_means_in(self, meta: Meta, c: list[Token]) -> Translation:
        return self.make_translation("means", meta, c)

    def st_use_in(self, meta: Meta, c: list[Token]) -> Translation:
        return self.make_translation("use", meta, c)

    def st_use(self, meta: Meta, c: list[Token]) -> Line:
        return ("use", str(c[0]), self.span(meta))

    def st_requires(self, meta: Meta, c: list[Condition]) -> Line:
        return ("requires", c[0], self.span(meta))

    def st_hook(self, meta: Meta, c: list[Any]) -> list[Any]:
        return [str(c[0]), self.span(meta), *c[1:]]

    def st_sla(self, meta: Meta, c: list[Any]) -> Sla:
        alert = Alert(c[1].value, c[2], span=self.span(c[1]))
        return Sla(c[0], alert, activity=False, span=self.span(meta))

    def st_activity_sla(self, meta: Meta, c: list[Any]) -> Sla:
        alert = Alert(c[1].value, c[2], span=self.span(c[1]))
        return Sla(c[0], alert, activity=True, span=self.span(meta))

    def without(self, meta: Meta, c: list[Any]) -> object:
        return WITHOUT

    def st_after_move(self, meta: Meta, c: list[Any]) -> Timer:
        target = next(x for x in c if isinstance(x, Token))
        sets = next((x for x in c if isinstance(x, list)), [])
        when = next((x[1] for x in c if isinstance(x, tuple) and x[0] == "when"), None)
        return Timer(c[0], WITHOUT in c, self.ref(target), tuple(sets), when,
                     span=self.span(meta))

    def st_after_alert(self, meta: Meta, c: list[Any]) -> Timer:
        kind = next(x for x in c if isinstance(x, Token))
        alert = Alert(kind.value, c[-1], span=self.span(kind))
        return Timer(c[0], WITHOUT in c, alert=alert, span=self.span(meta))

    def st_when(self, meta: Meta, c: list[Any]) -> DataRule:
        sets = c[2] if len(c) > 2 else []
        return DataRule(c[0], self.ref(c[1]), tuple(sets), span=self.span(meta))

    def st_sub(self, meta: Meta, c: list[Token]) -> SubStatus:
        return SubStatus(str(c[0]), str(c[1]) if len(c) > 1 else None, span=self.span(meta))

    def st_aka(self, meta: Meta, c: list[Token]) -> list[Any]:
        return ["aka", *c]

    def when_clause(self, meta: Meta, c: list[Any]) -> Line:
        return ("when", c[0], self.span(meta))

    def set_clause(self, meta: Meta, c: list[Assignment]) -> list[Assignment]:
        return list(c)

    def assignment(self, meta: Meta, c: list[Any]) -> Assignment:
        # The grammar accepts any comparison sign here: a separate "=" terminal would collide
        # with CMP in LALR's merged lookaheads after a name, and lose `x = y` in conditions.
        if c[1].value != "=":
            self.problem("E100", f"unexpected '{c[1]}'", c[1], expected="`=` (set FIELD = VALUE)")
        return Assignment(self.ref(c[0]), c[2], span=self.span(meta))

    def recipients(self, meta: Meta, c: list[Token]) -> tuple[Ref, ...]:
        return tuple(self.ref(t) for t in c)

    # -- actions ---------------------------------------------------------------------------
    def act_assign(self, meta: Meta, c: list[Any]) -> Assign:
        strategy = next((x[1] for x in c[1:] if isinstance(x, tuple)), None)
        different = any(isinstance(x, Token) and x.type == "DIFFERENT_OWNER" for x in c[1:])
        return Assign(self.ref(c[0]), strategy, different, span=self.span(meta))

    def assign_by(self, meta: Meta, c: list[Token]) -> Line:
        return ("by", str(c[0]), self.span(meta))

    def act_task(self, meta: Meta, c: list[Any]) -> Task:
        return Task(str(c[0]), c[1] if len(c) > 1 else None, span=self.span(meta))

    def act_notify(self, meta: Meta, c: list[Any]) -> Alert:
        return Alert("notify", c[0], span=self.span(meta))

    def act_escalate(self, meta: Meta, c: list[Any]) -> Alert:
        return Alert("escalate", c[0], span=self.span(meta))

    def act_start_sequence(self, meta: Meta, c: list[Token]) -> Sequence:
        return Sequence(True, str(c[0]), span=self.span(meta))

    def act_stop_sequence(self, meta: Meta, c: list[Token]) -> Sequence:
        name = None if c[0].type == "ALL" else str(c[0])
        return Sequence(False, name, span=self.span(meta))

    def act_set(self, meta: Meta, c: list[Assignment]) -> Assignment:
        return c[0]

    def act_do(self, meta: Meta, c: list[Token]) -> DoAction:
        return DoAction(str(c[0]), span=self.span(meta))
