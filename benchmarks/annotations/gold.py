"""Build ``gold.jsonl``: the first pass of all 64 articles, with every sentence where the two passes of a doubly
annotated article disagree resolved by a decision in ``ADJUDICATION.md``.

A decision row of ADJUDICATION.md reads ``| article id | sentence index | decision | reason |``; decision is
    1 or 2 (3...)   the events annotator 1 (or 2, 3 ...) gave that sentence
    none            no event
    1:0 2:1 ...     the events picked by index (0-based, in that annotator's list for the sentence)
    1:0=claimed     ... with the factuality set to the value after '='
    +TYPE/factuality/actor/recipient
                    a new event; actor and recipient are comma-separated start-end offsets (or empty)
Items combine: "2 +AGREE/asserted/2678-2696/" keeps annotator 2's events and adds one.
A disagreement is a difference in the set of (type, factuality) of a sentence. Where the passes agree, the first
pass's events (with their actor spans) are kept. A decision may also correct a sentence of a singly annotated
article (then 1/2 name its one annotator). Building fails when a disagreement has no decision.

    python benchmarks/annotations/gold.py            # writes gold.jsonl, prints counts
    python benchmarks/annotations/gold.py --check    # exit 1 if gold.jsonl is not what would be built
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from agreement import load  # noqa: E402
from tool import FACTUALITY, TYPES, sentence_rows  # noqa: E402

OUT = HERE / "gold.jsonl"
ROW = re.compile(r"^\|\s*([^|\s]+)\s*\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|")


def decisions() -> dict[tuple[str, int], str]:
    out = {}
    for line in (HERE / "ADJUDICATION.md").read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            key = (m.group(1), int(m.group(2)))
            if key in out:
                raise ValueError(f"ADJUDICATION.md decides {key} twice")
            out[key] = m.group(3)
    return out


def labels(sentence: dict | None) -> set[tuple[str, str]]:
    return {(e["type"], e["factuality"]) for e in sentence["events"]} if sentence else set()


def _spans(field: str) -> list[list[int]]:
    return [[int(a), int(b)] for a, b in (part.split("-") for part in field.split(",") if part)]


def apply(decision: str, by_annotator: dict[int, dict], key) -> list[dict]:
    events = []
    for pick in decision.split():
        if pick == "none":
            continue
        if pick.isdigit():
            events.extend(dict(e) for e in by_annotator[int(pick)]["events"])
            continue
        if pick.startswith("+"):
            parts = pick[1:].split("/")
            if len(parts) != 4 or parts[0] not in TYPES or parts[1] not in FACTUALITY:
                raise ValueError(f"{key}: cannot read new event {pick!r}")
            events.append({"type": parts[0], "factuality": parts[1], "actor": _spans(parts[2]),
                           "recipient": _spans(parts[3])})
            continue
        m = re.fullmatch(r"(\d+):(\d+)(?:=(\w+))?", pick)
        if not m:
            raise ValueError(f"{key}: cannot read decision {decision!r}")
        event = dict(by_annotator[int(m.group(1))]["events"][int(m.group(2))])
        if m.group(3):
            if m.group(3) not in FACTUALITY:
                raise ValueError(f"{key}: factuality {m.group(3)!r}")
            event["factuality"] = m.group(3)
        events.append(event)
    return events


def build() -> tuple[list[dict], list[str]]:
    first, second = load("pass1.jsonl"), load("pass2.jsonl")
    decided = decisions()
    used, missing, out = set(), [], []
    for row in sentence_rows():
        firsts = [rec for (i, _), rec in first.items() if i == row["id"]]
        if not firsts:
            missing.append(f"{row['id']}: no first pass")
            continue
        rec1 = firsts[0]
        seconds = [rec for (i, n), rec in second.items() if i == row["id"] and n != rec1["annotator"]]
        rec2 = seconds[0] if seconds else None
        sentences = []
        for k in range(len(row["sentences"])):
            s1 = rec1["sentences"][k]
            s2 = rec2["sentences"][k] if rec2 else None
            by_annotator = {rec1["annotator"]: s1}
            if rec2:
                by_annotator[rec2["annotator"]] = s2
            key = (row["id"], k)
            if key in decided:
                events = apply(decided[key], by_annotator, key)
                used.add(key)
            elif rec2 and labels(s1) != labels(s2):
                missing.append(f"{row['id']} sentence {k}: passes disagree and ADJUDICATION.md has no decision")
                events = s1["events"]
            else:
                events = s1["events"]
            sentences.append({"i": k, "events": events})
        annotators = [rec1["annotator"]] + ([rec2["annotator"]] if rec2 else [])
        out.append({"source": row["source"], "id": row["id"], "half": row["half"], "group": row["group"],
                    "annotators": annotators, "adjudicated": rec2 is not None, "sentences": sentences})
    for key in sorted(set(decided) - used):
        missing.append(f"decision for {key} matches no annotated sentence")
    return out, missing


def dump(rows: list[dict]) -> str:
    return "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows)


def summary(rows: list[dict]) -> None:
    n_sent = sum(len(r["sentences"]) for r in rows)
    with_event = sum(1 for r in rows for s in r["sentences"] if s["events"])
    print(f"gold: {len(rows)} articles ({sum(r['adjudicated'] for r in rows)} adjudicated), {n_sent} sentences, "
          f"{with_event} with an event")
    by_type = Counter(e["type"] for r in rows for s in r["sentences"] for e in s["events"])
    by_fact = Counter(e["factuality"] for r in rows for s in r["sentences"] for e in s["events"])
    by_source = Counter()
    for r in rows:
        by_source[r["source"]] += sum(len(s["events"]) for s in r["sentences"])
    print("events per type: " + ", ".join(f"{t} {n}" for t, n in by_type.most_common()))
    print("per factuality: " + ", ".join(f"{t} {n}" for t, n in by_fact.most_common()))
    print("per source: " + ", ".join(f"{t} {n}" for t, n in sorted(by_source.items())))


def main(argv: list[str]) -> int:
    rows, missing = build()
    for problem in missing:
        print("MISSING", problem)
    text = dump(rows)
    if "--check" in argv:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("gold.jsonl matches" if same else "gold.jsonl differs from what gold.py builds")
        return 0 if same and not missing else 1
    OUT.write_text(text, encoding="utf-8")
    summary(rows)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
