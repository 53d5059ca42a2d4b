"""The whole pipeline on one screen.

    read -> nlp -> events (triggers, actors, places, dates, casualties) -> merge -> learn -> store

``read`` turns files into :class:`~eventwire.models.Document` and cleans each into an
:class:`~eventwire.models.Article`; ``nlp`` parses the body with spaCy; ``events`` finds every mention of an
event and codes it (``actors`` and ``places`` resolve its parties and places); ``merge`` joins the mentions of
one event; ``learn`` keeps the candidates its event-ness model judges real events of their type and sets their
calibrated ``confidence`` (and keeps totals out of casualty counts); ``store`` writes articles and events to DuckDB, one transaction per article (:func:`ingest_into`).
Every heavy resource (the spaCy pipeline, the geocoder and its gazetteer, the actor knowledge base, the
lexicon) comes from :class:`Resources`: given by the caller, or loaded lazily once per process.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .actors.kb import ActorKB, load_actor_kb
from .read.clean import clean
from .events.implicit import fill_implicit
from .events.dates import find_timexes, past_reader, tense_reader
from .errors import EventwireError, InputError
from .events.mentions import find_mentions
from .events.records import new_article_state
from .read.files import document_from_text, iter_documents
from .knowledge.lexicon import Lexicon, load_lexicon
from .events.merge import merge
from .events.backrefs import told_in_other_lines
from .events.acled import coded
from .learn.aggregates import drop_aggregate_counts
from .models import Actor, Article, Coder, Document, Event, Place, Skipped, replace
from .nlp.model import load_nlp, nlp_text
from .places.geocoder import DocumentPlaces, Geocoder
from .places.locality import (dateline_place, find_dateline, headline_place, institution_name, publisher_place,
                              publisher_state, setting, town_part)
from .places.surroundings import locale_countries

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from .events.records import ArticleState, Mention
    from .learn import Eventness
    from .learn.roles import RoleChooser
    from .learn.types import TypeCoder
    from .store.database import Store


@dataclass(frozen=True)
class Resources:
    """The heavy things extraction needs. Defaults load lazily, once per process.

    ``eventness`` is the learned filter over the rules' candidates (default: the packaged weights), ``types``
    the learned type coder over the events it keeps (default: the packaged weights), ``roles`` the learned
    actor/recipient chooser over the typed events (default: the packaged weights); ``learned=False`` turns
    all three off, which gives the rules' raw candidates (what their training scripts read).
    """

    nlp: "Language | None" = None
    geocoder: Geocoder | None = None  # holds the gazetteer (``geocoder.gazetteer``)
    lexicon: Lexicon | None = None
    actor_kb: ActorKB | None = None
    batch_size: int = 16
    eventness: "Eventness | None" = None
    types: "TypeCoder | None" = None
    roles: "RoleChooser | None" = None
    learned: bool = True
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def get_nlp(self) -> "Language":
        return self.nlp or load_nlp()

    def get_geocoder(self) -> Geocoder:
        if self.geocoder is not None:
            return self.geocoder
        return self._cache.setdefault("geocoder", Geocoder())

    def get_lexicon(self) -> Lexicon:
        return self.lexicon or load_lexicon()

    def get_actor_kb(self) -> ActorKB:
        return self.actor_kb or load_actor_kb()

    def get_eventness(self) -> "Eventness | None":
        return self._learned("eventness", self.eventness, ".learn")

    def get_types(self) -> "TypeCoder | None":
        return self._learned("types", self.types, ".learn.types")

    def get_roles(self) -> "RoleChooser | None":
        return self._learned("roles", self.roles, ".learn.roles")

    def _learned(self, name: str, given: Any, module: str) -> Any:
        """A learned model: none with ``learned=False``, else the one handed in, else the packaged weights read
        once by ``module``'s ``load_<name>`` (imported only then)."""
        if not self.learned:
            return None
        if given is not None:
            return given
        if name not in self._cache:
            self._cache[name] = getattr(import_module(module, __package__), f"load_{name}")()
        return self._cache[name]

    def coder(self) -> Coder:
        """The ``coder`` of the events these resources code: eventwire's version and the models used."""
        if "coder" not in self._cache:
            from ._version import __version__

            models = tuple(sorted((m.name, m.sha256) for m in (self.get_eventness(), self.get_types(),
                                                                 self.get_roles())
                                  if m is not None))
            self._cache["coder"] = Coder(version=__version__, models=models)
        return self._cache["coder"]

    def place_names(self) -> frozenset[str]:
        """Lower-case names of major places (the truecaser's names for text without case)."""
        if "place_names" not in self._cache:
            from .nlp.truecase import MAJOR_PLACE

            self._cache["place_names"] = self.get_geocoder().gazetteer.major_names(min_population=MAJOR_PLACE)
        return self._cache["place_names"]


