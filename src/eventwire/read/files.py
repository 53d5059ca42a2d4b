"""Stage 1, ingest: files, folders and stdin become :class:`~eventwire.models.Document` records.

Stages:

1. expand the inputs: files, folders (recursive, sorted, hidden files skipped, files of
   unknown extension skipped), ``-`` for stdin (sniffed: JSONL when it opens with ``{``); WARC archives
   are read record by record by :mod:`eventwire.read.warc`;
2. read each file's bytes and decode them (UTF-8 with or without BOM, UTF-16 with BOM), telling
   empty, binary and undecodable files apart;
3. parse by format: plain text (title, byline, dateline via :func:`eventwire.clean.read_header`),
   HTML (main text by trafilatura, :mod:`eventwire.read.webpage`; pages not in English skipped), JSON (an
   object or a list), JSONL;
4. give each document a stable id: the given one, else a hash of its text and url.

Unreadable inputs are *yielded* as :class:`~eventwire.errors.InputError` (never raised), so a
caller reports each one on a line and carries on with the rest.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from .clean import normalise_published, read_header
from .html import html_document
from .normalise import content_id, new_document
from .warc import is_warc, iter_warc
from .webpage import is_english
from ..errors import InputError, RepeatedId, UsageError
from ..models import Document, Skipped

__all__ = ["iter_documents", "read_path", "document_from_text", "document_from_dict", "content_id",
           "decode_bytes", "html_document", "TEXT_SUFFIXES", "HTML_SUFFIXES", "JSON_SUFFIXES",
           "JSONL_SUFFIXES"]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
_FORMATS_HINT = "give .txt, .html, .json or .jsonl files"
_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed; decompress it first (gunzip)"),
    (b"PK\x03\x04", "a zip archive (or .docx/.xlsx); extract or export the text first"),
    (b"%PDF", "a PDF; convert it to text first (e.g. pdftotext)"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"BZh", "bzip2-compressed; decompress it first (bunzip2)"),
    (b"\xfd7zXZ", "xz-compressed; decompress it first (unxz)"),
)


def iter_documents(paths: Iterable[str | os.PathLike], *, published: str | None = None,
                   stdin: IO | None = None,
                   on_skip: Callable[[Skipped], None] | None = None) -> Iterator[Document | InputError]:
    """Yield a Document per readable article and an InputError per unreadable input.

    ``paths`` holds files, folders (read recursively in sorted order), WARC archives or ``"-"`` for stdin
    (``stdin`` replaces ``sys.stdin``, for tests). ``published`` (ISO-8601) overrides the
    publication time of every document. Inputs left out on purpose (a WARC response that is not an HTML
    page, a page not in English) go to ``on_skip`` as :class:`~eventwire.models.Skipped`. Raises
    :class:`UsageError` at once when ``published`` is not a date; input problems are yielded, never raised.
    """
    override = None
    if published is not None:
        override = normalise_published(published)
        if override is None:
            raise UsageError(f"--published {published!r} is not a date; give ISO-8601 such as "
                             "2020-01-04 or 2020-01-04T22:05:00")
    if isinstance(paths, (str, os.PathLike)):  # one path, not an iterable of characters
        paths = [paths]
    return _without_skipped(_iter_inputs(list(paths), override, stdin), on_skip)


def _without_skipped(items: Iterator, on_skip: Callable[[Skipped], None] | None) -> Iterator[Document | InputError]:
    for item in items:
        if not isinstance(item, Skipped):
            yield item
        elif on_skip is not None:
            on_skip(item)


def _iter_inputs(paths: list, published: str | None, stdin: IO | None) -> Iterator[Document | InputError]:
    for item in paths:
        if str(item) == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, published=published)
            continue
        path = Path(item)
        if path.is_dir():
            for found in _walk(path):
                if isinstance(found, InputError):
                    yield found
                else:
                    yield from read_path(found, published=published)
        else:
            yield from read_path(path, published=published)


def _walk(root: Path) -> list[Path | InputError]:
    """Article files under ``root``: sorted, hidden files and folders skipped, unknown kinds skipped."""
    found: list[Path | InputError] = []

    def unreadable(exc: OSError) -> None:
        found.append(InputError(str(exc.filename or root), _os_reason(exc)))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if not name.startswith(".") and (path.suffix.lower() in _KNOWN or is_warc(name)):
                found.append(path)
    return sorted(found, key=lambda p: (1, ()) if isinstance(p, InputError)
                  else (0, p.relative_to(root).parts))


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file not found; check the path (quote it if it contains spaces)"
    if isinstance(exc, PermissionError):
        return "permission denied; make it readable (chmod +r) or run as a user who may read it"
    if isinstance(exc, IsADirectoryError):
        return "is a directory where a file was expected"
    return f"cannot read: {exc.strerror or exc}; check the path"


def read_path(path: str | os.PathLike, *, published: str | None = None) -> Iterator[Document | InputError]:
    """Documents (or InputErrors) from one file; the extension picks the format, unknown = text."""
    path = Path(path)
    source = str(path)
    if is_warc(path):
        yield from _contained(iter_warc(path, published=published), source)
        return
    try:
        data = path.read_bytes()
        text = decode_bytes(data, source=source, html=path.suffix.lower() in HTML_SUFFIXES)
    except OSError as exc:
        yield InputError(source, _os_reason(exc))
        return
    except InputError as exc:
        yield exc
        return
    yield from _contained(_parse(text, path.suffix.lower(), source=source, published=published), source)


INTERNAL = "internal error while reading"


def _contained(items: Iterator[Document | InputError], source: str) -> Iterator[Document | InputError]:
    """``items``, but an unexpected exception of a reader ends only this file, reported as one line."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one bad file must not take the others down
        yield InputError(source, f"{INTERNAL} ({type(exc).__name__}: {str(exc)[:200]}); the rest of this file "
                                 "was skipped; please report it with the file")


