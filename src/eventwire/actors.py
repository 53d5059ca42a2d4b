"""Actors: the actor knowledge base and the noun-phrase resolver (part of the *extract* stage).

1. :class:`ActorKB` holds countries (names, aliases, demonyms, seats of government), organisations, a few
   well-known people, role nouns and "non-actor" phrases, read from ``data/actors_*.tsv`` and
   ``data/actor_roles.tsv``. :meth:`ActorKB.match` finds them in a string by longest match.
2. :class:`PersonMemory` remembers, per document, the people introduced with a descriptor
   ("Iranian counterpart Mohammad Javad Zarif") so that later bare mentions ("Zarif") resolve.
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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING, Iterable, Mapping

from .errors import DataError
from .models import Actor

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["Entry", "Match", "ActorKB", "PersonMemory", "PersonInfo", "load_actor_kb", "resolve_np",
           "SECTOR_LABELS"]

SECTOR_LABELS = MappingProxyType({
    "GOV": "government", "MIL": "military", "REB": "rebels", "PTY": "party", "CVL": "civilians",
    "IGO": "international organisation", "NGO": "non-governmental organisation", "MED": "media",
    "BUS": "business", "CRM": "criminals", "REL": "religious", "JUD": "judiciary", "LEG": "legislature",
    "COP": "police", "UAF": "armed group"})
_KIND_RANK = {"block": 0, "org": 1, "person": 2, "country": 3, "capital": 3, "demonym": 3, "role": 4}
_TOKEN = re.compile(r"\w+|[^\w\s]")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_DASHES.update(dict.fromkeys(map(ord, "\u2018\u2019\u02bc\u0060\u00b4"), "'"))
_SKIP = {"-"}
_NON_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_CORE_DEPS = {"det", "amod", "compound", "poss", "case", "nummod", "nmod", "quantmod", "flat", "predet",
              "npadvmod", "punct", "advmod", "nn", "dep"}
_AFFILIATION_PREPS = {"of", "for", "from"}
_LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "across", "around", "into", "through", "throughout",
                   "north", "south", "east", "west", "within", "over", "on"}
_NAME_PARTICLES = {"al", "bin", "ibn", "bint", "el", "de", "da", "del", "van", "von", "abu", "abdel", "abd", "-"}
_NOUNISH = {"NOUN", "PROPN"}
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
    out = []
    for ch in text.translate(_DASHES):
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


class ActorKB:
    """The actor knowledge base. Build it with :func:`load_actor_kb` (cached) or from entries (tests)."""

    def __init__(self, forms: Iterable[tuple[str, Entry]]):
        """``forms``: (surface form, entry) pairs; a form ending in ``*`` is a word-like acronym."""
        index: dict[tuple[str, ...], list[_Form]] = {}
        for surface, entry in forms:
            wordlike = surface.endswith("*")
            surface = surface.rstrip("*").strip()
            key = _key(surface)
            if not key:
                continue
            letters = _letters(surface)
            acronym = letters if _exact_case(surface) and entry.kind != "role" else None
            index.setdefault(key, []).append(_Form(entry, acronym, wordlike))
        for forms_ in index.values():
            forms_.sort(key=lambda f: _KIND_RANK[f.entry.kind])
        self._index = index
        self._lengths = sorted({len(k) for k in index}, reverse=True)
        self._countries = {f.entry.country: f.entry for fs in index.values() for f in fs
                           if f.entry.kind == "country"}

    def __len__(self) -> int:
        return len(self._index)

    def match(self, text: str, *, shouting: bool | None = None) -> list[Match]:
        """Longest, leftmost, non-overlapping matches of KB forms in ``text`` (block phrases omitted).

        ``shouting``: the text is written in capitals (default: it has no lower-case letter); then
        word-like acronyms (``US``, ``IS``) are not matched.
        """
        toks = _tokens(text)
        if shouting is None:
            shouting = not any(ch.islower() for ch in text)
        out, i, n = [], 0, len(toks)
        while i < n:
            for length in self._lengths:
                if i + length > n:
                    continue
                forms = self._index.get(tuple(t[0].lower() for t in toks[i:i + length]))
                form = forms and self._accept(forms, toks[i:i + length], shouting=shouting)
                if form:
                    if form.entry.kind != "block":
                        out.append(Match(toks[i][1], toks[i + length - 1][2], form.entry))
                    i += length
                    break
            else:
                i += 1
        return out

    @staticmethod
    def _accept(forms: list[_Form], toks: list[tuple[str, int, int]], *, shouting: bool) -> _Form | None:
        surface = "".join(t[0] for t in toks)
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
class _Hit:
    """A KB match inside a noun phrase, with the token range it covers and its distance to the head."""

    entry: Entry
    first: int
    last: int
    distance: int

    def covers(self, i: int) -> bool:
        return self.first <= i <= self.last


@dataclass(frozen=True)
class _Cues:
    org: _Hit | None
    role: _Hit | None
    country: _Hit | None
    person: _Hit | None
    covered: frozenset[int]


def _core(head: "Token", allowed: frozenset[int] | None, *, skip: frozenset[int] = frozenset()) -> list["Token"]:
    """``head`` with its pre-modifiers (determiners, adjectives, compounds, possessors), not its PPs/clauses."""
    out, stack = [head], [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in _CORE_DEPS and child.i not in skip and (allowed is None or child.i in allowed):
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _hits(kb: ActorKB, tokens: list["Token"], head: "Token") -> list[_Hit]:
    """KB matches over the stretch of ``tokens`` that fall wholly on ``tokens``."""
    doc, ids = head.doc, {t.i for t in tokens}
    first, last = tokens[0].i, tokens[-1].i
    base = doc[first].idx
    text = doc[first:last + 1].text
    starts = [doc[i].idx - base for i in range(first, last + 1)]
    out = []
    for m in kb.match(text, shouting=_shouting(doc)):
        a = first + bisect_right(starts, m.start) - 1
        b = first + bisect_left(starts, m.end) - 1
        if not all(i in ids for i in range(a, b + 1)) or _negated_country(m, text):
            continue
        if m.entry.kind == "role" and doc[b].pos_ not in _NOUNISH:
            continue
        dist = 0 if a <= head.i <= b else min(abs(a - head.i), abs(b - head.i))
        out.append(_Hit(m.entry, a, b, dist))
    return out


def _shouting(doc: "Doc") -> bool:
    """Whether the document is written in capitals (wire texts of the 1980s); cached in ``doc.user_data``."""
    key = "eventwire.actors.shouting"
    if key not in doc.user_data:
        letters = [ch for ch in doc.text if ch.isalpha()]
        doc.user_data[key] = sum(ch.islower() for ch in letters) < 0.05 * max(len(letters), 1)
    return doc.user_data[key]


def _sentence_floor(token: "Token", reach: int) -> int:
    """The lowest index in ``token``'s sentence at most ``reach`` tokens before it."""
    lo = max(0, token.i - reach)
    for i in range(token.i, lo, -1):
        if token.doc[i].is_sent_start:
            return i
    return lo


