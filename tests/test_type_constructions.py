"""Rule tests on hand-built parses (issue #19, session 16): constructions whose events the rules typed wrong or
missed on the tune halves of the PLOVER sets, each with a near miss that keeps its old reading. No model needed.

- an infinitive's subject as the verb's object ("declared a state of emergency to take effect at midnight");
- armed forces taking a place or a vessel are an ASSAULT, the police seizing one a COERCE seize;
- "set free" / "let free" are a release (RETREAT);
- easing a curfew or a state of emergency is CONCEDE (CAMEO 0813/0814), easing a siege or sanctions stays RETREAT.
"""
from __future__ import annotations

import pytest

from eventwire.events.triggers import find_groups, objects
from eventwire.knowledge.lexicon import load_lexicon
from handmade import parsed

LEX = load_lexicon()

DECLARED_TO = """
the the DET DT det 1
government government NOUN NN nsubj 2
declared declare VERB VBD ROOT 2
a a DET DT det 4
{noun} {noun} NOUN NN nsubj 6
to to PART TO aux 6
{verb} {verb} VERB VB ccomp 2
{rest}
. . PUNCT . punct 2
"""
SEIZED = """
the the DET DT det 1
{subject} {subject_lemma} {subject_pos} NNS nsubj 2
seized seize VERB VBD ROOT 2
the the DET DT det 5
{compound} {compound} NOUN NN compound 5
{thing} {thing_lemma} NOUN NNS dobj 2
. . PUNCT . punct 2
"""
SET_FREE = """
the the DET DT det 1
authorities authority NOUN NNS nsubj 2
{verb} {verb} VERB VBD ROOT 2
{modifier} {modifier} ADJ JJ amod 5
three three NUM CD nummod 5
{thing} {thing_lemma} NOUN NNS dobj 2
. . PUNCT . punct 2
"""
EASED = """
the the DET DT det 1
government government NOUN NN nsubj 2
{verb} {lemma} VERB VBD ROOT 2
the the DET DT det 4
{thing} {thing} NOUN NN dobj 2
. . PUNCT . punct 2
"""


def _types(table: str) -> list[str]:
    doc = parsed(table)
    return [g.rule.type for g in find_groups(doc[:], LEX)]


def test_an_infinitives_subject_is_the_verbs_object():
    doc = parsed(DECLARED_TO.format(noun="curfew", verb="begin", rest="at at ADP IN prep 6\ndusk dusk NOUN NN pobj 7"))
    assert [t.lower_ for t in objects(doc[2])] == ["curfew"]


@pytest.mark.parametrize("table, types", [
    pytest.param(DECLARED_TO.format(noun="curfew", verb="begin", rest="at at ADP IN prep 6\ndusk dusk NOUN NN pobj 7"),
                 ["COERCE"], id="declared-a-curfew-to-begin-at-dusk"),
    pytest.param(DECLARED_TO.format(noun="vote", verb="be", rest="fair fair ADJ JJ acomp 6"), [],
                 id="declared-the-vote-to-be-fair-is-no-event"),
    pytest.param(SEIZED.format(subject="troops", subject_lemma="troop", subject_pos="NOUN", compound="oil",
                               thing="fields", thing_lemma="field"), ["ASSAULT"], id="troops-seized-the-oil-fields"),
    pytest.param(SEIZED.format(subject="Marines", subject_lemma="Marines", subject_pos="PROPN", compound="oil",
                               thing="tankers", thing_lemma="tanker"), ["ASSAULT"], id="marines-seized-the-tankers"),
    pytest.param(SEIZED.format(subject="police", subject_lemma="police", subject_pos="NOUN", compound="fishing",
                               thing="boats", thing_lemma="boat"), ["COERCE"], id="police-seizing-boats-is-coercion"),
    pytest.param(SET_FREE.format(verb="set", modifier="free", thing="journalists", thing_lemma="journalist"),
                 ["RETREAT"], id="set-free-three-journalists"),
    pytest.param(SET_FREE.format(verb="let", modifier="free", thing="activists", thing_lemma="activist"),
                 ["RETREAT"], id="let-free-three-activists"),
    pytest.param(SET_FREE.format(verb="set", modifier="new", thing="dates", thing_lemma="date"), [],
                 id="setting-new-dates-is-no-event"),
    pytest.param(EASED.format(verb="lifted", lemma="lift", thing="curfew"), ["CONCEDE"], id="lifting-a-curfew-concedes"),
    pytest.param(EASED.format(verb="relaxed", lemma="relax", thing="curfew"), ["CONCEDE"], id="relaxing-a-curfew"),
    pytest.param(EASED.format(verb="shortened", lemma="shorten", thing="curfew"), ["CONCEDE"],
                 id="shortening-a-curfew"),
    pytest.param(EASED.format(verb="lifted", lemma="lift", thing="siege"), ["RETREAT"],
                 id="lifting-a-siege-is-a-retreat"),
])
def test_type_constructions(table, types):
    assert _types(table) == types
