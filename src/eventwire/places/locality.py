"""Stage extract/places, the article's side: where the story is set, for events whose own clause names no
finer place.

1. :func:`find_dateline` reads the dateline a news story opens with (in one of its first paragraphs, after
   any page furniture): US style ``CLIFTON, Colo. -`` / ``MENASHA, Wis. (AP) --`` (AP state abbreviations,
   state names, postal codes), wire style ``STONEHAM (WHDH) -`` / ``BAGHDAD (Reuters) -``, a bare
   upper-case ``COVINGTON --``, and the lower-case ``mumbai:`` of Indian papers. It is pure text: the
   geocoder decides whether the name is a place (:func:`dateline_place`).
2. :func:`main_locality` is the town the story is set in: among the towns and sites of the article (in the
   story's main country), the one most of its places lie near (within :data:`NEAR_KM`: a street corner
   or neighbourhood resolved on its own still counts for its town), the dateline's town counting
   :data:`DATELINE_WEIGHT` times and winning ties (in a national story, towns apart and named alike, with no
   dateline, make no one town; a local one is set in the first); without a town, the county or state named
   most.
3. :func:`finer` keeps an event's own place unless the locality lies inside it ("a shooting in Mesa
   County" in a story set in Clifton, a town of Mesa County: Clifton).
4. :func:`setting` also marks the article's *strays*: names the geocoder sent far from the story's town
   that mean it or a part of it: the dateline's own name resolved elsewhere ("CAMPBELL, Ohio" then "Campbell
   police"), and, in local news, a town more than :data:`STRAY_KM` away that no other place of the article
   shares a state with (a neighbourhood, "Hyde Park" or "Englewood", read as a namesake town in another state).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from .gazetteer.names import name_key as fold
from .surroundings import Surroundings
from ..models import Place

if TYPE_CHECKING:  # pragma: no cover
    from .geocoder import Geocoder

__all__ = ["find_dateline", "headline_place", "publisher_place", "publisher_state", "dateline_place", "main_locality", "finer", "Setting", "setting", "town_part",
           "institution_name", "NEAR_KM",
           "DATELINE_WEIGHT"]

NEAR_KM = 15.0  # places this close to a town count as places of that town
COUNTY_KM = 60.0  # a town this close to a county's centre (and in its state) may lie in that county
DATELINE_WEIGHT = 2  # the dateline's town counts as this many of the article's places
HELD_KM = 30.0  # a town this close to a county's point (in its state) lies in it, when the gazetteer gives no county
STRAY_KM = 80.0  # a town this far from the story's town, alone in its state, is a neighbourhood read as a town
PARAGRAPHS = 4  # a dateline stands at the start of one of the first paragraphs (after captions, banners)
TOWN = ("city", "site")

_DASH = r"(?:-{1,2}|[—–]|>>)"
_AGENCY = r"(?:\s*\((?P<agency>[A-Za-z0-9 .&/'-]{2,40})\))?"
_STATE = r"(?:,\s*(?P<state>[A-Z][A-Za-z.]{1,14}(?:\s[A-Z][A-Za-z.]{1,14})?))?"
# "CLIFTON, Colo. -", "WEST VALLEY CITY —", "IRA, Vt. (AP) —", "STONEHAM (WHDH) -", "HANOVER COUNTY, Va. --"
_UPPER = re.compile(r"(?P<place>[A-Z][A-Z.'\-]+(?:\s[A-Z][A-Z.'\-]+){0,3})" + _STATE + _AGENCY + r"\s*" + _DASH
                    + r"\s")
# "Hamilton County, TN (WDEF) –", "Gainesville, Fla. —": a mixed-case name needs a state or an agency
_MIXED = re.compile(r"(?P<place>[A-Z][a-z.'\-]+(?:\s[A-Z][a-z.'\-]+){0,3})" + _STATE + _AGENCY + r"\s*" + _DASH
                    + r"\s")
# "mumbai: a 24-year-old man ...": lower-case papers write the city and a colon
_LOWER = re.compile(r"(?P<place>[a-z]{3,20}(?:\s[a-z]{3,20})?):\s")


def find_dateline(body: str, *, dateline: str | None = None) -> str | None:
    """The place a story's dateline names, as ``"Clifton, Colo."`` (name, and its state when written);
    ``dateline``: the place of a wire dateline the cleaner read, which wins unless the body's dateline is the
    same name with its state."""
    found = _body_dateline(body)
    if dateline and (found is None or fold(found.partition(",")[0]) != fold(dateline)):
        return dateline
    return found


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    """USPS code -> name of the 50 US states (ISO 3166-2 US-XX, from pycountry): the title of a US station's page
    ends "Memphis, TN" or "Memphis, Tennessee"."""
    import pycountry

    return {s.code.split("-")[1]: s.name for s in pycountry.subdivisions.get(country_code="US") if s.type == "State"}


@lru_cache(maxsize=1)
def _publisher() -> re.Pattern:
    states = _us_states()
    return re.compile(r"(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}),\s(?P<state>"
                      + "|".join(sorted(set(states) | set(states.values()), key=len, reverse=True))
                      + r")\s*\|?\s*$")


_TITLE_PARTS = re.compile(r"\s+[-|\u2013\u2014]\s+")


def publisher_place(title: str | None) -> str | None:
    """The town of the publisher a title names after the headline ("Girl shot ... - WMC Action News 5 -
    Memphis, Tennessee", "... - News9.com - Oklahoma City, OK - News, Weather"), as ``"Memphis,
    Tennessee"``: a local station or paper writes about its own region, so it reads the story's names as a
    dateline would (a bare "Springfield" in a Springfield, Ohio paper). None when the title names none."""
    parts = _TITLE_PARTS.split((title or "").strip())
    for part in reversed(parts[1:]):
        found = _publisher().search(part.strip())
        if found is not None:
            return f"{found['place']}, {_us_states().get(found['state'], found['state'])}"
    return None


_REGION_PARTS = re.compile(r"\s+(?:[-|\u2013\u2014]|::)\s+")


@lru_cache(maxsize=1)
def _state_in_part() -> re.Pattern:
    """A US state in a title's publisher part: a postal code after a town ("Columbus, GA News", "Florence SC")
    or a written-out name ("KSLA News 12 Shreveport, Louisiana News", "South Georgia News"). Not "Washington",
    which as often names the capital or a paper ("The Washington Post")."""
    states = _us_states()
    names = sorted((n for n in states.values() if n != "Washington"), key=len, reverse=True)
    return re.compile(r"(?:[A-Za-z.]{2,},?\s(?P<code>" + "|".join(sorted(states)) + r")\b(?!['’.-]))|\b(?P<name>"
                      + "|".join(names) + r")\b")


def publisher_state(title: str | None) -> str | None:
    """The US state the publisher's part of a title names ("Maryland Drive murder victims identified -
    WTVM.com-Columbus, GA News Weather & Sports" -> "Georgia"), when those parts name exactly one: a local
    station or paper writes about its region, so the story's bare names ("Albany") lie there, though its own
    town need not be the station's (the region, not the town, anchors the names: Geocoder.resolve_all's
    ``region``). The headline (the first part) is no publisher's: "Ohio man shot" names the story's state."""
    parts = _REGION_PARTS.split((title or "").strip())[1:]
    found = {_us_states().get(m["code"], m["code"]) if m["code"] else m["name"]
             for part in parts for m in _state_in_part().finditer(part)}
    return found.pop() if len(found) == 1 else None


# "... shot in Carson", "Shooting At Kimball High School In Dallas, 1 Injured": a capitalised run after a place
# preposition of the headline
_HEADLINE_AT = re.compile(r"\b(?:in|near|outside)\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})",
                          re.IGNORECASE)
HEADLINE_TOWN_POPULATION = 5_000  # a headline's name is the story's town when it is a town's own name this big


def headline_place(title: str | None, geocoder: "Geocoder", *, known: Iterable[Place] = ()) -> Place | None:
    """The town a title's headline (its first part) places the story in ("Shooting at Kimball High School in
    Dallas"), for a story without a dateline whose body names no place below its country (the pipeline asks only
    then: a body's own names, "Austin" of a Chicago story, are read by the geocoder in their context): local news
    often names its town only in the headline. The run after "in/near/outside" (its longest first 1-3 words) must be the own
    name of a town of :data:`HEADLINE_TOWN_POPULATION` or more, not the start of an institution's or a street's
    name; it is resolved as a dateline without its state is (``known``: the body's places)."""
    headline = _TITLE_PARTS.split((title or "").strip())[0]
    for match in _HEADLINE_AT.finditer(headline):
        words = match["name"].split()
        if not match["name"][0].isupper():
            continue
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n]).rstrip(".,'’")
            rest = " ".join(words[n:n + 1]).lower()
            if rest in _NAMED_AFTER or not any(r.feature == "city" and fold(r.name) == fold(name)
                                               and r.population >= HEADLINE_TOWN_POPULATION
                                               for r in geocoder.gazetteer.lookup(name)):
                continue
            return dateline_place(name, geocoder, known=known)
    return None