def _negated_country(m: Match, text: str) -> bool:
    """``pro-Iran``, ``anti-US``: the country is the object of an attitude, not the actor."""
    if m.entry.kind not in ("country", "demonym", "capital"):
        return False
    before = fold(text[max(0, m.start - 6):m.start]).lower().replace(" ", "")
    return before.endswith(("pro-", "anti-", "pro", "anti"))


def _cues(kb: ActorKB, tokens: list["Token"], head: "Token") -> _Cues:
    hits = _hits(kb, tokens, head)

    def best(kinds: tuple[str, ...], flags: tuple[str, ...] | None = None) -> _Hit | None:
        cands = [h for h in hits if h.entry.kind in kinds and (flags is None or h.entry.flag in flags)]
        return min(cands, key=lambda h: (h.distance, -h.last)) if cands else None

    role = best(("role",), ("role", "institution", "state")) or best(("role",), ("title",))
    covered = frozenset(i for h in hits for i in range(h.first, h.last + 1))
    return _Cues(best(("org",)), role, best(("country", "capital", "demonym")), best(("person",)), covered)


def _head_of(np) -> tuple["Token", frozenset[int] | None, str]:
    """Head token, the token ids it may use (a Span limits them) and the text as written."""
    if hasattr(np, "root"):  # Span
        return np.root, frozenset(range(np.start, np.end)), np.text
    sub = list(np.subtree)
    return np, None, np.doc[sub[0].i:sub[-1].i + 1].text


