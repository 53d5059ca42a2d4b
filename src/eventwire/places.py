"""Stage extract/places: find the place names of a document and resolve them to coordinates.

1. :func:`find_toponyms` — spaCy GPE/LOC/FAC entities, checked against the gazetteer (person names the
   small model mistakes for places, and generic words such as "West" or "Gulf", are dropped), extended
   by a following feature word ("Baghdad airport", "Balad air base", "Anbar province"); places NER
   tagged ORG or PERSON ("Gainesville Police Department" -> "Gainesville", a team called like a town
   the document names as a place, a lone well-known place tagged PERSON); country and state
   adjectives tagged NORP ("Iraqi", "Texans") as ``demonym`` toponyms (left out by
   :class:`DocumentPlaces`); plus capitalised names of well-known places NER missed.
2. :class:`Geocoder` — ranks the gazetteer candidates of each name with document context: countries,
   divisions (weighted by mentions) and places resolved in the previous round (a first context-free
   pass, then up to ``ROUNDS`` rounds), a dateline, a following ", Texas" container, feature words,
   population and feature importance, distance to the other places, and a penalty for towns matched
   only by a GeoNames alternate name. A town that won on context yields to a same-name division over
   100 times as populous in a country the document names.
3. :func:`geoparse` / :func:`geoparse_documents` — the public API and the ``eventwire geoparse`` command;
   :class:`DocumentPlaces` — the per-document view the event extractor asks.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from math import log10
from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import UsageError
from .gazetteer import Gazetteer, Record, distance_km, fold, load_gazetteer, read_tsv
from .models import Document, Place

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["Toponym", "Context", "Geocoder", "DocumentPlaces", "find_toponyms", "geoparse",
           "geoparse_documents", "feature_words", "split_feature", "dateline_name", "core_name", "demonym_base",
           "doc_text"]

PLACE_LABELS = ("GPE", "LOC", "FAC")
PRECISION = {"country": "country", "continent": "country", "region": "country", "sea": "country",
             "strait": "country", "island": "admin", "admin1": "admin", "admin2": "admin", "city": "city",
             "airport": "site", "military base": "site"}
TITLES = {"mr", "mrs", "ms", "dr", "gen", "general", "president", "minister", "commander", "leader",
          "sheikh", "ayatollah", "imam", "king", "prince", "colonel", "col", "lt", "sgt", "judge", "officer"}
SPEECH = {"say", "tell", "insist", "add", "slam", "urge", "claim", "deny", "warn", "vow", "promise"}
ALIAS_PENALTY = 0.4  # a town matched only by a GeoNames alternate name (not a curated alias) ranks lower
DIVISION_RATIO = 100  # see _divisions_first
ROUNDS = 3  # context rounds after the context-free first pass
MIN_POPULATION = 100_000  # capitalised names NER missed must be at least this well known
ORG_PLACE_POPULATION = 10_000  # "the University of X": X must name a town at least this big


@dataclass(frozen=True)
class Toponym:
    """A place name in the text: ``text == doc.text[start:end]``; ``feature`` hints at its kind."""

    start: int
    end: int
    text: str
    feature: str | None = None  # airport, military base, admin1, border crossing, ... or None


@dataclass(frozen=True)
class Context:
    """What the document says elsewhere, used to rank candidates of one name."""

    countries: Counter = field(default_factory=Counter)  # ISO3 -> weight
    points: tuple[tuple[float, float], ...] = ()
    admin1: Counter = field(default_factory=Counter)  # (ISO3, admin1) -> weight: divisions named, towns' divisions
    container: tuple[tuple[str | None, str | None], ...] = ()  # ", Texas" -> (("USA", "Texas"),)
    feature: str | None = None


@lru_cache(maxsize=1)
def feature_words() -> dict[tuple[str, ...], tuple[str, str]]:
    """Feature phrases (as token tuples) -> (feature, kind), from ``data/places_features.tsv``."""
    return {tuple(phrase.split()): (feature, kind) for phrase, feature, kind in read_tsv("places_features.tsv")}


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
                  text: str | None = None, demonyms: bool = True) -> list[Toponym]:
    """Place names of a parsed document, in text order (see the module docstring, step 1).

    ``demonyms``: also country/state adjectives NER tags NORP ("Iraqi", "Texan"), as toponyms whose
    ``feature`` is ``"demonym"`` (the geoparsing convention of LGL and GeoWebNews). The event
    extractor leaves them out: there they name actors, not places.

    In ALL-CAPS text (most words upper case) capitals say nothing, so names NER missed are taken
    only when they span several words, end in a feature word or name a major place. ``text`` is
    ``doc.text`` when the caller has it already (spaCy rebuilds that string on every access).
    """
    gaz = gazetteer or load_gazetteer()
    toks = _Tokens(doc, text=text)
    ents = [(e.label_, e.start, e.end) for e in doc.ents]
    persons = _person_words(toks, ents)
    found: dict[int, Toponym] = {}
    covered = [False] * toks.n
    for label, start, end in ents:  # place entities first: names they confirm help read the others
        if label in PLACE_LABELS:
            got = _entity_toponym(toks, start, end, gaz=gaz, persons=persons)
            if got is not None:
                found[got[0].start] = got[0]
                covered[start:got[1]] = [True] * (got[1] - start)
    known = frozenset(fold(split_feature(t.text)[0]) for t in found.values())
    for label, start, end in ents:
        if label == "NORP" and demonyms:
            got = _demonym(toks, start, end, gaz=gaz)
        elif label in ("ORG", "PERSON"):
            got = _misread_entity(toks, label, start, end, gaz=gaz, persons=persons, known=known,
                                  min_population=min_population)
        else:
            continue
        if got is not None:
            top, last = got
            found[top.start] = top
            covered[start:last] = [True] * (last - start)
    countries: frozenset[str] = frozenset()
    for _round in range(2 if toks.caps else 1):  # ALL CAPS: once more, knowing the countries named
        more, taken = dict(found), list(covered)
        for top, i, end in _gazetteer_matches(toks, gaz=gaz, min_population=min_population, covered=taken,
                                              countries=countries):
            if not any(taken[i:end]):
                more[top.start] = top
                taken[i:end] = [True] * (end - i)
        countries = frozenset().union(*(gaz.country_codes(fold(t.text)) for t in more.values()))
    return sorted(more.values(), key=lambda t: t.start)


def _person_words(toks: _Tokens, ents: list[tuple[str, int, int]]) -> set[str]:
    """Folded PERSON names and their capitalised words (every longer word in ALL-CAPS text)."""
    words: set[str] = set()
    for label, start, end in ents:
        if label == "PERSON":
            words.add(fold(toks.span(start, end)))
            for i in range(start, end):
                word = toks.text[toks.start[i]:toks.end[i]]
                if len(word) > 2 and (word.istitle() or (toks.caps and word.isupper())):
                    words.add(fold(word))
    return words


def _trim(toks: _Tokens, start: int, end: int) -> tuple[int, int]:
    """An entity's token range without a leading article ("the") or a trailing possessive ("'s")."""
    ids = _ids()
    while start < end and toks.lower[start] in ids["articles"]:
        start += 1
    while end > start and toks.lower[end - 1] in ids["possessive"]:
        end -= 1
    return start, end


