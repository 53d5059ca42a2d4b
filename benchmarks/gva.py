"""Where, when and how many on everyday US news: the Gun Violence Archive articles (``../shared/data/gva``).

Each article reports one incident whose date, place (lat/lon) and toll GVA records. eventwire reads the
article (title line, then the text) with its ``published`` date; the article's **main event** is its most
confident asserted ASSAULT (ties: the first in the text). Per article, against the article's incident
(a document filed under several incidents is right when it agrees with any of them):

* location within 25 km of GVA's lat/lon (incidents without lat/lon are left out);
* date exactly GVA's date (incidents without a date are left out);
* killed right, injured right (the event's null read as 0; incidents without counts are left out);
* the share of main events at country precision, and the share of articles without a main event.

An article without a main event counts as wrong on every field. The halves are benchmarks/split.py's
(``gva_groups``/``gva_half``: by incident group); tune on ``tune``, quote ``check``.

Run: ``.venv/bin/python benchmarks/gva.py [--half tune|check|all|both] [--cache /tmp/gva-cache] [--workers 2]
[--errors] [--limit N]``. ``both`` prints tune and check side by side (one extraction run).
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import (DATA, Item, add_common_options, bench_resources, extract_items, print_table, ratio,  # noqa: E402
                   require, short)
from split import CHECK, TUNE, gva_groups, gva_half  # noqa: E402

RADIUS_KM = 25.0
FIELDS = ("location", "date", "killed", "injured")


@dataclass(frozen=True)
class Incident:
    id: str
    date: str | None
    city: str | None
    state: str | None
    lat: float | None
    lon: float | None
    killed: int | None
    injured: int | None


@dataclass(frozen=True)
class Doc:
    id: str
    incidents: tuple[str, ...]  # the first is the incident it is filed under
    title: str
    text: str
    published: str | None
    url: str | None = None  # a web-archive snapshot of the original (incidents unwrap it)

    @property
    def item(self) -> Item:
        return Item(self.id, f"{self.title.strip()}\n\n{self.text}" if self.title.strip() else self.text,
                    self.published)

    def as_jsonl(self) -> dict:
        """The document as a contract JSONL line (as ``eventwire ingest`` reads one: title and URL apart)."""
        return {"id": self.id, "text": self.text, "title": self.title.strip() or None, "published": self.published,
                "url": self.url}


def load(*, data: Path = DATA) -> tuple[dict[str, Incident], list[Doc]]:
    with gzip.open(data / "gva" / "incidents.jsonl.gz", "rt", encoding="utf-8") as handle:
        incidents = {}
        for line in handle:
            r = json.loads(line)
            incidents[r["incident_id"]] = Incident(r["incident_id"], r["date"], r["city_or_county"], r["state"],
                                                   r["lat"], r["lon"], r["killed"], r["injured"])
    with gzip.open(data / "gva" / "docs.jsonl.gz", "rt", encoding="utf-8") as handle:
        docs = [Doc(r["doc_id"], tuple([r["incident_id"]] + [i for i in r["incident_ids"] if i != r["incident_id"]]),
                    r["title"] or "", r["text"], r["published"], r.get("url"))
                for r in map(json.loads, handle) if (r["text"] or "").strip()]
    return incidents, docs


def main_event(events: list[dict]) -> dict | None:
    """The most confident asserted ASSAULT; ties go to the first in the text."""
    pool = [e for e in events if e["type"] == "ASSAULT" and e.get("factuality") == "asserted"]
    if not pool:
        return None
    return min(pool, key=lambda e: (-(e.get("confidence") or 0), e["evidence"]["start"]))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def judge(event: dict | None, incidents: list[Incident]) -> dict[str, bool | None]:
    """field -> right (True/False), or None when no incident of the article has gold for it."""
    out: dict[str, bool | None] = {}
    loc = (event or {}).get("location") or {}
    golds = [i for i in incidents if i.lat is not None and i.lon is not None]
    out["location"] = None if not golds else bool(event and loc.get("lat") is not None and any(
        km(loc["lat"], loc["lon"], i.lat, i.lon) <= RADIUS_KM for i in golds))
    golds = [i for i in incidents if i.date]
    out["date"] = None if not golds else bool(event and any(event.get("date") == i.date for i in golds))
    for name, key in (("killed", "fatalities"), ("injured", "injured")):
        golds = [i for i in incidents if getattr(i, name) is not None]
        out[name] = None if not golds else bool(event and any(
            (event.get(key) or 0) == getattr(i, name) for i in golds))
    return out


def score(docs: list[Doc], incidents: dict[str, Incident], found: dict[str, list[dict]]) -> dict:
    tally = {f: [0, 0] for f in FIELDS}
    country = [0, 0]
    none = 0
    errors = defaultdict(list)
    for doc in docs:
        event = main_event(found.get(doc.id, []))
        golds = [incidents[i] for i in doc.incidents if i in incidents]
        none += event is None
        if event is not None:
            country[0] += ((event.get("location") or {}).get("precision") == "country")
            country[1] += 1
        for name, right in judge(event, golds).items():
            if right is None:
                continue
            tally[name][0] += right
            tally[name][1] += 1
            if not right:
                other = name in ("killed", "injured") and _other_right(name, found.get(doc.id, []), event, golds)
                errors[name].append(_error(name, doc, event, golds[0]) + (" | +other" if other else ""))
                if other:
                    errors[f"{name}+other"].append(doc)
    return {"tally": tally, "country": country, "none": (none, len(docs)), "errors": errors, "n": len(docs)}


def _other_right(name: str, events: list[dict], main: dict | None, golds: list[Incident]) -> bool:
    """Does another asserted ASSAULT of the article than its main event have ``name`` right ("+other")?"""
    return any(judge(e, golds)[name] for e in _others(events, main))


def _others(events: list[dict], main: dict | None) -> list[dict]:
    return [e for e in events if e is not main and e["type"] == "ASSAULT" and e.get("factuality") == "asserted"]


def why_apart(docs: list[Doc], incidents: dict[str, Incident], name: str) -> dict[str, str]:
    """doc id -> what kept the event of the article that has ``name`` right apart from its main event: the
    story join's reason (:func:`eventwire.events.merge.story_apart`; "not local", "no lead") for the event that
    is not the story's lead, "main: REASON" when the right event is the lead and the main event stayed apart,
    "in the story" when the right event's reports were joined to the lead (the story's own count is wrong, or a
    later stage split it off), "after merge" when the right event comes from a later stage. The
    articles are extracted again (no cache) with the merge stage's ``on_story`` hook."""
    from unittest import mock

    import eventwire.pipeline as pipeline
    from eventwire.read.clean import clean
    from eventwire.read.files import document_from_text

    heard: list[tuple[list, str | None]] = []
    real = pipeline.merge

    def merge(*args, **kwargs):
        return real(*args, **kwargs, on_story=lambda mentions, reason: heard.append((mentions, reason)))

    articles = [clean(document_from_text(d.item.text, id=d.id, published=d.published)) for d in docs]
    golds = {d.id: [incidents[i] for i in d.incidents if i in incidents] for d in docs}
    out = {}
    with mock.patch.object(pipeline, "merge", merge):
        for article, events in pipeline.extract_articles(articles, resources=bench_resources()):
            rows, heard[:] = list(heard), []
            dicts = [e.to_dict() for e in events]
            main = main_event(dicts)
            right = [e for e in _others(dicts, main) if judge(e, golds[article.id])[name]]
            out[article.id] = _why(rows, main, right[0]) if right else "no other"
    return out


