"""Extract stage: turn every trigger group of a parsed article into a :class:`Mention`.

A mention is one report of one event in one sentence, with everything that sentence says about it:
type and mode (:mod:`events`), factuality (:mod:`factuality`), actors and recipients (:mod:`arguments`,
:mod:`actors`), places (:mod:`places`), a date (:mod:`dates`, chosen in :mod:`mention_dates`) and casualties
(:mod:`casualties`).
:mod:`merge` then joins the mentions of one event.

Places and dates are read from the trigger's *region*: its own phrase and clause, not other clauses of the
sentence ("the hit on Baghdad airport" inside "On Saturday, leaders attended a ceremony to honour the
victims of the hit ..." has no date of its own). A date found only elsewhere in the sentence is kept as a
weak date, used when no mention of the event has its own; a date of a clause that reports the event ("police
said today that ...") is not the event's. Failing both, the nearest earlier day of the article is the story's
time (``context_date``). Dead and wounded reported in a sentence without an event of their own ("the victim
died in hospital") complete the attack reported just before; mentions of one event inside one sentence are
linked (:mod:`links`).
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from . import arguments
from .triggers import TriggerGroup, find_groups, is_weapon, salience, sums_up
from . import factuality
from . import intents
from .backrefs import anaphoric, names_told_event
from ..actors.mentioned import antecedent, described, described_pair, names_people, plain_party
from ..actors.resolve import resolve_np, settled
from .casualties import count_casualties
from ..knowledge.words import CASUALTY_WORDS
from .links import attach_orphan_counts, nest, unclaimed_counts
from .mention_dates import mention_dates
from ..places.gazetteer.names import name_key
from ..places.locality import institution_name
from ..models import Actor, Place, Span
from .records import ELSEWHERE, ArticleState, Mention
from .constructions import phrase as _phrase
from .unreported import unreported
from .voices import voice_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "conj", "parataxis", "acl", "xcomp", "pcomp", "csubj"}
LOCATIVE_PREPS = {"in", "at", "on", "near", "into", "outside", "inside", "across", "around", "throughout",
                  "along", "over", "onto", "within", "of", "off"}
DIRECTION_HEADS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                   "outskirts", "suburb", "suburbs", "centre", "center", "city", "town", "village", "province",
                   "region", "district", "part", "heart", "edge", "border", "capital", "area", "end", "port",
                   "vicinity", "environs", "periphery", "sector", "section", "zone", "neighborhood", "neighbourhood"}
GENERIC_SITES = {"base", "airport", "embassy", "village", "town", "camp", "checkpoint", "prison", "compound",
                 "airbase", "barracks", "port", "border", "crossing", "refinery", "field"}
NOT_NAMES = {"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"}
ADMIN_WORDS = {"department", "province", "state", "county", "region", "district", "municipality", "governorate",
               "prefecture", "canton", "oblast", "farm", "hill", "stream", "river", "valley", "jurisdiction",
               "neighborhood", "neighbourhood", "suburb", "township", "parish", "island", "mountain", "highway",
               "road", "bridge", "square", "market", "hamlet", "estate", "plantation", "zone", "sector",
               "intendancy", "corregimiento", "commissariat"}  # Colombia's divisions of 1990: "in Arauca intendancy"
# Who speaks or acts for a body: what they say or do is the body's ("a spokesman for the Taliban, X, claimed").
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "representative", "envoy", "negotiator", "advocate",
                "lawyer", "attorney", "correspondent", "source", "member"}
OCCURRING = {"occur", "happen", "take", "begin", "start", "unfold", "erupt", "break"}  # "X took place on ..."
LOCATING = {"locate", "situate", "base"}  # "a substation located in downtown San Salvador": where, not an event
PERFORMING = {"perpetrate", "commit", "carry", "stage", "launch", "conduct", "mount", "occur", "happen"}
FEATURE_HEADS = (GENERIC_SITES | DIRECTION_HEADS | ADMIN_WORDS) - {"embassy"}
RESTRICTIONS = {"curfew", "ban", "blockade", "siege", "embargo", "closure", "lockdown"}  # imposed on a place
THROUGH_PREPS = {"of", "from", "by", "on", "against", "with", "to", "in"}  # ... "refugees in Liberia"

def find_mentions(ctx: ArticleState) -> list[Mention]:
    """All mentions of an article, in text order; ``cause`` links point at mention indices."""
    doc, lex = ctx.doc, ctx.lex
    raw: list[tuple["SpacySpan", TriggerGroup, arguments.Roles, int]] = []
    for sent in ctx.sentences:
        groups = find_groups(sent, lex, candidates=ctx.trigger_candidates, quotes=ctx.quote_marks)
        triggers = frozenset(i for g in groups for i in g.tokens)
        reports = len({g.head for g in groups})  # split groups report one sentence's coordinated events
        for group in groups:
            roles = arguments.find_roles(doc, group, lex, triggers=triggers,
                                         voiced=lambda t: voice_of(t, ctx) is not None)
            raw.append((sent, group, roles, reports))
    by_token = {i: k for k, (_s, g, _r, _n) in enumerate(raw) for i in g.tokens}
    mentions = [_mention(ctx, k, sent, group, roles, n > 1, by_token)
                for k, (sent, group, roles, n) in enumerate(raw)]
    mentions = _summaries(doc, attach_orphan_counts(ctx, unclaimed_counts(ctx, nest(doc, mentions))))
    derived = intents.derived_mentions(doc, mentions, lex)
    contents = intents.threat_contents(doc, mentions, lex)  # "threatened to kill X": the threat, not the killing
    contents |= {m.index for m in mentions if unreported(doc[m.head], m.type)}  # "details about the visit"
    return sorted([m for m in mentions if m.index not in contents] + derived, key=lambda m: (m.sentence.start, m.index))


def _mention(ctx: ArticleState, index: int, sent: "SpacySpan", group: TriggerGroup,
             roles: arguments.Roles, shared: bool, by_token: dict[int, int]) -> Mention:
    doc = ctx.doc
    region = _region(doc, group)
    if group.place_span:
        region = set(range(*group.place_span))
    fact = factuality.factuality(doc, group.tokens, group.head, ctx.lex, definite=group.definite)
    actors = _actors(doc, roles.actors, ctx)
    recipients = _actors(doc, roles.recipients, ctx, through=True, type_=group.rule.type, deeds=roles.deeds)
    if group.rule.type in arguments.SYMMETRIC and len(actors) > 1 and not recipients \
            and len({a.text for a in actors}) == 1:  # "the two presidents agreed": each the other's counterpart
        actors, recipients = actors[:1], actors[1:]
    places, generic = _places(doc, group, region, roles, ctx)
    capital = None if places else _capital_of(doc, region, ctx)
    date, weak, context = mention_dates(sent, region, ctx, head=doc[group.head], triggers=by_token.keys())
    fatalities, injured, shot, victims = _casualties(sent, group, shared, ctx)
    names = _names(doc, group, sent, shared, roles, ctx.toponym_tokens)
    cause = by_token.get(roles.cause) if roles.cause is not None else None
    head = doc[group.head]
    return Mention(
        index=index, sentence=_span(sent, ctx.text), clause=_clause(doc, sent, group, shared, ctx.text),
        trigger=" ".join(doc[i].text for i in group.tokens), type=group.rule.type, mode=group.mode,
        family=group.family, confidence=round(group.rule.confidence * salience(head), 3),
        factuality=fact, actors=actors,
        recipients=recipients, places=places, generic_site=generic, date=date, weak_date=weak, capital_of=capital,
        context_date=context,
        fatalities=fatalities, injured=injured, shot=shot, victims=victims, definite=group.definite, novel=group.novel,
        names=names,
        cause=cause, shares_sentence=shared, head=head.i, paragraph=ctx.paragraph_of(sent.start_char),
        also=_also(sent, group, fatalities, ctx), told=names_told_event(head) or anaphoric(group.rule.condition),
        anaphoric=anaphoric(group.rule.condition),
        several=head.pos_ == "NOUN" and "Plur" in head.morph.get("Number") and any(
            c.dep_ == "nummod" and c.like_num and c.lower_ not in ("one", "1") for c in head.children),
    )


def _summaries(doc: "Doc", mentions: list[Mention]) -> list[Mention]:
    """Mark as ``several`` the definite plural reports ("these attacks", "the killings", "the murder of the
    PDC leaders": a plural of people with no count) of a story that has already told two killings apart
    (earlier reports in two sentences with different victims' names or own dates): they sum those up."""
    def told_apart(m: Mention) -> bool:
        earlier = [o for o in mentions if o.type == m.type and o.sentence.start < m.sentence.start]
        return any(a.sentence.start != b.sentence.start and (a.names and b.names and not a.names & b.names
                                                             or a.date and b.date and a.date.value != b.date.value)
                   for a in earlier for b in earlier)
    return [replace(m, several=True) if not m.several and sums_up(doc[m.head]) and told_apart(m) else m
            for m in mentions]


def _also(sent: "SpacySpan", group: TriggerGroup, fatalities: int | None, ctx: ArticleState) -> bool:
    """"The driver was also killed in the attack": all the dead this sentence reports are ones it adds
    to an event told before (not "X was killed in an attack in which his driver was also killed")."""
    verbs = [ctx.doc[i] for i in group.tokens
             if any(c.dep_ == "advmod" and c.lower_ in ("also", "too") for c in ctx.doc[i].children)]
    return bool(fatalities and verbs) and count_casualties(sent, trigger=verbs).fatalities == fatalities


def _names(doc: "Doc", group: TriggerGroup, sent: "SpacySpan", shared: bool,
           roles: arguments.Roles, toponym_tokens: frozenset[int]) -> frozenset[str]:
    """Proper names (not places, not nationalities, not the actor) near the report: who was hit."""
    if shared:
        tokens = [doc[i] for i in roles.recipients]
        tokens += [c for t in tokens for c in t.subtree]
    else:
        tokens = list(sent)
    skip = {t.i for i in roles.actors for t in _phrase(doc[i])} | set(group.tokens) | toponym_tokens
    return frozenset(t.text for t in tokens if t.pos_ == "PROPN" and t.ent_type_ not in NOT_NAMES
                     and t.i not in skip)


def _span(span: "SpacySpan", body: str) -> Span:
    """A stretch of the article body as the reader wrote it (the parse may have seen it re-cased)."""
    text = body[span.start_char:span.end_char].rstrip()
    return Span(text=text, start=span.start_char, end=span.start_char + len(text))


def _clause(doc: "Doc", sent: "SpacySpan", group: TriggerGroup, shared: bool, body: str) -> Span:
    """The sentence, or where it reports several events, the smallest phrase holding this one."""
    if not shared:
        return _span(sent, body)
    lo = min(doc[i].left_edge.i for i in group.tokens)
    hi = max(doc[i].right_edge.i for i in group.tokens)
    if group.place_span:
        lo, hi = min(lo, group.place_span[0]), max(hi, group.place_span[1] - 1)
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return _span(doc[lo:hi + 1], body)


def _region(doc: "Doc", group: TriggerGroup) -> set[int]:
    """Token indices of the trigger group's own phrase and clause (nested clauses left out)."""
    region: set[int] = set()
    members = set(group.tokens)
    for i in group.tokens:
        region |= _own_subtree(doc[i], members)
        token = doc[i]
        governor = None
        if token.pos_ != "VERB" and token.dep_ in ("pobj", "dobj", "attr"):
            head = token.head.head if token.dep_ == "pobj" else token.head
            purpose = token.dep_ == "pobj" and token.head.lower_ in arguments.PURPOSE_PREPS
            if head.lemma_.lower() in arguments.SUPPORT_VERBS or purpose:  # "arrived in Amman on a visit"
                governor = head
        elif token.pos_ != "VERB" and (subject := _subject_noun(token)).dep_ in ("nsubj", "nsubjpass") \
                and subject.head.lemma_.lower() in OCCURRING:  # "the kidnapping took place on 30 December",
            governor = subject.head  # "the shooting spree happened ... Friday"
        if governor is not None:
            for child in governor.children:
                if child.dep_ in ("prep", "npadvmod") and child.i not in region:
                    region |= _own_subtree(child, members)
        for child in token.children:  # "the double murder perpetrated on 19 January"
            if child.dep_ == "acl" and child.lemma_.lower() in PERFORMING and child.i not in region:
                region |= _own_subtree(child, members)
    return region


def _subject_noun(token: "Token") -> "Token":
    """The noun an event word modifies as a compound ("the *shooting* spree", "a *stabbing* incident"), which
    stands for the event as a subject does; else the word itself."""
    return token.head if token.dep_ == "compound" and token.head.pos_ == "NOUN" else token


def _own_subtree(token: "Token", members: set[int]) -> set[int]:
    found = {token.i}
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS and child.i not in members and child.pos_ in ("VERB", "AUX") \
                and not (child.dep_ == "acl" and child.lemma_.lower() in LOCATING):
            continue
        if child.dep_ == "appos":
            continue
        found |= _own_subtree(child, members)
    return found


def _actors(doc: "Doc", heads: tuple[int, ...], ctx: ArticleState, *, through: bool = False,
            type_: str | None = None, deeds: tuple[int, ...] = ()) -> tuple[Actor, ...]:
    """Actors of phrase heads; ``through``: a thing's phrase stands for the party it names ("demands from
    the rebels", "the removal of President X", "a blockade on Palestinian lorries")."""
    found: list[Actor] = []
    for i in heads:
        actor = resolve_np(_phrase(doc[i]), memory=ctx.memory)
        if actor is not None and any(c.dep_ == "poss" and c.pos_ != "PRON" for c in doc[i].children) \
                and names_people(doc[i]) and resolve_np(doc[i:i + 1], memory=ctx.memory) is None:
            # "the gunman's brother" is not the gunman: a person known by whose kin they are ("its European
            # Community partners" is named by its own modifiers: a possessive pronoun resolves to nothing)
            actor = plain_party(doc[i], _phrase(doc[i]))
        agent_of = doc[i].head if doc[i].dep_ in ("compound", "amod", "nmod", "poss") else None
        if agent_of is not None and actor is not None and is_weapon(agent_of, ctx.lex):  # "U.S. military airstrikes"
            if actor.sector is None:
                continue  # "the Quetta attack": a place, not who attacked
            first = next(t.i for t in agent_of.subtree if t.dep_ not in ("det", "predet") or t.i >= i)
            actor = replace(actor, text=doc[first:agent_of.i + 1].text)
        actor = _apposed(doc[i], actor, ctx)
        if through and (actor is None or not actor.country):
            inner = [g for c in doc[i].children if c.dep_ in ("prep", "agent") and c.lower_ in THROUGH_PREPS
                     for g in c.children if g.dep_ == "pobj"]
            if not names_people(doc[i]):  # "Netanyahu's decision" (not "the gunman's brother")
                inner += [c for c in doc[i].children if c.dep_ == "poss" and c.pos_ != "PRON"]
            better = [a for a in (resolve_np(_phrase(g), memory=ctx.memory) or (
                None if actor else plain_party(g, _phrase(g))) for g in inner) if a is not None]
            if better:  # the phrase stands for the party it names: its text is the phrase
                actor = settled(doc[i].lemma_.lower(), replace(better[0], text=_phrase(doc[i]).text),
                                kb=ctx.memory.view.kb)
        resolve = lambda span: resolve_np(span, memory=ctx.memory)  # noqa: E731
        pair = described_pair(doc[i], resolve) if actor is None or not actor.country else []
        if pair:  # "the two presidents": the last two named before
            found += [p for p in pair if p not in found]
            continue
        if actor is None:  # "WE DEMAND" in a communiqué, "[CRISTIANI] WE HAD ...": the text's voice
            actor = voice_of(doc[i], ctx)
        if actor is None:  # "he" after "Chris Fox said ...": the party named in an earlier sentence
            actor = antecedent(doc[i], resolve, _phrase, own_sentence=not through)
        if actor is None or not actor.country and actor.sector in (None, "UAF"):  # "the group", "the gunman"
            actor = described(doc[i], resolve, _phrase) or actor
        if actor is None:  # "a man", "several municipalities": named in plain words
            actor = plain_party(doc[i], _phrase(doc[i]))
        if actor is None and through:  # "targets in Kirkuk", "a ski resort in Vail": what is hit at a place
            actor = _at_place(doc[i], ctx, type_, deed=i in deeds)
        extra = _coordinated_inner(doc[i], actor, ctx) if through else []
        for one in [actor] + _coordinated_modifiers(doc[i], actor, ctx) + extra:
            if one is not None and one not in found:
                found.append(one)
    return tuple(found)


def _coordinated_inner(head: "Token", actor: Actor | None, ctx: ArticleState) -> list[Actor]:
    """"relations with Congo and Costa Rica", "the blockade of Iraq and Kuwait": when the phrase stands for the
    party its prepositional object names, each coordinated object of another country is a party too."""
    if actor is None or not actor.country:
        return []
    extra = []
    for prep in head.children:
        if prep.dep_ not in ("prep", "agent") or prep.lower_ not in THROUGH_PREPS:
            continue
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            for other in obj.conjuncts:
                found = resolve_np(_phrase(other), memory=ctx.memory)
                if found is not None and found.country and found.country != actor.country:
                    extra.append(found)
    return extra


def _at_place(head: "Token", ctx: ArticleState, type_: str | None, *, deed: bool = False) -> Actor | None:
    """A thing acted on that its phrase places ("civilian and military targets in Kirkuk", "Afghanistan's
    northern Faryab province"): the phrase as written, standing for the place it names (CAMEO codes a place by
    its people or its state, by the event type: :data:`~eventwire.events.implicit.PLACE_SECTOR`), so that the
    recipient is not cut down to the place name. An act ("a curfew in Algiers") is not what is hit, unless it is
    a judged ``deed`` with no author ("condemned terrorist attacks in Tehran")."""
    from .implicit import PLACE_SECTOR

    if head.pos_ != "NOUN" or not deed and (head.lemma_.lower() in RESTRICTIONS or is_weapon(head, ctx.lex)):
        return None
    phrase = _phrase(head)
    named = [p for _t, p in ctx.places.places_in(phrase.start_char, phrase.end_char) if p.country]
    if not named:
        return None
    return Actor(text=phrase.text, name=named[0].name, country=named[0].country, sector=PLACE_SECTOR.get(type_ or ""))


def _apposed(head: "Token", actor: Actor | None, ctx: ArticleState) -> Actor | None:
    """"his counterpart, Michel Aoun", "a spokesman, Qari Ahmadi": the apposition names who the head is; the
    text runs over both. A person apposed to an office ("the secretary general of the CEI, Nunzio Galantino")
    is who acted, with the office's country and sector where the person has none; one apposed to a
    spokesman leaves the body spoken for as the actor."""
    appos = [c for c in head.children if c.dep_ == "appos" and c.i > head.i]
    if not appos:
        return actor
    named = next((a for a in appos if a.ent_type_ == "PERSON"), appos[0])  # "the secretary of X (Y), Z,"
    other = resolve_np(_phrase(named), memory=ctx.memory)
    if named.ent_type_ == "PERSON" and head.ent_type_ != "PERSON" and head.lemma_.lower() not in SPOKESPEOPLE:
        other = other or plain_party(named, _phrase(named))
        if other is not None and actor is not None:
            other = replace(other, country=other.country or actor.country, sector=other.sector or actor.sector)
        actor = other or actor
    elif actor is None or other is not None and other.country and not actor.country:
        actor = other
    if actor is None:
        return None
    lo, hi = _phrase(head).start, _phrase(named).end
    return replace(actor, text=head.doc[lo:hi].text)


def _coordinated_modifiers(head: "Token", actor: Actor | None, ctx: ArticleState) -> list[Actor]:
    """"Hungarian and Romanian officials": one actor per coordinated national modifier."""
    extra = []
    for mod in head.children:
        if mod.dep_ not in ("amod", "compound", "nmod"):
            continue
        for other in mod.conjuncts:
            found = resolve_np(other, memory=ctx.memory)
            if found is not None and found.country and (actor is None or found.country != actor.country):
                sector = actor.sector if actor is not None else found.sector
                extra.append(replace(found, sector=sector))
    return extra


def _places(doc: "Doc", group: TriggerGroup, region: set[int], roles: arguments.Roles,
            ctx: ArticleState) -> tuple[tuple[Place, ...], str | None]:
    """Places where the event happened: toponyms in the region that stand in a locative phrase."""
    found = []
    for toponym, place in ctx.places.places_in(doc[min(region)].idx, doc[max(region)].idx + len(doc[max(region)])):
        span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is None or not (set(range(span.start, span.end)) & region) or institution_name(doc.text, toponym.end):
            continue  # nor "taken to Sunrise Hospital": the victims' care, not the attack's place
        if _locative(span.root, place) and place not in found:
            found.append(place)
    generic = None
    if not found:
        for i in list(roles.recipients) + [t for t in region]:
            token = doc[i]
            if token.lemma_.lower() in GENERIC_SITES and token.pos_ == "NOUN" and not _has_name(token):
                generic = token.lemma_.lower()
                break
    return tuple(found), generic


_NOWHERE = Place(text="", name="", country=None, admin1=None, lat=None, lon=None, geonameid=None, feature="city",
                 precision="city", score=0.0)  # what _locative is asked about for an unnamed place


def _capital_of(doc: "Doc", region: set[int], ctx: ArticleState) -> str | None:
    """Whose capital a locative phrase of the region names without its name: "in the capital", "on the
    outskirts of the capital city" -> "" (the story's country); "in the Salvadoran capital" -> "SLV"."""
    gaz = ctx.places.gazetteer
    for i in sorted(region):
        token = doc[i]
        lemma = token.lemma_.lower()
        capital_city = lemma == "city" and any(c.lower_ == "capital" and c.dep_ in ("compound", "amod")
                                               for c in token.children)
        if not (capital_city or (lemma == "capital" and token.pos_ == "NOUN")) \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children) \
                or not _locative(token, _NOWHERE):
            continue  # "the capital of Peru" names it; "the capital's mayor" is no place of the event
        adjectives = [c for c in token.children if c.dep_ in ("amod", "compound") and c.lower_ != "capital"]
        codes = set().union(*(gaz.country_codes(name_key(c.text)) for c in adjectives))
        if adjectives and len(codes) != 1:
            return ELSEWHERE  # "the state capital", "the provincial capital": not the country's, nor the story's town
        return gaz.iso3.get(next(iter(codes)), "") if codes else ""
    return None


def _has_name(token: "Token") -> bool:
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)


