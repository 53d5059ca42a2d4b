"""Extract stage, part 3b: constructions that name who did what to whom beside the dependency rules of
:mod:`arguments` (issue #17): a passive subject the parse hung before its verb, the sufferer of a wound, who is
taken into custody, the authority a passive appeal asks to call, what a judgement voiced by a speech verb is about,
and the words that name attackers; the noun phrase a head token stands for (:func:`phrase`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..actors.mentioned import names_people

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

SPEAKING_FOR = {"spokesman", "spokeswoman", "spokesperson", "representative", "envoy", "ambassador", "advocate",
                "negotiator", "adviser", "advisor", "secretary", "minister", "commissioner", "coordinator", "director",
                "correspondent", "lawyer", "attorney", "candidate", "official"}

APPEALING = {"ask", "urge", "encourage", "request", "invite", "beg"}
CONTACTING = {"call", "contact", "phone", "email", "reach", "notify", "text"}


def contacted(verb: "Token") -> list["Token"]:
    """"Anyone with information is asked to call the Riverside Police Department": a passive appeal that names the
    authority to contact is that authority's appeal (the annotation guidelines' codebook rule)."""
    if verb.lemma_.lower() not in APPEALING:
        return []
    return [o for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in CONTACTING
            for o in c.children if o.dep_ == "dobj" and names_people(o)]


JUDGED_BY_SAYING = {"ACCUSE", "SUPPORT"}


def judged(verb: "Token") -> list["Token"]:
    """What a judgement voiced by a speech verb is about: the subject of the clause it reports ("said Mr Bell's
    comments were irresponsible", "said: the government's policy is an alarming example"), not a pronoun."""
    return [s for c in verb.children if c.dep_ == "ccomp" for s in c.children
            if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ in ("NOUN", "PROPN")]


def left_subject(verb: "Token") -> list["Token"]:
    """The noun phrase that ends just before a passive verb and its auxiliaries, when it names people and the parse
    did not make it the verb's subject (it hung it as an apposition or a modifier of an earlier phrase)."""
    k = verb.i - 1
    while k >= verb.sent.start and verb.doc[k].dep_ in ("aux", "auxpass", "neg", "advmod") and verb.doc[k].head == verb:
        k -= 1
    if k < verb.sent.start or k == verb.i - 1:
        return []
    noun = verb.doc[k]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod"):
        return []
    return [noun] if names_people(noun) else []


# Head nouns that describe who attacks ("a gunman", "the suspects", "the guerrillas"): an attack the article tells
# without its author stands for the attacker it describes elsewhere.
ATTACKER_NOUNS = frozenset({"gunman", "gunmen", "shooter", "shooters", "suspect", "suspects", "attacker", "attackers",
                            "assailant", "assailants", "killer", "killers", "robber", "robbers", "perpetrator",
                            "perpetrators", "guerrilla", "guerrillas", "rebel", "rebels", "terrorist", "terrorists",
                            "militant", "militants", "insurgent", "insurgents", "kidnapper", "kidnappers", "bomber",
                            "bombers", "sniper", "snipers", "murderer", "murderers", "stabber"})


# Nouns of harm: whoever suffers, nurses or dies of them is the victim, not the author ("four people are nursing
# bullet wounds", "a man died from a gunshot wound").
WOUND_NOUNS = {"wound", "wounds", "injury", "injuries"}
# Custody: who is taken into it or held in it is the recipient, whoever the parse makes the verb's subject.
CUSTODY_NOUNS = {"custody"}
CUSTODY_VERBS = {"take", "be", "remain", "place", "put", "hold", "keep", "book"}


def attacker_word(token: "Token") -> bool:
    """A modifier that names who attacks ("the guerrilla attack", "a rebel offensive")."""
    return token.dep_ in ("compound", "amod") and (token.lower_ in ATTACKER_NOUNS
                                                   or token.lemma_.lower() in ATTACKER_NOUNS)


def up_to(children: list["Token"]) -> list["Token"]:
    """"kidnapped up to 16 advisers": the counted object the parse hung on "up to" as a particle's phrase."""
    return [g for c in children if c.dep_ == "prt" and c.lower_ == "up" for p in c.children if p.lower_ == "to"
            for g in p.children if g.dep_ == "pobj" and any(n.dep_ == "nummod" for n in g.children)]


# Verbs of a "when/as" clause whose subject did what a passive clause without agent reports ("five officers were
# killed when gunmen opened fire", "he was arrested as police raided the house").
ASSAILING = {"open", "attack", "shoot", "storm", "raid", "ambush", "bomb", "shell", "launch", "detonate", "blow",
             "throw", "hurl", "fire", "stab", "strike", "hit", "seize", "kidnap", "abduct", "arrest", "detain"}


def assailants(children: list["Token"]) -> list["Token"]:
    return [s for c in children if c.dep_ == "advcl" and c.lemma_.lower() in ASSAILING and any(
        m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "after") for m in c.children)
        for s in c.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN")]


def harm_or_custody(noun: "Token", prep_objects) -> tuple[list["Token"], list["Token"]] | None:
    """(actors, recipients) of a noun of harm or of custody, whose bearer's subject undergoes it; None for other
    nouns. ``prep_objects(token, preps)`` gives the objects of a token's prepositions."""
    lemma = noun.lemma_.lower()
    if lemma in WOUND_NOUNS or noun.lower_ in WOUND_NOUNS:  # "died from a gunshot wound": the subject suffered it
        governor = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ in ("dobj", "attr") else None
        victims = [_relative_whole(c) for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")] \
            if governor is not None and governor.pos_ in ("VERB", "AUX") else []
        return prep_objects(noun, {"by"}), victims + prep_objects(noun, {"to", "of"}) if victims else \
            [c for c in noun.children if c.dep_ == "poss"]
    if lemma in CUSTODY_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ in ("into", "in") \
            and noun.head.head.pos_ == "VERB" and noun.head.head.lemma_.lower() in CUSTODY_VERBS:
        verb = noun.head.head  # "X was taken into custody by police", "police took X into custody", "X is in custody"
        held = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
        if not held and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children) or not held \
                and verb.dep_ == "conj" and verb.tag_ == "VBN":  # "... were located by police and taken into custody"
            held = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        takers = [g for v in (verb, verb.head if verb.dep_ == "conj" else verb) for c in v.children
                  if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not held and verb.lemma_.lower() == "be":
            held = [c for c in verb.children if c.dep_ == "nsubj"]
        elif not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and verb.dep_ != "conj":
            takers += [c for c in verb.children if c.dep_ == "nsubj"]
        return takers, held
    return None


# Nouns of attacks on people or things whose "of" object is what was hit ("the bombing of a police station", "the
# shelling of Aleppo"); unlike nouns of killing, their possessor is their author ("the army's shelling of X").
STRIKING_NOUNS = {"bombing", "shelling", "bombardment", "storming", "burning", "torching", "looting", "ransacking",
                  "destruction", "invasion", "occupation", "siege", "blockade", "raid", "stoning", "beating",
                  "shooting", "stabbing", "rocketing", "mortaring", "firebombing", "sacking"}
# Nouns of acts one does alone, whose "of" object is who does it ("the resignation of Beverley Hughes", "the
# withdrawal of Serbian forces", "the visit of the president").
DOER_OF_NOUNS = {"resignation", "resignations", "surrender", "withdrawal", "pullout", "retreat", "departure", "arrival",
                 "visit", "return", "capitulation", "abdication", "defection", "walkout", "exit", "stepping",
                 "request", "behest", "invitation", "urging", "instigation", "insistence"}  # "at the request of X"
CREWED = {"helicopter", "warplane", "gunship", "jet", "warship"}  # weapons whose crew is an armed force
FINDING = {"find", "see", "leave", "discover", "report", "declare", "pronounce"}  # "found him shot", "left X wounded"


def _relative_whole(subject: "Token") -> "Token":
    """The people a relative clause's subject stands for: "36 people, 11 of whom have bullet wounds" (the subject
    "11 of whom", or "who"): the noun the clause modifies; any other subject as it is."""
    clause = subject.head
    if clause.dep_ != "relcl":
        return subject
    relative = subject.lower_ in ("who", "whom", "which", "that") or any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in ("whom", "which") for g in c.children)
        for c in subject.children)
    return clause.head if relative else subject


