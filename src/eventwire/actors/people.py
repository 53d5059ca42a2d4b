"""People (part of the *extract* stage): the per-document person memory, and the token view it reads.

1. :class:`DocView` reads a spaCy ``Doc`` once into plain lists (part of speech, dependency, head, children,
   entity type, character offsets) and scans the whole text against the actor KB once. spaCy makes a new
   ``Token`` object on every ``doc[i]`` and rebuilds ``doc.text`` on every access, so the resolver
   (:mod:`eventwire.actors`) and the memory work on indices into this view instead.
2. :class:`PersonMemory` remembers the people a document introduces with a descriptor ("Iranian counterpart
   Mohammad Javad Zarif", "Zarif, Iran's foreign minister,") so that later bare mentions ("Zarif") resolve.
3. :func:`person_at` finds the person a noun phrase names and what the document says about them.

A name is keyed by its lower-case, ASCII-folded words (hyphens ignored: ``Al-Thani`` = ``al thani``), under
the full name and each of its surname parts; a surname shared by two different people maps to nobody.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Iterator, Mapping

from ..knowledge.words import DASH_FOLD
from ..models import Actor

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .kb import ActorKB, Entry

__all__ = ["PersonInfo", "PersonMemory", "DocView", "person_at"]

_WORD = re.compile(r"\w+|[^\w\s]")
_NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_CORE_DEPS = frozenset({"det", "amod", "compound", "poss", "case", "nummod", "nmod", "quantmod", "flat",
                        "predet", "npadvmod", "punct", "advmod", "nn", "dep"})
_NAME_PARTICLES = frozenset({"al", "bin", "ibn", "bint", "el", "de", "da", "del", "van", "von", "abu", "abdel",
                             "abd", "-"})
_LEADING_PARTICLES = _NAME_PARTICLES - {"al", "abu", "abdel", "abd"}  # not the first word of a name
_NOUNISH = frozenset({"NOUN", "PROPN"})
_LEFT_STOPS = frozenset({"VERB", "AUX", "CCONJ", "SCONJ"})


@dataclass(frozen=True)
class PersonInfo:
    """What a document says about a person: full name, country (ISO3) and sector."""

    name: str
    country: str | None
    sector: str | None
    wikidata: str | None = None


# ------------------------------------------------------------------------------------------ doc view


class DocView:
    """A spaCy ``Doc`` read once into lists indexed by token, with its KB matches (see the module doc)."""

    def __init__(self, doc: "Doc", kb: "ActorKB"):
        import numpy
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LENGTH, LOWER, ORTH, POS, SENT_START, SPACY

        self.doc, self.kb, self.n = doc, kb, len(doc)
        hashes = doc.to_array([POS, DEP, ENT_TYPE, LOWER, ORTH])  # one string lookup per distinct value
        distinct, where = numpy.unique(hashes, return_inverse=True)
        strings = numpy.array([doc.vocab.strings[h] if h else "" for h in distinct.tolist()], dtype=object)
        self.pos, self.dep, self.ent, self.lower, orth = strings[where.reshape(hashes.shape)].T.tolist()
        heads, starts, self.idx, lengths, spaces = \
            doc.to_array([HEAD, SENT_START, IDX, LENGTH, SPACY]).astype("int64").T.tolist()
        self.text = text = "".join([w + " " if sp else w for w, sp in zip(orth, spaces)])  # = doc.text
        self.head = [i + h for i, h in enumerate(heads)]
        self.sent_start = [s == 1 for s in starts]
        self.end = [i + k for i, k in zip(self.idx, lengths)]
        self.children: list[list[int]] = [[] for _ in heads]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        chars = Counter(text).items()  # each distinct character tested once
        self.shouting = sum(n for ch, n in chars if ch.islower()) < 0.05 * max(sum(n for ch, n in chars
                                                                                if ch.isalpha()), 1)
        self.scan = kb.scan(text, shouting=self.shouting)

    @classmethod
    def of(cls, doc: "Doc", kb: "ActorKB", memory: "PersonMemory | None" = None) -> "DocView":
        """The view ``memory`` keeps of ``doc`` when it has one for this doc and KB, else a new one."""
        view = memory.view if memory is not None else None
        if view is not None and view.doc is doc and view.kb is kb:
            return view
        return cls(doc, kb)

    def span_text(self, first: int, last: int) -> str:
        """The text of tokens ``first`` .. ``last`` (inclusive), as written."""
        return self.text[self.idx[first]:self.end[last]]

    def token_text(self, i: int) -> str:
        return self.text[self.idx[i]:self.end[i]]

    def sentence_floor(self, i: int, reach: int) -> int:
        """The lowest index in token ``i``'s sentence at most ``reach`` tokens before it."""
        lo = max(0, i - reach)
        starts = self.sent_start
        for j in range(i, lo, -1):
            if starts[j]:
                return j
        return lo

    def name_part(self, i: int) -> bool:
        pos = self.pos
        return pos[i] == "PROPN" or self.lower[i] in _NAME_PARTICLES and i + 1 < self.n and pos[i + 1] == "PROPN"


