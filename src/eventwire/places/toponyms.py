"""Stage places, part 1: find the place names (toponyms) of a parsed document.

:func:`find_toponyms` — spaCy GPE/LOC/FAC entities, checked against the gazetteer (person names the small
model mistakes for places, and generic words such as "West" or "Gulf", are dropped; a GPE/LOC entity the
gazetteer lacks stays when it names a natural feature: "the Catawba River"), extended by a following
feature word ("Baghdad airport", "Balad air base", "Anbar province"); places NER tagged ORG or PERSON
("Gainesville Police Department" -> "Gainesville", a team called like a town the document names as a place, a
lone well-known place tagged PERSON, a town of a country the text names after "in" ("in Barranca"), and in
geoparsing a country or populous division named as an organisation: "the DRC"); country and state
adjectives tagged NORP ("Iraqi", "Texans") as ``demonym`` toponyms; plus capitalised names of well-known
places NER missed. :mod:`eventwire.places` resolves them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from ..knowledge.words import METONYMIC_SPEECH_VERBS
from .gazetteer.index import Gazetteer
from .gazetteer.names import name_key
from .gazetteer.cache import load_gazetteer
from ..knowledge.tables import read_tsv
from .fallback import name_feature

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

PLACE_LABELS = ("GPE", "LOC", "FAC")
TITLES = {"mr", "mrs", "ms", "dr", "gen", "general", "president", "minister", "commander", "leader",
          "sheikh", "ayatollah", "imam", "king", "prince", "colonel", "col", "lt", "sgt", "judge", "officer"}
SETTLEMENT_WORDS = {"town", "city", "village", "province", "region", "district", "state", "port", "capital",
                    "county", "governorate", "island", "enclave"}  # "the town of X"
MIN_POPULATION = 100_000  # capitalised names NER missed must be at least this well known
ORG_PLACE_POPULATION = 10_000  # "the University of X": X must name a town at least this big
ORG_DIVISION_POPULATION = 1_000_000  # a division an ORG entity names is a place even in a country not named


@dataclass(frozen=True)
class Toponym:
    """A place name in the text: ``text == doc.text[start:end]``; ``feature`` hints at its kind."""

    start: int
    end: int
    text: str
    feature: str | None = None  # airport, military base, admin1, border crossing, ... or None


@lru_cache(maxsize=1)
def feature_words() -> dict[tuple[str, ...], tuple[str, str]]:
    """Feature phrases (as token tuples) -> (feature, kind), from ``data/places_features.tsv``."""
    return {tuple(phrase.split()): (feature, kind) for phrase, feature, kind in read_tsv("places_features.tsv")}


def bare_name(text: str) -> str:
    """A toponym as the gazetteer is asked for it: without a leading "the", a trailing full stop or a
    possessive "'s" ("the Kremlin's" -> "Kremlin")."""
    return re.sub(r"['’]s$", "", re.sub(r"^(the|The)\s+", "", text.strip()).rstrip("."))


def split_feature(text: str) -> tuple[str, str | None]:
    """``"Balad air base"`` -> ``("Balad", "military base")``; the name alone when no feature word ends it."""
    words = text.split()
    for n in (3, 2, 1):
        if len(words) > n and tuple(w.lower() for w in words[-n:]) in feature_words():
            return " ".join(words[:-n]), feature_words()[tuple(w.lower() for w in words[-n:])][0]
    return text, None


_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'\-]{2,40}?)(?:,\s*[A-Za-z .]{2,30})?\s*(?:\([^)]{1,40}\))?\s*[-—–:]\s")


def dateline_name(text: str) -> str | None:
    """The place of a news dateline such as ``"BAGHDAD (Reuters) - ..."``, else None."""
    m = _DATELINE.match(text[:120])
    return m.group(1).strip().title() if m else None


# ---------------------------------------------------------------- recognition

CAPS_SHARE = 0.6  # above this share of upper-case words a text is ALL CAPS: capitals carry no signal
_LINKS = ("al", "of", "el")  # lower-case words allowed inside a capitalised name


@lru_cache(maxsize=1)
def _feature_ids() -> tuple[dict[tuple[int, ...], str], frozenset[int]]:
    """Feature phrases as tuples of spaCy string ids -> feature, and the ids of their first words."""
    from spacy.strings import get_string_id

    table = {tuple(get_string_id(w) for w in words): feat for words, (feat, _kind) in feature_words().items()}
    return table, frozenset(k[0] for k in table)


@lru_cache(maxsize=1)
def _ids() -> dict[str, object]:
    """spaCy string ids (and the PROPN symbol) the token scan compares against."""
    from spacy.strings import get_string_id
    from spacy.symbols import PROPN

    word = {w: get_string_id(w) for w in ("the", "a", *_LINKS, "'s", "’s", "'", "’")}
    return {"propn": int(PROPN), "skip_ent": frozenset(get_string_id(x) for x in ("PERSON", "ORG", "NORP")),
            "person": get_string_id("PERSON"), "articles": frozenset((word["the"], word["a"])),
            "links": frozenset(word[w] for w in _LINKS),
            "possessive": frozenset(word[w] for w in ("'s", "’s", "'", "’"))}


class _Tokens:
    """Token attributes of one parsed document read once into plain lists (no spaCy ``Token`` objects).

    ``doc.text`` is read once; token ``i`` covers ``text[start[i]:end[i]]``. ``lower`` holds string ids.
    """

    __slots__ = ("doc", "text", "n", "lower", "start", "end", "propn", "ent", "capital", "capish", "stop", "lemma",
                 "caps")

    def __init__(self, doc: "Doc", *, text: str | None = None):
        import numpy as np
        from spacy.attrs import ENT_TYPE, IDX, IS_ALPHA, IS_STOP, IS_TITLE, IS_UPPER, LEMMA, LENGTH, LOWER, POS

        ids = _ids()
        self.doc = doc
        self.text = doc.text if text is None else text
        self.n = len(doc)
        arr = doc.to_array([LOWER, IDX, LENGTH, POS, ENT_TYPE, IS_TITLE, IS_UPPER, IS_STOP, IS_ALPHA, LEMMA])
        arr = arr.reshape(self.n, 10)
        lower, idx, length, pos, ent, title, upper, stop, alpha, lemma = arr.T
        self.lower, self.start, self.ent, self.stop, self.lemma = (
            lower.tolist(), idx.tolist(), ent.tolist(), stop.tolist(), lemma.tolist())
        self.end = (idx + length).tolist()
        self.propn = (pos == ids["propn"]).tolist()
        capital = (title | upper).astype(bool)
        self.capital = capital.tolist()
        self.capish = (capital | np.isin(lower, list(ids["links"]))).tolist()
        words = alpha.astype(bool) & (length > 1)
        self.caps = bool(words.any()) and float(upper[words].mean()) > CAPS_SHARE

    def span(self, i: int, j: int) -> str:
        return self.text[self.start[i]:self.end[j - 1]]

    def lemma_at(self, i: int) -> str:
        return self.doc.vocab.strings[self.lemma[i]].lower() if i < self.n else ""

    def lower_at(self, i: int) -> str:
        return self.doc.vocab.strings[self.lower[i]] if 0 <= i < self.n else ""

    def feature_after(self, end: int) -> tuple[int, str | None]:
        """Take a feature phrase right after token ``end`` into the name: ``Baghdad`` + ``airport``."""
        table, firsts = _feature_ids()
        if end >= self.n or self.lower[end] not in firsts:
            return end, None
        for n in (3, 2, 1):
            feat = table.get(tuple(self.lower[end:end + n])) if end + n <= self.n else None
            if feat is not None:
                return end + n, feat
        return end, None


def find_toponyms(doc: "Doc", *, gazetteer: Gazetteer | None = None, min_population: int = MIN_POPULATION,
                  text: str | None = None, demonyms: bool = True, metonyms: bool = True) -> list[Toponym]:
    """Place names of a parsed document, in text order (see the module docstring, step 1).

    ``demonyms``: also country/state adjectives NER tags NORP ("Iraqi", "Texan"), as toponyms whose
    ``feature`` is ``"demonym"``; ``metonyms``: also an ORG entity that is the whole name of a country or
    division ("the DRC said", "KwaZulu-Natal" as a team). Both follow the geoparsing convention of LGL and
    GeoWebNews; the event extractor leaves them out: there they name actors, not places.

    In ALL-CAPS text (most words upper case) capitals say nothing, so names NER missed are taken
    only when they span several words, end in a feature word or name a major place. ``text`` is
    ``doc.text`` when the caller has it already (spaCy rebuilds that string on every access).
    """
    gaz = gazetteer or load_gazetteer()
    toks = _Tokens(doc, text=text)
    ents = [(e.label_, e.start, e.end) for e in doc.ents]
    persons = _person_words(toks, ents)
    people = _full_names(toks, ents, persons)
    found: dict[int, Toponym] = {}
    covered = [False] * toks.n
    for label, start, end in ents:  # place entities first: names they confirm help read the others
        if label in PLACE_LABELS:
            got = _entity_toponym(toks, start, end, gaz=gaz, persons=persons, spelled=label != "FAC", people=people)
            if got is not None:
                found[got[0].start] = got[0]
                covered[start:got[1]] = [True] * (got[1] - start)
    known = frozenset(name_key(split_feature(t.text)[0]) for t in found.values())
    named = frozenset().union(*(gaz.country_codes(k) for k in known))  # ISO2 of the countries those names name
    for label, start, end in ents:
        if label == "NORP" and demonyms:
            got = _demonym(toks, start, end, gaz=gaz)
        elif label in ("ORG", "PERSON"):
            got = _misread_entity(toks, label, start, end, gaz=gaz, persons=persons, known=known, named=named,
                                  min_population=min_population, metonyms=metonyms)
        else:
            got = None
        if got is None and label not in PLACE_LABELS:
            got = _named_site(toks, start, end, gaz=gaz)
        if got is not None:
            top, last = got
            found[top.start] = top
            covered[start:last] = [True] * (last - start)
    for top, i, end in _police_towns(toks, gaz=gaz, covered=covered, persons=people):
        found[top.start] = top
        covered[i:end] = [True] * (end - i)
    countries: frozenset[str] = frozenset()
    for _round in range(2 if toks.caps else 1):  # ALL CAPS: once more, knowing the countries named
        more, taken = dict(found), list(covered)
        for top, i, end in _gazetteer_matches(toks, gaz=gaz, min_population=min_population, covered=taken,
                                              countries=countries):
            if not any(taken[i:end]):
                more[top.start] = top
                taken[i:end] = [True] * (end - i)
        countries = frozenset().union(*(gaz.country_codes(name_key(t.text)) for t in more.values()))
    return sorted((t for t in more.values() if not street_name(toks.text, t.start, t.end)), key=lambda t: t.start)


# A street is named after a town ("Baltimore Avenue", "the 6700 block of South Aberdeen", "Maryland Drive"): the
# name is then the street's, not the town's. Street words after the name (USPS Publication 28 suffixes, written
# out or abbreviated) or a US hundred-block address before it say so.
_STREET_AFTER = re.compile(
    r"\s+(?:Street|Avenue|Ave\.?|Boulevard|Blvd\.?|Drive|Road|Rd\.|Lane|Ln\.|Ct\.|Terrace|Terr?\.|Parkway|"
    r"Pkwy\.?|Circle|Cir\.|Pike|(?:St|Dr|Pl)\.(?!\s+[A-Z]))(?![\w-])")  # not "St. Louis", "Dr. Smith"
_STREET_BEFORE = re.compile(r"\b(?:block|corner|intersection)\s+of\s+(?:(?:North|South|East|West|[NSEW]\.?)\s+)?"
                            r"(?:[A-Z][\w.'-]*\s+(?:[A-Z][\w.'-]*\s+)?(?:and|&)\s+(?:(?:North|South|East|West)\s+)?)?$")  # "corner of Vine and Elm"


def street_name(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` the name part of a street ("Baltimore Avenue", "the 2300 block of Baltimore",
    "at the corner of Baltimore and McHenry")?"""
    return _STREET_AFTER.match(text, end) is not None or _STREET_BEFORE.search(text[max(0, start - 40):start]) \
        is not None


