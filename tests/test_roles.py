"""The learned role chooser (issue #17): its weights (small, numbers only, deterministic rebuild), its decision
(fill an empty role, override the rules only by a margin) and its use on parsed sentences built for it."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from eventwire.learn import MODEL_NAMES, WeightsError
from eventwire.learn.roles import (DIM, FORMAT, ROLES, Candidate, RoleChooser, candidate_features, candidates,
                                   load_roles, trigger_token, weights_path)
from eventwire.models import Actor, ArticleRef, Event, Evidence

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "tests" / "fixtures" / "roles-subset.sha256"


def _event(sentence: str, trigger: str, *, start: int = 0, actor=(), recipient=(), type_: str = "ASSAULT") -> Event:
    return Event(event_id="e1", article=ArticleRef(id="a"), type=type_, quad_class="material-conflict",
                 evidence=Evidence(sentence, start, start + len(sentence), trigger),
                 actor=tuple(Actor(text=t, name=t) for t in actor),
                 recipient=tuple(Actor(text=t, name=t) for t in recipient))


def _chooser(tmp_path, *, favour: dict[str, str], fill: float = 0.5, margin: float = 0.3) -> RoleChooser:
    """A chooser whose weights favour one hashed feature name per role (everything else scores low)."""
    weights = {}
    for role in ROLES:
        row = [0.0] * DIM
        row[zlib.crc32(favour[role].encode("utf-8")) & (DIM - 1)] = 8.0
        weights[role] = row
    path = tmp_path / "roles.json"
    path.write_text(json.dumps({"format": FORMAT, "dim": DIM, "weights": weights, "bias": {r: -4.0 for r in ROLES},
                                "fill": {r: fill for r in ROLES}, "margin": {r: margin for r in ROLES}}))
    return load_roles(path)


def test_committed_role_weights_are_small_numbers_only_and_load():
    raw = weights_path().read_bytes()
    assert len(raw) < 300_000
    data = json.loads(raw)
    assert data["dim"] == DIM and set(data["weights"]) == set(ROLES)
    assert all(isinstance(v, float | int) for row in data["weights"].values() for v in row)
    model = load_roles()
    assert model.sha256 == hashlib.sha256(raw).hexdigest() and model.name in MODEL_NAMES


@pytest.mark.parametrize("content", [b"", b"not json {", b'{"format": "something-else"}',
                                     json.dumps({"format": FORMAT, "dim": 7}).encode()])
def test_a_broken_role_weights_file_says_how_to_fix(tmp_path, content):
    path = tmp_path / "roles.json"
    path.write_bytes(content)
    with pytest.raises(WeightsError, match="make weights"):
        load_roles(path)


def test_decide_fills_an_empty_role_only_above_fill_and_overrides_only_by_the_margin(tmp_path):
    model = _chooser(tmp_path, favour={"actor": "bias", "recipient": "bias"}, fill=0.5, margin=0.3)
    assert model.decide("actor", [0.2, 0.7], [False, False], True) == 1  # empty list: the best above fill
    assert model.decide("actor", [0.2, 0.4], [False, False], True) is None  # ... not below it
    assert model.decide("actor", [0.5, 0.7], [True, False], False) is None  # beats the rules' choice by 0.2 only
    assert model.decide("actor", [0.3, 0.7], [True, False], False) == 1  # by 0.4
    assert model.decide("actor", [0.9, 0.7], [True, False], False) is None  # the rules' own choice is the best
    assert model.decide("actor", [], [], True) is None


def test_a_chooser_that_never_fills_nor_overrides_leaves_events_as_they_are(tmp_path):
    model = _chooser(tmp_path, favour={"actor": "bias", "recipient": "bias"}, fill=2.0, margin=2.0)
    event = _event("Rebels attacked the village.", "attacked")
    assert model.rechoose([event], doc=None, resolve=lambda span: None) == [event]  # no doc is even read


# ---- on parsed sentences (the real spaCy pipeline) -------------------------------------------------------------


def test_candidates_are_the_phrases_of_the_sentence_and_the_ones_before(nlp):
    text = "The rebels entered the town at dawn. Then they burned the market."
    doc = nlp(text)
    start = text.index("Then")
    event = _event(text[start:], "burned", start=start)
    trigger = trigger_token(doc, event)
    assert trigger is not None and trigger.text == "burned"
    found = {doc[c.head].text: c.sentence for c in candidates(doc, trigger)}
    assert found.get("market") == 0 and found.get("they") == 0 and found.get("rebels") == 1


def test_features_are_hashed_and_tell_the_subject_from_the_object(nlp):
    doc = nlp("Soldiers shelled the village.")
    trigger = doc[1]
    subject, obj = Candidate(0, 0, 8, 0), Candidate(3, 19, 30, 0)
    a = candidate_features(trigger, subject, type_="ASSAULT", rules=False, other=False, empty=True)
    b = candidate_features(trigger, obj, type_="ASSAULT", rules=False, other=False, empty=True)
    assert a and all(0 <= k < DIM for k in a) and a != b
    assert candidate_features(trigger, subject, type_="ASSAULT", rules=True, other=False, empty=False) != a


def _names(doc, trigger_word: str, head_word: str, type_: str = "ASSAULT") -> list[str]:
    from eventwire.learn.roles import word_names

    trigger = next(t for t in doc if t.text == trigger_word)
    head = next(t for t in doc if t.text == head_word)
    return word_names(trigger, Candidate(head.i, head.idx, head.idx + len(head), 0), type_=type_)


def test_features_read_the_trigger_lemma_with_the_relation_and_the_head_lemma(nlp):
    # "accused X of": the verb's frame tells the accuser (subject) from the accused (object), and the head's lemma
    # tells a victim noun from an attacker noun whatever the relation
    doc = nlp("The union accused the minister of lying.")
    union, minister = _names(doc, "accused", "union", "ACCUSE"), _names(doc, "accused", "minister", "ACCUSE")
    assert "tld:accuse/nsubj/True" in union and "tld:accuse/dobj/False" in minister
    assert "hl:union" in union and "hlt:ACCUSE/minister" in minister
    doc = nlp("Police said the victims were shot by a gunman.")
    assert "hl:victim" in _names(doc, "shot", "victims") and "tlp:shoot/by" in _names(doc, "shot", "gunman")


def test_features_tell_the_speaker_of_a_reported_act_from_its_doer(nlp):
    doc = nlp("The ministry said rebels attacked the convoy.")
    assert "spk:True/True" in _names(doc, "attacked", "ministry")  # subject of the "said" above the trigger
    assert "spk:False/False" in _names(doc, "attacked", "rebels")
    doc = nlp("Rebels attacked the convoy, and the ministry said nothing else.")
    assert "spk:True/False" in _names(doc, "attacked", "ministry")  # a speaker, but not of this clause


def test_only_the_recipient_model_reads_the_word_features(nlp):
    from eventwire.learn.roles import WORD_ROLES, hashed, word_names

    doc = nlp("The union accused the minister of lying.")
    cand = Candidate(4, doc[4].idx, doc[4].idx + len(doc[4]), 0)
    args = dict(type_="ACCUSE", rules=False, other=False, empty=True)
    actor = candidate_features(doc[2], cand, role="actor", **args)
    recipient = candidate_features(doc[2], cand, role="recipient", **args)
    assert WORD_ROLES == ("recipient",) and actor != recipient
    assert set(hashed(word_names(doc[2], cand, type_="ACCUSE"))) <= set(recipient)


@pytest.mark.parametrize("text, trigger, role, favour, expected", [
    # an empty actor filled with the active subject; an empty recipient with the object
    ("Militants attacked a police convoy near the border.", "attacked", "actor", "d:nsubj", "Militants"),
    ("Militants attacked a police convoy near the border.", "attacked", "recipient", "d:dobj", "a police convoy"),
    # the passive agent ("by" phrase) of a passive clause
    ("The convoy was attacked by militants on Monday.", "attacked", "actor", "prep:by", "militants"),
])
def test_rechoose_fills_an_empty_role_with_the_phrase_the_weights_favour(nlp, tmp_path, text, trigger, role,
                                                                          favour, expected):
    other = "recipient" if role == "actor" else "actor"
    model = _chooser(tmp_path, favour={role: favour, other: "never-a-feature"})
    (out,) = model.rechoose([_event(text, trigger)], nlp(text),
                            resolve=lambda span: Actor(text=span.text, name=span.text))
    assert [a.text for a in getattr(out, role)] == [expected]
    assert getattr(out, other) == ()  # nothing scored high enough for the other role


def test_rechoose_keeps_the_rules_choice_when_it_is_the_best(nlp, tmp_path):
    text = "Militants attacked a police convoy near the border."
    model = _chooser(tmp_path, favour={"actor": "d:nsubj", "recipient": "never-a-feature"})
    event = _event(text, "attacked", actor=["Militants"])
    (out,) = model.rechoose([event], nlp(text), resolve=lambda span: Actor(text="other", name="other"))
    assert out == event


def test_extracted_events_name_the_role_chooser_in_their_coder(nlp):
    from eventwire import extract
    from eventwire.pipeline import Resources

    events = extract("Gunmen killed three police officers at a checkpoint outside Kandahar on Monday.",
                     published="2024-05-07", resources=Resources(nlp=nlp))
    assert events and all("roles" in dict(e.coder.models) for e in events)


def test_role_weights_rebuild_from_a_fixed_subset_matches_the_reference(tmp_path, shared_data):
    """The training script is deterministic: the first 20 tune documents of each corpus give the same file."""
    out = tmp_path / "subset.json"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "EVENTWIRE_DATA": str(shared_data)}
    subprocess.run([sys.executable, str(REPO / "scripts" / "train_roles.py"), "--subset", "20", "--out", str(out)],
                   check=True, env=env, capture_output=True, timeout=600)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert digest == REFERENCE.read_text().split()[0], (
        "the role chooser's training output changed: if the rules or features changed on purpose, rebuild the "
        "weights (make weights) and write this sha256 into tests/fixtures/roles-subset.sha256")
