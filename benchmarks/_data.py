"""Readers for the labelled datasets in ../shared/data (read in place, never copied into the repo).

Also the one extraction runner the accuracy benchmarks share (:func:`extract_items`): the batch path
``clean(document_from_text(...))`` -> :func:`eventwire.pipeline.extract_articles`, optionally in several
worker processes, optionally cached as JSON under a folder you name (use ``/tmp``, never the repo).
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("EVENTWIRE_DATA", REPO.parent / "shared" / "data"))
MUC_DOC = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\s*(?:\([^)]*\))?\s*$", re.M)
MUC_SPLITS = ("dev", "tst1", "tst2")
QUAD_OF_CLASS = {0: None, 1: "verbal-cooperation", 2: "material-cooperation", 3: "verbal-conflict",
                 4: "material-conflict"}


@dataclass(frozen=True)
class MucText:
    id: str  # e.g. DEV-MUC3-0001
    text: str


@dataclass(frozen=True)
class GoldActor:
    """One PLOVER gold source/target entry."""

    text: str
    code: str | None  # ISO3, or another code (IGO, NGO, JAP...)
    sector: str | None  # as written (``CVLalb``, ``***``...)


@dataclass(frozen=True)
class PloverRecord:
    id: str
    type: str  # as in the file (older PLOVER names such as DEMAND, FIGHT included)
    mode: str | None
    text: str
    source: tuple[GoldActor, ...]
    target: tuple[GoldActor, ...]


@dataclass(frozen=True)
class CopedSentence:
    text: str
    label: int  # 0 statement, 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict


@dataclass(frozen=True)
class CopedSpans:
    """A CoNLL sentence of ``actors_train.conll``: tokens with tags O, B-/I-S (source), T (target), R (both)."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]

    def role_tokens(self, role: str) -> tuple[str, ...]:
        """Tokens inside spans of ``role`` (``S`` or ``T``); ``R`` (reciprocal) spans count as both."""
        return tuple(tok for tok, tag in zip(self.tokens, self.tags) if tag[2:] in (role, "R"))


@dataclass(frozen=True)
class Item:
    """One text to run through the pipeline."""

    id: str
    text: str
    published: str | None = None


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


def muc_key_files(split: str, *, data: Path = DATA) -> list[Path]:
    """The answer-key files of one MUC split (``key-*``), sorted."""
    return sorted(p for p in (data / "muc4" / split).iterdir() if p.name.startswith("key"))


