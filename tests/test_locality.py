"""Where a story is set: its dateline, its main town, and a town inside an event's coarser place."""
from __future__ import annotations

import pytest

from eventwire.places.locality import DATELINE_WEIGHT, dateline_place, find_dateline, finer, main_locality, setting, Setting, \
    publisher_place, publisher_state, headline_place
from eventwire.models import Place


def _p(name: str, lat: float, lon: float, *, precision: str = "city", feature: str | None = None,
       country: str = "USA", admin1: str | None = "Ohio", gid: int | None = None) -> Place:
    return Place(text=name, name=name, country=country, admin1=admin1, lat=lat, lon=lon,
                 geonameid=gid if gid is not None else hash(name) % 10**6, feature=feature or precision,
                 precision=precision)


@pytest.mark.parametrize("body, expected", [
    ("BRISTOW, Okla. - A man was hurt on Friday.", "Bristow, Okla."),
    ("LAKE PLACID, N.Y. (AP) -- Two hunters were hurt.", "Lake Placid, N.Y."),
    ("TOLEDO (WXYZ) - A teenager was shot.", "Toledo"),
    ("BAGHDAD (Reuters) — A bomb went off.", "Baghdad"),
    ("NORWALK — Police said a woman was hurt.", "Norwalk"),
    ("FOO COUNTY, Va. -- Deputies were called.", "Foo County, Va."),
    ("Watch the video\n\nSPRINGDALE, Ark. - A boy was hurt.", "Springdale, Ark."),
    ("Marion County, TN (WXYZ) – A boy was hurt.", "Marion County, TN"),
    ("Fairview, Tenn. — A boy was hurt.", "Fairview, Tenn."),
    ("pune: a 24-year-old man was stabbed on Sunday.", "Pune"),
    ("Police say a man was hurt on Friday - again.", None),
    ("A man was shot - police say - in the leg.", None),
    ("One\n\nTwo\n\nThree\n\nFour\n\nFIVE, Ohio - too late to be a dateline.", None),
])
def test_find_dateline(body, expected):
    assert find_dateline(body) == expected


@pytest.mark.parametrize("title, expected", [
    ("Girl shot in chest - WMC Action News 5 - Memphis, Tennessee", "Memphis, Tennessee"),
    ("Teens mourned - News9.com - Oklahoma City, OK - News, Weather, Video and Sports |", "Oklahoma City, Oklahoma"),
    ("Man shot - KAIT Jonesboro, AR", "Jonesboro, Arkansas"),
    ("Police: man shot | Dayton, OH", "Dayton, Ohio"),
    ("1 dead - WALB.com, South Georgia News, Weather, Sports", None),  # a region, no town
    ("Shooting in Springfield, Ohio leaves one dead", None),  # the headline's own place is no publisher's
    ("Man shot - Paris, France", None),  # not a US station's title
    (None, None),
])
def test_the_publisher_a_title_names_places_the_story_as_a_dateline_would(title, expected):
    assert publisher_place(title) == expected


def test_a_cleaned_wire_dateline_wins():
    assert find_dateline("Rebels attacked a post.", dateline="San Salvador") == "San Salvador"
    assert find_dateline("LIMA, Ohio (WXYZ) - A man was hurt.", dateline="Lima") == "Lima, Ohio"
    assert find_dateline("TOLEDO (WXYZ) - A man was hurt.", dateline="San Salvador") == "San Salvador"


AKRON = _p("Akron", 41.08, -81.52)
CUYAHOGA_FALLS = _p("Cuyahoga Falls", 41.13, -81.48)  # 6 km from Akron
DAYTON = _p("Dayton", 39.76, -84.19)
SUMMIT = _p("Summit County", 41.13, -81.54, precision="admin", feature="admin2")
OHIO = _p("Ohio", 40.25, -82.75, precision="admin", feature="admin1")
USA = _p("United States", 39.8, -98.5, precision="country", feature="country", admin1=None)


def test_the_town_most_places_lie_near_wins_over_a_town_named_as_often():
    assert main_locality([DAYTON, AKRON, CUYAHOGA_FALLS]) == AKRON


