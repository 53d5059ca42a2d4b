"""The API's query parameters, declared once as data, validated, and turned into parameterised SQL.

Every parameter of every route is a :class:`Param` in :data:`FILTERS` or a route's own tuple. The same
declarations drive three things, so they cannot disagree:

1. validation (:func:`parse`): unknown names, bad values, too-large pages all raise :class:`UsageError`
   with a message that names the parameter and says what to write (the API turns it into a 400);
2. SQL (:meth:`~eventwire.store.filters.EventFilter.where`, the one builder the library uses too): a fixed clause per parameter with ``?`` placeholders; user values only
   ever travel as parameters, never inside the SQL text;
3. the OpenAPI description (:func:`openapi_parameters`).
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from ..errors import UsageError
from ..knowledge.lexicon import PLOVER_TYPES
from .filters import EventFilter

__all__ = ["Param", "FILTERS", "FIELD_OF", "LIST_PARAMS", "INCIDENT_LIST_PARAMS", "AGGREGATE_PARAMS", "CLUSTER_PARAMS", "EXPORT_PARAMS",
           "MAX_LIMIT", "SORTS", "AGGREGATES", "QUAD_CLASSES", "ACLED_EVENT_TYPES", "ACLED_SUBTYPES", "SECTORS", "FACTUALITIES", "parse",
           "openapi_parameters"]

MAX_LIMIT = 500  # the hard page limit of /api/events
MAX_OFFSET = 10_000_000
MAX_TEXT = 200  # longest free-text value accepted
QUAD_CLASSES = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict")
ACLED_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments")
ACLED_SUBTYPES = (  # ACLED Codebook (2023): the 25 sub-event types, by event type, spelled as ACLED spells them
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade",
    "Sexual violence", "Attack", "Abduction/forced disappearance",
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    "Violent demonstration", "Mob violence",
    "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
    "Looting/property destruction", "Non-violent transfer of territory", "Other",
)
SECTORS = ("GOV", "MIL", "REB", "PTY", "CVL", "IGO", "NGO", "MED", "BUS", "CRM", "REL", "JUD", "LEG", "COP", "UAF")
FACTUALITIES = ("asserted", "claimed", "denied", "negated", "hypothetical", "future")

# sort name -> ORDER BY text (a fixed string chosen by name; never built from the request)
SORTS = {
    "date": "date ASC NULLS LAST, seq", "-date": "date DESC NULLS LAST, seq DESC",
    "ingested": "seq", "-ingested": "seq DESC",
    "type": "type, date DESC NULLS LAST, seq", "-type": "type DESC, date DESC NULLS LAST, seq",
    "country": "country NULLS LAST, date DESC NULLS LAST, seq",
    "-country": "country DESC NULLS LAST, date DESC NULLS LAST, seq",
    "fatalities": "fatalities ASC NULLS LAST, seq", "-fatalities": "fatalities DESC NULLS LAST, seq",
    "confidence": "confidence, seq", "-confidence": "confidence DESC, seq",
}
# aggregate name -> the grouped expression (fixed strings)
AGGREGATES = {
    "day": "date", "month": "date_trunc('month', date)", "type": "type",
    "quad_class": "quad_class", "country": "country", "acled_event_type": "acled_event_type",
    "factuality": "factuality",
}
_ISO3 = re.compile(r"^[A-Z]{3}$")
_SLUG = re.compile(r"^[a-z][a-z-]{0,39}$")


@dataclass(frozen=True)
class Param:
    """One query parameter: ``kind`` is date, enum, iso3, slug, text, bbox, int or float."""

    name: str
    kind: str
    help: str
    choices: tuple[str, ...] = ()
    multiple: bool = False
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    example: str | None = None

    def convert(self, raw: list[str]) -> Any:
        """The typed value of the raw strings given for this parameter (repeated or comma-separated)."""
        if self.multiple:
            values = [v.strip() for r in raw for v in r.split(",") if v.strip()]
            if not values:
                raise self.error("is empty")
            return tuple(dict.fromkeys(self._one(v) for v in values))
        if len(raw) > 1:
            raise self.error("is given more than once; give it once")
        return self._one(raw[0])

    def _one(self, value: str) -> Any:
        convert = getattr(self, f"_{self.kind}")
        return convert(value)

    def error(self, problem: str) -> UsageError:
        return UsageError(f"parameter {self.name!r} {problem}")

    def _date(self, value: str) -> Date:
        try:
            return Date.fromisoformat(value)
        except ValueError:
            raise self.error(f"must be a date YYYY-MM-DD, not {value[:40]!r}") from None

    def _enum(self, value: str) -> str:
        if value not in self.choices:
            raise self.error(f"must be one of {', '.join(self.choices)}; {value[:40]!r} is not")
        return value

    def _iso3(self, value: str) -> str:
        value = value.upper()
        if not _ISO3.match(value):
            raise self.error(f"must be an ISO 3166-1 alpha-3 code such as IRQ, not {value[:40]!r}")
        return value

    def _slug(self, value: str) -> str:
        if not _SLUG.match(value):
            raise self.error(f"must be a lower-case word such as drone or heavy-weapons, not {value[:40]!r}")
        return value

    def _text(self, value: str) -> str:
        if len(value) > MAX_TEXT:
            raise self.error(f"is longer than {MAX_TEXT} characters")
        if "\x00" in value:
            raise self.error("holds a NUL character")
        return value.strip()

    def _number(self, value: str, cast: type) -> Any:
        try:
            number = cast(value)
        except ValueError:
            raise self.error(f"must be a{'n integer' if cast is int else ' number'}, not {value[:40]!r}") from None
        if isinstance(number, float) and not math.isfinite(number):
            raise self.error("must be a finite number")
        if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
            raise self.error(f"must be between {_num(self.minimum)} and {_num(self.maximum)}, not {value[:40]}")
        return number

    def _int(self, value: str) -> int:
        return self._number(value, int)

    def _float(self, value: str) -> float:
        return self._number(value, float)

    def _bbox(self, value: str) -> tuple[float, float, float, float]:
        message = "must be min_lon,min_lat,max_lon,max_lat in degrees (e.g. 38,29,49,38)"
        if not re.search(BBOX_PATTERN, value):  # the very pattern the OpenAPI document declares
            raise self.error(message + "; longitudes within -180..180, latitudes -90..90, plain decimals")
        west, south, east, north = (float(p) for p in value.split(","))
        if south > north:
            raise self.error(message + "; min_lat <= max_lat")
        return west, south, east, north


_LON = r"-?(?:180(?:\.0+)?|(?:1[0-7][0-9]|[1-9]?[0-9])(?:\.[0-9]+)?)"
_LAT = r"-?(?:90(?:\.0+)?|[1-8]?[0-9](?:\.[0-9]+)?)"
BBOX_PATTERN = f"^{_LON},{_LAT},{_LON},{_LAT}$"  # JSON Schema and server alike; min_lat <= max_lat is checked apart
TEXT_PATTERN = "^[^\\u0000]*$"  # no NUL (the server answers 400 for one)


def _num(x: float | None) -> str:
    return "any" if x is None else f"{x:g}"


FILTERS = (
    Param("date_from", "date", "events on or after this day (YYYY-MM-DD); undated events are left out"),
    Param("date_to", "date", "events on or before this day (YYYY-MM-DD); undated events are left out"),
    Param("type", "enum", "PLOVER event type(s), repeated or comma-separated", PLOVER_TYPES, multiple=True),
    Param("quad_class", "enum", "quad class(es)", QUAD_CLASSES, multiple=True),
    Param("acled_event_type", "enum", "ACLED event type(s), exact spelling", ACLED_EVENT_TYPES, multiple=True),
    Param("country", "iso3", "ISO 3166-1 alpha-3 code(s) of the event's location", multiple=True),
    Param("bbox", "bbox", "min_lon,min_lat,max_lon,max_lat: events located inside (min_lon > max_lon crosses "
                          "the antimeridian)"),
    Param("actor", "text", "case-insensitive text in an actor's or recipient's name"),
    Param("factuality", "enum", "factuality value(s)", FACTUALITIES, multiple=True),
    Param("q", "text", "case-insensitive words that must all occur in the evidence sentence"),
    Param("min_confidence", "float", "events whose confidence (the calibrated probability that the event is real "
                                     "and of its type) is at least this (0: every event)", default=0.0, minimum=0.0,
          maximum=1.0),
    Param("min_fatalities", "int", "events whose death toll is known and at least this", minimum=0,
          maximum=10_000_000, example="1"),
    Param("acled_subtype", "enum", "ACLED sub-event type(s), exact spelling", ACLED_SUBTYPES, multiple=True),
    Param("mode", "slug", "PLOVER mode(s) of the event type, e.g. drone, aerial, explosives, firearms",
          multiple=True, example="drone"),
    Param("actor_country", "iso3", "ISO3 code(s): events with an actor or recipient of that country",
          multiple=True),
    Param("actor_sector", "enum", "sector code(s): events with an actor or recipient of that sector", SECTORS,
          multiple=True),
    Param("article", "text", "one article: its id (as ingested) or its store key", example="a1"),
)
FIELD_OF = {"q": "text"}  # API parameter -> EventFilter field, where the names differ
LIST_PARAMS = (
    Param("limit", "int", f"events per page (at most {MAX_LIMIT})", default=50, minimum=1, maximum=MAX_LIMIT),
    Param("offset", "int", "events to skip", default=0, minimum=0, maximum=MAX_OFFSET),
    Param("sort", "enum", "order; '-' in front means descending", tuple(SORTS), default="-date"),
)
INCIDENT_LIST_PARAMS = (
    Param("limit", "int", f"incidents per page (at most {MAX_LIMIT})", default=50, minimum=1, maximum=MAX_LIMIT),
    Param("offset", "int", "incidents to skip", default=0, minimum=0, maximum=MAX_OFFSET),
    Param("sort", "enum", "order; '-' in front means descending ('ingested' = the order they were opened)",
          tuple(SORTS), default="-date"),
)
AGGREGATE_PARAMS = (
    Param("by", "enum", "what to count events by", tuple(AGGREGATES), default="day"),
)
CLUSTER_PARAMS = (
    Param("cell", "float", "grid cell size in degrees: events in one cell make one cluster", default=5.0,
          minimum=0.001, maximum=90.0),
    Param("of", "enum", "what the clusters count: events, or incidents (one per real event, at its "
                        "best-supported place)", ("events", "incidents"), default="events"),
)
EXPORT_PARAMS = (
    Param("format", "enum", "file format", ("csv", "jsonl", "geojson", "parquet"), default="csv"),
)


def parse(query: Mapping[str, Sequence[str]], *, extra: Sequence[Param] = ()) -> tuple[EventFilter, dict[str, Any]]:
    """Validate a query string (name -> list of raw values) against :data:`FILTERS` plus ``extra``.

    Returns the filters and the ``extra`` values (defaults filled in). Raises :class:`UsageError` for an
    unknown name or a bad value.
    """
    known = {p.name: p for p in (*FILTERS, *extra)}
    unknown = sorted(set(query) - set(known))
    if unknown:
        raise UsageError(f"unknown parameter {unknown[0][:40]!r}: use {', '.join(known)}")
    values = {name: known[name].convert(list(raw)) for name, raw in query.items() if raw}
    filters = EventFilter(**{FIELD_OF.get(p.name, p.name): values.get(p.name) for p in FILTERS})
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise UsageError("parameter 'date_from' is after 'date_to': swap them")
    options = {p.name: values.get(p.name, p.default) for p in extra}
    return filters, options


def openapi_parameters(params: Sequence[Param]) -> list[dict[str, Any]]:
    """The OpenAPI 3 ``parameters`` objects of ``params`` (all in the query string)."""
    out = []
    for p in params:
        schema: dict[str, Any] = {"date": {"type": "string", "format": "date"},
                                  "enum": {"type": "string", "enum": list(p.choices)},
                                  "iso3": {"type": "string", "pattern": "^[A-Za-z]{3}$"},
                                  "slug": {"type": "string", "pattern": _SLUG.pattern},
                                  "text": {"type": "string", "maxLength": MAX_TEXT, "pattern": TEXT_PATTERN},
                                  "bbox": {"type": "string", "pattern": BBOX_PATTERN, "example": "38,29,49,38"},
                                  "int": {"type": "integer"}, "float": {"type": "number"}}[p.kind]
        if p.minimum is not None:
            schema["minimum"] = p.minimum
        if p.maximum is not None:
            schema["maximum"] = p.maximum
        if p.default is not None:
            schema["default"] = p.default
        if p.example is not None:
            schema["example"] = p.example
        if p.multiple:
            schema = {"type": "array", "items": schema}
        out.append({"name": p.name, "in": "query", "required": False, "description": p.help, "schema": schema,
                    **({"style": "form", "explode": True} if p.multiple else {})})
    return out
