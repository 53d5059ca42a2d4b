#!/usr/bin/env python3
"""Throughput of ``eventwire run`` with 1 and with 2 Dask worker processes on the same shards.

    python benchmarks/scale.py [--limit 160] [--shard-size N] [--repeat 1] [--cache /tmp/eventwire-scale]

Writes the first N MUC-4 dev texts as files under ``--cache`` (never the repo), then for 1 and 2 workers:
starts a local cluster of that many processes with ONE thread each (numeric-library and embedding threads pinned
to 1, :func:`eventwire.batch.worker.pin_threads`; Dask set as ``eventwire run`` sets it,
:func:`eventwire.batch.worker.cluster_config`), waits until every worker has loaded the model (not timed),
and times ``run_batch`` on it from the first shard to the last article stored, with fresh shard outputs and a
fresh store. Prints articles/s for both and the ratio, with the time split into extraction (the shards on
the workers) and the load into the store (one process, the same in both runs), and the load average around
each run. ``--repeat N`` alternates the two N times and prints the median ratio: on a machine shared with
other jobs a single pair is noisy. Not a test.

The "CPU-time estimate" beside each run is what the run would take on an idle machine, where a one-thread
worker's wall time is its CPU time: the CPU seconds of the busiest worker during the run plus those of this
process (reading the shard outputs and the store). It is a model, printed to read a run on a busy machine;
the wall-clock ratio is the measurement.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import muc_texts, require  # noqa: E402


def corpus(folder: Path, limit: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, text in enumerate(muc_texts("dev")):
        if k == limit:
            break
        path = folder / f"{text.id}.txt"
        if not path.exists():
            path.write_text(text.text, encoding="utf-8")
        paths.append(path)
    return paths


def timed_run(folder: Path, work: Path, workers: int, shard_size: int):
    import dask
    from distributed import Client, LocalCluster

    from eventwire.batch import run_batch
    from eventwire.batch.worker import LoadResources, cluster_config, pin_threads
    from eventwire.pipeline import extract_paths, load_resources

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    errors: list = []
    with dask.config.set(cluster_config()), LocalCluster(  # the cluster `eventwire run` starts
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
            env=pin_threads()) as cluster, Client(cluster) as client:
        client.wait_for_workers(workers)
        client.register_plugin(LoadResources(load_resources))  # every worker loads the model now, before the clock starts
        load_before = os.getloadavg()[0]
        cpu_before = client.run(time.process_time)
        start, own_cpu = time.perf_counter(), time.process_time()
        summary = run_batch([folder], work / "run.duckdb", extract=extract_paths, load=load_resources,
                            scheduler=cluster.scheduler_address,
                            shard_size=shard_size, on_error=errors.append)
        seconds, own_cpu = time.perf_counter() - start, time.process_time() - own_cpu
        cpu_after = client.run(time.process_time)
    if errors:
        raise SystemExit(f"the run reported {len(errors)} error(s), first: {errors[0]}")
    # on an idle machine a one-thread worker's wall time is its CPU time: the busiest worker, then the store
    busy = sorted(cpu_after[w] - cpu_before[w] for w in cpu_before)
    return seconds, summary, (load_before, os.getloadavg()[0]), (busy[-1] + own_cpu, busy, own_cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=160, help="MUC-4 dev texts (default 160)")
    parser.add_argument("--shard-size", type=int, default=None, help="files per shard (default: run's own choice)")
    parser.add_argument("--repeat", type=int, default=1, help="pairs of runs (1 worker, 2 workers) alternated")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/eventwire-scale"))
    args = parser.parse_args()
    if require("muc4") is None:
        return
    folder = args.cache / "texts"
    paths = corpus(folder, args.limit)
    import eventwire.incidents.chunk, eventwire.incidents.revisions, eventwire.incidents.table  # noqa: E401,F401
    import eventwire.store.bulk, pyarrow.dataset, pyarrow.parquet  # noqa: E401,F401  (before either clock, so both runs
    # time the same work: the first run would otherwise pay the imports of reading shards and loading the store)
    size = args.shard_size or "the automatic size"
    print(f"{len(paths)} MUC-4 dev texts in shards of {size}; one thread per worker; "
          f"{os.cpu_count()} CPUs")
    ratios, estimates = [], []
    for repeat in range(args.repeat):
        rates, idle = {}, {}
        for workers in (1, 2):
            seconds, summary, (before, after), (idle[workers], busy, own) = timed_run(
                folder, args.cache / f"run-{workers}", workers, args.shard_size)
            rates[workers] = summary.articles_new / seconds
            print(f"{workers} worker(s): {summary.articles_new} articles in {summary.shards} shards, {seconds:.1f} s "
                  f"(extraction {summary.extract_seconds:.1f} s, store {summary.store_seconds:.1f} s), "
                  f"{rates[workers]:.2f} articles/s; load average {before:.1f} -> {after:.1f}; CPU-time "
                  f"estimate {idle[workers]:.1f} s (workers {' + '.join(f'{b:.1f}' for b in busy)} s, "
                  f"this process {own:.1f} s)")
        ratios.append(rates[2] / rates[1])
        estimates.append(idle[1] / idle[2])
        print(f"2 workers / 1 worker: {ratios[-1]:.2f}x (CPU-time estimate for an idle machine: {estimates[-1]:.2f}x)")
    if len(ratios) > 1:
        print(f"median of {len(ratios)} pairs: {statistics.median(ratios):.2f}x "
              f"(all: {', '.join(f'{r:.2f}' for r in ratios)}); CPU-time estimate "
              f"{statistics.median(estimates):.2f}x (all: {', '.join(f'{r:.2f}' for r in estimates)})")


if __name__ == "__main__":
    main()
