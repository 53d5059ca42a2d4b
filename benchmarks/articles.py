"""Whole-article precision and recall of eventwire on the annotated articles (issue #15).

The gold is ``benchmarks/annotations/gold.jsonl`` (473 articles: 368 tune, 105 check; every sentence annotated: see
annotations/GUIDELINES.md); the articles are those of annotations/selection.py, run through the shared runner
(``_data.extract_items``: clean -> extract_articles). gva and Wikinews articles are given with their title as the
first line (as a user would feed a page); offsets are mapped back into the annotated raw text.

- **precision**: an asserted event is right when its evidence sentence is annotated as reporting a real event of
  its type (gold factuality asserted or claimed; ``strict`` = asserted only). The evidence is placed in the raw text
  through the cleaner's offset map, else by whitespace-normalised search; it is right when any annotated sentence
  it overlaps has the type.
- **recall**: annotated asserted (sentence, type) pairs found by an asserted event of that type whose evidence or
  one of whose merged mentions overlaps the sentence.
- **calibration**: expected calibration error of ``confidence`` over the asserted events (10 equal-width bins) and
  precision at confidence >= 0.8.
- **actors**: among right events whose gold event names an actor (recipient), the share whose actor text shares at
  least half of the gold span's content words or its head, and the share with an empty actor list.

    PYTHONPATH=src python benchmarks/articles.py --cache /tmp/eventwire-bench            # check half
    PYTHONPATH=src python benchmarks/articles.py --half all --errors --cache /tmp/eventwire-bench
    PYTHONPATH=src python benchmarks/articles.py --groups AB --cache /tmp/eventwire-bench  # round 1's 32 check articles
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "annotations"))

from _data import Item, add_common_options, extract_items, print_table, ratio, short  # noqa: E402
from selection import Selected, selected  # noqa: E402

GOLD = HERE / "annotations" / "gold.jsonl"
SENTENCES = HERE / "annotations" / "sentences.jsonl"
REAL = ("asserted", "claimed")
STOP = frozenset("""a an the of in on at to for from by with and or but his her its their our your my this that these
those who which whose he she it they them him we you i as is was were be been being mr mrs ms dr s""".split())


@dataclass(frozen=True)
class Placed:
    """An emitted event placed in the annotated raw text."""

    article: str
    event: dict
    span: tuple[int, int] | None  # evidence in raw-text offsets (None: not found)
    sentences: frozenset[int]  # annotated sentences the evidence overlaps
    mention_sentences: frozenset[int]  # ... that the evidence or a merged mention overlaps


def load_jsonl(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in (json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip())}


def prefix_of(article: Selected) -> str:
    """What is put before the annotated text: the title line, for sources that have one."""
    title = _titles().get(article.id)
    return f"{title}\n\n" if title else ""


_TITLE_CACHE: dict[str, str] = {}


def _titles() -> dict[str, str]:
    if not _TITLE_CACHE:
        import gzip

        from _data import DATA

        wanted = {a.id for a in selected() if a.source in ("gva", "wikinews")}
        with gzip.open(DATA / "gva" / "docs.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                if doc["doc_id"] in wanted and (doc.get("title") or "").strip():
                    _TITLE_CACHE[doc["doc_id"]] = " ".join(doc["title"].split())
        for path in (DATA / "wikinews").glob("*.json"):
            doc = json.loads(path.read_text(encoding="utf-8"))
            if doc["id"] in wanted and (doc.get("title") or "").strip():
                _TITLE_CACHE[doc["id"]] = " ".join(doc["title"].split())
        _TITLE_CACHE.setdefault("", "")
    return _TITLE_CACHE


def _normalise(text: str) -> tuple[str, list[int]]:
    """``text`` with every whitespace run made one space, and the index in ``text`` of each kept character."""
    out, index, space = [], [], False
    for k, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                index.append(k)
            space = True
        else:
            out.append(ch)
            index.append(k)
            space = False
    return "".join(out), index


def locate(raw: str, text: str, near: int) -> tuple[int, int] | None:
    """Raw-text span of ``text`` (whitespace-normalised search; the occurrence nearest ``near``)."""
    norm_raw, index = _normalise(raw)
    needle = " ".join(text.split())
    if not needle:
        return None
    hits = [m.start() for m in re.finditer(re.escape(needle), norm_raw)]
    if not hits:
        head = needle[:60]
        hits = [m.start() for m in re.finditer(re.escape(head), norm_raw)]
        if not hits:
            return None
        length = len(head)
    else:
        length = len(needle)
    best = min(hits, key=lambda h: abs(index[h] - near))
    return index[best], index[best + length - 1] + 1


def place_spans(article: Selected, texts: list[tuple[str, int, int]]) -> list[tuple[int, int] | None]:
    """Raw-text spans of (text, body start, body end) triples of the article's body."""
    from eventwire.read.clean import clean
    from eventwire.read.files import document_from_text

    prefix = prefix_of(article)
    cleaned = clean(document_from_text(prefix + article.text, id=article.id, published=article.published))
    full = prefix + article.text
    out = []
    for text, start, end in texts:
        raw_start, raw_end = cleaned.raw_offset(start), cleaned.raw_offset(end)
        span = None
        if 0 <= raw_start < raw_end <= len(full) and " ".join(full[raw_start:raw_end].split()) == " ".join(text.split()):
            span = (raw_start, raw_end)
        else:
            span = locate(full, text, raw_start)
        if span is not None:
            span = (span[0] - len(prefix), span[1] - len(prefix))
            if span[1] <= 0:
                span = None  # in the title line, which is not annotated
            else:
                span = (max(span[0], 0), span[1])
        out.append(span)
    return out


