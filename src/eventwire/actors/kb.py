"""The actor knowledge base (part of the *extract* stage; :mod:`eventwire.actors` resolves phrases with it).

:class:`ActorKB` holds countries (names, aliases, demonyms, seats of government), organisations, a few
well-known people, role nouns and "non-actor" phrases, read from ``data/actors_*.tsv`` and
``data/actor_roles.tsv`` (the demonyms of peoples of a region inside one state from
``data/actors_regions.tsv``). :meth:`ActorKB.match` finds them in a string by longest match;
:meth:`ActorKB.scan` lists every candidate once per text, so that a document is scanned only once.

Matching rules: text is ASCII-folded (``Elysée`` = ``Elysee``) and hyphens are ignored (``al-Qaeda`` =
``al Qaeda``, ``US-led`` contains ``US``). A form written in capitals in the data (``US``, ``IS``, ``UN``) matches
only in capitals; a form marked ``*`` (``US*``, ``IS*``) is also skipped in all-capitals text, where it may be a
word. Other names match in any case but need one capital letter (``turkey`` and ``polish`` are not
countries); role nouns match in any case.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Iterable, Mapping

from ..knowledge.tables import read_records
from ..knowledge.words import DASH_FOLD

__all__ = ["Entry", "Match", "Scan", "ActorKB", "load_actor_kb", "capitals", "peoples", "actor_key",
           "SECTOR_LABELS"]

SECTOR_LABELS = MappingProxyType({
    "GOV": "government", "MIL": "military", "REB": "rebels", "PTY": "party", "CVL": "civilians",
    "IGO": "international organisation", "NGO": "non-governmental organisation", "MED": "media",
    "BUS": "business", "CRM": "criminals", "REL": "religious", "JUD": "judiciary", "LEG": "legislature",
    "COP": "police", "UAF": "armed group"})
_KIND_RANK = {"block": 0, "org": 1, "person": 2, "country": 3, "capital": 3, "demonym": 3, "role": 4}
_TOKEN = re.compile(r"\w+|[^\w\s]")
_SKIP = {"-"}


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


def actor_key(text: str) -> str:
    """ASCII-actor_key ``text`` one character for one character (offsets are kept)."""
    text = text.translate(DASH_FOLD)
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
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(actor_key(text)) if m.group() not in _SKIP]


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
        surfaces: list[tuple[str, str, str | None]] = []
        for surface, entry in forms:
            wordlike = surface.endswith("*")
            surface = surface.rstrip("*").strip()
            surfaces.append((surface, entry.kind, entry.sector))
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

    def forms(self, *, kinds: Iterable[str] | None = None, sectors: Iterable[str] | None = None) -> tuple[str, ...]:
        """The surface forms the KB matches, as written in its data (``*`` marks removed), in data order.

        ``kinds``: only forms of entries of these kinds (country, capital, demonym, org, person, role, block);
        ``sectors``: only forms of entries of these sectors.
        """
        wanted = None if kinds is None else set(kinds)
        in_sectors = None if sectors is None else set(sectors)
        return tuple(form for form, kind, sector in self._surfaces if (wanted is None or kind in wanted)
                     and (in_sectors is None or sector in in_sectors))

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
        folded = actor_key(text)
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
    for row in read_records("actors_countries.tsv"):
        base = dict(country=row["iso3"], wikidata=row["wikidata"] or None)
        entry = Entry(row["name"], "country", **base)
        for form in [row["name"], *_split(row["aliases"]), *_split(row["extra_aliases"])]:
            yield form, entry
            if " of the " in form:  # "Democratic Republic of the Congo" is also written "... of Congo"
                yield form.replace(" of the ", " of ", 1), entry
        for form in _split(row["demonyms"]):
            yield form, Entry(row["name"], "demonym", **base)
        for form in [row["capital"], *_split(row["metonyms"])]:
            if form:
                yield form, Entry(row["name"], "capital", sector="GOV", **base)
    yield from _regional_forms({row["iso3"]: row["name"] for row in read_records("actors_countries.tsv")})


def _regional_forms(names: Mapping[str, str]) -> Iterable[tuple[str, Entry]]:
    """Demonyms of peoples of a region inside one state (``actors_regions.tsv``: "Chechen", "Tibetans"): read as
    that state's demonym, so that a group they name is placed where it operates ("Chechen rebels": Russia)."""
    for row in read_records("actors_regions.tsv"):
        entry = Entry(names[row["country"]], "demonym", country=row["country"])
        for form in _split(row["forms"]):
            yield form, entry


def _other_forms() -> Iterable[tuple[str, Entry]]:
    for filename, kind in (("actors_orgs.tsv", "org"), ("actors_people.tsv", "person")):
        for row in read_records(filename):
            entry = Entry(row["name"], kind, row["country"] or None, row["sector"] or None,
                          row["wikidata"] or None)
            for form in [row["name"], *_split(row["aliases"])]:
                yield form, entry
    for row in read_records("actor_roles.tsv"):
        sector = None if row["sector"] == "-" else row["sector"]
        entry = Entry(row["role"], "role", sector=sector, flag=row["kind"])
        for form in [row["role"], *_plurals(row["role"])]:
            yield form, entry
    for row in read_records("actors_nonactors.tsv"):
        yield row["phrase"], Entry(row["phrase"], "block")


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """ISO3 -> the seat of government news calls "the capital" (``actors_countries.tsv``; none for territories)."""
    return {row["iso3"]: row["capital"] for row in read_records("actors_countries.tsv") if row.get("capital")}


@lru_cache(maxsize=1)
def peoples() -> Mapping[str, tuple[str, ...]]:
    """Lower-case ethnonym -> the ISO3 states of a people whose homeland spans several (``actors_peoples.tsv``:
    "kurdish" -> TUR, IRQ, SYR, IRN)."""
    return MappingProxyType({form.lower(): tuple(_split(row["countries"])) for row in read_records("actors_peoples.tsv")
                             for form in _split(row["forms"])})


@lru_cache(maxsize=1)
def load_actor_kb() -> ActorKB:
    """The packaged actor KB (cached: read once per process)."""
    return ActorKB([*_country_forms(), *_other_forms()])


# ---------------------------------------------------------------------------------------- noun phrases
