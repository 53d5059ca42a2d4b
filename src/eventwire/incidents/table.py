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

The incident object (:func:`incident_object`, the contract's): each value is the best-supported one among the
reports that assert it (among all of them when no asserting report gives that value), a vote weighted by each
report's confidence, in which a day the text gave outweighs a day that fell back to the publication date, and a
town or site outweighs a region or country (a date is one candidate whatever precision each report gives it;
a day the text gives a day or two before the best-supported date, with nearly its support, is the act's day).
Fatalities and injured are the highest figure two articles confirm (early reports undercount), else the middle
figure of its reports, with the lowest and highest figure of all its reports beside them. ``sources`` counts
publishers, else the hosts of the original URLs (:func:`original_url` unwraps web-archive snapshots).

Events carry their incident in ``events.incident_id``. :func:`refresh` rebuilds an incident's row and keys
from its events after any change (a join, a revision, a correction) and deletes an incident left empty.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import fields
from datetime import date as Date
from typing import Any
from urllib.parse import urlsplit

from ..models import Event
from .days import day_number

__all__ = ["SCHEMA", "block_key", "refresh", "resolve", "new_incident_id", "member_events", "member_reports", "WEEK", "day_number",
           "incident_object", "INCIDENT_KEYS", "original_url", "source_of"]

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


INCIDENT_KEYS = (
    "incident_id", "type", "mode", "quad_class", "acled_event_type", "acled_subtype", "cameo_root", "date",
    "date_precision", "location", "actor", "recipient", "fatalities", "fatalities_low", "fatalities_high",
    "injured", "factuality", "confidence", "event_ids", "articles", "sources", "first_reported",
    "last_reported", "evidence",
)
DATE_WEIGHT = {"day": 1.0, "month": 0.3, "year": 0.1, "publication": 0.35}
EARLIER_SHARE = 0.7  # an earlier day the text gives, with this share of the best date's support, is the act's
EARLIER_DAYS = 2  # at most this many days before the best-supported date (both fitted on the gva tune half)
PLACE_WEIGHT = {"site": 1.2, "city": 1.0, "admin": 0.35, "country": 0.1}
_ARCHIVE = re.compile(r"^(?:https?://)?(?:www\.)?web\.archive\.org/web/[^/]+/(.+)$", re.IGNORECASE)
_FACTUALITY_ORDER = ("asserted", "claimed", "denied", "negated", "hypothetical", "future")


def original_url(url: str | None) -> str | None:
    """``url`` with any web-archive wrapping removed (repeatedly), stripped; None for an empty URL."""
    url = (url or "").strip()
    while (match := _ARCHIVE.match(url)) is not None:
        inner = match.group(1)
        url = inner if re.match(r"^[a-z][a-z0-9+.-]*://", inner, re.IGNORECASE) else f"http://{inner}"
    return url or None


def source_of(*, publisher: str | None, url: str | None) -> str | None:
    """The publisher, else the original URL's host without ``www.``; None when neither is known."""
    if publisher and publisher.strip():
        return publisher.strip()
    original = original_url(url)
    if not original:
        return None
    host = (urlsplit(original).hostname or "").lower()
    return host.removeprefix("www.") or None


def _vote(items: Sequence[tuple[Hashable, float]]) -> Hashable | None:
    """The key with the largest total weight (ties: the first seen)."""
    totals: dict[Hashable, float] = defaultdict(float)
    for key, weight in items:
        totals[key] += weight
    return max(totals, key=lambda k: totals[k]) if totals else None


def _count(reports: list[tuple[int, Hashable]]) -> int | None:
    """Of ``(figure, article)`` reports: the highest figure that two or more articles give (early reports
    undercount; a figure one article alone gives, however often it repeats it, may count another incident or a
    background total), else the middle figure (the lower of the two middle ones: one article's sentences count
    the victims of one act and of all its acts, and the wounded who later die, so its highest figure overcounts
    as often as its first undercounts)."""
    if not reports:
        return None
    articles: dict[int, set] = defaultdict(set)
    for value, article in reports:
        articles[value].add(article)
    confirmed = [v for v, seen in articles.items() if len(seen) >= 2]
    if confirmed:
        return max(confirmed)
    values = sorted(v for v, _ in reports)
    return values[(len(values) - 1) // 2]


def _figures(events: Sequence[Event], field: str) -> list[tuple[int, Hashable]]:
    """``(figure, article)`` of the events that give ``field`` (fatalities or injured)."""
    return [(getattr(e, field), e.article.id or e.event_id) for e in events if getattr(e, field) is not None]


def _date(reports: Sequence[Event]) -> str | None:
    """The best-supported date of ``reports`` (see the module docstring), or a day the text gives up to
    :data:`EARLIER_DAYS` before it with nearly as much support (:data:`EARLIER_SHARE`), the earliest such: an
    incident is retold on the day a victim died, was named or a suspect arrested, but the act came first."""
    totals: dict[str, float] = defaultdict(float)
    for e in reports:
        totals[e.date] += (0.05 + e.confidence) * DATE_WEIGHT.get(e.date_precision, 0.3)
    if not totals:
        return None
    best = max(totals, key=lambda d: totals[d])  # ties: the first seen
    top = day_number(best)
    earlier = {e.date for e in reports if e.date_precision == "day" and totals[e.date] >= EARLIER_SHARE * totals[best]
               and top is not None and (day := day_number(e.date)) is not None and 0 < top - day <= EARLIER_DAYS}
    return min(earlier) if earlier else best


def _flat(record: Any) -> dict[str, Any]:
    """The fields of a flat dataclass (a place, an actor, evidence) as a dict: ``asdict`` without its deep copy."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _best_location(events: Sequence[Event]) -> dict[str, Any] | None:
    located = [e for e in events if e.location is not None]
    if not located:
        return None
    key = _vote([((e.location.name, e.location.admin1, e.location.country),
                  (0.05 + e.confidence) * PLACE_WEIGHT.get(e.location.precision, 0.5)) for e in located])
    chosen = max((e for e in located if (e.location.name, e.location.admin1, e.location.country) == key),
                 key=lambda e: (PLACE_WEIGHT.get(e.location.precision, 0.5), e.location.score))
    return _flat(chosen.location)


def incident_object(incident_id: str, events: Sequence[Event]) -> dict[str, Any]:
    """The incident object of ``events`` (its reports, at least one) under ``incident_id``."""
    if not events:
        raise ValueError("an incident has at least one event")
    ranked = sorted(events, key=lambda e: (-e.confidence, e.event_id))
    best = ranked[0]
    told = [e for e in events if e.factuality == "asserted"] or list(events)  # what its reports assert
    dated = [e for e in told if e.date] or [e for e in events if e.date]
    date = _date(dated)
    # the day's precision: the finest any report of it gives ("Saturday" and the publication day can agree)
    precision = min((e.date_precision for e in dated if e.date == date), key=lambda p: -DATE_WEIGHT.get(p, 0.3),
                    default=best.date_precision)
    dead = [e.fatalities for e in events if e.fatalities is not None]
    articles = {e.article.id or e.event_id for e in events}
    sources = {source_of(publisher=e.article.publisher, url=e.article.url) or f"article:{e.article.id}"
               for e in events}
    published = sorted(e.article.published for e in events if e.article.published)
    factuality = min((e.factuality for e in events),
                     key=lambda f: _FACTUALITY_ORDER.index(f) if f in _FACTUALITY_ORDER else 99)
    with_actor = next((e for e in ranked if e.actor), best)
    with_recipient = next((e for e in ranked if e.recipient), best)
    return {
        "incident_id": incident_id,
        "type": best.type, "mode": best.mode, "quad_class": best.quad_class,
        "acled_event_type": best.acled_event_type, "acled_subtype": best.acled_subtype,
        "cameo_root": best.cameo_root, "date": date, "date_precision": precision,
        "location": _best_location([e for e in told if e.location is not None] or events),
        "actor": [_flat(a) for a in with_actor.actor], "recipient": [_flat(a) for a in with_recipient.recipient],
        "fatalities": _count(_figures(told, "fatalities") or _figures(events, "fatalities")),
        "fatalities_low": min(dead) if dead else None,
        "fatalities_high": max(dead) if dead else None,
        "injured": _count(_figures(told, "injured") or _figures(events, "injured")),
        "factuality": factuality, "confidence": round(best.confidence, 4),
        "event_ids": sorted(e.event_id for e in events),
        "articles": len(articles), "sources": len(sources),
        "first_reported": published[0] if published else None,
        "last_reported": published[-1] if published else None,
        "evidence": _flat(best.evidence),
    }


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


def new_incident_id(conn: Any, event_id: str, *, taken: Iterable[str] = (), checked: Iterable[str] = (),
                    used: Any = None) -> str:
    """``inc-<event id>`` of the event that opens it, or ``-2``, ``-3``... after it when that id is in ``taken``
    or was ever used in the store (ids in ``checked`` are known not to be stored). ``used(names)`` tells which
    names are taken in the store (default: :func:`used_ids` over ``conn``)."""
    used_in = used if used is not None else (lambda names: used_ids(conn, names))
    taken, base = set(taken), f"inc-{event_id}"
    if base in set(checked) and base not in taken:
        return base
    for start in range(1, 10_000, 50):
        names = [base if n == 1 else f"{base}-{n}" for n in range(start, start + 50)]
        names = [n for n in names if n not in taken]
        used = used_in(names)
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


def member_reports(conn: Any, incident_ids: Sequence[str], *, limit: int) -> dict[str, list[tuple[Event, dict]]]:
    """The ``limit`` most confident events of each incident with their article's terms
    (:func:`~eventwire.incidents.features.article_terms`). Two primary-key lookups, no join: DuckDB answers an
    ``IN`` list from the index but scans whole tables for a join."""
    if not incident_ids:
        return {}
    marks = ", ".join("?" for _ in incident_ids)
    rows = conn.execute(f"SELECT incident_id, event_id, confidence, article_key, data FROM events "
                        f"WHERE incident_id IN ({marks})", list(incident_ids)).fetchall()
    by_incident: dict[str, list[tuple]] = {i: [] for i in incident_ids}
    for row in rows:
        by_incident[row[0]].append(row)
    kept = {i: sorted(r, key=lambda x: (-x[2], x[1]))[:limit] for i, r in by_incident.items()}
    keys = sorted({r[3] for rows in kept.values() for r in rows})
    terms = dict(conn.execute(f"SELECT key, terms FROM articles WHERE key IN ({', '.join('?' for _ in keys)})",
                              keys).fetchall()) if keys else {}
    return {i: [(Event.from_dict(json.loads(r[4])), json.loads(terms.get(r[3]) or "{}")) for r in rows]
            for i, rows in kept.items()}


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