# What only people are, whatever NER tagged the name: aged ("17-year-old Medina Knowles", "David Clark, 52,"),
# a "who" ("Stover, who was dating her"), kin ("Knowles' mother"). Local news names victims and suspects so, and
# then by their surname alone, which is often also a small town's name somewhere.
_NAME = r"[A-Z][a-z'\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'\-]+){0,2}"
_KIN = r"(?:mother|father|mom|dad|son|daughter|wife|husband|girlfriend|boyfriend|fianc[ée]e?|brother|sister|" \
       r"grandmother|grandfather|aunt|uncle|cousin|family|parents|children|attorney|lawyer)"
# "a 29-year-old Smithfield woman", "a 16-year-old Bladensburg High School student": the name is where they are from
_OF_PLACE = r"(?:man|woman|men|women|boy|girl|boys|girls|teen|teens|teenager|resident|residents|native|student|" \
            r"youth|male|female|mother|father|son|daughter|person|people|driver|officer|deputy|child|infant|baby|" \
            r"toddler|victim|suspect)"
_PERSON_CUES = re.compile(
    r"\b\d{1,3}-year-old\s+(?P<aged>" + _NAME + r")(?![\w'-]|\s+[A-Z]|\s+" + _OF_PLACE + r"\b)"
    r"|(?<!\bin )(?<!\bof )(?<!\bat )(?<!\bto )(?<!from )(?<!near )(?<!\bthe )\b(?P<apposed>" + _NAME + r"),\s+"
    r"(?:(?P<age>\d{1,3}),|who\s)"
    r"|\b(?P<kin>[A-Z][a-z\-]+)(?:'s|’s|'|’)\s+" + _KIN + r"\b"
    # a rank or title ("Lt. Eric Henderson said", "Sheriff Joey Pruitt"): a person, even by one word
    r"|(?:\b(?:Lt|Sgt|Capt|Cpl|Det|Dep|Ofc|Mr|Mrs|Ms|Dr)\.|\b(?:Officer|Detective|Deputy|Sergeant|Lieutenant|"
    r"Captain|Trooper|Chief|Sheriff|Coroner)(?=\s))\s+(?P<titled>" + _NAME + r")")


