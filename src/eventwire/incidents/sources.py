"""Who reported it: an article's identity for revisions, its original URL and its source.

* :func:`original_url` unwraps a web-archive snapshot URL (``web.archive.org/web/<time>/<url>``) to the URL
  it archived;
* :func:`article_identity` is what makes two ingested texts versions of ONE article (the contract's
  "Identity, revisions and options"): the original URL, else the article's id where the reader was given one,
  else the file it came from;
* :func:`source_of` is what ``sources`` counts: the publisher, else the original URL's host.
"""
from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

__all__ = ["original_url", "article_identity", "source_of"]

_ARCHIVE = re.compile(r"^(?:https?://)?(?:www\.)?web\.archive\.org/web/[^/]+/(.+)$", re.IGNORECASE)
# Sources whose ids the reader derives from the text (plain-text and HTML files, stdin): their identity is the
# file, since a revised text gets a new derived id. JSON documents carry their own ids.
_JSON_SOURCE = re.compile(r"\.jsonl?(?::\d+|\[\d+\])?$", re.IGNORECASE)


def original_url(url: str | None) -> str | None:
    """``url`` with any web-archive wrapping removed (repeatedly), stripped; None for an empty URL."""
    url = (url or "").strip()
    while (match := _ARCHIVE.match(url)) is not None:
        inner = match.group(1)
        url = inner if re.match(r"^[a-z][a-z0-9+.-]*://", inner, re.IGNORECASE) else f"http://{inner}"
    return url or None


def article_identity(*, url: str | None, id: str | None, source: str | None) -> str:
    """The identity of an article: ``url:<original URL>``, else ``path:<file>`` for a text or HTML file (whose
    id is derived from its text), else ``id:<id>``."""
    original = original_url(url)
    if original:
        return f"url:{original}"
    if source and source != "<stdin>" and not _JSON_SOURCE.search(source):
        return f"path:{os.path.abspath(source)}"
    return f"id:{id}"


def source_of(*, publisher: str | None, url: str | None) -> str | None:
    """The publisher, else the original URL's host without ``www.``; None when neither is known."""
    if publisher and publisher.strip():
        return publisher.strip()
    original = original_url(url)
    if not original:
        return None
    host = (urlsplit(original).hostname or "").lower()
    return host.removeprefix("www.") or None
