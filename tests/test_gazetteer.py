"""Gazetteer build helpers on hand-made points (no package data) and the build/cache split."""
from __future__ import annotations

import pytest

from eventwire import gazetteer as gz
from eventwire import gazetteer_build as gb


def test_division_point_is_the_centre_of_the_extent_not_of_the_people():
    # a square division 0-10 x 0-10 whose towns crowd into one corner
    corner = [(0.1 * i, 0.1 * j) for i in range(10) for j in range(10)]
    pts = corner + [(0.0, 10.0), (10.0, 0.0), (10.0, 10.0), (5.0, 5.0)]
    lat, lon = gb._hull_centroid(pts, trim=0.0)
    assert lat == pytest.approx(5.0, abs=0.01) and lon == pytest.approx(5.0, abs=0.01)
    box_lat, _ = gb._box_mid(pts, trim=0.1)
    assert box_lat < 2.0  # the old percentile box followed the crowd


def test_division_point_trims_outliers_and_unwraps_the_antimeridian():
    grid = [(float(i), float(j)) for i in range(0, 11) for j in range(0, 11)] * 2
    assert gb._hull_centroid(grid + [(60.0, 60.0)], trim=0.01) == pytest.approx((5.0, 5.0), abs=0.01)
    aleutian = [(52.0, 179.0), (52.0, -179.0), (54.0, 179.0), (54.0, -179.0)]
    lat, lon = gb._hull_centroid(aleutian, trim=0.0)
    assert lat == pytest.approx(53.0) and abs(abs(lon) - 180.0) < 0.01


@pytest.mark.parametrize("points, hull_size", [
    ([(0, 0), (1, 0), (0, 1), (1, 1), (0.5, 0.5)], 4),
    ([(0, 0), (1, 1), (2, 2)], 2),  # collinear: no area
    ([(3, 3)], 1),
])
def test_convex_hull(points, hull_size):
    assert len(gb._convex_hull(points)) == hull_size


def test_degenerate_points_fall_back_to_their_mean():
    assert gb._hull_centroid([(1.0, 2.0), (3.0, 4.0)], trim=0.0) == pytest.approx((2.0, 3.0))


def test_build_state_is_delegated_and_the_schema_keys_the_cache(monkeypatch):
    monkeypatch.setattr(gb, "build_state", lambda: {"marker": 1})
    assert gz.build_state() == {"marker": 1}
    key = gz._cache_key()
    monkeypatch.setattr(gz, "SCHEMA", gz.SCHEMA + 1)
    assert gz._cache_key() != key


@pytest.mark.parametrize("name, key", [
    ("Guangxi Zhuangzu Zizhiqu", "Guangxi"), ("Xinjiang Uygur Zizhiqu", "Xinjiang"),
    ("Tibet Autonomous Region", "Tibet"), ("Muhafazat ad Daqahliyah", "daqahliyah"), ("Scott County", "Scott"),
])
def test_division_keys_drop_type_words(name, key):
    assert gz.fold(key) in {gz.fold(k) for k in gb._division_keys(name)}
