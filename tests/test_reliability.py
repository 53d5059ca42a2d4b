"""The reliability campaign in CI size: malformed inputs, invisible characters, the lone-surrogate document.

``make reliability`` runs the full campaign (scripts/reliability.py); these are its short versions that
``make test`` runs: a sample of the malformed corpus through one real ingest, the property that invisible
characters change no event, a short kill soak and a short schemathesis run.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from eventwire.pipeline import Resources, extract

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import malformed  # noqa: E402

SENTENCES = ["Rebels killed five soldiers in an attack near Kandahar on Monday, police said.",
             "Police arrested 12 protesters in Basra on Tuesday after a clash near the market.",
             "Gunmen kidnapped three aid workers on the road to Mogadishu, officials said."]
INVISIBLE = ["\u200b", "\u200d", "\u200c", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202e", "\u202c",
             "\u2066", "\u2069", "\x00", "\x1b[31m", "\x1b[0m"]
# 12 sentences in CI; the campaign (scripts/reliability.py sets FUZZ_EXAMPLES) tries a tenth of its fuzz size
EVENT_EXAMPLES = max(12, int(os.environ["FUZZ_EXAMPLES"]) // 10) if "FUZZ_EXAMPLES" in os.environ else 12


@pytest.fixture(scope="module")
def resources(nlp):
    return Resources(nlp=nlp)


def _events(text: str, resources) -> list[dict]:
    return [e.to_dict() for e in extract(text, id="same", published="2020-01-06", resources=resources)]


@pytest.mark.model
@settings(max_examples=EVENT_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(SENTENCES), st.lists(st.tuples(st.integers(0, 200), st.sampled_from(INVISIBLE)),
                                            min_size=1, max_size=6))
def test_invisible_characters_change_no_event(resources, sentence, insertions):
    dirty = list(sentence)
    for at, ch in sorted(insertions, reverse=True):
        dirty.insert(min(at, len(dirty)), ch)
    clean_events = _events(sentence, resources)
    assert clean_events, "each sentence states an event"
    assert _events("".join(dirty), resources) == clean_events


@pytest.mark.model
def test_zero_width_joiner_inside_killed_keeps_the_event(resources):
    assert len(_events("Rebels kil\u200dled five soldiers near Kandahar on Monday.", resources)) == 1


@pytest.mark.model
def test_lone_surrogate_document_is_repaired_and_its_neighbours_kept(tmp_path):
    docs = [{"id": "a", "text": SENTENCES[0]}, {"id": "b", "text": "Rebels killed \ud800 three villagers in Herat."},
            {"id": "c", "title": "Bad \udfff title", "text": SENTENCES[1]}, {"id": "d", "text": SENTENCES[2]}]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs))
    db = tmp_path / "s.duckdb"
    for command in (["extract", str(path), "--format", "jsonl"], ["ingest", str(path), "--db", str(db)]):
        result = subprocess.run([sys.executable, "-m", "eventwire.cli", *command], capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.count("lone surrogate") == 2 and "unique" not in result.stderr
    import duckdb

    with duckdb.connect(str(db), read_only=True) as conn:
        stored = dict(conn.execute("SELECT id, title FROM articles").fetchall())
    assert sorted(stored) == ["a", "b", "c", "d"] and stored["c"] == "Bad \ufffd title"


@pytest.mark.model
@pytest.mark.slow
def test_malformed_sample_ingests_without_a_crash(tmp_path):
    folder = tmp_path / "malformed"
    manifest = malformed.generate(folder, 40, seed=7)
    assert len({m["kind"] for m in manifest.values()}) >= 25
    tried, failures = malformed.check(folder, tmp_path / "m.duckdb")
    assert tried >= 40 and failures == []


@pytest.mark.model
@pytest.mark.slow
def test_short_kill_soak_loses_and_doubles_nothing(tmp_path, shared_data):
    from kill_soak import GVA, soak

    if not GVA.is_file():
        pytest.skip(f"the kill soak's corpus {GVA} is absent (it lives in ../shared, never in the repo)")

    # a short wait: 40 articles can be ingested before a 12 s wait ends on an idle machine (then nothing is killed)
    kills, _articles, failures = soak(40, 2, seed=3, work=tmp_path, reference=False, max_wait=4, log=lambda m: None)
    assert failures == []
    assert kills >= 1, "the ingest ended before its first kill: nothing was tested"


def test_a_repeated_id_in_one_input_is_a_reported_revision(tmp_path):
    from eventwire.errors import RepeatedId
    from eventwire.read.files import read_path

    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"id": "x", "text": t}) + "\n" for t in SENTENCES[:2]))
    with pytest.warns(RepeatedId, match=r"news.jsonl:2: id 'x' was already used at .*news.jsonl:1"):
        docs = list(read_path(path))
    assert [d.text for d in docs] == SENTENCES[:2]


@pytest.mark.parametrize("text", ["   ", "\u200b\u200d", "\ufeff\n", "\x1b[0m \x00"])
def test_a_document_of_invisible_characters_is_unreadable(tmp_path, text):
    from eventwire.errors import InputError
    from eventwire.read.files import read_path

    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": text}) + "\n")
    (tmp_path / "b.txt").write_text(text)
    for name in ("a.jsonl", "b.txt"):
        items = list(read_path(tmp_path / name))
        assert len(items) == 1 and isinstance(items[0], InputError), (name, items)


def test_a_few_nul_bytes_do_not_make_a_text_binary(tmp_path):
    from eventwire.read.files import read_path

    (tmp_path / "a.txt").write_bytes(f"Title\n\n{SENTENCES[0]}\x00 {SENTENCES[1]}".encode())
    (doc,) = read_path(tmp_path / "a.txt")
    assert "\x00" not in doc.text and SENTENCES[1] in doc.text


def test_the_campaign_table_gives_each_row_its_wall_time_and_fails_on_any_failure(tmp_path, monkeypatch, capsys):
    import reliability

    monkeypatch.setattr(reliability, "CHECKS", {"a": lambda work, short: ("first check", 1000, 0, "a note"),
                                                "b": lambda work, short: ("second check", 20, 1, "")})
    assert reliability.main(["--work", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["test", "inputs", "tried", "failures", "wall", "time", "note"]
    assert re.fullmatch(r"first check\s+1,000\s+0\s+0:0\d\s+a note", lines[3])
    assert re.fullmatch(r"second check\s+20\s+1\s+0:0\d", lines[4])
    assert lines[-1].startswith("total wall time 0:0")
    monkeypatch.setattr(reliability, "CHECKS", {"a": lambda work, short: ("first check", 1000, 0, "")})
    assert reliability.main(["--work", str(tmp_path)]) == 0


def test_a_row_whose_shared_data_is_absent_is_skipped_saying_why_and_other_errors_still_raise(tmp_path, monkeypatch,
                                                                                                 capsys):
    import reliability

    def needs_data(work, short):
        open(reliability.SHARED / "data" / "absent-folder" / "docs.jsonl.gz", "rb")

    def broken(work, short):
        open(tmp_path / "not-shared" / "file", "rb")

    monkeypatch.setattr(reliability, "CHECKS", {"load": needs_data})
    assert reliability.main(["--work", str(tmp_path)]) == 0
    row = capsys.readouterr().out.splitlines()[3]
    assert re.fullmatch(r"load\s+0\s+0\s+0:0\d\s+skipped: \S+absent-folder/docs.jsonl.gz is absent .*", row)
    monkeypatch.setattr(reliability, "CHECKS", {"load": broken})
    with pytest.raises(FileNotFoundError):
        reliability.main(["--work", str(tmp_path)])


def test_both_kill_soaks_have_the_same_articles_so_one_reference_ingest_serves_both(tmp_path, shared_data):
    """The campaign's two soaks share one uninterrupted reference ingest (``--reference-db``), reused only when
    it holds exactly the corpus's articles: the one-file corpus and `run`'s folder of files hold the same."""
    from kill_soak import GVA, build_corpus, expected_ids

    if not GVA.is_file():
        pytest.skip(f"the kill soak's corpus {GVA} is absent (it lives in ../shared, never in the repo)")
    build_corpus(tmp_path / "one.jsonl", 3)
    build_corpus(tmp_path / "folder", 3, per_file=2)
    build_corpus(tmp_path / "other.jsonl", 4)
    assert expected_ids(tmp_path / "one.jsonl") == expected_ids(tmp_path / "folder")  # `run`'s corpus: the same
    assert expected_ids(tmp_path / "one.jsonl") != expected_ids(tmp_path / "other.jsonl")