def resolve_np(np, *, memory: "PersonMemory | None" = None, kb: ActorKB | None = None,
               context_country: str | None = None) -> Actor | None:
    """The actor a noun phrase names, or None (pronouns, numbers, dates, places, unknown things).

    ``np`` is a spaCy ``Span`` (its root and tokens) or a ``Token`` (its subtree). Only the head and its
    pre-modifiers decide; "of/for/from" phrases add a missing country or organisation ("the foreign minister
    of Iran", "members of Hezbollah"); other prepositional phrases are read only when the head itself names
    nothing, and then only for organisations and roles ("an area near the US embassy" -> United States
    government; "a convoy north of Baghdad" -> None). Coordinated phrases resolve to their first conjunct.
    ``context_country`` (ISO3) is the country of "state media" when the phrase does not say.
    """
    kb = kb or load_actor_kb()
    head, allowed, text = _head_of(np)
    head = _past_quantity(head, allowed)
    if head is None or head.pos_ in ("PRON", "NUM") or head.ent_type_ in _NON_ACTOR_ENTS:
        return None
    return _resolve(kb, head, allowed, text=text, memory=memory, context_country=context_country, depth=0)


def _past_quantity(head: "Token", allowed) -> "Token | None":
    """``tens of thousands of Iraqis`` -> ``Iraqis``; a number with no "of" phrase is no actor."""
    for _ in range(4):
        if head.pos_ != "NUM" and head.lower_ not in _QUANTITY_NOUNS:
            return head
        objs = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                if o.dep_ == "pobj" and (allowed is None or o.i in allowed)]
        if not objs:
            return None if head.pos_ == "NUM" else head
        head = objs[0]
    return head


def _resolve(kb: ActorKB, head: "Token", allowed, *, text: str, memory, context_country, depth: int,
             strict: bool = False) -> Actor | None:
    core = _core(head, allowed)
    cues = _cues(kb, core, head)
    person = _person(kb, head, allowed, cues, text=text, memory=memory)
    if person is not None:
        return person
    if head.ent_type_ in _PLACE_ENTS and head.i not in cues.covered:
        return None
    actor = _from_cues(kb, cues, head, core, text=text, context_country=context_country, strict=strict)
    if actor is not None and (actor.country or actor.sector not in (None, "GOV", "MIL", "COP", "MED")):
        return actor
    for prep in (c for c in head.children if c.dep_ == "prep" and (allowed is None or c.i in allowed)):
        affiliation = prep.lower_ in _AFFILIATION_PREPS
        if actor is not None and not affiliation or depth > 2:
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            sub = _resolve(kb, obj, allowed, text=text, memory=memory, context_country=context_country,
                           depth=depth + 1, strict=strict or not affiliation)
            if sub is not None and actor is None:
                return sub
            if sub is not None and sub.country:
                return _with_country(kb, actor, sub)
    return actor


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


def _from_cues(kb: ActorKB, cues: _Cues, head: "Token", core: list["Token"], *, text: str,
               context_country: str | None, strict: bool) -> Actor | None:
    org, role, place = cues.org, cues.role, cues.country
    country = place.entry.country if place else None
    if org is not None:
        sector = org.entry.sector
        if role and role.entry.flag == "institution" and role.covers(head.i) and not org.covers(head.i):
            sector = role.entry.sector
        return Actor(text=text, name=org.entry.name, country=org.entry.country or country, sector=sector,
                     wikidata=org.entry.wikidata)
    if role is not None and role.entry.sector is not None:
        sector = role.entry.sector
        if country is None and role.entry.flag == "state":
            country = context_country
        if head.pos_ == "PROPN" and not role.covers(head.i) or country is None:
            return Actor(text=text, name=_plain_name(core, cues) if head.pos_ != "PROPN" else _strip(core),
                         country=country, sector=sector)
        return Actor(text=text, name=_role_name(kb, country, sector, text), country=country, sector=sector)
    if place is None or strict:
        return None
    entry = place.entry
    if not place.covers(head.i):
        return Actor(text=text, name=entry.name, country=country, sector=None)
    if entry.kind == "capital" and head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS:
        return None  # "talks in Tehran": a place, not the government
    if entry.kind == "demonym":
        return Actor(text=text, name=_role_name(kb, country, "CVL", entry.name), country=country, sector="CVL")
    return Actor(text=text, name=entry.name, country=country, sector="GOV", wikidata=entry.wikidata)


