"""RSS and Atom feeds (feedparser): items, and the pages they link to as documents.

Stages:

1. :func:`read_feed` parses a feed's bytes into :class:`FeedItem` records (link, guid, title, date, summary);
   a feed that is not well-formed gives its complete items and ONE :class:`~eventwire.errors.InputError`
   saying where it breaks;
2. :func:`item_document` fetches an item's page through a ``fetch(url) -> bytes`` callable (HTTP by default,
   :func:`fetch_url`; tests hand in one that reads local files) and reads it as a web page: trafilatura's main
   text, the page's own title and date, else the item's.

The loop that polls feeds, remembers what it has seen and stores the events is :mod:`eventwire.batch.watch`.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from ..errors import InputError
from ..models import Document, Skipped

__all__ = ["FeedItem", "read_feed", "item_document", "fetch_url", "Fetch", "USER_AGENT"]

Fetch = Callable[[str], bytes]
USER_AGENT = "eventwire (news event extraction; +https://pypi.org/project/eventwire/)"
FETCH_TIMEOUT = 30.0  # seconds
MAX_PAGE_BYTES = 20_000_000


@dataclass(frozen=True)
class FeedItem:
    feed: str
    link: str
    key: str  # what the seen-set remembers: the guid, else the link
    title: str | None = None
    published: str | None = None  # ISO-8601 (UTC) from the item's pubDate / published
    summary: str | None = None


def read_feed(data: bytes, *, source: str) -> tuple[list[FeedItem], InputError | None]:
    """The items of a feed that have a link, and an error when the feed is not well-formed or not a feed."""
    import feedparser

    if data.lstrip()[:1] == b"{":
        return [], InputError(source, "a JSON Feed, which is not read yet; give the site's RSS or Atom feed")
    parsed = feedparser.parse(data)
    items = []
    for entry in parsed.entries:
        link = _link(entry)
        if not link:
            continue
        items.append(FeedItem(feed=source, link=link, key=entry.get("id") or link, title=entry.get("title") or None,
                              published=_iso(entry.get("published_parsed")), summary=entry.get("summary") or None))
    error = None
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), _harmless()):
        reason = str(parsed.get("bozo_exception") or "not a feed").splitlines()[0]
        error = InputError(source, f"not a well-formed RSS/Atom feed ({reason}); read the {len(items)} complete "
                                   "item(s) before the break: check the feed's address, or fetch it again")
    elif not parsed.get("version") and not items:
        error = InputError(source, "not an RSS or Atom feed (no channel or feed element); check the address")
    return items, error


def _harmless():
    """feedparser's warnings that do not mean a broken feed (a declared encoding it had to override)."""
    import feedparser

    return (feedparser.CharacterEncodingOverride,)


def _link(entry) -> str | None:
    link = entry.get("link")
    if link:
        return link
    for candidate in entry.get("links") or ():
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            return candidate["href"]
    return None


def _iso(parsed) -> str | None:
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.timezone.utc).isoformat()


def item_document(item: FeedItem, fetch: Fetch) -> Document | InputError | Skipped:
    """The document of the page an item links to (its title and date filled from the item when missing)."""
    from .html import html_document
    from .webpage import decode_page, is_english

    source = item.link
    try:
        data = fetch(item.link)
    except InputError as exc:
        return exc
    except OSError as exc:  # urllib's URLError and HTTPError are OSErrors
        return InputError(source, f"cannot fetch the page ({exc}); it is tried again at the next poll")
    try:
        document = html_document(decode_page(data), source=source, url=item.link)
    except InputError as exc:
        return exc
    if not is_english(document.text):
        return Skipped(source, "not in English (only English is read for now)")
    return replace(document, url=document.url or item.link, title=document.title or item.title,
                   published=document.published or item.published)


def fetch_url(url: str, *, timeout: float = FETCH_TIMEOUT) -> bytes:
    """The bytes at ``url``: a local path or ``file:`` URL is read, ``http(s):`` fetched (gzip accepted)."""
    import gzip
    import urllib.request

    scheme = urlparse(url).scheme
    if scheme in ("", "file") or len(scheme) == 1:  # a path (a Windows drive letter looks like a scheme)
        path = Path(urlparse(url).path if scheme == "file" else url)
        try:
            return path.read_bytes()
        except OSError as exc:
            raise InputError(url, f"cannot read the file ({exc.strerror or exc}); check the path") from None
    if scheme not in ("http", "https"):
        raise InputError(url, f"cannot fetch a {scheme}: address; give an http(s) URL or a file path")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        data = response.read(MAX_PAGE_BYTES + 1)
        if response.headers.get("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(url, f"larger than {MAX_PAGE_BYTES:,} bytes: not a news page")
    return data
