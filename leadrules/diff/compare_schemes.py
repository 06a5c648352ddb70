"""Everything two schemes declare, compared under the status pairing; each change classed.

The rules for classes (docs/diff.md has the table): a change is breaking when leads that exist
can be stranded (a removed status without a migration, a status that loses every exit or can no
longer be reached) or when records that exist may no longer qualify (a new or tightened
requirement, a field type change, a removed choice value, a removed field the old scheme used);
behavioural when leads will move, wait or be routed differently; cosmetic when only words,
layout or order change. Statuses, moves and conditions are compared in the new scheme's names,
so a renamed status does not make all its moves look new.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, TypeVar

import networkx as nx

from leadrules.diff.businesstime import Clock
from leadrules.diff.compare_status import StatusDiffer
from leadrules.diff.model import Area, Change, ChangeClass, Pairing
from leadrules.diff.requirements import requirement_change
from leadrules.diff.words import (
    conjuncts,
    days_text,
    hhmm,
    migrate_line,
    names,
    range_text,
    written,
)
from leadrules.errors import Span
from leadrules.graph import build_graph
from leadrules.model.common import condition_fields, condition_text
from leadrules.model.scheme import (
    Calendar,
    Expectation,
    Role,
    Scheme,
    StageSync,
    Team,
    Transition,
)


class _Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def span(self) -> Span: ...


N = TypeVar("N", bound=_Named)

B, H, C = ChangeClass.BREAKING, ChangeClass.BEHAVIOURAL, ChangeClass.COSMETIC


class Differ:
    """Collects the changes between two resolved schemes, in the order of the schemes."""

    def __init__(self, old: Scheme, new: Scheme, pairing: Pairing) -> None:
        self.old, self.new, self.p = old, new, pairing
        self.clocks = (Clock.of(old), Clock.of(new))
        self.out: list[Change] = []

    def add(self, cls: ChangeClass, area: Area, kind: str, subject: str, text: str,
            old: Span | None = None, new: Span | None = None, why: str | None = None) -> None:
        self.out.append(Change(cls, area, kind, subject, text,
                               old.line if old is not None else None,
                               new.line if new is not None else None, why))

    def to_new(self, old_name: str) -> str:
        """Where an old status's leads are in the new scheme: the same or renamed status, the
        status a `migrate` line merged it into, else its own (removed) name. Moves, timers
        and expectations are compared through this, so a move to a merged status that now
        goes to the merge target is not a change (the merge is)."""
        return self.p.to_new(old_name) or self.p.merged.get(old_name) or old_name

    def kept(self, old_name: str) -> bool:
        """Whether an old status's leads still have a place in the new scheme."""
        return self.p.to_new(old_name) is not None or old_name in self.p.merged

    def run(self) -> list[Change]:
        self.meta()
        self.calendars()
        self.fields()
        self.stages()
        self.people()
        self.statuses()
        self.transitions()
        self.syncs()
        self.stranding()
        self.expects()
        self.migrations()
        self.order()
        return sorted(self.out, key=lambda c: -c.cls.rank)  # stable: scheme order within

    def by_name(self, area: Area, old_items: Sequence[N], new_items: Sequence[N],
                added: ChangeClass) -> Iterator[tuple[N, N]]:
        """Declarations paired by name: a removed one is reported (behavioural), an added one
        with class `added`, in the new scheme's order; the pairs kept are yielded in turn, so
        their changes follow in that order too."""
        old = {x.name: x for x in old_items}
        new = {x.name for x in new_items}
        for name, x in old.items():
            if name not in new:
                self.add(H, area, "removed", f"{area} {name}", f"{area} {name} removed",
                         x.span)
        for x in new_items:
            if x.name not in old:
                self.add(added, area, "added", f"{area} {x.name}", f"{area} {x.name} added",
                         new=x.span)
            else:
                yield old[x.name], x

    # -- scheme-wide -------------------------------------------------------------------------
    def meta(self) -> None:
        o, n = self.old.meta, self.new.meta
        if o == n:
            return
        span_o = o.span if o else None
        span_n = n.span if n else None
        for key in ("name", "version", "owner", "description", "review_every", "reviewed"):
            a, b = getattr(o, key, None), getattr(n, key, None)
            if a != b:
                word = key.replace("_", " ")
                self.add(C, "meta", "changed", "scheme", f"scheme {word}: {_q(a)} → {_q(b)}",
                         span_o, span_n)

    def calendars(self) -> None:
        for o, c in self.by_name("calendar", self.old.calendars, self.new.calendars, H):
            name = c.name
            if o.timezone != c.timezone:
                self.add(H, "calendar", "changed", f"calendar {name}",
                         f"calendar {name}: time zone {o.timezone} → {c.timezone}; every "
                         "business duration on it now falls at other hours", o.span, c.span)
            if o.open != c.open:
                self.add(H, "calendar", "changed", f"calendar {name}",
                         f"calendar {name}: open hours {_hours(o)} → {_hours(c)}; "
                         f"{_open_effect(o, c)}", o.span, c.span)
            if o.closed != c.closed:
                gone = [str(d) for d in o.closed if d not in c.closed]
                added = [str(d) for d in c.closed if d not in o.closed]
                parts = ([f"now closed on {', '.join(added)}"] if added else []) + \
                        ([f"open again on {', '.join(gone)}"] if gone else [])
                self.add(H, "calendar", "changed", f"calendar {name}",
                         f"calendar {name}: {'; '.join(parts) or 'holidays reordered'}",
                         o.span, c.span)

    def fields(self) -> None:
        old = self.old.field_map
        new = self.new.field_map
        used = _used_fields(self.old)
        for name, f in old.items():
            if name in new:
                continue
            if name in used:
                self.add(B, "field", "removed", f"field {name}",
                         f"field {name} removed, though the old scheme used it", f.span,
                         why="records hold values in it that integrations and reports read")
            else:
                self.add(H, "field", "removed", f"field {name}", f"field {name} removed",
                         f.span)
        for name, f in new.items():
            if name not in old:
                self.add(C, "field", "added", f"field {name}",
                         f"field {name} ({f.type}) added", new=f.span)
                continue
            o = old[name]
            if o.type != f.type:
                self.add(B, "field", "changed", f"field {name}",
                         f"field {name}: type {o.type} → {f.type}", o.span, f.span,
                         why="values recorded as the old type may not fit the new one")
            choices_o = [c.name for c in o.choices]
            choices_n = [c.name for c in f.choices]
            gone = [c for c in choices_o if c not in choices_n]
            added = [c for c in choices_n if c not in choices_o]
            if gone:
                self.add(B, "field", "tightened", f"field {name}",
                         f"field {name}: choice{'s' if len(gone) > 1 else ''} "
                         f"{', '.join(gone)} removed", o.span, f.span,
                         why="records that hold a removed value no longer fit the field")
            if added:
                self.add(H, "field", "loosened", f"field {name}",
                         f"field {name}: choice{'s' if len(added) > 1 else ''} "
                         f"{', '.join(added)} added", o.span, f.span)
            if o.type == f.type and not gone and not added and choices_o != choices_n:
                self.add(C, "field", "changed", f"field {name}",
                         f"field {name}: choices reordered", o.span, f.span)
            if o.description != f.description:
                self.add(C, "field", "changed", f"field {name}",
                         f"field {name}: description {_q(o.description)} → "
                         f"{_q(f.description)}", o.span, f.span)

    def stages(self) -> None:
        for o, s in self.by_name("stage", self.old.stages, self.new.stages, H):
            name = s.name
            if o.reportable != s.reportable:
                self.add(H, "stage", "changed", f"stage {name}",
                         f"stage {name} is {'now' if s.reportable else 'no longer'} reportable",
                         o.span, s.span)
            if o.label != s.label or o.translations != s.translations:
                self.add(C, "stage", "changed", f"stage {name}",
                         f"stage {name}: label {_q(o.label)} → {_q(s.label)}"
                         if o.label != s.label else f"stage {name}: translations changed",
                         o.span, s.span)
        old = [x.name for x in self.old.stages]
        new = [x.name for x in self.new.stages]
        kept_old = [n for n in old if n in new]
        kept_new = [n for n in new if n in old]
        if kept_old != kept_new:
            self.add(H, "stage", "changed", "stages",
                     f"stage order {' → '.join(kept_old)} is now {' → '.join(kept_new)}",
                     self.old.stages[0].span, self.new.stages[0].span)

    def people(self) -> None:
        groups: list[tuple[Area, tuple[Team | Role, ...], tuple[Team | Role, ...]]] = [
            ("team", self.old.teams, self.new.teams), ("role", self.old.roles, self.new.roles)]
        for area, old_items, new_items in groups:
            for o, t in self.by_name(area, old_items, new_items, C):
                if o.label != t.label:
                    self.add(C, area, "changed", f"{area} {t.name}",
                             f"{area} {t.name}: label {_q(o.label)} → {_q(t.label)}",
                             o.span, t.span)

    # -- statuses ----------------------------------------------------------------------------
    def statuses(self) -> None:
        p, old, new = self.p, self.old.status_map, self.new.status_map
        merges: dict[str, list[str]] = {}
        for s in self.old.statuses:
            if s.name in p.merged:
                merges.setdefault(p.merged[s.name], []).append(s.name)
        done_merges: set[str] = set()
        for s in self.old.statuses:
            name = s.name
            if name in p.common:
                StatusDiffer(self, s, new[name]).run()
            elif name in p.renamed:
                target = new[p.renamed[name]]
                if name in p.declared:
                    self.add(H, "status", "renamed", target.name,
                             f"status {name} renamed to {target.name} "
                             f"(`{migrate_line([name], target.name)}`): its leads move with it",
                             s.span, target.span)
                else:
                    score = round(p.scores.get(name, 1.0) * 100)
                    self.add(B, "status", "renamed", target.name,
                             f"status {name} looks renamed to {target.name} (same definition "
                             f"and moves, {score}% alike) but no "
                             f"`{migrate_line([name], target.name)}` line says so", s.span,
                             target.span, why=f"leads recorded as {name} match no status; add "
                             f"`{migrate_line([name], target.name)}`")
                StatusDiffer(self, s, target).run()
            elif name in p.merged:
                into = p.merged[name]
                if into in done_merges:
                    continue
                done_merges.add(into)
                self.merge(merges[into], into)
            else:
                self.add(B, "status", "removed", name,
                         f"status {name} removed without a `migrate {written(name)} -> …` "
                         "line", s.span,
                         why=f"leads still in {name} are stranded: nothing says where they go")
        for name in p.added:
            if name in p.merged.values():
                continue  # said by the merge: "merged into X (a new status)"
            s = new[name]
            what = [w for w in ("initial" if s.initial else "",
                                f"outcome {s.outcome}" if s.outcome else "",
                                "locked" if s.locked else "") if w]
            extra = f" ({', '.join(what)})" if what else ""
            self.add(H, "status", "added", name, f"status {name}{extra} added", new=s.span)
        del old

    def merge(self, sources: list[str], into: str) -> None:
        target = self.new.status_map[into]
        spans = [self.old.status_map[s].span for s in sources]
        line = next((m.span for m in self.new.migrations if into == m.target.name), None)
        who = names(sources)
        fresh = " (a new status)" if into in self.p.added else ""
        text = (f"{'status' if len(sources) == 1 else 'statuses'} {who} merged into "
                f"{into}{fresh}: `migrate` sends {'its' if len(sources) == 1 else 'their'} "
                f"leads to {into}")
        opened = [s for s in sources if self.old.status_map[s].outcome is None]
        whys = []
        if target.outcome is not None and opened:
            whys.append(f"open leads in {names(opened)} would be closed as {target.outcome} "
                        f"without meeting {into}'s requirements")
        else:  # leads moved by a migration never passed the target's requirement
            need = conjuncts(target.requires)
            for source in sources:
                lacking = sorted(need - conjuncts(self.old.status_map[source].requires))
                if lacking:
                    whys.append(f"leads from {source} were never asked for "
                                f"{' and '.join(lacking)}, which {into} requires")
        if whys:
            self.add(B, "status", "merged", into, text, spans[0], line, why="; ".join(whys))
        else:
            self.add(H, "status", "merged", into, text, spans[0], line)

    # -- moves -------------------------------------------------------------------------------
    def transitions(self) -> None:
        """Moves a rep or an event makes, compared pair by pair (source, target), then the
        same change on several sources said once."""
        old = self._edges(self.old, mapped=True)
        new = self._edges(self.new, mapped=False)
        found: list[tuple[ChangeClass, str, str, str, str, int | None, int | None, bool,
                          str | None]] = []
        for key in [*new, *[k for k in old if k not in new]]:
            src, tgt = key
            olds = list(old.get(key, []))
            news = list(new.get(key, []))
            for d in list(news):
                match = next((x for x in olds if x[0] == d[0]), None)
                if match is not None:
                    olds.remove(match)
                    news.remove(d)
            for d in list(news):  # same kind and event, else anything left
                match = next((x for x in olds if x[0][0] == d[0][0]), None) or \
                    (olds[0] if olds else None)
                if match is None:
                    continue
                olds.remove(match)
                news.remove(d)
                for cls, kind, text, why in _edge_changes(match[0], d[0], tgt):
                    found.append((cls, kind, src, tgt, text, match[1].line, d[1].line,
                                  d[2], why))
            for d in news:
                found.append((H, "added", src, tgt, f"move added ({_edge_words(d[0])})",
                              None, d[1].line, d[2], None))
            for d in olds:
                found.append((H, "removed", src, tgt, f"move removed ({_edge_words(d[0])})",
                              d[1].line, None, d[2], None))
        groups: dict[tuple[str, str, str, str], list[int]] = {}
        for i, f in enumerate(found):
            groups.setdefault((f[0].value, f[1], f[3], f[4]), []).append(i)
        for indices in groups.values():
            first = found[indices[0]]
            cls, kind, _, tgt, text, oline, nline, _, why = first
            sources = [found[i][2] for i in indices]
            who = "any" if all(found[i][7] for i in indices) and len(sources) > 1 \
                else ", ".join(sources)
            subject = f"{who} -> {tgt}"
            self.out.append(Change(cls, "transition", kind, subject, f"{subject}: {text}",
                                   oline, nline, why))

    def _edges(self, scheme: Scheme, mapped: bool) -> dict[tuple[str, str], list[tuple[
            tuple[str | None, frozenset[str], str | None, str | None, str], Span, bool]]]:
        out: dict[tuple[str, str], list[tuple[
            tuple[str | None, frozenset[str], str | None, str | None, str], Span, bool]]] = {}
        merged: dict[tuple[str, str], list[tuple[Edge, bool]]] = {}
        for t in scheme.transitions:
            tgt = t.target.name
            if mapped:
                if not self.kept(tgt):
                    continue
                tgt = self.to_new(tgt)
            for s in t.sources:
                src = s.name
                if mapped:
                    if not self.kept(src):
                        continue
                    src = self.to_new(src)
                if src == tgt and mapped and s.name != t.target.name:
                    continue  # a move between two statuses merged into one
                edge = _edge(t)
                if mapped:  # the same move from statuses merged into one is one move now
                    via = s.name in self.p.merged or t.target.name in self.p.merged
                    if any(e == edge and (via or v) for e, v in merged.get((src, tgt), [])):
                        continue
                    merged.setdefault((src, tgt), []).append((edge, via))
                out.setdefault((src, tgt), []).append((edge, t.span, t.from_any))
        return out

    def syncs(self) -> None:
        def key(sync: StageSync, mapped: bool) -> tuple[str, str, str]:
            status = self.to_new(sync.status.name) if mapped else sync.status.name
            return (sync.kind, sync.stage.name, status)

        old = {key(s, True): s for s in self.old.syncs}
        new = {key(s, False): s for s in self.new.syncs}
        for k, s in old.items():
            if k not in new:
                self.add(H, "sync", "removed", f"stage {k[1]}",
                         f"`when stage {_sync_verb(k[0])} {k[1]} -> {k[2]}` removed", s.span)
        for k, s in new.items():
            if k not in old:
                self.add(H, "sync", "added", f"stage {k[1]}",
                         f"`when stage {_sync_verb(k[0])} {k[1]} -> {k[2]}` added", new=s.span)

    def stranding(self) -> None:
        """Statuses whose leads can no longer leave, or that leads can no longer reach."""
        go, gn = build_graph(self.old), build_graph(self.new)
        reach_o = _reachable(go, [s.name for s in self.old.initial])
        reach_n = _reachable(gn, [s.name for s in self.new.initial])
        for s in self.old.statuses:
            name = self.p.to_new(s.name)
            if name is None:
                continue
            n = self.new.status_map[name]
            exits_o = {t for t in go.successors(s.name) if t != s.name}
            exits_n = {t for t in gn.successors(name) if t != name}
            if exits_o and not exits_n and n.outcome is None:
                self.add(B, "status", "stranded", name,
                         f"status {name} loses all its exits (had moves to "
                         f"{names(sorted(self.to_new(x) for x in exits_o))})", s.span, n.span,
                         why=f"leads in {name} can never leave it")
            if s.name in reach_o and name not in reach_n:
                self.add(B, "status", "unreachable", name,
                         f"status {name} can no longer be reached from the initial status",
                         s.span, n.span,
                         why=f"leads in {name} stay there, but no new lead ever gets there")

    def expects(self) -> None:
        def key(e: Expectation, mapped: bool) -> tuple[str, str, str]:
            def m(name: str) -> str:
                return self.to_new(name) if mapped else name
            return (e.kind, m(e.status.name), m(e.target.name) if e.target else "")

        old = {key(e, True): e for e in self.old.expects}
        new = {key(e, False): e for e in self.new.expects}
        for k, e in old.items():
            if k not in new:
                self.add(H, "expect", "removed", _expect_subject(k),
                         f"expect {_expect_subject(k)} {range_text(e.range)} removed", e.span)
        for k, e in new.items():
            if k not in old:
                self.add(H, "expect", "added", _expect_subject(k),
                         f"expect {_expect_subject(k)} {range_text(e.range)} added",
                         new=e.span)
            elif old[k].range != e.range:
                self.add(H, "expect", "changed", _expect_subject(k),
                         f"expect {_expect_subject(k)}: {range_text(old[k].range)} → "
                         f"{range_text(e.range)}", old[k].span, e.span)

    def migrations(self) -> None:
        """`migrate` lines that do not belong to a status removed in this change."""
        old_names = set(self.old.status_map)
        for m in self.new.migrations:
            if m in self.old.migrations or any(s in old_names for s in m.sources):
                continue
            self.add(C, "migration", "added", m.target.name,
                     f"`{migrate_line(m.sources, m.target.name)}` added (for history "
                     "older than the old scheme)", new=m.span)
        for m in self.old.migrations:
            if m not in self.new.migrations:
                self.add(H, "migration", "removed", m.target.name,
                         f"`{migrate_line(m.sources, m.target.name)}` removed: history "
                         f"that still names {names(list(m.sources))} no longer maps", m.span)

    def order(self) -> None:
        old = [self.to_new(s.name) for s in self.old.statuses if self.p.to_new(s.name)]
        kept = set(old)
        new = [s.name for s in self.new.statuses if s.name in kept]
        if old != new:
            self.add(C, "status", "reordered", "statuses",
                     "statuses are declared in another order", self.old.statuses[0].span,
                     self.new.statuses[0].span)


