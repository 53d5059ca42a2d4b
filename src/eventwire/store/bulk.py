"""Storing many articles in one transaction (:func:`load_articles`).

:meth:`Store.add_articles <eventwire.store.database.Store.add_articles>` writes each article in a transaction of
its own: about twenty statements (the duplicate check, the revision lookup, the incident lookups, the inserts,
the incident refresh), some 25 ms per article whatever its size. Here a chunk of articles is one transaction
of a dozen statements: the articles already stored and the revisions are found with one lookup each; the
chunk's articles are grouped one after another in memory (:class:`~eventwire.incidents.chunk.ChunkIncidents`,
which reads the store once for the whole chunk); the articles, events, incident rows and blocking keys are
then appended from Arrow tables. The store that results is the one :meth:`add_articles` gives for the same
articles in the same order: the same rows, incident ids and sequence numbers (``tests/test_bulk_load.py``).

An article whose identity is stored (or earlier in the chunk) under another text is a revision: the articles
before it are committed, it is stored on its own as :meth:`add_articles` stores it, and the chunk goes on. A
chunk with an event id already stored (or twice in it) is stored one article at a time, as
:meth:`add_articles` stores it: the articles before the faulty one are kept and the error names it; a chunk that
fails otherwise (text DuckDB refuses) is rolled back and stored the same way (the sequence numbers it took
are then skipped, as a failed article's are).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from ..models import Article, Event
from .database import _ARTICLE_COLUMNS, _EVENT_COLUMNS, Store

__all__ = ["load_articles"]

_ARROW_TYPES = {"VARCHAR": "string", "JSON": "string", "BIGINT": "int64", "INTEGER": "int32", "DOUBLE": "float64",
                "DATE": "date32", "TIMESTAMP": "timestamp[us]"}
_TYPES: dict[str, dict[str, str]] = {}  # table -> {column: DuckDB type}


def load_articles(store: Store, items: Iterable[tuple[Article, Sequence[Event]]]) -> list[bool]:
    """Store ``(article, events)`` pairs in ``store`` as :meth:`Store.add_articles` does, to the same store, but
    many per transaction (a dozen statements for the chunk instead of a dozen per article; a killed load
    leaves whole chunks). For each pair, whether it was added (False: already stored)."""
    from ..incidents.group import Grouper

    rows = store._rows(items)
    grouper = store._grouper or Grouper()
    with store.connection() as conn:
        keys = list(dict.fromkeys(r[2][0] for r in rows))
        identities = list(dict.fromkeys(r[2][-1] for r in rows))
        seen = _present(conn, "key", keys)
        known = _present(conn, "identity", identities)
        added = [False] * len(rows)
        segment: list[int] = []
        for n, (_article, _events, article_row, _event_rows) in enumerate(rows):
            key, identity = article_row[0], article_row[-1]
            if key in seen:
                continue
            seen.add(key)
            if identity in known:  # a revision: what came before it first, then it on its own
                _store_segment(store, conn, rows, segment, grouper, added)
                segment = []
                added[n] = store._write_article(conn, *rows[n])
                continue
            known.add(identity)
            segment.append(n)
        _store_segment(store, conn, rows, segment, grouper, added)
    return added


def _present(conn: duckdb.DuckDBPyConnection, column: str, values: list[str], *, table: str = "articles") -> set[str]:
    """Those of ``values`` found in ``column`` of ``table``."""
    if not values:
        return set()
    return {v for (v,) in conn.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IN "
                                       f"({', '.join('?' for _ in values)})", values).fetchall()}


def _store_segment(store: Any, conn: duckdb.DuckDBPyConnection, rows: Sequence[tuple], segment: list[int],
                   grouper: Any, added: list[bool]) -> None:
    """The articles ``segment`` (indexes into ``rows``; none stored, none a revision) in one transaction; on
    a database error, one transaction each (the error is then raised for the article that causes it)."""
    if not segment:
        return
    import pyarrow as pa

    event_ids = [r[0] for n in segment for r in rows[n][3]]
    if len(set(event_ids)) < len(event_ids) or _present(conn, "event_id", event_ids, table="events"):
        for n in segment:  # an event id stored twice: the article that does it fails, as one at a time
            added[n] = store._write_article(conn, *rows[n])  # (checked first: a rollback keeps no numbers)
        return
    try:
        conn.execute("BEGIN TRANSACTION")
        _write_segment(conn, [rows[n] for n in segment], grouper)
        conn.execute("COMMIT")
    except (duckdb.Error, pa.ArrowException, UnicodeError):
        _rollback(conn)
        for n in segment:
            added[n] = store._write_article(conn, *rows[n])
        return
    except BaseException:
        _rollback(conn)
        raise
    for n in segment:
        added[n] = True


def _write_segment(conn: duckdb.DuckDBPyConnection, rows: Sequence[tuple], grouper: Any) -> None:
    from ..incidents.chunk import ChunkIncidents

    terms = [json.loads(article_row[-2]) for _a, _e, article_row, _r in rows]
    incidents = ChunkIncidents(conn, grouper.model, [(events, t) for (_a, events, _ar, _r), t in zip(rows, terms)])
    event_rows: list[list[Any]] = []
    for (_article, events, _article_row, rows_of), article_terms in zip(rows, terms):
        assigned = grouper.assign(incidents, events, terms=article_terms)
        stored = [Event.from_dict(json.loads(r[-1])) for r in rows_of]  # as the store gives them back
        incidents.add(stored, article_terms, assigned, list(dict.fromkeys(assigned.values())))
        event_rows += [[*r, assigned[r[0]]] for r in rows_of]
    replaced, incident_rows, block_rows = incidents.finish(conn, _next(conn, "incidents_seq", incidents.opened))
    article_seqs = _next(conn, "articles_seq", len(rows))
    _append(conn, "articles", ("seq", *_ARTICLE_COLUMNS),
            [[s, *article_row] for s, (_a, _e, article_row, _r) in zip(article_seqs, rows)])
    _append(conn, "events", ("seq", *_EVENT_COLUMNS),
            [[s, *r] for s, r in zip(_next(conn, "events_seq", len(event_rows)), event_rows)])
    if replaced:
        marks = ", ".join("?" for _ in replaced)
        conn.execute(f"DELETE FROM incident_blocks WHERE incident_id IN ({marks})", replaced)
        conn.execute(f"DELETE FROM incidents WHERE incident_id IN ({marks})", replaced)
    from ..incidents.table import _COLUMNS as INCIDENT_COLUMNS

    _append(conn, "incidents", ("incident_id", "seq", *INCIDENT_COLUMNS), incident_rows)
    _append(conn, "incident_blocks", ("key", "incident_id"), block_rows)


def _next(conn: duckdb.DuckDBPyConnection, sequence: str, n: int) -> list[int]:
    """The next ``n`` numbers of ``sequence``, in order (what ``n`` inserts numbering their rows would take)."""
    if n == 0:
        return []
    return sorted(v for (v,) in conn.execute(f"SELECT nextval('{sequence}') FROM range(?)", [n]).fetchall())


def _append(conn: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Append ``rows`` to ``table`` from an Arrow table typed as the table's columns (one statement)."""
    if not rows:
        return
    import pyarrow as pa

    if table not in _TYPES:  # the schema is fixed by its version: read once per process
        _TYPES[table] = dict(conn.execute("SELECT column_name, data_type FROM information_schema.columns "
                                          "WHERE table_schema = 'main' AND table_name = ?", [table]).fetchall())
    types = _TYPES[table]
    arrays = [pa.array([r[k] for r in rows], type=pa.type_for_alias(_ARROW_TYPES[types[c]]))
              for k, c in enumerate(columns)]
    view = f"eventwire_append_{table}"
    conn.register(view, pa.Table.from_arrays(arrays, names=list(columns)))
    try:
        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM {view}")
    finally:
        conn.unregister(view)


def _rollback(conn: duckdb.DuckDBPyConnection) -> None:
    try:
        conn.execute("ROLLBACK")
    except duckdb.Error:
        pass