def overlapping(span: tuple[int, int] | None, sentences: list[list[int]]) -> frozenset[int]:
    if span is None:
        return frozenset()
    return frozenset(k for k, (s, e) in enumerate(sentences) if s < span[1] and span[0] < e)


def place_events(articles: list[Selected], found: dict[str, list[dict]], bounds: dict[str, dict]) -> list[Placed]:
    placed = []
    for article in articles:
        events = found.get(article.id, [])
        if not events:
            continue
        sentences = bounds[article.id]["sentences"]
        triples = []
        for ev in events:
            triples.append((ev["evidence"]["text"], ev["evidence"]["start"], ev["evidence"]["end"]))
            triples.extend((m["text"], m["start"], m["end"]) for m in ev.get("mentions") or ())
        spans = iter(place_spans(article, triples))
        for ev in events:
            evidence = next(spans)
            others = [next(spans) for _ in ev.get("mentions") or ()]
            own = overlapping(evidence, sentences)
            merged = own.union(*(overlapping(s, sentences) for s in others))
            placed.append(Placed(article.id, ev, evidence, own, merged))
    return placed


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP]


POSTMODIFIER = re.compile(r"\s(?:of|from|in|at|on|for|with|who|which|that)\s|[,(\[]", re.I)


def head_word(span: str) -> str | None:
    """The head of an English noun phrase, roughly: its last content word before a post-modifier
    ("the deputies of M5S" -> deputies, "John Smith, 24" -> smith)."""
    words = content_words(POSTMODIFIER.split(" " + span, maxsplit=1)[0])
    return words[-1] if words else None


def actor_matches(predicted: list[dict], gold_spans: list[list[int]], raw: str) -> bool:
    """Some predicted actor text shares at least half of some gold span's content words, or its head."""
    for s, e in gold_spans:
        gold = content_words(raw[s:e])
        if not gold:
            continue
        head = head_word(raw[s:e]) or gold[-1]
        for actor in predicted:
            words = set(content_words(actor.get("text") or "")) | set(content_words(actor.get("name") or ""))
            if head in words or len(words & set(gold)) * 2 >= len(gold):
                return True
    return False


def ece(pairs: list[tuple[float, bool]], bins: int = 10) -> float | None:
    if not pairs:
        return None
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        members = [(c, r) for c, r in pairs if (lo <= c < hi) or (b == bins - 1 and c == 1.0)]
        if members:
            conf = sum(c for c, _ in members) / len(members)
            acc = sum(r for _, r in members) / len(members)
            total += len(members) / len(pairs) * abs(acc - conf)
    return total


def gold_types(gold: dict, k: int, factualities=REAL) -> set[str]:
    return {e["type"] for e in gold["sentences"][k]["events"] if e["factuality"] in factualities}


