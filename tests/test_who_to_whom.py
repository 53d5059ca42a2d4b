"""Who did what to whom (issue #17): actor and recipient constructions read end to end on short articles."""
from __future__ import annotations

import pytest

from eventwire.pipeline import extract


@pytest.fixture(autouse=True)
def _model(nlp):
    return nlp


def _events(text: str, type_: str | None = None):
    return [e for e in extract("News report\n\n" + text, published="2020-03-06") if type_ in (None, e.type)]


def _texts(actors) -> list[str]:
    return [a.text for a in actors]


def test_a_bare_claim_of_responsibility_names_the_attacker_before_it():
    events = _events("Five police officers were killed on Tuesday when gunmen opened fire on their car in "
                     "Makhachkala, officials said.\n\nIslamic State later claimed responsibility.", "ASSAULT")
    assert events and [a.name for a in events[0].actor] == ["Islamic State"]


def test_a_claim_reaches_no_attack_reported_after_it():
    text = ("A bomb exploded at a market in Quetta on Monday, killing 12 people, police said. The Pakistani "
            "Taliban claimed responsibility in a statement.\n\nIn a separate incident, a shopkeeper was shot dead "
            "in Karachi on Tuesday.")
    events = _events(text, "ASSAULT")
    quetta = next(e for e in events if "Quetta" in e.evidence.text)
    karachi = next(e for e in events if "Karachi" in e.evidence.text)
    assert any("Taliban" in a.name for a in quetta.actor)
    assert not any("Taliban" in a.name for a in karachi.actor)


def test_a_passive_killing_takes_the_subject_of_its_when_clause():
    events = _events("Five police officers were killed on Tuesday when gunmen opened fire on their car in "
                     "Makhachkala, officials said.", "ASSAULT")
    assert events and _texts(events[0].actor) == ["gunmen"]


def test_a_killing_told_with_a_named_attack_takes_its_author():
    events = _events("At least 23 civilians were killed on February 5 as Syrian government forces launched air "
                     "strikes against the rebel-held enclave of Eastern Ghouta.", "ASSAULT")
    killed = next(e for e in events if "killed" in e.evidence.trigger)
    assert _texts(killed.actor) == ["Syrian government forces"]


@pytest.mark.parametrize("text, whom", [
    pytest.param("South African President Cyril Ramaphosa voiced his strong support of President Emmerson "
                 "Mnangagwa.", "Emmerson Mnangagwa", id="support-of"),
    pytest.param("Speaking to reporters in the Malaysian capital of Kuala Lumpur, Erdogan reiterated Turkey's support "
                 "for the Government of National Accord.", "Government of National Accord", id="support-for"),
])
def test_what_a_supporting_noun_goes_for_is_its_recipient(text, whom):
    events = _events(text, "SUPPORT")
    assert events and [whom in a.text for a in events[0].recipient] == [True]


def test_whose_act_would_end_a_refusal_is_its_recipient():
    events = _events("A majority of the 28,000 guards on strike say they will not end the strike until the "
                     "government provides sufficient resources.")
    assert any("the government" in _texts(e.recipient) for e in events)


def test_forces_mobilised_are_not_whom_they_are_mobilised_against():
    events = _events("Britain mobilized army reservists for a possible war against Iraq on Tuesday.", "MOBILIZE")
    assert events and [a.country for a in events[0].recipient] == ["IRQ"]


def test_up_to_n_people_taken_are_the_recipients():
    text = ("Afghan rebels have kidnapped up to 16 Russian civilian advisers from a town bazaar and exploded a series "
            "of bombs in the capital Kabul, western diplomats said.")  # the parse hangs the count on "up to"
    # the kidnapping: PLOVER's ASSAULT, mode abduct (data/triggers.tsv), which the type coder may retype as COERCE
    events = [e for e in extract(text) if (e.type, e.mode) == ("ASSAULT", "abduct") or e.type == "COERCE"]
    assert events and [(a.country, a.sector) for a in events[0].recipient] == [("RUS", "CVL")]


def test_who_undergoes_a_trial_is_accused_not_accusing():
    events = _events("Thomas Sam and his wife Manju Sam are undergoing trial for manslaughter in Sydney.", "ACCUSE")
    assert events and not events[0].actor and any("Thomas Sam" in a.text for a in events[0].recipient)


@pytest.mark.parametrize("phrase, sector", [
    ("Russian civilian advisers", "CVL"),
    ("Soviet military advisers", "MIL"),
])
def test_a_role_adjective_on_people_gives_their_sector(nlp, phrase, sector):
    from eventwire.actors.resolve import PersonMemory, resolve_np

    doc = nlp(f"{phrase} arrived in Kabul on Monday.")
    actor = resolve_np(doc[0:len(phrase.split())], memory=PersonMemory.from_doc(doc))
    assert actor is not None and actor.sector == sector


