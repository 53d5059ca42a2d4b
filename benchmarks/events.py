"""Event accuracy of ``eventwire`` on the labelled data in ../shared/data: one table per dataset.

1. PLOVER gold standard records (322 sentences): type accuracy and macro-F1, mode, source/target country,
   sector; PLOVER ZSP (1,044 sentences): type accuracy and macro-F1 (YIELD: CONCEDE or RETREAT).
2. Multi-CoPED (1,349 sentences): quad-class accuracy and macro-F1; source/target overlap with the CoNLL
   spans; share of class-0 statements with no asserted event.

PLOVER GSR, PLOVER ZSP and Multi-CoPED are read on one half of benchmarks/split.py (``--half``, default
``check``: the type coder of ``learn/types.py`` is trained on the tune halves).
3. MUC-4 (dev, tst1, tst2): incident recall, factuality agreement, event location (country, department or
   town) of incidents matched without the place, our material-conflict events with no key incident.
4. The seed article, scored by ../shared/tools/score_seed.py.

Definitions: docs/benchmarks.md. These are measurements, not tests.

Run: ``.venv/bin/python benchmarks/events.py [--limit N] [--errors] [--cache /tmp/eventwire-bench]
[--workers 2] [--half check|tune|all] [--only plover,zsp,coped,muc,seed]``.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pycountry

from _data import (DATA, MUC_SPLITS, QUAD_OF_CLASS, Item, add_common_options, coped_sentences, coped_spans,
                   extract_items, macro_f1, plover_records, print_table, ratio, require, sentence_key,
                   short)
from _muc import ACLED, accomplished, factuality_agrees, load_split, match_all, place_agrees
from split import half as split_half

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# Older PLOVER names in the gold file -> the current 16 (CAMEO2PLOVER-2021 table of openeventdata/PLOVER)
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
SECTORS = set("GOV MIL REB PTY CVL IGO NGO MED BUS CRM REL JUD LEG COP UAF".split())
CLASS_OF_QUAD = {q: c for c, q in QUAD_OF_CLASS.items() if q}
STOP = {"the", "a", "an", "of", "and", "s", "in", "on", "to", "for", "its", "their", "his", "her"}
SCORE_SEED = DATA.parent / "tools" / "score_seed.py"


def best(events: list[dict], *, type_: str | None = None, asserted: bool = False) -> dict | None:
    """The most confident event (of ``type_``; only asserted ones with ``asserted``), or None."""
    pool = [e for e in events if (type_ is None or e["type"] == type_)
            and (not asserted or e.get("factuality") == "asserted")]
    return max(pool, key=lambda e: e.get("confidence") or 0) if pool else None


def examples(title: str, rows: list[str], *, show: bool, limit: int = 3) -> None:
    """One error class: its count, and with ``--errors`` up to 3 examples."""
    print(f"  {title}: {len(rows)}")
    if show:
        for row in rows[:limit]:
            print(f"      - {row}")


# ---- PLOVER ---------------------------------------------------------------------------------------------


def iso3(code: str | None) -> str | None:
    return code if code and len(code) == 3 and pycountry.countries.get(alpha_3=code) else None


def plover(args) -> None:
    if require("plover_gsr") is None:
        return
    records = [r for r in plover_records() if args.half == "all" or split_half("plover_gsr", r.id) == args.half]
    records = records[:args.limit]
    t0 = time.perf_counter()
    found = extract_items([Item(r.id, r.text) for r in records], label="plover", cache=args.cache,
                          workers=args.workers)
    print(f"\n## PLOVER gold standard records ({args.half} half: {len(records)} sentences, "
          f"{time.perf_counter() - t0:.1f} s)\n")
    pairs, hits, errors = [], 0, defaultdict(list)
    mode = [0, 0]
    country = {"source": [0, 0, 0], "target": [0, 0, 0]}  # any-right, all-right, total
    sector = {"source": [0, 0], "target": [0, 0]}
    for record in records:
        gold = OLD_TYPES.get(record.type, record.type)
        events = found[record.id]
        chosen = best(events, type_=gold) or best(events)
        predicted = gold if best(events, type_=gold) else (chosen["type"] if chosen else "none")
        pairs.append((gold, predicted))
        hits += predicted == gold
        if predicted != gold:
            errors[f"{gold} -> {predicted}"].append(short(record.text))
        if record.mode:
            mode[1] += 1
            ok = predicted == gold and chosen.get("mode") == record.mode
            mode[0] += ok
            if not ok:
                errors["mode"].append(f"{short(record.text, 110)} | gold {record.mode} | ours "
                                      f"{chosen.get('mode') if chosen else 'no event'}")
        for role, key in (("source", "actor"), ("target", "recipient")):
            golds = getattr(record, role)
            ours = chosen.get(key, []) if chosen else []
            _score_countries(golds, ours, country[role], errors, f"{role} country", record.text)
            _score_sectors(golds, ours, sector[role])
    print_table(["measure", "value"], [
        ["type accuracy (an event has the gold type)", ratio(hits, len(records))],
        ["type macro-F1 (over types present)", "%.3f over %d types" % macro_f1(pairs, TYPES)],
        ["sentences with no event", ratio(sum(p == "none" for _, p in pairs), len(records))],
        ["mode accuracy (gold has a mode)", ratio(*mode)],
        ["source country: a gold ISO3 among actor countries", ratio(country["source"][0], country["source"][2])],
        ["source country: all gold ISO3 among actor countries", ratio(country["source"][1], country["source"][2])],
        ["target country: a gold ISO3 among recipient countries", ratio(country["target"][0], country["target"][2])],
        ["target country: all gold ISO3 among recipient countries", ratio(country["target"][1], country["target"][2])],
        ["source sector (gold sector among actor sectors)", ratio(*sector["source"])],
        ["target sector (gold sector among recipient sectors)", ratio(*sector["target"])],
    ])
    _confusions("PLOVER", errors, show=args.errors, special=("mode", "source country", "target country"))


def _score_countries(golds, ours, tally, errors, label, text) -> None:
    wanted = {c for c in (iso3(g.code) for g in golds) if c}
    if not wanted:
        return
    have = {a.get("country") for a in ours if a.get("country")}
    tally[0] += bool(wanted & have)
    tally[1] += wanted <= have
    tally[2] += 1
    if not wanted & have:
        reason = "no actor (or no event)" if not ours else "actor without country" if not have else "other country"
        errors[f"{label} wrong: {reason}"].append(
            f"{short(text, 110)} | gold {sorted(wanted)} | ours {sorted(have) or '-'} "
            f"({', '.join(a.get('text', '') for a in ours) or '-'})")


def _score_sectors(golds, ours, tally) -> None:
    have = {a.get("sector") for a in ours}
    for g in golds:
        sector = (g.sector or "")[:3].upper()
        if sector in SECTORS:
            tally[0] += sector in have
            tally[1] += 1


def _confusions(name: str, errors: dict[str, list[str]], *, show: bool, special=(), top: int = 8) -> None:
    """Type confusions (most frequent first), then the error classes whose names start with ``special``."""
    print(f"\n{name} error classes (most frequent type confusions first; gold -> ours):")
    kinds = sorted(errors.items(), key=lambda kv: -len(kv[1]))
    for key, rows in [kv for kv in kinds if not kv[0].startswith(tuple(special) or ("\0",))][:top]:
        examples(key, rows, show=show)
    for key, rows in sorted((kv for kv in kinds if special and kv[0].startswith(tuple(special))),
                            key=lambda kv: kv[0]):
        examples(f"wrong {key}" if key == "mode" else key, rows, show=show)


def zsp(args) -> None:
    """PLOVER ZSP (``plover_zsp/PLV_train.tsv``): an event of the marked pair's gold type in the sentence."""
    if require("plover_zsp") is None:
        return
    import _corpora

    docs = list(_corpora.plover_zsp(args.half))[:args.limit]
    t0 = time.perf_counter()
    found = extract_items([Item(d.id, d.text) for d in docs], label="zsp", cache=args.cache, workers=args.workers)
    print(f"\n## PLOVER ZSP ({args.half} half: {len(docs)} sentences, {time.perf_counter() - t0:.1f} s)\n")
    pairs, hits, errors = [], 0, defaultdict(list)
    for doc in docs:
        golds = doc.info["types"]
        events = found[doc.id]
        right = next((t for t in golds if best(events, type_=t)), None)
        chosen = best(events)
        predicted = right or (chosen["type"] if chosen else "none")
        gold = right or golds[0]
        pairs.append((gold, predicted))
        hits += right is not None
        if right is None:
            errors[f"{'YIELD' if len(golds) == 2 else gold} -> {predicted}"].append(short(doc.text))
    print_table(["measure", "value"], [
        ["type accuracy (an event has the gold type; YIELD: CONCEDE or RETREAT)", ratio(hits, len(docs))],
        ["type macro-F1 (over types present)", "%.3f over %d types" % macro_f1(pairs, TYPES)],
        ["sentences with no event", ratio(sum(p == "none" for _, p in pairs), len(docs))],
    ])
    _confusions("PLOVER ZSP", errors, show=args.errors)