def _locative(token: "Token", place: Place) -> bool:
    """Is this toponym where something happened, not whose it is ("US strike", "US embassy", "Iran's leader")?

    A division word names its division where it stands in a locative phrase: "in the department of Antioquia"
    (not "the governor of the department of Antioquia"), "in San Miguel department"; and a division put in
    apposition to a site says where the site is ("attacked the Tejutla post, Chalatenango Department")."""
    if token.dep_ == "pobj":
        prep = token.head
        if prep.lower_ == "of":
            return prep.head.lower_ in DIRECTION_HEADS or (
                prep.head.lemma_.lower() in ADMIN_WORDS and prep.head.dep_ == "pobj" and _locative(prep.head, place))
        return prep.lower_ in LOCATIVE_PREPS
    if token.dep_ == "npadvmod":
        return True
    if token.dep_ in ("compound", "nmod") and place.precision != "country":  # "in San Miguel department"
        head = token.head
        if head.lemma_.lower() in ADMIN_WORDS and head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN"):
            return True  # "the Tejutla post, Chalatenango Department": where the site lies
        return head.lemma_.lower() in FEATURE_HEADS and _locative(head, place)
    if token.dep_ in ("conj", "appos") and token.head.i != token.i:  # "in Usulutan and Morazan departments"
        return _locative(token.head, place)
    return False


