"""A division word in a locative phrase names the event's division (mentions._locative, ADMIN_WORDS)."""
from __future__ import annotations

import pytest

from eventwire.events.mentions import _NOWHERE, _locative
from eventwire.pipeline import extract


@pytest.fixture(autouse=True)
def _model(nlp):
    return nlp


def _token(nlp, text: str, word: str):
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize("text, word, where", [
    ("Rebels burned two buses in the intendancy of Arauca on Tuesday.", "Arauca", True),
    ("Troops searched farms in the province of Helmand on Monday.", "Helmand", True),
    ("The governor of the department of Arauca condemned the attack.", "Arauca", False),
    ("Rebels attacked the Tejutla post, Chalatenango Department, on Thursday.", "Chalatenango", True),
    ("Chalatenango Department officials condemned the attack.", "Chalatenango", False),
])
def test_a_division_word_in_a_locative_phrase_names_the_place(nlp, text, word, where):
    assert _locative(_token(nlp, text, word), _NOWHERE) is where


def test_the_event_lies_in_the_division_a_locative_phrase_names():
    events = [e for e in extract("BOGOTA, 12 JAN 90 (EFE) -- [TEXT] Rebels burned two buses in the intendancy of "
                                 "Arauca on Tuesday, killing a driver.", published="1990-01-12")
              if e.type == "ASSAULT"]
    assert [(e.location.name, e.location.precision) for e in events] == [("Arauca", "admin")]
