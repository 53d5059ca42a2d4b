"""Stage extract/places: find the place names of a document and resolve them to coordinates.

1. :func:`find_toponyms` — spaCy GPE/LOC/FAC entities, checked against the gazetteer (person names the
   small model mistakes for places are dropped), extended by a following feature word ("Baghdad
   airport", "Balad air base", "Anbar province"), plus capitalised names of well-known places NER missed.
2. :class:`Geocoder` — ranks the gazetteer candidates of each name with document context: countries
   and places already resolved, a dateline, a following ", Texas" container, feature words, population
   and feature importance, distance to the other places of the document.
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
           "geoparse_documents", "feature_words", "split_feature", "dateline_name"]

PLACE_LABELS = ("GPE", "LOC", "FAC")
PRECISION = {"country": "country", "continent": "country", "region": "country", "sea": "country",
             "strait": "country", "admin1": "admin", "admin2": "admin", "city": "city",
             "airport": "site", "military base": "site"}
TITLES = {"mr", "mrs", "ms", "dr", "gen", "general", "president", "minister", "commander", "leader",
          "sheikh", "ayatollah", "imam", "king", "prince", "colonel", "col", "lt", "sgt", "judge", "officer"}
SPEECH = {"say", "tell", "insist", "add", "slam", "urge", "claim", "deny", "warn", "vow", "promise"}
MIN_POPULATION = 100_000  # capitalised names NER missed must be at least this well known


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
    admin1: frozenset = frozenset()  # (ISO3, admin1) of divisions mentioned
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


def find_toponyms(doc: "Doc", *, gazetteer: Gazetteer | None = None,
                  min_population: int = MIN_POPULATION) -> list[Toponym]:
    """Place names of a parsed document, in text order (see the module docstring, step 1)."""
    gaz = gazetteer or load_gazetteer()
    persons = _person_words(doc)
    found: dict[int, Toponym] = {}
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        top = _entity_toponym(doc, ent, gaz=gaz, persons=persons)
        if top is not None:
            found[top.start] = top
    taken = [(t.start, t.end) for t in found.values()]
    for top in _gazetteer_matches(doc, gaz=gaz, min_population=min_population):
        if not any(s < top.end and top.start < e for s, e in taken):
            found[top.start] = top
            taken.append((top.start, top.end))
    return sorted(found.values(), key=lambda t: t.start)


def _person_words(doc: "Doc") -> set[str]:
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            words.add(fold(ent.text))
            words.update(fold(t.text) for t in ent if len(t.text) > 2 and t.is_title)
    return words


def _entity_toponym(doc: "Doc", ent, *, gaz: Gazetteer, persons: set[str]) -> Toponym | None:
    start, end = ent.start, ent.end
    while start < end and doc[start].lower_ in ("the", "a"):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    if start >= end:
        return None
    name, feature = split_feature(doc[start:end].text)
    if feature is None:
        end, feature = _extend_feature(doc, end)
    if not gaz.has(name) and not gaz.has(doc[start:end].text):
        return None
    if fold(name) in persons and not _is_major(gaz, name):
        return None
    before = doc[start - 1].lower_.rstrip(".") if start > 0 else ""
    after = doc[end].lemma_.lower() if end < len(doc) else ""
    if before in TITLES or (after in SPEECH and not _is_major(gaz, name)):
        return None
    span = doc[start:end]
    return Toponym(span.start_char, span.end_char, span.text, feature)


def _extend_feature(doc: "Doc", end: int) -> tuple[int, str | None]:
    """Take a feature phrase right after token ``end`` into the name: ``Baghdad`` + ``airport``."""
    for n in (3, 2, 1):
        words = tuple(t.lower_ for t in doc[end:end + n])
        if len(words) == n and words in feature_words():
            return end + n, feature_words()[words][0]
    return end, None


def _is_major(gaz: Gazetteer, name: str) -> bool:
    return any(r.feature in ("country", "admin1", "continent", "region") or r.population >= 1_000_000
               for r in gaz.lookup(name))


def _gazetteer_matches(doc: "Doc", *, gaz: Gazetteer, min_population: int) -> Iterator[Toponym]:
    """Capitalised proper-noun runs that name a well-known place, and ``<Name> <feature word>`` sites."""
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not (tok.is_title or tok.is_upper) or tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.is_stop:
            i += 1
            continue
        for n in (4, 3, 2, 1):
            span = doc[i:i + n]
            if len(span) < n or any(not (t.is_title or t.is_upper or t.lower_ in ("al", "of", "el")) for t in span):
                continue
            end, feature = _extend_feature(doc, i + n)
            known = [r for r in gaz.lookup(span.text)
                     if r.feature in ("country", "admin1", "continent", "region") or r.population >= min_population]
            if (known and span[-1].pos_ == "PROPN") or (feature and gaz.has(span.text) and tok.pos_ == "PROPN"):
                full = doc[i:end]
                yield Toponym(full.start_char, full.end_char, full.text, feature)
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
        return name, feature, (records if feature is None else self.gazetteer.lookup(name))

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
        if feature == "admin1" and r.feature == "admin1":
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
        if (r.country, r.admin1) in context.admin1 and r.feature != "admin1":
            s += 0.3
        if context.points and r.feature not in ("country", "continent"):
            near = min(distance_km(r.lat, r.lon, la, lo) for la, lo in context.points)
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

    def resolve_all(self, toponyms: list[Toponym], *, text: str = "") -> list[Place | None]:
        """Resolve every toponym of one document; each name sees what the others resolved to."""
        base = Context()
        dateline = dateline_name(text)
        if dateline:
            first = self.resolve(dateline)
            if first is not None and first.country:
                base = Context(countries=Counter({first.country: 2}))
        boxes = [self._container_of(toponyms, k, text) for k in range(len(toponyms))]
        first_pass = [self.resolve(t.text, context=_replace(base, container=b, feature=t.feature))
                      for t, b in zip(toponyms, boxes)]
        out = []
        for k, (t, box) in enumerate(zip(toponyms, boxes)):
            ctx = _document_context(first_pass, base=base, skip=k, name=fold(split_feature(t.text)[0]))
            out.append(self.resolve(t.text, context=_replace(ctx, container=box, feature=t.feature)))
        return out

    def _container_of(self, toponyms: list[Toponym], k: int, text: str) -> tuple:
        if k + 1 >= len(toponyms) or not text:
            return ()
        gap = text[toponyms[k].end:toponyms[k + 1].start]
        return self.containers(toponyms[k + 1].text) if gap.strip() == "," else ()


def _importance(r: Record) -> float:
    if r.feature == "country":
        return 1.5
    if r.feature in ("continent", "region"):
        return 0.9
    if r.feature == "admin1":
        return 0.75
    if r.feature in ("airport", "military base"):
        return 0.2 + 0.1 * r.population
    return min(1.0, log10(r.population + 1) / 7)


def _document_context(places: list[Place | None], *, base: Context, skip: int, name: str) -> Context:
    countries = Counter(base.countries)
    points, admin1 = [], set()
    for k, p in enumerate(places):
        if p is None or k == skip or fold(p.text) == name:
            continue
        if p.country:
            countries[p.country] += 2 if p.precision == "country" else 1
        if p.precision == "admin":
            admin1.add((p.country, p.admin1))
        elif p.precision in ("city", "site") and p.lat is not None:
            points.append((p.lat, p.lon))
    return Context(countries=countries, points=tuple(points), admin1=frozenset(admin1))


def _replace(context: Context, **changes) -> Context:
    from dataclasses import replace

    return replace(context, **changes)


def _place(text: str, r: Record, *, score: float, feature: str | None = None) -> Place:
    feat = r.feature
    if feature and feature not in ("admin1", "admin2") and r.feature in ("city", "admin1"):
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
    found = find_toponyms(nlp(text), gazetteer=geocoder.gazetteer)
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

    def __init__(self, doc: "Doc", *, geocoder: Geocoder | None = None):
        self.doc = doc
        self._geocoder = geocoder or Geocoder()
        self._pairs: list[tuple[Toponym, Place]] | None = None

    @property
    def pairs(self) -> list[tuple[Toponym, Place]]:
        """(toponym, place) for every resolved toponym, in text order."""
        if self._pairs is None:
            tops = find_toponyms(self.doc, gazetteer=self._geocoder.gazetteer)
            places = self._geocoder.resolve_all(tops, text=self.doc.text)
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
