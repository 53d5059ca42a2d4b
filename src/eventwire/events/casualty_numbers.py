"""Stage events/casualties, its words: the casualty lexicon and the numbers a sentence counts people with.

:func:`quantities` attaches every quantity of a parsed sentence (``12``, ``1,200``, ``nine``,
``twenty-one``, ``a dozen``, ``dozens``, ``hundreds``) to the noun it counts, skipping dates, times, money,
percentages, ordinals and ages; :func:`negated` finds the lexicon's negations (``no casualties``).
The lexicon lives in ``data/casualty_words.tsv``; :mod:`eventwire.casualties` reads what the numbers count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge.words import MONTH_NUMBERS
from ..errors import DataError
from ..knowledge.tables import data_lines

__all__ = ["CasualtyWords", "load_casualty_words", "word_value", "telegraphic_toll", "is_number_word", "quantities",
           "numbers", "negated", "SKIP_ENTS"]

SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})  # never people
_MONTHS = frozenset(MONTH_NUMBERS)  # "the 16 November assassination": a day, not 16 victims
_NUMERAL = re.compile(r"\d{1,3}(,\d{3})+|\d+")  # "12", "1,200"
_NOT_COUNTS = frozenset({"a", "an", "no", "one"})
_UNITS = frozenset({"%", "percent", "per", "p.m.", "a.m.", "year", "years", "-year", "km", "miles", "kilometres",
                    "kilometers", "metres", "meters", "dollars", "o'clock", "feet", "blocks", "yr", "yrs", "-yr",  # "3 yr old"
                    "yo", "y.o.",  # "43 yo man": an age (and "25 y/o": see _not_people)
                    # charges ("three counts of assault"), shots ("fired five rounds", "shot three times")
                    "count", "counts", "charge", "charges", "shots", "rounds", "bullets", "times"})
# what a number of people never counts


@dataclass(frozen=True)
class CasualtyWords:
    units: dict
    scales: dict
    vague: dict
    cues: dict  # kind -> frozenset of lemmas (death_verb, injury_adj, ...)
    negations: tuple  # (compiled pattern, fields)


@lru_cache(maxsize=1)
def load_casualty_words() -> CasualtyWords:
    """The casualty lexicon shipped in ``data/casualty_words.tsv`` (cached)."""
    tables: dict[str, dict[str, str]] = {}
    for number, line in data_lines("casualty_words.tsv"):
        parts = line.split("\t")
        if len(parts) != 3:
            raise DataError(f"data/casualty_words.tsv line {number} needs 3 tab-separated fields; "
                            "reinstall eventwire")
        tables.setdefault(parts[0], {})[parts[1]] = parts[2]
    negations = tuple((re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b", re.I), field)
                      for phrase, field in tables.get("negation", {}).items())
    return CasualtyWords(
        units={w: int(v) for w, v in tables.get("unit", {}).items()},
        scales={w: int(v) for w, v in tables.get("scale", {}).items()},
        vague={w: int(v) for w, v in tables.get("vague", {}).items()},
        cues={kind: frozenset(words) for kind, words in tables.items()},
        negations=negations,
    )


def word_value(words: list[str], lex: CasualtyWords) -> int | None:
    """``twenty-one`` -> 21, ``two hundred`` -> 200, ``a dozen`` -> 12, ``1,200`` -> 1200."""
    total, current, seen = 0, 0, False
    for word in words:
        for part in word.split("-"):
            if not part or part == "and":
                continue
            if _NUMERAL.fullmatch(part):
                current += int(part.replace(",", ""))
            elif part in lex.units:
                current += lex.units[part]
            elif part in lex.scales:
                current = max(current, 1) * lex.scales[part]
                if lex.scales[part] >= 1000:
                    total, current = total + current, 0
            elif part in lex.vague:
                current = max(current, 1) * lex.vague[part]
            else:
                return None
            seen = True
    return total + current if seen else None


def is_number_word(token, lex: CasualtyWords) -> bool:
    low = token.lower_
    numeral = _NUMERAL.fullmatch(low)
    words = not numeral and _number_words(low, lex)
    if not (numeral or words or low == "one") or token.ent_type_ in SKIP_ENTS:
        return False  # the string alone rules most tokens out: their parse is not read
    if numeral:
        return 1900 > int(low.replace(",", "")) or int(low.replace(",", "")) > 2099 or token.dep_ == "nummod"
    return words and low not in _NOT_COUNTS or (low == "one" and (token.dep_ == "nummod" or _one_of(token)))


def _number_words(low: str, lex: CasualtyWords) -> bool:
    """``twenty-one``, ``dozens``, ``a``: every hyphen-separated part is a number word of the lexicon."""
    if "-" not in low:  # one part: the word itself
        return bool(low) and (low in lex.units or low in lex.scales or low in lex.vague)
    parts = [p for p in low.split("-") if p]
    return bool(parts) and all(p in lex.units or p in lex.scales or p in lex.vague for p in parts)


def _one_of(token) -> bool:
    """``one of his bodyguards``: the pronoun ``one`` counting a member of a group."""
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def quantities(sent, lex: CasualtyWords) -> dict[int, int]:
    """Counted noun (token index) -> quantity, for every number phrase of ``sent``."""
    found: dict[int, int] = {}
    tokens, i = list(sent), 0
    while i < len(tokens):
        if not is_number_word(tokens[i], lex):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and (is_number_word(tokens[j], lex) or tokens[j].lower_ in {"-", "and"}
                                   and j + 1 < len(tokens) and is_number_word(tokens[j + 1], lex)):
            j += 1
        words = [t.lower_ for t in tokens[i:j] if t.lower_ not in {"-"}]
        if i > 0 and tokens[i - 1].lower_ in {"a", "an"} and words[0] in lex.scales:
            words.insert(0, "a")
        value = word_value(words, lex)
        last = tokens[j - 1]
        if value is not None and not _not_people(tokens, j) and not _day_of_month(tokens, i, j, value) \
                and not _gallery(tokens, i) and not _index(tokens, i, j):
            attached = last.dep_ in ("nummod", "quantmod", "compound", "amod") or (
                last.dep_ == "advmod" and last.head.pos_ in ("NOUN", "ADJ"))  # "29 dead"
            noun = last.head if attached else last
            found[noun.i] = found.get(noun.i, 0) + value
        i = j
    return found


_GALLERY = frozenset({"image", "photo", "photos", "picture", "slide", "page", "video", "gallery"})


def _gallery(tokens: list, start: int) -> bool:
    """``Image 1 of 44``, ``Photo 3 of 12``: a caption's place in a gallery (the "of" may be followed by a slash)."""
    back = [t.lower_ for t in tokens[max(0, start - 4):start] if t.text not in ("/", "|")]
    return bool(back) and (back[-1] in _GALLERY or back[-1] == "of" and len(back) >= 3 and back[-3] in _GALLERY)