def test_towns_named_alike_and_apart_make_no_one_town():
    assert main_locality([AKRON, DAYTON]) is None
    assert main_locality([AKRON, DAYTON, SUMMIT]) == SUMMIT
    assert main_locality([AKRON, CUYAHOGA_FALLS]) == AKRON  # near each other: one town's places
    assert main_locality([AKRON, DAYTON], local=True) == AKRON  # local news: the first town named


def test_the_dateline_town_counts_more_and_wins_ties():
    assert main_locality([AKRON, DAYTON], dateline=DAYTON) == DAYTON
    assert main_locality([AKRON] * DATELINE_WEIGHT, dateline=DAYTON) == DAYTON
    assert main_locality([AKRON] * (DATELINE_WEIGHT + 1), dateline=DAYTON) == AKRON


def test_only_places_of_the_story_s_country_count():
    paris = _p("Paris", 48.85, 2.35, country="FRA", admin1=None)
    assert main_locality([paris, paris, AKRON], country="USA") == AKRON
    assert main_locality([paris], country="USA") is None


def test_without_a_town_the_county_before_the_state():
    assert main_locality([OHIO, SUMMIT, USA]) == SUMMIT
    assert main_locality([OHIO, OHIO, SUMMIT]) == OHIO
    assert main_locality([USA]) is None


@pytest.mark.parametrize("own, expected", [
    (SUMMIT, AKRON),  # "in Summit County" in a story set in Akron
    (OHIO, AKRON),
    (USA, AKRON),
    (CUYAHOGA_FALLS, CUYAHOGA_FALLS),  # a town of its own stays
    (_p("Ross County", 39.33, -83.06, precision="admin", feature="admin2"), "own"),  # too far to hold Akron
    (_p("Michigan", 44.3, -85.6, precision="admin", feature="admin1", admin1="Michigan"), "own"),
    (None, None),
])
def test_finer(own, expected):
    assert finer(own, AKRON) == (own if expected == "own" else expected)


def test_finer_without_locality_keeps_the_own_place():
    assert finer(SUMMIT, None) == SUMMIT


def test_dateline_place_resolves_the_town_in_its_state():
    from eventwire.places.geocoder import Geocoder

    place = dateline_place(find_dateline("SPRINGFIELD, Ill. - A man was hurt."), Geocoder())
    assert (place.name, place.admin1, place.precision) == ("Springfield", "Illinois", "city")
    assert dateline_place(find_dateline("A man was hurt."), Geocoder()) is None
    place = dateline_place("Ira, Vt.", Geocoder())  # a hamlet the gazetteer lacks: its state
    assert (place.name, place.precision) == ("Vermont", "admin")


def test_a_namesake_of_the_dateline_town_is_that_town():
    elsewhere = _p("Akron", 40.15, -103.21, admin1="Colorado", gid=1)
    assert main_locality([elsewhere, elsewhere, DAYTON], dateline=AKRON) == AKRON
    story = setting([elsewhere, DAYTON], dateline=AKRON)
    assert story.place == AKRON and story.finer(elsewhere) == AKRON


def test_a_far_town_alone_in_its_state_is_a_neighbourhood_of_the_story_s_town():
    hyde_park = _p("Hyde Park", 42.25, -71.12, admin1="Massachusetts")  # read in a story set in Akron
    local = frozenset({"USA"})  # the text follows US local-news conventions
    story = setting([AKRON, SUMMIT, hyde_park, CUYAHOGA_FALLS], locale=local)
    assert story.place == AKRON and story.finer(hyde_park) == AKRON
    assert story.finer(DAYTON) == DAYTON  # a town of the story's state stays itself
    boston = _p("Boston", 42.36, -71.06, admin1="Massachusetts")
    story = setting([AKRON, SUMMIT, hyde_park, boston, CUYAHOGA_FALLS], locale=local)
    assert story.finer(hyde_park) == hyde_park  # another place of its state: the story goes there
    story = setting([AKRON, SUMMIT, hyde_park, CUYAHOGA_FALLS])  # a national story ranges widely
    assert story.finer(hyde_park) == hyde_park


