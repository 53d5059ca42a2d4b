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

__all__ = ["OTHER_ONES", "SHOOTING_WORDS", "bare_victim", "shooting_victim", "victim_hit"]

SHOOTING_WORDS = frozenset({"shooting", "gunshot", "gunfire"})
OTHER_ONES = frozenset({"other", "others", "another"})  # "one victim ... and three others": victims too


def bare_victim(noun, lex: CasualtyWords) -> bool:
    """A victim noun and nothing more ("the victims", "one male victim"; not "murder victims")."""
    return noun.lemma_.lower() in lex.cues.get("victim_noun", ()) and cue(noun, lex, ("noun", "adj")) is None \
        and not any(c.dep_ in ("compound", "amod", "nmod") and cue(c, lex, ("noun", "adj", "verb"))
                    for c in noun.children)


def victim_hit(noun) -> bool:
    """"the victims were struck", "one victim was hit in the arm", "a victim was grazed": the passive subject of a
    verb of hitting, which tells a wound, not a death (a victim "struck and killed" is the verbs' to tell)."""
    return noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in HIT


def shooting_victim(noun) -> bool:
    """"a shooting victim", "the gunshot victims": named by the shooting they were hit in, not by a death (a
    "murder victim" or "homicide victim" stays one of the dead)."""
    return any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ in SHOOTING_WORDS for c in noun.children)