def _index(tokens: list, start: int, end: int) -> bool:
    """``1 / 6 Back to Gallery``: a number over a number across a slash, a caption's place in a gallery or a
    page count, which counts no one."""
    over = end + 1 < len(tokens) and tokens[end].text == "/" and tokens[end + 1].like_num
    under = start >= 2 and tokens[start - 1].text == "/" and tokens[start - 2].like_num
    return over or under


def _day_of_month(tokens: list, start: int, end: int, value: int) -> bool:
    """``November 16 attack``: a day after a month name (not ``May 3 soldiers``, a plural it counts)."""
    following = tokens[end] if end < len(tokens) else None
    return start > 0 and tokens[start - 1].lower_ in _MONTHS and value <= 31 and not (
        following is not None and "Plur" in following.morph.get("Number"))


def _not_people(tokens: list, end: int) -> bool:
    """Numbers followed by units that are never people (``3 p.m.``, ``5 percent``, ``62-year-old``,
    ``16 November``: a date the parser did not see as one)."""
    following = tokens[end].lower_ if end < len(tokens) else ""
    slash = following == "y" and end + 1 < len(tokens) and tokens[end + 1].text == "/"  # "a 25 y/o man"
    return following in _MONTHS - {"may"} or following in _UNITS or following.startswith("year-old") or slash


