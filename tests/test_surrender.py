"""A surrender to the authorities is custody taken (guidelines section 5): the custodian acts, the person who gave
themself up undergoes it (events/surrender.py). Read on the rules' candidates, as test_actor_roles.py does."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract(nlp):
    from eventwire import Resources
    from eventwire import extract as run

    rules = Resources(nlp=nlp, learned=False)

    def events(text: str) -> list[dict]:
        return [e.to_dict() for e in run(text, resources=rules)]
    return events


def custody(events: list[dict]) -> dict:
    found = [e for e in events if e["type"] == "COERCE"]
    assert found, [(e["type"], e["evidence"]["trigger"]) for e in events]
    return found[0]


def texts(parties: list[dict]) -> list[str]:
    return [p["text"] for p in parties]


@pytest.mark.parametrize("text, custodian, person", [
    ("A 19-year-old man turned himself in to sheriff's deputies on Sunday.", "sheriff's deputies",
     "A 19-year-old man"),
    ("The woman turned herself into police late Tuesday.", "police", "The woman"),
    ("Two brothers turned themselves in to the state police after the robbery.", "the state police",
     "Two brothers"),
])
def test_the_custodian_takes_the_one_who_gives_themself_up(extract, text, custodian, person):
    event = custody(extract(text))
    assert texts(event["actor"]) == [custodian]
    assert texts(event["recipient"]) == [person]


def test_a_surrender_with_no_custodian_named_does_not_make_the_person_its_actor(extract):
    event = custody(extract("Mark Jones turned himself in on Friday."))
    assert "Mark Jones" not in texts(event["actor"])
    assert texts(event["recipient"]) == ["Mark Jones"]


def test_an_arrest_keeps_its_grammar(extract):
    event = custody(extract("Deputies arrested Mark Jones on Friday."))
    assert texts(event["actor"]) == ["Deputies"]
    assert texts(event["recipient"]) == ["Mark Jones"]


def test_the_construction_is_told_by_the_reflexive_object(nlp):
    from eventwire.events.surrender import custodians, gives_self_up

    doc = nlp("The man turned himself in to police. The man turned the key in the lock.")
    first, second = [next(t for t in s if t.lemma_ == "turn") for s in doc.sents]
    assert gives_self_up(first) and [t.text for t in custodians(first)] == ["police"]
    assert not gives_self_up(second)
