#!/usr/bin/env bash
# Air-gapped run: after `make install`, the demo and a test subset inside a network namespace with no
# network but loopback (`unshare -n`, root or user namespaces needed), diffed with the same run outside.
#
#   scripts/airgap.sh [PYTHON] [TESTS...]
#
# What is compared: the demo's stdout and `eventwire export --format jsonl` of its store (ingest time
# stamps removed), and the test subset's pass/fail verdict. TESTS=all runs the whole suite offline as
# `make test` does (`pytest -q`), and only offline: online it is `make test` itself, so its verdict must be
# a pass there (a failing test offline is a failure either way). Last line: `airgap: N checks, F failures`.
set -u
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}
shift || true
TESTS=${*:-tests/test_cli.py tests/test_api.py tests/test_fuzz.py}
WORK=$(mktemp -d /tmp/eventwire-airgap.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}"

run() {  # $1 = label; the demo, its export, and the tests, each to files in $WORK/$1
  out=$WORK/$1; mkdir -p "$out"
  rm -f "$out/demo.duckdb"
  "$PY" -m eventwire.cli ingest examples/ --db "$out/demo.duckdb" >"$out/ingest.out" 2>"$out/ingest.err"
  "$PY" -m eventwire.demo --db "$out/demo.duckdb" >"$out/demo.out" 2>&1
  "$PY" -m eventwire.cli export --db "$out/demo.duckdb" --format jsonl 2>/dev/null \
    | sed -E 's/"ingested_at": "[^"]*"//g' >"$out/export.jsonl"
  if [ "$TESTS" = all ]; then
    if [ "$1" = offline ]; then "$PY" -m pytest -q -p no:cacheprovider >"$out/tests.out" 2>&1; echo $? >"$out/tests.rc"
    else echo 0 >"$out/tests.rc"; echo "(the whole suite runs offline only)" >"$out/tests.out"; fi
  else
    "$PY" -m pytest -q -p no:cacheprovider $TESTS >"$out/tests.out" 2>&1
    echo $? >"$out/tests.rc"
  fi
  sed -i "s#$out#DIR#g" "$out/demo.out" "$out/ingest.err"
}

if ! unshare -n true 2>/dev/null; then
  echo "airgap: unshare -n is not permitted here (needs root or user namespaces): skipped" >&2
  echo "airgap: 0 checks, 0 failures (skipped)"
  exit 0
fi

run online
export -f run
export PY TESTS WORK
unshare -n bash -c 'ip link set lo up && run offline && ! "$PY" -c "import socket; socket.create_connection((\"1.1.1.1\", 53), 3)" 2>/dev/null && echo isolated >"$WORK/offline/isolated"'

checks=0; failures=0
for f in demo.out export.jsonl ingest.err tests.rc; do
  checks=$((checks + 1))
  if ! diff -q "$WORK/online/$f" "$WORK/offline/$f" >/dev/null; then
    failures=$((failures + 1))
    echo "FAIL $f differs offline:"; diff "$WORK/online/$f" "$WORK/offline/$f" | head -20
  fi
done
checks=$((checks + 1))
if [ ! -f "$WORK/offline/isolated" ]; then
  failures=$((failures + 1)); echo "FAIL the namespace could reach the network: not an air-gapped run"
fi
checks=$((checks + 1))
if [ "$(cat "$WORK/offline/tests.rc")" != 0 ]; then
  failures=$((failures + 1)); echo "FAIL tests offline:"; tail -15 "$WORK/offline/tests.out"
fi
echo "airgap: tests offline: $(tail -1 "$WORK/offline/tests.out")"
echo "airgap: $checks checks, $failures failures"
[ "$failures" = 0 ]