def evaluate(articles: list[Selected], found: dict[str, list[dict]], *, errors: bool = False) -> dict:
    gold, bounds = load_jsonl(GOLD), load_jsonl(SENTENCES)
    texts = {a.id: a for a in articles}
    placed = place_events(articles, found, bounds)
    asserted = [p for p in placed if p.event["factuality"] == "asserted"]
    per_type = defaultdict(Counter)
    per_source = defaultdict(Counter)
    calib, actor_stats, wrong, unplaced, actor_misses = [], Counter(), [], 0, []
    for p in asserted:
        t, g = p.event["type"], gold[p.article]
        if p.span is None:
            unplaced += 1
        right = any(t in gold_types(g, k) for k in p.sentences)
        strict = any(t in gold_types(g, k, ("asserted",)) for k in p.sentences)
        source = texts[p.article].source
        for table, key in ((per_type, t), (per_type, "all"), (per_source, source)):
            table[key]["emitted"] += 1
            table[key]["right"] += right
            table[key]["strict"] += strict
        calib.append((float(p.event.get("confidence") or 0.0), right))
        if not right:
            wrong.append(p)
            continue
        gold_events = [e for k in sorted(p.sentences) for e in g["sentences"][k]["events"]
                       if e["type"] == t and e["factuality"] in REAL]
        raw = texts[p.article].text
        for role in ("actor", "recipient"):
            named = [e for e in gold_events if e[role]]
            if not named:
                continue
            actor_stats[f"{role} named"] += 1
            predicted = p.event.get(role) or []
            if not predicted:
                actor_stats[f"{role} empty"] += 1
            elif any(actor_matches(predicted, e[role], raw) for e in named):
                actor_stats[f"{role} right"] += 1
                continue
            golds = " | ".join(raw[s:e] for ev in named for s, e in ev[role])
            ours = ", ".join(a.get("text") or a.get("name") or "" for a in predicted) or "-"
            actor_misses.append(f"{role:9} {t:9} {p.article}: gold {golds!r} ours {ours!r}\n"
                                f"            in: {short(p.event['evidence']['text'], 160)}")
    missed = []
    for article in articles:
        g = gold[article.id]
        mine = [p for p in asserted if p.article == article.id]
        for s in g["sentences"]:
            for t in {e["type"] for e in s["events"] if e["factuality"] == "asserted"}:
                hit = any(p.event["type"] == t and s["i"] in p.mention_sentences for p in mine)
                for table, key in ((per_type, t), (per_type, "all"), (per_source, article.source)):
                    table[key]["gold"] += 1
                    table[key]["found"] += hit
                if not hit:
                    missed.append((article.id, s["i"], t))
    report(articles, per_type, per_source, calib, actor_stats, unplaced, len(placed))
    if errors:
        print_breakdown(wrong, asserted, gold, {a.id: a.source for a in articles})
        print_errors(wrong, missed, texts, bounds)
        print(f"actor and recipient misses of right events ({len(actor_misses)}):")
        for row in actor_misses:
            print("  " + row)
    c_all = per_type["all"]
    return {"precision": c_all["right"] / c_all["emitted"] if c_all["emitted"] else None,
            "recall": c_all["found"] / c_all["gold"] if c_all["gold"] else None, "ece": ece(calib),
            "emitted": c_all["emitted"], "gold": c_all["gold"]}


