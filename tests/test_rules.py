"""Rule tests on hand-built parses: triggers, grouping, splitting, factuality, roles. No model needed."""
from __future__ import annotations

import pytest

from eventwire.events.arguments import find_roles
from eventwire.events.triggers import find_groups
from eventwire.events.factuality import factuality
from eventwire.knowledge.lexicon import PLOVER_TYPES, load_lexicon
from handmade import parsed

LEX = load_lexicon()

ROCKETS = """
two two NUM CD nummod 1
rockets rocket NOUN NNS nsubj 2
slammed slam VERB VBD ROOT 2
into into ADP IN prep 2
a a DET DT det 5
base base NOUN NN pobj 3
. . PUNCT . punct 2
"""
SLAMMED_BY_PERSON = """
Zarif Zarif PROPN NNP nsubj 1
slammed slam VERB VBD ROOT 1
the the DET DT det 3
message message NOUN NN dobj 1
. . PUNCT . punct 1
"""
MORTAR_AND_ROCKET = """
mortar mortar NOUN NN nmod 3
and and CCONJ CC cc 0
rocket rocket NOUN NN conj 0
attacks attack NOUN NNS nsubj 4
targeted target VERB VBD ROOT 4
troops troop NOUN NNS dobj 4
. . PUNCT . punct 4
"""
FEAR = """
fears fear NOUN NNS ROOT 0
of of ADP IN prep 0
an an DET DT det 3
attack attack NOUN NN pobj 1
"""
COULD_UNLEASH = """
the the DET DT det 1
strike strike NOUN NN nsubj 3
could could AUX MD aux 3
unleash unleash VERB VB ROOT 3
more more ADJ JJR amod 5
strikes strike NOUN NNS dobj 3
. . PUNCT . punct 3
"""
NO_STRIKE = """
There there PRON EX expl 1
was be VERB VBD ROOT 1
no no DET DT det 3
strike strike NOUN NN attr 1
. . PUNCT . punct 1
"""
CLAIMED = """
they they PRON PRP nsubj 1
claimed claim VERB VBD ROOT 1
a a DET DT det 4
new new ADJ JJ amod 4
strike strike NOUN NN nsubj 5
hit hit VERB VBD ccomp 1
their their PRON PRP$ poss 7
convoy convoy NOUN NN dobj 5
"""
SHOULD_HAVE = """
he he PRON PRP nsubjpass 4
should should AUX MD aux 4
have have AUX VB aux 4
been be AUX VBN auxpass 4
killed kill VERB VBN ROOT 4
"""
KILLED_BY = """
ten ten NUM CD nummod 1
guards guard NOUN NNS nsubjpass 3
were be AUX VBD auxpass 3
killed kill VERB VBN ROOT 3
by by ADP IN agent 3
a a DET DT det 7
US US PROPN NNP compound 7
drone drone NOUN NN pobj 4
"""


def _groups(table):
    doc = parsed(table)
    return doc, find_groups(doc[:], LEX)


def test_lexicon_types_are_plover_and_every_type_has_a_crosswalk_row():
    assert {r.type for rules in LEX.triggers.values() for r in rules} <= set(PLOVER_TYPES) | {"-"}  # "-": stop row
    for type_ in PLOVER_TYPES:
        assert LEX.coding(type_, None).quad_class in {
            "verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"}


@pytest.mark.parametrize("mode, subtype", [
    ("drone", "Air/drone strike"), ("heavy-weapons", "Shelling/artillery/missile attack"),
    ("explosives", "Remote explosive/landmine/IED"), ("suicide", "Suicide bomb"), ("abduct",
                                                                                     "Abduction/forced disappearance"),
])
def test_assault_modes_map_to_acled_subtypes(mode, subtype):
    assert LEX.coding("ASSAULT", mode).acled_subtype == subtype


def test_a_weapon_that_slams_is_an_assault_and_a_person_who_slams_accuses():
    doc, groups = _groups(ROCKETS)
    assert [(g.rule.type, g.mode, g.family) for g in groups] == [("ASSAULT", "heavy-weapons", "rocket")]
    doc, groups = _groups(SLAMMED_BY_PERSON)
    assert [g.rule.type for g in groups] == ["ACCUSE"]


