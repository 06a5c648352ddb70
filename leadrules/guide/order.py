"""The process order of statuses: the order a lead meets them, so a rep reads the guide — and
picks from the quick picker — from the first touch to the outcome.

1. Start at the initial status (the first status written, when none is marked `initial`).
2. Walk the moves breadth first. From each status, its own transitions come first (in writing
   order), then its timers and data rules.
3. When that walk ends, take the first status not met yet that a `transition any -> …` leads
   to, else the first that a stage change leads to (from the statuses met, in the order met),
   and walk on from it. `any` moves and stage changes are not steps of the work, but some
   statuses are only entered that way. Statuses no move reaches follow in writing order.
4. End statuses go last: won outcomes, then lost outcomes, then other locked statuses, each in
   the order the walk met them.
"""

from __future__ import annotations

from collections import deque

from leadrules.guide.moves import Move
from leadrules.model.scheme import Scheme


def process_order(scheme: Scheme, moves: tuple[Move, ...]) -> tuple[str, ...]:
    """Status names in process order."""
    names = [s.name for s in scheme.statuses]
    if not names:
        return ()
    # tier 0: the status's own transitions, then its timers and data rules; tier 1: `any`
    # transitions; tier 2: stage changes. Only tier 0 is walked freely.
    tiers: list[dict[str, list[str]]] = [{n: [] for n in names} for _ in range(3)]
    for rank in (0, 1, 2, 3):
        for m in moves:
            if m.source in tiers[0] and move_rank(m) == rank:
                tiers[_TIER[rank]][m.source].append(m.target)

    seen: dict[str, None] = {}
    queue: deque[str] = deque()

    def visit(name: str) -> None:
        if name in tiers[0] and name not in seen:
            seen[name] = None
            queue.append(name)

    for s in scheme.initial or scheme.statuses[:1]:
        visit(s.name)
    while True:
        while queue:
            for target in tiers[0][queue.popleft()]:
                visit(target)
        if len(seen) == len(names):
            break
        found = next((t for tier in tiers[1:] for s in seen for t in tier[s] if t not in seen),
                     None)
        visit(found if found is not None else next(n for n in names if n not in seen))

    status = scheme.status_map

    def end(name: str) -> int:
        s = status[name]
        return {"won": 1, "lost": 2}.get(s.outcome or "", 3 if s.locked else 0)

    position = {name: i for i, name in enumerate(seen)}
    return tuple(sorted(seen, key=lambda n: (end(n), position[n])))


_TIER = {0: 0, 1: 0, 2: 1, 3: 2}


def move_rank(move: Move) -> int:
    """0: the status's own transitions; 1: its timers and data rules; 2: `any -> …`;
    3: stage changes."""
    if move.kind in ("manual", "auto"):
        return 2 if move.from_any else 0
    return 1 if move.kind in ("timer", "data") else 3