# ---- Multi-CoPED ----------------------------------------------------------------------------------------


def coped(args) -> tuple[int, int] | None:
    """Prints the tables; returns (class-0 sentences with no asserted event, class-0 sentences)."""
    if require("multicoped_cameo") is None:
        return None
    keep = [k for k in range(len(coped_sentences()))
            if args.half == "all" or split_half("multicoped", k) == args.half][:args.limit]
    sentences = [coped_sentences()[k] for k in keep]
    items = [Item(f"coped-{k:04d}", s.text) for k, s in zip(keep, sentences)]
    t0 = time.perf_counter()
    found = extract_items(items, label="coped", cache=args.cache, workers=args.workers)
    print(f"\n## Multi-CoPED ({args.half} half: {len(sentences)} sentences, {time.perf_counter() - t0:.1f} s)\n")
    pairs, errors, chosen = [], defaultdict(list), {}
    for item, sentence in zip(items, sentences):
        events = found[item.id]
        top = best(events, asserted=True)
        chosen[sentence_key(sentence.text)] = top or best(events)
        predicted = CLASS_OF_QUAD.get(top["quad_class"], 0) if top else 0
        pairs.append((sentence.label, predicted))
        if predicted != sentence.label:
            detail = f"{top['type']} '{top['evidence']['trigger']}'" if top else "no asserted event"
            errors[f"{sentence.label} -> {predicted}"].append(f"{short(sentence.text, 120)} | {detail}")
    right = sum(g == p for g, p in pairs)
    zero = [p for g, p in pairs if g == 0]
    f1, _ = macro_f1([(str(g), str(p)) for g, p in pairs], "01234")
    print_table(["measure", "value"], [
        ["quad-class accuracy (0 = no asserted event)", ratio(right, len(pairs))],
        ["quad-class macro-F1 (5 classes)", f"{f1:.3f}"],
        ["class-0 statements with no asserted event", ratio(zero.count(0), len(zero))],
    ])
    print("\nconfusion (rows gold 0-4, columns ours 0-4):")
    print_table(["gold \\ ours", "0", "1", "2", "3", "4", "n"],
                [[g] + [sum(1 for a, b in pairs if a == g and b == p) for p in range(5)]
                 + [sum(1 for a, _ in pairs if a == g)] for g in range(5)])
    _spans(chosen, limit=args.limit)
    _confusions("Multi-CoPED", errors, show=args.errors)
    return zero.count(0), len(zero)


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP}


