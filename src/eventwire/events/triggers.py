"""Extract stage, part 1: find event triggers in parsed sentences and code their type and mode.

A *trigger* is a word the lexicon (``data/triggers.tsv``) knows, whose condition holds in the parse
("send" is MOBILIZE only with troops as object; "hit" is ASSAULT only when a weapon hits). Triggers of
one type that are syntactically tied ("killed in a drone attack", "a strike that killed", "rockets
slammed") form one :class:`TriggerGroup`: one report of one event. A plural group whose modifiers or
places are coordinated ("mortar and rocket attacks", "attacks in Baghdad and on Balad base") reports
several events and is split into one group per weapon family or per place.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Sequence

from ..knowledge.lexicon import Lexicon, TriggerRule
from .accidents import ACCIDENT_WORDS, inquiry_into_accident
from .backrefs import anaphor_subject
from .directives import directive, directs, finite, plain_help
from .evaluations import evaluates
from .unreported import habitual, named_request, tip_line

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

# Dependency relations that tie two triggers of one type into one report of one event.
LINK_DEPS = {"nsubj", "nsubjpass", "dobj", "relcl", "acl", "compound", "pobj", "attr", "appos"}
LINK_PREPS = {"in", "by", "during", "with", "from", "of", "after", "into"}
MODIFIER_DEPS = {"compound", "amod", "nmod"}
OBJECT_DEPS = {"dobj", "attr", "oprd", "nsubjpass"}
OBJECT_PREPS = {"of", "into", "on", "at", "against"}
DEFINITE = {"the", "this", "that", "these", "those"}
INCIDENT_NOUNS = {"action", "incident", "operation", "event", "episode", "raid", "ambush", "explosion", "blast"}
KILLING_NOUNS = {"killing", "murder", "assassination", "massacre", "slaying", "execution", "death"}
NEWS_NOUNS = {"development", "case", "matter", "news", "report"}  # "in another development, ..."
NOVEL = {"new", "another", "fresh", "second", "third", "further", "more", "renewed", "latest", "other"}
# Most specific first: the mode of an attack that names several instruments.
MODE_ORDER = ("suicide", "drone", "chemical", "aerial", "grenade", "explosives", "heavy-weapons", "firearms",
              "beat")
CASUALTY_VERBS = {"kill", "wound", "injure", "die", "hurt", "maim"}  # "3 were killed and 5 wounded": one event
QUOTES = {'"', "“", "”", "''", "``"}
NAME_ENTITIES = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "LAW"}  # names whose words are no triggers (cased text only)


@dataclass(frozen=True)
class TriggerGroup:
    """One report of one event inside one sentence."""

    sent_start: int  # token index of the sentence start
    head: int  # token index of the highest trigger of the group
    tokens: tuple[int, ...]  # trigger token indices, in text order
    rule: TriggerRule  # the most confident rule of the group
    mode: str | None
    family: str | None  # weapon family (mortar, rocket, drone, ...), finer than mode
    definite: bool  # "the strike", "Soleimani's killing": refers back to a known event
    novel: bool  # "a new strike", "more attacks": explicitly another event
    place_span: tuple[int, int] | None = None  # token range restricting places after a split


def find_groups(sent: "Span", lex: Lexicon, *, candidates: Sequence[int] | None = None,
                quotes: Sequence[int] | None = None) -> list[TriggerGroup]:
    """Trigger groups of one sentence, in text order, already split where coordination says so.

    ``candidates``: the document's token indices whose lemma or lower-case form the lexicon lists, in text
    order, and ``quotes``: those of its quotation marks (:data:`QUOTES`); when given, only those tokens are
    read (the same groups, found faster)."""
    quoted = _quoted_tokens(sent) if quotes is None else _quoted_between(sent, quotes)
    hits = {}
    doc = sent.doc
    tokens = sent if candidates is None else (doc[i] for i in _within(candidates, sent.start, sent.end))
    for token in tokens:
        rule = match_token(token, lex, quoted=quoted)
        if rule is not None:
            hits[token.i] = rule
    groups = []
    for members in _link(sent, hits):
        groups.extend(_split(_make_group(sent, members, hits, lex), sent, lex))
    return sorted(groups, key=lambda g: g.tokens[0])


_BROKEN_LEMMA = re.compile(r"(.*([bdgmnprt]))\2e")  # "machinegunne": spaCy's lemma of "machinegunned"


def trigger_rules(lemma: str, lower: str, lex: Lexicon) -> tuple:
    """The lexicon rules of a word by its lemma (lower case), its lower-case form, or its lemma repaired where
    the lemmatiser, not knowing the verb, kept a doubled consonant ("machinegunned" -> "machinegunne" ->
    "machinegun")."""
    rules = lex.triggers.get(lemma) or lex.triggers.get(lower)
    if not rules and (broken := _BROKEN_LEMMA.fullmatch(lemma)):
        rules = lex.triggers.get(broken.group(1))
    return rules or ()


def match_token(token: "Token", lex: Lexicon, *, quoted: frozenset[int] = frozenset()) -> TriggerRule | None:
    """The first lexicon rule for ``token`` whose part of speech and condition hold, else None."""
    rules = trigger_rules(token.lemma_.lower(), token.lower_, lex)
    if not rules:
        return None  # most words: no need to read their parse
    pos = "V" if token.pos_ == "VERB" else "N" if token.pos_ in ("NOUN", "PROPN") else None
    if pos is None or token.ent_type_ in ("DATE", "TIME") or (token.dep_ == "amod" and token.tag_ == "VBN"):
        return None  # "March" the month; "the detained leaders" describes a state, it reports no event
    if incorporated(token):
        return None  # "life-threatening injuries": the word and what it acts on describe how bad, not an act
    if token.pos_ == "PROPN" and token.ent_type_ in NAME_ENTITIES and not token.is_upper:
        return None  # a word of a name reports nothing: "the Florida Highway Patrol", "Gerome Battle"
    for rule in rules:
        if rule.pos in ("*", pos) and condition_holds(token, rule.condition, lex, quoted=quoted):
            if HABITS and (habitual(token) or rule.type == "REQUEST" and (tip_line(token) or named_request(token))):
                return None  # a habit or a series is no one occurrence ("police routinely detain protesters"), nor is
                # a tip line ("Anyone with information is asked to call") or a request named ("reacting to his calls")
            if rule.type == "ASSAULT" and (accidental(token) or self_inflicted(token)):
                return None  # an accident is no PLOVER event: "an accidental shooting", "was shot accidentally";
                # nor is a suicide or a wound one gives oneself: "he shot himself"
            if rule.type == "ACCUSE" and token.lemma_.lower() in INQUIRY and (
                    _into_accident(token, lex) or inquiry_into_accident(token)):
                return None  # investigating an accident is no accusation: "investigated a hit-and-run crash"
            return rule if rule.type != "-" else None  # a stop row: this use of the word is no event
    return None


HABITS = True  # habits, series, tip lines, requests named as things are no event (.unreported); off only to measure
REFLEXIVE = frozenset("himself herself themselves itself myself yourself ourselves oneself".split())


def self_inflicted(token: "Token") -> bool:
    """A violent verb whose only object is its doer ("he shot himself in the face", "killed herself"): a suicide
    or an accident, no event of the guidelines; not "shot his wife and then himself", "killing himself and 4
    others"."""
    if token.pos_ != "VERB" or any(c.dep_ == "prt" for c in token.children):
        return False  # "the bomber blew himself up" at a checkpoint is an attack
    found = [c for c in token.children if c.dep_ == "dobj"]
    return bool(found) and all(o.lower_ in REFLEXIVE and not any(c.dep_ == "conj" for c in o.children)
                               for o in found)


