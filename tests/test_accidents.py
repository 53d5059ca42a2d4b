"""Rules alone (no learned filter, real spaCy): an investigation of what the sentence tells as an accident is no
ACCUSE (benchmarks/annotations/GUIDELINES.md section 5; events/accidents.py). Constructed sentences, each beside a
counterpart about a crime."""
from __future__ import annotations

import pytest


def _types(nlp, text: str) -> set[str]:
    from eventwire.pipeline import Resources, extract

    events = extract(text, published="2020-01-10", resources=Resources(nlp=nlp, learned=False))
    return {e.type for e in events}


@pytest.mark.model
@pytest.mark.parametrize("text, accuse", [
    pytest.param("The investigation is ongoing, but all indications are that the shooting was accidental.", False,
                 id="ongoing-but-accidental"),
    pytest.param("The agency is investigating an incident in which a man said his gun accidentally discharged.",
                 False, id="investigating-an-accidental-discharge"),
    pytest.param("The investigation continues, but the evidence points to a self-inflicted wound.", False,
                 id="a-self-inflicted-wound"),
    pytest.param("Police are investigating an incident in which a gun went off in a parked car.", False,
                 id="a-gun-went-off"),
    pytest.param("Police are investigating the shooting of two men outside a bar.", True, id="investigating-a-crime"),
    pytest.param("Police are investigating after a bomb went off outside the ministry.", True,
                 id="a-bomb-went-off"),
])
def test_investigating_an_accident_is_no_accusation(nlp, text, accuse):
    assert ("ACCUSE" in _types(nlp, text)) is accuse