# ---------------------------------------------------------------------------------------- KB cues


@dataclass(frozen=True)
class _Hit:
    """A KB match inside a noun phrase, with the token range it covers and its distance to the head."""

    entry: "Entry"
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


def core(view: DocView, head: int, allowed: frozenset[int] | None, *,
         skip: frozenset[int] = frozenset()) -> list[int]:
    """``head`` with its pre-modifiers (determiners, adjectives, compounds, possessors), not its PPs/clauses."""
    out, stack, children, dep = [head], [head], view.children, view.dep
    while stack:
        for child in children[stack.pop()]:
            if dep[child] in _CORE_DEPS and child not in skip and (allowed is None or child in allowed):
                out.append(child)
                stack.append(child)
    out.sort()
    return out


def hits(view: DocView, tokens: list[int], head: int) -> list[_Hit]:
    """KB matches (longest first, left to right) over the stretch of ``tokens`` that fall wholly on them."""
    first, last = tokens[0], tokens[-1]
    ids = None if last - first + 1 == len(tokens) else set(tokens)
    c0, c1 = view.idx[first], view.end[last]
    scan, idx = view.scan, view.idx
    out = []
    for p, length, entry in scan.pick(bisect_left(scan.starts, c0), bisect_right(scan.ends, c1)):
        start, stop = scan.starts[p], scan.ends[p + length - 1]
        a, b = bisect_right(idx, start) - 1, bisect_left(idx, stop) - 1
        if ids is not None and not all(i in ids for i in range(a, b + 1)) \
                or _negated_country(entry, view.text[max(c0, start - 6):start]):
            continue
        if entry.kind == "role" and view.pos[b] not in _NOUNISH:
            continue
        dist = 0 if a <= head <= b else min(abs(a - head), abs(b - head))
        out.append(_Hit(entry, a, b, dist))
    return out


def _negated_country(entry: "Entry", before: str) -> bool:
    """``pro-Iran``, ``anti-US``: the country is the object of an attitude, not the actor."""
    if entry.kind not in ("country", "demonym", "capital"):
        return False
    before = before.translate(DASH_FOLD).lower().replace(" ", "")
    return before.endswith(("pro-", "anti-", "pro", "anti"))


_NO_CUES = _Cues(None, None, None, None, frozenset())


def cues(view: DocView, tokens: list[int], head: int) -> _Cues:
    """The nearest organisation, role, country and listed person that ``tokens`` name."""
    found = hits(view, tokens, head)
    if not found:
        return _NO_CUES
    best: dict[str, _Hit] = {}  # cue slot -> nearest hit (the last word breaks ties, then text order)
    for h in found:
        slot = _CUE_SLOTS.get((h.entry.kind, h.entry.flag)) or _CUE_SLOTS.get(h.entry.kind)
        known = best.get(slot) if slot is not None else None
        if slot is not None and (known is None or (h.distance, -h.last) < (known.distance, -known.last)):
            best[slot] = h
    covered = frozenset(i for h in found for i in range(h.first, h.last + 1))
    role = _of_body(view, best.get("role"), found) or best.get("title")
    return _Cues(best.get("org"), role, best.get("country"), best.get("person"), covered)


# Role nouns that only say someone leads, speaks for or belongs to a body: the body a role noun before them names
# gives the sector ("rebel leader" REB, "army chief" MIL, "police spokesman" COP, "party secretary" PTY).
HEADS_OF_BODIES = frozenset({"leader", "chief", "head", "commander", "spokesman", "spokeswoman", "spokesperson",
                             "official", "member", "representative", "delegate", "chairman", "chairwoman",
                             "chairperson", "chair", "director", "president", "secretary", "boss"})