def _strip(tokens: list["Token"]) -> str:
    """The phrase without leading determiners, numbers and possessive pronouns."""
    kept = [t for t in tokens if t.dep_ not in ("det", "nummod", "predet", "quantmod") and t.pos_ != "PRON"]
    kept = kept or tokens
    return kept[0].doc[kept[0].i:kept[-1].i + 1].text


def _plain_name(core: list["Token"], cues: _Cues) -> str:
    role = cues.role
    doc = core[0].doc
    start = min([role.first] + [t.i for t in core if t.i < role.first and t.pos_ in ("ADJ", "NOUN")
                                and t.dep_ in ("amod", "compound")])
    return doc[start:role.last + 1].text.lower()


# --------------------------------------------------------------------------------------------- people


@dataclass(frozen=True)
class PersonInfo:
    """What a document says about a person: full name, country (ISO3) and sector."""

    name: str
    country: str | None
    sector: str | None
    wikidata: str | None = None


class PersonMemory:
    """People of one document: full names and surnames -> :class:`PersonInfo`.

    Build it once per document with :meth:`from_doc`. A surname shared by two different people maps to
    nobody (ambiguous). First names alone are not keys.
    """

    def __init__(self, people: Mapping[str, PersonInfo | None] | None = None):
        self._people = MappingProxyType(dict(people or {}))

    def __len__(self) -> int:
        return sum(1 for v in self._people.values() if v is not None)

    def __contains__(self, name: str) -> bool:
        return self.lookup(name) is not None

    def lookup(self, name: str) -> PersonInfo | None:
        """The person ``name`` (a full name, or a surname part of one) refers to, if known."""
        key = _key(name)
        for i in range(len(key)):
            info = self._people.get(" ".join(key[i:]))
            if info is not None:
                return info
        return None

    @classmethod
    def from_doc(cls, doc: "Doc", kb: ActorKB | None = None) -> "PersonMemory":
        """Scan ``doc`` for names introduced with a descriptor (title, apposition, compound)."""
        kb = kb or load_actor_kb()
        people: dict[str, PersonInfo | None] = {}
        for token in doc:
            if token.pos_ != "PROPN" or (token.i + 1 < len(doc) and _name_part(doc[token.i + 1])):
                continue
            chain = _chain(kb, token, None)
            if not chain:
                continue
            country, sector, _ = _descriptor(kb, chain, None)
            if country is None and sector is None:
                continue
            name = doc[chain[0].i:chain[-1].i + 1].text
            _remember(people, name, PersonInfo(name, country, sector))
        return cls(people)


def _remember(people: dict[str, PersonInfo | None], name: str, info: PersonInfo) -> None:
    """Record ``info`` under the full name and its surname parts, merging mentions of the same person."""
    key = _key(name)
    keys = {" ".join(key)}
    for i in range(1, len(key)):
        suffix = key[i:]
        if not (len(suffix) == 1 and suffix[0] in _NAME_PARTICLES):
            keys.add(" ".join(suffix))
        if suffix[0] in _NAME_PARTICLES and len(suffix) > 1:
            keys.add(" ".join(suffix[1:]))
    for k in keys:
        if k in people:
            people[k] = _merge(people[k], info)
        else:
            people[k] = info


def _merge(old: PersonInfo | None, new: PersonInfo) -> PersonInfo | None:
    """The same person mentioned twice (one name ends the other): keep the fuller facts; else ambiguous."""
    if old is None:
        return None
    a, b = " ".join(_key(old.name)), " ".join(_key(new.name))
    if not (a.endswith(b) or b.endswith(a)):
        return None
    name = old.name if len(a) >= len(b) else new.name
    return PersonInfo(name, old.country or new.country, old.sector or new.sector, old.wikidata or new.wikidata)


def _name_part(token: "Token") -> bool:
    return token.pos_ == "PROPN" or token.lower_ in _NAME_PARTICLES and token.i + 1 < len(token.doc) \
        and token.doc[token.i + 1].pos_ == "PROPN"


