"""Readable text tables of events (``eventwire extract --format table`` and ``make demo``)."""
from __future__ import annotations

import shutil
import textwrap
from typing import Iterable

from ..models import Event

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
