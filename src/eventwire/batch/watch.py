"""``eventwire watch``: poll RSS/Atom feeds, fetch each new item's page, store its events.

Stages of one poll, for each feed whose time has come:

1. fetch and read the feed (:mod:`eventwire.read.feeds`); a feed that cannot be fetched waits twice as long
   before its next try (backoff, up to :data:`MAX_BACKOFF`), and the normal interval once it answers again;
2. for each item not in the seen-set: fetch its page, read it (trafilatura), extract its events and store them
   (:class:`~eventwire.store.Store`, one transaction per article), then remember the item. An item whose page
   cannot be fetched is not remembered, so the next poll tries it again.

The seen-set is a small JSON file beside the store (``STORE.feeds.json``), rewritten whole after each item, so
a watcher that is stopped or killed resumes where it was. ``stop`` (a :class:`threading.Event`) ends the loop
between two items; waiting between polls is waiting on it, so a stop is never delayed by a sleep.
"""
from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import EventwireError, InputError
from ..models import Skipped
from ..read.feeds import Fetch, fetch_url, item_document, read_feed

__all__ = ["watch_feeds", "SeenSet", "WatchSummary", "MAX_BACKOFF"]

Extract = Callable[..., list]  # (documents, *, on_error) -> [(article, events)]

MAX_BACKOFF = 3600.0  # seconds: the longest a failing feed waits before it is tried again


class SeenSet:
    """The items already handled, per feed, kept in a JSON file (written atomically)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._keys: dict[str, set[str]] = {}
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self._keys = {feed: set(keys) for feed, keys in data.get("seen", {}).items()}
            except (OSError, ValueError, AttributeError) as exc:
                raise InputError(str(self.path), f"unreadable seen-set ({exc}); delete it to start afresh "
                                                 "(items already stored are not stored twice)") from exc

    def __contains__(self, pair: tuple[str, str]) -> bool:
        feed, key = pair
        return key in self._keys.get(feed, ())

    def add(self, feed: str, key: str) -> None:
        self._keys.setdefault(feed, set()).add(key)
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        temporary.write_text(json.dumps({"seen": {f: sorted(k) for f, k in self._keys.items()}}), encoding="utf-8")
        os.replace(temporary, self.path)

    def __len__(self) -> int:
        return sum(len(keys) for keys in self._keys.values())


@dataclass
class WatchSummary:
    polls: int = 0
    articles: int = 0
    events: int = 0
    fetched: int = 0
    failures: dict[str, int] = field(default_factory=dict)  # feed -> consecutive failed fetches


def watch_feeds(feeds: list[str], db: str | os.PathLike, *, extract: Extract, fetch: Fetch = fetch_url,
                interval: float = 300.0, max_polls: int | None = None, stop: threading.Event | None = None,
                seen_path: str | os.PathLike | None = None, on_error: Callable[[EventwireError], None],
                on_skip: Callable[[Skipped], None] | None = None, progress=None,
                clock: Callable[[], float] = time.monotonic) -> WatchSummary:
    """Poll ``feeds`` (URLs or files) every ``interval`` seconds until ``stop`` is set or ``max_polls`` polls.

    ``extract(documents, on_error=...)`` is the pipeline's :func:`~eventwire.pipeline.extract_documents` with its
    resources bound (``functools.partial(extract_documents, resources=Resources())``)."""
    stop = stop or threading.Event()
    seen = SeenSet(seen_path or f"{db}.feeds.json")
    summary = WatchSummary()
    due = {feed: 0.0 for feed in feeds}
    while not stop.is_set() and (max_polls is None or summary.polls < max_polls):
        for feed in feeds:
            if stop.is_set():
                break
            if clock() >= due[feed]:
                due[feed] = clock() + _poll_feed(feed, db, fetch=fetch, seen=seen, summary=summary, stop=stop,
                                                 interval=interval, extract=extract, on_error=on_error,
                                                 on_skip=on_skip, progress=progress)
        summary.polls += 1
        if max_polls is not None and summary.polls >= max_polls:
            break
        stop.wait(max(0.0, min(due.values()) - clock()))
    return summary


def _poll_feed(feed: str, db, *, fetch: Fetch, seen: SeenSet, summary: WatchSummary, stop: threading.Event,
               interval: float, extract: Extract, on_error, on_skip, progress) -> float:
    """One feed's new items into the store; returns the wait before this feed's next poll."""
    try:
        items, error = read_feed(fetch(feed), source=feed)
    except (InputError, OSError) as exc:
        failures = summary.failures[feed] = summary.failures.get(feed, 0) + 1
        wait = min(MAX_BACKOFF, interval * 2 ** failures)
        on_error(exc if isinstance(exc, InputError) else
                 InputError(feed, f"cannot fetch the feed ({exc}); trying again in {wait:.0f} s"))
        return wait
    summary.failures.pop(feed, None)
    if error is not None:
        on_error(error)
    for item in items:
        if stop.is_set():
            break
        if (feed, item.key) in seen:
            continue
        summary.fetched += 1
        result = item_document(item, fetch)
        if isinstance(result, InputError):
            on_error(result)
            continue
        if isinstance(result, Skipped):
            if on_skip is not None:
                on_skip(result)
        else:
            _store(result, db, extract=extract, summary=summary, on_error=on_error, progress=progress)
        seen.add(feed, item.key)
    return interval


def _store(document, db, *, extract: Extract, summary: WatchSummary, on_error, progress) -> None:
    from ..store.database import Store

    for article, events in extract([document], on_error=on_error):
        with Store(db, lock_timeout=120.0) as store:
            if store.add_article(article, events):
                summary.articles += 1
                summary.events += len(events)
        if progress is not None:
            progress.update(1, len(events))
