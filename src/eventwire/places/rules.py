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
   in a story about western Kenya is not Nyanza, Rwanda). A loose match there — a part of the name, a
   spelling variant, a town where the text asks for a province ("West Midlands" -> Midlands, Zimbabwe)
   — is suspect whatever its size, and yields to the one country of its neighbours in the text.
4. :func:`giants_first` — a small namesake far from the text's other places yields to a world city or a
   large division of its name ("Rome" is in Italy even in a story that names New York elsewhere).
5. :func:`is_listed` — "Washington, Pennsylvania and California" is a list of states, not Washington, PA.
6. :func:`division_cues` — "the state of Washington", "Washington state": the name asks for the division;
   :func:`listed_divisions` — so does every item of a list of one country's divisions ("British Columbia,
   Alberta, Manitoba and New Brunswick").
7. :func:`stated_areas` — "the German island of Rügen", "the Texas town of Paris": the adjective or name
   before the kind of place states its area.
8. :func:`elliptical_names` — "North and South Korea": the bare "North" is North Korea.
9. :func:`divisions_first` — a town that won on context yields to a far more populous division of its name.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

from .gazetteer.index import Gazetteer, Record
from .gazetteer.names import name_key
from ..knowledge.tables import read_tsv
from ..models import Place
from .fallback import majority_country, nearest_others
from .toponyms import bare_name, split_feature

if TYPE_CHECKING:  # pragma: no cover
    from .toponyms import Toponym

__all__ = ["LIST_GAP", "CONTAINER_GAP", "FOREIGN_POPULATION", "FOREIGN_DIVISION", "DOMINANT_SHARE", "DOMINANT_NAMES",
           "GIANT_RATIO", "GIANT_ALONE", "CUE_WINDOW", "DIVISION_RATIO", "is_country_list", "share_containers",
           "foreign_namesakes", "dominant_country", "divisions_first", "giants_first", "is_listed", "division_cues",
           "loose_match", "stated_areas", "listed_divisions", "elliptical_names"]

# what separates a name from the division or country holding it: a comma, perhaps with where in it the
# name lies ("Kalam, north-west Pakistan", "Tal Afar, northern Iraq"); not "Balad, north of Baghdad"
CONTAINER_GAP = re.compile(r"^\s*,\s*(?:(?:in\s+)?(?:the\s+)?(?:far\s+)?(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|"
                           r"(?:east|west)(?:ern)?|central)\s+)?$", re.IGNORECASE)
LIST_GAP = re.compile(r"^\s*(?:,|,?\s*(?:and|or|&))\s*$")  # what separates the items of a list of names
FOREIGN_POPULATION = 100_000  # a town at least this big is a place news may name without its country
FOREIGN_DIVISION = 1_000_000  # ... and a division this populous ("England", "Texas")
DOMINANT_SHARE = 2 / 3  # the share of place mentions one country must hold to give an unknown name its area
DOMINANT_NAMES = 3  # ... with at least this many distinct names
DIVISION_RATIO = 100  # a division this many times as populous as the town of its name wins (divisions_first)
GIANT_RATIO = 50  # a town or division this many times as populous as a small namesake wins over it (giants_first)
GIANT_ALONE = 1000  # ... even in a country the document never names


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
    counted = [p for p in places if p is not None and name_key(p.text) != skip]
    return majority_country(counted, share=DOMINANT_SHARE, min_names=DOMINANT_NAMES, label=lambda p: name_key(p.text),
                            named=places)


