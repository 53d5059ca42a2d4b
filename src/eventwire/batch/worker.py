"""What runs inside a Dask worker: the heavy resources, loaded once per worker process, and one shard's work.

:class:`LoadResources` is a Dask worker plugin: when a worker starts (or joins a running cluster) it loads the
spaCy pipeline, the gazetteer and the lexicon once into a :class:`~eventwire.pipeline.Resources` kept on the
worker, and every shard that worker runs uses it. The pipeline's functions are handed in by the caller.
Numeric libraries run one thread per worker (Dask's nanny sets ``OMP_NUM_THREADS`` and its kin to 1), so N
workers on N cores do not fight over them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable

from distributed import WorkerPlugin, get_worker

from ..errors import EventwireError, InputError
from ..models import Skipped
from .shards import Shard, write_shard

__all__ = ["LoadResources", "ShardResult", "run_shard", "worker_resources", "pin_threads", "cluster_config"]

RESOURCES_ATTRIBUTE = "eventwire_resources"


class LoadResources(WorkerPlugin):
    """Load the model and the gazetteer once when a worker starts (``load``: e.g.
    :func:`eventwire.pipeline.load_resources`); shards then share them."""

    name = "eventwire-resources"
    idempotent = True  # registered again (a second run on the same cluster): the workers keep what they hold

    def __init__(self, load: Callable[[], Any]) -> None:
        self.load = load

    def setup(self, worker) -> None:
        setattr(worker, RESOURCES_ATTRIBUTE, self.load())


def worker_resources(load: Callable[[], Any]):
    """This worker's resources (loaded by the plugin; loaded here when a task runs outside a worker)."""
    try:
        worker = get_worker()
    except ValueError:  # not inside a Dask worker
        return load()
    resources = getattr(worker, RESOURCES_ATTRIBUTE, None)
    if resources is None:
        resources = load()
        setattr(worker, RESOURCES_ATTRIBUTE, resources)
    return resources


@dataclass(frozen=True)
class ShardResult:
    index: int
    output: str
    articles: int
    events: int
    errors: tuple[tuple[str, str], ...] = ()
    skipped: tuple[tuple[str, str], ...] = field(default=())
    pid: int = 0


def run_shard(shard: Shard, folder: str, *, extract: Callable[..., list], load: Callable[[], Any],
              published: str | None = None, on_start: Callable[[Shard], None] | None = None) -> ShardResult:
    """Read, extract and write one shard's Parquet file (``on_start`` runs first, inside the worker).

    ``extract`` is :func:`eventwire.pipeline.extract_paths` and ``load`` :func:`eventwire.pipeline.load_resources`
    (handed in, so the batch stage sits beside the pipeline rather than above it)."""
    if on_start is not None:
        on_start(shard)
    errors: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []

    def error(exc: EventwireError) -> None:
        errors.append((exc.source, exc.reason) if isinstance(exc, InputError) else (str(shard.paths[0]), str(exc)))

    def skip(item: Skipped) -> None:
        skipped.append((item.source, item.reason))

    results = extract(list(shard.paths), resources=worker_resources(load), published=published, on_error=error,
                      on_skip=skip)
    output = shard.output(folder)
    write_shard(output, results, errors=errors, skipped=skipped)
    return ShardResult(index=shard.index, output=str(output), articles=len(results),
                       events=sum(len(events) for _, events in results), errors=tuple(errors),
                       skipped=tuple(skipped), pid=os.getpid())


def pin_threads() -> dict[str, str]:
    """Environment that keeps numeric and embedding libraries at one thread per worker."""
    names = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS", "TORCH_NUM_THREADS")
    return {**{name: "1" for name in names}, "TOKENIZERS_PARALLELISM": "false"}


def cluster_config() -> dict[str, Any]:
    """Dask settings for the local cluster ``eventwire run`` starts (``dask.config.set`` around ``LocalCluster``).

    Off: the workers' statistical profiler, which samples each thread's stack every 10 ms for a dashboard that
    ``run`` does not serve. Slower: the event loops' health tick (20 ms) and the system monitor (0.5 s). Measured
    on an idle cluster of 2 workers, together they cost the driving process 0.04 and each worker 0.035 of a
    core; with these settings 0.013 and 0.007. A running cluster (``--scheduler``) keeps its own settings."""
    return {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
            "distributed.admin.system-monitor.interval": "2s"}
