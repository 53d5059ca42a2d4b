"""Rules alone (no learned filter, real spaCy): statements about acts that have not happened need a party who
announces them (eventwire.events.announcers), and a meeting, a threat, an agreement or support named as a thing is
no event of its own (eventwire.events.unreported.named_statement); beside their reporting counterparts.
benchmarks/annotations/GUIDELINES.md §1 (policy announcements, laws, the content of plans) and §3."""
from __future__ import annotations

import pytest


def _asserted(nlp, text: str) -> set[str]:
    from eventwire.pipeline import Resources, extract

    events = extract(text, published="2020-01-10", resources=Resources(nlp=nlp, learned=False))
    return {e.type for e in events if e.factuality == "asserted"}


@pytest.mark.model
@pytest.mark.parametrize("text, statement, present", [
    pytest.param("The new housing scheme would allow tenants to buy a share in their homes.", "AGREE", False,
                 id="a-scheme-as-subject"),
    pytest.param("The cuts will allow funding for more nurses, the minister said.", "AGREE", False,
                 id="cuts-as-subject"),
    pytest.param("She said the legislation would ban the sale of the devices.", "THREATEN", False,
                 id="a-law-as-subject"),
    pytest.param("The minister announced that troops will be deployed to the border areas.", "THREATEN", False,
                 id="an-agentless-passive"),
    pytest.param("The opposition criticised government plans to detain suspects without trial.", "THREATEN", False,
                 id="a-plan-named-by-a-noun"),
    pytest.param("The government said it will release 200 prisoners next week.", "AGREE", True,
                 id="a-party-announces"),
    pytest.param("The rebels said they will attack the town unless the army withdraws.", "THREATEN", True,
                 id="a-party-threatens"),
    pytest.param("The ministers said they would hold talks with the unions next week.", "AGREE", True,
                 id="an-event-noun-with-its-verb"),
])
def test_an_announced_act_needs_a_party_who_announces_it(nlp, text, statement, present):
    assert (statement in _asserted(nlp, text)) is present


@pytest.mark.model
@pytest.mark.parametrize("text, type_, present", [
    pytest.param("Police found papers with security details about the president's visit in a street.", "CONSULT",
                 False, id="the-topic-of-a-preposition"),
    pytest.param("He has long been a proponent of talks with the rebels.", "CONSULT", False,
                 id="a-noun-phrase-complement"),
    pytest.param("Ministers insist the measures are proportionate to the terror threat.", "THREATEN", False,
                 id="the-object-of-an-adjective"),
    pytest.param("Analysts blamed the weather for the failure of the negotiations.", "CONSULT", False,
                 id="inside-another-noun-phrase"),
    pytest.param("The prime minister held talks with the president on Monday.", "CONSULT", True,
                 id="held-talks"),
    pytest.param("There was a meeting between the two foreign ministers in Paris.", "CONSULT", True,
                 id="existential-there"),
    pytest.param("The president arrived in Amman on a two-day visit.", "CONSULT", True, id="on-a-visit"),
    pytest.param("The Dutch foreign minister was in Nairobi on Friday for talks with his Kenyan counterpart.",
                 "CONSULT", True, id="somewhere-for-talks"),
    pytest.param("The foreign minister launched a mediation effort between the two countries.", "CONSULT", True,
                 id="the-head-of-a-compound"),
    pytest.param("The union expressed its support for the striking nurses on Monday.", "SUPPORT", True,
                 id="expressed-support"),
])
def test_an_event_noun_named_as_a_thing_is_no_event(nlp, text, type_, present):
    assert (type_ in _asserted(nlp, text)) is present


@pytest.mark.model
@pytest.mark.parametrize("text, reject", [
    pytest.param("The minister denied that the intelligence services played any part in the fires.", False,
                 id="denied-that-clause"),
    pytest.param("A party spokesman denied the leaflet was offensive.", False, id="denied-bare-clause"),
    pytest.param("The senator denies taking money from the lobbyists.", False, id="denies-gerund"),
    pytest.param("The colonel denied the allegations on Tuesday.", False, id="denied-the-allegations"),
    pytest.param("The ministry denied the request for an extension.", True, id="denied-a-request"),
    pytest.param("The court rejected the appeal of the two journalists.", True, id="rejected-an-appeal"),
])
def test_a_denial_of_a_claim_is_no_rejection(nlp, text, reject):
    assert ("REJECT" in _asserted(nlp, text)) is reject


def _factualities(nlp, text: str, type_: str) -> set[str]:
    from eventwire.pipeline import Resources, extract

    events = extract(text, published="2020-01-10", resources=Resources(nlp=nlp, learned=False))
    return {e.factuality for e in events if e.type == type_}


@pytest.mark.model
@pytest.mark.parametrize("text, factuality", [
    pytest.param("Peace talks will begin only if the rebels lay down their arms.", "future", id="talks-will-begin"),
    pytest.param("The president hoped a regional summit could be held before the end of the year.", "hypothetical",
                 id="a-summit-could-be-held"),
    pytest.param("Talks between the two governments resumed in Geneva on Monday.", "asserted",
                 id="talks-resumed"),
])
def test_an_event_noun_takes_the_modality_of_the_verb_that_says_it_happens(nlp, text, factuality):
    assert _factualities(nlp, text, "CONSULT") == {factuality}
