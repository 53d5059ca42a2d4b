"""Parser misreadings of how people were hit, read back as the English construction they are (issue #16).

The small parser reads some passive constructions of local news as active clauses whose subject is the victim:

* a verb of finding or leaving with a predicative participle, "officers found John Smith and his brother shot to
  death", parsed as "found [that] John Smith and his brother shot (someone) to death";
* a reduced relative clause before the main verb, "four men fatally shot in Hayes Valley were inside a stolen car",
  parsed as "four men fatally shot (someone)".

Shooting is transitive: an active "shot" with a subject, no object and a word of death ("to death", "fatally") is
the passive participle of the subject's own shooting, and so is one that a verb of finding or leaving takes as its
complement with no object.
"""
from __future__ import annotations

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
    return found or death
