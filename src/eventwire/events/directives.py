"""Extract stage, part of finding triggers: whether a verb's clause tells someone to act or tells an act done.

The conditions of trigger rows (data/triggers.tsv, read by :func:`.triggers.condition_holds`) that ask about the
clause's form: a must/should clause addressed to another party (:func:`directive`), a verb with an addressee and a
to-infinitive (:func:`directs`), a finite verb rather than an infinitive of aim (:func:`finite`), and help asked
of the emergency services rather than of a party (:func:`plain_help`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

OBLIGED = frozenset("must should".split())
NO_ADDRESSEE = frozenset("i we us me everyone everybody nobody".split())  # the speaker's side, all, none
FINITE_TAGS = frozenset("VBD VBZ VBP MD".split())
# Verbs of a state of mind: under must/should they say what someone ought to know or think ("the minister should
# know by now", "traffickers must understand that ..."), an epistemic or evaluative reading, not an act asked of them
MINDS = frozenset("know understand realize realise remember believe".split())  # not "think": "should think again"
INDEFINITE = frozenset({"a", "an"})  # "a shepherd should never leave his flock": anyone who is one, no party


def directive(clause: "Token") -> bool:
    """A reported clause that tells another party to act: a must/should clause ("said that Libya must hand over
    the suspects", "the EU must be ready to mediate", "military intervention must be avoided") whose verb is an
    action or a readiness, not a state of things ("2005 must be the year", "should have been attached"), whose
    passive subject is a thing to be acted on, not a person to be judged ("he should be judged by results"), and
    whose subject is neither the speaker's own side nor everyone ("we must show them", "all of us must"); an
    existential clause demands what it names ("there must be a vote"). Not a state of mind (:data:`MINDS`: "he
    should know by now", "they must understand that") nor a norm for anyone of a kind: an agent named by an
    indefinite noun phrase ("a shepherd should never leave his flock", "an organisation should monitor the
    figures") is no party addressed (a thing to be done, "a body should be set up", stays a demand)."""
    kids = list(clause.children)
    if not any(a.dep_ == "aux" and a.lower_ in OBLIGED for a in kids) or any(c.lower_ == "have" for c in kids):
        return False
    if clause.lemma_.lower() in MINDS or any(
            c.dep_ == "nsubj" and any(d.dep_ == "det" and d.lower_ in INDEFINITE for d in c.children) for c in kids):
        return False
    if clause.lemma_.lower() == "be" and not any(c.dep_ in ("acomp", "expl") for c in kids):
        return False  # ... but "there must be a vote" demands the vote
    subjects_ = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if any(s.dep_ == "nsubjpass" and (s.pos_ == "PRON" or s.ent_type_ == "PERSON") for s in subjects_):
        return False
    return bool(subjects_) and not any(
        s.lower_ in NO_ADDRESSEE or any(g.dep_ == "pobj" and g.lower_ in NO_ADDRESSEE
                                        for p in s.children for g in p.children)
        for s in subjects_)


def directs(token: "Token") -> bool:
    """Whether the verb tells someone else to act: an addressee and a to-infinitive ("told councils to find more
    sites", "were told to leave"), or a clause with its own subject and a to-infinitive ("wanted it to end")."""
    kids = list(token.children)

    def to_clause(c: "Token") -> bool:
        return any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)

    if any(c.dep_ in ("dobj", "nsubjpass") for c in kids) and any(c.dep_ == "xcomp" and to_clause(c) for c in kids):
        return True
    return any(c.dep_ == "ccomp" and to_clause(c) and any(g.dep_ == "nsubj" for g in c.children) for c in kids)


# Verbs whose to-infinitive is the act itself, decided or arranged: "voted to back", "are to back", "pledged to support".
DECIDING = frozenset("be vote decide agree resolve opt choose move pledge promise vow".split())


def finite(token: "Token") -> bool:
    """A finite verb (a tensed form or one with a tensed or modal auxiliary), or one coordinated with one or
    completing a verb of deciding (:data:`DECIDING`): an act told ("backed the plan", "have backed", "will defend
    and guarantee", "voted to back", "are to back"), not an infinitive or gerund of aim ("to support the process",
    "bent on defending the country", "no longer wants to support it")."""
    while True:
        if token.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS
                                            for c in token.children):
            return True
        if token.head.i == token.i or not (token.dep_ == "conj" or (
                token.dep_ == "xcomp" and token.head.lemma_.lower() in DECIDING)):
            return False
        token = token.head


HELP = frozenset("help assistance ambulance backup".split())  # what a caller asks the emergency services for
HELP_MODS = frozenset("medical emergency immediate urgent".split())


def plain_help(token: "Token") -> bool:
    """Help asked of the emergency services: "help", "medical help", not "international / military help" nor
    help from someone ("help from the UN"), which an actor's appeal asks for."""
    return token.dep_ == "pobj" and token.lemma_.lower() in HELP and all(
        c.lemma_.lower() in HELP_MODS for c in token.children if c.dep_ in ("amod", "compound", "prep", "nmod"))
