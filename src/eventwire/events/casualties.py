"""Stage events/casualties: how many people a sentence says were killed, wounded or went missing.

:func:`count_casualties` reads one parsed sentence (a spaCy ``Span``):

1. every quantity (``12``, ``1,200``, ``nine``, ``twenty-one``, ``a dozen``, ``dozens``, ``hundreds``…) is
   attached to the noun it counts; dates, times, money, percentages, ordinals and ages are skipped
   (:mod:`eventwire.casualty_numbers`);
2. coordinated nouns form one group (``five Iranian Guards and five members`` = 10; a named person or
   ``himself`` beside a counted noun adds one: ``killing himself and 4 others`` = 5);
3. the group is classified by the words around it: the verb it is the victim of (``killed five``,
   ``12 people were killed``, ``5 people died``), a participle or adjective on it (``3 civilians killed``,
   ``10 wounded``), a casualty noun (``3 deaths``, ``the deaths of 3 soldiers``, ``12 bodies``,
   ``lost their lives``), a toll (``death toll rose to 12``), or ``victims``;
4. subsets (``including 5 children``, ``among them``) are not counted again;
5. negations (``no casualties``, ``no one was hurt``, ``no injuries``) give 0 to the fields they cover;
6. one person per singular or named victim (``the mayor``, ``Senator Galan``, ``X, who was murdered``,
   ``a reporter's wife and son``), lists the parser hangs as appositions (``Forero, his wife, and two
   other people``), and ``the priests`` counted as the story counted them before (``earlier``).

Groups of one kind are added up when their verbs are coordinated, else the largest is kept. Vague
quantities follow ACLED's conservative convention (``dozens`` = 12, ``hundreds`` = 100);
``several``/``many`` stay null. The lexicon lives in ``data/casualty_words.tsv``. Merging the counts of
an event's mentions is :mod:`eventwire.events.merge`'s.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from .misparses import subject_was_shot
from .victim_nouns import OTHER_ONES as _OTHER_ONES, bare_victim as _bare_victim, others_named as _others_named, \
    perpetrator as _perpetrator, shooting_victim as _shooting_victim, victim_hit as _victim_hit
from .casualty_numbers import SKIP_ENTS, CasualtyWords, is_number_word, load_casualty_words, negated, numbers, \
    telegraphic_toll, word_value
from .casualty_verbs import KINDS as _KINDS, SHOOT as _SHOOT, FATALLY as _FATALLY, HIT as _HIT, cue as _cue, \
    after_being as _after_being, dated_event_noun as _dated_event_noun, subjectless_killing as _subjectless_killing, \
    shared_subject_dies as _shared_subject_dies, dies as _dies, wounds_told as _wounds_told, \
    hit_wounds as _hit_wounds, fatally as _fatally, shot as _shot, shot_dead as _shot_dead, \
    the_dead as _the_dead, either as _either, attempted as _attempted
from .triggers import ARMED_BODIES, KILLING_NOUNS, is_weapon
from ..knowledge.lexicon import load_lexicon as load_event_lexicon
from ..knowledge.words import OTHERS
from .victim_groups import GUNFIRE as _GUNFIRE, TOTALS, additive as _additive, after_semicolon, age_noun as _age_noun, \
    almost as _almost, group_count, identified_as as _identified_as, members, multiples as _multiples, name_end, \
    second_subject as _second_subject, someone_else, subjects_nearest as _subjects_nearest, to_death as _to_death, \
    with_gunshot_wound, cared_for, gapped_care
from .multiple_shootings import people_hit, wounded_of_hit
from .killer_suicide import GAPPED, REFLEXIVES, killer_deaths, murder_suicide, turned_on_self
from .dead_retold import dead_among_wounded

__all__ = ["Casualties", "count_casualties", "counted_nouns", "load_casualty_words"]

_LIFE_VERBS = frozenset({"lose", "claim", "take", "cost"})
_REMAINS = frozenset({"body", "corpse"})
_ONE_KILLING = frozenset(KILLING_NOUNS - {"massacre"})  # not "the massacre of Segovia", a place
_SHOOTERS = frozenset({"sniper", "assassin", "attacker", "bomber"})  # people, though weapon words name them
_SINGLE_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
FATAL_WORDS = frozenset({"fatal", "deadly", "lethal"})  # "the fatal shooting of X"
_WHO = frozenset({"who", "that", "which"})  # "a man who died"; not "the hospital where he died", "gunmen who killed 3"


@dataclass(frozen=True)
class Casualties:
    """People killed, wounded and missing; ``None`` when the text does not say, 0 when it says none."""

    fatalities: int | None = None
    injured: int | None = None
    missing: int | None = None
    # every wounded person counted was only said to be shot: the sentence does not tell whether they lived
    # ("a man was shot in the chest"; the story may say later that he died). Not part of the counts' equality.
    shot: bool = field(default=False, compare=False)
    # every wounded person counted was only said to be in care ("in critical condition", "taken to a hospital"): a
    # report of the state of victims counted before more often than of others
    cared: bool = field(default=False, compare=False)
    # every dead person counted was only called a victim ("the four victims were hanging out"): the story's victims,
    # dead or wounded as the story tells elsewhere
    victims: bool = field(default=False, compare=False)


# ---------------------------------------------------------------- groups and their kind

def _attachment(noun):
    """The first conjunct of ``noun``'s coordination, lifted over ``a total of``/``dozens of``."""
    node = noun
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    first = node
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in TOTALS:
        node = node.head.head
    return first, node