def _loads(text: str) -> Any:
    """``json.loads``, with nesting deeper than Python's recursion limit as a JSONDecodeError."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply (over ~1,000 levels of lists/objects)", text, 0) from None


def _parse(text: str, suffix: str, *, source: str, published: str | None) -> Iterator[Document | InputError]:
    if suffix in JSONL_SUFFIXES:
        yield from _parse_jsonl(text, source=source, published=published)
    elif suffix in JSON_SUFFIXES:
        yield from _parse_json(text, source=source, published=published)
    elif suffix in HTML_SUFFIXES:
        document = _guard(lambda: html_document(text, source=source, published=published))
        if isinstance(document, Document) and not is_english(document.text):
            document = Skipped(source, "not in English (only English is read for now)")
        yield document
    else:
        yield _guard(lambda: document_from_text(text, source=source, published=published))


def _guard(make) -> Document | InputError:
    try:
        return make()
    except InputError as exc:
        return exc


def _read_stdin(stream: IO, *, published: str | None) -> Iterator[Document | InputError]:
    """Standard input: JSONL when the first non-blank character is ``{``, a JSON list for ``[``,
    HTML for ``<``, else one plain-text article."""
    source = "<stdin>"
    raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
    try:
        text = raw if isinstance(raw, str) else decode_bytes(raw, source=source)
    except InputError as exc:
        yield exc
        return
    if not text.strip():
        yield InputError(source, "empty input on stdin; pipe an article or JSONL documents into it")
        return
    head = text.lstrip()[:1]
    suffix = {"{": ".jsonl", "[": ".json", "<": ".html"}.get(head, ".txt")
    if suffix == ".jsonl" and _is_single_json(text):
        suffix = ".json"
    yield from _parse(text, suffix, source=source, published=published)


def _is_single_json(text: str) -> bool:
    """A pretty-printed JSON object spread over several lines (not JSONL)."""
    first = text.lstrip().split("\n", 1)[0]
    try:
        json.loads(first)
        return False
    except ValueError:
        pass
    try:
        json.loads(text)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------------------------------------
# bytes -> text


def decode_bytes(data: bytes, *, source: str, html: bool = False) -> str:
    """Decode a file's bytes as UTF-8 (BOM optional) or UTF-16 (with BOM); newlines become ``\\n``.

    Raises :class:`InputError` for empty, binary and undecodable input, with how to fix it.
    """
    if not data.strip():
        raise InputError(source, "empty file; it holds no text: add the article text or leave the file out")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"not valid UTF-16 text despite its byte-order mark ({exc.reason} "
                                     f"at offset {exc.start}); re-encode it as UTF-8") from None
    else:
        for magic, what in _MAGIC:
            if data.startswith(magic):
                raise InputError(source, f"binary file, not text: {what}")
        if data[:65536].count(b"\x00") > max(2, len(data[:65536]) // 20):  # stray NULs are removed later
            raise InputError(source, f"binary file, not text (it contains NUL bytes); {_FORMATS_HINT}")
        text = _decode_utf8(data, source=source, html=html)
    if _control_share(text) > 0.05:
        raise InputError(source, f"binary file, not text (mostly control characters); {_FORMATS_HINT}")
    if not text.strip():
        raise InputError(source, "empty file; it holds no text: add the article text or leave the file out")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_utf8(data: bytes, *, source: str, html: bool) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if html and (declared := _declared_charset(data)):
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass
        if _mostly_binary(data):
            raise InputError(source, f"binary file, not text; {_FORMATS_HINT}") from None
        raise InputError(source, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                                 "re-encode as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8") from None


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", data[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else None


def _mostly_binary(data: bytes) -> bool:
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f\v" or b == 127)
    high = sum(1 for b in sample if b >= 128)
    return controls > 0.05 * len(sample) or high > 0.3 * len(sample)


def _control_share(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v" or ord(ch) == 127)
    return controls / len(sample)


# ---------------------------------------------------------------------------------------------
# documents


def document_from_text(text: str, *, source: str | None = None, title: str | None = None,
                       published: str | None = None, url: str | None = None,
                       publisher: str | None = None, id: str | None = None) -> Document:
    """One plain-text article: first non-empty line = title, byline -> publisher, dateline -> published.

    Keyword values given here win over what the text's header says.
    """
    if not text.strip():
        raise InputError(source or "<text>", "empty text; give the article text")
    document = new_document(text, source=source, id=id, title=title, url=url, publisher=publisher)
    header = read_header(document.text, title=document.title, first_line_is_title=document.title is None)
    return replace(document, title=document.title or header.title, published=published or header.published,
                   publisher=document.publisher or header.publisher)


def _parse_json(text: str, *, source: str, published: str | None) -> Iterator[Document | InputError]:
    try:
        data = _loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(source, _json_reason(exc, text, jsonl_hint=True))
        return
    if isinstance(data, list):
        seen: dict[str, str] = {}
        for index, item in enumerate(data):
            yield _noting_repeats(_guard(lambda: document_from_dict(item, source=f"{source}[{index}]",
                                                                    published=published)), seen)
    else:
        yield _guard(lambda: document_from_dict(data, source=source, published=published))


def _noting_repeats(item: Document | InputError, seen: dict[str, str]) -> Document | InputError:
    """``item``, with a :class:`RepeatedId` warning when an earlier document of the same input had its id."""
    if isinstance(item, Document):
        if item.id in seen:
            warnings.warn(RepeatedId(item.source or "<input>", item.id, seen[item.id]), stacklevel=2)
        else:
            seen[item.id] = item.source or "<input>"
    return item


def _parse_jsonl(text: str, *, source: str, published: str | None) -> Iterator[Document | InputError]:
    seen: dict[str, str] = {}
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            data = _loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, _json_reason(exc, line, lineno=lineno))
            continue
        yield _noting_repeats(_guard(lambda: document_from_dict(data, source=where, published=published)), seen)


def _json_reason(exc: json.JSONDecodeError, text: str, *, lineno: int | None = None,
                 jsonl_hint: bool = False) -> str:
    line = lineno if lineno is not None else exc.lineno
    reason = f"malformed JSON: {exc.msg} at line {line} column {exc.colno}"
    if exc.msg.startswith("nested too deeply"):
        return f"malformed JSON: {exc.msg}; flatten the data or split it into documents"
    if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated"):
        return reason + "; the JSON ends too early (truncated, or a closing quote/bracket is missing): re-export it"
    if jsonl_hint and exc.msg == "Extra data":
        return reason + "; for one document per line name the file .jsonl"
    return reason + "; fix the JSON (a validator such as `python -m json.tool` shows where)"


_OPTIONAL_STRINGS = ("title", "published", "url", "publisher")


def document_from_dict(data: Any, *, source: str, published: str | None = None) -> Document:
    """A contract document ``{"id", "text", "title"?, "published"?, "url"?, "publisher"?, "toponyms"?}``.

    Raises :class:`InputError` naming the problem field. A missing ``id`` is derived from the
    content; ``published`` (an override) wins over the document's own.
    """
    if not isinstance(data, dict):
        raise InputError(source, f"expected a JSON object with \"id\" and \"text\", got {_json_type(data)}")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        what = "missing" if text is None else ("empty" if isinstance(text, str) else _json_type(text))
        raise InputError(source, f"\"text\" is {what}; each document needs a non-empty \"text\" string")
    doc_id = data.get("id")
    if doc_id is not None and (not isinstance(doc_id, str) or not doc_id.strip()):
        raise InputError(source, f"\"id\" must be a non-empty string, got {_json_type(doc_id)} "
                                 f"{json.dumps(doc_id)}; quote it, e.g. \"id\": \"{doc_id}\"")
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL_STRINGS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(source, f"\"{key}\" must be a string or null, got {_json_type(value)}")
        fields[key] = value.strip() or None if isinstance(value, str) else None
    if fields["published"] is not None and published is None:
        iso = normalise_published(fields["published"])
        if iso is None:
            raise InputError(source, f"\"published\" {fields['published']!r} is not a date; write ISO-8601 "
                                     "such as \"2020-01-04\" or \"2020-01-04T22:05:00\"")
        fields["published"] = iso
    return new_document(text, source=source, id=doc_id, title=fields["title"],
                        published=published or fields["published"], url=fields["url"],
                        publisher=fields["publisher"], toponyms=_toponyms(data.get("toponyms"), text, source=source),
                        what='"text"')


def _toponyms(value: Any, text: str, *, source: str) -> tuple[tuple[int, int], ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise InputError(source, f"\"toponyms\" must be a list of {{\"start\", \"end\"}}, got {_json_type(value)}")
    spans = []
    for index, item in enumerate(value):
        start = item.get("start") if isinstance(item, dict) else None
        end = item.get("end") if isinstance(item, dict) else None
        if not (_is_int(start) and _is_int(end) and 0 <= start < end <= len(text)):
            raise InputError(source, f"toponyms[{index}] must be {{\"start\": int, \"end\": int}} with "
                                     f"0 <= start < end <= {len(text)} (the text's length), got {json.dumps(item)}")
        spans.append((start, end))
    return tuple(spans)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
