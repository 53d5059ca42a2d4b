"""Extract stage: who announces an act that has not happened yet (the statement events of :mod:`.intents`).

An announced act is a statement of the one who will act ("Portugal will support Turkey's bid", "Nigeria said it
will withdraw its troops unless ...", "Syria is willing to withdraw its troops if ..."): PLOVER codes the
statement (AGREE, THREATEN, REJECT). English names that party as the subject of the act's clause, or of the verb
or adjective whose open complement the act is ("*Syria* is willing to withdraw", "*the US* threatened to
withdraw"). Where the clause names no such party the sentence tells a plan, a policy or a possibility, which the
annotation guidelines (benchmarks/annotations/GUIDELINES.md §1: policy announcements, laws; §2 future) count as no
statement event:

* an act named inside a noun phrase ("plans to process asylum claims", "the aid plan") or a complement of a noun
  ("plans to detain suspects", "government plans for keeping suspects under house arrest"): a plan named as a
  thing (an event noun that a verb takes as its object, "will hold talks", "will begin an operation", reads with
  that verb's clause);
* a passive with no agent ("troops will be deployed", "casinos will be banned from ...", "they are going to be
  detained"): the one who would act is not said, so no one is said to announce it;
* a subject that is a thing, not a party ("the scheme would allow people to buy", "the legislation would ban
  trickery", "the cuts will allow funding", "as the situation allows"): a person, a group, an organisation or a
  country announces; a measure, a document or a state of affairs does not. A subject is a party when it is a
  personal pronoun, a name (a person, organisation, nationality or country entity) or the mention's actor, and
  not a noun of ``data/nonparties.tsv`` (measures, documents, plans, amounts, states of affairs).
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..knowledge.tables import read_table

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .records import Mention

PERSONAL = frozenset("i we you he she it they us them him her".split())
PARTY_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
OPEN_COMPLEMENT = frozenset({"xcomp", "acomp"})  # "is willing to withdraw": the subject of "is" withdraws
VERBAL = ("VERB", "AUX")


def announcing_party(head: "Token", mention: "Mention") -> bool:
    """Whether the clause of the act at ``head`` names a party who would do it (see the module's doc)."""
    verb = clause_verb(head)
    if verb is None:
        return False  # an act named inside a noun phrase: a plan or a policy named as a thing
    subject = clause_subject(verb)
    if subject is None:
        return False
    return is_party(subject, mention)


def clause_verb(token: "Token") -> "Token | None":
    """The verb whose clause tells the act at ``token``: the token itself, or the verb that takes an event noun
    as its object or through a preposition ("will hold talks", "will begin a new operation", "will gather for a
    meeting", "is willing to offer assistance"); None for a noun inside a noun phrase ("plans to process asylum
    claims", "the aid plan", "plans for keeping ...")."""
    if token.pos_ in VERBAL:
        return token
    while token.dep_ == "conj" and token.head.i != token.i and token.head.pos_ == token.pos_:
        token = token.head  # "will hold talks and consultations"
    head = token.head
    if token.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and head.pos_ in VERBAL:
        return head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in VERBAL:
        return head.head
    return None


def clause_subject(verb: "Token") -> "Token | None":
    """The subject of ``verb``'s clause, through open complements ("X threatened to withdraw", "X is willing to
    withdraw"); the agent of a passive ("were ordered by the minister"); None for an agentless passive or a
    complement of a noun ("plans to detain")."""
    token = verb
    for _ in range(4):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        if passive:
            agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return agents[0] if agents else None
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
        if token.dep_ in OPEN_COMPLEMENT | {"conj"} and token.head.i != token.i \
                and token.head.pos_ in VERBAL + ("ADJ",):
            token = token.head
            continue
        return None
    return None


def is_party(subject: "Token", mention: "Mention") -> bool:
    """A personal pronoun, a name (a proper noun, a person, organisation, nationality or country entity) or the
    a word of one of the mention's actors (the pipeline's reading of who acts: "the government", "the rebels",
    "ministers"), itself or one of its conjuncts ("Trump and King Abdullah"); never a noun of
    ``data/nonparties.tsv``."""
    heads = {w for a in mention.actors for w in (a.text or "").lower().split()}
    for word in [subject] + [c for c in subject.children if c.dep_ == "conj"]:
        if word.lemma_.lower() in nonparties() or word.lower_ in nonparties():
            continue
        if word.lower_ in PERSONAL or word.pos_ == "PROPN" or word.ent_type_ in PARTY_ENTITIES \
                or word.lower_ in heads:
            return True
    return False


@lru_cache(maxsize=1)
def nonparties() -> frozenset[str]:
    """The nouns of ``data/nonparties.tsv``: subjects that name a thing, not a party."""
    return frozenset(row[0].lower() for row in read_table("nonparties.tsv", 1))
