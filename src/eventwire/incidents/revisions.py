"""Revised articles: the same identity with a new text replaces the earlier version and its events.

:func:`identity_of` is the article's identity (:func:`article_identity`): the original URL, else the id the
reader was given, else the file it came from. When an
article arrives whose identity is stored under another text, :func:`previous_version` finds that version, the
new version's events are grouped with the old ones still in place (so they keep the old version's incidents
where they tell the same thing), and :func:`retire` then moves the old version and its events into the history
tables and deletes them; the caller refreshes the incidents they were in. All of it inside the caller's
transaction.

``articles_history`` / ``events_history``
    Every replaced version: the article row as it was (with ``replaced_at`` and ``replaced_by``, the key of the
    version that replaced it) and its events (``data`` and the incident they were in).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from ..models import Article
from .table import original_url

__all__ = ["HISTORY_SCHEMA", "Previous", "article_identity", "identity_of", "previous_version", "retire"]

# Sources whose ids the reader derives from the text (plain-text and HTML files, stdin): their identity is the
# file, since a revised text gets a new derived id. JSON documents carry their own ids.
_JSON_SOURCE = re.compile(r"\.jsonl?(?::\d+|\[\d+\])?$", re.IGNORECASE)

HISTORY_SCHEMA = (
    "CREATE TABLE articles_history (key TEXT NOT NULL, id TEXT NOT NULL, identity TEXT NOT NULL, title TEXT,"
    " publisher TEXT, published TEXT, url TEXT, source TEXT, body TEXT NOT NULL, offsets JSON,"
    " n_events INTEGER NOT NULL, ingested_at TIMESTAMP NOT NULL, replaced_at TIMESTAMP NOT NULL,"
    " replaced_by TEXT NOT NULL)",
    "CREATE INDEX articles_history_identity ON articles_history (identity)",
    "CREATE TABLE events_history (event_id TEXT NOT NULL, article_key TEXT NOT NULL, incident_id TEXT,"
    " data JSON NOT NULL, replaced_at TIMESTAMP NOT NULL)",
)


@dataclass(frozen=True)
class Previous:
    """The stored version of an article that a new text replaces."""

    key: str
    event_ids: tuple[str, ...]
    incident_ids: frozenset[str]


def article_identity(*, url: str | None, id: str | None, source: str | None) -> str:
    """The identity of an article: ``url:<original URL>``, else ``path:<file>`` for a text or HTML file (whose
    id is derived from its text), else ``id:<id>``."""
    original = original_url(url)
    if original:
        return f"url:{original}"
    if source and source != "<stdin>" and not _JSON_SOURCE.search(source):
        return f"path:{os.path.abspath(source)}"
    return f"id:{id}"


def identity_of(article: Article) -> str:
    """The identity under which ``article`` is stored (see :func:`article_identity`)."""
    return article_identity(url=article.url, id=article.id, source=article.source)


def previous_version(conn: Any, identity: str) -> Previous | None:
    """The stored version with this identity (the one stored last, should there be several), or None."""
    row = conn.execute("SELECT key FROM articles WHERE identity = ? ORDER BY seq DESC LIMIT 1",
                       [identity]).fetchone()
    if row is None:
        return None
    events = conn.execute("SELECT event_id, incident_id FROM events WHERE article_key = ? ORDER BY seq",
                          [row[0]]).fetchall()
    return Previous(key=row[0], event_ids=tuple(e for e, _ in events),
                    incident_ids=frozenset(i for _, i in events if i))


def retire(conn: Any, previous: Previous, *, replaced_by: str, now: Any) -> None:
    """Move ``previous`` and its events to the history tables and delete them from the live ones."""
    conn.execute(
        "INSERT INTO articles_history SELECT key, id, identity, title, publisher, published, url, source, body,"
        " offsets, n_events, ingested_at, ?, ? FROM articles WHERE key = ?", [now, replaced_by, previous.key])
    conn.execute("INSERT INTO events_history SELECT event_id, article_key, incident_id, data, ? FROM events "
                 "WHERE article_key = ?", [now, previous.key])
    conn.execute("DELETE FROM events WHERE article_key = ?", [previous.key])
    conn.execute("DELETE FROM articles WHERE key = ?", [previous.key])