def test_coordinated_weapons_of_a_plural_attack_are_two_events():
    doc, groups = _groups(MORTAR_AND_ROCKET)
    assert sorted(g.family for g in groups) == ["mortar", "rocket"]
    assert all(g.rule.type == "ASSAULT" for g in groups)


@pytest.mark.parametrize("table, expected", [
    pytest.param(ROCKETS, ["asserted"], id="plain-report"),
    pytest.param(FEAR, ["hypothetical"], id="fear-of"),
    # the definite strike happened; the strikes it could unleash did not
    pytest.param(COULD_UNLEASH, ["asserted", "hypothetical"], id="modal-reaches-object-not-subject"),
    pytest.param(NO_STRIKE, ["negated"], id="no-strike"),
    pytest.param(CLAIMED, ["claimed"], id="claimed"),
    pytest.param(SHOULD_HAVE, ["hypothetical"], id="counterfactual"),
])
def test_factuality(table, expected):
    doc, groups = _groups(table)
    got = [factuality(doc, g.tokens, g.head, LEX, definite=g.definite) for g in groups]
    assert got == expected


def test_weapon_is_never_the_actor_and_the_place_hit_is_the_recipient():
    doc, groups = _groups(ROCKETS)
    roles = find_roles(doc, groups[0], LEX, triggers=frozenset(groups[0].tokens))
    assert roles.actors == ()
    assert [doc[i].text for i in roles.recipients] == ["base"]


def test_passive_agent_is_the_actor_and_subject_the_victim():
    doc, groups = _groups(KILLED_BY)
    roles = find_roles(doc, groups[0], LEX, triggers=frozenset(groups[0].tokens))
    assert groups[0].mode == "drone"
    assert [doc[i].text for i in roles.recipients] == ["guards"]
    assert [doc[i].text for i in roles.actors] == ["US"]  # the drone is the weapon, its owner the actor


def test_a_new_strike_is_marked_novel_and_a_possessed_pronoun_goes_to_the_speaker():
    doc, groups = _groups(CLAIMED)
    assert groups[0].novel and not groups[0].definite
    roles = find_roles(doc, groups[0], LEX, triggers=frozenset(groups[0].tokens))
    assert [doc[i].text for i in roles.recipients] == ["convoy"]


DECLINED_COMMENT = """
officials official NOUN NNS nsubj 1
declined decline VERB VBD ROOT 1
to to PART TO aux 3
comment comment VERB VB xcomp 1
"""
DECLINED_OFFER = """
officials official NOUN NNS nsubj 1
declined decline VERB VBD ROOT 1
to to PART TO aux 3
meet meet VERB VB xcomp 1
"""


@pytest.mark.parametrize("table, types", [
    pytest.param(DECLINED_COMMENT, [], id="declining-to-comment-is-no-event"),
    pytest.param(DECLINED_OFFER, ["REJECT", "CONSULT"], id="declining-to-meet-is-a-rejection"),
])
def test_stop_rows_keep_non_events_out(table, types):
    doc, groups = _groups(table)
    assert [g.rule.type for g in groups] == types


SUPPORT_GOVERNED = """
Turkey Turkey PROPN NNP nsubj 1
{word} {lemma} VERB VBD ROOT 1
its its PRON PRP$ poss 3
support support NOUN NN dobj 1
for for ADP IN prep 3
government government NOUN NN pobj 4
"""


@pytest.mark.parametrize("word, lemma, expected", [
    pytest.param("reiterated", "reiterate", "SUPPORT", id="expressing-support-is-support"),
    pytest.param("voiced", "voice", "SUPPORT", id="voicing-support-is-support"),
    pytest.param("pledged", "pledge", "AGREE", id="pledging-support-is-a-promise"),
])
def test_support_expressed_is_support_and_support_promised_an_agreement(word, lemma, expected):
    """PLOVER: SUPPORT is expressing support or approval; AGREE is promising to do something."""
    doc, groups = _groups(SUPPORT_GOVERNED.format(word=word, lemma=lemma))
    assert [g.rule.type for g in groups] == [expected]
