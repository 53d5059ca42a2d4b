"""Kill soak: SIGKILL ``eventwire ingest`` (or ``eventwire run`` with Dask workers) at random points, rerun after
each, and check nothing is lost or doubled.

    python scripts/kill_soak.py [--articles 1000] [--kills 20] [--seed 22] [--work /tmp/eventwire-soak]
    python scripts/kill_soak.py --command run [--workers 2] [--per-file 10] [--shard-size 2] ...

The corpus is built from ../shared/data/gva (real news texts, read in place) into ``--work``: one JSONL file
of ``--articles`` documents with their own ids (texts repeat when more are asked than exist; each copy
gets a numbered opening line so it is a distinct article); for ``run``, the same documents cut into JSONL
files of ``--per-file`` each (a shard is ``--shard-size`` files). Then ``--kills`` times: start the command
on one store, wait a random time (``ingest``: in start-up, or after the run's first write to the store, half
of the kills each; ``run``: in start-up, the extraction or the store load, see below), SIGKILL it (a run
that finishes first is counted and the loop ends); then a last rerun to completion. ``run`` is killed as a
user's ``kill -9 PID`` would: its own process, which holds the scheduler, first; the worker processes it
leaves are then killed too, before the rerun. A reference store is ingested once, by ``eventwire ingest``
in one process, without interruption.

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
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GVA = ROOT.parent / "shared" / "data" / "gva" / "docs.jsonl.gz"


def build_corpus(path: Path, n: int, *, per_file: int | None = None) -> list[str]:
    """``n`` distinct news documents as JSONL at ``path`` (a folder of files of ``per_file`` documents when
    given); their ids."""
    with gzip.open(GVA, "rt", encoding="utf-8") as f:
        source = [json.loads(line) for line in f]
    source = [d for d in source if (d.get("text") or "").strip()]
    ids, lines = [], []
    for k in range(n):
        doc = source[k % len(source)]
        copy = k // len(source)
        text = doc["text"] if copy == 0 else f"Copy {copy} of the report.\n\n{doc['text']}"
        ids.append(f"soak-{k:05d}")
        lines.append(json.dumps({"id": ids[-1], "title": doc.get("title"), "text": text}) + "\n")
    if per_file is None:
        path.write_text("".join(lines), encoding="utf-8")
        return ids
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("part-*.jsonl"):
        old.unlink()
    for start in range(0, n, per_file):
        (path / f"part-{start // per_file:05d}.jsonl").write_text("".join(lines[start:start + per_file]),
                                                                  encoding="utf-8")
    return ids


def expected_ids(corpus: Path) -> list[str]:
    """The ids a store must hold after ingesting ``corpus``: one per article (the store keeps one copy of
    documents whose cleaned bodies are the same, as a few republished gva texts are)."""
    sys.path.insert(0, str(ROOT / "src"))
    from eventwire.read.clean import clean
    from eventwire.read.files import read_path
    from eventwire.store.database import article_key

    first: dict[str, str] = {}
    for file in sorted(corpus.glob("part-*.jsonl")) if corpus.is_dir() else [corpus]:
        for doc in read_path(file):
            article = clean(doc)
            first.setdefault(article_key(article), article.id)
    return list(first.values())


def ingest(corpus: Path, db: Path, *, command: str = "ingest", workers: int = 2,
           shard_size: int = 2) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    extra = ["--workers", str(workers), "--shard-size", str(shard_size), "--quiet"] if command == "run" else []
    return subprocess.Popen([sys.executable, "-m", "eventwire.cli", command, str(corpus), "--db", str(db), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)  # its own process group: the workers it starts are found


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the process, then whatever it started (Dask worker processes) that outlived it."""
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the group is gone when no member is left to signal
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


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


def _wait_for_a_moment_of_ingest(process: subprocess.Popen, db: Path, rng: random.Random, max_wait: float) -> None:
    """Wait for a random moment of ``ingest``: in start-up (a plain random wait, model loading included), or,
    chosen as often, a random wait after this run's first write to the store (so the kill falls among the
    chunks being extracted and written, however long start-up takes on a loaded machine)."""
    if rng.random() < 0.5:
        time.sleep(rng.uniform(2.0, max_wait))
        return
    began = time.time()
    deadline = time.monotonic() + 1800  # a bound on a failure, not a timing
    while (process.poll() is None and time.monotonic() < deadline
           and not any(p.exists() and p.stat().st_mtime > began for p in (db, Path(f"{db}.wal")))):
        time.sleep(0.05)
    time.sleep(rng.uniform(0.0, max_wait))


def _wait_for_a_moment_of_run(process: subprocess.Popen, shards: Path, total: int, rng: random.Random,
                              max_wait: float, kills_left: int) -> None:
    """Wait for a random moment of `run`. While shard outputs remain to be written: in start-up (cluster and
    models; one kill in four, a random wait) or in the extraction (a random instant after a random number of
    further shard outputs, sized so that the extraction ends about half-way through the ``kills_left``); once
    all ``total`` are written, in the store load (a random instant of it). Waiting for the store load while
    shards remain would let one run extract everything uninterrupted; starting a cluster can outlast a plain
    random wait, which would then never reach the later phases."""
    def outputs() -> int:
        return len(list(shards.glob("shard-*.parquet")))

    def until(condition, limit: float = 1800.0) -> None:
        deadline = time.monotonic() + limit  # a bound on a failure, not a timing
        while not condition() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)

    left = total - outputs()
    if left > 0 and rng.random() < 0.25:
        time.sleep(rng.uniform(2.0, max_wait))
    elif left > 0:
        step = left / max(1.0, 0.375 * kills_left)  # 3 in 4 of the first half of the kills left extract
        target = outputs() + rng.randint(1, max(1, round(2 * step - 1)))
        until(lambda: outputs() >= target)
        time.sleep(rng.uniform(0.0, 2.0))
    else:
        db = shards.with_name(shards.name[:-len(".shards")])
        began = time.time()

        def writing() -> bool:  # the store file or its write-ahead log changed since this run began
            return any(p.exists() and p.stat().st_mtime > began for p in (db, Path(f"{db}.wal")))

        until(lambda: outputs() >= total and writing())
        time.sleep(rng.uniform(0.0, 4.0))


