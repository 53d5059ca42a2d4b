"""The OpenAPI 3.1 description of the API (``/api/openapi.json``), generated from :mod:`eventwire.query`."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..store.query import (AGGREGATE_PARAMS, CLUSTER_PARAMS, EXPORT_PARAMS, FILTERS, INCIDENT_LIST_PARAMS,
                           LIST_PARAMS, openapi_parameters)

__all__ = ["openapi_schema"]

_ERROR = {"description": "bad parameter (400), unknown event or route (404), store busy (503)",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _get(summary: str, params: list[dict[str, Any]], schema: dict[str, Any], *,
         media: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    content = {m: {"schema": s} for m, s in (media or {"application/json": schema}).items()}
    return {"get": {"summary": summary, "parameters": params, "responses": {
        "200": {"description": "OK", "content": content},
        "400": _ERROR, "404": _ERROR, "503": _ERROR}}}


def _obj(**props: Any) -> dict[str, Any]:
    return {"type": "object", "required": list(props), "properties": props}


@lru_cache(maxsize=1)
def openapi_schema() -> dict[str, Any]:
    """The OpenAPI document (a fresh build is cached per process; treat it as read-only)."""
    from .._version import __version__

    filters = openapi_parameters(FILTERS)
    integer, string, event = {"type": "integer"}, {"type": "string"}, {"$ref": "#/components/schemas/Event"}
    bucket = _obj(key={"type": ["string", "null"]}, count=integer)
    cluster = _obj(count=integer, lat={"type": "number"}, lon={"type": "number"},
                   bbox={"type": "array", "items": {"type": "number"}},
                   quad={"type": "object", "additionalProperties": integer},
                   event_id={"type": ["string", "null"]})
    incident = {"$ref": "#/components/schemas/Incident"}
    span = _obj(kind={"enum": ["evidence", "mention"]}, text=string, start=integer, end=integer)
    return {
        "openapi": "3.1.0",
        "info": {"title": "eventwire API", "version": __version__,
                 "description": "Read-only access to an eventwire store. Every error is a JSON Error."},
        "paths": {
            "/api/events": _get("Filtered, sorted page of events", filters + openapi_parameters(LIST_PARAMS),
                                _obj(total=integer, limit=integer, offset=integer, sort=string,
                                     events={"type": "array", "items": event})),
            "/api/events/{event_id}": _get(
                "One event with its article and all its mentions",
                [{"name": "event_id", "in": "path", "required": True, "schema": string}],
                _obj(event=event, article={"type": "object"}, mentions={"type": "array", "items": span},
                     incident=incident, other_reports={"type": "array", "items": {"type": "object"}})),
            "/api/incidents": _get(
                "Filtered, sorted page of incidents (the events' filters, on the incident's own values)",
                filters + openapi_parameters(INCIDENT_LIST_PARAMS),
                _obj(total=integer, limit=integer, offset=integer, sort=string,
                     incidents={"type": "array", "items": incident})),
            "/api/incidents/{incident_id}": _get(
                "One incident with its events (an id merged into another resolves to it)",
                [{"name": "incident_id", "in": "path", "required": True, "schema": string}],
                _obj(incident=incident, events={"type": "array", "items": event})),
            "/api/aggregates": _get("Counts of the filtered events", filters + openapi_parameters(AGGREGATE_PARAMS),
                                    _obj(by=string, total=integer, buckets={"type": "array", "items": bucket})),
            "/api/clusters": _get("Located events grouped in a grid (the map)",
                                  filters + openapi_parameters(CLUSTER_PARAMS),
                                  _obj(cell={"type": "number"}, located=integer, truncated={"type": "boolean"},
                                       clusters={"type": "array", "items": cluster})),
            "/api/export": _get("The filtered events as a file", filters + openapi_parameters(EXPORT_PARAMS),
                                string, media={"text/csv": string, "application/x-ndjson": string,
                                               "application/geo+json": _obj(type={"const": "FeatureCollection"},
                                                                            features={"type": "array"}),
                                               "application/vnd.apache.parquet": {"type": "string",
                                                                                  "format": "binary"}}),
            "/api/meta": _get("Totals, date range, countries and vocabularies", [], {"type": "object"}),
        },
        "components": {"schemas": {
            "Error": _obj(error=_obj(status=integer, code=string, message=string)),
            "Event": {"type": "object", "description": "the event object of the output contract",
                      "required": ["event_id", "type", "quad_class", "evidence"]},
            "Incident": {"type": "object", "description": "the incident object of the output contract",
                         "required": ["incident_id", "type", "event_ids", "articles", "sources"]},
        }},
    }
