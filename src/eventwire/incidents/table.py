"""The incidents' tables in the store, and keeping them in step with the events (inside the caller's transaction).

``incidents``
    One row per incident: ``data`` (JSON) is the contract's incident object (:func:`incident_object`), the other
    columns are copies for filtering and sorting, named as the events table names them (so the API's filters
    apply to both), plus ``date_lo`` / ``date_hi`` (day numbers of its reports' dates) and ``n_events``.
``incident_blocks``
    The blocking keys of each incident (:func:`block_key`): type, location country and week of each report's
    date, widened by the join window. A new event looks up the one key of its own type, country and week, an
    index lookup whose cost does not grow with the store.
``incident_aliases``
    An incident merged into another: ``alias`` (its former id) resolves to ``incident_id``.

Events carry their incident in ``events.incident_id``. :func:`refresh` rebuilds an incident's row and keys
from its events after any change (a join, a revision, a correction) and deletes an incident left empty.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date as Date
from typing import Any

from ..models import Event
from .consolidate import incident_object
from .features import day_number

__all__ = ["SCHEMA", "block_key", "refresh", "resolve", "new_incident_id", "member_events", "WEEK"]

WEEK = 7

SCHEMA = (
    "CREATE SEQUENCE incidents_seq",
    "CREATE TABLE incidents (incident_id TEXT PRIMARY KEY,"
    " seq BIGINT NOT NULL DEFAULT nextval('incidents_seq'), type TEXT NOT NULL, mode TEXT, quad_class TEXT,"
    " acled_event_type TEXT, date DATE, date_lo INTEGER, date_hi INTEGER, country TEXT, admin1 TEXT,"
    " location_name TEXT, lat DOUBLE, lon DOUBLE, fatalities BIGINT, injured BIGINT, factuality TEXT,"
    " confidence DOUBLE, evidence_text TEXT, actor_text TEXT, recipient_text TEXT, n_events INTEGER NOT NULL,"
    " articles INTEGER NOT NULL, sources INTEGER NOT NULL, first_reported TEXT, last_reported TEXT,"
    " data JSON NOT NULL)",
    "CREATE INDEX incidents_date ON incidents (date)",
    "CREATE TABLE incident_blocks (key TEXT NOT NULL, incident_id TEXT NOT NULL)",
    "CREATE INDEX incident_blocks_key ON incident_blocks (key)",
    "CREATE INDEX incident_blocks_incident ON incident_blocks (incident_id)",
    "CREATE TABLE incident_aliases (alias TEXT PRIMARY KEY, incident_id TEXT NOT NULL)",
    "CREATE INDEX events_incident ON events (incident_id)",
)

_COLUMNS = ("type", "mode", "quad_class", "acled_event_type", "date", "date_lo", "date_hi", "country", "admin1",
            "location_name", "lat", "lon", "fatalities", "injured", "factuality", "confidence", "evidence_text",
            "actor_text", "recipient_text", "n_events", "articles", "sources", "first_reported", "last_reported",
            "data")


def block_key(family: str, country: str | None, day: int | None) -> str:
    """The blocking key of a report: ``TYPE|ISO3|week`` (``-`` for an unknown country or date)."""
    return f"{family}|{country or '-'}|{day // WEEK if day is not None else '-'}"


def _keys(events: Sequence[Event], window: int) -> set[str]:
    keys = set()
    for event in events:
        country = event.location.country if event.location else None
        day = day_number(event.date)
        if day is None:
            keys.add(block_key(event.type, country, None))
            continue
        for week in range((day - window) // WEEK, (day + window) // WEEK + 1):
            keys.add(block_key(event.type, country, week * WEEK))
    return keys


def resolve(conn: Any, incident_id: str) -> str | None:
    """The incident ``incident_id`` now is (following merges), or None when there is none."""
    row = conn.execute("SELECT incident_id FROM incidents WHERE incident_id = ?", [incident_id]).fetchone()
    if row:
        return row[0]
    row = conn.execute("SELECT a.incident_id FROM incident_aliases a JOIN incidents i USING (incident_id) "
                       "WHERE a.alias = ?", [incident_id]).fetchone()
    return row[0] if row else None


def used_ids(conn: Any, candidates: Sequence[str]) -> set[str]:
    """Those of ``candidates`` that are, or were, incident ids (live or merged away)."""
    if not candidates:
        return set()
    marks = ", ".join("?" for _ in candidates)
    return {i for (i,) in conn.execute(
        f"SELECT incident_id FROM incidents WHERE incident_id IN ({marks}) "
        f"UNION SELECT alias FROM incident_aliases WHERE alias IN ({marks})", [*candidates, *candidates]).fetchall()}


def new_incident_id(conn: Any, event_id: str, *, taken: Iterable[str] = (), checked: Iterable[str] = ()) -> str:
    """``inc-<event id>`` of the event that opens it, or ``-2``, ``-3``... after it when that id is in ``taken``
    or was ever used in the store (ids in ``checked`` are known not to be stored)."""
    taken, base = set(taken), f"inc-{event_id}"
    if base in set(checked) and base not in taken:
        return base
    for start in range(1, 10_000, 50):
        names = [base if n == 1 else f"{base}-{n}" for n in range(start, start + 50)]
        names = [n for n in names if n not in taken]
        used = used_ids(conn, names)
        for name in names:
            if name not in used:
                return name
    raise RuntimeError(f"no free incident id for event {event_id!r}")


def member_events(conn: Any, incident_ids: Sequence[str], *, limit: int | None = None) -> dict[str, list[Event]]:
    """The events of each incident (the ``limit`` most confident of each, when given)."""
    if not incident_ids:
        return {}
    marks = ", ".join("?" for _ in incident_ids)
    sql = f"SELECT incident_id, data FROM events WHERE incident_id IN ({marks})"
    params: list[Any] = list(incident_ids)
    if limit is not None:
        sql += " QUALIFY row_number() OVER (PARTITION BY incident_id ORDER BY confidence DESC, event_id) <= ?"
        params.append(limit)
    found: dict[str, list[Event]] = {i: [] for i in incident_ids}
    for incident_id, data in conn.execute(sql, params).fetchall():
        found[incident_id].append(Event.from_dict(json.loads(data)))
    return found


def refresh(conn: Any, incident_ids: Iterable[str], *, window: int) -> None:
    """Rebuild the rows and blocking keys of ``incident_ids`` from their events; delete the empty ones.

    A few statements for all of them (DuckDB's cost is per statement): an incident keeps its ``seq``; new ones
    are numbered in the order given (the order they were opened)."""
    ids = list(dict.fromkeys(incident_ids))
    if not ids:
        return
    marks = ", ".join("?" for _ in ids)
    members = member_events(conn, ids)
    seqs = dict(conn.execute(f"SELECT incident_id, seq FROM incidents WHERE incident_id IN ({marks})",
                             ids).fetchall())
    conn.execute(f"DELETE FROM incident_blocks WHERE incident_id IN ({marks})", ids)
    conn.execute(f"DELETE FROM incidents WHERE incident_id IN ({marks})", ids)
    live = [i for i in ids if members[i]]
    if not live:
        return
    for i in live:
        if i not in seqs:
            seqs[i] = conn.execute("SELECT nextval('incidents_seq')").fetchone()[0]
    rows = [[i, seqs[i], *_row(incident_object(i, members[i]), members[i])] for i in live]
    row = f"({', '.join('?' for _ in rows[0])})"
    conn.execute(f"INSERT INTO incidents (incident_id, seq, {', '.join(_COLUMNS)}) VALUES "
                 f"{', '.join([row] * len(rows))}", [v for r in rows for v in r])
    keys = [(k, i) for i in live for k in sorted(_keys(members[i], window))]
    conn.execute(f"INSERT INTO incident_blocks VALUES {', '.join('(?, ?)' for _ in keys)}",
                 [v for pair in keys for v in pair])


def _row(obj: dict[str, Any], events: Sequence[Event]) -> list[Any]:
    loc = obj["location"] or {}
    days = [d for d in (day_number(e.date) for e in events) if d is not None]
    names = dict.fromkeys(n for a in obj["actor"] for n in (a["name"], a["text"]) if n)
    recipients = dict.fromkeys(n for a in obj["recipient"] for n in (a["name"], a["text"]) if n)
    try:
        day = Date.fromisoformat(obj["date"]) if obj["date"] else None
    except ValueError:
        day = None
    return [
        obj["type"], obj["mode"], obj["quad_class"], obj["acled_event_type"], day,
        min(days) if days else None, max(days) if days else None, loc.get("country"), loc.get("admin1"),
        loc.get("name"), loc.get("lat"), loc.get("lon"), obj["fatalities"], obj["injured"], obj["factuality"],
        obj["confidence"], obj["evidence"]["text"], "; ".join(names) or None, "; ".join(recipients) or None,
        len(events), obj["articles"], obj["sources"], obj["first_reported"], obj["last_reported"],
        json.dumps(obj, ensure_ascii=False),
    ]
