"""The read-only JSON API over a store (a Starlette app); ``eventwire serve`` serves it with the web UI.

Routes (all GET; parameters declared in :mod:`eventwire.query`, described at ``/api/openapi.json``):

``/api/events``              filtered, sorted page of events: ``{"total", "limit", "offset", "sort", "events"}``
``/api/events/{event_id}``   one event with its article (``body`` included), all its mentions, its incident and
                             the other reports of that incident
``/api/incidents``           filtered, sorted page of incidents (same filters as events, applied to the incident's
                             own values): ``{"total", "limit", "offset", "sort", "incidents"}``
``/api/incidents/{id}``      one incident with its events (an id merged into another resolves to it)
``/api/aggregates``          counts of the filtered events ``by`` day, month, type, country...
``/api/clusters``            the filtered located events grouped in a grid of ``cell`` degrees (the map)
``/api/export``              the filtered events as a CSV, JSONL, GeoJSON or Parquet download (GeoJSON: located
                             events only; the ``X-Eventwire-Unlocated`` header says how many were left out)
``/api/meta``                totals, date range, countries present and the filter vocabularies

Errors, every one of them: status 4xx/5xx and ``{"error": {"status": int, "code": str, "message": str}}``.

Store access (see :mod:`eventwire.store` on DuckDB's locking): every request opens a short read-only connection
and closes it before the response is sent, so an ``eventwire ingest`` running at the same time gets the file
between requests. Exports are written to a temporary file first, so the store is never held while a client
downloads. A request that cannot get the file within ``lock_timeout`` seconds answers 503 with Retry-After.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import EventwireError, StoreError, UsageError
from ..store.export import export_events
from ..models import Event
from ..store.query import (ACLED_EVENT_TYPES, ACLED_SUBTYPES, SECTORS, AGGREGATE_PARAMS, AGGREGATES, CLUSTER_PARAMS, EXPORT_PARAMS, FACTUALITIES,
                    FILTERS, INCIDENT_LIST_PARAMS, LIST_PARAMS, MAX_LIMIT, QUAD_CLASSES, SORTS, parse)
from ..store.database import Store
from ..store.filters import EventFilter

__all__ = ["create_app", "error_body"]

STATIC = Path(__file__).resolve().parent / "static"
MAX_CLUSTERS = 5000
MAX_REPORTS = 200  # other reports of an event's incident listed with the event
_QUAD_COUNTS = ", ".join("count(*) FILTER (WHERE quad_class = ?)" for _ in QUAD_CLASSES)
_DATE_LABELS = {"day": lambda d: d.isoformat(), "month": lambda d: d.isoformat()[:7]}
_MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8",
          "geojson": "application/geo+json; charset=utf-8", "parquet": "application/vnd.apache.parquet"}


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The one JSON error shape of the API."""
    return {"error": {"status": status, "code": code, "message": message}}


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)


