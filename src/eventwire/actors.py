"""Actors: the actor knowledge base and the noun-phrase resolver (part of the *extract* stage).

1. :class:`ActorKB` holds countries (names, aliases, demonyms, seats of government), organisations, a few
   well-known people, role nouns and "non-actor" phrases, read from ``data/actors_*.tsv`` and
   ``data/actor_roles.tsv``. :meth:`ActorKB.match` finds them in a string by longest match.
   :meth:`ActorKB.scan` lists every candidate once per text, so that a document is scanned only once.
2. :class:`PersonMemory` (from :mod:`eventwire.people`, re-exported here) remembers, per document, the people
   introduced with a descriptor ("Iranian counterpart Mohammad Javad Zarif") so that later bare mentions
   ("Zarif") resolve; it also keeps the document's token view, which the resolver reads.
3. :func:`resolve_np` turns a spaCy noun phrase into an :class:`~eventwire.models.Actor`.

Matching rules: text is ASCII-folded (``Elysée`` = ``Elysee``) and hyphens are ignored (``al-Qaeda`` =
``al Qaeda``, ``US-led`` contains ``US``). A form written in capitals in the data (``US``, ``IS``, ``UN``) matches
only in capitals; a form marked ``*`` (``US*``, ``IS*``) is also skipped in all-capitals text, where it may be a
word. Other names match in any case but need one capital letter (``turkey`` and ``polish`` are not
countries); role nouns match in any case.

Canonical names (``Actor.name``): an organisation's canonical name; a person's full name; a country named
(or its capital or seat of government) as the actor: the country's short name ("Iran", sector GOV, with the
country's QID); a country with a role: ``"<Country> <sector label>"`` ("Iran government", "United States
military", "Iraq media"); a role alone: the role phrase as written, lower case ("gunmen"). ``wikidata`` is set
only when the actor *is* the KB entry (organisation, listed person, or country acting as its government).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Iterable, Mapping

from .errors import DataError
from .models import Actor
from .people import _DASHES, _NON_ACTOR_ENTS, _NOUNISH, DocView, PersonInfo, PersonMemory, core, cues, hits, person_at

__all__ = ["Entry", "Match", "Scan", "ActorKB", "PersonMemory", "PersonInfo", "load_actor_kb", "resolve_np",
           "with_country", "SECTOR_LABELS"]

SECTOR_LABELS = MappingProxyType({
    "GOV": "government", "MIL": "military", "REB": "rebels", "PTY": "party", "CVL": "civilians",
    "IGO": "international organisation", "NGO": "non-governmental organisation", "MED": "media",
    "BUS": "business", "CRM": "criminals", "REL": "religious", "JUD": "judiciary", "LEG": "legislature",
    "COP": "police", "UAF": "armed group"})
_KIND_RANK = {"block": 0, "org": 1, "person": 2, "country": 3, "capital": 3, "demonym": 3, "role": 4}
_TOKEN = re.compile(r"\w+|[^\w\s]")
_SKIP = {"-"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_AFFILIATION_PREPS = {"of", "for", "from"}
_LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "across", "around", "into", "through", "throughout",
                   "north", "south", "east", "west", "within", "over", "on"}
_LOCAL_SECTORS = frozenset({"REB", "CVL", "UAF", "CRM", "COP"})  # placed by "in <place>"
_QUANTITY_NOUNS = {"tens", "hundreds", "thousands", "millions", "dozens", "scores", "number", "total", "group",
                   "members", "member", "handful", "majority", "some", "many", "most", "all", "several", "few",
                   "both", "each", "one", "none", "rest", "part", "half", "crowds", "crowd", "lot", "lots"}


@dataclass(frozen=True)
class Entry:
    """One thing the KB knows: ``kind`` is country, capital, demonym, org, person, role or block.

    ``flag`` holds the role kind for roles (role, institution, title, state), else "".
    """

    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    flag: str = ""


@dataclass(frozen=True)
class Match:
    """``text[start:end]`` names ``entry``."""

    start: int
    end: int
    entry: Entry


@dataclass(frozen=True)
class _Form:
    entry: Entry
    acronym: str | None  # the exact letters an all-capitals form must have
    wordlike: bool  # acronym that is also an English word (US, IS): not in all-capitals text


def fold(text: str) -> str:
    """ASCII-fold ``text`` one character for one character (offsets are kept)."""
    text = text.translate(_DASHES)
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)[:1]
        out.append(base if base and ord(base) < 128 else ch)
    return "".join(out)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(surface, start, end) of the word and punctuation tokens of folded ``text``, hyphens dropped."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(fold(text)) if m.group() not in _SKIP]


def _key(form: str) -> tuple[str, ...]:
    return tuple(t[0].lower() for t in _tokens(form))


def _exact_case(form: str) -> bool:
    """Acronyms (``UN``, ``U.S.``) and inner capitals (``LeT``, ``MoD``) are matched case-sensitively."""
    letters = _letters(form)
    if letters.isupper():
        return True
    return any(ch.isupper() for tok in _TOKEN.findall(form) for ch in tok[1:]) and letters != letters.upper()


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


@dataclass(frozen=True)
class Scan:
    """All KB forms found in a text, before choosing among overlapping ones.

    ``starts``/``ends`` are the character offsets of the text's words (hyphens dropped); ``cands`` maps a
    word position to the (length in words, entry) of the forms accepted there, longest first.
    """

    starts: list[int]
    ends: list[int]
    positions: list[int]
    cands: Mapping[int, tuple[tuple[int, Entry], ...]]

    def pick(self, lo: int, hi: int) -> list[tuple[int, int, Entry]]:
        """(position, length, entry) of the longest, leftmost, non-overlapping matches within words
        ``lo`` .. ``hi - 1``, as if the text were cut there (block phrases consume words but are omitted)."""
        out, cursor, positions = [], lo, self.positions
        for k in range(bisect_left(positions, lo), len(positions)):
            p = positions[k]
            if p >= hi:
                break
            if p < cursor:
                continue
            for length, entry in self.cands[p]:
                if p + length <= hi:
                    if entry.kind != "block":
                        out.append((p, length, entry))
                    cursor = p + length
                    break
        return out


class ActorKB:
    """The actor knowledge base. Build it with :func:`load_actor_kb` (cached) or from entries (tests)."""

    def __init__(self, forms: Iterable[tuple[str, Entry]]):
        """``forms``: (surface form, entry) pairs; a form ending in ``*`` is a word-like acronym."""
        index: dict[tuple[str, ...], list[_Form]] = {}
        surfaces: list[tuple[str, str]] = []
        for surface, entry in forms:
            wordlike = surface.endswith("*")
            surface = surface.rstrip("*").strip()
            surfaces.append((surface, entry.kind))
            key = _key(surface)
            if not key:
                continue
            letters = _letters(surface)
            acronym = letters if _exact_case(surface) and entry.kind != "role" else None
            index.setdefault(key, []).append(_Form(entry, acronym, wordlike))
        for forms_ in index.values():
            forms_.sort(key=lambda f: _KIND_RANK[f.entry.kind])
        self._index = index
        by_first: dict[str, set[int]] = {}
        for key in index:
            by_first.setdefault(key[0], set()).add(len(key))
        self._by_first = {word: sorted(lengths, reverse=True) for word, lengths in by_first.items()}
        self._match = lru_cache(maxsize=4096)(self._match_uncached)
        self._countries = {f.entry.country: f.entry for fs in index.values() for f in fs
                           if f.entry.kind == "country"}
        self._surfaces = tuple(surfaces)

    def __len__(self) -> int:
        return len(self._index)

    def forms(self, *, kinds: Iterable[str] | None = None) -> tuple[str, ...]:
        """The surface forms the KB matches, as written in its data (``*`` marks removed), in data order.

        ``kinds``: only forms of entries of these kinds (country, capital, demonym, org, person, role, block).
        """
        wanted = None if kinds is None else set(kinds)
        return tuple(form for form, kind in self._surfaces if wanted is None or kind in wanted)

    def match(self, text: str, *, shouting: bool | None = None) -> list[Match]:
        """Longest, leftmost, non-overlapping matches of KB forms in ``text`` (block phrases omitted).

        ``shouting``: the text is written in capitals (default: it has no lower-case letter); then
        word-like acronyms (``US``, ``IS``) are not matched. Results are memoised per KB (bounded).
        """
        if shouting is None:
            shouting = not any(ch.islower() for ch in text)
        return list(self._match(text, shouting))

    def _match_uncached(self, text: str, shouting: bool) -> tuple[Match, ...]:
        scan = self.scan(text, shouting=shouting)
        return tuple(Match(scan.starts[p], scan.ends[p + length - 1], entry)
                     for p, length, entry in scan.pick(0, len(scan.starts)))

    def scan(self, text: str, *, shouting: bool) -> Scan:
        """Every KB form that could match at each word of ``text`` (see :class:`Scan`)."""
        folded = fold(text)
        spans = [m.span() for m in _TOKEN.finditer(folded)]
        words = [folded[a:b] for a, b in spans]
        if "-" in words:
            spans = [span for span, word in zip(spans, words) if word not in _SKIP]
            words = [word for word in words if word not in _SKIP]
        lows, n, cands, by_first = [w.lower() for w in words], len(words), {}, self._by_first
        for i in [i for i, word in enumerate(lows) if word in by_first]:
            found = []
            for length in by_first[lows[i]]:
                forms = self._index.get(tuple(lows[i:i + length])) if i + length <= n else None
                form = forms and self._accept(forms, words[i:i + length], shouting=shouting)
                if form:
                    found.append((length, form.entry))
            if found:
                cands[i] = tuple(found)
        return Scan([a for a, _ in spans], [b for _, b in spans], sorted(cands), cands)

    @staticmethod
    def _accept(forms: list[_Form], words: list[str], *, shouting: bool) -> _Form | None:
        surface = "".join(words)
        for form in forms:
            if form.acronym is not None:
                if _letters(surface) == form.acronym and not (shouting and form.wordlike):
                    return form
            elif form.entry.kind == "role" or any(ch.isupper() for ch in surface):
                return form
        return None

    def lookup(self, name: str) -> Entry | None:
        """The entry ``name`` denotes, when the whole of ``name`` is one KB form (roles excluded)."""
        found = self.match(name, shouting=False)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(name.strip()):
            return None if found[0].entry.kind == "role" else found[0].entry
        return None

    def country(self, iso3: str) -> Entry | None:
        """The country entry of an ISO 3166-1 alpha-3 code."""
        return self._countries.get(iso3)


# --------------------------------------------------------------------------------------------- loading


def _rows(filename: str) -> list[dict[str, str]]:
    try:
        text = resources.files("eventwire").joinpath("data", filename).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise DataError(f"actor data file {filename!r} is missing ({exc}); reinstall eventwire") from exc
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or None in rows[0]:
        raise DataError(f"actor data file {filename!r} is malformed (no header or ragged rows); reinstall")
    return rows


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split("|") if v.strip()]


def _plurals(role: str) -> list[str]:
    if role.endswith(("man", "men")):
        return [role[:-3] + "men"] if role.endswith("man") else []
    if role.endswith("y") and role[-2:-1] not in "aeiou":
        return [role[:-1] + "ies"]
    if role.endswith(("s", "x", "ch", "sh")):
        return [role + "es"]
    return [role + "s"]


def _country_forms() -> Iterable[tuple[str, Entry]]:
    for row in _rows("actors_countries.tsv"):
        base = dict(country=row["iso3"], wikidata=row["wikidata"] or None)
        entry = Entry(row["name"], "country", **base)
        for form in [row["name"], *_split(row["aliases"]), *_split(row["extra_aliases"])]:
            yield form, entry
        for form in _split(row["demonyms"]):
            yield form, Entry(row["name"], "demonym", **base)
        for form in [row["capital"], *_split(row["metonyms"])]:
            if form:
                yield form, Entry(row["name"], "capital", sector="GOV", **base)


def _other_forms() -> Iterable[tuple[str, Entry]]:
    for filename, kind in (("actors_orgs.tsv", "org"), ("actors_people.tsv", "person")):
        for row in _rows(filename):
            entry = Entry(row["name"], kind, row["country"] or None, row["sector"] or None,
                          row["wikidata"] or None)
            for form in [row["name"], *_split(row["aliases"])]:
                yield form, entry
    for row in _rows("actor_roles.tsv"):
        sector = None if row["sector"] == "-" else row["sector"]
        entry = Entry(row["role"], "role", sector=sector, flag=row["kind"])
        for form in [row["role"], *_plurals(row["role"])]:
            yield form, entry
    for row in _rows("actors_nonactors.tsv"):
        yield row["phrase"], Entry(row["phrase"], "block")


@lru_cache(maxsize=1)
def load_actor_kb() -> ActorKB:
    """The packaged actor KB (cached: read once per process)."""
    return ActorKB([*_country_forms(), *_other_forms()])


# ---------------------------------------------------------------------------------------- noun phrases


@dataclass(frozen=True)
class _Ctx:
    """What a resolution reads besides the phrase: the person memory, the context country, the gazetteer."""

    memory: PersonMemory | None
    country: str | None  # context_country, else the memory's main country
    explicit: str | None  # context_country as given
    gazetteer: object | None

    def places(self):
        if self.gazetteer is None:
            from .gazetteer import load_gazetteer

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
    resolves through the gazetteer ("Darfur" -> SDN; divisions and cities as their government, GOV).
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
               gazetteer)
    org = _org_across(view, head, allowed, last, text=text)
    if org is not None:
        return org
    return _resolve(view, head, allowed, text=text, ctx=ctx, depth=0, extra=detached)


def _org_across(view: DocView, head: int, allowed, last: int, *, text: str) -> Actor | None:
    """An organisation whose name runs from the head's modifiers across a preposition ("Organization of
    American States", "Liberation Tigers of Tamil Eelam"): only proper-noun heads with an "of/for" after."""
    if view.pos[head] != "PROPN" or last <= head or view.lower[head + 1] not in ("of", "for"):
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
        return actor
    for prep in (c for c in view.children[head] if view.dep[c] == "prep" and (allowed is None or c in allowed)):
        affiliation = view.lower[prep] in _AFFILIATION_PREPS
        if actor is not None and not affiliation or depth > 2:
            continue
        for obj in (c for c in view.children[prep] if view.dep[c] == "pobj"):
            sub = _resolve(view, obj, allowed, text=text, ctx=ctx, depth=depth + 1,
                           strict=strict or not affiliation)
            if sub is not None and actor is None:
                return sub
            if sub is not None and sub.country:
                return _with_country(kb, actor, sub)
    if actor is not None and not actor.country and actor.sector in _LOCAL_SECTORS:
        actor = _with_place(kb, actor, _located(view, head, allowed, ctx=ctx))
    return actor


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
    """A sub-national place named as the actor: its country; divisions and cities as their government."""
    if view.dep[head] == "pobj" and view.lower[view.head[head]] in _LOCATIVE_PREPS or view.pos[head] != "PROPN":
        return None
    name = _place_key(view, head, tokens)
    found = _place_country(ctx.places(), name, ctx.explicit or ctx.country)
    if found is None:
        return None
    country, feature = found
    return Actor(text=text, name=name, country=country, sector="GOV" if feature in ("admin1", "city") else None)