FATAL_WORDS = frozenset({"fatal", "deadly", "lethal"})
# Words that tell of people hit without a word of death or wounds: "a bullet struck a girl", "a stray round hit
# her", "four people are recovering after a shooting" (the casualty counter reads who was hit or is in care).
HIT_WORDS = frozenset({"bullet", "pellet", "recover"})


def _tells_hits(sent: "SpacySpan") -> bool:
    """Does the sentence tell of people hit by gunfire or recovering, in words the casualty words leave out?"""
    return any(token.lemma_.lower() in HIT_WORDS for token in sent)


def _casualties(sent: "SpacySpan", group: TriggerGroup, shared: bool,
                ctx: ArticleState) -> tuple[int | None, int | None, bool, bool]:
    """:func:`_counted`; a single attack called fatal ("a deadly shooting", "the fatal shooting of a teen")
    killed at least one person, though the sentence counts no dead."""
    dead, injured, shot, victims = _counted(sent, group, shared, ctx)
    head = ctx.doc[group.head]
    if dead is None and group.rule.type == "ASSAULT" and head.pos_ == "NOUN" \
            and "Plur" not in head.morph.get("Number") \
            and any(c.dep_ == "amod" and c.lower_ in FATAL_WORDS for c in head.children):
        dead, victims = 1, False
        if injured and shot:
            injured, shot = max(0, injured - 1), injured > 1  # "the fatal shooting of a man shot in the head"
    return dead, injured, shot, victims and dead is not None


