"""Rules alone (no learned filter, real spaCy): criticism told by what a speaker says of a party or its act,
without a word of blame (events/evaluations.py, triggers.tsv condition ``evaluates``; issue #15, whole-article
recall), and demands told by challenging a party to act (REQUEST); with their near misses:
a negated appraisal, an appraisal of something that is no party's act, the article's own voice."""
from __future__ import annotations

import pytest


def _types(nlp, text: str) -> list[str]:
    from eventwire.pipeline import Resources, extract

    return [e.type for e in extract(text, published="2020-01-10", resources=Resources(nlp=nlp, learned=False))]


@pytest.mark.model
@pytest.mark.parametrize("text, accuse", [
    pytest.param("The union's leader said the new pension rules were discriminatory.", True, id="rules-discriminatory"),
    pytest.param("A spokesman for the opposition said the decision was a serious error.", True, id="decision-an-error"),
    pytest.param("The mayor told reporters that the proposal was dangerous and unworkable.", True,
                 id="proposal-dangerous-and-unworkable"),
    pytest.param("The senator argued that the ministers were wrong to cut the budget.", True, id="ministers-wrong"),
    pytest.param("The council leader said the plan was not discriminatory.", False, id="negated"),
    pytest.param("The forecaster said the storm was dangerous.", False, id="no-party-or-act"),
    pytest.param("The new rules are discriminatory.", False, id="the-article-s-own-voice"),
])
def test_a_speaker_appraising_a_party_or_its_act_criticises_it(nlp, text, accuse):
    assert ("ACCUSE" in _types(nlp, text)) is accuse


def test_the_lexicon_keeps_appraisals_and_what_is_appraised_apart():
    from eventwire.events.evaluations import evaluation_words

    negative, appraised = evaluation_words()
    assert {"discriminatory", "misjudgement", "unworkable"} <= negative
    assert {"plan", "decision", "ministers"} <= appraised
    assert not negative & appraised


@pytest.mark.model
@pytest.mark.parametrize("text, requested", [
    pytest.param("The party challenged the government to publish the full report.", True, id="challenged-to-act"),
    pytest.param("The campaigners lost their legal challenge in the high court.", False, id="a-legal-challenge"),
    pytest.param("The result was challenged in court by the losing candidate.", False, id="a-result-challenged"),
])
def test_challenging_a_party_to_act_is_a_request(nlp, text, requested):
    assert ("REQUEST" in _types(nlp, text)) is requested
