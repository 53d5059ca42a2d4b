"""Annotators' helper for the whole-article evaluation set (see GUIDELINES.md).

    python benchmarks/annotations/tool.py list [--group A-D]            articles in order, with draft status
    python benchmarks/annotations/tool.py show ID                       an article's sentences, numbered
    python benchmarks/annotations/tool.py template ID --annotator N --pass P
                                         writes /tmp/annot/N/passP/<ID>.txt (never overwrites): the sentences
                                         as comments, ready for event lines
    python benchmarks/annotations/tool.py write --annotator N --pass P  every finished draft of that annotator
                                         and pass -> pass1.jsonl / pass2.jsonl (that annotator's lines replaced)

Run with PYTHONPATH=src from the worktree. Drafts live OUTSIDE the repo (/tmp/annot/<annotator>/pass<P>/); the
stored files hold no corpus text: ids, sentence indexes and character offsets only.

Draft format (one file per article; '#' starts a comment):

    <i> <TYPE> <factuality> | <actor> | <recipient>
    ...
    done

``i`` is the sentence index from ``show``; TYPE a PLOVER type; factuality one of asserted claimed denied negated
hypothetical future. Actor and recipient are written as in the article (copy the words; case and spacing do not
matter); several mentions are separated by ';'; leave the field empty when the article never names it. A mention
is looked up in sentence i first, then in the nearest earlier sentence, then later ones; write ``@k words`` to
take it from sentence k. Several events of one sentence: several lines. A sentence with no line has no event.
The draft is written only once it holds a line ``done``.
"""
from __future__ import annotations

import argparse
import fcntl
import json
import re
import sys
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from selection import GROUPS, by_id  # noqa: E402

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
FACTUALITY = ("asserted", "claimed", "denied", "negated", "hypothetical", "future")
DRAFTS = Path("/tmp/annot")
SENTENCES = HERE / "sentences.jsonl"


class DraftError(ValueError):
    pass


def sentence_rows() -> list[dict]:
    return [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line.strip()]


def row_of(article_id: str) -> dict:
    for row in sentence_rows():
        if row["id"] == article_id:
            return row
    raise SystemExit(f"no selected article {article_id!r}; `tool.py list` shows the ids")


def safe(article_id: str) -> str:
    return article_id.replace("/", "_")


def draft_path(article_id: str, annotator: int, pass_no: int) -> Path:
    return DRAFTS / str(annotator) / f"pass{pass_no}" / f"{safe(article_id)}.txt"


def one_line(text: str) -> str:
    return " ".join(text.split())


def cmd_list(args) -> int:
    for row in sentence_rows():
        if args.group and row["group"] != args.group:
            continue
        marks = [f"{n}/{p}" for n in range(1, len(GROUPS) + 1) for p in (1, 2) if draft_path(row["id"], n, p).is_file()]
        print(f"{row['group']} {row['source']:9} {row['half']:5} {row['id']:34} {len(row['sentences']):3} sentences"
              f"  drafts: {' '.join(marks) or '-'}")
    return 0


def cmd_show(args) -> int:
    row = row_of(args.id)
    text = by_id()[args.id].text
    print(f"# {row['source']} {row['id']} ({row['half']}, group {row['group']})")
    for i, (s, e) in enumerate(row["sentences"]):
        print(f"[{i}] {one_line(text[s:e])}")
    return 0


