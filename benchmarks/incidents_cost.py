#!/usr/bin/env python3
"""Grouping cost as the store grows: time per article to group its events into incidents, in a store of
1,000 and of 100,000 events.

    python benchmarks/incidents_cost.py [--sizes 1000 100000] [--probes 40] [--dir /tmp/ew-cost]

The stores are the synthetic ones of ``benchmarks/api.py`` (real texts extracted once, stored again and again
as copies with their own URLs and ids and dates shifted by the copy number; built once with the real
``Store.add_articles``, so every copy is grouped as an ingest would group it, and kept in ``--dir``). Each
probe is one more copy dated in the middle of the store's dates; its grouping (blocking, scoring, decision),
the insert of its events and the incident rows it rewrites are timed inside a transaction that is then rolled
back, so the store does not change between probes. Prints the median milliseconds per article at each size and the ratio of the
largest to the smallest (the aim: at most 1.5). Not a test: timings are noisy.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import _shift, build, copies, real_articles  # noqa: E402


def probes(items: list, *, n: int, day: int) -> list:
    """``n`` fresh copies of the real articles, dated ``day`` days after the originals."""
    out = []
    for j in range(n):
        article, evs = items[j % len(items)]
        url = f"{article.url or 'bench:' + article.id}#probe-{j}"
        copy = replace(article, id=f"{article.id}~probe{j}", url=url)
        out.append((copy, [replace(e, event_id=f"{e.event_id}~probe{j}", article=replace(e.article, id=copy.id,
                                                                                         url=url),
                                   date=_shift(e.date, day)) for e in evs]))
    return out


def time_grouping(db: Path, items: list, *, n: int, day: int) -> float:
    """Median milliseconds to group one probe article and write its events and incidents (rolled back)."""
    from eventwire.incidents.group import Grouper
    from eventwire.incidents.table import refresh
    from eventwire.store.database import _EVENT_COLUMNS, Store, _event_row, _insert_sql

    grouper, times = Grouper(), []
    with Store(db) as store, store.connection() as conn:
        for article, events in probes(items, n=n, day=day):
            rows = [_event_row(f"probe:{article.id}", e) for e in events]
            conn.execute("BEGIN TRANSACTION")
            start = time.perf_counter()
            assigned = grouper.assign(conn, events)
            conn.execute(_insert_sql("events", _EVENT_COLUMNS, len(rows)),
                         [v for r in rows for v in (*r, assigned[r[0]])])
            refresh(conn, set(assigned.values()), window=grouper.model.window_days)
            times.append((time.perf_counter() - start) * 1000)
            conn.execute("ROLLBACK")
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--probes", type=int, default=40)
    parser.add_argument("--muc", type=int, default=40, help="MUC-4 dev texts among the real articles")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/ew-cost"))
    args = parser.parse_args()
    items = real_articles(muc=args.muc)
    per_copy = sum(len(e) for _, e in items)
    rows = []
    for size in args.sizes:
        db = args.dir / f"cost-{size}.duckdb"
        if not db.exists():
            args.dir.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            build(db, events=size, muc=args.muc)
            print(f"built {db} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        middle = max(0, (size // per_copy) // 2)
        rows.append((size, time_grouping(db, items, n=args.probes, day=middle)))
    print("| stored events | grouping ms per article (median) |")
    print("|---|---|")
    for size, ms in rows:
        print(f"| {size:,} | {ms:.1f} |")
    print(f"\nratio {rows[-1][0]:,} / {rows[0][0]:,} events: {rows[-1][1] / rows[0][1]:.2f} (aim: <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
