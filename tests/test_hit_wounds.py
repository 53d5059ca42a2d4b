"""A verb of hitting that tells a wound (events/casualty_verbs.hit_wounds): "was struck in the chest" is a person
shot or wounded as far as the sentence tells, "fatally struck X" one dead; constructed sentences."""
from __future__ import annotations

import pytest

from eventwire.events.casualties import count_casualties

N = None


@pytest.mark.parametrize("text, dead, injured", [
    ("The woman was hit in the abdomen.", N, 1),
    ("A stray bullet struck the girl in the shoulder.", N, 1),
    ("Two men were struck in the legs outside the bar.", N, 2),
    ("The gunmen opened fire on the group and fatally struck a 19-year-old man.", 1, N),
    # a victim hit as the verb's object: wounded as far as told, not one of "the victims" read as dead
    ("The gun discharged, striking the victim in the head.", N, 1),
    # not a wound: a thing hit, a deal struck
    ("The car hit a pole in the parking lot.", N, N),
    ("The city struck a deal with the union in March.", N, N),
])
def test_hitting_that_wounds(nlp, text, dead, injured):
    counted = count_casualties(next(iter(nlp(text).sents)))
    assert (counted.fatalities, counted.injured) == (dead, injured)