def report(articles, per_type, per_source, calib, actor_stats, unplaced, n_placed) -> None:
    halves = Counter(a.half for a in articles)
    print(f"articles: {len(articles)} ({', '.join(f'{h} {n}' for h, n in sorted(halves.items()))}); events emitted "
          f"{n_placed}, asserted {per_type['all']['emitted']} ({unplaced} whose evidence was not found in the text)")
    print()
    rows = []
    for t in sorted((k for k in per_type if k != "all"), key=lambda k: (-per_type[k]["gold"], k)) + ["all"]:
        c = per_type[t]
        rows.append((t, ratio(c["right"], c["emitted"]), ratio(c["strict"], c["emitted"]), ratio(c["found"], c["gold"])))
    print_table(("type", "precision (asserted/claimed gold)", "strict (asserted gold)", "recall (asserted gold)"), rows)
    print()
    print_table(("source", "precision", "recall"),
                [(s, ratio(c["right"], c["emitted"]), ratio(c["found"], c["gold"])) for s, c in sorted(per_source.items())])
    print()
    value = ece(calib)
    high = [r for c, r in calib if c >= 0.8]
    print(f"calibration: ECE {'-' if value is None else f'{value:.3f}'} (10 equal-width bins, {len(calib)} asserted "
          f"events); precision at confidence >= 0.8: {ratio(sum(high), len(high))}")
    print_table(("confidence", "asserted events", "mean confidence", "precision"),
                [(f"{lo / 10:.1f}-{(lo + 1) / 10:.1f}", len(m), f"{sum(c for c, _ in m) / len(m):.3f}",
                  ratio(sum(r for _, r in m), len(m)))
                 for lo in range(10) for m in [[(c, r) for c, r in calib if lo <= c * 10 < lo + 1 or lo == 9 and c == 1]]
                 if m])
    for role in ("actor", "recipient"):
        n = actor_stats[f"{role} named"]
        print(f"{role}s of right events whose gold names one: right {ratio(actor_stats[f'{role} right'], n)}, "
              f"empty {ratio(actor_stats[f'{role} empty'], n)}")


NON_ASSERTED = ("denied", "negated", "hypothetical", "future")


def error_class(p: Placed, g: dict) -> tuple[str, tuple[str, ...]]:
    """Why a wrong asserted event is wrong, and the gold types of its sentences that are not its own.

    - ``unplaced``: its evidence lies in no annotated sentence (the title line, or not found in the text);
    - ``factuality``: a sentence holds an event of its type that the gold marks denied, negated, hypothetical
      or future (the type is right, the assertion is not);
    - ``type``: a sentence holds a real (asserted or claimed) event of another type only;
    - ``no event``: no sentence it overlaps holds any annotated event (generic, background, opinion...);
    - ``other``: a sentence holds only non-real events of other types.
    """
    if not p.sentences:
        return "unplaced", ()
    t = p.event["type"]
    if any(t in gold_types(g, k, NON_ASSERTED) for k in p.sentences):
        return "factuality", ()
    others = tuple(sorted({x for k in p.sentences for x in gold_types(g, k)}))
    if others:
        return "type", others
    if any(g["sentences"][k]["events"] for k in p.sentences):
        return "other", ()
    return "no event", ()


def print_breakdown(wrong: list[Placed], asserted: list[Placed], gold: dict, sources: dict[str, str]) -> None:
    """The wrong asserted events by :func:`error_class`, the *no event* class by our type and source (``sources``:
    article id -> source), the type confusions (ours -> gold), and duplicates: several asserted events of one type
    whose evidence lies in the same sentences (each is scored on its own, so duplicates of a right event add right
    ones and duplicates of a wrong event add wrong ones)."""
    classes, confusion, empty = Counter(), Counter(), Counter()
    for p in wrong:
        name, others = error_class(p, gold[p.article])
        classes[name] += 1
        for o in others:
            confusion[(p.event["type"], o)] += 1
        if name == "no event":
            empty[(p.event["type"], sources.get(p.article, "-"))] += 1
    print()
    print(f"wrong asserted events by class ({len(wrong)}):")
    print_table(("class", "wrong events"), [(k, n) for k, n in classes.most_common()])
    print()
    print("the no-event class by our type and source:")
    names = sorted({s for _, s in empty})
    types = sorted({t for t, _ in empty}, key=lambda t: (-sum(n for (u, _), n in empty.items() if u == t), t))
    print_table(("type", *names, "all"), [(t, *(empty[(t, s)] for s in names), sum(empty[(t, s)] for s in names))
                                          for t in types])
    print()
    print("type errors, ours -> gold (an event counts once per gold type of its sentences):")
    print_table(("ours", "gold", "events"), [(a, b, n) for (a, b), n in confusion.most_common(25)])
    groups = defaultdict(list)
    for p in asserted:
        if p.sentences:
            groups[(p.article, p.event["type"], p.sentences)].append(p)
    wrong_ids = {id(p) for p in wrong}
    extra = [q for ps in groups.values() if len(ps) > 1 for q in ps[1:]]
    print()
    print(f"duplicates (asserted events of one type on the same sentences beyond the first): {len(extra)}, of "
          f"which wrong {sum(id(q) in wrong_ids for q in extra)}; groups {sum(len(ps) > 1 for ps in groups.values())}")