def _noun_kind(group: list, lex: CasualtyWords, *, clauses: bool = False) -> str | None:
    """``3 deaths``, ``10 wounded``, ``12 bodies``, ``9 victims``, ``3 civilians killed``, ``claimed 12 lives``;
    with ``clauses`` only what a relative clause says of the noun (``a man who was killed``), which gives way
    to the main clause (``Oqueli, who was kidnapped, was found dead``)."""
    for noun in group:
        if clauses:
            for child in noun.children:
                subjects = [c.lower_ for c in child.children if c.dep_ == "nsubj"]
                if child.dep_ == "relcl" and (not subjects or _dies(child) and subjects[0] in _WHO):
                    kind = _cue(child, lex, ("adj", "verb")) or ("dead" if _to_death(child) or _shot_dead(child, lex)
                                                                  else None)  # "the man who was shot and killed"
                    if not kind and child.lemma_.lower() in _SHOOT and any(c.dep_ == "auxpass" for c in child.children):
                        kind = _shot(child, lex)  # "seven men who were shot": wounded, as far as the clause tells
                    if kind:
                        return kind
            continue
        kind = _cue(noun, lex, ("noun", "adj"))
        if kind:
            return kind
        if noun.lemma_.lower() in lex.cues.get("victim_noun", ()) and _shooting_victim(noun):
            return _relation_kind(noun, lex) or "shot"  # "a reported shooting victim": someone was hit, the
            # sentence does not say whether he lived (unless it does: "the shooting victim died")
        if noun.lemma_.lower() in lex.cues.get("victim_noun", ()) and _victim_hit(noun):
            return _shot(noun.head, lex)  # "two victims were struck in the legs": hit, alive as far as told
        if noun.lemma_.lower() in lex.cues.get("victim_noun", ()) and not _wounds_told(noun.sent, lex):
            return "dead"  # "the victims" are the dead, unless the sentence tells of wounds
        if noun.lemma_.lower() == "life" and noun.head.lemma_.lower() in _LIFE_VERBS:
            return "dead"
        for child in noun.children:
            if child.dep_ in ("amod", "acl") and child.i > noun.i - 3:
                kind = _cue(child, lex, ("adj", "verb")) or ("dead" if _shot_dead(child, lex) else None)
                if kind:  # "3 civilians killed", "the man shot and killed on Tuesday"
                    return kind
    return None