def cmd_template(args) -> int:
    row = row_of(args.id)
    path = draft_path(args.id, args.annotator, args.pass_no)
    if path.exists():
        print(f"{path} exists; not overwritten")
        return 1
    text = by_id()[args.id].text
    lines = [f"# {row['source']} {row['id']} annotator {args.annotator} pass {args.pass_no}",
             "# <i> <TYPE> <factuality> | <actor> | <recipient>      (see GUIDELINES.md); end with a line: done"]
    for i, (s, e) in enumerate(row["sentences"]):
        lines.append(f"# [{i}] {one_line(text[s:e])}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(path)
    return 0


def find_mention(words: str, text: str, spans: list[list[int]], i: int) -> list[int]:
    """[start, end] of ``words`` in sentence i, else the nearest earlier sentence, else a later one."""
    forced = re.match(r"@(\d+)\s+(.*)$", words)
    order = [int(forced.group(1))] if forced else [i] + list(range(i - 1, -1, -1)) + list(range(i + 1, len(spans)))
    words = forced.group(2) if forced else words
    tokens = words.split()
    if not tokens:
        raise DraftError("empty mention")
    pattern = re.compile(r"\s+".join(re.escape(t) for t in tokens), re.I)
    for k in order:
        if not 0 <= k < len(spans):
            raise DraftError(f"sentence @{k} does not exist")
        s, e = spans[k]
        m = pattern.search(text, s, e)
        if m:
            return [m.start(), m.end()]
    raise DraftError(f"mention {words!r} not found in the article")


def parse_draft(path: Path, row: dict, text: str) -> list[dict] | None:
    """The stored ``sentences`` list of a finished draft, or None when it has no ``done`` line."""
    spans = row["sentences"]
    events: dict[int, list[dict]] = {i: [] for i in range(len(spans))}
    done = False
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.lower() == "done":
            done = True
            continue
        try:
            parts = [p.strip() for p in line.split("|")]
            if len(parts) > 3:
                raise DraftError("more than three '|'-separated fields")
            head = parts[0].split()
            if len(head) != 3:
                raise DraftError("expected '<i> <TYPE> <factuality>'")
            i, etype, fact = int(head[0]), head[1].upper(), head[2].lower()
            if i not in events:
                raise DraftError(f"sentence {i} does not exist (0..{len(spans) - 1})")
            if etype not in TYPES:
                raise DraftError(f"type {etype!r} is not one of {' '.join(TYPES)}")
            if fact not in FACTUALITY:
                raise DraftError(f"factuality {fact!r} is not one of {' '.join(FACTUALITY)}")
            roles = [[find_mention(w.strip(), text, spans, i) for w in field.split(";") if w.strip()]
                     for field in (parts[1:] + ["", ""])[:2]]
        except (DraftError, ValueError) as exc:
            raise DraftError(f"{path}:{n}: {exc}") from exc
        events[i].append({"type": etype, "factuality": fact, "actor": roles[0], "recipient": roles[1]})
    if not done:
        return None
    return [{"i": i, "events": events[i]} for i in range(len(spans))]


@contextmanager
def locked():
    DRAFTS.mkdir(parents=True, exist_ok=True)
    with open(DRAFTS / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def cmd_write(args) -> int:
    folder = DRAFTS / str(args.annotator) / f"pass{args.pass_no}"
    rows = {r["id"]: r for r in sentence_rows()}
    order = list(rows)
    texts = by_id()
    new: dict[str, dict] = {}
    errors = 0
    for article_id in order:
        path = draft_path(article_id, args.annotator, args.pass_no)
        if not path.is_file():
            continue
        row = rows[article_id]
        try:
            sents = parse_draft(path, row, texts[article_id].text)
        except DraftError as exc:
            print(f"ERROR {exc}")
            errors += 1
            continue
        if sents is None:
            print(f"unfinished (no 'done' line): {path}")
            continue
        new[article_id] = {"source": row["source"], "id": article_id, "annotator": args.annotator,
                           "sentences": sents}
    out = HERE / f"pass{args.pass_no}.jsonl"
    with locked():
        kept = {}
        if out.is_file():
            for line in out.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    kept[(rec["id"], rec["annotator"])] = rec
        for article_id, rec in new.items():
            kept[(article_id, args.annotator)] = rec
        ordered = sorted(kept.values(), key=lambda r: (order.index(r["id"]), r["annotator"]))
        out.write_text("".join(json.dumps(r, separators=(",", ":")) + "\n" for r in ordered), encoding="utf-8")
    n_events = sum(len(s["events"]) for r in new.values() for s in r["sentences"])
    print(f"{out.name}: wrote {len(new)} articles of annotator {args.annotator} ({n_events} events); "
          f"{len(ordered)} lines in all; {errors} drafts with errors; folder {folder}")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list")
    p.add_argument("--group", choices=tuple(GROUPS))
    p = sub.add_parser("show")
    p.add_argument("id")
    for name in ("template", "write"):
        p = sub.add_parser(name)
        if name == "template":
            p.add_argument("id")
        p.add_argument("--annotator", type=int, choices=range(1, len(GROUPS) + 1), required=True)
        p.add_argument("--pass", dest="pass_no", type=int, choices=(1, 2), required=True)
    args = parser.parse_args(argv)
    return {"list": cmd_list, "show": cmd_show, "template": cmd_template, "write": cmd_write}[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
