"""Benchmark "When and how many": resolve TimeBank/AQUAINT DATE expressions against the creation time.

Data: ``../shared/data/timeml/TBAQ-cleaned.tar.gz`` (TempEval-3 cleaned training data: TimeBank 183 +
AQUAINT 73 newswire documents, from https://github.com/jspotter/TempEval-3, see its ``SOURCE.txt``).
The archive is read in place with :mod:`tarfile`; nothing is extracted.

For every ``TIMEX3`` of type ``DATE`` (the creation time itself excluded), the expression is resolved
with the document creation time (DCT) as anchor, and the result is compared with the gold ``value``
*at the gold's granularity*: a gold ``1998-10`` is matched by ``1998-10`` or by any day in October 1998;
a prediction coarser than the gold (``1998`` for gold ``1998-10``) is a miss.

Gold values that are not calendar dates (``PRESENT_REF``, ``P1D``, ``1998-Q3``, ``1998-W46``,
``XXXX-10``…) cannot be expressed by either system. Two figures are printed:

* **calendar**: only golds of the form ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the primary figure);
* **all DATE**: every DATE timex; non-calendar golds count as misses for both systems.

Systems, run on the same items in the same run:

* ``find_timexes (text)``: eventwire's resolver on the timex text alone (what dateparser gets);
* ``find_timexes (in context)``: eventwire's resolver on the whole document text; the timex that overlaps
  the gold span is taken (this also measures detection and uses the sentence's tense);
* ``dateparser``: ``dateparser.parse(text, settings={'RELATIVE_BASE': dct, 'PREFER_DATES_FROM': 'past'})``
  when dateparser is installed.

MUC-4 section (``../shared/data/muc4``: ``dev``, ``tst1``, ``tst2``): for every non-optional answer-key incident
with a day-precise date (``DD MMM YY``; keys with ranges or "on or before" dates are left out), whether the
eventwire event matched to it has exactly that date. Matching (``benchmarks/_muc.py``): same article,
compatible type, and the place or a target agrees — the date itself is not used to pick the event.
The texts' datelines give the report date (ingest/clean read it into ``Article.published``).

Run: ``.venv/bin/python benchmarks/dates.py [--shared PATH] [--errors N] [--limit N] [--cache DIR]
[--workers N] [--only timeml,muc]``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import tarfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from eventwire.events.dates import find_timexes

REPO = Path(__file__).resolve().parent.parent
CALENDAR = re.compile(r"\d{4}(-\d\d(-\d\d)?)?")
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Item:
    doc: str
    text: str
    gold: str
    dct: dt.date
    start: int  # offsets of the timex in the document's plain text
    end: int


def _plain(body: str) -> tuple[str, list[tuple[int, int, dict]]]:
    """Strip tags from the ``<TEXT>`` part; return the text and the spans of its TIMEX3 tags."""
    out, spans, open_at, pos = [], [], None, 0
    length = 0
    for tag in TAG.finditer(body):
        chunk = html.unescape(body[pos:tag.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tag.end()
        if tag.group(2) == "TIMEX3":
            if tag.group(1):
                spans.append((open_at[0], length, open_at[1]))
            else:
                open_at = (length, dict(ATTR.findall(tag.group(3))))
    out.append(html.unescape(body[pos:]))
    return "".join(out), spans


def load_items(archive: Path) -> tuple[list[Item], dict[str, str]]:
    items, texts = [], {}
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if not member.name.endswith(".tml"):
                continue
            raw = tar.extractfile(member).read().decode("utf-8")
            dct_value = re.search(r'<TIMEX3[^>]*value="(\d{4}-\d\d-\d\d)[^"]*"[^>]*CREATION_TIME', raw)
            body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
            if not (dct_value and body):
                continue
            anchor = dt.date.fromisoformat(dct_value.group(1))
            text, spans = _plain(body.group(1))
            texts[member.name] = text
            for start, end, attrs in spans:
                if attrs.get("type") == "DATE":
                    items.append(Item(member.name, text[start:end], attrs.get("value", ""), anchor,
                                      start, end))
    return items, texts


def correct(pred: str | None, gold: str) -> bool:
    return bool(pred) and CALENDAR.fullmatch(gold) is not None and len(pred) >= len(gold) \
        and pred[:len(gold)] == gold


def ours_text(item: Item) -> str | None:
    found = find_timexes(item.text, anchor=item.dct)
    return max(found, key=lambda t: t.end - t.start).value if found else None


def ours_context(items: list[Item], texts: dict[str, str]) -> dict[int, str | None]:
    by_doc: dict[str, list] = {}
    for name, text in texts.items():
        anchor = next((i.dct for i in items if i.doc == name), None)
        by_doc[name] = find_timexes(text, anchor=anchor) if anchor else []
    preds = {}
    for index, item in enumerate(items):
        overlapping = [t for t in by_doc[item.doc] if t.start < item.end and t.end > item.start]
        preds[index] = max(overlapping, key=lambda t: t.end - t.start).value if overlapping else None
    return preds


def dateparser_system():
    try:
        import dateparser
    except ImportError:
        return None

    def parse(item: Item) -> str | None:
        base = dt.datetime.combine(item.dct, dt.time(12))
        result = dateparser.parse(item.text, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        return result.date().isoformat() if result else None
    return parse


def score(preds: list[str | None], items: list[Item]) -> tuple[float, float, int]:
    hits = [correct(p, i.gold) for p, i in zip(preds, items)]
    calendar = [h for h, i in zip(hits, items) if CALENDAR.fullmatch(i.gold)]
    return sum(calendar) / max(1, len(calendar)), sum(hits) / max(1, len(hits)), sum(hits)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--errors", type=int, default=0,
                        help="print this many misses of find_timexes (TimeML) / examples per error class (MUC)")
    parser.add_argument("--limit", type=int, default=None, help="MUC: use only the first N texts of each split")
    parser.add_argument("--cache", type=Path, default=None, help="MUC: folder under /tmp to reuse extraction output")
    parser.add_argument("--workers", type=int, default=1, help="MUC: extraction processes")
    parser.add_argument("--only", default="timeml,muc", help="comma-separated sections to run")
    args = parser.parse_args(argv)
    if "timeml" in args.only.split(","):
        timeml(args)
    if "muc" in args.only.split(","):
        print()
        muc(args)
    return 0


def timeml(args) -> int:
    archive = args.shared / "data" / "timeml" / "TBAQ-cleaned.tar.gz"
    if not archive.is_file():
        print(f"skipped: {archive} is absent (TimeML data lives in ../shared, never in the repo)")
        return 0
    items, texts = load_items(archive)
    n_cal = sum(1 for i in items if CALENDAR.fullmatch(i.gold))
    print(f"{len(texts)} documents, {len(items)} DATE timexes, {n_cal} with a calendar value\n")
    rows, misses = [], []
    t0 = time.perf_counter()
    preds = [ours_text(i) for i in items]
    rows.append(("find_timexes (text)", *score(preds, items), time.perf_counter() - t0))
    misses = [(i, p) for i, p in zip(items, preds) if CALENDAR.fullmatch(i.gold) and not correct(p, i.gold)]
    t0 = time.perf_counter()
    ctx = ours_context(items, texts)
    rows.append(("find_timexes (in context)", *score([ctx[k] for k in range(len(items))], items),
                 time.perf_counter() - t0))
    system = dateparser_system()
    if system is None:
        print("dateparser is not installed: its row is skipped (pip install dateparser==1.5.0)\n")
    else:
        t0 = time.perf_counter()
        rows.append(("dateparser 1.5 (text)", *score([system(i) for i in items], items),
                     time.perf_counter() - t0))
    print(f"| system | accuracy, calendar (n={n_cal}) | accuracy, all DATE (n={len(items)}) | seconds |")
    print("|---|---|---|---|")
    for name, cal, every, _, seconds in rows:
        print(f"| {name} | {cal:.3f} | {every:.3f} | {seconds:.2f} |")
    if args.errors:
        print("\nmisses of find_timexes (text): text | gold | predicted | dct")
        grouped = Counter((i.text.lower(), i.gold, p, i.dct) for i, p in misses)
        for (text, gold, pred, dct), count in grouped.most_common(args.errors):
            print(f"  {count} x {text!r} | {gold} | {pred} | {dct}")
    return 0


def muc(args) -> None:
    """Exact-day agreement of matched events with the MUC-4 key's incident date."""
    from _data import MUC_SPLITS, print_table, ratio, require, short
    from _muc import load_split, match_all

    if require("muc4") is None:
        return
    print("## MUC-4 incident dates\n")
    rows, classes = [], {}
    totals = [0, 0, 0]
    for split in MUC_SPLITS:
        incidents, events = load_split(split, limit=args.limit, cache=args.cache, workers=args.workers)
        matches = [m for m in match_all(incidents, events, use=("place", "target"))
                   if m.incident.days and not m.incident.optional]
        matched = [m for m in matches if m.event is not None]
        right = [m for m in matched if m.event.get("date") in {d.isoformat() for d in m.incident.days}]
        rows.append([split, ratio(len(right), len(matches)), ratio(len(right), len(matched)),
                     ratio(len(matched), len(matches))])
        totals = [totals[0] + len(right), totals[1] + len(matched), totals[2] + len(matches)]
        for m in matches:
            if m in right:
                continue
            label = _muc_date_error(m)
            classes.setdefault(label, []).append(
                f"{m.incident.doc_id} #{m.incident.template} key {m.incident.days[0]} | ours "
                f"{(m.event or {}).get('date')} ({(m.event or {}).get('date_precision')}) | "
                f"{short((m.event or {}).get('evidence', {}).get('text', ''), 110)}")
    rows.append(["all", ratio(totals[0], totals[2]), ratio(totals[0], totals[1]), ratio(totals[1], totals[2])])
    print_table(["split", "exact day / day-precise incidents", "exact day / matched", "incidents matched"], rows)
    print("\nMUC date error classes:")
    for label, examples in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print(f"  {label}: {len(examples)}")
        for example in examples[:min(3, args.errors)]:
            print(f"      - {example}")


def _muc_date_error(m) -> str:
    if m.event is None:
        return "no matched event"
    date, precision = m.event.get("date"), m.event.get("date_precision")
    if not date:
        return "event date null"
    if precision == "publication":
        return "fell back to the publication date"
    if precision != "day":
        return f"{precision} precision only"
    gap = (dt.date.fromisoformat(date[:10]) - m.incident.days[0]).days
    return f"other day ({'+' if gap > 0 else '-'}{'1' if abs(gap) == 1 else '2-7' if abs(gap) <= 7 else '8+'} days)"


if __name__ == "__main__":
    sys.exit(main())