def _spans(chosen: dict[str, dict | None], *, limit: int | None) -> None:
    """Token overlap of our actor/recipient texts with the gold source/target spans."""
    spans = [s for s in coped_spans() if sentence_key("".join(s.tokens)) in chosen]
    rows = []
    for role, key in (("S", "actor"), ("T", "recipient")):
        inter = pred_n = gold_n = hit = with_gold = 0
        for sent in spans:
            event = chosen[sentence_key("".join(sent.tokens))]
            gold = words(" ".join(sent.role_tokens(role)))
            pred = words(" ".join(a.get("text") or "" for a in (event or {}).get(key, [])))
            inter, pred_n, gold_n = inter + len(gold & pred), pred_n + len(pred), gold_n + len(gold)
            if gold:
                with_gold += 1
                hit += bool(gold & pred)
        p, r = inter / max(1, pred_n), inter / max(1, gold_n)
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append([{"S": "source ~ actor", "T": "target ~ recipient"}[role], f"{p:.3f} ({inter}/{pred_n})",
                     f"{r:.3f} ({inter}/{gold_n})", f"{f:.3f}", ratio(hit, with_gold)])
    print(f"\nactor spans ({len(spans)} sentences aligned with actors_train.conll; word-level, "
          f"stop words out):")
    print_table(["role", "word precision", "word recall", "word F1", "span hit (gold span overlapped)"], rows)


# ---- MUC-4 ----------------------------------------------------------------------------------------------


