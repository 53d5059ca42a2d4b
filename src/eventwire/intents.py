"""Extract stage, part 4: statements about future acts are events of their own (PLOVER's verbal types).

"Portugal will support Turkey", "Syria is willing to withdraw its troops", "Nigeria will withdraw its
force unless ...": the act has not happened (its mention keeps factuality ``future``), but the statement
has, and event coders code it: an announced cooperative act is an AGREE (an expressed intent to cooperate),
an announced conflictual act a THREATEN. "X said Y must stop ...": X *requests* of Y (REQUEST).

Derived mentions keep the evidence of the mention they come from, are ``asserted`` (the statement was
made) and less confident than a directly reported event.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from .lexicon import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from .extract import Mention
    from .models import Actor

STATEMENT_TYPES = {"AGREE", "THREATEN", "REQUEST", "ACCUSE", "REJECT"}
OBLIGATION = {"must", "should"}
DECLARING = {"say", "tell", "declare", "conclude", "insist", "state", "announce", "warn", "add", "demand",
             "remind", "reminder", "urge", "write"}
CONFIDENCE = 0.6


def derived_mentions(doc: "Doc", mentions: list["Mention"], lex: Lexicon,
                     resolve: Callable[["Token"], tuple["Actor", ...]]) -> list["Mention"]:
    """The statement events implied by future and obligatory acts, numbered after ``mentions``."""
    derived: list["Mention"] = []
    for m in mentions:
        new = _intent(m, lex) or _obligation(doc, m, resolve)
        if new is not None:
            derived.append(replace(new, index=len(mentions) + len(derived)))
    return derived


def _intent(m: "Mention", lex: Lexicon) -> "Mention | None":
    if m.factuality != "future" or m.type in STATEMENT_TYPES or not m.actors:
        return None
    cooperative = lex.coding(m.type, None).quad_class.endswith("cooperation")
    return replace(m, type="AGREE" if cooperative else "THREATEN", mode=None, family=None,
                   factuality="asserted", confidence=round(m.confidence * CONFIDENCE, 3), fatalities=None,
                   injured=None, definite=False, novel=False)


def _obligation(doc: "Doc", m: "Mention", resolve) -> "Mention | None":
    """"X said Y must ...": a request by X of Y."""
    if m.type in STATEMENT_TYPES:
        return None
    verb = doc[m.head]
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in verb.children):
        return None
    if any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children):
        return None  # "should have been killed" is a counterfactual, not a request
    speech = verb.head
    if verb.dep_ != "ccomp" or speech.lemma_.lower() not in DECLARING:
        return None
    speakers = [c for c in speech.children if c.dep_ == "nsubj"]
    requesters = resolve(speakers[0]) if speakers else ()
    if not requesters:
        return None
    return replace(m, type="REQUEST", mode=None, family=None, factuality="asserted", actors=requesters,
                   recipients=m.actors, confidence=round(m.confidence * CONFIDENCE, 3), fatalities=None,
                   injured=None, definite=False, novel=False, places=(), generic_site=None)
