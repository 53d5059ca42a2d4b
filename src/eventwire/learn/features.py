"""Features of a candidate event for the event-ness model: hashed, so that no text is kept in the weights.

A candidate is an :class:`~eventwire.models.Event` the rules emitted, read with the article it came from. Its
features are strings hashed (CRC-32) into :data:`DIM` buckets, each with a value:

1. what the rules decided: type, mode, quad class, factuality, their pairs; actor and recipient present and
   their sectors; the location's precision; the date's precision; dead and wounded (bucketed); how many
   sentences reported it;
2. the trigger word (and a crude stem) and the two words either side of it, with the type;
3. cues of the evidence sentence that tell a specific occurrence from a total, a habit or a possibility:
   "since", "so far", "in total", perfect aspect ("have been killed"), large round figures, modal and
   conditional words, quotation marks, a question; its length and its place in the article (first sentence,
   which in many sources repeats the headline);
4. the words of the evidence sentence (bag of words), and the content words of the whole article, weighted so
   that each article's bag has unit weight: a sports report and a war report differ in every sentence;
5. the article's topic: the probability, by a second small model over the article's bag (trained on the BBC
   articles' topics), that the article is about sport, entertainment or technology, where conflict words are
   mostly figures of speech ("beat", "attacked well", "shot a film"): as a value, in tenths, with the
   candidate's quad class, and with its trigger. Unlike the bag, it is one source-neutral signal (BBC politics and BBC sport articles
   look alike word for word in everything but their topic);
6. the candidate's type crossed with the cues of its sentence (:func:`_crosses`): a reporting verb, a quotation
   and whether the trigger stands inside it, a hedge, a negation, a modal, perfect aspect, a large figure, a
   hazard or accident word, a question, the first or an early sentence, the sentence's length and the trigger's place in it. A cue means
   different things for different types ("said" next to an attack is the source of a report; "called" in a
   quote is rarely an accusation): on the annotated tune articles, out of fold, these lift the precision of
   the kept asserted events from 0.41 to 0.47 at the same recall;
7. cues of a specific occurrence (:func:`_specific`), alone and with the type: a weekday, a month, a time of day or
   "yesterday"; past or present tense (by auxiliaries and "-ed" forms); a figure; study, report and survey nouns;
8. whether the evidence is a title line (:func:`title_line`: no sentence-final stop) or a sentence, alone, with the
   type and with the first-sentence cues: "first" meant "headline" in sources that put the title before the text
   (BBC, the annotated articles), so a one-sentence report, whose only sentence is its first, was read as one;
   a sentence that is the whole text (:func:`alone`) gets no place cues at all (first, early, its tenth of the
   article), only "alone" with the type: a text is not less likely real for being short;
9. a trigger that names an event rather than reports it (:func:`_told`): a determiner or possessive before it,
   a preposition before that (the event is the topic of another predicate: "protested against such a vile
   murder", "reports on this murder"), the noun phrase at the head of its sentence, and whether the article named
   an event by the same stem before this sentence (the noun then refers back to an event already told).

Everything is read lower-cased: a lower-case or all-caps article gets the same features as its cased copy.
"""
from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Event

DIM = 1 << 15
WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]|\d[\d,.]*")
STOP = frozenset("""a an the and or but of to in on at by for with from as is was were be been being are has have had
it its this that these those he she they them his her their there here which who whom whose what when where while
not no nor so than then too very can will would could should may might must do does did done said says say also
into over after before about up down out off more most some any all each other such only own same just now
s t d ll ve re m""".split())  # the last: what is left of "villa's", "don't" where a source drops apostrophes
MODAL = frozenset("would could may might should will shall can must if whether unless might'".split())
AGGREGATE = frozenset("since total totals toll tolls tally overall altogether cumulative annually annual yearly per "
                      "average statistics figures record records decade decades".split())
GENERIC = frozenset("often usually always never every typically generally frequently routinely sometimes many "
                    "regularly".split())