def muc(args) -> None:
    if require("muc4") is None:
        return
    rows, all_matches, all_strict, all_chance, unmatched, material = [], [], [], [], [], 0
    located = []  # incidents matched on date or target only: where we put them is measured, not used
    for split in MUC_SPLITS:
        t0 = time.perf_counter()
        incidents, events = load_split(split, limit=args.limit, cache=args.cache, workers=args.workers)
        seconds = time.perf_counter() - t0
        matches = match_all(incidents, events)
        strict = match_all(incidents, events, use=("place", "target"))
        chance = match_all(incidents, far_events(events))
        located += match_all(incidents, events, use=("date", "target"))
        all_matches += matches
        all_strict += strict
        all_chance += chance
        used = {id(m.event) for m in matches if m.event is not None}
        split_unmatched = [(doc, e) for doc, evs in events.items() for e in evs
                           if e["quad_class"] == "material-conflict" and id(e) not in used]
        split_material = sum(e["quad_class"] == "material-conflict" for evs in events.values() for e in evs)
        unmatched += split_unmatched
        material += split_material
        rows.append([split, len(events), f"{seconds:.0f}"] + _muc_row(matches, strict, chance)
                    + [f"{len(split_unmatched)} of {split_material}"])
    print(f"\n## MUC-4 ({', '.join(MUC_SPLITS)})\n")
    header = ["split", "texts", "s", "incident recall (typed + anchored)", "recall, place or target agrees", "typed event in article",
              "chance (events of the text half a split away)",
              "accomplished -> asserted", "attempted/threatened -> not asserted", "ACLED type as mapped",
              "optional incidents found", "our material-conflict events matching no incident"]
    total = ["all", sum(r[1] for r in rows), sum(int(r[2]) for r in rows)] + _muc_row(all_matches, all_strict, all_chance) \
        + [f"{len(unmatched)} of {material}"]
    print_table(header, rows + [total])
    _muc_types(all_matches)
    _muc_locations(located)
    print("\nsample of our material-conflict events with no key incident (not errors: MUC's scope is narrower):")
    for doc, event in random.Random(0).sample(unmatched, min(10, len(unmatched))):
        print(f"  {doc} {event['type']}/{event.get('mode')} {event['factuality']} | "
              f"{short(event['evidence']['text'], 120)}")
    _muc_errors(all_matches, show=args.errors)


