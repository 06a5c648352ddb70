"""The Olist marketing funnel (two tables) → a status-change history (one table).

Olist publishes what it knows of each lead as two CSV files, not as a status log:
`olist_marketing_qualified_leads_dataset.csv` (mql_id, first_contact_date, landing_page_id,
origin) and `olist_closed_deals_dataset.csv` (mql_id, won_date, sdr_id, sr_id, …). This module
rebuilds the status changes those tables imply, for `examples/olist.leads`:

- `MQL` at `first_contact_date` (a date: midnight local time), source = `origin`, no owner;
- `Won` at `won_date`, owner = the SR (`sr_id`) who closed it;
- `Lost` at first contact + the cut-off, for leads never won, when that moment lies within the
  data (the last date either table mentions). The cut-off is the scheme's own timer
  (`after 180 days -> Lost` in the initial status), so check and stats judge the data by the
  rule the scheme states; later leads stay open.

The SDR is left out on purpose: the tables name an SDR only for won leads, so using it would
give every SDR a 100% conversion rate. Times are written as they are in the tables (naive
local times); `read_history` reads them in the scheme's calendar zone.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable

import attrs

from leadrules.model.scheme import Scheme

HEADER = ("lead_id", "at", "to_status", "owner", "source")


@attrs.frozen
class OlistRow:
    lead_id: str
    at: dt.datetime
    to_status: str
    owner: str = ""
    source: str = ""

    def cells(self) -> tuple[str, ...]:
        return (self.lead_id, self.at.isoformat(), self.to_status, self.owner, self.source)


def lost_cutoff(scheme: Scheme) -> tuple[str, dt.timedelta] | None:
    """The first calendar-time timer from the initial status to a lost outcome: (status, delay).
    """
    lost = {s.name for s in scheme.statuses if s.outcome == "lost"}
    for status in scheme.initial:
        for timer in status.timers:
            if timer.target is not None and timer.target.name in lost and not (
                    timer.delay.business or timer.without_activity):
                return timer.target.name, dt.timedelta(seconds=timer.delay.seconds)
    return None


def _read(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def olist_rows(mqls_csv: str | os.PathLike[str], deals_csv: str | os.PathLike[str], *,
               cutoff: tuple[str, dt.timedelta] | None = None) -> list[OlistRow]:
    """The status changes of every lead, sorted by time, then lead id, then status."""
    mqls = _read(mqls_csv)
    deals = _read(deals_csv)
    rows: list[OlistRow] = []
    won: set[str] = set()
    for deal in deals:
        at = dt.datetime.fromisoformat(deal["won_date"])
        rows.append(OlistRow(deal["mql_id"], at, "Won", deal.get("sr_id", "")))
        won.add(deal["mql_id"])
    first = [dt.datetime.fromisoformat(m["first_contact_date"]) for m in mqls]
    end = max([*first, *(r.at for r in rows)])
    for mql, at in zip(mqls, first, strict=True):
        rows.append(OlistRow(mql["mql_id"], at, "MQL", "", mql.get("origin", "")))
        if cutoff is not None and mql["mql_id"] not in won and at + cutoff[1] <= end:
            rows.append(OlistRow(mql["mql_id"], at + cutoff[1], cutoff[0]))
    order = {"MQL": 0, "Won": 1}
    rows.sort(key=lambda r: (r.at, r.lead_id, order.get(r.to_status, 2)))
    return rows


def write_history_csv(rows: Iterable[OlistRow], out: str | os.PathLike[str]) -> int:
    """Write rows as a status-change CSV (`lead_id,at,to_status,owner,source`); the count."""
    count = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow(row.cells())
            count += 1
    return count
