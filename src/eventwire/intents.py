"""Extract stage, part 4: statements about future acts are events of their own (PLOVER's verbal types).

"Portugal will support Turkey", "Syria is willing to withdraw its troops", "Nigeria will withdraw its
force unless ...": the act has not happened (its mention keeps factuality ``future``), but the statement
has, and event coders code it: an announced cooperative act is an AGREE (an expressed intent to cooperate),
an announced conflictual act a THREATEN, an announced refusal to cooperate ("will not release") a REJECT.
(Obligations, "X said Y must ...", are REQUEST triggers of the lexicon: the speech verb with an
obligation clause.)

Derived mentions keep the evidence of the mention they come from, are ``asserted`` (the statement was
made) and less confident than a directly reported event.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .lexicon import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .mentions import Mention

STATEMENT_TYPES = {"AGREE", "THREATEN", "REQUEST", "ACCUSE", "REJECT"}
FUTURE = {"will", "would", "shall", "wo", "'ll"}
CONFIDENCE = 0.6


def derived_mentions(doc: "Doc", mentions: list["Mention"], lex: Lexicon) -> list["Mention"]:
    """The statement events implied by announced acts, numbered after ``mentions``."""
    derived: list["Mention"] = []
    for m in mentions:
        new = _intent(m, lex) or _refusal(doc, m, lex)
        if new is not None:
            derived.append(replace(new, index=len(mentions) + len(derived)))
    return derived


def _intent(m: "Mention", lex: Lexicon) -> "Mention | None":
    """"Portugal will support Turkey": AGREE; "Nigeria will withdraw its force unless ...": THREATEN."""
    if m.factuality != "future" or m.type in STATEMENT_TYPES or not m.actors:
        return None
    return _statement(m, "AGREE" if _cooperative(m.type, lex) else "THREATEN")


def _refusal(doc: "Doc", m: "Mention", lex: Lexicon) -> "Mention | None":
    """"Israel will not release prisoners": an announced refusal to cooperate is a REJECT."""
    if m.factuality != "negated" or m.type in STATEMENT_TYPES or not m.actors or not _cooperative(m.type, lex):
        return None
    head = doc[m.head]
    if not any(c.dep_ == "aux" and c.lower_ in FUTURE for c in head.children):
        return None
    return _statement(m, "REJECT")


def _cooperative(type_: str, lex: Lexicon) -> bool:
    return lex.coding(type_, None).quad_class.endswith("cooperation")


def _statement(m: "Mention", type_: str) -> "Mention":
    return replace(m, type=type_, mode=None, family=None, factuality="asserted",
                   confidence=round(m.confidence * CONFIDENCE, 3), fatalities=None, injured=None,
                   definite=False, novel=False)
