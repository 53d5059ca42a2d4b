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
   look alike word for word in everything but their topic).

Everything is read lower-cased: a lower-case or all-caps article gets the same features as its cased copy.
"""
from __future__ import annotations

import math
import re
import zlib
from collections import Counter
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
    names.append(f"pos:{min(int(10 * event.evidence.start / max(len(body), 1)), 9)}")
    if event.evidence.start < 3:
        names.append("first")
    if title and words(title) and set(words(title)) <= cues:
        names.append("headline")
    out: dict[int, float] = {}
    for name in names:
        key = index(name)
        out[key] = out.get(key, 0.0) + 1.0
    if topic is not None:
        for name, value in topic_features(topic, event.quad_class, stem(head)).items():
            key = index(name)
            out[key] = out.get(key, 0.0) + value
    sent_words = {w for w in tokens if not w[0].isdigit() and w not in STOP}
    if sent_words:
        weight = 1.0 / math.sqrt(len(sent_words))
        for word in sent_words:
            key = index("s:" + word)
            out[key] = out.get(key, 0.0) + weight
    for key, value in (bag if bag is not None else article_bag(body)).items():
        out[key] = out.get(key, 0.0) + value
    return out
