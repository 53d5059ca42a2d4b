"""Parties the knowledge base does not know, and pronouns that point back to a named party.

:func:`~eventwire.actors.resolve.resolve_np` names an actor only from what the KB knows (countries, groups,
roles, known people). A phrase the dependency rules found as actor or recipient that names a person or a group
in plain words ("a man", "several municipalities", "Thomas' sister", "Rathbun") is still who acted: it is kept
as written, with no country or sector (:func:`plain_party`). A personal pronoun ("he", "she") that names no one in
its own sentence stands for a person named before it in the article: of the nearest sentence that names one, its
main clause's subject first (:func:`_last_person`); "they" for the subject of the
clause that governs it, else an earlier plural subject; "we" outside quotes for the body that issues the
statement; "the latter"/"the former" for the last/first of the parties just named (:func:`antecedent`). A
definite description ("the group", "the gunman") stands for the party of its kind named before it
(:func:`described`).
"""
from __future__ import annotations

from itertools import product
from typing import TYPE_CHECKING

from ..knowledge.words import SPEECH_VERBS
from ..models import Actor

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

# Common nouns for people and bodies of people that the role table leaves without a sector ("a man", "the
# suspects", "her parents"); nouns ending in an agent suffix (-er, -or, -ist, -ant, -ent, -ian) count too.
PEOPLE_NOUNS = frozenset("""squad squads man men woman women boy girl child children kid teen teenager youth person people
persons individual resident residents family families parent mother father son daughter brother sister wife
husband uncle aunt cousin relative relatives friend neighbor neighbour suspect victim gunman gunmen assailant
attacker hostage captive prisoner detainee inmate student pupil crowd mob group gang staff crew team delegation
municipality council committee board commission agency authority authorities administration ministry
department office organisation organization association union federation party movement coalition alliance
company firm bank court tribunal lawmaker deputy deputies mp mps onlooker bystander colleague partner guard
expert experts official officials
victims suspects hostages prisoners players fans couple pair duo nation nations country countries ally allies
member members leader leaders signatory signatories neighbour neighbours neighbor neighbors power powers
troop troops personnel contingent contingents battalion battalions brigade brigades regiment regiments
critic critics rival rivals foe foes enemy enemies jury juries detective detectives public citizenry
male males female females charity charities conservatives liberals democrats republicans tories radicals moderates
progressives hardliners""".split())
GOVERNING_BODIES = frozenset({"municipality", "council", "government", "administration", "municipalities"})
AGENT_SUFFIXES = ("er", "or", "ist", "ant", "ent", "ian", "ee")
NOT_PEOPLE = frozenset("""number order power matter water center centre border corner quarter letter paper
chapter murder computer monitor sector factor error honor honour terror interior weather shelter tower danger
cancer chamber manner layer hunger anger dinner winter summer river silver finger floor door motor corridor labor
labour favor favour vapor color colour mirror reactor indicator incident event accident comment percent content
intent extent consent talent restaurant plant grant transplant answer offer cover register trigger charter
container trailer helicopter tanker launcher carrier destroyer""".split())
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
PERSONAL = frozenset({"he", "she", "him", "his", "her"})
PLURAL = frozenset({"they", "them", "we", "us"})
FIRST_PERSON = frozenset({"we", "us"})
# Verbs whose subject issues a statement: the "we" of the statement's text is that subject.
STATING = SPEECH_VERBS | {"express", "inform", "reiterate", "issue", "publish", "release", "sign", "condemn",
                          "denounce", "call", "urge", "demand", "reject", "welcome"}


def is_age_noun(token: "Token") -> bool:
    """"A 7-year-old", "the 16-year-old": an age used as a noun phrase's head names a person (the tagger reads it
    as an adjective in a DATE entity)."""
    return token.lower_ == "old" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr") \
        and any(c.lemma_.lower() in ("year", "month", "week") for c in token.children)


