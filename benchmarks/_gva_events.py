"""The gva articles' events as ``eventwire ingest`` extracts them, cached outside the repository.

The articles are read by :func:`gva.load` (the one gva reader). Each document is taken as a contract JSONL
document (``{"id", "text", "title", "published", "url"}``: :meth:`gva.Doc.as_jsonl`), as ``eventwire ingest``
reads one, then cleaned and extracted by the real pipeline (``benchmarks/gva.py`` itself extracts the title
line and text as one plain text). The cache (``--cache DIR``)
holds the event dicts per document and is reused while the extraction code has not changed (the digest leaves
out the stages after extraction: store, incidents, export, serving).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from _data import add_weight_overrides, bench_resources
from gva import Doc, load

__all__ = ["load", "articles", "extracted", "extraction_digest"]

AFTER_EXTRACTION = ("store", "incidents", "export", "api", "serve", "cli", "query", "openapi", "static",
                    "filters", "tables", "demo", "batch", "data/incident_model")


def extraction_digest() -> str:
    """A digest of the package files that extraction reads (not the stages after it)."""
    import eventwire

    root = Path(eventwire.__file__).resolve().parent
    digest = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if not path.is_file() or path.suffix not in (".py", ".tsv", ".json", ".txt", ".csv"):
            continue
        if any(rel == f"{name}.py" or rel.startswith(f"{name}/") or rel.startswith(f"{name}.")
               for name in AFTER_EXTRACTION):
            continue
        digest.update(rel.encode())
        digest.update(path.read_bytes())
    add_weight_overrides(digest)  # benchmarks measuring other weights never reuse the packaged ones' cache
    return digest.hexdigest()[:12]


def articles(docs: list[Doc]) -> dict:
    """doc id -> the cleaned :class:`~eventwire.models.Article`, read as ``ingest`` reads a JSONL line."""
    from eventwire.read.clean import clean
    from eventwire.read.files import document_from_dict

    return {d.id: clean(document_from_dict(d.as_jsonl(), source=f"gva:{d.id}")) for d in docs}


def extracted(docs: list[Doc], *, cache: Path | None) -> dict[str, list[dict]]:
    """doc id -> its events (``Event.to_dict()``), from the cache when it is current."""
    from eventwire.pipeline import extract_articles

    path = None
    if cache is not None:
        ids = hashlib.sha1("\n".join(d.id for d in docs).encode()).hexdigest()[:8]
        path = Path(cache) / f"gva-events-{len(docs)}-{ids}-{extraction_digest()}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    arts = articles(docs)
    found = {a.id: [e.to_dict() for e in events]
             for a, events in extract_articles(list(arts.values()), resources=bench_resources())}
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(found), encoding="utf-8")
    return found
