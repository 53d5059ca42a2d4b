"""The one tune/check split every benchmark and training script uses.

Each dev set in ``../shared/data`` is cut into a **tune** half (develop, train and set thresholds on it) and a
**check** half (quote it; never tune on it). The cut is by document, so sentences of one article never straddle
the halves; gva is cut by incident *group* (incidents that share a document are one group), so syndicated copies
of one story and the articles of one incident all fall in the same half.

The half of a unit is a pure function of its dataset name and key (SHA-256 of ``SEED/dataset/key``), so the split
needs no state, does not depend on file order, and a unit keeps its half when other units are added.

    python benchmarks/split.py            # prints how many units of each set fall in each half
"""
from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATA  # noqa: E402

SEED = "eventwire-split-v1"
TUNE, CHECK = "tune", "check"

#: The datasets and what one unit (the thing that is never cut) is in each.
UNITS = {
    "muc4": "text id (DEV-MUC3-0001, TST1-MUC3-0001, ...)",
    "plover_gsr": "record id",
    "plover_zsp": "row number of PLV_train.tsv (0-based, header excluded)",
    "multicoped": "sentence number in class_train.tsv / actors_train.conll (0-based)",
    "timeml": "document file name",
    "lgl": "article id", "geovirus": "article id",
    "bbc_news": "bbc_file (tech/216.txt)",
    "gva": "incident group: the lowest incident id of incidents that share documents",
    "wikinews": "document id",
    "html_articles": "page file name",
}


def half(dataset: str, key: object) -> str:
    """``"tune"`` or ``"check"`` for the unit ``key`` of ``dataset`` (see :data:`UNITS`)."""
    if dataset not in UNITS:
        raise KeyError(f"unknown dataset {dataset!r}: one of {', '.join(sorted(UNITS))}")
    digest = hashlib.sha256(f"{SEED}/{dataset}/{key}".encode()).digest()
    return TUNE if digest[0] % 2 == 0 else CHECK


def is_check(dataset: str, key: object) -> bool:
    return half(dataset, key) == CHECK


def select(dataset: str, items: Iterable, key, which: str) -> list:
    """The items whose unit (``key(item)``) falls in ``which`` (``"tune"``, ``"check"`` or ``"all"``)."""
    if which == "all":
        return list(items)
    if which not in (TUNE, CHECK):
        raise ValueError(f"which must be tune, check or all, not {which!r}")
    return [item for item in items if half(dataset, key(item)) == which]


def gva_groups(*, data: Path = DATA) -> dict[str, str]:
    """incident id -> its group's id (the lowest incident id among incidents that share a document)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def order(x: str) -> tuple[int, str]:
        return (int(x), x) if x.isdigit() else (10**12, x)

    with gzip.open(data / "gva" / "incidents.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            find(json.loads(line)["incident_id"])
    with gzip.open(data / "gva" / "docs.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            ids = json.loads(line)["incident_ids"]
            roots = sorted({find(i) for i in ids}, key=order)
            for root in roots[1:]:
                parent[root] = roots[0]
    return {incident: find(incident) for incident in parent}


def gva_half(incident_id: str, groups: dict[str, str]) -> str:
    """The half of a gva incident (by its group)."""
    return half("gva", groups.get(incident_id, incident_id))


def main() -> int:
    if not (DATA / "gva").is_dir():
        print(f"split: {DATA} has no gva folder; nothing to count", file=sys.stderr)
        return 0
    groups = gva_groups()
    incidents = sorted(groups)
    tune = sum(gva_half(i, groups) == TUNE for i in incidents)
    print(f"gva incidents: tune {tune}, check {len(incidents) - tune} "
          f"({len(set(groups.values()))} groups)")
    bbc = [line.split("\t")[2].strip() for line in
           (DATA / "bbc_news" / "train_topics.tsv").read_text().splitlines()[1:]]
    bbc += [line.split("\t")[2].strip() for line in
            (DATA / "bbc_news" / "dev_topics.tsv").read_text().splitlines()[1:]]
    tune = sum(half("bbc_news", f) == TUNE for f in bbc)
    print(f"bbc_news articles: tune {tune}, check {len(bbc) - tune}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
