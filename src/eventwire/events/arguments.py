"""Extract stage, part 3: who did what to whom — the actor and recipient phrases of a trigger group.

Dependency rules, not word order: active subject / passive agent ("killed by a US drone") is the actor;
object / passive subject / "on", "against", "into" object is the recipient; a participle modifying a
noun takes that noun ("others killed in ..." are victims, "media blaming ..." are the actor); a relative
pronoun stands for its antecedent; a clause without a subject inherits its governing clause's; a noun
trigger takes its possessor or national modifier ("US strike") as actor, except nouns of killing, whose
possessor is the victim ("Soleimani's killing"). A weapon is never an actor ("rockets slammed into ..."),
though a person named by one is ("gunmen"); a place hit stands for the people at it ("a base where American
troops are deployed"). Parties that fight each other ("X and Y clashed", "clashes between X and Y") give the
first named as actor and the others as recipients; a deed judged ("condemned the murder committed by the
FMLN") stands for its authors; the means ("violated the ceasefire by shelling") takes the governing subject.
Who voices a state's act acts for it ("Erdogan reiterated Turkey's support"); who faces an act from someone
undergoes it ("Iran faces criticism from the U.N."); parties that sign an agreement are each other's counterparts;
forces deployed deploy; a judged deed with a place but no author stands for the place ("attacks in Tehran").

This module only finds phrase heads (tokens); :mod:`eventwire.actors` turns phrases into actors.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..knowledge.words import SPEECH_VERBS
from .antecedents import (COUNTRY_LOOKALIKES, PRONOUNS, RELATIVE, antecedents as _antecedents,
                          resolve_pronouns as _resolve_pronouns, speaker as _speaker)
from .triggers import TriggerGroup, agents, is_weapon
from .surrender import custody_roles as _custody_roles
from ..knowledge.lexicon import Lexicon
from ..actors.mentioned import counted_people, is_age_noun, names_people
from .reported import (MANNER_NOUNS, NOT_PARTIES, STATE_NOUNS, attribution as _attribution,  # noqa: F401
                       captors as _captors, faulted as _faulted, judged_conduct as _judged_conduct, named as _named,
                       prep_objects as _prep_objects, raised_about as _raised_about, thing as _thing,
                       performers as _performers, trailing_reporter as _trailing_reporter)
from .constructions import (ATTACKER_NOUNS, CREWED, DOER_OF_NOUNS, FINDING, HARMING,  # noqa: F401
                            JUDGED_BY_SAYING, STRIKING_NOUNS, assailants as _assailants,
                            attacker_word as _attacker_word, contacted as _contacted, harm_or_custody,
                            harmed_subjects, judged as _judged, left_subject as _left_subject, up_to as _up_to)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

VICTIM_NOUNS = {"killing", "death", "assassination", "murder", "kidnapping", "abduction", "execution",
                "arrest", "detention", "release", "torture", "rape"}
TARGET_PREPS = {"on", "against", "into", "at", "upon"}
PARTNER_PREPS = {"with"}
# Types whose act goes *to* someone ("aid to Mozambique", "hand over to Britain", "apologised to Brazil"),
# or is taken *from* someone (a withdrawal from Lebanon), or stands *between* parties (mediation).
TO_TYPES = {"AID", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "REQUEST", "CONSULT", "ACCUSE", "REJECT",
            "THREATEN", "SANCTION", "RETREAT"}
FROM_TYPES = {"RETREAT", "SANCTION"}
# Acts named by a noun that goes *for* someone: "aid for Romania", "its support for the GNA", "solidarity for the
# Salvadoran people"; with a possessor the "of" phrase is the receiver too ("his strong support of President X").
FOR_TYPES = {"AID", "SUPPORT"}
JUDGING_TYPES = {"ACCUSE", "REJECT", "SANCTION", "THREATEN"}  # their object may be a deed that stands for its author
BETWEEN_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
PURPOSE_PREPS = {"for", "on"}  # "arrived on a visit", "flew in for talks": the traveller is the actor
SUPPORT_VERBS = {"launch", "carry", "conduct", "stage", "hold", "mount", "have", "begin", "start", "attend",
                 "be", "make", "take", "lead", "order", "claim", "continue", "join", "resume", "open", "engage",
                 "involve"}
SITE_NOUNS = {"area", "base", "building", "embassy", "village", "town", "city", "house", "home", "headquarters",
              "compound", "office", "camp", "position", "checkpoint", "convoy", "vehicle", "car", "bus", "post",
              "station", "barracks", "school", "hospital", "market", "mosque", "church", "airport", "residence",
              "consulate", "site", "facility", "zone", "neighbourhood", "neighborhood", "district", "street"}
# Verbs whose subject observes, judges or suffers an event named as their object rather than doing it
# ("confirmed the attacks", "condemned the bombing", "repelled an attack").
OBSERVING = {"say", "tell", "report", "confirm", "deny", "condemn", "criticize", "criticise", "discuss", "witness",
             "see", "watch", "fear", "investigate", "blame", "protest", "welcome", "support", "oppose", "reject",
             "mourn", "remember", "commemorate", "recall", "mark", "survive", "follow", "escape", "flee", "suffer",
             "prevent", "stop", "halt", "end", "resist", "repel", "foil", "thwart", "avoid", "denounce", "claim",
             "describe", "call", "hear", "expect", "predict", "announce", "praise", "hail", "cover", "film",
             "document", "record", "ignore", "cite", "probe", "study", "review", "monitor", "await", "anticipate",
             "face", "endure", "experience", "trigger", "cause", "spark", "provoke", "blame", "attribute", "link"}
DOCUMENTS = {"declaration", "statement", "letter", "report", "communique", "message", "resolution", "note",
             "appeal", "decree", "order", "ultimatum", "petition", "memo", "memorandum", "bulletin", "notice"}
QUANTITY_NOUNS = {"total", "number", "dozens", "hundreds", "thousands", "tens", "scores", "group", "some", "many",
                  "all", "most", "several", "dozen", "hundred", "thousand"}
LIVES = {"life", "lives"}  # "the shooting claimed the life of a boy": whose life it is
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}
PARTAKING = {"engage", "involve"}
STATIVE = {"oppose", "commit", "prepare", "determine", "resolve", "dedicate"}  # "is opposed to": no passive
DECLARING = {"announce", "declare"}  # who announces a ban or a ceasefire imposes it (an attack is only reported)
PEOPLE_PRONOUNS = {"he", "she", "they", "him", "her", "them"}
SELF_MOVING = {"MOBILIZE"}  # forces deployed or mobilised are who mobilises
REPORTED_BY_AUTHOR = {"ACCUSE"}  # an investigation is reported by the body that makes it
NO_OBJECT_RECIPIENT = {"PROTEST", "MOBILIZE", "RETREAT"}  # their object is what is waved, sent, stopped
NAME_ENTS = {"PERSON", "ORG"}  # entities whose words name one party together
# Verbs that lay an act at someone's door: "blamed the ELN for the bombing", "accused Iran of the attack",
# "arrested two men for the killing" -- the object did the act named after "for/of/over/with".
ATTRIBUTING = {"blame", "accuse", "charge", "convict", "indict", "arrest", "detain", "sentence", "prosecute", "try",
               "suspect", "condemn", "criticize", "criticise", "punish", "fine", "jail", "execute", "hold", "thank",
               "praise", "credit", "sue", "denounce"}
ATTRIBUTING_PREPS = {"for", "of", "over", "with", "in"}
CAUSATIVE = {"let", "make", "help", "have", "get"}  # their complement clause is their subject's act
INVOLVED = {"involve", "implicate", "responsible", "involved", "implicated"}
ACT_NOUNS = {"act", "series", "wave", "spate", "string", "campaign"}  # "an act of arson", "a wave of attacks"
# "claimed responsibility for the attack": the claimant did it.
RESPONSIBILITY = {"responsibility", "credit", "authorship"}
CLAIMING = {"claim", "take", "accept", "admit", "bear", "assume", "acknowledge"}
GROUP_ANAPHORS = {"it", "they", "its", "their", "them", "itself", "themselves", "we", "us", "our", "ourselves"}
ANAPHORS = GROUP_ANAPHORS | {"he", "she", "his", "her", "him", "i", "me", "my"}
# Verbs whose subjects act on each other ("the army and the rebels clashed", "clashes between X and Y"): the
# first party named is the actor, the others its counterparts.
RECIPROCAL = {"clash", "fight", "battle", "skirmish", "exchange", "engage", "duel", "confront", "fighting", "combat",
              "confrontation", "firefight", "gunfight", "shootout", "hostility", "hostilities"}

# Verbs by which a person states their state's act ("Erdogan reiterated Turkey's support", "the ambassador
# promised Washington's support", "the minister expressed the government's condolences"): the speaker acts for it.
VOICING = {"reiterate", "reaffirm", "promise", "pledge", "express", "voice", "extend", "convey", "offer",
           "declare", "affirm", "renew", "assure", "emphasize", "emphasise", "stress", "underline"}
# Verbs whose subject undergoes the act their object names ("faces criticism from the U.N.", "drew condemnation
# from Iran", "received threats from the group"): the subject is the recipient, "from X" the actor.
UNDERGOING = {"face", "receive", "draw", "attract", "suffer", "endure", "incur", "sustain", "encounter", "meet",
              "undergo", "stand"}  # "are undergoing trial for manslaughter", "stood trial"
DEPLOYING = {"deploy", "station", "dispatch", "redeploy", "post"}  # forces deployed are their senders' act
HOSTILE = {"ASSAULT", "COERCE"}  # "murder victims": whom an attack word names are not its authors
JOINT_NOUNS = {"agreement", "deal", "treaty", "accord", "pact", "memorandum", "exercise", "drill", "drills", "games",
               "partnership", "alliance", "truce", "armistice"}
JOINT_MODIFIERS = {"joint", "bilateral", "mutual", "combined"}


@dataclass(frozen=True)
class Roles:
    """Phrase heads (token indices) of a trigger group's actor, recipient and partner phrases."""

    actors: tuple[int, ...] = ()
    recipients: tuple[int, ...] = ()
    cause: int | None = None  # a trigger this event answers ("revenge for the killing", "calling the strike ...")
    deeds: tuple[int, ...] = ()  # recipients that are judged deeds standing for their place ("attacks in Tehran")