def _body_dateline(body: str) -> str | None:
    for paragraph in body.split("\n\n")[:PARAGRAPHS]:
        paragraph = paragraph.lstrip()
        match = _UPPER.match(paragraph)
        mixed = _MIXED.match(paragraph)
        if match is None and mixed is not None and (mixed["state"] or mixed["agency"]):
            match = mixed
        if match is not None:
            place = " ".join(match["place"].split()).title()
            return f"{place}, {match['state']}" if match["state"] else place
        lower = _LOWER.match(paragraph)
        if lower is not None:
            return lower["place"].title()
    return None


def dateline_place(name: str | None, geocoder: "Geocoder", *, known: Iterable[Place] = ()) -> Place | None:
    """The place of a dateline's name (:func:`find_dateline`), when the gazetteer knows it; a town the
    gazetteer does not hold in the state the dateline writes ("IRA, Vt.") gives that state. A dateline
    without a state is the place the story's own mention of the name resolved to (``known``: the document's
    places, read in their context: "TAUNTON (CBS) - ... Police were called to Weir Street" is in the US)."""
    if not name:
        return None
    head, _, state = name.partition(",")
    context = None
    if not state.strip():
        same = [p for p in known if p.lat is not None and p.precision in TOWN and fold(p.text) == fold(head)]
        if same:
            return same[0]
        context = _around(known)
    place = geocoder.resolve(name, context=context)
    area = geocoder.resolve(state.strip()) if state.strip() else None
    if area is not None and area.precision in ("admin", "country") and (
            place is None or place.country != area.country
            or area.precision == "admin" and area.admin1 and place.admin1 != area.admin1):
        place = area
    if place is None or place.lat is None:
        return None
    return place