ALLEGED = frozenset("allegedly reportedly purportedly suspected alleged accused charged charges".split())
PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?been\b")
BIG = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{4,}\b|\b(?:thousands?|millions?|hundreds?|dozens?)\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
REPORTING = frozenset("said says say told tells according stated states added adds announced announces reported "
                      "reports claimed claims insisted insists noted notes explained explains wrote writes".split())
HEDGE = frozenset("allegedly reportedly purportedly possibly possible likely unlikely perhaps maybe expected plans "
                  "plan planned intends intended hopes hoped wants wanted seeks sought".split())
NEGATION = frozenset("not no never nor neither without denied denies deny n't".split())
QUOTES = re.compile(r'["\u201c\u201d]|\'\'|``')
CROSSES = True  # the candidate's type crossed with its sentence's cues (6. above); off only to measure them
STUDY = frozenset("study studies report reports survey surveys research poll polls analysis figures statistics data "
                  "findings review reviews index ranking".split())
PAST = frozenset("was were had did ago yesterday last earlier shot struck fought met took fled led held began threw "
                 "stole ran came went found left sent gave brought caught broke seized stabbed".split())  # not "said"
PRESENT = frozenset("is are has have does do often usually always every".split())
WHEN = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today tonight morning "
                 "afternoon evening night overnight dawn midnight january february march april may june july "
                 "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec "
                 "a.m p.m am pm".split())
SPECIFIC = True  # cues of a specific occurrence against a generic or standing statement (7. above)
TITLE_LINE = True  # a line with no sentence-final stop (a headline, a caption) told apart from a sentence (8. above)
FINAL = re.compile(r"[.!?:;]['\"\u2019\u201d)\]]*\s*$")


ALONE = True  # the sentence that is the whole text has no place in an article (8. above)
SENTENCE_BAG = True  # the words of the evidence sentence (4. above)
ARTICLE_BAG = True  # the content words of the whole article (4. above)
TOLD = True  # a nominal trigger that names an event the article told before (9. above)
DETERMINERS = frozenset("the this that these those such his her its their our your my".split())
PREPOSITIONS = frozenset("of into about over on for against after from to in by with at behind following "
                         "despite amid regarding concerning".split())


def alone(event: "Event", body: str) -> bool:
    """Whether the evidence sentence of ``event`` is the whole of ``body``: a one-sentence report (a wire flash, a
    sentence given alone), whose place in an article (first, early) says nothing."""
    return ALONE and event.evidence.start <= 2 and event.evidence.end >= len(body.rstrip()) - 2


@lru_cache(maxsize=8)
def _first_stems(body: str) -> dict[str, int]:
    """The character offset of the first word of each stem in ``body`` (one pass per article)."""
    first: dict[str, int] = {}
    for m in WORD.finditer(body.lower().replace("\u2019", "'")):
        first.setdefault(stem(m.group()), m.start())
    return first


def told_before(head: str, body: str, start: int) -> bool:
    """Whether a word of the stem of ``head`` stands in ``body`` before offset ``start`` (the evidence sentence):
    the article named that kind of event before this sentence."""
    if not head or not body:
        return False
    return _first_stems(body).get(stem(head), start) < start


