"""Extract stage, part of who did what to whom: who reports and who is judged (used by :mod:`.arguments`).

A speech verb after the sentence ("..., a rights group charged") is its reporter, not a party to the act it
reports; a complaint "to X over Y" is aimed at Y; a judgement whose object is a clause ("criticized how the
government dealt with ...") is about that clause's subject, or about what the thing it reports raises questions
about; a release told without agent is by the captors a clause of the released names; an act a participle
performs ("the murder committed by X", "the announcement on the suspension of relations, made by X") is its
agent's. Leaf module: it reads spaCy tokens only.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..actors.mentioned import names_people
from ..knowledge.words import SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

NOT_PARTIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}
STATE_NOUNS = {"government", "administration", "state", "country", "nation", "kingdom", "republic"}


def named(token: "Token") -> bool:
    """A modifier that can name a party: a proper noun or a capitalised adjective ("US", "Iranian"); a sentence's
    first word is capitalised anyway: an adjective there names a party only as a nationality or a name ("Violent
    clashes between ..." does not; "Iranian strikes", "Police raids" do)."""
    if token.is_sent_start and token.pos_ == "ADJ" and token.ent_type_ not in ("NORP", "GPE", "ORG", "PERSON"):
        return False
    return token.pos_ in ("PROPN", "ADJ", "NOUN") and token.text[:1].isupper()


def prep_objects(token: "Token", preps: set[str]) -> list["Token"]:
    """The objects of ``token``'s prepositions ``preps`` that may name a party (not dates, numbers, amounts)."""
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            found += [g for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in NOT_PARTIES]
    return found


# Verbs that report or judge, and that a trailing attribution may use ("..., a human rights group charged").
REPORTING = SPEECH_VERBS | {"protest", "charge", "complain", "assert", "argue", "contend", "maintain", "note"}


def trailing_reporter(noun: "Token") -> "Token | None":
    """The reporting verb of a trailing attribution the parse read as a participle on a noun: in "Border agents
    abused immigrants with impunity, a human rights organization charged on Saturday" the organization is the
    subject of "charged", not abused nor charged. The noun follows a comma, its verb has no object or agent, and
    nothing but adverbials follow the verb to the sentence's end."""
    verbs = [c for c in noun.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD")
             and c.lemma_.lower() in REPORTING]
    if not verbs or noun.left_edge.i == noun.sent.start or noun.doc[noun.left_edge.i - 1].text != ",":
        return None
    verb = verbs[0]
    if any(c.dep_ in ("dobj", "agent", "ccomp", "xcomp", "nsubj", "nsubjpass") for c in verb.children):
        return None
    rest = [t for t in noun.doc[verb.i + 1:noun.sent.end] if not t.is_punct]
    return verb if all(t.i <= verb.right_edge.i for t in rest) else None


RELEASING = {"release", "free", "liberate", "hand"}
HOLDING = {"kidnap", "abduct", "seize", "capture", "hold", "detain", "take"}


def captors(verb: "Token", released: list["Token"]) -> list["Token"]:
    """Who frees people when the sentence names only their captors: "a priest, who had been kidnapped by an ELN
    cell, was released" (a passive release without agent; a relative or participle clause of its subject names
    who held them)."""
    if verb.lemma_.lower() not in RELEASING:
        return []
    return [g for person in released for v in person.children if v.dep_ in ("relcl", "acl")
            and v.lemma_.lower() in HOLDING for a in v.children if a.dep_ == "agent"
            for g in a.children if g.dep_ == "pobj"]


MANNER_NOUNS = {"way", "manner", "fashion"}
WH_WORDS = {"how", "why", "what", "whether"}


def judged_conduct(verb: "Token") -> list["Token"]:
    """Whose conduct a judgement is about when its object is a clause: the subject of "how/why ..." ("criticized how
    the government dealt with the crisis", "questioned why the army opened fire") or of the clause that describes
    "the way/manner" ("condemned the way the police handled the protest"); not a pronoun."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and any(
        w.lower_ in WH_WORDS and w.dep_ in ("advmod", "mark", "dobj", "nsubj") and w.i < c.i for w in c.children)]
    clauses += [r for o in verb.children if o.dep_ == "dobj" and o.lemma_.lower() in MANNER_NOUNS
                for r in o.children if r.dep_ == "relcl"]
    return [s for c in clauses for s in c.children
            if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ in ("NOUN", "PROPN") and s.lower_ not in WH_WORDS]


def thing(token: "Token") -> bool:
    """A common noun that names no party: not people, no name or nationality in it ("the security lapses")."""
    return token.pos_ == "NOUN" and not names_people(token) and token.lemma_.lower() not in STATE_NOUNS \
        and not any(named(t) for t in token.subtree)


def attribution(clause: "Token") -> bool:
    """A clause that reports the sentence rather than states what is demanded: "X demanded the withdrawal of Y,
    diplomats quoted an EC declaration as saying" (a speech verb after a comma, with no "that")."""
    edge = clause.left_edge.i
    return clause.lemma_.lower() in SPEECH_VERBS and clause.i > clause.head.i and not any(
        c.dep_ == "mark" for c in clause.children) and "," in (clause.doc[edge].text, clause.doc[edge - 1].text)


def faulted(verb: "Token", recipients: list["Token"]) -> list["Token"]:
    """A complaint's target, not its addressee: "Lebanon complained to the United Nations over two Israeli air
    raids", "protested to Britain about its plans": what the "over/about" phrase names is found fault with (and
    stands for its author); whom the complaint is made "to" only hears it. Only when the phrase names a party
    ("complained to the mayor about the new taxes": the mayor stays the one complained to)."""
    faults = [f for f in prep_objects(verb, {"over", "about"}) if any(named(t) for t in f.subtree)]
    if not faults:
        return recipients
    heard = set(prep_objects(verb, {"to"}))
    return faults + [r for r in recipients if r not in heard and r not in faults]


def raised_about(subjects: list["Token"]) -> list["Token"]:
    """Whom a reported judgement is about when the subject of the reported clause is a thing that raises it: "said
    the security lapses raise serious questions about the government's ability" (the "about/over" object of the
    clause's object; its owner stands for it)."""
    return [g for s in subjects if thing(s) and s.dep_ == "nsubj" for o in s.head.children if o.dep_ == "dobj"
            for g in prep_objects(o, {"about", "over"})]


# Verbs that perform an act named by the noun they modify ("the murder committed by X", "attacks carried out by X").
PERFORMING = {"commit", "carry", "perpetrate", "stage", "launch", "conduct", "mount", "claim", "order", "plan",
              "orchestrate", "mastermind", "execute", "make", "issue", "impose", "call", "organise", "organize",
              "lead"}  # "the strike called by the union"


# Nouns of a decision or statement whose "of/on/about" phrase names the act decided or stated ("the announcement
# on the suspension of relations, made by X": X suspends).
DECIDING_NOUNS = {"announcement", "decision", "declaration", "statement", "order", "decree", "proclamation"}


def performers(noun: "Token") -> list["Token"]:
    """The agent of a participle that performs the act a noun names ("the murder committed by the FMLN"), also
    through the decision or statement that names it ("the announcement on the suspension of relations, made by
    President X")."""
    bearers = [noun] + prep_objects(noun, {"of"})  # the parse may hang the participle on the last noun
    if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "on", "about") \
            and noun.head.head.lemma_.lower() in DECIDING_NOUNS:
        bearers.append(noun.head.head)
    return [g for b in bearers for v in b.children if v.dep_ == "acl" and v.tag_ == "VBN"
            and v.lemma_.lower() in PERFORMING
            for a in v.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
