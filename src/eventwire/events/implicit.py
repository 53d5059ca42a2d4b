"""Extract stage, last step: what a sentence leaves implicit, read from its context.

News rarely repeats what the reader already knows. "Rebels" in a story about Darfur are Sudanese rebels;
"ethnic Albanians" demonstrating in Serbia are a Serbian minority; a curfew imposed "in Algiers" is imposed on
Algiers even though no phrase says on whom. Event coders (CAMEO, PLOVER, ICEWS) code such events the way a
reader understands them, and so does eventwire, after :mod:`merge`, in four general steps:

1. an actor or recipient with no country takes one from the event's own sentence: the country of the
   parties it is coordinated with ("US troops and diplomats"), else a place named inside its phrase, else
   the named place where the event happened, else the one country the sentence names (a named official
   never takes the other side's), else, for an unnamed role ("the military government"), the story's country;
2. an ethnic group ("ethnic Turks") is coded by the country where the event happens, or of the state it
   faces, not by its ethnicity;
3. an event with no recipient takes its counterpart from the sentence: for acts aimed at a place
   (:data:`PLACE_TARGETS`), the place the act is aimed at or happens in ("threatened to impose a curfew in
   Algiers"), else a party with another country than the actor's ("threatened to break relations with Russia");
4. an attack whose author is not named ("a roadside bomb killed two soldiers near Samarra") gets an
   unidentified armed group (sector ``UAF``) of the country where it happened, as ACLED codes it;
   an arrest or detention whose author is not named ("X was arrested in Rwanda") gets the police of the
   country the sentence places it in (state forces, as CAMEO and ACLED code arrests);
5. ... unless it is a sequel with no author or place of its own ("Three other people were injured"), which takes
   the named author of the asserted attack reported just before it;
6. ... or the article describes an attacker ("a gunman", "the suspects", "the guerrillas", an armed group the KB
   knows): then the description nearest to the attack's sentence (its own, else the nearest earlier, else the
   nearest later sentence, never across "In a separate incident", "Elsewhere" ...) is the actor, as written; an
   arrest whose author is not named was made by the police force the article names nearest to it, a prison
   sentence passed by the judge or court, a charge brought by the prosecutors or police, an investigation made by
   the police.

Nothing else is invented: every filled value comes from a name in the event's sentence or its location.
Reporters ("sources in Pakistan said") are never parties, and a place that is a clause's subject ("Italy
announced ...") is a party, not a place.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from ..actors.kb import ActorKB
from ..actors.resolve import resolve_np, with_country
from .arguments import ATTACKER_NOUNS, OBSERVING
from .backrefs import SEPARATE
from ..knowledge.words import SPEECH_VERBS
from ..models import Actor, Event, Place

if TYPE_CHECKING:  # pragma: no cover
    from .records import ArticleState

INTERNATIONAL = frozenset({"IGO", "NGO"})
FALLBACK_SCORE = 0.3  # a country-precision location with this score is the story's main country, not a named place
STATES = frozenset({"GOV", "MIL", None})
REPORTERS = OBSERVING | SPEECH_VERBS
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
UNSEEN_HANDS = frozenset({"ASSAULT"})  # acts that always have an author, named or not
# Nouns that name an act or its means, not who or what is at a place ("the attack in Lahore", "a curfew in Algiers").
WORDS_OF_ACTS = frozenset({"attack", "bombing", "blast", "explosion", "strike", "raid", "curfew", "ban", "fighting",
                           "clash", "violence", "war", "protest", "demonstration", "rally", "visit", "meeting", "talks",
                           "operation", "offensive", "shelling", "siege", "ceasefire", "election", "sanction", "aid"})
ARREST_WORDS = frozenset({"arrested", "arrest", "arrests", "detained", "detention", "detain", "jailed", "imprisoned",
                          "custody", "apprehended", "nabbed", "held"})
# Acts whose place stands for those it is aimed at ("a curfew in Algiers", "shelling in Aleppo"); a meeting, a
# statement or an agreement made in Rome is not made with Rome.
# Who a place stands for as the counterpart of an act (CAMEO codes a place by its people or its state): those
# who live there for a blockade, a threat or a sanction on it; its authorities for aid, a visit or a
# withdrawal. An attack's place and a protest's are left without a sector (who was there, or whom the
# protest addressed, is not said; ACLED codes a protest with no counterpart).
PLACE_SECTOR = {"COERCE": "CVL", "THREATEN": "CVL", "SANCTION": "CVL", "AID": "GOV", "RETREAT": "GOV",
                "MOBILIZE": "GOV", "CONSULT": "GOV", "SUPPORT": "GOV", "COOPERATE": "GOV"}
PLACE_TARGETS = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE", "PROTEST", "AID", "RETREAT"})


def fill_implicit(events: list[Event], ctx: "ArticleState") -> list[Event]:
    """``events`` with countries and counterparts completed from each event's sentence."""
    sentence_parties = _sentence_parties(ctx)
    sentence_places: dict[tuple[int, int], tuple[list, list]] = {}  # bounds -> (places, own), read once
    starts = [sent.start_char for sent in ctx.sentences]
    return _named_attackers([_complete(event, ctx, sentence_parties, sentence_places,
                                       _sentence_bounds(event, starts, ctx)) for event in events], ctx, starts)