def _told(event: "Event", tokens: list[str], at: int, head: str, body: str) -> list[str]:
    """Cues of a trigger that names an event rather than reports one (9. above): a determiner or possessive
    before it ("the attack", "such a vile murder", "his requests"), a preposition before that ("protested against
    such a vile murder", "reports on this murder", "the investigation into the killing"), the trigger the subject
    at the head of its sentence ("The request of the municipalities results from ..."), and whether the article
    named an event by the same stem before this sentence (a definite noun then refers back to it, not a new
    report). Each with the type."""
    if at < 0:
        return []
    k = next((k for k in range(at - 1, max(at - 4, -1), -1) if tokens[k] in DETERMINERS
              or (tokens[k] == "a" and k > 0 and tokens[k - 1] == "such")), None)  # up to two words between
    if k is None:
        return []
    k -= tokens[k] == "a"  # "such a vile murder": the phrase begins at "such"
    prep = k > 0 and tokens[k - 1] in PREPOSITIONS
    subject = k == 0
    told = told_before(head, body, event.evidence.start)
    t = event.type
    names = ["nom:det", f"nom:{t}/det"]
    if prep:
        names += ["nom:prep", f"nom:{t}/prep"]
    if subject:
        names += ["nom:subject", f"nom:{t}/subject"]
    if told:
        names += ["nom:told", f"nom:{t}/told"] + (["nom:prep-told", f"nom:{t}/prep-told"] if prep else [])
    return names


def title_line(sentence: str) -> bool:
    """Whether ``sentence`` reads as a headline or a caption: it ends without a full stop, question or exclamation
    mark (a headline that repeats the body; a sentence of the body, even alone in a text, ends with one)."""
    return bool(sentence.strip()) and not FINAL.search(sentence)


def index(name: str) -> int:
    """The bucket of a feature name (stable across processes and machines)."""
    return zlib.crc32(name.encode("utf-8")) & (DIM - 1)


def words(text: str) -> list[str]:
    """Lower-case words, the possessive "'s" dropped ("villa's" and "villa s" are one word)."""
    return [w[:-2] if w.endswith("'s") else w for w in WORD.findall(text.lower().replace("\u2019", "'"))]


def stem(word: str) -> str:
    """A crude English stem (``killed`` / ``kills`` / ``killing`` -> ``kill``): enough to share a trigger's
    weight between its forms."""
    for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _bucket(n: int | None) -> str:
    if n is None:
        return "none"
    for limit, name in ((0, "0"), (1, "1"), (9, "2-9"), (99, "10-99"), (999, "100-999")):
        if n <= limit:
            return name
    return "1000+"


def article_bag(body: str) -> dict[int, float]:
    """The article's content words as hashed buckets, weighted to unit length (computed once per article)."""
    counts = Counter(w for w in words(body) if len(w) > 3 and w not in STOP and not w[0].isdigit())
    if not counts:
        return {}
    bag: dict[int, float] = {}
    for word in counts:
        key = index("a:" + word)
        bag[key] = bag.get(key, 0.0) + 1.0
    norm = math.sqrt(sum(v * v for v in bag.values()))
    return {k: v / norm for k, v in bag.items()}


MIN_TOPIC_WORDS = 8  # an article's topic is read from at least this many distinct content words: a short sentence
# alone has six or seven, and the topic model then says about 0.4 for anything (its "unsure" band, where sport-sense
# triggers live), so a one-line attack report was read as half a sport report; a two-sentence match report has 11


def topic_readable(bag: dict[int, float]) -> bool:
    """Whether an article's bag (:func:`article_bag`) has words enough to read its topic from."""
    return len(bag) >= MIN_TOPIC_WORDS


def topic_features(topic: float, quad: str, trigger: str) -> dict[str, float]:
    """Feature names and values of the article's topic probability ``topic`` (sport/entertainment/tech), alone,
    with the candidate's quad class, and with its trigger's stem in three bands (a word's sense follows the
    article's topic: "attack" in a match report and in a war report)."""
    tenth = min(int(topic * 10), 9)
    logit = math.log(max(topic, 1e-6) / max(1 - topic, 1e-6))
    band = "low" if topic < 0.3 else "mid" if topic < 0.7 else "high"
    return {f"topic:{tenth}": 1.0, f"tquad:{quad}/{tenth}": 1.0, "topic": topic,
            "topic-logit": max(-6.0, min(6.0, logit)) / 3, f"topicq:{quad}": topic,
            f"ttrig:{trigger}/{band}": 1.0}