def _relation_kind(node, lex: CasualtyWords) -> str | None:
    """The kind the head of ``node`` gives it: victim of a verb, of a casualty noun, a toll."""
    head, rel = node.head, node.dep_
    if head is node:
        return None
    if turned_on_self(node):
        return "dead"
    if rel == "nsubj" and head.dep_ == "conj" and head.head.lemma_.lower() == "leave" and _cue(head, lex, ("verb",)) \
            and not any(c.dep_ == "dobj" for c in head.children):
        return _cue(head, lex, ("verb",))  # "left a girl dead and her grandmother wounded": "left" is understood
    death = _to_death(head) or _fatally(head)
    if rel == "nsubj" and head.lemma_.lower() in _SHOOT and subject_was_shot(head, death=death):
        return "dead" if death else "shot"  # "found X shot to death", "four men fatally shot in X were" (misparsed)
    if rel in ("nsubj", "nsubjpass") and _shared_subject_dies(head, lex, passive=rel == "nsubjpass"):
        return "dead"  # "X and Y were abducted and killed": the second verb shares the subject
    if rel in ("dobj", "nsubjpass", "oprd", "attr") and _cue(head, lex, ("verb",)):
        if _cue(head, lex, ("verb",)) == "dead" and (_almost(head) or _attempted(head, lex) or _either(head, lex)):
            return None  # "was almost killed", "tried to kill the governor", "killed or wounded": not (all) dead
        return "dead" if _fatally(head) else _cue(head, lex, ("verb",))  # "fatally wounded": dead
    if rel in ("dobj", "nsubjpass") and _to_death(head):  # "shot 16 peasants to death", "was beaten to death"
        return "dead"
    if rel in ("dobj", "nsubjpass") and (head.lemma_.lower() in _SHOOT or _hit_wounds(head, lex)) \
            and not _attempted(head, lex):  # "was struck in the chest", "fatally struck X"
        return _shot(head, lex)
    if rel == "dobj" and head.lemma_.lower() in _HIT and any(  # "the bullet struck the boy": shot
            c.dep_ == "nsubj" and c.lemma_.lower() in _GUNFIRE for c in head.children):
        return _shot(head, lex)
    if rel in ("nsubjpass", "dobj") and any(c.dep_ in ("oprd", "acomp", "xcomp") and _cue(c, lex, ("adj",)) == "dead"
                                           for c in head.children):
        return "dead"  # "was found dead with a gunshot wound", "found the woman dead": the wound killed
    if with_gunshot_wound(node):  # "found with a gunshot wound", "suffered a gunshot wound to the leg"
        return "shot"
    if cared_for(node):  # "is in critical condition", "was taken to a hospital": wounded unless the sentence
        return "care"  # tells a death (count_casualties weighs that)
    if rel == "npadvmod" and node.ent_type_ == "PERSON" and _cue(head, lex, ("verb",)) == "dead" \
            and not any(c.dep_ == "dobj" for c in head.children):
        return "dead"  # "assassinated in less than 48 hours, X, Y and Z": the parse loses the object
    if rel == "appos" and "Plur" in head.morph.get("Number") and _cue(head, lex, ("noun",)) == "dead":
        return "dead"  # "the assassinations which occurred in July: X, Y and Z"
    if rel == "poss" and _cue(head, lex, ("noun",)) == "dead":  # "the six priests' murder"
        return "dead"
    if rel == "dobj":  # "left 5 dead"
        for child in head.children:
            if child.dep_ in ("oprd", "acomp", "xcomp") and _cue(child, lex, ("adj",)):
                return _cue(child, lex, ("adj",))
    counted = node.like_num or any(c.dep_ == "nummod" for c in node.children)
    if rel == "nsubj" and ((head.tag_ == "VBN" or head.tag_ == "VBD" and counted)
                           and not any(c.dep_ == "dobj" for c in head.children)
                           or head.lower_ in lex.cues.get("missing_adj", ())):  # "Four people killed, five injured"
        kind = _cue(head, lex, ("verb", "adj"))  # "30 wounded" (elided "were"), "3 are missing"
        if kind:
            return kind
    if rel == "nsubjpass":  # "was found dead", "was found shot to death"
        for child in head.children:
            if child.dep_ in ("acomp", "oprd", "xcomp") and (_cue(child, lex, ("adj",)) == "dead"
                                                             or _shot_dead(child, lex)):
                return "dead"
    if rel == "nsubj":
        if _dies(head) or head.lemma_.lower() == "disappear":
            return "dead" if head.lemma_.lower() != "disappear" else "missing"
        if head.lemma_.lower() == "lose" and any(c.lemma_.lower() == "life" for c in head.children):
            return "dead"
        if head.lemma_.lower() == "survive" and any(c.dep_ == "neg" for c in head.children) \
                and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in head.children):
            return "dead"  # "the man did not survive" (not "did not survive the war": an object it outlived or not)
        for child in head.children:
            if child.dep_ in ("acomp", "attr", "oprd") and _cue(child, lex, ("adj", "noun", "verb")):
                return _cue(child, lex, ("adj", "noun", "verb"))
    if rel in ("nsubj", "nsubjpass") and (kind := _after_being(head, lex)) is not None:
        return kind
    if _dated_event_noun(node, lex) is not None:
        return "dead"  # "the assassination on 15 September of X": the parse hangs "of X" on the date
    if rel == "appos" and _subjectless_killing(node, lex):
        return "dead"  # "As a result of the attack, an agronomist, identified as X, was killed"
    if rel == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() == "identify" and any(
            c.dep_ == "nsubjpass" and _the_dead(c, lex) for c in head.head.children):
        return "dead"  # "the victims were identified as X, Y and Z"
    if rel == "pobj" and head.lower_ == "with" and head.head.lower_ in ("along", "together") \
            and _cue(head.head.head, lex, ("noun",)) == "dead":
        return "dead"  # "the massacre of six priests, along with a woman and her daughter"
    if rel == "pobj" and head.lower_ == "of":
        if head.head.lemma_.lower() == "life" and head.head.head.lemma_.lower() in _LIFE_VERBS:
            return "dead"  # "claimed the lives of three people"
        if any(c.dep_ == "prep" and c.lower_ == "of" and c.i < head.i for c in head.head.children):
            return None  # "the body of X, of the law school": only the first "of" names the dead
        return _cue(head.head, lex, ("noun",)) or (  # "the shooting of four people": hit, alive as far as told
            None if head.head.lower_ not in ("shooting", "shootings") or head.head.pos_ != "NOUN"
            else "dead" if any(c.lower_ in FATAL_WORDS for c in head.head.children) else "shot")
    if rel == "pobj" and head.lower_ in {"to", "at"}:
        verb = head.head
        if any(c.lemma_.lower() == "toll" for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            return "injured" if any(c.lemma_.lower() in {"injury", "casualty"} for c in verb.subtree
                                    if c.dep_ == "compound") else "dead"
    return None


def _is_subset(node, lex: CasualtyWords) -> bool:
    """``including 5 children``, ``among them 3 women``: already counted in a total."""
    subset = lex.cues.get("subset", frozenset())
    if node.head.lower_ == "among" and node.head.head.lemma_.lower() == "be":
        return False  # "a teen was among four people shot": the four are the whole, the subject a part of them
    return node.head.lower_ in subset or (node.head.dep_ in ("prep", "pobj") and node.head.head.lower_ in subset)


_PARTS = frozenset({"one", "some", "all", "both", "each", "none", "many", "several", "most"})


def _partitive_whole(noun, quantities: dict[int, int]) -> bool:
    """``two of the four victims``, ``one of the victims``: the whole a counted part is taken from; the part
    tells what happened to some of them (the whole is counted where the story counts it, not again here)."""
    owner = noun.head.head
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and owner.i in quantities and owner.i != noun.i \
        and (owner.like_num or owner.pos_ in ("NUM", "PRON") or owner.lower_ in _PARTS)


def _stand_in(noun, quantities: dict[int, int], lex: CasualtyWords):
    """The first name of the names that list an uncounted plural (``brothers X and Y``), else ``noun``."""
    names = [c for c in noun.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    return names[0] if names and _names_of_plural(names[0], quantities, lex) else noun


def _names_of_plural(noun, quantities: dict[int, int], lex: CasualtyWords) -> bool:
    head = noun.head
    return noun.dep_ == "appos" and noun.ent_type_ == "PERSON" and head.pos_ == "NOUN" and head.i not in quantities \
        and "Plur" in head.morph.get("Number") and _cue(head, lex, ("noun",)) is None


def _own_kinds(group: list, lex: CasualtyWords, quantities: dict[int, int]) -> list:
    """(conjunct, kind) for bare numbers that a casualty word follows ("... and 1,000 wounded")."""
    out = []
    for member in group:
        if member.like_num and member.i in quantities and member.i + 1 < len(member.doc):
            kind = _cue(member.doc[member.i + 1], lex, ("adj", "verb", "noun"))
            if kind:
                out.append((member, kind))
    return out


def _clause_verb(token):
    for node in [token, *token.ancestors]:
        if node.pos_ == "VERB" or (node.pos_ == "AUX" and node.dep_ not in ("aux", "auxpass")):
            return node
    return None


def _chained(verb, child) -> bool:
    """Verbs of one event: ``hit ... and killed``, ``exploded, killing``, ``tried to kill`` (not verbs each
    dated differently: "X was killed on 17 October; and Y was killed on 1 November")."""
    if child.pos_ not in ("VERB", "AUX"):
        return False
    if child.dep_ == "conj":
        if any(c.dep_ == "prep" and c.lower_ == "since" for c in child.children):
            return False  # "... after the assassination of X, and since then 10 other people have been killed"
        mine, theirs = _own_date(verb), _own_date(child)
        return not (mine and theirs and mine != theirs)
    return child.dep_ == "xcomp" or (child.dep_ == "advcl" and child.tag_ == "VBG")


def _own_date(verb) -> str:
    """The words of the dates modifying ``verb`` directly ("killed on 17 October"), or ""."""
    return " ".join(t.lower_ for c in verb.children if c.dep_ in ("prep", "npadvmod")
                    for t in c.subtree if t.ent_type_ == "DATE")


def _event_verbs(verb) -> set:
    seen, todo = {verb}, [verb]
    while todo:
        current = todo.pop()
        linked = [c for c in current.children if _chained(current, c)]
        if current.head is not current and _chained(current.head, current):
            linked.append(current.head)
        for other in linked:
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _in_scope(node, trigger, *, inside: bool = False, lex: CasualtyWords | None = None) -> bool:
    """Whether the casualty group belongs to the event of ``trigger`` (its clause or chained verbs; with
    ``inside``, only its own phrase: "attacks that claimed the lives of X and Y")."""
    if trigger is None:
        return True
    token = trigger.root if hasattr(trigger, "root") else trigger
    owner = _dated_event_noun(node, lex) if lex is not None else None
    if owner is not None:
        return owner == token
    if inside:
        return node in set(token.subtree) and not any(node in set(c.subtree) for c in token.children
                                                         if c.dep_ == "conj")
    if token.dep_ == "relcl" and token.head == node:
        return True  # "Justice Diaz, who was shot to death last month"
    if token.pos_ not in ("VERB", "AUX"):
        if node in set(token.subtree):  # "the deaths of 3 soldiers", "an attack that killed 5"
            return not any(node in set(c.subtree) for c in token.children if c.dep_ == "conj")
        if node.head.pos_ not in ("VERB", "AUX"):
            return False  # "the massacre of 43 ... and the murder of X": each noun has its own dead
    governor, own = _clause_verb(node.head), _clause_verb(token)
    return governor is None or own is None or governor in _event_verbs(own)


def _is_event_word(token) -> bool:
    """An attack or weapon word ("the attack", "a bomb"): what kills, never one of the dead (but a gunman
    or sniper is a person: "bodyguards shot the gunman to death")."""
    lemma = token.lemma_.lower()
    return is_weapon(token, load_event_lexicon()) and lemma not in ARMED_BODIES and lemma not in _SHOOTERS


def _singular_victims(sent, lex: CasualtyWords, quantities: dict[int, int]) -> set[int]:
    """One person: ``a soldier was killed``, ``the minister died``, ``his driver``, ``Carlos Torrado was
    killed`` (a name). Counted only where the noun is a casualty (a victim of a killing verb, ...)."""
    pronouns: set[int] = set()
    multiples = _multiples(sent)
    for token in sent:
        lemma, low, pos, dep = token.lemma_.lower(), token.lower_, token.pos_, token.dep_
        if token.i in quantities or lemma in TOTALS or is_number_word(token, lex) \
                or _same_person(token, quantities) or lemma == "life":
            continue  # "took the life of X": X is the one
        if turned_on_self(token):
            quantities[token.i] = 1  # "before turning the gun on himself": the shooter, one more of the dead
            continue
        if low in _SINGLE_PRONOUNS and (dep in ("nsubjpass", "dobj") or dep == "nsubj"
                                        and (_dies(token.head) or with_gunshot_wound(token))):
            quantities[token.i] = 1  # "he was murdered", "killing him instantly", "he died later", "she suffered
            # a gunshot wound": one person
            pronouns.add(token.i)
            continue
        if low == "another" and pos in ("PRON", "DET") and dep in ("nsubj", "nsubjpass", "dobj"):
            quantities[token.i] = 1  # "a man was killed and another wounded": one more person
            continue
        if pos == "PROPN" and dep not in ("compound", "flat") and (
                token.ent_type_ in ("PERSON", "") or _killed_name(token, lex)):
            quantities[token.i] = 1
            continue
        if low == "who" and token.head.dep_ == "relcl" and token.head.head.i not in quantities and any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in {"was", "is", "has"} for c in token.head.children):
            quantities[token.i] = 1  # "..., who was murdered on Friday": one person, whatever the parse's antecedent
            continue
        multiple = multiples.get(token.i, 0)
        if multiple and _cue(token, lex, ("noun",)) == "dead":
            quantities[token.i] = multiple  # "the double murder"
            continue
        if pos == "NOUN" and _cue(token, lex, ("noun",)) == "dead" and lemma not in _REMAINS \
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            for c in token.children:  # "his assassination": one person killed (not "his killing of X", the killer)
                if c.dep_ == "poss" and c.lower_ in {"his", "her"}:
                    quantities[c.i] = 1
                    pronouns.add(c.i)
        if pos == "NOUN" and dep == "nsubjpass" and "Plur" in token.morph.get("Number") \
                and not any(c.dep_ in ("det", "nummod", "amod", "compound", "poss") for c in token.children) \
                and any(c.dep_ == "auxpass" and c.lower_ in ("was", "is", "has") for c in token.head.children):
            quantities[token.i] = 1  # "BARILLAS, ambassador to Spain, was gunned down": a name the case restore
            continue  # took for a plural; the verb agrees with one person
        if _age_noun(token) and dep in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"):
            quantities[token.i] = 1  # "a 17-year-old was shot": one person named by age
            continue
        if pos != "NOUN" or "Sing" not in token.morph.get("Number") or _is_event_word(token) \
                or lemma in lex.cues.get("collective", ()) or _cue(token, lex, ("noun",)) == "injured":
            continue  # "the peasant family": a group of unknown size
        if name_end(token):
            quantities[token.i] = 1  # "banker Ramiro Castillo love": the parse made a name's last word a noun
            continue
        if lemma in _REMAINS and any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of"
                                     for c in token.children):
            continue  # "the body of a young man", "his body": the man is the one counted
        if any((c.dep_ == "det" and c.lower_ in {"a", "an", "the", "this", "that", "another"}) or c.dep_ == "poss"
               for c in token.children) or (dep == "conj" and quantities.get(token.head.i) == 1):
            quantities[token.i] = 1  # "a reporter's wife and son": the article counts for both
    return pronouns


