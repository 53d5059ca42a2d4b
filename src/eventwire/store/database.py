"""The store stage: articles and their events in one DuckDB file.

Tables (schema version :data:`SCHEMA_VERSION`):

``schema_version``
    One row: the schema version that wrote the file, when, and by which eventwire.
``articles``
    One row per stored article. ``key`` (primary key) is :func:`article_key`: the sha256 of the
    whitespace-collapsed, casefolded body plus the URL, so the same text fetched twice (or re-wrapped)
    is stored once, while one wire story published at two URLs is two articles. ``n_events`` is the
    number of events written with the article in the same transaction (see
    :meth:`Store.integrity_report`); ``offsets`` keeps :attr:`Article.offsets` as JSON.
``events``
    One row per event. ``data`` (JSON) is the complete :meth:`Event.to_dict` object and is the only
    column read back (:meth:`Store.iter_events` rebuilds events with :meth:`Event.from_dict`); the other
    columns are copies for filtering and search: ``date`` (DATE; NULL when the event's date is not a valid
    ``YYYY-MM-DD``), ``country`` (the location's ISO3), ``actor_text`` / ``recipient_text`` (names and
    surface texts joined with ``"; "``), ``actor_countries`` / ``recipient_countries``, ``lat`` / ``lon``...
    Indexes on ``date``, ``type``, ``country`` and ``article_key``.

Mentions are kept inside ``events.data`` only (plus a ``mentions_count`` column): they are always read
together with their event, never queried on their own, so a separate table would add joins and nothing else.

Writes: :meth:`Store.add_article` writes an article and all its events in ONE transaction, so a process killed
at any moment leaves either the whole article or nothing of it (DuckDB replays only committed transactions
from its write-ahead log). Storing an article whose key is already present adds nothing and returns False.
``eventwire run`` stores a chunk of articles per transaction instead (:func:`eventwire.store.bulk.load_articles`),
to the same rows.
A new store is created with its schema under a temporary name and then linked into place, so the file never
exists half-initialised (a writer killed while creating it leaves no store, not an empty one).

Locking, measured with duckdb 2.0.0 on Linux (two processes, one file):

* a process holding a read-write connection locks the file exclusively: another process can open it
  neither read-write NOR read-only (``IOException: Could not set lock on file ... Conflicting lock is held``);
* several processes can hold read-only connections at once, and while any does, no process can open it
  read-write;
* within ONE process, connections to the same file share one database instance; opening it read-only while it
  is open read-write in the same process fails (``ConnectionException: ... different configuration``).

So a reader (``eventwire serve``) and a writer (``eventwire ingest``) can share a file only by taking turns.
:class:`Store` therefore keeps connections short-lived unless :meth:`Store.open` (or ``with Store(...)``)
holds one: every method called on a store that is not open connects, does its work and disconnects
(about 30 ms per connection, measured), and connecting retries with back-off for ``lock_timeout`` seconds
while another process holds the file. A writer that wants readers to get in should connect only to write:
extract a few articles, then store them with :meth:`Store.add_articles` on an unopened store (one
connection, one transaction per article), so the file is unlocked while it does NLP. A writer that holds the
file open (``with Store(...)``, about 4 ms per article of 8 events instead of about 33 ms) locks readers out
until it closes. After a crash the ``.wal`` file next to the store holds the committed transactions; the next
connection (read-only ones too) replays it.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError, UsageError
from .filters import EventFilter, paged
from .incidents import IncidentQueries
from .rows import article_row as _article_row
from .rows import event_row as _event_row
from ..incidents.corrections import SCHEMA as CORRECTION_SCHEMA
from ..incidents.revisions import HISTORY_SCHEMA
from ..incidents.table import SCHEMA as INCIDENT_SCHEMA
from ..models import Article, Event

__all__ = ["SCHEMA_VERSION", "Store", "EventFilter", "IntegrityReport", "article_key"]

SCHEMA_VERSION = 2

# Statements that bring a store from version N to N + 1, as (N, statements). Empty: version 2 (incidents,
# revisions) regroups every event, which needs the articles re-ingested; older stores are refused with a message.
_MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = ()

_SCHEMA = (
    "CREATE TABLE schema_version (version INTEGER NOT NULL, created_at TIMESTAMP NOT NULL,"
    " eventwire_version TEXT)",
    "CREATE SEQUENCE articles_seq",
    "CREATE TABLE articles (key TEXT PRIMARY KEY, seq BIGINT NOT NULL DEFAULT nextval('articles_seq'),"
    " id TEXT NOT NULL, title TEXT, publisher TEXT, published TEXT, url TEXT, source TEXT, body TEXT NOT NULL,"
    " offsets JSON, n_events INTEGER NOT NULL, ingested_at TIMESTAMP NOT NULL, terms JSON, identity TEXT NOT NULL)",
    "CREATE INDEX articles_id ON articles (id)",
    "CREATE INDEX articles_identity ON articles (identity)",
    "CREATE SEQUENCE events_seq",
    "CREATE TABLE events (event_id TEXT PRIMARY KEY, seq BIGINT NOT NULL DEFAULT nextval('events_seq'),"
    " article_key TEXT NOT NULL, article_id TEXT, type TEXT NOT NULL, mode TEXT, quad_class TEXT NOT NULL,"
    " acled_event_type TEXT, acled_subtype TEXT, cameo_root TEXT, date DATE, date_precision TEXT,"
    " country TEXT, admin1 TEXT, location_name TEXT, lat DOUBLE, lon DOUBLE, fatalities BIGINT, injured BIGINT,"
    " factuality TEXT, confidence DOUBLE, evidence_text TEXT, actor_text TEXT, recipient_text TEXT,"
    " actor_countries TEXT, recipient_countries TEXT, mentions_count INTEGER NOT NULL, data JSON NOT NULL,"
    " incident_id TEXT NOT NULL)",
    "CREATE INDEX events_date ON events (date)",
    "CREATE INDEX events_type ON events (type)",
    "CREATE INDEX events_country ON events (country)",
    "CREATE INDEX events_article ON events (article_key)",
    *HISTORY_SCHEMA,
    *INCIDENT_SCHEMA,
    *CORRECTION_SCHEMA,
)

_ARTICLE_COLUMNS = ("key", "id", "title", "publisher", "published", "url", "source", "body", "offsets",
                    "n_events", "ingested_at", "terms", "identity")
_EVENT_COLUMNS = ("event_id", "article_key", "article_id", "type", "mode", "quad_class", "acled_event_type",
                  "acled_subtype", "cameo_root", "date", "date_precision", "country", "admin1", "location_name",
                  "lat", "lon", "fatalities", "injured", "factuality", "confidence", "evidence_text",
                  "actor_text", "recipient_text", "actor_countries", "recipient_countries", "mentions_count",
                  "data", "incident_id")


_ROWS_PER_INSERT = 100  # one multi-row INSERT is ~3x faster than executemany for an article's events


def _insert_sql(table: str, columns: Sequence[str], rows: int = 1) -> str:
    """A parameterised INSERT of ``rows`` rows (placeholders only, never values)."""
    row = f"({', '.join('?' for _ in columns)})"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([row] * rows)}"


_INSERT_ARTICLE = _insert_sql("articles", _ARTICLE_COLUMNS)
_ORDERS = {"ingested": "seq", "date": "date NULLS LAST, seq"}


def article_key(article: Article) -> str:
    """The store identity of ``article``: sha256 of its normalised body and its URL (hex).

    The body is casefolded and every run of whitespace collapsed to one space, so re-wrapped or re-cased
    copies of a text get the same key; the URL is part of the key, so one text at two URLs is two articles.
    """
    body = " ".join(article.body.split()).casefold()
    url = (article.url or "").strip()
    return hashlib.sha256(f"{body}\n{url}".encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IntegrityReport:
    """What :meth:`Store.integrity_report` found. ``ok`` when no article is half-written."""

    articles: int
    events: int
    mismatched: tuple[tuple[str, int, int], ...]  # (article key, n_events recorded, events stored)
    orphan_events: int  # events whose article is not stored
    incident_problems: int = 0  # events in no stored incident + incidents whose stored events differ from their row

    @property
    def ok(self) -> bool:
        return not self.mismatched and self.orphan_events == 0 and self.incident_problems == 0


class Store(IncidentQueries):
    """An eventwire store in the DuckDB file ``path``. The constructor does no I/O.

    Use ``with Store(path) as store:`` (or :meth:`open` / :meth:`close`) to hold one connection for many
    calls, or call methods on an unopened store to connect briefly for each call (see the module docstring
    on locking). ``lock_timeout`` is how long connecting waits while another process holds the file.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, lock_timeout: float = 5.0):
        self.path = Path(path)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._grouper: Any = None  # an eventwire.incidents.Grouper; the default one when None

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Store({str(self.path)!r}, {mode}, {'open' if self._conn else 'closed'})"

    # -- connections -------------------------------------------------------------------------------

    def open(self) -> "Store":
        """Connect (creating or checking the schema) and keep the connection until :meth:`close`."""
        if self._conn is None:
            self._conn = self._connect()
        return self

    def close(self) -> None:
        """Close the held connection, if any. Safe to call twice."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()

    def __enter__(self) -> "Store":
        return self.open()

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    @contextmanager
    def _session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The held connection, or a short-lived one closed on exit."""
        if self._conn is not None:
            yield self._conn
            return
        conn = self._connect()
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A DuckDB connection for queries the methods here do not offer (the API's): the held one, or a
        short-lived one (waiting for the lock as any call does) that is closed when the block ends.

        Read its tables as the module docstring describes; write only through :meth:`add_articles`.
        """
        with self._session() as conn:
            yield conn

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self.read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}: create it with `eventwire ingest PATH --db {self.path}`")
        if not self.read_only and not self.path.exists():
            self._create_file()
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.05
        while True:
            try:
                conn = duckdb.connect(str(self.path), read_only=self.read_only)
                break
            except duckdb.Error as exc:
                if not _is_lock_error(exc) or time.monotonic() >= deadline:
                    raise self._error(exc, "open") from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        try:
            self._prepare(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _error(self, exc: Exception, action: str) -> StoreError:
        """Wrap a DuckDB exception in a :class:`StoreError` that says what to do."""
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if _is_lock_error(exc):
            return StoreError(
                f"another process is using {self.path} (DuckDB lets one process write to a file, or several read "
                f"it, never both): wait for it (an `eventwire ingest` still running?) to finish, or read a copy "
                f"of the file ({text})")
        if "different configuration" in text:
            return StoreError(
                f"{self.path} is already open in this process with read_only={not self.read_only}: "
                f"use that one Store for reading and writing ({text})")
        if "not a valid DuckDB database" in text:
            return StoreError(f"{self.path} is not a DuckDB file: give a new --db file ({text})")
        if "No such file or directory" in text or "Is a directory" in text:
            return StoreError(f"cannot {action} {self.path}: give a file in an existing folder ({text})")
        return StoreError(f"cannot {action} the store {self.path}: {text}")

    # -- schema ------------------------------------------------------------------------------------

    def _prepare(self, conn: duckdb.DuckDBPyConnection) -> None:
        """Create the schema in an empty file, or check (and migrate) the version of an existing one."""
        try:  # the common case first: reading the version costs ~1 ms, listing the tables ~20 ms (per connection)
            version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        except duckdb.CatalogException:
            version = self._prepare_new(conn)
            if version is None:
                return
        except duckdb.Error as exc:
            raise self._error(exc, "read") from exc
        if version is None:
            raise StoreError(f"{self.path} has an empty schema_version table, so it is damaged: re-ingest into a "
                             "new --db file")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer eventwire (store schema {version}, this eventwire reads "
                f"schema {SCHEMA_VERSION}): upgrade eventwire (pip install -U eventwire)")
        if version < SCHEMA_VERSION:
            self._migrate(conn, version)

    def _prepare_new(self, conn: duckdb.DuckDBPyConnection) -> int | None:
        """A file without a readable ``schema_version``: create the schema (None), or refuse a foreign file."""
        try:
            tables = {row[0] for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
            if "schema_version" not in tables:
                self._create_schema(conn, tables)
                return None
            return conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        except duckdb.Error as exc:
            raise self._error(exc, "read") from exc

    def _create_file(self) -> None:
        """Create the store with its schema under a temporary name, then hard-link it into place.

        So ``path`` never exists without its schema, even when the creating process is killed; a process that
        loses a creation race keeps the winner's file.
        """
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.creating")
        for stale in self.path.parent.glob(f".{self.path.name}.*.creating"):
            if _abandoned(stale):
                _remove(stale)  # left by a process killed while creating
        _remove(tmp)
        try:
            conn = duckdb.connect(str(tmp))
        except duckdb.Error as exc:
            raise self._error(exc, "create") from exc
        try:
            with conn:
                self._create_schema(conn, set())
            if Path(f"{tmp}.wal").exists():
                raise StoreError(f"DuckDB did not checkpoint the new store {tmp} on close: report this bug")
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                pass  # another process created it first: use theirs
            except OSError:  # a file system without hard links
                if not self.path.exists():
                    os.replace(tmp, self.path)
        finally:
            _remove(tmp)

    def _create_schema(self, conn: duckdb.DuckDBPyConnection, tables: set[str]) -> None:
        if tables:
            raise StoreError(f"{self.path} is a DuckDB file but not an eventwire store (it has tables "
                             f"{', '.join(sorted(tables))}): give a new --db file")
        if self.read_only:
            raise StoreError(f"{self.path} holds no eventwire store yet: ingest articles into it first")
        from .._version import __version__

        statements = (*_SCHEMA, "INSERT INTO schema_version VALUES (?, ?, ?)")
        self._transaction(conn, statements, [(SCHEMA_VERSION, _now(), __version__)], action="create")

    def _migrate(self, conn: duckdb.DuckDBPyConnection, version: int) -> None:
        steps = dict(_MIGRATIONS)
        if any(v not in steps for v in range(version, SCHEMA_VERSION)):
            raise StoreError(
                f"{self.path} uses store schema {version}, which this eventwire (schema {SCHEMA_VERSION}) cannot "
                f"migrate (schema 2 groups every event into incidents and keeps article revisions, which needs the "
                f"articles again): re-ingest the articles into a new --db file, e.g. `eventwire ingest ARTICLES "
                f"--db new.duckdb`")
        if self.read_only:
            raise StoreError(f"{self.path} uses the older store schema {version}: open it once read-write "
                             f"(e.g. `eventwire ingest --db {self.path}` with no new input) to migrate it")
        statements = [s for v in range(version, SCHEMA_VERSION) for s in steps[v]]
        statements.append("UPDATE schema_version SET version = ?")
        self._transaction(conn, statements, [(SCHEMA_VERSION,)], action="migrate")

    def _transaction(self, conn: duckdb.DuckDBPyConnection, statements: Sequence[str],
                     last_params: Sequence[Sequence[Any]], *, action: str) -> None:
        """Run ``statements`` in one transaction; the last one once per row of ``last_params``."""
        try:
            conn.execute("BEGIN TRANSACTION")
            for statement in statements[:-1]:
                conn.execute(statement)
            conn.executemany(statements[-1], [list(p) for p in last_params])
            conn.execute("COMMIT")
        except BaseException as exc:
            _rollback(conn)
            if isinstance(exc, duckdb.Error):
                raise self._error(exc, action) from exc
            raise

    # -- writing -----------------------------------------------------------------------------------

    def add_article(self, article: Article, events: Sequence[Event]) -> bool:
        """Store ``article`` with ``events`` in one transaction; False (and nothing written) if already stored.

        On any error nothing of the article is written. Event ids must be unique in the whole store.
        """
        return self.add_articles([(article, events)]) == (1, 0)

    def add_articles(self, items: Iterable[tuple[Article, Sequence[Event]]]) -> tuple[int, int]:
        """Store ``(article, events)`` pairs, one transaction each, over one connection; ``(added, skipped)``.

        An article whose identity (:func:`~eventwire.incidents.revisions.identity_of`) is stored with another
        text is a revision: it replaces that version and its events, which move to the history tables, and
        counts as added. Each article's events are grouped into incidents in the same transaction.
        ``items`` is read into a list before connecting, so extraction done lazily by a generator never runs
        while the file is locked. If one article fails, those before it stay stored and the error is raised.
        """
        rows = self._rows(items)
        added = 0
        with self._session() as conn:
            for article, events, article_row, event_rows in rows:
                added += self._write_article(conn, article, events, article_row, event_rows)
        return added, len(rows) - added

    def _rows(self, items: Iterable[tuple[Article, Sequence[Event]]]) -> list[tuple]:
        if self.read_only:
            raise UsageError(f"the store {self.path} was opened read-only: open it with read_only=False to write")
        prepared = [(article, article_key(article), list(events)) for article, events in items]
        return [(a, evs, _article_row(k, a, len(evs), now=_now()), [_event_row(k, e) for e in evs]) for a, k, evs in prepared]

    def _write_article(self, conn: duckdb.DuckDBPyConnection, article: Article, events: list[Event],
                       article_row: list[Any], event_rows: list[list[Any]]) -> bool:
        from ..incidents.group import Grouper
        from ..incidents.revisions import previous_version, retire
        from ..incidents.table import refresh

        try:
            conn.execute("BEGIN TRANSACTION")
            if conn.execute("SELECT 1 FROM articles WHERE key = ?", [article_row[0]]).fetchone():
                conn.execute("ROLLBACK")
                return False
            grouper = self._grouper or Grouper()
            previous = previous_version(conn, article_row[-1])
            incidents = grouper.assign(conn, events, terms=json.loads(article_row[-2]),
                                       previous=previous.event_ids if previous else ())
            touched = list(dict.fromkeys(incidents.values()))  # in the order they were opened
            if previous is not None:
                retire(conn, previous, replaced_by=article_row[0], now=_now())
                touched += sorted(previous.incident_ids - set(touched))
            conn.execute(_INSERT_ARTICLE, article_row)
            for start in range(0, len(event_rows), _ROWS_PER_INSERT):
                chunk = [[*r, incidents[r[0]]] for r in event_rows[start:start + _ROWS_PER_INSERT]]
                conn.execute(_insert_sql("events", _EVENT_COLUMNS, len(chunk)), [v for r in chunk for v in r])
            refresh(conn, touched, window=grouper.model.window_days)
            conn.execute("COMMIT")
        except BaseException as exc:
            _rollback(conn)
            if isinstance(exc, duckdb.Error):
                hint = ("event ids must be unique in a store" if isinstance(exc, duckdb.ConstraintException)
                        else "read it through eventwire's readers, which repair such text, or report this")
                raise StoreError(
                    f"cannot store article {article.id!r} in {self.path}, nothing of it was written: "
                    f"{str(exc).splitlines()[0]} ({hint})") from exc
            raise
        return True

    # -- reading -----------------------------------------------------------------------------------

    def has_article(self, article: Article) -> bool:
        """Whether an article with the same :func:`article_key` is stored."""
        return self._one("SELECT count(*) FROM articles WHERE key = ?", [article_key(article)]) > 0

    def count(self) -> dict[str, int]:
        """``{"articles": n, "events": m}``."""
        with self._session() as conn:
            row = self._fetchone(conn, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)", [])
        return {"articles": row[0], "events": row[1]}

    def count_events(self, **filters: Any) -> int:
        """How many events match ``filters`` (the keywords of :class:`EventFilter`)."""
        where, params = EventFilter.of(filters).where()
        return self._one(f"SELECT count(*) FROM events{where}", params)

    def iter_events(self, *, limit: int | None = None, offset: int = 0, order: str = "ingested",
                    batch_size: int = 1000, with_body: bool = False, **filters: Any) -> Iterator[Any]:
        """Yield stored events matching ``filters`` (see :class:`EventFilter`), rebuilt with ``Event.from_dict``.

        ``order`` is ``"ingested"`` (the order they were stored in) or ``"date"`` (event date, undated last,
        then stored order). ``with_body`` yields ``(event, body)`` pairs instead, ``body`` being the stored
        article text that the event's offsets index. On an unopened store the connection stays open until the
        iterator is exhausted or closed: consume it promptly.
        """
        if order not in _ORDERS:
            raise UsageError(f"unknown order {order!r}: use {' or '.join(_ORDERS)}")
        where, params = EventFilter.of(filters).where()
        body = ", (SELECT body FROM articles WHERE articles.key = events.article_key)" if with_body else ""
        sql = paged(f"SELECT data, incident_id{body} FROM events{where} ORDER BY {_ORDERS[order]}", params,
                    limit=limit, offset=offset)
        for data, incident_id, *text in self._stream(sql, params, batch_size):
            event = Event.from_dict({**json.loads(data), "incident_id": incident_id})
            yield (event, text[0]) if with_body else event

    def _stream(self, sql: str, params: list[Any], batch_size: int) -> Iterator[tuple]:
        with self._session() as conn:
            cursor = conn.cursor()
            try:
                cursor.execute(sql, params)
                while rows := cursor.fetchmany(batch_size):
                    yield from rows
            except duckdb.Error as exc:
                raise self._error(exc, "read") from exc
            finally:
                cursor.close()

    def get_event(self, event_id: str) -> tuple[Event, Article] | None:
        """The stored event ``event_id`` with the article it came from (whose ``body`` its offsets index)."""
        columns = ("id", "body", "title", "published", "url", "publisher", "source", "offsets")
        sql = (f"SELECT e.data, {', '.join('a.' + c for c in columns)} FROM events e "
               "JOIN articles a ON a.key = e.article_key WHERE e.event_id = ?")
        with self._session() as conn:
            row = self._fetchone(conn, sql, [event_id])
        if row is None:
            return None
        values = dict(zip(columns, row[1:]))
        values["offsets"] = tuple(tuple(seg) for seg in json.loads(values["offsets"] or "[]"))
        return Event.from_dict(json.loads(row[0])), Article(**values)

    def get_article(self, key_or_id: str) -> Article | None:
        """The stored article with this key, else the first stored with this id, else None."""
        columns = ("id", "body", "title", "published", "url", "publisher", "source", "offsets")
        sql = (f"SELECT {', '.join(columns)} FROM articles WHERE key = ? OR id = ? "
               "ORDER BY (key = ?) DESC, seq LIMIT 1")
        with self._session() as conn:
            row = self._fetchone(conn, sql, [key_or_id, key_or_id, key_or_id])
        if row is None:
            return None
        values = dict(zip(columns, row))
        values["offsets"] = tuple(tuple(seg) for seg in json.loads(values["offsets"] or "[]"))
        return Article(**values)

    def integrity_report(self) -> IntegrityReport:
        """Check that no article is half-written: each has exactly the ``n_events`` events it was stored with."""
        with self._session() as conn:
            mismatched = self._fetchall(conn, (
                "SELECT a.key, a.n_events, count(e.event_id) AS stored FROM articles a "
                "LEFT JOIN events e ON e.article_key = a.key GROUP BY a.key, a.n_events "
                "HAVING count(e.event_id) <> a.n_events ORDER BY a.key"), [])
            orphans = self._fetchone(conn, (
                "SELECT count(*) FROM events e WHERE NOT EXISTS "
                "(SELECT 1 FROM articles a WHERE a.key = e.article_key)"), [])[0]
            incident_problems = self._fetchone(conn, (
                "SELECT (SELECT count(*) FROM events e WHERE NOT EXISTS "
                "(SELECT 1 FROM incidents i WHERE i.incident_id = e.incident_id)) + "
                "(SELECT count(*) FROM incidents i WHERE i.n_events <> "
                "(SELECT count(*) FROM events e WHERE e.incident_id = i.incident_id))"), [])[0]
        counts = self.count()
        return IntegrityReport(articles=counts["articles"], events=counts["events"],
                               mismatched=tuple((k, int(n), int(s)) for k, n, s in mismatched),
                               orphan_events=int(orphans), incident_problems=int(incident_problems))

    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        return self._one("SELECT max(version) FROM schema_version", [])

    def _one(self, sql: str, params: list[Any]) -> Any:
        with self._session() as conn:
            return self._fetchone(conn, sql, params)[0]

    def _fetchone(self, conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Any:
        try:
            return conn.execute(sql, params).fetchone()
        except duckdb.Error as exc:
            raise self._error(exc, "read") from exc

    def _fetchall(self, conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[Any]:
        try:
            return conn.execute(sql, params).fetchall()
        except duckdb.Error as exc:
            raise self._error(exc, "read") from exc


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _is_lock_error(exc: BaseException) -> bool:
    return "Could not set lock" in str(exc) or "Conflicting lock" in str(exc)


def _abandoned(path: Path) -> bool:
    """Whether the process that named ``path`` (``.NAME.PID.creating``) is gone, or it is over a minute old."""
    try:
        pid = int(path.name.rsplit(".", 2)[-2])
        if os.name == "posix":
            os.kill(pid, 0)  # signal 0 only checks that the process exists
            return False
        return time.time() - path.stat().st_mtime > 60
    except ProcessLookupError:
        return True
    except (OSError, ValueError):
        return False


def _remove(path: Path) -> None:
    for stale in (path, Path(f"{path}.wal")):
        stale.unlink(missing_ok=True)


def _rollback(conn: duckdb.DuckDBPyConnection) -> None:
    try:
        conn.execute("ROLLBACK")
    except duckdb.Error:
        pass  # no transaction was active (it failed before BEGIN, or DuckDB already aborted it)

