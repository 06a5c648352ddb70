"""Resolve a parsed scheme: every name, type, calendar and value checked, `any` expanded.

`resolve(scheme)` returns the same scheme marked resolved, with `transition any -> X` expanded
to its source statuses; or raises `LeadrulesError` with every problem found, each located.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from leadrules import calendar as business_time
from leadrules.errors import LeadrulesError
from leadrules.gcpause import gc_paused
from leadrules.model.common import Duration, Ref
from leadrules.model.scheme import (
    Action,
    Alert,
    Assign,
    Assignment,
    Calendar,
    Role,
    Scheme,
    Status,
    Team,
    Transition,
)
from leadrules.resolve.conditions import ConditionChecker
from leadrules.resolve.names import Collector, Names

OWNER = "owner"  # the built-in recipient: the lead's current owner


def calendar_engine(model: Calendar) -> business_time.BusinessCalendar:
    """The business-time engine for a (valid) calendar declaration."""
    hours: dict[int, list[tuple[int, int]]] = {}
    for line in model.open:
        for day in line.days:
            hours.setdefault(day, []).extend(line.intervals)
    return business_time.BusinessCalendar(model.timezone or "UTC", hours, model.closed,
                                          name=model.name)


class SchemeResolver:
    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.out = Collector(scheme.problems)
        self.names = Names(self.out)
        self.checker = ConditionChecker(self.names, scheme.field_map, self.out)

    def run(self) -> Scheme:
        self.declare()
        self.calendars()
        for status in self.scheme.statuses:
            self.status(status)
        transitions = tuple(self.transition(t) for t in self.scheme.transitions)
        for sync in self.scheme.syncs:
            self.names.check("stage", sync.stage)
            self.names.check("status", sync.status)
        self.expectations()
        self.crm_names()
        self.migrations()
        self.business_durations()
        if self.out.diagnostics:
            raise LeadrulesError(self.out.diagnostics)
        return attrs.evolve(self.scheme, transitions=transitions, resolved=True)

    # -- declarations ----------------------------------------------------------------------
    def declare(self) -> None:
        s, names = self.scheme, self.names
        for c in s.calendars:
            names.declare("calendar", c.name, c.span)
        for f in s.fields:
            names.declare("field", f.name, f.span)
            seen: set[str] = set()
            for choice in f.choices:
                if choice.name in seen:
                    self.out.error("E201", f"'{choice.name}' is listed twice in field "
                                   f"'{f.name}'", choice.span)
                seen.add(choice.name)
        for st in s.stages:
            names.declare("stage", st.name, st.span)
        groups: list[tuple[str, Team | Role]] = [("team", t) for t in s.teams]
        groups += [("role", r) for r in s.roles]
        groups.sort(key=lambda g: (g[1].span.line, g[1].span.column))  # in order of writing
        for kind, group in groups:
            if group.name == OWNER:
                self.out.error("E203", f"'{OWNER}' is the lead's owner and cannot name a "
                               f"{kind}", group.span, help="choose another name")
            names.declare(kind, group.name, group.span, namespace="group")
        for status in s.statuses:
            if status.name == "any":
                self.out.error("E203", "'any' means every status in a transition and cannot "
                               "name a status", status.span, help="choose another name")
            names.declare("status", status.name, status.span)
            subs = Names(self.out)
            for sub in status.subs:
                subs.declare("sub-status", sub.name, sub.span)
        for t in s.transitions:
            if t.event is not None:
                self.names.tables.setdefault("event", {}).setdefault(t.event.name, t.event.span)

    def calendars(self) -> None:
        for c in self.scheme.calendars:
            if any(c.span.line <= p.span.line <= c.span.end_line and p.span.file == c.span.file
                   for p in self.scheme.problems):
                continue  # its hours or days were already reported; do not pile up
            if not c.timezone:
                what = "an empty time zone" if c.timezone == "" else "no time zone"
                self.out.error("E211", f"calendar '{c.name}' has {what}",
                               c.timezone_span or c.span,
                               expected='a line such as timezone "Europe/Warsaw"')
                continue
            if not c.open:
                self.out.error("E212", f"calendar '{c.name}' has no open hours", c.span,
                               expected="a line such as open mon-fri 09:00-17:00")
                continue
            try:
                calendar_engine(c)
            except business_time.CalendarError as exc:
                code = "E211" if "zone" in str(exc) else "E212"
                self.out.error(code, str(exc), c.timezone_span or c.span)

    # -- statuses --------------------------------------------------------------------------
    def status(self, status: Status) -> None:
        for stage in status.stages:
            self.names.check("stage", stage)
        self.checker.condition(status.requires)
        for action in (*status.on_enter, *status.on_exit):
            self.action(action)
        for sla in status.slas:
            self.alert(sla.alert)
            if sla.activity and sla.within.amount <= 0:
                self.out.error("E222", "`sla activity every` needs a period longer than 0",
                               sla.within.span, expected="a duration such as 7 days")
        for timer in status.timers:
            if timer.without_activity and timer.delay.amount <= 0:
                self.out.error("E222", "`after … without activity` needs a delay longer than 0",
                               timer.delay.span, expected="a duration such as 30 days")
            if timer.target is not None:
                self.names.check("status", timer.target)
            for assignment in timer.sets:
                self.checker.assignment(assignment.field, assignment.value)
            self.checker.condition(timer.when)
            if timer.alert is not None:
                self.alert(timer.alert)
        for rule in status.rules:
            self.checker.condition(rule.when)
            self.names.check("status", rule.target)
            for assignment in rule.sets:
                self.checker.assignment(assignment.field, assignment.value)

    def action(self, action: Action) -> None:
        if isinstance(action, Assign):
            self.names.check("team", action.team)
        elif isinstance(action, Alert):
            self.alert(action)
        elif isinstance(action, Assignment):
            self.checker.assignment(action.field, action.value)

    def alert(self, alert: Alert) -> None:
        for who in alert.recipients:
            self.names.check("role", who, extra=(OWNER,))

    # -- transitions and expectations ------------------------------------------------------
    def transition(self, t: Transition) -> Transition:
        for source in t.sources:
            self.names.check("status", source)
        target_ok = self.names.check("status", t.target)
        self.checker.condition(t.requires)
        if t.approve is not None and t.approve.name == OWNER:
            self.out.error("E200", "the lead's owner cannot approve a move: approvals go to a "
                           "role", t.approve.span, expected="a role declared with `role NAME`")
        elif t.approve is not None:
            self.names.check("role", t.approve)
        self.checker.condition(t.approve_if)
        if not t.from_any or not target_ok:
            return t
        explicit = {s.name for s in t.sources}
        where = t.span
        expanded = tuple(
            Ref(s.name, span=where) for s in self.scheme.statuses
            if not s.locked and s.name != t.target.name and s.name not in explicit
        )
        return attrs.evolve(t, sources=t.sources + expanded)

    def expectations(self) -> None:
        for e in self.scheme.expects:
            self.names.check("status", e.status)
            if e.target is not None:
                self.names.check("status", e.target)
            want = "duration" if e.kind == "time_in" else "percent"
            ends = (e.range.low,) if e.range.low is e.range.high else (e.range.low, e.range.high)
            for end in ends:
                if end is None:
                    continue
                if end.kind != want:
                    example = "3..7 days or < 4 hours" if want == "duration" else "30%..50%"
                    self.out.error("E222", f"`{e.kind}` needs a "
                                   f"{'duration' if want == 'duration' else 'percentage'}, "
                                   f"not {end}", end.span, expected=f"a range such as {example}")
                elif want == "percent" and end.value > 100:
                    self.out.error("E222", f"{end} is more than 100%", end.span)
            low, high = e.range.low, e.range.high
            if (low is not None and high is not None and low is not high
                    and low.kind == high.kind and _size(low) > _size(high)):
                self.out.error("E222", f"the range {low}..{high} is empty (its low end is "
                               "above its high end)", e.range.span)

    # -- history: CRM labels and migrations -------------------------------------------------
    def crm_names(self) -> None:
        """`aka` labels: each names one status (a CRM label in two statuses could not be
        mapped back), and none is another status's own name."""
        seen: dict[str, str] = {}
        statuses = self.scheme.status_map
        for status in self.scheme.statuses:
            for i, label in enumerate(status.aka):
                at = status.aka_spans[i] if i < len(status.aka_spans) else status.span
                if label in seen:
                    where = "this status" if seen[label] == status.name else \
                        f"status '{seen[label]}'"
                    self.out.error("E201", f"the CRM label \"{label}\" is already an `aka` of "
                                   f"{where}", at,
                                   help="a CRM label must map to one status")
                elif label in statuses and label != status.name:
                    self.out.error("E201", f"\"{label}\" is the name of status '{label}'; it "
                                   f"cannot also be an `aka` of '{status.name}'", at,
                                   help="remove it, or merge the two statuses")
                seen.setdefault(label, status.name)

    def migrations(self) -> None:
        """`migrate Old -> New`: Old is no longer a status (else the line would move leads out
        of a live status), listed once; New is a status."""
        seen: dict[str, int] = {}
        for m in self.scheme.migrations:
            self.names.check("status", m.target)
            for i, old in enumerate(m.sources):
                span = m.source_spans[i] if i < len(m.source_spans) else m.span
                if self.names.has("status", old):
                    self.out.error("E204", f"'{old}' is still a status of this scheme; `migrate` "
                                   "is for statuses this version removed", span,
                                   help="remove the status to merge it, or drop this line")
                elif old in seen:
                    self.out.error("E201", f"'{old}' is migrated twice", span,
                                   help=f"the first migration is at line {seen[old]}")
                else:
                    seen[old] = m.span.line

    # -- business time ---------------------------------------------------------------------
    def business_durations(self) -> None:
        if self.scheme.business_calendar_model is not None:
            return
        many = len(self.scheme.calendars) > 1
        for d in self.durations():
            if d.business:
                self.out.error(
                    "E210", f"'{d}' counts business time, but no calendar says which",
                    d.span,
                    help="name one calendar `business`" if many else
                    'add: calendar business { timezone "Europe/Warsaw"  open mon-fri '
                    "09:00-17:00 }")

    def durations(self) -> Iterator[Duration]:
        s = self.scheme
        if s.meta is not None and s.meta.review_every is not None:
            yield s.meta.review_every
        for status in s.statuses:
            for action in (*status.on_enter, *status.on_exit):
                if getattr(action, "due", None) is not None:
                    yield action.due  # type: ignore[union-attr,misc]
            for sla in status.slas:
                yield sla.within
            for timer in status.timers:
                yield timer.delay
        for e in s.expects:
            for end in (e.range.low, e.range.high):
                if end is not None and end.duration is not None:
                    yield end.duration


def _size(q: object) -> float:
    d = getattr(q, "duration", None)
    return d.seconds if d is not None else float(q.value)  # type: ignore[attr-defined]


def resolve_scheme(scheme: Scheme) -> Scheme:
    """Check every name, type and value of a parsed scheme; expand `any`.

    Returns the scheme marked resolved, or raises `LeadrulesError` with all problems found.
    """
    if scheme.resolved:
        return scheme
    with gc_paused():
        return SchemeResolver(scheme).run()
