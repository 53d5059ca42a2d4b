"""Sentence boundaries of the selected articles -> ``benchmarks/annotations/sentences.jsonl``.

One line per article, in the order of :mod:`selection`:
``{"source", "id", "half", "group", "sentences": [[start, end], ...]}``, offsets into the raw text (see
selection.py). Boundaries come from spaCy's en_core_web_sm (eventwire's pinned copy, :func:`eventwire.nlp.model.load_nlp`),
run on each blank-line-separated block separately (so a sentence never crosses a blank line), on the text eventwire's
parser reads (:func:`eventwire.nlp.model.nlp_text`: all-capital MUC texts re-cased, same length, so offsets hold).
Whitespace at the edges of a sentence is trimmed; whitespace-only pieces are dropped.

    PYTHONPATH=src python benchmarks/annotations/sentences.py          # rewrites sentences.jsonl
    PYTHONPATH=src python benchmarks/annotations/sentences.py --check  # exit 1 if the file differs
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from selection import selected  # noqa: E402

OUT = HERE / "sentences.jsonl"
BLOCK = re.compile(r"\n[ \t\r\f\v]*\n")


def blocks(text: str) -> list[tuple[int, int]]:
    """Ranges of the blank-line-separated blocks of ``text``."""
    spans, start = [], 0
    for gap in BLOCK.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def all_capitals(text: str) -> bool:
    """The texts this file re-cases: mostly capitals (eventwire now also re-cases all-lower-case text, such as the
    BBC articles; the reference boundaries were made, and are rebuilt, on those as written)."""
    letters = "".join(filter(str.isalpha, text[:4000]))
    return len(letters) >= 40 and sum(map(str.isupper, letters)) / len(letters) > 0.85


def split_sentences(text: str, nlp) -> list[tuple[int, int]]:
    from eventwire.actors.kb import load_actor_kb
    from eventwire.nlp.model import EDITORIAL_NOTE, nlp_text

    if all_capitals(text):
        parsed = nlp_text(text, nlp, load_actor_kb())
    else:
        parsed = EDITORIAL_NOTE.sub(lambda m: " " * len(m.group(0)), text)
    assert len(parsed) == len(text)
    out = []
    for b_start, b_end in blocks(parsed):
        doc = nlp(parsed[b_start:b_end])
        for sent in doc.sents:
            span = trim(text, b_start + sent.start_char, b_start + sent.end_char)
            if span:
                out.append(span)
    return out


def build() -> list[dict]:
    from eventwire.nlp.model import load_nlp

    nlp = load_nlp()
    stored = {}  # the stored boundaries stay the reference of the annotations that point into them (eventwire's
    # truecaser has changed since round 1 and moves one MUC-4 text's boundaries); only new articles are split
    if OUT.is_file():
        stored = {r["id"]: r["sentences"] for r in map(json.loads, OUT.read_text(encoding="utf-8").splitlines())}
    return [{"source": a.source, "id": a.id, "half": a.half, "group": a.group,
             "sentences": stored.get(a.id) or [list(s) for s in split_sentences(a.text, nlp)]} for a in selected()]


def dump(rows: list[dict]) -> str:
    return "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows)


def main(argv: list[str]) -> int:
    text = dump(build())
    if "--check" in argv:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("sentences.jsonl matches" if same else "sentences.jsonl differs from what sentences.py builds")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines()]
    print(f"wrote {OUT}: {len(rows)} articles, {sum(len(r['sentences']) for r in rows)} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