def _named_attackers(events: list[Event], ctx: "ArticleState", starts: list[int]) -> list[Event]:
    """Step 5: an attack that the text reports without author or place of its own, as a sequel ("Three other
    people were injured" after "Shine opened fire ..."), takes the named author of the asserted attack reported
    just before it (same or previous paragraph), never one of its own victims; a killing told in the sentence of
    an attack whose author it names ("23 civilians were killed as government forces launched air strikes") takes
    that author, place or not; one followed (same or next paragraph) by a bare claim ("Islamic State later claimed
    responsibility", "..., which claimed responsibility") takes the claimant. Otherwise an attack with no named
    author keeps the unidentified armed group."""
    named = sorted(((e.evidence.start, e.actor) for e in events if e.type in UNSEEN_HANDS
                    and e.factuality == "asserted" and e.actor and all(a.text for a in e.actor)),
                   key=lambda pair: pair[0])
    claims = _claims(ctx)
    out = []
    for event in events:
        if event.type not in UNSEEN_HANDS or event.factuality != "asserted" \
                or any(a.sector != "UAF" for a in event.actor):
            out.append(event)
            continue
        victims = {a.name for a in event.recipient}
        bounds = _sentence_bounds(event, starts, ctx)
        here = ctx.paragraph_of(event.evidence.start)
        claimed = [a for at, a in claims if at >= bounds[0] and ctx.paragraph_of(at) - here <= 1
                   and a.name not in victims]
        if claimed:  # "gunmen opened fire ... Islamic State later claimed responsibility"
            out.append(replace(event, actor=(claimed[0],)))
            continue
        beside = [actors for start, actors in named if bounds[0] <= start < bounds[1]
                  and not any(a.name in victims for a in actors)]
        if any(a.text for a in event.actor) or not beside and _named_location(event) is not None:
            described = None if any(a.text for a in event.actor) else _described_attacker(ctx, bounds, event, victims)
            out.append(replace(event, actor=(described,)) if described is not None else event)
            continue
        if beside:
            out.append(replace(event, actor=beside[0]))
            continue
        before = [actors for start, actors in named if start < event.evidence.start
                  and here - ctx.paragraph_of(start) <= 1]
        if before and not any(a.name in victims for a in before[-1]):
            event = replace(event, actor=before[-1])
        elif not any(a.text for a in event.actor):
            described = _described_attacker(ctx, bounds, event, victims)
            event = replace(event, actor=(described,)) if described is not None else event
        out.append(event)
    return out


ARMED_SECTORS = frozenset({"REB", "UAF", "CRM"})


