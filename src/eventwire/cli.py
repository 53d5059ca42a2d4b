"""``eventwire`` command line: a thin layer over the library (see ``eventwire --help``).

Every command reads what the contract says (``docs/contract.md``), reports each unreadable input as one
line on stderr, goes on with the others, and exits non-zero at the end when any input was unreadable.
"""
from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections import Counter
from typing import Sequence

from .errors import EventwireError, EventwireWarning
from .models import Skipped

_python_showwarning = warnings.showwarning

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
INGEST_LOCK_TIMEOUT = 120.0  # seconds ingest waits for readers (eventwire serve) to let go of the file


class _Errors:
    """Counts and prints problems with inputs, one line each; counts inputs skipped on purpose by reason
    (:meth:`skip`, printed one line each unless quiet). ``write`` replaces printing to stderr (a progress bar's)."""

    def __init__(self, write=None, *, quiet: bool = False) -> None:
        self.count = 0
        self.skipped: Counter = Counter()
        self.write = write or (lambda line: print(line, file=sys.stderr, flush=True))
        self.quiet = quiet

    def __call__(self, error: EventwireError) -> None:
        self.count += 1
        self.write(f"eventwire: error: {error}")

    def skip(self, skipped: Skipped) -> None:
        self.skipped[skipped.reason] += 1
        if not self.quiet:
            self.write(f"eventwire: skipped: {skipped.source}: {skipped.reason}")

    def summary(self) -> str:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))
        skipped = f"; {sum(self.skipped.values())} skipped ({reasons})" if self.skipped else ""
        return f"{self.count} unreadable input(s){skipped}"


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import documents_to_articles, extract_articles
    from .store.tables import event_table

    errors = _Errors()
    articles = documents_to_articles(args.paths, published=args.published, on_error=errors)
    collected = []
    for _article, events in extract_articles(articles):
        if args.min_confidence is not None:
            events = [e for e in events if e.confidence >= args.min_confidence]
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
    from .progress import Progress
    from .store.database import Store

    store = Store(args.db, lock_timeout=INGEST_LOCK_TIMEOUT)
    with Progress(quiet=args.quiet) as progress:
        errors = _Errors(progress.write, quiet=args.quiet)
        new, stored_events = ingest_into(store, args.paths, published=args.published, on_error=errors,
                                         on_skip=errors.skip, progress=progress)
    totals = store.count()
    print(f"eventwire: ingested {new} new article(s) with {stored_events} event(s) into {args.db} "
          f"(store now holds {totals['articles']} article(s), {totals['events']} event(s)); "
          f"{errors.summary()}", file=sys.stderr)
    return EXIT_BAD_INPUT if errors.count else 0


def cmd_run(args: argparse.Namespace) -> int:
    """Like ingest, on a Dask cluster: shards in parallel, each to a Parquet file, then the store."""
    from .batch.run import run_batch
    from .pipeline import extract_paths, load_resources
    from .progress import Progress

    with Progress(quiet=args.quiet) as progress:
        errors = _Errors(progress.write, quiet=args.quiet)
        summary = run_batch(args.paths, args.db, extract=extract_paths, load=load_resources,
                            workers=args.workers, scheduler=args.scheduler,
                            shard_size=args.shard_size, folder=args.shards, published=args.published,
                            on_error=errors, on_skip=errors.skip, progress=progress)
    print(f"eventwire: ran {summary.shards} shard(s) ({summary.shards_done_before} done before, outputs in "
          f"{summary.folder}); stored {summary.articles_new} new article(s) with {summary.events_new} event(s) "
          f"into {args.db}; {errors.summary()}", file=sys.stderr)
    return EXIT_BAD_INPUT if errors.count else 0