@lru_cache(maxsize=1)
def _hazards() -> tuple[frozenset[str], tuple[str, ...]]:
    """The natural hazards and accidents of ``data/hazards.tsv`` (whole words; the longer ones also as prefixes:
    "accidental", "crashed", "flooding")."""
    from ..knowledge.tables import hazard_words

    words_ = hazard_words()
    return words_, tuple(sorted(w for w in words_ if len(w) >= 5))


def _hazard(tokens: list[str]) -> bool:
    exact, prefixes = _hazards()
    return any(w in exact or w.startswith(prefixes) for w in tokens)


def _inside_quote(sentence: str, at_char: int) -> bool:
    """Whether character ``at_char`` of ``sentence`` lies between an opening and a closing quotation mark."""
    return at_char >= 0 and len(QUOTES.findall(sentence[:at_char])) % 2 == 1


def _crosses(event: "Event", sentence: str, tokens: list[str], at: int, body: str) -> list[str]:
    """The type crossed with the cues that tell a reported occurrence from talk about one: a reporting verb, a
    quotation (and whether the trigger is inside it), a hedge, a negation, a future or modal word, perfect aspect,
    a large figure, the sentence's place in the article; and with the factuality the rules gave."""
    t = event.type
    cues = set(tokens)
    titled = TITLE_LINE and title_line(sentence)
    placed = not alone(event, body)  # a sentence that is the whole text has no place in an article
    trigger_at = sentence.lower().find(event.evidence.trigger.lower()) if event.evidence.trigger else -1
    marks = {
        "report": bool(cues & REPORTING), "hedge": bool(cues & HEDGE), "neg": bool(cues & NEGATION),
        "modal": bool(cues & MODAL), "quote": bool(QUOTES.search(sentence)),
        "inquote": _inside_quote(sentence, trigger_at), "perfect": bool(PERFECT.search(sentence.lower())),
        "big": bool(BIG.search(sentence.lower())),
        "question": sentence.rstrip().endswith("?"), "title": titled,
        "first": placed and event.evidence.start < 3 and not titled,
        "first-title": placed and event.evidence.start < 3 and titled,
        "early": placed and event.evidence.start < 0.2 * max(len(body), 1), "alone": not placed,
        "hazard": _hazard(tokens),
    }
    names = [f"x:{t}/{k}" for k, v in marks.items() if v]
    names += [f"x:{t}/no-{k}" for k in ("report", "quote") if not marks[k]]
    names.append(f"x:{t}/len{min(len(tokens) // 10, 4)}")
    if at >= 0:
        names.append(f"x:{t}/at{min(at // 5, 4)}")  # how far into the sentence the trigger stands
    return names


def _specific(t: str, tokens: list[str]) -> list[str]:
    """Cues that tell a specific occurrence from a generic, habitual or standing statement, alone and with the
    type: a time of day, a weekday, a month or "yesterday" (a dated occurrence); past against present tense by
    their auxiliaries and "-ed" forms; a figure; study, report and survey nouns (findings, not occurrences)."""
    cues = set(tokens)
    past = bool(cues & PAST) or any(len(w) > 4 and w.endswith("ed") for w in tokens)
    marks = {"when": bool(cues & WHEN), "past": past, "present": bool(cues & PRESENT) and not past,
             "number": any(w[0].isdigit() for w in tokens), "study": bool(cues & STUDY)}
    names = [f"sp:{k}" for k, v in marks.items() if v] + [f"sp:{t}/{k}" for k, v in marks.items() if v]
    names += [f"sp:{t}/no-{k}" for k in ("when", "past") if not marks[k]]
    return names


