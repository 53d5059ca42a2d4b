"""The reliability campaign (``make reliability``): every check in bounded time, then one table.

    python scripts/reliability.py [--short] [--only NAME ...]

Checks (each a script of its own, runnable alone; ``--short`` is the CI size):

=============  ====================================================  ===========================
fuzz           Hypothesis on normaliser, readers, cleaner, dates,      FUZZ_EXAMPLES 3000 (150);
               numbers (tests/test_fuzz.py); invisible characters      300 sentences (15)
               change no event (tests/test_reliability.py)
malformed      scripts/malformed.py: generated malformed inputs,       1,000 inputs (60)
               one ingest, 0 tracebacks, one line each
api-schema     scripts/api_check.py schema: schemathesis, all checks   30 examples (5) per route
api-load       scripts/api_check.py load: loopback clients during      50 clients 60 s (10 for 5 s)
               an ingest; p95 reported, never asserted
kill-soak      scripts/kill_soak.py: SIGKILLs during an ingest          20 kills, 1,000 articles
               of gva texts, rerun after each                          (2 kills, 40 articles)
kill-soak-run  the same during `eventwire run --workers 2` (Dask),     20 kills, 1,000 articles
               compared with an uninterrupted plain ingest             (2 kills, 60 articles)
airgap         scripts/airgap.sh: demo and tests with no network        demo + the whole suite
                                                                       (demo + test_fuzz.py)
=============  ====================================================  ===========================

The table has one row per check: inputs tried, failures, wall time, and a note (p95 latency, ...).
Exit status 1 when any check failed. Outputs go to ``--work`` (default /tmp/eventwire-reliability).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
REFERENCE = "reference-ingest.duckdb"  # both kill soaks' uninterrupted reference: one ingest of the same corpus


def _run(command: list[str], log: Path, env: dict | None = None, timeout: float = 7200) -> tuple[int, str]:
    started = time.monotonic()
    with log.open("w") as out:
        try:
            code = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, timeout=timeout,
                                  env=dict(os.environ, PYTHONPATH=str(ROOT / "src"), **(env or {}))).returncode
        except subprocess.TimeoutExpired:
            code = -1
    text = log.read_text(errors="replace")
    return code, text + f"\n[took {time.monotonic() - started:.0f} s]"


def _last(pattern: str, text: str) -> re.Match | None:
    found = list(re.finditer(pattern, text))
    return found[-1] if found else None


def fuzz(work: Path, short: bool) -> tuple[str, int, int, str]:
    """The Hypothesis properties of tests/test_fuzz.py and the one that invisible characters change no event;
    inputs tried are the examples Hypothesis ran (its statistics), failures the failing tests."""
    examples = 150 if short else 3000
    code, text = _run([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
                       "tests/test_fuzz.py", "tests/test_reliability.py::test_invisible_characters_change_no_event"],
                      work / "fuzz.log", env={"FUZZ_EXAMPLES": str(examples)})
    passed = _last(r"(\d+) passed", text)
    failed = _last(r"(\d+) failed", text)
    tests = (int(passed[1]) if passed else 0) + (int(failed[1]) if failed else 0)
    failures = int(failed[1]) if failed else (0 if code == 0 else 1)
    tried = sum(int(m[1]) + int(m[2]) for m in re.finditer(r"- (\d+) passing, (\d+) failing", text))
    return "fuzz (Hypothesis)", tried, failures, f"{tests} tests, {examples} examples per property"


def malformed(work: Path, short: bool) -> tuple[str, int, int, str]:
    count = 60 if short else 1000
    folder = work / "malformed"
    subprocess.run(["rm", "-rf", str(folder), str(work / "malformed.duckdb")])
    code, text = _run([PY, "scripts/malformed.py", str(folder), "--count", str(count), "--check",
                       "--db", str(work / "malformed.duckdb")], work / "malformed.log")
    m = _last(r"malformed: (\d+) inputs, (\d+) failures", text)
    return "malformed inputs (ingest)", int(m[1]) if m else 0, int(m[2]) if m else 1, _took(text)


def api_schema(work: Path, short: bool) -> tuple[str, int, int, str]:
    db = _store(work)
    code, text = _run([PY, "scripts/api_check.py", "schema", "--db", str(db), "--max-examples",
                       "5" if short else "30"], work / "api-schema.log")
    m = _last(r"api-schema: (\d+) requests, (\d+) failures", text)
    return "API schemathesis (all checks)", int(m[1]) if m else 0, int(m[2]) if m else 1, _took(text)


def api_load(work: Path, short: bool) -> tuple[str, int, int, str]:
    db = _store(work, fresh=True)
    corpus = work / "load-corpus.jsonl"
    sys.path.insert(0, str(ROOT / "scripts"))
    from kill_soak import build_corpus

    build_corpus(corpus, 20 if short else 200)
    clients, seconds = (10, 5) if short else (50, 60)
    code, text = _run([PY, "scripts/api_check.py", "load", "--db", str(db), "--clients", str(clients),
                       "--seconds", str(seconds), "--ingest", str(corpus)], work / "api-load.log")
    m = _last(r"api-load: (\d+) requests, (\d+) errors, p95 ([\d.na]+) ms, (\d+) busy 503, ingest ([a-z ]+) at", text)
    note = (f"{clients} clients {seconds} s during an ingest of {20 if short else 200} articles (ingest {m[5]} at "
            f"the end), p95 {m[3]} ms, {m[4]} busy 503") if m else _took(text)
    return "API load (loopback)", int(m[1]) if m else 0, int(m[2]) if m else 1, note


def kill_soak(work: Path, short: bool) -> tuple[str, int, int, str]:
    articles, kills = (40, 2) if short else (1000, 20)
    size = ["--no-reference", "--max-wait", "4"] if short else ["--reference-db", str(work / REFERENCE)]
    code, text = _run([PY, "scripts/kill_soak.py", "--articles", str(articles), "--kills", str(kills),
                       "--work", str(work / "soak"), *size], work / "kill-soak.log")
    m = _last(r"kill-soak: (\d+) kills on (\d+) articles.*?, (\d+) failures", text)
    return "kill soak (SIGKILL + rerun)", int(m[1]) if m else 0, int(m[3]) if m else 1, \
        f"{articles} articles; {_took(text)}"


def kill_soak_run(work: Path, short: bool) -> tuple[str, int, int, str]:
    """The same soak on `eventwire run` with 2 Dask workers (shards of 20 articles); the reference is a plain
    ingest, so the events must also equal the single-process pipeline's."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return "kill soak, run on 2 workers", 0, 0, "skipped: Dask is not installed (pip install 'eventwire[cluster]')"
    articles, kills = (60, 2) if short else (1000, 20)
    code, text = _run([PY, "scripts/kill_soak.py", "--command", "run", "--workers", "2", "--articles", str(articles),
                       "--kills", str(kills), "--work", str(work / "soak-run"), "--max-wait", "20" if short else "40"]
                      + (["--no-reference"] if short else ["--reference-db", str(work / REFERENCE)]),
                      work / "kill-soak-run.log")
    m = _last(r"kill-soak: (\d+) kills on (\d+) articles.*?, (\d+) failures", text)
    return "kill soak, run on 2 workers", int(m[1]) if m else 0, int(m[3]) if m else 1, \
        f"{articles} articles; {_took(text)}"