def _why(rows: list[tuple[list, str | None]], main: dict | None, right: dict) -> str:
    def row(event: dict | None) -> tuple[list, str | None] | None:
        if event is None:
            return None
        ev = event["evidence"]
        return next((r for r in rows if any(m.sentence.start == ev["start"] and m.trigger == ev.get("trigger")
                                             for m in r[0])), None) \
            or next((r for r in rows if any(m.sentence.start == ev["start"] for m in r[0])), None)
    mine, theirs = row(right), row(main)
    if mine is None:
        return "after merge"
    if mine[1] == "lead":
        return f"main: {theirs[1] if theirs else 'after merge'}"
    return mine[1] or "in the story"


def _error(name: str, doc: Doc, event: dict | None, gold: Incident) -> str:
    if event is None:
        return f"{doc.id[:8]} no main event | {short(doc.title, 80)}"
    loc = event.get("location") or {}
    ours = {"location": f"{loc.get('name')} ({loc.get('precision')}, {loc.get('text')!r})",
            "date": f"{event.get('date')} ({event.get('date_precision')}; published {doc.published})",
            "killed": event.get("fatalities"), "injured": event.get("injured")}[name]
    want = {"location": f"{gold.city}, {gold.state}", "date": gold.date, "killed": gold.killed,
            "injured": gold.injured}[name]
    if name == "location":  # the points, the distance and the division, to tell a namesake from a near town
        far = (f"{km(loc['lat'], loc['lon'], gold.lat, gold.lon):.0f} km"
               if loc.get("lat") is not None and gold.lat is not None else "no point")
        want += f" ({gold.lat}, {gold.lon})"
        ours = f"{loc.get('name')}, {loc.get('admin1')} ({loc.get('precision')}, {loc.get('text')!r}; {far})"
    return f"{doc.id[:8]} gold {want} | ours {ours} | {short(event['evidence']['text'], 110)}"