def _place_in(view: DocView, tokens, found, *, ctx: _Ctx) -> str | None:
    """The country of a place name among a role's modifiers that the KB does not know ("Darfur rebels")."""
    for t in tokens:
        if view.ent[t] in ("GPE", "LOC") and view.pos[t] == "PROPN" and t not in found.covered \
                and (t + 1 >= view.n or view.ent[t + 1] != view.ent[t] or t + 1 not in tokens):
            place = _place_country(ctx.places(), _place_key(view, t, tokens), ctx.explicit or ctx.country)
            if place is not None:
                return place[0]
    return None


def _located(view: DocView, head: int, allowed, *, ctx: _Ctx) -> str | None:
    """The country of "in/across/from <place>" after a rebel, civilian, police or criminal head."""
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
    return None


def with_country(actor: Actor, country: str) -> Actor:
    """``actor`` placed in ``country``: a role's name follows ("rebels" -> "Sudan rebels", "Albania
    civilians" -> "Serbia civilians"); a person's or organisation's name stays."""
    kb = load_actor_kb()
    generic = actor.name.islower() or bool(actor.country) and actor.name == _role_name(
        kb, actor.country, actor.sector, "")
    name = _role_name(kb, country, actor.sector, actor.name) if generic else actor.name
    return Actor(text=actor.text, name=name, country=country, sector=actor.sector,
                 wikidata=actor.wikidata if not generic else None)