def _cued_people(text: str) -> set[str]:
    """Folded names that :data:`_PERSON_CUES` marks as people's in ``text``, and their last words (the surname
    they are named by later). An age after the name or a kin word marks even one word; an age before it or a
    "who" after it only a name of several words (a 28-year-old "Manchester Marine" or "Tipperary, who" may be
    a place's)."""
    words: set[str] = set()
    for match in _PERSON_CUES.finditer(text):
        name = match.group("aged") or match.group("apposed") or match.group("kin") or match.group("titled")
        parts = name.split()
        if len(parts) < 2 and not (match.group("age") or match.group("kin") or match.group("titled")):
            continue
        words.add(name_key(name))
        if len(parts[-1]) > 2:
            words.add(name_key(parts[-1]))
    return words


def _person_words(toks: _Tokens, ents: list[tuple[str, int, int]]) -> set[str]:
    """Folded PERSON names and their capitalised words (every longer word in ALL-CAPS text), and the names
    the text's own cues mark as people's (:func:`_cued_people`)."""
    words: set[str] = set() if toks.caps else _cued_people(toks.text)
    for label, start, end in ents:
        if label == "PERSON":
            words.add(name_key(toks.span(start, end)))
            for i in range(start, end):
                word = toks.text[toks.start[i]:toks.end[i]]
                if len(word) > 2 and (word.istitle() or (toks.caps and word.isupper())):
                    words.add(name_key(word))
    return words