def names_people(token: "Token") -> bool:
    """Does the head noun ``token`` name a person or a body of people?"""
    if is_age_noun(token):
        return True
    if token.ent_type_ == "GPE" and token.lemma_.lower() in GOVERNING_BODIES:  # "the Municipality of Livorno"
        return True
    if token.ent_type_ in PLACE_ENTS:
        return False
    if token.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    if token.pos_ == "PROPN" and not token.text.isupper():  # all-capital text: read as a common noun
        return token.text[:1].isupper() or token.ent_type_ != ""
    if token.pos_ in ("VERB", "NOUN") and token.dep_ in ("nsubj", "nsubjpass") and token.text.istitle() \
            and not any(c.dep_ in ("aux", "dobj", "mark") for c in token.children) and _named_elsewhere(token):
        return True  # "Rathbun requested ...": a name the tagger read as a word, that the article names elsewhere
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in PEOPLE_NOUNS or lower in PEOPLE_NOUNS:
        return True
    if lemma in NOT_PEOPLE or lower in NOT_PEOPLE or len(lemma) < 5 or lemma.endswith("ment"):
        return False
    return lemma.endswith(AGENT_SUFFIXES)


def _acronym_subject(token: "Token") -> bool:
    """An acronym (2-6 capital letters) the KB does not know, as the subject of a clause in a sentence written in
    ordinary case, names a body ("ICE in Miami returned the artifacts"): names of places and people are not
    written so (one the parse tags as a place counts too: a country or a place the actor KB or the gazetteer knows
    has resolved before this is asked, "UNDOF also withdrew")."""
    text = token.text
    return token.dep_ in ("nsubj", "nsubjpass") and 2 <= len(text) <= 6 and text.isalpha() and text.isupper() \
        and token.ent_type_ in ("", "ORG", "GPE") and any(t.is_lower for t in token.sent if t.is_alpha)


def _named_elsewhere(token: "Token") -> bool:
    """Does the article write ``token``'s word as part of a person's or organisation's name elsewhere?"""
    return any(t.text == token.text and t.i != token.i and t.ent_type_ in ("PERSON", "ORG") for t in token.doc)


def plain_party(token: "Token", phrase: "Span") -> Actor | None:
    """The phrase headed by ``token`` as an actor the KB does not know (no country, no sector), when it names
    people; None otherwise."""
    if not names_people(token) and not _acronym_subject(token):
        return None
    words = [t for t in phrase if not (t.dep_ in ("det", "predet") and t.i == phrase.start)]
    if not words:
        return None
    text = phrase.text.strip()
    name = phrase.doc[words[0].i:words[-1].i + 1].text.strip()
    return Actor(text=text, name=name, country=None, sector=None)


def window_start(token: "Token", *, back: int) -> int:
    """The first token of the sentence ``back`` sentences before ``token``'s (or of the article's first)."""
    doc, floor = token.doc, token.sent.start
    for _ in range(back):
        if floor == 0:
            break
        floor = doc[floor - 1].sent.start
    return floor


def _last_named(doc, labels: tuple[str, ...], lo: int, hi: int, resolve, accept=lambda actor: True) -> Actor | None:
    """The nearest entity of ``labels`` between tokens ``lo`` and ``hi`` (reading back) that resolves to an
    actor ``accept`` takes."""
    for ent in reversed([e for e in doc.ents if e.label_ in labels and lo <= e.start and e.end <= hi]):
        actor = resolve(ent)
        if actor is not None and accept(actor):
            return actor
    return None