def _around(known: Iterable[Place]) -> Surroundings | None:
    """The document's places below country level as the context of a dateline without its state: "PEORIA -"
    over a story of the "Peoria County Circuit Court" is the town of that county's state, not the larger
    namesake elsewhere (the geocoder weighs their states and points as it weighs a text's other names)."""
    below = [p for p in known if p.lat is not None and p.precision != "country" and p.admin1]
    if not below:
        return None
    return Surroundings(countries=Counter(p.country for p in below),
                        admin1=Counter((p.country, p.admin1) for p in below),
                        points=tuple((p.lat, p.lon) for p in below))


def _km(a: Place, b: Place) -> float:
    p = math.pi / 180
    h = (math.sin((b.lat - a.lat) * p / 2) ** 2
         + math.cos(a.lat * p) * math.cos(b.lat * p) * math.sin((b.lon - a.lon) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _key(place: Place) -> object:
    return place.geonameid if place.geonameid is not None else (place.name, place.lat, place.lon)


def main_locality(places: Iterable[Place], *, dateline: Place | None = None,
                  country: str | None = None, local: bool = False, headline: str | None = None) -> Place | None:
    """The town the story is set in (see the module's docstring), else its county or state; None when the
    article names no place below its country (or ``country``, the story's main country, holds none).

    In a story with a dateline, or in local news, two more things speak for a town: each mention of a county
    that holds it (:func:`_holds`: "Harrison County deputies" for Clarksburg, not the dateline's Charleston the
    wire filed from), and the headline naming it (``headline``: the title's first part, "4 shot dead in
    Clarksburg"), which counts as much as the dateline when another place of the story lies in the town's state
    (not a namesake far away: "Kimball shooting" of a Dallas school read as Kimball, Nebraska). A national story
    without a dateline keeps its rule: towns named alike and apart make no one town, whatever county is named."""
    if dateline is not None and country is not None and dateline.country != country:
        dateline = None
    if dateline is not None:  # "CAMPBELL, Ohio (WKBN) - Campbell police said": the dateline's town
        places = [dateline if fold(p.name) == fold(dateline.name) else p for p in places]
    found = [p for p in places if p.lat is not None and (country is None or p.country == country)]
    towns = [p for p in found if p.precision in TOWN]
    home = dateline if dateline is not None and dateline.precision in TOWN else None
    if towns or home is not None:
        points = towns + [home] * DATELINE_WEIGHT if home is not None else towns
        first: dict[object, int] = {}
        for k, p in enumerate(([home] if home is not None else []) + towns):
            first.setdefault(_key(p), k)
        candidates = {_key(p): p for p in reversed(([home] if home is not None else []) + towns)}

        told = (found + ([home] if home is not None else [])) if home is not None or local else []
        named = _headline_words(headline) if told else ""

        def support(p: Place) -> tuple:
            near = sum(1 for q in points if _key(q) == _key(p) or _km(p, q) <= NEAR_KM) + _said_for(p, told, named)
            own = sum(1 for q in points if _key(q) == _key(p))
            return near, own, home is not None and _key(p) == _key(home), -first[_key(p)]

        ranked = sorted(candidates.values(), key=support, reverse=True)
        if home is not None or local or len(ranked) == 1 or support(ranked[0])[:2] != support(ranked[1])[:2] \
                or _km(ranked[0], ranked[1]) <= NEAR_KM:
            return ranked[0]
        towns = []  # towns named alike and apart ("in Aleppo ... in Idlib and in Homs"): no one town
    areas = [p for p in found if p.precision == "admin"]
    if dateline is not None and dateline.precision == "admin":
        areas = [dateline] * DATELINE_WEIGHT + areas
    if not areas:
        return None
    counts = Counter(_key(p) for p in areas)
    order = {}
    for k, p in enumerate(areas):
        order.setdefault(_key(p), (k, p))
    county_first = sorted(order.values(), key=lambda kp: (-counts[_key(kp[1])],
                                                          kp[1].feature != "admin2", kp[0]))
    return county_first[0][1]


def _said_for(town: Place, places: list[Place], headline: str) -> int:
    """What else speaks for a town (:func:`main_locality`): the mentions of a county round it, and the headline
    naming it (as much as a dateline) when another of the story's ``places`` lies in its state."""
    counties = [c for c in places if c.feature == "admin2"]
    held = sum(1 for c in counties if _holds(c, town, counties))
    return held + DATELINE_WEIGHT * (_in_headline(town, headline) and any(
        _key(q) != _key(town) and (q.country, q.admin1) == (town.country, town.admin1) for q in places))


def _holds(county: Place, town: Place, counties: list[Place]) -> bool:
    """Does the county lie round the town: the gazetteer's county of the town, or (when it gives none) the
    nearest of the story's ``counties`` to the town, when the town is of its state and within :data:`HELD_KM`
    of its point (a town lies in one county)."""
    if county.country != town.country or not county.admin1 or county.admin1 != town.admin1 or town.lat is None:
        return False
    if town.admin2:
        return fold(town.admin2) == fold(county.admin2 or county.name)
    near = min((c for c in counties if c.lat is not None), key=lambda c: _km(c, town))
    return _key(near) == _key(county) and _km(county, town) <= HELD_KM


def _headline_words(title: str | None) -> str:
    """The headline of a title (its first part: not the station's "- WTVM.com-Columbus, GA News"), folded."""
    words = re.sub(r"[^a-z0-9 ]+", " ", fold(_TITLE_PARTS.split((title or "").strip())[0]))
    return f" {' '.join(words.split())} " if title else ""


# words after a name that make it a school's, hospital's or street's ("Kimball High School", "Antioch Pike")
_NAMED_AFTER = ("high", "school", "elementary", "middle", "academy", "college", "university", "hospital", "medical",
                "street", "avenue", "road", "drive", "boulevard", "pike", "highway", "mall", "church")


def _in_headline(place: Place, headline: str) -> bool:
    """Does the folded headline name the place (as written in the text, or its gazetteer name), not as the
    first part of an institution's or a street's name?"""
    for name in {place.text, place.name}:
        key = fold(name or "")
        at = headline.find(f" {key} ") if key else -1
        if at >= 0 and headline[at + len(key) + 2:].split(" ", 1)[0] not in _NAMED_AFTER:
            return True
    return False


def finer(own: Place | None, locality: Place | None) -> Place | None:
    """The event's own place, or the locality when it lies inside that (coarser) place: a town of the named
    county or state, or of the named country."""
    if locality is None:
        return own
    if own is None:
        return None
    if own.precision not in ("admin", "country") or locality.precision not in TOWN + ("admin",):
        return own
    if own.precision == "country":
        return locality if locality.country == own.country else own
    if locality.precision == "admin" and locality.feature != "admin2":
        return own
    same_state = own.country == locality.country and own.admin1 and own.admin1 == locality.admin1
    if not same_state or _key(own) == _key(locality):
        return own
    if own.feature == "admin2" and (own.lat is None or _km(own, locality) > COUNTY_KM):
        return own
    return locality if own.feature in ("admin1", "admin2") else own



@dataclass(frozen=True)
class Setting:
    """Where a story is set: its main locality and the keys of the places that stand for it (strays)."""

    place: Place
    strays: frozenset = frozenset()
    local: bool = False  # local news (its writing follows the conventions of the town's country): one story

    def finer(self, own: Place | None) -> Place | None:
        """The event's own place, the locality when that place is a stray or a coarser area holding it."""
        if own is not None and _key(own) in self.strays:
            return self.place
        return finer(own, self.place)


def setting(places: list[Place], *, dateline: Place | None = None, country: str | None = None,
            locale: frozenset[str] = frozenset(), parts: Iterable[Place] = (),
            headline: str | None = None) -> Setting | None:
    """The story's :class:`Setting` (None when :func:`main_locality` finds none). Far towns are strays only
    in local news: a story whose writing follows the local-news conventions of its town's country
    (``locale``: :func:`eventwire.places.surroundings.locale_countries`); a national story ranges widely.
    ``parts``: places the text names as parts of a town ("Denver's Whittier neighborhood": :func:`town_part`);
    one that resolved far from every other place of the story (a namesake elsewhere: Whittier, California)
    is never the story's town and stands for it."""
    parted = {_key(p) for p in parts if p.lat is not None and not any(
        q.lat is not None and _key(q) != _key(p) and _km(p, q) <= COUNTY_KM
        for q in [*places, *([dateline] if dateline is not None else [])])}
    towns = [p for p in places if _key(p) not in parted]
    home = main_locality(towns, dateline=dateline, country=country, local=country in locale, headline=headline) \
        or main_locality(places, dateline=dateline, country=country, local=country in locale, headline=headline)
    if home is None:
        return None
    support = sum(1 for p in places if p.lat is not None and _km(p, home) <= NEAR_KM)
    if dateline is not None and _key(dateline) == _key(home):
        support += DATELINE_WEIGHT
    divisions = Counter((p.country, p.admin1) for p in places)
    strays = set()
    for p in places:
        if p.precision not in TOWN or p.lat is None or _key(p) == _key(home):
            continue
        if fold(p.name) == fold(home.name) or home.country in locale and support >= 2 and home.precision in TOWN \
                and _km(p, home) > STRAY_KM \
                and divisions[(p.country, p.admin1)] == sum(1 for q in places if _key(q) == _key(p)):
            strays.add(_key(p))
    strays |= {k for k in parted if k != _key(home) and home.precision in TOWN}
    return Setting(home, frozenset(strays), local=home.country in locale)


# "the West Englewood neighborhood", "Philadelphia's Tioga-Nicetown section": a part of a town, named as one
_PART = re.compile(r"\s+(?:neighborhood|neighbourhood|section)\b")


def town_part(text: str, end: int) -> bool:
    """Does the name ending at ``text[end]`` name a part of a town ("the Whittier neighborhood")?"""
    return _PART.match(text, end) is not None


# A hospital's name after a person, saint or brand ("Sunrise Hospital", "Comer Children's Hospital", "Clark Memorial
# Hospital", "Merit Health River Region"): victims are taken there after the attack, and the name is often no town's;
# it is no place of the attack, nor a town the story is set in. Not a regional or county centre, which its town names
# ("Lakeland Regional Health Center", "Erie County Medical Center").
_CARE_NAME = re.compile(r"(?:[’']s)?\s+(?:(?:Children[’']?s|Memorial|Methodist|Baptist)\s+)*"
                        r"(?:Hospitals?\b|Health\b(?!\s+(?:Center|Centre|Department|Dept|District|System)))")


def institution_name(text: str, end: int) -> bool:
    """Does the name ending at ``text[end]`` begin a hospital's name (see :data:`_CARE_NAME`)?"""
    return _CARE_NAME.match(text, end) is not None
