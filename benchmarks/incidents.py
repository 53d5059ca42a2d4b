#!/usr/bin/env python3
"""Incidents across articles on gva: grouping quality and what consolidating reports gains.

    python benchmarks/incidents.py --cache /tmp/ew-incidents [--half check|tune] [--tune-threshold]

The half's articles (benchmarks/split.py: gva by incident group) are extracted once (cached with ``--cache``)
and stored in publication order into a temporary DuckDB store, as a live ``eventwire ingest`` would: each
article's events are grouped into incidents as it is stored. Then, over the half's articles:

* **grouping** -- each article's main event (its most confident asserted ASSAULT) gives the article its
  incident; an article without one is a cluster of its own. B-cubed and pairwise precision/recall/F1 against
  GVA's incidents (a document's first incident), beside the "every article alone" baseline;
* **one incident per real incident** -- the share of real incidents all of whose articles' asserted ASSAULT
  events fall in exactly one stored incident (and the same share when every event is its own incident);
* **per incident** -- from the consolidated incident (the stored incident holding most of the real incident's
  main events; ties: the older): killed right (null read as 0), date exact, location within 25 km of GVA's
  point; beside the same figures per article (each article's main event against its incident; a document
  filed under several incidents is right when it agrees with any). An incident or article without a main
  event counts as wrong; incidents without the gold value are left out of that figure.

``--tune-threshold`` (tune half only) prints the grouping figures for a grid of join thresholds.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import print_table, ratio, require  # noqa: E402
from _gva_events import articles, extracted, load  # noqa: E402
from gva import main_event  # noqa: E402
from split import CHECK, TUNE, gva_groups, gva_half  # noqa: E402

RADIUS_KM = 25.0


def store_half(docs, events, *, grouper=None) -> tuple[dict[str, dict[str, str]], float]:
    """Store the docs in publication order into a temporary store: ({doc id: {event id: incident id}},
    incident objects by id), and the seconds grouping and storing took."""
    from eventwire.models import Event
    from eventwire.store.database import Store

    arts = articles(docs)
    ordered = sorted(docs, key=lambda d: (d.published or "", d.id))
    with tempfile.TemporaryDirectory(prefix="ew-incidents-") as tmp:
        store = Store(Path(tmp) / "gva.duckdb")
        if grouper is not None:
            store._grouper = grouper
        started = time.perf_counter()
        with store:
            for doc in ordered:
                store.add_article(arts[doc.id], [Event.from_dict(e) for e in events.get(doc.id, [])])
            seconds = time.perf_counter() - started
            assigned: dict[str, dict[str, str]] = defaultdict(dict)
            by_article = {arts[d.id].id: d.id for d in docs}
            for event in store.iter_events():
                assigned[by_article[event.article.id]][event.event_id] = event.incident_id
            incidents = {i["incident_id"]: i for i in store.iter_incidents()}
    return assigned, incidents, seconds


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for item in gold:
        by_gold[gold[item]].add(item)
        by_pred[pred[item]].add(item)
    p = sum(len(by_gold[gold[i]] & by_pred[pred[i]]) / len(by_pred[pred[i]]) for i in gold) / len(gold)
    r = sum(len(by_gold[gold[i]] & by_pred[pred[i]]) / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    def links(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups = defaultdict(list)
        for item, label in labels.items():
            groups[label].append(item)
        return {tuple(sorted(p)) for g in groups.values() for p in combinations(g, 2)}

    g, p = links(gold), links(pred)
    prec = len(g & p) / len(p) if p else 0.0
    rec = len(g & p) / len(g) if g else 0.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _right(field: str, value, gold, distance_km) -> bool | None:
    """Whether ``value`` (an event's or incident's) agrees with gold incident ``gold``; None = no gold."""
    if field == "killed":
        return None if gold.killed is None else (value or 0) == gold.killed
    if field == "date":
        return None if gold.date is None else value == gold.date
    if gold.lat is None or gold.lon is None:
        return None
    return value is not None and value.get("lat") is not None and \
        distance_km(value["lat"], value["lon"], gold.lat, gold.lon) <= RADIUS_KM


def _values(obj: dict | None) -> dict:
    if obj is None:
        return {"killed": None, "date": None, "location": None}
    return {"killed": obj["fatalities"], "date": obj["date"], "location": obj["location"]}


def evaluate(docs, gold_incidents, events, assigned, incidents) -> dict:
    from eventwire.incidents.features import distance_km

    main = {d.id: main_event(events.get(d.id, [])) for d in docs}
    gold = {d.id: d.incidents[0] for d in docs}
    pred = {d.id: assigned[d.id][main[d.id]["event_id"]] if main[d.id] else f"alone:{d.id}" for d in docs}
    alone = {d.id: d.id for d in docs}
    members = defaultdict(list)
    for d in docs:
        members[gold[d.id]].append(d)
    one = today = 0
    fields = ("killed", "date", "location")
    per_incident = {f: [0, 0] for f in fields}
    per_article = {f: [0, 0] for f in fields}
    for incident_id, its_docs in members.items():
        asserted = [(d.id, e["event_id"]) for d in its_docs for e in events.get(d.id, [])
                    if e["type"] == "ASSAULT" and e["factuality"] == "asserted"]
        one += len({assigned[d][e] for d, e in asserted}) == 1
        today += len(asserted) == 1
        votes = Counter(pred[d.id] for d in its_docs if main[d.id])
        chosen = min(votes, key=lambda i: (-votes[i], incidents[i]["first_reported"] or "", i)) if votes else None
        values = _values(incidents.get(chosen))
        for f in fields:
            right = _right(f, values[f], gold_incidents[incident_id], distance_km)
            if right is not None:
                per_incident[f][0] += right
                per_incident[f][1] += 1
    for d in docs:
        values = _values(main[d.id] and {"fatalities": main[d.id]["fatalities"], "date": main[d.id]["date"],
                                         "location": main[d.id]["location"]})
        for f in fields:
            checks = [_right(f, values[f], gold_incidents[i], distance_km) for i in d.incidents
                      if i in gold_incidents]
            checks = [c for c in checks if c is not None]
            if checks:
                per_article[f][0] += any(checks)
                per_article[f][1] += 1
    return {"bcubed": bcubed(gold, pred), "pairwise": pairwise(gold, pred), "alone_bcubed": bcubed(gold, alone),
            "alone_pairwise": pairwise(gold, alone), "one": (one, len(members)), "today": (today, len(members)),
            "per_incident": per_incident, "per_article": per_article, "articles": len(docs),
            "real": len(members), "stored": len(set(pred.values()))}


def report(half: str, result: dict, seconds: float) -> None:
    def prf(t: tuple[float, float, float]) -> str:
        return f"P {t[0]:.3f} R {t[1]:.3f} F1 **{t[2]:.3f}**"

    print(f"\n### gva {half} half: {result['articles']} articles of {result['real']} real incidents "
          f"-> {result['stored']} clusters of main events ({seconds:.1f} s to group and store)\n")
    print_table(("grouping", "eventwire", "every article alone"), [
        ("B-cubed", prf(result["bcubed"]), prf(result["alone_bcubed"])),
        ("pairwise", prf(result["pairwise"]), prf(result["alone_pairwise"])),
        ("real incidents whose asserted ASSAULT events are in exactly one incident", ratio(*result["one"]),
         ratio(*result["today"]) + " (each event alone)"),
    ])
    print()
    print_table(("field", "per incident (consolidated)", "per article (main event)"), [
        (f, ratio(*result["per_incident"][f]), ratio(*result["per_article"][f]))
        for f in ("killed", "date", "location")])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=(TUNE, CHECK), default=CHECK)
    parser.add_argument("--cache", type=Path, default=None, help="extraction cache folder (outside the repo)")
    parser.add_argument("--tune-threshold", action="store_true", help="grid of join thresholds (tune half)")
    parser.add_argument("--grid", type=float, nargs="+", default=[0.1, 0.2, 0.3, 0.4, 0.5],
                        help="the thresholds --tune-threshold tries")
    args = parser.parse_args()
    if require("gva") is None:
        return 0
    gold_incidents, all_docs = load()
    groups = gva_groups()
    events = extracted(all_docs, cache=args.cache)
    if args.tune_threshold:
        from eventwire.incidents import Grouper
        from eventwire.incidents.model import load_model

        docs = [d for d in all_docs if gva_half(d.incidents[0], groups) == TUNE]
        rows = []
        for threshold in args.grid:
            grouper = Grouper(model=replace(load_model(), threshold=threshold))
            assigned, incidents, _ = store_half(docs, events, grouper=grouper)
            r = evaluate(docs, gold_incidents, events, assigned, incidents)
            rows.append((threshold, f"{r['bcubed'][2]:.3f}", f"{r['pairwise'][2]:.3f}", ratio(*r["one"]),
                         *(ratio(*r["per_incident"][f]) for f in ("killed", "date", "location"))))
        print_table(("threshold", "B-cubed F1", "pairwise F1", "exactly one", "killed", "date", "location"), rows)
        return 0
    docs = [d for d in all_docs if gva_half(d.incidents[0], groups) == args.half]
    assigned, incidents, seconds = store_half(docs, events)
    report(args.half, evaluate(docs, gold_incidents, events, assigned, incidents), seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
