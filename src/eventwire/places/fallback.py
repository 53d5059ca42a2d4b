"""Stage places, last step: a place for the toponyms no gazetteer entry resolves.

The shipped gazetteer knows countries, divisions, counties, towns, airports and bases, but not rivers,
lakes, parks, mountains, neighbourhoods or hamlets ("Neches River", "Zamalek", "Mount Hood"). Such a
name gets no candidate at all and would stay unplaced; yet it almost always lies in the area the rest
of the document is about. :func:`fill_unresolved` gives it that area:

1. the first-level division (state, province) that the document's resolved places agree on: among
   the mentions of places below country level in the main country, one division holds a clear
   majority (:data:`MAJORITY`) with at least :data:`MIN_NAMES` distinct names -> precision
   ``"admin"``, the division's point ("Neches River" in a story about Beaumont and Port Arthur: Texas);
2. else the document's main country, when its places hold a clear majority of all mentions of
   resolved places with at least :data:`MIN_NAMES` distinct names -> precision ``"country"``, the
   country's point ("Zamalek" in a story about Cairo and Giza, which lie in two governorates: Egypt);
3. else (a document spread over several countries, or naming few places) the country of the resolved
   place named nearest to it, before or after, within :data:`NEAR_CHARS` characters -> precision
   ``"country"`` ("Waiheke Island" next to "New Zealand", "Bab el-Oued" after "Algiers" in a story
   that also names England and France), or that place's division, precision ``"admin"``, when it is a
   town or division named within :data:`NEAR_DIVISION_CHARS` characters ("Greenlane, Auckland"; this
   also narrows a country-wide area of step 2); nothing when none is that near, or the nearest before and after
   are equally near and lie in two countries (the toponym stays None).

The inferred :class:`~eventwire.models.Place` keeps the toponym as written as ``text`` and ``name`` (it
is another place than the area: only its area is known), the feature its name states (``"river"``,
``"lake"``, ``"park"``, ``"mountain"``, ... else ``"place"``), ``geonameid`` None and a low ``score``
(:data:`SCORE`) that marks it as inferred.

Never filled: names that need not lie in the document's area — features larger than a division
(mountain ranges, seas, gulfs, deserts: "Atlas Mountains" in a Kentucky story), names of states
("Islamic Republic", "Soviet Union"), and the dateline name, where the story was filed from, which for
wire copy is often not the area the story is about. Foreign capitals the gazetteer could lack are not
a concern: every capital is in it.

The step runs after resolution, so an inferred place never feeds the context of other names.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

from .gazetteer.index import Gazetteer, Record
from .gazetteer.names import name_key
from ..models import Place

__all__ = ["Area", "SCORE", "MAJORITY", "MIN_NAMES", "document_area", "fill_unresolved", "name_feature",
           "inferred_place", "written_area", "neighbour_area", "NEAR_CHARS",
           "NEAR_DIVISION_CHARS", "country_area", "nearest_others"]

SCORE = 0.1  # the score of an inferred place: below any gazetteer match (those start at 0.5)
MAJORITY = 2 / 3  # the share of mentions the main country (or division) must hold: twice all others together
MIN_NAMES = 2  # ... and the number of distinct place names it must have at least (one repeated name is weak)
NEAR_CHARS = 600  # without such an area, a place named this near (about a paragraph) gives its country
NEAR_DIVISION_CHARS = 30  # ... and a town named right next to it ("Greenlane, Auckland") its division

# Feature words at the end of a name ("Neches River") -> the feature
_SUFFIX = {
    "river": "river", "creek": "stream", "brook": "stream", "stream": "stream", "lake": "lake",
    "lakes": "lake", "reservoir": "lake", "pond": "lake", "falls": "waterfall", "bay": "bay",
    "harbor": "harbour", "harbour": "harbour", "sound": "sound", "beach": "beach", "island": "island",
    "islands": "island", "isle": "island", "park": "park", "lakeshore": "park", "seashore": "park",
    "forest": "forest", "preserve": "park", "reserve": "park", "refuge": "park", "mount": "mountain",
    "mountain": "mountain", "hill": "hill", "hills": "hill", "peak": "mountain", "ridge": "ridge",
    "valley": "valley", "canyon": "valley", "gorge": "valley", "glacier": "glacier", "station": "station",
    "square": "square", "street": "street", "avenue": "street", "road": "road", "parkway": "road",
    "highway": "road", "bridge": "bridge", "dam": "dam", "township": "township", "village": "village",
    "district": "district", "heights": "district", "ward": "district", "head": "cape", "point": "cape",
    "canal": "canal", "delta": "delta", "ground": "site", "grounds": "site",
}
# ... of features that may lie beyond a division, and country, of the document ("Atlas Mountains")
_LARGE = {"mountains": "mountains", "range": "mountains", "ocean": "sea", "sea": "sea", "gulf": "gulf",
          "desert": "desert", "plateau": "plateau", "plains": "plain", "basin": "basin"}
# Feature words at the start of a name ("Lake Lanier", "Mount Hood", "River Lune", "Gulf of Alaska")
_PREFIX = {"lake": "lake", "loch": "lake", "lough": "lake", "mount": "mountain", "mt": "mountain",
           "river": "river", "isle": "island", "cape": "cape", "bay": "bay", "gulf": "gulf"}
# Words that end the names of states, countries themselves and not places inside one ("Islamic Republic",
# "Soviet Union"), or begin them before "of" ("Republic of Texas"; not "Union Station", "Commonwealth Avenue")
_STATES = frozenset({"republic", "republics", "kingdom", "union", "federation", "empire", "emirate", "emirates",
                     "commonwealth", "confederation", "caliphate", "sultanate", "principality"})
_LEADING = re.compile(r"^(?:the|The)\s+")


@dataclass(frozen=True)
class Area:
    """Where a document's places agree: a country, or a division of it, with its gazetteer record."""

    country: str  # ISO3
    admin1: str | None  # None: the country as a whole
    record: Record  # the country's or division's gazetteer entry (its point)

    @property
    def precision(self) -> str:
        return "admin" if self.admin1 else "country"


