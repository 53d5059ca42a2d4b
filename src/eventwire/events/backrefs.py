"""Extract stage: nouns that name an event the article has already told ("the shooting", "this murder",
"Saturday's attack", "the request of the municipalities").

A definite or possessive event noun that another predicate takes as its object or complement ("the mayor
condemned *the shooting*", "police are investigating *the attack*", "arrested in connection with *the killing*",
"a vigil for the victims of *the shooting*", "reports on *this murder*") tells no new event: it is the topic of the
sentence's own report (a condemnation, an investigation, an arrest, a funeral). Where the article (or the sentence)
has told an event of that type before, such a mention is a further mention of it (:func:`join_back_references`):
it joins the nearest earlier event of its type that is reported as having happened, and never becomes that event's
best report. Where nothing of its type comes before it, the article's first mention is already the topic of another
predicate, and the report comes later ("the bishops condemned the murder ... Six priests were murdered at dawn"):
it joins the nearest later report instead. A noun that is its clause's subject ("the attack killed three") reports,
and is left alone; so is one with no report of its type before or after it (a follow-up story's "the shooting" may
be its only mention of the event).

A sentence that adds a detail of an attack without an event word ("it happened at 2:05 a.m. on Central Street", "the
victims have been identified as ...": trigger rows with the conditions ``anaphor`` / ``told``) is an *anaphoric*
mention: it joins the earlier event in the same way (never a later one), and is dropped when there is none.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..models import Event
    from .records import Mention

DEFINITE = frozenset({"the", "this", "that", "these", "those"})
COMPLEMENT = frozenset({"dobj", "pobj", "attr", "oprd", "appos", "dative", "compound"})
REPORTED = frozenset({"asserted", "claimed"})
STEM = 5  # verbal types join only a report by a word of the same stem ("the request" - "requested")


def names_told_event(head: "Token") -> bool:
    """Whether the trigger ``head`` is a definite or possessive event noun taken as the object or complement of
    another word ("condemned the shooting", "suspect in Saturday's killing", "the shooting suspect")."""
    if head.pos_ != "NOUN":
        return False
    top = head
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    if top.dep_ not in COMPLEMENT:
        return False
    return _definite(top.head if top.dep_ == "compound" else head)  # "the shooting suspect": the phrase's determiner


ANAPHORIC = frozenset({"anaphor", "told"})  # trigger conditions (triggers.tsv) of a detail of an event told before


def anaphoric(condition: str | None) -> bool:
    """Whether a trigger row with ``condition`` reports a detail of an event the article has told before rather
    than an event (its conditions ``anaphor`` or ``told``: "it happened at 2:05 a.m.", "the victims were
    identified as ...", "officers found his body"): such a mention joins that event or is dropped."""
    return bool(condition) and any(part.partition("=")[0] in ANAPHORIC for part in condition.split("&"))


EVENT_PRONOUNS = frozenset("it this that".split())
EVENT_ANAPHORS = frozenset("incident chaos violence ordeal confrontation encounter episode standoff".split())
PERSON_PRONOUNS = frozenset("he she they".split())


def anaphor_subject(token: "Token", words: set[str]) -> bool:
    """Whether ``token`` is a verb in the past, not negated, whose subject refers back: to an event ("it", "this",
    "the incident", "the chaos") or, with ``words``, to people ("he", "they", "the victims" for victim|victims)."""
    kids = list(token.children)
    if token.dep_ == "relcl" or any(c.dep_ == "neg" for c in kids) or not (token.tag_ == "VBD" or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" or c.lemma_ == "have" for c in kids)):
        return False
    for s in (c for c in kids if c.dep_ in ("nsubj", "nsubjpass")):
        if words:
            if s.lower_ in PERSON_PRONOUNS or (s.lemma_.lower() in words and _definite(s)):
                return True
        elif s.lower_ in EVENT_PRONOUNS or (s.lemma_.lower() in EVENT_ANAPHORS and _definite(s)):
            return True
    return False


def _definite(noun: "Token") -> bool:
    """Has ``noun`` a possessor or a definite determiner ("Saturday's shooting", "the incident", "this murder")?"""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in noun.children)


def _stem(trigger: str) -> str:
    words = trigger.lower().split()
    return words[-1][:STEM] if words else ""


def join_back_references(clusters: Sequence, *, material: set[str],
                         apart: Callable[["Mention", list["Mention"]], bool]) -> list:
    """``clusters`` (objects with a ``mentions`` list, in order of first mention) with each cluster made only of
    :attr:`Mention.told` mentions joined to the nearest earlier cluster of its type that reports the event as
    having happened (any of ``material`` types; of a verbal type, only one with a report by a word of the same
    stem), unless ``apart`` (victims of its own: "the kidnapping of the driver" after "the murder of X"), "another"
    or a count of several events set it apart. A cluster of :attr:`Mention.anaphoric` mentions only (a detail, "it
    happened at 2:05 a.m.") that joins nothing is dropped."""
    out: list = []
    for cluster in clusters:
        target = _report_of(cluster, reversed(out), material, apart, later=False)
        if target is None:
            if not all(m.anaphoric for m in cluster.mentions):  # a detail with nothing told before it is no event
                out.append(cluster)
        else:
            target.mentions = sorted(target.mentions + list(cluster.mentions), key=lambda m: m.index)
    if not FORWARD:
        return out
    # the article's first mention may already be the topic of another predicate ("the president condemned the
    # killing of ... ; the priests were murdered at dawn"): with nothing of its type before it, it names the event a
    # LATER sentence reports; with no report before or after (a follow-up story's "the shooting") it stays
    kept: list = []
    for k, cluster in enumerate(out):
        target = _report_of(cluster, out[k + 1:], material, apart, later=True)
        if target is None:
            kept.append(cluster)
        else:
            target.mentions = sorted(target.mentions + list(cluster.mentions), key=lambda m: m.index)
    return kept


SEPARATE = re.compile(r"(?i)(?:in (?:a|an|another) (?:separate|unrelated|different|other)? ?(?:incident|case|attack|"
                      r"shooting)|separately|elsewhere|meanwhile|in other (?:shootings|incidents|news|violence))\b")
# "In a separate incident, ...": a new story begins (no description nor back-reference crosses it)
FORWARD = True  # a told mention with no report of its type before it joins the nearest later report


def _report_of(cluster, others, material: set[str], apart, *, later: bool):
    """The first of ``others`` (clusters, nearest first) that reports, as having happened, the event that
    ``cluster`` only names (all its mentions :attr:`Mention.told`): of its type, with a mention that is no told
    noun, before it (``later`` False) or after it (True), not set apart by victims of its own; of a verbal type,
    only an earlier report by a word of the same stem (a verbal noun with a light verb is itself the report:
    "expressed its solidarity", "concluded his visit"). None when ``cluster`` reports something itself."""
    mentions = cluster.mentions
    if not all(m.told and not m.novel and not m.several for m in mentions):
        return None
    first = mentions[0]
    stems = {_stem(m.trigger) for m in mentions}
    for other in others:
        o = other.mentions
        if other is cluster or o[0].type != first.type or (o[0].index < first.index) != (not later) \
                or all(m.told for m in o) or not any(m.factuality in REPORTED for m in o) \
                or any(apart(m, o) for m in mentions):
            continue
        if later and _separate(o):
            break  # "In a separate incident, a woman was shot": another story begins; never across it
        if first.type in material or (not later and stems & {_stem(m.trigger) for m in o if not m.told}):
            return other
    return None


def _separate(mentions) -> bool:
    """Whether the first report among ``mentions`` (its sentence) says it is another incident ("In a separate
    incident", "Elsewhere", "Meanwhile")."""
    report = next((m for m in mentions if not m.told), None)
    return report is not None and bool(SEPARATE.search(report.sentence.text))


FINAL = re.compile(r"[.!?:;]['\"\u2019\u201d)\]]*\s*$")  # a sentence's end (what a headline or a link lacks)
MAX_LINE_WORDS = 16  # a headline, a caption or a link to another story is short


def link_line(body: str, start: int, end: int) -> bool:
    """Whether ``body[start:end]`` is a short line of its own with no sentence-final stop: a headline, a caption
    or a link to another story ("Two men, youth charged in Oakland killing", "Related Articles ...")."""
    text = body[start:end]
    if not text.strip() or FINAL.search(text) or len(text.split()) > MAX_LINE_WORDS:
        return False
    before, after = body[:start].rstrip(" \t"), body[end:].lstrip(" \t")
    following = after.lstrip()
    if following[:1].islower() or following[:1].isdigit():
        return False  # a sentence wrapped at the line's end goes on: "... near the 200\nblock of Main Street"
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


def told_in_other_lines(events: Sequence["Event"], body: str) -> list["Event"]:
    """The events, without those told only in headline-like lines of a text (:func:`link_line`): a list of links
    to other stories, a caption, a headline repeated above the text tell no event of this article (the guidelines:
    headlines and captions that repeat the body, or name another story, are no event). Not in a text written in
    capitals (its lines break sentences: wire copy), nor a line that is the whole text (a flash), nor a text with no
    sentence at all."""
    if body.upper() == body or "\n" not in body.strip() \
            or not any(FINAL.search(line) for line in body.splitlines()):
        return list(events)  # ... nor a text of headline-like lines only (a summary: its lines are its report)
    return [e for e in events if not all(link_line(body, s.start, s.end) for s in (e.evidence, *e.mentions))]