def _same_person(token, quantities: dict[int, int]) -> bool:
    """``the political leader Hector Oqueli``, ``Oqueli, the party's leader``: an apposition naming the one
    person counted already (not a list: "Forero, his wife, and two other people", see
    :func:`~eventwire.victim_groups.members`)."""
    return token.dep_ == "appos" and quantities.get(token.head.i) == 1 and not token.conjuncts \
        and not someone_else(token) and not after_semicolon(token)


def _killed_name(token, lex: CasualtyWords) -> bool:
    """A name the tagger took for a place or group, but which a killing verb has as victim ("Barillas was
    gunned down"), whose body was found, or whose killing a noun names ("the assassination of Oqueli",
    "Oqueli's assassination"; not "the massacre of Segovia", a place): places and groups are not murdered."""
    if token.ent_type_ in SKIP_ENTS:
        return False  # "last Thursday's murder": a day is never a victim
    if token.dep_ == "nsubj" and _dies(token.head) or with_gunshot_wound(token):
        return True  # "Sharai died at the hospital", "Lynch suffered a gunshot wound": places and groups do not
    if token.dep_ in ("nsubjpass", "dobj") and token.head.lemma_.lower() in lex.cues.get("death_verb", ()):
        return True
    if token.dep_ == "poss":
        return token.head.lemma_.lower() in _ONE_KILLING
    if token.dep_ != "pobj" or token.head.lower_ != "of":
        return False
    owner = token.head.head
    first_of = not any(c.dep_ == "prep" and c.lower_ == "of" and c.i < token.head.i for c in owner.children)
    return owner.lemma_.lower() in _REMAINS or first_of and owner.lemma_.lower() in _ONE_KILLING