def test_a_story_with_one_mention_of_its_town_has_no_strays():
    hyde_park = _p("Hyde Park", 42.25, -71.12, admin1="Massachusetts")
    assert setting([AKRON, hyde_park]) is None  # two towns named once, far apart: no one town


def test_a_part_of_a_town_is_never_the_story_s_town_and_stands_for_it():
    denver = _p("Denver", 39.74, -104.99, admin1="Colorado")
    whittier = _p("Whittier", 33.98, -118.03, admin1="California")  # "Denver's Whittier neighborhood", misread
    found = setting([whittier, whittier, denver], parts=[whittier], locale=frozenset({"USA"}))
    assert found.place == denver and found.finer(whittier) == denver
    assert setting([whittier, whittier, denver], locale=frozenset({"USA"})).place == whittier
    garfield = _p("East Garfield Park", 41.88, -87.70, admin1="Illinois")  # resolved in its own town
    brooklyn = _p("East Brooklyn", 41.80, -71.90, admin1="Connecticut")
    chicago = _p("Chicago", 41.85, -87.65, admin1="Illinois")
    found = setting([garfield, brooklyn, chicago], parts=[garfield], locale=frozenset({"USA"}))
    assert found.place in (garfield, chicago)


@pytest.mark.parametrize("text, name, expected", [
    ("in Denver's Whittier neighborhood on Friday", "Whittier", True),
    ("in the Tioga-Nicetown section of Philadelphia", "Tioga-Nicetown", True),
    ("in Whittier on Friday", "Whittier", False),
])
def test_town_part(text, name, expected):
    from eventwire.places.locality import town_part

    assert town_part(text, text.index(name) + len(name)) is expected


def test_a_dateline_without_its_state_is_the_place_the_story_s_own_mention_resolved_to():
    """"TAUNTON (CBS) - ... Weir Street": the story's own "Taunton" was read in its context (a US story)."""
    from eventwire.places.geocoder import Geocoder

    taunton_ma = _p("Taunton", 41.90, -71.09, admin1="Massachusetts")
    assert dateline_place("Taunton", Geocoder(), known=[taunton_ma]) == taunton_ma
    assert dateline_place("Taunton", Geocoder(), known=[]).country == "GBR"  # alone, the better-known one
    assert dateline_place("Taunton, Mass.", Geocoder(), known=[]).admin1 == "Massachusetts"


@pytest.mark.parametrize("text, name, expected", [
    # a hospital's name is no place of the attack nor the story's town (session 14)
    ("He was taken to Sunrise Hospital and Medical Center.", "Sunrise", True),
    ("He died at Comer Children's Hospital.", "Comer", True),
    ("The teen was flown to St. Francis Hospital in Wichita.", "St. Francis", True),
    ("He is treated at Merit Health River Region.", "Merit", True),
    ("The teen was flown to St. Francis Hospital in Wichita.", "Wichita", False),
    ("Akron police said a man was shot.", "Akron", False),
    ("She was taken to Lakeland Regional Health Center.", "Lakeland", False),  # a regional centre: its town's name
])
def test_institution_name(text, name, expected):
    from eventwire.places.locality import institution_name

    assert institution_name(text, text.index(name) + len(name)) is expected


@pytest.mark.parametrize("title, expected", [
    ("Victims identified - WXYZ.com-Foo City, GA News Weather & Sports", "Georgia"),  # a postal code after a town
    ("Boy hurt - KXYZ News 12 Foo, Louisiana News Weather & Sports", "Louisiana"),  # a written-out name
    ("Girl hurt - WXYZ.com, South Georgia News, Weather, Sports", "Georgia"),
    ("Man hurt - WXYZ | Springfield, OH", "Ohio"),
    ("Ohio man hurt in crash", None),  # the headline names the story's state, not the publisher's
    ("Man hurt - The Washington Post", None),  # "Washington": the capital or a paper as often as the state
    ("Man hurt - WXYZ Foo, GA and Bar, SC", None),  # two states: no one region
    ("Man hurt :: WXYZ.com", None),
])
def test_publisher_state_is_the_state_a_title_publisher_part_names(title, expected):
    assert publisher_state(title) == expected


