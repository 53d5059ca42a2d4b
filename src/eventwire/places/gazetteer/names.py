"""Name keys of the gazetteer: :func:`name_key` (the index key) and the spelling fallback (:func:`skeleton`,
:func:`spelling_variants`): abbreviations spelled out, a transliteration skeleton, one vowel edit.

Pure functions of a string, shared by the index, its builder and the geocoder.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["name_key", "skeleton", "spelling_variants", "AREAS", "MILITARY_WORDS"]

MILITARY_WORDS = ("air base", "airbase", "air force base", "army air field", "airfield", "air station",
                  "naval", "military", "army", "base", " afb", "heliport", "camp ")

# Latin letters that Unicode does not decompose into a base letter and a mark ("Østfold", "Łódź", "Straße")
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ł": "l",
                          "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"})


@lru_cache(maxsize=1 << 17)
def name_key(text: str) -> str:
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


def one_edit_away(word: str) -> set[str]:
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