def far_events(events: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Each text's id paired with the events of the text half a split away (a chance baseline for matching)."""
    ids = list(events)
    half = len(ids) // 2
    return {doc: events[ids[(k + half) % len(ids)]] for k, doc in enumerate(ids)}


def _muc_row(matches, strict, chance) -> list[str]:
    main = [m for m in matches if not m.incident.optional]
    found = [m for m in main if m.event is not None]
    done = [m for m in found if accomplished(m.incident) is True]
    undone = [m for m in found if accomplished(m.incident) is False]
    acled = [m for m in found if m.event.get("acled_event_type") in ACLED.get(m.incident.type, set())]
    optional = [m for m in matches if m.incident.optional]
    return [ratio(len(found), len(main)), ratio(sum(m.event is not None for m in strict if not m.incident.optional), len(main)),
            ratio(sum(m.typed for m in main), len(main)),
            ratio(sum(m.event is not None for m in chance if not m.incident.optional), len(main)),
            ratio(sum(factuality_agrees(m.incident, m.event) for m in done), len(done)),
            ratio(sum(factuality_agrees(m.incident, m.event) for m in undone), len(undone)),
            ratio(len(acled), len(found)),
            ratio(sum(m.event is not None for m in optional), len(optional))]


def _muc_types(matches) -> None:
    print("\nby incident type (non-optional incidents, all splits):")
    by_type = defaultdict(list)
    for m in matches:
        if not m.incident.optional:
            by_type[m.incident.type].append(m)
    print_table(["MUC type", "recall", "accomplished -> asserted", "anchors used (date/place/target)"],
                [[t, ratio(sum(m.event is not None for m in ms), len(ms)),
                  ratio(sum(bool(factuality_agrees(m.incident, m.event)) for m in ms
                            if m.event and accomplished(m.incident)),
                        sum(1 for m in ms if m.event and accomplished(m.incident))),
                  "/".join(str(sum(k in m.anchors for m in ms)) for k in ("date", "place", "target"))]
                 for t, ms in sorted(by_type.items(), key=lambda kv: -len(kv[1]))])


def _muc_locations(matches) -> None:
    """Where the events of incidents matched by date or target alone are placed, against the key's
    INCIDENT: LOCATION: its country, and its department or town (the event location's name, text or
    division equals one of the key's names: :func:`_muc.place_agrees`); one row per half of
    ``benchmarks/split.py`` (by text) and one for all."""
    found = [m for m in matches if not m.incident.optional and m.event is not None]
    print("\nevent location of incidents matched by date or target only (non-optional, all splits):")
    rows = []
    for name in ("tune", "check", "all"):
        part = [m for m in found if name == "all" or split_half("muc4", m.incident.doc_id) == name]
        with_country = [m for m in part if m.incident.country]
        with_place = [m for m in part if m.incident.places]
        located = [m for m in part if m.event.get("location")]
        precision = defaultdict(int)
        for m in located:
            precision[m.event["location"]["precision"]] += 1
        rows.append([name, len(part), ratio(len(located), len(part)),
                     ratio(sum((m.event.get("location") or {}).get("country") == m.incident.country
                               for m in with_country), len(with_country)),
                     ratio(sum(place_agrees(m.incident, m.event.get("location")) for m in with_place),
                           len(with_place)),
                     "/".join(str(precision[k]) for k in ("site", "city", "admin", "country"))])
    print_table(["half", "matched", "with a location", "country = key's", "key's department or town named",
                 "precision site/city/admin/country"], rows)


def _muc_errors(matches, *, show: bool) -> None:
    print("\nMUC error classes (non-optional incidents):")
    classes = defaultdict(list)
    for m in matches:
        inc = m.incident
        label = f"{inc.doc_id} #{inc.template} {inc.type} {inc.stage} {inc.places or inc.country} " \
                f"{[d.start.isoformat() for d in inc.dates]} targets {list(inc.targets)[:3]}"
        if inc.optional:
            continue
        if m.event is None:
            classes["missed: no compatible event in the article" if not m.typed
                    else "missed: compatible type but no date/place/target agrees"].append(label)
        elif factuality_agrees(inc, m.event) is False:
            classes[f"factuality: {inc.stage} incident, event {m.event['type']} "
                    f"{m.event['factuality']}"].append(f"{label} | {short(m.event['evidence']['text'], 100)}")
    for key, rows in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        examples(key, rows, show=show)


# ---- seed and precision ---------------------------------------------------------------------------------


def seed(args) -> int | None:
    """Runs score_seed.py; prints its MUST NOT section and summary; returns the violation count."""
    article = DATA / "seed" / "article.txt"
    if not article.is_file() or not SCORE_SEED.is_file():
        print(f"\nskipped seed: {article} or {SCORE_SEED} is absent")
        return None
    from eventwire import extract

    events = extract(article.read_text(encoding="utf-8"))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        handle.writelines(json.dumps(e.to_dict()) + "\n" for e in events)
    out = subprocess.run([sys.executable, str(SCORE_SEED), handle.name], capture_output=True, text=True)
    Path(handle.name).unlink()
    lines = out.stdout.strip().splitlines()
    print("\n## seed article (../shared/tools/score_seed.py)\n")
    shown = lines if args.errors else lines[lines.index("MUST NOT"):] if "MUST NOT" in lines else lines[-1:]
    print("\n".join(shown))
    match = re.search(r"must-not violations (\d+)", lines[-1] if lines else "")
    return int(match.group(1)) if match else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_options(parser)
    parser.add_argument("--only", default="plover,zsp,coped,muc,seed", help="comma-separated sections to run")
    parser.add_argument("--half", default="check", choices=("check", "tune", "all"),
                        help="half of PLOVER GSR, ZSP and Multi-CoPED to read (benchmarks/split.py; default check)")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    zero = violations = None
    if "plover" in only:
        plover(args)
    if "zsp" in only:
        zsp(args)
    if "coped" in only:
        zero = coped(args)
    if "muc" in only:
        muc(args)
    if "seed" in only:
        violations = seed(args)
    print("\n## precision where gold says what is not an event\n")
    print_table(["source", "value"], [
        ["Multi-CoPED class-0 statements with no asserted event", ratio(*zero) if zero else "not run"],
        ["seed must-not statements that became events (violations)",
         "not run" if violations is None else violations],
    ])
    return 0


if __name__ == "__main__":
    sys.exit(main())
