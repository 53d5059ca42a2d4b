#!/usr/bin/env python3
"""Who did what to whom: the actor and recipient eventwire gives, against hand-marked source/target spans.

Tune and check halves (``benchmarks/split.py``) of three sets in ../shared/data:

1. Multi-CoPED ``multicoped_cameo/actors_train.conll`` (unit: sentence number): the tokens joined as running text
   (``actors.detokenize``) go through the whole pipeline (``_data.extract_items``, cached with ``--cache``).
2. PLOVER zero-shot ``plover_zsp/PLV_train.tsv`` (unit: row number): the sentence, with ``<s>source</s>`` and
   ``<t>target</t>`` read from the marked sentence.
3. PLOVER gold standard ``plover_gsr`` (unit: record id): actor country and sector of the pipeline's event (the
   event of the gold type, else the most confident), as in ``events.py``; and of ``resolve_np`` on the gold
   actor text, as in ``actors.py`` (resolution alone).

Span measures: of one sentence the event scored is the one the gold pair belongs to (``chosen_event``: among the
events of the gold PLOVER type, or of the gold quad class of ``class_train.tsv``, else among all, the one whose
trigger stands highest in the parse, then asserted, then the most confident); a gold span is **right** when some
actor (recipient) of that event shares at least half of the gold span's content words or its head
(``articles.actor_matches``: the whole-article benchmark's rule). A sentence without an event counts as wrong;
the share of gold spans whose event has an empty actor (recipient) list is printed beside, and the share right in
some event of the sentence (an upper bound). Multi-CoPED ``R`` spans (both roles) count for both.

    PYTHONPATH=src python benchmarks/actor_spans.py --cache /tmp/eventwire-bench [--errors] [--only coped,zsp,gsr]

A measurement, not a test.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "annotations"))

from _data import (DATA, QUAD_OF_CLASS, Item, add_common_options, coped_sentences, coped_spans,  # noqa: E402
                   extract_items, plover_records, print_table, ratio, require, sentence_key, short)
from actors import CODE_TYPOS, SECTOR_MAP, detokenize  # noqa: E402
from articles import actor_matches  # noqa: E402
from events import OLD_TYPES, best, iso3  # noqa: E402
from split import CHECK, TUNE, half  # noqa: E402

HALVES = (TUNE, CHECK)
ROLES = (("actor", "source"), ("recipient", "target"))


class Tally:
    """Per half and role: gold spans, right, empty list, no event; a few wrong examples."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self.wrong: dict[tuple[str, str], list[str]] = defaultdict(list)

    def add(self, which: str, role: str, event: dict | None, gold: list[tuple[int, int]], text: str) -> None:
        c = self.counts[(which, role)]
        c["gold"] += 1
        predicted = (event or {}).get(role) or []
        if event is None:
            c["no event"] += 1
        elif not predicted:
            c["empty"] += 1
        if predicted and actor_matches(predicted, [list(g) for g in gold], text):
            c["right"] += 1
        elif which == TUNE:
            ours = ", ".join(a.get("text") or "" for a in predicted) or ("no event" if event is None else "-")
            golds = " | ".join(text[s:e] for s, e in gold)
            self.wrong[(which, role)].append(f"{short(text, 120)} || gold {golds!r} ours {ours!r}")

    def any_event(self, which: str, spans: dict, events: list[dict], text: str) -> None:
        """Upper bound: some event of the sentence has a right actor (recipient)."""
        for role, _ in ROLES:
            if spans[role]:
                self.counts[(which, role)]["any"] += any(
                    e.get(role) and actor_matches(e[role], [list(g) for g in spans[role]], text) for e in events)

    def rows(self, name: str) -> list[list[str]]:
        out = []
        for role, _ in ROLES:
            for which in HALVES:
                c = self.counts[(which, role)]
                out.append([name, role, which, ratio(c["right"], c["gold"]), ratio(c["empty"], c["gold"]),
                            ratio(c["no event"], c["gold"]), ratio(c["any"], c["gold"])])
        return out


def chosen_event(events: list[dict], doc, *, types: frozenset[str] = frozenset(), quad: str | None = None
                 ) -> dict | None:
    """The event the gold pair belongs to: among the events of the gold type (PLOVER) or quad class (Multi-CoPED),
    else among all, the one whose trigger stands highest in the sentence's parse (the main clause's event), then
    the asserted, then the most confident."""
    pool = [e for e in events if e["type"] in types or e.get("quad_class") == quad] or events
    if not pool:
        return None
    return min(pool, key=lambda e: (_depth(doc, e["evidence"]["trigger"]), e.get("factuality") != "asserted",
                                    -(e.get("confidence") or 0)))


def _depth(doc, trigger: str) -> int:
    """Ancestors of the trigger's first word in ``doc`` (99 when it is not found)."""
    word = (trigger.split() or [""])[0]
    at = doc.text.find(word) if word else -1
    span = doc.char_span(at, at + len(word), alignment_mode="expand") if at >= 0 else None
    return sum(1 for _ in span[0].ancestors) if span is not None and len(span) else 99


