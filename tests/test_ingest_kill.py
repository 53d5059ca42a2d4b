"""A real `eventwire ingest` killed with SIGKILL mid-run, then rerun: no loss, no duplicate, no half article."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE
from eventwire.store.database import Store
from eventwire.store.export import export_dict

pytestmark = [pytest.mark.model, pytest.mark.slow]
N_ARTICLES = 40


def _corpus(folder: Path) -> None:
    """N distinct articles: the sample story with a different opening paragraph each."""
    text = EXAMPLE.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    for k in range(N_ARTICLES):
        lead = f"Police in Basra said {k + 2} men were arrested on Thursday after a clash near a market."
        (folder / f"story-{k:03d}.txt").write_text(f"{head}\n\n{lead}\n\n{body}", encoding="utf-8")


def _ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "eventwire.cli", "ingest", str(folder), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored(db: Path) -> tuple[list[str], int, bool]:
    with Store(db, read_only=True) as store:
        report = store.integrity_report()
        ids = [e.article.id for e in store.iter_events()]
    return ids, report.articles, report.ok


@pytest.mark.parametrize("kill_after", [4.0, 7.0])
def test_sigkill_then_rerun_loses_nothing_and_duplicates_nothing(tmp_path, nlp, kill_after):
    folder = tmp_path / "news"
    folder.mkdir()
    _corpus(folder)
    db = tmp_path / "events.duckdb"
    process = _ingest(folder, db)
    time.sleep(kill_after)
    finished_early = process.poll() is not None
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert not finished_early, "the corpus must be large enough for the kill to land mid-run"
    if db.exists():
        _ids, articles, ok = _stored(db)
        assert ok, "a killed ingest left a half-written article"
        assert articles < N_ARTICLES
    rerun = _ingest(folder, db)
    _out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    ids, articles, ok = _stored(db)
    assert ok and articles == N_ARTICLES
    per_article = {i: ids.count(i) for i in set(ids)}
    assert len(per_article) == N_ARTICLES
    assert len(set(per_article.values())) == 1, "every copy of the story must carry the same events"


def test_ingest_twice_adds_nothing(tmp_path, nlp):
    db = tmp_path / "events.duckdb"
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "eventwire.cli", "ingest", str(EXAMPLE), "--db", str(db)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    with Store(db, read_only=True) as store:
        assert store.count()["articles"] == 1
        first = [export_dict(e, body) for e, body in store.iter_events(with_body=True)]
    exported = subprocess.run([sys.executable, "-m", "eventwire.cli", "export", "--db", str(db), "--format", "jsonl"],
                              capture_output=True, text=True, timeout=300, check=True)
    assert [json.loads(line) for line in exported.stdout.splitlines()] == first  # the event objects, with article.body
