"""The context step (eventwire.context): countries and counterparts a sentence leaves implicit.

Each case is a sentence a wire story could hold; the assertion is what an analyst reads in it.
"""
from __future__ import annotations

import pytest

from eventwire import extract


@pytest.fixture(scope="module")
def events_of(nlp):
    def run(text: str, type_: str):
        found = [e for e in extract(text, published="2001-05-01") if e.type == type_]
        assert found, f"no {type_} event in {text!r}"
        return max(found, key=lambda e: e.confidence)
    return run


def countries(actors) -> set[str]:
    return {a.country for a in actors if a.country}


def test_group_without_nationality_takes_the_other_sides_country(events_of):
    event = events_of("The Mozambique government on Thursday accepted demands from Shona rebels that it "
                      "initiate political reforms.", "CONCEDE")
    assert countries(event.actor) == {"MOZ"}
    assert countries(event.recipient) == {"MOZ"}
    assert any(a.text == "Shona rebels" for a in event.recipient)


def test_ethnic_group_is_coded_where_it_lives(events_of):
    event = events_of("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", "PROTEST")
    assert countries(event.actor) == {"SRB"}
    event = events_of("Bosnian Serbs demanded a truce with Moslem forces.", "REQUEST")
    assert countries(event.actor) == {"BIH"}


def test_place_an_act_concerns_is_its_counterpart(events_of):
    event = events_of("President Abdelaziz Bouteflika threatened to institute a curfew in Algiers.", "THREATEN")
    assert [(a.text, a.country) for a in event.recipient] == [("Algiers", "DZA")]


def test_object_of_the_threatened_act_is_the_recipient(events_of):
    event = events_of("Iran threatened to shell Iraqi towns in retaliation.", "THREATEN")
    assert countries(event.actor) == {"IRN"}
    assert countries(event.recipient) == {"IRQ"}


def test_party_of_another_country_is_the_counterpart(events_of):
    event = events_of("The Azerbaijani parliament threatened on Monday to break relations with Russia.", "THREATEN")
    assert countries(event.recipient) == {"RUS"}


def test_subject_of_the_sentence_is_not_made_the_counterpart(events_of):
    event = events_of("Italy announced a suspension of air links with Serbia on Wednesday.", "SANCTION")
    assert countries(event.actor) == {"ITA"}
    assert countries(event.recipient) == {"SRB"}


def test_official_is_not_given_the_guests_country(events_of):
    event = events_of("President Francois Mitterrand gave a warm welcome on Thursday to South African leader "
                      "F.W. de Klerk.", "CONSULT")
    assert "ZAF" not in countries(event.actor)
    assert countries(event.recipient) == {"ZAF"}


def test_person_named_administration_is_that_persons_government(events_of):
    event = events_of("The Bush administration declared Tuesday that China must drop barriers to U.S. exports.",
                      "REQUEST")
    assert countries(event.actor) == {"USA"}
    assert countries(event.recipient) == {"CHN"}


def test_country_named_across_a_preposition_is_that_country(events_of):
    event = events_of("The United States on Thursday demanded that the Democratic People's Republic of Korea (DPRK) "
                      "forsake its nuclear program.", "REQUEST")
    assert countries(event.recipient) == {"PRK"}


def test_reporters_place_is_not_the_counterpart(events_of):
    event = events_of("Afghan rebels exploded a series of bombs in the capital Kabul, western diplomatic sources "
                      "in Pakistan said.", "ASSAULT")
    assert "PAK" not in countries(event.recipient)


def test_unnamed_attacker_is_an_unidentified_armed_group_where_it_struck(events_of):
    event = events_of("A roadside bombing near the town of Samarra on Sunday killed one U.S. soldier.", "ASSAULT")
    assert [(a.text, a.country, a.sector) for a in event.actor] == [("", "IRQ", "UAF")]
    assert countries(event.recipient) == {"USA"}


def test_stance_in_the_passive_voice_belongs_to_its_subject(events_of):
    event = events_of("Israel is opposed to French mediation in peace negotiations with Syria.", "REJECT")
    assert countries(event.actor) == {"ISR"}


def test_speaker_quoted_in_the_passive_is_the_actor(events_of):
    event = events_of("King Hassan of Morocco was quoted today as saying he would be ready to host a meeting "
                      "between an Israeli peace movement and the Palestine Liberation Organization.", "CONSULT")
    assert countries(event.actor) == {"MAR"}


def test_ethnic_group_facing_a_state_lives_there(events_of):
    event = events_of("Up to 1,000 ethnic Turks began a hunger strike on Monday to protest against Sweden's "
                      "decision to send them back.", "PROTEST")
    assert countries(event.actor) == {"SWE"}