def _with_place(kb: ActorKB, actor: Actor, country: str | None) -> Actor:
    if country is None:
        return actor
    return Actor(text=actor.text, name=_role_name(kb, country, actor.sector, actor.name), country=country,
                 sector=actor.sector)


@lru_cache(maxsize=4096)
def _place_country(gazetteer, name: str, context: str | None) -> tuple[str, str] | None:
    """(country ISO3, feature) of a division, region or city of 250,000+ called ``name``; None when unknown
    or when it names places in several countries with no clear leader (the context country breaks ties;
    otherwise the most populous must have four times the population of the next country's)."""
    best: dict[str, tuple[int, str]] = {}
    for rec in gazetteer.lookup(name):
        if not rec.country or not (rec.feature in ("admin1", "region") or rec.feature == "city"
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


def _strip(view: DocView, tokens: list[int]) -> str:
    """The phrase without leading determiners, numbers and possessive pronouns."""
    kept = [t for t in tokens if view.dep[t] not in ("det", "nummod", "predet", "quantmod")
            and view.pos[t] != "PRON"] or tokens
    return view.span_text(kept[0], kept[-1])


def _plain_name(view: DocView, tokens: list[int], role) -> str:
    start = min([role.first] + [t for t in tokens if t < role.first and view.pos[t] in ("ADJ", "NOUN")
                                and view.dep[t] in ("amod", "compound")])
    return view.span_text(start, role.last).lower()
