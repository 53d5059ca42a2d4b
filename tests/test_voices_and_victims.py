"""Who did what to whom (issue #17, session 14): a transcript's voice, the person "he" stands for, the victims that
predicates of harm name, the doer of acts named by a noun, crewed weapons. End to end on short texts."""
from __future__ import annotations

import pytest

from eventwire.pipeline import extract
from eventwire.read.clean import clean
from eventwire.read.files import document_from_text


@pytest.fixture(autouse=True)
def _model(nlp):
    return nlp


def _events(text: str, type_: str | None = None, *, news: bool = True):
    text = "News report\n\n" + text if news else text
    return [e for e in extract(text, published="1989-11-20") if type_ in (None, e.type)]


def _texts(actors) -> list[str]:
    return [a.text.lower() for a in actors]


SPEECH = ("SAN SALVADOR, 12 NOV 89 (DOMESTIC SERVICE) -- [SPEECH] [PRESIDENT ALFREDO CRISTIANI] [TEXT] THE "
          "TERRORISTS HAVE ATTACKED SEVERAL NEIGHBORHOODS OF THE CAPITAL.\n\n   WE CALL ON THE FMLN TO LAY DOWN ITS "
          "WEAPONS AND TO JOIN THE DIALOGUE.")
STATION = ("CLANDESTINE, 20 NOV 89 (RADIO REBELDE) -- [TEXT] WE HAVE LEARNED THAT THE ARMY SHELLED THREE VILLAGES "
           "IN MORAZAN.\n\n   DEFENSE MINISTER HUMBERTO LARIOS SAID THE VILLAGES WERE GUERRILLA CAMPS. WE DEMAND "
           "THAT DEFENSE MINISTER HUMBERTO LARIOS EXPLAIN WHO GAVE THE ORDER.")
RECORDING = ("MADRID, 8 JAN 90 (DOMESTIC SERVICE) -- [TEXT] THE LEFT-WING LEADER RUBEN ZAMORA SPOKE TO REPORTERS "
             "TODAY.\n\n   [BEGIN RECORDING] [ZAMORA] WE URGE THE GOVERNMENT TO RESUME THE TALKS WITH THE "
             "OPPOSITION. [END RECORDING]")


@pytest.mark.parametrize("text, voice", [
    pytest.param(SPEECH, "PRESIDENT ALFREDO CRISTIANI", id="speech"),
    pytest.param(STATION, "RADIO REBELDE", id="station"),
    pytest.param(RECORDING, None, id="no-header-voice"),
])
def test_a_wire_header_names_the_voice_of_its_text(text, voice):
    assert clean(document_from_text(text, id="x")).voice == voice


def test_the_we_of_a_speech_is_the_speaker_the_header_names():
    events = _events(SPEECH, "REQUEST", news=False)
    assert events and any("cristiani" in t for t in _texts(events[0].actor))


def test_the_we_of_a_station_that_speaks_as_itself_is_the_station_not_the_one_it_names():
    events = [e for e in _events(STATION, "REQUEST", news=False) if "DEMAND" in e.evidence.text]
    assert events and _texts(events[0].actor) == ["radio rebelde"]


def test_the_we_of_a_recorded_turn_is_its_speaker():
    events = _events(RECORDING, "REQUEST", news=False)
    assert events and _texts(events[0].actor) == ["zamora"]


def test_a_we_in_ordinary_news_has_no_header_voice():
    text = "Officials said on Monday: \"We will not negotiate with the kidnappers.\" The talks ended without a deal."
    assert clean(document_from_text("News report\n\n" + text, id="x")).voice is None


def test_he_stands_for_the_main_subject_of_the_sentence_before():
    text = ("Thomas Miller, 31, was questioned by Detective Mary Jones on Monday in the death of his neighbour. "
            "He was charged with murder on Tuesday.")
    charged = [e for e in _events(text, "ACCUSE") if "charged" in e.evidence.text]
    assert charged and any("miller" in t for t in _texts(charged[0].recipient))
    assert not any("jones" in t for t in _texts(charged[0].recipient))


def test_those_dead_after_an_attack_are_its_victims_and_a_dead_gunman_its_author():
    events = _events("Two guards and a gunman are dead after a shooting at a bank in Toledo, Ohio, on Monday.",
                     "ASSAULT")
    assert events
    assert "two guards" in _texts(events[0].recipient)
    assert "a gunman" not in _texts(events[0].recipient) and "a gunman" in _texts(events[0].actor)


@pytest.mark.parametrize("text, victim", [
    pytest.param("A woman was found shot in her car on Main Street in Dayton on Sunday.", "a woman", id="found-shot"),
    pytest.param("Another man was found minutes later, shot in the arm.", "another man", id="participle-clause"),
])
def test_a_bare_participle_of_harm_names_whom_it_harmed(text, victim):
    events = _events(text, "ASSAULT")
    assert events and victim in _texts(events[0].recipient)
    assert victim not in _texts(events[0].actor)


def test_the_resignation_of_x_is_x_s_act():
    events = _events("The visa scandal led to the resignation of Immigration Minister Beverly Hughes on Thursday.",
                     "CONCEDE")
    assert events and any("hughes" in t for t in _texts(events[0].actor))


def test_who_was_forced_to_resign_resigned():
    events = _events("In May, Foreign Minister Maxime Bernier was forced to resign after he left secret documents "
                     "at a friend's home.", "CONCEDE")
    assert events and any("bernier" in t for t in _texts(events[0].actor))


def test_helicopters_that_fire_stand_for_their_crew():
    events = _events("The helicopters fired rockets at rebel positions near the border on Tuesday.", "ASSAULT")
    assert events and _texts(events[0].actor) == ["the helicopters"]
    assert events[0].actor[0].sector == "MIL"


def test_the_bombing_of_a_place_hit_it():
    events = _events("Colombia blamed the ELN for the bombing of a police station in Cali on Monday.", "ASSAULT")
    assert events and any("police station" in t for t in _texts(events[0].recipient))
    assert [a.name for a in events[0].actor] == ["National Liberation Army"]
