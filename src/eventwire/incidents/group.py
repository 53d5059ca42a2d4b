"""Grouping: each new article's events join existing incidents or open new ones, incrementally.

0. **stories** -- the article's events, most confident first, form stories: an event joins the first story
   all of whose events :func:`same_story` allows beside it (complete linkage), else it starts one. A story
   (a shooting, the arrest, the victim's name, "he died at the hospital") joins an incident as a whole.

For every story of the article, in the order of their most confident events:

1. **blocking** -- candidate incidents are those of each event's type whose reports fall in the event's
   country and within :attr:`JoinModel.window_days` of its date (one indexed lookup of :func:`block_key`),
   at most :attr:`JoinModel.max_candidates` per event (the nearest in time); so the work per article stays
   flat however large and dense the store grows;
2. **scoring** -- each event of the story is compared with each report (the most confident
   :attr:`JoinModel.max_members`) of the candidates it blocked: a report of another article by the join
   model's probability, a report of the version this article revises by :func:`same_story`, which must hold
   for every such report; the event's
   score is the MEAN over the candidate's reports (average linkage), so a chain of weak links never pulls
   unrelated incidents together, and the story's score is its best event's;
3. **decision** -- the best candidate at or above the model's threshold (ties: the older incident) is joined;
   otherwise a later story that :func:`same_scene` allows beside the article's first story of its type joins
   that story's incident (what an article tells of other attacks at its scene and no stored report claims is
   its main report's background: the victim's earlier shooting, the suspect's record, a retelling the date
   resolver put on another day); otherwise the story opens a new incident named after its most confident event.

Nothing here re-reads the store beyond the candidates, and the same articles in the same order give the same
incidents. Callers run :meth:`Grouper.assign` inside the article's transaction, insert the events with their
``incident_id``, then call :func:`~eventwire.incidents.table.refresh` on the touched incidents.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Event
from .features import Signature, distance_km, signature
from .model import JoinModel, load_model
from .table import block_key, member_reports, new_incident_id, used_ids

__all__ = ["Grouper", "StoredIncidents", "nearest", "same_story", "same_scene", "SAME_PLACE_KM"]

SAME_PLACE_KM = 25.0
#: PLOVER modes that say the form or scale of an attack, not its means: a "mass shooting" or a "shootout" is
#: told with firearms too, so these modes set no report apart.
FORM_MODES = frozenset({"mass-killing", "clash", "assassinate"})


def same_story(a: Signature, b: Signature, *, modes: tuple[str | None, str | None] = (None, None),
               window: int = 7) -> float:
    """Two events of one article (or of two versions of it) report one incident when nothing they say sets
    them apart: days (where the text gives both) more than ``window`` apart, towns more than
    :data:`SAME_PLACE_KM` apart, other countries, or other means (a drone strike is not a shelling;
    :data:`FORM_MODES` name no means). A story retells its incident around other news of it (an arrest, a
    name, a funeral), whose days differ."""
    if a.family != b.family:
        return 0.0
    if a.exact_day and b.exact_day and abs(a.day - b.day) > window:
        return 0.0
    if a.country and b.country and a.country != b.country:
        return 0.0
    if None not in (a.lat, a.lon, b.lat, b.lon) and distance_km(a.lat, a.lon, b.lat, b.lon) > SAME_PLACE_KM:
        return 0.0
    if modes[0] and modes[1] and modes[0] != modes[1] and not FORM_MODES & set(modes):
        return 0.0
    return 1.0


def same_scene(a: Signature, b: Signature) -> bool:
    """Two events of one article are of the same kind at the same scene: one family, no other country, towns
    (where both are known) within :data:`SAME_PLACE_KM`. Days and means may differ: an article's background
    (the victim's earlier shooting, the suspect's record, a retelling the date resolver put on another day)."""
    if a.family != b.family or (a.country and b.country and a.country != b.country):
        return False
    return None in (a.lat, a.lon, b.lat, b.lon) or distance_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM


def _gap(day: int | None, lo: int | None, hi: int | None) -> int:
    """Days between ``day`` and the span ``lo..hi`` of an incident's reports (0 inside it or when unknown)."""
    if day is None or lo is None or hi is None:
        return 0
    return max(lo - day, day - hi, 0)