def soak(articles: int, kills: int, seed: int, work: Path, *, reference: bool = True, max_wait: float = 30.0,
         command: str = "ingest", workers: int = 2, per_file: int = 10, shard_size: int = 2,
         reference_db: Path | None = None, log=print) -> tuple[int, int, list[str]]:
    """Run the soak; (kills done, articles, failure descriptions)."""
    import shutil

    rng = random.Random(seed)
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / ("corpus" if command == "run" else "corpus.jsonl")
    build_corpus(corpus, articles, per_file=per_file if command == "run" else None)
    db = work / "killed.duckdb"
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(f"{db}.shards", ignore_errors=True)  # `run`'s shard outputs of an earlier soak
    start = partial(ingest, command=command, workers=workers, shard_size=shard_size)
    failures: list[str] = []
    done = 0
    storing = 0  # kills after the killed run had stored at least one article of its own
    before = 0
    started = time.monotonic()
    for k in range(kills):
        process = start(corpus, db)
        if command == "run":
            shards = -(-len(list(corpus.glob("part-*.jsonl"))) // shard_size)
            _wait_for_a_moment_of_run(process, Path(f"{db}.shards"), shards, rng, max_wait, kills - k)
        else:
            _wait_for_a_moment_of_ingest(process, db, rng, max_wait)
        if process.poll() is not None:
            log(f"kill-soak: run {k + 1} finished before its kill (exit {process.returncode})")
            if process.returncode != 0:
                failures.append(f"run {k + 1} failed: {process.stderr.read()[-500:]}")
            break
        kill(process)
        done += 1
        stored = []
        if db.exists():
            stored, _events, ok, report = snapshot(db)
            if not ok:
                failures.append(f"after kill {done}: store inconsistent: {report}")
            if len(stored) != len(set(stored)):
                failures.append(f"after kill {done}: {len(stored) - len(set(stored))} article(s) stored twice")
        storing += len(set(stored)) > before
        before = len(set(stored))
        log(f"kill-soak: kill {done} at {time.monotonic() - started:.0f}s: {len(set(stored))} article(s) stored"
            + (f", {len(list(Path(f'{db}.shards').glob('shard-*.parquet')))} shard(s) done"
               if command == "run" else ""))
    final = start(corpus, db)
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
        ref_db = reference_db or work / "reference.duckdb"
        ref_ids = snapshot(ref_db)[0] if reference_db and ref_db.exists() else None
        if ref_ids is None or sorted(ref_ids) != sorted(expected_ids(corpus)):  # made here, or not of this corpus
            for stale in (ref_db, Path(f"{ref_db}.wal")):
                stale.unlink(missing_ok=True)
            ref = ingest(corpus, ref_db)
            _out, err = ref.communicate(timeout=7200)
            if ref.returncode != 0:
                failures.append(f"reference ingest exit {ref.returncode}: {err[-500:]}")
        else:
            log(f"kill-soak: reference store {ref_db} reused (same {len(ref_ids)} articles)")
        _ids, ref_events, _ok, _report = snapshot(ref_db)
        differ = [a for a in set(ref_events) | set(events) if ref_events.get(a) != events.get(a)]
        if differ:
            failures.append(f"{len(differ)} article(s) with other events than an uninterrupted ingest, "
                            f"e.g. {sorted(differ)[:5]}")
    log(f"kill-soak: {storing} of {done} kills after the killed run had stored an article of its own")
    return done, articles, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--work", type=Path, default=Path("/tmp/eventwire-soak"))
    parser.add_argument("--max-wait", type=float, default=30.0, help="longest wait before a kill (s)")
    parser.add_argument("--no-reference", action="store_true", help="skip the uninterrupted reference ingest")
    parser.add_argument("--reference-db", type=Path,
                        help="the reference store: reused when it holds this corpus's articles (an ingest of the "
                             "same corpus, e.g. by the other soak), else made there")
    parser.add_argument("--command", choices=("ingest", "run"), default="ingest",
                        help="what is killed: `eventwire ingest` (one process) or `eventwire run` (Dask workers)")
    parser.add_argument("--workers", type=int, default=2, help="run: worker processes (default 2)")
    parser.add_argument("--per-file", type=int, default=10, help="run: documents per JSONL file (default 10)")
    parser.add_argument("--shard-size", type=int, default=2, help="run: files per shard (default 2)")
    args = parser.parse_args(argv)
    kills, articles, failures = soak(args.articles, args.kills, args.seed, args.work,
                                     reference=not args.no_reference, max_wait=args.max_wait,
                                     command=args.command, workers=args.workers, per_file=args.per_file,
                                     shard_size=args.shard_size, reference_db=args.reference_db,
                                     log=lambda m: print(m, file=sys.stderr, flush=True))
    for failure in failures:
        print("FAIL", failure)
    print(f"kill-soak: {kills} kills on {articles} articles ({args.command}), {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
