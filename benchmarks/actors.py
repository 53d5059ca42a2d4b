#!/usr/bin/env python3
"""Actor resolution: :func:`eventwire.actors.resolve.resolve_np` on gold actor phrases, in their sentences.

    python benchmarks/actors.py [--examples 6] [--limit N] [--half tune|check] [--errors]

``--half`` keeps the PLOVER records of one half of ``benchmarks/split.py`` (Multi-CoPED: its sentences of that
half); ``--errors`` prints every error of the PLOVER set instead of a few examples (use it on the tune half only).

1. PLOVER gold standard (../shared/data/plover_gsr/PLOVER_GSR_CAMEO.json): each record's sentence is parsed
   once; every gold ``source``/``target`` ``actorText`` is found in it (exact, then case-insensitive; a text
   with "..." by its first part) and resolved as written (the token span) with the document's
   :class:`~eventwire.actors.resolve.PersonMemory`; when that gives no actor, or one without a country, the noun
   phrase headed by the span's root (its subtree) is tried. Reported:

   * country accuracy over gold codes that are ISO 3166-1 countries (the file's typos JAP, ITL, VTN are read
     as JPN, ITA, VNM; Kosovo XKX kept); IGO/NGO codes are scored as sectors instead;
   * sector accuracy over gold sectors that map to eventwire's vocabulary (table ``SECTOR_MAP`` below; the
     three-letter CAMEO agent code is read, an ethnic/religious suffix such as ``CVLalb``/``REBMOS`` is
     dropped; ``ELI`` elites, ``SOC``, ``MOS`` as a sector and ``***`` are not scored). A gold code ``IGO`` or
     ``NGO`` with no sector counts as that sector. Bare country codes without a sector are not scored for
     sector (CAMEO leaves the state's sector implicit). For a gold IGO/NGO code with a sector (the UN
     Security Council coded IGO GOV), our IGO/NGO also counts as correct: eventwire gives a body one sector.

2. Multi-CoPED (../shared/data/multicoped_cameo/actors_train.conll, CoNLL ``token TAG``, tags ``B-/I-`` with
   S source, T target, R both): the tokens are joined as running text (:func:`detokenize`) and parsed; each gold span is resolved as a
   token span. Reported: the share of spans that get an actor, and that get one with a country.

Error classes print a few examples each. Also prints the cost of ``PersonMemory.from_doc`` + resolving, per
sentence (a rough stand-in for the per-article cost). Not a test.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import coped_spans, plover_records, require  # noqa: E402
from split import half as split_half  # noqa: E402

from eventwire.actors.resolve import PersonMemory, load_actor_kb, resolve_np  # noqa: E402
from eventwire.places.gazetteer.cache import load_gazetteer  # noqa: E402
from eventwire.nlp.model import load_nlp  # noqa: E402

# Gold (CAMEO agent code, first three letters) -> eventwire sector. None: not scored.
SECTOR_MAP = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "PTY", "PTY": "PTY", "COP": "COP", "SPY": "GOV",
    "LEG": "LEG", "JUD": "JUD", "MED": "MED", "JRN": "MED", "CVL": "CVL", "CIV": "CVL", "REF": "CVL",
    "EDU": "CVL", "LAB": "CVL", "AGR": "CVL", "HLH": "CVL", "UAF": "UAF", "CRM": "CRM", "BUS": "BUS",
    "REL": "REL", "IGO": "IGO", "NGO": "NGO", "ELI": None, "SOC": None, "MOS": None, "***": None,
}
CODE_TYPOS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _iso3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


def gold_sector(code: str | None, sector: str | None) -> str | None:
    """The gold sector in eventwire's vocabulary, or None when it is absent or not scored."""
    if sector:
        return SECTOR_MAP.get(sector[:3].upper())
    return code if code in ("IGO", "NGO") else None


def find_span(doc, phrase: str):
    """The token span of ``phrase`` in ``doc`` (exact, then case-insensitive, then the part before "...")."""
    text = doc.text
    for cand in (phrase, phrase.split("...")[0].strip(" (")):
        if not cand:
            continue
        at = text.find(cand)
        if at < 0:
            at = text.lower().find(cand.lower())
        if at >= 0:
            return doc.char_span(at, at + len(cand), alignment_mode="expand")
    return None


def resolve_gold(span, memory):
    """The span as written; failing a country, the noun phrase its root heads."""
    actor = resolve_np(span, memory=memory)
    if actor is None or actor.country is None:
        other = resolve_np(span.root, memory=memory)
        if other is not None and (actor is None or other.country):
            actor = other
    return actor


def _error_class(span, actor, gold_country) -> str:
    root = span.root
    words = span.text.split()
    if actor is None:
        kind = root.ent_type_ or root.pos_
        return f"no actor ({kind})" + (" multiword" if len(words) > 1 else "")
    if actor.country is None:
        return f"actor without country (sector {actor.sector})"
    return "wrong country"


