"""The command line, run as a user runs it: real subprocesses, real files, real exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE

pytestmark = pytest.mark.model


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=300)


BAD_INPUTS = [
    # name, bytes, words the one-line reason must contain
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"\x00\x01\x02\x03" * 200, "binary"),
    ("latin1.txt", "Caf\xe9 bombing in Bogot\xe1 kills three.\n".encode("latin-1") * 3, "UTF-8"),
    ("broken.json", b'{"id": "a", "text": "Rebels attacked', "JSON"),
    ("notext.json", b'{"id": "a", "title": "no text here"}', "text"),
]


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.mark.parametrize("name, data, reason", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_reported_in_one_line_and_the_rest_is_processed(tmp_path, good, name, data, reason):
    bad = tmp_path / name
    bad.write_bytes(data)
    result = run("extract", str(bad), str(good), "--format", "jsonl")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert str(bad) in lines[0] and reason.lower() in lines[0].lower()
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(e["type"] == "ASSAULT" for e in events), "the readable file must still be processed"


def test_missing_file_and_malformed_jsonl_line(tmp_path, good):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "ok", "text": "Gunmen killed two policemen in Kabul on Monday.",
                                "published": "2021-03-03"}) + "\n{not json\n", encoding="utf-8")
    result = run("extract", str(tmp_path / "nope.txt"), str(docs), "--format", "jsonl")
    assert result.returncode != 0
    assert "nope.txt" in result.stderr and f"{docs}:2" in result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["article"]["id"] for e in events] == ["ok"]
    assert events[0]["type"] == "ASSAULT" and events[0]["fatalities"] == 2


def test_jsonl_stdout_holds_only_events_and_exit_zero_when_all_read(good):
    result = run("extract", str(good), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        event = json.loads(line)
        assert set(event) >= {"event_id", "article", "type", "quad_class", "evidence", "mentions", "location"}


def test_no_event_is_still_success(tmp_path):
    calm = tmp_path / "calm.txt"
    calm.write_text("Weather report\n\nThe weather was mild and sunny all week.\n", encoding="utf-8")
    result = run("extract", str(calm), "--format", "jsonl")
    assert result.returncode == 0 and result.stdout == ""


def test_stdin_and_published_override():
    text = "Rebels attacked an army post in Mosul on Friday, killing three soldiers."
    result = run("extract", "-", "--published", "2021-05-09", "--format", "json", stdin=text)
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert events[0]["date"] == "2021-05-07" and events[0]["fatalities"] == 3


def test_table_format(good):
    result = run("extract", str(good), "--format", "table")
    assert result.returncode == 0
    assert result.stdout.startswith("TYPE") and "ASSAULT" in result.stdout


def test_help_ends_with_an_example():
    for command in ("extract", "ingest", "export", "geoparse"):
        result = run(command, "--help")
        assert "Example:" in result.stdout


def test_show_prints_one_event_with_its_sentence_in_its_paragraph(tmp_path) -> None:
    from eventwire.models import Actor, Article, ArticleRef, Event, Evidence, Span
    from eventwire.store.database import Store

    body = ("Tuesday's news.\n\nRockets hit Balad air base on Saturday. Three soldiers were wounded.\n\n"
            "Officials met later.")
    sentence = "Three soldiers were wounded."
    start = body.index(sentence)
    event = Event(event_id="ev1", article=ArticleRef(id="a1", title="Balad", publisher="Example"), type="ASSAULT",
                  quad_class="material-conflict", evidence=Evidence(sentence, start, start + len(sentence), "wounded"),
                  actor=(Actor("Rockets", "unidentified armed group", None, "UAF"),), injured=3,
                  mentions=(Span("Rockets hit Balad air base on Saturday.", 17, 56),))
    db = tmp_path / "e.duckdb"
    Store(db).add_article(Article(id="a1", body=body, title="Balad", publisher="Example"), [event])
    shown = run("show", "ev1", "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "Rockets hit Balad air base on Saturday. »Three soldiers were wounded.«" in out  # its paragraph
    assert "Officials met" not in out and "Tuesday" not in out  # and only its paragraph
    assert "unidentified armed group (?, UAF)" in out and "? / 3" in out
    shown = json.loads(run("show", "ev1", "--db", str(db), "--json").stdout)
    assert shown["paragraph"]["text"] == body.split("\n\n")[1] and shown["article"]["body"] == body
    assert body[shown["evidence"]["start"]:shown["evidence"]["end"]] == sentence
    missing = run("show", "missing", "--db", str(db))
    assert missing.returncode == 2 and "no event 'missing'" in missing.stderr
