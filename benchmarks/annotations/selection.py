"""The 64 articles of the whole-article evaluation set (issue #15), chosen deterministically.

Named ``selection.py``, not ``select.py``: a script folder on ``sys.path`` would otherwise shadow the standard
library's ``select`` module (which ``subprocess`` imports).

    16 gva articles      one per incident group (split by group: benchmarks/split.py gva_half)
    16 MUC-4 dev texts   muc4/dev (benchmarks/_data.py muc_texts), key = text id
    16 BBC politics      bbc_news train + dev, topic politics, key = bbc_file (politics/123.txt)
    16 Wikinews          wikinews/*.json, key = document id

In each source 8 come from the tune half and 8 from the check half: the candidates of a (source, half) are taken
in the order of sha256(id) (hex digest of the UTF-8 id), skipping texts over 6,000 characters and stubs under 200 (a
page's leftover such as a video caption; for gva also a second article of an incident group already taken). The text of each article is the raw text of its
reader, and every offset in ``benchmarks/annotations/*.jsonl`` points into it:

    gva       the document's ``text`` (title excluded)
    muc4      MucText.text of benchmarks/_data.py (the text after the id line, stripped)
    bbc_news  the first column of the .tsv line named by *_topics.tsv (lower-cased; CRLF line end removed)
    wikinews  the JSON ``text``

Later rounds (session 12, :data:`ROUNDS`) add more articles of a half: the next ones of each source in the same
sha256 order, same rules, as many as qualify; rank-major again, after the 64; even ranks the round's first group,
odd ranks its second. Rounds 2 and 3 (groups C-F) and round 4's J/I are TUNE articles, training data for the learned
layers; round 4's G/H are 30 more CHECK articles (the check half grows from 32 to 62 articles; the round-1 check
articles stay selectable as groups A and B). Blind second passes: the first 7 of C (annotator 6) and D (annotator 5),
the first 5 of G (annotator 8) and H (annotator 7). Session 15: rounds 5, 7, 8, 10-15 (groups K, L, O-R,
U-Z, a-f) are TUNE articles, rounds 6 and 9 (M, N, S, T) 48 more CHECK articles (the check half grows to 105); blind second
passes: the first 4 of M (annotator 14), N (13), S (20) and T (19).

Order: rank-major (rank 0 of every (source, half), then rank 1, ...), sources gva, muc4, bbc_news, wikinews,
halves tune then check; even ranks are group A, odd ranks group B. So each group holds 4 of every (source, half),
and the first 11 articles of a group (the blind second pass) span every source and half.

    python benchmarks/annotations/selection.py      # lists the selection
"""
from __future__ import annotations

import gzip
import hashlib
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from _data import DATA, muc_texts  # noqa: E402
from split import CHECK, TUNE, gva_groups, gva_half, half  # noqa: E402

SOURCES = ("gva", "muc4", "bbc_news", "wikinews")
PER_HALF = 8
ROUNDS = (  # later rounds (session 12): (half, first rank, end rank, groups of even / odd ranks)
    (TUNE, 8, 20, "CD"),    # round 2: annotators 3, 4
    (TUNE, 20, 32, "EF"),   # round 3: annotators 5, 6
    (CHECK, 8, 16, "GH"),   # round 4, check half: annotators 7, 8
    (TUNE, 32, 46, "IJ"),   # round 4, tune half: annotators 9, 10
    (TUNE, 46, 54, "KL"),   # round 5 (session 15), tune half: annotators 11, 12
    (CHECK, 16, 24, "MN"),  # round 6 (session 15), check half: annotators 13, 14
    (TUNE, 54, 62, "OP"),   # round 7 (session 15), tune half: annotators 15, 16
    (TUNE, 62, 70, "QR"),   # round 8 (session 15), tune half: annotators 17, 18
    (CHECK, 24, 32, "ST"),  # round 9 (session 15), check half: annotators 19, 20
    (TUNE, 70, 78, "UV"),   # round 10 (session 15), tune half: annotators 21, 22
    (TUNE, 78, 86, "WX"),   # rounds 11-15 (session 15), tune half: annotators 23-32
    (TUNE, 86, 94, "YZ"),
    (TUNE, 94, 102, "ab"),
    (TUNE, 102, 110, "cd"),
    (TUNE, 110, 118, "ef"),
    (CHECK, 32, 40, "gh"),  # round 16 (session 16), check half: annotators 33, 34
    (TUNE, 118, 126, "ij"),  # rounds 17-22 (session 16), tune half: annotators 35-46
    (TUNE, 126, 134, "kl"),
    (TUNE, 134, 142, "mn"),
    (TUNE, 142, 150, "op"),
    (TUNE, 150, 158, "qr"),
    (TUNE, 158, 166, "st"),
    (TUNE, 166, 174, "uv"),  # rounds 23-25 (session 16), tune half: annotators 47-52
    (TUNE, 174, 182, "wx"),
    (TUNE, 182, 190, "yz"),
    (CHECK, 40, 48, "01"),  # round 26 (session 16), check half: annotators 53, 54 (groups after z are digits)
    (TUNE, 190, 198, "23"),  # round 27 (session 16), tune half: annotators 55, 56 (BBC politics' tune half ends here)
)
GROUPS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123"  # group k is annotated (first pass) by annotator k + 1
MAX_CHARS = 6000
MIN_CHARS = 200


