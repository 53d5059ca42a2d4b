#!/usr/bin/env python3
"""Speed: eventwire extraction versus bare spaCy ``nlp.pipe`` on the same articles, in one process.

    python benchmarks/speed.py [--limit 300] [--split dev]

Reads the first N MUC-4 texts (../shared/data/muc4), cleans them once, then times (1) ``nlp.pipe`` over
the article bodies with the very pipeline eventwire uses and (2) eventwire's whole extraction
(parse + extract + merge) over the same bodies, and prints articles/s, words/s, peak memory and the
ratio eventwire / bare (1.0 = extraction costs nothing beyond the model). Not a test: timings are noisy.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import muc_texts, require  # noqa: E402

from eventwire.read.clean import clean  # noqa: E402
from eventwire.read.files import document_from_text  # noqa: E402
from eventwire.pipeline import Resources, extract_articles  # noqa: E402


def _timed(label: str, run) -> dict:
    """Time ``run`` (no tracing: tracemalloc slows Python code far more than spaCy's C code, which would
    bias the ratio), then the process's peak resident memory so far."""
    start, cpu = time.perf_counter(), time.process_time()
    result = run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"label": label, "seconds": seconds, "cpu": cpu, "result": result,
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _peak_python_mb(run) -> float:
    """Peak Python-heap allocation of ``run`` (a separate, traced pass)."""
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    if require("muc4") is None:
        return 0
    texts = [t for _, t in zip(range(args.limit), muc_texts(args.split))]
    articles = [clean(document_from_text(t.text, id=t.id)) for t in texts]
    words = sum(len(a.body.split()) for a in articles)
    res = Resources(batch_size=args.batch_size)
    t0 = time.perf_counter()
    nlp = res.get_nlp()
    t1 = time.perf_counter()
    res.get_geocoder().gazetteer  # load the gazetteer before timing
    t2 = time.perf_counter()
    list(extract_articles(articles[:5], resources=res))  # warm caches of both paths
    bodies = [a.body for a in articles]
    run_bare = lambda: sum(len(d) for d in nlp.pipe(bodies, batch_size=args.batch_size))  # noqa: E731
    run_ours = lambda: sum(len(ev) for _a, ev in extract_articles(articles, resources=res))  # noqa: E731
    bare = _timed("bare nlp.pipe", run_bare)
    ours = _timed("eventwire", run_ours)
    sample = articles[:30]
    bare["peak_py_mb"] = _peak_python_mb(lambda: list(nlp.pipe([a.body for a in sample])))
    ours["peak_py_mb"] = _peak_python_mb(lambda: list(extract_articles(sample, resources=res)))
    print(f"{len(articles)} MUC-4 {args.split} articles, {words:,} words; model load {t1 - t0:.2f} s, "
          f"gazetteer load {t2 - t1:.2f} s\n")
    print(f"{'run':<16}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'peak py MB*':>12}{'max RSS MB':>12}")
    for row in (bare, ours):
        s = row["seconds"]
        print(f"{row['label']:<16}{s:>9.2f}{len(articles) / s:>12.1f}{words / s:>10.0f}"
              f"{row['peak_py_mb']:>12.1f}{row['maxrss_mb']:>12.0f}")
    print("* peak Python heap over the first 30 articles (a separate traced pass; spaCy's C memory not included)")
    ratio = bare["seconds"] / ours["seconds"]
    print(f"\nevents extracted: {ours['result']}")
    print(f"ratio eventwire / bare (throughput): {ratio:.2f}   (target >= 0.80)")
    print(f"the same in CPU time (this process, all its threads: steadier on a busy machine): "
          f"{bare['cpu'] / ours['cpu']:.2f} ({bare['cpu']:.1f} s / {ours['cpu']:.1f} s); load average "
          f"{os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