def _last_person(doc, lo: int, hi: int, resolve) -> Actor | None:
    """The person "he" or "she" stands for: of the nearest sentence (reading back from token ``hi``, not before
    ``lo``) that names a person, the one named as a subject first (a proper name the tagger did not tag a person
    counts there too), of the main clause before a subordinate one
    ("X was sentenced by Judge Y. He was also sentenced ...": X, the centre of attention; "X requested that Y
    define his status. He also asked Y ...": X), else the nearest named."""
    people = [e for e in doc.ents if e.label_ == "PERSON" and lo <= e.start and e.end <= hi]
    by_sentence: dict[int, list] = {}
    for ent in people:
        by_sentence.setdefault(ent.sent.start, []).append(ent)
    for start in sorted(by_sentence, reverse=True):
        named = by_sentence[start]
        sent = doc[start].sent
        names = [_name_span(t) for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN"
                 and t.ent_type_ in ("PERSON", "ORG", "") and t.i < hi and "Plur" not in t.morph.get("Number")]
        subjects = sorted((e for e in named + names if e.root.dep_ in ("nsubj", "nsubjpass")),  # the main clause's
                          key=lambda e: (sum(1 for _ in e.root.ancestors), -e.start))  # first ("X requested that Y")
        for ent in subjects + list(reversed(named)):
            actor = resolve(ent)
            if actor is not None:
                return actor
    return None


def _name_span(token: "Token") -> "Span":
    """The proper name a subject token ends (its compound proper nouns before it: "Ruben Zamora")."""
    lo = token.i
    while lo > token.sent.start and token.doc[lo - 1].dep_ == "compound" and token.doc[lo - 1].head.i == token.i \
            and token.doc[lo - 1].pos_ == "PROPN":
        lo -= 1
    return token.doc[lo:token.i + 1]


def _last_subject(tokens, phrase, resolve, *, plural: bool | None, accept=lambda actor: True,
                  verbs: frozenset[str] | None = None) -> Actor | None:
    """The nearest subject among ``tokens`` (reading back) naming people, in the number ``plural`` asks (an
    organisation counts as plural; None: either), that resolves (or is named in plain words) to an actor
    ``accept`` takes; with ``verbs``, only subjects of those verbs (lemmas)."""
    for token in reversed(list(tokens)):
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if verbs is not None and token.head.lemma_.lower() not in verbs:
            continue
        if plural is not None and plural != ("Plur" in token.morph.get("Number")) \
                and not (plural and token.ent_type_ == "ORG"):
            continue
        span = phrase(token)
        actor = resolve(span) or plain_party(token, span)
        if actor is not None and accept(actor):
            return actor
    return None


