"""The scheme model: what a `*.leads` file declares, as frozen attrs classes.

`parse` builds these from text with names as `Ref`s; `resolve` checks every reference, expands
`transition any -> X`, and marks the scheme resolved. Lookups by name are cached properties.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Literal

import attrs

from leadrules.errors import Diagnostic, Span
from leadrules.model.common import Condition, Duration, Range, Ref, Value, span_field


@attrs.frozen
class SchemeMeta:
    name: str
    version: str | None = None
    owner: str | None = None
    description: str | None = None
    review_every: Duration | None = None
    reviewed: dt.date | None = None
    span: Span = span_field()


@attrs.frozen
class OpenHours:
    """`open mon-fri 09:00-17:00`: weekdays (0 = Monday) and minute intervals of local time."""

    days: tuple[int, ...]
    intervals: tuple[tuple[int, int], ...]
    span: Span = span_field()


@attrs.frozen
class Calendar:
    name: str
    timezone: str | None
    open: tuple[OpenHours, ...]
    closed: tuple[dt.date, ...]
    span: Span = span_field()
    timezone_span: Span | None = attrs.field(default=None, eq=False, repr=False)


FIELD_TYPES = (
    "text", "email", "phone", "number", "count", "money", "bool", "date", "datetime", "choice",
)
NUMERIC_TYPES = frozenset({"number", "count", "money"})


@attrs.frozen
class Field:
    """`field NAME TYPE ["description"]`; `choices` only for `choice(a, b, …)`."""

    name: str
    type: str
    choices: tuple[Ref, ...] = ()
    description: str | None = None
    span: Span = span_field()
    type_span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Translation:
    """`label ru "Новый"` (or `means ru "…"`, `use ru "…"`): text in another language."""

    kind: Literal["label", "means", "use"]
    locale: str
    text: str
    span: Span = span_field()


def translated(default: str | None, translations: tuple[Translation, ...], kind: str,
               locale: str | None) -> str | None:
    """The text of `kind` in `locale` when the scheme gives one, else the default."""
    if locale:
        for t in translations:
            if t.kind == kind and t.locale == locale:
                return t.text
        base = locale.split("_")[0]
        for t in translations:
            if t.kind == kind and t.locale == base:
                return t.text
    return default


@attrs.frozen
class Stage:
    name: str
    label: str | None = None
    reportable: bool = False
    translations: tuple[Translation, ...] = ()
    span: Span = span_field()

    def text(self, locale: str | None = None) -> str:
        """The stage's label in `locale` (else its label, else its name)."""
        return translated(self.label, self.translations, "label", locale) or self.name


@attrs.frozen
class Team:
    name: str
    label: str | None = None
    span: Span = span_field()


@attrs.frozen
class Role:
    name: str
    label: str | None = None
    span: Span = span_field()


@attrs.frozen
class Assign:
    team: Ref
    strategy: str | None = None  # round_robin | territory
    different_owner: bool = False
    span: Span = span_field()


@attrs.frozen
class Task:
    text: str
    due: Duration | None = None
    span: Span = span_field()


@attrs.frozen
class Alert:
    """`notify R, …` or `escalate R, …` (also the tail of SLA and timer lines)."""

    kind: Literal["notify", "escalate"]
    recipients: tuple[Ref, ...]
    span: Span = span_field()


@attrs.frozen
class Sequence:
    """`start sequence "x"`, `stop sequence "x"`, `stop sequence all` (name None)."""

    start: bool
    name: str | None
    span: Span = span_field()


@attrs.frozen
class Assignment:
    """`set FIELD = VALUE`."""

    field: Ref
    value: Value
    span: Span = span_field()


@attrs.frozen
class DoAction:
    """`do NAME`: a named integration action."""

    name: str
    span: Span = span_field()


Action = Assign | Task | Alert | Sequence | Assignment | DoAction


@attrs.frozen
class Sla:
    """`sla D escalate R` (leave within D) or `sla activity every D notify R` (activity)."""

    within: Duration
    alert: Alert
    activity: bool = False
    span: Span = span_field()


@attrs.frozen
class Timer:
    """`after D [without activity] -> STATUS [set …] [when COND]` or `after D … notify R`."""

    delay: Duration
    without_activity: bool = False
    target: Ref | None = None
    sets: tuple[Assignment, ...] = ()
    when: Condition | None = None
    alert: Alert | None = None
    span: Span = span_field()


@attrs.frozen
class DataRule:
    """`when COND -> STATUS [set …]`: a move that fires as soon as the condition holds."""

    when: Condition
    target: Ref
    sets: tuple[Assignment, ...] = ()
    span: Span = span_field()


@attrs.frozen
class SubStatus:
    name: str
    label: str | None = None
    span: Span = span_field()