class _Api:
    """Route handlers over one store file, read-only, one short connection per request."""

    def __init__(self, db: Path, *, lock_timeout: float, min_confidence: float | None = None):
        self.min_confidence = min_confidence
        self.store = Store(db, read_only=True, lock_timeout=lock_timeout)

    def _rows(self, sql: str, params: list[Any]) -> list[tuple]:
        with self.store.connection() as conn:
            return conn.execute(sql, params).fetchall()

    # -- routes ------------------------------------------------------------------------------------

    def events(self, request: Request) -> Response:
        filters, opts = _parse(request, LIST_PARAMS, min_confidence=self.min_confidence)
        where, params = filters.where()
        with self.store.connection() as conn:
            total = conn.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]
            # sort the narrow columns first, then read the page's JSON only: ~10x faster than sorting `data` along
            page = [i for (i,) in conn.execute(f"SELECT event_id FROM events{where} ORDER BY {SORTS[opts['sort']]} "
                                               "LIMIT ? OFFSET ?", [*params, opts["limit"], opts["offset"]]).fetchall()]
            found = {i: (d, inc) for i, d, inc in conn.execute(  # a lookup in the primary-key index
                f"SELECT event_id, data, incident_id FROM events WHERE event_id IN ({', '.join('?' for _ in page)})",
                page).fetchall()} if page else {}
        return JSONResponse({"total": total, "limit": opts["limit"], "offset": opts["offset"], "sort": opts["sort"],
                             "events": [{**json.loads(found[i][0]), "incident_id": found[i][1]} for i in page]})

    def event(self, request: Request) -> Response:
        if request.query_params:
            raise UsageError(f"unknown parameter {next(iter(request.query_params))[:40]!r}: this route takes none")
        event_id = request.path_params["event_id"]
        rows = self._rows(
            "SELECT e.data, a.id, a.title, a.publisher, a.published, a.url, a.body, a.n_events, e.incident_id "
            "FROM events e JOIN articles a ON a.key = e.article_key WHERE e.event_id = ?", [event_id])
        if not rows:
            raise HTTPException(404, f"no event {event_id[:80]!r} in the store: list events at /api/events")
        data, *article, n_events, incident_id = rows[0]
        event = json.loads(data)
        article_obj = dict(zip(("id", "title", "publisher", "published", "url", "body"), article))
        article_obj["events"] = n_events
        spans = [{"kind": "evidence", **{k: event["evidence"][k] for k in ("text", "start", "end")}}]
        spans += [{"kind": "mention", **m} for m in event.get("mentions") or ()]
        incident, reports = self._incident_of(event_id, incident_id)
        event["incident_id"] = incident_id
        return JSONResponse({"event": event, "article": article_obj,
                             "mentions": sorted(spans, key=lambda s: (s["start"], s["end"])),
                             "incident": incident, "other_reports": reports})

    def _incident_of(self, event_id: str, incident_id: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """The incident of an event and its other reports (event id, type, date, evidence, article)."""
        rows = self._rows("SELECT data FROM incidents WHERE incident_id = ?", [incident_id])
        reports = self._rows(
            "SELECT e.event_id, e.type, e.date, e.evidence_text, e.confidence, a.id, a.title, a.publisher, "
            "a.published, a.url FROM events e JOIN articles a ON a.key = e.article_key "
            "WHERE e.incident_id = ? AND e.event_id <> ? ORDER BY a.published NULLS LAST, e.seq LIMIT ?",
            [incident_id, event_id, MAX_REPORTS])
        keys = ("event_id", "type", "date", "evidence", "confidence")
        return (json.loads(rows[0][0]) if rows else None), [
            {**dict(zip(keys, (r[0], r[1], r[2] and r[2].isoformat(), r[3], r[4]))),
             "article": dict(zip(("id", "title", "publisher", "published", "url"), r[5:]))} for r in reports]

    def incidents(self, request: Request) -> Response:
        filters, opts = _parse(request, INCIDENT_LIST_PARAMS)
        where, params = filters.where(incidents=True)
        with self.store.connection() as conn:
            total = conn.execute(f"SELECT count(*) FROM incidents{where}", params).fetchone()[0]
            page = conn.execute(f"SELECT data FROM incidents{where} ORDER BY {SORTS[opts['sort']]} LIMIT ? OFFSET ?",
                                [*params, opts["limit"], opts["offset"]]).fetchall()
        return JSONResponse({"total": total, "limit": opts["limit"], "offset": opts["offset"], "sort": opts["sort"],
                             "incidents": [json.loads(d) for (d,) in page]})

    def incident(self, request: Request) -> Response:
        if request.query_params:
            raise UsageError(f"unknown parameter {next(iter(request.query_params))[:40]!r}: this route takes none")
        incident_id = request.path_params["incident_id"]
        found = self.store.get_incident(incident_id)
        if found is None:
            raise HTTPException(404, f"no incident {incident_id[:80]!r} in the store: list them at /api/incidents")
        events = found.pop("events")
        return JSONResponse({"incident": found, "events": events})

    def aggregates(self, request: Request) -> Response:
        filters, opts = _parse(request, AGGREGATE_PARAMS, min_confidence=self.min_confidence)
        where, params = filters.where()
        by = opts["by"]
        order = "key NULLS LAST" if by in ("day", "month") else "n DESC, key NULLS LAST"
        rows = self._rows(f"SELECT {AGGREGATES[by]} AS key, count(*) AS n FROM events{where} "
                          f"GROUP BY key ORDER BY {order}", params)
        label = _DATE_LABELS.get(by, lambda key: key)
        return JSONResponse({"by": by, "total": sum(n for _, n in rows),
                             "buckets": [{"key": None if key is None else label(key), "count": n} for key, n in rows]})

    def clusters(self, request: Request) -> Response:
        filters, opts = _parse(request, CLUSTER_PARAMS, min_confidence=self.min_confidence)
        cell, of = opts["cell"], opts["of"]
        where, params = filters.where(located=True, incidents=of == "incidents")
        table, key = ("incidents", "incident_id") if of == "incidents" else ("events", "event_id")
        rows = self._rows(
            f"SELECT count(*) AS n, avg(lat), avg(lon), min(lat), min(lon), max(lat), max(lon), {_QUAD_COUNTS}, "
            f"min({key}) FROM {table}{where} GROUP BY floor(lat / ?), floor(lon / ?) ORDER BY n DESC LIMIT ?",
            [*QUAD_CLASSES, *params, cell, cell, MAX_CLUSTERS + 1])
        clusters = [{
            "count": r[0], "lat": round(r[1], 5), "lon": round(r[2], 5), "bbox": [r[4], r[3], r[6], r[5]],
            "quad": dict(zip(QUAD_CLASSES, r[7:11])), key: r[11] if r[0] == 1 else None,
        } for r in rows[:MAX_CLUSTERS]]
        return JSONResponse({"cell": cell, "of": of, "located": sum(c["count"] for c in clusters),
                             "truncated": len(rows) > MAX_CLUSTERS, "clusters": clusters})

    def export(self, request: Request) -> Response:
        filters, opts = _parse(request, EXPORT_PARAMS, min_confidence=self.min_confidence)
        fmt = opts["format"]
        where, params = filters.where()
        handle, name = tempfile.mkstemp(prefix="eventwire-export-", suffix=f".{fmt}")
        os.close(handle)
        try:
            with self.store.connection() as conn:
                cursor = conn.execute("SELECT data, incident_id, (SELECT body FROM articles WHERE articles.key = events.article_key) "
                                      f"FROM events{where} ORDER BY seq", params)
                count = export_events(_events(cursor), format=fmt, out=name)
        except BaseException:
            os.unlink(name)
            raise
        return FileResponse(name, media_type=_MEDIA[fmt], filename=f"events.{fmt}",
                            headers={"X-Eventwire-Unlocated": str(count.unlocated)},
                            background=BackgroundTask(os.unlink, name))

    def meta(self, request: Request) -> Response:
        _parse(request, (), filters=False)
        with self.store.connection() as conn:
            articles, events, first, last, incidents = conn.execute(
                "SELECT (SELECT count(*) FROM articles), count(*), min(date), max(date), "
                "(SELECT count(*) FROM incidents) FROM events").fetchone()
            countries = conn.execute("SELECT country, count(*) AS n FROM events WHERE country IS NOT NULL "
                                     "GROUP BY country ORDER BY n DESC, country").fetchall()
        return JSONResponse({
            "articles": articles, "events": events, "incidents": incidents, "date_min": first and first.isoformat(),
            "date_max": last and last.isoformat(), "countries": [{"key": c, "count": n} for c, n in countries],
            "max_limit": MAX_LIMIT, "vocabularies": {
                "type": list(next(p for p in FILTERS if p.name == "type").choices), "quad_class": list(QUAD_CLASSES),
                "acled_event_type": list(ACLED_EVENT_TYPES), "acled_subtype": list(ACLED_SUBTYPES),
                "actor_sector": list(SECTORS), "factuality": list(FACTUALITIES),
                "sort": list(SORTS), "by": list(AGGREGATES)}})

    def openapi(self, request: Request) -> Response:
        from .openapi import openapi_schema

        return JSONResponse(openapi_schema())


def _parse(request: Request, extra: tuple, *, filters: bool = True,
           min_confidence: float | None = None) -> tuple[EventFilter, dict[str, Any]]:
    """The request's filters; ``min_confidence`` (the server's ``--min-confidence``) applies when the request
    gives none."""
    query = {k: request.query_params.getlist(k) for k in request.query_params}
    if not filters:
        if query:
            raise UsageError(f"unknown parameter {next(iter(query))[:40]!r}: this route takes none")
        return EventFilter(), {}
    found, options = parse(query, extra=extra)
    if found.min_confidence is None and min_confidence is not None:
        found = replace(found, min_confidence=min_confidence)
    return found, options


def _events(cursor: Any) -> Iterator[tuple[Event, str]]:
    while rows := cursor.fetchmany(1000):
        for data, incident_id, body in rows:
            yield Event.from_dict({**json.loads(data), "incident_id": incident_id}), body


def _index(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


async def _http_error(request: Request, exc: HTTPException) -> Response:
    codes = {404: "not_found", 405: "method_not_allowed"}
    message = exc.detail if exc.status_code != 405 else "the API is read-only: use GET"
    if exc.status_code == 404 and exc.detail == "Not Found":
        message = f"no route {request.url.path[:80]!r}: see /api/openapi.json for the routes"
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers.setdefault("Allow", "GET, HEAD")  # RFC 9110: a 405 lists the methods the resource takes
    return _error(exc.status_code, codes.get(exc.status_code, "http_error"), str(message), headers=headers or None)


async def _eventwire_error(request: Request, exc: EventwireError) -> Response:
    if isinstance(exc, UsageError):
        return _error(400, exc.code, str(exc))
    if isinstance(exc, StoreError):
        return _error(503, exc.code, str(exc), headers={"Retry-After": "2"})
    return _error(500, exc.code, str(exc))


async def _server_error(request: Request, exc: Exception) -> Response:
    return _error(500, "internal", f"internal error ({type(exc).__name__}): please report it with the URL")


def create_app(db: str | os.PathLike[str], *, lock_timeout: float = 10.0,
               min_confidence: float | None = None) -> Starlette:
    """The API and web UI over the store ``db`` (opened read-only per request; the constructor does no I/O)."""
    api = _Api(Path(db), lock_timeout=lock_timeout, min_confidence=min_confidence)
    routes = [
        Route("/", _index),
        Route("/api/events", api.events),
        Route("/api/events/{event_id:path}", api.event),
        Route("/api/incidents", api.incidents),
        Route("/api/incidents/{incident_id:path}", api.incident),
        Route("/api/aggregates", api.aggregates),
        Route("/api/clusters", api.clusters),
        Route("/api/export", api.export),
        Route("/api/meta", api.meta),
        Route("/api/openapi.json", api.openapi),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    handlers = {HTTPException: _http_error, EventwireError: _eventwire_error, Exception: _server_error}
    return Starlette(routes=routes, exception_handlers=handlers)
