"""Who takes whom into custody when a person gives themself up: "X turned himself in to police".

Surrendering to the authorities is being taken into custody (annotation guidelines, section 5: COERCE), so the
roles run against the grammar: the one who gives themself up is the recipient, and the custodian named by "to" or
"into" ("turned himself in to police", "turned themselves into the authorities") is the actor. A surrender with no
custodian named leaves the actor to be found elsewhere (it is not the person who surrendered). The construction is
told by its reflexive object: the subject acts on itself, handing itself over.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

SELVES = frozenset({"himself", "herself", "themselves", "themself", "myself", "ourselves", "yourself",
                    "yourselves"})
CUSTODY_PREPS = frozenset({"to", "into"})


def gives_self_up(verb: "Token") -> bool:
    """Does ``verb`` take a reflexive object: its subject hands itself over ("turned himself in")?"""
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "dobj" and c.lower_ in SELVES for c in verb.children)


def custodians(verb: "Token") -> list["Token"]:
    """The objects of "to"/"into" on the verb or its particle ("turned himself in to the police")."""
    bearers = [verb] + [c for c in verb.children if c.dep_ == "prt"]
    return [g for b in bearers for p in b.children if p.dep_ == "prep" and p.lower_ in CUSTODY_PREPS
            for g in p.children if g.dep_ == "pobj"]


def custody_roles(verb: "Token", actors: list["Token"], recipients: list["Token"]) -> tuple[list["Token"],
                                                                                          list["Token"]]:
    """(actors, recipients) of a custody event (COERCE) triggered by ``verb``: for a surrender, the custodians
    and the people who gave themselves up (the reflexive object is no party); otherwise as given."""
    if not gives_self_up(verb):
        return actors, recipients
    taken = [a for a in actors if a.lower_ not in SELVES]
    held = custodians(verb)
    return held, taken + [r for r in recipients if r.lower_ not in SELVES and r not in held and r not in taken]


__all__ = ["custody_roles", "gives_self_up", "custodians", "SELVES"]