def _full_names(toks: _Tokens, ents: list[tuple[str, int, int]], persons: set[str]) -> set[str]:
    """The person words that are surely people's: the words of PERSON entities of two words or more ("John
    Hampton") and the names the text's cues mark (:func:`_cued_people`); not a lone word NER tagged PERSON."""
    lone = {name_key(toks.span(start, end)) for label, start, end in ents if label == "PERSON" and end - start == 1}
    full = {name_key(toks.text[toks.start[i]:toks.end[i]]) for label, start, end in ents
            if label == "PERSON" and end - start > 1 for i in range(start, end)}
    return (persons - lone) | full | (set() if toks.caps else _cued_people(toks.text))


def _trim(toks: _Tokens, start: int, end: int) -> tuple[int, int]:
    """An entity's token range without a leading article ("the") or a trailing possessive ("'s")."""
    ids = _ids()
    while start < end and toks.lower[start] in ids["articles"]:
        start += 1
    while end > start and toks.lower[end - 1] in ids["possessive"]:
        end -= 1
    return start, end


def _entity_toponym(toks: _Tokens, start: int, end: int, *, gaz: Gazetteer, persons: set[str],
                    spelled: bool = False, people: set[str] | None = None) -> tuple[Toponym, int] | None:
    """The toponym of one GPE/LOC/FAC entity and its end token, or None when it is no known place.

    ``spelled`` (GPE and LOC entities): a name with no exact key may also be known by another spelling
    (:meth:`~eventwire.gazetteer.Gazetteer.fallback_ids`: "Daqahliya", "St. Marc"). A name some PERSON entity
    holds is no place, unless it stands after a place preposition ("Police in Chester are investigating") and
    ``people`` (:func:`_full_names`: the words of full names, the text's cued people) lacks it: NER tags a town
    alone as a person often ("Chester resident Dawn Smith"), a person's full name rarely."""
    start, end = _trim(toks, start, end)
    if start >= end:
        return None
    name, feature = split_feature(toks.span(start, end))
    if name.lower().rstrip(".") in GENERIC:
        return None
    if feature is None:
        end, feature = toks.feature_after(end)
    if not gaz.has(name) and not gaz.has(toks.span(start, end)) and core_name(name, gazetteer=gaz) is None \
            and not (spelled and (_spelled_major(gaz, name) or _natural_feature(toks.span(start, end)))):
        return None
    before = toks.lower_at(start - 1).rstrip(".")
    if name_key(name) in persons and not _is_major(gaz, name) \
            and (people is None or before not in _PLACE_PREPS or name_key(name) in people):
        return None
    if before in TITLES or (toks.lemma_at(end) in METONYMIC_SPEECH_VERBS and not _is_major(gaz, name)):
        return None
    return Toponym(toks.start[start], toks.end[end - 1], toks.span(start, end), feature), end


