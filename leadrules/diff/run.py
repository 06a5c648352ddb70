"""`diff_schemes`: pair the statuses, then compare everything under that pairing."""

from __future__ import annotations

from leadrules.diff.compare_schemes import Differ
from leadrules.diff.match import pair
from leadrules.diff.model import SchemeDiff
from leadrules.model.scheme import Scheme


def diff_schemes(old: Scheme, new: Scheme) -> SchemeDiff:
    """Every change from `old` to `new` (both resolved), classed; breaking ones first."""
    pairing = pair(old, new)
    changes = Differ(old, new, pairing).run()
    return SchemeDiff(old.path, new.path, tuple(changes), pairing)
