"""Rules alone (no learned filter, real spaCy): acts told by a construction without the usual event word (issue #15,
whole-article recall; benchmarks/annotations/GUIDELINES.md sections 3 and 5): a proposal put to another party and a
reward offered for information (REQUEST), gunfire exchanged and shots fired told by their count (ASSAULT), and
criticism told by a verdict in what a speaker says, an occurrence examined, someone held on charges (ACCUSE);
with their near misses. Also the trigger lexicon's negated condition ``!a``."""
from __future__ import annotations

import pytest


def _types(nlp, text: str) -> list[str]:
    from eventwire.pipeline import Resources, extract

    return [e.type for e in extract(text, published="2020-01-10", resources=Resources(nlp=nlp, learned=False))]


@pytest.mark.model
@pytest.mark.parametrize("text, requested", [
    pytest.param("The rebels proposed a truce during the holidays.", True, id="a-party-proposes"),
    pytest.param("The government has proposed to the opposition that talks resume in May.", True,
                 id="proposed-to-a-party"),
    pytest.param("The proposed scheme would cost millions of pounds.", False, id="the-proposed-scheme"),
    pytest.param("Eight new stadiums are proposed for the next decade.", False, id="are-proposed"),
    pytest.param("Crime Stoppers is offering a reward of up to $5,000 for information about the robbery.", True,
                 id="a-reward-offered"),
    pytest.param("The shop offered a discount to its customers.", False, id="a-discount-offered"),
])
def test_proposals_and_rewards_are_requests(nlp, text, requested):
    assert ("REQUEST" in _types(nlp, text)) is requested


@pytest.mark.model
@pytest.mark.parametrize("text, assault", [
    pytest.param("Two groups of men exchanged gunfire outside the club on Friday night.", True,
                 id="exchanged-gunfire"),
    pytest.param("A dispute broke out in the parking lot and shots were exchanged.", True, id="shots-exchanged"),
    pytest.param("The two leaders exchanged gifts at the summit.", False, id="exchanged-gifts"),
    pytest.param("Police said the man pulled out a handgun and fired three times.", True, id="fired-three-times"),
    pytest.param("He told detectives that he fired once.", True, id="fired-once"),
    pytest.param("The coach was fired twice in his career.", False, id="was-fired-twice"),
])
def test_shots_told_without_their_target(nlp, text, assault):
    assert ("ASSAULT" in _types(nlp, text)) is assault


@pytest.mark.model
@pytest.mark.parametrize("text, accuse", [
    pytest.param("The opposition leader said the government's plan was deeply flawed.", True, id="flawed"),
    pytest.param("The minister said it would be crass and ignorant to compare the review to a dictatorship.", True,
                 id="crass-and-ignorant"),
    pytest.param("The senator said the president was naive about the negotiations.", True, id="naive"),
    pytest.param("The union said the targets were unrealistic.", True, id="unrealistic"),
    pytest.param("She said the weather had been unusually cold.", False, id="no-verdict"),
])
def test_criticism_told_by_a_verdict(nlp, text, accuse):
    assert ("ACCUSE" in _types(nlp, text)) is accuse


@pytest.mark.model
@pytest.mark.parametrize("text, accuse", [
    pytest.param("Detectives are examining the shooting, police said.", True, id="examining-an-occurrence"),
    pytest.param("Doctors examined the patient on Monday.", False, id="examining-a-patient"),
    pytest.param("The suspect is being held on two counts of first-degree murder.", True, id="held-on-counts"),
    pytest.param("She will remain in jail on charges of burglary.", True, id="in-jail-on-charges"),
    pytest.param("He is being held on an island off the coast.", False, id="held-on-an-island"),
])
def test_investigations_and_charges_told_by_other_words(nlp, text, accuse):
    assert ("ACCUSE" in _types(nlp, text)) is accuse


def test_a_negated_condition():
    """``!a`` holds where ``a`` does not (the lexicon's conditions are joined with ``&``)."""
    import spacy
    from spacy.tokens import Doc

    from eventwire.events.triggers import condition_holds
    from eventwire.knowledge.lexicon import load_lexicon

    lex = load_lexicon()
    vocab = spacy.blank("en").vocab
    words = ["He", "was", "fired", "twice"]
    doc = Doc(vocab, words=words, heads=[2, 2, 2, 2], deps=["nsubjpass", "auxpass", "ROOT", "advmod"],
              pos=["PRON", "AUX", "VERB", "ADV"], lemmas=["he", "be", "fire", "twice"])
    fired = doc[2]
    assert condition_holds(fired, "passive", lex)
    assert not condition_holds(fired, "!passive", lex)
    assert condition_holds(fired, "advmod=twice", lex)
    assert not condition_holds(fired, "advmod=twice&!passive", lex)
