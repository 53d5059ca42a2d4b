"""The unresolved-toponym fallback: a name no gazetteer entry has takes the area the document agrees on."""
from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.places.gazetteer import cache as gz_cache
from eventwire.models import Place
from eventwire.places.fallback import (NEAR_CHARS, NEAR_DIVISION_CHARS, SCORE, Area, document_area, fill_unresolved,
                                      inferred_place, name_feature)
from eventwire.places.geocoder import geoparse


@pytest.fixture(scope="module")
def gazetteer():
    return gz_cache.load_gazetteer()


def _p(name: str, country: str | None, admin1: str | None = None, precision: str = "city") -> Place:
    return Place(text=name, name=name, country=country, admin1=admin1, lat=0.0, lon=0.0, precision=precision)


TEXAS = [_p("Beaumont", "USA", "Texas"), _p("Port Arthur", "USA", "Texas"), _p("Houston", "USA", "Texas")]


@pytest.mark.parametrize("text, feature, beyond", [
    ("Neches River", "river", False),
    ("the St. Marys River", "river", False),
    ("Lake Lanier", "lake", False),
    ("Freeborn Lake", "lake", False),
    ("Mount Hood", "mountain", False),
    ("Mt. Hood", "mountain", False),
    ("Rocky Mountain National Park", "park", False),
    ("Farallon Islands", "island", False),
    ("Greer Station", "station", False),
    ("River Lune", "river", False),
    ("Zamalek", "place", False),
    ("Cherry Hinton", "place", False),
    ("Atlas Mountains", "mountains", True),
    ("Gulf of Alaska", "gulf", True),
    ("Islamic Republic", "state", True),
    ("Soviet Union", "state", True),
    ("Republic of Texas", "state", True),
    ("Union Station", "station", False),
    ("Union Square", "square", False),
    ("Commonwealth Avenue", "street", False),
])
def test_name_feature(text, feature, beyond):
    assert name_feature(text) == (feature, beyond)


def test_area_is_the_division_the_places_agree_on(gazetteer):
    area = document_area(TEXAS + [_p("Texas", "USA", "Texas", "admin"), None], gazetteer=gazetteer)
    assert (area.country, area.admin1, area.precision) == ("USA", "Texas", "admin")
    assert area.record.feature == "admin1" and 25 < area.record.lat < 37


def test_area_falls_back_to_the_country_when_divisions_disagree(gazetteer):
    places = [_p("Cairo", "EGY", "Cairo"), _p("Giza", "EGY", "Giza"), _p("Egypt", "EGY", None, "country")]
    area = document_area(places, gazetteer=gazetteer)
    assert (area.country, area.admin1, area.precision) == ("EGY", None, "country")
    assert area.record.feature == "country"


@pytest.mark.parametrize("places", [
    [],
    [None, None],
    [_p("Oxford", "GBR", "England"), _p("Oxford", "GBR", "England")],  # one name, however often
    [_p("Tbilisi", "GEO", "Tbilisi"), _p("Gori", "GEO", "Shida Kartli"), _p("Riga", "LVA", "Riga"),
     _p("Latvia", "LVA", None, "country")],  # no country holds two thirds of the mentions
    [_p("Kenya", "KEN", None, "country"), _p("Nairobi", "KEN", "Nairobi"), _p("Kenya", "KEN", None, "country"),
     _p("Oxford", "GBR", "England"), _p("Oxford", "GBR", "England")],  # 3 of 5: no clear majority
])
def test_no_area_without_a_clear_majority(gazetteer, places):
    assert document_area(places, gazetteer=gazetteer) is None


def test_inferred_place_fields(gazetteer):
    area = document_area(TEXAS, gazetteer=gazetteer)
    p = inferred_place("the Neches River", area)
    assert p.text == "the Neches River" and p.name == "Neches River"
    assert (p.country, p.admin1, p.precision, p.feature, p.geonameid) == ("USA", "Texas", "admin", "river", None)
    assert p.score == SCORE < 0.5
    assert (p.lat, p.lon) == (round(area.record.lat, 5), round(area.record.lon, 5))