def test_a_role_adjective_on_a_thing_names_no_party(nlp):
    from eventwire.actors.resolve import PersonMemory, resolve_np

    doc = nlp("Military aid arrived in Kabul on Monday.")
    assert resolve_np(doc[0:2], memory=PersonMemory.from_doc(doc)) is None


@pytest.mark.parametrize("sentence, phrase, country", [
    ("A newspaper based in east Beirut has violated a ban.", "A newspaper based in east Beirut", "LBN"),
    ("The UN will provide food aid to refugees fleeing the civil war in Liberia.",
     "refugees fleeing the civil war in Liberia", "LBR"),
])
def test_a_group_is_placed_where_its_participle_says_it_is(nlp, sentence, phrase, country):
    from eventwire.actors.resolve import PersonMemory, resolve_np

    doc = nlp(sentence)
    at = sentence.index(phrase)
    actor = resolve_np(doc.char_span(at, at + len(phrase)), memory=PersonMemory.from_doc(doc))
    assert actor is not None and actor.country == country


def test_the_latter_in_text_written_in_capitals():
    text = ("TAIPEI, 4 SEPT 89 -- [TEXT] THE PRESIDENTS OF THE REPUBLIC OF CHINA AND THE REPUBLIC OF GUATEMALA MET "
            "TODAY.\n\n   PRESIDENT CEREZO THANKED PRESIDENT LI FOR THE ROC'S ASSISTANCE TO GUATEMALA.\n\n"
            "   CEREZO IN THE MEANTIME CORDIALLY INVITED PRESIDENT LI TO VISIT\nGUATEMALA.  THE LATTER ACCEPTED THE "
            "INVITATION WITH GREAT PLEASURE,\nAND ASKED THEIR STAFFS TO ARRANGE THE DETAILS.\n")
    agreed = [e for e in extract(text) if e.type == "AGREE"]
    assert agreed and [a.name for a in agreed[0].actor] == ["Li"]  # "Cerezo" is a name the tagger missed


def test_a_village_in_a_country_is_its_people_not_its_government():
    events = _events("Vietnamese-led forces have retaken a strategic village in Western Cambodia after fierce fighting "
                     "with guerrillas who overran it late last month, Thai military sources said today.", "ASSAULT")
    village = [a for e in events for a in e.recipient if "village" in a.text]
    assert village and (village[0].country, village[0].sector) == ("KHM", "CVL")


def test_a_denied_or_unmade_claim_names_no_one():
    events = _events("Five police officers were killed on Tuesday when gunmen opened fire on their car in Makhachkala, "
                     "officials said.\n\nNo group has claimed responsibility. The Islamic State group has not claimed "
                     "responsibility either.", "ASSAULT")
    assert events and _texts(events[0].actor) == ["gunmen"]


def test_an_attack_without_author_takes_the_attacker_the_article_describes():
    text = ("A gunman opened fire outside a bar on Main Street in Dayton on Friday night.\n\nPolice say a small "
            "group of people were near the front of the bar when four gunshots rang out. Two people were wounded.")
    events = [e for e in _events(text, "ASSAULT") if "gunshots" in e.evidence.text]
    assert events and _texts(events[0].actor) == ["A gunman"]


def test_an_attack_whose_article_describes_no_one_keeps_the_unidentified_group():
    events = _events("A man was shot on Friday in Detroit, police said. Police have no suspects.", "ASSAULT")
    assert events and [(a.text, a.sector) for a in events[0].actor] == [("", "UAF")]


def test_an_arrest_without_author_was_made_by_the_police_the_article_names():
    events = _events("Hilo police said a man shot three people on Friday. He was arrested on suspicion of murder.",
                     "COERCE")
    assert events and _texts(events[0].actor) == ["Hilo police"]


@pytest.mark.parametrize("text, victim", [
    pytest.param("Four people are nursing bullet wounds after a large fight escalated into gunfire overnight in "
                 "Shreveport.", "Four people", id="nursing-wounds"),
    pytest.param("A 21-year-old man died from a close-range gunshot wound in Dickinson Saturday.",
                 "A 21-year-old man", id="died-from-wound"),
    pytest.param("Earlier on the Far South Side, 53-year-old Quenten Wright was shot in the head around 11:45 a.m. "
                 "in Roseland, according to police.", "Quenten Wright", id="subject-hung-as-apposition"),
])
def test_who_suffers_a_wound_or_is_shot_is_the_recipient(text, victim):
    events = _events(text, "ASSAULT")
    assert events and any(victim in a.text for a in events[0].recipient)
    assert not any(victim in a.text for a in events[0].actor)