def foreign_namesakes(toponyms: Sequence["Toponym"], places: Sequence[Place | None], *,
                      candidates: Callable[[str], list[Record]],
                      resolve_in: Callable[[int, frozenset], Place | None],
                      weak: Callable[[int], bool] = lambda k: False) -> list[Place | None]:
    """``places`` with each accidental foreign namesake replaced (see the module docstring).

    ``candidates(text)``: the gazetteer candidates of a toponym text; ``resolve_in(k, countries)``:
    toponym ``k`` resolved again among its candidates in ``countries`` only (None when it has none).

    A suspect is a place whose record (the candidate at its point) has fewer than
    :data:`FOREIGN_POPULATION` people (a division: :data:`FOREIGN_DIVISION`), in a country no mention names.
    A suspect stays when its country is the one the document mentions most, or holds another of the
    document's places that is no suspect;
    otherwise it takes its best candidate in the countries of those places, or, having none there,
    is left unresolved when another country dominates the document (:func:`dominant_country`) and
    holds the nearest places before and after it in the text.

    ``weak(k)``: whether toponym ``k`` matched its place only loosely — by a part of its name or a
    spelling variant ("West Midlands" -> Midlands, Zimbabwe; "Central Plateau" -> Plateau, Nigeria), or
    as a town where the text asks for a division ("Nyanza province" -> the town Nyanza, Rwanda). Such a
    match in a country no mention names is a suspect whatever its size, and is left unresolved when the
    nearest places before and after it lie in one other country, dominant or not. A name left
    unresolved so is left unresolved at each of its mentions with the same place (one sense per discourse).
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
        suspect[k] = bool(own) and (max(r.population for r in own) < limit or weak(k))
    out = list(places)
    for k, (t, p) in enumerate(zip(toponyms, places)):
        if not suspect[k]:
            continue
        key = name_key(t.text)
        mentions = Counter(q.country for q in places if q is not None and q.country and name_key(q.text) != key)
        if not mentions or mentions.most_common(1)[0][0] == p.country:
            continue
        support = {q.country for j, q in enumerate(places) if q is not None and q.country and not suspect[j]
                   and name_key(q.text) != key}
        if p.country in support:
            continue
        if support and any(r.country in support for r in candidates(t.text)):
            out[k] = resolve_in(k, frozenset(support))
        else:
            around = _around(places, suspect, k)
            target = dominant_country(places, skip=key)
            if target is None and weak(k) and len(around) == 1:
                target = next(iter(around))
            if target not in (None, p.country) and around == {target}:
                out[k] = None
    dropped = {(name_key(t.text), p.lat, p.lon) for t, p, q in zip(toponyms, places, out) if p is not None and q is None}
    return [None if p is not None and (name_key(t.text), p.lat, p.lon) in dropped else q  # one sense per discourse
            for t, p, q in zip(toponyms, places, out)]


def loose_match(t: "Toponym", p: Place | None, *, gazetteer: Gazetteer) -> bool:
    """Whether ``p`` matches toponym ``t`` only loosely: the gazetteer has not the name as written (a
    part of it or a spelling variant matched), or the text asks for a division and ``p`` is a town."""
    if p is None:
        return False
    text = bare_name(t.text)
    if not (gazetteer.lookup(text) or gazetteer.lookup(split_feature(text)[0])):
        return True
    return t.feature in ("admin1", "admin2") and p.precision == "city"


def _around(places: Sequence[Place | None], suspect: Sequence[bool], k: int) -> set[str]:
    """The countries of the nearest places before and after toponym ``k`` in the text (of other names, no
    suspects): {"KEN"} for "Nyanza" amid Kenyan places, two countries for "Bundibugyo" in a list of
    outbreaks after "Zaire" and "Sudan"."""
    keys = [name_key(p.text) if p is not None else "" for p in places]
    return {places[j].country for j in nearest_others(keys, places, k, usable=lambda j: not suspect[j])}


def divisions_first(ranked: list[tuple[float, Record]], *, name: str,
                     countries: Counter) -> list[tuple[float, Record]]:
    """A town or county that won on context yields to a division of exactly its name that lies in a
    country the document names, when the division is over ``DIVISION_RATIO`` times as populous, or more
    populous at all when the winner was matched only by another of its names ("California" is the state
    even in a text about Maryland; "New York" is the state, whose own name it is, not New York City;
    "Kiev" stays the capital, more populous than its oblast; "Lebanon" in a text about Indiana stays
    the town)."""
    top = ranked[0][1]
    key = name_key(name)
    if top.feature not in ("city", "admin2"):
        return ranked
    by_alias = name_key(top.name) != key
    if top.feature == "admin2" and not by_alias:
        return ranked
    ratio = 1 if by_alias else DIVISION_RATIO
    for k, (score, r) in enumerate(ranked[1:], start=1):
        if r.feature == "admin1" and name_key(r.name) == key and r.population > ratio * top.population \
                and (not countries or r.country in countries):
            return [ranked[k]] + ranked[:k] + ranked[k + 1:]
    return ranked


def giants_first(ranked: list[tuple[float, Record]], *, name: str, local: Callable[[Record], bool],
                 countries: Counter) -> list[tuple[float, Record]]:
    """``ranked`` ((score, record), best first) with a world city or large division of exactly the name
    moved first when the winner is a small namesake that won on context alone ("Rome" in New York,
    "Cairo" in Ohio in a story that also names New York or Ohio).

    The winner yields when it is a town matched by its own name that is not ``local`` (no other place of
    the text lies near it, no county of the text holds it), and another candidate of exactly the name, a
    town or first-level division, is :data:`GIANT_RATIO` times as populous and lies in the winner's
    country, in a country of the document (``countries``: ISO3 -> weight), or is :data:`GIANT_ALONE`
    times as populous ("England" in a story about Texas). Only for names written without a container
    (the caller's job): "Rome, N.Y." stays in New York. A local namesake ("Paris" amid Tennessee towns)
    keeps its place.
    """
    top = ranked[0][1]
    key = name_key(name)
    if top.feature != "city" or name_key(top.name) != key or local(top):
        return ranked
    floor = max(top.population, 1)
    for k, (_score, r) in enumerate(ranked[1:], start=1):
        if r.feature in ("city", "admin1") and name_key(r.name) == key and r.population >= GIANT_RATIO * floor \
                and (r.country == top.country or countries.get(r.country, 0) > 0
                     or r.population >= GIANT_ALONE * floor):
            return [ranked[k]] + ranked[:k] + ranked[k + 1:]
    return ranked


_CUE_BEFORE = re.compile(r"\b(?:state|province|region|district|governorate|department|prefecture|regency|oblast)"
                         r"\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CUE_AFTER = re.compile(r"^\s+(?:state|province|region|district|governorate|department|prefecture|regency|oblast)\b"
                        r"(?!\s+(?:university|college|park|line|police|senator|court|attorney|council|judge))")
CUE_WINDOW = 30  # characters either side of a name searched for a division cue
LIST_DIVISIONS = 3  # items a list of names must have for its divisions to be read as such (listed_divisions)
STATED_WINDOW = 60  # characters before a name searched for "the German island of"


def division_cues(toponyms: Sequence["Toponym"], text: str) -> list["Toponym"]:
    """``toponyms`` with the feature ``"admin1"`` given to a name the text calls a state, province, region,
    district, ... ("the state of Washington", "Washington state", "the province of Alberta", "the district
    of Karo"), so that the division wins
    over the town or capital of its name. A cue that belongs to the name before ("Punjab province of
    Pakistan") or a name that already states a feature is left alone."""
    out = []
    for k, t in enumerate(toponyms):
        start = max(toponyms[k - 1].end if k else 0, t.start - CUE_WINDOW)
        before = text[start:t.start]
        owned = k and _CUE_BEFORE.match(text[toponyms[k - 1].end:t.start].lstrip())  # "Punjab province of"
        if t.feature is None and text and (_CUE_BEFORE.search(before) and not owned
                                           or _CUE_AFTER.match(text[t.end:t.end + CUE_WINDOW])):
            t = replace(t, feature="admin1")
        out.append(t)
    return out


def listed_divisions(toponyms: Sequence["Toponym"], text: str, *,
                     candidates: Callable[[str], list[Record]]) -> list["Toponym"]:
    """``toponyms`` with the feature ``"admin1"`` given to each item of a list of at least
    :data:`LIST_DIVISIONS` names (joined by :data:`LIST_GAP`) that all have a first-level division in one
    common country: "British Columbia, Alberta, Manitoba, Ontario and New Brunswick" are provinces of
    Canada, so the last is not the town in New Jersey. Names that state a feature, and names of a town of
    :data:`FOREIGN_POPULATION` or more in that country ("Baghdad, Basra and Kirkuk"), are left alone."""
    out = list(toponyms)
    k = 0
    while k < len(toponyms):
        j = k
        while j + 1 < len(toponyms) and LIST_GAP.match(text[toponyms[j].end:toponyms[j + 1].start]):
            j += 1
        run = range(k, j + 1)
        if len(run) >= LIST_DIVISIONS:
            records = [candidates(toponyms[i].text) for i in run]
            common = set.intersection(*({r.country for r in rs if r.feature == "admin1"} for rs in records))
            for i, rs in zip(run, records):
                town = any(r.feature == "city" and r.country in common and r.population >= FOREIGN_POPULATION
                           for r in rs)  # "Baghdad, Basra and Kirkuk" are the cities
                if common and out[i].feature is None and not town:
                    out[i] = replace(out[i], feature="admin1")
        k = j + 1
    return out


def is_listed(k: int, *, gaps: Sequence[str], boxes: Sequence[tuple]) -> bool:
    """Whether toponym ``k``, followed by ", " and a division or country name (toponym ``k + 1``), is an
    item of a list ("Becker, Clay, Douglas", "Washington, Pennsylvania and California") rather than a
    place inside that name ("Stroud, Ontario, Canada").

    ``gaps[j]``: the text between toponyms ``j`` and ``j + 1``; ``boxes[j]``: the (ISO3, admin1) pairs
    toponym ``j`` can stand for as a container (empty for a town). A list item follows another item (a
    list separator before it; a list of "town, state" pairs, "Louisville, Ky., New Haven, Conn.", is no
    list of names), or can itself be a division and its container is followed by a separator and a
    further division or country that does not contain it ("Washington, Pennsylvania and California";
    not "Rome, N.Y. and Italy", as Rome is no division).
    """
    n = len(boxes)
    if k >= 1 and LIST_GAP.match(gaps[k - 1]) and not _pair(k - 2, gaps=gaps, boxes=boxes):
        return True
    if k + 2 < n and boxes[k] and boxes[k + 2] and LIST_GAP.match(gaps[k + 1]):
        countries = {c for c, _a in boxes[k + 1]}
        return not any(a is None and c in countries for c, a in boxes[k + 2])
    return False


def _pair(j: int, *, gaps: Sequence[str], boxes: Sequence[tuple]) -> bool:
    """Whether toponym ``j`` is a town written with its container (toponym ``j + 1``) after a comma."""
    return 0 <= j < len(boxes) - 1 and gaps[j].strip() == "," and bool(boxes[j + 1]) and not boxes[j]


@lru_cache(maxsize=1)
def _stated() -> re.Pattern:
    """An adjective or name, a kind of place (``data/places_kinds.tsv``) and an optional "of" right
    before a name: "the German island of ", "the Iraqi city ", "the Texas town of "."""
    kinds = sorted((row[0] for row in read_tsv("places_kinds.tsv")), key=len, reverse=True)
    return re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:%s)\s+(?:of\s+)?$"
                      % "|".join(re.escape(k) for k in kinds))


def stated_areas(toponyms: Sequence["Toponym"], text: str, *,
                 containers: Callable[[str], tuple]) -> list[tuple]:
    """Per toponym, the one (ISO3, admin1) area that a country's adjective or a state's name before it
    states ("the German island of Rügen": ``(("DEU", None),)``; "the Texas town of Paris": ``(("USA",
    "Texas"),)``), else ``()``. ``containers(word)``: the areas a word can stand for. Only the text since
    the previous name is read, so that a name never states the area of the next one."""
    out = []
    for k, t in enumerate(toponyms):
        start = max(toponyms[k - 1].end if k else 0, t.start - STATED_WINDOW)
        m = _stated().search(text[start:t.start]) if text else None
        box = containers(m.group(1)) if m else ()
        out.append(box if len(box) == 1 else ())
    return out


_DIRECTIONS = ("North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western", "Upper",
               "Lower", "Inner", "Outer")
_SHARED_HEAD = re.compile(r"^\s*(?:,|and|or|&)\s+(?:%s)\s+([A-Z][\w'’-]+)" % "|".join(_DIRECTIONS))


def elliptical_names(toponyms: Sequence["Toponym"], text: str) -> list[str | None]:
    """Per toponym, the full name of a bare direction word that shares the head of the next name ("North
    and South Korea": "North Korea"; "Central and South America": "Central America"), else None."""
    return [f"{t.text} {m.group(1)}" if t.text in _DIRECTIONS and text
            and (m := _SHARED_HEAD.match(text[t.end:t.end + 40])) else None for t in toponyms]
