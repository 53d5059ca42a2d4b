"""Stage events/casualties, part: which nouns one count of victims covers.

A casualty count reads a coordinated group of nouns ("five Iranian Guards and five members"); the parse,
though, hangs written lists of victims in many shapes. :func:`members` gathers the nouns of one group:
conjuncts, lists hung as appositions ("Forero, his wife, and two other people"), a list's first items
hung before it ("a police colonel, a judge, and Senator Galan were murdered") and its last item hung after
it ("6 clergymen, a maid, and her daughter"), items after semicolons ("X, 42; Y, 19; a minor") -- and not
names that list or break down a count ("two reporters, X and Y"; "three reporters, two Salvadorans and a
Dutchman"), nor a name after its role noun ("their cook, Elba Ramos"). :func:`group_count` adds up the
people a group counts. :func:`with_gunshot_wound` tells a person "found with a gunshot wound".
"""
from __future__ import annotations

__all__ = ["TOTALS", "cared_for", "CARE_STATES", "members", "group_count", "name_end", "after_semicolon",
           "someone_else", "GUNFIRE", "with_gunshot_wound"]

TOTALS = frozenset({"total", "group", "number", "toll"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves"})
_OTHERS = frozenset({"his", "her", "their", "another"})  # an appositive naming someone else


def group_count(group: list, quantities: dict[int, int]) -> int | None:
    """The people a coordinated group counts; ``None`` when a part is an uncounted plural (``and others``)."""
    if _breakdown(group, quantities):
        return quantities[group[0].i]  # "three reporters, two Salvadorans and a Dutchman" = 3
    total = 0
    for noun in group:
        if noun.lemma_.lower() in TOTALS:
            continue
        if noun.i in quantities:
            total += quantities[noun.i]
        elif noun.lower_ in _REFLEXIVE or noun.ent_type_ == "PERSON" or (
                noun.pos_ == "PROPN" and not noun.sent.text.isupper()) or name_end(
                noun, among_names=sum(n.ent_type_ == "PERSON" for n in group) > 1):
            total += 1
        elif noun is not group[0] and quantities.get(group[0].i, 0) > 1 and "Plur" in noun.morph.get("Number") \
                and noun.lower_ not in {"others", "people"} \
                and not any(c.dep_ in ("det", "nummod", "amod", "poss") for c in noun.children):
            continue  # "five judges and magistrates": the number counts both nouns
        elif "Plur" in noun.morph.get("Number") or noun.lower_ in {"others", "people"}:
            return None
    return total


def name_end(noun, *, among_names: bool = False) -> bool:
    """``Ramiro Castillo love``: a name whose last word the parse took for a common noun; in a list of
    names (``among_names``) any proper-noun compound will do (``Segundo montes``)."""
    return noun.pos_ == "NOUN" and any(c.dep_ == "compound" and (c.ent_type_ == "PERSON" or among_names
                                                                 and c.pos_ == "PROPN") for c in noun.children)


def _breakdown(group: list, quantities: dict[int, int]) -> bool:
    """A count followed, after a comma, by nationalities (or kinds of "people", of "victims": "five victims, three
    men and two women") adding up to it: the parts of the first number, not more people."""
    first = quantities.get(group[0].i, 0)
    rest = group[1:]
    def part(n) -> int:  # "a Dutchman": one, whatever the tagger made of it
        return quantities.get(n.i) or int(any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in n.children))
    return first > 1 and len(rest) > 1 and sum(part(n) for n in rest) == first \
        and group[0].doc[rest[0].left_edge.i - 1].text == "," \
        and (group[0].lemma_.lower() in ("people", "person", "victim") or all(n.ent_type_ == "NORP" for n in rest[:-1]))


def members(first, quantities: dict[int, int]) -> list:
    """The nouns of a coordinated group, with lists that the parse hangs as appositions: in "Forero, his
    wife, and two other people" or "Ellacuria, five other Jesuits, and two women" the appositive starts a
    coordination of other people (it has conjuncts, and a number, a name, "his"/"another") -- unlike "Juan
    Perez, the mayor, and his driver", where "the mayor" describes Perez."""
    group = [first, *first.conjuncts]
    if first.dep_ == "appos" and first.head.i not in quantities and first.head.pos_ == "NOUN":
        group += [c for c in first.head.conjuncts if c not in group]  # "brothers X and Y and their mother Z"
    todo = list(group)
    while todo:
        noun = todo.pop(0)
        for child in noun.children:
            if _enumerates(noun, child, quantities) or _colon_after_one(noun, child, quantities) \
                    or _describes_names(child, group, quantities):
                continue
            if child.dep_ == "appos" and child not in group and (child.conjuncts and (
                    quantities.get(child.i, 0) > 1 or child.pos_ == "PROPN" or someone_else(child)
                    or any(c.ent_type_ == "PERSON" for c in child.conjuncts))  # "X, Segundo montes, Y and Z"
                    or after_semicolon(child) and child.i in quantities):  # "X, 42; Y, 19; a minor"
                added = [child, *(c for c in child.conjuncts if c not in group)]
                group += added
                todo += added
    group = [n for n in group if not _named_role(n, group)]
    group = _list_opening(group, quantities) + group
    closing = _list_closure(group, quantities)
    if closing is None:
        return group
    items = [c for n in group for c in n.subtree if c.dep_ == "appos" and quantities.get(c.i) == 1 and c not in group
             and (c.head in group or someone_else(c))]  # "the governor of Antioquia, another judge, and the commander"
    return group + items + [closing]  # "6 clergymen, a maid, and her daughter": the middle item too


def _describes_names(child, group: list, quantities: dict[int, int]) -> bool:
    """``X, Y, Z, V, W and U, the first five Spaniards and the last a Salvadoran``: a count of the people
    the names already list (not "five *other* Jesuits"; a breakdown of a number is :func:`_breakdown`)."""
    count = quantities.get(child.i, 0)
    return child.dep_ == "appos" and count > 1 and not someone_else(child) \
        and sum(n.ent_type_ == "PERSON" for n in group) >= count


def after_semicolon(noun) -> bool:
    """A phrase right after ";": an item of a list, not a description of the one before."""
    return noun.left_edge.i > 0 and noun.doc[noun.left_edge.i - 1].text == ";"


def _named_role(noun, group: list) -> bool:
    """``their mother Marta Ochoa``, ``their cook, Elba Julia Ramos,``: a name right after a role noun of the
    group (or after it and a comma, when a comma closes the name too) is that person's name."""
    doc, k = noun.doc, noun.left_edge.i - 1
    if noun.ent_type_ != "PERSON" or k < 1:
        return False
    if doc[k].text == "," and noun.i + 1 < len(doc) and doc[noun.i + 1].text == ",":
        k -= 1
        role = doc[k]
        return role.pos_ == "NOUN" and role in group and "Sing" in role.morph.get("Number") and any(
            c.dep_ in ("poss", "det") for c in role.children)
    return doc[k].pos_ == "NOUN" and doc[k] in group


def _list_opening(group: list, quantities: dict[int, int]) -> list:
    """The first items of a written list that the parse hung elsewhere: in "after a police colonel, a judge,
    and Senator Galan were murdered" the colonel and the judge (persons counted once, coordinated with each
    other, right before ", and" and the group)."""
    doc, start = group[0].doc, group[0].left_edge.i
    if start < 4 or doc[start - 1].lower_ != "and" or doc[start - 2].text not in (",", ")"):
        return []
    last, aside = doc[start - 3], doc[start - 2].text == ")"
    if aside:  # "six Jesuits (five Spaniards and one Salvadoran) and two women were killed"
        opening = next((k for k in range(start - 3, max(group[0].sent.start, start - 15) - 1, -1)
                        if doc[k].text == "("), None)
        if opening is None or opening == group[0].sent.start:
            return []
        last = doc[opening - 1]
    if not _list_item(last, quantities) or last in group:
        return []
    items = [last]
    while items[-1].dep_ == "conj" and _list_item(items[-1].head, quantities):
        items.append(items[-1].head)
    return items if len(items) > 1 or aside else []


def _list_item(token, quantities: dict[int, int]) -> bool:
    """Counted people, or a name ("Quispe, Isidoro Saune, and Dionisio Aguirre")."""
    return quantities.get(token.i, 0) >= 1 or token.pos_ == "PROPN" and token.ent_type_ not in ("GPE", "LOC", "FAC")


def _list_closure(group: list, quantities: dict[int, int]):
    """The last item of a written list that the parse hung elsewhere: in "killing 6 clergymen, a maid, and
    her daughter" the daughter; a person counted once (``a``/``the``/``his``/``her`` noun, or a name: "the
    assassination of journalist X, director of Y, and Jaime Pardo Leal") right after ", and", ending the phrase."""
    doc, end = group[0].doc, max(n.right_edge.i for n in group)
    if not any(t.text == "," for t in doc[group[0].i:end + 1]) or end + 3 >= len(doc):
        return None
    k = end + 1 + (doc[end + 1].text == ",")
    named = doc[k + 1].ent_type_ == "PERSON" and doc[k + 1].dep_ == "compound"  # "..., and Jaime Pardo Leal"
    if doc[k].lower_ != "and" or doc[k + 1].dep_ not in ("det", "poss") and not named:
        return None
    noun = doc[k + 1].head
    while named and noun.dep_ == "compound" and noun.head is not noun:
        noun = noun.head  # "Jaime Pardo Leal": the name's last word
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if named and noun.dep_ in ("nsubj", "nsubjpass"):
        return None  # "Quispe, Isidoro Saune, and Dionisio Aguirre were killed": the name heads its own clause
    if noun.i <= k + 1 or quantities.get(noun.i) != 1 or noun in group or any(
            t.pos_ not in ("ADJ", "NOUN", "PROPN") for t in doc[k + 2:noun.i]) or (
            after is not None and after.pos_ not in ("PUNCT", "AUX", "VERB")):
        return None
    return noun


def _enumerates(noun, child, quantities: dict[int, int]) -> bool:
    """``two reporters, Roberto Navas and Mauricio Pineda``: names listing the people a number counted."""
    return quantities.get(noun.i, 0) > 1 and child.pos_ == "PROPN" and not someone_else(child)


def _colon_after_one(noun, child, quantities: dict[int, int]) -> bool:
    """``the murder of candidate Galan: Alvaro Delgado and Jorge Canaveral``: a list after a colon that
    follows one person names other people (here the suspects), not more victims."""
    return quantities.get(noun.i) == 1 and child.i > 0 and child.doc[child.left_edge.i - 1].text == ":"


def someone_else(noun) -> bool:
    """``his wife``, ``another judge``, ``five other Jesuits``: a noun naming other people than the one before."""
    return any(c.dep_ in ("poss", "det") and c.lower_ in _OTHERS or c.dep_ == "amod" and c.lower_ == "other"
               for c in noun.children)


GUNFIRE = frozenset({"gunfire", "bullet", "shot", "round", "gunshot", "shotgun", "pellet"})
_WOUND_NOUNS = frozenset({"wound", "wounds"})
_SUFFER = frozenset({"suffer", "sustain", "receive", "have", "recover"})
_INJURY_NOUNS = frozenset({"injury"})  # a person who suffered injuries, or was taken to hospital with them
_CARRIED = frozenset({"take", "transport", "rush", "airlift", "fly", "find", "hospitalize", "treat", "admit"})


def with_gunshot_wound(node) -> bool:
    """A person "with a gunshot wound" ("found with", "treated for"), who "suffered"/"is recovering from" one,
    or injuries, or was "taken to a hospital with" them: shot, living so far (the story may tell later that they died)."""
    wound = None
    for child in node.children:  # "a man with a gunshot wound" (not "a hospital with injuries": its patients')
        if child.dep_ == "prep" and child.lower_ == "with" and node.lemma_.lower() not in _CARE_PLACES:
            wound = next((g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() not in _INJURY_NOUNS),
                         None)
    head = node.head
    if wound is None and node.dep_ == "nsubjpass":  # "she was found with a gunshot wound", "treated for" one
        wound = next((g for c in head.children if c.dep_ == "prep" and (
            c.lower_ == "with" or c.lower_ == "for" and head.lemma_.lower() == "treat")
            for g in c.children if g.dep_ == "pobj"), None)
    if wound is None and node.dep_ == "nsubj" and head.lemma_.lower() in _SUFFER:  # "he suffered a wound"
        wound = next((c for c in head.children if c.dep_ == "dobj"), None)
        if wound is None:  # "she is recovering from a gunshot wound"
            wound = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "from"
                          for g in c.children if g.dep_ == "pobj"), None)
    if wound is None and node.dep_ == "nsubjpass" and head.lemma_.lower() in _CARRIED:
        wound = next((g for t in head.subtree if t.dep_ == "prep" and t.lower_ == "with" and _on_path(t, head)
                      for g in t.children if g.dep_ == "pobj"), None)  # "taken to a hospital with injuries"
    if wound is None:
        return False
    if wound.lemma_.lower() in _INJURY_NOUNS:  # "suffered serious injuries", "with non-life-threatening injuries"
        return not any(c.dep_ == "det" and c.lower_ == "no" for c in wound.children)
    return wound.lemma_.lower() in _WOUND_NOUNS and any(
        c.lemma_.lower() in GUNFIRE | {"bullet"} or c.lower_ == "gunshot" for c in wound.children)


