"""Plane geometry for the gazetteer builder: centroids of polygons and of point clouds, convex hulls.

Points are (x, y) = (lon, lat) or (lat, lon) pairs as each caller says; nothing here knows about places.
"""
from __future__ import annotations

ADMIN_TRIM = 0.01  # a division's point: from its towns and airports, 1% trimmed at each end of each axis


def ring_centroid(ring: list) -> tuple[float, float, float] | None:
    """(area, lat, lon) of a lon/lat ring by the shoelace formula (planar: fine for a representative point)."""
    found = shoelace(ring)
    return None if found is None else (found[0], found[2], found[1])


def shoelace(ring) -> tuple[float, float, float] | None:
    """(area, x, y): area and area centroid of a simple polygon given as (x, y) points; None without area."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(a) < 1e-9:
        return None
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def box_mid(pts: list[tuple[float, float]], *, trim: float = 0.1) -> tuple[float, float]:
    """Midpoint of the box between the ``trim`` and ``1 - trim`` quantiles of the points' lat and lon."""
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    if lons and lons[-1] - lons[0] > 180:  # across the antimeridian (Alaska, Fiji): shift the west
        lons = sorted(lo + 360 if lo < 0 else lo for lo in lons)
    lo, hi = int(len(pts) * trim), max(int(len(pts) * (1 - trim)) - 1, 0)
    mid = (lons[lo] + lons[hi]) / 2
    return (lats[lo] + lats[hi]) / 2, (mid - 360 if mid > 180 else mid)


def hull_centroid(pts: list[tuple[float, float]], *, trim: float = ADMIN_TRIM) -> tuple[float, float]:
    """Area centroid of the convex hull of the (lat, lon) points, after dropping points beyond the ``trim``
    and ``1 - trim`` quantiles of either axis: an estimate of a division's geographic centre from its
    towns and airports (the hull spans the division's extent; its centroid is not pulled towards where
    most people live). Longitudes are unwrapped across the antimeridian (Alaska, Chukotka)."""
    lons = [p[1] for p in pts]
    shift = max(lons) - min(lons) > 180
    xy = [((lo + 360.0 if shift and lo < 0 else lo), la) for la, lo in pts]
    if trim and len(xy) > 2:
        xs, ys, n = sorted(p[0] for p in xy), sorted(p[1] for p in xy), len(xy)
        k = int(n * trim)
        xy = [p for p in xy if xs[k] <= p[0] <= xs[n - 1 - k] and ys[k] <= p[1] <= ys[n - 1 - k]] or xy
    cx, cy = polygon_centroid(convex_hull(xy)) or (sum(p[0] for p in xy) / len(xy), sum(p[1] for p in xy) / len(xy))
    return cy, (cx - 360.0 if cx > 180 else cx)


def convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Counter-clockwise convex hull (Andrew's monotone chain) of planar points."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def turn(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    upper: list = []
    for p in pts:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def polygon_centroid(ring: list[tuple[float, float]]) -> tuple[float, float] | None:
    """(x, y) area centroid of a simple polygon; None when it has no area."""
    found = shoelace(ring) if len(ring) >= 3 else None
    return None if found is None else (found[1], found[2])
