"""Aid carried to a place or people (data/triggers.tsv, s15-types block; issue #19): constructed sentences through
the real pipeline, rules only."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("The charity flew 20 tonnes of medicine into the region on Monday.", True),
    ("The army airlifted food and tents to the flooded villages.", True),
    ("Germany shipped weapons to Ukraine last month.", True),
    ("Volunteers trucked water into the besieged town.", True),
    ("The airline flew 300 passengers to Paris on Monday.", False),
    ("The company shipped its new phones to stores in Europe.", False),
])
def test_aid_goods_flown_shipped_or_trucked_are_aid(nlp, text, expected):
    from eventwire import extract
    from eventwire.pipeline import Resources

    found = {e.type for e in extract(text, published="2024-05-07", resources=Resources(nlp=nlp, learned=False))}
    assert ("AID" in found) == expected, found
