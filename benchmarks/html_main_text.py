#!/usr/bin/env python3
"""HTML main text: the hand-written reader versus trafilatura on 181 real news pages with checked main text.

    python benchmarks/html_main_text.py [--pages ../shared/data/html_articles]

Scored exactly as the article-extraction benchmark scores it (its ``evaluate.py``; see the data folder's
SOURCE.txt): per page, true/false positives and false negatives over word 4-gram shingles (``\\w+`` tokens),
normalised to sum to 1; precision and recall are the means over pages (pages with no predicted text leave the
precision mean, as there); F1 = 2PR/(P+R). Also prints the pages below F1 0.5. Not a test. (Not named
``html.py``: a script's folder comes first on the import path, and that name would hide the standard library's
``html`` from every benchmark beside it.)
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATA, require  # noqa: E402

from eventwire.errors import InputError  # noqa: E402
from eventwire.read.html import html_document  # noqa: E402

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    gold, got = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in set(gold) | set(got):
        tp += min(gold[key], got[key])
        fp += max(0, got[key] - gold[key])
        fn += max(0, gold[key] - got[key])
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp, fp, fn):
    return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp, fp, fn):
    return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


def main_text(html: str, extractor: str) -> str:
    try:
        return html_document(html, extractor=extractor).text
    except InputError:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=DATA / "html_articles")
    args = parser.parse_args()
    if require(args.pages.name) is None:
        return
    truth = json.loads((args.pages / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {key: gzip.decompress((args.pages / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
             for key in truth}
    print(f"{len(pages)} pages, {args.pages}")
    print(f"{'extractor':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'pages<0.5':>9} {'seconds':>8}")
    for extractor in ("handwritten", "trafilatura"):
        start = time.perf_counter()
        counts = [tp_fp_fn(truth[key].get("articleBody", ""), main_text(pages[key], extractor)) for key in truth]
        seconds = time.perf_counter() - start
        result = scores(counts)
        low = sum(2 * _precision(*c) * _recall(*c) / ((_precision(*c) + _recall(*c)) or 1) < 0.5 for c in counts)
        print(f"{extractor:<12} {result['precision']:9.3f} {result['recall']:7.3f} {result['f1']:6.3f} "
              f"{low:9d} {seconds:8.1f}")


if __name__ == "__main__":
    main()