CARE_STATES = frozenset({"critical", "stable", "serious", "fair", "good", "grave", "satisfactory", "guarded",
                         "unknown", "undisclosed"})  # "in critical condition": alive and cared for
_CARRIED_TO = frozenset({"take", "transport", "rush", "airlift", "fly", "bring", "drive", "carry", "send", "admit",
                         "transfer"})
_CARE_PLACES = frozenset({"hospital", "clinic", "center", "centre", "er", "trauma"})
_OUTCOMES = frozenset({"survive", "recover", "live"})
_STAYING = frozenset({"be", "remain", "stay", "lie"})  # "is in the hospital", "remains at the hospital"


def cared_for(node) -> bool:
    """A person in medical care after the attack, the news convention for the wounded: "is in critical
    condition", "listed in stable condition", "left a boy in serious condition", "was taken to (a) hospital",
    "is expected to survive", "was treated and released". Wounded as far as the sentence tells: the story may
    tell later that they died (a sentence that tells a death too is the counter's to weigh)."""
    if node.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    head = node.head
    lemma = head.lemma_.lower()
    steps = [head] + [c for c in head.children if c.dep_ in ("acomp", "xcomp", "oprd", "advcl") and c.i > node.i]
    for verb in steps:
        for prep in verb.children:
            if prep.dep_ != "prep":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if prep.lower_ == "in" and obj.lemma_.lower() == "condition" and any(
                        c.dep_ in ("amod", "compound", "conj") and c.lower_ in CARE_STATES for c in obj.subtree):
                    return True  # "in critical condition", "in critical but stable condition"
                if prep.lower_ in ("to", "at") and verb.lemma_.lower() in _CARRIED_TO | {"hospitalize", "treat"} \
                        and (node.dep_ == "nsubjpass" or node.dep_ == "dobj" and verb is head and _counted_sent(node)) \
                        and any(t.lower_ in _CARE_PLACES or t.lemma_.lower() in _CARE_PLACES for t in obj.subtree):
                    return True  # "was taken to a hospital", "rushed to the trauma center", "sent four to the hospital",
                    # "transported to local hospitals"
                if prep.lower_ in ("in", "at") and node.dep_ == "nsubj" and verb is head and lemma in _STAYING \
                        and obj.lower_ in _CARE_PLACES:
                    return True  # "four others were in the hospital", "remains at the hospital"
    if node.dep_ == "nsubj" and lemma == "recover" and head.tag_ == "VBG" and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp") for c in head.children):
        return True  # "four people are recovering after a shooting" (not "recovering the stolen guns")
    if node.dep_ == "nsubjpass" and lemma == "treat":
        return True  # "was treated and released", "was treated at the scene"
    if node.dep_ == "nsubjpass" and lemma == "expect" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in _OUTCOMES for c in head.children):
        return True  # "is expected to survive"
    return node.dep_ == "nsubj" and lemma in ("remain", "stay") and any(
        c.dep_ in ("acomp", "oprd", "xcomp") and c.lemma_.lower() in ("hospitalize", "hospitalized")
        for c in head.children)  # "remains hospitalized"


