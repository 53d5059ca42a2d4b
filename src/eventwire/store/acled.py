"""ACLED- and GDELT-compatible codes of an event, for analysts' exports (the contract's "Exports for analysts").

* ``inter1`` / ``inter2``: the ACLED actor class of the event's actor and recipient, from the first of them
  whose sector is known (``data/acled_inter.tsv``; for ``Protests`` the acting side is protesters, 6, and for
  ``Riots`` rioters, 5, as ACLED codes demonstrators by what they do);
* ``interaction``: ACLED's two-digit code, the smaller class first (1 and 7 -> 17; a sole actor 6 -> 60);
* ``geo_precision``: 1 site or town, 2 district or region, 3 country (from ``location.precision``);
* ``time_precision``: 1 day, 2 week or month, 3 year or less precise (from ``date_precision``; a date that
  fell back to the publication day is 2: ACLED codes "within the week of the report" that way);
* ``quad_class_code``: GDELT's numeric QuadClass, 1 verbal cooperation ... 4 material conflict.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..knowledge.tables import read_records
from ..models import Actor, Event

__all__ = ["acled_codes", "inter_class", "GEO_PRECISION", "TIME_PRECISION", "QUAD_CLASS_CODES"]

GEO_PRECISION = {"site": 1, "city": 1, "admin": 2, "country": 3}
TIME_PRECISION = {"day": 1, "publication": 2, "month": 3, "year": 3}
QUAD_CLASS_CODES = {"verbal-cooperation": 1, "material-cooperation": 2, "verbal-conflict": 3,
                    "material-conflict": 4}
_ACTING_CLASS = {"Protests": 6, "Riots": 5}


@lru_cache(maxsize=1)
def _sector_classes() -> dict[str, int]:
    return {row["sector"]: int(row["inter"]) for row in read_records("acled_inter.tsv")}


def inter_class(actors: tuple[Actor, ...]) -> int | None:
    """The ACLED class of the first actor whose sector has one, else None."""
    classes = _sector_classes()
    for actor in actors:
        if actor.sector in classes:
            return classes[actor.sector]
    return None


def acled_codes(event: Event) -> dict[str, Any]:
    """``{"inter1", "inter2", "interaction", "geo_precision", "time_precision", "quad_class_code"}`` (None where
    unknown)."""
    inter1 = _ACTING_CLASS.get(event.acled_event_type or "") or inter_class(event.actor)
    inter2 = inter_class(event.recipient)
    known = sorted(c for c in (inter1, inter2) if c is not None)
    interaction = known[0] * 10 + known[1] if len(known) == 2 else known[0] * 10 if known else None
    loc = event.location
    return {
        "inter1": inter1, "inter2": inter2, "interaction": interaction,
        "geo_precision": GEO_PRECISION.get(loc.precision) if loc is not None else None,
        "time_precision": TIME_PRECISION.get(event.date_precision) if event.date else None,
        "quad_class_code": QUAD_CLASS_CODES.get(event.quad_class),
    }
