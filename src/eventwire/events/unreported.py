"""Extract stage: words of an event type that report no discrete occurrence: habitual and generic statements, an
outlet's tip line, a request named as a thing.

Habitual and generic statements report no discrete occurrence (the annotation guidelines:
"the police routinely detain protesters" is a standing habit, "repeated attacks since May" a series, not one event).

English marks a habit on the verb by an adverb of frequency ("often attack", "routinely detain", "usually kill")
or a distributive time adverbial ("every year", "each night"), and on an event noun by an adjective of recurrence
("frequent raids", "regular attacks", "repeated threats"). A verb joined to such a verb shares its reading
("militias often attack villages and burn crops"), unless it has a subject of its own. "Repeatedly" is not among
the adverbs: "he repeatedly stabbed the victim" is one attack of many blows.

A tip line in the outlet's own voice ("Anyone with information is asked to contact Crime Stoppers", "Anyone with
information can call ...") is a standing invitation with no asker, no REQUEST (the guidelines); one the article
reports an authority making ("Police asked anyone with information to call", "... is asked to call, police said",
"... is asked to call the Waycross Police Department": the authority named to call asks) is.

A request noun reports the request only with a verb of making, voicing or answering it (:data:`LIGHT`: "made a
call for", "issued an appeal", "renewed its demand", "the request was filed by ...", "rejected the demand"), or
as the subject of a verb of arising ("the request came from the mayor", "there were calls for", "calls grew"), or
in "at the request of"; as the object, complement or subject of any other word it names a request as a thing
("reacting slowly to his urgent calls for", "address the demands of older people", "amid a national demand for
negotiations", "the request of the municipalities results from"): no REQUEST of its own. The same holds for the
nouns of the other verbal types (:func:`named_statement`: "security details about the president's visit", "the
failure of the negotiations", "proportionate to the terror threat" name a visit, talks, a threat), applied to the
article's mentions (events/mentions.py), with the verbs that hold, attend, pay, reach or pledge them.

A denial of a claim ("denied that the security services played any role", "denied the allegations") is no REJECT
(:func:`denial_of_claim`): the guidelines code it as the denied event's factuality.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

FREQUENCY = frozenset("often usually routinely regularly frequently typically generally sometimes habitually "
                      "customarily normally commonly oftentimes seldom rarely traditionally".split())
RECURRENT = frozenset("frequent regular routine habitual periodic recurrent recurring repeated constant "
                      "incessant".split())
PERIOD = frozenset("year years day days week weeks month months night nights time times morning weekend "
                   "summer winter election".split())
DISTRIBUTIVE = frozenset({"every", "each"})


def habitual(token: "Token") -> bool:
    """Whether the trigger ``token`` is read as a habit or a series rather than one occurrence: a verb with an
    adverb of frequency or "every/each" + a period ("every year soldiers arrest ..."), itself or through the verb
    it is joined to; a noun with an adjective of recurrence ("frequent raids")."""
    if token.pos_ in ("NOUN", "PROPN"):
        return any(c.dep_ == "amod" and c.lower_ in RECURRENT for c in token.children)
    if token.pos_ != "VERB":
        return False
    verb = token
    for _ in range(4):
        if any(_marks_habit(c) for c in verb.children):
            return True
        if verb.dep_ != "conj" or verb.head.i == verb.i or verb.head.pos_ != "VERB" \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return False  # a clause of its own ("... and on Monday they attacked a convoy") reads on its own
        verb = verb.head
    return False


def _marks_habit(child: "Token") -> bool:
    if child.dep_ == "advmod" and child.lower_ in FREQUENCY:
        return True
    return child.dep_ in ("npadvmod", "tmod", "obl", "advmod") and child.lower_ in PERIOD and any(
        g.dep_ == "det" and g.lower_ in DISTRIBUTIVE for g in child.children)


INDEFINITE = frozenset("anyone anybody whoever someone somebody".split())
REPORTING = frozenset("said says say told tells according stated states added adds announced asked urged".split())


def tip_line(token: "Token") -> bool:
    """Whether the request word ``token`` is an outlet's standing invitation: its subject an indefinite pronoun
    ("anyone with information"), no agent ("by police"), and no one said to make it (no reporting verb outside
    the request word itself in its sentence)."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or not all(c.lower_ in INDEFINITE for c in subjects):
        return False
    if any(c.dep_ == "agent" for c in token.children) or _authority_to_call(token):
        return False
    return not any(t.lower_ in REPORTING and t.i != token.i for t in token.sent)