def _described_attacker(ctx: "ArticleState", bounds: tuple[int, int], event: Event, victims: set[str], *,
                        nouns: frozenset[str] = ATTACKER_NOUNS, sectors: frozenset[str] = ARMED_SECTORS,
                        fallback: str = "UAF") -> Actor | None:
    """Step 6: an attack still without author whose article describes an attacker ("a gunman", "the suspects",
    "the guerrillas", or an armed group or gang the knowledge base knows) takes the description nearest to its
    sentence: in the sentence itself, else the nearest earlier sentence, else the nearest later one (the
    annotation guidelines' "mention nearest to the sentence"). Never one of the attack's victims; the
    unidentified group's country stays where the description has none."""
    from ..actors.mentioned import plain_party
    from .constructions import phrase as _phrase

    start, end = bounds
    floor, ceiling = 0, len(ctx.text)
    for sent in ctx.sentences:  # "In a separate incident, ...": a new story begins; descriptions do not cross it
        if SEPARATE.match(sent.text.lstrip("•*-–— \n")):
            if sent.start_char <= start:
                floor = sent.start_char
            elif sent.start_char >= end:
                ceiling = min(ceiling, sent.start_char)
    here, before, after = [], [], []
    for token in ctx.nominals:
        if not floor <= token.idx < ceiling:
            continue
        kind = token.lower_ in nouns or token.lemma_.lower() in nouns
        if not kind and token.ent_type_ not in ("ORG", "NORP", "PERSON", ""):
            continue
        if not kind and not token.pos_ == "PROPN" or any(  # "no suspects have been identified"
                c.dep_ == "det" and c.lower_ in ("no", "any") for c in token.children):
            continue
        at = token.idx
        (here if start <= at < end else before if at < start else after).append(token)
    for token in here + before[::-1] + after:
        phrase = _phrase(token)
        actor = resolve_np(phrase, memory=ctx.memory)
        armed = token.lower_ in nouns or token.lemma_.lower() in nouns
        if actor is None and armed:
            actor = plain_party(token, phrase)
        if actor is None or not armed and actor.sector not in sectors or actor.name in victims \
                or any(phrase.text == r.text for r in event.recipient):
            continue
        country = next((a.country for a in event.actor if a.country), None)
        if not actor.country and country:
            actor = with_country(actor, country, kb=ctx.memory.view.kb)
        return replace(actor, sector=actor.sector or fallback)
    return None


# Who makes arrests: an arrest the article tells without its author was made by the police force it names.
POLICE_NOUNS = frozenset({"police", "officer", "officers", "deputy", "deputies", "detective", "detectives", "trooper",
                          "troopers", "sheriff", "marshal", "marshals", "agent", "agents"})


def _claims(ctx: "ArticleState") -> list[tuple[int, Actor]]:
    """(offset, claimant) of each claim of responsibility that names no deed ("X later claimed responsibility";
    "X claimed responsibility for the attack" is read with its deed by :mod:`arguments`)."""
    from .antecedents import antecedents as _antecedents
    from .arguments import CLAIMING, RESPONSIBILITY
    from ..actors.mentioned import plain_party

    found = []
    for token in ctx.doc:
        verb = token.head
        if token.lemma_.lower() not in RESPONSIBILITY or token.dep_ != "dobj" or verb.lemma_.lower() not in CLAIMING \
                or any(c.dep_ == "prep" and c.lower_ == "for" for c in (*token.children, *verb.children)):
            continue
        if any(c.dep_ == "neg" for c in verb.children):  # "the group has not claimed responsibility"
            continue
        for subject in _antecedents([c for c in verb.children if c.dep_ == "nsubj"]):
            if subject.pos_ not in ("NOUN", "PROPN") or any(  # "no group has claimed responsibility"
                    c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subject.children):
                continue
            span = ctx.doc[subject.left_edge.i:subject.i + 1]
            actor = resolve_np(span, memory=ctx.memory) or plain_party(subject, span)
            if actor is not None:
                found.append((token.idx, actor))
    return found


