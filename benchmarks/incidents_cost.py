#!/usr/bin/env python3
"""Grouping cost as the store grows: time per article to group its events into incidents, in a store of
1,000 and of 100,000 events.

    python benchmarks/incidents_cost.py [--sizes 1000 100000] [--probes 40] [--dir /tmp/ew-cost]

The stores are the synthetic ones of ``benchmarks/api.py`` (real texts extracted once, stored again and again
as copies with their own URLs and ids), kept in ``--dir``, but with the news rate of a live feed: the copies are
dated so that about ``--per-day`` events fall on each day (api.py shifts each whole copy by one day), so a
larger store spans a longer time at the same rate, as a growing store does. They are written
in bulk, every stored event an incident of its own (rows made by the store's and the incidents' own row
functions): the densest blocking a store of that size can have, since no report was absorbed into another. Each
probe is one more copy dated in the middle of the store's dates; its grouping (blocking, scoring, decision),
the insert of its events and the incident rows it rewrites are timed inside a transaction that is then rolled
back, so the store does not change between probes. Prints the median milliseconds per article at each size and the ratio of the
largest to the smallest (the aim: at most 1.5). Not a test: timings are noisy.

It also times the load ``eventwire run`` uses (:func:`eventwire.store.bulk.load_articles`: the probes stored as
one chunk, in one transaction) on a copy of each store, and prints its milliseconds per article beside.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import _shift, real_articles  # noqa: E402


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


def time_chunk(db: Path, items: list, *, n: int, day: int) -> float:
    """Milliseconds per article to store the probes as one chunk (``load_articles``), on a copy of ``db``."""
    import shutil
    import tempfile

    from eventwire.store.bulk import load_articles
    from eventwire.store.database import Store

    with tempfile.TemporaryDirectory(prefix="ew-cost-chunk-", dir=db.parent) as tmp:
        copy = Path(tmp) / db.name
        shutil.copy(db, copy)
        chunk = probes(items, n=n, day=day)
        with Store(copy) as store:
            store.count()  # connected before the clock, as time_grouping's store is
            start = time.perf_counter()
            added = load_articles(store, chunk)
            seconds = time.perf_counter() - start
    assert all(added)
    return seconds * 1000 / len(chunk)


def spread(items: list, *, events: int, per_day: int):
    """(article, events) copies of ``items`` until ``events`` events, about ``per_day`` events a day."""
    total, k = 0, 0
    while total < events:
        for j, (article, evs) in enumerate(items):
            if total >= events:
                return
            day = total // per_day
            url = f"{article.url or 'bench:' + article.id}#copy-{k}"
            copy = replace(article, id=f"{article.id}~{k}", url=url)
            yield copy, [replace(e, event_id=f"{e.event_id}~{k}", article=replace(e.article, id=copy.id, url=url),
                                 date=_shift(e.date, day)) for e in evs[:events - total]]
            total += min(len(evs), events - total)
        k += 1


def bulk_build(db: Path, items: list, *, events: int, per_day: int) -> None:
    """The synthetic store of ``events`` events, written in a few bulk inserts (see the module docstring)."""
    import pyarrow as pa

    from eventwire.incidents.model import load_model
    from eventwire.incidents.table import _COLUMNS, _keys, _row, incident_object
    from eventwire.store.database import _ARTICLE_COLUMNS, _EVENT_COLUMNS, Store, _article_row, _event_row, article_key

    window = load_model().window_days
    tables: dict[str, list[dict]] = {"articles": [], "events": [], "incidents": [], "incident_blocks": []}
    seq = 0
    for copy, evs in spread(items, events=events, per_day=per_day):
        key = article_key(copy)
        tables["articles"].append(dict(zip(_ARTICLE_COLUMNS, _article_row(key, copy, len(evs)))))
        for event in evs:
            seq += 1
            incident = f"inc-{event.event_id}"
            tables["events"].append(dict(zip(_EVENT_COLUMNS, [*_event_row(key, event), incident])))
            row = _row(incident_object(incident, [event]), [event])
            tables["incidents"].append({"incident_id": incident, "seq": seq, **dict(zip(_COLUMNS, row))})
            tables["incident_blocks"] += [{"key": k, "incident_id": incident} for k in sorted(_keys([event], window))]
    store = Store(db)
    store.count()  # creates the schema
    with store.connection() as conn:
        conn.execute("BEGIN TRANSACTION")
        for name, rows in tables.items():
            frame = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB by name
            columns = ", ".join(rows[0])
            conn.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM frame")
        conn.execute("COMMIT")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--probes", type=int, default=40)
    parser.add_argument("--muc", type=int, default=40, help="MUC-4 dev texts among the real articles")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/ew-cost"))
    parser.add_argument("--per-day", type=int, default=40, help="stored events per day of the synthetic news")
    args = parser.parse_args()
    items = real_articles(muc=args.muc)
    rows = []
    for size in args.sizes:
        db = args.dir / f"cost-{size}-{args.per_day}.duckdb"
        if not db.exists():
            args.dir.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            bulk_build(db, items, events=size, per_day=args.per_day)
            print(f"built {db} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        middle = size // args.per_day // 2
        rows.append((size, time_grouping(db, items, n=args.probes, day=middle),
                     time_chunk(db, items, n=args.probes, day=middle)))
    print("| stored events | grouping ms per article (median) | one chunk of the probes (`run`'s load), ms per article |")
    print("|---|---|---|")
    for size, ms, chunk in rows:
        print(f"| {size:,} | {ms:.1f} | {chunk:.1f} |")
    print(f"\nratio {rows[-1][0]:,} / {rows[0][0]:,} events: {rows[-1][1] / rows[0][1]:.2f} (aim: <= 1.5); "
          f"chunk load {rows[-1][2] / rows[0][2]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