# What a GPE or LOC entity the gazetteer lacks may be named as: a natural feature ("the Catawba River",
# "Lake Hartwell", "the Farallon Islands"; not streets, parks or districts, which NER tags so too often)
NATURAL_FEATURES = frozenset({"river", "stream", "lake", "island", "mountain", "mountains", "glacier", "delta"})


def _natural_feature(text: str) -> bool:
    """Whether ``text`` is a capitalised name of a natural feature (see :data:`NATURAL_FEATURES`)."""
    words = text.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words if w.lower() != "of") \
        and name_feature(text)[0] in NATURAL_FEATURES


def _spelled_major(gaz: Gazetteer, name: str) -> bool:
    """Whether a name with no exact key is another spelling of a well-known place: a country, or a
    division or town of ``MIN_POPULATION`` ("Daqahliya", "Mauritious"). Smaller places are too often
    what a church or school name happens to resemble ("St. Mary": parishes of Jamaica and Antigua)."""
    return any(r.feature == "country" or r.population >= MIN_POPULATION for r in gaz.fallback(name))


GENERIC = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                     "northern", "southern", "eastern", "western", "central", "midwest", "gulf", "lake", "river",
                     "metro", "union", "federal", "act", "man", "soul", "city", "town", "county", "park", "springs",
                     "valley", "island", "bay", "beach", "harbor", "hills", "heights", "downtown", "state", "titan",
                     "white", "black", "green", "red", "border", "supreme", "justice", "commerce", "patrol",
                     # parts of the story's town and words of institutions' names, never a town of their own
                     # ("shot on the West Side", "University Medical Center", "South Avenue", "Parish Prison")
                     "university", "avenue", "parish", "midtown", "uptown", "west side", "east side", "north side",
                     "south side"})
# words after a place name that make an ORG entity an institution of that place ("Gainesville Police")
INSTITUTION = frozenset({"police", "sheriff", "sheriffs", "fire", "county", "city", "school", "schools", "high",
                         "middle", "elementary", "university", "college", "hospital", "medical", "council",
                         "department", "board", "court", "district", "township", "public", "state", "town",
                         "regional", "community", "memorial", "national", "airport", "port", "chamber", "zoo",
                         "library", "museum", "general", "municipal", "metropolitan", "area", "village", "borough",
                         "parish", "bureau", "government", "health", "water", "housing", "transit", "emergency",
                         "house",
                         "senate", "legislature", "guard", "highway", "historical", "society", "circuit",
                         "superior", "charter", "senior", "planning", "economic", "development", "division",
                         "office", "commission", "commissioners", "authority", "agency", "center", "centre"})


