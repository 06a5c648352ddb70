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
    Calendar,
    Expectation,
    Field,
    Migration,
    OpenHours,
    Role,
    Scheme,
    SchemeMeta,
    Stage,
    StageSync,
    Team,
    Transition,
    Translation,
)
from leadrules.parse.build_common import CommonBuilder, Line
from leadrules.suggest import did_you_mean


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
            migrations=tuple(parts.get("Migration", [])),
            problems=tuple(self.problems),
        )

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

    def stage_line(self, meta: Meta, c: list[Any]) -> Stage:
        tokens = [t for t in c[1:] if isinstance(t, Token)]
        label = next((str(t) for t in tokens if t.type == "STRING"), None)
        reportable = any(t.type == "REPORTABLE" for t in tokens)
        translations = self.translations(
            [t for t in c[1:] if isinstance(t, Translation)], f"stage {c[0]}")
        return Stage(str(c[0]), label, reportable, translations, span=self.span(meta))

    def translation(self, meta: Meta, c: list[Token]) -> Translation:
        return self.make_translation("label", meta, c)

    def team(self, meta: Meta, c: list[Token]) -> Team:
        return Team(str(c[0]), str(c[1]) if len(c) > 1 else None, span=self.span(meta))

    def role(self, meta: Meta, c: list[Token]) -> Role:
        return Role(str(c[0]), str(c[1]) if len(c) > 1 else None, span=self.span(meta))

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

    def migrate(self, meta: Meta, c: list[Token]) -> Migration:
        *sources, target = c
        return Migration(tuple(str(t) for t in sources), self.ref(target), span=self.span(meta),
                         source_spans=tuple(self.span(t) for t in sources))