def rows(results: dict[str, dict]) -> list[list[str]]:
    names = list(results)
    out = []
    labels = {"location": f"location within {RADIUS_KM:.0f} km (incidents with lat/lon)",
              "date": "date exact", "killed": "killed right (null as 0)", "injured": "injured right (null as 0)"}
    for f in FIELDS:
        out.append([labels[f]] + [ratio(*results[n]["tally"][f]) for n in names])
    out.append(["main events at country precision"] + [ratio(*results[n]["country"]) for n in names])
    out.append(["articles without a main event"] + [ratio(*results[n]["none"]) for n in names])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_options(parser)
    parser.add_argument("--half", default=CHECK, choices=(TUNE, CHECK, "all", "both"),
                        help="which half of benchmarks/split.py (default check; both = tune and check side by side)")
    parser.add_argument("--show", type=int, default=8, help="with --errors, how many errors of each field to print")
    args = parser.parse_args(argv)
    if require("gva") is None:
        return 0
    incidents, docs = load()
    groups = gva_groups()
    halves = (TUNE, CHECK) if args.half == "both" else (args.half,)
    chosen = {h: [d for d in docs if h == "all" or gva_half(d.incidents[0], groups) == h] for h in halves}
    for h in halves:
        chosen[h] = chosen[h][:args.limit]
    todo = [d for h in halves for d in chosen[h]]
    t0 = time.perf_counter()
    found = extract_items([d.item for d in todo], label=f"gva-{args.half}", cache=args.cache, workers=args.workers)
    print(f"\n## GVA ({', '.join(f'{h} {len(chosen[h])} articles' for h in halves)}, "
          f"{time.perf_counter() - t0:.0f} s)\n")
    results = {h: score(chosen[h], incidents, found) for h in halves}
    print_table(["measure (per article's main event)"] + list(halves), rows(results))
    if args.errors:
        for h in halves:
            print(f"\nerrors ({h}; up to {args.show} of each):")
            for name in FIELDS:
                wrong = results[h]["errors"][name]
                print(f"  {name}: {len(wrong)}")
                for line in wrong[:args.show]:
                    print(f"      - {line}")
            for name in ("killed", "injured"):
                other = results[h]["errors"][f"{name}+other"]
                why = why_apart(other, incidents, name) if other else {}
                counts = sorted(Counter(why.values()).items(), key=lambda kv: -kv[1])
                print(f"  {name} +other: {len(other)}; kept apart by: " + ", ".join(f"{k} {n}" for k, n in counts))
                for doc in other[:args.show]:
                    print(f"      - {doc.id[:8]} {why[doc.id]} | {short(doc.title, 80)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