def _of_body(view: DocView, role: _Hit | None, found: list[_Hit]) -> _Hit | None:
    """``role``, or when it is a head of a body (:data:`HEADS_OF_BODIES`) that a role noun modifies as a
    compound ("rebel leader", "army chief"), that body's role stretched over both words (its sector wins)."""
    if role is None or role.first != role.last or role.entry.name not in HEADS_OF_BODIES:
        return role
    for h in found:
        if _names_body(h.entry, role.entry) and h.last < role.first and view.dep[h.last] == "compound" \
                and view.head[h.last] == role.first:
            return _Hit(h.entry, h.first, role.last, role.distance)
    for t in view.children[role.first]:  # a compound the tagger called an adjective ("the rebel leader")
        if t < role.first and view.dep[t] == "compound":
            found = view.kb.match(view.token_text(t), shouting=False)
            if len(found) == 1 and _names_body(found[0].entry, role.entry):
                return _Hit(found[0].entry, t, role.last, role.distance)
    return role


def _names_body(entry, head) -> bool:
    """Is ``entry`` a role noun that names a body of another sector than the head noun ``head`` ("rebel" before
    "leader")?"""
    return entry.kind == "role" and bool(entry.sector) and entry.flag in ("role", "institution") \
        and entry.sector != head.sector


# Which cue a KB hit can be: by kind, and for roles by kind and flag (role nouns proper before titles).
_CUE_SLOTS: dict = {"org": "org", "country": "country", "capital": "country", "demonym": "country",
                    "person": "person", ("role", "role"): "role", ("role", "institution"): "role",
                    ("role", "state"): "role", ("role", "title"): "title"}


# ------------------------------------------------------------------------------------------ memory


def _name_key(name: str) -> tuple[str, ...]:
    """Lower-case, ASCII-folded words of a name, hyphens dropped."""
    folded = unicodedata.normalize("NFKD", name.translate(DASH_FOLD)).encode("ascii", "ignore").decode()
    return tuple(w for w in _WORD.findall(folded.lower()) if w != "-")


class PersonMemory:
    """People of one document: full names and surnames -> :class:`PersonInfo`.

    Build it once per document with :meth:`from_doc` (it then also keeps the document's :class:`DocView` for
    :func:`eventwire.actors.resolve_np`). A surname shared by two different people maps to nobody
    (ambiguous). First names alone are not keys.
    """

    def __init__(self, people: Mapping[str, PersonInfo | None] | None = None, *, view: DocView | None = None,
                 country: str | None = None, gazetteer=None):
        """``country``: the document's main country (ISO3), for titled people whose country is not written;
        ``gazetteer``: the one resolution reads for places named as actors (default: the shared one)."""
        self._people = MappingProxyType(dict(people or {}))
        self.view = view
        self.country = country
        self.gazetteer = gazetteer

    def __len__(self) -> int:
        return sum(1 for v in self._people.values() if v is not None)

    def __contains__(self, name: str) -> bool:
        return self.lookup(name) is not None

    def lookup(self, name: str) -> PersonInfo | None:
        """The person ``name`` (a full name, or a surname part of one) refers to, if known."""
        key = _name_key(name)
        for i in range(len(key)):
            info = self._people.get(" ".join(key[i:]))
            if info is not None:
                return info
        return None

    @classmethod
    def from_doc(cls, doc: "Doc", kb: "ActorKB | None" = None, *, gazetteer=None) -> "PersonMemory":
        """Scan ``doc`` for names introduced with a descriptor (title, apposition, compound)."""
        if kb is None:
            from .kb import load_actor_kb

            kb = load_actor_kb()
        view = DocView(doc, kb)
        people: dict[str, PersonInfo | None] = {}
        pos, n = view.pos, view.n
        for i in range(n):
            if pos[i] != "PROPN" or i + 1 < n and view.name_part(i + 1):
                continue
            chain = _chain(view, i, None)
            if not chain:
                continue
            country, sector, _ = _descriptor(view, chain, None)
            if country is None and sector is None:
                continue
            name = view.span_text(chain[0], chain[-1])
            _remember(people, name, PersonInfo(name, country, sector))
        counts = _country_counts(view)
        main = main_country(view, counts=counts)
        if main is not None and counts[main] == 1 and any(p is not None and p.country == main
                                                          for p in people.values()):
            main = None  # named once, as someone's nationality ("South African leader de Klerk"): not the story's
        return cls(people, view=view, country=main, gazetteer=gazetteer)


