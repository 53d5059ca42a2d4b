#!/usr/bin/env python3
"""API and page speed of ``eventwire serve`` on a large store.

    python benchmarks/api.py [--events 100000] [--db /tmp/eventwire-bench.duckdb] [--requests 60]

1. Builds the store once (kept between runs; delete it to rebuild): real texts (``examples/`` plus the first
   MUC-4 dev texts from ../shared/data when present) go through the real extraction pipeline ONCE; their
   articles are then stored again and again until the store holds ``--events`` events. Copy ``k`` of an
   article gets its own URL (``...#copy-k``, so a new article key), its own article and event ids (suffix
   ``~k``) and its event dates shifted by ``k`` days, so the timeline spans years. Text, evidence, actors
   and places stay as extracted.
2. Serves the store with uvicorn on a free loopback port in this process, and times ``--requests`` requests
   of each kind (a filtered list, each aggregate, the map clusters, one event) with a warm-up request first:
   median and p95 in milliseconds.
3. Page load: headless Chromium (Debian's ``chromium``; skipped when absent) opens the UI and waits until the
   map, timeline and table have drawn; reports the median of 5 loads.

Not a test: timings are noisy. Prints one table.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
REPO = Path(__file__).resolve().parent.parent

from eventwire.store.database import Store  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def real_articles(*, muc: int) -> list:
    """(article, events) of the example articles and the first ``muc`` MUC-4 dev texts, extracted for real."""
    from eventwire.read.clean import clean
    from eventwire.read.files import document_from_text
    from eventwire.pipeline import documents_to_articles, extract_articles

    articles = list(documents_to_articles([REPO / "examples"], on_error=print))
    try:
        from _data import muc_texts, require

        if muc and require("muc4") is not None:
            articles += [clean(document_from_text(t.text, id=t.id))
                         for _, t in zip(range(muc), muc_texts("dev"))]
    except ImportError:
        pass
    items, seen = [], set()
    for article, events in extract_articles(articles):
        ids = {e.event_id for e in events}
        # left out: a text that repeats another (the MUC files have some), or whose event ids repeat
        if events and len(ids) == len(events) and not ids & seen:
            items.append((article, events))
            seen |= ids
    return items


def _shift(value: str | None, days: int) -> str | None:
    if not value:
        return value
    try:
        return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return value


def copies(items: list, *, events: int):
    """Yield (article, events) copies of ``items`` (see the module docstring) until ``events`` are reached."""
    total, k = 0, 0
    while total < events:
        for article, evs in items:
            if total >= events:
                return
            url = f"{article.url or 'bench:' + article.id}#copy-{k}"
            copy = replace(article, id=f"{article.id}~{k}", url=url)
            new = [replace(e, event_id=f"{e.event_id}~{k}", article=replace(e.article, id=copy.id, url=url),
                           date=_shift(e.date, k))
                   for e in evs[:events - total]]
            total += len(new)
            yield copy, new
        k += 1


def build(db: Path, *, events: int, muc: int) -> None:
    items = real_articles(muc=muc)
    print(f"building {db}: {len(items)} real articles with {sum(len(e) for _, e in items)} events, "
          f"copied to {events:,} events", file=sys.stderr)
    batch: list = []
    store = Store(db)
    for item in copies(items, events=events):
        batch.append(item)
        if len(batch) >= 500:
            store.add_articles(batch)
            batch = []
    store.add_articles(batch)


def timed(url: str, n: int) -> tuple[float, float]:
    urllib.request.urlopen(url).read()  # warm-up
    times = []
    for _ in range(n):
        start = time.perf_counter()
        with urllib.request.urlopen(url) as response:
            response.read()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def page_load(base: str, n: int = 5) -> float | None:
    if not CHROMIUM.exists():
        print("page load skipped: /usr/bin/chromium is absent (apt-get install chromium)", file=sys.stderr)
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("page load skipped: playwright is not installed (pip install -r requirements-dev.txt)",
              file=sys.stderr)
        return None
    times = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=str(CHROMIUM), headless=True,
                                                   args=CHROMIUM_ARGS)
        page = ctx.new_page()
        for _ in range(n):
            start = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_selector("body[data-ready='1']", timeout=60_000)
            times.append((time.perf_counter() - start) * 1000)
        ctx.close()
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "eventwire-bench.duckdb")
    parser.add_argument("--muc", type=int, default=40, help="MUC-4 dev texts to extract (besides examples/)")
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, events=args.events, muc=args.muc)
    from eventwire.serve.server import serve_in_thread

    with serve_in_thread(args.db) as base:
        counts = Store(args.db, read_only=True).count()
        print(f"store {args.db}: {counts['articles']:,} articles, {counts['events']:,} events\n")
        cases = [
            ("list, filtered (ASSAULT, 1 country, date range, q)", "/api/events?type=ASSAULT&country=SLV"
             "&date_from=1989-06-01&date_to=1990-12-31&q=killed&limit=50&sort=-date"),
            ("list, unfiltered, page 100", "/api/events?limit=50&offset=5000"),
            ("aggregate by day", "/api/aggregates?by=day"),
            ("aggregate by type", "/api/aggregates?by=type"),
            ("aggregate by country", "/api/aggregates?by=country"),
            ("aggregate by day, filtered", "/api/aggregates?by=day&quad_class=material-conflict&actor=army"),
            ("map clusters, whole world", "/api/clusters?cell=4"),
            ("meta (filter choices)", "/api/meta"),
        ]
        print(f"{'request':<52}{'median ms':>10}{'p95 ms':>9}")
        for label, path in cases:
            median, p95 = timed(base + path, args.requests)
            print(f"{label:<52}{median:>10.1f}{p95:>9.1f}")
        load = page_load(base)
        if load is not None:
            print(f"\npage load until map, timeline and table have drawn (median of 5): {load:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
