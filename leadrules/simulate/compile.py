"""Scheme + scenario → a static network the engine runs (statuses, moves, teams, behaviour).

Everything the engine needs per event is looked up here once: conditions compiled to
three-valued evaluators, durations to "advance the clock" functions on the right calendar,
moves indexed by (status, event) and (status, target).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import attrs

from leadrules.calendar import BusinessCalendar
from leadrules.model.common import Duration, condition_fields, condition_text
from leadrules.model.scenario import Scenario
from leadrules.model.scheme import Alert, Assign, Assignment, Scheme
from leadrules.resolve.scheme import calendar_engine
from leadrules.simulate.conditions import Evaluator, compile_condition, literal
from leadrules.simulate.dists import Draw, compile_draw

Advance = Callable[[float], float]
DEFAULT_START = datetime.datetime(2027, 1, 4, 0, 0)  # a Monday, in the calendar's zone
PER = {"minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0}


@attrs.define
class Move:
    target: int
    requires: Evaluator
    approve: int | None = None  # role (team index) that must approve
    approve_if: Evaluator | None = None
    label: str = ""
    free: bool = False  # no `requires` on the move or its target and no approval: just move


@attrs.define
class Timer:
    fire: Advance  # from the reference time (entry, or last activity)
    without_activity: bool
    target: int | None  # None: an alert
    when: Evaluator | None
    sets: tuple[tuple[str, Any], ...]
    label: str
    seconds: float = -1.0  # the delay in elapsed seconds; -1: business time (call `fire`)


@attrs.define
class Sla:
    due: Advance
    activity: bool
    seconds: float = -1.0  # as for Timer


@attrs.define
class Work:
    draw: Draw
    team: int
    counting: str | None
    every: Advance | None = None
    every_seconds: float = -1.0  # as for Timer


@attrs.define
class Branch:
    kind: str  # then | each_attempt | after
    choices: tuple[tuple[str, float], ...]  # (event or status, probability)
    delay: Draw | None = None


@attrs.define
class Status:
    name: str
    index: int
    outcome: str | None
    locked: bool
    requires: Evaluator
    stages: tuple[int, ...]
    assign: tuple[tuple[int, bool], ...] = ()  # (team, different_owner)
    sets: tuple[tuple[str, Any], ...] = ()
    exit_sets: tuple[tuple[str, Any], ...] = ()
    alerts_on_enter: int = 0
    timers: list[Timer] = attrs.field(factory=list)
    slas: list[Sla] = attrs.field(factory=list)
    rules: list[tuple[Evaluator, int, tuple[tuple[str, Any], ...], str]] = attrs.field(
        factory=list)
    events: dict[str, Move] = attrs.field(factory=dict)
    manual: dict[int, Move] = attrs.field(factory=dict)
    entry_work: Work | None = None
    recurring: Work | None = None
    branches: list[Branch] = attrs.field(factory=list)


@attrs.define
class Team:
    name: str
    servers: int | None  # None: unlimited


@attrs.define
class SimModel:
    scheme: Scheme
    scenario: Scenario
    calendar: BusinessCalendar
    statuses: list[Status]
    teams: list[Team]
    initial: int
    modelled: frozenset[str]
    values: list[tuple[str, Callable[[Any], Any]]]
    approval: dict[int, Draw]
    syncs: dict[tuple[str, int], int]  # (becomes|returns, stage) → status
    horizon: float
    warmup: float
    start: float
    arrival_gap: Callable[[Any], float]  # draws the next gap (seconds, business or not)
    arrivals_business: bool
    assumptions: list[str] = attrs.field(factory=list)
    arrival_rate: float = 0.0  # arrivals per (business) second: arrival_gap is expovariate(it)
    # with `arrivals by weekday|hour`: the rate (per second) in each local hour from the one
    # holding the start to the horizon, as bin start times and rates (empty: one rate)
    arrival_starts: list[float] = attrs.field(factory=list)
    arrival_rates: list[float] = attrs.field(factory=list)
    _names: dict[str, int] = attrs.field(factory=dict, init=False)

    @property
    def names(self) -> dict[str, int]:
        return self._names

    def __attrs_post_init__(self) -> None:
        self._names = {s.name: s.index for s in self.statuses}


def _advance(duration: Duration, cal: BusinessCalendar) -> Advance:
    amount, unit = float(duration.amount), duration.unit
    if not duration.business:
        seconds = duration.seconds
        return lambda t: t + seconds
    return lambda t: cal.advance_ts(t, amount, unit, True)


def _seconds(duration: Duration) -> float:
    """Elapsed seconds of a calendar-time duration; -1 for business time."""
    return -1.0 if duration.business else float(duration.seconds)


def _sets(items: tuple[Assignment, ...]) -> tuple[tuple[str, Any], ...]:
    return tuple((a.field.name, literal(a.value)) for a in items)


def compile_model(scheme: Scheme, scenario: Scenario, start: float | None = None) -> SimModel:
    """The engine's view of a resolved scheme under a resolved scenario. The clock starts at
    `start` (epoch seconds; default Monday 2027-01-04 00:00 on the scheme's calendar), and the
    horizon and warm-up are measured from there."""
    cal_model = scheme.business_calendar_model
    cal = calendar_engine(cal_model) if cal_model else BusinessCalendar("UTC")
    modelled = {v.field.name for v in scenario.values}
    for b in scenario.behaviours:
        modelled.update(w.counting.name for w in b.work if w.counting)
    for s in scheme.statuses:
        for action in (*s.on_enter, *s.on_exit):
            if isinstance(action, Assignment):
                modelled.add(action.field.name)
        for timer in s.timers:
            modelled.update(a.field.name for a in timer.sets)
        for rule in s.rules:
            modelled.update(a.field.name for a in rule.sets)
    known = frozenset(modelled)
    names = {s.name: i for i, s in enumerate(scheme.statuses)}
    stage_index = {n: i for i, n in enumerate(scheme.stage_order)}
    groups = [*(t.name for t in scheme.teams), *(r.name for r in scheme.roles)]
    staff = {st.group.name: st.count for st in scenario.staff}
    teams = [Team(g, staff.get(g)) for g in groups]
    team_of = {t.name: i for i, t in enumerate(teams)}
    assumptions: list[str] = []

    def evaluator(cond: Any, where: str, requires: bool = False) -> Evaluator:
        unknown = sorted({f.name for f in condition_fields(cond)} - known)
        if unknown and not requires:
            assumptions.append(f"{where}: `{condition_text(cond)}` depends on "
                               f"{', '.join(unknown)}, which the scenario does not model, so "
                               "it never fires")
        return compile_condition(cond, known)

    statuses = []
    for s in scheme.statuses:
        st = Status(s.name, names[s.name], s.outcome, s.locked,
                    compile_condition(s.requires, known),
                    tuple(stage_index[r.name] for r in s.stages if r.name in stage_index))
        st.assign = tuple((team_of[a.team.name], a.different_owner) for a in s.on_enter
                          if isinstance(a, Assign))
        st.sets = tuple((a.field.name, literal(a.value)) for a in s.on_enter
                        if isinstance(a, Assignment))
        st.exit_sets = tuple((a.field.name, literal(a.value)) for a in s.on_exit
                             if isinstance(a, Assignment))
        st.alerts_on_enter = sum(1 for a in s.on_enter if isinstance(a, Alert))
        for timer in s.timers:
            st.timers.append(Timer(
                _advance(timer.delay, cal), timer.without_activity,
                names[timer.target.name] if timer.target else None,
                evaluator(timer.when, f"{s.name}: after {timer.delay}") if timer.when else None,
                _sets(timer.sets), f"after {timer.delay}", _seconds(timer.delay)))
        st.slas = [Sla(_advance(x.within, cal), x.activity, _seconds(x.within)) for x in s.slas]
        st.rules = [(evaluator(r.when, f"{s.name}: when"), names[r.target.name], _sets(r.sets),
                     condition_text(r.when)) for r in s.rules]
        statuses.append(st)
    for t in scheme.transitions:
        move = Move(names[t.target.name], compile_condition(t.requires, known),
                    team_of[t.approve.name] if t.approve else None,
                    evaluator(t.approve_if, f"approval of -> {t.target.name}")
                    if t.approve_if else None, t.event.name if t.event else "manual",
                    t.requires is None and t.approve is None
                    and scheme.statuses[names[t.target.name]].requires is None)
        for src in t.sources:
            status = statuses[names[src.name]]
            if t.event is not None:
                status.events.setdefault(t.event.name, move)
            else:
                status.manual.setdefault(move.target, move)
    for b in scenario.behaviours:
        status = statuses[names[b.status.name]]
        for w in b.work:
            work = Work(compile_draw(w.duration), team_of[w.team.name],
                        w.counting.name if w.counting else None,
                        _advance(w.every, cal) if w.every else None,
                        _seconds(w.every) if w.every else -1.0)
            if w.every is None:
                status.entry_work = work
            else:
                status.recurring = work
        for br in b.branches:
            choices = tuple((o.target.name, float(o.percent) / 100) for o in br.outcomes)
            status.branches.append(Branch(br.kind, choices,
                                          compile_draw(br.delay) if br.delay else None))
    values: list[tuple[str, Callable[[Any], Any]]] = []
    for v in scenario.values:
        if v.dist is not None:
            draw = compile_draw(v.dist)
            values.append((v.field.name, draw.sample))
        else:
            options = [(literal_choice(w.target.name), float(w.percent) / 100)
                       for w in v.choices]
            values.append((v.field.name, _chooser(options)))
    approval = {team_of[a.role.name]: compile_draw(a.duration) for a in scenario.approvals}
    syncs: dict[tuple[str, int], int] = {
        (y.kind, stage_index[y.stage.name]): names[y.status.name] for y in scheme.syncs}
    if start is None:
        start = cal.to_ts(DEFAULT_START)
    assert scenario.horizon is not None and scenario.arrivals is not None
    horizon = _advance(scenario.horizon, cal)(start)
    warmup = _advance(scenario.warmup, cal)(start) if scenario.warmup else start
    arrivals = scenario.arrivals
    business = arrivals.per.startswith("business")
    unit = arrivals.per.split()[-1]
    per_seconds = (cal.seconds_per_open_day * {"minute": 1 / 1440, "hour": 1 / 24, "day": 1,
                                               "week": cal.open_days_per_week}[unit]
                   if business else PER[unit])
    if business and unit in ("minute", "hour"):
        per_seconds = PER[unit]
    rate = float(arrivals.rate) / per_seconds  # arrivals per (business) second
    starts, rates = _arrival_bins(scenario, rate, start, horizon, cal)
    return SimModel(scheme, scenario, cal, statuses, teams,
                    next(s.index for s in statuses if scheme.statuses[s.index].initial),
                    known, values, approval, syncs, horizon, warmup, start,
                    lambda rng: rng.expovariate(rate), business, assumptions, rate, starts,
                    rates)


def _arrival_bins(scenario: Scenario, rate: float, start: float, horizon: float,
                  cal: BusinessCalendar) -> tuple[list[float], list[float]]:
    """Hourly arrival rates for `arrivals by weekday|hour`: an average week of `rate` per
    second spread over the weekdays and the hours of the day in the calendar's zone (a
    pattern not given is even). Bins start at the top of each local hour from the one
    holding `start`, so a day with a clock change has 23 or 25 of them (a half-hour change
    makes one bin half an hour long)."""
    if not scenario.patterns:
        return [], []
    week, day = [1 / 7] * 7, [1 / 24] * 24
    for pattern in scenario.patterns:
        if pattern.by == "weekday":
            week = list(pattern.weights)
        else:
            day = list(pattern.weights)
    weekly = rate * 604800.0
    zone = cal.zone
    local = datetime.datetime.fromtimestamp(start, zone)
    t = start - local.minute * 60 - local.second - local.microsecond / 1e6
    starts, rates = [], []
    while t <= horizon:
        local = datetime.datetime.fromtimestamp(t, zone)
        starts.append(t)
        rates.append(weekly * week[local.weekday()] * day[local.hour] / 3600.0)
        t += 3600.0
        past = datetime.datetime.fromtimestamp(t, zone)
        if past.minute or past.second:  # a clock change of half an hour (Lord Howe): back to
            snapped = t - past.minute * 60 - past.second  # the top of the local hour
            t = snapped if snapped > starts[-1] else t
    return starts, rates


def literal_choice(word: str) -> Any:
    return {"true": True, "yes": True, "false": False, "no": False}.get(word, word)


def _chooser(options: list[tuple[Any, float]]) -> Callable[[Any], Any]:
    def choose(rng: Any) -> Any:
        u, acc = rng.random(), 0.0
        for value, p in options:
            acc += p
            if u < acc:
                return value
        return None
    return choose
