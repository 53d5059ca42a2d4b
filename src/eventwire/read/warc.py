"""WARC archives (``.warc``, ``.warc.gz``), as Common Crawl's CC-NEWS writes them: one document per HTML page.

Stages:

1. iterate the records with warcio (pure Python; reading is a small share of the cost next to parsing the
   text, so a compiled reader would not pay for its wheel); request, metadata, warcinfo and revisit records
   are not pages and are passed over;
2. a response that is not HTTP 200, or not HTML, is :class:`~eventwire.models.Skipped` with its reason
   (counted, not an error);
3. a record whose block ends before its ``Content-Length`` is a truncated file: reported as one
   :class:`~eventwire.errors.InputError`, and reading stops there (nothing after it can be trusted); so is a
   file cut inside a record's headers (warcio ends quietly there, or fails with its own errors: a record
   without ``Content-Length``, or bytes left after the last whole record, tell it);
4. the page becomes a document by :func:`eventwire.read.html.html_document` (trafilatura): the publication time
   is the page's own, else the record's ``WARC-Date``, marked as the fetch time; a page not in English is
   skipped with its reason.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace

from ..errors import InputError
from ..models import Document, Skipped

__all__ = ["iter_warc", "is_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: str | os.PathLike) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def iter_warc(path: str | os.PathLike, *, published: str | None = None) -> Iterator[Document | InputError | Skipped]:
    """Documents of the HTML pages in a WARC file; skipped responses and a truncated record are yielded too."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}; check the path")
        return
    with stream:
        number = end = 0
        archive = ArchiveIterator(stream)
        records = iter(archive)
        while True:
            try:
                record = next(records, None)
                if record is None:  # warcio ends quietly on a file cut inside a record's headers
                    if _left_over(stream, end):
                        yield InputError(source, f"truncated WARC file: it is cut off inside the record after "
                                                 f"{number} response(s) (at byte {end:,}); re-download it")
                    return
                declared = (record.rec_headers.get_header("Content-Length") or "").strip()
                if not declared.isdigit() or getattr(record.raw_stream, "limit", None) is None:  # cut in headers
                    yield InputError(source, f"truncated WARC file: the record after {number} response(s) is cut "
                                             "off inside its headers; re-download it")
                    return
                if record.rec_type != "response":
                    end = archive.get_record_offset() + archive.get_record_length()
                    continue
                number += 1
                items = list(_response(record, f"{source}#{number}", published=published))
                end = archive.get_record_offset() + archive.get_record_length()
            # warcio meets a file cut inside a record's headers with its own errors (a missing
            # WARC-Target-URI gives AttributeError): every one is this file's damage, reported as one line
            except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, TypeError, KeyError,
                    IndexError) as exc:
                yield InputError(source, f"not a readable WARC file after {number} response(s) "
                                         f"({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}); "
                                         "it may be truncated or not a WARC file: re-download it")
                return
            yield from items
            if record.raw_stream.limit > 0:
                yield InputError(f"{source}#{number}", _truncated(record))
                return


def _response(record, source: str, *, published: str | None) -> Iterator[Document | InputError | Skipped]:
    from .html import html_document
    from .webpage import decode_page, is_english

    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{source} {url}" if url else source
    headers = record.http_headers
    status = headers.get_statuscode() if headers is not None else None
    ctype = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower() if headers else ""
    body = record.content_stream().read()
    if record.raw_stream.limit > 0:  # the caller reports the truncation; a part page is not read
        return
    if status != "200":
        yield Skipped(where, f"HTTP status {status or 'missing'}")
        return
    if ctype not in ("text/html", "application/xhtml+xml"):
        yield Skipped(where, f"not an HTML page ({ctype or 'no Content-Type'})")
        return
    try:
        html = decode_page(body, content_type=headers.get_header("Content-Type"))
        document = html_document(html, source=where, published=published, url=url)
    except InputError as exc:
        yield exc
        return
    if not is_english(document.text):
        yield Skipped(where, "not in English (only English is read for now)")
        return
    if document.published is None:
        fetched = record.rec_headers.get_header("WARC-Date")
        document = replace(document, published=_iso(fetched), published_is_fetch_time=bool(fetched))
    yield document


def _left_over(stream, end: int) -> bool:
    """Whether the file holds more than blank lines after byte ``end`` (the end of its last whole record)."""
    try:
        stream.seek(end)
        return bool(stream.read(1 << 16).strip())
    except (OSError, ValueError):
        return False


def _truncated(record) -> str:
    declared = record.length
    got = declared - record.raw_stream.limit
    url = record.rec_headers.get_header("WARC-Target-URI") or "no URL"
    return (f"truncated WARC record ({url}): {got:,} of its {declared:,} bytes are there, the file was cut off; "
            "re-download it")


def _iso(value: str | None) -> str | None:
    from .clean import normalise_published

    return normalise_published(value) if value else None