@attrs.frozen
class Status:
    name: str
    label: str | None = None
    initial: bool = False
    outcome: Literal["won", "lost"] | None = None
    locked: bool = False
    stages: tuple[Ref, ...] = ()
    means: str | None = None
    use: str | None = None
    requires: Condition | None = None
    on_enter: tuple[Action, ...] = ()
    on_exit: tuple[Action, ...] = ()
    slas: tuple[Sla, ...] = ()
    timers: tuple[Timer, ...] = ()
    rules: tuple[DataRule, ...] = ()
    subs: tuple[SubStatus, ...] = ()
    translations: tuple[Translation, ...] = ()
    aka: tuple[str, ...] = ()  # `aka "Open - Not Contacted", "Новый"`: its labels in a CRM
    span: Span = span_field()
    aka_spans: tuple[Span, ...] = attrs.field(default=(), eq=False, repr=False, kw_only=True)

    @property
    def display(self) -> str:
        """The label when there is one, else the name."""
        return self.label or self.name

    def text(self, kind: Literal["label", "means", "use"] = "label",
             locale: str | None = None) -> str | None:
        """The label (falling back to the name), `means` or `use` text, in `locale` when the
        scheme translates it."""
        default = {"label": self.display, "means": self.means, "use": self.use}[kind]
        return translated(default, self.translations, kind, locale)


@attrs.frozen
class Transition:
    """`transition A, B -> C (on EVENT auto | manual) [requires …] [approve R [if …]]`.

    After resolution `sources` lists every source status; `from_any` remembers that the text
    said `any` (so diagrams can draw it once).
    """

    sources: tuple[Ref, ...]
    target: Ref
    event: Ref | None
    from_any: bool = False
    requires: Condition | None = None
    approve: Ref | None = None
    approve_if: Condition | None = None
    span: Span = span_field()

    @property
    def manual(self) -> bool:
        return self.event is None


@attrs.frozen
class StageSync:
    """`when stage becomes S -> STATUS` / `when stage returns to S -> STATUS`."""

    kind: Literal["becomes", "returns"]
    stage: Ref
    status: Ref
    span: Span = span_field()


@attrs.frozen
class Expectation:
    """An `expect` line: `conversion A -> B R`, `time_in A R` or `share A R`."""

    kind: Literal["conversion", "time_in", "share"]
    status: Ref
    range: Range
    target: Ref | None = None
    span: Span = span_field()


@attrs.frozen
class Migration:
    """`migrate "Old", Other -> New`: leads still in statuses this version removed move to
    `target` (the old names are not statuses of this scheme any more, so they are plain text)."""

    sources: tuple[str, ...]
    target: Ref
    span: Span = span_field()
    source_spans: tuple[Span, ...] = attrs.field(default=(), eq=False, repr=False)


@attrs.frozen
class Scheme:
    """A whole scheme file. `problems` holds value errors found while reading it (bad dates,
    times, durations) so resolution can report them together with its own."""

    path: str
    meta: SchemeMeta | None = None
    calendars: tuple[Calendar, ...] = ()
    fields: tuple[Field, ...] = ()
    stages: tuple[Stage, ...] = ()
    teams: tuple[Team, ...] = ()
    roles: tuple[Role, ...] = ()
    statuses: tuple[Status, ...] = ()
    transitions: tuple[Transition, ...] = ()
    syncs: tuple[StageSync, ...] = ()
    expects: tuple[Expectation, ...] = ()
    migrations: tuple[Migration, ...] = ()
    problems: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False, repr=False)
    resolved: bool = attrs.field(default=False, eq=False)

    @functools.cached_property
    def status_map(self) -> dict[str, Status]:
        return {s.name: s for s in self.statuses}

    @functools.cached_property
    def field_map(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @functools.cached_property
    def stage_order(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    @functools.cached_property
    def events(self) -> dict[str, tuple[Transition, ...]]:
        """Event name → the automatic transitions it fires, in order of writing."""
        out: dict[str, list[Transition]] = {}
        for t in self.transitions:
            if t.event is not None:
                out.setdefault(t.event.name, []).append(t)
        return {k: tuple(v) for k, v in out.items()}

    @functools.cached_property
    def migration_map(self) -> dict[str, str]:
        """Removed status name → the status its leads go to."""
        return {old: m.target.name for m in self.migrations for old in m.sources}

    @property
    def initial(self) -> tuple[Status, ...]:
        return tuple(s for s in self.statuses if s.initial)

    @functools.cached_property
    def business_calendar_model(self) -> Calendar | None:
        """The calendar `business` durations use: the only one, or the one named `business`."""
        if len(self.calendars) == 1:
            return self.calendars[0]
        named = [c for c in self.calendars if c.name == "business"]
        return named[0] if named else None
