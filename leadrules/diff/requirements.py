"""Whether a requirement got stricter: conditions compared as sets of `and`-ed parts.

More parts (the old ones kept) is tighter; fewer is looser; anything else may be tighter for
some records, so it is treated as tighter — a record that met the old requirement might not
meet the new one.
"""

from __future__ import annotations

from leadrules.diff.model import ChangeClass


def requirement_change(old: frozenset[str], new: frozenset[str], old_text: str, new_text: str,
                       what: str) -> tuple[ChangeClass, str, str, str | None]:
    """(class, kind, text, why) for a changed requirement of `what` (a status or a move)."""
    why = f"records that qualified for {what} before may not qualify now"
    if not old:
        return (ChangeClass.BREAKING, "tightened", f"now requires {new_text} (required nothing)",
                why)
    if not new:
        return (ChangeClass.BEHAVIOURAL, "loosened", f"no longer requires {old_text}", None)
    if new > old:
        extra = " and ".join(sorted(new - old))
        return (ChangeClass.BREAKING, "tightened",
                f"requires more: `{old_text}` → `{new_text}` (adds {extra})", why)
    if new < old:
        dropped = " and ".join(sorted(old - new))
        return (ChangeClass.BEHAVIOURAL, "loosened",
                f"requires less: `{old_text}` → `{new_text}` (drops {dropped})", None)
    return (ChangeClass.BREAKING, "changed", f"requirement changed: `{old_text}` → `{new_text}`",
            why)
