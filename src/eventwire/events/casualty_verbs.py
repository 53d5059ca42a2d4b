"""How a verb or noun tells the fate of the people it concerns, for :mod:`eventwire.events.casualties`: the
lexicon cue of a word (dead, injured, missing), shootings that kill or wound ("shot and killed", "fatally shot",
"shot in the leg"), dying verbs, "after being shot", wounds told without a death, tolls of dead and wounded
together, killings only attempted, and the killing nouns the parse hangs apart from their victims."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .victim_groups import GUNFIRE, almost, to_death

if TYPE_CHECKING:  # pragma: no cover
    from .casualty_numbers import CasualtyWords

__all__ = ["after_being", "attempted", "cue", "dated_event_noun", "dies", "either", "fatally", "hit_by_gunfire",
           "hit_wounds", "shared_subject_dies", "shot", "shot_dead", "subjectless_killing", "the_dead", "wounds_told"]

KINDS = ("dead", "injured", "missing")
CUE_PREFIX = {"dead": "death_", "injured": "injury_", "missing": "missing_"}  # lexicon keys: "death_verb"...
DIE = frozenset({"die", "perish", "succumb"})  # "succumbed to his injuries"
SHOOT = frozenset({"shoot"})  # its victims are wounded unless the text says they died (see shot)
FATALLY = frozenset({"fatally", "mortally"})
WOUND_VERBS = frozenset({"shoot", "treat", "survive"})
HIT = frozenset({"hit", "strike", "graze"})
WOUND_NOUNS = frozenset({"hospital", "condition"})  # "taken to the hospital", "listed in critical condition"
DATE_GLUE = frozenset({"on", "in", "the", "of", "morning", "afternoon", "evening", "night", "dawn"})


def cue(token, lex: CasualtyWords, kinds: tuple[str, ...]) -> str | None:
    lemma, low = token.lemma_.lower(), token.lower_
    for kind in KINDS:
        for suffix in kinds:
            words = lex.cues.get(CUE_PREFIX[kind] + suffix, frozenset())
            if lemma in words or low in words:
                return kind
    return None


def after_being(verb, lex: CasualtyWords) -> str | None:
    """"A girl is recovering after being shot", "the baby was taken to hospital after being shot", "he is
    expected to survive after being wounded": the subject is the victim of the subjectless passive clause."""
    for clause in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
        attached = [c for c in clause.children if c.dep_ == "advcl"] + [  # "after being shot": prep -> pcomp
            g for c in clause.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"]
        for c in attached:
            if c.tag_ != "VBN" or not any(a.dep_ == "auxpass" and a.lower_ == "being" for a in c.children) \
                    or any(a.dep_ in ("nsubj", "nsubjpass") for a in c.children):
                continue
            if c.lemma_.lower() in SHOOT or hit_by_gunfire(c):
                return shot(c, lex)
            kind = cue(c, lex, ("verb",))
            if kind:
                return kind
    return None


def dated_event_noun(node, lex: CasualtyWords):
    """The killing noun of "the murder on 26 February of Mayor X", whose "of" phrase the parse hangs on
    the date between them, or of "condemn the murders ... and especially that of Senator X"; else None."""
    prep = node.head
    if node.dep_ != "pobj" or prep.lower_ != "of":
        return None
    if prep.head.lower_ in ("that", "those") and prep.head.pos_ in ("PRON", "DET"):
        before = [t for t in node.sent if t.i < prep.head.i and t.pos_ == "NOUN" and cue(t, lex, ("noun",)) == "dead"]
        return before[-1] if before else None
    if prep.head.ent_type_ not in ("DATE", "TIME"):
        return None
    k = prep.i - 1
    while k > 0 and (node.doc[k].ent_type_ in ("DATE", "TIME") or node.doc[k].lower_ in DATE_GLUE):
        k -= 1
    noun = node.doc[k]
    return noun if k < prep.i - 1 and noun.pos_ == "NOUN" and cue(noun, lex, ("noun",)) == "dead" else None


def subjectless_killing(node, lex: CasualtyWords) -> bool:
    """``..., an agronomist, identified as X, was killed``: an apposition the parse hung on an earlier noun,
    right before a passive killing verb that has no subject of its own."""
    doc, k = node.doc, node.right_edge.i + 1
    while k < len(doc) and doc[k].text in (",", "--"):
        k += 1
    if k >= len(doc) or doc[k].dep_ != "auxpass":
        return False
    verb = doc[k].head
    return cue(verb, lex, ("verb",)) == "dead" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def shared_subject_dies(verb, lex: CasualtyWords, *, passive: bool = True) -> bool:
    """A later verb coordinated with ``verb`` without a subject of its own kills its subject: "X and Y were
    abducted and killed", "X collapsed and died" (an active subject only dies by "die": in "Saad announced
    ... and killed a Colombian" Saad is no victim)."""
    return any(c.dep_ == "conj" and c.pos_ == "VERB" and cue(c, lex, ("verb",)) == "dead" and not almost(c)
               and (passive or dies(c))
               and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in verb.children)


def dies(verb) -> bool:
    """``died``, ``perished``, ``succumbed to his wounds``, ``passed away``."""
    lemma = verb.lemma_.lower()
    return lemma in DIE or lemma == "pass" and any(c.dep_ == "prt" and c.lower_ == "away" for c in verb.children)


def wounds_told(sent, lex: CasualtyWords) -> bool:
    """Does the sentence speak of wounds and of no death ("the victims were taken to hospital", "four
    victims were shot", "one victim was listed in critical condition"; not "the victim was taken to hospital, where he passed away")?"""
    if any(cue(t, lex, ("verb", "noun", "adj")) == "dead" or t.lemma_.lower() == "pass" and any(
            c.lower_ == "away" for c in t.children) for t in sent):
        return False
    return any(cue(t, lex, ("verb", "noun", "adj")) == "injured" or t.lemma_.lower() in WOUND_NOUNS
               or t.pos_ == "VERB" and t.lemma_.lower() in WOUND_VERBS for t in sent)


def hit_by_gunfire(verb) -> bool:
    """"was hit by gunfire", "struck by a bullet": shot."""
    return verb.lemma_.lower() in HIT and any(
        c.dep_ == "agent" and any(g.lemma_.lower() in GUNFIRE for g in c.children) for c in verb.children)


def hit_wounds(verb, lex: CasualtyWords) -> bool:
    """A verb of hitting that tells a wound as "shot" does: "was hit by gunfire" (:func:`hit_by_gunfire`), "was
    struck in the chest", "hit him in the leg" (a part of the body: ``body_part`` in ``data/casualty_words.tsv``),
    "fatally struck X" (dead, :func:`shot`). Not "the car hit a pole", "struck a deal"."""
    if verb.lemma_.lower() not in HIT:
        return False
    parts = lex.cues.get("body_part", frozenset())
    return hit_by_gunfire(verb) or fatally(verb) or any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and g.lemma_.lower() in parts
                                                     for g in c.children) for c in verb.children)


