"""One incident's fields from its reports: the contract's incident object (``CONTRACT.md``, "Incidents").

Each value is the best-supported one among the reports: a vote weighted by each report's confidence, in which a
day the text gave outweighs a day that fell back to the publication date, and a town or site outweighs a
region or country. Fatalities and injured are the figure most reports give (ties: the higher, since early
reports undercount), with the lowest and highest figure beside them.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import asdict
from typing import Any

from ..models import Event
from .sources import source_of

__all__ = ["incident_object", "INCIDENT_KEYS"]

INCIDENT_KEYS = (
    "incident_id", "type", "mode", "quad_class", "acled_event_type", "acled_subtype", "cameo_root", "date",
    "date_precision", "location", "actor", "recipient", "fatalities", "fatalities_low", "fatalities_high",
    "injured", "factuality", "confidence", "event_ids", "articles", "sources", "first_reported",
    "last_reported", "evidence",
)
DATE_WEIGHT = {"day": 1.0, "month": 0.3, "year": 0.1, "publication": 0.35}
PLACE_WEIGHT = {"site": 1.2, "city": 1.0, "admin": 0.35, "country": 0.1}
_FACTUALITY_ORDER = ("asserted", "claimed", "denied", "negated", "hypothetical", "future")


def _vote(items: Sequence[tuple[Hashable, float]]) -> Hashable | None:
    """The key with the largest total weight (ties: the first seen)."""
    totals: dict[Hashable, float] = defaultdict(float)
    for key, weight in items:
        totals[key] += weight
    return max(totals, key=lambda k: totals[k]) if totals else None


def _count(values: list[int]) -> int | None:
    """The figure most reports give; ties go to the higher one."""
    if not values:
        return None
    return max(set(values), key=lambda v: (values.count(v), v))


def _best_location(events: Sequence[Event]) -> dict[str, Any] | None:
    located = [e for e in events if e.location is not None]
    if not located:
        return None
    key = _vote([((e.location.name, e.location.admin1, e.location.country),
                  (0.05 + e.confidence) * PLACE_WEIGHT.get(e.location.precision, 0.5)) for e in located])
    chosen = max((e for e in located if (e.location.name, e.location.admin1, e.location.country) == key),
                 key=lambda e: (PLACE_WEIGHT.get(e.location.precision, 0.5), e.location.score))
    return asdict(chosen.location)


def incident_object(incident_id: str, events: Sequence[Event]) -> dict[str, Any]:
    """The incident object of ``events`` (its reports, at least one) under ``incident_id``."""
    if not events:
        raise ValueError("an incident has at least one event")
    ranked = sorted(events, key=lambda e: (-e.confidence, e.event_id))
    best = ranked[0]
    dated = [(e.date, e.date_precision) for e in events if e.date]
    date_key = _vote([((e.date, e.date_precision), (0.05 + e.confidence) * DATE_WEIGHT.get(e.date_precision, 0.3))
                      for e in events if e.date])
    date, precision = date_key if dated else (None, best.date_precision)
    dead = [e.fatalities for e in events if e.fatalities is not None]
    hurt = [e.injured for e in events if e.injured is not None]
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
        "location": _best_location(events),
        "actor": [asdict(a) for a in with_actor.actor], "recipient": [asdict(a) for a in with_recipient.recipient],
        "fatalities": _count(dead), "fatalities_low": min(dead) if dead else None,
        "fatalities_high": max(dead) if dead else None, "injured": _count(hurt),
        "factuality": factuality, "confidence": round(best.confidence, 4),
        "event_ids": sorted(e.event_id for e in events),
        "articles": len(articles), "sources": len(sources),
        "first_reported": published[0] if published else None,
        "last_reported": published[-1] if published else None,
        "evidence": asdict(best.evidence),
    }