@dataclass(frozen=True)
class Selected:
    source: str
    id: str
    half: str
    group: str  # "A" or "B"
    text: str
    published: str | None = None


@dataclass(frozen=True)
class _Candidate:
    id: str
    half: str
    text: str
    published: str | None
    unit: str  # what may be taken once (gva: the incident group; else the id)


def _gva(data: Path) -> list[_Candidate]:
    groups = gva_groups(data=data)
    out = []
    with gzip.open(data / "gva" / "docs.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            group = groups.get(doc["incident_id"], doc["incident_id"])
            out.append(_Candidate(doc["doc_id"], gva_half(doc["incident_id"], groups), doc["text"] or "",
                                  doc.get("published"), group))
    return out


def _muc(data: Path) -> list[_Candidate]:
    return [_Candidate(t.id, half("muc4", t.id), t.text, None, t.id) for t in muc_texts("dev", data=data)]


def _bbc(data: Path) -> list[_Candidate]:
    out, seen = [], set()
    for split in ("train", "dev"):
        lines = (data / "bbc_news" / f"{split}.tsv").read_bytes().decode("utf-8").split("\n")
        topics = (data / "bbc_news" / f"{split}_topics.tsv").read_text(encoding="utf-8").splitlines()[1:]
        for row in topics:
            line, topic, bbc_file = row.split("\t")
            bbc_file = bbc_file.strip()
            if topic != "politics" or bbc_file in seen:
                continue
            seen.add(bbc_file)
            text = lines[int(line)].rstrip("\r").rsplit("\t", 1)[0]
            out.append(_Candidate(bbc_file, half("bbc_news", bbc_file), text, None, bbc_file))
    return out


def _wikinews(data: Path) -> list[_Candidate]:
    out = []
    for path in sorted((data / "wikinews").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        out.append(_Candidate(doc["id"], half("wikinews", doc["id"]), doc["text"], doc.get("published"), doc["id"]))
    return out


READERS = {"gva": _gva, "muc4": _muc, "bbc_news": _bbc, "wikinews": _wikinews}


def sha(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@lru_cache(maxsize=2)
def selected(data: Path = DATA) -> tuple[Selected, ...]:
    """The selected articles in the order above: the 64 of round 1, then those of :data:`ROUNDS`."""
    cells: dict[tuple[str, str], list[_Candidate]] = {}
    for source in SOURCES:
        candidates = sorted(READERS[source](data), key=lambda c: sha(c.id))
        for which in (TUNE, CHECK):
            wanted = max([PER_HALF] + [end for h, _, end, _ in ROUNDS if h == which])
            chosen, units = [], set()
            for cand in candidates:
                if cand.half != which or len(cand.text.strip()) < MIN_CHARS or len(cand.text) > MAX_CHARS or cand.unit in units:
                    continue
                chosen.append(cand)
                units.add(cand.unit)
                if len(chosen) == wanted:
                    break
            if len(chosen) < PER_HALF:
                raise RuntimeError(f"{source}/{which}: only {len(chosen)} articles qualify, {PER_HALF} needed")
            cells[(source, which)] = chosen
    out = []
    for rank in range(PER_HALF):
        for source in SOURCES:
            for which in (TUNE, CHECK):
                c = cells[(source, which)][rank]
                out.append(Selected(source, c.id, which, "AB"[rank % 2], c.text, c.published))
    for which, first, end, groups in ROUNDS:
        for rank in range(first, end):
            for source in SOURCES:
                if rank >= len(cells[(source, which)]):  # fewer qualify (wikinews has 14 tune articles)
                    continue
                c = cells[(source, which)][rank]
                out.append(Selected(source, c.id, which, groups[rank % 2], c.text, c.published))
    return tuple(out)


def by_id(data: Path = DATA) -> dict[str, Selected]:
    return {a.id: a for a in selected(data)}


def main() -> int:
    for a in selected():
        print(f"{a.group} {a.source:9} {a.half:5} {a.id:40} {len(a.text):5} chars")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
