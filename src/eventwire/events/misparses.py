"""Parser misreadings of how people were hit, read back as the English construction they are (issue #16).

The small parser reads some passive constructions of local news as active clauses whose subject is the victim:

* a verb of finding or leaving with a predicative participle, "officers found John Smith and his brother shot to
  death", parsed as "found [that] John Smith and his brother shot (someone) to death";
* a reduced relative clause before the main verb, "four men fatally shot in Hayes Valley were inside a stolen car",
  parsed as "four men fatally shot (someone)"; without a word of death too, "a teenager shot on a street Friday
  ran onto the campus", parsed as "a teenager shot (someone)" with the main verb above it.

Shooting is transitive: an active "shot" with a subject, no object and a word of death ("to death", "fatally") is
the passive participle of the subject's own shooting, and so is one that a verb of finding or leaving takes as its
complement with no object, or that a later main verb takes as its complement (not a verb of saying after it: "the
officer shot in self-defense, police said" is active; nor one with a target, "shot at a car").
"""
from __future__ import annotations

from ..knowledge.words import SPEECH_VERBS

__all__ = ["subject_was_shot"]

FINDING = frozenset({"find", "discover", "leave"})  # "found X shot", "left X shot to death"
OBJECTS = frozenset({"dobj", "dative", "iobj"})


def subject_was_shot(verb, *, death: bool) -> bool:
    """Is the subject of ``verb`` (a shooting verb read as active) the one shot? ``death``: the clause tells the
    death ("to death", "fatally"), which only a passive reading can carry without an object."""
    if verb.tag_ not in ("VBD", "VBN") or any(c.dep_ in OBJECTS or c.dep_ == "auxpass" for c in verb.children):
        return False
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return False  # "he had shot at the house": an active perfect, the target in a phrase
    found = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in FINDING and verb.head.i < verb.i
    return found or death or _reduced_relative(verb)


def _reduced_relative(verb) -> bool:
    """"A teenager shot on a street Friday ran onto the campus": the parse takes the main verb for one whose
    complement the shooting is, after it; the subject's own shooting, unless the shooting aims at something ("shot
    at a car") or the later verb is one of saying ("the officer shot in self-defense, police said")."""
    if any(c.dep_ == "prep" and c.lower_ in ("at", "into", "toward", "towards") for c in verb.children):
        return False
    head = verb.head
    if verb.dep_ in ("ccomp", "csubj") and head.i > verb.i and head.pos_ in ("VERB", "AUX") \
            and head.lemma_.lower() not in SPEECH_VERBS:
        return True
    return any(c.dep_ == "advcl" and c.i > verb.i and c.tag_ in ("VBD", "VBZ", "VBP") and not any(  # or hangs the
        g.dep_ in ("nsubj", "nsubjpass", "mark") or g.dep_ == "advmod" and g.lower_ in ("when", "as", "while")
        for g in c.children) for c in verb.children)  # main verb, with no subject of its own, below the shooting