def _combine(groups: list) -> int | None:
    """Groups of one kind: added when under one verb or chained verbs (``5 were killed and 3 died``) or
    when a later group is ``also`` killed, else the largest (``29 dead, although it admitted 21 deaths``:
    two reports of one count); a shooter who turned the gun on himself adds himself to those he killed."""
    if not groups:
        return None
    turned = [verb is not None and any(  # "before turning the gun on himself"
        turned_on_self(t) for c in verb.children if c.dep_ == "prep" for t in c.children) for verb, _ in groups]
    shooter = [count for (_, count), own in zip(groups, turned) if own]
    if shooter and len(shooter) < len(groups):  # the shooter is one more than the others he killed
        return _combine([group for group, own in zip(groups, turned) if not own]) + sum(shooter)
    total, verbs = groups[0][1], [groups[0][0]]
    for verb, count in groups[1:]:
        chained = verb is not None and any(v is not None and verb in _event_verbs(v) for v in verbs)
        total = total + count if chained or _additive(verb) else max(total, count)
        verbs.append(verb)
    return total


def count_casualties(sent, *, trigger=None, earlier: Mapping[str, int] | None = None,
                     inside: bool = False) -> Casualties:
    """Killed, wounded and missing people that ``sent`` (a spaCy sentence ``Span``) reports.

    ``trigger`` (a Token, a Span or a list of Tokens: the words of one event) keeps only the counts of
    that event's clause chains; with ``inside``, only the counts inside the trigger's own phrase.
    ``earlier`` (see :func:`counted_nouns`) gives a number to ``the priests`` when the story counted them.
    Fields the sentence does not speak of are ``None``; a negation (``no casualties``) makes them 0.
    """
    lex = load_casualty_words()
    doc = sent.doc
    triggers = trigger if isinstance(trigger, (list, tuple)) else [trigger]
    counted, pronouns = _people(sent)  # "he", "him", "his (assassination)": used when no one else is
    quantities = dict(counted)
    for token in sent if earlier else ():  # "the priests": as many as the story counted before
        if token.i not in quantities and token.lemma_.lower() in earlier and "Plur" in token.morph.get("Number") \
                and any(c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in token.children):
            quantities[token.i] = earlier[token.lemma_.lower()]
    groups: dict[str, list] = {kind: [] for kind in _KINDS + ("shot", "care")}
    named_only: set[int] = set()
    told_dead = False
    by_pronoun: dict[str, list] = {kind: [] for kind in _KINDS + ("shot", "care")}
    seen: set[int] = set()
    seen_subjects: dict[int, int] | None = None  # built on first need
    for index in sorted(quantities):
        first, node = _attachment(doc[index])
        first = _stand_in(first, quantities, lex)
        if _names_of_plural(first, quantities, lex):
            node = first.head  # "the assassination of priests Ellacuria and Baro": the names stand for "priests"
        if first.i in seen:
            continue
        seen.add(first.i)
        if _is_subset(node, lex) or _partitive_whole(first, quantities) \
                or not any(_in_scope(node, t, inside=inside, lex=lex) for t in triggers):
            continue
        group = members(first, quantities)
        seen.update(n.i for n in group)  # a member is never the start of another group
        if _identified_as(node) and _the_dead(node, lex):
            continue  # "the victim was identified as X": X is counted, not the victim as well
        nominal = _noun_kind(group, lex)
        if nominal == "dead" and any(_bare_victim(n, lex) for n in group) and _relation_kind(node, lex) is None:
            group = [n for n in group if not _perpetrator(n, lex)] or group  # "the victim and the shooter": one
        kind = nominal or _relation_kind(node, lex) or _noun_kind(group, lex, clauses=True)
        bare = nominal == "dead" and all(_bare_victim(n, lex) or n.lower_ in _OTHER_ONES for n in group)
        relation = _relation_kind(node, lex) if bare else None  # read once: what the victims' verb tells
        if bare and relation == "care" and not any(_cue(t, lex, ("verb", "adj")) == "dead" for t in (  # (not
                node.head.subtree if _others_named(group) else sent)):  # "where they died"; "X died and the other"
            kind = "care"  # "the five victims were taken to a hospital": in care, the news convention for the wounded
        if kind == "dead" and bare and relation is None and _noun_kind(group, lex, clauses=True) is None:
            named_only.add(node.i)  # "the four victims": called victims, no word of their death
        if kind == "shot" and _noun_kind(group, lex, clauses=True) == "dead":
            kind = "dead"  # "the man who was shot and killed ... was accidentally shot by his friend"
        for member, own in _own_kinds(group[1:], lex, quantities):
            # "67 dead and 1,000 wounded": the 1,000 are wounded (the shot are wounded too)
            if kind is not None and own != kind and (kind, own) != ("shot", "injured"):
                group.remove(member)
                groups[own].append((_clause_verb(node.head), quantities[member.i]))
        count = group_count(group, quantities) if kind is not None else None
        if count is not None and node.dep_ in ("nsubj", "nsubjpass"):
            seen_subjects = _subjects_nearest(sent) if seen_subjects is None else seen_subjects
            if _second_subject(node, seen_subjects):
                continue
        if count is not None:
            found = by_pronoun if all(n.i in pronouns for n in group) else groups
            found[kind].append((_clause_verb(node.head), count))
            if kind == "dead" and node.i not in named_only:
                told_dead = True
    if groups["care"] or by_pronoun["care"]:  # "one was listed in critical condition and the other in stable"
        groups["care"] += [(_clause_verb(t), n) for t, n in gapped_care(sent, quantities)
                           if any(_in_scope(t, tr, inside=inside, lex=lex) for tr in triggers)]
    if by_pronoun["shot"] and (groups["dead"] or by_pronoun["dead"] or trigger is not None and count_casualties(
            sent, earlier=earlier, inside=inside).fatalities):  # "a boy has died after he was shot": the pronoun
        by_pronoun["shot"] = []  # is one of the dead the sentence counts (whichever clause counts them)
    suicide = murder_suicide(sent)
    selves = [t for t in sent if t.lower_ in REFLEXIVES and t.dep_ in GAPPED and t.head.pos_ == "VERB"]
    killer = [] if not groups["dead"] else killer_deaths(  # "killed three people and then himself": one more
        sent, lex, in_scope=lambda t: any(_in_scope(t, tr, inside=inside, lex=lex) for tr in triggers),
        suicide_named=suicide)
    if selves and suicide and (groups["shot"] or groups["dead"]):
        # "shot her son and then herself in a murder-suicide": the murder and the suicide, both dead
        groups["dead"] = groups["dead"] + groups["shot"] + [(selves[0].head, 1)]
        groups["shot"], told_dead, killer = [], True, []
    # People in care are the wounded, unless the sentence tells a death ("was taken to a hospital, where he died":
    # they are its dead), or counts the wounded otherwise: then they are some of those ("four were shot, leaving one
    # in critical condition"), unless it says they are others ("one is in critical condition and two others were hurt",
    # "one was killed and two others were taken to a hospital")
    wounded = any(found[k] for found in (groups, by_pronoun) for k in ("shot", "injured"))
    others = OTHERS.search(sent.text) is not None  # "two were killed and four others were in the hospital"
    keep = (others or not (groups["dead"] or by_pronoun["dead"])) and (not wounded or others)
    cared = keep and not wounded and bool(groups["care"] or by_pronoun["care"])
    told_care = not keep and bool(groups["care"] or by_pronoun["care"])  # "...taken to a hospital, where he died"
    for found in (groups, by_pronoun):
        in_care = found.pop("care")
        found["shot"] += in_care if keep else []
    retold = 0 if told_care else dead_among_wounded(groups, by_pronoun)  # "a woman was shot and ..., where she died"
    shot = bool(groups["shot"] or by_pronoun["shot"]) and not groups["injured"] and not by_pronoun["injured"]
    for kind in ("injured",):  # the shot are wounded, as far as the sentence tells, in the order they came
        groups[kind] = sorted(groups[kind] + groups.pop("shot"), key=_order)
        by_pronoun[kind] = sorted(by_pronoun[kind] + by_pronoun.pop("shot"), key=_order)
    totals = {kind: _combine(found) if found else _combine(by_pronoun[kind]) for kind, found in groups.items()}
    totals["dead"] = totals["dead"] + len(killer) if killer and totals["dead"] is not None else totals["dead"]
    totals["injured"] = (totals["injured"] - retold or None) if retold and totals["injured"] else totals["injured"]
    fatal = _fatal_share(sent, lex, triggers, inside=inside)
    if fatal and totals["injured"] and totals["injured"] >= fatal and not totals["dead"]:
        totals["dead"], totals["injured"] = fatal, totals["injured"] - fatal  # "three were shot, one fatally"
    toll = telegraphic_toll(sent.text, lex) if not inside else None  # a headline's "Four shot, two fatally"
    if toll is not None:
        dead, hurt, only_shot = toll
        told_dead = told_dead or dead is not None
        totals["dead"] = dead if dead is not None else totals["dead"]
        if hurt is not None:
            totals["injured"], shot = hurt, only_shot
    hit = people_hit(sent, in_scope=lambda t: any(_in_scope(t, tr, inside=inside, lex=lex) for tr in triggers))
    whole = count_casualties(sent, earlier=earlier, inside=inside) if hit and trigger is not None else None
    if hit is not None and toll is None and totals["injured"] is None and (whole is None or (  # (the sentence's
            whole.fatalities, whole.injured) == (totals["dead"], wounded_of_hit(hit, totals["dead"], None))):
        totals["injured"], shot = wounded_of_hit(hit, totals["dead"], None), True  # other counts: not this one's)
    for fields in negated(sent):
        for kind in (("dead", "injured") if fields == "all" else (fields,)):
            totals[kind] = 0 if totals[kind] is None else totals[kind]
    return Casualties(fatalities=totals["dead"], injured=totals["injured"], missing=totals["missing"],
                      shot=shot and bool(totals["injured"]), cared=cared and bool(totals["injured"]),
                      victims=bool(totals["dead"]) and not told_dead and fatal is None)