_CORE = (  # (pattern, replacement): the known place inside a name the gazetteer lacks
    (re.compile(r"^(?:Town|City|Village|Borough|Township) of (.+)$"), r"\1"),  # "Town of Groton"
    (re.compile(r"^(.+?) (?:Township|Twp\.?|Valley)$"), r"\1"),  # "Readington Township", "Salinas Valley"
    (re.compile(r"^(.+?) Co\.?$"), r"\1 County"),  # "Loudon Co."
    (re.compile(r"^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Greater|Downtown|"
                r"Port of|Metro) (.+)$"), r"\1"),  # "South Los Angeles", "Greater Mumbai"
)


# A country's part named by the country's adjective and a direction or a kind of region ("American South",
# "Russian Far East", "Canadian Arctic", "Brazilian Amazon"): the country (a known name alone, never a town)
_COUNTRY_PART = re.compile(r"^(?:the\s+)?([A-Z][\w'’-]+)\s+(?:(?:Deep|Far|Upper|Lower)\s+)?(?:North|South|East|West|"
                           r"Northeast|Northwest|Southeast|Southwest|Midwest|Arctic|Interior|Heartland|Mainland|"
                           r"Outback|Amazon|Sahara|Highlands|Lowlands|Hinterland|Borderlands?)$", re.IGNORECASE)


def core_name(text: str, *, gazetteer: Gazetteer) -> str | None:
    """The gazetteer name inside a part, district or township name the gazetteer lacks
    ("South Los Angeles" -> "Los Angeles", "Loudon Co." -> "Loudon County", "American South" ->
    "American", a key of the United States), else None."""
    text = text.strip().rstrip(".") if not text.endswith("Co.") else text.strip()
    for pattern, repl in _CORE:
        if pattern.match(text):
            inner = pattern.sub(repl, text)
            if inner.lower() not in GENERIC and gazetteer.has(inner):
                return inner
    part = _COUNTRY_PART.match(text)
    if part and text[:1].isupper() and len(gazetteer.country_codes(name_key(part.group(1)))) == 1 \
            and any(r.feature == "country" for r in gazetteer.lookup(part.group(1))):
        return part.group(1)
    return None


_DEMONYM_ENDINGS = (("ians", "ia"), ("ian", "ia"), ("ians", ""), ("ian", ""), ("ans", "a"), ("an", "a"),
                    ("ans", "e"), ("an", "e"), ("ans", ""), ("an", ""), ("ers", ""), ("er", ""), ("ites", ""),
                    ("ite", ""), ("is", ""),
                    ("i", ""), ("s", ""))


def demonym_base(text: str, *, gazetteer: Gazetteer, major: bool = False) -> str | None:
    """The place a people's or adjective form derives from when the gazetteer lacks the form itself
    ("Dagestani" -> "Dagestan", "Londoners" -> "London", "South Ossetians" -> "South Ossetia",
    "Czechs" -> "Czech" (a country key), "European" -> "Europe"); ``major``: only countries, divisions,
    regions and places of 100,000 or more. None when no ending gives a known name."""
    word = text.strip()
    if not word[:1].isupper():
        return None
    for end, repl in _DEMONYM_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            base = word[: len(word) - len(end)] + repl
            key = name_key(base)
            if key in GENERIC or not gazetteer.has_key(key):
                continue
            if not major or gazetteer.major_key(key, min_population=MIN_POPULATION):
                return base
    return None


def _demonym(toks: _Tokens, start: int, end: int, *, gaz: Gazetteer) -> tuple[Toponym, int] | None:
    """A NORP entity that is a country or division adjective ("Iraqi", "Texans"), as a ``demonym`` toponym."""
    name = toks.span(start, end)
    if not gaz.country_codes(name_key(name)) and not gaz.major_key(name_key(name), min_population=10**9) \
            and demonym_base(name, gazetteer=gaz, major=True) is None:
        return None
    return Toponym(toks.start[start], toks.end[end - 1], name, "demonym"), end


