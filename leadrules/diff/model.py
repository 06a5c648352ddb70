"""What `diff` finds: changes, each with its class, and the pairing of old and new statuses."""

from __future__ import annotations

import enum
from typing import Literal

import attrs


class ChangeClass(enum.Enum):
    """How much a change matters to leads that already exist.

    Breaking: leads can be stranded, or records that exist may no longer qualify. Behavioural:
    leads will move, wait or be routed differently. Cosmetic: only words, layout or order.
    """

    COSMETIC = "cosmetic"
    BEHAVIOURAL = "behavioural"
    BREAKING = "breaking"

    @property
    def rank(self) -> int:
        return {"cosmetic": 0, "behavioural": 1, "breaking": 2}[self.value]

    def __str__(self) -> str:
        return self.value


CLASSES = (ChangeClass.BREAKING, ChangeClass.BEHAVIOURAL, ChangeClass.COSMETIC)

Area = Literal["status", "requires", "action", "sla", "timer", "rule", "transition", "sync",
               "stage", "field", "team", "role", "calendar", "expect", "migration", "meta"]


@attrs.frozen
class Change:
    """One change in meaning (or, when cosmetic, in words).

    `subject` names what changed (a status, `A -> B`, a field …) in the new scheme's names;
    `text` says what changed in a sentence a reviewer reads; `why` says why it is breaking.
    Lines point into the old and the new text (None when the thing is absent on that side).
    """

    cls: ChangeClass
    area: Area
    kind: str  # added | removed | renamed | merged | changed | tightened | loosened | …
    subject: str
    text: str
    old_line: int | None = None
    new_line: int | None = None
    why: str | None = None


@attrs.frozen
class Pairing:
    """How the old statuses map onto the new ones.

    `renamed` maps old → new names found by a `migrate` line (`declared`) or by structure;
    `merged` maps removed old statuses to the status a `migrate` line sends their leads to.
    """

    common: tuple[str, ...]
    renamed: dict[str, str]
    declared: frozenset[str]  # old names whose rename a `migrate` line declares
    scores: dict[str, float]  # old name → structural likeness of a detected rename (0..1)
    merged: dict[str, str]
    removed: tuple[str, ...]  # removed with no migration and no rename found
    added: tuple[str, ...]  # new statuses not paired with an old one

    def to_new(self, old: str) -> str | None:
        """The new status an old one became (same name, or renamed), else None."""
        if old in self.renamed:
            return self.renamed[old]
        return old if old in self.common else None


@attrs.frozen
class SchemeDiff:
    """Every change between two schemes, breaking first, in the order of the schemes."""

    old_path: str
    new_path: str
    changes: tuple[Change, ...]
    pairing: Pairing

    @property
    def worst(self) -> ChangeClass | None:
        """The most serious class present (None when nothing changed at all)."""
        if not self.changes:
            return None
        return max((c.cls for c in self.changes), key=lambda c: c.rank)

    def of(self, cls: ChangeClass) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.cls is cls)

    @property
    def meaningful(self) -> bool:
        """Whether anything changed in meaning (a behavioural or breaking change)."""
        worst = self.worst
        return worst is not None and worst is not ChangeClass.COSMETIC