def gapped_care(sent, quantities: dict[int, int]) -> list:
    """(token, count) for the people of a gapped conjunct that tells its own care state, the verb left out: "one
    victim was listed in critical condition and the other in stable condition", "... and two others in serious
    condition". The parse hangs the conjunct ("the other", "two others", "another") on the first state."""
    found = []
    for token in sent:
        if token.lower_ not in ("other", "others", "another") or token.dep_ != "conj":
            continue
        count = quantities.get(token.i) or next((int(c.text) if c.text.isdigit() else None for c in token.children
                                                 if c.dep_ == "nummod"), None)
        count = count if token.lower_ == "others" else 1
        if count and any(p.dep_ == "prep" and p.lower_ == "in" and any(
                o.lemma_.lower() == "condition" and any(m.lower_ in CARE_STATES for m in o.children)
                for o in p.children) for p in token.children):
            found.append((token, count))
    return found


def _counted_sent(node) -> bool:
    """"sent four people to the hospital", "sending two to a hospital": people counted and carried off (not an
    errand told as an aim, "called to fly the child to the hospital", nor "drove her to the hospital", which is
    told of the dead as often)."""
    head = node.head
    return head.tag_ != "VB" and (node.like_num or any(c.dep_ == "nummod" for c in node.children))


def _on_path(prep, verb) -> bool:
    """``prep`` hangs on ``verb`` or on a noun of its own phrases ("taken to a hospital with ..."), not in a
    clause of its own."""
    node = prep.head
    while node.i != verb.i:
        if node.dep_ in ("relcl", "advcl", "ccomp", "xcomp", "conj", "acl") or node.head.i == node.i:
            return False
        node = node.head
    return True


