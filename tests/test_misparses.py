"""A reduced relative clause of shooting before the main verb, read by the parser as an active clause whose
subject shot someone (events/misparses.py): the subject was shot; constructed sentences and the limits."""
from __future__ import annotations

import pytest

from eventwire.events.casualties import count_casualties

N = None


@pytest.mark.parametrize("text, dead, injured", [
    ("A teenager shot on a street Friday near the school ran onto the campus for safety, officials said.", N, 1),
    ("A man shot in the leg on Sunday is in stable condition.", N, 1),
    ("Two men shot on Friday night are expected to survive.", N, 2),
    # an active shooting: a target, a verb of saying after it, or no main verb taking it
    ("A man shot at a car on Main Street and fled, police said.", N, N),
    ("The officer shot in self-defense, police said.", N, N),
    ("The deputy shot twice before the suspect fled.", N, N),
])
def test_a_reduced_relative_of_shooting_counts_its_subject(nlp, text, dead, injured):
    sent = next(iter(nlp(text).sents))
    found = count_casualties(sent)
    assert (found.fatalities, found.injured) == (dead, injured)