# -- helpers -------------------------------------------------------------------------------

Edge = tuple[str | None, frozenset[str], str | None, str | None, str]


def _edge(t: Transition) -> Edge:
    """A move as compared: event (None: manual), requirement parts, approval, its condition,
    and the requirement as written (for messages)."""
    return (t.event.name if t.event else None, conjuncts(t.requires),
            t.approve.name if t.approve else None,
            condition_text(t.approve_if) if t.approve_if else None,
            condition_text(t.requires) if t.requires else "")


def _edge_words(e: Edge) -> str:
    parts = [f"on {e[0]}" if e[0] else "manual"]
    if e[4]:
        parts.append(f"requires {e[4]}")
    if e[2]:
        parts.append(f"approve {e[2]}" + (f" if {e[3]}" if e[3] else ""))
    return ", ".join(parts)


def _edge_changes(o: Edge, n: Edge, target: str) -> Iterable[tuple[ChangeClass, str, str,
                                                                   str | None]]:
    if o[0] != n[0]:
        if o[0] is None:
            yield H, "changed", f"now automatic on {n[0]} (was a rep's decision)", None
        elif n[0] is None:
            yield H, "changed", f"now a rep's decision (was automatic on {o[0]})", None
        else:
            yield H, "changed", f"now on {n[0]} (was on {o[0]})", None
    if o[1] != n[1]:
        yield requirement_change(o[1], n[1], o[4], n[4], f"the move to {target}")
    if (o[2], o[3]) != (n[2], n[3]):
        if o[2] is None:
            yield H, "changed", f"now needs approval by {n[2]}" + (
                f" if {n[3]}" if n[3] else ""), None
        elif n[2] is None:
            yield H, "changed", f"no longer needs approval by {o[2]}", None
        else:
            yield H, "changed", (f"approval by {o[2]}" + (f" if {o[3]}" if o[3] else "") +
                                 f" → by {n[2]}" + (f" if {n[3]}" if n[3] else "")), None


