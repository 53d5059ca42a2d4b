"""The API under test: schemathesis over its OpenAPI document, and a loopback load while an ingest runs.

    python scripts/api_check.py schema --db STORE [--max-examples 30]
    python scripts/api_check.py load --db STORE [--clients 50] [--seconds 60] [--ingest CORPUS]

Both start a real ``eventwire serve`` on 127.0.0.1 (a free port; loopback only) and stop it after.

``schema`` runs schemathesis (pinned in requirements-dev.txt) with every check and every phase. The
API is read-only, so nothing it sends can change the store. Two rules the OpenAPI document cannot
express (``date_from <= date_to``, ``min_lat <= max_lat`` in ``bbox``; both say so in their description
and answer 400) are told to the generator by a hook. Last line: ``api-schema: N requests, F failures``.

``load`` runs ``--clients`` threads for ``--seconds``, each sending GET requests over the routes in a
loop (keep-alive), while ``eventwire ingest CORPUS`` writes into the same store. It reports requests,
errors (a 5xx answer other than the documented busy 503, or a broken connection), 503s, and the p50 and
p95 latency; timings are reported, never asserted. Last line: ``api-load: N requests, F errors, ...``.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOOKS = '''
import schemathesis

@schemathesis.hook
def filter_query(ctx, query):
    """Cross-parameter rules JSON Schema cannot state: date_from <= date_to, min_lat <= max_lat."""
    if not isinstance(query, dict):
        return True
    d1, d2 = query.get("date_from"), query.get("date_to")
    if isinstance(d1, str) and isinstance(d2, str) and len(d1) == len(d2) == 10 and d1 > d2:
        return False
    box = query.get("bbox")
    if isinstance(box, str):
        parts = box.strip().split(",")
        try:
            if len(parts) == 4 and float(parts[1]) > float(parts[3]):
                return False
        except ValueError:
            pass
    return True
'''


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``eventwire serve --db`` on a free loopback port, for a ``with`` block."""

    def __init__(self, db: Path):
        self.db = db
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        self.process = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(self.db),
                                         "--host", "127.0.0.1", "--port", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"eventwire serve died: {self.process.stderr.read()[-500:]}")
                time.sleep(0.2)
        raise RuntimeError("eventwire serve did not start within 60 s")

    def __exit__(self, *exc) -> None:
        assert self.process is not None
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.stderr = self.process.stderr.read()


def schema(db: Path, max_examples: int, seed: int | None = None) -> tuple[int, list[str]]:
    """Run schemathesis; (requests made, failure lines)."""
    exe = Path(sys.executable).with_name("schemathesis")
    with tempfile.TemporaryDirectory() as tmp, Server(db) as server:
        (Path(tmp) / "ew_hooks.py").write_text(HOOKS)
        env = dict(_env(), SCHEMATHESIS_HOOKS="ew_hooks", PYTHONPATH=tmp + os.pathsep + _env()["PYTHONPATH"],
                   NO_COLOR="1")
        command = [str(exe), "run", f"http://127.0.0.1:{server.port}/api/openapi.json", "--checks", "all",
                   "--max-examples", str(max_examples), "--phases", "examples,coverage,fuzzing,stateful",
                   "--report", "ndjson", "--report-ndjson-path", str(Path(tmp) / "events.ndjson"),
                   "--generation-deterministic"]
        if seed is not None:
            command += ["--seed", str(seed)]
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp, timeout=3600)
        requests = _count_requests(Path(tmp) / "events.ndjson")
    out = result.stdout + result.stderr
    summary = out[out.rfind("SUMMARY"):] if "SUMMARY" in out else out[-1500:]
    print(summary, file=sys.stderr)
    failures = [line.strip() for line in out.splitlines() if re.match(r"\s*- ST\d+", line)]  # one per failure
    if result.returncode != 0 and not failures:
        failures.append(f"schemathesis exit {result.returncode}: {out[-800:]}")
    if "Traceback" in getattr(server, "stderr", ""):
        failures.append("traceback in the server log")
    return requests, failures


def _count_requests(path: Path) -> int:
    if not path.exists():
        return 0
    text = path.read_text(errors="replace")
    return text.count('"request"') or text.count("ScenarioFinished")


ROUTES = ["/api/events", "/api/events?limit=200&sort=-date", "/api/aggregates?by=type", "/api/aggregates?by=month",
          "/api/clusters?cell=2", "/api/meta", "/api/events?q=killed", "/api/export?format=jsonl&type=ASSAULT",
          "/api/events?country=USA&bbox=-130,20,-60,50", "/"]


def load(db: Path, clients: int, seconds: float, corpus: Path | None) -> dict:
    """``clients`` threads for ``seconds`` against a served store while ``corpus`` is ingested into it."""
    latencies: list[float] = []
    errors: list[str] = []
    busy = [0]
    lock = threading.Lock()
    stop = threading.Event()

    def client(port: int, seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while not stop.is_set():
            path = rng.choice(ROUTES)
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors.append(f"{path}: {type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if status == 503:
                    busy[0] += 1
                elif status >= 400:
                    errors.append(f"{path}: HTTP {status}")
        conn.close()

    with Server(db) as server:
        writer = None
        if corpus is not None:
            writer = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(db)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env())
        threads = [threading.Thread(target=client, args=(server.port, k), daemon=True) for k in range(clients)]
        for t in threads:
            t.start()
        time.sleep(seconds)
        stop.set()
        ingesting_at_end = writer is not None and writer.poll() is None  # the load was during the ingest
        for t in threads:
            t.join(timeout=120)
        ingest_status = None
        if writer is not None:
            _out, err = writer.communicate(timeout=3600)
            ingest_status = writer.returncode
            if writer.returncode != 0:
                errors.append(f"ingest exit {writer.returncode}: {err[-300:]}")
    ordered = sorted(latencies)

    def pct(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")

    if "Traceback" in getattr(server, "stderr", ""):
        errors.append("traceback in the server log")
    return {"requests": len(latencies) + len(errors), "errors": len(errors), "busy_503": busy[0],
            "p50_ms": round(pct(0.50), 1), "p95_ms": round(pct(0.95), 1), "clients": clients,
            "seconds": seconds, "ingest_exit": ingest_status, "ingesting_at_end": ingesting_at_end,
            "error_samples": errors[:5]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["schema", "load"])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--max-examples", type=int, default=30)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ingest", type=Path, help="a corpus to ingest into --db during the load")
    args = parser.parse_args(argv)
    if args.what == "schema":
        requests, failures = schema(args.db, args.max_examples, args.seed)
        for failure in failures:
            print("FAIL", failure)
        print(f"api-schema: {requests} requests, {len(failures)} failures")
        return 1 if failures else 0
    result = load(args.db, args.clients, args.seconds, args.ingest)
    for sample in result.pop("error_samples"):
        print("ERROR", sample)
    print("api-load: " + json.dumps(result))
    print(f"api-load: {result['requests']} requests, {result['errors']} errors, p95 {result['p95_ms']} ms, "
          f"{result['busy_503']} busy 503, ingest {'still running' if result['ingesting_at_end'] else 'done'} "
          "at the end")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
