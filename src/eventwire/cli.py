"""``eventwire`` command line: a thin layer over the library (see ``eventwire --help``).

Every command reads what the contract says (``docs/contract.md``), reports each unreadable input as one
line on stderr, goes on with the others, and exits non-zero at the end when any input was unreadable.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .errors import EventwireError

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
INGEST_LOCK_TIMEOUT = 120.0  # seconds ingest waits for readers (eventwire serve) to let go of the file


class _Errors:
    """Counts and prints problems with inputs, one line each."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: EventwireError) -> None:
        self.count += 1
        print(f"eventwire: error: {error}", file=sys.stderr, flush=True)


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import documents_to_articles, extract_articles
    from .store.tables import event_table

    errors = _Errors()
    articles = documents_to_articles(args.paths, published=args.published, on_error=errors)
    collected = []
    for _article, events in extract_articles(articles):
        if args.format == "jsonl":
            for event in events:
                sys.stdout.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            collected += events
    if args.format == "json":
        json.dump([e.to_dict() for e in collected], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "table":
        sys.stdout.write(event_table(collected) + "\n")
    return EXIT_BAD_INPUT if errors.count else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from .pipeline import ingest_into
    from .store.database import Store

    errors = _Errors()
    store = Store(args.db, lock_timeout=INGEST_LOCK_TIMEOUT)
    new, stored_events = ingest_into(store, args.paths, published=args.published, on_error=errors)
    totals = store.count()
    print(f"eventwire: ingested {new} new article(s) with {stored_events} event(s) into {args.db} "
          f"(store now holds {totals['articles']} article(s), {totals['events']} event(s)); "
          f"{errors.count} unreadable input(s)", file=sys.stderr)
    return EXIT_BAD_INPUT if errors.count else 0


def cmd_export(args: argparse.Namespace) -> int:
    from .store.export import export_store

    out = args.output or sys.stdout
    count = export_store(args.db, format=args.format, out=out)
    left_out = f"; {count.unlocated} without coordinates left out" if args.format == "geojson" else ""
    print(f"eventwire: exported {count} event(s) as {args.format}{left_out}", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from .errors import UsageError
    from .store.database import Store
    from .store.export import export_dict
    from .store.tables import event_in_context, paragraph_of

    found = Store(args.db, read_only=True).get_event(args.event_id)
    if found is None:
        raise UsageError(f"no event {args.event_id!r} in {args.db}: list the ids with "
                         f"eventwire export --db {args.db} --format csv")
    event, article = found
    if args.json:
        start, end = paragraph_of(article.body, event.evidence.start, event.evidence.end)
        data = export_dict(event, article.body)
        data["paragraph"] = {"text": article.body[start:end], "start": start, "end": end}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(event_in_context(event, article) + "\n")
    return 0


def cmd_geoparse(args: argparse.Namespace) -> int:
    from .pipeline import geoparse_paths

    errors = _Errors()
    for line in geoparse_paths(args.paths, on_error=errors):
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    return EXIT_BAD_INPUT if errors.count else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve.server import run

    run(args.db, host=args.host, port=args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire", description="News articles in, geocoded political and conflict events out (offline).")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="print the events of articles",
                       description="Print the events of articles.",
                       epilog="Example: eventwire extract news/ --format jsonl > events.jsonl")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html/.json/.jsonl files, folders, or - for stdin")
    p.add_argument("--published", help="publication time (ISO-8601) for inputs that do not say")
    p.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("ingest", help="extract events and store them in a DuckDB file",
                       description="Extract events and store them, one transaction per article. "
                                   "Articles already in the store are skipped.",
                       epilog="Example: eventwire ingest news/ --db events.duckdb")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", required=True, metavar="FILE")
    p.add_argument("--published", help="publication time (ISO-8601) for inputs that do not say")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("export", help="write the stored events as JSONL, CSV, Parquet or GeoJSON",
                       description="Write the stored events in one format.",
                       epilog="Example: eventwire export --db events.duckdb --format csv -o events.csv")
    p.add_argument("--db", required=True, metavar="FILE")
    p.add_argument("--format", required=True, choices=("jsonl", "csv", "parquet", "geojson"))
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout; parquet needs a file)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("show", help="one stored event with its sentence in its paragraph",
                       description="Print one stored event: what was coded, and its sentence marked in its "
                                   "paragraph of the article body (the text its offsets index).",
                       epilog="Example: eventwire show 3f9a1c0d2b7e4a51 --db events.duckdb")
    p.add_argument("event_id", metavar="EVENT_ID")
    p.add_argument("--db", required=True, metavar="FILE")
    p.add_argument("--json", action="store_true", help="the event object with article.body and the paragraph")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("geoparse", help="find and resolve the place names of JSONL documents",
                       description="One JSONL line per document: {id, places: [Place or null, ...]}.",
                       epilog="Example: eventwire geoparse docs.jsonl > places.jsonl")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=cmd_geoparse)

    p = sub.add_parser("serve", help="web UI and JSON API over a store",
                       description="Serve the map, timeline and table UI and the read-only JSON API of a store.",
                       epilog="Example: eventwire serve --db events.duckdb  (then open http://127.0.0.1:8000)")
    p.add_argument("--db", required=True, metavar="FILE")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    return parser


def _version() -> str:
    from ._version import __version__

    return f"eventwire {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except EventwireError as exc:
        print(f"eventwire: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
