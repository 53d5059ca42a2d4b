"""Readable text of events: tables (``eventwire extract --format table``, ``make demo``) and one event with its
sentence in its paragraph (``eventwire show``)."""
from __future__ import annotations

import shutil
import textwrap
from typing import Iterable

from ..models import Article, Event

COLUMNS = ("type", "date", "place", "actors", "dead", "evidence")


def event_row(event: Event) -> tuple[str, ...]:
    place = event.location
    where = "-" if place is None else f"{place.name} ({place.country}) {place.lat:.2f},{place.lon:.2f}" \
        if place.lat is not None else f"{place.name} ({place.country})"
    actors = ", ".join(a.name for a in event.actor) or "?"
    recipients = ", ".join(a.name for a in event.recipient)
    who = f"{actors} -> {recipients}" if recipients else actors
    kind = event.type if event.factuality == "asserted" else f"{event.type} [{event.factuality}]"
    dead = "?" if event.fatalities is None else str(event.fatalities)
    return kind, event.date or "-", where, who, dead, event.evidence.text


def event_table(events: Iterable[Event], *, width: int | None = None) -> str:
    """A fixed-width table; the evidence column wraps to the terminal width."""
    rows = [event_row(e) for e in events]
    if not rows:
        return "(no events)"
    width = width or max(120, shutil.get_terminal_size((170, 20)).columns)
    caps = (24, 10, 34, 38, 4)
    sizes = [max(len(COLUMNS[k]), *(min(len(r[k]), caps[k]) for r in rows)) for k in range(5)]
    evidence_width = max(50, width - sum(sizes) - 2 * 5)
    lines = ["  ".join(c.upper().ljust(s) for c, s in zip(COLUMNS, sizes + [0])).rstrip()]
    for row in rows:
        cells = [textwrap.shorten(row[k], sizes[k], placeholder="…").ljust(sizes[k]) for k in range(5)]
        wrapped = textwrap.wrap(row[5], evidence_width) or [""]
        lines.append("  ".join(cells + [wrapped[0]]))
        indent = " " * (sum(sizes) + 2 * 5)
        lines += [indent + more for more in wrapped[1:]]
    return "\n".join(lines)


def paragraph_of(body: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of the paragraph of ``body`` (blank-line separated) that holds ``body[start:end]``."""
    first = body.rfind("\n\n", 0, start)
    last = body.find("\n\n", end)
    return (0 if first < 0 else first + 2), (len(body) if last < 0 else last)


def event_in_context(event: Event, article: Article, *, width: int = 100) -> str:
    """One event as a reader checks it: what was coded, then its sentence marked »like this« in its paragraph,
    then the other sentences it was merged from."""
    place = event.location
    where = "-" if place is None else ", ".join(x for x in (place.name, place.admin2, place.admin1, place.country) if x)
    who = lambda actors: "; ".join(f"{a.name} ({a.country or '?'}, {a.sector or '?'})" for a in actors) or "-"
    facts = [
        ("event", event.event_id), ("type", " / ".join(x for x in (event.type, event.mode) if x)),
        ("ACLED", " / ".join(x for x in (event.acled_event_type, event.acled_subtype) if x) or "-"),
        ("factuality", f"{event.factuality} (confidence {event.confidence:.2f})"),
        ("actor", who(event.actor)), ("recipient", who(event.recipient)),
        ("date", f"{event.date or '-'} ({event.date_precision})"), ("place", where),
        ("dead / injured", f"{_count(event.fatalities)} / {_count(event.injured)}"),
        ("article", " | ".join(x for x in (article.title, article.publisher, article.published, article.url) if x)),
    ]
    lines = [f"{name:>15}  {value}" for name, value in facts]
    ev = event.evidence
    body = article.body
    p_start, p_end = paragraph_of(body, ev.start, ev.end)
    marked = f"{body[p_start:ev.start]}»{body[ev.start:ev.end]}«{body[ev.end:p_end]}"
    lines += ["", f"Sentence (characters {ev.start}-{ev.end} of the article body) in its paragraph:", ""]
    lines += ["    " + line for line in textwrap.wrap(" ".join(marked.split()), width - 4)]
    if event.mentions:
        lines += ["", "Also reported in the same article:"]
        for m in event.mentions:
            lines += textwrap.wrap(" ".join(m.text.split()), width, initial_indent="  - ", subsequent_indent="    ")
    return "\n".join(lines)


def _count(n: int | None) -> str:
    return "?" if n is None else str(n)
