"""The rows the store writes: one article's row and its events' rows (shared by the one-article write and the
chunk load of :mod:`eventwire.store.bulk`)."""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date as Date
from datetime import datetime
from typing import Any

from ..errors import StoreError
from ..incidents.features import article_terms
from ..incidents.revisions import identity_of
from ..models import Article, Event


def article_row(key: str, article: Article, n_events: int, *, now: datetime) -> list[Any]:
    """The ``articles`` row of ``article`` stored under ``key`` with ``n_events`` events at ``now``."""
    offsets = json.dumps([list(seg) for seg in article.offsets])
    return [key, article.id, article.title, article.publisher, article.published, article.url,
            article.source, article.body, offsets, n_events, now, json.dumps(article_terms(article)),
            identity_of(article)]


def event_row(key: str, event: Event) -> list[Any]:
    """The ``events`` row of ``event`` (its article stored under ``key``; ``incident_id`` appended by the caller)."""
    try:
        data = json.dumps(event.to_dict(), ensure_ascii=False, allow_nan=False)
    except ValueError:
        raise StoreError(f"event {event.event_id!r} has a non-finite number (NaN or infinity), which JSON "
                         "cannot hold: fix the stage that produced it") from None
    loc = event.location
    return [
        event.event_id, key, event.article.id, event.type, event.mode, event.quad_class, event.acled_event_type,
        event.acled_subtype, event.cameo_root, _valid_date(event.date), event.date_precision,
        loc.country if loc else None, loc.admin1 if loc else None, loc.name if loc else None,
        loc.lat if loc else None, loc.lon if loc else None, event.fatalities, event.injured, event.factuality,
        event.confidence, event.evidence.text, _names(event.actor), _names(event.recipient),
        _countries(event.actor), _countries(event.recipient), len(event.mentions), data,
    ]


def _names(actors: Sequence[Any]) -> str | None:
    names = dict.fromkeys(n for a in actors for n in (a.name, a.text) if n)
    return "; ".join(names) or None


def _countries(actors: Sequence[Any]) -> str | None:
    return ";".join(dict.fromkeys(a.country for a in actors if a.country)) or None


def _valid_date(value: str | None) -> Date | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        return None