def airgap(work: Path, short: bool) -> tuple[str, int, int, str]:
    tests = ["tests/test_fuzz.py"] if short else ["all"]  # all: the whole suite, as `make test` runs it
    code, text = _run(["bash", "scripts/airgap.sh", PY, *tests], work / "airgap.log")
    m = _last(r"airgap: (\d+) checks, (\d+) failures", text)
    return "air-gapped (unshare -n)", int(m[1]) if m else 0, int(m[2]) if m else 1, \
        ("skipped: " if "skipped" in text else "") + _took(text)


def _took(text: str) -> str:
    m = _last(r"\[took (\d+) s\]", text)
    return f"{m[1]} s" if m else ""


def _clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def _store(work: Path, fresh: bool = False) -> Path:
    """A small store of the examples (the demo's), made once per campaign, copied fresh when asked."""
    db = work / "demo.duckdb"
    if not db.exists():
        subprocess.run([PY, "-m", "eventwire.cli", "ingest", "examples/", "--db", str(db)], cwd=ROOT,
                       env=dict(os.environ, PYTHONPATH=str(ROOT / "src")), capture_output=True, check=True)
    if not fresh:
        return db
    copy = work / "load.duckdb"
    copy.write_bytes(db.read_bytes())
    return copy


SHARED = ROOT.parent / "shared"

CHECKS = {"fuzz": fuzz, "malformed": malformed, "api-schema": api_schema, "api-load": api_load,
          "kill-soak": kill_soak, "kill-soak-run": kill_soak_run, "airgap": airgap}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="the CI size")
    parser.add_argument("--only", nargs="+", choices=sorted(CHECKS))
    parser.add_argument("--work", type=Path, default=Path("/tmp/eventwire-reliability"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    for stale in (REFERENCE, Path(f"{REFERENCE}.wal")):  # made afresh by each campaign, on the code under test
        (args.work / stale).unlink(missing_ok=True)
    rows = []
    campaign = time.monotonic()
    for name in args.only or CHECKS:
        print(f"reliability: running {name} ...", file=sys.stderr, flush=True)
        started = time.monotonic()
        try:
            row = CHECKS[name](args.work, args.short)
        except FileNotFoundError as exc:  # a row whose real data (../shared/data) is absent is skipped, saying so
            if SHARED not in Path(exc.filename or "").parents:
                raise
            row = (name, 0, 0, f"skipped: {exc.filename} is absent (the data lives in ../shared/data, never in "
                               "the repo)")
        rows.append((*row, _clock(time.monotonic() - started)))
        print(f"reliability: {name}: {row[1]:,} inputs, {row[2]:,} failures, {rows[-1][4]} ({row[3]})",
              file=sys.stderr, flush=True)
    header = ("test", "inputs tried", "failures", "wall time", "note")
    cells = [header] + [(r[0], f"{r[1]:,}", f"{r[2]:,}", r[4], r[3]) for r in rows]
    widths = [max(len(c[k]) for c in cells) for k in range(5)]
    rule = "  ".join("-" * w for w in widths)
    print(rule)
    for n, c in enumerate(cells):
        print("  ".join(v.rjust(w) if k in (1, 2, 3) and n else v.ljust(w)
                        for k, (v, w) in enumerate(zip(c, widths))).rstrip())
        if n == 0:
            print(rule)
    print(rule)
    print(f"total wall time {_clock(time.monotonic() - campaign)}; logs in {args.work}")
    return 1 if any(r[2] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