# ---- Multi-CoPED ----------------------------------------------------------------------------------------


def _conll_spans(tags) -> list[tuple[str, int, int]]:
    out, start, role = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == role):
            out.append((role, start, i))
            start = None
        if start is None and tag[:2] in ("B-", "I-"):
            start, role = i, tag[2:]
    return out


def coped(args, tally: Tally) -> None:
    if require("multicoped_cameo") is None:
        return
    sentences = coped_spans()[:args.limit]
    items, golds = [], []
    for k, sent in enumerate(sentences):
        text, starts = detokenize(sent.tokens)
        spans = {"actor": [], "recipient": []}
        for role, lo, hi in _conll_spans(sent.tags):
            span = (starts[lo], starts[hi - 1] + len(sent.tokens[hi - 1]))
            if role in ("S", "R"):
                spans["actor"].append(span)
            if role in ("T", "R"):
                spans["recipient"].append(span)
        items.append(Item(f"conll-{k:04d}", text))
        golds.append((k, text, spans))
    found = extract_items(items, label="coped-conll", cache=args.cache, workers=args.workers)
    quads = {sentence_key(s.text): QUAD_OF_CLASS[s.label] for s in coped_sentences()}
    for item, (k, text, spans), doc in zip(items, golds, args.nlp.pipe([i.text for i in items], batch_size=64)):
        event = chosen_event(found[item.id], doc, quad=quads.get(sentence_key(text)))
        tally.any_event(half("multicoped", k), spans, found[item.id], text)
        for role, _ in ROLES:
            if spans[role]:
                tally.add(half("multicoped", k), role, event, spans[role], text)


# ---- PLOVER zero-shot -----------------------------------------------------------------------------------

MARK = re.compile(r"<(/?)([st])>")


