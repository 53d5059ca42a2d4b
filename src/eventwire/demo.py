"""``make demo``: show what was stored, and how to query and export it.

    python -m eventwire.demo --db demo.duckdb
"""
from __future__ import annotations

import argparse
import sys

from .store.database import Store
from .store.tables import event_table

NEXT_STEPS = """
Next steps
  all events as JSON lines     .venv/bin/eventwire export --db {db} --format jsonl
  a spreadsheet                .venv/bin/eventwire export --db {db} --format csv -o events.csv
  a map layer                  .venv/bin/eventwire export --db {db} --format geojson -o events.geojson
  Parquet for pandas/DuckDB    .venv/bin/eventwire export --db {db} --format parquet -o events.parquet
  SQL                          .venv/bin/python -c "import duckdb; print(duckdb.connect('{db}', read_only=True).sql(
                                   'SELECT type, date, country, fatalities, evidence_text FROM events ORDER BY date'))"
  your own news                .venv/bin/eventwire ingest path/to/articles/ --db {db}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the events of a store and how to use them.")
    parser.add_argument("--db", required=True)
    args = parser.parse_args(argv)
    with Store(args.db, read_only=True) as store:
        events = list(store.iter_events())
        counts = store.count()
    asserted = [e for e in events if e.factuality == "asserted"]
    others = [e for e in events if e.factuality != "asserted"]
    print(f"\n{counts['articles']} article(s), {counts['events']} event(s) in {args.db}\n")
    print("Events the text reports as facts:\n")
    print(event_table(asserted))
    if others:
        print("\nClaimed, denied, feared or future events (kept apart from facts):\n")
        print(event_table(others))
    print(NEXT_STEPS.format(db=args.db))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
