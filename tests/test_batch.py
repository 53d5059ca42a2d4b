"""`eventwire run` on Dask: a real local cluster of two worker processes, real model, real files.

Nothing here is timed: that two workers held a shard at the same moment is shown by a barrier both must reach
(a Dask Queue and Event), that each loaded the model once by the model loader's own cache counter in each worker.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE, store_state
from eventwire.store.database import Store

distributed = pytest.importorskip("distributed", reason="Dask is the cluster extra: pip install 'eventwire[cluster]'")
pytestmark = [pytest.mark.model, pytest.mark.slow]


def _corpus(folder: Path, n: int) -> list[Path]:
    """``n`` distinct articles: the sample story with a different opening paragraph each."""
    folder.mkdir()
    head, _, body = EXAMPLE.read_text(encoding="utf-8").partition("\n\n")
    paths = []
    for k in range(n):
        lead = f"Police in Basra said {k + 2} men were arrested on Thursday after a clash near a market."
        path = folder / f"story-{k:03d}.txt"
        path.write_text(f"{head}\n\n{lead}\n\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def _events(db: Path) -> list[str]:
    """The stored events as extraction gives them: every one in an incident, which is then left out (the store
    assigns it, in the order articles arrive, which a cluster does not fix)."""
    with Store(db, read_only=True) as store:
        events = list(store.iter_events())
        assert store.integrity_report().ok and all(e.incident_id for e in events)
    return sorted(json.dumps({**e.to_dict(), "incident_id": None}, sort_keys=True) for e in events)


def barrier(shard) -> None:
    """Run by each worker before its first shard: wait until the other worker has started one too."""
    from distributed import Event, Queue, get_worker

    worker = get_worker()
    if getattr(worker, "eventwire_test_barrier", False):
        return
    Queue("eventwire-test-arrived").put(os.getpid())
    go = Event("eventwire-test-go")
    if Queue("eventwire-test-arrived").qsize() >= 2:
        go.set()
    if not go.wait(timeout=300):
        raise RuntimeError("no second worker held a shard while this one did")
    worker.eventwire_test_barrier = True


def _model_loads() -> tuple[int, int]:
    from eventwire.nlp.model import load_nlp

    return os.getpid(), load_nlp.cache_info().misses


def test_two_workers_each_load_the_model_once_run_at_once_and_match_one_process(tmp_path, nlp):
    import cloudpickle
    from distributed import Client, LocalCluster

    from eventwire.batch import run_batch
    from eventwire.batch.worker import pin_threads
    from eventwire.pipeline import Resources, documents_to_articles, extract_articles, extract_paths, load_resources

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import this test module
    paths = _corpus(tmp_path / "news", 4)
    errors: list = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      env=pin_threads()) as cluster, Client(cluster) as client:
        summary = run_batch([tmp_path / "news"], tmp_path / "run.duckdb", extract=extract_paths, load=load_resources,
                            scheduler=cluster.scheduler_address,
                            shard_size=1, on_error=errors.append, on_shard_start=barrier)
        loads = client.run(_model_loads)
        arrived = distributed.Queue("eventwire-test-arrived", client=client)
        pids = {arrived.get(timeout=10) for _ in range(arrived.qsize())}
    assert errors == [] and summary.shards == 4 and summary.articles_new == 4
    assert len(loads) == 2 and len({pid for pid, _ in loads.values()}) == 2
    assert all(misses == 1 for _, misses in loads.values()), loads
    assert pids == {pid for pid, _ in loads.values()}  # both worker processes reached the barrier

    single = list(extract_articles(documents_to_articles(paths, on_error=errors.append), resources=Resources(nlp=nlp)))
    expected = sorted(json.dumps(e.to_dict(), sort_keys=True) for _, events in single for e in events)
    assert expected and _events(tmp_path / "run.duckdb") == expected

    # the load (a chunk per transaction) stores what storing the articles one transaction each, in the load's
    # order (publication, then input), stores: the same rows, incident ids, incident rows and sequence numbers
    with Store(tmp_path / "one.duckdb") as store:
        for _k, (article, events) in sorted(enumerate(single), key=lambda item: (
                item[1][0].published is None, item[1][0].published or "", item[0])):
            store.add_article(article, events)
    assert store_state(tmp_path / "run.duckdb") == store_state(tmp_path / "one.duckdb")


def _run(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "eventwire.cli", "run", str(folder), "--db", str(db),
                             "--workers", "2", "--shard-size", "1", "--quiet"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def test_kill_9_during_run_then_rerun_stores_every_article_exactly_once(tmp_path):
    n = 8
    _corpus(tmp_path / "news", n)
    db = tmp_path / "run.duckdb"
    shards = Path(f"{db}.shards")
    process = _run(tmp_path / "news", db)
    deadline = time.monotonic() + 600  # a bound on a failure, not a timing: the kill waits for the first shard
    while not list(shards.glob("shard-*.parquet")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    done = len(list(shards.glob("shard-*.parquet")))
    try:
        os.killpg(process.pid, signal.SIGKILL)  # worker processes left behind, if any
    except ProcessLookupError:
        pass
    assert 1 <= done < n, "the kill must land after the first shard and before the last"
    rerun = _run(tmp_path / "news", db)
    _out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"({done} done before" in err
    with Store(db, read_only=True) as store:
        report = store.integrity_report()
        ids = {e.article.id for e in store.iter_events()}
    assert report.ok and report.articles == n, report
    assert len(ids) == n


def test_automatic_shard_size_gives_about_32_shards_of_at_most_64_files_the_same_each_time(tmp_path):
    from eventwire.batch.shards import SHARD_SIZE, SHARDS_WANTED, plan_shards

    def folder(name: str, n: int, warcs: int = 0) -> Path:
        path = tmp_path / name
        path.mkdir()
        for k in range(n):
            (path / f"a{k:05d}.txt").write_text(f"text {k}", encoding="utf-8")
        for k in range(warcs):
            (path / f"w{k}.warc.gz").write_bytes(b"")
        return path

    small = plan_shards([folder("small", 8)])
    assert [len(s.paths) for s in small] == [1] * 8
    mid = plan_shards([folder("mid", 160, warcs=3)])  # a WARC file is a shard of its own, not counted
    assert sorted(len(s.paths) for s in mid) == [1] * 3 + [5] * SHARDS_WANTED
    big = plan_shards([folder("big", 3000)])
    assert {len(s.paths) for s in big[:-1]} == {SHARD_SIZE} and len(big) == -(-3000 // SHARD_SIZE)
    assert [s.key for s in plan_shards([tmp_path / "mid"])] == [s.key for s in mid]  # a rerun finds them
    assert [len(s.paths) for s in plan_shards([tmp_path / "mid"], shard_size=100)] == [100, 1, 1, 1, 60]