def incorporated(token: "Token") -> bool:
    """A participle that has taken what it acts on into one modifier ("life-threatening injuries", "injuries
    that were not life threatening"): it tells how grave something is, it reports no act."""
    return token.tag_ == "VBG" and token.dep_ in ("amod", "acomp") and any(
        c.i < token.i and c.dep_ in ("npadvmod", "amod", "compound", "dobj") and c.pos_ in ("NOUN", "ADJ")
        for c in token.children)


INQUIRY = frozenset("investigate investigation inquiry probe".split())


def _into_accident(token: "Token", lex: Lexicon) -> bool:
    """Whether what is investigated (its object, its into/as phrase) is an accident or a hazard: "investigated a
    crash", "is being investigated as an accidental shooting"."""
    found = objects(token) + [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("into", "as")
                              for g in c.children if g.dep_ == "pobj"]
    return any(t.lemma_.lower() in lex.hazards or t.lower_ in lex.hazards or accidental(t) for t in found)


ACCIDENTAL = ACCIDENT_WORDS | {"negligent"}  # an act's own modifier: "a negligent discharge" (not a sentence's:
# "charged with negligent homicide" beside an investigation still accuses)


def accidental(token: "Token") -> bool:
    """Whether the act is said to be an accident: a modifier of the trigger ("an accidental shooting", "shot
    himself accidentally", "an accident shooting") or, for a subject, the predicate of its copula ("the shooting
    was accidental")."""
    if any(c.dep_ in ("amod", "advmod", "compound", "npadvmod") and c.lemma_.lower() in ACCIDENTAL
           for c in token.children):
        return True
    head = token.head
    return token.dep_ == "nsubj" and head.lemma_ == "be" and any(
        c.dep_ in ("acomp", "attr") and c.lemma_.lower() in ACCIDENTAL for c in head.children)


