"""The gva articles (``../shared/data/gva``) and their extracted events, cached outside the repository.

Each document is read as a contract JSONL document (``{"id", "text", "title", "published", "url"}``), as
``eventwire ingest`` reads one, then cleaned and extracted by the real pipeline. The cache (``--cache DIR``)
holds the event dicts per document and is reused while the extraction code has not changed (the digest leaves
out the stages after extraction: store, incidents, export, serving).
"""
from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from _data import DATA

AFTER_EXTRACTION = ("store", "incidents", "export", "api", "serve", "cli", "query", "openapi", "static",
                    "filters", "tables", "demo", "batch", "data/incident_model")


@dataclass(frozen=True)
class GvaIncident:
    id: str
    date: str | None
    lat: float | None
    lon: float | None
    killed: int | None
    injured: int | None


@dataclass(frozen=True)
class GvaDoc:
    id: str
    incidents: tuple[str, ...]  # the first is the incident it is filed under
    title: str | None
    text: str
    published: str | None
    url: str | None

    def as_jsonl(self) -> dict:
        return {"id": self.id, "text": self.text, "title": self.title, "published": self.published,
                "url": self.url}


def load(*, data: Path = DATA) -> tuple[dict[str, GvaIncident], list[GvaDoc]]:
    """GVA's incidents by id, and its documents with text (empty ones left out)."""
    with gzip.open(data / "gva" / "incidents.jsonl.gz", "rt", encoding="utf-8") as handle:
        incidents = {r["incident_id"]: GvaIncident(r["incident_id"], r["date"], r["lat"], r["lon"], r["killed"],
                                                   r["injured"]) for r in map(json.loads, handle)}
    with gzip.open(data / "gva" / "docs.jsonl.gz", "rt", encoding="utf-8") as handle:
        docs = [GvaDoc(r["doc_id"], tuple([r["incident_id"]] + [i for i in r["incident_ids"]
                                                                 if i != r["incident_id"]]),
                       (r["title"] or "").strip() or None, r["text"], r["published"], r["url"])
                for r in map(json.loads, handle) if (r["text"] or "").strip()]
    return incidents, docs


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
    return digest.hexdigest()[:12]


def articles(docs: list[GvaDoc]) -> dict:
    """doc id -> the cleaned :class:`~eventwire.models.Article`, read as ``ingest`` reads a JSONL line."""
    from eventwire.read.clean import clean
    from eventwire.read.files import document_from_dict

    return {d.id: clean(document_from_dict(d.as_jsonl(), source=f"gva:{d.id}")) for d in docs}


def extracted(docs: list[GvaDoc], *, cache: Path | None) -> dict[str, list[dict]]:
    """doc id -> its events (``Event.to_dict()``), from the cache when it is current."""
    from eventwire.pipeline import extract_articles

    path = None
    if cache is not None:
        ids = hashlib.sha1("\n".join(d.id for d in docs).encode()).hexdigest()[:8]
        path = Path(cache) / f"gva-events-{len(docs)}-{ids}-{extraction_digest()}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    arts = articles(docs)
    found = {a.id: [e.to_dict() for e in events] for a, events in extract_articles(list(arts.values()))}
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(found), encoding="utf-8")
    return found