# ---------------------------------------------------------------- token helpers of the casualty counter

_MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4}  # "a double murder"
_ADDITIVE = frozenset({"also", "too", "additionally"})


def age_noun(token) -> bool:
    """"old" of "a 17-year-old" standing as a noun (no noun after it)."""
    doc = token.doc
    return token.lower_ == "old" and token.i >= 3 and doc[token.i - 1].text == "-" \
        and doc[token.i - 2].lower_ in ("year", "years") and doc[token.i - 3].text == "-"


def multiples(sent) -> dict[int, int]:
    """Token index -> the number its first "double/triple/quadruple" modifier gives ("the double murder").

    Read off the sentence's own tokens: a token's children lie in its sentence."""
    found: dict[int, int] = {}
    for token in sent:
        if token.lower_ in _MULTIPLE and token.dep_ == "amod":
            found.setdefault(token.head.i, _MULTIPLE[token.lower_])
    return found


def subjects_nearest(sent) -> dict[int, int]:
    """Verb -> its subject nearest to it, for verbs the parse gives two subjects ("Medellin -- police chief X
    was murdered", "[Sentence as published] Alvarado was killed": a heading is not a second victim)."""
    nearest: dict[int, int] = {}
    for token in sent:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head is not token:
            known = nearest.get(token.head.i)
            if known is None or abs(token.head.i - token.i) < abs(token.head.i - known):
                nearest[token.head.i] = token.i
    return nearest


def second_subject(node, nearest: dict[int, int]) -> bool:
    """A farther subject of a verb, not joined to the nearest by "and" (which a parse may miss)."""
    other = nearest.get(node.head.i, node.i)
    if node.dep_ not in ("nsubj", "nsubjpass") or other == node.i:
        return False
    return not any(t.lower_ in ("and", "or") for t in node.doc[min(node.i, other):max(node.i, other)])


def identified_as(node) -> bool:
    """The subject of "... was identified as X" when X is a name."""
    return node.dep_ == "nsubjpass" and node.head.lemma_.lower() == "identify" and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.ent_type_ == "PERSON" or g.pos_ == "PROPN" for g in c.children)
        for c in node.head.children)


def to_death(verb) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "death" for g in c.children)
               for c in verb.children)


def almost(verb) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in ("almost", "nearly") for c in verb.children)


def additive(verb) -> bool:
    """``... were also killed``: a group the sentence adds to the dead already named."""
    return verb is not None and any(c.dep_ == "advmod" and c.lower_ in _ADDITIVE for c in verb.children)
