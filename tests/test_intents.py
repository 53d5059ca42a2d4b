"""Statements about future acts (eventwire.events.intents), the rules alone (``Resources(learned=False)``): an
announced cooperative act is an offer (PLOVER AGREE, CAMEO 03 "express intent to cooperate") also when it is
offered on a condition the other side can meet; held out against a condition ("unless", "if ... not") or under a
threat word it is a THREATEN.
"""
from __future__ import annotations

import pytest

from eventwire import Resources, extract


@pytest.fixture(scope="module")
def rules(nlp):
    return Resources(nlp=nlp, learned=False)


def statement_types(text: str, rules: Resources) -> set[str]:
    return {e.type for e in extract(text, published="2001-05-01", resources=rules)
            if e.type in ("AGREE", "THREATEN") and e.factuality == "asserted"}


@pytest.mark.parametrize("text, expected, not_expected", [
    pytest.param("Syria is willing to withdraw its troops from the border towns if Turkey guarantees their "
                 "security.", "AGREE", "THREATEN", id="conditional-offer"),
    pytest.param("Nigeria said it will withdraw its troops from the peace force unless the rebels disarm.",
                 "THREATEN", "AGREE", id="unless-is-a-threat"),
    pytest.param("Nigeria said it will withdraw its troops from the peace force if the rebels do not disarm.",
                 "THREATEN", "AGREE", id="if-not-is-a-threat"),
    pytest.param("Portugal will support Turkey's bid to join the union.", "AGREE", "THREATEN",
                 id="plain-announcement"),
    pytest.param("The United States threatened to withdraw trade preferences from Guatemala.", "THREATEN",
                 "AGREE", id="under-a-threat-word"),
])
def test_announced_acts(text, expected, not_expected, rules):
    found = statement_types(text, rules)
    assert expected in found and not_expected not in found, found