def _wv(name: str, lat: float, lon: float, *, county: str | None = None, precision: str = "city",
        feature: str | None = None) -> Place:
    return Place(text=name, name=name, country="USA", admin1="West Virginia", lat=lat, lon=lon,
                 geonameid=hash(name) % 10**6, feature=feature or precision, precision=precision, admin2=county)


CHARLESTON = _wv("Charleston", 38.35, -81.63, county="Kanawha County")
CLARKSBURG = _wv("Clarksburg", 39.28, -80.34, county="Harrison County")
HARRISON = _wv("Harrison County", 39.28, -80.39, county="Harrison County", precision="admin", feature="admin2")
HAMLET = _wv("Lost Creek", 39.16, -80.35)  # the gazetteer gives no county: near the county's point, in its state


def test_a_county_named_speaks_for_its_town_over_the_dateline():
    """A wire story filed from the capital ("CHARLESTON, W.Va. (AP) -") about a shooting its county's deputies
    investigate: the county named twice holds Clarksburg, not the dateline's town."""
    assert main_locality([CLARKSBURG, HARRISON, HARRISON], dateline=CHARLESTON) == CLARKSBURG
    assert main_locality([CLARKSBURG, HARRISON], dateline=CHARLESTON) == CHARLESTON  # one mention: no more than it
    assert main_locality([HAMLET, HARRISON, HARRISON], dateline=CHARLESTON) == HAMLET
    other = _wv("Fayette County", 38.03, -81.08, county="Fayette County", precision="admin", feature="admin2")
    assert main_locality([CLARKSBURG, other, other], dateline=CHARLESTON) == CHARLESTON  # a county not round it


def test_the_headline_names_the_storys_town_as_a_dateline_would():
    assert main_locality([CLARKSBURG], dateline=CHARLESTON,
                         headline="4 shot dead in Clarksburg; suspect in custody") == CLARKSBURG
    assert main_locality([CLARKSBURG], dateline=CHARLESTON, headline="4 shot dead; suspect in custody") == CHARLESTON
    # the publisher's part of a title is no headline
    assert main_locality([CLARKSBURG], dateline=CHARLESTON,
                         headline="4 shot dead - WBOY Clarksburg, WV News") == CHARLESTON
    # local news without a dateline: the town the headline names, though another is named first
    assert main_locality([CHARLESTON, CLARKSBURG], local=True, headline="Man shot in Clarksburg") == CLARKSBURG


def test_a_national_story_without_a_dateline_reads_no_county_for_a_town():
    assert main_locality([AKRON, DAYTON, SUMMIT, SUMMIT]) == SUMMIT


def test_a_name_that_begins_a_schools_name_in_the_headline_is_no_town():
    kimball = _wv("Kimball", 41.23, -103.66)
    assert main_locality([CHARLESTON, kimball], local=True, headline="Shooting at Kimball High School") == CHARLESTON


def test_a_town_the_headline_names_in_another_state_is_a_namesake_not_the_story():
    far = _p("Kimball", 41.23, -103.66, admin1="Nebraska")
    assert main_locality([far], dateline=CHARLESTON, headline="Officials blame Kimball shooting") == CHARLESTON


def test_a_town_without_its_county_lies_in_the_nearest_county_named():
    marion = _wv("Marion County", 39.51, -80.24, county="Marion County", precision="admin", feature="admin2")
    white_hall = _wv("White Hall", 39.42, -80.19)  # 11 km from Marion County's point, 23 from Harrison's
    assert main_locality([white_hall, marion, HARRISON, HARRISON, CLARKSBURG], dateline=CHARLESTON) == CLARKSBURG


@pytest.mark.parametrize("title, town", [
    ("Shooting at Kimball High School in Dallas, 1 injured", "Dallas"),
    ("Teen Shot In Dallas Park Dies", "Dallas"),
    ("Man shot near Kimball High School", None),  # the start of a school's name
    ("Man in critical condition after shooting", None),
    ("Girl shot - WFAA Dallas, TX", None),  # the publisher's part is no headline
    (None, None),
])
def test_the_town_a_headline_places_the_story_in(title, town):
    from eventwire.places.geocoder import Geocoder

    found = headline_place(title, Geocoder())
    assert (found.name if found is not None else None) == town
