"""'Did you mean …' suggestions for misspelt names and keywords."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most like `word` (case-insensitive), or None when nothing is close."""
    pool = sorted(set(candidates))
    if not pool:
        return None
    lowered = {c.casefold(): c for c in pool}
    if word.casefold() in lowered and lowered[word.casefold()] != word:
        return lowered[word.casefold()]
    found = difflib.get_close_matches(word.casefold(), list(lowered), n=1, cutoff=cutoff)
    return lowered[found[0]] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A help line such as "did you mean 'Nurture'?", or None."""
    match = closest(word, candidates)
    return f"did you mean '{match}'?" if match else None