def plover(nlp, *, examples: int, limit: int | None, which: str | None = None) -> float:
    iso3 = _iso3_codes()
    records = [r for r in plover_records()[:limit] if which is None or split_half("plover_gsr", r.id) == which]
    n_country = ok_country = n_sector = ok_sector = missing = 0
    errors: dict[str, list[str]] = defaultdict(list)
    sector_conf: Counter = Counter()
    spent = 0.0
    for rec in records:
        doc = nlp(rec.text)
        t0 = time.perf_counter()
        memory = PersonMemory.from_doc(doc)
        spent += time.perf_counter() - t0
        for gold in (*rec.source, *rec.target):
            code = CODE_TYPOS.get(gold.code or "", gold.code)
            span = find_span(doc, gold.text) if gold.text else None
            if span is None or len(span) == 0:
                missing += 1
                continue
            t0 = time.perf_counter()
            actor = resolve_gold(span, memory)
            spent += time.perf_counter() - t0
            if code in iso3:
                n_country += 1
                got = actor.country if actor else None
                if got == code:
                    ok_country += 1
                else:
                    label = _error_class(span, actor, code)
                    errors[label].append(f"{gold.text!r} gold {code} got {got} "
                                         f"[{actor.name if actor else '-'}]")
            want = gold_sector(code, gold.sector)
            if want is not None:
                n_sector += 1
                got_sector = actor.sector if actor else None
                good = got_sector == want or code in ("IGO", "NGO") and got_sector == code
                ok_sector += good
                if not good:
                    sector_conf[(want, got_sector)] += 1
                    errors[f"sector {want}->{got_sector}"].append(
                        f"{gold.text!r} [{actor.name if actor else '-'}]")
    print(f"PLOVER GSR: {len(records)} records, gold actors not found in their text: {missing}")
    print(f"{'measure':<28}{'n':>6}{'correct':>9}{'accuracy':>10}")
    print(f"{'country (ISO3 gold)':<28}{n_country:>6}{ok_country:>9}{ok_country / max(n_country, 1):>10.1%}")
    print(f"{'sector (mapped gold)':<28}{n_sector:>6}{ok_sector:>9}{ok_sector / max(n_sector, 1):>10.1%}")
    print(f"resolver time: {1000 * spent / max(len(records), 1):.3f} ms per sentence (memory + resolving)\n")
    print("top sector confusions (gold -> ours):",
          ", ".join(f"{a}->{b} {k}" for (a, b), k in sector_conf.most_common(10)))
    _print_errors(errors, examples=examples, title="PLOVER error classes")
    return ok_country / max(n_country, 1)


def coped(nlp, *, examples: int, limit: int | None, which: str | None = None) -> None:
    sentences = [s for k, s in enumerate(coped_spans()[:limit])
                 if which is None or split_half("multicoped", k) == which]
    total = with_actor = with_country = 0
    by_role: Counter = Counter()
    errors: dict[str, list[str]] = defaultdict(list)
    texts, offsets = [], []
    for sent in sentences:
        text, starts = detokenize(sent.tokens)
        texts.append(text)
        offsets.append(starts)
    for sent, text, starts, doc in zip(sentences, texts, offsets, nlp.pipe(texts, batch_size=64)):
        memory = PersonMemory.from_doc(doc)
        for role, lo, hi in _gold_spans(sent.tags):
            a, b = starts[lo], starts[hi - 1] + len(sent.tokens[hi - 1])
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            total += 1
            actor = resolve_np(span, memory=memory)
            if actor is not None:
                with_actor += 1
                by_role[role] += 1
                if actor.country:
                    with_country += 1
            else:
                root = span.root
                errors[f"no actor ({root.ent_type_ or root.pos_}, head {root.lower_ if root.pos_ != 'PROPN' else 'PROPN'})"
                       if root.pos_ in ("PRON",) else f"no actor ({root.ent_type_ or root.pos_})"].append(span.text)
    print(f"\nMulti-CoPED actors_train.conll: {len(sentences)} sentences, {total} gold source/target spans")
    print(f"{'measure':<28}{'n':>6}{'share':>10}")
    print(f"{'spans with an actor':<28}{with_actor:>6}{with_actor / max(total, 1):>10.1%}")
    print(f"{'spans with a country':<28}{with_country:>6}{with_country / max(total, 1):>10.1%}")
    _print_errors(errors, examples=examples, title="Multi-CoPED spans without an actor")


_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "%", "'s", "’s", "n't", "'", "’"})


def detokenize(tokens) -> tuple[str, list[int]]:
    """Tokens joined as running text (no space before punctuation, "’ s" -> "’s"), with each token's start."""
    out, starts, pos = [], [], 0
    for k, tok in enumerate(tokens):
        prev = tokens[k - 1] if k else ""
        glue = k == 0 or tok in _NO_SPACE_BEFORE or prev == "(" or tok == "s" and prev in ("'", "’")
        if not glue:
            out.append(" ")
            pos += 1
        starts.append(pos)
        out.append(tok)
        pos += len(tok)
    return "".join(out), starts


def _gold_spans(tags) -> list[tuple[str, int, int]]:
    out, start, role = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == role):
            out.append((role, start, i))
            start = None
        if tag.startswith("B-") or tag.startswith("I-") and start is None:
            start, role = i, tag[2:]
    return out


def _print_errors(errors: dict[str, list[str]], *, examples: int, title: str) -> None:
    print(f"\n{title} (count: examples)")
    for label, items in sorted(errors.items(), key=lambda kv: -len(kv[1]))[:14 if examples < 99 else None]:
        print(f"  {len(items):>4}  {label}: " + "; ".join(items[:examples]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=6)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--half", choices=("tune", "check"), default=None, help="one half of benchmarks/split.py")
    parser.add_argument("--errors", action="store_true", help="every PLOVER error (tune half only)")
    args = parser.parse_args()
    if args.errors:
        args.examples = 999
    if require("plover_gsr") is None or require("multicoped_cameo") is None:
        return 0
    nlp = load_nlp()
    load_actor_kb()
    load_gazetteer()  # loaded once per process in the pipeline too: not part of the per-sentence cost
    plover(nlp, examples=args.examples, limit=args.limit, which=args.half)
    coped(nlp, examples=min(args.examples, 6), limit=args.limit, which=args.half)
    return 0


if __name__ == "__main__":
    sys.exit(main())