def nearest(spans: Sequence[tuple[str, int, int | None, int | None]], day: int | None, *, window: int,
            cap: int) -> dict[str, int]:
    """Of the ``(incident_id, seq, date_lo, date_hi)`` blocked with an event of ``day``, those within ``window``
    days of it: the ``cap`` nearest in time, then the oldest, as ``{incident_id: seq}``."""
    near = [(_gap(day, lo, hi), s, i) for i, s, lo, hi in spans
            if day is None or lo is None or lo - window <= day <= hi + window]
    return {i: s for _d, s, i in sorted(near)[:cap]}


class StoredIncidents:
    """What grouping reads of the stored incidents, straight from the store's tables over ``conn`` (a few
    index lookups per article). :class:`~eventwire.incidents.chunk.ChunkIncidents` answers the same questions
    for many articles stored in one transaction."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self._joined: dict[str, tuple[int, int | None, int | None]] = {}  # spans read with the blocks

    def signature(self, event: Event, terms: dict[str, list[str]] | None) -> Signature:
        """The :func:`~eventwire.incidents.features.signature` of one of the article's events."""
        return signature(event, terms)

    def blocks(self, keys: Sequence[str]) -> list[tuple[str, str]]:
        """The distinct ``(key, incident_id)`` blocking rows of ``keys``; the live incidents' spans are read in
        the same statement and kept for :meth:`spans` (one join scan costs less than an index lookup per incident
        once a busy week blocks hundreds of them)."""
        if not keys:
            return []
        rows = self.conn.execute(
            f"SELECT b.key, b.incident_id, i.seq, i.date_lo, i.date_hi FROM incident_blocks b LEFT JOIN incidents i "
            f"ON i.incident_id = b.incident_id WHERE b.key IN ({', '.join('?' for _ in keys)})", list(keys)).fetchall()
        self._joined.update((i, (seq, lo, hi)) for _, i, seq, lo, hi in rows if seq is not None)
        return [(key, i) for key, i, *_ in rows]

    def spans(self, ids: Sequence[str]) -> dict[str, tuple[int, int | None, int | None]]:
        """``{incident_id: (seq, date_lo, date_hi)}`` of the live incidents among ``ids``: those :meth:`blocks`
        read with their blocking rows, the rest by index lookups."""
        found = {i: self._joined[i] for i in ids if i in self._joined}
        rest = [i for i in ids if i not in found]
        if rest:
            found.update((i, (s, lo, hi)) for i, s, lo, hi in self.conn.execute(
                f"SELECT incident_id, seq, date_lo, date_hi FROM incidents WHERE incident_id IN "
                f"({', '.join('?' for _ in rest)})", rest).fetchall())
        return found

    def reports(self, ids: Sequence[str], *, limit: int) -> dict[str, list[tuple[Signature, str | None]]]:
        """The signature and mode of the ``limit`` most confident reports of each incident, most confident
        first (ties: by event id)."""
        return {i: [(signature(m, t), m.mode) for m, t in reports]
                for i, reports in member_reports(self.conn, list(ids), limit=limit).items()}

    def used(self, names: Sequence[str]) -> set[str]:
        """Those of ``names`` that are, or were, incident ids."""
        return used_ids(self.conn, names)


@dataclass
class _Member:
    sig: Signature
    mode: str | None
    own: bool  # a report of the article being grouped, or of the version it replaces


