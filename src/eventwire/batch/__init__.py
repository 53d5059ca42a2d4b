"""Runs: ``run`` on a Dask cluster (inputs cut into shards, one Parquet file of events per shard, then the store)
and ``watch`` (feeds polled into the store, :mod:`.watch`)."""
from .run import RunSummary, run_batch
from .shards import Shard, plan_shards

__all__ = ["run_batch", "RunSummary", "Shard", "plan_shards"]