def _counted(sent: "SpacySpan", group: TriggerGroup, shared: bool,
             ctx: ArticleState) -> tuple[int | None, int | None, bool, bool]:
    """Casualties of the sentence, when the sentence reports only this event or the group kills: dead,
    wounded, whether the wounded were only said to be shot (:attr:`Casualties.shot`) and the dead only called
    victims (:attr:`Casualties.victims`)."""
    kills = any(ctx.doc[i].lemma_.lower() in CASUALTY_WORDS for i in group.tokens)
    if group.rule.type not in ("ASSAULT", "COERCE", "PROTEST"):
        return None, None, False, False
    if shared and not kills:  # one of several events: only the dead its own phrase names ("attacks that
        head = ctx.doc[group.head]  # claimed the lives of X and Y", "attacks in which X and Y were killed")
        if head.pos_ != "NOUN" or group.rule.type != "ASSAULT":
            return None, None, False, False
        counted = count_casualties(sent, trigger=head, earlier=ctx.counted_before(sent.start_char), inside=True)
        return counted.fatalities, counted.injured, counted.shot, counted.victims
    if not kills and not ctx.speaks_of_casualties(sent, forms=True) and not _tells_hits(sent):
        return None, None, False, False  # nothing in the sentence speaks of dead or wounded
    earlier = ctx.counted_before(sent.start_char)
    counted = count_casualties(sent, trigger=[ctx.doc[i] for i in group.tokens], earlier=earlier)
    if not shared and (counted.fatalities is None or counted.injured is None):
        every = count_casualties(sent, earlier=earlier)  # the sentence's only event: its dead, whatever clause
        wounded = every if counted.injured is None or counted.fatalities is None and every.fatalities else counted
        # (the dead read off the whole sentence: its wounded too, one reading of its people: "the child was shot
        # and taken to a hospital, where he was pronounced dead" is one dead, not one dead and one wounded)
        dead = every if counted.fatalities is None else counted
        return dead.fatalities, wounded.injured, wounded.shot, dead.victims
    return counted.fatalities, counted.injured, counted.shot, counted.victims
