""""X was among N people shot" (events/casualties._is_subset): after a copula, "among" names the whole the subject
is part of, so the N are counted; elsewhere "among them" introduces a part of a total already counted."""
from __future__ import annotations

import pytest

from eventwire.events.casualties import count_casualties

N = None


@pytest.mark.parametrize("text, dead, injured", [
    ("A teenager was among four people who were shot on the east side on Tuesday night.", N, 4),
    ("Two brothers were among the five people murdered in a home on Main Street.", 5, N),
    ("Three teenage boys were among six people wounded in shootings across the city.", N, 6),
    ("The gunman is among the four dead.", 4, N),
    # a part of a total already counted stays a part
    ("Police said 20 people were killed, among them three children.", 20, N),
    ("Twelve people were wounded, including four children.", N, 12),
])
def test_among_after_a_copula_names_the_whole(nlp, text, dead, injured):
    sent = next(iter(nlp(text).sents))
    found = count_casualties(sent)
    assert (found.fatalities, found.injured) == (dead, injured)
