"""Grouping many articles in one transaction: the incidents as the store would hold them after each article,
kept in memory so that a chunk of articles costs a few statements instead of a dozen per article.

:class:`ChunkIncidents` answers grouping's questions (:class:`~eventwire.incidents.group.StoredIncidents`:
blocking rows, date spans, most confident reports, used ids) from what the store held when the chunk began,
read in a few statements for the whole chunk, plus what the chunk's earlier articles added (:meth:`add`).
Storing a chunk's articles one after another through it gives the same incidents, ids and rows as storing
them one transaction each, because within a chunk incidents only grow:

* an incident's blocking keys, date span and reports are those of its events, so after new events join they
  are the stored ones plus the new events' (:func:`~eventwire.incidents.table.refresh` rebuilds exactly that);
* new incidents are numbered after every stored one, in the order they are opened, as the store's sequence
  numbers them;
* the stored incidents an event of the chunk can see are among the nearest in time of its blocking key in the
  store as it was, or were touched by the chunk (and are then held here).

A revised article (one that removes events from incidents) is not stored through it: the caller stores such an
article on its own. :meth:`finish` gives the rows to write when the chunk's articles have been grouped.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import Event
from .days import day_number
from .features import Signature, signature
from .group import StoredIncidents, nearest
from .model import JoinModel
from .table import _keys, _row, block_key, incident_object, member_events

__all__ = ["ChunkIncidents"]

_OPENED = 1 << 40  # sequence numbers of the incidents opened in the chunk until the store numbers them


class ChunkIncidents(StoredIncidents):
    """The incidents of a store over ``conn`` (inside the caller's transaction) while the chunk's
    ``articles`` (``(events, terms)`` each, in storing order) are grouped one after another."""

    def __init__(self, conn: Any, model: JoinModel, articles: Sequence[tuple[Sequence[Event], dict]]) -> None:
        super().__init__(conn)
        self.model = model
        self._blocks: dict[str, set[str]] = {}  # key -> incidents (stored ones, then those the chunk keyed)
        self._read: set[str] = set()  # keys whose stored rows are in _blocks
        self._spans: dict[str, tuple[int, int | None, int | None]] = {}  # seq, date_lo, date_hi as they are now
        self._reports: dict[str, list[tuple[Signature, str | None]]] = {}  # most confident reports, as now
        self._names: dict[str, bool] = {}  # incident id -> whether it is, or was, used
        self._stored: set[str] = set()  # incidents read from the store
        self._opened: list[str] = []  # incidents opened by the chunk, in order
        self._added: dict[str, list[Event]] = {}  # incident -> the chunk's events in it, in storing order
        self._signatures: dict[str, tuple[Event, Signature]] = {}  # event id -> the chunk's event, its signature
        self._prefetch(articles)

    # -- what grouping asks ----------------------------------------------------------------------------

    def signature(self, event: Event, terms: dict[str, list[str]] | None) -> Signature:
        known = self._signatures.get(event.event_id)
        if known is not None and known[0] is event:  # computed once for the chunk
            return known[1]
        return signature(event, terms)

    def blocks(self, keys: Sequence[str]) -> list[tuple[str, str]]:
        missing = [k for k in keys if k not in self._read]
        if missing:
            self._read_blocks(missing)
        return [(k, i) for k in keys for i in sorted(self._blocks[k])]

    def spans(self, ids: Sequence[str]) -> dict[str, tuple[int, int | None, int | None]]:
        missing = [i for i in ids if i not in self._spans]
        if missing:
            found = super().spans(missing)
            self._spans.update(found)
            self._stored.update(found)
        return {i: self._spans[i] for i in ids if i in self._spans}

    def reports(self, ids: Sequence[str], *, limit: int) -> dict[str, list[tuple[Signature, str | None]]]:
        if limit != self.model.max_members:
            raise ValueError(f"reports are kept for {self.model.max_members} members, not {limit}")
        missing = [i for i in ids if i not in self._reports]
        if missing:
            self._reports.update(super().reports(missing, limit=limit))
        return {i: list(self._reports[i]) for i in ids}

    def used(self, names: Sequence[str]) -> set[str]:
        missing = [n for n in names if n not in self._names]
        if missing:
            found = super().used(missing)
            self._names.update((n, n in found) for n in missing)
        return {n for n in names if self._names[n]}

    # -- what the chunk adds -------------------------------------------------------------------------

    def add(self, events: Sequence[Event], terms: dict | None, assigned: dict[str, str],
            touched: Sequence[str]) -> None:
        """Record one article's ``events`` (in storing order, as the store gives them back) in the incidents
        ``assigned`` to them; ``touched`` lists those incidents in the order they were opened or joined."""
        for incident_id in touched:
            if incident_id in self._stored or incident_id in self._added:
                self.reports([incident_id], limit=self.model.max_members)  # held already: it was a candidate
                continue
            self._spans[incident_id] = (_OPENED + len(self._opened), None, None)
            self._reports[incident_id] = []
            self._names[incident_id] = True
            self._opened.append(incident_id)
        window, cap = self.model.window_days, self.model.max_members
        for event in events:
            incident_id = assigned[event.event_id]
            self._added.setdefault(incident_id, []).append(event)
            reports = self._reports[incident_id]
            known = self._signatures.get(event.event_id)
            # the signature of the event as given (the store gives back the same values: a JSON round trip)
            reports.append((known[1] if known is not None else signature(event, terms), event.mode))
            reports.sort(key=lambda r: (-r[0].confidence, r[0].event_id))
            del reports[cap:]
            seq, lo, hi = self._spans[incident_id]
            day = day_number(event.date)
            if day is not None:
                lo, hi = (day, day) if lo is None else (min(lo, day), max(hi, day))
            self._spans[incident_id] = (seq, lo, hi)
            for key in _keys([event], window):
                self._blocks.setdefault(key, set()).add(incident_id)

    def finish(self, conn: Any, seqs: Sequence[int]) -> tuple[list[str], list[list[Any]], list[tuple[str, str]]]:
        """What to write once the chunk is grouped: the stored incidents whose rows and blocking keys are
        replaced, the incident rows (``incident_id, seq`` and the columns of the incidents table) and the
        blocking rows of every incident the chunk touched. ``seqs`` are the sequence numbers of the incidents
        the chunk opened (as many as :attr:`opened`). Call it before the chunk's events are inserted."""
        if len(seqs) != len(self._opened):
            raise ValueError(f"{len(self._opened)} sequence numbers needed, {len(seqs)} given")
        replaced = [i for i in self._added if i in self._stored]
        members = member_events(conn, replaced)
        real = dict(zip(self._opened, sorted(seqs)))
        rows, keys = [], []
        for incident_id, added in self._added.items():
            events = [*members.get(incident_id, ()), *added]
            seq = real.get(incident_id, self._spans[incident_id][0])
            rows.append([incident_id, seq, *_row(incident_object(incident_id, events), events)])
            keys += [(k, incident_id) for k in sorted(_keys(events, self.model.window_days))]
        rows.sort(key=lambda r: r[1])
        return replaced, rows, keys

    @property
    def opened(self) -> int:
        """How many incidents the chunk opened."""
        return len(self._opened)

    # -- reading the store once for the chunk ----------------------------------------------------------

    def _prefetch(self, articles: Sequence[tuple[Sequence[Event], dict]]) -> None:
        sigs = []
        for events, terms in articles:
            for event in events:
                sigs.append(signature(event, terms))
                self._signatures[event.event_id] = (event, sigs[-1])
        keys = [block_key(s.family, s.country, s.day) for s in sigs]
        self._read_blocks(sorted(set(keys)))
        spans = self.spans(sorted({i for k in set(keys) for i in self._blocks[k]}))
        window, cap = self.model.window_days, self.model.max_candidates
        wanted: set[str] = set()  # the stored incidents each event would compare with, were it stored first
        for key, sig in zip(keys, sigs):
            near = nearest([(i, *spans[i]) for i in self._blocks[key] if i in spans], sig.day, window=window, cap=cap)
            wanted.update(near)
        self.reports(sorted(wanted), limit=self.model.max_members)
        self.used([f"inc-{e.event_id}" for events, _ in articles for e in events])

    def _read_blocks(self, keys: Sequence[str]) -> None:
        for key in keys:
            self._blocks.setdefault(key, set())
        self._read.update(keys)
        for key, incident_id in super().blocks(list(keys)):
            self._blocks[key].add(incident_id)
