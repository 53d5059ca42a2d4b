"""Victim nouns: what a bare "victim", a "shooting victim" or a victim that was hit tells of the victim's fate.

Split from :mod:`eventwire.events.casualties` (which counts the dead and wounded of a sentence). The news
convention: "the victims" are the dead unless the sentence tells wounds (MUC); a "shooting victim" was hit and
his fate is for the sentence to tell; a victim that "was struck" was hit, not killed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .casualty_verbs import HIT, cue

if TYPE_CHECKING:  # pragma: no cover
    from .casualty_numbers import CasualtyWords

__all__ = ["OTHER_ONES", "SHOOTING_WORDS", "bare_victim", "others_named", "perpetrator", "shooting_victim",
           "victim_hit"]

SHOOTING_WORDS = frozenset({"shooting", "gunshot", "gunfire"})
OTHER_ONES = frozenset({"other", "others", "another"})  # "one victim ... and three others": victims too


def bare_victim(noun, lex: CasualtyWords) -> bool:
    """A victim noun and nothing more ("the victims", "one male victim"; not "murder victims")."""
    return noun.lemma_.lower() in lex.cues.get("victim_noun", ()) and cue(noun, lex, ("noun", "adj")) is None \
        and not any(c.dep_ in ("compound", "amod", "nmod") and cue(c, lex, ("noun", "adj", "verb"))
                    for c in noun.children)


def victim_hit(noun) -> bool:
    """"the victims were struck", "one victim was hit in the arm", "a victim was grazed", "the gun went off,
    striking the victim in the head": the passive subject or the object of a verb of hitting, which tells a wound,
    not a death (a victim "struck and killed" is the verbs' to tell)."""
    return noun.dep_ in ("nsubjpass", "dobj") and noun.head.lemma_.lower() in HIT


def shooting_victim(noun) -> bool:
    """"a shooting victim", "the gunshot victims": named by the shooting they were hit in, not by a death (a
    "murder victim" or "homicide victim" stays one of the dead)."""
    return any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ in SHOOTING_WORDS for c in noun.children)


def others_named(group: list) -> bool:
    """"the other five victims", "two other victims", "three others": victims told apart from those the sentence
    named before them (in "X died at the scene and the other five victims were taken to hospitals" the death is
    X's, not theirs)."""
    return any(n.lower_ in OTHER_ONES or any(c.dep_ == "amod" and c.lower_ == "other" for c in n.children)
               for n in group)


def perpetrator(noun, lex: CasualtyWords) -> bool:
    """A noun that names who shot ("the shooter", "the suspect", "the gunman"; ``perpetrator_noun`` in
    ``data/casualty_words.tsv``): never a casualty by the word "victim" beside it ("the victim and the shooter knew
    each other" counts one victim)."""
    return noun.lemma_.lower() in lex.cues.get("perpetrator_noun", ())
