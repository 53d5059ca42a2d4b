"""Incidents through the real `eventwire ingest` (spaCy, DuckDB, files): the seed ingested twice and then
revised gives the same incidents and no duplicate events; the CLI's corrections; `export --incidents`."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED
from eventwire.cli import main
from eventwire.store.database import Store

pytestmark = [pytest.mark.model]


def _state(db: Path) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    with Store(db, read_only=True) as store:
        assert store.integrity_report().ok
        events = [e.event_id for e in store.iter_events()]
        incidents = {i["incident_id"]: tuple(i["event_ids"]) for i in store.iter_incidents()}
    return events, incidents


@pytest.fixture
def seed_copy(tmp_path: Path, nlp) -> Path:
    if not SEED.exists():
        pytest.skip(f"the seed article {SEED} is absent (it lives in ../shared)")
    path = tmp_path / "news" / "seed.txt"
    path.parent.mkdir()
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_seed_twice_then_revised_gives_the_same_incidents_and_no_duplicates(seed_copy: Path, tmp_path: Path):
    db = tmp_path / "events.duckdb"
    assert main(["ingest", str(seed_copy), "--db", str(db)]) == 0
    events, incidents = _state(db)
    assert events and len(incidents) <= len(events)
    assert main(["ingest", str(seed_copy.parent), "--db", str(db)]) == 0
    assert _state(db) == (events, incidents)
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text(text.rstrip("\n") + "\n\nThis story has been corrected to fix a spelling.\n", encoding="utf-8")
    assert main(["ingest", str(seed_copy), "--db", str(db)]) == 0
    revised_events, revised_incidents = _state(db)
    # the revised text alone, in a fresh store: what the revision must leave (the whole article is read by the
    # event filter, so an added sentence may move a candidate across its threshold; replaced, not added)
    fresh = tmp_path / "fresh.duckdb"
    assert main(["ingest", str(seed_copy), "--db", str(fresh)]) == 0
    fresh_events, fresh_incidents = _state(fresh)
    assert len(revised_events) == len(set(revised_events))
    assert sorted(revised_events) == sorted(fresh_events)  # replaced by the revision's own events, not added
    assert set(revised_events).isdisjoint(events)  # event ids follow the text
    assert set(revised_incidents) <= set(incidents)  # the revision's events joined the incidents they replace
    assert sorted(map(len, revised_incidents.values())) == sorted(map(len, fresh_incidents.values()))
    with Store(db, read_only=True) as store, store.connection() as conn:
        assert conn.execute("SELECT count(*) FROM articles_history").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_cli_corrections_and_incident_export(seed_copy: Path, tmp_path: Path, capsys):
    db = tmp_path / "events.duckdb"
    assert main(["ingest", str(seed_copy), "--db", str(db)]) == 0
    _events, incidents = _state(db)
    first, second = sorted(incidents)[:2]
    assert main(["incidents", "merge", first, second, "--db", str(db)]) == 0
    assert main(["incidents", "log", "--db", str(db)]) == 0
    log = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(c["kind"], c["undone"]) for c in log] == [("merge", False)]
    _e, merged = _state(db)
    assert len(merged) == len(incidents) - 1
    assert main(["incidents", "undo", str(log[0]["correction_id"]), "--db", str(db)]) == 0
    assert _state(db)[1] == incidents
    assert main(["incidents", "undo", "x", "--db", str(db)]) == 2  # one clear line, usage exit status
    assert "correction id" in capsys.readouterr().err
    out = subprocess.run([sys.executable, "-m", "eventwire.cli", "export", "--db", str(db), "--format", "jsonl",
                          "--incidents"], capture_output=True, text=True, check=True, timeout=300)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert {r["incident_id"]: tuple(r["event_ids"]) for r in rows} == incidents
    assert all(r["articles"] == 1 and r["sources"] == 1 for r in rows)