AUTHORITY = frozenset("police sheriff department office agency bureau unit detectives detective investigators "
                      "authorities fbi troopers patrol prosecutor prosecutors".split())


def _authority_to_call(token: "Token") -> bool:
    """"Anyone with information is asked to call the Waycross Police Department", "... should contact police": an
    appeal that names the authority to call is that authority's (tests/test_who_to_whom.py,
    tests/test_verbal_triggers.py); a tip line ("Crime Stoppers", a number) names no asker."""
    called = [o for c in token.children if c.dep_ == "xcomp" for o in c.children if o.dep_ == "dobj"]
    called += [o for o in token.children if o.dep_ == "dobj"]  # "anyone ... should contact police"
    return any(w.lower_ in AUTHORITY for o in called for w in o.subtree)


LIGHT = frozenset("make issue launch renew repeat reiterate voice send submit file lodge put present deliver "
                  "advance lead step echo join sound express publish release write sign receive reject refuse "
                  "deny accept grant heed answer respond decline approve concede meet fulfil fulfill honour honor "
                  "comply agree satisfy dismiss ignore".split())  # what makes, voices or answers a request: the
# answered request ("declined a request from the AP", "conceded to the demands of") is read with its answer
ARISE = frozenset("be come grow mount follow increase intensify multiply arise emerge".split())  # requests that
# come or grow are reported ("there were calls for", "calls for his resignation grew")
NOUN_REQUEST = True


def named_request(token: "Token") -> bool:
    """Whether the request noun ``token`` only names a request (see the module's doc): its phrase (through
    conjuncts and appositions) the object, complement or subject of a word that neither makes nor voices it."""
    if not NOUN_REQUEST or token.pos_ != "NOUN":
        return False
    top = token
    while top.dep_ in ("conj", "appos") and top.head.i != top.i:
        top = top.head
    head = top.head
    if top.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and head.lemma_.lower() in LIGHT:
        return False
    if top.dep_ == "pobj" and ((head.head.lemma_.lower() in LIGHT and head.dep_ == "prep")
                               or head.lower_ in ("at", "on", "upon")):
        return False  # "answered with a demand"; "at the request of the ambassador" tells who asked
    if top.dep_ in ("nsubj", "attr") and head.lemma_.lower() in ARISE:
        return False  # "the request came from the mayor", "there were calls for ...", "calls for X grew"
    return top.dep_ in ("nsubj", "dobj", "pobj", "attr", "oprd", "nsubjpass") and head.pos_ != "NOUN" or \
        top.dep_ == "pobj"


STATEMENT_NOUNS = frozenset({"CONSULT", "THREATEN", "AGREE", "COOPERATE", "SUPPORT", "REJECT"})
HOLD = LIGHT | frozenset("have hold conclude pay reach begin start open resume end close receive reveal extend "
                         "strike seal broker wrap attend perform conduct stage carry pledge promise declare offer "
                         "announce give lend set impose participate".split())
# what holds, attends, pays, reaches, ends, pledges or sets a meeting, an agreement, a visit, support, a deadline:
# "held talks", "had a meeting", "paid a visit", "reached an agreement", "concluded his visit", "pledged support"
WHEN = frozenset("during before after since until ahead".split())  # "during the summit", "ahead of an EU summit"
MOVING = frozenset("arrive come go travel fly leave head set be return begin start continue meet gather "
                   "stay remain".split())  # where one is or goes on a visit, for talks
NAMED_STATEMENTS = True