# Predicates whose subject was harmed ("two bailiffs and a gunman are dead after a shooting", "three soldiers died in
# the attack"): the subject is the attack's victim, not its author.
HARMED_STATES = frozenset({"dead", "injured", "wounded", "hurt", "hospitalized", "hospitalised", "killed"})
HARMED_VERBS = frozenset({"die", "perish", "succumb"})


def harmed_subjects(governor: "Token") -> list["Token"] | None:
    """The subjects of a predicate of harm that governs an attack noun ("X are dead after a shooting", "X died in
    the attack"): the victims; None when ``governor`` is no such predicate."""
    if not _harmed(governor):
        return None
    found = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")]
    if governor.dep_ == "conj" and _harmed(governor.head):  # "one soldier died and five were wounded during ..."
        found += [c for c in governor.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return found


HARMING = frozenset({"kill", "wound", "injure", "hurt", "shoot", "murder"})


def _harmed(verb: "Token") -> bool:
    """"X died", "X are dead", "X were wounded": a predicate whose subject was harmed."""
    lemma = verb.lemma_.lower()
    return lemma in HARMED_VERBS or lemma == "be" and any(
        c.dep_ in ("acomp", "attr") and c.lower_ in HARMED_STATES for c in verb.children) or lemma in HARMING \
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def phrase(token: "Token") -> "SpacySpan":
    """The noun phrase headed by ``token`` without relative clauses, appositions or coordination."""
    doc = token.doc
    keep = [token.i]
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "conj", "cc", "punct", "appos", "advcl") and child.i > token.i:
            continue
        if child.dep_ == "prep" and child.lower_ in ("for", "to", "over", "after", "amid", "following") and not (
                child.lower_ == "for" and token.lemma_.lower() in SPEAKING_FOR):  # "a spokesman for the Taliban"
            continue
        keep += [t.i for t in child.subtree]
    lo, hi = min(keep), max(keep)
    if token.ent_type_ == "PERSON":  # a phrase never cuts a name of a person the parse split
        while lo > 0 and doc[lo].ent_iob_ == "I" and doc[lo - 1].ent_type_ == token.ent_type_:
            lo -= 1
        while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I" and doc[hi + 1].ent_type_ == token.ent_type_:
            hi += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return doc[lo:hi + 1]
