"""Extract stage, its records: a :class:`Mention` (one report of one event in one sentence) and the
:class:`ArticleState` every mention of one parsed article reads (its sentences, noun chunks, places, people,
dates), made by :func:`new_article_state`. :mod:`.mentions` fills the records, :mod:`.links` and :mod:`.merge` join them.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Callable

from .triggers import QUOTES, trigger_rules
from ..actors.kb import ActorKB
from ..actors.resolve import PersonMemory
from ..knowledge.lexicon import Lexicon
from ..models import Actor, Place, Span
from .casualties import counted_nouns
from .dates import Timex
from ..knowledge.words import CASUALTY_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..places.geocoder import DocumentPlaces
    from spacy.tokens import Span as SpacySpan


ELSEWHERE = "-"  # Mention.capital_of of "the provincial capital": a capital that is not the country's, unnamed


@dataclass(frozen=True)
class Mention:
    """One report of one event in one sentence."""

    index: int  # position among the article's mentions
    sentence: Span
    clause: Span  # the part of the sentence that reports this event (the sentence when it reports one)
    trigger: str
    type: str
    mode: str | None
    family: str | None
    confidence: float
    factuality: str
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    places: tuple[Place, ...]
    generic_site: str | None  # "base" for "an Iraqi base": a site the text names later
    date: Timex | None  # a date in the trigger's own phrase or clause
    weak_date: Timex | None  # a date elsewhere in the sentence or earlier in the paragraph
    fatalities: int | None
    injured: int | None
    definite: bool
    novel: bool
    names: frozenset[str]  # proper names in the victim and target phrases (for coreference)
    cause: int | None  # index of a mention this one reacts to ("revenge for the killing")
    shares_sentence: bool  # other events are reported in the same sentence
    head: int  # token index of the trigger group's head
    paragraph: int = 0  # index of the paragraph the sentence stands in
    context_date: Timex | None = None  # the nearest day-precise date of the paragraphs before (story time)
    also: bool = False  # "the driver was also killed": dead to add to the event's others
    several: bool = False  # "the two killings", "three attacks": a report of several events at once
    within: int | None = None  # index of a same-type mention whose noun phrase holds this one ("the murder
    # of 10 members in a dynamite attack", "the death of two reporters who were shot"): one event
    capital_of: str | None = None  # "in the capital": "" (the story's country) or the ISO3 of "the Salvadoran
    # capital"; None when the clause names no capital
    shot: bool = False  # its wounded were only said to be shot (the story may tell elsewhere that they died)
    victims: bool = False  # its dead were only called victims ("the four victims"): the story's victims, who may
    # be its wounded
    told: bool = False  # a definite event noun that another word takes as its object ("condemned the shooting"):
    # names an event the article may have told before (:mod:`.backrefs`)
    anaphoric: bool = False  # a detail of an event told before, with no event word of its own ("it happened at
    # 2:05 a.m.", "the victims were identified as ..."): joins that event, or is no event (:mod:`.backrefs`)


@dataclass(frozen=True)
class ArticleState:
    """Per-article resources shared by all mentions."""

    doc: "Doc"
    text: str  # the article body as written (the doc may hold a re-cased copy of it, same offsets)
    lex: Lexicon
    places: DocumentPlaces
    memory: PersonMemory
    timexes: tuple[Timex, ...]
    anchor: dt.date | None
    voice: str | None = None  # who speaks in the text's own words (:attr:`eventwire.models.Article.voice`)

    @cached_property
    def timex_spans(self) -> tuple["SpacySpan | None", ...]:
        """The token span of each of :attr:`timexes` (expanded to whole tokens; None where none aligns)."""
        return tuple(self.doc.char_span(t.start, t.end, alignment_mode="expand") for t in self.timexes)

    @cached_property
    def sentences(self) -> tuple["SpacySpan", ...]:
        return tuple(self.doc.sents)

    @cached_property
    def nominals(self) -> tuple["Token", ...]:
        """The nouns and proper nouns that head their phrase (no compound, modifier or possessor), listed once."""
        return tuple(t for t in self.doc if t.pos_ in ("NOUN", "PROPN")
                     and t.dep_ not in ("compound", "amod", "poss", "nmod"))

    @cached_property
    def noun_chunks(self) -> tuple["SpacySpan", ...]:
        """The document's noun chunks, listed once (spaCy walks the whole document for a span's chunks)."""
        return tuple(self.doc.noun_chunks)

    @cached_property
    def _chunk_bounds(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(start characters, end characters) of the noun chunks, in text order (chunks do not overlap)."""
        chunks = self.noun_chunks
        return tuple(c.start_char for c in chunks), tuple(c.end_char for c in chunks)

    def chunks_in(self, start: int, end: int) -> list["SpacySpan"]:
        """Noun chunks wholly inside the characters ``[start, end)``."""
        starts, ends = self._chunk_bounds
        found = []
        for k in range(bisect_left(starts, start), len(starts)):
            if starts[k] >= end:
                break
            if ends[k] <= end:
                found.append(self.noun_chunks[k])
        return found

    @cached_property
    def _paragraph_ends(self) -> tuple[int, ...]:
        ends, at = [], self.text.find("\n\n")
        while at >= 0:
            ends.append(at + 2)
            at = self.text.find("\n\n", at + 2)
        return tuple(ends)

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph that holds character ``offset`` (blank lines before it, counted once)."""
        return bisect_right(self._paragraph_ends, offset)

    @cached_property
    def _counts(self) -> tuple[tuple[int, dict[str, int]], ...]:
        """(sentence start, nouns it counts) for the sentences that count people (see ``counted_before``)."""
        from spacy.attrs import LIKE_NUM

        numeric = self.doc.to_array(LIKE_NUM)  # one flag per token, without building the tokens
        return tuple((s.start_char, found) for s in self.sentences
                     if numeric[s.start:s.end].any() and (found := counted_nouns(s)))

    @cached_property
    def _words(self) -> tuple[list[int], list[int], list[int], dict[int, str]]:
        """Per token, as string ids: lemma, lower-case form and text; and the string of each id (the tokens'
        strings read without building the tokens, each distinct one decoded once)."""
        from spacy.attrs import LEMMA, LOWER, ORTH

        lemmas, lowers, orths = self.doc.to_array([LEMMA, LOWER, ORTH]).T.tolist()
        strings = self.doc.vocab.strings
        return lemmas, lowers, orths, {h: strings[h] if h else "" for h in {*lemmas, *lowers, *orths}}

    def _ids(self, column: int, keep: Callable[[str], object]) -> set[int]:
        """The string ids of column ``column`` of :attr:`_words` (0 lemma, 1 lower-case form, 2 text) whose
        string ``keep`` accepts."""
        words = self._words
        table = words[3]
        return {h for h in set(words[column]) if keep(table[h])}

    @cached_property
    def _casualty_words(self) -> tuple[list[bool], list[bool]]:
        """Per token: is its lemma (lower case) a casualty word; is its lemma or its lower-case form one."""
        lemmas, lowers, _orths, _table = self._words
        by_lemma = self._ids(0, lambda w: w.lower() in CASUALTY_WORDS)
        by_form = self._ids(1, lambda w: w in CASUALTY_WORDS)
        lemma_flags = [h in by_lemma for h in lemmas]
        return lemma_flags, [f or h in by_form for f, h in zip(lemma_flags, lowers)]

    @cached_property
    def trigger_candidates(self) -> tuple[int, ...]:
        """Indices of the tokens whose lemma or lower-case form the trigger lexicon lists (see
        :func:`~eventwire.events.match_token`)."""
        lemmas, lowers, _orths, _table = self._words
        triggers = self.lex.triggers
        by_lemma = self._ids(0, lambda w: trigger_rules(w.lower(), "", self.lex))
        by_form = self._ids(1, triggers.get)
        return tuple(i for i, (a, b) in enumerate(zip(lemmas, lowers)) if a in by_lemma or b in by_form)

    @cached_property
    def quote_marks(self) -> tuple[int, ...]:
        """Indices of the tokens that are quotation marks (:data:`~eventwire.events.QUOTES`)."""
        quotes = self._ids(2, lambda w: w in QUOTES)
        return tuple(i for i, h in enumerate(self._words[2]) if h in quotes)

    def speaks_of_casualties(self, sent: "SpacySpan", *, forms: bool = False) -> bool:
        """Does a word of ``sent`` have a casualty word (:data:`~eventwire.knowledge.words.CASUALTY_WORDS`) as its lemma
        ("killed", "victims"), or with ``forms`` also as its lower-case form ("wounded")?"""
        return any(self._casualty_words[1 if forms else 0][sent.start:sent.end])

    def counted_before(self, offset: int) -> dict[str, int]:
        """Lemma -> the last count of that noun in the sentences before ``offset`` ("six priests")."""
        out: dict[str, int] = {}
        for start, found in self._counts:
            if start >= offset:
                break
            out.update(found)
        return out

    @cached_property
    def toponym_tokens(self) -> frozenset[int]:
        """Token indices inside resolved place names."""
        found: set[int] = set()
        for toponym, _place in self.places.pairs:
            span = self.doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
            found.update(range(span.start, span.end) if span is not None else ())
        return frozenset(found)


def new_article_state(doc: "Doc", lex: Lexicon, *, anchor: dt.date | None, places: DocumentPlaces,
                timexes: tuple[Timex, ...], kb: ActorKB, gazetteer, body: str | None = None,
                voice: str | None = None) -> ArticleState:
    """The per-article state of one parsed document; ``kb`` and ``gazetteer`` are those of the run's
    :class:`~eventwire.pipeline.Resources`."""
    return ArticleState(doc=doc, text=doc.text if body is None else body, lex=lex, places=places,
                          memory=PersonMemory.from_doc(doc, kb, gazetteer=gazetteer), timexes=timexes,
                          anchor=anchor, voice=voice)
