"""Stage extract/merge, its second half: each field of an event chosen from the mentions merged into it.

The most precise place of the event's clauses is its location (or the capital a clause names without its
name), its mode the most specific one reported, its actors the union of its reports', its dead the largest
count reported (plus the dead a later report adds), its wounded likewise; its id hashes the article and the
best report.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from ..knowledge.words import OTHERS
from ..models import Actor, Article, ArticleRef, Place
from .dead_retold import another_victim
from .triggers import MODE_ORDER

ELSEWHERE = "-"  # records.ELSEWHERE: "the provincial capital", a capital not the country's (kept in step)

if TYPE_CHECKING:  # pragma: no cover
    from .records import Mention

__all__ = ["elsewhere", "mode_of", "union", "location", "capital_of", "dead", "wounded", "count", "event_id", "article_ref",
           "PRECISION_RANK"]

PRECISION_RANK = {"site": 0, "city": 1, "admin": 2, "country": 3}


def mode_of(mentions: list[Mention]) -> str | None:
    modes = [m.mode for m in mentions if m.mode]
    ranked = [mode for mode in MODE_ORDER if mode in modes]
    return ranked[0] if ranked else (modes[0] if modes else None)


def union(groups) -> tuple[Actor, ...]:
    seen: list[Actor] = []
    keys = set()
    for group in groups:
        for actor in group:
            key = (actor.name, actor.country, actor.sector)
            if key not in keys:
                keys.add(key)
                seen.append(actor)
    return tuple(seen)


def location(mentions: list[Mention]) -> Place | None:
    """The most precise place of the event's own clauses."""
    places = [p for m in mentions for p in m.places]
    if not places:
        return None
    return min(places, key=lambda p: (PRECISION_RANK.get(p.precision, 4), -p.score))


def capital_of(mentions: list[Mention], main_country: Place | None,
             capital: Callable[[str], Place | None] | None) -> Place | None:
    """The capital a mention's clause names without its name ("in the capital": the story's main country's;
    "in the Salvadoran capital"), resolved by ``capital`` (ISO3 -> its capital's place)."""
    if capital is None:
        return None
    for m in mentions:
        if m.capital_of is not None and m.capital_of != ELSEWHERE:
            country = m.capital_of or (main_country.country if main_country is not None else None)
            if country:
                return capital(country)
    return None


def dead(mentions: list[Mention], injured: int | None = None) -> int | None:
    """The largest count of the event's reports, plus the dead a later report adds ("the driver was also
    killed in the attack"); 0 when no report gives dead but some give wounded (victims reported injured
    only: ``injured``), counting as none the dead a report only called victims (:attr:`Mention.victims`)."""
    if injured and all(m.fatalities is None or m.victims for m in mentions):
        return 0  # "Five people were injured ... The four female victims and one male victim were ...": no dead
    if any(m.fatalities is not None and not m.victims for m in mentions):  # "One person is dead and four others are
        mentions = [m for m in mentions if not m.victims]  # injured ... The officer found one victim and three
        # others": the people a report only calls victims are the story's victims, the dead and the wounded
    base = count(m.fatalities for m in mentions if not m.also)
    extra = [m.fatalities for m in mentions if m.also and m.fatalities]
    if base is None or not extra:
        return count(m.fatalities for m in mentions)
    return base + sum(extra)


def wounded(mentions: list[Mention]) -> int | None:
    """The largest count of wounded of the event's reports, less the dead the event's other reports add to
    those a report said were shot ("Four people were shot ... One of them died at the hospital": 3 wounded;
    "Police say X shot himself" and "X fatally shot himself": none)."""
    values = []
    for m in mentions:
        if m.injured and m.shot and not OTHERS.search(m.clause.text) and not another_victim(m.clause.text):
            # not "another man was found shot", "her mother was also shot" (:mod:`.dead_retold`)
            others = count(o.fatalities for o in mentions if o is not m and not o.victims) or 0
            # (not the dead a report only called victims, "the four victims were approached by ...": the story's
            # victims, whom :func:`dead` reads as the wounded when no report tells a death)
            left = max(0, m.injured - max(0, others - (m.fatalities or 0)))
            # a later report of someone shot whose fate it does not tell, all of them the dead told before ("A
            # teen was fatally shot ... Officers found him suffering from a gunshot wound"), tells no wounded; told
            # first ("X shot himself ... X fatally shot himself"), the shot less the dead are the wounded (0)
            retold = all(o.index < m.index for o in mentions if o is not m and o.fatalities)
            values.append(None if not left and m.fatalities is None and retold else left)
        else:
            values.append(m.injured)
    return count(values)


def count(values) -> int | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    return max(known)


def event_id(article: Article, best: Mention) -> str:
    """Stable: the same article text (and URL) and settings give the same id, whatever the input's id."""
    digest = _article_digest(article.body, article.url or "").copy()  # the article's part, hashed once
    digest.update((f"{best.type}|{best.sentence.start}|{best.trigger}|{best.head}|"
                   f"{best.family}|{best.clause.start}|{best.clause.end}|{best.factuality}").encode("utf-8"))
    return "ev_" + digest.hexdigest()[:16]


@lru_cache(maxsize=8)
def _article_digest(body: str, url: str):
    """SHA-1 state after the part of an event id's key that all events of an article share (the body with
    runs of white space made one space, and the URL); callers copy it before adding their own part."""
    return hashlib.sha1(f"{' '.join(body.split())}|{url}|".encode("utf-8"))


def article_ref(article: Article) -> ArticleRef:
    return ArticleRef(id=article.id, title=article.title, publisher=article.publisher,
                      published=article.published, url=article.url)


def elsewhere(mentions: list[Mention]) -> bool:
    """Does a clause put the event in an unnamed place that is not the story's town ("in the provincial
    capital")?"""
    return any(m.capital_of == ELSEWHERE for m in mentions)
