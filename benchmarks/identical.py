"""Dump every output a refactoring must keep byte for byte into one folder; run before and after, then diff.

    PYTHONPATH=src python benchmarks/identical.py /tmp/before     # on the old code
    PYTHONPATH=src python benchmarks/identical.py /tmp/after      # on the new code
    diff -r /tmp/before /tmp/after                                 # must print nothing

What it writes (one file each; events as ``eventwire extract --format jsonl`` writes them, one JSON line per event,
each group of lines preceded by a ``# <id>`` line):

- ``cli-examples.jsonl``, ``cli-seed.jsonl``, ``cli-seed.table``: the CLI itself (``eventwire extract``);
- ``demo.txt``, ``demo-export.jsonl``, ``demo-export.geojson``: ``make demo`` (ingest examples/ into a fresh
  store, ``python -m eventwire.demo``) and an export of that store;
- ``muc-dev.jsonl``, ``muc-tst1.jsonl``, ``muc-tst2.jsonl``, ``plover.jsonl``, ``coped.jsonl``, ``timeml.jsonl``:
  the benchmarks' batch path (:func:`_data._extract_chunk`) on each benchmark's texts (TimeML documents with
  their creation day as publication time);
- ``geoparse-lgl.jsonl``, ``geoparse-geovirus.jsonl``: ``eventwire.geoparse`` with the gold spans and without;
- ``html.jsonl``: the HTML reader on every page of ``html_articles`` (title, published, publisher, text);
- ``gazetteer.sha256``: the built gazetteer (a fresh build in the folder's own cache, pickled under one hash seed).

Work is spread over ``--workers`` processes (default 2). Labelled data is read in place from ../shared/data.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATA, MUC_SPLITS, REPO, Item, coped_sentences, muc_texts, plover_records  # noqa: E402

SEED = DATA / "seed" / "article.txt"
GEO = DATA / "geoparsing"


def _events_lines(found: dict[str, list[dict]], order: list[str]) -> str:
    out = []
    for key in order:
        out.append(f"# {key}\n")
        out += [json.dumps(e, ensure_ascii=False) + "\n" for e in found.get(key, [])]
    return "".join(out)


def _extract(items: list[Item]) -> dict[str, list[dict]]:
    from _data import _extract_chunk

    return _extract_chunk(items)


def _geoparse(docs: list[tuple[str, str, list[tuple[int, int]]]]) -> dict[str, str]:
    from eventwire import geoparse

    out = {}
    for key, text, spans in docs:
        given = [asdict(p) if p else None for p in geoparse(text, toponyms=spans)]
        found = [asdict(p) if p else None for p in geoparse(text)]
        out[key] = json.dumps({"id": key, "gold_spans": given, "recognised": found}, ensure_ascii=False) + "\n"
    return out


def _timeml_items() -> list[Item]:
    from dates import load_items

    archive = DATA / "timeml" / "TBAQ-cleaned.tar.gz"
    timexes, texts = load_items(archive)
    anchors: dict[str, str] = {}
    for t in timexes:
        anchors.setdefault(t.doc, t.dct.isoformat())
    return [Item(name, text, anchors.get(name)) for name, text in texts.items()]


def _geo_docs(name: str) -> list[tuple[str, str, list[tuple[int, int]]]]:
    from geoparse import read_geovirus, read_lgl

    reader, file = {"lgl": (read_lgl, "lgl.xml.gz"), "geovirus": (read_geovirus, "GeoVirus.xml.gz")}[name]
    docs = reader(GEO / file, limit=None)
    return [(f"{name}-{k:04d}", text, [(g.start, g.end) for g in golds]) for k, (text, golds) in enumerate(docs)]


def _html(out: Path) -> None:
    import gzip

    try:
        from eventwire.read.files import decode_bytes, html_document
    except ImportError:  # the flat layout before the restructure (issue #14), to record the baseline
        from eventwire.ingest import decode_bytes, html_document
    from eventwire.errors import EventwireError

    lines = []
    for path in sorted((DATA / "html_articles" / "html").glob("*.html.gz")):
        try:
            text = decode_bytes(gzip.decompress(path.read_bytes()), source=path.name, html=True)
            doc = html_document(text, source=path.name)
            row = {"file": path.name, "id": doc.id, "title": doc.title, "published": doc.published,
                   "publisher": doc.publisher, "url": doc.url, "text": doc.text}
        except EventwireError as exc:
            row = {"file": path.name, "error": str(exc)}
        lines.append(json.dumps(row, ensure_ascii=False) + "\n")
    (out / "html.jsonl").write_text("".join(lines), encoding="utf-8")


def _cli(out: Path, name: str, *args: str) -> None:
    env = dict(os.environ)
    result = subprocess.run([sys.executable, "-m", "eventwire.cli", *args], capture_output=True, text=True, env=env,
                            cwd=REPO)
    (out / name).write_text(result.stdout + f"# exit {result.returncode}\n# stderr\n" + result.stderr,
                            encoding="utf-8")


def _demo(out: Path) -> None:
    db = out / "cache" / "demo.duckdb"
    db.unlink(missing_ok=True)
    ingest = subprocess.run([sys.executable, "-m", "eventwire.cli", "ingest", "examples/", "--db", str(db)],
                            capture_output=True, text=True, cwd=REPO)
    demo = subprocess.run([sys.executable, "-m", "eventwire.demo", "--db", str(db)], capture_output=True,
                          text=True, cwd=REPO)
    (out / "demo.txt").write_text(ingest.stderr.replace(str(db), "DB") + demo.stdout.replace(str(db), "DB")
                                  + demo.stderr, encoding="utf-8")
    for fmt in ("jsonl", "geojson"):
        _cli(out, f"demo-export.{fmt}", "export", "--db", str(db), "--format", fmt)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (outside the repo, e.g. /tmp/before)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if os.environ.get("PYTHONHASHSEED") != "0":  # the gazetteer's pickle (sets) depends on the hash seed
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])
    out = args.out.resolve()
    (out / "cache").mkdir(parents=True, exist_ok=True)
    os.environ["EVENTWIRE_CACHE_DIR"] = str(out / "cache")
    for old in (out / "cache").glob("gazetteer-*"):
        old.unlink()
    t0 = time.perf_counter()

    from eventwire.places.gazetteer.cache import cache_path, load_gazetteer

    load_gazetteer()  # built here once; the worker processes load the pickle
    digest = hashlib.sha256(cache_path().read_bytes()).hexdigest()
    (out / "gazetteer.sha256").write_text(digest + "\n", encoding="utf-8")
    print(f"gazetteer built: {time.perf_counter() - t0:.0f} s", flush=True)

    datasets: dict[str, list[Item]] = {f"muc-{s}": [Item(t.id, t.text) for t in muc_texts(s)] for s in MUC_SPLITS}
    datasets["plover"] = [Item(r.id, r.text) for r in plover_records()]
    datasets["coped"] = [Item(f"coped-{k:04d}", s.text) for k, s in enumerate(coped_sentences())]
    datasets["timeml"] = _timeml_items()
    geo = {name: _geo_docs(name) for name in ("lgl", "geovirus")}
    n = args.workers
    with ProcessPoolExecutor(max_workers=n) as pool:
        jobs = {name: [pool.submit(_extract, items[k::n]) for k in range(n)] for name, items in datasets.items()}
        geo_jobs = {name: [pool.submit(_geoparse, docs[k::n]) for k in range(n)] for name, docs in geo.items()}
        _cli(out, "cli-examples.jsonl", "extract", "examples/", "--format", "jsonl")
        _cli(out, "cli-seed.jsonl", "extract", str(SEED), "--format", "jsonl")
        _cli(out, "cli-seed.table", "extract", str(SEED), "--format", "table")
        _demo(out)
        _html(out)
        for name, parts in jobs.items():
            found = {}
            for part in parts:
                found.update(part.result())
            (out / f"{name}.jsonl").write_text(_events_lines(found, [i.id for i in datasets[name]]),
                                               encoding="utf-8")
            print(f"{name}: {len(found)} texts, {sum(map(len, found.values()))} events "
                  f"({time.perf_counter() - t0:.0f} s)", flush=True)
        for name, parts in geo_jobs.items():
            lines = {}
            for part in parts:
                lines.update(part.result())
            (out / f"geoparse-{name}.jsonl").write_text("".join(lines[k] for k, _, _ in geo[name]), encoding="utf-8")
            print(f"geoparse {name}: {len(lines)} documents ({time.perf_counter() - t0:.0f} s)", flush=True)
    for old in (out / "cache").iterdir():
        old.unlink()
    (out / "cache").rmdir()
    print(f"done in {time.perf_counter() - t0:.0f} s: compare with diff -r", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
