"""Facts several design rules share: which statuses are parking places."""

from __future__ import annotations

from leadrules.lint.context import Context
from leadrules.lint.rules.design._lexicon import PARKING, PARKING_DEFINITION, flat
from leadrules.lint.rules.design._text import phrases
from leadrules.model.scheme import Status


def parking_word(ctx: Context, status: Status) -> str | None:
    """The parking word in the status's name or label (the lexicon plus the council's
    `parking` words) or, failing that, the parking phrase in its definition; else None."""
    names = phrases(ctx.words("parking", flat(PARKING)))
    definitions = phrases(frozenset(w.casefold() for w in flat(PARKING_DEFINITION)))
    return names.first(status.name, status.label) or definitions.first(status.means)
