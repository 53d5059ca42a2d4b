"""Cutting inputs into shards, and the Parquet file each shard's events are written to.

A shard is a WARC file, or up to ``shard_size`` other input files (a folder's files in sorted order). Its
output file is named by a digest of its files (path, size, modification time) and of eventwire's version, so
a rerun finds the shards already done and skips them, and a changed input is done again.

The output holds one row per article: the cleaned article's fields, and ``events``, the contract event
objects of the article as JSON (the contract's own serialisation, :meth:`~eventwire.models.Event.to_dict`).
The file also records the shard's unreadable and skipped inputs, so a rerun that skips it reports them still.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import InputError, UsageError
from ..models import Article, Event

__all__ = ["Shard", "plan_shards", "write_shard", "read_shard", "SHARD_SIZE", "SHARDS_WANTED"]

SHARD_SIZE = 64  # input files per shard at most (a WARC file is a shard of its own)
SHARDS_WANTED = 32  # the automatic size cuts a smaller input into about this many shards, so that a few
# workers share them out evenly (the last shard is short) while each still amortises its task and file
_COLUMNS = ("id", "body", "title", "published", "url", "publisher", "source", "offsets", "dateline", "events")


@dataclass(frozen=True)
class Shard:
    index: int
    paths: tuple[str, ...]
    key: str  # digest of the files and the eventwire version

    def output(self, folder: str | os.PathLike) -> Path:
        return Path(folder) / f"shard-{self.index:05d}-{self.key[:16]}.parquet"


def plan_shards(paths: list[str | os.PathLike], *, shard_size: int | None = None) -> list[Shard]:
    """The shards of ``paths`` (files and folders; stdin cannot be sharded) in input order.

    ``shard_size`` files per shard; ``None`` chooses it from the number of (non-WARC) files alone, so the
    same inputs always give the same shards and a rerun finds its finished ones: about
    :data:`SHARDS_WANTED` shards, at most :data:`SHARD_SIZE` files each."""
    from ..read.files import _KNOWN
    from ..read.warc import is_warc

    if shard_size is not None and shard_size < 1:
        raise UsageError(f"--shard-size must be at least 1, got {shard_size}")
    files = list(_files(paths, _KNOWN))
    if shard_size is None:
        plain = sum(1 for path in files if not is_warc(path))
        shard_size = min(SHARD_SIZE, max(1, -(-plain // SHARDS_WANTED)))
    groups: list[list[str]] = []
    pending: list[str] = []
    for path in files:
        if is_warc(path):
            groups.append([path])
        else:
            pending.append(path)
            if len(pending) == shard_size:
                groups.append(pending)
                pending = []
    if pending:
        groups.append(pending)
    return [Shard(index, tuple(group), _digest(group)) for index, group in enumerate(groups)]


def _files(paths: list[str | os.PathLike], known: frozenset) -> Iterator[str]:
    from ..read.warc import is_warc

    for item in paths:
        if str(item) == "-":
            raise UsageError("`eventwire run` reads files and folders, not stdin: use `eventwire ingest -` for stdin")
        path = Path(item)
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and (Path(name).suffix.lower() in known or is_warc(name)):
                        yield str(Path(folder) / name)
        else:
            yield str(path)  # a missing file is reported by the worker that reads it


def _digest(group: list[str]) -> str:
    from .._version import __version__

    digest = hashlib.sha256(__version__.encode())
    for path in group:
        try:
            stat = os.stat(path)
            digest.update(f"{os.path.abspath(path)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{os.path.abspath(path)}\0missing\n".encode())
    return digest.hexdigest()


def write_shard(path: Path, results: list[tuple[Article, list[Event]]], *, errors: list[tuple[str, str]],
                skipped: list[tuple[str, str]]) -> None:
    """Write a shard's output whole or not at all (a temporary file renamed into place)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list] = {name: [] for name in _COLUMNS}
    for article, events in results:
        for name in _COLUMNS[:-2]:
            value = getattr(article, name)
            columns[name].append(json.dumps(value) if name == "offsets" else value)
        columns["dateline"].append(article.dateline)
        columns["events"].append(json.dumps([e.to_dict() for e in events], ensure_ascii=False))
    schema = pa.schema([(name, pa.string()) for name in _COLUMNS],
                       metadata={"errors": json.dumps(errors), "skipped": json.dumps(skipped)})
    table = pa.table(columns, schema=schema)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, path)


def read_shard(path: Path) -> tuple[list[tuple[Article, list[Event]]], list[tuple[str, str]], list[tuple[str, str]]]:
    """``(article, events)`` rows, unreadable inputs and skipped inputs of one shard output."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"unreadable shard output ({exc}); delete it and run again") from exc
    meta = table.schema.metadata or {}
    errors = [tuple(item) for item in json.loads(meta.get(b"errors", b"[]"))]
    skipped = [tuple(item) for item in json.loads(meta.get(b"skipped", b"[]"))]
    rows = []
    for row in table.to_pylist():
        offsets = tuple(tuple(o) for o in json.loads(row["offsets"] or "[]"))
        article = Article(id=row["id"], body=row["body"], title=row["title"], published=row["published"],
                          url=row["url"], publisher=row["publisher"], source=row["source"], offsets=offsets,
                          dateline=row["dateline"])
        rows.append((article, [Event.from_dict(e) for e in json.loads(row["events"])]))
    return rows, errors, skipped
