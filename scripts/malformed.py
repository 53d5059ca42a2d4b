"""Generate a corpus of malformed inputs and check that ``eventwire ingest`` survives every one.

    python scripts/malformed.py OUT_DIR [--count 1000] [--seed 22]          # write the corpus + manifest.json
    python scripts/malformed.py OUT_DIR --check [--db X]                    # ingest it, print the verdict

Each file is one malformed case of a kind (truncated gzip, wrong and mixed encodings, lone surrogates, NUL
bytes, enormous lines, deeply nested JSON, HTML bombs, zero-width and right-to-left text, control
characters and ANSI escapes, empty and whitespace-only documents, duplicate ids, broken JSON, wrong field
types, truncated WARC files plain and gzip); ``.manifest.json`` (hidden, so not ingested) says, per file,
how many documents must be stored and how many error lines
(``eventwire: error: FILE...``) it must give. The check runs one real ``eventwire ingest`` over the
folder and counts as a failure: any traceback on stderr, any stderr line not starting ``eventwire:``,
a file with a different number of error lines than expected, a file with fewer stored documents.
Good documents are built from a few news sentences with a unique number each, so none is a copy of
another. Exit status 0 when nothing failed; the last line is ``malformed: N inputs, F failures``.
"""
from __future__ import annotations

import argparse
import codecs
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

SENTENCES = [
    "Rebels killed {n} soldiers in an attack on an army post near Kandahar on Monday, police said.",
    "Police arrested {n} protesters in Basra on Tuesday after a clash near the market.",
    "Gunmen kidnapped {n} aid workers on the road to Mogadishu, officials said on Friday.",
    "Thousands of people marched in Kabul on Sunday to demand the release of {n} detained students.",
    "An air strike on a village in Idlib killed {n} civilians, a monitoring group said.",
]
ACCENTED = ("Police in Genève said {n} protesters were arrested near the café on Rue de Lausanne; "
            "Señor Muñoz, the mayor's aide, was among them, officials said on Saturday.")
INVISIBLE = ["\u200b", "\u200d", "\u200c", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202e",
             "\u202d", "\u202c", "\u2066", "\u2069", "\x00", "\x1b[31m", "\x1b[0m", "\x1b]0;title\x07", "\x07"]


class Corpus:
    def __init__(self, out: Path, seed: int):
        self.out = out
        self.rng = random.Random(seed)
        self.n = 0
        self.manifest: dict[str, dict] = {}

    def article(self, sentences: int = 3) -> str:
        self.n += 1
        picks = [self.rng.choice(SENTENCES).format(n=self.n * 10 + k + 2) for k in range(sentences)]
        return f"Report number {self.n}\n\n" + " ".join(picks) + "\n"

    def sentence(self) -> str:
        self.n += 1
        return self.rng.choice(SENTENCES).format(n=self.n + 1) + f" Reference {self.n}."

    def write(self, kind: str, ext: str, data: bytes | str, *, stored: int, errors: int, revision: bool = False) -> None:
        name = f"{kind}-{len(self.manifest):05d}{ext}"
        path = self.out / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
        self.manifest[name] = {"kind": kind, "stored": stored, "errors": errors, "revision": revision}

    def invisible(self, text: str, k: int = 3) -> str:
        chars = list(text)
        for _ in range(k):
            i = self.rng.randrange(1, len(chars))
            chars.insert(i, self.rng.choice(INVISIBLE))
        return "".join(chars)

    def warc_record(self, k: int, *, gzipped: bool) -> bytes:
        """One WARC response record (its own gzip member when ``gzipped``) of an English news page."""
        from io import BytesIO

        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter

        paragraphs = "".join(f"<p>{self.sentence()} {self.sentence()}</p>" for _ in range(3))
        page = (f"<html><head><title>Report {self.n}</title></head><body><article><h1>Report {self.n}</h1>"
                f"{paragraphs}</article></body></html>").encode()
        out = BytesIO()
        writer = WARCWriter(out, gzip=gzipped)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{self.n}-{k}", "response",
                                                      payload=BytesIO(page), http_headers=http))
        return out.getvalue()

    def jsonl(self, docs: list[dict]) -> str:
        return "".join(json.dumps(d) + "\n" for d in docs)


