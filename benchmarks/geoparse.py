"""Geoparsing benchmark on LGL and GeoVirus (../shared/data/geoparsing; never copied into the repo).

Prints, per corpus: with the gold spans given — accuracy within 161 km, median and mean error (km),
country accuracy; without spans — toponym recognition precision/recall/F1 (span overlap) and
accuracy@161 of the recognised gold toponyms; documents per second. Also the gazetteer load time.

Usage: ``python benchmarks/geoparse.py [--limit N] [--data DIR]``
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.places.gazetteer.index import distance_km
from eventwire.places.gazetteer.names import name_key
from eventwire.places.gazetteer.cache import load_gazetteer
from eventwire.places.geocoder import geoparse

DEFAULT = Path(os.environ.get("EVENTWIRE_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data" / "geoparsing"


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    lat: float
    lon: float
    country: str | None  # ISO3 where the corpus says, else None (derived later)
    name: str | None = None  # the gold entry's name (LGL: GeoNames name; GeoVirus: Wikipedia article title)


def read_lgl(path: Path, *, limit: int | None) -> list[tuple[str, list[Gold]]]:
    """LGL: <article><text/><toponyms><toponym><start/><end/><gaztag><lat/><lon/><country/></gaztag>."""
    docs = []
    for art in ET.parse(gzip.open(path)).getroot().iter("article"):
        golds = []
        for top in art.iter("toponym"):
            tag = top.find("gaztag")
            if tag is None or tag.find("lat") is None:
                continue
            country = tag.findtext("country")
            golds.append(Gold(int(top.findtext("start")), int(top.findtext("end")), float(tag.findtext("lat")),
                              float(tag.findtext("lon")), _iso3_of_name(country), tag.findtext("name")))
        docs.append((art.findtext("text") or "", golds))
        if limit and len(docs) >= limit:
            break
    return docs


def read_geovirus(path: Path, *, limit: int | None) -> list[tuple[str, list[Gold]]]:
    """GeoVirus: <article><text/><locations><location><start/><end/><lat/><lon/>."""
    docs = []
    for art in ET.parse(gzip.open(path)).getroot().iter("article"):
        text = art.findtext("text") or ""
        golds = [Gold(*_align(text, int(loc.findtext("start")), int(loc.findtext("end")), loc.findtext("name")),
                      float(loc.findtext("lat")), float(loc.findtext("lon")), None, _title(loc.findtext("page")))
                 for loc in art.iter("location")]
        docs.append((text, sorted(golds, key=lambda g: g.start)))
        if limit and len(docs) >= limit:
            break
    return docs


def _title(page: str | None) -> str | None:
    """"https://en.wikipedia.org/wiki/Pandi,_Bulacan" -> "Pandi"; "Georgia_(country)" -> "Georgia"."""
    if not page:
        return None
    title = page.rsplit("/", 1)[-1].replace("_", " ")
    return re.sub(r"\s*\(.*\)$", "", title).split(",")[0].strip()


def _align(text: str, start: int, end: int, name: str | None) -> tuple[int, int]:
    """GeoVirus offsets are often one character late: shift to where the gold name really is."""
    for shift in (0, -1, 1, -2, 2):
        if name and text[start + shift:start + shift + len(name)] == name:
            return start + shift, start + shift + len(name)
    return start, end


def _iso3_of_name(name: str | None) -> str | None:
    if not name:
        return None
    hits = [r for r in load_gazetteer().lookup(name) if r.feature == "country"]
    return hits[0].country if hits else None


def _country_of_point(lat: float, lon: float) -> str | None:
    """Country of the nearest gazetteer city (coarse grid search); where no city is that near (deserts,
    steppes: a country's own centre point), the country outline holding the point; None at sea."""
    gaz = load_gazetteer()
    best, best_d = None, 1e9
    for i in _grid().get((round(lat), round(lon)), ()) or range(0):
        d = distance_km(lat, lon, gaz._c["lat"][i], gaz._c["lon"][i])
        if d < best_d:
            best, best_d = i, d
    return gaz.record(best).country if best is not None else _outline_country(lat, lon)


def _outline_country(lat: float, lon: float) -> str | None:
    """The country whose outline (Natural Earth 1:110m via countryinfo, as the web map draws it) holds the
    point."""
    for iso3, rings in _outlines():
        if any(_inside(lon, lat, ring) for ring in rings):
            return iso3
    return None


@lru_cache(maxsize=1)
def _outlines() -> list[tuple[str, list[list[list[float]]]]]:
    world = json.loads((resources.files("eventwire") / "static" / "world.json").read_text(encoding="utf-8"))
    out = []
    for feature in world["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        out.append((feature["id"], [polygon[0] for polygon in polygons]))  # outer rings
    return out


def _inside(x: float, y: float, ring: list[list[float]]) -> bool:
    """Even-odd rule: does the horizontal ray from (x, y) cross the ring an odd number of times?"""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


_GRID: dict = {}


def _grid() -> dict:
    if not _GRID:
        c = load_gazetteer()._c
        for i in range(c["site_lo"]):
            if c["feat"][i] == "city":
                la, lo = round(c["lat"][i]), round(c["lon"][i])
                for dla in (-1, 0, 1):
                    for dlo in (-1, 0, 1):
                        _GRID.setdefault((la + dla, lo + dlo), []).append(i)
    return _GRID


def with_spans(docs) -> dict:
    errors, country_ok, n, t0 = [], 0, 0, time.perf_counter()
    for text, golds in docs:
        places = geoparse(text, toponyms=[(g.start, g.end) for g in golds])
        for g, p in zip(golds, places):
            n += 1
            gold_cc = g.country or _country_of_point(g.lat, g.lon)
            if p is None or p.lat is None:
                errors.append(20039.0)
                continue
            errors.append(distance_km(g.lat, g.lon, p.lat, p.lon))
            country_ok += p.country == gold_cc
    secs = time.perf_counter() - t0
    return {"toponyms": n, "acc@161": _share(sum(e <= 161 for e in errors), n),
            "median_km": round(statistics.median(errors), 1) if errors else None,
            "mean_km": round(statistics.mean(errors), 1) if errors else None,
            "country_acc": _share(country_ok, n), "docs/s": round(len(docs) / secs, 1)}


def without_spans(docs, *, nlp) -> dict:
    tp = fp = fn = ok = 0
    t0 = time.perf_counter()
    from eventwire.places.geocoder import Geocoder, find_toponyms

    geocoder = Geocoder()
    for text, golds in docs:
        doc = nlp(text)
        tops = find_toponyms(doc, gazetteer=geocoder.gazetteer)
        places = geocoder.resolve_all(tops, text=text)
        matched = set()
        for t, p in zip(tops, places):
            hit = next((k for k, g in enumerate(golds) if g.start < t.end and t.start < g.end and k not in matched), None)
            if hit is None:
                fp += 1
                continue
            matched.add(hit)
            tp += 1
            g = golds[hit]
            ok += p is not None and distance_km(g.lat, g.lon, p.lat, p.lon) <= 161
        fn += len(golds) - len(matched)
    secs = time.perf_counter() - t0
    prec, rec = _share(tp, tp + fp), _share(tp, tp + fn)
    f1 = round(2 * prec * rec / (prec + rec), 3) if prec and rec else 0.0
    return {"precision": prec, "recall": rec, "F1": f1, "acc@161(recognised)": _share(ok, tp),
            "docs/s": round(len(docs) / secs, 1)}


AREAS = ("country", "admin1", "admin2", "continent", "region", "sea", "island", "lake")


def misses(docs, *, top: int = 8) -> None:
    """Why toponyms miss 161 km (with gold spans): the gold's own entry with another point for an area
    (the resolved name is the gold name, in the gold's country, and the feature an area: a country's or province's
    representative point differs between GeoNames and Wikipedia), a name no gazetteer has (placed in
    an inferred area), unresolved, or another place. Prints counts and the most frequent names."""
    kinds: dict[str, Counter] = {}
    for text, golds in docs:
        for g, p in zip(golds, geoparse(text, toponyms=[(g.start, g.end) for g in golds])):
            if p is not None and p.lat is not None and distance_km(g.lat, g.lon, p.lat, p.lon) <= 161:
                continue
            if p is None or p.lat is None:
                kind = "unresolved"
            elif p.geonameid is None and p.score <= 0.1:
                kind = "inferred area point (a name no gazetteer has)"
            elif g.name and name_key(p.name) == name_key(g.name) and p.feature in AREAS \
                    and p.country in (None, g.country or _country_of_point(g.lat, g.lon)):
                kind = f"the gold's own {p.feature}, another representative point"
            else:
                kind = "another place"
            kinds.setdefault(kind, Counter())[text[g.start:g.end]] += 1
    for kind, names in sorted(kinds.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"  {sum(names.values()):5d}  {kind}: " + ", ".join(f"{n} x{c}" for n, c in names.most_common(top)))


def _share(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def _table(title: str, rows: dict[str, dict]) -> None:
    print(f"\n{title}")
    cols = list(next(iter(rows.values())).keys())
    print("| corpus | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for name, row in rows.items():
        print(f"| {name} | " + " | ".join(str(row[c]) for c in cols) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="documents per corpus (quick run)")
    parser.add_argument("--data", type=Path, default=DEFAULT, help="folder with lgl.xml.gz, GeoVirus.xml.gz")
    parser.add_argument("--no-recognition", action="store_true", help="skip the runs without gold spans")
    parser.add_argument("--misses", action="store_true", help="also print why toponyms miss 161 km (gold spans)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: {args.data} is absent (the labelled corpora live in ../shared/data/geoparsing)")
        return 0
    t0 = time.perf_counter()
    load_gazetteer()
    print(f"gazetteer load: {time.perf_counter() - t0:.2f} s (build on first run, cached after)")
    corpora = {"LGL": ("lgl.xml.gz", read_lgl), "GeoVirus": ("GeoVirus.xml.gz", read_geovirus)}
    spans, recog = {}, {}
    for name, (file, reader) in corpora.items():
        path = args.data / file
        if not path.exists():
            print(f"skipped {name}: {path} is absent")
            continue
        docs = reader(path, limit=args.limit)
        spans[name] = with_spans(docs)
        if args.misses:
            print(f"\n{name}: misses beyond 161 km by cause")
            misses(docs)
        if not args.no_recognition:
            from eventwire.nlp.model import load_nlp

            recog[name] = without_spans(docs, nlp=load_nlp())
    if spans:
        _table("With gold spans", spans)
    if recog:
        _table("Without spans (recognition + resolution)", recog)
    return 0


if __name__ == "__main__":
    sys.exit(main())