@dataclass
class Grouper:
    """Assigns incidents to one article's events over a DuckDB connection (see the module docstring)."""

    model: JoinModel = field(default_factory=load_model)

    def assign(self, conn: Any, events: Sequence[Event], *, terms: dict[str, list[str]] | None = None,
               previous: Sequence[str] = ()) -> dict[str, str]:
        """``{event_id: incident_id}`` for ``events`` (one article, whose
        :func:`~eventwire.incidents.features.article_terms` are ``terms``); ``previous`` are the event ids of the
        version this article replaces (compared as reports of the same story). ``conn`` is the store's DuckDB
        connection, or what it reads of the stored incidents (a :class:`StoredIncidents`, e.g. the chunk load's
        :class:`~eventwire.incidents.chunk.ChunkIncidents`)."""
        previous_ids = set(previous)
        stored = conn if isinstance(conn, StoredIncidents) else StoredIncidents(conn)
        ranked = [(e, stored.signature(e, terms)) for e in sorted(events, key=lambda e: (-e.confidence,
                                                                                           e.evidence.start,
                                                                                           e.event_id))]
        blocked = self._candidates(stored, [sig for _, sig in ranked])
        order: dict[str, int] = {i: s for found in blocked for i, s in found.items()}  # older first
        members = {i: [_Member(sig, mode, sig.event_id in previous_ids) for sig, mode in reports]
                   for i, reports in stored.reports(list(order), limit=self.model.max_members).items()}
        checked = [f"inc-{e.event_id}" for e, _ in ranked]
        taken = stored.used(checked)
        out: dict[str, str] = {}
        leads: dict[str, tuple[list[int], str]] = {}  # family -> the article's first story of it, its incident
        for story in self._stories(ranked):
            found: dict[str, list[int]] = {}  # candidate -> the story's events that blocked it
            for k in story:
                for i in blocked[k]:
                    found.setdefault(i, []).append(k)
            scored = [(max(self._score(ranked[k][1], ranked[k][0].mode, members[i]) for k in ks), -order[i], i)
                      for i, ks in found.items()]
            top = max(scored, default=None)
            lead = leads.get(ranked[story[0]][1].family)
            if top is not None and top[0] >= self.model.threshold:
                best = top[2]
            elif lead is not None and all(same_scene(ranked[k][1], ranked[j][1]) for k in story for j in lead[0]):
                best = lead[1]  # background of the article's main report of its kind: no incident of its own
            else:
                best = new_incident_id(conn, ranked[story[0]][0].event_id, taken=taken, checked=checked,
                                       used=stored.used)
                taken.add(best)
                members[best] = []
                order[best] = (1 << 62) + len(order)  # opened here: after every stored incident, in opening order
            leads.setdefault(ranked[story[0]][1].family, (story, best))
            for k in story:
                event, sig = ranked[k]
                members[best].append(_Member(sig, event.mode, True))
                out[event.event_id] = best
        return out

    def _stories(self, ranked: Sequence[tuple[Event, Signature]]) -> list[list[int]]:
        """The article's events (indexes into ``ranked``, most confident first) in stories: an event joins the
        first story all of whose events :func:`same_story` allows beside it (complete linkage, so no chain of
        retellings drifts from the first), else it starts one. A story then joins an incident as a whole: the
        sentences that retell one shooting (the victim's name, the arrest, "he died at the hospital") follow
        its most telling report, whichever of them another article's report resembles."""
        stories: list[list[int]] = []
        for k, (event, sig) in enumerate(ranked):
            for story in stories:
                if all(same_story(sig, ranked[j][1], modes=(event.mode, ranked[j][0].mode),
                                  window=self.model.story_days) for j in story):
                    story.append(k)
                    break
            else:
                stories.append([k])
        return stories

    def _candidates(self, stored: "StoredIncidents", sigs: Sequence[Signature]) -> list[dict[str, int]]:
        """For each signature, the incidents blocked with it within the date window: ``{incident_id: seq}``
        (one lookup for the article)."""
        keys = [block_key(s.family, s.country, s.day) for s in sigs]
        if not keys:
            return []
        blocked = stored.blocks(sorted(set(keys)))
        spans = stored.spans(sorted({i for _, i in blocked}))
        by_key: dict[str, list[tuple]] = {}
        for key, incident_id in blocked:
            if incident_id in spans:
                by_key.setdefault(key, []).append((incident_id, *spans[incident_id]))
        window, cap = self.model.window_days, self.model.max_candidates
        return [nearest(by_key.get(key, ()), sig.day, window=window, cap=cap) for key, sig in zip(keys, sigs)]

    def _score(self, sig: Signature, mode: str | None, reports: list[_Member]) -> float:
        """Mean pair score over the incident's reports; 0 when a report of the same story is set apart from
        the event (within one article every report must agree, as the merge stage compared them all)."""
        if not reports:
            return 0.0
        total = 0.0
        for member in reports:
            if member.own:
                if not same_story(sig, member.sig, modes=(mode, member.mode), window=self.model.story_days):
                    return 0.0
                total += 1.0
            else:
                total += self.model.probability(sig, member.sig)
        return total / len(reports)
