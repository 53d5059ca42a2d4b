"""Part of the nlp stage: restore letter case of text written ALL IN CAPITALS (or all in lower case) before
parsing it.

Wire services long sent copy in capitals (the MUC-4 corpus is all upper case). A statistical English
pipeline trained on mixed case cannot find names in it: every word looks like a name. This module rewrites
such text, letter for letter (the length and every offset stay the same, so evidence offsets still point
into the original body), as ordinary case:

* every word is lower-cased, then the first word of each sentence is capitalised;
* a word that is not an English dictionary word (WordNet's word index as shipped in the spaCy model's
  lemmatizer tables, after undoing regular inflection) is a name: capitalised ("CRISTIANI", "USULUTAN");
* known names that are also dictionary words (countries, capitals, demonyms, months, weekdays: "PARIS",
  "SALVADOR", "IRAQI", "MONDAY") are capitalised from a small list of name words built from the actor
  knowledge base; multiword place names ("SAN SALVADOR") follow from their parts;
* acronyms stay in capitals: words without a vowel ("FMLN"), words in brackets, words glossed in brackets
  ("DAS [ADMINISTRATIVE DEPARTMENT OF SECURITY]"), and the all-capital forms of the actor knowledge base ("US",
  "UN", "FARC").

Text written all in lower case (feeds, transcripts, some corpora) is read the same way: it has lost the same
information. Only text that is mostly capitals or all lower case is changed; mixed-case text is returned as it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
SENTENCE_START = re.compile(r"(?:^|[.!?]['\")\]]?\s+|\n\n\s*|--\s+|:\s+[\"']?)([\"'(\[]?)([A-Za-z])")
VOWELS = set("aeiouy")
# Name-forming words that are also dictionary words, capitalised before a capitalised name.
PREFIXED = re.compile(r"\b(?:santa|santo|santiago|puerto|port|mount|lake|fort|cape|saint|st|la|el|las|los|"
                      r"san|sao|rio|ciudad|villa|nueva|nuevo)\b(?= [A-Z])")
# Titles before a name: the next word is a name even when it is also an English noun ("SENATOR GALAN").
TITLES = frozenset("senator sen president colonel col general gen lieutenant lt captain capt sergeant sgt major "
                   "commander comandante msgr monsignor bishop archbishop cardinal father mr mrs ms dr doctor "
                   "judge magistrate mayor governor minister ambassador comrade deputy congressman attorney "
                   "professor prof engineer eng lic".split())
# A short word the text glosses in brackets is an acronym, there and throughout ("DAS [ADMINISTRATIVE DEPARTMENT
# OF SECURITY]", "THE WORKERS SELF-DEFENSE, ADO [FORMERLY THE MAO ...]"), although it may be a dictionary word.
GLOSSED = re.compile(r"\b([A-Za-z]{2,5})\s*\[[A-Za-z][^\]\n]*\s[^\]]*\]")
HONORIFICS = frozenset("mr mrs ms messrs mme mlle".split())  # never anything but the start of a name
MONTHS_DAYS = ("january february march april may june july august september october november december "
               "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
               "saturday sunday").split()


@dataclass(frozen=True)
class CaseModel:
    """Word lists that decide the case of a word (built once from the loaded pipeline and the actor KB)."""

    dictionary: frozenset[str]  # lower-case English base forms
    suffix_rules: tuple[tuple[str, str], ...]  # regular inflections: (suffix, replacement)
    exceptions: frozenset[str]  # irregular inflected forms
    names: frozenset[str]  # lower-case words that are names although in the dictionary
    acronyms: frozenset[str]  # lower-case forms of words written in capitals
    stop_words: frozenset[str] = frozenset()  # function words ("who", "us", "it")
    nouns_only: frozenset[str] = frozenset()  # dictionary words that are only nouns: maybe a surname ("rivera")
    common: frozenset[str] = frozenset()  # roles and other words never taken for a name ("director")
    phrases: frozenset[tuple[str, ...]] = frozenset()  # multiword names of organisations and people, lower case


POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})


def is_shouting(text: str) -> bool:
    """Is the text written without the case that marks names: (mostly) in capitals, or all in lower case?"""
    letters = "".join(filter(str.isalpha, text[:4000]))
    if len(letters) < 40:
        return False
    upper = sum(map(str.isupper, letters)) / len(letters)
    return upper > 0.85 or upper < 0.005


def truecase(text: str, model: CaseModel) -> str:
    """``text`` in ordinary case when it is written in capitals, else ``text`` unchanged (same length)."""
    if not is_shouting(text):
        return text
    chars = list(text.lower())
    bracketed = {m.start() for m in re.finditer(r"(?<=\[)[A-Za-z]+(?=\])", text)}
    words = list(WORD.finditer(text))
    kinds = [_kind(m, words[k - 1] if k else None, bracketed, model) for k, m in enumerate(words)]
    surnames = _names_in_chains(text, words, kinds, model)
    kinds = ["name" if kind == "word" and m.group(0).lower() in surnames else kind for m, kind in zip(words, kinds)]
    glossed = {m.group(1).lower() for m in GLOSSED.finditer(text)} - model.stop_words
    kinds = ["acronym" if m.group(0).lower() in glossed else kind for m, kind in zip(words, kinds)]
    kinds = _known_phrases(text, words, kinds, model)
    for match, kind in zip(words, kinds):
        start = match.start()
        if kind == "acronym":
            chars[start:match.end()] = match.group(0).upper()
        elif kind == "name":
            chars[start] = chars[start].upper()
            for hyphen in re.finditer(r"-([a-z])", match.group(0).lower()):  # "AL-SHAABI" -> "Al-Shaabi"
                chars[start + hyphen.start(1)] = chars[start + hyphen.start(1)].upper()
    for match in PREFIXED.finditer("".join(chars)):  # "santa Elena" -> "Santa Elena"
        chars[match.start()] = chars[match.start()].upper()
    for match in SENTENCE_START.finditer(text):
        k = match.start(2)
        chars[k] = chars[k].upper()
    return "".join(chars)  # apostrophes a lower-case copy lost: eventwire.nlp.model.restore_apostrophes, before


FUNCTION_WORDS = frozenset("of the and for de del la el los las le les al".split())


def _known_phrases(text: str, words: list[re.Match], kinds: list[str], model: CaseModel) -> list[str]:
    """The words of a multiword organisation or person the actor knowledge base knows are a name, written
    whole ("AMNESTY INTERNATIONAL", "RED CROSS"), although each is a dictionary word; function words inside stay
    lower case ("Organization of American States")."""
    if not model.phrases:
        return kinds
    longest = max(map(len, model.phrases))
    lows = [m.group(0).lower() for m in words]
    out, k = list(kinds), 0
    while k < len(words):
        for n in range(min(longest, len(words) - k), 1, -1):
            if tuple(lows[k:k + n]) in model.phrases and all(
                    re.fullmatch(r"[ \t\n]+", text[words[j].end():words[j + 1].start()]) for j in range(k, k + n - 1)):
                out[k:k + n] = [kind if kind == "acronym" or w in FUNCTION_WORDS else "name"
                                for kind, w in zip(out[k:k + n], lows[k:k + n])]
                k += n - 1
                break
        k += 1
    return out


def _kind(match: re.Match, previous: re.Match | None, bracketed: set[int], model: CaseModel) -> str:
    """``acronym``, ``name`` or ``word`` (lower case) for one word, by itself."""
    word = match.group(0).lower()
    after_the = previous is not None and previous.group(0).lower() == "the"
    if word in model.stop_words and not (after_the and word in model.acronyms):
        return "word"  # "WHO", "US", "IT" are words first, acronyms only after "the" ("THE US EMBASSY")
    if match.start() in bracketed or (_acronym(word, model) and word not in TITLES):  # "DR", "MR": titles
        return "acronym"
    if previous is not None and previous.group(0).lower() in POSSESSIVES and _in_dictionary(word, model):
        return "word"  # "THEIR COOK", "HIS WIFE": a common noun after a possessive, whatever surnames exist
    return "name" if _is_name(word, model) else "word"


def _names_in_chains(text: str, words: list[re.Match], kinds: list[str], model: CaseModel) -> set[str]:
    """Dictionary nouns (and two-letter words) that are surnames by position: after a title ("SENATOR GALAN",
    "PRESIDENT LI"), after two names
    ("MARIA ELENA DIAZ") or between two names ("WALDEMAR FRANKLIN QUINTERO"). Only words that are nothing
    but nouns, and never roles ("JOSE LOPEZ, DIRECTOR") or words of organisations ("GOVERNMENT"). Returns
    the words so found: a name once is a name throughout the text ("MARTA OCHOA" after "JOHN OCHOA")."""
    def joined(a: int, b: int) -> bool:  # words a and b stand next to each other, only space between
        return 0 <= a and b < len(words) and text[words[a].end():words[b].start()].isspace() \
            and not words[a].group(0).lower().endswith("'s")  # "PORTH'S ASSASSINATION": the name ends

    def name(k: int) -> bool:
        return kinds[k] == "name" and words[k].group(0).lower() not in model.names

    def candidate(k: int) -> bool:
        word = words[k].group(0).lower()
        return kinds[k] == "word" and word in model.nouns_only and word not in model.common

    def short_name(k: int) -> bool:  # "PRESIDENT LI": a two-letter word after a title is a name; any word
        word = words[k].group(0).lower()  # after an honorific that only comes before a name ("mr brown")
        if kinds[k] != "word" or word in model.stop_words or not word.isalpha() or not joined(k - 1, k):
            return False
        before = words[k - 1].group(0).lower()
        return before in HONORIFICS or len(word) == 2 and before in TITLES

    found: set[str] = set()
    for k in range(len(words)):
        if not candidate(k) and not short_name(k):
            continue
        after_title = joined(k - 1, k) and words[k - 1].group(0).lower() in TITLES
        after_names = joined(k - 2, k - 1) and joined(k - 1, k) and name(k - 2) and name(k - 1)
        end = k  # a run of such nouns closed by a name on both sides: "LUIS CARLOS GALAN SARMIENTO"
        while end + 1 < len(words) and joined(end, end + 1) and candidate(end + 1):
            end += 1
        between = joined(k - 1, k) and name(k - 1) and joined(end, end + 1) and name(end + 1)
        if after_title or after_names:
            kinds[k] = "name"
            found.add(words[k].group(0).lower())
        elif between:
            kinds[k:end + 1] = ["name"] * (end + 1 - k)
            found.update(w.group(0).lower() for w in words[k:end + 1])
    for k in range(len(words) - 1):  # "COLONEL WALDEMAR ..." -> "Colonel Waldemar ..."
        if words[k].group(0).lower() in TITLES and kinds[k + 1] == "name" and joined(k, k + 1) \
                and (words[k + 1].group(0).lower() not in model.names or words[k].group(0).lower() in HONORIFICS):
            kinds[k] = "name"
    return found


def _acronym(word: str, model: CaseModel) -> bool:
    if word in model.acronyms:
        return True
    letters = word.replace("-", "").replace("'", "")
    return 2 <= len(letters) <= 5 and not (set(letters) & VOWELS)


def _is_name(word: str, model: CaseModel) -> bool:
    if word in model.names or word.endswith("'s") and word[:-2] in model.names:  # "THURSDAY'S"
        return True
    return not _in_dictionary(word.strip("'-"), model)


def _in_dictionary(word: str, model: CaseModel) -> bool:
    if len(word) <= 2 or word in model.dictionary or word in model.exceptions:
        return True
    if word.endswith("'s"):
        return _in_dictionary(word[:-2], model)
    if "-" in word:
        return all(_in_dictionary(part, model) for part in word.split("-") if part)
    for suffix, replacement in model.suffix_rules:
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)] + replacement
            if stem in model.dictionary or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in model.dictionary):
                return True
    return False


@lru_cache(maxsize=4)
def case_model(nlp: "Language", kb, places: frozenset[str] = frozenset()) -> CaseModel:
    """The case model for a loaded pipeline (its lemmatizer tables), an actor knowledge base
    (:class:`~eventwire.actors.kb.ActorKB`: its names and acronyms) and the lower-case names of major places
    (``places``: the gazetteer's, :meth:`~eventwire.places.gazetteer.index.Gazetteer.major_names`)."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    index, rules, exc = (lookups.get_table(t) for t in ("lemma_index", "lemma_rules", "lemma_exc"))
    dictionary = {w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, [])}
    stop_words = frozenset(w.lower() for w in nlp.Defaults.stop_words)
    dictionary |= stop_words
    suffixes = {tuple(rule) for pos in ("noun", "verb", "adj") for rule in rules.get(pos, [])}
    exceptions = {w for pos in ("noun", "verb", "adj", "adv") for w in exc.get(pos, {})}
    names, acronyms = _kb_words(kb)
    others = {w for pos in ("verb", "adj", "adv") for w in index.get(pos, [])} | exceptions
    names |= _place_words(places, others | stop_words)
    common = {w.lower() for form in kb.forms(kinds=("role", "org")) for w in WORD.findall(form)}
    return CaseModel(frozenset(dictionary), tuple(sorted(suffixes, key=lambda r: -len(r[0]))),
                     frozenset(exceptions), frozenset(names | set(MONTHS_DAYS)), frozenset(acronyms), stop_words,
                     nouns_only=frozenset(set(index.get("noun", [])) - others - stop_words),
                     common=frozenset(common | COMMON_CAPITALISED | set(TITLES)),
                     phrases=frozenset(_kb_phrases(kb)))


