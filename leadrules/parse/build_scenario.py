"""Tree → model, part 3: scenario files (`*.scenario`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lark import Token
from lark.tree import Meta

from leadrules.errors import Span
from leadrules.model.common import Duration, Quantity
from leadrules.model.scenario import (
    Approval,
    ArrivalPattern,
    Arrivals,
    ArrivalShare,
    Behaviour,
    Branch,
    Distribution,
    FieldValue,
    Scenario,
    Staff,
    Weighted,
    Work,
)
from leadrules.parse.build_common import UNITS, CommonBuilder
from leadrules.suggest import did_you_mean

# name → number of parameters (and their meaning, for messages)
NAMED_DISTRIBUTIONS = {
    "lognormal": ("mean, sd", 2),
    "normal": ("mean, sd", 2),
    "gamma": ("mean, sd", 2),
    "triangular": ("low, mode, high", 3),
    "uniform": ("low, high", 2),
    "exponential": ("mean", 1),
}


class ScenarioBuilder(CommonBuilder):
    """Builds a `Scenario` from the `scenario_file` tree."""

    def scenario_file(self, meta: Meta, c: list[Any]) -> Scenario:
        settings: dict[str, tuple[Any, ...]] = {}
        groups: dict[str, list[Any]] = {}
        keyword, name = c[0], c[1]
        for line in c[2:]:
            if isinstance(line, tuple):
                tag = line[0]
                if tag in settings:
                    self.problem("E202", f"`{tag}` is written twice in the scenario", line[-1],
                                 help="keep one of the two lines")
                    continue
                settings[tag] = line
            else:
                groups.setdefault(type(line).__name__, []).append(line)

        def get(tag: str) -> Any:
            return settings[tag][1] if tag in settings else None

        return Scenario(
            path=self.path, name=str(name),
            scheme_path=get("scheme"),
            scheme_span=settings["scheme"][-1] if "scheme" in settings else None,
            horizon=get("horizon"), warmup=get("warmup"), runs=get("runs"), seed=get("seed"),
            arrivals=get("arrivals"),
            patterns=tuple(groups.get("ArrivalPattern", [])),
            staff=tuple(groups.get("Staff", [])),
            approvals=tuple(groups.get("Approval", [])),
            values=tuple(groups.get("FieldValue", [])),
            behaviours=tuple(groups.get("Behaviour", [])),
            # from `scenario` to its name (the node's meta may start at a leading comment)
            span=Span(self.path, keyword.line, keyword.column, name.end_line, name.end_column),
            problems=tuple(self.problems),
        )

    def sc_scheme(self, meta: Meta, c: list[Token]) -> tuple[Any, ...]:
        return ("scheme", str(c[0]), self.span(c[0]))

    def sc_horizon(self, meta: Meta, c: list[Duration]) -> tuple[Any, ...]:
        return ("horizon", c[0], self.span(meta))

    def sc_warmup(self, meta: Meta, c: list[Duration]) -> tuple[Any, ...]:
        return ("warmup", c[0], self.span(meta))

    def sc_runs(self, meta: Meta, c: list[Token]) -> tuple[Any, ...]:
        return ("runs", self.integer(c[0], "the number of runs", 1, 100_000), self.span(meta))

    def sc_seed(self, meta: Meta, c: list[Token]) -> tuple[Any, ...]:
        return ("seed", self.integer(c[0], "the seed", 0, 2**63 - 1), self.span(meta))

    def sc_arrivals(self, meta: Meta, c: list[Token]) -> tuple[Any, ...]:
        rate = self.number(c[0])
        business = any(t.type == "BUSINESS" for t in c)
        unit = UNITS.get(c[-1].value.rstrip("s"), "days")[:-1]
        per = f"business {unit}" if business else unit
        return ("arrivals", Arrivals(rate, per, span=self.span(meta)), self.span(meta))

    def sc_arrival_pattern(self, meta: Meta, c: list[Any]) -> ArrivalPattern:
        return ArrivalPattern(str(c[0]), tuple(c[1:]), by_span=self.span(c[0]),
                              span=self.span(meta))

    def share(self, meta: Meta, c: list[Token]) -> ArrivalShare:
        percent = self.number(c[1].update(value=c[1].value[:-1]))
        if percent > 100:
            self.problem("E222", f"{c[1]} is more than 100%", c[1])
        return ArrivalShare(str(c[0]), percent, span=self.span(meta))

    def sc_staff(self, meta: Meta, c: list[Token]) -> Staff:
        count = None if c[1].type == "UNLIMITED" else self.integer(
            c[1], "a staff size", 0, 100_000)
        return Staff(self.ref(c[0]), count, span=self.span(meta))

    def sc_approval(self, meta: Meta, c: list[Any]) -> Approval:
        return Approval(c[0], self.ref(c[1]), span=self.span(meta))

    def sc_value_dist(self, meta: Meta, c: list[Any]) -> FieldValue:
        return FieldValue(self.ref(c[0]), dist=c[1], span=self.span(meta))

    def sc_value_choice(self, meta: Meta, c: list[Any]) -> FieldValue:
        return FieldValue(self.ref(c[0]), choices=c[1], span=self.span(meta))

    def sc_in(self, meta: Meta, c: list[Any]) -> Behaviour:
        return Behaviour(
            self.ref(c[0]),
            work=tuple(x for x in c[1:] if isinstance(x, Work)),
            branches=tuple(x for x in c[1:] if isinstance(x, Branch)),
            span=self.span(meta),
        )

    # -- behaviour -------------------------------------------------------------------------
    def b_work(self, meta: Meta, c: list[Any]) -> Work:
        counting = c[2] if len(c) > 2 else None
        return Work(c[0], self.ref(c[1]), counting, span=self.span(meta))

    def b_every(self, meta: Meta, c: list[Any]) -> Work:
        counting = c[3] if len(c) > 3 else None
        return Work(c[1], self.ref(c[2]), counting, every=c[0], span=self.span(meta))

    def counting(self, meta: Meta, c: list[Token]) -> Any:
        return self.ref(c[0])

    def b_then_one(self, meta: Meta, c: list[Token]) -> Branch:
        span = self.span(meta)
        only = Weighted(self.ref(c[0]), Decimal(100), span=self.span(c[0]))
        return Branch("then", (only,), certain=True, span=span)

    def b_then(self, meta: Meta, c: list[Any]) -> Branch:
        return Branch("then", c[0], span=self.span(meta))

    def b_each_attempt(self, meta: Meta, c: list[Any]) -> Branch:
        return Branch("each_attempt", c[0], span=self.span(meta))

    def b_after(self, meta: Meta, c: list[Any]) -> Branch:
        return Branch("after", c[1], delay=c[0], span=self.span(meta))

    def weights(self, meta: Meta, c: list[Weighted]) -> tuple[Weighted, ...]:
        return tuple(c)

    def weight(self, meta: Meta, c: list[Token]) -> Weighted:
        percent = self.number(c[1].update(value=c[1].value[:-1]))
        if percent > 100:
            self.problem("E222", f"{c[1]} is more than 100%", c[1])
        return Weighted(self.ref(c[0]), percent, span=self.span(meta))

    # -- distributions ---------------------------------------------------------------------
    def d_fixed(self, meta: Meta, c: list[Quantity]) -> Distribution:
        return Distribution("fixed", (c[0],), span=self.span(meta))

    def d_uniform(self, meta: Meta, c: list[Quantity]) -> Distribution:
        low, high = self.pair(c[0], c[1])
        return Distribution("uniform", (low, high), span=self.span(meta))

    def d_exponential(self, meta: Meta, c: list[Quantity]) -> Distribution:
        return Distribution("exponential", (c[0],), span=self.span(meta))

    def d_named(self, meta: Meta, c: list[Any]) -> Distribution:
        name = str(c[0])
        params = [x for x in c[1:] if isinstance(x, Quantity)]
        tail = [x for x in c[1:] if isinstance(x, Token)]
        if tail:  # `lognormal(3, 1) days`: the unit applies to bare numbers
            business = any(t.type == "BUSINESS" for t in tail)
            unit = UNITS.get(tail[-1].value.rstrip("s"), "days")
            params = [
                Quantity("duration", p.value, span=p.span,
                         duration=Duration(p.value, unit, business, span=p.span))
                if p.kind == "number" else p
                for p in params
            ]
        if name not in NAMED_DISTRIBUTIONS:
            self.problem("E224", f"'{name}' is not a distribution", c[0],
                         expected="lognormal(mean, sd), normal(mean, sd), gamma(mean, sd), "
                         "triangular(low, mode, high), uniform(low, high) or exponential(mean)",
                         help=did_you_mean(name, NAMED_DISTRIBUTIONS))
        else:
            wanted, count = NAMED_DISTRIBUTIONS[name]
            if len(params) != count:
                self.problem("E224", f"{name} takes {count} parameter"
                             f"{'s' if count > 1 else ''} ({wanted}), not {len(params)}", meta)
        return Distribution(name, tuple(params), span=self.span(meta))
