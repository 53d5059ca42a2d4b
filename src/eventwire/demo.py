"""``make demo``: a short summary of what a store holds, and how to look at it.

    python -m eventwire.demo --db demo.duckdb

Prints the events by type and by country (facts apart from claims, threats and denials), the deadliest
events with their sentence, the largest incidents where the store groups events into incidents, and the
commands to open the map, export and query.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from typing import Any

from .store.database import Store

NEXT_STEPS = """\
Open the map, timeline and table:   make serve   (then http://127.0.0.1:8000/)
One event with its sentence:        .venv/bin/eventwire show {example} --db {db}
Export:                             .venv/bin/eventwire export --db {db} --format csv -o events.csv
                                    (or --format jsonl, parquet, geojson)
Your own news:                      .venv/bin/eventwire ingest path/to/articles/ --db {db}
"""
TOP = 8


def summary(store: Store, *, width: int = 100) -> str:
    """The demo's text: counts by type and country, the deadliest events, the largest incidents."""
    with store.connection() as conn:
        def rows(sql: str) -> list[tuple[Any, ...]]:
            return conn.execute(sql).fetchall()

        articles, events, located, facts = rows(
            "SELECT (SELECT count(*) FROM articles), count(*), count(lat), count(*) FILTER "
            "(WHERE factuality = 'asserted') FROM events")[0]
        first, last = rows("SELECT min(date), max(date) FROM events")[0]
        by_type = rows("SELECT type, count(*) FILTER (WHERE factuality = 'asserted'), count(*) FROM events "
                       "GROUP BY type ORDER BY count(*) DESC, type")
        by_country = rows("SELECT coalesce(country, '(no place)'), count(*) AS n, count(*) FILTER "
                          "(WHERE type = 'ASSAULT') FROM events GROUP BY 1 ORDER BY n DESC, 1")
        deadliest = rows("SELECT event_id, type, date, location_name, country, fatalities, evidence_text FROM events "
                         "WHERE fatalities > 0 AND factuality = 'asserted' ORDER BY fatalities DESC, seq LIMIT 5")
        tables = {name for (name,) in rows("SELECT table_name FROM information_schema.tables")}
        incidents = rows("SELECT type, date, location_name, country, articles, sources, n_events, fatalities, "
                         "evidence_text FROM incidents ORDER BY articles DESC, n_events DESC, fatalities DESC "
                         f"NULLS LAST, seq LIMIT 5") if "incidents" in tables else None
        example = rows("SELECT event_id FROM events ORDER BY fatalities DESC NULLS LAST, seq LIMIT 1")
    span = f", dated {first} to {last}" if first else ""
    out = [f"{articles} article(s), {events} event(s) ({facts} reported as fact, {located} on the map){span}", ""]
    out += _columns("Events by type", ("type", "as fact", "all"), by_type)
    more = len(by_country) - TOP
    out += _columns("Events by country (where they happened)", ("country", "events", "attacks"), by_country[:TOP])
    if more > 0:
        out.insert(-1, f"  ... and {more} more countries")
    if deadliest:
        out += ["", "Deadliest events reported as fact"]
        for event_id, kind, day, place, country, dead, text in deadliest:
            where = ", ".join(x for x in (place, country) if x) or "place unknown"
            out.append(f"  {dead:>5} dead  {kind} {day or 'undated'} {where}  [{event_id}]")
            out += textwrap.wrap(text, width, initial_indent="         ", subsequent_indent="         ",
                                 max_lines=2, placeholder=" ...")
    if incidents:
        out += ["", "Largest incidents (reports of one real event, across articles)"]
        for kind, day, place, country, n_articles, sources, n_events, dead, text in incidents:
            where = ", ".join(x for x in (place, country) if x) or "place unknown"
            toll = "" if dead is None else f", {dead} dead"
            out.append(f"  {kind} {day or 'undated'} {where}: {n_articles} article(s), {sources} source(s), "
                       f"{n_events} report(s){toll}")
            out += textwrap.wrap(text or "", width, initial_indent="      ", subsequent_indent="      ",
                                 max_lines=1, placeholder=" ...")
    out += ["", NEXT_STEPS.format(db=store.path, example=example[0][0] if example else "EVENT_ID")]
    return "\n".join(out)


def _columns(title: str, header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    width = max([len(header[0]), *(len(str(r[0])) for r in rows)])
    lines = [title, "  " + header[0].ljust(width) + "".join(h.rjust(9) for h in header[1:])]
    lines += ["  " + str(r[0]).ljust(width) + "".join(str(v).rjust(9) for v in r[1:]) for r in rows]
    return lines + [""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Summarise the events of a store and say how to look at them.")
    parser.add_argument("--db", required=True)
    args = parser.parse_args(argv)
    width = min(100, shutil.get_terminal_size((100, 20)).columns)
    print(summary(Store(args.db, read_only=True), width=width))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
