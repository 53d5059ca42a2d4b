"""Which stored events a query wants: :class:`EventFilter`, turned into a SQL ``WHERE`` clause for the events
table of :mod:`eventwire.store` (used by ``Store.iter_events`` / ``Store.count_events`` and the API)."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date as Date
from typing import Any, Sequence

from ..errors import UsageError

__all__ = ["EventFilter"]


@dataclass(frozen=True)
class EventFilter:
    """Conditions for :meth:`Store.iter_events` / :meth:`Store.count_events`; ``None`` means "any".

    ``type``, ``country``, ``quad_class``, ``acled_event_type`` and ``factuality`` take one value or a
    sequence of values; ``date_from`` / ``date_to`` are inclusive ``YYYY-MM-DD`` bounds (events without a
    date are left out when either is set); ``article`` is an article key or id; ``text`` is a case-insensitive
    substring of the evidence sentence, actor or recipient names, or location name.
    """

    type: str | Sequence[str] | None = None
    country: str | Sequence[str] | None = None
    quad_class: str | Sequence[str] | None = None
    acled_event_type: str | Sequence[str] | None = None
    factuality: str | Sequence[str] | None = None
    date_from: str | None = None
    date_to: str | None = None
    article: str | None = None
    min_confidence: float | None = None
    text: str | None = None

    @classmethod
    def of(cls, filters: dict[str, Any]) -> "EventFilter":
        """Build from keyword arguments, with a :class:`UsageError` naming the valid ones."""
        names = [f.name for f in fields(cls)]
        unknown = sorted(set(filters) - set(names))
        if unknown:
            raise UsageError(f"unknown event filter {', '.join(unknown)}: use {', '.join(names)}")
        return cls(**filters)

    def sql(self) -> tuple[str, list[Any]]:
        """``(where_clause, params)``; the clause is ``""`` when nothing is filtered."""
        clauses: list[str] = []
        params: list[Any] = []
        for column in ("type", "country", "quad_class", "acled_event_type", "factuality"):
            values = getattr(self, column)
            if values is not None:
                values = [values] if isinstance(values, str) else list(values)
                clauses.append(f"{column} IN ({', '.join('?' for _ in values)})" if values else "FALSE")
                params.extend(values)
        for bound, op in ((self.date_from, ">="), (self.date_to, "<=")):
            if bound is not None:
                clauses.append(f"date {op} ?")
                params.append(_parse_date_bound(bound))
        if self.article is not None:
            clauses.append("(article_key = ? OR article_id = ?)")
            params.extend([self.article, self.article])
        if self.min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(float(self.min_confidence))
        if self.text:
            columns = ("evidence_text", "actor_text", "recipient_text", "location_name")
            clauses.append("(" + " OR ".join(f"contains(lower(coalesce({c}, '')), ?)" for c in columns) + ")")
            params.extend([self.text.lower()] * len(columns))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _parse_date_bound(value: str) -> Date:
    try:
        return Date.fromisoformat(value)
    except (TypeError, ValueError):
        raise UsageError(f"date bound {value!r} is not a date: write it as YYYY-MM-DD") from None
