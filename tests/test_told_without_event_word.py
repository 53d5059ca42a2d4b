"""Rules alone (no learned filter, real spaCy): events told without their usual event word (issue #15, the whole-
article recall; benchmarks/annotations/GUIDELINES.md sections 1 and 3): criticism told by a verdict or a claim about
a party, and details of an attack told before ("it happened at ...", "the victims were identified as ..."), which
join that attack and are no event of their own."""
from __future__ import annotations

import pytest


def _events(nlp, text: str):
    from eventwire.pipeline import Resources, extract

    return extract(text, published="2020-01-10", resources=Resources(nlp=nlp, learned=False))


def _types(nlp, text: str) -> list[str]:
    return [e.type for e in _events(nlp, text)]


@pytest.mark.model
@pytest.mark.parametrize("text, accuse", [
    pytest.param("The senator described the minister's decision as reckless.", True, id="described-as-a-verdict"),
    pytest.param("He asserted that the government's handling of the crisis was incompetent.", True,
                 id="asserted-a-verdict"),
    pytest.param("The senator described the new bridge as long and narrow.", False, id="described-as-no-verdict"),
    pytest.param("The opposition leader claimed the government had hidden the report.", True,
                 id="a-claim-about-a-party"),
    pytest.param("The new book claims the government had hidden the report.", False, id="a-book-claims"),
    pytest.param("He claimed he was innocent.", False, id="a-claim-about-no-party"),
    pytest.param("The MP said the lapses raise serious questions about the government's competence.", True,
                 id="raise-questions-about"),
])
def test_criticism_without_a_fault_finding_verb(nlp, text, accuse):
    assert ("ACCUSE" in _types(nlp, text)) is accuse


ATTACK = "Two men were shot outside a bar on Friday, police said. "


@pytest.mark.model
@pytest.mark.parametrize("detail", [
    pytest.param("It happened at 2:05 a.m. on Central Street.", id="it-happened"),
    pytest.param("The incident occurred near a supermarket on Main Street.", id="the-incident-occurred"),
    pytest.param("The victims have been identified as John Smith, 24, and Bob Jones, 30, the coroner said.",
                 id="victims-identified"),
    pytest.param("Officers later found the body of a third man in a car.", id="a-body-found"),
])
def test_a_detail_of_an_attack_joins_it(nlp, detail):
    events = _events(nlp, ATTACK + detail)
    assert [e.type for e in events] == ["ASSAULT"]
    start = len(ATTACK)
    assert any(m.start >= start for m in events[0].mentions)  # the detail is a further report of the attack


@pytest.mark.model
@pytest.mark.parametrize("text", [
    pytest.param("It happened in the 89th minute when the striker scored.", id="no-attack-before"),
    pytest.param("The incident occurred near a supermarket on Main Street.", id="the-incident-alone"),
    pytest.param("Police found the body of a hiker near the trail.", id="a-body-found-alone"),
    pytest.param(ATTACK + "At no time had it occurred to the men that they were in danger.", id="occurred-to"),
    pytest.param(ATTACK + "The mayor said it must not happen again.", id="not-again"),
])
def test_a_detail_with_no_attack_told_is_no_event(nlp, text):
    events = _events(nlp, text)
    assert len([e for e in events if e.type == "ASSAULT"]) == (1 if text.startswith(ATTACK) else 0)
    if text.startswith(ATTACK):
        assert all(m.start < len(ATTACK) for m in events[0].mentions)
