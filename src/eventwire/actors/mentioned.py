"""Parties the knowledge base does not know, and pronouns that point back to a named party.

:func:`~eventwire.actors.resolve.resolve_np` names an actor only from what the KB knows (countries, groups,
roles, known people). A phrase the dependency rules found as actor or recipient that names a person or a group
in plain words ("a man", "several municipalities", "Thomas' sister", "Rathbun") is still who acted: it is kept
as written, with no country or sector (:func:`plain_party`). A personal pronoun ("he", "she") that names no one in
its own sentence stands for the nearest person named before it in the article (:func:`antecedent`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Actor

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

# Common nouns for people and bodies of people that the role table leaves without a sector ("a man", "the
# suspects", "her parents"); nouns ending in an agent suffix (-er, -or, -ist, -ant, -ent, -ian) count too.
PEOPLE_NOUNS = frozenset("""man men woman women boy girl child children kid teen teenager youth person people
persons individual resident residents family families parent mother father son daughter brother sister wife
husband uncle aunt cousin relative relatives friend neighbor neighbour suspect victim gunman gunmen assailant
attacker hostage captive prisoner detainee inmate student pupil crowd mob group gang staff crew team delegation
municipality council committee board commission agency authority authorities administration ministry
department office organisation organization association union federation party movement coalition alliance
company firm bank court tribunal lawmaker deputy deputies mp mps onlooker bystander colleague partner guard
expert experts official officials
victims suspects hostages prisoners players fans couple pair duo""".split())
AGENT_SUFFIXES = ("er", "or", "ist", "ant", "ent", "ian", "ee")
NOT_PEOPLE = frozenset("""number order power matter water center centre border corner quarter letter paper
chapter murder computer monitor sector factor error honor honour terror interior weather shelter tower danger
cancer chamber manner layer hunger anger dinner winter summer river silver finger floor door motor corridor labor
labour favor favour vapor color colour mirror reactor indicator incident event accident comment percent content
intent extent consent talent restaurant plant grant transplant answer offer cover register trigger charter
container trailer helicopter tanker launcher carrier destroyer""".split())
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
PERSONAL = frozenset({"he", "she", "him", "his", "her"})
PLURAL = frozenset({"they", "them"})


def names_people(token: "Token") -> bool:
    """Does the head noun ``token`` name a person or a body of people?"""
    if token.ent_type_ in PLACE_ENTS:
        return False
    if token.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    if token.pos_ == "PROPN" and not token.text.isupper():  # all-capital text: read as a common noun
        return token.text[:1].isupper() or token.ent_type_ != ""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in PEOPLE_NOUNS or lower in PEOPLE_NOUNS:
        return True
    if lemma in NOT_PEOPLE or lower in NOT_PEOPLE or len(lemma) < 5 or lemma.endswith("ment"):
        return False
    return lemma.endswith(AGENT_SUFFIXES)


def plain_party(token: "Token", phrase: "Span") -> Actor | None:
    """The phrase headed by ``token`` as an actor the KB does not know (no country, no sector), when it names
    people; None otherwise."""
    if not names_people(token):
        return None
    words = [t for t in phrase if not (t.dep_ in ("det", "predet") and t.i == phrase.start)]
    if not words:
        return None
    text = phrase.text.strip()
    name = phrase.doc[words[0].i:words[-1].i + 1].text.strip()
    return Actor(text=text, name=name, country=None, sector=None)


def antecedent(pronoun: "Token", resolve, phrase, *, own_sentence: bool = True) -> Actor | None:
    """The party a personal pronoun stands for: "he"/"she", the nearest PERSON entity before it (its own sentence
    first, then up to three sentences back), else the nearest earlier subject naming people in the singular;
    "they", the nearest subject of an earlier sentence naming people in the plural or an organisation. Without
    ``own_sentence`` (recipients: "Trump saying he should have been killed" is not about Trump), only earlier
    sentences count.
    ``resolve`` makes an actor of a Span (or None); ``phrase`` gives a head token's noun phrase."""
    lower = pronoun.lower_
    if lower not in PERSONAL and lower not in PLURAL:
        return None
    doc = pronoun.doc
    floor = pronoun.sent.start
    for _ in range(3):
        if floor == 0:
            break
        floor = doc[floor - 1].sent.start
    if lower in PERSONAL:
        last = pronoun.i if own_sentence else pronoun.sent.start
        for ent in reversed([e for e in doc.ents if e.label_ == "PERSON" and floor <= e.start and e.end <= last]):
            actor = resolve(ent)
            if actor is not None:
                return actor
    plural = lower in PLURAL
    for token in reversed(doc[floor:pronoun.sent.start]):
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if plural != ("Plur" in token.morph.get("Number")) and not (plural and token.ent_type_ == "ORG"):
            continue
        span = phrase(token)
        actor = resolve(span) or plain_party(token, span)
        if actor is not None:
            return actor
    return None


DESCRIPTIONS = frozenset({"group", "organisation", "organization", "movement", "militia", "faction", "gunman",
                          "gunmen", "attacker", "attackers", "assailant", "assailants", "suspect", "suspects",
                          "shooter", "man", "woman", "militants", "rebels"})


def described(head: "Token", resolve, phrase) -> Actor | None:
    """A definite description ("the group", "the gunman") that the KB reads as a mere role stands for the party
    named before it in the article (up to five sentences back) whose head the description could name: the text
    stays as written, name, country and sector are the party's."""
    if head.lemma_.lower() not in DESCRIPTIONS and head.lower_ not in DESCRIPTIONS or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        return None
    doc = head.doc
    floor = head.sent.start
    for _ in range(5):
        if floor == 0:
            break
        floor = doc[floor - 1].sent.start
    person = head.lemma_.lower() in ("gunman", "gunmen", "attacker", "assailant", "suspect", "shooter", "man", "woman")
    wanted = ("PERSON",) if person else ("ORG", "NORP")
    for ent in reversed([e for e in doc.ents if e.label_ in wanted and floor <= e.start and e.end <= head.i]):
        actor = resolve(ent)
        if actor is not None and (person or actor.sector not in (None, "GOV", "CVL")):
            return Actor(text=phrase(head).text, name=actor.name, country=actor.country, sector=actor.sector,
                         wikidata=actor.wikidata)
    return None