def _complete(event: Event, ctx: "ArticleState", parties_of: Callable[[int, int], list[tuple[Actor, bool]]],
              places_of: dict[tuple[int, int], tuple[list, list]], bounds: tuple[int, int]) -> Event:
    start, end = bounds
    if bounds not in places_of:
        named = [(t, p) for t, p in ctx.places.places_in(start, end) if p.country]
        places_of[bounds] = ([(t.text, p) for t, p in named if not _subject(ctx, t)],
                             [(t.text, p) for t, p in named])  # a reporter's phrase may still name where the
    places, own = places_of[bounds]  # actor is from
    parties = parties_of(start, end)
    countries = {p.country for _t, p in places} | {a.country for a, _s in parties if a.country}
    sole = next(iter(countries)) if len(countries) == 1 else None
    located = _named_location(event)
    main = event.location.country if event.location is not None else None
    kb = ctx.memory.view.kb
    actor = _placed_all(event.actor, own, located, sole, event.recipient, main, kb)
    recipient = _placed_all(event.recipient, own, located, sole, actor, main, kb)
    if not recipient:
        placed = [(_placed(a, own, located, sole, (), main, kb), subject) for a, subject in parties]
        recipient = _counterpart(actor, places if event.type in PLACE_TARGETS else [], placed,
                                 located if event.type in PLACE_TARGETS else None, sector=PLACE_SECTOR.get(event.type))
        recipient = tuple(_widened(a, ctx, bounds, event) for a in recipient)
        actor = tuple(_resident(a, located, recipient, kb) for a in actor)  # ethnic groups facing their state
    if not actor and event.type in UNSEEN_HANDS:
        actor = _unidentified(main or sole, kb)
    elif not actor and _state_arrest(event):  # "He was arrested ...": the police the article names, else the
        named = _described_attacker(ctx, bounds, event, {a.name for a in recipient}, nouns=POLICE_NOUNS,  # country's
                                    sectors=frozenset({"COP"}), fallback="COP")
        if named is not None:
            actor = (named,)
        elif located is not None:
            actor = (with_country(Actor(text="", name="police", sector="COP"), located.country, kb=kb),)
    elif not actor and event.factuality == "asserted" and (authority := _authority(event)) is not None:
        nouns, sectors = authority  # "He was sentenced", "X is charged with murder", "the investigation is ongoing"
        named = _described_attacker(ctx, bounds, event, {a.name for a in recipient}, nouns=nouns,
                                    sectors=frozenset(sectors), fallback=sectors[0])
        actor = (named,) if named is not None else actor
    return replace(event, actor=actor, recipient=recipient)


def _subject(ctx: "ArticleState", toponym) -> bool:
    """A place name that is a clause's subject ("Italy announced ...") names a party, not a place; one in a
    reporter's phrase ("sources in Pakistan said") is not where the act is aimed."""
    span = ctx.doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
    return span is not None and (span.root.dep_ in SUBJECTS or _reporting(span.root))


def _reporting(token) -> bool:
    """Inside the subject of a reporting verb ("a spokeswoman for the U.S. embassy said")."""
    for t in [token, *token.ancestors]:
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in REPORTERS:
            return True
    return False


def _resident(actor: Actor, located: Place | None, others: tuple[Actor, ...], kb: ActorKB) -> Actor:
    """Step 2: an ethnic group lives where the event happens, else in the state it faces ("ethnic Turks
    protest against Sweden's decision")."""
    if not actor.country or actor.sector != "CVL" or "ethnic" not in actor.text.lower().split():
        return actor
    states = [a.country for a in others if a.country and a.sector in STATES]
    home = located.country if located is not None else states[0] if states else None
    return with_country(actor, home, kb=kb) if home and home != actor.country else actor


def _state_arrest(event: Event) -> bool:
    """Step 4b: an arrest or detention whose author the text does not name ("X was arrested in Rwanda") was
    made by the police of the country where it happened, as CAMEO and ACLED code arrests (state forces)."""
    words = set(event.evidence.trigger.lower().split())
    return event.type == "COERCE" and event.factuality == "asserted" and bool(words & ARREST_WORDS)


