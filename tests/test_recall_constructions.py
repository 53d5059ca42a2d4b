"""Rules alone (no learned filter, real spaCy): constructions that report an event without the usual event word
(session 16, issue #15; benchmarks/annotations/GUIDELINES.md), each beside a near miss that reports none.
Constructed sentences, not corpus ones."""
from __future__ import annotations

import pytest


def _types(nlp, text: str) -> set[str]:
    from eventwire.pipeline import Resources, extract

    events = extract(text, published="2020-01-10", resources=Resources(nlp=nlp, learned=False))
    return {e.type for e in events}


@pytest.mark.model
@pytest.mark.parametrize("text, accuse", [
    pytest.param("The suspect was arraigned on Wednesday in district court.", True, id="was-arraigned"),
    pytest.param("Smith, arraigned Tuesday before Judge Brown, is held without bond.", True, id="arraigned-apposition"),
    pytest.param("He will be sentenced next month, his lawyer said.", False, id="no-arraignment"),
])
def test_an_arraignment_is_a_charge(nlp, text, accuse):
    assert ("ACCUSE" in _types(nlp, text)) is accuse


@pytest.mark.model
@pytest.mark.parametrize("text, accuse", [
    pytest.param("An investigation got underway after two men were wounded in the park.", True, id="got-underway"),
    pytest.param("Both investigations are ongoing, a police spokesman said.", True, id="plural-ongoing"),
    pytest.param("An inquiry is under way into the leak of the files.", True, id="inquiry-under-way"),
    pytest.param("After detectives complete their investigation, the file goes to the prosecutor.", True,
                 id="completes-their-investigation"),
    pytest.param("An investigation would be a waste of time, the mayor said.", False, id="investigation-as-a-topic"),
    pytest.param("Previous investigations were inadequate.", False, id="investigations-judged"),
])
def test_an_investigation_told_as_going_on_is_conducted(nlp, text, accuse):
    assert ("ACCUSE" in _types(nlp, text)) is accuse


@pytest.mark.model
@pytest.mark.parametrize("text, accuse", [
    pytest.param("Detectives are continuing to look into the killing.", True, id="look-into-a-killing"),
    pytest.param("The ministry will look into the complaint.", True, id="look-into-a-complaint"),
    pytest.param("He looked into her eyes and smiled.", False, id="look-into-eyes"),
    pytest.param("She looked into the camera and waved.", False, id="look-into-the-camera"),
])
def test_looking_into_an_occurrence_is_investigating_it(nlp, text, accuse):
    assert ("ACCUSE" in _types(nlp, text)) is accuse


@pytest.mark.model
@pytest.mark.parametrize("text, attack", [
    pytest.param("A man in a passing car fired into a crowd outside the party.", True, id="fired-into-a-crowd"),
    pytest.param("Two gunmen fired a barrage of bullets into the house on Monday.", True, id="fired-bullets-into"),
    pytest.param("The suspect began firing into the restaurant just after noon.", True, id="began-firing-into"),
    pytest.param("The striker fired into the top corner from 25 yards.", False, id="fired-into-the-corner"),
    pytest.param("His late goal fired the club into the last eight.", False, id="fired-a-team-into-a-round"),
])
def test_gunfire_into_a_place_where_people_are_is_an_attack(nlp, text, attack):
    assert ("ASSAULT" in _types(nlp, text)) is attack


@pytest.mark.model
@pytest.mark.parametrize("text, accuse", [
    pytest.param("The opposition has branded the scheme a waste of money.", True, id="branded-x-a-waste"),
    pytest.param("The minister said the plan would cost millions.", False, id="no-verdict"),
])
def test_branding_something_is_criticism(nlp, text, accuse):
    assert ("ACCUSE" in _types(nlp, text)) is accuse


@pytest.mark.model
@pytest.mark.parametrize("text, coerce", [
    pytest.param("The teenager wanted for the robbery has turned himself into police.", True, id="turned-himself-into"),
    pytest.param("The third suspect was cuffed in a suburb two days later.", True, id="was-cuffed"),
    pytest.param("The chief credited patrol officers with getting the gunman into custody.", True,
                 id="getting-into-custody"),
    pytest.param("The company turned the old factory into a museum.", False, id="turned-a-thing-into"),
])
def test_a_suspect_taken_into_custody_without_the_word_arrest(nlp, text, coerce):
    assert ("COERCE" in _types(nlp, text)) is coerce


@pytest.mark.model
@pytest.mark.parametrize("text, attack", [
    pytest.param("The two families got into a fight outside the store.", True, id="got-into-a-fight"),
    pytest.param("A school officer spotted two teens in a fight.", True, id="spotted-in-a-fight"),
    pytest.param("The governor vowed to step up the fight against poverty.", False, id="fight-against-a-cause"),
])
def test_a_fight_between_people_told_as_happening_is_an_assault(nlp, text, attack):
    assert ("ASSAULT" in _types(nlp, text)) is attack