def _misread_entity(toks: _Tokens, label: str, start: int, end: int, *, gaz: Gazetteer, persons: set[str],
                    known: frozenset[str], min_population: int, named: frozenset[str] = frozenset(),
                    metonyms: bool = True) -> tuple[Toponym, int] | None:
    """A place NER tagged ORG or PERSON: the whole entity when a place entity of the document has the
    same name ("Torrington" as a team) or, for a one-word PERSON, when it is a well-known place and no
    one's name here; a named border crossing (ORG, or a PERSON of several words: "Bab al-Hawa"); else the
    place that starts an institution's name ("Gainesville Police Department"
    -> "Gainesville") or ends it ("the University of Alexandria")."""
    start, end = _trim(toks, start, end)
    if start >= end:
        return None
    whole = toks.span(start, end)
    key = name_key(whole)
    if (label == "ORG" or end - start > 1) and _titled(whole) \
            and any(r.feature == "border crossing" for r in gaz.lookup(whole)):
        return Toponym(toks.start[start], toks.end[end - 1], whole), end  # "the Kerem Shalom crossing"
    if toks.lower_at(start - 1) in _PLACE_PREPS and all(toks.capital[start:end]) and key not in persons \
            and _town_in(whole, gaz=gaz, named=named):
        return Toponym(toks.start[start], toks.end[end - 1], whole), end  # "in Barranca" read as a firm
    if label == "PERSON":
        if end - start > 2 or whole.lower() in GENERIC or key in _surnames(persons) and key not in known:
            return None
        if toks.lower_at(start - 1).rstrip(".") in TITLES or toks.lemma_at(end) in METONYMIC_SPEECH_VERBS:
            return None
        if key in known or (end - start == 1 and gaz.major_key(key, min_population=min_population)):
            return Toponym(toks.start[start], toks.end[end - 1], whole), end
        return None
    if key in known and all(toks.capital[start:end]):
        return Toponym(toks.start[start], toks.end[end - 1], whole), end  # "Torrington" read as a team or firm
    if metonyms and all(toks.capital[start:end]) and key not in persons and _names_area(whole, gaz=gaz, named=named):
        return Toponym(toks.start[start], toks.end[end - 1], whole), end  # "the DRC", "KwaZulu-Natal" as ORG
    if end - start >= 3 and toks.lower_at(end - 2) == "of" and toks.capital[end - 1]:
        name = toks.span(end - 1, end)  # "the University of Alexandria"
        if gaz.major_key(name_key(name), min_population=ORG_PLACE_POPULATION) and name.lower() not in GENERIC:
            return Toponym(toks.start[end - 1], toks.end[end - 1], name), end
    for n in range(min(3, end - start - 1), 0, -1):  # the longest proper prefix naming a place
        if toks.lower_at(start + n) not in INSTITUTION:
            continue
        name = toks.span(start, start + n)
        if all(toks.capital[start:start + n]) and gaz.has(name) and name.lower() not in GENERIC:
            return Toponym(toks.start[start], toks.end[start + n - 1], name), start + n
    return None


_PLACE_PREPS = frozenset({"in", "near", "outside"})  # before an ORG/PERSON entity, they make a town of it
POLICE_WORDS = frozenset({"police"})  # "<Town> police said": the force of a town is named by the town
POLICE_TOWN_POPULATION = 5_000  # ... when the gazetteer has a town of that own name at least this big


def _police_towns(toks: _Tokens, *, gaz: Gazetteer, covered: list[bool], persons: set[str],
                  ) -> Iterator[tuple[Toponym, int, int]]:
    """The town that names a police force: "Albuquerque police are investigating", "according to Hampton
    police", "the Chester Police Department". Local news names the force of the story's town so, and the
    tagger often reads the name as an adjective or a firm (no entity at all). The capitalised run (1-3 words,
    no NER place already) right before a police word is a toponym when it is the own name of a town of
    :data:`POLICE_TOWN_POPULATION` or more (not an alternate name), no generic word ("State Police", "Metro
    police", "Park Police") and no person's name of the text. Not in ALL-CAPS text, where capitals say
    nothing. Yields (toponym, first token, end token)."""
    if toks.caps:
        return
    for k in range(1, toks.n):
        if toks.lower_at(k) not in POLICE_WORDS or not toks.capital[k - 1] or covered[k - 1]:
            continue
        for n in (3, 2, 1):
            i = k - n
            if i < 0 or not all(toks.capital[i:k]) or any(covered[i:k]):
                continue
            name = toks.span(i, k)
            key = name_key(name)
            if name.lower() in GENERIC or key in persons or toks.lower_at(k - 1) in INSTITUTION:
                continue
            if any(r.feature == "city" and name_key(r.name) == key and r.population >= POLICE_TOWN_POPULATION
                   for r in gaz.lookup(name)):
                yield Toponym(toks.start[i], toks.end[k - 1], name), i, k
                break


