"""Readers for the labelled datasets in ../shared/data (read in place, never copied into the repo)."""
from __future__ import annotations

import gzip
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("EVENTWIRE_DATA", REPO.parent / "shared" / "data"))
MUC_DOC = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\s*(?:\([^)]*\))?\s*$", re.M)


@dataclass(frozen=True)
class MucText:
    id: str  # e.g. DEV-MUC3-0001
    text: str


def muc_texts(split: str = "dev", *, data: Path = DATA) -> Iterator[MucText]:
    """The MUC-3/4 texts of one split (``dev``, ``tst1``, ``tst2``), in file order."""
    folder = data / "muc4" / split
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("key")
                   and not p.name.startswith("text-headers"))
    for path in files:
        raw = _read(path)
        marks = list(MUC_DOC.finditer(raw))
        for k, mark in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(raw)
            yield MucText(mark.group(1), raw[mark.end():end].strip())


def _read(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("latin-1")


def require(folder: str) -> Path | None:
    """The dataset folder, or None after saying why it is skipped."""
    path = DATA / folder
    if not path.is_dir():
        print(f"skipped: {path} is absent (labelled data lives in ../shared/data, never in the repo)")
        return None
    return path
