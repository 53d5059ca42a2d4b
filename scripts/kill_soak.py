"""Kill soak: SIGKILL ``eventwire ingest`` at random points, rerun after each, and check nothing is lost or doubled.

    python scripts/kill_soak.py [--articles 1000] [--kills 20] [--seed 22] [--work /tmp/eventwire-soak]

The corpus is built from ../shared/data/gva (real news texts, read in place) into ``--work``: one JSONL file
of ``--articles`` documents with their own ids (texts repeat when more are asked than exist; each copy
gets a numbered opening line so it is a distinct article). Then ``--kills`` times: start an ingest into
one store, wait a random time, SIGKILL it (a run that finishes first is counted and the loop ends);
then a last rerun to completion. A reference store is ingested once without interruption.

Failures counted (the last line says them): an article lost (in the corpus, not in the store; documents
whose cleaned body repeats an earlier one's are one article, stored once), an
article stored twice, a half-written article or inconsistent store (``Store.integrity_report``), a
rerun that fails, and any difference between the events of the killed-and-rerun store and the
reference store. The last line is ``kill-soak: K kills on N articles, F failures``.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GVA = ROOT.parent / "shared" / "data" / "gva" / "docs.jsonl.gz"


def build_corpus(path: Path, n: int) -> list[str]:
    """``n`` distinct news documents as JSONL at ``path``; their ids."""
    with gzip.open(GVA, "rt", encoding="utf-8") as f:
        source = [json.loads(line) for line in f]
    source = [d for d in source if (d.get("text") or "").strip()]
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for k in range(n):
            doc = source[k % len(source)]
            copy = k // len(source)
            text = doc["text"] if copy == 0 else f"Copy {copy} of the report.\n\n{doc['text']}"
            ids.append(f"soak-{k:05d}")
            out.write(json.dumps({"id": ids[-1], "title": doc.get("title"), "text": text}) + "\n")
    return ids


def expected_ids(corpus: Path) -> list[str]:
    """The ids a store must hold after ingesting ``corpus``: one per article (the store keeps one copy of
    documents whose cleaned bodies are the same, as a few republished gva texts are)."""
    sys.path.insert(0, str(ROOT / "src"))
    from eventwire.read.clean import clean
    from eventwire.read.files import read_path
    from eventwire.store.database import article_key

    first: dict[str, str] = {}
    for doc in read_path(corpus):
        article = clean(doc)
        first.setdefault(article_key(article), article.id)
    return list(first.values())


def ingest(corpus: Path, db: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)


def snapshot(db: Path) -> tuple[list[str], dict[str, list[str]], bool, str]:
    """(stored article ids, article id -> sorted event ids, integrity ok, integrity text)."""
    sys.path.insert(0, str(ROOT / "src"))
    from eventwire.store.database import Store

    with Store(db, read_only=True) as store:
        report = store.integrity_report()
        with store.connection() as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM articles").fetchall()]
            rows = conn.execute("SELECT article_id, event_id FROM events ORDER BY event_id").fetchall()
    events: dict[str, list[str]] = {}
    for article_id, event_id in rows:
        events.setdefault(article_id, []).append(event_id)
    return ids, events, report.ok, str(report)


def soak(articles: int, kills: int, seed: int, work: Path, *, reference: bool = True, max_wait: float = 30.0,
         log=print) -> tuple[int, int, list[str]]:
    """Run the soak; (kills done, articles, failure descriptions)."""
    rng = random.Random(seed)
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    ids = build_corpus(corpus, articles)
    db = work / "killed.duckdb"
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    failures: list[str] = []
    done = 0
    started = time.monotonic()
    for k in range(kills):
        process = ingest(corpus, db)
        time.sleep(rng.uniform(2.0, max_wait))  # model loading included: some kills land there
        if process.poll() is not None:
            log(f"kill-soak: run {k + 1} finished before its kill (exit {process.returncode})")
            if process.returncode != 0:
                failures.append(f"run {k + 1} failed: {process.stderr.read()[-500:]}")
            break
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        done += 1
        if db.exists():
            stored, _events, ok, report = snapshot(db)
            if not ok:
                failures.append(f"after kill {done}: store inconsistent: {report}")
            if len(stored) != len(set(stored)):
                failures.append(f"after kill {done}: {len(stored) - len(set(stored))} article(s) stored twice")
            log(f"kill-soak: kill {done} at {time.monotonic() - started:.0f}s: {len(set(stored))} article(s) stored")
    final = ingest(corpus, db)
    _out, err = final.communicate(timeout=7200)
    if final.returncode != 0:
        failures.append(f"final rerun exit {final.returncode}: {err[-500:]}")
    stored, events, ok, report = snapshot(db)
    lost = sorted(set(expected_ids(corpus)) - set(stored))
    if lost:
        failures.append(f"{len(lost)} article(s) lost, e.g. {lost[:5]}")
    if len(stored) != len(set(stored)):
        failures.append(f"{len(stored) - len(set(stored))} article(s) stored twice")
    if not ok:
        failures.append(f"store inconsistent: {report}")
    if reference:
        ref_db = work / "reference.duckdb"
        for stale in (ref_db, ref_db.with_suffix(".duckdb.wal")):
            stale.unlink(missing_ok=True)
        ref = ingest(corpus, ref_db)
        ref.communicate(timeout=7200)
        _ids, ref_events, _ok, _report = snapshot(ref_db)
        differ = [a for a in set(ref_events) | set(events) if ref_events.get(a) != events.get(a)]
        if differ:
            failures.append(f"{len(differ)} article(s) with other events than an uninterrupted ingest, "
                            f"e.g. {sorted(differ)[:5]}")
    return done, articles, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--work", type=Path, default=Path("/tmp/eventwire-soak"))
    parser.add_argument("--max-wait", type=float, default=30.0, help="longest wait before a kill (s)")
    parser.add_argument("--no-reference", action="store_true", help="skip the uninterrupted reference ingest")
    args = parser.parse_args(argv)
    kills, articles, failures = soak(args.articles, args.kills, args.seed, args.work,
                                     reference=not args.no_reference, max_wait=args.max_wait,
                                     log=lambda m: print(m, file=sys.stderr, flush=True))
    for failure in failures:
        print("FAIL", failure)
    print(f"kill-soak: {kills} kills on {articles} articles, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