def name_feature(text: str) -> tuple[str, bool]:
    """(feature, whether it may lie outside the document's area) that a name states: ``"Neches River"``
    -> ``("river", False)``, ``"Atlas Mountains"`` -> ``("mountains", True)``, ``"Soviet Union"`` ->
    ``("state", True)``, ``"Zamalek"`` -> ``("place", False)``."""
    words = [w.lower().rstrip(".,") for w in _LEADING.sub("", text.strip()).split()]
    if words and (words[-1] in _STATES or (words[0] in _STATES and words[1:2] == ["of"])):
        return "state", True
    if len(words) < 2:
        return "place", False
    if words[-1] in _LARGE:
        return _LARGE[words[-1]], True
    if words[-1] in _SUFFIX:
        return _SUFFIX[words[-1]], False
    if words[0] in _PREFIX:
        feature = _PREFIX[words[0]]
        return feature, feature in _LARGE.values()
    return "place", False


def document_area(places: Sequence[Place | None], *, gazetteer: Gazetteer,
                  majority: float = MAJORITY, min_names: int = MIN_NAMES) -> Area | None:
    """The most specific area the resolved ``places`` agree on (see the module docstring), else None."""
    country = majority_country(places, share=majority, min_names=min_names, label=lambda p: name_key(p.name))
    if country is None:
        return None
    local = [p for p in places if p is not None and p.country == country and p.admin1 and p.precision != "country"]
    divisions = Counter(p.admin1 for p in local)
    if divisions:
        admin1, n = divisions.most_common(1)[0]
        if len({name_key(p.name) for p in local if p.admin1 == admin1}) >= min_names \
                and n >= majority * sum(divisions.values()):
            record = _division(gazetteer, country, admin1)
            if record is not None:
                return Area(country, admin1, record)
    return country_area(country, gazetteer=gazetteer)


def majority_country(counted: Sequence[Place | None], *, share: float, min_names: int, label: Callable[[Place], str],
                     named: Sequence[Place | None] | None = None) -> str | None:
    """The country of ``share`` of the ``counted`` place mentions, with ``min_names`` distinct names (by
    ``label``) among the ``named`` places (default: the counted ones) in it; else None."""
    mentions = Counter(p.country for p in counted if p is not None and p.country)
    if not mentions:
        return None
    country, count = mentions.most_common(1)[0]
    names = {label(p) for p in (counted if named is None else named) if p is not None and p.country == country}
    if len(names) < min_names or count < share * sum(mentions.values()):
        return None
    return country


def country_area(country: str, *, gazetteer: Gazetteer) -> Area | None:
    """The whole of ``country`` (ISO3) as an :class:`Area`, None when the gazetteer lacks it."""
    record = gazetteer.country(country)
    return Area(country, None, record) if record is not None else None


def nearest_others(keys: Sequence[str], places: Sequence[Place | None], k: int, *,
                   usable: Callable[[int], bool] = lambda j: True) -> list[int]:
    """Indexes of the nearest place before name ``k`` and the nearest after it (resolved, with a country, of
    another name: ``keys`` are the names folded, and ``usable(j)``), in that order; fewer at the text's ends."""
    out = []
    for order in (range(k - 1, -1, -1), range(k + 1, len(places))):
        j = next((j for j in order if places[j] is not None and places[j].country and keys[j] != keys[k]
                  and usable(j)), None)
        if j is not None:
            out.append(j)
    return out


