"""The type coder's context features (``eventwire.learn.types.context``, issue #19): what else the rules know of a
candidate — the lexicon's other readings of its trigger, a modal or the verb its open clause completes, its
objects' kinds, the other candidates of its sentence. Constructed sentences, real parse."""
from __future__ import annotations

import pytest

from eventwire.learn import types
from eventwire.learn.types import CONTEXT_GROUPS, frame
from eventwire.models import ArticleRef, Event, Evidence

CONTEXT = CONTEXT_GROUPS


@pytest.fixture(autouse=True)
def _all_groups(monkeypatch):
    """The groups are off in the packaged coder (measured, docs/benchmarks.md): the tests read them all."""
    monkeypatch.setattr(types, "CONTEXT", CONTEXT_GROUPS)


def _event(text: str, type_: str, trigger: str, *, start: int = 0, end: int | None = None) -> Event:
    return Event(event_id=f"e-{trigger}", article=ArticleRef(id="a"), type=type_, mode=None, quad_class="",
                 evidence=Evidence(text, start, len(text) if end is None else end, trigger))


def test_the_lexicon_s_readings_of_the_trigger_are_named(nlp):
    """Every type the trigger lexicon lists for the lemma, and which reading the rules took."""
    text = "The army attacked the village."
    names = set(frame(nlp(text), _event(text, "ASSAULT", "attacked")))
    if "xlex" in CONTEXT:
        assert "xlex:ASSAULT" in names
        assert "xlexr:ASSAULT/ASSAULT" in names
    # a reading the rules did not take is named with the rules' type (the coder sees the word is ambiguous)
    names = set(frame(nlp(text), _event(text, "ACCUSE", "attacked")))
    if "xlexr" in CONTEXT:
        assert "xlexr:ACCUSE/ASSAULT" in names


def test_a_modal_and_the_verb_an_open_clause_completes(nlp):
    text = "The minister will visit Paris."
    assert ("xmod:will" in frame(nlp(text), _event(text, "CONSULT", "visit"))) == ("xmod" in CONTEXT)
    text = "The two sides agreed to release the prisoners."
    names = frame(nlp(text), _event(text, "RETREAT", "release"))
    assert ("xmod:xc/agree" in names) == ("xmod" in CONTEXT)
    text = "The army attacked the village."
    assert not any(n.startswith("xmod:") for n in frame(nlp(text), _event(text, "ASSAULT", "attacked")))


def test_the_kind_of_an_object(nlp):
    """An entity's label, with the relation or preposition and the rules' type."""
    text = "Police arrested two men in Kabul."
    names = set(frame(nlp(text), _event(text, "COERCE", "arrested")))
    if "xobj" in CONTEXT:
        assert "xobj:COERCE/in/entGPE" in names
        assert any(n.startswith("xobj:COERCE/dobj/") for n in names)


def test_the_other_candidates_of_the_sentence_and_only_of_it():
    """Candidates with the same evidence sentence name each other's types; one of another sentence does not. No
    parse needed: a trigger the parse cannot find still has its neighbours."""
    from eventwire.learn.types import _neighbours

    text = "They held talks and agreed a truce. Troops attacked a town."
    talks = _event(text, "CONSULT", "talks", end=35)
    agreed = _event(text, "AGREE", "agreed", end=35)
    attack = _event(text, "ASSAULT", "attacked", start=36)
    names = _neighbours(talks, [talks, agreed, attack])
    if "xco" in CONTEXT:
        assert "xco:AGREE" in names and "xcor:CONSULT/AGREE" in names
        assert not any("ASSAULT" in n for n in names)
        assert not any("CONSULT" in n.split(":")[1].split("/")[-1] for n in names)  # not itself
    assert _neighbours(attack, [talks, agreed, attack]) == ()


def test_no_group_read_names_nothing(nlp, monkeypatch):
    """With no group read (the packaged setting) the frame is what it was before the groups existed."""
    monkeypatch.setattr(types, "CONTEXT", ())
    text = "The two sides agreed to release the prisoners in Kabul."
    release = _event(text, "RETREAT", "release")
    agreed = _event(text, "AGREE", "agreed")
    assert not any(n.startswith("x") for n in frame(nlp(text), release, [release, agreed]))


def test_the_other_candidates_are_read_only_in_a_text_of_several_sentences(nlp, monkeypatch):
    """:data:`ARTICLE_CONTEXT`: in a whole article the other acts of a candidate's sentence are named (an arrest for
    an attack); a text of one sentence (a coded sentence, a headline) reads none of them."""
    monkeypatch.setattr(types, "CONTEXT", ())
    monkeypatch.setattr(types, "ARTICLE_CONTEXT", ("xco", "xcor"))
    one = "Police arrested two men for the attack on the village."
    arrest, attack = _event(one, "COERCE", "arrested"), _event(one, "ASSAULT", "attack")
    assert not any(n.startswith("x") for n in frame(nlp(one), attack, [arrest, attack]))
    assert types.groups_of(nlp(one)) == ()
    text = "Police arrested two men for the attack on the village. The village is near the border."
    arrest = _event(text, "COERCE", "arrested", end=len(one))
    attack = _event(text, "ASSAULT", "attack", end=len(one))
    names = frame(nlp(text), attack, [arrest, attack])
    assert "xco:COERCE" in names and "xcor:ASSAULT/COERCE" in names
    assert types.groups_of(nlp(text)) == ("xco", "xcor")


def test_groups_read_everywhere_are_not_named_twice(nlp, monkeypatch):
    monkeypatch.setattr(types, "CONTEXT", ("xco",))
    monkeypatch.setattr(types, "ARTICLE_CONTEXT", ("xco", "xcor"))
    assert types.groups_of(nlp("Troops attacked. Rebels fled.")) == ("xco", "xcor")
    assert types.groups_of(nlp("Troops attacked the town.")) == ("xco",)