def _town_in(name: str, *, gaz: Gazetteer, named: frozenset[str]) -> bool:
    """Whether ``name`` is the own name of a town of :data:`ORG_PLACE_POPULATION` or more in a country the
    document's place names name (``named``: ISO2; "in Barranca" in a story that names Lima)."""
    key = name_key(name)
    return any(r.feature == "city" and name_key(r.name) == key and r.population >= ORG_PLACE_POPULATION
               and r.iso2 in named for r in gaz.lookup(name))


def _names_area(name: str, *, gaz: Gazetteer, named: frozenset[str]) -> bool:
    """Whether an ORG entity's whole text names a country, or a first-level division that is populous
    (:data:`ORG_DIVISION_POPULATION`) or lies in a country the document's place names name (``named``):
    by its own name or a curated abbreviation ("DRC", "NSW"; not another alias, which may be a demonym such as
    "New Yorker"), and not the division of a country never named ("Grad", Slovenia, as a firm)."""
    if name.lower() in GENERIC:
        return False
    key = name_key(name)
    for r in gaz.lookup(name):
        if r.feature not in ("country", "admin1"):
            continue
        own = name_key(r.name) == key or (gaz.is_curated(name, r.id) and name.isupper())
        if own and (r.feature == "country" or r.population >= ORG_DIVISION_POPULATION or r.iso2 in named):
            return True
    return False


def _titled(name: str) -> bool:
    """Whether every word of ``name`` is capitalised, after an article such as "al-" ("Bab al-Hawa")."""
    return all(re.sub(r"^(?:al|el|an|as|ad|ar)-", "", w)[:1].isupper() for w in name.split() if w not in _LINKS)


def _named_site(toks: _Tokens, start: int, end: int, *, gaz: Gazetteer) -> tuple[Toponym, int] | None:
    """A name NER misread that the words before it call a place: "near the town of Samarra" (NORP)."""
    start, end = _trim(toks, start, end)
    if start < 2 or start >= end or toks.lower_at(start - 1) != "of" or \
            toks.lower_at(start - 2) not in SETTLEMENT_WORDS or not all(toks.capital[start:end]):
        return None
    name = toks.span(start, end)
    return (Toponym(toks.start[start], toks.end[end - 1], name), end) if gaz.has(name) else None


def _surnames(persons: set[str]) -> set[str]:
    """Words of multi-word PERSON names of the document (a lone "Jackson" then is that person)."""
    return {w for p in persons if " " in p for w in p.split()}


def _is_major(gaz: Gazetteer, name: str) -> bool:
    return gaz.major_key(name_key(name), min_population=1_000_000)


def _gazetteer_matches(toks: _Tokens, *, gaz: Gazetteer, min_population: int, covered: list[bool],
                       countries: frozenset[str] = frozenset()) -> Iterator[tuple[Toponym, int, int]]:
    """Capitalised proper-noun runs that name a well-known place, and ``<Name> <feature word>`` sites.

    Yields (toponym, first token, end token). One pass over the tokens; runs of 2-4 words are tried
    only from a word that starts a multi-word gazetteer key; tokens in ``covered`` are not starts.
    In ALL-CAPS text a single word must name a major place, or a town of a country in ``countries``.
    """
    skip_ent, stop, capital, capish, text = _ids()["skip_ent"], toks.stop, toks.capital, toks.capish, toks.text
    i, n_tok = 0, toks.n
    while i < n_tok:
        if covered[i] or not capital[i] or stop[i] or toks.ent[i] in skip_ent:
            i += 1
            continue
        first = name_key(text[toks.start[i]:toks.end[i]])
        multi = gaz.starts_key(first.split(" ", 1)[0]) or toks.end[i] == (toks.start[i + 1] if i + 1 < n_tok else -1)
        for n in (4, 3, 2, 1) if multi else (1,):
            if i + n > n_tok or not all(capish[i:i + n]):
                continue
            key = first if n == 1 else name_key(toks.span(i, i + n))
            if not gaz.has_key(key) or (n == 1 and key in GENERIC):
                continue
            end, feature = toks.feature_after(i + n)
            strict = toks.caps and n == 1 and feature is None
            known = gaz.major_key(key, min_population=min_population, strict=strict, countries=countries)
            if (known and toks.propn[i + n - 1]) or (feature and toks.propn[i]):
                yield Toponym(toks.start[i], toks.end[end - 1], toks.span(i, end), feature), i, end
                i = end - 1
                break
        i += 1


# ---------------------------------------------------------------- resolution
