#!/usr/bin/env python3
"""Train the role chooser (``src/eventwire/learn/weights/roles.json``) from ../shared/data.

    python scripts/train_roles.py [--out FILE] [--cache /tmp/ew-cands] [--subset N] [--workers 2]

1. Candidate events: the events the rules emit (``Resources(learned=False)``) on the TUNE halves of the annotated
   whole articles, PLOVER ZSP and Multi-CoPED's ``actors_train.conll`` (the check halves are never read); each body
   parsed again as the pipeline parses it. Which event carries the gold pair: in an article, every asserted event
   whose type the annotated sentence gives (``articles.py``'s "right" event), with the actor (recipient) spans of
   the annotated events of that type; in a ZSP or CoPED sentence, the event ``actor_spans.chosen_event`` scores.
2. Candidate phrases of each event and role (``eventwire.learn.roles.candidates``): labelled 1 when the phrase is
   right by the benchmarks' test (``articles.actor_matches``: half the gold span's content words, or its head),
   else 0. An article event whose gold names no actor (recipient) gives only negatives: a phrase filled in there
   is wrong.
3. A logistic regression per role (full-batch Adam from zero, fixed steps: deterministic); ``fill`` and
   ``margin`` (``RoleChooser.decide``) chosen on out-of-fold probabilities (5 folds by document) to maximise the
   share of gold spans right, averaged over the three sets; ties (within :data:`TIE`) go to the more cautious
   value, and a role where nothing beats the rules gets 2.0 (never).
4. The weights file: JSON of numbers rounded to 4 decimals, keys sorted: byte-identical on a rebuild.

``--subset N`` uses the first N tune documents of each corpus (tests/test_roles.py rebuilds with ``--subset 20`` and
compares the file's sha256 with tests/fixtures/roles-subset.sha256).
"""
from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

import _corpora  # noqa: E402
import _logistic  # noqa: E402

from eventwire.learn.roles import (DIM, FORMAT, RESOLVED, ROLES, Phrases, candidate_features,  # noqa: E402
                                   candidates, chosen_by, same_party, trigger_token)
from eventwire.models import Event  # noqa: E402

OUT = ROOT / "src" / "eventwire" / "learn" / "weights" / "roles.json"
DATASETS = ("articles", "plover_zsp", "coped_spans")
L2 = 1e-3
STEPS, RATE, FOLDS = 300, 0.05, 5
FILLS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 2.0)
MARGINS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 2.0)
TIE = 0.002
SPURIOUS = 1.0  # the cost of filling a role the gold leaves empty, against the gain of one filled right
REAL = ("asserted", "claimed")


def coped_spans_docs(which: str) -> list:
    """Multi-CoPED ``actors_train.conll`` sentences of half ``which`` with their source and target spans."""
    from _data import coped_spans
    from actor_spans import _conll_spans
    from actors import detokenize
    from split import half

    docs = []
    for k, sent in enumerate(coped_spans()):
        if half("multicoped", k) != which:
            continue
        text, starts = detokenize(sent.tokens)
        spans = {"actor": [], "recipient": []}
        for role, lo, hi in _conll_spans(sent.tags):
            span = [starts[lo], starts[hi - 1] + len(sent.tokens[hi - 1])]
            if role in ("S", "R"):
                spans["actor"].append(span)
            if role in ("T", "R"):
                spans["recipient"].append(span)
        docs.append(_corpora.Doc("coped_spans", f"conll:{k}", text, info={"spans": spans}))
    return docs


def zsp_docs(which: str) -> list:
    """PLOVER ZSP sentences of half ``which`` (one per text) with their ``<s>``/``<t>`` spans and gold types."""
    from actor_spans import zsp_rows
    from split import half

    seen: dict[str, _corpora.Doc] = {}
    for k, text, spans, gold in zsp_rows():
        if half("plover_zsp", k) != which:
            continue
        types = ["CONCEDE", "RETREAT"] if gold == "YIELD" else [gold]
        doc = seen.setdefault(text, _corpora.Doc("plover_zsp", f"zsp:{k}", text,
                                                 info={"types": [], "spans": {"actor": [], "recipient": []}}))
        doc.info["types"].extend(types)
        for role in ROLES:
            doc.info["spans"][role].extend([list(s) for s in spans[role]])
    return list(seen.values())