def main_country(view: DocView, *, counts: Mapping[str, int] | None = None) -> str | None:
    """The country a document names most often (as country, demonym or seat of government); the first
    named wins a tie; None when it names none."""
    counts = _country_counts(view) if counts is None else counts
    return max(counts, key=counts.__getitem__) if counts else None


def _country_counts(view: DocView) -> dict[str, int]:
    """How often the document names each country (ISO3), in order of first naming."""
    scan = view.scan
    counts: dict[str, int] = {}
    for _p, _length, entry in scan.pick(0, len(scan.starts)):
        if entry.kind in ("country", "demonym", "capital") and entry.country:
            counts[entry.country] = counts.get(entry.country, 0) + 1
    return counts


def _remember(people: dict[str, PersonInfo | None], name: str, info: PersonInfo) -> None:
    """Record ``info`` under the full name and its surname parts, merging mentions of the same person."""
    key = _name_key(name)
    keys = {" ".join(key)}
    for i in range(1, len(key)):
        suffix = key[i:]
        if not (len(suffix) == 1 and suffix[0] in _NAME_PARTICLES):
            keys.add(" ".join(suffix))
        if suffix[0] in _NAME_PARTICLES and len(suffix) > 1:
            keys.add(" ".join(suffix[1:]))
    for k in keys:
        people[k] = _merge(people[k], info) if k in people else info


def _merge(old: PersonInfo | None, new: PersonInfo) -> PersonInfo | None:
    """The same person mentioned twice (one name ends the other): keep the fuller facts; else ambiguous."""
    if old is None:
        return None
    a, b = " ".join(_name_key(old.name)), " ".join(_name_key(new.name))
    if not (a.endswith(b) or b.endswith(a)):
        return None
    name = old.name if len(a) >= len(b) else new.name
    return PersonInfo(name, old.country or new.country, old.sector or new.sector, old.wikidata or new.wikidata)


# ---------------------------------------------------------------------------------- names in phrases


def _chain(view: DocView, head: int, allowed: frozenset[int] | None) -> list[int]:
    """The proper-noun run ending at ``head`` that no KB organisation, country or role covers."""
    if view.pos[head] != "PROPN":
        return []
    lo = view.sentence_floor(head, 8)
    window = [t for t in range(lo, head + 1) if allowed is None or t in allowed]
    if not window:
        return []
    blocked = {i for h in hits(view, window, head) if h.entry.kind != "person" for i in range(h.first, h.last + 1)}
    chain: list[int] = []
    for t in reversed(window):
        if t in blocked or not view.name_part(t) or t != head - len(chain):
            break
        chain.insert(0, t)
    while chain and view.lower[chain[0]] in _LEADING_PARTICLES:
        chain.pop(0)
    if not chain or chain[-1] != head or view.ent[head] in _NON_ACTOR_ENTS:
        return []
    return chain


def _org_start(view: DocView, chain: list[int], allowed) -> int:
    """The first word of the name: an organisation's name keeps the country or demonym just before it that the
    tagger put inside the same organisation ("Kachin Independence Organization", "U.S. Treasury Department"),
    which still gives the country; another KB name before it ("African Union Commission Moussa Faki") stays out."""
    first = chain[0]
    if view.ent[chain[-1]] != "ORG" or first == 0:
        return first
    before = [t for t in range(view.sentence_floor(first, 6), first) if allowed is None or t in allowed]
    for hit in hits(view, before, chain[-1]) if before else ():
        if hit.last == first - 1 and hit.entry.kind in ("country", "demonym") \
                and all(view.ent[t] == "ORG" for t in range(hit.first, first)):
            return hit.first
    return first


def _descriptor(view: DocView, chain: list[int], allowed) -> tuple[str | None, str | None, "Entry | None"]:
    """(country, sector, organisation) that the words around a name give it (nearest phrase first)."""
    country = sector = None
    for found in _descriptor_cues(view, chain, allowed, frozenset(chain)):
        if found.org is not None and sector is None:
            org = found.org.entry
            return org.country or country or (found.country.entry.country if found.country else None), \
                org.sector, org
        if sector is None and found.role is not None:
            sector = found.role.entry.sector
        if country is None and found.country is not None:
            country = found.country.entry.country
        if country is not None and sector is not None:
            break
    return country, sector, None


