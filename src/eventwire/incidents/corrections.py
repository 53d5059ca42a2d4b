"""An analyst's corrections to the grouping: merge incidents, split events out; listed and undoable.

Each correction is one row of ``corrections`` with the moves it made (``[event_id, from, to]``) and, for a
merge, the aliases it created, so :func:`undo` can put back exactly what it changed. Grouping never moves a
stored event, so a correction holds across later ingests; a correction some of whose events a revision
removed stays in the log, marked ``stale`` (undoing it moves back the events that remain).

* :func:`merge` -- the incidents (ids or former ids) become one: the oldest keeps its id, the others' ids
  become aliases of it;
* :func:`split` -- the events leave their incidents and form one new incident together.

Functions take a DuckDB connection and run inside the caller's transaction.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..errors import UsageError
from .table import new_incident_id, refresh, resolve

__all__ = ["SCHEMA", "merge", "split", "undo", "log"]

SCHEMA = (
    "CREATE SEQUENCE corrections_seq",
    "CREATE TABLE corrections (correction_id BIGINT PRIMARY KEY DEFAULT nextval('corrections_seq'),"
    " kind TEXT NOT NULL, created_at TIMESTAMP NOT NULL, incident_id TEXT NOT NULL, moves JSON NOT NULL,"
    " aliases JSON NOT NULL, undone_at TIMESTAMP)",
)


def _move(conn: Any, moves: Sequence[Sequence[str]]) -> None:
    for event_id, _old, new in moves:
        conn.execute("UPDATE events SET incident_id = ? WHERE event_id = ?", [new, event_id])


def _record(conn: Any, kind: str, incident_id: str, moves: list, aliases: list, now: Any) -> int:
    return conn.execute("INSERT INTO corrections (kind, created_at, incident_id, moves, aliases) "
                        "VALUES (?, ?, ?, ?, ?) RETURNING correction_id",
                        [kind, now, incident_id, json.dumps(moves), json.dumps(aliases)]).fetchone()[0]


def merge(conn: Any, incident_ids: Sequence[str], *, now: Any, window: int) -> int:
    """Merge the incidents into the oldest of them; returns the correction's id."""
    live = []
    for given in incident_ids:
        found = resolve(conn, given)
        if found is None:
            raise UsageError(f"no incident {given!r} in the store: list them with `eventwire export --incidents`")
        if found not in live:
            live.append(found)
    if len(live) < 2:
        raise UsageError("merging needs at least two different incidents (the ids given are one incident)")
    marks = ", ".join("?" for _ in live)
    target, *others = [i for (i,) in conn.execute(
        f"SELECT incident_id FROM incidents WHERE incident_id IN ({marks}) ORDER BY seq", live).fetchall()]
    moves = [[e, i, target] for i in others for (e,) in conn.execute(
        "SELECT event_id FROM events WHERE incident_id = ? ORDER BY seq", [i]).fetchall()]
    repointed = [[a, i] for i in others for (a,) in conn.execute(
        "SELECT alias FROM incident_aliases WHERE incident_id = ? ORDER BY alias", [i]).fetchall()]
    _move(conn, moves)
    for alias, _old in repointed:
        conn.execute("UPDATE incident_aliases SET incident_id = ? WHERE alias = ?", [target, alias])
    for other in others:
        conn.execute("INSERT INTO incident_aliases VALUES (?, ?)", [other, target])
    refresh(conn, [target, *others], window=window)
    return _record(conn, "merge", target, moves, [[o, None] for o in others] + repointed, now)


def split(conn: Any, event_ids: Sequence[str], *, now: Any, window: int) -> int:
    """Move the events out of their incidents into one new incident; returns the correction's id."""
    ids = list(dict.fromkeys(event_ids))
    if not ids:
        raise UsageError("give the ids of the events to split out")
    marks = ", ".join("?" for _ in ids)
    found = dict(conn.execute(f"SELECT event_id, incident_id FROM events WHERE event_id IN ({marks})",
                              ids).fetchall())
    missing = [i for i in ids if i not in found]
    if missing:
        raise UsageError(f"no event {missing[0]!r} in the store: list events with `eventwire export`")
    target = new_incident_id(conn, ids[0])
    moves = [[e, found[e], target] for e in ids]
    _move(conn, moves)
    refresh(conn, [target, *found.values()], window=window)
    return _record(conn, "split", target, moves, [], now)


def undo(conn: Any, correction_id: int, *, now: Any, window: int) -> None:
    """Put back what correction ``correction_id`` changed (for the events that still exist and are still
    where it put them)."""
    row = conn.execute("SELECT moves, aliases, undone_at FROM corrections WHERE correction_id = ?",
                       [correction_id]).fetchone()
    if row is None:
        raise UsageError(f"no correction {correction_id} in the store: list them with `eventwire incidents log`")
    if row[2] is not None:
        raise UsageError(f"correction {correction_id} was already undone")
    moves, aliases = json.loads(row[0]), json.loads(row[1])
    back = []
    for event_id, old, new in moves:
        if conn.execute("SELECT 1 FROM events WHERE event_id = ? AND incident_id = ?", [event_id, new]).fetchone():
            back.append([event_id, new, old])
    _move(conn, back)
    for alias, previous in aliases:
        if previous is None:
            conn.execute("DELETE FROM incident_aliases WHERE alias = ?", [alias])
        else:
            conn.execute("UPDATE incident_aliases SET incident_id = ? WHERE alias = ?", [previous, alias])
    refresh(conn, {i for m in moves for i in m[1:]}, window=window)
    conn.execute("UPDATE corrections SET undone_at = ? WHERE correction_id = ?", [now, correction_id])


def log(conn: Any) -> list[dict[str, Any]]:
    """Every correction, oldest first: ``{correction_id, kind, incident_id, event_ids, created_at, undone,
    stale}``; ``stale`` when a revision removed some of its events."""
    out = []
    for cid, kind, created, incident_id, moves, undone in conn.execute(
            "SELECT correction_id, kind, created_at, incident_id, moves, undone_at FROM corrections "
            "ORDER BY correction_id").fetchall():
        event_ids = [m[0] for m in json.loads(moves)]
        marks = ", ".join("?" for _ in event_ids)
        live = conn.execute(f"SELECT count(*) FROM events WHERE event_id IN ({marks})",
                            event_ids).fetchone()[0] if event_ids else 0
        out.append({"correction_id": cid, "kind": kind, "incident_id": incident_id, "event_ids": event_ids,
                    "created_at": created.isoformat(), "undone": undone is not None,
                    "stale": live < len(event_ids)})
    return out
