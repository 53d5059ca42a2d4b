"""What two event reports share: the signature of one event and the features of a pair of them.

A :class:`Signature` is computed once per event from what the event carries (no re-reading of articles):
its type, day, place, counts, the words of its evidence, mentions and article title, and the proper names its
sentences use. :func:`pair_features` turns two signatures into the numbers the join model weighs
(:mod:`eventwire.incidents.model`); :data:`FEATURES` names them in order.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ..models import Event
from .days import day_number

__all__ = ["Signature", "signature", "article_terms", "pair_features", "FEATURES", "distance_km", "day_number"]

#: The pair features, in the order of :func:`pair_features` and of the model's weights.
FEATURES = (
    "bias", "same_day", "day_gap", "both_exact_days_differ", "distance", "far_apart", "no_distance", "same_place",
    "fatalities_agree", "fatalities_differ", "injured_agree", "injured_differ", "words", "title_words",
    "names", "published_gap", "article_names", "article_words",
)
ARTICLE_NAMES = 20  # an article's most frequent proper names kept for comparison
ARTICLE_WORDS = 40  # and its most frequent content words

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)\b")
# Function words and the words every report of a violent event uses: they say nothing about WHICH event.
_STOP = frozenset("""
a about after again against all also an and any are as at be been before being but by can could did do does
during each for from had has have he her his how i if in into is it its just man men more most no not of on
one or other our out over said says she so some such than that the their them then there these they this those
through to two under up was we were what when where which while who whom why will with woman women would year
years old police officers officer say told according reported report reports people person shot shooting
shootings killed kill dead death died wounded injured injuries hospital gun guns fire fired new news local
monday tuesday wednesday thursday friday saturday sunday night morning afternoon evening day week today
yesterday last early late about near around just
""".split())
FAR_KM = 50.0  # two towns this far apart are rarely one incident's place (unless a geocoder erred)
_CAP_TITLE = 0.6  # a title whose words are mostly capitalised is Title Case: its capitals are no names


@dataclass(frozen=True)
class Signature:
    """What grouping compares of one event (see :func:`signature`)."""

    event_id: str
    article: str | None
    family: str
    day: int | None  # days since 0001-01-01 of the event's date
    exact_day: bool  # the text gave the day (not the publication-date fallback)
    published: int | None
    lat: float | None
    lon: float | None
    place: str | None  # the place's name when it is a town or finer
    country: str | None
    admin1: str | None
    fatalities: int | None
    injured: int | None
    words: frozenset[str]
    title_words: frozenset[str]
    names: frozenset[str]
    confidence: float
    article_names: frozenset[str] = frozenset()  # the whole article's (see :func:`article_terms`)
    article_words: frozenset[str] = frozenset()


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "") if len(w) > 2 and w.lower() not in _STOP}


def _names(texts: list[str]) -> set[str]:
    """Capitalised words inside sentences (not sentence-initial): people's and streets' names."""
    found: set[str] = set()
    for text in texts:
        for match in _NAME.finditer(text or ""):
            word = match.group(1)
            if word.lower() not in _STOP and len(word) > 2:
                found.add(word.lower())
    return found


def _title_case(title: str) -> bool:
    words = [w for w in _WORD.findall(title) if w[0].isalpha() and len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= _CAP_TITLE


def article_terms(article: Any) -> dict[str, list[str]]:
    """An article's most frequent proper names and content words (``{"names", "words"}``): what its reports
    share with other articles' reports of the same incident (the victim's name, the street) beyond one
    sentence. Kept with the article in the store."""
    from collections import Counter

    body = getattr(article, "body", "") or ""
    sentences = re.split(r"(?<=[.!?])\s+", body)
    names = Counter(n for sentence in sentences for n in _names([sentence]))
    words = Counter(w.lower() for w in _WORD.findall(body) if len(w) > 3 and w.lower() not in _STOP)
    def top(counts: Counter, n: int) -> list[str]:  # ties by the word itself: the same on every run
        return sorted(sorted(counts, key=lambda w: (-counts[w], w))[:n])

    return {"names": top(names, ARTICLE_NAMES), "words": top(words, ARTICLE_WORDS)}


def signature(event: Event, terms: dict[str, list[str]] | None = None) -> Signature:
    """The :class:`Signature` of ``event`` (with its article's :func:`article_terms`, where known)."""
    loc = event.location
    texts = [event.evidence.text, *(m.text for m in event.mentions)]
    title = event.article.title or ""
    names = _names(texts)
    if title and not _title_case(title):
        names |= _names([title])
    fine = loc is not None and loc.precision in ("site", "city") and loc.lat is not None and loc.lon is not None
    day = day_number(event.date)
    return Signature(
        event_id=event.event_id, article=event.article.id, family=event.type,
        day=day, exact_day=day is not None and event.date_precision == "day",
        published=day_number(event.article.published),
        lat=loc.lat if fine else None, lon=loc.lon if fine else None,
        place=loc.name.casefold() if fine and loc.name else None,
        country=loc.country if loc else None, admin1=loc.admin1 if loc else None,
        fatalities=event.fatalities, injured=event.injured,
        words=frozenset(_words(" ".join(texts))), title_words=frozenset(_words(title)),
        names=frozenset(names), confidence=event.confidence,
        article_names=frozenset((terms or {}).get("names", ())),
        article_words=frozenset((terms or {}).get("words", ())),
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _counts(x: int | None, y: int | None) -> tuple[float, float]:
    if x is None or y is None:
        return 0.0, 0.0
    return (1.0, 0.0) if x == y else (0.0, 1.0)


def pair_features(a: Signature, b: Signature) -> list[float]:
    """The :data:`FEATURES` of two signatures (symmetric)."""
    gap = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    located = a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None
    km = distance_km(a.lat, a.lon, b.lat, b.lon) if located else None
    pub = abs(a.published - b.published) if a.published is not None and b.published is not None else 0
    return [
        1.0,
        1.0 if gap == 0 else 0.0,
        min(gap, 30) / 7 if gap is not None else 1.0,
        1.0 if gap and a.exact_day and b.exact_day else 0.0,
        math.log1p(km) / math.log1p(100) if km is not None else 0.0,
        1.0 if km is not None and km > FAR_KM else 0.0,
        0.0 if located else 1.0,
        1.0 if a.place and a.place == b.place else 0.0,
        *_counts(a.fatalities, b.fatalities),
        *_counts(a.injured, b.injured),
        _jaccard(a.words, b.words),
        _jaccard(a.title_words, b.title_words),
        min(len(a.names & b.names), 3) / 3,
        min(pub, 60) / 30,
        min(len(a.article_names & b.article_names), 5) / 5,
        _jaccard(a.article_words, b.article_words),
    ]
