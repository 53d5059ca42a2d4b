"""Fatalities on MUC-4 (``../shared/data/muc4``: ``dev``, ``tst1``, ``tst2``).

Gold: for each non-optional answer-key incident whose human targets with the EFFECT ``DEATH`` all have a
numeric NUMBER, the people killed = the sum of those numbers (``~10`` counts as 10; ``6-8`` and ``6-`` as
the ranges 6..8 and 6..6). Incidents with a ``PLURAL`` or missing number of dead are left out, and so are
those where a dead target also has another effect (``INJURY``): its NUMBER counts dead and wounded together.

Ours: the ``fatalities`` of the event matched to the incident (``benchmarks/_muc.py``: same article,
compatible type, and date, place or a target agrees; fatalities are not used to match).

Printed: exact-match accuracy (the value lies in the gold range), accuracy within ±20 % (in
``[0.8 * low, 1.2 * high]``), and how often ``fatalities`` is null, 0, or another wrong number; over all such
incidents (an unmatched incident counts as wrong) and over matched ones.

Run: ``.venv/bin/python benchmarks/casualties.py [--limit N] [--errors] [--cache DIR] [--workers N]``.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from _data import MUC_SPLITS, add_common_options, print_table, ratio, require, short
from _muc import Match, compatible, load_split, match_all


def outcome(m: Match) -> str:
    """One of: exact, within 20%, null, zero, too low, too high, no event."""
    if m.event is None:
        return "no matched event"
    value, (low, high) = m.event.get("fatalities"), m.incident.killed
    if value is None:
        return "null"
    if low <= value <= high:
        return "exact"
    if value == 0:
        return "zero"
    if 0.8 * low <= value <= 1.2 * high:
        return "within 20%"
    return "too low" if value < low else "too high"


def any_exact(m: Match, events: dict[str, list[dict]]) -> bool:
    """Diagnostic: some compatible event of the article has the gold number (matching aside)."""
    low, high = m.incident.killed
    return any(compatible(m.incident, e) and e.get("fatalities") is not None and low <= e["fatalities"] <= high
               for e in events[m.incident.doc_id])


def row(name: str, matches: list[Match], anywhere: int) -> list[str]:
    kinds = [outcome(m) for m in matches]
    matched = [k for k in kinds if k != "no matched event"]
    n, k = len(kinds), len(matched)
    return [name, n, ratio(kinds.count("exact"), n),
            ratio(kinds.count("exact") + kinds.count("within 20%"), n), ratio(anywhere, n),
            ratio(k, n), ratio(matched.count("exact"), k),
            ratio(matched.count("exact") + matched.count("within 20%"), k),
            ratio(matched.count("null"), k), ratio(matched.count("zero"), k),
            ratio(sum(x in ("too low", "too high", "within 20%") for x in matched), k)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_options(parser)
    args = parser.parse_args(argv)
    if require("muc4") is None:
        return 0
    rows, everything, anywhere = [], [], 0
    for split in MUC_SPLITS:
        incidents, events = load_split(split, limit=args.limit, cache=args.cache, workers=args.workers)
        matches = [m for m in match_all(incidents, events) if m.incident.killed and not m.incident.optional]
        everything += matches
        found = sum(any_exact(m, events) for m in matches)
        anywhere += found
        rows.append(row(split, matches, found))
    rows.append(row("all", everything, anywhere))
    print("## MUC-4 fatalities (incidents whose key gives the number killed)\n")
    print_table(["split", "incidents", "exact", "within ±20%", "any typed event of the article exact",
                 "matched", "exact, of matched", "±20%, of matched", "null, of matched", "0, of matched",
                 "other wrong number, of matched"], rows)
    classes = defaultdict(list)
    for m in everything:
        kind = outcome(m)
        if kind != "exact":
            low, high = m.incident.killed
            gold = str(low) if low == high else f"{low}-{high}"
            text = short((m.event or {}).get("evidence", {}).get("text", ""), 110)
            classes[kind].append(f"{m.incident.doc_id} #{m.incident.template} {m.incident.type} gold {gold} | "
                                 f"ours {(m.event or {}).get('fatalities')} | {text}")
    print("\nerror classes:")
    for kind, examples in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print(f"  {kind}: {len(examples)}")
        for example in examples[:3] if args.errors else []:
            print(f"      - {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
