"""The context step (eventwire.events.implicit) and the role rules behind it: countries and counterparts a sentence
leaves implicit. Each case is a sentence a wire story could hold; the assertion is what an analyst reads in it.
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


# (sentence, type, actor countries, recipient countries); None: not checked
CASES = [
    pytest.param("The Mozambique government on Thursday accepted demands from Shona rebels that it initiate "
                 "political reforms.", "CONCEDE", {"MOZ"}, {"MOZ"}, id="group-takes-the-other-sides-country"),
    pytest.param("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", "PROTEST", {"SRB"}, None,
                 id="ethnic-group-where-it-lives"),
    pytest.param("Bosnian Serbs demanded a truce with Moslem forces.", "REQUEST", {"BIH"}, None,
                 id="ethnic-group-of-a-named-country"),
    pytest.param("Up to 1,000 ethnic Turks began a hunger strike on Monday to protest against Sweden's decision "
                 "to send them back.", "PROTEST", {"SWE"}, None, id="ethnic-group-facing-its-state"),
    pytest.param("Iran threatened to shell Iraqi towns in retaliation.", "THREATEN", {"IRN"}, {"IRQ"},
                 id="object-of-the-threatened-act"),
    pytest.param("The Azerbaijani parliament threatened on Monday to break relations with Russia.", "THREATEN",
                 None, {"RUS"}, id="party-of-another-country"),
    pytest.param("Italy announced a suspension of air links with Serbia on Wednesday.", "SANCTION", {"ITA"},
                 {"SRB"}, id="announcer-of-a-sanction-is-its-actor"),
    pytest.param("The Bush administration declared Tuesday that China must drop barriers to U.S. exports.",
                 "REQUEST", {"USA"}, {"CHN"}, id="person-named-administration"),
    pytest.param("The United States on Thursday demanded that the Democratic People's Republic of Korea (DPRK) "
                 "forsake its nuclear program.", "REQUEST", {"USA"}, {"PRK"}, id="country-named-across-of"),
    pytest.param("Israel is opposed to French mediation in peace negotiations with Syria.", "REJECT", {"ISR"},
                 None, id="stance-in-the-passive"),
    pytest.param("King Hassan of Morocco was quoted today as saying he would be ready to host a meeting between "
                 "an Israeli peace movement and the Palestine Liberation Organization.", "AGREE", {"MAR"}, None,
                 id="speaker-quoted-in-the-passive"),  # an offer to host talks: PLOVER AGREE (CAMEO 036 "express
                                                       # intent to meet"), which the type coder now gives
]


@pytest.mark.parametrize("text, type_, actor, recipient", CASES)
def test_countries_a_reader_infers(events_of, text, type_, actor, recipient):
    event = events_of(text, type_)
    if actor is not None:
        assert countries(event.actor) == actor
    if recipient is not None:
        assert countries(event.recipient) == recipient


def test_place_an_act_concerns_is_its_counterpart(events_of):
    event = events_of("President Abdelaziz Bouteflika threatened to institute a curfew in Algiers.", "THREATEN")
    assert [(a.text, a.country) for a in event.recipient] == [("Algiers", "DZA")]


def test_official_is_not_given_the_guests_country(events_of):
    event = events_of("President Francois Mitterrand gave a warm welcome on Thursday to South African leader "
                      "F.W. de Klerk.", "CONSULT")
    assert "ZAF" not in countries(event.actor)
    assert countries(event.recipient) == {"ZAF"}


def test_reporters_place_is_not_the_counterpart(events_of):
    event = events_of("Afghan rebels exploded a series of bombs in the capital Kabul, western diplomatic sources "
                      "in Pakistan said.", "ASSAULT")
    assert "PAK" not in countries(event.recipient)


def test_unnamed_attacker_is_an_unidentified_armed_group_where_it_struck(events_of):
    event = events_of("A roadside bombing near the town of Samarra on Sunday killed one U.S. soldier.", "ASSAULT")
    assert [(a.text, a.country, a.sector) for a in event.actor] == [("", "IRQ", "UAF")]
    assert countries(event.recipient) == {"USA"}
