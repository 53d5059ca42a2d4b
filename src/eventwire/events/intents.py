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

from ..knowledge.lexicon import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .records import Mention

STATEMENT_TYPES = {"AGREE", "THREATEN", "REQUEST", "ACCUSE", "REJECT"}
FUTURE = {"will", "would", "shall", "wo", "'ll"}
POSSIBLE = {"may", "might", "could"}
CONFIDENCE = 0.6
# Plan words whose embedded act is not the speaker's own announcement: the content of a request ("urged the army
# to withdraw" is a REQUEST; the withdrawal is no statement of the army's) and an attempt ("tried to kill him"
# reports the attempt, not a threat). Guidelines of benchmarks/annotations, "Embedded events".
NOT_ANNOUNCED = frozenset("call urge demand ask order encourage incite persuade instruct exhort goad propose proposal "
                          "attempt try expected".split())


def derived_mentions(doc: "Doc", mentions: list["Mention"], lex: Lexicon) -> list["Mention"]:
    """The statement events implied by announced acts, numbered after ``mentions``."""
    derived: list["Mention"] = []
    for m in mentions:
        new = _intent(doc, m, lex) or _refusal(doc, m, lex)
        if new is not None:
            derived.append(replace(new, index=len(mentions) + len(derived)))
    return derived


def _intent(doc: "Doc", m: "Mention", lex: Lexicon) -> "Mention | None":
    """"Portugal will support Turkey": AGREE; "Nigeria will withdraw its force unless ...", "the EC may halt
    mediation": THREATEN (an act made conditional, or held out as possible by the one who would do it)."""
    if m.type in STATEMENT_TYPES:
        return None
    head = doc[m.head]
    possible = m.factuality == "hypothetical" and m.actors and any(
        c.dep_ == "aux" and c.lower_ in POSSIBLE for c in head.children)
    if m.factuality != "future" and not possible:
        return None
    if _planned_by_another(head, lex):
        return None
    conditional = any(mark.dep_ == "mark" and mark.lower_ in ("unless", "if")
                      for c in head.children if c.dep_ == "advcl" for mark in c.children)
    if _cooperative(m.type, lex) and not conditional and not possible:
        return _statement(m, "AGREE")
    return _statement(m, "THREATEN")


def _refusal(doc: "Doc", m: "Mention", lex: Lexicon) -> "Mention | None":
    """"Israel will not release prisoners": an announced refusal to cooperate is a REJECT."""
    if m.factuality != "negated" or m.type in STATEMENT_TYPES or not m.actors or not _cooperative(m.type, lex):
        return None
    head = doc[m.head]
    if not any(c.dep_ == "aux" and c.lower_ in FUTURE for c in head.children):
        return None
    return _statement(m, "REJECT")


def _planned_by_another(head, lex: Lexicon) -> bool:
    """Whether the closest plan word above the act (``data/cues.tsv``) is a request's or an attempt's
    (:data:`NOT_ANNOUNCED`): "urged Y to attack", "attempting to murder two men"."""
    for above in head.ancestors:
        lemma = above.lemma_.lower()
        if lex.cues.get(lemma) == "plan" or lex.cues.get(above.lower_) == "plan":
            return lemma in NOT_ANNOUNCED or above.lower_ in NOT_ANNOUNCED
    return False


def _cooperative(type_: str, lex: Lexicon) -> bool:
    return lex.coding(type_, None).quad_class.endswith("cooperation")


def _statement(m: "Mention", type_: str) -> "Mention":
    return replace(m, type=type_, mode=None, family=None, factuality="asserted",
                   confidence=round(m.confidence * CONFIDENCE, 3), fatalities=None, injured=None,
                   definite=False, novel=False)
