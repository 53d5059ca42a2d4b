"""Which stored events a query wants: :class:`EventFilter`, the one filter -> SQL ``WHERE`` builder for the events
table. The library (``Store.iter_events`` / ``Store.count_events``, ``export_store``) and the API
(:func:`eventwire.store.query.parse`) both build one, so they cannot disagree on what a filter means.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date as Date
from typing import Any, Sequence

from ..errors import UsageError

__all__ = ["EventFilter"]


@dataclass(frozen=True)
class EventFilter:
    """Conditions on stored events; ``None`` means "any".

    ``type``, ``country``, ``quad_class``, ``acled_event_type``, ``acled_subtype``, ``mode`` and ``factuality``
    take one value or a sequence of values (an empty sequence matches nothing); ``actor_country`` (ISO3) and
    ``actor_sector`` (GOV, MIL...) likewise, matching an event when any of its actors or recipients has one of
    them; ``min_fatalities`` keeps events whose death toll is known and at least that; ``date_from`` / ``date_to`` are inclusive
    ``YYYY-MM-DD`` bounds (events without a date are left out when either is set); ``article`` is an article
    key or id; ``bbox`` is ``(west, south, east, north)`` (west > east crosses the antimeridian); ``actor`` is a
    case-insensitive substring of the actor or recipient texts; ``text`` is case-insensitive words that must
    all occur in the evidence sentence (the API's ``q``).
    """

    type: str | Sequence[str] | None = None
    country: str | Sequence[str] | None = None
    quad_class: str | Sequence[str] | None = None
    acled_event_type: str | Sequence[str] | None = None
    acled_subtype: str | Sequence[str] | None = None
    mode: str | Sequence[str] | None = None
    factuality: str | Sequence[str] | None = None
    actor_country: str | Sequence[str] | None = None
    actor_sector: str | Sequence[str] | None = None
    min_fatalities: int | None = None
    date_from: str | Date | None = None
    date_to: str | Date | None = None
    article: str | None = None
    min_confidence: float | None = None
    bbox: tuple[float, float, float, float] | None = None
    actor: str | None = None
    text: str | None = None

    @classmethod
    def of(cls, filters: dict[str, Any]) -> "EventFilter":
        """Build from keyword arguments, with a :class:`UsageError` naming the valid ones."""
        names = [f.name for f in fields(cls)]
        unknown = sorted(set(filters) - set(names))
        if unknown:
            raise UsageError(f"unknown event filter {', '.join(unknown)}: use {', '.join(names)}")
        return cls(**filters)

    def where(self, *, located: bool = False, incidents: bool = False) -> tuple[str, list[Any]]:
        """``(" WHERE ...", params)`` or ``("", [])``: fixed clause texts, values only as parameters.

        ``located`` keeps only events whose location has coordinates; ``incidents`` builds the clause over the
        incidents table, whose sub-type and actors live in its JSON object.
        """
        clauses: list[str] = ["lat IS NOT NULL AND lon IS NOT NULL"] if located else []
        params: list[Any] = []
        for column in ("type", "quad_class", "acled_event_type", "acled_subtype", "mode", "country", "factuality"):
            values = _values(getattr(self, column))
            if values is not None:
                name = f"json_extract_string(data, '$.{column}')" if incidents and column == "acled_subtype" \
                    else column
                clauses.append(f"{name} IN ({', '.join('?' for _ in values)})" if values else "FALSE")
                params.extend(values)
        for field, sides in (("actor_country", _INCIDENT_COUNTRIES if incidents else _COUNTRIES),
                             ("actor_sector", _SECTORS)):
            values = _values(getattr(self, field))
            if values is not None:
                clauses.append(f"list_has_any({sides}, ?::VARCHAR[])" if values else "FALSE")
                params.append(values)
        if self.min_fatalities is not None:
            clauses.append("fatalities >= ?")
            params.append(int(self.min_fatalities))
        for bound, op in ((self.date_from, ">="), (self.date_to, "<=")):
            if bound is not None:
                clauses.append(f"date {op} ?")
                params.append(_parse_date_bound(bound))
        if self.article is not None and incidents:  # the incidents that hold an event of that article
            clauses.append("incident_id IN (SELECT incident_id FROM events WHERE article_key = ? OR article_id = ?)")
            params.extend([self.article, self.article])
        elif self.article is not None:
            clauses.append("(article_key = ? OR article_id = ?)")
            params.extend([self.article, self.article])
        if self.min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(float(self.min_confidence))
        if self.bbox is not None:
            west, south, east, north = self.bbox
            lon = "lon BETWEEN ? AND ?" if west <= east else "(lon >= ? OR lon <= ?)"
            clauses.append(f"lat BETWEEN ? AND ? AND {lon}")
            params.extend([south, north, west, east])
        if self.actor:
            clauses.append("contains(lower(concat_ws(' ', actor_text, recipient_text)), ?)")
            params.append(self.actor.lower())
        for word in (self.text or "").lower().split():
            clauses.append("contains(lower(evidence_text), ?)")
            params.append(word)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


# the countries / sectors of an event's actors and recipients, as one list (stored columns; sectors from `data`)
_COUNTRIES = ("string_split(concat_ws(';', coalesce(actor_countries, ''), coalesce(recipient_countries, '')), ';')")
_INCIDENT_COUNTRIES = ("list_concat(coalesce(json_extract_string(data, '$.actor[*].country'), []), "
                       "coalesce(json_extract_string(data, '$.recipient[*].country'), []))")
_SECTORS = ("list_concat(coalesce(json_extract_string(data, '$.actor[*].sector'), []), "
            "coalesce(json_extract_string(data, '$.recipient[*].sector'), []))")


def _values(value: str | Sequence[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _parse_date_bound(value: str | Date) -> Date:
    if isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(value)
    except (TypeError, ValueError):
        raise UsageError(f"date bound {value!r} is not a date: write it as YYYY-MM-DD") from None

def paged(sql: str, params: list[Any], *, limit: int | None, offset: int) -> str:
    """``sql`` with ``LIMIT ?`` / ``OFFSET ?`` as asked, their values appended to ``params``."""
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    if offset:
        sql += " OFFSET ?"
        params.append(int(offset))
    return sql
