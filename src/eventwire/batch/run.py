"""``eventwire run``: the pipeline over many inputs on a Dask cluster (local worker processes, or a running one).

Stages:

1. cut the inputs into shards (:func:`~eventwire.batch.shards.plan_shards`); a shard whose output file exists
   is done and skipped, so a killed run resumes where it stopped;
2. run the shards on the workers (:func:`~eventwire.batch.worker.run_shard`): each worker process loads the
   model once, extracts its shard's articles and writes one Parquet file of their contract event objects;
3. load every shard's articles into the store in publication order (articles already stored are skipped, so
   a rerun stores nothing twice).

The shard files live in a folder beside the store (``STORE.shards/`` unless told): on a cluster of several
machines it, and the inputs, must be on a file system every worker sees.
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from functools import partial
from typing import Any, Callable

from ..errors import EventwireError, InputError, UsageError
from ..models import Skipped
from .shards import Shard, plan_shards, read_shard
from .worker import LoadResources, run_shard

__all__ = ["run_batch", "RunSummary", "start_client"]

LOAD_CHUNK = 256  # articles written to the store per connection and transaction


@dataclass(frozen=True)
class RunSummary:
    shards: int
    shards_done_before: int
    articles_new: int
    events_new: int
    articles_read: int
    folder: str
    extract_seconds: float = 0.0  # wall-clock time of the shards on the cluster (0 when all were done before)
    store_seconds: float = 0.0  # wall-clock time of the load into the store (one process)


def run_batch(paths: list[str | os.PathLike], db: str | os.PathLike, *, extract: Callable[..., list],
              load: Callable[[], Any], workers: int = 2,
              scheduler: str | None = None, shard_size: int | None = None, folder: str | os.PathLike | None = None,
              published: str | None = None, on_error: Callable[[EventwireError], None],
              on_skip: Callable[[Skipped], None] | None = None, progress=None,
              on_shard_start: Callable[[Shard], None] | None = None) -> RunSummary:
    """Extract the events of ``paths`` on a Dask cluster and store them in ``db``.

    ``extract`` and ``load`` are the pipeline's :func:`~eventwire.pipeline.extract_paths` and
    :func:`~eventwire.pipeline.load_resources`: ``run_batch(paths, db, extract=extract_paths,
    load=load_resources)``.

    ``workers`` local worker processes (one thread each) are started unless ``scheduler`` names a running
    cluster (``tcp://HOST:PORT``). ``shard_size`` files make a shard (``None``: chosen from the number of
    files, see :func:`~eventwire.batch.shards.plan_shards`). ``progress`` (a
    :class:`~eventwire.progress.Progress`) counts articles as shards finish; ``on_shard_start`` runs inside the worker before each shard (tests use it as a barrier).
    """
    shards = plan_shards(list(paths), shard_size=shard_size)
    folder = Path(folder) if folder is not None else Path(f"{db}.shards")
    folder.mkdir(parents=True, exist_ok=True)
    pending = [shard for shard in shards if not shard.output(folder).exists()]
    outputs: dict[int, Any] = {}  # shard index -> what read_shard gave (or the InputError it raised)
    started = time.perf_counter()
    if pending:
        task = partial(run_shard, folder=str(folder), extract=extract, load=load, published=published,
                       on_start=on_shard_start)
        _run_shards(pending, task, LoadResources(load), workers=workers, scheduler=scheduler, progress=progress,
                    on_error=on_error, on_done=lambda shard: outputs.__setitem__(shard.index, _read(shard, folder)))
    extracted = time.perf_counter()
    new, events, read = _load(shards, folder, db, outputs, on_error=on_error, on_skip=on_skip)
    return RunSummary(shards=len(shards), shards_done_before=len(shards) - len(pending), articles_new=new,
                      events_new=events, articles_read=read, folder=str(folder),
                      extract_seconds=extracted - started, store_seconds=time.perf_counter() - extracted)


def start_client(*, workers: int, scheduler: str | None):
    """A Dask client: on the cluster at ``scheduler``, else on ``workers`` local processes of one thread."""
    import dask
    from distributed import Client, LocalCluster

    from .worker import cluster_config, pin_threads

    if scheduler:
        try:
            return Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
                             "`dask scheduler` and workers with `dask worker ADDRESS`, or leave out --scheduler "
                             "to run on local worker processes") from exc
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}")
    with dask.config.set(cluster_config()):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               env=pin_threads(), silence_logs=logging.CRITICAL)  # failures are reported as lines
    return Client(cluster)


def _run_shards(pending: list[Shard], task: Callable, plugin, *, workers: int, scheduler: str | None,
                progress, on_error, on_done: Callable[[Shard], None]) -> None:
    """Run ``task`` on every shard, the largest first (so no worker is left with a long shard at the end while
    the others wait); ``on_done`` reads each finished shard's output while the others still run."""
    from distributed import as_completed

    client = start_client(workers=workers, scheduler=scheduler)
    try:
        client.register_plugin(plugin)
        largest_first = sorted(pending, key=lambda shard: (-_size(shard), shard.index))
        futures = {client.submit(task, shard, key=f"eventwire-shard-{shard.key[:16]}-{shard.index}", pure=False,
                                 retries=1, priority=len(largest_first) - rank): shard
                   for rank, shard in enumerate(largest_first)}
        for future in as_completed(futures, raise_errors=False):
            if future.status != "finished":  # a worker died or the code failed: the other shards go on
                shard = futures[future]
                on_error(InputError(f"shard {shard.index} ({shard.paths[0]}{' ...' * (len(shard.paths) > 1)})",
                                    f"failed on its worker ({_reason(future.exception())}); run the same "
                                    "command again to retry it (finished shards are kept)"))
                continue
            result = future.result()
            on_done(futures[future])
            if progress is not None:
                progress.update(result.articles, result.events)
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()