def _kb_phrases(kb) -> set[tuple[str, ...]]:
    """Lower-case word tuples of the knowledge base's multiword organisation and person names written with
    capitals (not role phrases)."""
    out = set()
    for form in kb.forms(kinds=("org", "person")):
        found = WORD.findall(form)
        if len(found) >= 2 and found[0][:1].isupper() and found[-1][:1].isupper():
            out.add(tuple(w.lower() for w in found))
    return out


MAJOR_PLACE = 1_000_000  # cities this large (and first-level divisions) are names even when WordNet lists them


def _place_words(names: frozenset[str], words: set[str]) -> set[str]:
    """One-word names of major places ("mosul", "lagos", "punjab") that are no verb, adjective, adverb or function
    word (``words``): names in lower-case text, where no capital marks them."""
    import unicodedata

    plain = {unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode() for n in names}  # "medellin"
    return {n for n in names | plain
            if WORD.fullmatch(n) and n not in words and n not in COMMON_CAPITALISED and len(n) > 3}


def _kb_words(kb) -> tuple[set[str], set[str]]:
    """Name words (countries, capitals, demonyms, organisations) and acronyms of the actor knowledge base."""
    names, acronyms = set(), set()
    for form in kb.forms():
        for word in WORD.findall(form):
            if word.isupper() and len(word) >= 2:
                acronyms.add(word.lower())
    for form in kb.forms(kinds=("country", "capital", "demonym")):  # not organisations: "Post", "Guard"
        names.update(word.lower() for word in WORD.findall(form) if word[:1].isupper())
    for form in kb.forms(kinds=("org",), sectors=("PTY",)):  # ... but a party's one-word name ("Labour", "Tories")
        found = WORD.findall(form)
        if len(found) == 1 and found[0][:1].isupper() and not found[0].isupper():
            names.add(found[0].lower())
    return names - COMMON_CAPITALISED, acronyms


# Words that begin some names in the knowledge base but are ordinary words in running text.
COMMON_CAPITALISED = frozenset(
    "the of and for in on at to a an de del la el los las le les al state states united national front "
    "republic democratic people peoples popular party army forces force movement liberation revolutionary "
    "council union organization organisation islamic guard guards new south north east west central "
    "international federal kingdom islands island general security ministry minister government office "
    "police military world human rights watch bank press red cross crescent committee agency service "
    "services editor director chief head leader member spokesman correspondent reporter officer worker "
    "student teacher farmer peasant driver owner manager secretary".split())
