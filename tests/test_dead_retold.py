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


def _report(index, text, *, dead=None, injured=None, shot=False):
    """A stand-in for one report of an event (events/records.Mention): what ``fields.wounded`` reads."""
    from types import SimpleNamespace

    return SimpleNamespace(index=index, clause=SimpleNamespace(text=text), fatalities=dead, injured=injured,
                           shot=shot, victims=False)


@pytest.mark.parametrize("later, wounded", [
    # one more person shot, told apart from the dead by "also", "a second", or by surviving
    ("Her mother was also shot, but survived.", 1),
    ("A second man was shot in the leg.", 1),
    ("His brother was shot too.", 1),
    # the dead told again by a later report of someone shot: no wounded besides
    ("Police said the boy was shot once in the chest.", N),
    ("He was shot a second time in the back.", N),
])
def test_a_later_report_of_someone_shot(later, wounded):
    """A report of someone shot, beside the event's dead, is one of them told again unless it says he is one more."""
    from eventwire.events.fields import wounded as event_wounded

    reports = [_report(0, "A 7-year-old boy was shot and killed on Wednesday night.", dead=1),
               _report(1, later, injured=1, shot=True)]
    assert event_wounded(reports) == wounded


def test_another_victim_words():
    from eventwire.events.dead_retold import another_victim

    assert another_victim("His brother was shot too.")
    assert another_victim("A woman was shot in the arm and is expected to survive.")
    assert not another_victim("He was shot a second time in the back.")
    assert not another_victim("The boy was shot in the chest.")


@pytest.mark.parametrize("text", [
    "According to the fire department, the shooting occurred at 3:51 p.m., and the child was taken in critical "
    "condition to a children's hospital, where he was pronounced dead.",
    "A woman was shot in the back on Main Street on Friday and taken to a nearby trauma center, where she was "
    "pronounced dead.",
])
def test_the_event_reads_its_sentence_once(text):
    """The event of the sentence's only attack takes its dead and its wounded from one reading of the sentence: the
    dead a later clause tells by a pronoun are not counted again as wounded by the attack's own clause."""
    import eventwire

    rules = eventwire.Resources(learned=False)
    events = eventwire.extract(text, published="2016-06-03", resources=rules)
    assert [(e.fatalities, e.injured) for e in events if e.type == "ASSAULT"] == [(1, None)]