def _entity_toponym(toks: _Tokens, start: int, end: int, *, gaz: Gazetteer,
                    persons: set[str]) -> tuple[Toponym, int] | None:
    """The toponym of one GPE/LOC/FAC entity and its end token, or None when it is no known place."""
    start, end = _trim(toks, start, end)
    if start >= end:
        return None
    name, feature = split_feature(toks.span(start, end))
    if name.lower().rstrip(".") in GENERIC:
        return None
    if feature is None:
        end, feature = toks.feature_after(end)
    if not gaz.has(name) and not gaz.has(toks.span(start, end)) and core_name(name, gazetteer=gaz) is None:
        return None
    if fold(name) in persons and not _is_major(gaz, name):
        return None
    before = toks.lower_at(start - 1).rstrip(".")
    if before in TITLES or (toks.lemma_at(end) in SPEECH and not _is_major(gaz, name)):
        return None
    return Toponym(toks.start[start], toks.end[end - 1], toks.span(start, end), feature), end


GENERIC = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                     "northern", "southern", "eastern", "western", "central", "midwest", "gulf", "lake", "river",
                     "metro", "union", "federal", "act", "man", "soul", "city", "town", "county", "park", "springs",
                     "valley", "island", "bay", "beach", "harbor", "hills", "heights", "downtown", "state", "titan",
                     "white", "black", "green", "red", "border", "supreme", "justice", "commerce", "patrol"})
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