def event_features(event: "Event", body: str, *, bag: dict[int, float] | None = None,
                   title: str | None = None, topic: float | None = None) -> dict[int, float]:
    """Hashed features of one candidate ``event`` of the article ``body`` (``bag``: its :func:`article_bag`;
    ``topic``: the probability that the article is about sport, entertainment or technology)."""
    names: list[str] = ["bias"]
    t, f = event.type, event.factuality
    names += [f"type:{t}", f"mode:{t}/{event.mode}", f"quad:{event.quad_class}", f"fact:{f}", f"tf:{t}/{f}",
              f"actor:{bool(event.actor)}", f"recip:{bool(event.recipient)}",
              f"ta:{t}/{bool(event.actor)}/{bool(event.recipient)}",
              f"loc:{event.location.precision if event.location else 'none'}",
              f"date:{event.date_precision}", f"dead:{_bucket(event.fatalities)}",
              f"tdead:{t}/{_bucket(event.fatalities)}", f"hurt:{_bucket(event.injured)}",
              f"mentions:{min(len(event.mentions), 3)}"]
    names += [f"asec:{a.sector}" for a in event.actor] + [f"rsec:{a.sector}" for a in event.recipient]
    names += [f"acountry:{a.country is not None}" for a in event.actor[:1]]
    sentence = event.evidence.text
    tokens = words(sentence)
    trigger = words(event.evidence.trigger)
    head = trigger[-1] if trigger else ""
    names += [f"trig:{head}", f"tstem:{t}/{stem(head)}", f"stem:{stem(head)}"]
    at = tokens.index(head) if head in tokens else -1
    if at >= 0:
        for offset in (-2, -1, 1, 2):
            k = at + offset
            word = tokens[k] if 0 <= k < len(tokens) else "<edge>"
            names.append(f"ctx{offset}:{word}")
            names.append(f"tctx{offset}:{stem(head)}/{word}")
    low = sentence.lower()
    cues = set(tokens)
    names += [f"cue:{w}" for w in sorted(cues & (MODAL | AGGREGATE | GENERIC | ALLEGED))]
    names += [f"tcue:{t}/{w}" for w in sorted(cues & (MODAL | AGGREGATE))]
    if "so far" in low or "to date" in low or "in all" in low:
        names.append("cue:so-far")
    if PERFECT.search(low):
        names.append("cue:perfect")
    if BIG.search(low):
        names += ["cue:big", f"bigdead:{_bucket(event.fatalities)}"]
    if YEAR.search(low):
        names.append("cue:year")
    if '"' in sentence or "\u201c" in sentence or "''" in sentence:
        names.append("cue:quote")
    if sentence.rstrip().endswith("?"):
        names.append("cue:question")
    names.append(f"len:{min(len(tokens) // 10, 6)}")
    titled = TITLE_LINE and title_line(sentence)
    lone = alone(event, body)
    if lone:
        names += ["alone", f"alone:{t}"]
    else:
        names.append(f"pos:{min(int(10 * event.evidence.start / max(len(body), 1)), 9)}")
    if event.evidence.start < 3 and not lone:
        names.append("first" if not TITLE_LINE else "first:title" if titled else "first:sentence")
    if titled:
        names += ["title-line", f"title-line:{t}"]
    if title and words(title) and set(words(title)) <= cues:
        names.append("headline")
    if CROSSES:
        names += _crosses(event, sentence, tokens, at, body)
    if SPECIFIC:
        names += _specific(event.type, tokens)
    if TOLD:
        names += _told(event, tokens, at, head, body)
    out: dict[int, float] = {}
    for name in names:
        key = index(name)
        out[key] = out.get(key, 0.0) + 1.0
    if topic is not None:
        for name, value in topic_features(topic, event.quad_class, stem(head)).items():
            key = index(name)
            out[key] = out.get(key, 0.0) + value
    sent_words = {w for w in tokens if not w[0].isdigit() and w not in STOP} if SENTENCE_BAG else set()
    if sent_words:
        weight = 1.0 / math.sqrt(len(sent_words))
        for word in sent_words:
            key = index("s:" + word)
            out[key] = out.get(key, 0.0) + weight
    if ARTICLE_BAG:
        for key, value in (bag if bag is not None else article_bag(body)).items():
            out[key] = out.get(key, 0.0) + value
    return out
