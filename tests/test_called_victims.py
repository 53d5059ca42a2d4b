"""Victims a story only calls victims: people it said were shot, then calls "the victims" (events/fields.py) are
those shot, not dead people to take off the wounded; "the other victims" taken to a hospital beside a death told of
someone else are the wounded; who shot is no victim by the word beside him (events/victim_nouns.py)."""
from __future__ import annotations

import pytest

from eventwire.events import fields
from eventwire.events.casualties import count_casualties

from test_merge import mention


def test_people_shot_then_only_called_victims_are_the_wounded():
    """"Four men were shot on Sunday ... Police said the four victims were approached by two men": four wounded,
    no dead (the victims' count was taken off the shot, leaving none wounded, and then read as four dead)."""
    shot = mention(0, injured=4, shot=True)
    called = mention(1, fatalities=4, victims=True)
    wounded = fields.wounded([shot, called])
    assert wounded == 4
    assert fields.dead([shot, called], wounded) == 0


def test_a_death_told_in_words_comes_off_the_shot():
    """"Four men were shot ... One of them died at the hospital": three wounded, one dead."""
    shot = mention(0, injured=4, shot=True)
    died = mention(1, fatalities=1)
    wounded = fields.wounded([shot, died])
    assert wounded == 3
    assert fields.dead([shot, died], wounded) == 1


N = None


@pytest.mark.parametrize("text, dead, injured", [
    # victims told apart from the dead by "other" are in care, though the sentence tells a death (another's)
    ("Robinson died at the scene and the other five victims were transported to local hospitals.", 1, 5),
    ("A man died at the scene and two other victims were taken to a hospital.", 1, 2),
    # ... unless their own clause tells their death; without "other", a death in the sentence is theirs
    ("Two victims were taken to the hospital, where they died.", 2, N),
    # a noun naming who shot is no victim by the victim noun beside it; by a verb of death he is one of the dead
    ("Police believe the victim and the shooter knew each other.", 1, N),
    ("The victim and the suspect were both killed.", 2, N),
])
def test_victims_told_apart(nlp, text, dead, injured):
    sent = next(iter(nlp(text).sents))
    found = count_casualties(sent)
    assert (found.fatalities, found.injured) == (dead, injured)