def _descriptor_cues(view: DocView, chain: list[int], allowed, ids: frozenset[int]) -> Iterator[_Cues]:
    """Candidate descriptor phrases of a name, nearest first (lazily)."""
    head = chain[-1]
    for child in view.children[head]:  # "Zarif, Iran's foreign minister,"
        if view.dep[child] == "appos" and view.pos[child] == "NOUN":
            yield cues(view, core(view, child, allowed), child)
    governor = view.head[head]
    if view.dep[head] == "appos" and view.pos[governor] == "NOUN":  # "his Iranian counterpart Mohammad Zarif"
        yield cues(view, core(view, governor, allowed, skip=ids), governor)
    role = _role_to_left(view, chain, allowed)  # "Qatari Foreign Minister Mohammed ...", misparsed PPs
    if role is not None:  # the whole role phrase, though the parse splits it ("Secretary of State")
        first, last = role
        words = set(core(view, last, allowed, skip=ids)) | set(range(first, last + 1))
        yield cues(view, sorted(words), last)
    rest = [t for t in core(view, head, allowed) if t not in ids]
    if rest:
        yield cues(view, rest + [head], head)


def _role_to_left(view: DocView, chain: list[int], allowed) -> tuple[int, int] | None:
    """First and last index of the nearest role phrase before the name, over modifiers and "to the United
    Nations"."""
    start = chain[0]
    lo = view.sentence_floor(start, 10)
    window: list[int] = []
    for t in range(start - 1, lo - 1, -1):
        pos = view.pos[t]
        if pos in _LEFT_STOPS or pos == "PUNCT" and view.token_text(t) not in "-'" \
                or allowed is not None and t not in allowed:
            break
        window.append(t)
    if not window:
        return None
    window.reverse()
    roles = [h for h in hits(view, window, start) if h.entry.kind == "role" and h.entry.flag != "title"
             and h.entry.sector is not None]
    if not roles:
        return None
    nearest = max(roles, key=lambda h: h.last)
    return nearest.first, nearest.last


def _names_holder(view: DocView, role: int, name: int) -> bool:
    """Whether ``name`` (a PERSON entity in apposition) directly follows the role noun: "premier Adel Abdel
    Mahdi" names the premier even when the phrase given stops before the name. Not in all-capitals text,
    where the parser and the entity tagger take most words for names."""
    return not view.shouting and view.ent[name] == "PERSON" and view.ent[role + 1] == "PERSON" \
        and all(view.name_part(i) for i in range(role + 1, name + 1))


def person_at(view: DocView, head: int, allowed, found: _Cues, *, text: str,
              memory: PersonMemory | None) -> Actor | None:
    """A person named at (or in apposition to) the head, with what the document says about them."""
    chain: list[int] = []
    if view.pos[head] == "PROPN" and not any(h is not None and h.covers(head) and h.entry.kind != "person"
                                             for h in (found.org, found.role, found.country)):
        chain = _chain(view, head, allowed)
    if not chain and found.role is not None and found.role.covers(head):
        appos = [c for c in view.children[head] if view.dep[c] == "appos" and view.pos[c] == "PROPN"]
        if appos and (allowed is None or appos[0] in allowed):
            chain = _chain(view, appos[0], allowed)
        elif appos and _names_holder(view, head, appos[0]):
            allowed = None
            chain = _chain(view, appos[0], None)
    if not chain:
        return None
    name = view.span_text(_org_start(view, chain, allowed), chain[-1])
    country, sector, _org = _descriptor(view, chain, allowed)
    known = memory.lookup(name) if memory is not None else None
    listed = view.kb.lookup(name)
    if listed is not None and listed.kind == "person":  # the memory's facts first, the list's fill gaps
        info = PersonInfo(listed.name, listed.country, listed.sector, listed.wikidata)
        known = info if known is None else _merge(known, info) or known
    if country is None and sector is None and known is None and view.ent[chain[-1]] not in ("PERSON", "ORG", ""):
        return None
    if known is not None:  # "President Obama": the title gives the sector, what we know gives the country
        country, sector = country or known.country, sector or known.sector
    full = known.name if known is not None and len(known.name) >= len(name) else name
    return Actor(text=text, name=full, country=country, sector=sector,
                 wikidata=known.wikidata if known is not None else None)
