"""The role chooser keeps a picked name the knowledge base does not know, in its own words (learn/roles.own_words);
a picked phrase that names no one (a thing, a place, a pronoun) is still dropped."""
from __future__ import annotations

import json
import zlib

import pytest

from eventwire.learn.roles import DIM, FORMAT, ROLES, Candidate, load_roles, own_words
from eventwire.models import Actor, ArticleRef, Event, Evidence


def _event(sentence: str, trigger: str) -> Event:
    return Event(event_id="e1", article=ArticleRef(id="a"), type="REQUEST", quad_class="verbal-cooperation",
                 evidence=Evidence(sentence, 0, len(sentence), trigger))


def _subject_chooser(tmp_path):
    """A chooser whose actor model favours the active subject and whose recipient model favours nothing."""
    weights = {}
    for role, favour in (("actor", "d:nsubj"), ("recipient", "never-a-feature")):
        row = [0.0] * DIM
        row[zlib.crc32(favour.encode("utf-8")) & (DIM - 1)] = 8.0
        weights[role] = row
    path = tmp_path / "roles.json"
    path.write_text(json.dumps({"format": FORMAT, "dim": DIM, "weights": weights, "bias": {r: -4.0 for r in ROLES},
                                "fill": {r: 0.5 for r in ROLES}, "margin": {r: 0.3 for r in ROLES}}))
    return load_roles(path)


def _candidate(doc, text: str) -> Candidate:
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text))
    return Candidate(span.root.i, span.start_char, span.end_char, 0)


@pytest.mark.parametrize("sentence, phrase, name", [
    ("The Zorbanian Rights Collective urged the government to free the prisoners.",
     "The Zorbanian Rights Collective", "Zorbanian Rights Collective"),
    ("Maria Kowalczyk urged the council to reopen the inquiry.", "Maria Kowalczyk", "Maria Kowalczyk"),
])
def test_a_name_the_kb_does_not_know_is_kept_as_written(nlp, sentence, phrase, name):
    doc = nlp(sentence)
    actor = own_words(doc, _candidate(doc, phrase))
    assert actor == Actor(text=phrase, name=name, country=None, sector=None)


@pytest.mark.parametrize("sentence, phrase", [
    ("The report urged the government to free the prisoners.", "The report"),  # a thing
    ("It urged the government to free the prisoners.", "It"),  # a pronoun
    ("Protesters marched through Paris on Monday.", "Paris"),  # a place
    ("Maria Kowalczyk's decision angered the union.", "Maria Kowalczyk's decision"),  # a thing a name owns
])
def test_a_phrase_naming_no_one_is_not_a_party(nlp, sentence, phrase):
    doc = nlp(sentence)
    assert own_words(doc, _candidate(doc, phrase)) is None


def test_rechoose_fills_with_an_unknown_name_instead_of_dropping_the_pick(nlp, tmp_path):
    text = "The Zorbanian Rights Collective urged the government to free the prisoners."
    model = _subject_chooser(tmp_path)
    (out,) = model.rechoose([_event(text, "urged")], nlp(text), resolve=lambda span: None)
    assert [(a.text, a.country) for a in out.actor] == [("The Zorbanian Rights Collective", None)]
    assert out.recipient == ()


def test_rechoose_never_gives_an_unknown_name_both_roles(nlp, tmp_path):
    text = "The Zorbanian Rights Collective urged the government to free the prisoners."
    model = _subject_chooser(tmp_path)
    event = Event(**{**_event(text, "urged").__dict__,
                     "recipient": (Actor(text="the collective", name="Zorbanian Rights Collective"),)})
    (out,) = model.rechoose([event], nlp(text), resolve=lambda span: None)
    assert out.actor == ()