def core_name(text: str, *, gazetteer: Gazetteer) -> str | None:
    """The gazetteer name inside a part, district or township name the gazetteer lacks
    ("South Los Angeles" -> "Los Angeles", "Loudon Co." -> "Loudon County"), else None."""
    text = text.strip().rstrip(".") if not text.endswith("Co.") else text.strip()
    for pattern, repl in _CORE:
        if pattern.match(text):
            inner = pattern.sub(repl, text)
            if inner.lower() not in GENERIC and gazetteer.has(inner):
                return inner
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
            key = fold(base)
            if key in GENERIC or not gazetteer.has_key(key):
                continue
            if not major or gazetteer.major_key(key, min_population=MIN_POPULATION):
                return base
    return None


def _demonym(toks: _Tokens, start: int, end: int, *, gaz: Gazetteer) -> tuple[Toponym, int] | None:
    """A NORP entity that is a country or division adjective ("Iraqi", "Texans"), as a ``demonym`` toponym."""
    name = toks.span(start, end)
    if not gaz.country_codes(fold(name)) and not gaz.major_key(fold(name), min_population=10**9) \
            and demonym_base(name, gazetteer=gaz, major=True) is None:
        return None
    return Toponym(toks.start[start], toks.end[end - 1], name, "demonym"), end


def _misread_entity(toks: _Tokens, label: str, start: int, end: int, *, gaz: Gazetteer, persons: set[str],
                    known: frozenset[str], min_population: int) -> tuple[Toponym, int] | None:
    """A place NER tagged ORG or PERSON: the whole entity when a place entity of the document has the
    same name ("Torrington" as a team) or, for a one-word PERSON, when it is a well-known place and no
    one's name here; else the place that starts an institution's name ("Gainesville Police Department"
    -> "Gainesville") or ends it ("the University of Alexandria")."""
    start, end = _trim(toks, start, end)
    if start >= end:
        return None
    whole = toks.span(start, end)
    key = fold(whole)
    if label == "PERSON":
        if end - start > 2 or whole.lower() in GENERIC or key in _surnames(persons) and key not in known:
            return None
        if toks.lower_at(start - 1).rstrip(".") in TITLES or toks.lemma_at(end) in SPEECH:
            return None
        if key in known or (end - start == 1 and gaz.major_key(key, min_population=min_population)):
            return Toponym(toks.start[start], toks.end[end - 1], whole), end
        return None
    if key in known and all(toks.capital[start:end]):
        return Toponym(toks.start[start], toks.end[end - 1], whole), end  # "Torrington" read as a team or firm
    if end - start >= 3 and toks.lower_at(end - 2) == "of" and toks.capital[end - 1]:
        name = toks.span(end - 1, end)  # "the University of Alexandria"
        if gaz.major_key(fold(name), min_population=ORG_PLACE_POPULATION) and name.lower() not in GENERIC:
            return Toponym(toks.start[end - 1], toks.end[end - 1], name), end
    for n in range(min(3, end - start - 1), 0, -1):  # the longest proper prefix naming a place
        if toks.lower_at(start + n) not in INSTITUTION:
            continue
        name = toks.span(start, start + n)
        if all(toks.capital[start:start + n]) and gaz.has(name) and name.lower() not in GENERIC:
            return Toponym(toks.start[start], toks.end[start + n - 1], name), start + n
    return None


