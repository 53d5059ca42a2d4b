"""Document-level disambiguation rules of :class:`eventwire.places.Geocoder` that look at how the names
of one text relate to each other rather than at one name's candidates.

1. :func:`is_country_list` — "Mexico, China, Japan": a country name followed by a comma and another
   country is an item of a list, not a place inside that country (so "China" is not the village
   China in Kagoshima, Japan); it is contained only when it names a division of the next one and
   follows no other country ("Georgia, USA", but not "Guinea-Bissau, Niger, Nigeria").
2. :func:`share_containers` — one sense per discourse: a name written once with its container
   ("Athens, Greece") keeps that container at its bare mentions ("... in Athens").
3. :func:`foreign_namesakes` — a small place (a town or division under :data:`FOREIGN_POPULATION`)
   in a country the document never names, nor holds any other of its places in, is an accidental
   namesake ("Piccadilly" in Western Australia in a story about London): the name takes its best
   candidate in a country the document does name or hold, else it is left unresolved when one
   country clearly dominates the document, so that
   :func:`~eventwire.place_fallback.fill_unresolved` gives it that country's area ("Nyanza"
   in a story about western Kenya is not Nyanza, Rwanda).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Callable, Sequence

from .gazetteer import Record, fold
from .models import Place

if TYPE_CHECKING:  # pragma: no cover
    from .toponyms import Toponym

__all__ = ["LIST_GAP", "FOREIGN_POPULATION", "FOREIGN_DIVISION", "DOMINANT_SHARE", "DOMINANT_NAMES", "is_country_list",
           "share_containers", "foreign_namesakes", "dominant_country"]

LIST_GAP = re.compile(r"^\s*(?:,|,?\s*(?:and|or|&))\s*$")  # what separates the items of a list of names
FOREIGN_POPULATION = 100_000  # a town at least this big is a place news may name without its country
FOREIGN_DIVISION = 1_000_000  # ... and a division this populous ("England", "Texas")
DOMINANT_SHARE = 2 / 3  # the share of place mentions one country must hold to give an unknown name its area
DOMINANT_NAMES = 3  # ... with at least this many distinct names


def is_country_list(records: Sequence[Record], box: tuple, *, previous: Sequence[Record] = (),
                    previous_gap: str = "") -> bool:
    """Whether a name with candidates ``records`` followed by ", <box>" (``box``: the (ISO3, admin1)
    pairs the next name can stand for, from :meth:`Geocoder.containers`) is an item of a list of
    countries rather than a place inside the next name: it can itself be a country, the next name is a
    country, and either it names no division of that country ("China, Japan") or the name before it
    (``previous``, separated by ``previous_gap``) is a country too ("Guinea-Bissau, Niger, Nigeria")."""
    if not box or any(a is not None for _c, a in box):
        return False
    if not any(r.feature == "country" for r in records):
        return False
    countries = {c for c, _a in box}
    if not any(r.feature == "admin1" and r.country in countries for r in records):
        return True
    return bool(LIST_GAP.match(previous_gap)) and any(r.feature == "country" for r in previous)


def share_containers(keys: Sequence[str], boxes: Sequence[tuple]) -> list[tuple]:
    """``boxes`` (one container tuple per toponym, () for none) with each empty one replaced by the
    first container written with the same name (``keys``: folded names), so that a bare "Athens"
    after "Athens, Greece" is resolved in Greece too. :meth:`Geocoder.resolve` still drops a
    container no candidate lies in."""
    first: dict[str, tuple] = {}
    for key, box in zip(keys, boxes):
        if box:
            first.setdefault(key, box)
    return [box or first.get(key, ()) for key, box in zip(keys, boxes)]


def dominant_country(places: Sequence[Place | None], *, skip: str) -> str | None:
    """The country holding :data:`DOMINANT_SHARE` of the place mentions (without the name ``skip``) with
    :data:`DOMINANT_NAMES` distinct names, else None."""
    mentions = Counter(p.country for p in places if p is not None and p.country and fold(p.text) != skip)
    if not mentions:
        return None
    country, count = mentions.most_common(1)[0]
    names = {fold(p.text) for p in places if p is not None and p.country == country}
    if count < DOMINANT_SHARE * sum(mentions.values()) or len(names) < DOMINANT_NAMES:
        return None
    return country


def foreign_namesakes(toponyms: Sequence["Toponym"], places: Sequence[Place | None], *,
                      candidates: Callable[[str], list[Record]],
                      resolve_in: Callable[[int, frozenset], Place | None]) -> list[Place | None]:
    """``places`` with each accidental foreign namesake replaced (see the module docstring).

    ``candidates(text)``: the gazetteer candidates of a toponym text; ``resolve_in(k, countries)``:
    toponym ``k`` resolved again among its candidates in ``countries`` only (None when it has none).

    A suspect is a place whose record (the candidate at its point) has fewer than
    :data:`FOREIGN_POPULATION` people (a division: :data:`FOREIGN_DIVISION`), in a country no mention names. A suspect stays when its country
    is the one the document mentions most, or holds another of the document's places that is no suspect;
    otherwise it takes its best candidate in the countries of those places, or, having none there,
    is left unresolved when another country dominates the document (:func:`dominant_country`) and
    holds the nearest places before and after it in the text.
    """
    countries_named = {p.country for p in places if p is not None and p.precision == "country"}
    suspect = [False] * len(places)
    for k, (t, p) in enumerate(zip(toponyms, places)):
        if p is None or not p.country or p.precision == "country" or p.score <= 0.1 \
                or p.country in countries_named:
            continue
        own = [r for r in candidates(t.text) if r.country == p.country and abs(r.lat - p.lat) < 1e-4
               and abs(r.lon - p.lon) < 1e-4]
        limit = FOREIGN_DIVISION if p.precision == "admin" else FOREIGN_POPULATION
        suspect[k] = bool(own) and max(r.population for r in own) < limit
    out = list(places)
    for k, (t, p) in enumerate(zip(toponyms, places)):
        if not suspect[k]:
            continue
        key = fold(t.text)
        mentions = Counter(q.country for q in places if q is not None and q.country and fold(q.text) != key)
        if not mentions or mentions.most_common(1)[0][0] == p.country:
            continue
        support = {q.country for j, q in enumerate(places) if q is not None and q.country and not suspect[j]
                   and fold(q.text) != key}
        if p.country in support:
            continue
        if support and any(r.country in support for r in candidates(t.text)):
            out[k] = resolve_in(k, frozenset(support))
        else:
            dominant = dominant_country(places, skip=key)
            if dominant not in (None, p.country) and _among(places, suspect, k, country=dominant):
                out[k] = None
    return out


def _among(places: Sequence[Place | None], suspect: Sequence[bool], k: int, *, country: str) -> bool:
    """Whether the nearest places before and after toponym ``k`` in the text (of other names, no
    suspects) lie in ``country``: "Nyanza" amid Kenyan places, not "Bundibugyo" in a list of
    outbreaks after "Zaire" and "Sudan"."""
    key = fold(places[k].text) if places[k] is not None else ""
    found = []
    for order in (range(k - 1, -1, -1), range(k + 1, len(places))):
        for j in order:
            q = places[j]
            if q is not None and q.country and not suspect[j] and fold(q.text) != key:
                found.append(q.country)
                break
    return bool(found) and all(c == country for c in found)
