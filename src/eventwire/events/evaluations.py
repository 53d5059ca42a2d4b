"""Extract stage, part of finding triggers: criticism told by what a speaker says of a party or its act.

A speech verb whose reported clause appraises a named party, or an act of one, negatively reports a criticism
(PLOVER ACCUSE, benchmarks/annotations/GUIDELINES.md section 3) even when no word of blame is used: "Mr Oaten said
the plan was dangerous", "the union said the new rules were discriminatory", "she said the tories were an
irrelevant party", "he said the decision was a misjudgement". The construction is narrow on purpose, since a
speech verb with an evaluative word somewhere in its clause is criticism only about one time in eight (session 17,
docs/benchmarks.md): the appraisal must be the predicate (a predicate adjective or noun, or an adjective of the
predicate noun) of the reported clause, that clause's subject must be a named party or an act (evaluations.tsv
"act": a plan, a policy, a remark), and neither the clause nor the predicate may be negated ("said the quotas were
not racist" defends). The words are evaluations.tsv "neg" plus judgements.tsv. Reported speech only: the article's
own voice ("the plan was dangerous") is not a criticism by anyone (triggers.tsv puts the condition on speech
verbs).
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from ..knowledge.tables import read_table

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

PREDICATE_DEPS = ("acomp", "attr")
SUBJECT_DEPS = ("nsubj", "nsubjpass")


@lru_cache(maxsize=1)
def evaluation_words() -> tuple[frozenset[str], frozenset[str]]:
    """(negative appraisals, what can be appraised: act nouns and party nouns) of evaluations.tsv."""
    rows = read_table("evaluations.tsv", 2)
    return (frozenset(w.lower() for w, kind in rows if kind == "neg"),
            frozenset(w.lower() for w, kind in rows if kind in ("act", "party")))


def _negated(token: "Token") -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def predicates(clause: "Token") -> list["Token"]:
    """The predicate words of a copular clause: its predicate adjective or noun, their conjuncts ("unnecessary,
    bureaucratic and expensive") and the adjectives of a predicate noun ("a stupid remark"); a negated one is
    left out."""
    found = []
    for head in (c for c in clause.children if c.dep_ in PREDICATE_DEPS):
        found += [head] + [c for c in head.children if c.dep_ == "conj"]
        if head.dep_ == "attr":
            found += [c for c in head.children if c.dep_ == "amod"]
    return [p for p in found if not _negated(p)]


def evaluates(verb: "Token", *, judgements: frozenset[str], party: Callable[["Token"], bool]) -> bool:
    """Whether the speech verb ``verb`` reports a clause that appraises a named party (``party``) or an act
    negatively: "said the plan was dangerous" (see the module docstring)."""
    negative, acts = evaluation_words()
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if _negated(clause):
            continue
        subjects = [s for s in clause.children if s.dep_ in SUBJECT_DEPS]
        if not any(party(s) or s.lemma_.lower() in acts for s in subjects):
            continue
        if any(p.lemma_.lower() in negative or p.lower_ in negative or p.lemma_.lower() in judgements
               or p.lower_ in judgements for p in predicates(clause)):
            return True
    return False