def _surnames(persons: set[str]) -> set[str]:
    """Words of multi-word PERSON names of the document (a lone "Jackson" then is that person)."""
    return {w for p in persons if " " in p for w in p.split()}


def _is_major(gaz: Gazetteer, name: str) -> bool:
    return gaz.major_key(fold(name), min_population=1_000_000)


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
        first = fold(text[toks.start[i]:toks.end[i]])
        multi = gaz.starts_key(first.split(" ", 1)[0]) or toks.end[i] == (toks.start[i + 1] if i + 1 < n_tok else -1)
        for n in (4, 3, 2, 1) if multi else (1,):
            if i + n > n_tok or not all(capish[i:i + n]):
                continue
            key = first if n == 1 else fold(toks.span(i, i + n))
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


class Geocoder:
    """Resolves place names to :class:`~eventwire.models.Place` with document-level disambiguation."""

    def __init__(self, *, gazetteer: Gazetteer | None = None):
        self._gaz = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return self._gaz

    def candidates(self, text: str) -> tuple[str, str | None, list[Record]]:
        """(name, feature hint, records) for a toponym text, trying the full text before the bare name."""
        text = re.sub(r"^(the|The)\s+", "", text.strip()).rstrip(".")
        text = re.sub(r"['’]s$", "", text)
        name, feature = split_feature(text)
        records = self.gazetteer.lookup(text)
        if feature and records:
            return text, None, records
        records = records if feature is None else self.gazetteer.lookup(name)
        if not records and feature is None:
            gaz = self.gazetteer
            inner = core_name(text, gazetteer=gaz) or demonym_base(text, gazetteer=gaz, major=True)
            if inner is not None:
                return inner, None, self.gazetteer.lookup(inner)
        return name, feature, records

    def resolve(self, toponym_text: str, *, context: Context | None = None) -> Place | None:
        """The best place for one name given ``context`` (None when the gazetteer has no candidate)."""
        context = context or Context()
        text = toponym_text
        if "," in toponym_text:  # "Paris, Texas": the part after the comma contains the place
            head, _, tail = toponym_text.partition(",")
            box = self.containers(tail)
            if box and self.candidates(head)[2]:
                text, context = head, _replace(context, container=box)
        name, feature, records = self.candidates(text)
        feature = feature or context.feature
        states = self.gazetteer.county_states(text) if feature == "admin2" else ()
        if states and not context.container:
            context = _replace(context, container=tuple(("USA", s) for s in states))
        if not records:
            return None
        ranked = sorted(((self._score(r, name=name, feature=feature, context=context), r) for r in records),
                        key=lambda x: (-x[0], x[1].id))
        if not context.container:
            ranked = _divisions_first(ranked, name=name, countries=context.countries)
        best_score, best = ranked[0]
        margin = best_score - (ranked[1][0] if len(ranked) > 1 else 0.0)
        score = round(min(0.99, 0.5 + margin / 2 + (0.1 if len(ranked) == 1 else 0.0)), 3)
        if feature in ("airport", "military base"):
            site = self._site(best, name=name, feature=feature)
            if site is not None:
                return _place(toponym_text, site, score=score)
        return _place(toponym_text, best, score=score, feature=feature)

    def containers(self, text: str) -> tuple[tuple[str | None, str | None], ...]:
        """(ISO3, admin1) pairs that a name such as ``"Texas"`` or ``"France"`` can stand for."""
        return tuple((r.country, r.admin1 if r.feature == "admin1" else None)
                     for r in self.gazetteer.lookup(text.strip()) if r.feature in ("admin1", "country"))

    def _score(self, r: Record, *, name: str, feature: str | None, context: Context) -> float:
        s = _importance(r)
        if fold(r.name) == fold(name):
            s += 0.1
        elif r.feature in ("city", "airport", "military base") and not self.gazetteer.is_curated(name, r.id):
            s -= ALIAS_PENALTY  # a GeoNames alternate name ("Paris" for Swainsboro): the main name ranks first
        if feature == r.feature and feature in ("admin1", "admin2"):
            s += 1.0
        if feature in ("airport", "military base") and r.feature in ("airport", "military base"):
            s -= 0.3  # "X base": X names the town; the site is looked up next to it
        if context.container:
            s += 2.0 if any(c == r.country and (a is None or a == r.admin1) for c, a in context.container) else -1.0
        total = sum(context.countries.values())
        if total and r.country:
            share = context.countries.get(r.country, 0) / total
            s += 0.6 * share + (0.2 if share else -0.1)
        elif total:
            s += 0.4  # a region or continent fits any document
        weight = context.admin1.get((r.country, r.admin1), 0) if r.admin1 else 0
        if weight and r.feature != "admin1":
            s += 0.2 + 0.1 * min(weight, 3.0)  # the state/province the document is about
        if context.points and r.feature not in ("country", "continent"):
            near = _nearest_km(r.lat, r.lon, context.points)
            s += 0.4 if near < 50 else 0.25 if near < 200 else 0.1 if near < 800 else 0.0
        return s

    def _site(self, town: Record, *, name: str, feature: str) -> Record | None:
        """The airport (largest first) or base serving ``name`` or lying near the resolved town."""
        gaz = self.gazetteer
        pool = {r.id: r for r in gaz.airports_of(name) if r.country == town.country}
        if town.feature in ("city", "admin1"):
            km = 40 if town.feature == "city" else 150
            pool.update({r.id: r for r in gaz.sites_near(town.lat, town.lon, km=km)})
        if town.feature in ("airport", "military base"):
            pool[town.id] = town
        if not pool:
            return None
        want = "airport" if feature == "airport" else "military base"
        return max(pool.values(), key=lambda r: (
            r.feature == want, fold(name) in fold(r.name), r.population,
            -distance_km(town.lat, town.lon, r.lat, r.lon)))

    def resolve_all(self, toponyms: list[Toponym], *, text: str = "", dateline: str | None = None
                    ) -> list[Place | None]:
        """Resolve every toponym of one document; each name sees what the others resolved to.

        Repeated names are resolved once per distinct (text, container, feature, context). ``dateline``:
        the place of a wire dateline cleaned out of the text ("SAN SALVADOR, 3 JAN 90 -- ...").
        """
        base = Context()
        dateline = dateline or dateline_name(text)
        if dateline:
            first = self.resolve(dateline)
            if first is not None and first.country:
                base = Context(countries=Counter({first.country: 2}))
        boxes = [self._container_of(toponyms, k, text) for k in range(len(toponyms))]
        memo: dict[tuple, Place | None] = {}
        first_pass = []
        for t, box in zip(toponyms, boxes):
            key = (t.text, box, t.feature)
            if key not in memo:
                memo[key] = self.resolve(t.text, context=_replace(base, container=box, feature=t.feature))
            first_pass.append(memo[key])
        out = first_pass
        for _round in range(ROUNDS):  # each round sees the others' latest picks ("Georgia" then "Atlanta")
            out, before = self._pass(toponyms, boxes, out, base=base), out
            if out == before:
                break
        return out

    def _pass(self, toponyms: list[Toponym], boxes: list, previous: list[Place | None], *,
              base: Context) -> list[Place | None]:
        out, contexts, memo = [], {}, {}
        for k, (t, box) in enumerate(zip(toponyms, boxes)):
            name = fold(split_feature(t.text)[0])
            own = previous[k]
            # the context leaves out this toponym's own result unless the same-name rule already does
            ctx_key = (name, None if own is None or fold(own.text) == name else k)
            if ctx_key not in contexts:
                contexts[ctx_key] = _document_context(previous, base=base, skip=k, name=name)
            key = (t.text, box, t.feature, ctx_key)
            if key not in memo:
                memo[key] = self.resolve(t.text, context=_replace(contexts[ctx_key], container=box, feature=t.feature))
            out.append(memo[key])
        return out

    def _container_of(self, toponyms: list[Toponym], k: int, text: str) -> tuple:
        if k + 1 >= len(toponyms) or not text:
            return ()
        gap = text[toponyms[k].end:toponyms[k + 1].start]
        return self.containers(toponyms[k + 1].text) if gap.strip() == "," else ()