@lru_cache(maxsize=64)
def numbers(sent) -> dict[int, int]:
    """:func:`quantities` of ``sent``, worked out once (callers copy the dict)."""
    return quantities(sent, load_casualty_words())


@lru_cache(maxsize=64)
def negated(sent) -> tuple[str, ...]:
    """The fields of the lexicon's negations (``no casualties``, ``no one was hurt``) that ``sent`` holds, in
    lexicon order: the same for every event of the sentence, so searched once (a few recent sentences kept)."""
    text = sent.text  # spaCy rebuilds a span's text token by token on every access
    if not _any_negation().search(text):  # one scan for all of them: most sentences hold none
        return ()
    return tuple(fields for pattern, fields in load_casualty_words().negations if pattern.search(text))


@lru_cache(maxsize=1)
def _any_negation() -> re.Pattern:
    """One pattern that matches where any of the lexicon's negations does."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _fields in load_casualty_words().negations) or "(?!)",
                      re.I)


# A headline's toll, told without verbs ("Four shot, two fatally, in ...", "One dead, three hurt in ...", "2 killed,
# 5 wounded at party"): numbers with participles or adjectives, the "were" left out. The parser often reads such
# fragments as noun phrases ("Four shot" as a noun "shot" counted four), so they are read off the words.
_TOLL_WORDS = {"dead": "dead", "killed": "dead", "slain": "dead", "died": "dead", "hurt": "injured",
               "injured": "injured", "wounded": "injured", "hospitalized": "injured", "shot": "shot"}
_TOLL_NUMBER = r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)"
_TOLL_ITEM = re.compile(r"(?P<n>" + _TOLL_NUMBER + r")\s+(?:(?:people|persons|men|women|teens|children|others?)\s+)?"
                        r"(?:(?P<fatally>fatally)|(?P<word>" + "|".join(_TOLL_WORDS) + r"))\b", re.IGNORECASE)
_TOLL_GLUE = re.compile(r"\s*(?:,|;|and)\s*(?:and\s+)?", re.IGNORECASE)
_TOLL_END = re.compile(r"\s*(?:,|:|-|–|—|$|(?:in|at|after|during|outside|near|on|inside|overnight|following)\b)",
                       re.IGNORECASE)


def telegraphic_toll(text: str, lex: CasualtyWords) -> tuple[int | None, int | None, bool] | None:
    """(dead, wounded, only said to be shot) of a toll the sentence opens with, told without verbs; ``None``
    when it opens with none. "N shot, M fatally" (or "M killed" after it): M of the N shot died."""
    items: list[tuple[int, str]] = []
    at = len(text) - len(text.lstrip())
    while True:
        match = _TOLL_ITEM.match(text, at)
        if match is None:
            break
        word = match["n"].lower()
        value = None if word in ("a", "an", "no") else 1 if word == "one" else word_value([word], lex)
        if value is None:
            break
        items.append((value, "fatally" if match["fatally"] else _TOLL_WORDS[match["word"].lower()]))
        at = match.end()
        glue = _TOLL_GLUE.match(text, at)
        if glue is None or _TOLL_ITEM.match(text, glue.end()) is None:
            break
        at = glue.end()
    if not items or not _TOLL_END.match(text, at) or items[0][1] == "fatally":
        return None
    dead = sum(n for n, kind in items if kind in ("dead", "fatally")) if any(
        kind in ("dead", "fatally") for _n, kind in items) else None
    hurt = [n for n, kind in items if kind == "injured"]
    shot = sum(n for n, kind in items if kind == "shot")
    if shot and dead and any(kind == "shot" for n, kind in items[:1]):
        shot = max(0, shot - dead)  # "Four shot, two fatally", "Five shot, one killed": the dead were among the shot
    wounded = sum(hurt) + shot if hurt or shot or any(kind == "shot" for _n, kind in items) else None
    return dead, wounded, bool(shot) and not hurt
