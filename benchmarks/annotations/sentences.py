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


def split_sentences(text: str, nlp) -> list[tuple[int, int]]:
    from eventwire.actors.kb import load_actor_kb
    from eventwire.nlp.model import nlp_text

    parsed = nlp_text(text, nlp, load_actor_kb())
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
    return [{"source": a.source, "id": a.id, "half": a.half, "group": a.group,
             "sentences": [list(s) for s in split_sentences(a.text, nlp)]} for a in selected()]


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