SENTENCING = frozenset({"sentenced", "sentence", "sentences", "sentencing", "jailed", "imprisoned"})
CHARGING = frozenset({"charged", "charge", "charges", "charging", "indicted", "indictment", "convicted", "conviction"})
INVESTIGATING = frozenset({"investigation", "investigating", "investigate", "investigated", "probe", "inquiry"})
JUDGES = frozenset({"judge", "judges", "court", "magistrate", "justice"})  # a jury convicts, a judge sentences
PROSECUTORS = frozenset({"prosecutor", "prosecutors", "prosecution", "attorney", "jury"}) | POLICE_NOUNS
INVESTIGATORS = POLICE_NOUNS | frozenset({"investigators", "investigator"})


def _authority(event: Event) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """Step 4c: who passes a sentence (a judge or court), brings a charge (prosecutors or police) or investigates
    (police), when the sentence names no one: the nouns and sectors that may name them in the article."""
    words = set(event.evidence.trigger.lower().split())
    if event.type == "COERCE" and words & SENTENCING:
        return JUDGES, ("JUD",)
    if event.type == "ACCUSE" and words & CHARGING:
        return PROSECUTORS, ("JUD", "COP")
    if event.type == "ACCUSE" and words & INVESTIGATING:
        return INVESTIGATORS, ("COP",)
    return None


def _unidentified(country: str | None, kb: ActorKB) -> tuple[Actor, ...]:
    """Step 4: an attack whose author the text does not name was still done by someone: an unidentified
    armed group (sector UAF) of the country where it happened, as ACLED codes it; its ``text`` is empty, as
    the article names no one."""
    if not country:
        return ()
    return (with_country(Actor(text="", name="unidentified armed group", sector="UAF"), country, kb=kb),)


def _placed_all(actors: tuple[Actor, ...], own: list[tuple[str, Place]], located: Place | None,
                sole: str | None, others: tuple[Actor, ...], main: str | None, kb: ActorKB) -> tuple[Actor, ...]:
    """:func:`_placed` for each of one role's actors; coordinated parties share a country ("US troops and
    diplomats") before anything else is read."""
    peers = {a.country for a in actors if a.country}
    shared = next(iter(peers)) if len(peers) == 1 else None
    return tuple(with_country(a, shared, kb=kb) if shared and not a.country and a.sector not in INTERNATIONAL
                 and not a.wikidata else _placed(a, own, located, sole, others, main, kb) for a in actors)


def _attitude(place: str, text: str) -> bool:
    """"an anti-Syria journalist", "pro-Iranian militias": the place is what they are for or against."""
    lower = text.lower()
    return any(f"{prefix}{place.lower()}" in lower for prefix in ("anti-", "pro-", "anti ", "pro "))


def _named_location(event: Event) -> Place | None:
    """The event's location when its own sentence names it (not the story's main country or main town, which
    fill in for events whose sentence names no place)."""
    loc = event.location
    if loc is None or not loc.country or loc.precision == "country" and loc.score <= FALLBACK_SCORE:
        return None
    if loc.text and loc.text not in event.evidence.text:
        return None
    return loc


def _placed(actor: Actor, places: list[tuple[str, Place]], located: Place | None, sole: str | None,
            others: tuple[Actor, ...], main: str | None, kb: ActorKB) -> Actor:
    """Step 1 and 2: a country for an actor that has none; ethnic groups by residence. A named official
    ("President Mitterrand") is not given the country of the other side of the event, a group is ("Shona
    rebels" facing the Mozambique government). An unnamed role ("the military government") with nothing
    closer belongs to the story's main country (``main``)."""
    if actor.sector in INTERNATIONAL:
        return actor
    if actor.country:
        return _resident(actor, located, others, kb)
    own = next((p.country for text, p in places if text in actor.text and not _attitude(text, actor.text)), None)
    official = actor.sector == "GOV" and not actor.name.islower()
    if official and sole in {a.country for a in others if a.sector in STATES}:
        sole = None
    country = own or (located.country if located is not None else None) or sole or (
        main if actor.name.islower() else None)
    return with_country(actor, country, kb=kb) if country else actor


