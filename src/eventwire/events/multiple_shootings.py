"""People hit in "a double / triple / quadruple shooting", for :mod:`eventwire.events.casualties`.

US local news names a shooting by how many people it hit: "one man is dead in a double shooting", "a quadruple
shooting that left two dead", "police are investigating a triple shooting". The multiple is the number of people
shot (as "the shooting of four people" is four hit, ``casualties._relation_kind``), so beside the dead the sentence
counts, the rest were wounded ("a double shooting" with one dead: one wounded); with no one else counted, all of
them were hit and their fate is told elsewhere if at all (wounded as far as the sentence tells,
:attr:`Casualties.shot`). A sentence that counts its wounded itself keeps its own count.
"""
from __future__ import annotations

from typing import Callable

__all__ = ["MULTIPLES", "SHOOTING_NOUNS", "people_hit", "wounded_of_hit"]

MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
SHOOTING_NOUNS = frozenset({"shooting", "shootings"})


def people_hit(sent, *, in_scope: Callable[[object], bool]) -> int | None:
    """The number of people the sentence's "double/triple/quadruple shooting" (of the event ``in_scope`` tells)
    says were hit, else None."""
    for token in sent[:-1]:  # read off the words: the parse may hang "a quadruple shooting downtown" as compounds
        noun = token.nbor(1)
        if token.lower_ in MULTIPLES and noun.lower_ in SHOOTING_NOUNS and in_scope(noun):
            return MULTIPLES[token.lower_]
    return None


def wounded_of_hit(hit: int, dead: int | None, injured: int | None) -> int | None:
    """The wounded of a shooting that hit ``hit`` people, beside the ``dead`` and ``injured`` the sentence counts
    itself: its own count of the wounded when it gives one, else those hit who did not die (None when the dead
    are as many)."""
    if injured is not None:
        return injured
    rest = hit - (dead or 0)
    return rest if rest > 0 else None
