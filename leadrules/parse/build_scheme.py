"""Tree → model, part 2: the declarations of a scheme file (`*.leads`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from lark import Token
from lark.tree import Meta

from leadrules import calendar as business_time
from leadrules.model.common import Condition, Duration, Ref
from leadrules.model.scheme import (
    FIELD_TYPES,
    Alert,
    Assign,
    Assignment,
    Calendar,
    DataRule,
    DoAction,
    Expectation,
    Field,
    OpenHours,
    Role,
    Scheme,
    SchemeMeta,
    Sequence,
    Sla,
    Stage,
    StageSync,
    Status,
    SubStatus,
    Task,
    Team,
    Timer,
    Transition,
)
from leadrules.parse.build_common import CommonBuilder
from leadrules.suggest import did_you_mean

Line = tuple[Any, ...]  # ("tag", value…, span) produced by one-line rules
WITHOUT = object()  # marks `without activity` among a timer's children


def _tokens(children: list[Any], kind: str) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and c.type == kind]


class SchemeBuilder(CommonBuilder):
    """Builds a `Scheme` from the `scheme_file` tree."""

    def scheme_file(self, meta: Meta, children: list[Any]) -> Scheme:
        parts: dict[str, list[Any]] = {}
        for child in children:
            items = child if isinstance(child, list) else [child]
            for item in items:
                parts.setdefault(type(item).__name__, []).append(item)
        metas = parts.get("SchemeMeta", [])
        for extra in metas[1:]:
            self.problem("E202", "a second `scheme` block; a file describes one scheme",
                         extra.span, help="merge the two blocks into one")
        return Scheme(
            path=self.path,
            meta=metas[0] if metas else None,
            calendars=tuple(parts.get("Calendar", [])),
            fields=tuple(parts.get("Field", [])),
            stages=tuple(parts.get("Stage", [])),
            teams=tuple(parts.get("Team", [])),
            roles=tuple(parts.get("Role", [])),
            statuses=tuple(parts.get("Status", [])),
            transitions=tuple(parts.get("Transition", [])),
            syncs=tuple(parts.get("StageSync", [])),
            expects=tuple(parts.get("Expectation", [])),
            problems=tuple(self.problems),
        )

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

    # -- metadata and calendars ------------------------------------------------------------
    def scheme_meta(self, meta: Meta, children: list[Any]) -> SchemeMeta:
        lines = self._once(children[1:], "the scheme block")

        def get(tag: str) -> Any:
            return lines[tag][1] if tag in lines else None

        return SchemeMeta(str(children[0]), get("version"), get("owner"), get("description"),
                          get("review"), get("reviewed"), span=self.span(meta))

    def meta_version(self, meta: Meta, c: list[Token]) -> Line:
        return ("version", str(c[0]), self.span(meta))

    def meta_owner(self, meta: Meta, c: list[Token]) -> Line:
        return ("owner", str(c[0]), self.span(meta))

    def meta_description(self, meta: Meta, c: list[Token]) -> Line:
        return ("description", str(c[0]), self.span(meta))

    def meta_review_every(self, meta: Meta, c: list[Duration]) -> Line:
        return ("review", c[0], self.span(meta))

    def meta_reviewed(self, meta: Meta, c: list[Token]) -> Line:
        return ("reviewed", self.date(c[0]), self.span(meta))

    def calendar(self, meta: Meta, children: list[Any]) -> Calendar:
        lines = children[1:]
        single = self._once([x for x in lines if isinstance(x, tuple)], "a calendar")
        tz = single.get("timezone")
        closed = tuple(d for x in lines if isinstance(x, tuple) and x[0] == "closed"
                       for d in x[1])
        return Calendar(str(children[0]), tz[1] if tz else None,
                        tuple(x for x in lines if isinstance(x, OpenHours)), closed,
                        span=self.span(meta), timezone_span=tz[2] if tz else None)

    def cal_timezone(self, meta: Meta, c: list[Token]) -> Line:
        return ("timezone", str(c[0]), self.span(c[0]))

    def cal_open(self, meta: Meta, c: list[Any]) -> OpenHours:
        days = sorted({d for part in c if isinstance(part, list) for d in part})
        intervals = tuple(part for part in c if isinstance(part, tuple))
        return OpenHours(tuple(days), intervals, span=self.span(meta))

    def day_spec(self, meta: Meta, c: list[Token]) -> list[int]:
        text = "-".join(str(t) for t in c)
        try:
            return business_time.parse_days(text)
        except business_time.CalendarError as exc:
            self.problem("E214", str(exc), meta,
                         expected="days such as mon-fri, or sat, sun (mon tue wed thu fri sat "
                         "sun)")
            return []

    def hours(self, meta: Meta, c: list[Token]) -> tuple[int, int] | list[int]:
        try:
            start, end = (business_time.parse_hhmm(str(t)) for t in c)
        except business_time.CalendarError as exc:
            self.problem("E212", str(exc), meta, expected="hours such as 09:00-17:00")
            return []
        if start >= end:
            self.problem("E212", f"open hours {c[0]}-{c[1]} end before they start", meta,
                         expected="hours such as 09:00-17:00 (use 24:00 for midnight)")
            return []
        return (start, end)

    def cal_closed(self, meta: Meta, c: list[Any]) -> Line:
        return ("closed", [d for part in c for d in part], self.span(meta))

    def date_span(self, meta: Meta, c: list[Token]) -> list[Any]:
        first = self.date(c[0])
        if len(c) == 1:
            return [first]
        last = self.date(c[1])
        if last < first or (last - first).days > 366:
            self.problem("E213", f"the closed period {c[0]}..{c[1]} is not a range of dates "
                         "within a year", meta)
            return [first]
        return [first + dt.timedelta(days=i)
                for i in range((last - first).days + 1)]

    # -- fields, stages, teams, roles ------------------------------------------------------
    def field(self, meta: Meta, c: list[Any]) -> Field:
        kind, choices, type_span = c[1]
        desc = str(c[2]) if len(c) > 2 else None
        return Field(str(c[0]), kind, choices, desc, span=self.span(meta), type_span=type_span)

    def simple_type(self, meta: Meta, c: list[Token]) -> tuple[str, tuple[Ref, ...], Any]:
        name = str(c[0])
        if name not in FIELD_TYPES or name == "choice":
            self.problem("E223", f"'{name}' is not a field type", c[0],
                         expected="one of " + ", ".join(FIELD_TYPES[:-1]) + ", choice(a, b, …)",
                         help=did_you_mean(name, FIELD_TYPES))
        return (name, (), self.span(c[0]))

    def choice_type(self, meta: Meta, c: list[Token]) -> tuple[str, tuple[Ref, ...], Any]:
        return ("choice", tuple(self.ref(t) for t in c), self.span(meta))

    def stages(self, meta: Meta, c: list[Stage]) -> list[Stage]:
        return list(c)

    def stage_line(self, meta: Meta, c: list[Token]) -> Stage:
        label = next((str(t) for t in c[1:] if t.type == "STRING"), None)
        reportable = any(t.type == "REPORTABLE" for t in c[1:])
        return Stage(str(c[0]), label, reportable, span=self.span(meta))

    def team(self, meta: Meta, c: list[Token]) -> Team:
        return Team(str(c[0]), str(c[1]) if len(c) > 1 else None, span=self.span(meta))

    def role(self, meta: Meta, c: list[Token]) -> Role:
        return Role(str(c[0]), str(c[1]) if len(c) > 1 else None, span=self.span(meta))

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

    # -- transitions, stage sync, expectations ---------------------------------------------
    def transition(self, meta: Meta, c: list[Any]) -> Transition:
        sources = [x[1] for x in c if isinstance(x, tuple) and x[0] == "source"]
        target = next(x for x in c if isinstance(x, Token))
        event = next((x[1] for x in c if isinstance(x, tuple) and x[0] == "event"), None)
        requires = next((x[1] for x in c if isinstance(x, tuple) and x[0] == "requires"), None)
        approve = next((x for x in c if isinstance(x, tuple) and x[0] == "approve"), None)
        return Transition(
            tuple(s for s in sources if s is not None), self.ref(target), event,
            from_any=None in sources, requires=requires,
            approve=approve[1] if approve else None,
            approve_if=approve[2] if approve else None,
            span=self.span(meta),
        )

    def source(self, meta: Meta, c: list[Token]) -> Line:
        tok = c[0]
        return ("source", None if tok.type == "ANY" else self.ref(tok))

    def on_event(self, meta: Meta, c: list[Token]) -> Line:
        return ("event", self.ref(c[0]))

    def manual(self, meta: Meta, c: list[Any]) -> Line:
        return ("manual", None)

    def requires_clause(self, meta: Meta, c: list[Condition]) -> Line:
        return ("requires", c[0])

    def approve_clause(self, meta: Meta, c: list[Any]) -> Line:
        return ("approve", self.ref(c[0]), c[1] if len(c) > 1 else None)

    def stage_sync(self, meta: Meta, c: list[Token]) -> StageSync:
        kind: Literal["becomes", "returns"] = (
            "becomes" if c[0].value == "becomes" else "returns")
        return StageSync(kind, self.ref(c[1]), self.ref(c[2]), span=self.span(meta))

    def expect(self, meta: Meta, c: list[Expectation]) -> list[Expectation]:
        return list(c)

    def exp_conversion(self, meta: Meta, c: list[Any]) -> Expectation:
        return Expectation("conversion", self.ref(c[0]), c[2], target=self.ref(c[1]),
                           span=self.span(meta))

    def exp_time_in(self, meta: Meta, c: list[Any]) -> Expectation:
        return Expectation("time_in", self.ref(c[0]), c[1], span=self.span(meta))

    def exp_share(self, meta: Meta, c: list[Any]) -> Expectation:
        return Expectation("share", self.ref(c[0]), c[1], span=self.span(meta))
