"""The killer's own death told with his killings, for :mod:`eventwire.events.casualties`.

News tells a murder-suicide in one sentence, the killer's death named by a reflexive pronoun after his victims:
"shot his wife and two sons before killing himself", "shot and killed his son before fatally shooting himself",
"the gunman killed three people and then himself", "shot her son, then herself, in a murder-suicide". The
reflexive is the killer, who is never one of his victims, so he is one dead more than those he killed (as the
incident's toll counts him: "before turning the gun on himself" is the same convention,
:func:`turned_on_self`). The pronoun reading of ``casualties`` took "himself" for a stand-in for the
victims ("he was killed": one person, used only when no one else is counted), so it was dropped beside them.

A reflexive is the killer's death when it is the object of a killing verb ("killing himself", "fatally shooting
himself", "shot himself to death"), or the gapped object after "then" of the sentence's killing verb ("killed three
people and then himself"); or of a shooting verb in a sentence that names a murder-suicide ("shot her son, then
herself, in a murder-suicide": the suicide of a murder-suicide is a death).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .casualty_verbs import cue, fatally, shot_dead

if TYPE_CHECKING:  # pragma: no cover
    from .casualty_numbers import CasualtyWords

__all__ = ["GAPPED", "REFLEXIVES", "killer_deaths", "murder_suicide", "turned_on_self"]

REFLEXIVES = frozenset({"himself", "herself"})
GAPPED = frozenset({"conj", "npadvmod"})  # "killed three people and then himself", "shot her son, then herself"
GUNS = frozenset({"gun", "weapon", "firearm", "rifle", "shotgun", "handgun", "pistol", "revolver"})


def murder_suicide(sent) -> bool:
    """Does the sentence name a murder-suicide (a killing whose killer then killed himself)?"""
    words = [t.lower_ for t in sent]
    return any(w == "murder" and words[k + 1:k + 3] in (["-", "suicide"], ["suicide"]) or w == "murder-suicide"
               for k, w in enumerate(words))


def turned_on_self(token) -> bool:
    """"(before) turning the gun on himself": the news convention for a shooter's suicide."""
    prep = token.head
    return token.lower_ in REFLEXIVES and token.dep_ == "pobj" and prep.lower_ == "on" \
        and prep.head.lemma_.lower() == "turn" \
        and any(c.dep_ == "dobj" and c.lemma_.lower() in GUNS for c in prep.head.children)


def _killing(verb, lex: "CasualtyWords", *, suicide_named: bool) -> bool:
    """A verb whose object died: a killing verb ("kill", "murder"), a shooting that tells the death ("fatally
    shot", "shot to death"), or any shooting when the sentence names a murder-suicide."""
    if cue(verb, lex, ("verb",)) == "dead" and verb.lemma_.lower() not in ("die", "perish", "succumb"):
        return True
    return verb.lemma_.lower() == "shoot" and (fatally(verb) or shot_dead(verb, lex) or suicide_named)


def _own_verb(token):
    """The verb whose victim the reflexive ``token`` is: its verb as object, or the verb it is the gapped object
    of after "then"; else None."""
    if token.dep_ == "dobj" and token.head.pos_ == "VERB" and not any(c.dep_ == "conj" for c in token.children):
        return token.head  # (not "killing himself and four others": a list counted as such)
    if token.dep_ in GAPPED and token.head.pos_ == "VERB" and any(
            c.lower_ == "then" for c in (*token.children, *token.head.children)) \
            and any(c.dep_ == "dobj" for c in token.head.children):
        return token.head
    return None


def killer_deaths(sent, lex: "CasualtyWords", *, in_scope: Callable[[object], bool],
                  suicide_named: bool) -> list:
    """The reflexives of ``sent`` that name a killer's own death beside his victims (tokens, in order);
    ``in_scope`` tells whether a token belongs to the event being counted; ``suicide_named``: the sentence
    names a murder-suicide."""
    out = []
    for token in sent:
        if token.lower_ not in REFLEXIVES:
            continue
        if turned_on_self(token):  # counted by casualties where in its clause; here when told in a gerund
            if not in_scope(token) and _linked(token.head.head, in_scope):  # ("before turning the gun on himself")
                out.append(token)
            continue
        verb = _own_verb(token)
        if verb is None or not _killing(verb, lex, suicide_named=suicide_named) \
                or not (token.dep_ in GAPPED or _step(verb, lex, suicide_named=suicide_named)) \
                or not (in_scope(token) or _linked(verb, in_scope)):
            continue
        out.append(token)
    return out


def _step(verb, lex: "CasualtyWords", *, suicide_named: bool) -> bool:
    """Whether the clause of ``verb`` is told as the last step of a killing: a gerund after "before" or "after" a
    verb, or a verb coordinated with or adverbial to a killing verb ("shot his wife and then killed himself");
    not a killing only wished or threatened ("threatened to kill herself")."""
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("before", "after"):
        return verb.head.head.pos_ == "VERB"
    return verb.dep_ in ("conj", "advcl") and _killing(verb.head, lex, suicide_named=suicide_named)


def _linked(verb, in_scope: Callable[[object], bool]) -> bool:
    """Whether the clause of ``verb`` is told as a step of the counted killing: a gerund after "before" or
    "after" ("shot his wife before killing himself"), or an adverbial clause ("..., then killed himself")."""
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("before", "after"):
        return in_scope(verb.head)
    return verb.dep_ == "advcl" and in_scope(verb)