def _reason(exc: BaseException | None) -> str:
    text = str(exc).strip().splitlines()[0] if exc is not None and str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _size(shard: Shard) -> int:
    """The bytes of a shard's files (a missing file counts 0: its worker reports it)."""
    total = 0
    for path in shard.paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total


def _read(shard: Shard, folder: Path):
    """``read_shard`` of the shard's output, or the :class:`InputError` it raised."""
    try:
        return read_shard(shard.output(folder))
    except InputError as exc:
        return exc


def _load(shards: list[Shard], folder: Path, db, outputs: dict[int, Any], *, on_error,
          on_skip) -> tuple[int, int, int]:
    """Every shard's articles into the store, oldest publication first (undated ones last), in chunks.
    ``outputs`` holds the shard outputs read already (by index); the others are read here."""
    from ..store.bulk import load_articles
    from ..store.database import Store

    rows = []
    for shard in shards:
        if shard.index not in outputs and not shard.output(folder).exists():  # failed this time: reported
            continue
        output = outputs.pop(shard.index) if shard.index in outputs else _read(shard, folder)
        if isinstance(output, InputError):
            on_error(output)
            continue
        articles, errors, skipped = output
        for source, reason in errors:
            on_error(InputError(source, reason))
        for source, reason in skipped:
            if on_skip is not None:
                on_skip(Skipped(source, reason))
        rows += [(shard.index, position, item) for position, item in enumerate(articles)]
    rows.sort(key=lambda r: (r[2][0].published is None, r[2][0].published or "", r[0], r[1]))
    new = events = 0
    store = Store(db, lock_timeout=120.0)
    for start in range(0, len(rows), LOAD_CHUNK):
        chunk = [item for _, _, item in rows[start:start + LOAD_CHUNK]]
        with store:
            added = load_articles(store, chunk)
        new += sum(added)
        events += sum(len(article_events) for (_, article_events), a in zip(chunk, added) if a)
    return new, events, len(rows)