def gold_of(name: str, doc, record: dict, parsed) -> list[tuple[dict, dict[str, list], str]]:
    """(event, {role: gold spans or [] for "names none" / None for "not labelled"}, raw text) of one document."""
    if name == "articles":
        module = _corpora._articles_module()
        placed = module.place_events([doc.info["selected"]], {doc.id: record["events"]},
                                     module.load_jsonl(module.SENTENCES))
        gold, raw, out = doc.info["gold"], doc.info["selected"].text, []
        for p in placed:
            t = p.event["type"]
            if p.event["factuality"] != "asserted" or not any(t in module.gold_types(gold, k) for k in p.sentences):
                continue
            events = [e for k in sorted(p.sentences) for e in gold["sentences"][k]["events"]
                      if e["type"] == t and e["factuality"] in REAL]
            out.append((p.event, {r: [s for e in events for s in e[r]] for r in ROLES}, raw))
        return out
    from actor_spans import chosen_event
    from _data import QUAD_OF_CLASS, coped_sentences, sentence_key

    if name == "plover_zsp":
        event = chosen_event(record["events"], parsed, types=frozenset(doc.info["types"]))
    else:
        quads = {sentence_key(s.text): QUAD_OF_CLASS[s.label] for s in coped_sentences()}
        event = chosen_event(record["events"], parsed, quad=quads.get(sentence_key(doc.text)))
    if event is None:
        return []
    return [(event, {r: (doc.info["spans"][r] or None) for r in ROLES}, doc.text)]


def parse(records: list[dict]):
    """Each record's body parsed as the pipeline parses it, with a resolver of its noun phrases to actors (the
    article's people remembered, as the pipeline's ``_phrase_actor``)."""
    from eventwire.actors.resolve import PersonMemory, resolve_np
    from eventwire.nlp.model import nlp_text
    from eventwire.pipeline import Resources

    res = Resources(learned=False)
    nlp, kb, places = res.get_nlp(), res.get_actor_kb(), res.place_names()
    gazetteer = res.get_geocoder().gazetteer
    texts = (nlp_text(r["body"], nlp, kb, places=places) for r in records)
    for doc in nlp.pipe(texts, batch_size=res.batch_size):
        memory = PersonMemory.from_doc(doc, kb, gazetteer=gazetteer)
        yield doc, lambda span, memory=memory: resolve_np(span, memory=memory) if span is not None and len(span) \
            else None


def samples(which: str = "tune", *, subset: int | None = None, cache: Path | None = None,
            workers: int = 1) -> list[dict]:
    """One row per (event, role) with a gold answer: candidate features, labels, whether the rules are right."""
    from articles import actor_matches

    readers = {"articles": lambda w: list(_corpora.articles(w)), "plover_zsp": zsp_docs,
               "coped_spans": coped_spans_docs}
    rows = []
    for name in DATASETS:
        docs = readers[name](which)
        docs = docs[:subset] if subset else docs
        records = _corpora.candidates(name, docs, cache=cache, workers=workers)
        n = len(rows)
        for doc, record, (parsed, resolve) in zip(docs, records, parse(records)):
            body = record["body"]
            phrases = Phrases.of(parsed)
            for event_dict, golds, raw in gold_of(name, doc, record, parsed):
                event = Event.from_dict(event_dict)
                trigger = trigger_token(parsed, event)
                if trigger is None:
                    continue
                cands = candidates(parsed, trigger, phrases)
                actors = [resolve(parsed.char_span(c.start, c.end)) if RESOLVED else None for c in cands]
                for role, other in (("actor", "recipient"), ("recipient", "actor")):
                    spans = golds[role]
                    if spans is None:
                        continue
                    current, others = getattr(event, role), getattr(event, other)
                    flags = [chosen_by(current, parsed, c) for c in cands]
                    feats = [candidate_features(trigger, c, type_=event.type, rules=f,
                                                other=chosen_by(others, parsed, c), empty=not current, actor=a,
                                                role=role)
                             for c, f, a in zip(cands, flags, actors)]
                    labels = [bool(spans) and actor_matches([{"text": body[c.start:c.end]}], spans, raw)
                              for c in cands]
                    rules_right = bool(spans) and bool(current) and actor_matches(event_dict[role], spans, raw)
                    blocked = [same_party(a, others) for a in actors] if RESOLVED else []
                    rows.append({"doc": doc.id, "dataset": name, "role": role, "features": feats,
                                 "labels": labels, "flags": flags, "empty": not current, "named": bool(spans),
                                 "blocked": blocked,
                                 "rules_right": rules_right})
        print(f"{name}: {len(docs)} docs, {len(rows) - n} (event, role) rows", file=sys.stderr)
    return rows


