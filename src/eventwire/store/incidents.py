"""The incident side of :class:`~eventwire.store.database.Store`: reading incidents and an analyst's corrections.

A mixin, so the store's module stays one screen per concern: these methods use the store's connection
handling (``_session``, ``_stream``, ``_fetchone``...) and run every correction in one transaction.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from typing import Any

import duckdb

from ..errors import UsageError
from .filters import EventFilter, paged

__all__ = ["IncidentQueries"]

_ORDERS = {"ingested": "seq", "date": "date NULLS LAST, seq"}


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _rollback(conn: Any) -> None:
    try:
        conn.execute("ROLLBACK")
    except duckdb.Error:
        pass


class IncidentQueries:
    """Incidents of a store (see :mod:`eventwire.incidents`)."""

    def iter_incidents(self, *, limit: int | None = None, offset: int = 0, order: str = "ingested",
                       batch_size: int = 1000, **filters: Any) -> Iterator[dict[str, Any]]:
        """Yield the contract's incident objects matching ``filters`` (those of :class:`EventFilter`,
        applied to the incident's own values; ``article``: the incidents holding an event of that article), in
        the order they were opened or by ``date``."""
        if order not in _ORDERS:
            raise UsageError(f"unknown order {order!r}: use {' or '.join(_ORDERS)}")
        where, params = EventFilter.of(filters).where(incidents=True)
        sql = paged(f"SELECT data FROM incidents{where} ORDER BY {_ORDERS[order]}", params, limit=limit,
                    offset=offset)
        for (data,) in self._stream(sql, params, batch_size):
            yield json.loads(data)

    def get_incident(self, incident_id: str) -> dict[str, Any] | None:
        """The incident object ``incident_id`` is now (an id merged away resolves to the incident that took it
        in), with its events under ``"events"``; None when there is none."""
        from ..incidents.table import resolve

        with self._session() as conn:
            live = resolve(conn, incident_id)
            if live is None:
                return None
            data = self._fetchone(conn, "SELECT data FROM incidents WHERE incident_id = ?", [live])[0]
            events = self._fetchall(conn, "SELECT data FROM events WHERE incident_id = ? ORDER BY seq", [live])
        return {**json.loads(data), "events": [{**json.loads(d), "incident_id": live} for (d,) in events]}

    def count_incidents(self, **filters: Any) -> int:
        """How many incidents match ``filters`` (see :meth:`iter_incidents`)."""
        where, params = EventFilter.of(filters).where(incidents=True)
        return self._one(f"SELECT count(*) FROM incidents{where}", params)

    def merge_incidents(self, incident_ids: Sequence[str]) -> int:
        """Merge these incidents into the oldest of them (one transaction); the correction's id."""
        from ..incidents import corrections

        return self._correct(lambda conn, window: corrections.merge(conn, incident_ids, now=_now(), window=window))

    def split_events(self, event_ids: Sequence[str]) -> int:
        """Move these events out of their incidents into one new incident; the correction's id."""
        from ..incidents import corrections

        return self._correct(lambda conn, window: corrections.split(conn, event_ids, now=_now(), window=window))

    def undo_correction(self, correction_id: int) -> None:
        """Put back what correction ``correction_id`` changed."""
        from ..incidents import corrections

        self._correct(lambda conn, window: corrections.undo(conn, int(correction_id), now=_now(), window=window))

    def corrections(self) -> list[dict[str, Any]]:
        """The correction log, oldest first (see :func:`eventwire.incidents.corrections.log`)."""
        from ..incidents import corrections

        with self._session() as conn:
            return corrections.log(conn)

    def _correct(self, change: Any) -> Any:
        if self.read_only:
            raise UsageError(f"the store {self.path} was opened read-only: open it with read_only=False to correct")
        from ..incidents.model import load_model

        window = (self._grouper.model if self._grouper else load_model()).window_days
        with self._session() as conn:
            try:
                conn.execute("BEGIN TRANSACTION")
                result = change(conn, window)
                conn.execute("COMMIT")
            except BaseException as exc:
                _rollback(conn)
                if isinstance(exc, duckdb.Error):
                    raise self._error(exc, "correct") from exc
                raise
        return result