def _counterpart(actors: tuple[Actor, ...], places: list[tuple[str, Place]], parties: list[tuple[Actor, bool]],
                 located: Place | None, *, sector: str | None = None) -> tuple[Actor, ...]:
    """Step 3: the place an act with no recipient concerns, else another party of the sentence (one of
    another country than the actor's first; when the actor is unknown, no subject, which may be it)."""
    mine = {a.country for a in actors if a.country}
    texts = " ".join(a.text for a in actors)
    if located is not None and located.text not in texts:
        return (place_party(located, sector),)
    places = [p for text, p in places if text not in texts]
    names = {a.name for a in actors}  # the actor is never its own counterpart ("the Taliban's attack")
    parties = [a for a, subject in parties if a.country and a.text not in texts and a.sector != "MED"
               and a.name not in names and (actors or not subject)]
    for foreign in (True, False):
        for place in places:
            if (place.country not in mine) == foreign:
                return (place_party(place, sector),)
        for party in parties:
            if (party.country not in mine) == foreign:
                return (party,)
    return ()


def _widened(party: Actor, ctx: "ArticleState", bounds: tuple[int, int], event: Event) -> Actor:
    """A place taken as the counterpart keeps the phrase it is named in when that phrase names who or what is
    there ("50,000 people in Idlib", "Afghanistan's northern Faryab province", "the needs of people in Yemen"):
    the text as written, not the bare place name; a place that only says where the act happened stays bare."""
    start, end = bounds
    at = ctx.text.find(party.text, start, end) if party.text else -1
    span = ctx.doc.char_span(at, at + len(party.text), alignment_mode="expand") if at >= 0 else None
    if span is None or not len(span):
        return party
    token, noun = span.root, None
    for _ in range(3):  # "North West" of "North West Frontier Province": the name's own head first
        if token.dep_ == "compound" and token.head.pos_ == "PROPN":
            token = token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in ("in", "of", "at", "near") \
            and token.head.head.pos_ == "NOUN":
        noun = token.head.head
    elif token.dep_ in ("poss", "compound") and token.head.pos_ == "NOUN":
        noun = token.head
    first = noun
    for _ in range(2):  # "the most pressing needs of people in Yemen"
        if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head
    if noun is None or noun.lower_ in event.evidence.trigger.lower().split() or noun.lemma_.lower() in WORDS_OF_ACTS:
        return party
    lo = noun.left_edge.i
    text = ctx.text[ctx.doc[lo].idx:max(span.end_char, token.idx + len(token), first.idx + len(first))]
    return replace(party, text=text) if text else party


def place_party(place: Place, sector: str | None = None) -> Actor:
    """A place named as the counterpart of an act, as a party: its people or its authorities (``sector``)."""
    return Actor(text=place.text, name=place.name, country=place.country, sector=sector)


def _sentence_bounds(event: Event, starts: list[int], ctx: "ArticleState") -> tuple[int, int]:
    """Character bounds of the sentence that holds the event's evidence (``starts``: sentence starts)."""
    k = bisect_right(starts, event.evidence.start) - 1
    if k >= 0 and event.evidence.start < ctx.sentences[k].end_char:
        return ctx.sentences[k].start_char, ctx.sentences[k].end_char
    return event.evidence.start, event.evidence.end


def _sentence_parties(ctx: "ArticleState") -> Callable[[int, int], list[tuple[Actor, bool]]]:
    """Parties named in a sentence (noun phrases that resolve to an actor), except reporters ("X said"),
    each with whether it is a subject."""
    cache: dict[tuple[int, int], list[tuple[Actor, bool]]] = {}

    def parties(start: int, end: int) -> list[tuple[Actor, bool]]:
        if (start, end) not in cache:
            found = []
            for chunk in ctx.chunks_in(start, end):
                if _reporting(chunk.root):
                    continue
                actor = resolve_np(chunk, memory=ctx.memory)
                if actor is not None:
                    found.append((actor, chunk.root.dep_ in SUBJECTS))
            cache[(start, end)] = found
        return cache[(start, end)]

    return parties


__all__ = ["fill_implicit"]
