"""Agreement between the first and the blind second pass (Cohen's kappa), over the sentences of every article that
both passes annotate (pass1.jsonl and pass2.jsonl, by different annotators).

    python benchmarks/annotations/agreement.py              # tables
    python benchmarks/annotations/agreement.py --list       # also every disagreeing sentence (id, index, labels)
    python benchmarks/annotations/agreement.py --groups CD  # only the articles of groups C and D (round 2)

(a) event vs no event per sentence; (b) the set of types of a sentence as one label ("-" when none);
(c) factuality, over the (sentence, type) pairs both passes annotate (the set of factualities of that type as one
label); per type: kappa of "this sentence has an event of type T". No corpus text is printed.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(name: str) -> dict[tuple[str, int], dict]:
    path = HERE / name
    out = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[(rec["id"], rec["annotator"])] = rec
    return out


def kappa(pairs: list[tuple[object, object]]) -> float | None:
    """Cohen's kappa of (label of rater 1, label of rater 2) pairs; None when undefined."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right.get(k, 0) for k in left) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def types_of(sentence: dict) -> frozenset[str]:
    return frozenset(e["type"] for e in sentence["events"])


def pairs_of_articles() -> list[tuple[dict, dict]]:
    """(first-pass record, second-pass record) for every doubly annotated article."""
    first, second = load("pass1.jsonl"), load("pass2.jsonl")
    out = []
    for (article_id, annotator), rec2 in second.items():
        for (other_id, other), rec1 in first.items():
            if other_id == article_id and other != annotator:
                out.append((rec1, rec2))
    return out


def sentence_pairs(articles: list[tuple[dict, dict]]):
    for rec1, rec2 in articles:
        for s1, s2 in zip(rec1["sentences"], rec2["sentences"]):
            yield rec1, s1, s2


def report(articles: list[tuple[dict, dict]], *, listing: bool = False) -> dict:
    rows = list(sentence_pairs(articles))
    event = [(bool(s1["events"]), bool(s2["events"])) for _, s1, s2 in rows]
    typeset = [("+".join(sorted(types_of(s1))) or "-", "+".join(sorted(types_of(s2))) or "-") for _, s1, s2 in rows]
    fact = []
    for _, s1, s2 in rows:
        for t in types_of(s1) & types_of(s2):
            f1 = "+".join(sorted({e["factuality"] for e in s1["events"] if e["type"] == t}))
            f2 = "+".join(sorted({e["factuality"] for e in s2["events"] if e["type"] == t}))
            fact.append((f1, f2))
    result = {"articles": len(articles), "sentences": len(rows),
              "event": kappa(event), "types": kappa(typeset), "factuality": kappa(fact),
              "event_agree": sum(a == b for a, b in event) / len(event) if event else None,
              "types_agree": sum(a == b for a, b in typeset) / len(typeset) if typeset else None,
              "fact_agree": sum(a == b for a, b in fact) / len(fact) if fact else None, "fact_n": len(fact)}
    print(f"doubly annotated: {len(articles)} articles, {len(rows)} sentences "
          f"({sum(a for a, _ in event)} / {sum(b for _, b in event)} with an event in pass 1 / pass 2)")
    print("| measure | kappa | raw agreement | n |")
    print("|---|---|---|---|")
    print(f"| (a) event vs no event | {fmt(result['event'])} | {fmt(result['event_agree'])} | {len(event)} |")
    print(f"| (b) set of types | {fmt(result['types'])} | {fmt(result['types_agree'])} | {len(typeset)} |")
    print(f"| (c) factuality (both saw the type) | {fmt(result['factuality'])} | {fmt(result['fact_agree'])} "
          f"| {len(fact)} |")
    for role in ("actor", "recipient"):
        same = total = 0
        for _, s1, s2 in rows:
            for t in types_of(s1) & types_of(s2):
                spans1 = [sp for e in s1["events"] if e["type"] == t for sp in e[role]]
                spans2 = [sp for e in s2["events"] if e["type"] == t for sp in e[role]]
                total += 1
                if not spans1 and not spans2:
                    same += 1
                elif any(a < d and c < b for a, b in spans1 for c, d in spans2):
                    same += 1
        result[role] = same / total if total else None
        print(f"{role}: both empty or overlapping spans in {fmt(result[role])} of the {total} (sentence, type) pairs "
              "both passes annotate")
    print()
    by_source: dict[str, list] = {}
    for (rec1, s1, s2), pair in zip(rows, event):
        by_source.setdefault(rec1["source"], []).append(pair)
    print("| source | sentences | kappa (a) | raw (a) |")
    print("|---|---|---|---|")
    for source, pairs in sorted(by_source.items()):
        print(f"| {source} | {len(pairs)} | {fmt(kappa(pairs))} | {fmt(sum(a == b for a, b in pairs) / len(pairs))} |")
    print()
    all_types = sorted({t for _, s1, s2 in rows for t in types_of(s1) | types_of(s2)})
    print("| type | pass 1 | pass 2 | both | kappa |")
    print("|---|---|---|---|---|")
    for t in all_types:
        pairs = [(t in types_of(s1), t in types_of(s2)) for _, s1, s2 in rows]
        print(f"| {t} | {sum(a for a, _ in pairs)} | {sum(b for _, b in pairs)} | {sum(a and b for a, b in pairs)} "
              f"| {fmt(kappa(pairs))} |")
    confusions = Counter(pair for pair in typeset if pair[0] != pair[1])
    print()
    print("most frequent disagreements (pass 1 label -> pass 2 label):")
    for (a, b), n in confusions.most_common(12):
        print(f"  {n:3}  {a} -> {b}")
    if listing:
        print()
        for rec1, s1, s2 in rows:
            l1 = sorted({(e["type"], e["factuality"]) for e in s1["events"]})
            l2 = sorted({(e["type"], e["factuality"]) for e in s2["events"]})
            if l1 != l2:
                print(f"{rec1['id']}\t{s1['i']}\t{l1}\t{l2}")
    return result


def main(argv: list[str]) -> int:
    articles = pairs_of_articles()
    if "--groups" in argv:  # e.g. --groups CD: only the articles of those groups (round 2: C and D)
        wanted = set(argv[argv.index("--groups") + 1])
        groups = {json.loads(line)["id"]: json.loads(line)["group"]
                  for line in (HERE / "sentences.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
        articles = [(a, b) for a, b in articles if groups.get(a["id"]) in wanted]
    if not articles:
        print("no doubly annotated article yet (pass2.jsonl)")
        return 1
    report(articles, listing="--list" in argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