def cmd_watch(args: argparse.Namespace) -> int:
    """Poll feeds until stopped (Ctrl-C or SIGTERM end it cleanly between two items)."""
    import signal
    import threading
    from functools import partial

    from .batch.watch import watch_feeds
    from .pipeline import Resources, extract_documents
    from .progress import Progress

    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with Progress(quiet=args.quiet, desc="watching") as progress:
            errors = _Errors(progress.write, quiet=args.quiet)
            summary = watch_feeds(args.feeds, args.db, extract=partial(extract_documents, resources=Resources()),
                                  interval=args.interval, max_polls=args.polls, stop=stop, on_error=errors,
                                  on_skip=errors.skip, progress=progress)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(f"eventwire: watched {len(args.feeds)} feed(s) for {summary.polls} poll(s){' (stopped)' * stop.is_set()}; "
          f"stored {summary.articles} new article(s) with {summary.events} event(s) into {args.db}; "
          f"{errors.summary()}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .incidents.export import export_store_incidents
    from .store.export import export_store

    out = args.output or sys.stdout
    filters = {} if args.min_confidence is None else {"min_confidence": args.min_confidence}
    if args.incidents:
        count = export_store_incidents(args.db, format=args.format, out=out, **filters)
        print(f"eventwire: exported {count} incident(s) as {args.format}", file=sys.stderr)
        return 0
    count = export_store(args.db, format=args.format, out=out, **filters)
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


def cmd_incidents(args: argparse.Namespace) -> int:
    """``incidents merge|split|log|undo``: an analyst's corrections to the grouping (kept across ingests)."""
    from .store.database import Store

    store = Store(args.db, read_only=args.action == "log", lock_timeout=INGEST_LOCK_TIMEOUT)
    if args.action == "log":
        for entry in store.corrections():
            sys.stdout.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return 0
    if args.action == "merge":
        cid = store.merge_incidents(args.ids)
        what = f"merged {len(args.ids)} incident(s)"
    elif args.action == "split":
        cid = store.split_events(args.ids)
        what = f"split {len(args.ids)} event(s) out into a new incident"
    else:
        cid = _correction_id(args.ids)
        store.undo_correction(cid)
        what = "undid it"
    print(f"eventwire: correction {cid}: {what} (`eventwire incidents log --db {args.db}` lists them)",
          file=sys.stderr)
    return 0


def _correction_id(ids: list[str]) -> int:
    from .errors import UsageError

    if len(ids) != 1 or not ids[0].isdigit():
        raise UsageError("undo takes one correction id, a number as `eventwire incidents log` lists it")
    return int(ids[0])


def cmd_geoparse(args: argparse.Namespace) -> int:
    from .pipeline import geoparse_paths

    errors = _Errors()
    for line in geoparse_paths(args.paths, on_error=errors):
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    return EXIT_BAD_INPUT if errors.count else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve.server import run

    run(args.db, host=args.host, port=args.port, min_confidence=args.min_confidence)
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
    _min_confidence(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("ingest", help="extract events and store them in a DuckDB file",
                       description="Extract events and store them, one transaction per article. "
                                   "Articles already in the store are skipped.",
                       epilog="Example: eventwire ingest news/ --db events.duckdb")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html/.json/.jsonl/.warc(.gz) files, folders, or -")
    p.add_argument("--db", required=True, metavar="FILE")
    p.add_argument("--published", help="publication time (ISO-8601) for inputs that do not say")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no line per skipped input")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("run", help="like ingest, in parallel on Dask worker processes or a Dask cluster",
                       description="Cut the inputs into shards (a WARC file, or --shard-size files), extract each "
                                   "shard on a Dask worker into a Parquet file of events, then store them all in "
                                   "publication order. Shards whose output exists are skipped, so a killed run "
                                   "resumes. Needs the cluster extra: pip install 'eventwire[cluster]'.",
                       epilog="Example: eventwire run cc-news/ --db events.duckdb --workers 2  "
                              "(or --scheduler tcp://10.0.0.5:8786 for a running cluster)")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html/.json/.jsonl/.warc(.gz) files or folders")
    p.add_argument("--db", required=True, metavar="FILE")
    p.add_argument("--workers", type=int, default=2, help="local worker processes, one thread each (default 2)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler, e.g. tcp://HOST:8786")
    p.add_argument("--shard-size", type=int, default=None, metavar="N",
                   help="input files per shard (default: about 32 shards, at most 64 files each)")
    p.add_argument("--shards", metavar="DIR", help="folder of the shard outputs (default: FILE.shards)")
    p.add_argument("--published", help="publication time (ISO-8601) for inputs that do not say")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no line per skipped input")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("watch", help="poll RSS/Atom feeds and store the events of new items' pages",
                       description="Poll feeds, fetch the page of each item not seen before, store its events. "
                                   "What was seen is kept in FILE.feeds.json, so a restart resumes; a feed that "
                                   "fails is retried later and later (backoff). Ctrl-C stops cleanly.",
                       epilog="Example: eventwire watch https://example.org/world.rss --db events.duckdb --interval 600")
    p.add_argument("feeds", nargs="+", metavar="FEED", help="feed URLs or feed files")
    p.add_argument("--db", required=True, metavar="FILE")
    p.add_argument("--interval", type=float, default=300.0, metavar="SECONDS", help="between polls (default 300)")
    p.add_argument("--polls", type=int, metavar="N", help="stop after N polls (default: run until stopped)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no line per skipped item")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("export", help="write the stored events as JSONL, CSV, Parquet or GeoJSON",
                       description="Write the stored events in one format.",
                       epilog="Example: eventwire export --db events.duckdb --format csv -o events.csv")
    p.add_argument("--db", required=True, metavar="FILE")
    p.add_argument("--format", required=True, choices=("jsonl", "csv", "parquet", "geojson"))
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout; parquet needs a file)")
    p.add_argument("--incidents", action="store_true", help="one row per incident instead of one per event")
    _min_confidence(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("incidents", help="correct the grouping of events into incidents: merge, split, log, undo",
                       description="merge ID ID...: make these incidents one (the oldest keeps its id). "
                                   "split EVENT_ID...: move these events out into a new incident. "
                                   "log: list the corrections (JSONL). undo CORRECTION_ID: put one back. "
                                   "Corrections are kept across later ingests.",
                       epilog="Example: eventwire incidents merge inc-3f2a inc-9c1d --db events.duckdb")
    p.add_argument("action", choices=("merge", "split", "log", "undo"))
    p.add_argument("ids", nargs="*", metavar="ID", help="incident ids (merge), event ids (split), a correction id "
                                                        "(undo); none for log")
    p.add_argument("--db", required=True, metavar="FILE")
    p.set_defaults(func=cmd_incidents)

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
    _min_confidence(p)
    p.set_defaults(func=cmd_serve)
    return parser


def _probability(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a probability: give a number from 0 to 1, e.g. 0.5")
    return number


def _min_confidence(p: argparse.ArgumentParser) -> None:
    p.add_argument("--min-confidence", type=_probability, default=None, metavar="FLOAT",
                   help="only events whose confidence (the calibrated probability that the event is real and of "
                        "its type) is at least this, e.g. 0.5")


def _version() -> str:
    from ._version import __version__

    return f"eventwire {__version__}"


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings meant for the user (text repaired, a repeated id) as one line, without a code location."""
    if isinstance(message, EventwireWarning):
        print(f"eventwire: warning: {message}", file=sys.stderr, flush=True)
    else:
        _python_showwarning(message, category, filename, lineno, file, line)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", EventwireWarning)
            warnings.showwarning = _show_warning
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
