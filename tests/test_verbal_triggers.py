"""Rule tests on hand-built parses: general English constructions of PLOVER's verbal types (issue #15: whole
articles showed gold accusations, requests, arrests... without any rules candidate). No model needed."""
from __future__ import annotations

import pytest

from eventwire.events.triggers import find_groups
from eventwire.knowledge.lexicon import load_lexicon
from handmade import parsed

LEX = load_lexicon()

ATTACKED_OBJECT = """
the the DET DT det 1
senator senator NOUN NN nsubj 2
attacked attack VERB VBD ROOT 2
the the DET DT det 5
government government NOUN NN poss 5
{noun} {lemma} NOUN NN dobj 2
. . PUNCT . punct 2
"""
CHARGED_PASSIVE = """
they they PRON PRP nsubjpass 2
were be AUX VBD auxpass 2
charged charge VERB VBN ROOT 2
. . PUNCT . punct 2
"""
BATTERY_CHARGED = """
she she PRON PRP nsubj 1
charged charge VERB VBD ROOT 1
her her PRON PRP$ poss 3
phone phone NOUN NN dobj 1
. . PUNCT . punct 1
"""
APPEAL = """
{subject} {subject_lemma} PRON NN nsubj 4
with with ADP IN prep 0
information information NOUN NN pobj 1
should should AUX MD aux 4
contact contact VERB VB ROOT 4
police police NOUN NNS dobj 4
. . PUNCT . punct 4
"""
CUSTODY = """
the the DET DT det 1
suspect suspect NOUN NN nsubjpass 3
was be AUX VBD auxpass 3
taken take VERB VBN ROOT 3
into into ADP IN prep 3
custody custody NOUN NN pobj 4
. . PUNCT . punct 3
"""
SENTENCED = """
he he PRON PRP nsubjpass 2
was be AUX VBD auxpass 2
sentenced sentence VERB VBN ROOT 2
to to ADP IN prep 2
ten ten NUM CD nummod 5
years year NOUN NNS pobj 3
. . PUNCT . punct 2
"""
ADMITTED_TO = """
{subject} {subject_lemma} PRON PRP nsubjpass 2
was be AUX VBD auxpass 2
admitted admit VERB VBN ROOT 2
to to ADP IN prep 2
{noun} {lemma} NOUN NN pobj 3
. . PUNCT . punct 2
"""
TRIBUTE = """
the the DET DT det 1
minister minister NOUN NN nsubj 2
paid pay VERB VBD ROOT 2
tribute tribute NOUN NN dobj 2
to to ADP IN prep 2
the the DET DT det 6
victims victim NOUN NNS pobj 4
. . PUNCT . punct 2
"""
TURNED_DOWN = """
the the DET DT det 1
board board NOUN NN nsubj 2
turned turn VERB VBD ROOT 2
{particle} {particle} ADP RP prt 2
the the DET DT det 5
plan plan NOUN NN dobj 2
. . PUNCT . punct 2
"""
EXPRESSED_CONCERN = """
officials official NOUN NNS nsubj 1
expressed express VERB VBD ROOT 1
concern concern NOUN NN dobj 1
over over ADP IN prep 2
the the DET DT det 5
plan plan NOUN NN pobj 3
. . PUNCT . punct 1
"""
ASKED_FOR = """
police police NOUN NNS nsubj 2
are be AUX VBP aux 2
asking ask VERB VBG ROOT 2
for for ADP IN prep 2
help help NOUN NN pobj 3
. . PUNCT . punct 2
"""


def _types(table: str) -> list[str]:
    doc = parsed(table)
    return [g.rule.type for g in find_groups(doc[:], LEX)]


@pytest.mark.parametrize("table, types", [
    pytest.param(ATTACKED_OBJECT.format(noun="plan", lemma="plan"), ["ACCUSE"], id="attacking-a-plan-is-verbal"),
    pytest.param(ATTACKED_OBJECT.format(noun="base", lemma="base"), ["ASSAULT"], id="attacking-a-base-is-an-assault"),
    pytest.param(CHARGED_PASSIVE, ["ACCUSE"], id="being-charged-is-an-accusation"),
    pytest.param(BATTERY_CHARGED, [], id="charging-a-phone-is-no-event"),
    pytest.param(APPEAL.format(subject="anyone", subject_lemma="anyone"), ["REQUEST"], id="an-appeal-to-the-public"),
    pytest.param(APPEAL.format(subject="he", subject_lemma="he"), [], id="an-obligation-of-one-man-is-no-appeal"),
    pytest.param(CUSTODY, ["COERCE"], id="taken-into-custody-is-an-arrest"),
    pytest.param(SENTENCED, ["COERCE"], id="a-prison-sentence-is-coercion"),
    pytest.param(ADMITTED_TO.format(subject="he", subject_lemma="he", noun="involvement", lemma="involvement"),
                 ["CONCEDE"], id="admitting-to-a-role-concedes"),
    pytest.param(ADMITTED_TO.format(subject="she", subject_lemma="she", noun="hospital", lemma="hospital"), [],
                 id="admitted-to-hospital-is-no-event"),
    pytest.param(TRIBUTE, ["SUPPORT"], id="paying-tribute-is-support"),
    pytest.param(TURNED_DOWN.format(particle="down"), ["REJECT"], id="turning-down-is-a-rejection"),
    pytest.param(TURNED_DOWN.format(particle="over"), [], id="turning-over-is-no-rejection"),
    pytest.param(EXPRESSED_CONCERN.replace("concern concern", "misgivings misgiving"), ["ACCUSE"],
                 id="expressed-misgivings-disapproves"),
    pytest.param(EXPRESSED_CONCERN, [], id="expressed-concern-is-no-accusation"),
    pytest.param(ASKED_FOR, ["REQUEST"], id="asking-for-help-is-a-request"),
])
def test_verbal_constructions(table, types):
    assert _types(table) == types
