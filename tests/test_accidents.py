"""Rules alone (no learned filter, real spaCy): a shot the sentence tells as an accident is no ASSAULT, and an
investigation of it no ACCUSE (benchmarks/annotations/GUIDELINES.md sections 1, 3 and 5; events/accidents.py).
Constructed sentences, each beside a deliberate counterpart."""
from __future__ import annotations

import pytest


def _types(nlp, text: str) -> set[str]:
    from eventwire.pipeline import Resources, extract

    events = extract(text, published="2020-01-10", resources=Resources(nlp=nlp, learned=False))
    return {e.type for e in events}


@pytest.mark.model
@pytest.mark.parametrize("text, attack", [
    pytest.param("A boy was accidentally shot and killed on Saturday.", False, id="accidentally-shot-and-killed"),
    pytest.param("A hunter was killed when a rifle he was carrying discharged.", False, id="when-a-rifle-discharged"),
    pytest.param("A woman was wounded when her neighbour's gun went off.", False,
                 id="when-the-gun-went-off"),
    pytest.param("Three men were sitting in a truck when a gun went off, wounding the driver.", False,
                 id="a-gun-went-off-wounding"),
    pytest.param("A girl was shot in the arm on Friday in what appears to be an accident.", False,
                 id="in-what-appears-to-be-an-accident"),
    pytest.param("The shooting happened at a farm and was accidental.", False, id="happened-and-was-accidental"),
    pytest.param("Police said the shooting appeared to be an accident.", False, id="appeared-to-be-an-accident"),
    pytest.param("Police said the shooting appeared to be gang related.", True, id="appeared-to-be-gang-related"),
    pytest.param("A boy was shot in the leg as he and a friend played with a pistol.", False, id="as-they-played-with-a-gun"),
    pytest.param("A car bomb went off near the ministry, killing six people.", True, id="a-bomb-went-off"),
    pytest.param("The deputy discharged his weapon, striking the suspect in the shoulder.", True,
                 id="a-person-discharged-a-weapon"),
    pytest.param("He loaded his rifle and shot the guard twice.", True, id="loaded-then-shot"),
    pytest.param("Gunmen shot three men as they played cards outside a bar.", True, id="as-they-played-cards"),
])
def test_a_shot_told_as_an_accident_is_no_attack(nlp, text, attack):
    assert ("ASSAULT" in _types(nlp, text)) is attack


@pytest.mark.model
@pytest.mark.parametrize("text, accuse", [
    pytest.param("The investigation is ongoing, but all indications are that the shooting was accidental.", False,
                 id="ongoing-but-accidental"),
    pytest.param("The agency is investigating an incident in which a man said his gun accidentally discharged.",
                 False, id="investigating-an-accidental-discharge"),
    pytest.param("Police are investigating the shooting of two men outside a bar.", True, id="investigating-a-crime"),
])
def test_investigating_an_accident_is_no_accusation(nlp, text, accuse):
    assert ("ACCUSE" in _types(nlp, text)) is accuse