def test_fill_unresolved_fills_only_the_gaps(gazetteer):
    texts = ["Beaumont", "Neches River", "Port Arthur", "Houston", "Atlas Mountains", "Zamalek"]
    places = [TEXAS[0], None, TEXAS[1], TEXAS[2], None, None]
    out = fill_unresolved(texts, places, gazetteer=gazetteer)
    assert [out[k] for k in (0, 2, 3)] == TEXAS  # resolved places stay as they are
    assert out[1].admin1 == "Texas" and out[1].feature == "river"
    assert out[4] is None  # a range need not lie in the document's area
    assert out[5].feature == "place" and out[5].precision == "admin"


def test_fill_unresolved_leaves_the_dateline(gazetteer):
    texts = ["Smallville", "Beaumont", "Port Arthur", "Houston"]
    out = fill_unresolved(texts, [None] + TEXAS, gazetteer=gazetteer, dateline="SMALLVILLE")
    assert out[0] is None


def test_fill_unresolved_without_area_changes_nothing(gazetteer):
    places = [_p("Paris", "FRA", "Île-de-France"), None, _p("Berlin", "DEU", "Berlin")]
    assert fill_unresolved(["Paris", "Seine River", "Berlin"], places, gazetteer=gazetteer) == places


MIXED = [_p("Auckland", "NZL", "Auckland"), None, _p("London", "GBR", "England"), _p("Paris", "FRA", "Île-de-France")]


@pytest.mark.parametrize("starts, country", [
    ((0, 40, 70, 90), "GBR"),  # London, 16 characters after, is nearer than Auckland, 32 before
    ((0, 20, 70, 90), "NZL"),  # Auckland 12 before, London 36 after
    ((0, 30, 66, 90), None),  # as near before as after (22), in two countries: no guess
    ((0, 10 + NEAR_CHARS, 30 + 2 * NEAR_CHARS, 50 + 3 * NEAR_CHARS), None),  # nobody near
])
def test_without_an_area_the_nearest_named_place_gives_the_country(gazetteer, starts, country):
    texts = ["Auckland", "Waiheke Island", "London", "Paris"]
    spans = [(a, a + len(t)) for a, t in zip(starts, texts)]
    out = fill_unresolved(texts, MIXED, gazetteer=gazetteer, spans=spans)
    assert out[0] == MIXED[0] and out[2:] == MIXED[2:]
    if country is None:
        assert out[1] is None
    else:
        p = out[1]
        assert (p.country, p.admin1, p.precision, p.feature, p.score) == (country, None, "country", "island", SCORE)
        assert (p.lat, p.lon) == (round(gazetteer.country(country).lat, 5), round(gazetteer.country(country).lon, 5))


def test_the_nearest_place_is_of_another_name(gazetteer):
    """A repeated unknown name is no neighbour of itself; the next place is."""
    places = [None, None, _p("Algiers", "DZA", "Alger")]
    out = fill_unresolved(["Bab el-Oued", "Bab el-Oued", "Algiers"], places, gazetteer=gazetteer,
                          spans=((0, 11), (30, 41), (50, 57)))
    assert [p.country for p in out] == ["DZA", "DZA", "DZA"]


def test_area_without_a_division_record_is_the_country(gazetteer):
    places = [_p("A", "EGY", "11"), _p("B", "EGY", "11")]  # divisions known only by a GeoNames code
    area = document_area(places, gazetteer=gazetteer)
    assert area == Area("EGY", None, gazetteer.country("EGY"))


TEXT = ("Beaumont and Port Arthur officials said the Neches River rose overnight. Residents of Vidor and "
        "Orange, Texas, were told to leave as the Neches River crested.")


def _spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for name in names:
        start = text.index(name, at)
        spans.append((start, start + len(name)))
        at = start + len(name)
    return spans