def condition_holds(token: "Token", condition: str | None, lex: Lexicon, *,
                    quoted: frozenset[int] = frozenset()) -> bool:
    if condition is None:
        return True
    if "&" in condition:  # "obj=himself&prt=in": every part holds
        return all(condition_holds(token, part, lex, quoted=quoted) for part in condition.split("&"))
    if condition.startswith("!"):  # "!passive": the condition does not hold
        return not condition_holds(token, condition[1:], lex, quoted=quoted)
    name, _, arg = condition.partition("=")
    words = set(arg.split("|")) if arg else set()
    if name == "obj":
        return any(t.lemma_.lower() in words for t in objects(token))
    if name == "objmod":  # "set free three journalists", "let the prisoners free"
        return any(c.lemma_.lower() in words for o in objects(token) for c in o.children if c.dep_ in MODIFIER_DEPS) \
            or any(c.dep_ in COMPLEMENT_DEPS and c.lemma_.lower() in words for c in token.children)
    if name == "military":  # "troops seized the oil fields", not "police seized a boat"
        return any(_armed_force(s) for s in subjects(token) + agents(token))
    if name == "subj":  # "a bullet hit him", "he was hit by a bullet"
        return any(is_weapon(s, lex) for s in subjects(token) + agents(token))
    if name == "human":
        return not any(is_weapon(s, lex) for s in subjects(token))
    if name == "prep":
        return any(c.dep_ == "prep" and c.lower_ in words for c in token.children)
    if name == "prt":
        return any(c.dep_ == "prt" and c.lower_ in words for c in token.children)
    if name == "mod":
        return any(c.dep_ in MODIFIER_DEPS and c.lemma_.lower() in words for c in token.children)
    if name == "poss":
        return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in token.children)
    if name == "plural":
        return token.tag_ in ("NNS", "NNPS")
    if name == "oprd" and token.dep_ == "acl":
        return False  # a participle with a complement names or describes its noun: "a group called the Sea Org"
    if name == "subject":  # "we thank the officers", "would like to thank you"; not the formula "thank you"
        return bool(subjects(token)) or (token.dep_ == "xcomp" and bool(subjects(token.head)))
    if name == "xcompof":  # "was forced to resign": the open complement of a verb a or b
        return token.dep_ == "xcomp" and token.head.lemma_.lower() in words
    if name == "pobjof":  # "remains under investigation": the object of the preposition a or b
        return token.dep_ == "pobj" and token.head.lower_ in words
    if name in ("xcomp", "oprd", "ccomp", "dobj", "npadvmod", "advmod"):  # "fired three times", "fired once"
        return any(c.dep_ == name and (not words or c.lemma_.lower() in words) for c in token.children)
    if name == "dynamic":
        return token.dep_ != "acl" and not (
            any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in token.children))
    if name == "recipient":  # "gave $2m to Nigeria", "provided the army with aircraft"
        if any(c.dep_ == "nsubjpass" for c in token.children):  # "a sarcophagus was returned to Egypt"
            return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and _is_party(g)
                                                                     for g in c.children) for c in token.children)
        return any(c.dep_ in ("dative", "dobj") for c in token.children) and any(
            c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in ("to", "with")) for c in token.children)
    if name == "possof":  # "the release of a French citizen"
        return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in token.children)
    if name == "obligation":  # "said that Libya must hand over ...": the speaker requests
        return any(c.dep_ == "ccomp" and directive(c) for c in token.children)
    if name == "nonfinite":  # "wants to support it", "bent on defending jobs": an aim or a topic, not a reported act
        return not finite(token) and (token.tag_ == "VBG" or token.dep_ == "xcomp")
    if name == "finite":  # "he asked whether ...", not "asked if he would stand, he replied"
        return finite(token)
    if name == "directs":  # "told councils to find sites", "wanted the army to withdraw"
        return directs(token)
    if name == "party":
        return any(_is_party(s) for s in subjects(token))
    if name == "says":  # "said the plan was irresponsible", "called the decision a disgrace", "described it as
        # reckless": a judgement (judgements.tsv) in the reported clause, the predicate complement or the as-phrase
        judged = words or lex.judgements
        told = [c for c in token.children if c.dep_ in ("ccomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as")]
        told += [g for o in objects(token) for g in o.children if g.dep_ == "prep" and g.lower_ == "as"]
        return any(t.lemma_.lower() in judged or t.lower_ in judged for c in told for t in c.subtree)
    if name == "told":  # a detail of an event told before ("officers found his body"): see backrefs.anaphoric
        return True
    if name == "anaphor":  # "it happened at 2:05 a.m.", "the victims were identified as": a past report whose
        return anaphor_subject(token, words)  # subject refers back to an event or its victims
    if name == "aboutparty":  # "he claimed the security services were involved": what a person or a party asserts
        # of a named party (not what a book or a report claims)
        return any(s.lower_ in SPEAKER_PRONOUNS or s.pos_ == "PROPN" or _names_party(s)
                   or (s.pos_ == "NOUN" and s.lemma_.lower() not in TEXTS) for s in subjects(token)) and any(
            c.dep_ == "ccomp" and any(s.dep_ in ("nsubj", "nsubjpass") and _names_party(s) for s in c.children)
            for c in token.children)
    if name == "nocompound":  # "a homicide occurred", not "homicide detectives"
        return token.dep_ != "compound"
    if name == "subjof":  # "shots rang out", "a bullet came through the wall"
        return token.dep_ == "nsubj" and token.head.lemma_.lower() in words
    if name == "inpart":  # "was hit in the leg"
        return any(c.dep_ == "prep" and c.lower_ == "in" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in words for g in c.children) for c in token.children)
    if name == "passive":  # "they were charged under the act"
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    if name == "appeal":  # "anyone with information should contact police": a request to the public
        return any(s.lemma_.lower() in APPEALED for s in subjects(token)) and any(
            c.dep_ == "aux" and c.lower_ in APPEAL_MODALS for c in token.children)
    if name == "helpcall":  # "the driver called for help": a call to the emergency services, no appeal of an actor
        return not any(_is_party(s) for s in subjects(token)) and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(plain_help(g) for g in c.children) for c in token.children)
    if name == "gov":
        governor = token.head.head if token.dep_ == "pobj" else token.head
        return token.dep_ in ("dobj", "pobj", "nsubjpass", "attr") and governor.lemma_.lower() in words
    if name == "defsubj":  # "the investigation is ongoing", "police's investigation revealed"
        return token.dep_ in ("nsubj", "nsubjpass") and token.tag_ == "NN" and any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in token.children)
    if name == "ctx":
        return any(t.lemma_.lower() in words for t in token.sent)
    if name == "quote":
        return token.i in quoted and token.dep_ in ("nsubj", "ROOT")
    if name == "cause":
        return any(c.lemma_.lower() in lex.hazards or c.lower_ in lex.hazards
                   for c in causes(token) + cause_clauses(token))
    return name == "evaluates" and evaluates(token, judgements=lex.judgements, party=_names_party)  # evaluations.py


