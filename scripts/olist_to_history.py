"""Turn the Olist marketing funnel's two tables into a status-change CSV for olist.leads.

    .venv/bin/python scripts/olist_to_history.py ../shared/data/olist_marketing_funnel out/olist.csv
    .venv/bin/leadrules history check examples/olist.leads out/olist.csv

Leads never won become Lost at the cut-off of the scheme's own timer (`after 180 days -> Lost`
in examples/olist.leads, or --scheme); see leadrules/history/olist.py for every rule.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from leadrules import LeadrulesError, Loader  # noqa: E402
from leadrules.history.olist import lost_cutoff, olist_rows, write_history_csv  # noqa: E402

MQLS = "olist_marketing_qualified_leads_dataset.csv"
DEALS = "olist_closed_deals_dataset.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help=f"the folder holding {MQLS} and {DEALS}")
    parser.add_argument("output", help="the status-change CSV to write")
    parser.add_argument("--scheme", default=str(ROOT / "examples" / "olist.leads"),
                        help="the scheme whose cut-off timer makes leads Lost")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    for name in (MQLS, DEALS):
        if not (folder / name).is_file():
            print(f"{folder / name}: not found", file=sys.stderr)
            return 2
    try:
        scheme = Loader().scheme(args.scheme)
    except LeadrulesError as exc:
        print("\n".join(str(d) for d in exc.diagnostics), file=sys.stderr)
        return 2
    cutoff = lost_cutoff(scheme)
    rows = olist_rows(folder / MQLS, folder / DEALS, cutoff=cutoff)
    count = write_history_csv(rows, args.output)
    lost = f"Lost after {cutoff[1].days} days" if cutoff else "no cut-off"
    print(f"{args.output}: {count} status changes ({lost})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