def build(c: Corpus, count: int) -> None:
    per = max(1, count // 33)  # one round writes 33 files
    rng = c.rng
    for _ in range(per):
        # 1. truncated gzip (named as text and as JSON): one clear "gzip-compressed" line
        blob = gzip.compress(c.article().encode())
        c.write("gzip-truncated", rng.choice([".txt", ".json", ".jsonl"]), blob[: rng.randrange(2, len(blob))],
                stored=0, errors=1)
        # 2. wrong encodings: Windows-1252 / Latin-1 text, an HTML page declaring its charset
        text = c.article() + ACCENTED.format(n=c.n)
        c.write("encoding-cp1252", ".txt", text.encode(rng.choice(["cp1252", "latin-1"])), stored=0, errors=1)
        html = (f"<html><head><meta charset=\"windows-1252\"><title>Report {c.n}</title></head><body><article>"
                f"<p>{c.sentence()}</p><p>{ACCENTED.format(n=c.n)}</p></article></body></html>")
        c.write("encoding-declared", ".html", html.encode("cp1252"), stored=1, errors=0)
        c.write("encoding-utf16-bom", ".txt", codecs.BOM_UTF16_LE + c.article().encode("utf-16-le"), stored=1, errors=0)
        c.write("encoding-utf16-nobom", ".txt", c.article().encode("utf-16-le"), stored=0, errors=1)
        # 3. mixed encodings: UTF-8 then Windows-1252 in one file
        c.write("encoding-mixed", ".txt", (c.article() + ACCENTED.format(n=c.n)).encode() +
                ACCENTED.format(n=c.n + 1).encode("cp1252"), stored=0, errors=1)
        # 4. lone surrogates in text, title, id and publisher of JSON and JSONL, with good neighbours
        for ext in (".jsonl", ".json"):
            field = rng.choice(["text", "title", "publisher", "id"])
            bad = {"id": f"sur-{c.n}", "text": c.sentence(), "title": f"Title {c.n}", "publisher": "Wire"}
            bad[field] = bad[field][:5] + rng.choice(["\ud800", "\udfff", "\udc80", "\ud83d"]) + bad[field][5:]
            docs = [{"id": f"good-a-{c.n}", "text": c.sentence()}, bad, {"id": f"good-b-{c.n}", "text": c.sentence()}]
            c.write("surrogate", ext, c.jsonl(docs) if ext == ".jsonl" else json.dumps(docs), stored=3, errors=0)
        # 5. NUL bytes: a few inside a text file, and escaped inside JSON strings
        art = c.article()
        i = rng.randrange(len(art))
        c.write("nul-text", ".txt", art[:i] + "\x00" + art[i:], stored=1, errors=0)
        c.write("nul-json", ".jsonl", c.jsonl([{"id": f"nul-{c.n}", "title": "A\u0000title",
                                                 "text": c.invisible(c.sentence(), 0) + "\u0000"}]), stored=1, errors=0)
        # 6. enormous lines: one very long line of words, one of a single unbroken token
        words = " ".join(c.sentence() for _ in range(rng.randrange(50, 400)))
        c.write("enormous-line", ".txt", words, stored=1, errors=0)
        c.write("enormous-token", ".txt", c.article() + "x" * rng.randrange(100_000, 400_000), stored=1, errors=0)
        # 7. deeply nested JSON: the whole file, and inside one document of a JSONL file
        depth = rng.choice([1000, 10_000, 100_000])
        c.write("json-deep", ".json", "[" * depth + "]" * depth, stored=0, errors=1)
        c.write("json-deep", ".jsonl", json.dumps({"id": f"deep-ok-{c.n}", "text": c.sentence()}) + "\n"
                + '{"id": "deep", "text": "x", "extra": ' + "[" * depth + "]" * depth + "}\n", stored=1, errors=1)
        # 8. HTML bombs: deep nesting, a flood of tags, a huge attribute, unclosed tags, nested JSON-LD
        deep = rng.choice([1000, 20_000, 100_000])
        c.write("html-deep", ".html", "<html><body>" + "<div>" * deep + f"<p>{c.sentence()}</p>" + "</div>" * deep,
                stored=1, errors=0)
        c.write("html-flood", ".html", f"<p>{c.sentence()}</p>" + "<span></span>" * rng.randrange(10_000, 100_000),
                stored=1, errors=0)
        c.write("html-attribute", ".html", f"<p title=\"{'a' * 500_000}\">{c.sentence()}</p>", stored=1, errors=0)
        c.write("html-unclosed", ".html", f"<html><body><p>{c.sentence()}<p><b><i><div><table><tr><td>"
                + "<p" * 1000, stored=1, errors=0)
        c.write("html-jsonld", ".html", "<script type=\"application/ld+json\">" + "[" * deep + "]" * deep
                + f"</script><p>{c.sentence()}</p>", stored=1, errors=0)
        c.write("html-notext", ".html", "<html><nav>menu</nav>" + "<script>var x=1;</script>" * 100 + "</html>",
                stored=0, errors=1)
        # 9. zero-width, bidi controls, ANSI escapes inside words: stored, repaired
        c.write("invisible", ".txt", c.invisible(c.article(), rng.randrange(1, 30)), stored=1, errors=0)
        c.write("invisible", ".jsonl", c.jsonl([{"id": f"inv-{c.n}", "title": c.invisible(f"Title {c.n}"),
                                                 "text": c.invisible(c.sentence(), 10)}]), stored=1, errors=0)
        c.write("rtl", ".txt", f"Report {c.n}\n\n\u202e{c.sentence()}\u202c \u05e9\u05dc\u05d5\u05dd "
                "\u0645\u0631\u062d\u0628\u0627 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n", stored=1, errors=0)
        # 10. empty and whitespace-only documents: unreadable, one line each
        c.write("empty", rng.choice([".txt", ".json", ".jsonl", ".html"]), b"", stored=0, errors=1)
        c.write("whitespace", ".txt", rng.choice([" \n\t\n", "\u200b\u200b\n", "\ufeff", "\x1b[0m\n  \n"]),
                stored=0, errors=1)
        c.write("whitespace", ".jsonl", c.jsonl([{"id": f"ws-ok-{c.n}", "text": c.sentence()},
                                                 {"id": f"ws-{c.n}", "text": rng.choice(["  ", "\u200b", "\n\t"])}]),
                stored=1, errors=1)
        # 11. duplicate ids within one input: the later one is a revision (warned), both readable
        first, later = c.sentence(), c.sentence()
        pair = [{"id": f"dup-{c.n}", "text": first}, {"id": f"dup-{c.n}", "text": first + " " + later}]
        ext = rng.choice([".jsonl", ".json"])
        c.write("duplicate-id", ext, c.jsonl(pair) if ext == ".jsonl" else json.dumps(pair),
                stored=1, errors=0, revision=True)
        # 12. broken JSON and wrong field types, good neighbours kept
        good = json.dumps({"id": f"ok-{c.n}", "text": c.sentence()})
        broken = rng.choice(['{"id": "x", "text": "unterminated', '{"id": 1, "text": "numeric id"}',
                             '{"text": 5}', '[1, 2, 3]', '{"id": "y", "text": "t", "published": "not a date"}',
                             '{"id": "z", "text": "t", "toponyms": [{"start": 5, "end": 2}]}', "null", "\"just a string\"",
                             '{"id": "w", "text": "t", "title": ["a list"]}', "{" * 50])
        c.write("json-broken", ".jsonl", good + "\n" + broken + "\n", stored=1, errors=1)
        c.write("json-truncated", ".json", json.dumps([{"id": f"tr-{c.n}", "text": c.sentence()}])[:-rng.randrange(2, 20)],
                stored=0, errors=1)
        # 13. binary junk and random bytes under a text name
        c.write("binary", ".txt", bytes(rng.randrange(256) for _ in range(rng.randrange(10, 5000))), stored=-1, errors=-1)
        # 14. control characters sprinkled into an otherwise good article
        art = c.article()
        ctl = "".join(rng.choice("\x01\x02\x03\x08\x0b\x0c\x1f\x7f") for _ in range(3))
        c.write("controls", ".txt", art[:20] + ctl + art[20:], stored=1, errors=0)
        # 15. truncated WARC, plain and gzip (a download cut off): the whole records before the cut are
        # stored, the cut one is one line ("truncated WARC record" or "not a readable WARC file")
        for ext in (".warc", ".warc.gz"):
            whole = [c.warc_record(k, gzipped=ext.endswith(".gz")) for k in range(2)]
            cut = len(whole[0]) + rng.randrange(1, len(whole[1]) - 16)  # not only the closing blank lines
            c.write("warc-truncated", ext, b"".join(whole)[:cut], stored=1, errors=1)


def generate(out: Path, count: int, seed: int) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(out, seed)
    while len(corpus.manifest) < count:
        build(corpus, count - len(corpus.manifest))
    (out / ".manifest.json").write_text(json.dumps(corpus.manifest, indent=0, ensure_ascii=True))
    return corpus.manifest


def check(folder: Path, db: Path, python: str = sys.executable) -> tuple[int, list[str]]:
    """Ingest the corpus once; (inputs tried, failure descriptions)."""
    manifest = json.loads((folder / ".manifest.json").read_text())
    env = dict(os.environ, PYTHONWARNINGS="default")
    result = subprocess.run([python, "-m", "eventwire.cli", "ingest", str(folder), "--db", str(db)],
                            capture_output=True, text=True, env=env, timeout=3600)
    failures = []
    if "Traceback" in result.stderr:
        start = result.stderr.index("Traceback")
        failures.append("traceback on stderr: " + result.stderr[start:start + 2000])
    if result.returncode not in (0, 1):
        failures.append(f"exit status {result.returncode}")
    errors: Counter = Counter()
    for line in result.stderr.splitlines():
        if not line.startswith("eventwire: "):
            failures.append(f"stray stderr line: {line[:200]!r}")
        elif line.startswith("eventwire: error: "):
            named = [n for n in _names(line, manifest)]
            if len(named) != 1:
                failures.append(f"error line naming no input file: {line[:200]!r}")
            errors.update(named)
            if "internal error" in line:
                failures.append(f"reader failed inside (contained, but a bug): {line[:300]!r}")
    stored = _stored_by_file(db, manifest) if db.exists() else Counter()
    for name, want in manifest.items():
        if want["errors"] >= 0 and errors[name] != want["errors"]:
            failures.append(f"{name} ({want['kind']}): {errors[name]} error line(s), expected {want['errors']}")
        if want["stored"] >= 0 and stored[name] < want["stored"]:
            failures.append(f"{name} ({want['kind']}): {stored[name]} document(s) stored, expected {want['stored']}")
        if want["errors"] < 0 and errors[name] + stored[name] == 0:
            failures.append(f"{name} ({want['kind']}): neither stored nor reported")
    return len(manifest), failures


def _names(line: str, manifest: dict) -> list[str]:
    head = line[len("eventwire: error: [E001] "):].split(":", 1)[0].split("[", 1)[0].split("#", 1)[0]
    name = Path(head).name
    return [name] if name in manifest else []


def _stored_by_file(db: Path, manifest: dict) -> Counter:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as conn:
        sources = [row[0] for row in conn.execute("SELECT source FROM articles").fetchall()]
    found: Counter = Counter()
    for source in sources:
        name = Path(str(source).split("#", 1)[0].split(":", 1)[0].split("[", 1)[0]).name
        found[name] += 1
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--check", action="store_true", help="also ingest the corpus and report failures")
    parser.add_argument("--db", type=Path, help="store for --check (default: a temporary file)")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.count, args.seed)
    print(f"malformed: wrote {len(manifest)} inputs of {len(Counter(m['kind'] for m in manifest.values()))} "
          f"kinds into {args.out}", file=sys.stderr)
    if not args.check:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "malformed.duckdb"
        tried, failures = check(args.out, db)
    for failure in failures[:50]:
        print("FAIL", failure)
    print(f"malformed: {tried} inputs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
