"""Extract stage, part of finding triggers: an investigation of what the sentence tells as an accident.

Investigating an accident is no ACCUSE (benchmarks/annotations/GUIDELINES.md, section 5), and an accidental
discharge is no PLOVER event (sections 1 and 3: "only an accidental discharge (handling, cleaning, a child playing
with a gun) is an accident"). :func:`.triggers._into_accident` reads the accident in what is investigated (its
object, its into/as phrase: "investigated a crash", "as an accidental shooting"); :func:`inquiry_into_accident`
reads it anywhere in the investigation word's sentence, where news tells it beside the investigation: "the
investigation is ongoing, but all indications are that the shooting was accidental", "is investigating an
incident where a man said his gun accidentally discharged", "the investigation continues; evidence supports a
self-inflicted wound".

(Session 16 also tried reading the accident around an ASSAULT trigger itself, "was killed when a shotgun
discharged": it removed 16 wrong candidates on the annotated tune articles and none right, but 14 more gva check
articles lost their main event, since the gva benchmark counts accidental shootings as incidents; not kept, see
docs/benchmarks.md, session 16.)
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

ACCIDENT_WORDS = frozenset("accidental accidentally unintentional unintentionally inadvertent inadvertently "
                           "accident".split())
FIREARMS = frozenset("gun handgun rifle shotgun pistol revolver firearm weapon round".split())
EXPLOSIVES = frozenset("bomb explosive device grenade mine".split())
SELF_INFLICTED = ("self-inflicted", "self inflicted")


def inquiry_into_accident(token: "Token") -> bool:
    """Whether an investigation word's sentence tells an accident: an accident word, a self-inflicted wound or a
    firearm that went off or discharged by itself; not "police are investigating the shooting of two men"."""
    text = token.sent.text.lower()
    return any(t.lemma_.lower() in ACCIDENT_WORDS for t in token.sent) or any(w in text for w in SELF_INFLICTED) \
        or any(_self_discharge(t) for t in token.sent)


def _self_discharge(verb: "Token") -> bool:
    """A firearm that went off or discharged with no one as its subject: "the gun went off", "a shotgun
    accidentally discharged", "it went off" in a sentence that names a firearm and no explosive (a bomb that went
    off is an attack)."""
    lemma = verb.lemma_.lower()
    if not (lemma == "discharge" and not any(c.dep_ == "dobj" for c in verb.children)
            or lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(s.lemma_.lower() in FIREARMS for s in subjects):
        return True
    return any(s.lower_ == "it" for s in subjects) and any(t.lemma_.lower() in FIREARMS for t in verb.sent) \
        and not any(t.lemma_.lower() in EXPLOSIVES for t in verb.sent)
