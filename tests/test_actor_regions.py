"""Actors placed by a region: peoples of a region inside one state (``actors_regions.tsv``), place names the
tagger misreads as common nouns or organisations before a role, and regions shared by several states."""
from __future__ import annotations

import pytest

from eventwire.actors.resolve import PersonMemory, load_actor_kb, resolve_np


def _span_in(nlp, sentence: str, phrase: str):
    doc = nlp(sentence)
    at = sentence.index(phrase)
    return doc.char_span(at, at + len(phrase), alignment_mode="expand")


# ------------------------------------------------------------------ peoples of a region (KB, no model)

@pytest.mark.parametrize("text, country", [
    ("Chechen fighters", "RUS"),
    ("Tibetans marched", "CHN"),
    ("the Northern Irish parties", "GBR"),  # the longer form wins over "Irish"
    ("Uyghur workers", "CHN"),
])
def test_regional_demonyms_are_their_state_s(text, country):
    found = [m for m in load_actor_kb().match(text) if m.entry.kind != "role"]
    assert [(m.entry.kind, m.entry.country) for m in found] == [("demonym", country)]


@pytest.mark.parametrize("text", ["Kurdish fighters", "Tamil rebels", "Karen Smith said", "Hutu militias"])
def test_peoples_of_several_states_and_name_like_forms_are_not_placed(text):
    assert [m for m in load_actor_kb().match(text) if m.entry.kind != "role"] == []


@pytest.mark.parametrize("sentence, phrase, country, sector", [
    ("Chechen rebels attacked a convoy near the border.", "Chechen rebels", "RUS", "REB"),
    ("Hundreds of Tibetan monks staged a protest.", "Tibetan monks", "CHN", "REL"),
    ("Acehnese separatists ambushed an army truck.", "Acehnese separatists", "IDN", "REB"),
    ("Oromo protesters blocked the main road.", "Oromo protesters", "ETH", "CVL"),
    ("The Catalan government called a vote.", "The Catalan government", "ESP", "GOV"),
])
def test_group_named_by_a_regional_people_is_where_it_operates(nlp, sentence, phrase, country, sector):
    actor = resolve_np(_span_in(nlp, sentence, phrase))
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


# ------------------------------------------------- a place name before a role that the tagger misread

@pytest.mark.parametrize("sentence, phrase, country, sector", [
    ("Lagos police arrested forty protesters on Monday.", "Lagos police", "NGA", "COP"),  # tagged NOUN
    ("Witnesses said Karachi traders went on strike.", "Karachi traders", "PAK", "CVL"),  # tagged ORG
    ("Kano residents fled the fighting on Sunday.", "Kano residents", "NGA", "CVL"),  # untagged PROPN
    ("Officials said Mumbai police detained two men.", "Mumbai police", "IND", "COP"),
    ("Mindanao rebels attacked a town.", "Mindanao rebels", "PHL", "REB"),  # a curated island
])
def test_place_before_a_role_gives_its_country(nlp, sentence, phrase, country, sector):
    actor = resolve_np(_span_in(nlp, sentence, phrase))
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize("sentence, phrase", [
    ("The Federal Police arrested him on Monday.", "The Federal Police"),  # one organisation's name
    ("Federal police arrested him on Monday.", "Federal police"),
    ("Officials said Gulf leaders met on Monday.", "Gulf leaders"),  # the Gulf, not Gulf Province (PNG)
    ("Gulf leaders met on Monday.", "Gulf leaders"),
    ("Sahel jihadists attacked a town.", "Sahel jihadists"),  # the Sahel, not Burkina Faso's Sahel region
])
def test_names_that_are_no_single_state_s_place_give_no_country(nlp, sentence, phrase):
    actor = resolve_np(_span_in(nlp, sentence, phrase))
    assert actor is not None and actor.country is None


@pytest.mark.parametrize("sentence, phrase, name, country", [
    ("The mediator met the Kachin Independence Organization and the army.", "Kachin Independence Organization",
     "Kachin Independence Organization", "MMR"),
    ("The envoy met the Syrian Liberty Organization on Monday.", "Syrian Liberty Organization",
     "Syrian Liberty Organization", "SYR"),
])
def test_organisation_name_keeps_the_demonym_inside_it(nlp, sentence, phrase, name, country):
    """The country or demonym the tagger puts inside an organisation's name gives the country and stays in
    the name (before, "Independence Organization")."""
    actor = resolve_np(_span_in(nlp, sentence, phrase))
    assert actor is not None and (actor.name, actor.country) == (name, country)


# ------------------------------------------------------------------------- peoples of several states

def _in_story(nlp, sentence: str, phrase: str):
    """``phrase`` resolved as the pipeline does, with the document's memory (its main country)."""
    span = _span_in(nlp, sentence, phrase)
    return resolve_np(span, memory=PersonMemory.from_doc(span.doc))


@pytest.mark.parametrize("sentence, phrase, country", [
    ("The main Hutu rebel group insisted that Burundi's government grant the majority more rights.",
     "Hutu rebel group", "BDI"),  # the story's country is one of the people's states
    ("Kurdish rebels ambushed soldiers in southeastern Turkey.", "Kurdish rebels", "TUR"),
    ("Turkey threatened to attack Kurdish fighters across the border in northern Syria.",
     "Kurdish fighters across the border in northern Syria", "SYR"),  # the phrase's own state first
    ("Tamil rebels attacked a navy base in Sri Lanka on Monday.", "Tamil rebels", "LKA"),
])
def test_people_of_several_states_is_placed_in_the_one_the_story_is_about(nlp, sentence, phrase, country):
    actor = _in_story(nlp, sentence, phrase)
    assert actor is not None and actor.country == country


@pytest.mark.parametrize("sentence, phrase", [
    ("Kurdish rebels ambushed soldiers on Monday.", "Kurdish rebels"),  # no state named
    ("Tamil rebels held a meeting in Norway.", "Tamil rebels"),  # a state that is none of the people's
])
def test_people_of_several_states_without_one_of_them_named_stays_open(nlp, sentence, phrase):
    actor = _in_story(nlp, sentence, phrase)
    assert actor is not None and actor.country is None