def find_roles(doc: "Doc", group: TriggerGroup, lex: Lexicon, *, triggers: frozenset[int],
               voiced: Callable[["Token"], bool] = lambda token: False) -> Roles:
    """Actor and recipient phrase heads of ``group``; ``triggers`` are all trigger tokens of the sentence;
    ``voiced``: first-person pronouns that stand for the text's own voice (a transcript's speaker:
    :mod:`.voices`), not for the subject of a speech verb above them."""
    actors: list["Token"] = []
    recipients: list["Token"] = []
    partners: list["Token"] = []
    type_ = group.rule.type
    for i in group.tokens:
        token = doc[i]
        if token.pos_ == "VERB":
            a, r = _verb_roles(token, lex)
            if type_ == "AID":  # "donated a shipment of ventilators to assist Ethiopia": the gift is no party
                r = [t for t in r if t.dep_ != "dobj" or not _thing(t)]
            if type_ == "COERCE":  # "turned himself in to police": the police take him into custody
                a, r = _custody_roles(token, a, r)
        else:
            a, r = _noun_roles(token, lex, type_)
        actors += a
        if type_ not in NO_OBJECT_RECIPIENT:  # what is waved, sent or stopped is not a party
            recipients += r
        elif type_ not in SELF_MOVING:  # ... but people set free are ("released two homeguards"; not "withdrew
            recipients += [t for t in r if (names_people(t) or t.lower_ in PEOPLE_PRONOUNS) and not any(  # its troops")
                c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)]
        else:  # "mobilized reservists for a possible war against Iraq": whom the forces are raised against
            recipients += [g for p in token.subtree if p.dep_ == "prep" and p.lower_ == "against"
                           for g in p.children if g.dep_ == "pobj"]
        for bearer in _phrase_bearers(token):  # "a mediation mission between ...", "opened investigations against"
            recipients += _prep_objects(bearer, _directional(type_, noun=token.pos_ != "VERB") | {"against"})
            recipients += _prep_objects(bearer, {"between"} if type_ in BETWEEN_TYPES else set())
            if (token.lemma_.lower() in RECIPROCAL or type_ in BETWEEN_TYPES) and token.pos_ == "NOUN" \
                    and bearer is token and not actors:  # "cooperation between the Philippines and the US"
                sides = _prep_objects(bearer, {"between"})  # "clashes between the army and the rebels"
                actors += sides[:1]
                recipients += [c for s in sides[:1] for c in s.conjuncts] + sides[1:]
            partners += _prep_objects(bearer, PARTNER_PREPS)
        if token.dep_ == "pobj" and token.head.lower_ == "under":  # "put under investigation", "came under attack"
            recipients += [c for c in token.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if type_ == "ACCUSE" and token.pos_ == "VERB":
            recipients = _faulted(token, recipients)
    if group.rule.condition == "obligation" or type_ == "REQUEST":  # "demanded that the US cancel ...",
        asked = [s for i in group.tokens for c in doc[i].children  # "its demand that Israel ease ...":
                 if c.dep_ in ("ccomp", "acl") and c.pos_ in ("VERB", "AUX")  # those who must act are asked
                 and not _attribution(c) for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        recipients = asked or recipients
    if not recipients:  # "offered to hand over to Britain": the act's receiver is the offer's
        recipients = _complement_recipients(doc[group.head], lex, type_)
    if not recipients and type_ in JUDGED_BY_SAYING and doc[group.head].lemma_.lower() in SPEECH_VERBS:
        recipients = _judged(doc[group.head])  # "said Mr Bell's comments were irresponsible"
        recipients += _raised_about(recipients)  # "said the lapses raise questions about the government's ..."
    conduct = _judged_conduct(doc[group.head]) if type_ in JUDGING_TYPES and doc[group.head].pos_ == "VERB" else []
    if conduct:  # "criticized how the government dealt with ...", "condemned the way the police handled ..."
        recipients = conduct + [r for r in recipients if r.lemma_.lower() not in MANNER_NOUNS and r not in conduct]
    if type_ == "PROTEST":  # "a rally in Lagos to protest the rights violations", "in protest of X's refusal"
        recipients = _protested(doc[group.head]) + recipients
    if type_ in ("PROTEST", "REJECT", "RETREAT"):  # "will not end the strike until the government meets ...": whose
        recipients += _until_party(doc[group.head])  # act would end it is whom it is aimed at
    if group.rule.condition == "quote":
        actors += _speaker(doc[group.head])
    head = doc[group.head]
    if not actors and head.pos_ == "VERB" and (type_ in SELF_MOVING or head.lemma_.lower() in DEPLOYING):
        actors += [c for c in head.children if c.dep_ == "nsubjpass" and (  # "126 army men were deployed",
            type_ in SELF_MOVING or names_people(c))]  # "2,000 Russian soldiers were deployed as peacekeepers"
    if not actors and head.pos_ == "NOUN" and head.dep_ in ("compound", "amod") and type_ not in HOSTILE \
            and names_people(head.head):  # "West African peacekeeping troops", "U.N. peacekeeping chief X"
        actors.append(head.head)
    if not actors and type_ in REPORTED_BY_AUTHOR and head.pos_ == "NOUN":  # "police said the investigation
        actors += _speaker(head)  # revealed ...": who reports an inquiry made it
    if type_ in JUDGED_BY_SAYING and head.pos_ == "NOUN" and actors and all(_thing(a) for a in actors):
        actors = _speaker(head) or actors  # "X said the lapses raise questions about Y": the questions are X's
    placed_deeds: set[int] = set()
    if type_ in JUDGING_TYPES:  # "condemned the murder committed by the FMLN": the judged are its authors
        recipients = [a for r in recipients for a in (_deed_authors(r, lex) if r.i in triggers else [r])]
        placed_deeds = {r.i for r in recipients if r.i in triggers and _placed_deed(r)}  # "attacks in Tehran"
    cause = _cause(doc, group, recipients, triggers) if type_ != "ASSAULT" else None
    actors = _expand(_resolve_pronouns(actors, ANAPHORS, voiced), lex, exclude=group.tokens)
    recipients = _expand(_resolve_pronouns(recipients, GROUP_ANAPHORS, voiced), lex, exclude=group.tokens,
                         deeds=placed_deeds)
    partners = _expand(partners, lex, exclude=group.tokens)
    if type_ in SYMMETRIC:  # talks *with* Iran: both sides act, and each is the other's counterpart
        actors += [p for p in partners if p not in actors]
        recipients += [p for p in partners if p not in recipients]
        if len(actors) > 1 and actors[1] in actors[0].conjuncts:  # "Canada and Costa Rica agreed":
            recipients = actors[1:] + [r for r in recipients if r not in actors]  # each is the other's counterpart
    else:
        recipients += [p for p in partners if p not in recipients and p not in actors]
        if (head.lemma_.lower() in RECIPROCAL or _joint(head)) and len(actors) > 1 \
                and actors[1] in actors[0].conjuncts:  # "X and Y clashed", "X and Y signed an agreement"
            recipients = actors[1:] + [r for r in recipients if r not in actors]
            actors = actors[:1]
    recipients = [r for r in recipients if r not in actors or type_ in SYMMETRIC]
    return Roles(tuple(t.i for t in actors), tuple(t.i for t in recipients), cause,
                 tuple(t.i for t in recipients if t.i in placed_deeds))


def _verb_roles(verb: "Token", lex: Lexicon) -> tuple[list["Token"], list["Token"]]:
    children = list(verb.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")
    shared = verb.dep_ == "conj" and (verb.tag_ == "VBN" or verb.tag_ == "VBD" and verb.lemma_.lower() in HARMING
                                      and not any(c.dep_ == "dobj" for c in children)) \
        and not any(c.dep_ in ("nsubj", "aux") for c in children) \
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)  # "were shot and injured", "a man
    # was found minutes later, shot in the arm" (a participle the tagger read as a past tense)
    passive = passive or shared
    bare = verb.dep_ in ("advcl", "xcomp", "oprd") and verb.tag_ == "VBN" and not any(  # "A fourth victim was
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark", "dobj") for c in children)  # found later, shot in
    # both legs", "a man was found shot in his car"
    small = verb.tag_ == "VBN" and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in FINDING and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in children)  # "police found him shot in the head"
    if small:
        return [], _antecedents([c for c in children if c.dep_ == "nsubj"])
    if _trailing_reporter(verb.head) == verb:  # "X are failing ..., a rights group protested on Wednesday"
        return [verb.head], _antecedents([c for c in verb.sent.root.children if c.dep_ in ("nsubj", "nsubjpass")])
    stative = passive and verb.lemma_.lower() in STATIVE and not any(c.dep_ == "agent" for c in children)
    passive = passive and not stative  # "Israel is opposed to French mediation": a stance its subject holds
    actors, recipients = [], []
    if bare and not passive:  # a bare past participle is passive: the governing clause's subject (or the object
        governor = verb.head  # of "found X shot") undergoes it
        recipients += [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")] if verb.dep_ == "advcl" \
            or not any(c.dep_ == "dobj" for c in governor.children) else [
                c for c in governor.children if c.dep_ == "dobj"]
        actors += [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return _antecedents(actors), _antecedents(recipients)
    if passive:
        recipients += [c for c in (verb.head.children if shared else children) if c.dep_ == "nsubjpass"]
        if not recipients and not shared and verb.dep_ != "acl":  # "..., 53-year-old Quenten Wright was shot":
            recipients += _left_subject(verb)  # a subject the parse hung elsewhere stands just before the verb
        actors += [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        actors = actors or _assailants(children) or _contacted(verb) or _captors(verb, recipients)
    else:
        actors += [c for c in children if c.dep_ == "nsubj" or stative and c.dep_ == "nsubjpass"]
        if not actors:  # "X however have opposed": the parse may hang the subject on the auxiliary
            actors += [g for c in children if c.dep_ == "aux" and c.i < verb.i for g in c.children if g.dep_ == "nsubj"]
        if not actors:  # "USAID deployed ...": a name before the verb that the parse took for an adverb
            actors += [c for c in children if c.dep_ in ("advmod", "npadvmod", "dep") and c.i < verb.i
                       and c.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") and not list(c.children)]
        recipients += [c for c in children if c.dep_ in ("dobj", "dative") and _trailing_reporter(c) is None] \
            + _up_to(children)
        if not recipients:
            recipients += _prep_objects(verb, TARGET_PREPS | PARTNER_PREPS)
    if not actors and not passive:  # "blamed the rebels for killing five soldiers"
        actors += _authors(verb)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        recipients += [verb.head] + [h for h in (verb.head.head,) if verb.head.dep_ == "conj"]
    elif verb.dep_ in ("acl", "pcomp") and verb.tag_ == "VBG" and not actors and verb.head.pos_ != "ADP":
        head = verb.head  # "media blaming the US"; "issued a statement demanding ...": the issuer
        document = head.lemma_.lower() in DOCUMENTS and head.dep_ == "dobj"
        actors += [c for c in head.head.children if c.dep_ == "nsubj"] if document else [head]
    if verb.dep_ == "nsubj" and verb.head.pos_ == "VERB" and verb.tag_ == "VBG":  # "a drive-by shooting claimed
        recipients += [c for c in verb.head.children if c.dep_ == "dobj"]  # the life of a boy" (gerund subject)
    if not actors and not passive and verb.dep_ == "relcl" and verb.tag_ == "VBD":  # "X, a number of parties
        actors.append(verb.head)  # and the Taliban on Thursday condemned ...": a past verb parsed as a relative
    if not actors and not passive:
        actors += _inherited_subject(verb)
    actors = _antecedents(actors)
    armed = [a for a in actors if not _weapon(a, lex)] + _event_agents(actors, lex)
    if not armed:  # "the helicopters fired rockets": a crewed weapon with no one named stands for its crew
        armed = [a for a in actors if a.lemma_.lower() in CREWED]
    return armed, _antecedents(recipients)


def _noun_roles(noun: "Token", lex: Lexicon, type_: str) -> tuple[list["Token"], list["Token"]]:
    lemma = noun.lemma_.lower()
    held = harm_or_custody(noun, _prep_objects)  # "died from a gunshot wound", "taken into custody by police"
    if held is not None:
        return held
    victim_noun = lemma in VICTIM_NOUNS or noun.lower_ in VICTIM_NOUNS
    actors, recipients = [], []
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PRON" and child.lower_ not in ANAPHORS:
            continue  # "held their first meeting": the performing verb's subject says who
        if child.dep_ == "poss" and child.ent_type_ in NOT_PARTIES:
            continue  # "will attend Saturday's meeting": a date, not a party; the performing verb's subject is
        if child.dep_ == "poss":
            (recipients if victim_noun else actors).append(child)
        elif child.dep_ in ("compound", "amod", "nmod") and (_named(child) or _attacker_word(child)) \
                and not victim_noun:
            actors.append(child)  # "US strike", "the guerrilla attack"
    actors += _prep_objects(noun, {"by"}) + _performers(noun)
    if not actors and (lemma in DOER_OF_NOUNS or noun.lower_ in DOER_OF_NOUNS):  # "the resignation of X": X resigned
        actors += _prep_objects(noun, {"of"})
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in UNDERGOING:  # "Iran faces criticism from the U.N.":
        actors += _prep_objects(noun, {"from"}) + _prep_objects(noun.head, {"from"})  # the subject undergoes it
        recipients += [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    owned = type_ in FOR_TYPES and any(c.dep_ == "poss" for c in noun.children)  # "his support of President X"
    struck = type_ in HOSTILE and lemma in STRIKING_NOUNS  # "the bombing of a police station": what was hit
    recipients += _prep_objects(noun, TARGET_PREPS | PARTNER_PREPS | ({"of"} if victim_noun or owned or struck
                                                                     else set()))
    phrase = noun.head if noun.dep_ == "compound" else noun  # "launched a mediation effort"
    authors = _authors(phrase)
    if not authors and phrase.dep_ == "pobj" and phrase.head.lower_ == "of" \
            and phrase.head.head.lemma_.lower() in ACT_NOUNS:  # "claimed responsibility for an act of arson"
        authors = _authors(phrase.head.head)
    if authors and not any(a.dep_ in ("poss", "agent") or a.dep_ == "pobj" and a.head.lower_ == "by" for a in actors):
        return authors, [r for r in recipients if r not in authors]  # "the Ghazni attacks": a place, the claimant did it
    for _ in range(2):  # "launched ten days of war games", "carried out a series of raids"
        if phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and phrase.head.head.pos_ in ("NOUN", "NUM"):
            phrase = phrase.head.head
    anaphoric = all(a.lower_ in ANAPHORS and a.text not in COUNTRY_LOOKALIKES for a in actors)
    harmed = harmed_subjects(phrase.head.head) if phrase.dep_ == "pobj" and phrase.head.dep_ == "prep" else None
    if harmed is not None and type_ in HOSTILE:  # "two bailiffs and a gunman are dead after a shooting": the
        harmed = [c for h in harmed for c in (h, *h.conjuncts)]  # gunman who died is still its author
        attackers = [h for h in harmed if h.lower_ in ATTACKER_NOUNS or h.lemma_.lower() in ATTACKER_NOUNS]
        actors += [h for h in attackers if h not in actors]
        recipients += [h for h in harmed if h not in attackers and h not in recipients]
    elif anaphoric and phrase.dep_ in ("dobj", "pobj", "attr"):
        governor = phrase.head.head if phrase.dep_ == "pobj" else phrase.head
        purpose = phrase.dep_ == "pobj" and phrase.head.lower_ in PURPOSE_PREPS and governor.pos_ in ("VERB", "AUX")
        verb = governor.lemma_.lower()
        performed = phrase.dep_ == "dobj" and governor.pos_ == "VERB" and verb not in UNDERGOING and (
            verb not in OBSERVING or verb in DECLARING and type_ != "ASSAULT")  # "Italy announced a suspension"
        if verb in SUPPORT_VERBS or purpose or performed:  # "issued an ultimatum"
            deps = ("nsubj", "nsubjpass") if verb in PARTAKING else ("nsubj",)  # "were engaged in ethnic cleansing"
            actors = [c for c in governor.children if c.dep_ in deps] or _inherited_subject(governor) or actors
    elif _speaks_for_state(actors) and phrase.dep_ == "dobj" and phrase.head.pos_ == "VERB" \
            and phrase.head.lemma_.lower() in VOICING:  # "Erdogan reiterated Turkey's support": who voices a
        actors = [c for c in phrase.head.children if c.dep_ == "nsubj" and c.lower_ not in ANAPHORS] + actors
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":  # "held 20,000
        verb = noun.head.head  # civilians as human shields": those held are the victims, the holders act
        recipients += [c for c in verb.children if c.dep_ == "dobj"]
        actors = actors or [c for c in verb.children if c.dep_ == "nsubj"] or _inherited_subject(verb)
    if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        recipients += [c for c in noun.head.children if c.dep_ == "dobj"]
        if not actors and noun.head.lemma_.lower() in ("come", "arrive"):  # "requests have come from X"
            actors = _prep_objects(noun.head, {"from"})
    if not actors and noun.dep_ in ("pobj", "pcomp") and noun.head.lower_ == "by" \
            and noun.head.head.pos_ in ("VERB", "AUX"):  # "violated the ceasefire by shelling": the means
        actors = _inherited_subject(noun)
    if noun.dep_ == "nsubjpass" and not actors:  # "the request was advanced by the Municipality"
        actors = [g for c in noun.head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return actors, recipients


def _placed_deed(noun: "Token") -> bool:
    """A judged deed whose author the sentence does not name but whose place it does ("condemned terrorist
    attacks in Tehran"): the deed's phrase stands for the place it hit, as a thing hit at a place does."""
    return noun.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "near", "against") and any(
        g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.subtree) for c in noun.children)


def _joint(head: "Token") -> bool:
    """An act two parties do together, named by the trigger or its object ("signed an agreement", "held a joint
    exercise", "a bilateral treaty"): coordinated subjects are each other's counterparts."""
    nouns = [head] + [c for c in head.children if c.dep_ in ("dobj", "attr")]
    return any(n.lemma_.lower() in JOINT_NOUNS or any(
        a.dep_ == "amod" and a.lower_ in JOINT_MODIFIERS for a in n.children) for n in nouns)


def _speaks_for_state(actors: list["Token"]) -> bool:
    """All the noun trigger's parties are states named as possessors or modifiers ("Turkey's support", "the
    Ethiopian government's support", "US backing")."""
    return bool(actors) and all(a.ent_type_ in ("GPE", "NORP") or a.lemma_.lower() in STATE_NOUNS for a in actors)


def _deed_authors(noun: "Token", lex: Lexicon) -> list["Token"]:
    """Who did the deed a noun names, when the sentence says so ("the FMLN's attack", "the murder committed by
    the FMLN", "the attack by rebels", "union demands"); else the noun itself."""
    if noun.pos_ != "NOUN":
        return [noun]
    victim_noun = noun.lemma_.lower() in VICTIM_NOUNS or noun.lower_ in VICTIM_NOUNS
    authors = _prep_objects(noun, {"by"}) + _performers(noun)
    if not victim_noun:  # "the FMLN's attack", "US demands", "critics' calls" (the apostrophe lost in lower case)
        authors += [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON" or c.dep_ in (
            "compound", "amod", "nmod") and (_named(c) or c.dep_ == "compound" and c.pos_ == "NOUN"
                                             and names_people(c)) and not _weapon(c, lex)]
    return authors or [noun]


def _weapon(token: "Token", lex: Lexicon) -> bool:
    """A weapon or attack word, but not a person named by one ("a suicide bomber", "gunmen")."""
    return is_weapon(token, lex) and not any(c.lower_ == "suicide" for c in token.children) \
        and not (token.pos_ == "NOUN" and names_people(token))


def _authors(phrase: "Token") -> list["Token"]:
    """Who an act is laid on: the object of "blamed X for it", "accused X of it", "arrested X over it"; the subject
    of "X was blamed for it"; the claimant of "X claimed responsibility for it"."""
    while phrase.dep_ == "conj" and phrase.head.i != phrase.i:  # "for both the Farah and the Ghazni attacks"
        phrase = phrase.head
    if phrase.dep_ not in ("pobj", "pcomp") or phrase.head.lower_ not in ATTRIBUTING_PREPS:
        return []
    governor = phrase.head.head
    lemma = governor.lemma_.lower()
    if lemma in CLAIMING and governor.pos_ == "VERB" and any(  # the parse hangs "for it" on the verb
            c.dep_ == "dobj" and c.lemma_.lower() in RESPONSIBILITY for c in governor.children):
        return _antecedents([c for c in governor.children if c.dep_ == "nsubj"] or _inherited_subject(governor))
    if lemma in INVOLVED and (governor.dep_ in ("acl", "amod") or governor.pos_ == "ADJ" and governor.dep_ == "amod"):
        return [governor.head]  # "two suspects involved in a shooting", "the group responsible for the attack"
    if lemma in INVOLVED:  # "two men were involved in the shooting", "X is responsible for the attack"
        holder = governor.head if governor.dep_ == "acomp" else governor
        return _antecedents([c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")])
    if governor.pos_ == "VERB" and lemma in ATTRIBUTING:
        passive = [c for c in governor.children if c.dep_ == "nsubjpass"]
        objects = [c for c in governor.children if c.dep_ == "dobj"]
        return _antecedents(objects or passive)
    if lemma in RESPONSIBILITY and governor.dep_ == "dobj" and governor.head.lemma_.lower() in CLAIMING:
        verb = governor.head
        return _antecedents([c for c in verb.children if c.dep_ == "nsubj"] or _inherited_subject(verb))
    return []


def _phrase_bearers(token: "Token") -> list["Token"]:
    """Where a trigger's prepositional phrases may hang: the trigger, the noun it modifies ("mediation
    mission"), and the verb that performs it ("opened investigations against ...")."""
    bearers = [token]
    if token.dep_ == "compound":
        bearers.append(token.head)
    noun = bearers[-1]
    if token.pos_ != "VERB" and noun.dep_ == "dobj" and noun.head.lemma_.lower() not in OBSERVING:
        bearers.append(noun.head)
    return bearers


# Verbs of a protest's purpose clause whose object is what the protest is against ("to protest X", "to demand
# the return of property seized by X", "their effort to overthrow President X").
PROTESTING = {"protest", "oppose", "denounce", "condemn", "decry", "demand", "overthrow", "topple", "oust", "reject",
              "challenge", "press", "pressure", "urge", "force"}


def _protested(trigger: "Token") -> list["Token"]:
    """What a protest is against: the object of its purpose clause, or of "of/over/at" after a protest noun."""
    found = _prep_objects(trigger, {"of", "over", "at"}) if trigger.pos_ == "NOUN" else []
    bearers = [trigger] + ([trigger.head] if trigger.dep_ in ("dobj", "pobj", "nsubj") else [])
    bearers += [b.head for b in bearers if b.dep_ == "pobj" and b.head.dep_ == "prep"]  # "went on strike to ..."
    for bearer in bearers:
        for clause in (c for c in bearer.subtree if c.dep_ in ("advcl", "xcomp", "acl", "relcl") and c.pos_ == "VERB"
                       and c.lemma_.lower() in PROTESTING and c.head in bearers or c.head.head in bearers
                       and c.dep_ == "xcomp" and c.lemma_.lower() in PROTESTING):
            found += [c for c in clause.children if c.dep_ == "dobj" and c not in found]
    return found


def _until_party(trigger: "Token") -> list["Token"]:
    """The subject (passive: the agent) of an "until" clause of the trigger or of the verb whose object it is."""
    found = []
    for bearer in {trigger, trigger.head if trigger.dep_ in ("dobj", "pobj") else trigger}:
        bearer = bearer.head if bearer.dep_ == "pobj" else bearer  # "went on strike until ..."
        for clause in (c for c in bearer.children if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ == "until" for m in c.children)):
            found += agents(clause) or [c for c in clause.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE]
    return [t for t in found if t.pos_ != "PRON" or t.lower_ in PRONOUNS]


def _complement_recipients(head: "Token", lex: Lexicon, type_: str) -> list["Token"]:
    """Receivers named in the clause a verb of intent or refusal governs ("agreed to send aid to X")."""
    found = []
    for clause in (c for c in head.children if c.pos_ == "VERB" and (c.dep_ == "xcomp" or c.dep_ == "advcl" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children))):  # "opened fire to disperse X"
        if type_ not in NO_OBJECT_RECIPIENT:  # "threatened to shell Iraqi towns": named objects only
            found += [c for c in clause.children if c.dep_ == "dative" or c.dep_ == "dobj" and any(
                _named(t) for t in c.subtree)]
        found += _prep_objects(clause, {"to", "toward", "towards", "from", "with", "against"})
    return found


def _directional(type_: str, *, noun: bool = True) -> set[str]:
    preps = {"for"} if type_ == "AID" or type_ in FOR_TYPES and noun else set()  # "aid for Romania and Poland"
    if type_ in TO_TYPES:
        preps |= {"to", "toward", "towards"}
    if type_ in FROM_TYPES:
        preps.add("from")
    if type_ == "ACCUSE" and noun:  # "misgivings about government plans", "criticism over X's decision": what is
        preps |= {"about", "over"}  # found fault with stands for whose it is
    return preps


def _event_agents(subjects: list["Token"], lex: Lexicon) -> list["Token"]:
    """The national or possessive modifiers of an attack word used as subject ("The US strike killed")."""
    found = []
    for subject in subjects:
        if _weapon(subject, lex):
            found += [c for c in subject.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                      and (_named(c) or _attacker_word(c)) and not _weapon(c, lex)]
    return found


def _inherited_subject(token: "Token") -> list["Token"]:
    """The subject of the nearest governing clause, for a clause that has none (at most four steps: "Norway
    is willing to send material to help defend ...")."""
    for _ in range(4):
        causative = token.dep_ == "ccomp" and token.head.lemma_.lower() in CAUSATIVE  # "Ethiopia let free X"
        if token.dep_ in ("ccomp", "ROOT") and not causative or token.head.i == token.i:
            return []
        deps = ("nsubj", "nsubjpass") if token.dep_ in ("conj", "xcomp") else ("nsubj",)  # "X was indicted and
        # will resign"; "X was forced to resign" (a passive verb's subject does what its complement says)
        token = token.head
        subjects = [c for c in token.children if c.dep_ in deps]
        if subjects:
            return subjects
    return []


def _expand(tokens: list["Token"], lex: Lexicon, *, exclude: tuple[int, ...],
            deeds: set[int] = frozenset()) -> list["Token"]:
    """Conjuncts, the "of" part of quantities ("a total of five Guards"), the people at places hit; ``deeds``: attack
    words kept as phrases (a judged deed with no author but a place, which stands for the place). Words of one
    name that the parse split into several phrases ("Sheikh Hamad bin Khalifa al-Thani" read as four subjects)
    are one party: only the first is kept."""
    out: list["Token"] = []
    for token in tokens:
        for t in [token] + (list(token.conjuncts) if token.dep_ != "conj" else []):
            for item in _unwrap(t):
                if item.i not in exclude and item not in out and (item.i in deeds or not _weapon(item, lex) or (
                        item.lemma_.lower() in CREWED and item.dep_ == "nsubj")) \
                        and (item.ent_type_ not in NOT_PARTIES or is_age_noun(item) or counted_people(item)) \
                        and not any(_same_name(item, o) for o in out):
                    out.append(item)
    return out


def _same_name(a: "Token", b: "Token") -> bool:
    """Are ``a`` and ``b`` words of one multi-word person or organisation name (one entity of the parse)?"""
    if a.ent_type_ not in NAME_ENTS or a.ent_type_ != b.ent_type_ or a.ent_iob_ == "O" or b.ent_iob_ == "O":
        return False
    lo, hi = sorted((a.i, b.i))
    return all(a.doc[k].ent_iob_ == "I" for k in range(lo + 1, hi + 1))


def _unwrap(token: "Token") -> list["Token"]:
    lemma = token.lemma_.lower()
    if lemma in QUANTITY_NOUNS or token.lower_ in QUANTITY_NOUNS or lemma in LIVES:  # "claimed the life of X"
        inner = _prep_objects(token, {"of"})
        if inner:
            return inner + [c for t in inner for c in t.conjuncts]
    if lemma in SITE_NOUNS:
        occupants = [c for r in token.children if r.dep_ == "relcl" for c in r.children
                     if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE]
        near = _prep_objects(token, {"near", "outside", "of"})
        return [token] + occupants + near
    return [token]


def _attached_to(prep: "Token", tokens: tuple[int, ...]) -> bool:
    """Is the preposition a complement of a trigger or of the trigger's object ("vowed revenge for")?"""
    head = prep.head
    return head.i in tokens or (head.dep_ in ("dobj", "pobj", "attr") and head.head.i in tokens)


def _cause(doc: "Doc", group: TriggerGroup, recipients: list["Token"], triggers: frozenset[int]) -> int | None:
    """A trigger this event reacts to: "revenge for the killing", "calling the strike an act of war"."""
    for i in group.tokens:
        for child in doc[i].subtree:
            if child.i in triggers and child.i not in group.tokens and child.dep_ == "pobj" \
                    and child.head.lower_ == "for" and _attached_to(child.head, group.tokens):
                return child.i
    for r in recipients:
        if r.i in triggers and r.i not in group.tokens:
            return r.i
    return None