def extract(text: str, *, title: str | None = None, published: str | None = None, url: str | None = None,
            publisher: str | None = None, id: str | None = None,
            resources: Resources | None = None) -> list[Event]:
    """Events of one article. ``text`` is the article as a reader gets it (header lines are recognised)."""
    document = document_from_text(text, title=title, published=published, url=url, publisher=publisher, id=id)
    return next(extract_articles([clean(document)], resources=resources))[1]


def extract_articles(articles: Iterable[Article], *,
                     resources: Resources | None = None) -> Iterator[tuple[Article, list[Event]]]:
    """(article, events) for each article, parsing in batches with ``nlp.pipe``."""
    res = resources or Resources()
    nlp = res.get_nlp()
    kb = res.get_actor_kb()
    places = res.place_names()
    stream = ((nlp_text(a.body, nlp, kb, places=places), a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=res.batch_size):
        yield article, article_events(doc, article, resources=res)


def article_events(doc: "Doc", article: Article, *, resources: Resources) -> list[Event]:
    """extract -> merge for one parsed article."""
    lex = resources.get_lexicon()
    anchor = publication_date(article.published)
    written = find_dateline(article.body, dateline=article.dateline) \
        or publisher_place(article.title)  # "Clifton, Colo.", "San Salvador"; "... - Memphis, Tennessee"
    state = publisher_state(article.title)  # "... - WTVM.com-Columbus, GA News": the publisher's region
    places = DocumentPlaces(doc, geocoder=resources.get_geocoder(), dateline=written,
                            region=("USA", state) if state else None)  # unless a dateline gives its state
    text = doc.text  # joined from every token on each read: read once
    timexes = tuple(find_timexes(text, anchor=anchor, tense_future=tense_reader(doc),
                                 tense_past=past_reader(doc)))
    ctx = new_article_state(doc, lex, anchor=anchor, places=places, timexes=timexes, kb=resources.get_actor_kb(),
                      gazetteer=resources.get_geocoder().gazetteer, body=article.body,
                      voice=article.voice)
    mentions = find_mentions(ctx)
    if not mentions:
        return []
    geocoder = resources.get_geocoder()
    locale = locale_countries(article.body)  # local news: a dateline's bare name is the story's own town
    pairs = [(t, p) for t, p in places.pairs if not institution_name(text, t.end)]  # not "Sunrise Hospital"
    known = [p for _t, p in pairs if p.country in locale]
    home = dateline_place(written, geocoder, known=known)
    if written is None and not any(p.precision != "country" for _t, p in pairs):
        home = headline_place(article.title, geocoder)  # the body names no place below a country: the headline's
    main = country_place(geocoder, _main_country(mentions, dateline=home.country if home else None)
                         or places.main_country())
    locality = setting([p for _t, p in pairs], dateline=home, country=main.country if main else None,
                       locale=locale,
                       parts=_town_parts(places, text), headline=article.title)
    events = merge(mentions, article=article, lex=lex, main_country=main, other_parties=_other_parties(ctx),
                   capital=places.capital, locality=locality)
    events = told_in_other_lines(fill_implicit(events, ctx), article.body)  # headlines, captions, links
    model = resources.get_eventness()
    if model is not None:  # learn: real events only, calibrated confidence; totals are no event's casualties
        events = drop_aggregate_counts(model.apply(events, article.body, title=article.title))
    typer = resources.get_types()
    if typer is not None:  # learn: the type the sentence gives each event, where it beats the trigger's
        events = typer.retype(events, doc)
    chooser = resources.get_roles()
    if chooser is not None:  # learn: the actor and recipient phrase, where it beats the rules' choice
        events = chooser.rechoose(events, doc, _phrase_actor(ctx), chunks=ctx.noun_chunks)
    events = [coded(e, lex) for e in events]  # quad class, CAMEO, ACLED type, sub-type and actor classes
    coder = resources.coder()
    return [replace(e, coder=coder) for e in events]


def _town_parts(places: DocumentPlaces, text: str) -> list[Place]:
    """The places named as parts of a town ("Denver's Whittier neighborhood")."""
    return [p for t, p in places.pairs if town_part(text, t.end)]


MAX_ARTICLE_CHARS = 1_000_000  # spaCy's parser limit (nlp.max_length); one news article is ~5,000


def documents_to_articles(paths: Iterable[str | Path], *, published: str | None = None,
                          on_error: Callable[[EventwireError], None],
                          on_skip: Callable[[Skipped], None] | None = None) -> Iterator[Article]:
    """ingest -> clean over files, folders, WARC archives or ``-``; unreadable inputs (and texts too long to be
    one article) go to ``on_error``, inputs left out on purpose to ``on_skip``; the rest go on."""
    return clean_documents(iter_documents(paths, published=published, on_skip=on_skip), on_error=on_error)


def clean_documents(items: Iterable[Document | InputError], *,
                    on_error: Callable[[EventwireError], None]) -> Iterator[Article]:
    """clean each document (errors, and texts too long to be one article, go to ``on_error``)."""
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
            continue
        try:
            yield too_long_check(clean(item))
        except EventwireError as exc:
            on_error(exc if isinstance(exc, InputError) else InputError(item.source or item.id, str(exc)))


def extract_documents(items: Iterable[Document | InputError], *, resources: Resources | None = None,
                      on_error: Callable[[EventwireError], None]) -> list[tuple[Article, list[Event]]]:
    """clean -> extract, inside one spaCy memory zone (the texts' strings are freed after it, so a long run's
    memory stays bounded): the work of one shard of ``eventwire run``, or one item of ``eventwire watch``."""
    res = resources or Resources()
    with res.get_nlp().memory_zone():
        return list(extract_articles(clean_documents(items, on_error=on_error), resources=res))


def extract_paths(paths: Iterable[str | Path], *, resources: Resources | None = None, published: str | None = None,
                  on_error: Callable[[EventwireError], None],
                  on_skip: Callable[[Skipped], None] | None = None) -> list[tuple[Article, list[Event]]]:
    """read -> clean -> extract over files (one shard's work, see :func:`extract_documents`)."""
    return extract_documents(iter_documents(paths, published=published, on_skip=on_skip), resources=resources,
                             on_error=on_error)


def load_resources() -> Resources:
    """Every heavy resource, loaded and used once now (so the first article pays no start-up cost): what a
    worker process of a cluster holds for all its shards."""
    from .learn import load_eventness
    from .learn.roles import load_roles
    from .learn.types import load_types

    res = Resources(nlp=load_nlp(), geocoder=Geocoder(), lexicon=load_lexicon(), actor_kb=load_actor_kb(),
                    eventness=load_eventness(), types=load_types(), roles=load_roles())
    res.place_names()  # loads the gazetteer too
    with res.get_nlp().memory_zone():  # the first parse's one-time costs (lazy tables, matchers) paid here
        list(extract_articles([clean(document_from_text(_WARM_UP))], resources=res))
    return res


_WARM_UP = "Police arrested two men in Basra on Monday after a bomb killed three soldiers near a market."


def too_long_check(article: Article) -> Article:
    """``article``, or an :class:`InputError` raised when it is longer than the parser takes."""
    if len(article.body) > MAX_ARTICLE_CHARS:
        raise InputError(article.source or article.id,
                         f"too long for one article ({len(article.body):,} characters; the parser takes at most "
                         f"{MAX_ARTICLE_CHARS:,}): split it into one file per article, or one JSONL line each")
    return article


INGEST_CHUNK = 16  # articles extracted between two short write connections (spaCy's batch size)


def ingest_into(store: "Store", paths: Iterable[str | Path], *, published: str | None = None,
                on_error: Callable[[EventwireError], None], on_skip: Callable[[Skipped], None] | None = None,
                resources: Resources | None = None, progress=None, chunk: int = INGEST_CHUNK) -> tuple[int, int]:
    """Store the events of the inputs, ``chunk`` articles at a time, holding the file only to read or write;
    returns (new articles, their events). Articles already stored are skipped. ``progress`` (a
    :class:`~eventwire.progress.Progress`) counts the articles and events as they go.

    For each chunk: one short connection skips the articles already stored; extraction (the slow part) runs
    with the file unlocked; one short connection then writes each article with its events in its own
    transaction. So an ``eventwire serve`` on the same file keeps answering between chunks, and only ever sees
    whole articles (see docs/serve.md).
    """
    from itertools import islice

    new = stored_events = 0
    res = resources or Resources()
    articles = documents_to_articles(paths, published=published, on_error=on_error, on_skip=on_skip)
    while batch := list(islice(articles, chunk)):
        with store:
            fresh = [a for a in batch if not store.has_article(a)]
        with res.get_nlp().memory_zone():  # the chunk's strings are freed after it: memory stays bounded
            extracted = list(extract_articles(fresh, resources=res))
        with store:
            for article, events in extracted:
                if store.add_article(article, events):
                    new += 1
                    stored_events += len(events)
        if progress is not None:
            progress.update(len(batch), sum(len(events) for _, events in extracted))
    return new, stored_events


def geoparse_paths(paths: Iterable[str | Path], *, on_error: Callable[[EventwireError], None]) -> Iterator[dict]:
    """``{"id", "places"}`` per document of the inputs (the ``eventwire geoparse`` command); unreadable inputs go
    to ``on_error``."""
    from .places.geocoder import geoparse_documents

    def documents():
        for item in iter_documents(paths):
            if isinstance(item, EventwireError):
                on_error(item)
            else:
                yield item

    return geoparse_documents(documents())


def publication_date(published: str | None) -> dt.date | None:
    """The calendar day of an ISO-8601 publication time, or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def country_place(geocoder: Geocoder, iso3: str | None) -> Place | None:
    """A country-precision place for ``iso3`` (the story's main country, used when nothing closer is said)."""
    if not iso3:
        return None
    record = geocoder.gazetteer.country(iso3)
    if record is None:
        return None
    return Place(text=record.name, name=record.name, country=record.country, admin1=None,
                 lat=round(record.lat, 5), lon=round(record.lon, 5), geonameid=record.geonameid,
                 feature="country", precision="country", score=0.3)


DATELINE_WEIGHT = 2  # the dateline's country counts as much as two places of the story's events


def _main_country(mentions: list["Mention"], *, dateline: str | None = None) -> str | None:
    """The country where the story's events happen, for those that name no place: the country most named
    by the places of its events, with the dateline's (``dateline``: ISO3) counting :data:`DATELINE_WEIGHT`
    times and winning ties. A story filed from San Salvador that mentions talks in San Jose, Costa Rica,
    is a Salvadoran story; one filed from Washington about three strikes in Syria is a Syrian one."""
    counts = Counter(p.country for m in mentions for p in m.places if p.country)
    if dateline:
        counts[dateline] += DATELINE_WEIGHT
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], c == dateline))


def _other_parties(ctx: "ArticleState") -> Callable[["Mention"], list[Actor]]:
    """The parties named in a mention's sentence (for reactions whose target the syntax does not give)."""
    from .actors.resolve import resolve_np

    def parties(mention: "Mention") -> list[Actor]:
        found = []
        for chunk in ctx.chunks_in(mention.sentence.start, mention.sentence.end):
            actor = resolve_np(chunk, memory=ctx.memory)
            if actor is not None and actor.country:
                found.append(actor)
        return found

    return parties


def _phrase_actor(ctx: "ArticleState") -> Callable[["SpacySpan | None"], Actor | None]:
    """The actor a noun phrase names, resolved as the rules resolve theirs (the article's people remembered)."""
    from .actors.resolve import resolve_np

    def resolve(span: "SpacySpan | None") -> Actor | None:
        return resolve_np(span, memory=ctx.memory) if span is not None and len(span) else None

    return resolve