def _used_fields(scheme: Scheme) -> set[str]:
    used: set[str] = set()
    for s in scheme.statuses:
        used.update(r.name for r in condition_fields(s.requires))
        for rule in s.rules:
            used.update(r.name for r in condition_fields(rule.when))
        for timer in s.timers:
            used.update(r.name for r in condition_fields(timer.when))
    for t in scheme.transitions:
        used.update(r.name for r in condition_fields(t.requires))
        used.update(r.name for r in condition_fields(t.approve_if))
    return used


def _reachable(g: nx.MultiDiGraph, starts: list[str]) -> set[str]:
    out = set(starts)
    for s in starts:
        out |= nx.descendants(g, s)
    return out


def _hours(c: Calendar) -> str:
    if not c.open:
        return "never open"
    parts = [f"{days_text(o.days)} " + ", ".join(f"{hhmm(a)}-{hhmm(b)}" for a, b in o.intervals)
             for o in c.open]
    weekly = sum((b - a) * len(o.days) for o in c.open for a, b in o.intervals) / 60
    return f"{'; '.join(parts)} ({weekly:g} h a week)"


def _open_effect(old: Calendar, new: Calendar) -> str:
    """What new open hours do to durations on the calendar: business minutes and hours are
    open time, so they span other elapsed time; business days count open days, so they change
    only when the open weekdays do (docs/language.md, business time)."""
    days = [sorted({d for r in cal.open if r.intervals for d in r.days}) for cal in (old, new)]
    if days[0] == days[1]:
        return ("business minutes and hours on it span other elapsed time; business days and "
                "weeks still end the same number of open days later")
    return ("every business duration on it now spans other elapsed time (other open "
            "weekdays)")


def _sync_verb(kind: str) -> str:
    return "becomes" if kind == "becomes" else "returns to"


def _expect_subject(k: tuple[str, str, str]) -> str:
    kind, status, target = k
    return f"conversion {status} -> {target}" if kind == "conversion" else f"{kind} {status}"


def _q(value: object) -> str:
    return "(none)" if value is None else f'"{value}"' if isinstance(value, str) else str(value)