def named_statement(token: "Token", type_: str) -> bool:
    """Whether the event noun ``token`` of a verbal type (meetings, talks, visits, threats, warnings, agreements,
    cooperation, support, rejection) only names the event, as :func:`named_request` does for requests: its phrase
    (through conjuncts and appositions) reports the event as the object of a verb that holds, makes, voices or
    answers it ("held talks", "had a meeting", "paid a visit", "reached an agreement", "expressed its
    solidarity"), as the subject of a verb ("talks began", "the discussions were confidential", "cooperation
    between X and Y was strengthened"), as the
    predicate of an existential "there was a meeting" (not "this was a threat to his safety"), in a time adjunct
    ("during the summit", "ahead of an EU summit"), as the purpose of being or going somewhere ("arrived on a
    two-day visit", "was in Tehran for talks"), or alone (a headline); as the object of any other verb or of a
    preposition, or as a modifier of another noun, it names the event as a thing ("security details about the
    president's visit", "the failure of the negotiations", "ministers insist they are proportionate to the terror
    threat", "proponent of talks", "attended a town hall meeting", "a discussion group"): no event of its own."""
    if not NAMED_STATEMENTS or type_ not in STATEMENT_NOUNS or token.pos_ != "NOUN":
        return False
    top = token
    for _ in range(6):
        above = _phrase_head(top)
        if above is None:
            break
        top = above
    head = top.head
    if top.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and head.lemma_.lower() in HOLD:
        return False
    if top.dep_ in ("nsubj", "nsubjpass"):
        return False  # "talks began", "the discussions were confidential", "cooperation was strengthened"
    if top.dep_ == "attr" and head.lemma_.lower() == "be":
        return not any(c.dep_ == "expl" for c in head.children)  # "there was a meeting" reports one
    if top.dep_ == "pobj":
        preposition = head.lower_
        if preposition in WHEN or preposition == "of" and head.head.lower_ in WHEN:
            return False
        if preposition in ("on", "for") and head.head.lemma_.lower() in MOVING:
            return False  # "arrived in Amman on a visit", "is on a two-day visit", "was in Paris for talks"
        return not (head.dep_ == "prep" and head.head.lemma_.lower() in HOLD)  # "agreed on cooperation"
    return top.dep_ in ("dobj", "oprd", "poss", "npadvmod", "nmod")


def _phrase_head(token: "Token") -> "Token | None":
    """The noun whose phrase ``token`` belongs to, where that noun says how the event is told: a conjunct's or an
    apposition's first noun, a compound's head ("launched a mediation effort"), the noun of an of-phrase ("began a
    new round of joint exercises"); None at the phrase's top."""
    head = token.head
    if head.i == token.i:
        return None
    if token.dep_ in ("conj", "appos", "compound") and head.pos_ in ("NOUN", "PROPN"):
        return head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head
    return None


DENY = frozenset({"deny"})
CLAIMS = frozenset("allegation accusation charge claim report rumour rumor suggestion involvement responsibility "
                   "link wrongdoing statement story".split())  # what a denial answers


def denial_of_claim(token: "Token", type_: str) -> bool:
    """Whether the REJECT word ``token`` ("deny") denies a claim rather than refusing a request: with a clause or
    a gerund ("denied that the security services played any role", "denied the campaign was anti-semitic",
    "denies engaging in personal campaigning"), a claim as its object ("denied the allegations"), or a claim as
    the subject of its passive ("the statement was later flatly denied"). The guidelines code such a denial as
    the denied event's factuality, never as a REJECT; a refusal keeps its object ("denied the request", "were
    denied visas")."""
    if type_ != "REJECT" or token.lemma_.lower() not in DENY or token.pos_ != "VERB":
        return False
    kids = list(token.children)
    if any(c.dep_ in ("ccomp", "xcomp", "csubj", "pcomp") for c in kids):
        return True
    objects = [c for c in kids if c.dep_ == "dobj"]
    if any(o.tag_ == "VBG" or o.lemma_.lower() in CLAIMS for o in objects):
        return True
    return not objects and any(c.dep_ == "nsubjpass" and c.lemma_.lower() in CLAIMS for c in kids)


def unreported(token: "Token", type_: str) -> bool:
    """Whether the mention of type ``type_`` at ``token`` reports no occurrence: an event named as a thing or a
    denial of a claim (see each)."""
    return NAMED_STATEMENTS and (named_statement(token, type_) or denial_of_claim(token, type_))
