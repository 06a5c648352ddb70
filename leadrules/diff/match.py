"""Pairing old statuses with new ones: same name, a `migrate` line, or the same structure.

A status renamed without a `migrate` line is still the same status to the people using it:
same label and definition, same timers and SLAs, same place in the graph. Every unpaired old
status is scored against every unpaired new one (a weighted share of equal features, plus how
much of its neighbourhood — the moves in and out, with the other end's name mapped — is the
same) and pairs are taken best first above `THRESHOLD`. A `migrate Old -> New` line to a new
status is a declared rename and needs no score; `migrate A, B -> C` is a merge.
"""

from __future__ import annotations

from collections.abc import Callable

from leadrules.diff.model import Pairing
from leadrules.diff.words import action_text, conjuncts
from leadrules.model.common import condition_text
from leadrules.model.scheme import Scheme, Status

THRESHOLD = 0.7
UNKNOWN = "?"  # the other end of a move, when that status has no partner (yet)

Mapper = Callable[[str], str]


def pair(old: Scheme, new: Scheme) -> Pairing:
    old_names = [s.name for s in old.statuses]
    new_names = {s.name for s in new.statuses}
    common = tuple(n for n in old_names if n in new_names)
    gone = [n for n in old_names if n not in new_names]
    fresh = [s.name for s in new.statuses if s.name not in set(old_names)]
    renamed: dict[str, str] = {}
    merged: dict[str, str] = {}
    for m in new.migrations:
        sources = [s for s in m.sources if s in gone]
        if len(sources) == 1 and len(m.sources) == 1 and m.target.name in fresh \
                and m.target.name not in renamed.values():
            renamed[sources[0]] = m.target.name
        else:
            for s in sources:
                merged[s] = m.target.name
    declared = frozenset(renamed)
    scores: dict[str, float] = {}
    left_old = [n for n in gone if n not in renamed and n not in merged]
    left_new = [n for n in fresh if n not in renamed.values()]
    if left_old and left_new:
        mapping = {n: n for n in common} | renamed

        def to_new(name: str) -> str:
            return mapping.get(name, UNKNOWN)

        def same(name: str) -> str:
            return name if name in new_names and name not in left_new else UNKNOWN

        hoods_old = {n: neighbourhood(old, n, to_new) for n in left_old}
        hoods_new = {n: neighbourhood(new, n, same) for n in left_new}
        candidates = []
        for o in left_old:
            for n in left_new:
                score = likeness(old.status_map[o], new.status_map[n], to_new,
                                 hoods_old[o], hoods_new[n])
                if score >= THRESHOLD:
                    candidates.append((-score, old_names.index(o), o, n))
        for neg, _, o, n in sorted(candidates):
            if o in renamed or n in renamed.values():
                continue
            renamed[o] = n
            scores[o] = round(-neg, 2)
    paired = set(renamed.values())
    return Pairing(common=common, renamed=renamed, declared=declared, scores=scores,
                   merged=merged,
                   removed=tuple(n for n in gone if n not in renamed and n not in merged),
                   added=tuple(n for n in fresh if n not in paired))


def neighbourhood(scheme: Scheme, name: str, mapped: Mapper) -> frozenset[tuple[str, ...]]:
    """The moves into and out of a status, the other end named through `mapped`."""
    out: set[tuple[str, ...]] = set()
    for t in scheme.transitions:
        kind = t.event.name if t.event else "manual"
        if t.target.name == name:
            out.update(("in", kind, mapped(s.name)) for s in t.sources if s.name != name)
        if any(s.name == name for s in t.sources):
            out.add(("out", kind, mapped(t.target.name)))
    for s in scheme.statuses:
        for timer in s.timers:
            if timer.target is None:
                continue
            if timer.target.name == name and s.name != name:
                out.add(("in", "timer", mapped(s.name)))
            if s.name == name:
                out.add(("out", "timer", mapped(timer.target.name)))
        for rule in s.rules:
            if rule.target.name == name and s.name != name:
                out.add(("in", "data", mapped(s.name)))
            if s.name == name:
                out.add(("out", "data", mapped(rule.target.name)))
    for sync in scheme.syncs:
        if sync.status.name == name:
            out.add(("in", "sync", sync.kind, sync.stage.name))
    return frozenset(out)


def features(s: Status, mapped: Mapper) -> dict[str, tuple[object, int]]:
    """What a status is, beside its name: feature → (value, weight)."""
    timers = tuple(sorted((str(t.delay), t.without_activity,
                           mapped(t.target.name) if t.target else t.alert.kind if t.alert else "",
                           condition_text(t.when) if t.when else "") for t in s.timers))
    rules = tuple(sorted((condition_text(r.when), mapped(r.target.name)) for r in s.rules))
    return {
        "label": (s.label, 3), "means": (s.means, 4), "use": (s.use, 2),
        "initial": (s.initial, 1), "outcome": (s.outcome, 2), "locked": (s.locked, 1),
        "stages": (tuple(r.name for r in s.stages), 1),
        "requires": (conjuncts(s.requires), 2),
        "on_enter": (tuple(sorted(action_text(a) for a in s.on_enter)), 2),
        "on_exit": (tuple(sorted(action_text(a) for a in s.on_exit)), 1),
        "slas": (tuple(sorted((str(x.within), x.activity) for x in s.slas)), 2),
        "timers": (timers, 2), "rules": (rules, 2),
        "translations": (frozenset((t.kind, t.locale, t.text) for t in s.translations), 1),
    }


def likeness(old: Status, new: Status, mapped: Mapper, hood_old: frozenset[tuple[str, ...]],
             hood_new: frozenset[tuple[str, ...]]) -> float:
    """How alike two statuses are, 0..1: weighted equal features (those that are empty on
    both sides do not count) and the overlap of their neighbourhoods (weighted 6). An `aka` or
    label on the new status naming the old status settles it."""
    if old.name in new.aka or new.label == old.name:
        return 1.0
    fo, fn = features(old, mapped), features(new, lambda n: n)
    total = same = 0.0
    informative = False  # two bare statuses with no moves are not alike, just empty
    for key, (value, weight) in fo.items():
        other = fn[key][0]
        flag = key in ("initial", "locked", "outcome")
        if not value and not other and not flag:
            continue
        informative = informative or not flag
        total += weight
        same += weight if value == other else 0
    union = hood_old | hood_new
    if union:
        informative = True
        total += 6
        same += 6 * len(hood_old & hood_new) / len(union)
    return same / total if total and informative else 0.0
