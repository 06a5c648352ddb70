"""Resolve a parsed scenario against its scheme.

Checks that every status, team, role, field and event exists in the scheme, that values and
distributions fit, and — the point of a scenario — that **every move it makes is one the scheme
allows**: an event of an automatic transition out of that status, or the target of a manual
one. Defaults: `runs 10`, `seed 1`, `warmup 0 days`.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from leadrules.calendar import day_names, weekday_index
from leadrules.errors import LeadrulesError
from leadrules.model.common import Ref
from leadrules.model.scenario import (
    ArrivalPattern,
    ArrivalShare,
    Branch,
    Distribution,
    Scenario,
    Weighted,
)
from leadrules.model.scheme import NUMERIC_TYPES, Scheme
from leadrules.resolve.names import Collector, Names
from leadrules.suggest import did_you_mean

DEFAULT_RUNS = 10
DEFAULT_SEED = 1


def allowed_moves(scheme: Scheme, status: str) -> tuple[dict[str, str], set[str]]:
    """From `status`: event → target of its automatic moves, and targets of manual moves."""
    events: dict[str, str] = {}
    manual: set[str] = set()
    for t in scheme.transitions:
        if status in {s.name for s in t.sources}:
            if t.event is None:
                manual.add(t.target.name)
            else:
                events.setdefault(t.event.name, t.target.name)
    return events, manual


class ScenarioResolver:
    def __init__(self, scenario: Scenario, scheme: Scheme) -> None:
        self.scenario = scenario
        self.scheme = scheme
        self.out = Collector(scenario.problems)
        self.names = Names(self.out)
        for kind, items in (("status", scheme.statuses), ("team", scheme.teams),
                            ("role", scheme.roles), ("field", scheme.fields)):
            for item in items:
                self.names.tables.setdefault(kind, {})[item.name] = item.span
        for event, transitions in scheme.events.items():
            self.names.tables.setdefault("event", {})[event] = transitions[0].span

    def run(self) -> Scenario:
        sc = self.scenario
        if sc.horizon is None:
            self.out.error("E303", "the scenario has no `horizon`", sc.span,
                           expected="a line such as horizon 180 days")
        if sc.arrivals is None:
            self.out.error("E303", "the scenario has no `arrivals`", sc.span,
                           expected="a line such as arrivals 60 per business day")
        elif sc.arrivals.rate <= 0:
            self.out.error("E222", "arrivals must be more than 0", sc.arrivals.span)
        if sc.horizon is not None and sc.horizon.amount <= 0:
            self.out.error("E222", "the horizon must be longer than 0", sc.horizon.span)
        if sc.horizon and sc.warmup and sc.warmup.seconds >= sc.horizon.seconds:
            self.out.error("E222", f"the warm-up ({sc.warmup}) is not shorter than the horizon "
                           f"({sc.horizon})", sc.warmup.span)
        patterns = tuple(self.pattern(p) for p in sc.patterns)
        self.business_time()
        self.staff()
        for approval in sc.approvals:
            self.names.check("role", approval.role)
            self.distribution(approval.duration, duration=True)
        self.values()
        seen = Names(self.out)
        for behaviour in sc.behaviours:
            seen.declare("`in` block for status", behaviour.status.name, behaviour.status.span)
            if self.names.check("status", behaviour.status):
                self.behaviour(behaviour.status.name, behaviour)
        if self.out.diagnostics:
            raise LeadrulesError(self.out.diagnostics)
        return attrs.evolve(
            sc, patterns=patterns, runs=sc.runs if sc.runs is not None else DEFAULT_RUNS,
            seed=sc.seed if sc.seed is not None else DEFAULT_SEED, resolved=True,
            scheme=self.scheme)

    def pattern(self, pattern: ArrivalPattern) -> ArrivalPattern:
        """`arrivals by weekday|hour: …`: known keys, each once, shares adding up to 100%
        (within half a point, for rounded figures), arrivals in elapsed time (with a business
        unit they follow the calendar's open hours already); the weights filled in."""
        sc = self.scenario
        if pattern.by not in ("weekday", "hour"):
            self.out.error("E222", f"arrivals by '{pattern.by}': a pattern is by weekday or by "
                           "hour", pattern.by_span,
                           help=did_you_mean(pattern.by, ["weekday", "hour"]),
                           expected="arrivals by weekday: mon 20%, … or arrivals by hour: "
                           "9 10%, …")
            return pattern
        if sum(1 for p in sc.patterns if p.by == pattern.by) > 1 and \
                next(p for p in sc.patterns if p.by == pattern.by) is not pattern:
            self.out.error("E202", f"`arrivals by {pattern.by}` is written twice in the "
                           "scenario", pattern.span, help="keep one of the two lines")
            return pattern
        if sc.arrivals is not None and sc.arrivals.per.startswith("business"):
            self.out.error("E222", f"arrivals by {pattern.by} needs arrivals per minute, hour, "
                           f"day or week: with `per {sc.arrivals.per}` arrivals come only in "
                           "open hours, spread evenly over them", pattern.span,
                           expected=f"arrivals {sc.arrivals.rate} per "
                           f"{sc.arrivals.per.split()[-1]} (the average over the week)")
            return pattern
        size = 7 if pattern.by == "weekday" else 24
        weights = [0.0] * size
        seen: dict[int, ArrivalShare] = {}
        for share in pattern.shares:
            index = self.pattern_key(pattern.by, share)
            if index is None:
                continue
            if index in seen:
                self.out.error("E202", f"'{share.key}' is given twice in arrivals by "
                               f"{pattern.by}", share.span, help="keep one of the two")
                continue
            seen[index] = share
            weights[index] = float(share.percent) / 100
        total = sum((s.percent for s in pattern.shares), Decimal(0))
        if len(seen) == len(pattern.shares) and abs(total - 100) > Decimal("0.5"):
            self.out.error("E222", f"the shares of arrivals by {pattern.by} add up to "
                           f"{total.normalize():f}%, not 100%", pattern.span,
                           help="a weekday or hour left out gets no arrivals; the shares of "
                           "those given must add up to 100% (within half a point)")
        elif total > 0:
            weights = [w * 100 / float(total) for w in weights]  # rounding: exactly 1 in all
        return attrs.evolve(pattern, weights=tuple(weights))

    def pattern_key(self, by: str, share: ArrivalShare) -> int | None:
        """Monday is 0; hours count from midnight. None (with an error) for a bad key."""
        if by == "weekday":
            index = weekday_index(share.key)
            if index is not None:
                return index
            self.out.error("E222", f"'{share.key}' is not a weekday", share.span,
                           help=did_you_mean(share.key.lower(), day_names()),
                           expected="mon, tue, wed, thu, fri, sat or sun (or the full names)")
            return None
        if share.key.isdigit() and 0 <= int(share.key) <= 23:
            return int(share.key)
        self.out.error("E222", f"'{share.key}' is not an hour of the day", share.span,
                       expected="a whole hour from 0 to 23 (9 is 09:00–09:59)")
        return None

    def business_time(self) -> None:
        """Business durations anywhere in the scenario need the scheme's calendar."""
        if self.scheme.business_calendar_model is not None:
            return
        sc = self.scenario
        spans = [d.span for d in (sc.horizon, sc.warmup) if d is not None and d.business]
        if sc.arrivals and sc.arrivals.per.startswith("business"):
            spans.append(sc.arrivals.span)
        dists = [a.duration for a in sc.approvals]
        for behaviour in sc.behaviours:
            for work in behaviour.work:
                dists.append(work.duration)
                if work.every is not None and work.every.business:
                    spans.append(work.every.span)
            dists.extend(b.delay for b in behaviour.branches if b.delay is not None)
        spans += [d.span for d in dists if any(p.duration and p.duration.business
                                               for p in d.params)]
        for span in spans:
            self.out.error("E210", "business time is used, but the scheme has no calendar "
                           "saying which hours are open", span)

    def staff(self) -> None:
        seen = Names(self.out)
        for staff in self.scenario.staff:
            if self.names.check(("team", "role"), staff.group):
                seen.declare("staff line for", staff.group.name, staff.group.span)

    def values(self) -> None:
        for value in self.scenario.values:
            if not self.names.check("field", value.field):
                continue
            field = self.scheme.field_map[value.field.name]
            if value.dist is not None:
                if field.type not in NUMERIC_TYPES:
                    self.out.error("E220", f"a distribution gives numbers, but '{field.name}' "
                                   f"is a {field.type} field", value.dist.span,
                                   expected=None if field.type in ("date", "datetime") else
                                   f"value {field.name}: a 30%, b 70%")
                self.distribution(value.dist, duration=False)
            elif field.type in NUMERIC_TYPES:
                self.out.error("E220", f"'{field.name}' is a {field.type} field; give it a "
                               "distribution, not a list of words", value.span,
                               expected=f"value {field.name} lognormal(20000, 15000)")
            elif field.type in ("date", "datetime"):
                self.out.error("E220", f"'{field.name}' is a {field.type} field; a scenario "
                               "gives values to number, count, money, choice, bool and text "
                               "fields", value.span)
            else:
                allowed = {c.name for c in field.choices} if field.type == "choice" else \
                    {"true", "false", "yes", "no"} if field.type == "bool" else None
                for w in value.choices:
                    if allowed is not None and w.target.name not in allowed:
                        self.out.error("E221", f"'{w.target.name}' is not a value of field "
                                       f"'{field.name}'", w.target.span,
                                       help=did_you_mean(w.target.name, allowed),
                                       expected="one of: " + ", ".join(sorted(allowed)))
                self.weights(value.choices, value.span)

    def behaviour(self, status: str, behaviour: object) -> None:
        from leadrules.model.scenario import Behaviour

        assert isinstance(behaviour, Behaviour)
        entry = [w for w in behaviour.work if w.every is None]
        recurring = [w for w in behaviour.work if w.every is not None]
        for kind, items in (("`work`", entry), ("`every … work`", recurring)):
            for extra in items[1:]:
                self.out.error("E202", f"{kind} is written twice in `in {status}`", extra.span)
        for work in behaviour.work:
            self.names.check(("team", "role"), work.team)
            self.distribution(work.duration, duration=True)
            if work.counting is not None and self.names.check("field", work.counting):
                ftype = self.scheme.field_map[work.counting.name].type
                if ftype not in ("count", "number"):
                    self.out.error("E220", f"`counting` adds 1 to a field, but "
                                   f"'{work.counting.name}' is a {ftype} field",
                                   work.counting.span, expected="a count or number field")
        events, manual = allowed_moves(self.scheme, status)
        for work in recurring:
            if work.every is not None and work.every.amount <= 0:
                self.out.error("E222", "recurring work must wait longer than 0 between items",
                               work.every.span, expected="a duration such as 1 business day")
        for kind in ("then", "each_attempt"):
            for repeated in [b for b in behaviour.branches if b.kind == kind][1:]:
                word = "then" if kind == "then" else "each attempt"
                self.out.error("E202", f"`{word}` is written twice in `in {status}`",
                               repeated.span, help="put all its outcomes on one line")
        for branch in behaviour.branches:
            if branch.kind == "then" and not entry:
                self.out.error("E303", f"`then` follows the entry work, but `in {status}` has "
                               "no `work D by TEAM` line", branch.span)
            if branch.kind == "each_attempt" and not recurring:
                self.out.error("E303", f"`each attempt` follows recurring work, but `in "
                               f"{status}` has no `every D work D by TEAM` line", branch.span)
            if branch.delay is not None:
                self.distribution(branch.delay, duration=True)
            for outcome in branch.outcomes:
                self.move(status, outcome.target, events, manual)
            self.weights(branch.outcomes, branch.span, branch)

    def move(self, status: str, target: Ref, events: dict[str, str], manual: set[str]) -> None:
        """Report a move the scheme does not allow from `status`."""
        name = target.name
        if name in events or name in manual:
            return
        if not self.names.check(("event", "status"), target):
            return
        allowed = [f"{t} (manual)" for t in sorted(manual)]
        allowed += [f"{e} → {t}" for e, t in sorted(events.items())]
        listing = ("; the scheme allows from it: " + ", ".join(allowed)) if allowed else \
            "; the scheme allows no move out of it"
        if self.names.has("event", name):
            targets = ", ".join(f"{s.name} -> {t.target.name}" for t in self.scheme.events[name]
                                for s in t.sources[:3])
            message = f"the scheme has no move from {status} on event '{name}' " \
                      f"(it moves {targets})"
        else:
            auto = [e for e, t in events.items() if t == name]
            message = f"the scheme does not allow the move {status} -> {name}"
            if auto:
                message += f" except on event '{auto[0]}'; write that event instead"
        self.out.error("E301", message + listing, target.span,
                       help=did_you_mean(name, [*events, *manual]))

    def weights(self, items: tuple[Weighted, ...], span: object,
                branch: Branch | None = None) -> None:
        total = sum((w.percent for w in items), Decimal(0))
        if total > 100:
            self.out.error("E302", f"the percentages add up to {total}%, more than 100%",
                           getattr(branch, "span", None) or span)  # type: ignore[arg-type]

    def distribution(self, dist: Distribution, duration: bool) -> None:
        kinds = {p.kind for p in dist.params}
        if duration and kinds != {"duration"}:
            self.out.error("E224", f"'{dist}' needs units of time", dist.span,
                           expected="a duration such as 10 minutes, 3..8 days or ~5 days")
        elif not duration and "duration" in kinds:
            self.out.error("E224", f"'{dist}' is a duration, but a number is expected",
                           dist.span)
        elif "percent" in kinds:
            self.out.error("E224", f"'{dist}' cannot be a percentage", dist.span)
        values = [p.duration.seconds if p.duration else float(p.value) for p in dist.params]
        if dist.kind in ("uniform", "triangular") and values != sorted(values):
            self.out.error("E224", f"'{dist}' must list its ends from low to high", dist.span)
        if dist.kind in ("exponential", "lognormal", "gamma") and values and values[0] <= 0:
            self.out.error("E224", f"the mean of '{dist}' must be more than 0", dist.span)


def resolve_scenario(scenario: Scenario, scheme: Scheme) -> Scenario:
    """Check a parsed scenario against its resolved scheme; raise `LeadrulesError` if wrong."""
    return ScenarioResolver(scenario, scheme).run()