def fit(x: _logistic.Sparse, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2 logistic regression, full-batch Adam from zero (every row of weight 1)."""
    return _logistic.fit(x, y, np.ones(len(y)), l2=L2, steps=STEPS, rate=RATE)


def _flat(rows: list[dict]) -> tuple[_logistic.Sparse, np.ndarray]:
    return (_logistic.Sparse([f for r in rows for f in r["features"]], DIM),
            np.array([float(lab) for r in rows for lab in r["labels"]]))


def fold_of(doc: str) -> int:
    return hashlib.sha256(doc.encode()).digest()[0] % FOLDS


def out_of_fold(rows: list[dict], role: str) -> None:
    """Each row of ``role`` gets ``probs``: its candidates' probabilities from the model of the other folds."""
    mine = [r for r in rows if r["role"] == role]
    for k in range(FOLDS):
        train = [r for r in mine if fold_of(r["doc"]) != k]
        test = [r for r in mine if fold_of(r["doc"]) == k]
        if not train or not test:
            continue
        theta, bias = fit(*_flat(train))
        x, _ = _flat(test)
        probs = 1.0 / (1.0 + np.exp(-np.clip(x.dot(theta) + bias, -50, 50)))
        at = 0
        for r in test:
            r["probs"] = probs[at:at + len(r["labels"])].tolist()
            at += len(r["labels"])


def decide(r: dict, fill: float, margin: float) -> int | None:
    """As ``RoleChooser.decide``."""
    probs, flags, blocked = r.get("probs") or [], r["flags"], r["blocked"]
    open_ = [k for k in range(len(probs)) if not (blocked and blocked[k])]
    if not open_:
        return None
    best = max(open_, key=lambda k: (probs[k], -k))
    if flags[best]:
        return None
    if r["empty"]:
        return best if probs[best] >= fill else None
    ours = max((p for p, f in zip(probs, flags) if f), default=0.0)
    return best if probs[best] - ours > margin else None


def measure(rows: list[dict], fill: float, margin: float) -> dict[str, tuple[int, int, int, int]]:
    """Per dataset: (gold spans, right with the rules, right with the chooser, fills where the gold names none)."""
    out = {}
    for name in DATASETS:
        n = rules = model = spurious = 0
        for r in rows:
            if r["dataset"] != name:
                continue
            k = decide(r, fill, margin)
            if not r["named"]:
                spurious += k is not None
                continue
            n += 1
            rules += r["rules_right"]
            model += r["labels"][k] if k is not None else r["rules_right"]
        out[name] = (n, rules, model, spurious)
    return out


def score(counts: dict[str, tuple[int, int, int, int]]) -> float:
    shares = [(m - SPURIOUS * s) / n for n, _r, m, s in counts.values() if n]
    return round(float(np.mean(shares)), 9) if shares else 0.0


def choose(rows: list[dict], role: str) -> tuple[float, float]:
    mine = [r for r in rows if r["role"] == role]
    grid = {(f, m): score(measure(mine, f, m)) for f in FILLS for m in MARGINS}
    top = max(grid.values())
    # of tied settings the most cautious: the highest fill, then the highest margin
    return max((fm for fm, s in grid.items() if s >= top - TIE), key=lambda fm: (fm[0], fm[1]))


def report(rows: list[dict], role: str, fill: float, margin: float) -> None:
    mine = [r for r in rows if r["role"] == role]
    for name, (n, rules, model, spurious) in measure(mine, fill, margin).items():
        if n:
            print(f"  {role} {name} (out of fold, {n} gold): rules {rules / n:.3f}, chooser {model / n:.3f}, "
                  f"fills where the gold names none {spurious}; upper bound (some candidate right) "
                  f"{sum(any(r['labels']) or r['rules_right'] for r in mine if r['dataset'] == name and r['named']) / n:.3f}",
                  file=sys.stderr)


def train(rows: list[dict]) -> dict:
    model = {"format": FORMAT, "dim": DIM, "weights": {}, "bias": {}, "fill": {}, "margin": {}, "trained_on": {}}
    for role in ROLES:
        out_of_fold(rows, role)
        fill, margin = choose(rows, role)
        report(rows, role, fill, margin)
        mine = [r for r in rows if r["role"] == role]
        theta, bias = fit(*_flat(mine))
        model["weights"][role] = [round(float(v), 4) + 0.0 for v in theta]
        model["bias"][role] = round(float(bias), 4) + 0.0
        model["fill"][role], model["margin"][role] = fill, margin
        model["trained_on"][role] = {name: sum(r["dataset"] == name for r in mine) for name in DATASETS}
    return model


def main(argv: list[str] | None = None) -> int:
    parser = _corpora.training_arguments(__doc__, OUT)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    rows = samples("tune", subset=args.subset, cache=args.cache, workers=args.workers)
    t1 = time.perf_counter()
    model = train(rows)
    digest = _corpora.write_weights(model, args.out)
    print(f"{args.out}: sha256 {digest}, {len(rows)} rows, fill {model['fill']}, margin {model['margin']}, "
          f"candidates {t1 - t0:.0f} s, training {time.perf_counter() - t1:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
