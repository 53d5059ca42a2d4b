"""ACLED- and GDELT-compatible codes of an event, for analysts' exports (the contract's "Exports for analysts").

* ``inter1`` / ``inter2`` / ``interaction``: the event's ACLED actor classes and their two-digit code (the
  event object's keys, set by :mod:`eventwire.events.acled`);
* ``geo_precision``: 1 site or town, 2 district or region, 3 country (from ``location.precision``);
* ``time_precision``: 1 day, 2 week or month, 3 year or less precise (from ``date_precision``; a date that
  fell back to the publication day is 2: ACLED codes "within the week of the report" that way);
* ``quad_class_code``: GDELT's numeric QuadClass, 1 verbal cooperation ... 4 material conflict.
"""
from __future__ import annotations

from typing import Any

from ..events.acled import inter_class, inter_codes
from ..models import Event

__all__ = ["acled_codes", "inter_class", "GEO_PRECISION", "TIME_PRECISION", "QUAD_CLASS_CODES"]

GEO_PRECISION = {"site": 1, "city": 1, "admin": 2, "country": 3}
TIME_PRECISION = {"day": 1, "publication": 2, "month": 3, "year": 3}
QUAD_CLASS_CODES = {"verbal-cooperation": 1, "material-cooperation": 2, "verbal-conflict": 3,
                    "material-conflict": 4}


def acled_codes(event: Event) -> dict[str, Any]:
    """``{"inter1", "inter2", "interaction", "geo_precision", "time_precision", "quad_class_code"}`` (None where
    unknown). The actor classes are the event's own (set at extraction, ``events/acled.py``); an event stored
    before they existed gets them computed the same way."""
    if event.inter1 is None and event.inter2 is None and event.interaction is None:
        inter1, inter2, interaction = inter_codes(event.acled_event_type, event.actor, event.recipient)
    else:
        inter1, inter2, interaction = event.inter1, event.inter2, event.interaction
    loc = event.location
    return {
        "inter1": inter1, "inter2": inter2, "interaction": interaction,
        "geo_precision": GEO_PRECISION.get(loc.precision) if loc is not None else None,
        "time_precision": TIME_PRECISION.get(event.date_precision) if event.date else None,
        "quad_class_code": QUAD_CLASS_CODES.get(event.quad_class),
    }
