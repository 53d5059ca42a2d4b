"""How many were hit in a local story (issue #16): constructions of news tolls, on constructed sentences."""
from __future__ import annotations

import pytest

from eventwire.events.casualties import Casualties, count_casualties

N = None


@pytest.mark.parametrize("text, dead, injured", [
    # a victim noun that is the passive subject of a verb of hitting was hit, not killed ("the victims" alone
    # are the dead, the MUC convention, unless the sentence tells wounds)
    ("Two victims were struck in the legs.", N, 2),
    ("The victim was hit in the arm.", N, 1),
    ("All four victims were struck, but none of their injuries were life-threatening.", N, 4),
    ("The victim was struck and killed by a bullet.", 1, N),  # the verbs tell the death
    ("The two victims were found dead.", 2, N),
    ("The victims were identified as John Smith and Ann Lee.", 2, N),  # no hit verb: the dead, as before
])
def test_a_victim_struck_was_hit(nlp, text, dead, injured):
    sent = next(iter(nlp(text).sents))
    found = count_casualties(sent)
    assert (found.fatalities, found.injured) == (dead, injured)


@pytest.mark.parametrize("text, dead, injured", [
    # people hit told without a word of death or wounds: "a bullet struck", "a stray bullet hit", "recovering"
    ("A bullet struck an 11-year-old girl who was riding in a car on Saturday afternoon, police said.", 0, 1),
    ("The gun went off, and the bullet struck the teen in the hand.", 0, 1),
    ("A woman was sleeping in her bedroom when a stray bullet hit her on Saturday.", 0, 1),
    ("Three people are recovering after a shooting outside a bar on Saturday.", 0, 3),
])
def test_people_hit_by_a_bullet_or_recovering_are_the_events_wounded(text, dead, injured):
    import eventwire

    (event,) = [e for e in eventwire.extract(text, published="2020-03-09") if e.type == "ASSAULT"]
    assert (event.fatalities, event.injured) == (dead, injured)


@pytest.mark.parametrize("text", [
    "Police recovered the gun used in the shooting on Saturday.",
    "He fired five bullets into the air during the shooting on Saturday.",
])
def test_a_recovered_gun_or_fired_bullets_count_no_one(text):
    import eventwire

    events = [e for e in eventwire.extract(text, published="2020-03-09") if e.type == "ASSAULT"]
    assert all(not e.injured and not e.fatalities for e in events)


@pytest.mark.parametrize("text, dead, injured", [
    # bare victims carried to care are in care (wounded), unless the sentence tells a death
    ("The five victims were taken to Mercy Medical Center.", N, 5),
    ("Two victims were rushed to the hospital in critical condition.", N, 2),
    ("Two victims were taken to the hospital, where they died.", 2, N),
])
def test_victims_taken_to_a_hospital_are_in_care(nlp, text, dead, injured):
    sent = next(iter(nlp(text).sents))
    found = count_casualties(sent)
    assert (found.fatalities, found.injured) == (dead, injured)


@pytest.mark.parametrize("lead, dead, injured", [
    # people a later sentence only calls victims ("one victim ... and three others") are the story's victims, the
    # dead and the wounded the lead told, not more dead
    ("One person is dead and four others are injured after a shooting", 1, 4),
    # with no death told in words, the victims stay the dead (the MUC convention)
    ("Police are investigating a shooting", 4, N),
])
def test_victims_only_called_so_later_are_the_leads_dead_and_wounded(lead, dead, injured):
    import eventwire

    text = (f"AKRON, Ohio - {lead} on Main Street in Akron early Tuesday. Seconds after the shooting, someone "
            "flagged down an officer, police said. The officer found one victim on Main Street and three others on "
            "Bell Street.")
    events = [e for e in eventwire.extract(text, published="2020-03-10") if e.type == "ASSAULT"]
    main = max(events, key=lambda e: e.confidence)
    assert (main.fatalities, main.injured) == (dead, injured)


@pytest.mark.parametrize("text, dead, injured", [
    # the parser reads these passives as active clauses whose subject is the victim (events/misparses.py)
    ("Officers found John Smith and his brother Tom shot to death inside the house.", 2, N),
    ("Four men fatally shot in the park Friday night were inside a stolen car, police said.", 4, N),
    ("Deputies found a woman shot in the arm behind the store.", N, 1),
    # an active shooting with its object or without a word of death is the shooter's
    ("He fatally shot his wife.", 1, N),
    ("The gunman shot and fled.", N, N),
    ("Police said he had shot at the house.", N, N),
])
def test_a_passive_read_as_active_counts_its_subject(nlp, text, dead, injured):
    sent = next(iter(nlp(text).sents))
    found = count_casualties(sent)
    assert (found.fatalities, found.injured) == (dead, injured)


@pytest.mark.parametrize("caption, index", [
    # a number over a number across a slash is a caption's place in a gallery ("1 / 6 Back to Gallery")
    ("Man fatally shoots driver", " 1 / 6 Back to Gallery"),
    ("Photo: Image 8 of 8 A boy who accidentally shot himself dies", " 1 / 8 Back to Gallery"),
    ("Beaumont man gets life for killing 3 siblings", " 1 / 5 Back to Gallery"),
])
def test_a_gallery_index_counts_no_one(nlp, caption, index):
    def toll(text):
        found = count_casualties(next(iter(nlp(text).sents)))
        return found.fatalities, found.injured

    assert toll(caption + index) == toll(caption + ".")
    assert toll("Beaumont man gets life for killing 3 siblings 1 / 5 Back to Gallery") == (3, None)