def print_errors(wrong: list[Placed], missed: list[tuple[str, int, str]], texts, bounds) -> None:
    print()
    print(f"wrong asserted events ({len(wrong)}; at most 25):")
    for p in wrong[:25]:
        print(f"  {p.event['type']:9} {p.event.get('confidence', 0):.2f} {p.article} s{sorted(p.sentences)}: "
              f"{short(p.event['evidence']['text'], 130)}")
    print(f"missed annotated events ({len(missed)}; at most 25):")
    for article_id, k, t in missed[:25]:
        s, e = bounds[article_id]["sentences"][k]
        print(f"  {t:9} {article_id} s{k}: {short(texts[article_id].text[s:e], 130)}")


def ceiling(articles: list[Selected], found: dict[str, list[dict]], *, errors: bool = False) -> dict[str, Counter]:
    """The candidate ceiling: annotated asserted (sentence, type) pairs that some rules candidate (the learned
    layers off; any factuality) of that type reaches, by its evidence or a merged mention -- the recall no filter
    can exceed. With ``errors``, every pair no candidate reaches, by type (to read on the tune half only)."""
    gold, bounds = load_jsonl(GOLD), load_jsonl(SENTENCES)
    placed = place_events(articles, found, bounds)
    counts, unreached = defaultdict(Counter), []
    for article in articles:
        mine = [p for p in placed if p.article == article.id]
        for s in gold[article.id]["sentences"]:
            for t in sorted({e["type"] for e in s["events"] if e["factuality"] == "asserted"}):
                hit = any(p.event["type"] == t and s["i"] in p.mention_sentences for p in mine)
                for key in (t, "all"):
                    counts[key]["gold"] += 1
                    counts[key]["reached"] += hit
                if not hit:
                    others = sorted({p.event["type"] for p in mine if s["i"] in p.mention_sentences})
                    unreached.append((t, article.id, s["i"], others))
    print(f"candidate ceiling ({len(articles)} articles; rules candidates, learned layers off):")
    print_table(("type", "annotated asserted pairs", "reached by a candidate of the type"),
                [(t, counts[t]["gold"], ratio(counts[t]["reached"], counts[t]["gold"]))
                 for t in sorted((k for k in counts if k != "all"), key=lambda k: (-counts[k]["gold"], k)) + ["all"]])
    if errors:
        texts = {a.id: a.text for a in articles}
        print(f"\nannotated asserted pairs no candidate of the type reaches ({len(unreached)}):")
        for t, article_id, k, others in sorted(unreached):
            s, e = bounds[article_id]["sentences"][k]
            print(f"  {t:9} {article_id} s{k} [{','.join(others) or '-'}]: {short(texts[article_id][s:e], 220)}")
    return counts


def items_for(articles: list[Selected]) -> list[Item]:
    return [Item(a.id, prefix_of(a) + a.text, a.published) for a in articles]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "check", "all"), default="check")
    parser.add_argument("--groups", default="", help="only the articles of these annotation groups (AB: round 1, the "
                        "32 check articles quoted before session 12; see annotations/selection.py ROUNDS)")
    parser.add_argument("--ceiling", action="store_true", help="print the candidate ceiling instead (the rules' "
                        "candidates, learned layers off; cached as the event filter's training script caches them)")
    add_common_options(parser)
    args = parser.parse_args(argv)
    annotated = set(load_jsonl(GOLD))
    articles = [a for a in selected() if (args.half == "all" or a.half == args.half) and a.id in annotated
                and (not args.groups or a.group in args.groups)]
    if args.limit:
        articles = articles[:args.limit]
    if args.ceiling:
        import _corpora

        wanted = {a.id for a in articles}
        docs = [d for d in _corpora.articles(args.half) if d.id in wanted]
        records = _corpora.candidates("articles", docs, cache=args.cache, workers=args.workers)
        print(f"# Candidate ceiling, {args.half} half")
        ceiling(articles, {r["id"]: r["events"] for r in records}, errors=args.errors)
        return 0
    found = extract_items(items_for(articles), label=f"articles-{args.half}", cache=args.cache, workers=args.workers)
    print(f"# Whole-article events, {args.half} half (gold: benchmarks/annotations/gold.jsonl)")
    evaluate(articles, found, errors=args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