def _divisions_first(ranked: list[tuple[float, Record]], *, name: str,
                     countries: Counter) -> list[tuple[float, Record]]:
    """A town that won on context yields to a division of exactly its name that is over ``DIVISION_RATIO``
    times as populous and lies in a country the document names ("California" is the state even in a
    text about Maryland; "Lebanon" in a text about Indiana stays the town)."""
    top = ranked[0][1]
    if top.feature != "city":
        return ranked
    key = fold(name)
    for k, (score, r) in enumerate(ranked[1:], start=1):
        if r.feature == "admin1" and fold(r.name) == key and r.population > DIVISION_RATIO * top.population \
                and (not countries or r.country in countries):
            return [ranked[k]] + ranked[:k] + ranked[k + 1:]
    return ranked


def _importance(r: Record) -> float:
    if r.feature == "country":
        return 1.5
    if r.feature in ("continent", "region", "island", "sea"):
        return 0.9
    if r.feature == "admin1":
        return 0.75
    if r.feature == "admin2":
        return 0.35 + 0.25 * min(1.0, log10(r.population + 1) / 7)
    if r.feature in ("airport", "military base"):
        return 0.2 + 0.1 * r.population
    return min(1.0, log10(r.population + 1) / 7)


def _document_context(places: list[Place | None], *, base: Context, skip: int, name: str) -> Context:
    """What the other resolved places say: countries (a country mention counts 2), divisions (a named
    division counts 1, a town's division 0.5), and points of towns and sites."""
    countries = Counter(base.countries)
    points, admin1 = [], Counter()
    for k, p in enumerate(places):
        if p is None or k == skip or fold(p.text) == name:
            continue
        if p.country:
            countries[p.country] += 2 if p.precision == "country" else 1
        if p.precision == "admin" and p.admin1:
            admin1[(p.country, p.admin1)] += 1.0
        elif p.precision in ("city", "site") and p.lat is not None:
            points.append((p.lat, p.lon))
            if p.admin1:
                admin1[(p.country, p.admin1)] += 0.5
    return Context(countries=countries, points=tuple(points), admin1=admin1)