def test_geoparse_places_a_river_in_the_state_of_the_story(gazetteer):
    names = ["Beaumont", "Port Arthur", "Neches River", "Vidor", "Orange", "Texas", "Neches River"]
    places = geoparse(TEXT, toponyms=_spans(TEXT, names), gazetteer=gazetteer)
    assert all(p is not None for p in places)
    for k in (2, 6):
        river = places[k]
        assert (river.text, river.name, river.feature) == ("Neches River", "Neches River", "river")
        assert (river.country, river.admin1, river.precision, river.geonameid) == ("USA", "Texas", "admin", None)
        assert river.score == SCORE
    # the inferred place feeds no context: the other names resolve as without the river
    others = [n for n in names if n != "Neches River"]
    alone = geoparse(TEXT, toponyms=_spans(TEXT, others), gazetteer=gazetteer)
    assert [p for k, p in enumerate(places) if k not in (2, 6)] == alone


def test_written_area_is_one_named_division(gazetteer):
    from eventwire.places.fallback import written_area

    area = written_area((("CAN", "Ontario"),), gazetteer=gazetteer)
    assert (area.country, area.admin1, area.precision) == ("CAN", "Ontario", "admin")
    assert written_area((("GEO", None), ("USA", "Georgia")), gazetteer=gazetteer) is None  # ambiguous
    assert written_area((("CAN", None),), gazetteer=gazetteer) is None  # a country: often a list item


@pytest.mark.parametrize("text, names", [
    ("He was arrested in Stroud, Ontario, Canada on Sunday.", ["Stroud", "Ontario", "Canada"]),
    ("He will appear in a Bradford, Ontario court.", ["Bradford", "Ontario"]),
])
def test_a_town_written_with_a_division_it_is_unknown_in_lies_in_that_division(gazetteer, text, names):
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    town = geoparse(text, toponyms=spans, gazetteer=gazetteer)[0]
    assert (town.country, town.admin1, town.precision, town.score) == ("CAN", "Ontario", "admin", SCORE)
    assert town.name == names[0] and town.geonameid is None


def test_geoparse_places_an_unknown_name_by_its_nearest_neighbour():
    text = ("Officials in London and Paris were told. The outbreak began on Waiheke Island, off Auckland, "
            "New Zealand, last week.")
    names = ["London", "Paris", "Waiheke Island", "Auckland", "New Zealand"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    places = geoparse(text, toponyms=spans)
    p = places[2]  # Auckland, named right after it, gives its division
    assert p is not None and (p.country, p.admin1, p.precision) == ("NZL", places[3].admin1, "admin")


def test_a_name_filled_by_its_neighbour_is_the_neighbour_of_the_next(gazetteer):
    """"Kenya ... troop to Kogelo in Nyanza province to visit ... the US president's": Kogelo is nearer
    Kenya than the US, and Nyanza lies next to Kogelo."""
    texts = ["Kenya", "Kogelo", "Nyanza", "US"]
    places = [_p("Kenya", "KEN", precision="country"), None, None, _p("US", "USA", precision="country")]
    out = fill_unresolved(texts, places, gazetteer=gazetteer,
                          spans=((0, 5), (60, 66), (70, 76), (125, 127)))
    assert [p.country for p in out] == ["KEN", "KEN", "KEN", "USA"]


@pytest.mark.parametrize("gap, admin1, precision", [(4, "Texas", "admin"), (4 + NEAR_DIVISION_CHARS, None, "country")])
def test_a_town_named_right_next_to_it_narrows_a_country_area_to_its_division(gazetteer, gap, admin1, precision):
    towns = [_p("Dallas", "USA", "Texas"), _p("Columbus", "USA", "Ohio"), _p("Boston", "USA", "Massachusetts")]
    places = [replace(p, score=0.9) for p in towns]  # resolved from the gazetteer, not inferred
    places.insert(1, None)
    start = 6 + gap
    spans = [(0, 6), (start, start + 10), (start + 200, start + 208), (start + 400, start + 406)]
    out = fill_unresolved(["Dallas", "Oak Cliff", "Columbus", "Boston"], places, gazetteer=gazetteer, spans=spans)
    assert (out[1].country, out[1].admin1, out[1].precision) == ("USA", admin1, precision)