def _fatal_share(sent, lex: CasualtyWords, triggers, *, inside: bool) -> int | None:
    """The number of "three people were shot, one (of them) fatally": how many of the shot died."""
    for token in sent:
        if token.dep_ in ("npadvmod", "appos", "conj", "advmod", "dobj") and (token.like_num or is_number_word(
                token, lex)) and any(c.dep_ == "advmod" and c.lower_ in _FATALLY for c in token.children) \
                and any(_in_scope(token, t, inside=inside, lex=lex) for t in triggers):
            return word_value([token.lower_], lex) if not token.text.isdigit() else int(token.text)
    return None


def _order(group: tuple) -> int:
    """Where a (verb, count) group's verb stands (groups without a verb first)."""
    return -1 if group[0] is None else group[0].i


@lru_cache(maxsize=64)
def _people(sent) -> tuple[dict[int, int], frozenset[int]]:
    """The people ``sent`` counts (token index -> number) and which of them are pronouns: the same for every
    event of the sentence, so worked out once (a few recent sentences are kept; callers copy the dict)."""
    quantities = dict(numbers(sent))
    pronouns = _singular_victims(sent, load_casualty_words(), quantities)
    return quantities, frozenset(pronouns)


def counted_nouns(sent) -> dict[str, int]:
    """Plural nouns that ``sent`` counts (``six Jesuit priests`` -> ``{"priest": 6}``), for later
    definite mentions of them."""
    doc = sent.doc
    # Only numbers and "double/triple" words count more than one: without the latter, the numbers suffice.
    counts = _people(sent)[0] if _multiples(sent) else numbers(sent)
    return {doc[i].lemma_.lower(): n for i, n in counts.items()
            if n > 1 and doc[i].pos_ == "NOUN" and "Plur" in doc[i].morph.get("Number")}
