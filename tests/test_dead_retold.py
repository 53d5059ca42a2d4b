"""A wounded person whose death the same sentence then tells by a pronoun (events/dead_retold.py): "a woman was shot
and taken to a trauma center, where she was pronounced dead" is one dead, not one dead and one wounded; constructed
sentences."""
from __future__ import annotations

import pytest

from eventwire.events.casualties import count_casualties

N = None


@pytest.mark.parametrize("text, dead, injured", [
    # the pronoun's dead are the shot the sentence counted before it
    ("A woman was shot in the back and taken to a trauma center, where she was pronounced dead.", 1, N),
    ("A teenager was shot in the head and rushed to the hospital, where he died.", 1, N),
    ("A man was wounded and taken to a hospital, where he died on Sunday.", 1, N),
    # the dead pronoun stands for someone else: the others stay wounded
    ("Three people were shot and one was taken to a hospital, where he died.", 1, 2),
    ("One man was shot and another was taken to a hospital, where he died.", 1, 1),
    # the sentence counts its dead by a noun, or tells the death first: both counts stand
    ("A man was killed and his wife was shot in the arm.", 1, 1),
    ("He died after a gunman shot his brother in the leg.", 1, 1),
])
def test_the_dead_pronoun_is_one_of_the_shot(nlp, text, dead, injured):
    counted = count_casualties(next(iter(nlp(text).sents)))
    assert (counted.fatalities, counted.injured) == (dead, injured)


def test_without_a_dead_pronoun_nothing_is_taken_off():
    from eventwire.events.dead_retold import dead_among_wounded

    assert dead_among_wounded({"shot": [(None, 2)]}, {"dead": []}) == 0
    assert dead_among_wounded({"dead": [(None, 1)], "shot": [(None, 2)]}, {"dead": [(None, 1)]}) == 0


def test_the_killers_own_death_is_not_a_victim_retold(nlp):
    """A reflexive dead pronoun is the killer: the victim he shot stays wounded."""
    for text in ("A man shot his neighbor before killing himself.",
                 "A woman shot her husband in the leg before turning the gun on herself."):
        counted = count_casualties(next(iter(nlp(text).sents)))
        assert counted.injured == 1, text