def _read(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("latin-1")


def read_text(path: Path) -> str:
    """A (possibly gzipped) Latin-1 file of the MUC distribution as text."""
    return _read(path)


def plover_records(*, data: Path = DATA) -> list[PloverRecord]:
    """The PLOVER gold standard records, without the first (documentation) record."""
    raw = json.loads((data / "plover_gsr" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    return [PloverRecord(id=r["id"], type=r["event"], mode=r.get("mode") or None, text=r["text"],
                         source=_gold_actors(r.get("source")), target=_gold_actors(r.get("target")))
            for r in raw if r.get("event") != "DOCUMENT"]


def _gold_actors(value) -> tuple[GoldActor, ...]:
    """Source/target entries: a list of dicts, one dict, or a stray string (ignored)."""
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(GoldActor(a.get("actorText") or "", a.get("code") or None, a.get("sector") or None)
                 for a in value if isinstance(a, dict))


def coped_sentences(*, data: Path = DATA) -> list[CopedSentence]:
    """``class_train.tsv``: sentence TAB class (0-4); sentences with tabs or quotes are CSV-quoted."""
    with open(data / "multicoped_cameo" / "class_train.tsv", encoding="utf-8", newline="") as handle:
        return [CopedSentence(row[0], int(row[1])) for row in csv.reader(handle, delimiter="\t")
                if len(row) == 2 and row[1].strip().isdigit()]


def coped_spans(*, data: Path = DATA) -> list[CopedSpans]:
    """``actors_train.conll``: one ``token TAG`` per line, sentences separated by blank lines."""
    text = (data / "multicoped_cameo" / "actors_train.conll").read_text(encoding="utf-8")
    return [parse_conll_block(block) for block in re.split(r"\n\s*\n", text) if block.strip()]


def parse_conll_block(block: str) -> CopedSpans:
    """One sentence of ``token TAG`` lines (the tag is the last space-separated field)."""
    pairs = [line.rsplit(" ", 1) for line in block.strip().splitlines() if line.strip()]
    return CopedSpans(tuple(p[0] for p in pairs), tuple(p[1] if len(p) == 2 else "O" for p in pairs))


def sentence_key(text: str) -> str:
    """Normalised form used to align a sentence with its tokens: lower-case letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def require(folder: str) -> Path | None:
    """The dataset folder, or None after saying why it is skipped."""
    path = DATA / folder
    if not path.is_dir():
        print(f"skipped: {path} is absent (labelled data lives in ../shared/data, never in the repo)")
        return None
    return path


def source_hash() -> str:
    """A digest of the eventwire package's code and data files: cached output is reused only while it holds."""
    import eventwire

    root = Path(eventwire.__file__).resolve().parent
    digest = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".tsv", ".json", ".txt", ".csv"):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    add_weight_overrides(digest)
    return digest.hexdigest()[:12]


def add_weight_overrides(digest) -> None:
    """Add the weights files the overrides below name to a cache key's ``digest`` (hashlib object): output
    extracted with other weights is never reused."""
    for variable, _, _ in WEIGHT_OVERRIDES:
        if os.environ.get(variable):
            digest.update(variable.encode())
            digest.update(Path(os.environ[variable]).read_bytes())


# Benchmarks only: measure a learned model rebuilt elsewhere (``scripts/train_*.py --out F``) without replacing the
# packaged weights, e.g. ``EVENTWIRE_TYPES_WEIGHTS=/tmp/types.json python benchmarks/events.py``. The cache key
# (``source_hash``) includes the file, so cached output of other weights is never reused.
WEIGHT_OVERRIDES = (("EVENTWIRE_EVENTNESS_WEIGHTS", "eventwire.learn.model", "eventness"),
                    ("EVENTWIRE_TYPES_WEIGHTS", "eventwire.learn.types", "types"),
                    ("EVENTWIRE_ROLES_WEIGHTS", "eventwire.learn.roles", "roles"))


def bench_resources():
    """The extraction resources of the benchmarks: the packaged weights, or the files the overrides name."""
    from importlib import import_module

    from eventwire.pipeline import Resources

    given = {name: getattr(import_module(module), f"load_{name}")(os.environ[variable])
             for variable, module, name in WEIGHT_OVERRIDES if os.environ.get(variable)}
    return Resources(**given)


def extract_items(items: Sequence[Item], *, label: str, cache: Path | None = None,
                  workers: int = 1) -> dict[str, list[dict]]:
    """Event dicts (``Event.to_dict()``) per item id, via the batch path.

    With ``cache`` (a folder outside the repo), output is stored as ``<label>-<n>-<code digest>.json`` and
    reused while neither the items' count nor eventwire's code has changed.
    """
    path = None
    if cache is not None:
        texts = hashlib.sha1("\n".join(i.id + (i.published or "") + i.text for i in items).encode()).hexdigest()
        path = Path(cache) / f"{label}-{len(items)}-{texts[:8]}-{source_hash()}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    chunks = [list(items[k::workers]) for k in range(workers)] if workers > 1 else [list(items)]
    if len(chunks) == 1:
        found = _extract_chunk(chunks[0])
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            found = {}
            for part in pool.map(_extract_chunk, chunks):
                found.update(part)
    result = {i.id: found.get(i.id, []) for i in items}
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result), encoding="utf-8")
    return result


def _extract_chunk(items: Iterable[Item]) -> dict[str, list[dict]]:
    from eventwire.read.clean import clean
    from eventwire.read.files import document_from_text
    from eventwire.pipeline import extract_articles

    items = list(items)
    articles = [clean(document_from_text(i.text, id=i.id, published=i.published)) for i in items]
    resources = bench_resources()
    try:
        return {article.id: [e.to_dict() for e in events]
                for article, events in extract_articles(articles, resources=resources)}
    except Exception:  # find the article that fails, keep the others (a crash is reported, not hidden)
        out = {}
        for article in articles:
            try:
                out.update({a.id: [e.to_dict() for e in ev]
                            for a, ev in extract_articles([article], resources=resources)})
            except Exception as exc:
                print(f"CRASH in eventwire on {article.id}: {type(exc).__name__}: {exc}")
                out[article.id] = []
        return out


def ratio(hits: int, total: int) -> str:
    """``0.853 (275/322)``; ``-`` when there is nothing to count."""
    return f"{hits / total:.3f} ({hits}/{total})" if total else "- (0/0)"


def print_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A Markdown table."""
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


def short(text: str, width: int = 150) -> str:
    """One line of at most ``width`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def macro_f1(pairs: Sequence[tuple[str, str]], labels: Iterable[str]) -> tuple[float, int]:
    """Macro-averaged F1 of (gold, predicted) pairs over ``labels`` that occur as gold or prediction.

    Returns (macro-F1, number of labels averaged).
    """
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        gold = sum(1 for g, _ in pairs if g == label)
        pred = sum(1 for _, p in pairs if p == label)
        if gold or pred:
            scores.append(2 * tp / (gold + pred))
    return (sum(scores) / len(scores) if scores else 0.0), len(scores)


def add_common_options(parser) -> None:
    """``--limit``, ``--errors``, ``--cache``, ``--workers`` (shared by the accuracy benchmarks)."""
    parser.add_argument("--limit", type=int, default=None, help="use only the first N items of each dataset/split")
    parser.add_argument("--errors", action="store_true", help="print 3 examples for each error class")
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder (outside the repo, e.g. /tmp/eventwire-bench) to reuse extraction output")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