def test_who_is_taken_into_custody_is_the_recipient_and_the_agent_the_actor():
    events = _events("Pipkins and the other passenger were later located by Houston police and taken into custody.",
                     "COERCE")
    assert events and _texts(events[0].actor) == ["Houston police"]
    assert "Houston police" not in _texts(events[0].recipient)


def test_british_parties_in_lower_case_text():
    text = ("the tory co-chairman attacked labour s six new pledges as vacuous. the tories have expressed "
            "serious misgivings about government plans for house arrest.")
    events = _events(text, "ACCUSE")
    assert events and {a.name for e in events for a in e.actor} == {"Conservative Party"}
    assert "Labour Party" in {a.name for a in events[0].recipient}


@pytest.mark.parametrize("text, who", [
    pytest.param("A guerrilla attack on a police post in Cauca left two officers dead.", "guerrilla", id="compound"),
    pytest.param("THE GUERRILLA ATTACK LAUNCHED ON 11 NOVEMBER HAS INFLICTED 4,834 CASUALTIES ON THE SALVADORAN "
                 "TROOPS, ACCORDING TO A REPORT ISSUED TODAY BY THE ARMED FORCES.", "guerrilla", id="capitals"),
])
def test_an_attack_word_modified_by_who_attacks_names_its_author(text, who):
    events = _events(text, "ASSAULT")
    assert events and any(who in a.text.lower() for a in events[0].actor)


@pytest.mark.parametrize("text, victim", [
    pytest.param("NEWPORT (WATE) – A 7-year-old was fatally shot in Cocke County early Thursday morning.",
                 "A 7-year-old", id="age-as-noun"),
    pytest.param("A drive-by shooting in the East Bluff in August 2011 claimed the life of a sleeping 8-year-old boy.",
                 "a sleeping 8-year-old boy", id="claimed-the-life-of"),
    pytest.param("Four people were shot in Shreveport on Friday. A male had a bullet wound to a knee.", "A male",
                 id="a-male"),
])
def test_an_age_as_a_noun_names_the_victim(text, victim):
    events = _events(text, "ASSAULT")
    assert any(victim in _texts(e.recipient) for e in events)


def test_fighting_between_two_sides():
    events = _events("Military sources have confirmed that heavy fighting between rebels and soldiers broke out "
                     "this evening in Ciudad Merliot.", "ASSAULT")
    assert events and _texts(events[0].actor) == ["rebels"] and _texts(events[0].recipient) == ["soldiers"]


def test_a_labour_minister_is_a_government_role_not_the_british_party():
    events = _events("Some 500,000 workers affiliated with the Serbian Workers' Union stopped work on the first day of "
                     "an open-ended strike, demanding talks with Serbian Labour Minister Dragan Milovanovic.")
    parties = [a for e in events for a in (*e.actor, *e.recipient) if "Milovanovic" in a.text]
    assert parties and all(a.country == "SRB" and a.sector == "GOV" for a in parties)


@pytest.mark.parametrize("text, type_, who", [
    pytest.param("Prosecutors in Cook County said the suspect shot two men outside a bar. Barnett is charged with "
                 "first-degree murder.", "ACCUSE", "Prosecutors in Cook County", id="charged"),
    pytest.param("Wayne County Circuit Court Judge Dana Hathaway heard the case on Monday. The father was sentenced to "
                 "25 to 50 years in prison.", "COERCE", "Wayne County Circuit Court Judge Dana Hathaway",
                 id="sentenced"),
])
def test_a_charge_or_sentence_without_author_was_made_by_the_authority_the_article_names(text, type_, who):
    events = [e for e in _events(text, type_) if "charged" in e.evidence.text or "sentenced" in e.evidence.text]
    assert events and any(who in a.text or a.text in who and a.text for a in events[0].actor)


def test_a_passive_appeal_is_made_by_the_authority_it_names_to_call():
    events = _events("Anyone with information on the shooting is asked to call the Waycross Police Department at "
                     "912-287-2921.", "REQUEST")
    assert events and _texts(events[0].actor) == ["the Waycross Police Department"]


@pytest.mark.parametrize("text, whom", [
    pytest.param("The Muslim Council of Britain said Ofsted boss Mr Bell's comments were highly irresponsible.", "Bell",
                 id="comments"),
    pytest.param("Peter Ainsworth said: the government's housing policy is an alarming example of disjointed thinking.",
                 "government", id="policy"),
])
def test_a_judgement_voiced_by_a_speech_verb_is_about_the_owner_of_what_it_judges(text, whom):
    events = _events(text, "ACCUSE")
    assert events and [a.name for a in events[0].recipient] == [whom]
