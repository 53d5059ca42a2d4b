"""Stage places, its evidence: what the rest of a document says about where one name lies.

:class:`Surroundings` carries it to :class:`~eventwire.places.Geocoder` — the countries and divisions the
document names (weighted by mentions), the points of its towns and sites, a ", Texas" container, the
:class:`Anchor` of each other name (spatial minimality), the countries whose local-news conventions the text
follows (:func:`locale_countries`); :func:`document_surroundings` builds it from the places resolved so far,
:func:`anchor_support` and :func:`importance` are two of the scores the geocoder adds up.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from math import cos, log10, radians, sqrt

from .gazetteer.index import Record
from .gazetteer.names import name_key
from ..knowledge.tables import read_tsv
from ..models import Place

__all__ = ["Anchor", "Surroundings", "locale_countries", "inside", "anchor_support", "importance", "document_surroundings",
           "nearest_km", "cell", "ANCHOR_CAP"]

ANCHOR_CAP = 1.5  # at most this many fully specific names count towards one candidate's anchor bonus


@dataclass(frozen=True)
class Anchor:
    """Where another name of the document could be, whichever of its candidates it turns out to be.

    Spatial minimality: the places of one text lie near each other, so a candidate near some
    candidate of another name ("Paris" in Tennessee next to "Henry County", Tennessee) gains,
    whatever that name resolves to. ``weight`` is 1/sqrt(candidates): a name with one candidate is
    strong evidence, a "Springfield" with forty is weak.
    """

    name: str  # folded name
    cells: frozenset  # 0.5-degree cells of its local candidates (towns, counties, sites)
    divisions: frozenset  # (ISO3, admin1) of all its candidates below country level
    weight: float


@dataclass(frozen=True)
class Surroundings:
    """What the document says elsewhere, used to rank candidates of one name."""

    countries: Counter = field(default_factory=Counter)  # ISO3 -> weight
    points: tuple[tuple[float, float], ...] = ()
    admin1: Counter = field(default_factory=Counter)  # (ISO3, admin1) -> weight: divisions named, towns' divisions
    container: tuple[tuple[str | None, str | None], ...] = ()  # ", Texas" -> (("USA", "Texas"),)
    feature: str | None = None
    anchors: tuple[Anchor, ...] = ()  # the document's other names (see Anchor)
    locale: frozenset[str] = frozenset()  # ISO3 of countries whose local-news conventions the text follows
    contained: dict = field(default_factory=dict)  # (folded name, record id) -> bonus (see Geocoder.containment)
    divisions: Counter = field(default_factory=Counter)  # ISO3 -> distinct first-level divisions named
    allow: frozenset[str] = frozenset()  # when set, only candidates in these countries (ISO3) are ranked


@lru_cache(maxsize=1)
def _locale_cues() -> tuple[tuple[re.Pattern, str], ...]:
    """(compiled pattern, ISO3) rows of ``data/places_locale.tsv``."""
    return tuple((re.compile(p), cc) for p, cc in read_tsv("places_locale.tsv"))


@lru_cache(maxsize=16)  # asked several times per article (pipeline, geocoder, mentions) with the same text
def locale_countries(text: str) -> frozenset[str]:
    """ISO3 codes of the countries whose local-news conventions the text follows (``data/places_locale.tsv``:
    US street addresses, "sheriff", "school district"...): see :data:`LOCALE_BONUS`."""
    return frozenset(cc for pattern, cc in _locale_cues() if pattern.search(text))


def inside(r: Record, container: tuple[tuple[str | None, str | None], ...]) -> bool:
    """Whether ``r`` lies in one of the (ISO3, admin1) containers (admin1 None: anywhere in the country)."""
    return any(c == r.country and (a is None or a == r.admin1) for c, a in container)


def cell(lat: float, lon: float) -> tuple[int, int]:
    """The 0.5-degree grid cell of a point (see :class:`Anchor`)."""
    return int((lat + 90.0) * 2), int((lon + 180.0) * 2) % 720


def anchor_support(r: Record, name: str, anchors: tuple[Anchor, ...]) -> float:
    """Sum of the weights of the other names with a candidate near ``r`` (a neighbouring 0.5-degree
    cell) or, for a division, inside it; a candidate in the same division counts half. Capped at
    ``ANCHOR_CAP``."""
    la, lo = cell(r.lat, r.lon)
    around = [(la + a, (lo + b) % 720) for a in (-1, 0, 1) for b in (-1, 0, 1)]
    division = (r.country, r.admin1) if r.admin1 else None
    total = 0.0
    for a in anchors:
        if a.name == name:
            continue
        if r.feature == "admin1":
            total += a.weight if division in a.divisions else 0.0
        elif any(c in a.cells for c in around):
            total += a.weight
        elif division in a.divisions:
            total += 0.5 * a.weight
    return min(total, ANCHOR_CAP)


def importance(r: Record) -> float:
    if r.feature == "country":
        return 1.5
    if r.feature in ("continent", "region", "island", "sea", "landmark", "border crossing"):
        return 0.9
    if r.feature == "admin1":
        return 0.75
    if r.feature == "admin2":
        return 0.35 + 0.25 * min(1.0, log10(r.population + 1) / 7)
    if r.feature in ("airport", "military base"):
        return 0.2 + 0.1 * r.population
    return min(1.0, log10(r.population + 1) / 7)


def document_surroundings(places: list[Place | None], *, base: Surroundings, skip: int, name: str) -> Surroundings:
    """What the other resolved places say: countries (a country mention counts 2), divisions (a named
    division counts 1, a town's division 0.5), and points of towns and sites."""
    countries = Counter(base.countries)
    points, admin1, named = [], Counter(), set()
    for k, p in enumerate(places):
        if p is None or k == skip or name_key(p.text) == name:
            continue
        if p.country:
            countries[p.country] += 2 if p.precision == "country" else 1
        if p.precision == "admin" and p.admin1:
            admin1[(p.country, p.admin1)] += 1.0
            if p.feature == "admin1":
                named.add((p.country, p.admin1))
        elif p.precision in ("city", "site") and p.lat is not None:
            points.append((p.lat, p.lon))
            if p.admin1:
                admin1[(p.country, p.admin1)] += 0.5
    return Surroundings(countries=countries, points=tuple(points), admin1=admin1, anchors=base.anchors,
                   locale=base.locale, contained=base.contained, divisions=Counter(c for c, _a in named))


def nearest_km(lat: float, lon: float, points: tuple[tuple[float, float], ...]) -> float:
    """Distance to the nearest point by the equirectangular approximation (within ~1% below 1,000 km;
    only compared with thresholds of 50-800 km)."""
    k = cos(radians(lat))
    best = min(((la - lat) ** 2 + ((lo - lon + 180.0) % 360.0 - 180.0) ** 2 * k * k for la, lo in points))
    return 111.2 * sqrt(best)
