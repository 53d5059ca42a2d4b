"""The whole-article annotation files (benchmarks/annotations/) are well-formed, and the scorer's pieces work.

The files hold no corpus text: ids, sentence indexes and character offsets only. Offsets are checked against the
texts in ../shared/data (those tests skip, with the reason, where the data is absent).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
ANN = BENCH / "annotations"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ANN))

import agreement  # noqa: E402
import articles  # noqa: E402
import gold as gold_builder  # noqa: E402
import selection  # noqa: E402
from tool import FACTUALITY, TYPES  # noqa: E402

SOURCES = ("gva", "muc4", "bbc_news", "wikinews")
ROW_KEYS = {"source", "id", "annotator", "sentences"}
GOLD_KEYS = {"source", "id", "half", "group", "annotators", "adjudicated", "sentences"}
EVENT_KEYS = {"type", "factuality", "actor", "recipient"}


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (ANN / name).read_text(encoding="utf-8").splitlines() if line.strip()]


SENTENCES = rows("sentences.jsonl")
BY_ID = {r["id"]: r for r in SENTENCES}


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(k) + strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_sentences_file_covers_the_design():
    # round 1: 64 articles, 4 per (source, half, group A/B); later rounds (selection.ROUNDS): their half and groups
    cells = Counter((r["source"], r["half"], r["group"]) for r in SENTENCES[:64])
    assert set(cells) == {(s, h, g) for s in SOURCES for h in ("tune", "check") for g in "AB"}
    assert set(cells.values()) == {4}
    assert len(BY_ID) == len(SENTENCES)
    late = SENTENCES[64:]
    for which, first, end, groups in selection.ROUNDS:
        mine = [r for r in late if r["group"] in groups]
        assert {r["half"] for r in mine} == {which} and {r["source"] for r in mine} <= set(SOURCES)
        per_source = Counter(r["source"] for r in mine)
        assert max(per_source.values()) == end - first and {"gva", "muc4", "bbc_news"} <= set(per_source)
    assert len(late) == sum(len([r for r in late if r["group"] in g]) for *_, g in selection.ROUNDS)
    for r in SENTENCES:
        spans = r["sentences"]
        assert spans and all(0 <= s < e for s, e in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), r["id"]


@pytest.mark.parametrize("name,keys", [("pass1.jsonl", ROW_KEYS), ("pass2.jsonl", ROW_KEYS),
                                       ("gold.jsonl", GOLD_KEYS)])
def test_annotation_files_are_well_formed_and_hold_no_text(name, keys):
    for r in rows(name):
        assert set(r) == keys, (name, r["id"])
        spans = BY_ID[r["id"]]["sentences"]
        assert r["source"] == BY_ID[r["id"]]["source"]
        assert [s["i"] for s in r["sentences"]] == list(range(len(spans))), (name, r["id"])
        for s in r["sentences"]:
            for e in s["events"]:
                assert set(e) == EVENT_KEYS
                assert e["type"] in TYPES and e["factuality"] in FACTUALITY
                for start, end in e["actor"] + e["recipient"]:
                    assert any(a <= start < end <= b for a, b in spans), (name, r["id"], s["i"], start, end)
        # no corpus text: the only strings are keys, ids and the closed vocabularies
        allowed = keys | EVENT_KEYS | {"i", "events", r["id"], r["source"], "tune", "check", *selection.GROUPS}
        allowed |= set(TYPES) | set(FACTUALITY)
        assert set(strings(r)) <= allowed, (name, r["id"], set(strings(r)) - allowed)


def test_every_selected_article_is_annotated_and_the_blind_passes_are_complete():
    first = Counter(r["id"] for r in rows("pass1.jsonl"))
    assert set(first) == set(BY_ID) and set(first.values()) == {1}
    for r in rows("pass1.jsonl"):  # group A first pass by annotator 1, B by 2, C by 3 ...
        assert r["annotator"] == selection.GROUPS.index(BY_ID[r["id"]]["group"]) + 1
    blind = {(r["id"], r["annotator"]) for r in rows("pass2.jsonl")}
    for group, annotator, n in (("A", 2, 11), ("B", 1, 11), ("C", 6, 7), ("D", 5, 7), ("G", 8, 5), ("H", 7, 5),
                                 ("M", 14, 4), ("N", 13, 4), ("S", 20, 4), ("T", 19, 4),
                                 ("g", 34, 4), ("h", 33, 4), ("0", 54, 4), ("1", 53, 4)):
        first_n = [r["id"] for r in SENTENCES if r["group"] == group][:n]
        assert {(i, annotator) for i in first_n} <= blind, group
    assert [r["id"] for r in rows("gold.jsonl")] == [r["id"] for r in SENTENCES]


def test_gold_is_what_gold_py_builds_with_every_disagreement_decided():
    built, missing = gold_builder.build()
    assert missing == []
    assert gold_builder.dump(built) == (ANN / "gold.jsonl").read_text(encoding="utf-8")


def test_selection_and_offsets_match_the_texts(shared_data):
    from selection import selected

    chosen = selected()
    assert [(a.source, a.id, a.half, a.group) for a in chosen] == \
           [(r["source"], r["id"], r["half"], r["group"]) for r in SENTENCES]
    for a in chosen:
        spans = BY_ID[a.id]["sentences"]
        assert spans[-1][1] <= len(a.text)
        for s, e in spans:  # trimmed, never across a blank line
            assert a.text[s:e] == a.text[s:e].strip() and "\n\n" not in a.text[s:e].replace("\r", "")


def test_sentence_boundaries_rebuild(shared_data, nlp):
    """Texts in ordinary case go straight to the pinned spaCy model, so sentences.py rebuilds their boundaries
    exactly (all-capital MUC texts also pass through eventwire's truecaser, which may change; the stored file is
    the reference the annotations point into)."""
    from selection import selected
    from sentences import split_sentences

    chosen = [a for a in selected() if a.source != "muc4"][:6]
    assert {a.source for a in chosen} >= {"gva", "bbc_news"}
    for a in chosen:
        assert [list(x) for x in split_sentences(a.text, nlp)] == BY_ID[a.id]["sentences"], a.id


def test_cohens_kappa_on_a_hand_example():
    # 20 items: 8 yes/yes, 2 yes/no, 1 no/yes, 9 no/no: po = 0.85, pe = (10*9 + 10*11)/400 = 0.5
    pairs = [(1, 1)] * 8 + [(1, 0)] * 2 + [(0, 1)] + [(0, 0)] * 9
    assert agreement.kappa(pairs) == pytest.approx(0.7)
    assert agreement.kappa([("a", "a"), ("b", "b")]) == 1.0
    assert agreement.kappa([]) is None


def test_scorer_pieces():
    raw = "First sentence here.\n\nThe  gunman\nshot two men.  Third one."
    span = articles.locate(raw, "The gunman shot two men.", 20)
    assert raw[span[0]:span[1]] == "The  gunman\nshot two men."
    assert articles.locate(raw, "not in the text", 0) is None
    sentences = [[0, 20], [22, 47], [49, 59]]
    assert articles.overlapping(span, sentences) == {1}
    assert articles.overlapping(None, sentences) == frozenset()
    gold_span = [[22, 33]]  # "The  gunman"
    assert articles.actor_matches([{"text": "gunman", "name": None}], gold_span, raw)
    assert not articles.actor_matches([{"text": "two men", "name": None}], gold_span, raw)
    assert articles.head_word("the deputies of Movimento 5 Stelle (M5S)") == "deputies"
    assert articles.head_word("John Smith, 24") == "smith"
    assert articles.ece([(0.9, True), (0.9, False)]) == pytest.approx(0.4)
    assert articles.ece([(1.0, True), (0.0, False)]) == pytest.approx(0.0)


def test_wrong_events_are_classed_by_what_the_gold_says_of_their_sentences():
    """A wrong asserted event is a type error when its sentence holds a real event of another type, a factuality
    error when it holds one of its type that is future/hypothetical/denied/negated, "no event" when it holds none,
    "unplaced" when its evidence lies in no annotated sentence."""
    def ev(type_, factuality="asserted"):
        return {"type": type_, "factuality": factuality, "actor": [], "recipient": []}

    gold = {"sentences": [{"i": 0, "events": []}, {"i": 1, "events": [ev("ACCUSE")]},
                          {"i": 2, "events": [ev("CONSULT", "future")]},
                          {"i": 3, "events": [ev("PROTEST", "hypothetical")]}]}

    def placed(type_, sentences):
        return articles.Placed("a", {"type": type_}, (0, 1) if sentences else None, frozenset(sentences),
                               frozenset(sentences))

    assert articles.error_class(placed("ASSAULT", {0}), gold) == ("no event", ())
    assert articles.error_class(placed("ASSAULT", {1}), gold) == ("type", ("ACCUSE",))
    assert articles.error_class(placed("CONSULT", {2}), gold) == ("factuality", ())
    assert articles.error_class(placed("ASSAULT", {3}), gold) == ("other", ())
    assert articles.error_class(placed("ASSAULT", set()), gold) == ("unplaced", ())


def test_the_no_event_class_is_tabled_by_type_and_source(capsys):
    """--errors tables the "no event" wrong events by our type and the article's source (type errors are not
    counted there)."""
    gold = {"a": {"sentences": [{"i": 0, "events": []}, {"i": 1, "events": [
        {"type": "ACCUSE", "factuality": "asserted", "actor": [], "recipient": []}]}]},
            "b": {"sentences": [{"i": 0, "events": []}]}}

    def placed(article, type_, k):
        return articles.Placed(article, {"type": type_}, (0, 1), frozenset({k}), frozenset({k}))

    wrong = [placed("a", "ASSAULT", 0), placed("b", "ASSAULT", 0), placed("b", "REQUEST", 0), placed("a", "ASSAULT", 1)]
    articles.print_breakdown(wrong, wrong, gold, {"a": "gva", "b": "muc4"})
    out = capsys.readouterr().out
    table = out.split("the no-event class by our type and source:")[1]
    assert "| ASSAULT | 1 | 1 | 2 |" in table  # the type error in a's sentence 1 is not counted
    assert "| REQUEST | 0 | 1 | 1 |" in table
