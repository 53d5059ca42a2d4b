"""The day of a local story's attack: conventions of news dates (issue #16), tested on constructed sentences."""
from __future__ import annotations

import pytest

from test_mentions import _mentions

PUBLISHED = "2020-03-06"  # a Friday


def _dated(text: str, trigger: str):
    (found,) = [m for m in _mentions(text, PUBLISHED) if m.type == "ASSAULT" and m.trigger == trigger]
    return found


@pytest.mark.parametrize("text, own", [
    pytest.param("The shooting spree happened around 3:40 p.m. Wednesday in an apartment.", "2020-03-04",
                 id="the-shooting-spree-happened-wednesday"),
    pytest.param("The shooting incident occurred Wednesday night outside a bar.", "2020-03-04",
                 id="the-shooting-incident-occurred-wednesday-night"),
    pytest.param("The shooting happened Wednesday night outside a bar.", "2020-03-04",
                 id="the-shooting-happened-wednesday-night"),
    pytest.param("The shooting spree was reported Wednesday by a neighbor who heard shots.", None,
                 id="reported-on-a-day-is-no-own-day"),
])
def test_an_event_noun_modifying_the_subject_of_happen_takes_its_day(text, own):
    """"the shooting spree happened ... Wednesday": the event word modifies the noun that is the subject of a verb of
    occurring; the day on that verb is the event's own (as for "the shooting happened Wednesday")."""
    found = _dated(text, "shooting")
    assert (found.date and found.date.value) == own


@pytest.mark.parametrize("said, story_day", [
    pytest.param("police said Thursday", None, id="said-thursday-dates-the-telling"),
    pytest.param("police said on Thursday", None, id="said-on-thursday-dates-the-telling"),
    pytest.param("the man died Thursday", "2020-03-05", id="died-thursday-dates-the-story"),
])
def test_the_day_someone_spoke_is_not_the_day_the_story_is_set(said, story_day):
    """A day told on a verb of saying ("police said Thursday") dates the telling: a later paragraph's attack without
    a day of its own is not dated by it (neither as the story's day nor as its paragraph's)."""
    text = (f"A man was found in a park with a gunshot wound, {said}.\n\n"
            "Officers found the man near the basketball courts after someone shot him in a parked car.")
    found = _dated(text, "shot")
    assert found.date is None
    days = {t.value for t in (found.weak_date, found.context_date) if t is not None}
    assert days == ({story_day} if story_day else set())


@pytest.mark.parametrize("lead, story_day", [
    pytest.param("A girl was taken to a hospital Thursday, police said.", "2020-03-05",
                 id="a-day-before-the-attribution-is-the-reported-clauses"),
    pytest.param("The sheriff's office says around 2 p.m. on Thursday, deputies were sent to a home.", "2020-03-05",
                 id="a-day-a-present-says-reports"),
    pytest.param("Police said on Thursday, a boy found his mother's gun in a drawer.", "2020-03-05",
                 id="a-day-fronted-in-the-reported-clause"),
    pytest.param("A girl was taken to a hospital, police said Thursday.", None, id="said-thursday-is-the-telling"),
])
def test_only_a_day_right_after_a_past_verb_of_saying_dates_the_telling(lead, story_day):
    """"police said Thursday" dates the telling; "... Thursday, police said" and "says ... on Thursday, deputies
    were sent" tell the story's day, though the parse may hang it on the verb of saying."""
    text = f"{lead}\n\nOfficers found the girl near the basketball courts after someone shot her in a parked car."
    found = _dated(text, "shot")
    days = {t.value for t in (found.weak_date, found.context_date) if t is not None}
    assert days == ({story_day} if story_day else set())


@pytest.mark.parametrize("text, own", [
    pytest.param("Police on Saturday had yet to identify a teenage boy who was found fatally shot inside a vehicle "
                 "Thursday evening in East Oakland.", "2020-03-05", id="the-day-on-the-trigger-beats-the-telling's"),
    pytest.param("A man was shot early Thursday in a fight that began late Wednesday.", "2020-03-05",
                 id="the-day-on-the-attack-beats-the-fight's"),
    pytest.param("On Monday, a man was shot in the leg outside a bar.", "2020-03-02", id="one-day-stays-its-own"),
    pytest.param("From 3:50 p.m. Tuesday to 5:29 p.m. Thursday, at least 18 people were shot in the city.",
                 "2020-03-03", id="a-range-on-the-trigger-keeps-its-first-day"),
])
def test_of_two_days_in_the_attacks_clause_the_nearer_is_its_own(text, own):
    """When the parse puts two days in the attack's own clause ("on Saturday" on an auxiliary "had" the parser hung
    on "shot"), the day that hangs on the trigger itself is the attack's; the other dates the telling. Two days
    both on the trigger (a range) keep their text order."""
    found = _dated(text, "shot")
    assert (found.date and found.date.value) == own