def _nearest_km(lat: float, lon: float, points: tuple[tuple[float, float], ...]) -> float:
    """Distance to the nearest point by the equirectangular approximation (within ~1% below 1,000 km;
    only compared with thresholds of 50-800 km)."""
    from math import cos, radians, sqrt

    k = cos(radians(lat))
    best = min(((la - lat) ** 2 + ((lo - lon + 180.0) % 360.0 - 180.0) ** 2 * k * k for la, lo in points))
    return 111.2 * sqrt(best)


def doc_text(doc: "Doc") -> str:
    """``doc.text`` without building a ``Token`` per word (token strings and trailing spaces from arrays)."""
    from spacy.attrs import ORTH, SPACY

    strings = doc.vocab.strings
    return "".join(strings[o] + " " if sp else strings[o] for o, sp in doc.to_array([ORTH, SPACY]).tolist())


def _replace(context: Context, **changes) -> Context:
    from dataclasses import replace

    return replace(context, **changes)


def _place(text: str, r: Record, *, score: float, feature: str | None = None) -> Place:
    feat = r.feature
    if feature and feature not in ("admin1", "admin2", "demonym") and r.feature in ("city", "admin1"):
        feat = feature  # "Rafah border crossing": the town's coordinates, the feature named
    return Place(text=text, name=r.name, country=r.country, admin1=r.admin1, lat=round(r.lat, 5),
                 lon=round(r.lon, 5), geonameid=r.geonameid, feature=feat,
                 precision=PRECISION.get(r.feature, "city"), score=score)


