#!/usr/bin/env python3
"""Only real events: the learned event-ness layer, before (the rules' candidates) and after (kept by the model),
on the CHECK halves (benchmarks/split.py), which training never reads.

0. The annotated whole articles (benchmarks/annotations, check half): precision and recall of asserted events,
   ECE of ``confidence`` (targets >= 0.85, >= 0.70, <= 0.08), with benchmarks/articles.py's scoring.
1. BBC sport, entertainment and tech articles: asserted material-conflict events per article (target <= 0.05);
   politics and business articles for context (events there are mostly real).
2. MUC-4 (dev check half, tst1, tst2): incident recall (target >= 0.95), our material-conflict events that
   match no key incident.
3. The labelled candidates of the other corpora (the labels of benchmarks/_corpora.py): precision and recall
   of "kept", and the expected calibration error of ``confidence`` (10 equal-width bins).
4. With ``--lower``: places and actors found on a lower-cased copy of the MUC-4 dev check texts, against the
   texts as written.

Run: ``python benchmarks/eventness.py [--cache /tmp/ew-cands] [--workers 2] [--limit N] [--lower] [--weights F]``.
The "before" column is ``Resources(learned=False)``; "after" applies the packaged weights to the same
candidates (the layer only reads the rules' events), so one extraction serves both.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _corpora  # noqa: E402
from _data import print_table, ratio  # noqa: E402
from _muc import match_all, read_incidents  # noqa: E402

from eventwire.learn import article_bag, load_eventness  # noqa: E402
from eventwire.models import Article, Event  # noqa: E402

MATERIAL = "material-conflict"


def kept(records: list[dict], model) -> list[dict]:
    """The records with only the events the model keeps, their confidence the model's."""
    out = []
    for r in records:
        events = [Event.from_dict(e) for e in r["events"]]
        out.append(dict(r, events=[e.to_dict() for e in model.apply(events, r["body"], title=r["title"])]))
    return out


def per_article(records: list[dict], *, quad: str | None = MATERIAL) -> str:
    n = sum(e["factuality"] == "asserted" and (quad is None or e["quad_class"] == quad)
            for r in records for e in r["events"])
    return f"{n / max(len(records), 1):.3f} ({n}/{len(records)})"


def bbc(args, model) -> None:
    rows = []
    docs = list(_corpora.bbc("check", topics=_corpora.SPORT))[: args.limit]
    records = _corpora.candidates("bbc-check-sport", docs, cache=args.cache, workers=args.workers)
    others = []
    for topic in ("politics", "business"):  # context: events there are mostly real (the first 100 of each)
        some = list(_corpora.bbc("check", topics=(topic,)))[: min(args.limit or 100, 100)]
        others.append((topic, some, _corpora.candidates(f"bbc-check-{topic}", some, cache=args.cache,
                                                         workers=args.workers)))
    groups = [(t, [r for d, r in zip(docs, records) if d.info["topic"] == t]) for t in _corpora.SPORT]
    groups.append(("sport+entertainment+tech", records))
    groups += [(t, recs) for t, _d, recs in others]
    for topic, recs in groups:
        after = kept(recs, model)
        rows.append([topic, len(recs), per_article(recs), per_article(after),
                     per_article(recs, quad=None), per_article(after, quad=None)])
    print("\n## BBC check half: asserted events per article\n")
    print_table(["topics", "articles", "material conflict, before", "material conflict, after (target <= 0.05 "
                 "for sport+entertainment+tech)", "any type, before", "any type, after"], rows)


def muc(args, model) -> None:
    rows = []
    for split, which in (("dev", "check"), ("tst1", "all"), ("tst2", "all")):
        docs = list(_corpora.muc(which, split))[: args.limit]
        records = _corpora.candidates(f"muc-{split}-{which}", docs, cache=args.cache, workers=args.workers)
        incidents = read_incidents(split)
        for label, recs in (("before", records), ("after", kept(records, model))):
            events = {r["id"]: r["events"] for r in recs}
            matches = [m for m in match_all({k: v for k, v in incidents.items() if k in events}, events)
                       if not m.incident.optional]
            used = {id(m.event) for m in matches if m.event is not None}
            material = [e for evs in events.values() for e in evs if e["quad_class"] == MATERIAL]
            rows.append([f"{split} ({which})", label, len(docs), ratio(sum(m.event is not None for m in matches),
                                                                       len(matches)),
                         f"{sum(id(e) not in used for e in material)} of {len(material)}"])
    print("\n## MUC-4: incident recall (target >= 0.95)\n")
    print_table(["split", "layer", "texts", "incident recall (typed + anchored)",
                 "material-conflict events matching no incident"], rows)


def labelled(args, model) -> None:
    rows, all_pairs, all_keeps = [], [], []
    for name in ("plover_gsr", "plover_zsp", "coped", "gva", "timeml"):
        docs = list(_corpora.READERS[name]("check"))[: args.limit]
        records = _corpora.candidates(f"{name}-check", docs, cache=args.cache, workers=args.workers)
        pairs, keeps = [], []  # (label, weight, probability); kept by the model
        for doc, r in zip(docs, records):
            article = Article(id=r["id"], body=r["body"], title=r["title"], offsets=tuple(map(tuple, r["offsets"])))
            events = [Event.from_dict(e) for e in r["events"]]
            probs = model.probabilities(events, r["body"], title=r["title"])
            topic = model.topic(article_bag(r["body"]))
            for event, p in zip(r["events"], probs):
                found = _corpora.label(doc, event, article)
                if found is not None:
                    pairs.append((found[0], found[1], p))
                    keeps.append(p >= model.threshold_of(event["type"], topic))
        all_pairs += pairs
        all_keeps += keeps
        rows.append([name, *_scores(pairs, keeps)])
    rows.append(["all", *_scores(all_pairs, all_keeps)])
    print("\n## Labelled candidates of the check halves (labels: benchmarks/_corpora.py; weighted)\n")
    print_table(["corpus", "candidates (real/false)", "precision before", "precision after", "recall after",
                 "ECE of confidence", "precision at confidence >= 0.8"], rows)


