"""The type coder's rows from the annotated whole articles (scripts/train_types.py, issues #19 and #15): which type
a candidate is taught, given the events annotated in its evidence sentence. Built by hand, no data needed."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
train_types = importlib.import_module("train_types")


def _gold(*sentences: list[tuple[str, str]]) -> dict:
    """An article's gold record: one list of (type, factuality) per sentence."""
    return {"sentences": [{"i": k, "events": [{"type": t, "factuality": f, "actor": [], "recipient": []}
                                              for t, f in events]}
                          for k, events in enumerate(sentences)]}


GOLD = _gold([], [("ASSAULT", "asserted")], [("ASSAULT", "claimed"), ("ACCUSE", "asserted")],
             [("CONSULT", "future")], [("ASSAULT", "asserted"), ("COERCE", "asserted")])


def test_a_sentence_annotated_no_event_teaches_no_type():
    assert train_types.sentence_types(GOLD, [0]) == ()
    assert train_types.article_allowed("ACCUSE", ()) is None


def test_a_candidate_of_another_type_in_a_sentence_of_one_event_learns_that_type():
    """"Police are calling the deaths a murder-suicide" read as ACCUSE, in a sentence that reports the killing."""
    types = train_types.sentence_types(GOLD, [1])
    assert types == ("ASSAULT",)
    assert train_types.article_allowed("ACCUSE", types) == ("ASSAULT",)
    assert train_types.article_allowed("ASSAULT", types) == ("ASSAULT",)


def test_the_type_of_a_future_or_claimed_event_is_still_its_type():
    assert train_types.sentence_types(GOLD, [3]) == ("CONSULT",)
    assert train_types.sentence_types(GOLD, [2]) == ("ACCUSE", "ASSAULT")


def test_two_acts_in_one_sentence_each_candidate_keeps_its_own_type():
    types = train_types.sentence_types(GOLD, [2])
    assert train_types.article_allowed("ASSAULT", types) == ("ASSAULT",)
    assert train_types.article_allowed("ACCUSE", types) == ("ACCUSE",)


@pytest.mark.parametrize("multi, expected", [("any", ("ASSAULT", "COERCE")), ("skip", None)])
def test_a_candidate_of_neither_type_in_a_sentence_of_two(monkeypatch, multi, expected):
    monkeypatch.setattr(train_types, "ARTICLE_MULTI", multi)
    types = train_types.sentence_types(GOLD, [4])
    assert train_types.article_allowed("REQUEST", types) == expected


def test_an_evidence_over_two_sentences_has_the_types_of_both():
    assert train_types.sentence_types(GOLD, [0, 1]) == ("ASSAULT",)
    assert train_types.sentence_types(GOLD, [1, 3]) == ("ASSAULT", "CONSULT")


def test_the_articles_are_a_training_set_read_from_the_half_asked_for(monkeypatch):
    """Training asks every corpus, the annotated articles included, for the tune half (``main``: samples("tune"))."""
    asked = []
    readers = {name: (lambda which, name=name: asked.append((name, which)) or iter(()))
               for name in train_types.DATASETS}
    monkeypatch.setattr(train_types._corpora, "READERS", readers)
    monkeypatch.setattr(train_types._corpora, "candidates", lambda name, docs, **_: [])
    monkeypatch.setattr(train_types, "muc_rows", lambda docs, records: [])  # it reads MUC-4's keys from ../shared/data
    assert train_types.samples("tune") == []
    assert asked == [(name, "tune") for name in train_types.DATASETS] and ("articles", "tune") in asked
    assert train_types.DATASET_WEIGHT["articles"] == train_types.ARTICLE_WEIGHT > 0


# ---- the verb whose clause tells the trigger (learn/types.py _told_in; real parse) ---------------------------


@pytest.mark.parametrize("text, type_, trigger, teller", [
    ("The opposition accused the army of attacking the village.", "ASSAULT", "attacking", "accuse"),
    ("The minister called for talks with the rebels.", "CONSULT", "talks", "call"),
    ("Protesters urged the governor to resign.", "RETREAT", "resign", "urge"),
])
def test_the_frame_names_the_verb_whose_clause_tells_the_trigger(nlp, text, type_, trigger, teller):
    """An act named inside another verb's clause (its content: an accusation's charge, an appeal's aim) carries
    that verb's lemma, alone and with the rules' type."""
    from eventwire.learn.types import ANCESTORS, frame
    from eventwire.models import ArticleRef, Event, Evidence

    event = Event(event_id="e1", article=ArticleRef(id="a"), type=type_, mode=None, quad_class="",
                  evidence=Evidence(text, 0, len(text), trigger))
    names = set(frame(nlp(text), event))
    assert ANCESTORS > 0
    assert {f"fa:{teller}", f"fat:{type_}/{teller}"} <= names, names


def test_a_trigger_that_is_its_clause_s_own_verb_names_no_teller(nlp):
    """The main verb of a sentence is told by no other verb: no such feature."""
    from eventwire.learn.types import frame
    from eventwire.models import ArticleRef, Event, Evidence

    text = "Rebels attacked the village on Monday."
    event = Event(event_id="e1", article=ArticleRef(id="a"), type="ASSAULT", mode=None, quad_class="",
                  evidence=Evidence(text, 0, len(text), "attacked"))
    assert not any(n.startswith(("fa:", "fat:")) for n in frame(nlp(text), event))