# ---------------------------------------------------------------- public API


def _given_toponyms(text: str, spans: Iterable) -> list[Toponym]:
    out = []
    for item in spans:
        start, end = (item["start"], item["end"]) if isinstance(item, dict) else item
        if not (0 <= int(start) <= int(end) <= len(text)):
            raise UsageError(f"toponym span ({start}, {end}) lies outside the text of length {len(text)}; "
                             "give character offsets into the same text")
        surface = text[int(start):int(end)]
        out.append(Toponym(int(start), int(end), surface, split_feature(surface)[1]))
    return out


def geoparse(text: str, *, toponyms: list | None = None, nlp=None,
             gazetteer: Gazetteer | None = None) -> list[Place | None]:
    """Places of ``text`` in text order: found ones, or exactly one entry per given ``(start, end)`` span."""
    geocoder = Geocoder(gazetteer=gazetteer)
    if toponyms is not None:
        return geocoder.resolve_all(_given_toponyms(text, toponyms), text=text)
    if nlp is None:
        from .nlp import load_nlp

        nlp = load_nlp()
    found = find_toponyms(nlp(text), gazetteer=geocoder.gazetteer, text=text)
    return geocoder.resolve_all(found, text=text)


def geoparse_documents(docs: Iterable[Document], *, nlp=None,
                       gazetteer: Gazetteer | None = None) -> Iterator[dict]:
    """``{"id", "places": [Place dict or None, ...]}`` per document (the ``eventwire geoparse`` command)."""
    for doc in docs:
        spans = list(doc.toponyms) if doc.toponyms is not None else None
        places = geoparse(doc.text, toponyms=spans, nlp=nlp, gazetteer=gazetteer)
        yield {"id": doc.id, "places": [asdict(p) if p else None for p in places]}


class DocumentPlaces:
    """All places of one parsed document, found and resolved once, for the event extractor."""

    def __init__(self, doc: "Doc", *, geocoder: Geocoder | None = None, dateline: str | None = None):
        self.doc = doc
        self.dateline = dateline
        self._geocoder = geocoder or Geocoder()
        self._pairs: list[tuple[Toponym, Place]] | None = None

    @property
    def pairs(self) -> list[tuple[Toponym, Place]]:
        """(toponym, place) for every resolved toponym, in text order."""
        if self._pairs is None:
            text = doc_text(self.doc)  # spaCy rebuilds ``doc.text`` token by token on every access
            tops = find_toponyms(self.doc, gazetteer=self._geocoder.gazetteer, text=text, demonyms=False)
            places = self._geocoder.resolve_all(tops, text=text, dateline=self.dateline)
            self._pairs = [(t, p) for t, p in zip(tops, places) if p is not None]
        return self._pairs

    def places_in(self, start_char: int, end_char: int) -> list[tuple[Toponym, Place]]:
        """Resolved toponyms lying inside ``[start_char, end_char)``."""
        return [(t, p) for t, p in self.pairs if t.start >= start_char and t.end <= end_char]

    def document_countries(self) -> Counter:
        """ISO3 -> number of mentions of places in that country."""
        return Counter(p.country for _t, p in self.pairs if p.country)

    def main_country(self) -> str | None:
        """The most mentioned country, or None when no place resolved."""
        common = self.document_countries().most_common(1)
        return common[0][0] if common else None