def fatally(verb) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in FATALLY for c in verb.children)


def shot(verb, lex: CasualtyWords) -> str:
    """The people shot: dead when "fatally shot", "shot dead", "shot and killed"; else wounded ("a man was
    shot in the leg", "shot himself"): a shooting that kills says so. ``"shot"``: wounded, as far as this
    sentence tells (:attr:`Casualties.shot`)."""
    if fatally(verb) or any(c.dep_ in ("acomp", "oprd", "xcomp") and cue(c, lex, ("adj",)) == "dead"
                             or c.dep_ == "conj" and cue(c, lex, ("verb",)) == "dead" for c in verb.children):
        return "dead"
    if any(c.dep_ == "conj" and cue(c, lex, ("verb",)) == "injured" for c in verb.children):
        return "injured"  # "shot and wounded": the sentence tells they lived
    return "shot"


def shot_dead(verb, lex: CasualtyWords) -> bool:
    """"shot and killed", "shot to death", "fatally shot": a shooting verb that tells the death."""
    return verb.lemma_.lower() in SHOOT and (to_death(verb) or shot(verb, lex) == "dead")


def the_dead(noun, lex: CasualtyWords) -> bool:
    """``the dead``, ``the victims``, ``the bodies``: a noun that names the dead themselves."""
    return cue(noun, lex, ("noun", "adj")) == "dead" or noun.lemma_.lower() in lex.cues.get("victim_noun", ())


def either(verb, lex: CasualtyWords) -> bool:
    """``20 people were killed or wounded``: a toll of dead and wounded together, neither count."""
    return any(c.dep_ == "cc" and c.lower_ == "or" for c in verb.children) and any(
        c.dep_ == "conj" and cue(c, lex, ("verb", "adj")) not in (None, "dead") for c in verb.children)


def attempted(verb, lex: CasualtyWords) -> bool:
    """``tried to kill X``, ``a plot to assassinate X``, ``threatened to kill X``: a killing aimed at, not
    done (the intention words are ``attempt`` cues in the lexicon)."""
    return verb.dep_ in ("xcomp", "acl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and verb.head.lemma_.lower() in lex.cues.get("attempt", ())
