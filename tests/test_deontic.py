"""Deontic necessity (data/cues.tsv): an act that is necessary, needed or a duty is not thereby done.

Hand-built parses of constructed sentences (no model needed); each construction is paired with the plain report of
the same act, which stays asserted.
"""
from __future__ import annotations

import pytest

from eventwire.events.factuality import factuality
from eventwire.events.triggers import find_groups
from eventwire.knowledge.lexicon import load_lexicon
from handmade import parsed

LEX = load_lexicon()

NECESSARY = """
It it PRON PRP nsubj 1
is be AUX VBZ ROOT 1
necessary necessary ADJ JJ acomp 1
to to PART TO aux 4
condemn condemn VERB VB xcomp 2
the the DET DT det 6
rebels rebel NOUN NNS dobj 4
. . PUNCT . punct 1
"""
DUTY = """
The the DET DT det 1
police police NOUN NNS nsubj 2
have have VERB VBP ROOT 2
a a DET DT det 4
duty duty NOUN NN dobj 2
to to PART TO aux 6
investigate investigate VERB VB acl 4
every every DET DT det 8
complaint complaint NOUN NN dobj 6
. . PUNCT . punct 2
"""
NEED = """
The the DET DT det 1
leaders leader NOUN NNS nsubj 2
need need VERB VBP ROOT 2
to to PART TO aux 4
meet meet VERB VB xcomp 2
the the DET DT det 6
unions union NOUN NNS dobj 4
. . PUNCT . punct 2
"""
CONDEMNED = """
The the DET DT det 1
minister minister NOUN NN nsubj 2
condemned condemn VERB VBD ROOT 2
the the DET DT det 4
rebels rebel NOUN NNS dobj 2
. . PUNCT . punct 2
"""
INVESTIGATING = """
The the DET DT det 1
police police NOUN NNS nsubj 3
are be AUX VBP aux 3
investigating investigate VERB VBG ROOT 3
the the DET DT det 5
complaint complaint NOUN NN dobj 3
. . PUNCT . punct 3
"""


def _factualities(table: str) -> list[tuple[str, str]]:
    doc = parsed(table)
    return [(g.rule.type, factuality(doc, g.tokens, g.head, LEX, definite=g.definite))
            for g in find_groups(doc[:], LEX)]


@pytest.mark.parametrize("table, expected", [
    pytest.param(NECESSARY, [("ACCUSE", "hypothetical")], id="necessary-to"),
    pytest.param(DUTY, [("ACCUSE", "hypothetical")], id="a-duty-to"),
    pytest.param(NEED, [("CONSULT", "hypothetical")], id="need-to"),
    pytest.param(CONDEMNED, [("ACCUSE", "asserted")], id="plain-condemnation"),
    pytest.param(INVESTIGATING, [("ACCUSE", "asserted")], id="plain-investigation"),
])
def test_a_necessary_act_is_not_a_done_one(table, expected):
    assert _factualities(table) == expected
