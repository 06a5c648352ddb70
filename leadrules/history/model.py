"""What history readers produce and every history command consumes.

A `History` is one lead trace per lead id, each a time-ordered list of the scheme statuses the
lead entered, plus the bookkeeping that makes "nothing is dropped silently" checkable:
rows read = rows used + rows rejected, and every rejection keeps its row number and reason.

Times are UTC epoch seconds (floats): the same clock as `leadrules.calendar`'s epoch API and the
simulator, so business time on a scheme's calendar is one call away.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Rejected:
    """One input row (or XES event) that could not be used, and why, in plain words."""

    row: int  # 1-based data row number (the header is row 0) or the event's ordinal in a log
    reason: str  # e.g. "unparseable time '31/02/2024 10:00'", "unknown status 'Foo'"
    text: str = ""  # the row as read, shortened, for the report
    kind: str = ""  # the reason's family, for counting: see `REJECTION_KINDS`


@attrs.define
class Trace:
    """One lead's status changes, oldest first: `statuses[i]` entered at `times[i]`.

    `owners[i]` is who owned the lead from that change on (None when the input has no owner);
    `rows[i]` is the input row of the change (for reports). `source` is the lead's source when
    the input carries one. `raw[i]` is the CRM's own status label (before mapping).
    """

    lead: str
    times: list[float] = attrs.field(factory=list)
    statuses: list[str] = attrs.field(factory=list)
    owners: list[str | None] = attrs.field(factory=list)
    rows: list[int] = attrs.field(factory=list)
    raw: list[str] = attrs.field(factory=list)
    source: str | None = None
    activity: list[float] = attrs.field(factory=list)  # rows that repeated the current status


@attrs.define
class History:
    """Every lead's trace, the observation window and the row accounting.

    `rows_read == rows_used + len(rejected)` always holds (readers assert it).
    `observed_until` is when the history was extracted (the last change, unless given): a lead
    whose last status is not an outcome was still open then.
    """

    path: str
    traces: dict[str, Trace] = attrs.field(factory=dict)  # insertion order: first appearance
    rows_read: int = 0
    rows_used: int = 0
    rejected: list[Rejected] = attrs.field(factory=list)
    observed_from: float | None = None
    observed_until: float | None = None
    timezone: str = "UTC"  # the zone naive times were read in
    migrated: dict[str, int] = attrs.field(factory=dict)  # old label → rows moved by `migrate`
    repeats: int = 0  # used rows that repeated the lead's current status (kept as activity)
    unit: str = "row"  # what `Rejected.row` counts: "row" (CSV) or "event" (XES)
    notes: list[str] = attrs.field(factory=list)  # what the reader did that a user should know

    @property
    def changes(self) -> int:
        """Status changes kept (every used row that was not a repeat)."""
        return self.rows_used - self.repeats

    def rejected_by_kind(self) -> dict[str, int]:
        """Rejected rows per reason family, largest first (ties by name)."""
        counts: dict[str, int] = {}
        for r in self.rejected:
            counts[r.kind or "other"] = counts.get(r.kind or "other", 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# Reason families of rejected rows, with the words reports use for them.
REJECTION_KINDS = {
    "id": "missing lead id",
    "time": "unparseable or missing time",
    "status": "unknown or missing status",
    "ignored": "label mapped to nothing by the mapping file",
    "order": "time going backwards within a lead",
    "duplicate": "duplicate of an earlier row",
    "lifecycle": "not a `complete` event",
}