APPEALED, APPEAL_MODALS = frozenset("anyone anybody whoever".split()), frozenset("should must can could may".split())
WHEN_MARKS = {"when", "as"}


def cause_clauses(token: "Token") -> list["Token"]:
    """The verbs of the clauses that tell how it came about: a when/as clause ("were killed when the hotel
    collapsed") and, for a participle that completes a clause, that clause's verb ("it disintegrated during
    re-entry, killing all seven"). An accident verb there (hazards.tsv: collapse, crash, capsize...) makes the
    deaths an accident's, unless the verb has a named doer, which :func:`causes` finds first."""
    found = [c for c in token.children if c.dep_ == "advcl"
             and any(m.dep_ in ("mark", "advmod") and m.lower_ in WHEN_MARKS for m in c.children)]
    if token.dep_ in ("advcl", "conj", "xcomp", "pcomp") and token.head.i != token.i:
        head = token.head.head if token.head.pos_ == "ADP" else token.head  # "... during re-entry, killing"
        if head.pos_ == "VERB":
            found.append(head)
    return found


CAUSE_PREPS = {"in", "by", "during", "from", "after"}


def causes(token: "Token") -> list["Token"]:
    """What a verb says did it: its subjects; else its passive agent ("killed by a landslide"); else its
    in/during/from/after phrase ("killed in a landslide"); and for a participle that completes a clause
    ("struck Peru, killing 40"), that clause's subject. A named doer wins over a circumstance ("rebels killed
    two soldiers during the storm")."""
    found = subjects(token)
    if not found:
        preps = [c for c in token.children if c.dep_ in ("agent", "prep") and c.lower_ in CAUSE_PREPS]
        agents = [g for c in preps if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        found = agents or [g for c in preps for g in c.children if g.dep_ == "pobj"]
    if not found and token.dep_ in ("advcl", "conj", "xcomp") and token.head.i != token.i:
        found = subjects(token.head)
    return found


def objects(token: "Token") -> list["Token"]:
    """Direct objects of ``token`` (and the objects of its object-like prepositions), with their heads'
    "of" complements and compounds ("thousands of troops", "thousands more troops"). The subject the parser gives
    a to-infinitive complement of the verb counts as its object ("declared a state of emergency to take effect at
    midnight", parsed as "declared [a state ... to take effect]"): what the verb acts on, told with when or why."""
    found = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    found += [g for c in token.children if c.dep_ == "ccomp" and _to_infinitive(c)
              for g in c.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN")]
    found += [g for c in token.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS
              for g in c.children if g.dep_ == "pobj"]
    more = []
    for obj in found:
        more += [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"]
        more += [c for c in obj.children if c.dep_ in ("compound", "conj")]
    return found + more


def _to_infinitive(token: "Token") -> bool:
    return token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _armed_force(token: "Token") -> bool:
    """An armed force (:data:`MILITARY`) by its head noun or a compound of it ("Royal Marines", "rebel fighters",
    "government troops"; a plural name keeps its "s" as its lemma: "Marines"), not the police."""
    return bool({token.lemma_.lower(), token.lower_.removesuffix("s")} & MILITARY) or (token.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.lemma_.lower() in MILITARY for c in token.children))


def agents(token: "Token") -> list["Token"]:
    """The doers of a passive verb: its "by" phrase ("was hit by a bullet")."""
    return [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def subjects(token: "Token") -> list["Token"]:
    """Subjects of ``token``; the antecedent stands in for a relative pronoun."""
    subs = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
    if token.dep_ == "relcl" and any(s.lower_ in ("that", "which") for s in subs):
        subs = [token.head]
    return subs


def is_weapon(token: "Token", lex: Lexicon) -> bool:
    """A weapon or attack word (which can 'hit' or 'slam' but is not an actor)."""
    lemma = token.lemma_.lower()
    if lemma in lex.weapons or token.lower_ in lex.weapons:
        return True
    return any(r.type == "ASSAULT" and r.pos in ("N", "*") for r in lex.triggers.get(lemma, ()))


ARMED_BODIES = {"military", "army", "troop", "force", "soldier", "police", "rebel", "militant", "guerrilla", "insurgent",
                "fighter", "militia", "jet", "warplane", "navy", "marine", "gunman", "terrorist", "coalition"}
# Armed forces that take places by force (the ``military`` condition): not the police, a gunman, an aircraft.
MILITARY = frozenset("military army troop force soldier rebel militant guerrilla insurgent fighter militia navy marine "
                     "commando paratrooper jihadist".split())
COMPLEMENT_DEPS = {"acomp", "oprd", "advmod", "prt", "xcomp"}  # "let them free", "set them free"


SPEAKER_PRONOUNS = frozenset("i we he she they".split())
TEXTS = frozenset("book report study article paper document survey poll letter memo film review analysis "
                  "investigation inquiry website story".split())  # what claims without being a claimant
GOVERNING = frozenset("government administration ministry regime authorities cabinet council party opposition "
                      "department".split())  # a party named by what it is ("the government", "the regime")


def _names_party(token: "Token") -> bool:
    """A noun phrase that is or belongs to a named party, a governing body or an armed body ("the tories", "the
    government", "the security services", "the Bush administration"), not a pronoun."""
    return token.pos_ != "PRON" and (_is_party(token) or token.lemma_.lower() in GOVERNING or any(
        c.dep_ in ("compound", "poss", "amod") and _is_party(c) for c in token.children))


def _is_party(token: "Token") -> bool:
    """A named party (country, group, person) or an armed body: who can hit or strike someone."""
    return token.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or token.lemma_.lower() in ARMED_BODIES


def _quoted_tokens(sent: "Span") -> frozenset[int]:
    inside, found = False, set()
    for token in sent:
        if token.text in QUOTES:
            inside = not inside
        elif inside:
            found.add(token.i)
    return frozenset(found) if not inside else frozenset()


def _within(indices: Sequence[int], start: int, end: int) -> Sequence[int]:
    """The part of the sorted ``indices`` in ``[start, end)``."""
    return indices[bisect_left(indices, start):bisect_left(indices, end)]


def _quoted_between(sent: "Span", quotes: Sequence[int]) -> frozenset[int]:
    """:func:`_quoted_tokens` from the indices of the document's quotation marks."""
    marks = _within(quotes, sent.start, sent.end)
    if len(marks) % 2:
        return frozenset()  # an unclosed quotation: nothing counts as quoted
    return frozenset(i for a, b in zip(marks[::2], marks[1::2]) for i in range(a + 1, b))


def _link(sent: "Span", hits: dict[int, TriggerRule]) -> list[list[int]]:
    """Union triggers of one type that are tied by a dependency path of at most two steps."""
    parent = {i: i for i in hits}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    doc = sent.doc
    for i, rule in hits.items():
        token = doc[i]
        participle = token.dep_ in ("advcl", "xcomp", "conj") and token.tag_ == "VBG"  # "attacked ..., killing 3"
        toll = token.dep_ == "conj" and {token.lemma_.lower(), token.head.lemma_.lower()} & CASUALTY_VERBS
        if (token.dep_ not in LINK_DEPS and not participle and not toll) or token.head.i == token.i:
            continue
        up = token.head
        if token.dep_ == "pobj" and up.dep_ in ("prep", "agent") and up.lower_ in LINK_PREPS:
            up = up.head
        other = hits.get(up.i)
        if other is not None and other.type == rule.type and up.i != i:
            parent[root(i)] = root(up.i)
    clusters: dict[int, list[int]] = {}
    for i in hits:
        clusters.setdefault(root(i), []).append(i)
    return [sorted(c) for c in clusters.values()]


def _make_group(sent: "Span", members: list[int], hits: dict[int, TriggerRule], lex: Lexicon) -> TriggerGroup:
    doc = sent.doc
    head = min(members, key=lambda i: _depth(doc[i]))
    rule = max((hits[i] for i in members), key=lambda r: r.confidence)
    mode, family = _instrument([doc[i] for i in members], rule, lex)
    nominal = [doc[i] for i in members if doc[i].pos_ in ("NOUN", "PROPN")]
    named = _incidents_named([doc[i] for i in members], lex)
    definite = any(c.dep_ == "poss" or c.lower_ in DEFINITE for t in nominal for c in t.children
                   if c.dep_ in ("det", "poss")) or _known_incident(named)
    novel = any(c.lower_ in NOVEL for t in nominal for c in t.children if c.dep_ in ("amod", "det")) \
        or _another_incident(named) or (_another_development(doc[head]) and (not definite or _counted(nominal)))
    return TriggerGroup(sent.start, head, tuple(members), rule, mode, family, definite, novel)


def _incidents_named(members: list, lex: Lexicon) -> list:
    """(preposition, noun) for the incident or weapon nouns in "by/in/during" phrases of the group's verbs:
    "killed by the bomb", "in the terrorist action", "in another incident"."""
    return [(prep, obj) for verb in members if verb.pos_ == "VERB" for prep in verb.children
            if prep.dep_ in ("agent", "prep") and prep.lower_ in ("by", "in", "during")
            for obj in prep.children
            if obj.dep_ == "pobj" and (obj.lemma_.lower() in INCIDENT_NOUNS or is_weapon(obj, lex))]


def _known_incident(named: list) -> bool:
    """"A man was killed by the bomb", "died in the blast", "in the terrorist action, four pedestrians were
    killed": the weapon or the incident is one the story already named."""
    return any(d.dep_ == "det" and d.lower_ in DEFINITE for _prep, obj in named for d in obj.children)


def _another_incident(named: list) -> bool:
    """"In another incident, a policeman was shot to death": a new event, not the one told before."""
    return any(prep.dep_ == "prep" and prep.lower_ != "by" and c.dep_ in ("det", "amod")
               and c.lower_ in NOVEL | {"separate"} for prep, obj in named for c in obj.children)


def _counted(nominal: list) -> bool:
    """"The death of nine peasants": a report that counts its victims tells something new, not "the killing
    of the mayor" told before."""
    return any(g.dep_ == "nummod" for t in nominal for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children for g in o.children)


def _another_development(head: "Token") -> bool:
    """"In another development, the council condemned the death of nine peasants": a clause above the report
    opens a new item of news, so what it reports is not the event told before."""
    for verb in [head, *head.ancestors]:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i < head.i and any(
                    obj.dep_ == "pobj" and obj.lemma_.lower() in INCIDENT_NOUNS | NEWS_NOUNS
                    and any(c.dep_ in ("det", "amod") and c.lower_ in NOVEL | {"separate"} for c in obj.children)
                    for obj in prep.children):
                return True
    return False


def sums_up(head: "Token") -> bool:
    """Is the event noun a definite plural with no count ("these attacks", "the killings") or a killing of such
    a plural of people ("the murder of the PDC leaders")? In a story of several events it sums them up."""
    def bare_plural(noun: "Token", dets: set[str]) -> bool:
        return noun.pos_ == "NOUN" and "Plur" in noun.morph.get("Number") \
            and any(c.dep_ == "det" and c.lower_ in dets for c in noun.children) \
            and not any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in noun.children)
    if head.pos_ != "NOUN":
        return False
    killing = head.lemma_.lower() in KILLING_NOUNS
    if bare_plural(head, {"these", "those"} | ({"the"} if killing else set())):
        return True
    return killing and any(bare_plural(o, {"the", "these", "those"}) for p in head.children
                           if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj")


BACKGROUND_PREPS = {"after", "following", "since", "amid", "during", "before", "over", "despite", "in", "for",
                    "of", "against", "with", "from"}


def salience(token: "Token") -> float:
    """How much the sentence is *about* this trigger: 1.0 in the main clause, less in relative clauses,
    participial modifiers and background phrases ("freed X following his arrest")."""
    factor = 1.0
    while token.head.i != token.i:
        if token.dep_ in ("relcl", "acl"):
            factor *= 0.75
        elif token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS:
            factor *= 0.8
        elif token.dep_ in ("advcl", "npadvmod"):
            factor *= 0.85
        token = token.head
    return factor


def _depth(token: "Token") -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def instrument_tokens(tokens: list["Token"]) -> list["Token"]:
    """Words near the triggers that may name the weapon: modifiers, subjects, "with"/"by" objects."""
    near = []
    for token in tokens:
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS | {"nsubj", "nsubjpass", "dobj"}:
                near.append(child)
            elif child.dep_ in ("prep", "agent") and child.lower_ in ("with", "by"):
                near += [g for g in child.children if g.dep_ == "pobj"]
    more = [g for t in near for g in t.children if g.dep_ in MODIFIER_DEPS | {"conj"}]
    return tokens + near + more


def _instrument(tokens: list["Token"], rule: TriggerRule, lex: Lexicon) -> tuple[str | None, str | None]:
    if rule.type != "ASSAULT":
        return rule.mode, None
    modes, family = [], None
    for token in instrument_tokens(tokens):
        weapon = lex.weapons.get(token.lemma_.lower()) or lex.weapons.get(token.lower_)
        if weapon is not None:
            modes.append(weapon.mode)
            family = family or weapon.family
    if rule.mode:
        modes.append(rule.mode)
    ranked = [m for m in MODE_ORDER if m in modes]
    mode = ranked[0] if ranked else (modes[0] if modes else None)
    return mode, family


def _split(group: TriggerGroup, sent: "Span", lex: Lexicon) -> list[TriggerGroup]:
    """One group per coordinated weapon family or per coordinated place of a plural trigger."""
    doc = sent.doc
    plural = [doc[i] for i in group.tokens if doc[i].tag_ in ("NNS", "NNPS")]
    if not plural:
        return [group]
    head = plural[0]
    weapons = [t for t in head.children if t.dep_ in MODIFIER_DEPS and t.lemma_.lower() in lex.weapons]
    weapons += [c for w in weapons for c in w.conjuncts]
    families = {}
    for token in weapons:
        spec = lex.weapons[token.lemma_.lower()] if token.lemma_.lower() in lex.weapons else None
        if spec is not None and spec.family and spec.family not in families:
            families[spec.family] = spec.mode
    if len(families) > 1:
        return [replace(group, family=f, mode=m) for f, m in families.items()]
    preps = [c for c in head.children if c.dep_ == "prep"]
    coordinated = [p for p in preps if any(c.dep_ == "conj" for c in p.children)]
    if coordinated:
        parts = [coordinated[0]] + [c for c in coordinated[0].children if c.dep_ == "conj"]
        spans = [(p.left_edge.i, _own_right_edge(p) + 1) for p in parts]
        return [replace(group, place_span=span) for span in spans]
    return [group]


def _own_right_edge(prep: "Token") -> int:
    """Right edge of a preposition's phrase without its coordinated siblings."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return objs[-1].right_edge.i if objs else prep.i