def _chain(kb: ActorKB, head: "Token", allowed) -> list["Token"]:
    """The proper-noun run ending at ``head`` that no KB organisation, country or role covers."""
    if head.pos_ != "PROPN":
        return []
    doc = head.doc
    lo = _sentence_floor(head, 8)
    window = [t for t in doc[lo:head.i + 1] if allowed is None or t.i in allowed]
    if not window:
        return []
    blocked = {i for h in _hits(kb, window, head) if h.entry.kind != "person"
               for i in range(h.first, h.last + 1)}
    chain: list[Token] = []
    for t in reversed(window):
        if t.i in blocked or not _name_part(t) or t.i != head.i - len(chain):
            break
        chain.insert(0, t)
    while chain and chain[0].lower_ in _NAME_PARTICLES - {"al", "abu", "abdel", "abd"}:
        chain.pop(0)
    if not chain or chain[-1].i != head.i or head.ent_type_ in _NON_ACTOR_ENTS:
        return []
    return chain


def _descriptor(kb: ActorKB, chain: list["Token"], allowed) -> tuple[str | None, str | None, Entry | None]:
    """(country, sector, organisation) that the words around a name give it (nearest phrase first)."""
    ids = frozenset(t.i for t in chain)
    country = sector = None
    for cues in _descriptor_cues(kb, chain, allowed, ids):
        if cues.org is not None and sector is None:
            org = cues.org.entry
            return org.country or country or (cues.country.entry.country if cues.country else None), \
                org.sector, org
        if sector is None and cues.role is not None:
            sector = cues.role.entry.sector
        if country is None and cues.country is not None:
            country = cues.country.entry.country
        if country is not None and sector is not None:
            break
    return country, sector, None


def _descriptor_cues(kb: ActorKB, chain: list["Token"], allowed, ids: frozenset[int]):
    """Candidate descriptor phrases of a name, nearest first (lazily: each costs a KB scan)."""
    head, doc = chain[-1], chain[-1].doc
    for child in head.children:  # "Zarif, Iran's foreign minister,"
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            yield _cues(kb, _core(child, allowed), child)
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":  # "his Iranian counterpart Mohammad Javad Zarif"
        yield _cues(kb, _core(head.head, allowed, skip=ids), head.head)
    role = _role_to_left(kb, chain, allowed)  # "Qatari Foreign Minister Mohammed ...", misparsed PPs
    if role is not None:
        yield _cues(kb, _core(doc[role], allowed, skip=ids), doc[role])
    rest = [t for t in _core(head, allowed) if t.i not in ids]
    if rest:
        yield _cues(kb, rest + [head], head)


def _role_to_left(kb: ActorKB, chain: list["Token"], allowed) -> int | None:
    """Index of the nearest role noun before the name, over modifiers and "to the United Nations"."""
    doc, start = chain[0].doc, chain[0].i
    lo = _sentence_floor(chain[0], 10)
    window = []
    for t in reversed(doc[lo:start]):
        if t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ") or t.pos_ == "PUNCT" and t.text not in "-'" \
                or allowed is not None and t.i not in allowed:
            break
        window.insert(0, t)
    if not window:
        return None
    roles = [h for h in _hits(kb, window, chain[0]) if h.entry.kind == "role" and h.entry.flag != "title"
             and h.entry.sector is not None]
    return max(roles, key=lambda h: h.last).last if roles else None


def _person(kb: ActorKB, head: "Token", allowed, cues: _Cues, *, text: str, memory) -> Actor | None:
    """A person named at (or in apposition to) the head, with what the document says about them."""
    chain = []
    if head.pos_ == "PROPN" and not any(h is not None and h.covers(head.i) and h.entry.kind != "person"
                                        for h in (cues.org, cues.role, cues.country)):
        chain = _chain(kb, head, allowed)
    if not chain and cues.role is not None and cues.role.covers(head.i):
        appos = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        chain = _chain(kb, appos[0], allowed) if appos else []
    if not chain:
        return None
    doc = head.doc
    name = doc[chain[0].i:chain[-1].i + 1].text
    country, sector, org = _descriptor(kb, chain, allowed)
    known = memory.lookup(name) if memory is not None else None
    listed = kb.lookup(name)
    listed = listed if listed is not None and listed.kind == "person" else None
    if known is None and listed is not None:
        known = PersonInfo(listed.name, listed.country, listed.sector, listed.wikidata)
    if country is None and sector is None:
        if known is None and chain[-1].ent_type_ not in ("PERSON", "ORG", ""):
            return None
        country, sector = (known.country, known.sector) if known else (None, None)
    full = known.name if known is not None and len(known.name) >= len(name) else name
    return Actor(text=text, name=full, country=country, sector=sector,
                 wikidata=known.wikidata if known is not None else None)
