"""Actors: the noun-phrase resolver (part of the *extract* stage), over the knowledge base of :mod:`actor_kb`.

1. :class:`~eventwire.actor_kb.ActorKB` (re-exported here) knows countries, organisations, a few people, role
   nouns and non-actor phrases; see :mod:`eventwire.actor_kb` for how it matches text.
2. :class:`PersonMemory` (from :mod:`eventwire.people`, re-exported here) remembers, per document, the people
   introduced with a descriptor ("Iranian counterpart Mohammad Javad Zarif") so that later bare mentions
   ("Zarif") resolve; it also keeps the document's token view, which the resolver reads.
3. :func:`resolve_np` turns a spaCy noun phrase into an :class:`~eventwire.models.Actor`.

Canonical names (``Actor.name``): an organisation's canonical name; a person's full name; a country named
(or its capital or seat of government) as the actor: the country's short name ("Iran", sector GOV, with the
country's QID); a country with a role: ``"<Country> <sector label>"`` ("Iran government", "United States
military", "Iraq media"); a role alone: the role phrase as written, lower case ("gunmen"). ``wikidata`` is set
only when the actor *is* the KB entry (organisation, listed person, or country acting as its government).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from .kb import SECTOR_LABELS, ActorKB, Entry, Match, Scan, actor_key, load_actor_kb, peoples
from ..models import Actor
from .mentioned import names_people
from .people import _NON_ACTOR_ENTS, _NOUNISH, DocView, PersonInfo, PersonMemory, _Hit, core, cues, hits, person_at

__all__ = ["Entry", "Match", "Scan", "ActorKB", "PersonMemory", "PersonInfo", "load_actor_kb", "resolve_np",
           "with_country", "settled", "actor_key", "SECTOR_LABELS"]

_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_AFFILIATION_PREPS = {"of", "for", "from"}
# Heads that take the sector of the body their "of" phrase names ("leaders of the opposition", "a member of
# Hezbollah", "the head of the Red Cross").
_MEMBERSHIP = {"leader", "member", "head", "chief", "chairman", "chairwoman", "official", "representative",
               "spokesman", "spokeswoman", "spokesperson", "delegation", "delegate", "secretary", "general",
               "director", "president", "chair", "chairperson", "founder", "commander"}
# Heads that stand against what their "of" phrase names: "opponents of President Assad" are not Assad but his
# country's opposition (CAMEO's OPP), "critics of the government" its critics.
_CONTRARY = {"opponent", "opponents", "critic", "critics", "rival", "rivals", "enemy", "enemies", "foe", "foes",
             "adversary", "adversaries", "detractor", "detractors", "challenger", "challengers"}
_LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "across", "around", "into", "through", "throughout",
                   "north", "south", "east", "west", "within", "over", "on"}
_LOCAL_SECTORS = frozenset({"REB", "CVL", "UAF", "CRM", "COP", "REL", "MED", "BUS"})  # placed by "in <place>"
_PLACE_SECTORS = {"admin1": "GOV", "city": "CVL"}  # a place named as the actor: its government, its people
_QUANTITY_NOUNS = {"tens", "hundreds", "thousands", "millions", "dozens", "scores", "number", "total", "group",
                   "members", "member", "handful", "majority", "some", "many", "most", "all", "several", "few",
                   "both", "each", "one", "none", "rest", "part", "half", "crowds", "crowd", "lot", "lots"}


@dataclass(frozen=True)
class _Ctx:
    """What a resolution reads besides the phrase: the person memory, the context country, the gazetteer."""

    memory: PersonMemory | None
    country: str | None  # context_country, else the memory's main country
    explicit: str | None  # context_country as given
    gazetteer: object | None

    def places(self):
        if self.gazetteer is None:
            from ..places.gazetteer.cache import load_gazetteer

            return load_gazetteer()
        return self.gazetteer


def _head_of(np, view: DocView) -> tuple[int, frozenset[int] | None, str, tuple[int, ...], int]:
    """Head token, the token ids it may use (a Span limits them), the text as written, the span's words
    before the head that the parse attaches outside it ("Haitian" of "Haitian government" cut from "Haitian
    government officials"), and the last token of the phrase."""
    if not hasattr(np, "root"):  # Token
        return np.i, None, view.span_text(np.left_edge.i, np.right_edge.i), (), np.right_edge.i
    lo, hi, heads = np.start, np.end, view.head
    tops = [i for i in range(lo, hi) if not lo <= heads[i] < hi or heads[i] == i]
    nouns = [i for i in tops if view.pos[i] in _NOUNISH]
    head = nouns[-1] if nouns else np.root.i
    detached = tuple(i for i in range(lo, head) if view.pos[i] in ("ADJ", "PROPN", "NOUN")
                     and not _descends(heads, i, head, lo, hi))
    return head, frozenset(range(lo, hi)), view.span_text(lo, hi - 1), detached, hi - 1


def _descends(heads: list[int], i: int, top: int, lo: int, hi: int) -> bool:
    for _ in range(hi - lo):
        if i == top:
            return True
        if not lo <= heads[i] < hi or heads[i] == i:
            return False
        i = heads[i]
    return False


def resolve_np(np, *, memory: PersonMemory | None = None, kb: ActorKB | None = None,
               context_country: str | None = None, gazetteer=None) -> Actor | None:
    """The actor a noun phrase names, or None (pronouns, numbers, dates, places, unknown things).

    ``np`` is a spaCy ``Span`` (its root and tokens) or a ``Token`` (its subtree). Only the head and its
    pre-modifiers decide; "of/for/from" phrases add a missing country or organisation ("the foreign minister
    of Iran", "members of Hezbollah", "King Hassan of Morocco"); other prepositional phrases are read only when
    the head itself names nothing, and then only for organisations and roles ("an area near the US embassy"
    -> United States government; "a convoy north of Baghdad" -> None), or to place rebels, civilians, police,
    criminals and unidentified gunmen ("rebels in Darfur" -> Sudan rebels). Coordinated phrases resolve to
    their first conjunct. An organisation's name may span a preposition ("Liberation Tigers of Tamil Eelam").
    A first-level division, region or city of 250,000 or more that the KB does not know, named as the actor,
    resolves through the gazetteer ("Darfur" -> SDN; a division as its government, GOV; a city as its people, CVL).
    ``context_country`` (ISO3; default: the memory's main country) is the country of "state media" and of a
    titled person whose country is not written ("President Bouteflika"). Pass the document's ``memory``
    (:meth:`PersonMemory.from_doc`): besides the people, it holds the document's token view, so resolving
    costs little. ``gazetteer``: a :class:`~eventwire.gazetteer.Gazetteer` (default: loaded when first needed).
    """
    kb = kb or (memory.view.kb if memory is not None and memory.view is not None else load_actor_kb())
    view = DocView.of(np.doc, kb, memory)
    head, allowed, text, detached, last = _head_of(np, view)
    head = _past_quantity(view, head, allowed)
    if head is None or view.pos[head] in ("PRON", "NUM") or view.ent[head] in _NON_ACTOR_ENTS:
        return None
    ctx = _Ctx(memory, context_country or (memory.country if memory is not None else None), context_country,
               gazetteer or (memory.gazetteer if memory is not None else None))
    org = _org_across(view, head, allowed, last, text=text)
    if org is not None:
        return org
    actor = _resolve(view, head, allowed, text=text, ctx=ctx, depth=0, extra=detached)
    return _owned(view, head, allowed, actor, ctx=ctx)


_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD"})


def _owned(view: DocView, head: int, allowed, actor: Actor | None, *, ctx: _Ctx) -> Actor | None:
    """A state body named without its country whose possessor stands before the phrase given ("Cabinet" of
    "Israel's Cabinet", the entity span a tagger cut): the possessor's country is the body's."""
    if actor is None or actor.country or actor.sector not in _STATE_SECTORS or allowed is None:
        return actor
    for owner in view.children[head]:
        if view.dep[owner] == "poss" and owner not in allowed and owner < head:
            sub = _resolve(view, owner, None, text=actor.text, ctx=ctx, depth=1)
            if sub is not None and sub.country and sub.sector == "GOV" and sub.name == _role_name(
                    view.kb, sub.country, None, ""):
                return _with_place(view.kb, actor, sub.country)
    return actor


def _org_across(view: DocView, head: int, allowed, last: int, *, text: str) -> Actor | None:
    """An organisation whose name runs from the head's modifiers across a preposition ("Organization of
    American States", "Liberation Tigers of Tamil Eelam", "Doctors Without Borders"): a proper-noun head with
    "of/for" after, or any head with a capitalised preposition after (a title-case name)."""
    if last <= head or not (view.pos[head] == "PROPN" and view.lower[head + 1] in ("of", "for")
                            or view.pos[head + 1] == "ADP" and view.token_text(head + 1)[:1].isupper()):
        return None
    first = core(view, head, allowed)[0]
    window = [t for t in range(first, last + 1) if allowed is None or t in allowed]
    for hit in hits(view, window, head):
        if hit.entry.kind in ("org", "country") and hit.first <= head < hit.last:  # "... Republic of Korea"
            e = hit.entry
            sector = e.sector if e.kind == "org" else "GOV"
            return Actor(text=text, name=e.name, country=e.country, sector=sector, wikidata=e.wikidata)
    return None


def _past_quantity(view: DocView, head: int, allowed) -> int | None:
    """``tens of thousands of Iraqis`` -> ``Iraqis``; a number with no "of" phrase is no actor."""
    for _ in range(4):
        if view.pos[head] != "NUM" and view.lower[head] not in _QUANTITY_NOUNS:
            return head
        objs = [o for p in view.children[head] if view.dep[p] == "prep" and view.lower[p] == "of"
                for o in view.children[p] if view.dep[o] == "pobj" and (allowed is None or o in allowed)]
        if not objs:
            return None if view.pos[head] == "NUM" else head
        head = objs[0]
    return head


def _resolve(view: DocView, head: int, allowed, *, text: str, ctx: _Ctx, depth: int, strict: bool = False,
             extra: tuple[int, ...] = ()) -> Actor | None:
    kb = view.kb
    tokens = core(view, head, allowed)
    if extra:
        tokens = sorted(set(tokens).union(extra))
    found = cues(view, tokens, head)
    person = person_at(view, head, allowed, found, text=text, memory=ctx.memory)
    if person is not None:
        return _person_country(view, head, allowed, person, ctx=ctx, depth=depth)
    if view.ent[head] in _PLACE_ENTS and head not in found.covered:
        return None if strict else _place_actor(view, head, tokens, text=text, ctx=ctx)
    actor = _from_cues(view, found, head, tokens, text=text, context_country=ctx.country, strict=strict)
    if actor is not None and actor.sector == "CVL" and found.country is not None \
            and found.country.entry.kind == "demonym" and found.country.covers(head):
        actor = _resident(view, head, allowed, actor, found, tokens, ctx=ctx)
    if actor is not None and not actor.country and found.person is not None and found.org is None:
        actor = _with_place(kb, actor, found.person.entry.country)  # "the Bush administration"
    if actor is not None and not actor.country and found.org is None and actor.sector not in ("IGO", "NGO"):
        actor = _with_place(kb, actor, _place_in(view, tokens, found, ctx=ctx))
    if actor is not None and (actor.country or actor.sector not in (None, "GOV", "MIL", "COP", "MED")):
        if not actor.country and actor.sector in _LOCAL_SECTORS:
            actor = _with_place(kb, actor, _located(view, head, allowed, ctx=ctx))
        return _with_place(kb, actor, _people_home(view, head, allowed, tokens, ctx=ctx)) if not actor.country \
            else actor
    if actor is None and view.lower[head] in _CONTRARY:
        return _contrary(view, head, allowed, text=text, ctx=ctx, depth=depth)
    for prep in (c for c in view.children[head] if view.dep[c] == "prep" and (allowed is None or c in allowed)):
        affiliation = view.lower[prep] in _AFFILIATION_PREPS
        if actor is not None and not affiliation or depth > 2:
            continue
        for obj in (c for c in view.children[prep] if view.dep[c] == "pobj"):
            sub = _resolve(view, obj, allowed, text=text, ctx=ctx, depth=depth + 1,
                           strict=strict or not affiliation)
            if sub is not None and actor is None:
                return sub
            if sub is not None and affiliation and sub.sector not in (None, "GOV") \
                    and view.lower[head].rstrip("s") in _MEMBERSHIP:  # "leaders of the opposition coalition"
                return Actor(text=actor.text, name=sub.name, country=sub.country or actor.country,
                             sector=sub.sector, wikidata=sub.wikidata)
            if sub is not None and sub.country:
                return _with_country(kb, actor, sub)
    if actor is not None and not actor.country and actor.sector in _LOCAL_SECTORS:
        actor = _with_place(kb, actor, _located(view, head, allowed, ctx=ctx))
    if actor is not None and not actor.country and actor.sector not in ("IGO", "NGO"):
        actor = _with_place(kb, actor, _people_home(view, head, allowed, tokens, ctx=ctx))
    return actor


def _people_home(view: DocView, head: int, allowed, tokens, *, ctx: _Ctx) -> str | None:
    """The state a people of several states ("Kurdish rebels", "Hutu militias": ``actors_peoples.tsv``) is placed
    in: one of the people's states that the phrase itself names ("Kurdish fighters across the border in Syria"),
    else the context country when it is one of them, else none."""
    known = peoples()
    states = next((known[view.lower[t]] for t in tokens if view.lower[t] in known
                   and view.token_text(t)[:1].isupper()), None)
    if not states:
        return None
    below = sorted(allowed) if allowed is not None else _subtree(view, head, limit=40)
    named = [h.entry.country for h in (hits(view, sorted(below), head) if below else ())
             if h.entry.kind in ("country", "demonym", "capital") and h.entry.country in states]
    if named:
        return named[0]
    return ctx.country if ctx.country in states else None


def _subtree(view: DocView, head: int, *, limit: int) -> list[int]:
    """The tokens under ``head`` (itself first), depth first, at most ``limit`` of them."""
    out, stack = [], [head]
    while stack and len(out) < limit:
        t = stack.pop()
        out.append(t)
        stack.extend(view.children[t])
    return out


def _contrary(view: DocView, head: int, allowed, *, text: str, ctx: _Ctx, depth: int) -> Actor | None:
    """"Opponents of President Assad": the opposition of the country the "of" phrase names (sector PTY when it
    names a state's government), never the person or body opposed."""
    for prep in (c for c in view.children[head] if view.dep[c] == "prep" and view.lower[c] == "of"):
        for obj in (c for c in view.children[prep] if view.dep[c] == "pobj"):
            sub = _resolve(view, obj, allowed, text=text, ctx=ctx, depth=depth + 1, strict=True)
            if sub is not None:
                country = sub.country or ctx.country if sub.sector in ("GOV", "MIL", "COP") else sub.country
                sector = "PTY" if sub.sector in ("GOV", "MIL", "COP") else None
                return Actor(text=text, name=_role_name(view.kb, country, sector, view.token_text(head)),
                             country=country, sector=sector)
    return None


def _resident(view: DocView, head: int, allowed, actor: Actor, found, tokens, *, ctx: _Ctx) -> Actor:
    """An ethnic group is coded by where it lives: "Bosnian Serbs" -> Bosnia, "Albanians in Serbia" -> Serbia."""
    before = [t for t in tokens if t < found.country.first]
    home = next((h.entry.country for h in (hits(view, before, head) if before else ())
                 if h.entry.kind in ("country", "demonym") and h.entry.country), None)
    home = home or _located(view, head, allowed, ctx=ctx)
    if not home or home == actor.country:
        return actor
    return _with_place(view.kb, replace(actor, country=None), home)


def _person_country(view: DocView, head: int, allowed, person: Actor, *, ctx: _Ctx, depth: int) -> Actor:
    """A person without a written country: from "of <country>" after the name ("King Hassan of Morocco"),
    else, when a title or descriptor gave a (non-international) sector, from the context country."""
    if person.country or person.sector in ("IGO", "NGO"):
        return person
    for prep in view.children[head]:
        if view.dep[prep] == "prep" and view.lower[prep] in ("of", "from") and (allowed is None or prep in allowed) \
                and depth <= 2:
            for obj in (c for c in view.children[prep] if view.dep[c] == "pobj"):
                sub = _resolve(view, obj, allowed, text=person.text, ctx=ctx, depth=depth + 1)
                if sub is not None and sub.country:
                    return replace(person, country=sub.country)
    if person.sector is not None and ctx.country:
        return replace(person, country=ctx.country)
    return person


def _place_key(view: DocView, head: int, tokens) -> str:
    """The proper-noun run ending at ``head`` (within ``tokens``), as written: "Tamil Nadu", "Darfur"."""
    first, ids = head, set(tokens)
    while first - 1 in ids and view.pos[first - 1] == "PROPN" and view.ent[first - 1] == view.ent[head]:
        first -= 1
    return view.span_text(first, head)


def _place_actor(view: DocView, head: int, tokens, *, text: str, ctx: _Ctx) -> Actor | None:
    """A sub-national place named as the actor: its country; a division as its government, a city as its people
    (the PLOVER gold standard's convention: "cities in general go to sector CVL"; a capital named as a party is
    the state, which the knowledge base reads before this)."""
    if view.dep[head] == "pobj" and view.lower[view.head[head]] in _LOCATIVE_PREPS or view.pos[head] != "PROPN":
        return None
    name = _place_key(view, head, tokens)
    found = _place_country(ctx.places(), name, ctx.explicit or ctx.country)
    if found is None:
        return None
    country, feature = found
    return Actor(text=text, name=name, country=country, sector=_PLACE_SECTORS.get(feature))


def _place_in(view: DocView, tokens, found, *, ctx: _Ctx) -> str | None:
    """The country of a place name among a role's modifiers that the KB does not know ("Darfur rebels"; "Lagos
    police", "Karachi traders", "Punjab police": a name the tagger calls a noun, an organisation or a
    nationality, see :func:`_names_place`)."""
    for t in tokens:
        if (view.ent[t] in ("GPE", "LOC") and view.pos[t] == "PROPN" or _names_place(view, t, tokens)) \
                and t not in found.covered and (t + 1 >= view.n or t + 1 not in tokens or (
                    view.ent[t + 1] != view.ent[t] if view.ent[t] else view.pos[t + 1] != "PROPN")):
            place = _place_country(ctx.places(), _place_key(view, t, tokens), ctx.explicit or ctx.country)
            if place is not None:
                return place[0]
    return None


_MODIFIER_ENTS = frozenset({"GPE", "LOC", "ORG", "NORP"})


def _names_place(view: DocView, t: int, tokens) -> bool:
    """A capitalised modifier before the phrase's head that may name a place although the tagger read it as a
    common noun ("Lagos" NOUN), an organisation ("Karachi" ORG) or a nationality ("Punjab" NORP): it is tagged as
    a name (a proper noun, or an entity of those types that ends before the head: "the Federal Police" is one
    organisation, no place in it). The gazetteer decides whether it is a place (divisions, cities of 250,000+)."""
    if t + 1 not in tokens or not view.token_text(t)[:1].isupper() or view.dep[t] not in ("compound", "amod", "nmod"):
        return False
    named = view.pos[t] == "PROPN" or view.ent[t] in _MODIFIER_ENTS
    ends = not view.ent[t] or view.ent[t + 1] != view.ent[t] or view.pos[t + 1] != "PROPN"
    return named and ends and view.head[t] > t


def _located(view: DocView, head: int, allowed, *, ctx: _Ctx) -> str | None:
    """The country of "in/across/from <place>" after a rebel, civilian, police or criminal head, or in the
    participle that says where they are ("a newspaper based in east Beirut", "militias operating in Tripoli",
    "refugees fleeing the civil war in Liberia")."""
    found = _located_at(view, head, allowed, ctx=ctx)
    if found is not None:
        return found
    for verb in view.children[head]:
        if view.dep[verb] == "acl" and view.pos[verb] == "VERB" and (allowed is None or verb in allowed):
            for at in [verb] + [o for o in view.children[verb] if view.dep[o] == "dobj"]:
                found = _located_at(view, at, allowed, ctx=ctx)
                if found is not None:
                    return found
    return None


def _located_at(view: DocView, head: int, allowed, *, ctx: _Ctx) -> str | None:
    for prep in view.children[head]:
        if view.dep[prep] != "prep" or view.lower[prep] not in _LOCATIVE_PREPS and \
                view.lower[prep] not in _AFFILIATION_PREPS or \
                allowed is not None and prep not in allowed:
            continue
        for obj in (c for c in view.children[prep] if view.dep[c] == "pobj"):
            tokens = core(view, obj, allowed)
            found = cues(view, tokens, obj)
            affiliated = view.lower[prep] in _AFFILIATION_PREPS  # "doctors from two American aid groups"
            if found.country is not None and (found.country.covers(obj) or affiliated) and found.org is None:
                return found.country.entry.country
            if view.ent[obj] in ("GPE", "LOC") and obj not in found.covered:
                return _place_in(view, [t for t in tokens if t <= obj], found, ctx=ctx)
            if affiliated and found.org is None:
                return _body_place(view, obj, tokens, found, allowed, ctx=ctx)
    return None


def _body_place(view: DocView, obj: int, tokens, found, allowed, *, ctx: _Ctx) -> str | None:
    """The country of a body the KB does not know that people belong to, from the place in its own name or its
    own "of/in" phrase: "workers of the bus company of Tehran", "students of Lagos State University" (the
    body's people are where the body is). Only a place: a role's country is not read here."""
    place = _place_in(view, [t for t in tokens if t < obj], found, ctx=ctx)
    if place is not None or view.pos[obj] not in _NOUNISH:
        return place
    for prep in view.children[obj]:
        if view.dep[prep] == "prep" and view.lower[prep] in ("of", "in") and (allowed is None or prep in allowed):
            for inner in (c for c in view.children[prep] if view.dep[c] == "pobj"):
                inner_tokens = core(view, inner, allowed)
                inner_found = cues(view, inner_tokens, inner)
                if inner_found.country is not None and inner_found.country.covers(inner) \
                        and inner_found.org is None and inner_found.role is None:
                    return inner_found.country.entry.country
                if view.pos[inner] == "PROPN" and inner not in inner_found.covered:  # tagged in the body's name
                    place = _place_country(ctx.places(), _place_key(view, inner, inner_tokens),
                                           ctx.explicit or ctx.country)
                    return place[0] if place is not None else None
    return None


SETTLEMENTS = frozenset({"village", "town", "city", "area", "neighbourhood", "neighborhood", "district", "suburb",
                         "hamlet", "settlement", "community", "market", "street"})


def settled(lemma: str, actor: Actor, *, kb: ActorKB) -> Actor:
    """``actor``, read through a phrase headed by ``lemma`` that names a place in it: a settlement in a country
    ("a strategic village in Western Cambodia") stands for the people who live there (CVL, as the PLOVER gold
    standard codes towns and villages), not for the country's government."""
    entry = kb.country(actor.country) if actor.country else None
    if lemma not in SETTLEMENTS or actor.sector != "GOV" or entry is None or actor.name != entry.name:
        return actor
    return with_country(Actor(text=actor.text, name="civilians", sector="CVL"), actor.country, kb=kb)


def with_country(actor: Actor, country: str, *, kb: ActorKB) -> Actor:
    """``actor`` placed in ``country``: a role's name follows ("rebels" -> "Sudan rebels", "Albania
    civilians" -> "Serbia civilians"); a person's or organisation's name stays (names from ``kb``)."""
    generic = actor.sector is not None and actor.name.islower() or bool(actor.country) and actor.name == _role_name(
        kb, actor.country, actor.sector, "")
    name = _role_name(kb, country, actor.sector, actor.name) if generic else actor.name
    return Actor(text=actor.text, name=name, country=country, sector=actor.sector,
                 wikidata=actor.wikidata if not generic else None)


def _with_place(kb: ActorKB, actor: Actor, country: str | None) -> Actor:
    if country is None:
        return actor
    return Actor(text=actor.text, name=_role_name(kb, country, actor.sector, actor.name), country=country,
                 sector=actor.sector)


_SHARED_AREAS = frozenset({"region", "sea", "strait", "island"})


@lru_cache(maxsize=4096)
def _place_country(gazetteer, name: str, context: str | None) -> tuple[str, str] | None:
    """(country ISO3, feature) of a division, region or city of 250,000+ called ``name``; None when unknown
    or when it names places in several countries with no clear leader (the context country breaks ties;
    otherwise the most populous must have four times the population of the next country's). A name that also
    names a region or sea across several countries ("Gulf", "Sahel": the gazetteer's curated regions without a
    country) is that region, not the small division of the same name ("Gulf" Province of Papua New Guinea); a
    curated island places in its country ("Mindanao rebels")."""
    best: dict[str, tuple[int, str]] = {}
    records = gazetteer.lookup(name)
    if any(not rec.country and rec.feature in _SHARED_AREAS for rec in records):
        return None
    for rec in records:
        if not rec.country or not (rec.feature in ("admin1", "region", "island") or rec.feature == "city"
                                   and rec.population >= 250_000):
            continue
        if rec.population >= best.get(rec.country, (-1, ""))[0]:
            best[rec.country] = (rec.population, rec.feature)
    if len(best) > 1 and context in best:
        return context, best[context][1]
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    if not ranked or len(ranked) > 1 and ranked[0][1][0] < 4 * max(ranked[1][1][0], 1):
        return None
    return ranked[0][0], ranked[0][1][1]


def _with_country(kb: ActorKB, actor: Actor, source: Actor) -> Actor:
    """``actor`` (a role without country) completed by an affiliation phrase's actor."""
    if source.sector in ("IGO", "NGO", "REB", "PTY", "CRM") or source.wikidata and source.name != \
            (kb.country(source.country).name if kb.country(source.country) else None):
        return Actor(text=actor.text, name=source.name, country=source.country,
                     sector=source.sector or actor.sector, wikidata=source.wikidata)
    return Actor(text=actor.text, name=_role_name(kb, source.country, actor.sector, actor.name),
                 country=source.country, sector=actor.sector)


def _role_name(kb: ActorKB, country: str | None, sector: str | None, fallback: str) -> str:
    entry = kb.country(country) if country else None
    if entry is None or sector is None:
        return entry.name if entry else fallback
    return f"{entry.name} {SECTOR_LABELS[sector]}"


def _from_cues(view: DocView, found, head: int, tokens: list[int], *, text: str,
               context_country: str | None, strict: bool) -> Actor | None:
    kb, org, role, place = view.kb, found.org, found.role, found.country
    role = role or (_adjective_role(view, tokens, head) if org is None else None)
    country = place.entry.country if place else None
    if org is not None:
        sector = org.entry.sector
        if role and role.entry.flag == "institution" and role.covers(head) and not org.covers(head):
            sector = role.entry.sector
        return Actor(text=text, name=org.entry.name, country=org.entry.country or country, sector=sector,
                     wikidata=org.entry.wikidata)
    if role is not None and role.entry.sector is not None:
        sector = role.entry.sector
        if country is None and role.entry.flag == "state":
            country = context_country
        proper = view.pos[head] == "PROPN"
        if proper and not role.covers(head) or country is None:
            name = _strip(view, tokens) if proper else _plain_name(view, tokens, role)
            return Actor(text=text, name=name, country=country, sector=sector)
        return Actor(text=text, name=_role_name(kb, country, sector, text), country=country, sector=sector)
    if place is None or strict:
        return None
    entry = place.entry
    if not place.covers(head):
        return Actor(text=text, name=entry.name, country=country, sector=None)
    if entry.kind == "capital" and view.dep[head] == "pobj" and view.lower[view.head[head]] in _LOCATIVE_PREPS:
        return None  # "talks in Tehran": a place, not the government
    if entry.kind == "demonym":
        return Actor(text=text, name=_role_name(kb, country, "CVL", entry.name), country=country, sector="CVL")
    return Actor(text=text, name=entry.name, country=country, sector="GOV", wikidata=entry.wikidata)


def _adjective_role(view: DocView, tokens: list[int], head: int):
    """A role word used as an adjective on a common noun that names no role ("Russian civilian advisers",
    "military advisers"): the noun's people have that role's sector."""
    if view.pos[head] != "NOUN" or not names_people(view.doc[head]):  # not "military aid", "military bases"
        return None
    for t in tokens:
        if view.head[t] == head and view.dep[t] == "amod" and view.pos[t] == "ADJ":
            found = view.kb.match(view.token_text(t), shouting=False)
            if len(found) == 1 and found[0].entry.kind == "role" and found[0].entry.sector \
                    and found[0].entry.flag in ("role", "institution"):
                return _Hit(found[0].entry, t, head, 0)
    return None


def _strip(view: DocView, tokens: list[int]) -> str:
    """The phrase without leading determiners, numbers and possessive pronouns."""
    kept = [t for t in tokens if view.dep[t] not in ("det", "nummod", "predet", "quantmod")
            and view.pos[t] != "PRON"] or tokens
    return view.span_text(kept[0], kept[-1])


def _plain_name(view: DocView, tokens: list[int], role) -> str:
    start = min([role.first] + [t for t in tokens if t < role.first and view.pos[t] in ("ADJ", "NOUN")
                                and view.dep[t] in ("amod", "compound")])
    return view.span_text(start, role.last).lower()