def _scores(pairs, keeps: list[bool]) -> list[str]:
    if not pairs:
        return ["0", "-", "-", "-", "-", "-"]
    w = sum(wt for _, wt, _ in pairs)
    real = sum(wt for y, wt, _ in pairs if y)
    keep = [(y, wt) for (y, wt, _p), k in zip(pairs, keeps) if k]
    high = [(y, wt) for y, wt, p in pairs if p >= 0.8]
    precision_after = sum(wt for y, wt in keep if y) / max(sum(wt for _, wt in keep), 1e-9)
    recall = sum(wt for y, wt in keep if y) / max(real, 1e-9)
    return [f"{sum(y for y, _, _ in pairs)}/{sum(1 - y for y, _, _ in pairs)}", f"{real / w:.3f}",
            f"{precision_after:.3f}", f"{recall:.3f}", f"{ece(pairs):.3f}",
            f"{sum(wt for y, wt in high if y) / max(sum(wt for _, wt in high), 1e-9):.3f} ({len(high)})"]


def ece(pairs, bins: int = 10) -> float:
    """Expected calibration error (weighted; equal-width bins of confidence)."""
    total = sum(wt for _, wt, _ in pairs)
    error = 0.0
    for k in range(bins):
        inside = [(y, wt, p) for y, wt, p in pairs if k / bins <= p < (k + 1) / bins or (k == bins - 1 and p == 1)]
        if inside:
            mass = sum(wt for _, wt, _ in inside)
            error += mass / total * abs(sum(wt * y for y, wt, _ in inside) / mass
                                        - sum(wt * p for _, wt, p in inside) / mass)
    return error


def lower(args, model) -> None:
    docs = list(_corpora.muc("check", "dev"))[: args.limit or 150]
    lowered = [_corpora.Doc(d.dataset, d.id, d.text.lower(), d.published, d.title) for d in docs]
    rows = []
    for label, items in (("as written", docs), ("lower-cased", lowered)):
        records = kept(_corpora.candidates(f"muc-dev-check-{label[:5]}", items, cache=args.cache,
                                           workers=args.workers), model)
        events = [e for r in records for e in r["events"]]
        named = [e for e in events if e.get("location") and e["location"]["precision"] != "country"]
        actors = [e for e in events if any(a.get("country") for a in e["actor"] + e["recipient"])]
        rows.append([label, len(docs), len(events), ratio(len(named), len(events)), ratio(len(actors), len(events))])
    print("\n## Lower-cased text (MUC-4 dev check texts): places and actors still found\n")
    print_table(["text", "texts", "events kept", "with a place below country", "with an actor or recipient "
                 "of known country"], rows)


def articles(args, model) -> None:
    """Whole-article precision, recall and calibration (the annotated articles' check half), before and after."""
    module = _corpora._articles_module()
    if module is None:
        print("\n## Annotated whole articles: skipped (no benchmarks/annotations/gold.jsonl; set "
              "EVENTWIRE_ANNOTATIONS to the folder that holds it)")
        return
    docs = list(_corpora.articles("check"))[: args.limit]
    records = _corpora.candidates("articles-check", docs, cache=args.cache, workers=args.workers)
    chosen = [d.info["selected"] for d in docs]
    for label, recs in (("before (rules only)", records), ("after (event-ness layer)", kept(records, model))):
        print(f"\n## Annotated whole articles, check half: {label}\n")
        result = module.evaluate(chosen, {r["id"]: r["events"] for r in recs}, errors=args.errors)
        print(f"\nsummary {label}: precision {result['precision']:.3f}, recall {result['recall']:.3f}, "
              f"ECE {result['ece'] if result['ece'] is None else round(result['ece'], 3)} "
              f"(targets: >= 0.85, >= 0.70, <= 0.08)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None, help="folder (outside the repo) for candidates")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each set")
    parser.add_argument("--lower", action="store_true", help="also measure lower-cased MUC-4 texts")
    parser.add_argument("--only", default="articles,bbc,muc,labelled", help="sections: articles,bbc,muc,labelled")
    parser.add_argument("--errors", action="store_true", help="list wrong and missed events of the articles")
    parser.add_argument("--weights", type=Path, default=None, help="a weights file (default: the packaged one)")
    args = parser.parse_args(argv)
    model = load_eventness(args.weights)
    print(f"event-ness weights sha256 {model.sha256[:16]}…, threshold {model.threshold}, by type "
          f"{dict(model.type_thresholds) or '-'}, type offsets {dict(model.type_offsets) or '-'}, topic model {'yes' if model.topic_weights else 'no'}, "
          f"sport-like articles (topic cut, threshold) {model.sport_threshold}")
    t0 = time.perf_counter()
    sections = {"articles": articles, "bbc": bbc, "muc": muc, "labelled": labelled}
    for name in args.only.split(","):
        sections[name](args, model)
    if args.lower:
        lower(args, model)
    print(f"\n({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