def zsp_rows() -> list[tuple[int, str, dict[str, list[tuple[int, int]]], str]]:
    """(row number, text without marks, {"actor": [spans], "recipient": [spans]}, gold_root) of PLV_train.tsv."""
    out = []
    with open(DATA / "plover_zsp" / "PLV_train.tsv", encoding="utf-8", newline="") as handle:
        for k, row in enumerate(csv.DictReader(handle, delimiter="\t")):
            marked = row["marked_sentence"]
            text, opened, spans, at = [], {}, {"actor": [], "recipient": []}, 0
            pos = 0
            for m in MARK.finditer(marked):
                chunk = marked[at:m.start()]
                text.append(chunk)
                pos += len(chunk)
                at = m.end()
                role = "actor" if m.group(2) == "s" else "recipient"
                if m.group(1):
                    if role in opened:
                        spans[role].append((opened.pop(role), pos))
                else:
                    opened[role] = pos
            text.append(marked[at:])
            plain = "".join(text)
            spans = {r: [_trimmed(plain, s, e) for s, e in v if plain[s:e].strip()] for r, v in spans.items()}
            out.append((k, plain, spans, row["gold_root"]))
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without the spaces at either end of ``text[start:end]``."""
    part = text[start:end]
    return start + len(part) - len(part.lstrip()), end - len(part) + len(part.rstrip())


def zsp(args, tally: Tally) -> None:
    if require("plover_zsp") is None:
        return
    rows = zsp_rows()[:args.limit]
    texts = sorted({text for _, text, _, _ in rows})
    ids = {text: f"zsp-{n:04d}" for n, text in enumerate(texts)}
    found = extract_items([Item(ids[t], t) for t in texts], label="zsp", cache=args.cache, workers=args.workers)
    docs = dict(zip(texts, args.nlp.pipe(texts, batch_size=64)))
    for k, text, spans, gold_type in rows:
        types = frozenset({"CONCEDE", "RETREAT"} if gold_type == "YIELD" else {gold_type})
        event = chosen_event(found[ids[text]], docs[text], types=types)
        tally.any_event(half("plover_zsp", k), spans, found[ids[text]], text)
        for role, _ in ROLES:
            if spans[role]:
                tally.add(half("plover_zsp", k), role, event, spans[role], text)


# ---- PLOVER gold standard: country and sector -----------------------------------------------------------


def gsr(args) -> list[list[str]]:
    if require("plover_gsr") is None:
        return []
    from actors import find_span, gold_sector, resolve_gold

    from eventwire.actors.resolve import PersonMemory

    records = plover_records()[:args.limit]
    found = extract_items([Item(r.id, r.text) for r in records], label="plover", cache=args.cache,
                          workers=args.workers)
    nlp = args.nlp
    tally: dict[tuple[str, str], Counter] = defaultdict(Counter)
    misses: dict[str, Counter] = {"country": Counter(), "sector": Counter()}
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    confusion: dict[str, Counter] = {"country": Counter(), "sector": Counter()}
    for record in records:
        which = half("plover_gsr", record.id)
        gold_type = OLD_TYPES.get(record.type, record.type)
        event = best(found[record.id], type_=gold_type) or best(found[record.id])
        doc = nlp(record.text)
        memory = PersonMemory.from_doc(doc)
        for key, role in ROLES:
            ours = (event or {}).get(key) or []
            for g in getattr(record, role):
                code = CODE_TYPOS.get(g.code or "", g.code)
                want = gold_sector(code, g.sector)
                span = find_span(doc, g.text) if g.text else None
                alone = resolve_gold(span, memory) if span is not None and len(span) else None
                c = tally[(which, key)]
                if iso3(code):
                    c["country n"] += 1
                    c["country event"] += code in {a.get("country") for a in ours}
                    c["country resolved"] += bool(alone and alone.country == code)
                if want is not None:
                    c["sector n"] += 1
                    ok_ours = {a.get("sector") for a in ours}
                    c["sector event"] += want in ok_ours or code in ("IGO", "NGO") and code in ok_ours
                    got = alone.sector if alone else None
                    c["sector resolved"] += got == want or code in ("IGO", "NGO") and got == code
                if which == TUNE and args.errors:
                    _gsr_miss(record, event, ours, g, code, want, misses, examples, confusion)
    if args.errors:
        _print_gsr_misses(misses, examples, confusion)
    rows = []
    for key, _ in ROLES:
        for which in HALVES:
            c = tally[(which, key)]
            rows.append([key, which, ratio(c["country event"], c["country n"]),
                         ratio(c["country resolved"], c["country n"]), ratio(c["sector event"], c["sector n"]),
                         ratio(c["sector resolved"], c["sector n"])])
    return rows


def _gsr_miss(record, event, ours, g, code, want, misses, examples, confusion) -> None:
    """Tune half: classify a missed country (sector) of one gold actor as no event / no actor found (the list
    empty) / wrong entity (no actor of ours shares the gold text's words) / right entity, wrong country
    (sector); count the confusion gold -> ours of the right entity."""
    from articles import content_words

    gold_words = set(content_words(g.text or ""))
    same = [a for a in ours if gold_words & (set(content_words(a.get("text") or ""))
                                             | set(content_words(a.get("name") or "")))]
    for measure, gold, ok in (("country", code if iso3(code) else None,
                               lambda a: a.get("country") == code),
                              ("sector", want, lambda a: a.get("sector") == want
                               or code in ("IGO", "NGO") and a.get("sector") == code)):
        if gold is None or any(ok(a) for a in ours):
            continue
        if event is None:
            kind = "no event"
        elif not ours:
            kind = "no actor found"
        elif not same:
            kind = "wrong entity"
        else:
            kind = f"right entity, wrong {measure}"
            confusion[measure][(gold, same[0].get(measure))] += 1
        misses[measure][kind] += 1
        got = ", ".join(f"{a.get('text')}={a.get(measure)}" for a in ours) or "-"
        examples[(measure, kind)].append(f"[{record.id}] {short(record.text, 110)} || gold {g.text!r}={gold} "
                                         f"ours {got}")


def _print_gsr_misses(misses, examples, confusion) -> None:
    for measure in ("country", "sector"):
        print(f"\nGSR {measure} misses on the tune half:",
              ", ".join(f"{k} {n}" for k, n in misses[measure].most_common()))
        print(f"  right entity, confusion gold -> ours:",
              ", ".join(f"{a}->{b} {n}" for (a, b), n in confusion[measure].most_common()))
        for (m, kind), rows in sorted(examples.items()):
            if m == measure:
                print(f"  {kind}:")
                for row in rows:
                    print("    " + row)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_options(parser)
    parser.add_argument("--only", default="coped,zsp,gsr", help="comma-separated sections to run")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    from eventwire.nlp.model import load_nlp

    args.nlp = load_nlp()
    tallies = {}
    for name, run in (("coped", coped), ("zsp", zsp)):
        if name in only:
            tallies[name] = Tally()
            run(args, tallies[name])
    if tallies:
        print("## actor and recipient spans (right: shares half the gold span's content words, or its head)\n")
        print_table(["set", "role", "half", "right", "empty list", "no event", "right in some event"],
                    [row for name, t in tallies.items() for row in t.rows(name)])
    if "gsr" in only:
        rows = gsr(args)
        if rows:
            print("\n## PLOVER GSR actor country and sector (event: the pipeline's event; resolved: the gold text "
                  "resolved alone)\n")
            print_table(["role", "half", "country (event)", "country (resolved)", "sector (event)",
                         "sector (resolved)"], rows)
    if args.errors:
        for name, t in tallies.items():
            for (which, role), rows in t.wrong.items():
                print(f"\n{name} {role} wrong on the tune half ({len(rows)}; 40 shown):")
                for row in rows[:40]:
                    print("  " + row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