def inferred_place(text: str, area: Area) -> Place:
    """The place of a name the gazetteer lacks, lying somewhere in ``area``."""
    feature = name_feature(text)[0]
    r = area.record
    name = _LEADING.sub("", text.strip())
    return Place(text=text, name=name, country=area.country, admin1=area.admin1, lat=round(r.lat, 5),
                 lon=round(r.lon, 5), geonameid=None, feature=feature, precision=area.precision, score=SCORE)


def fill_unresolved(texts: Sequence[str], places: Sequence[Place | None], *, gazetteer: Gazetteer,
                    dateline: str | None = None, spans: Sequence[tuple[int, int]] | None = None
                    ) -> list[Place | None]:
    """``places`` (one per toponym text of ``texts``) with each None, a name no gazetteer entry resolves,
    replaced by an :func:`inferred_place` in the :func:`document_area` of the resolved ones, else in the
    :func:`neighbour_area` of its nearest resolved neighbour (``spans``: the names' offsets; names are
    filled in text order, and a name filled so is a neighbour of the next: "Kogelo in Nyanza province"
    after "Kenya"). Where the document's area is a whole country, a town or division of it named right
    next to the name gives its division instead (see :func:`neighbour_area`). Not filled:
    the ``dateline`` name, names of states and of features that may lie beyond the area
    (:func:`name_feature`)."""
    if all(p is not None for p in places):
        return list(places)
    area = document_area(places, gazetteer=gazetteer)
    skip = name_key(dateline) if dateline else None
    out = list(places)
    for k, (text, p) in enumerate(zip(texts, places)):
        if p is not None or name_key(text) == skip or name_feature(text)[1]:
            continue
        near = neighbour_area(texts, out, k, gazetteer=gazetteer, spans=spans) \
            if area is None or area.admin1 is None else None  # a division-wide area is as fine as a neighbour's
        finer = near is not None and area is not None and near.admin1 is not None \
            and near.country == area.country  # "Mabvuku, a suburb east of Harare": Harare, not Zimbabwe
        here = near if area is None or finer else area
        if here is not None:
            out[k] = inferred_place(text, here)
    return out


def neighbour_area(texts: Sequence[str], places: Sequence[Place | None], k: int, *, gazetteer: Gazetteer,
                   spans: Sequence[tuple[int, int]] | None = None) -> Area | None:
    """The country of the resolved place named nearest to name ``k`` (the nearest one before it and the
    nearest after, other names, at most :data:`NEAR_CHARS` characters between them; ``spans``: the
    names' (start, end) offsets in the text, default their order), else None: "Waiheke Island" next to
    "New Zealand", "Pingilikani, Kenya" after "Myanmar;"; nothing when the nearest before and after are
    as near and lie in two countries. A town or division (resolved from the gazetteer) named within
    :data:`NEAR_DIVISION_CHARS` characters gives its first-level division instead ("Greenlane, Auckland":
    the Auckland region; "the village of Cellardyke in Fife, Scotland": Scotland)."""
    at = list(spans) if spans is not None else [(i, i) for i in range(len(texts))]
    found = []
    for j in nearest_others([name_key(t) for t in texts], places, k):
        gap = at[k][0] - at[j][1] if j < k else at[j][0] - at[k][1]
        if gap <= NEAR_CHARS or spans is None:
            found.append((gap, places[j].country, places[j]))
    found.sort(key=lambda f: f[0])
    if not found or (len(found) == 2 and found[0][0] == found[1][0] and found[0][1] != found[1][1]):
        return None
    gap, country, q = found[0]
    if gap <= NEAR_DIVISION_CHARS and q.admin1 and q.precision != "country" and q.score > SCORE:
        record = _division(gazetteer, country, q.admin1)
        if record is not None:
            return Area(country, q.admin1, record)
    return country_area(country, gazetteer=gazetteer)


def written_area(container: tuple[tuple[str | None, str | None], ...], *, gazetteer: Gazetteer) -> Area | None:
    """The area a name was written in ("Stroud, Ontario": ``container`` ``(("CAN", "Ontario"),)``, the
    (ISO3, admin1) pairs of the name after the comma) when it stands for exactly one division or
    country, else None ("Georgia" could be the country or the US state)."""
    if len(container) != 1:
        return None
    country, admin1 = container[0]
    if not country or not admin1:
        return None
    record = _division(gazetteer, country, admin1)
    return Area(country, admin1, record) if record is not None else None


def _division(gazetteer: Gazetteer, country: str, admin1: str) -> Record | None:
    """The first-level division record ``admin1`` of ``country`` (None when it is known only by a code)."""
    return next((r for r in gazetteer.lookup(admin1) if r.feature == "admin1" and r.country == country
                 and r.admin1 == admin1), None)
