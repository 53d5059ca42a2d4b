"""Extract stage, part of finding triggers: a shot or a wound that the sentence itself tells as an accident.

An accidental discharge is no PLOVER event (benchmarks/annotations/GUIDELINES.md, section 1: "accidents ... an
accidental shooting, a child who finds a gun and shoots a sibling"; section 3: "only an accidental discharge
(handling, cleaning, a child playing with a gun) is an accident"). :func:`.triggers.accidental` reads the accident
on the trigger itself ("an accidental shooting", "shot himself accidentally", "the shooting was accidental"); this
module reads it in the constructions English tells it with around the trigger:

* the accident word on the verb the trigger is conjoined with ("was accidentally shot and killed") or on the
  copula conjoined with or completing the trigger's verb ("the shooting happened at a home and was accidental",
  "the shooting is believed to be accidental", "appeared to be an accident");
* an in-phrase that calls it an accident ("was shot in the leg in what appears to be an accident");
* a gun that went off or discharged by itself, in a when/as/while clause of the trigger ("was killed when a
  shotgun he was carrying discharged", "shot dead when a gun discharged accidentally") or as the clause the trigger
  continues ("a gun went off, fatally wounding the victim", "it went off and struck the victim in the back");
* handling, cleaning, loading or playing with a gun in such a clause ("was shot to death as he and another boy
  played with a gun").

Not an accident: a bomb that went off ("a truck bomb went off, killing 40": the subject is no firearm), a person who
discharged a weapon ("the officer discharged his weapon, striking the suspect": a deliberate shot), a gun handled
in another clause than the shot.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

ACCIDENT_WORDS = frozenset("accidental accidentally unintentional unintentionally inadvertent inadvertently "
                           "accident".split())
FIREARMS = frozenset("gun handgun rifle shotgun pistol revolver firearm weapon round".split())
HANDLING = frozenset("handle clean load reload play unload inspect show".split())
WHEN_MARKS = frozenset("when as while after".split())
LINKED = frozenset({"conj", "advcl", "xcomp"})


def told_as_accident(token: "Token") -> bool:
    """Whether the sentence tells the act of ``token`` (an ASSAULT trigger) as an accident, by one of the
    constructions of the module docstring."""
    verbs = _clause_verbs(token)
    if any(_accident_word(v) for v in verbs[1:]) or any(_accident_in_phrase(v) or _accident_copula(v) for v in verbs):
        return True
    if any(_self_discharge(v) for v in verbs[1:]):
        return True  # "a gun went off, fatally wounding the victim", "it went off and struck the victim"
    for verb in verbs:
        for clause in verb.children:
            if clause.dep_ == "advcl" and _marked(clause) and (_self_discharge(clause) or _handling(clause)):
                return True  # "was killed when a shotgun discharged", "was shot as the boys played with a gun"
    top = verbs[-1]
    if top.dep_ == "advcl" and _marked(top):  # "was playing with a gun (found by the pool) when the boy ... was shot"
        governor = top.head
        for _ in range(4):  # the when-clause may hang from a word of the handling clause (the gun's participle)
            if _self_discharge(governor) or _handling(governor):
                return True
            if governor.head.i == governor.i:
                break
            governor = governor.head
    return False


def _clause_verbs(token: "Token") -> list["Token"]:
    """The trigger, then (for a noun) the verb it is the subject or object of, then the verbs its verb continues
    (a conjunct's first conjunct, a participle's clause: "it went off, hitting", "was shot and killed"), up to a
    when/as/while clause's verb (the clause it is an adjunct of tells another act)."""
    found = [token]
    head = token
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass", "dobj") and token.head.i != token.i:
        head = token.head
        found.append(head)
    while head.dep_ in LINKED and head.head.i != head.i and head.head.pos_ in ("VERB", "AUX") \
            and not (head.dep_ == "advcl" and _marked(head)):
        head = head.head
        found.append(head)
    return found


def _marked(clause: "Token") -> bool:
    return any(m.dep_ in ("mark", "advmod") and m.lower_ in WHEN_MARKS for m in clause.children)


def _accident_word(verb: "Token") -> bool:
    return any(c.dep_ in ("advmod", "amod", "npadvmod") and c.lemma_.lower() in ACCIDENT_WORDS
               for c in verb.children)


def _accident_in_phrase(verb: "Token") -> bool:
    """"... in what appears to be an accident", "in an apparent accident"."""
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(t.lemma_.lower() == "accident" for t in c.subtree)
               for c in verb.children)


def _accident_copula(verb: "Token") -> bool:
    """"the shooting happened at a home and was accidental": a copula conjoined with the verb says so; "the
    shooting is believed to be accidental", "appeared to be an accident": so does a copula completing it."""
    return any(c.dep_ in ("conj", "xcomp") and c.lemma_ == "be" and any(
        g.dep_ in ("acomp", "attr") and g.lemma_.lower() in ACCIDENT_WORDS for g in c.children)
        for c in verb.children)


def _self_discharge(verb: "Token") -> bool:
    """A firearm that went off or discharged with no one as its subject: "the gun went off", "a shotgun
    accidentally discharged", "it went off" in a sentence that names a firearm."""
    lemma = verb.lemma_.lower()
    if not (lemma == "discharge" and not any(c.dep_ == "dobj" for c in verb.children)
            or lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(s.lemma_.lower() in FIREARMS for s in subjects):
        return True
    return any(s.lower_ == "it" for s in subjects) and any(t.lemma_.lower() in FIREARMS for t in verb.sent) \
        and not any(t.lemma_.lower() in ("bomb", "explosive", "device", "grenade", "mine") for t in verb.sent)


def _handling(verb: "Token") -> bool:
    """"played with a gun", "was cleaning a handgun", "was handling a gun": a firearm handled."""
    if verb.lemma_.lower() not in HANDLING:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
                if g.dep_ == "pobj"]
    return any(o.lemma_.lower() in FIREARMS for o in objects)


SELF_INFLICTED = ("self-inflicted", "self inflicted")


def inquiry_into_accident(token: "Token") -> bool:
    """Whether an investigation word's sentence tells what is investigated as an accident (guidelines section 5:
    "investigating an accident is no ACCUSE"): "the investigation is ongoing, but all indications are that the
    shooting was accidental", "is investigating an incident where a man said his gun accidentally discharged", "the
    investigation continues; evidence supports a self-inflicted wound"; not "police are investigating the shooting
    of two men"."""
    text = token.sent.text.lower()
    return any(t.lemma_.lower() in ACCIDENT_WORDS for t in token.sent) or any(w in text for w in SELF_INFLICTED) \
        or any(_self_discharge(t) for t in token.sent)
