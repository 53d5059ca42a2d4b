"""Extract stage, part 4: statements about future acts are events of their own (PLOVER's verbal types).

"Portugal will support Turkey", "Syria is willing to withdraw its troops", "Nigeria will withdraw its
force unless ...": the act has not happened (its mention keeps factuality ``future``), but the statement
has, and event coders code it: an announced cooperative act is an AGREE (an expressed intent to cooperate),
also when offered on a condition the other side can meet ("willing to withdraw its troops if ..."); an announced
conflictual act, a cooperative one held out against a condition ("unless ...", "if ... not") or one under a
threat word ("threatened to withdraw trade preferences") a THREATEN; an announced refusal to cooperate ("will not
release") a REJECT.
(Obligations, "X said Y must ...", are REQUEST triggers of the lexicon: the speech verb with an
obligation clause.)

Derived mentions keep the evidence of the mention they come from, are ``asserted`` (the statement was
made) and less confident than a directly reported event.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..knowledge.lexicon import Lexicon
from .announcers import announcing_party

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
THREAT_PLANS = frozenset({"threaten"})
ANNOUNCERS = True  # a statement needs a party announcing the act (.announcers); off only to measure


def derived_mentions(doc: "Doc", mentions: list["Mention"], lex: Lexicon) -> list["Mention"]:
    """The statement events implied by announced acts, numbered after ``mentions``: not where a threat word that is
    itself a THREATEN trigger holds the act ("threatened to kill him": that THREATEN is the statement)."""
    threats = {m.head for m in mentions if m.type == "THREATEN"}
    derived: list["Mention"] = []
    for m in mentions:
        plan = _closest_plan_token(doc[m.head], lex) if m.type not in STATEMENT_TYPES else None
        if plan is not None and plan.i in threats and plan.lemma_.lower() in THREAT_PLANS:
            continue
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
    if ANNOUNCERS and not announcing_party(head, m):
        return None  # a plan or policy named, an agentless passive, a thing as subject: no one announces (.announcers)
    plan = _closest_plan(head, lex)
    if plan is not None and plan in NOT_ANNOUNCED:
        return None
    if _cooperative(m.type, lex) and not possible and plan not in THREAT_PLANS and not _threat_condition(head):
        return _statement(m, "AGREE")
    return _statement(m, "THREATEN")


def _threat_condition(head) -> bool:
    """Whether the act is held out against a condition: "will withdraw its force *unless* ...", "*if* they do
    *not* ...". A cooperative act offered on a condition the other side can meet ("is willing to withdraw its
    troops *if* it can retain ...") is an offer, CAMEO 03 (express intent to cooperate): PLOVER AGREE."""
    for clause in head.children:
        if clause.dep_ != "advcl":
            continue
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        if "unless" in marks or ("if" in marks and any(c.dep_ == "neg" for c in clause.children)):
            return True
    return False


def _refusal(doc: "Doc", m: "Mention", lex: Lexicon) -> "Mention | None":
    """"Israel will not release prisoners": an announced refusal to cooperate is a REJECT."""
    if m.factuality != "negated" or m.type in STATEMENT_TYPES or not m.actors or not _cooperative(m.type, lex):
        return None
    head = doc[m.head]
    if not any(c.dep_ == "aux" and c.lower_ in FUTURE for c in head.children):
        return None
    if ANNOUNCERS and not announcing_party(head, m):
        return None
    return _statement(m, "REJECT")


def threat_contents(doc: "Doc", mentions: list["Mention"], lex: Lexicon) -> set[int]:
    """Indices of the mentions that are the content of a threat ("threatened *to kill* his neighbour", "threatens
    *to withdraw* its troops"): the act has not happened and is no event of its own; the threat (the THREATEN of the
    threat word, or the one derived from the act) is the event the text reports. Guidelines of
    benchmarks/annotations, "Embedded events". Requests keep their content as a ``future`` act."""
    contents = set()
    for m in mentions:
        if m.type in STATEMENT_TYPES or m.factuality not in ("future", "hypothetical"):
            continue
        plan = _closest_plan_token(doc[m.head], lex)
        if plan is not None and plan.lemma_.lower() in THREAT_PLANS:
            contents.add(m.index)
    return contents


def _closest_plan_token(head, lex: Lexicon):
    """The closest plan word above the act (``data/cues.tsv``), or None."""
    for above in head.ancestors:
        if lex.cues.get(above.lemma_.lower()) == "plan" or lex.cues.get(above.lower_) == "plan":
            return above
    return None


def _closest_plan(head, lex: Lexicon) -> str | None:
    """The closest plan word above the act (``data/cues.tsv``), as its lemma (or its form where only the form
    is listed): a request's or an attempt's (:data:`NOT_ANNOUNCED`: "urged Y to attack", "attempting to murder
    two men") announces nothing of the actor's; a threat's (:data:`THREAT_PLANS`: "threatened to withdraw trade
    preferences") makes the act a threat, whatever its type."""
    above = _closest_plan_token(head, lex)
    if above is None:
        return None
    lemma = above.lemma_.lower()
    return above.lower_ if above.lower_ in NOT_ANNOUNCED and lemma not in NOT_ANNOUNCED else lemma


def _cooperative(type_: str, lex: Lexicon) -> bool:
    return lex.coding(type_, None).quad_class.endswith("cooperation")


def _statement(m: "Mention", type_: str) -> "Mention":
    return replace(m, type=type_, mode=None, family=None, factuality="asserted",
                   confidence=round(m.confidence * CONFIDENCE, 3), fatalities=None, injured=None,
                   definite=False, novel=False, told=False)
