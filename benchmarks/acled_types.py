"""ACLED sub-event types: a table of the 25 on a labelled sample of dev text, and on synthetic codebook examples.

The labelled sample (weak labels taken from each dataset's own gold, never from eventwire's output):

1. MUC-4 key incidents of the dev CHECK half and of tst1/tst2, matched to our events as ``events.py`` does
   (``_muc.match_all``). The label follows the ACLED codebook from the key's INCIDENT: TYPE, INSTRUMENT TYPE
   and HUM TGT: TYPE: KIDNAPPING -> Abduction/forced disappearance; BOMBING -> Grenade (a grenade),
   Shelling/artillery/missile attack (mortar, rocket, artillery, missile), else Remote explosive/landmine/IED;
   ATTACK -> Air/drone strike (aircraft, helicopter), Shelling/artillery/missile attack (its only instruments
   are mortars, rockets, artillery), Armed clash (its human targets are armed: ACTIVE MILITARY, LAW
   ENFORCEMENT, SECURITY GUARD), else Attack; ARSON -> Looting/property destruction. Other incident types are
   left out. An incident no event matches is predicted "none".
2. PLOVER GSR sentences of the CHECK half whose gold PLOVER type and mode name one ACLED sub-type by the
   codebook: PROTEST (demo-*, strike-*, obstruct -> Peaceful protest; riot* -> Violent demonstration),
   COERCE arrest/detain -> Arrests, COERCE destroy/confiscate -> Looting/property destruction, AGREE ->
   Agreement, ASSAULT explosives -> Remote explosive/landmine/IED, suicide-attack -> Suicide bomb, sexual ->
   Sexual violence. Predicted: the sub-type of the sentence's event of the gold type (else its most confident
   event's; "none" without an event). PLOVER ZSP CHECK half likewise for PROTEST (Peaceful protest) and AGREE.
3. Synthetic sentences (``benchmarks/acled_synthetic.tsv``): written from the codebook's definitions for the
   sub-types dev text never shows, marked synthetic, in a table of their own; no check half contains them.

Precision is printed where we emitted a sub-type at least 10 times on the sample; weighted F1 is over the
labelled items (support-weighted, "none" counts as a wrong answer).

Run: ``.venv/bin/python benchmarks/acled_types.py [--cache /tmp/eventwire-bench] [--workers 2]``.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from _data import DATA, Item, add_common_options, extract_items, muc_key_files, muc_texts, plover_records, \
    print_table, read_text, require, short
from _muc import match_all, parse_slots, read_incidents
from split import half

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from eventwire.events.acled import SUBTYPES  # noqa: E402

ALL = tuple(s for subs in SUBTYPES.values() for s in subs)
SYNTHETIC = Path(__file__).resolve().parent / "acled_synthetic.tsv"
ARMED_TARGETS = ("ACTIVE MILITARY", "LAW ENFORCEMENT", "SECURITY GUARD")
SHELLS = ("MORTAR", "ROCKET", "ARTILLERY", "MISSILE", "BAZOOKA")
AIR = ("AIRCRAFT", "HELICOPTER", "PLANE", "BOMBER")


def muc_label(itype: str, instruments: str, targets: str) -> str | None:
    """The ACLED sub-type of one MUC-4 key incident (module docstring, 1)."""
    if itype == "KIDNAPPING":
        return "Abduction/forced disappearance"
    if itype == "ARSON":
        return "Looting/property destruction"
    if itype == "BOMBING":
        if "GRENADE" in instruments:
            return "Grenade"
        return "Shelling/artillery/missile attack" if any(s in instruments for s in SHELLS) \
            else "Remote explosive/landmine/IED"
    if itype == "ATTACK":
        if any(a in instruments for a in AIR):
            return "Air/drone strike"
        kinds = {line.split(":")[0].strip() for line in instruments.splitlines() if line.strip() not in ("*", "-")}
        if kinds and all(any(s in k for s in SHELLS) for k in kinds):
            return "Shelling/artillery/missile attack"
        return "Armed clash" if any(t in targets for t in ARMED_TARGETS) else "Attack"
    return None


def muc_sample(args) -> list[tuple[str, str, str]]:
    """(label, predicted, source) for each non-optional MUC key incident that has a label."""
    out = []
    for split in ("dev", "tst1", "tst2"):
        texts = [t for t in muc_texts(split) if split != "dev" or half("muc4", t.id) == "check"]
        events = extract_items([Item(t.id, t.text) for t in texts], label=f"acled-muc-{split}", cache=args.cache,
                               workers=args.workers)
        labels = {}
        for path in muc_key_files(split):
            for block in read_text(path).split("\n\n"):
                slots = parse_slots(block)
                if 0 not in slots or not slots.get(1) or slots[1][0].startswith("*"):
                    continue
                doc, template = slots[0][0].split()[0], slots[1][0].split()[0]
                itype = (slots.get(4) or [""])[0].split("/")[0].strip()
                labels[(doc, template)] = muc_label(itype, "\n".join(slots.get(7, [])),
                                                    "\n".join(slots.get(20, [])))
        incidents = {k: v for k, v in read_incidents(split).items() if k in events}
        for m in match_all(incidents, events):
            label = labels.get((m.incident.doc_id, m.incident.template))
            if m.incident.optional or label is None:
                continue
            out.append((label, (m.event or {}).get("acled_subtype") or "none", f"muc-{split}"))
    return out


PLOVER_LABEL = {("PROTEST", "riot"): "Violent demonstration", ("PROTEST", "demo"): "Peaceful protest",
                ("PROTEST", "strike"): "Peaceful protest", ("PROTEST", "obstruct"): "Peaceful protest",
                ("COERCE", "arrest"): "Arrests", ("COERCE", "detain"): "Arrests",
                ("COERCE", "destroy"): "Looting/property destruction",
                ("COERCE", "confiscate"): "Looting/property destruction", ("AGREE", ""): "Agreement",
                ("ASSAULT", "explosives"): "Remote explosive/landmine/IED",
                ("ASSAULT", "suicide"): "Suicide bomb", ("ASSAULT", "sexual"): "Sexual violence"}


def plover_sample(args) -> list[tuple[str, str, str]]:
    rows = []
    gsr = [r for r in plover_records() if half("plover_gsr", r.id) == "check"]
    items = [(r.id, r.text, r.type, (r.mode or "").split("-")[0]) for r in gsr]
    import _corpora

    for d in _corpora.plover_zsp("check"):
        if d.info["types"][0] in ("PROTEST", "AGREE"):
            items.append((d.id, d.text, d.info["types"][0], "demo" if d.info["types"][0] == "PROTEST" else ""))
    found = extract_items([Item(i, t) for i, t, _, _ in items], label="acled-plover", cache=args.cache,
                          workers=args.workers)
    for id_, _text, type_, mode in items:
        label = PLOVER_LABEL.get((type_, mode))
        if label is None:
            continue
        events = found[id_]
        pool = [e for e in events if e["type"] == type_] or events
        top = max(pool, key=lambda e: e["confidence"]) if pool else None
        rows.append((label, (top or {}).get("acled_subtype") or "none", "zsp" if id_.startswith("zsp") else "gsr"))
    return rows


def table(pairs: list[tuple[str, str, str]]) -> None:
    gold = Counter(g for g, _, _ in pairs)
    pred = Counter(p for _, p, _ in pairs)
    right = Counter(g for g, p, _ in pairs if g == p)
    sources: dict[str, Counter] = {}
    for g, _, s in pairs:
        sources.setdefault(g, Counter())[s] += 1
    rows = []
    for event_type, subs in SUBTYPES.items():
        for sub in subs:
            p = f"{right[sub] / pred[sub]:.3f} ({right[sub]}/{pred[sub]})" if pred[sub] >= 10 else \
                f"n<10 ({right[sub]}/{pred[sub]})"
            r = f"{right[sub] / gold[sub]:.3f} ({right[sub]}/{gold[sub]})" if gold[sub] else "never in dev text"
            rows.append([event_type, sub, gold[sub], p, r,
                         ", ".join(f"{k} {v}" for k, v in sorted(sources.get(sub, Counter()).items())) or "-"])
    print_table(["ACLED event type", "sub-event type", "labelled n", "precision (we emit it ≥ 10 times)",
                 "recall", "labelled from"], rows)
    f1 = 0.0
    for sub, n in gold.items():
        tp = right[sub]
        f1 += n * (2 * tp / (gold[sub] + pred[sub]) if tp else 0.0)
    print(f"\nweighted F1 over {len(pairs)} labelled items: {f1 / max(len(pairs), 1):.3f}; "
          f"accuracy {sum(right.values()) / max(len(pairs), 1):.3f}; no event: {pred['none']}")


def synthetic(args) -> None:
    if not SYNTHETIC.is_file():
        return
    with open(SYNTHETIC, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    found = extract_items([Item(f"syn-{k}", r[1]) for k, r in enumerate(rows)], label="acled-synthetic",
                          cache=args.cache, workers=args.workers)
    pairs, misses = [], []
    for k, (label, text) in enumerate(rows):
        subs = [e.get("acled_subtype") for e in found[f"syn-{k}"]]
        got = label if label in subs else (subs[0] if subs else "none") or "none"
        pairs.append((label, got, "synthetic"))
        if got != label:
            misses.append(f"{label} -> {got}: {short(text, 100)}")
    print(f"\n## Synthetic codebook examples ({len(rows)} sentences; never in a check half)\n")
    counts, hits = Counter(g for g, _, _ in pairs), Counter(g for g, p, _ in pairs if g == p)
    print_table(["sub-event type", "sentences", "an event of that sub-type"],
                [[s, counts[s], f"{hits[s]}/{counts[s]}"] for s in ALL if counts[s]])
    if args.errors:
        for line in misses:
            print("  - " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_options(parser)
    args = parser.parse_args(argv)
    pairs = []
    if require("muc4") is not None:
        pairs += muc_sample(args)
    if require("plover_gsr") is not None:
        pairs += plover_sample(args)
    print(f"\n## ACLED sub-event types on a labelled sample of dev text (check halves; {len(pairs)} items)\n")
    table(pairs)
    synthetic(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