def _governing_subject(pronoun: "Token", phrase, resolve) -> Actor | None:
    """"The armed forces informed the people that they condemn ...": a plural pronoun subject of a clause that
    a verb of its own sentence governs stands for that verb's subject."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    while clause.dep_ in ("ccomp", "conj", "advcl", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
        found = _last_subject(subjects, phrase, resolve, plural=True)
        if found is not None:
            return found
    return None


def antecedent(pronoun: "Token", resolve, phrase, *, own_sentence: bool = True) -> Actor | None:
    """The party a personal pronoun stands for: "he"/"she", a person named before it (its own sentence first, then
    up to three sentences back; in each, the main clause's subject first: :func:`_last_person`), else the nearest
    earlier subject naming people in the singular, main clauses first;
    "they", the subject of the verb that governs its clause, else the nearest subject of an earlier sentence
    naming people in the plural or an organisation; "it" as the subject of an actor's clause, the nearest
    earlier subject in the singular that names a body (not a person) with a country or a sector; "we" outside quotes, the body that issues the statement:
    the nearest subject (not a person) of a verb of stating before it in the article, else the first after it.
    Without
    ``own_sentence`` (recipients: "Trump saying he should have been killed" is not about Trump), only earlier
    sentences count.
    ``resolve`` makes an actor of a Span (or None); ``phrase`` gives a head token's noun phrase."""
    lower = pronoun.lower_
    if lower in ORDINAL_REFERENCE and any(c.dep_ == "det" and c.lower_ == "the" for c in pronoun.children):
        return _ordinal_reference(pronoun, resolve)
    doc = pronoun.doc
    floor = window_start(pronoun, back=3)
    if lower == "it" and own_sentence and pronoun.dep_ in ("nsubj", "nsubjpass"):  # "Congo has freed a diplomat
        bodies = [t for t in doc[floor:pronoun.i] if t.ent_type_ != "PERSON"]  # it arrested": the last body named
        return _last_subject(bodies, phrase, resolve, plural=False, accept=lambda a: bool(a.country or a.sector))
    if lower not in PERSONAL and lower not in PLURAL or pronoun.text in ("US", "Us"):  # "the US": a country
        return None
    if lower in PERSONAL:
        last = pronoun.i if own_sentence else pronoun.sent.start
        actor = _last_person(doc, floor, last, resolve)
        if actor is not None:
            return actor
    elif own_sentence:
        actor = _governing_subject(pronoun, phrase, resolve)
        if actor is not None:
            return actor
    if lower in FIRST_PERSON:  # "we" outside quotes: the body that issues the statement, named anywhere in it
        sent = pronoun.sent  # once: Token.sent walks the document
        bodies = [t for t in doc if t.ent_type_ != "PERSON" and not sent.start <= t.i < sent.end]
        before = [t for t in bodies if t.i < pronoun.i]
        return _last_subject(before, phrase, resolve, plural=None, verbs=STATING) or _last_subject(
            reversed([t for t in bodies if t.i > pronoun.i]), phrase, resolve, plural=None, verbs=STATING)
    window = doc[floor:pronoun.sent.start]
    return _last_subject(_centred(window) if lower in PERSONAL else window, phrase, resolve, plural=lower in PLURAL)


def _centred(tokens) -> list["Token"]:
    """``tokens`` in text order, except that within each sentence a subject of the main clause comes after (is read
    back before) a subject of a subordinate one: :func:`_last_subject` reads the nearest sentence's main subject
    first ("Cerezo requested that Strook define his status. He also asked Strook ...": Cerezo)."""
    tokens = list(tokens)
    sentence = {t.i: t.sent.start for t in tokens} if tokens else {}
    return sorted(tokens, key=lambda t: (sentence[t.i], -sum(1 for _ in t.ancestors), t.i))


ORDINAL_REFERENCE = frozenset({"former", "latter"})


def _ordinal_reference(word: "Token", resolve) -> Actor | None:
    """"The latter" ("the former"): the last (first) of two or more people (else bodies or countries) named
    earlier in its own sentence, else in the sentence before."""
    doc, sent = word.doc, word.sent
    before = doc[sent.start - 1].sent if sent.start > 0 else None
    for (lo, hi), labels in product(((sent.start, word.i), (before.start, before.end) if before else (0, 0)),
                                    (("PERSON",), ("ORG", "NORP", "GPE"))):
        named = [e for e in doc.ents if e.label_ in labels and lo <= e.start and e.end <= hi]
        if labels == ("PERSON",):  # a name the tagger missed ("Cerezo ... invited President Li"): a proper noun
            named = sorted(named + [doc[t.i:t.i + 1] for t in doc[lo:hi] if t.pos_ == "PROPN" and not t.ent_type_
                                    and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos")],
                           key=lambda span: span.start)  # subject or object, outside any entity
        parties = [a for a in map(resolve, named) if a is not None]
        if len(parties) >= 2:
            party = parties[-1] if word.lower_ == "latter" else parties[0]
            return Actor(text=f"{word.doc[word.i - 1].text} {word.text}", name=party.name, country=party.country,
                         sector=party.sector, wikidata=party.wikidata)
    return None


DESCRIPTIONS = frozenset({"group", "organisation", "organization", "movement", "militia", "faction", "gunman",
                          "gunmen", "attacker", "attackers", "assailant", "assailants", "suspect", "suspects",
                          "shooter", "man", "woman", "militants", "rebels", "guerrillas", "insurgents", "militant",
                          "rebel", "insurgent", "killer", "killers", "perpetrators", "perpetrator", "kidnappers",
                          "outfit", "network"})
PERSON_DESCRIPTIONS = frozenset({"gunman", "attacker", "assailant", "suspect", "shooter", "man", "woman", "killer",
                                 "perpetrator"})
ARMED = frozenset({"REB", "MIL", "UAF", "CRM", "PTY", "COP"})


def described(head: "Token", resolve, phrase) -> Actor | None:
    """A definite description ("the group", "the gunman") that the KB reads as a mere role stands for the party
    named before it in the article (up to five sentences back) whose head the description could name: a person
    for "the gunman"; for "the group", an organisation, or an earlier subject that is an armed or political
    party. The text stays as written; name, country and sector are the party's."""
    lemma = head.lemma_.lower()
    if lemma not in DESCRIPTIONS and head.lower_ not in DESCRIPTIONS or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        return None
    doc = head.doc
    floor = window_start(head, back=5)
    if lemma in PERSON_DESCRIPTIONS:
        actor = _last_named(doc, ("PERSON",), floor, head.i, resolve)
    else:
        body = lambda a: a.sector not in (None, "GOV", "CVL")  # noqa: E731
        actor = _last_named(doc, ("ORG", "NORP"), floor, head.i, resolve, body) or _last_subject(
            doc[floor:head.sent.start], phrase, resolve, plural=None, accept=lambda a: a.sector in ARMED)
    if actor is None:
        return None
    return Actor(text=phrase(head).text, name=actor.name, country=actor.country, sector=actor.sector,
                 wikidata=actor.wikidata)


PAIR_WORDS = frozenset({"two", "both"})
BODY_PAIRS = frozenset({"country", "nation", "state", "government", "side", "party", "capital", "neighbour",
                        "neighbor", "army", "group", "organisation", "organization"})


def described_pair(head: "Token", resolve) -> list[Actor]:
    """"The two presidents", "both leaders", "the two countries": a plural description counted as two stands for
    the last two different parties of its kind named before it in the article (up to five sentences back):
    people for a noun naming people, else states and organisations. Each keeps the description as its text.
    Empty when the article does not name two such parties."""
    count = counted_people(head)
    if count:
        labels, wanted = ("PERSON",), count
    elif "Plur" not in head.morph.get("Number") or not any(
            c.lower_ in PAIR_WORDS and c.dep_ in ("nummod", "det", "predet", "quantmod") for c in head.children):
        return []
    else:
        labels, wanted = _pair_labels(head, resolve), 2
    if not labels:
        return []
    doc = head.doc
    floor = window_start(head, back=5)
    parties: list[Actor] = []
    for ent in reversed([e for e in doc.ents if e.label_ in labels and floor <= e.start and e.end <= head.i]):
        actor = resolve(ent)
        if actor is not None and all(actor.name != p.name for p in parties):
            parties.append(actor)
        if len(parties) == wanted:
            break
    if len(parties) < wanted:
        return []
    lo = min([head.i] + [c.i for c in head.children if c.i < head.i and c.dep_ in ("det", "predet", "nummod", "amod",
                                                                                 "compound", "quantmod")])
    text = doc[lo:head.i + 1].text
    return [Actor(text=text, name=p.name, country=p.country, sector=p.sector, wikidata=p.wikidata)
            for p in reversed(parties)]


COUNTED = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def counted_people(head: "Token") -> int:
    """"All three are charged", "the four were arrested": a number word standing alone for people, after "all" or
    "the", counts the last people named (0 when ``head`` is no such word)."""
    if head.pos_ != "NUM" or head.lower_ not in COUNTED or head.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return 0
    if not any(c.dep_ in ("det", "predet") and c.lower_ in ("the", "all") for c in head.children):
        return 0
    return COUNTED[head.lower_]


def _pair_labels(head: "Token", resolve) -> tuple[str, ...]:
    """The entity labels a description counted as two may stand for: states and bodies, or people."""
    lemma = head.lemma_.lower()
    if lemma in BODY_PAIRS:
        return ("GPE", "ORG", "NORP")
    if names_people(head) or resolve(head.doc[head.i:head.i + 1]) is not None:  # "the two heads of state"
        return ("PERSON",)
    return ()
