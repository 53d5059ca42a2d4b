"""Extract stage, part of who did what to whom: what a pronoun among an event's phrase heads stands for.

A relative pronoun stands for its antecedent, the noun phrase just before it ("the rebels, who attacked ..."); a
pronoun inside reported speech stands for the speaker ("the Hashed claimed a strike hit their convoy"), unless the
article's own voice speaks it (a communique's "we"). Used by :mod:`.arguments` and :mod:`.implicit`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ..knowledge.words import SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

PRONOUNS = {"it", "they", "he", "she", "its", "their", "his", "her", "them", "him", "itself", "themselves"}
RELATIVE = {"that", "which", "who", "whom", "whose"}
COUNTRY_LOOKALIKES = {"US", "Us", "U.S."}  # "blaming the US": a country, not the pronoun


def antecedents(tokens: list["Token"]) -> list["Token"]:
    """Replace relative pronouns with their antecedent (the noun phrase just before the pronoun)."""
    out = []
    for token in tokens:
        if token.lower_ in RELATIVE and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
            doc, k = token.doc, token.i - 1
            while k >= 0 and doc[k].is_punct:
                k -= 1
            if k >= 0 and doc[k].pos_ in ("PROPN", "NOUN"):
                out.append(np_head(doc[k]))
            else:
                out.append(token.head.head)
        else:
            out.append(token)
    return out


def np_head(token: "Token") -> "Token":
    while token.dep_ in ("compound", "amod", "nmod", "poss", "flat") and token.head.i != token.i:
        token = token.head
    return token


def resolve_pronouns(tokens: list["Token"], pronouns: set[str],
                      voiced: Callable[["Token"], bool] = lambda token: False) -> list["Token"]:
    """A pronoun (or a phrase owned by one: "their convoy") inside reported speech stands for the speaker.

    For whom an act is done to, only group pronouns count: "Trump saying he should have been killed" is not
    about Trump, while "the Hashed claimed a strike hit their convoy" is about the Hashed."""
    out = []
    for token in tokens:
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in pronouns), None)
        pronoun = token if token.lower_ in pronouns and token.text not in COUNTRY_LOOKALIKES else owner
        if pronoun is not None and voiced(pronoun):  # "WE DEMAND ... THAT WALKER SAY": the communiqué's "we"
            pronoun = None
        antecedent = speaker(pronoun) if pronoun is not None else []
        if pronoun is not None and antecedent:
            out += antecedent if pronoun is token else [token] + antecedent
        else:
            out.append(token)
    return out


def speaker(token: "Token") -> list["Token"]:
    """The subject of the speech verb that governs ``token``'s clause, if any."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in SPEECH_VERBS:
            subjects = [c for c in ancestor.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS]
            if not subjects and ancestor.dep_ in ("pcomp", "xcomp", "advcl"):  # "X was quoted as saying"
                governor = ancestor.head.head if ancestor.dep_ == "pcomp" else ancestor.head
                subjects = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")
                            and c.lower_ not in PRONOUNS]
            if subjects:
                return subjects
    return []
