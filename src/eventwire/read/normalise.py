"""Text normalised once, where it enters: every reader builds its documents from :func:`normalise`.

What the rest of the pipeline parses, stores and quotes as evidence is the normalised text, so
evidence offsets point into the stored body as they always did. Stages:

1. lone surrogates (from JSON ``"\\ud800"`` escapes or ``surrogateescape`` decoding) become U+FFFD,
   counted and reported with a :class:`TextRepaired` warning; a high + low pair becomes its character;
2. removed: ANSI escape sequences, the byte-order mark / zero-width no-break space, zero-width space,
   word joiner, soft hyphen, invisible operators, bidirectional control characters (LRM, RLM, ALM,
   embeddings, overrides, isolates) and C0/C1 control characters other than tab and newline
   (NUL included); the zero-width joiner and non-joiner only where they join nothing (a neighbour
   outside the joining scripts, e.g. inside a Latin word): they stay in Persian, Indic and emoji text;
3. Unicode NFC, so a precomposed and a decomposed "é" are the same letter.

The same sentence with and without invisible characters therefore gives the same text, hence the
same events (a property test says so).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
import warnings
from typing import TYPE_CHECKING

from ..errors import TextRepaired

if TYPE_CHECKING:
    from ..models import Document

__all__ = ["new_document", "normalise", "normalise_optional", "TextRepaired", "map_offset"]


_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_ANSI_RE = re.compile(
    "\x1b(?:\\[[0-?]*[ -/]*[@-~]"            # CSI: colours, cursor moves
    "|\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?"      # OSC: titles, hyperlinks (ended by BEL or ST)
    "|[PX^_][^\x1b]*(?:\x1b\\\\)?"             # DCS, SOS, PM, APC strings
    "|[ -/]*[0-~]?)"                         # other escapes (and a lone ESC)
    "|\x9b[0-?]*[ -/]*[@-~]")                # 8-bit CSI
_INVISIBLE = ("\ufeff\u200b\u2060\u00ad\u180e\u2061\u2062\u2063\u2064"  # BOM/ZWNBSP, ZWSP, WJ, SHY, ...
              "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"              # bidi marks, embeddings, isolates
              "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f")             # controls but \t \n \r VT FF NEL
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n"})  # VT, FF, NEL break lines
_JOINER_RE = re.compile("[\u200c\u200d]+")
_JOINING_FROM = 0x0590  # Hebrew onwards: Arabic, Syriac, Indic, ... and emoji use ZWJ/ZWNJ


def _joins(ch: str) -> bool:
    return bool(ch) and ord(ch) >= _JOINING_FROM and (ch.isalpha() or unicodedata.category(ch)[0] in "MS")


def _strip_joiners(text: str) -> str:
    def keep(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return m[0] if _joins(before) and _joins(after) else ""
    return _JOINER_RE.sub(keep, text)


def _fix_surrogates(text: str) -> tuple[str, int]:
    paired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    lone = len(_SURROGATE_RE.findall(text)) - 2 * (len(text) - len(paired))  # each joined pair: 2 -> 1
    return paired, max(lone, 0)


def normalise(text: str, *, source: str = "<text>") -> str:
    """``text`` with surrogates repaired, invisible characters and ANSI escapes removed, in NFC.

    Idempotent: ``normalise(normalise(t)) == normalise(t)``. Lone surrogates are reported with a
    :class:`TextRepaired` warning naming ``source``.
    """
    if text.isascii() and text.isprintable():  # the common case, nothing to do
        return text
    if _SURROGATE_RE.search(text):
        text, lone = _fix_surrogates(text)
        if lone:
            warnings.warn(TextRepaired(source, lone), stacklevel=2)
    text = _ANSI_RE.sub("", text)
    text = _INVISIBLE_RE.sub("", text).translate(_BREAKS)
    if "\u200c" in text or "\u200d" in text:
        text = _strip_joiners(text)
    return unicodedata.normalize("NFC", text)


def normalise_optional(value: str | None, *, source: str = "<text>") -> str | None:
    """:func:`normalise` for an optional field (title, publisher, url): blank becomes None."""
    if value is None:
        return None
    value = " ".join(normalise(value, source=source).split())
    return value or None


def map_offset(text: str, offset: int) -> int:
    """Where ``text[:offset]`` ends once normalised: maps a span given on the raw text (gold toponyms)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TextRepaired)
        return len(normalise(text[:offset]))


def new_document(text: str, *, source: str | None, id: str | None = None, title: str | None = None,
                 published: str | None = None, url: str | None = None, publisher: str | None = None,
                 toponyms: tuple[tuple[int, int], ...] | None = None, what: str = "text") -> "Document":
    """The one door every reader builds its :class:`~eventwire.models.Document` through.

    Text and string fields are normalised (:func:`normalise`); a text left empty or whitespace-only
    is an :class:`~eventwire.errors.InputError` (unreadable, like an empty file); ``toponyms``
    spans given on the raw text are moved onto the normalised one; a missing id is derived from the
    normalised content, so a copy that differs only by invisible characters gets the same id.
    """
    from ..errors import InputError
    from ..models import Document

    where = source or "<text>"
    clean_text = normalise(text, source=where)
    if toponyms is None:  # given toponym offsets point into the text as given: no mojibake repair then
        clean_text = _repaired(clean_text, where)
    if not clean_text.strip():
        raise InputError(where, f"the {what} is empty or only whitespace and invisible characters; "
                                "give the article text or leave the document out")
    if toponyms is not None and clean_text != text:
        toponyms = tuple((map_offset(text, a), map_offset(text, b)) for a, b in toponyms)
        toponyms = tuple((a, b) for a, b in toponyms if a < b)
    fields = {k: normalise_optional(v, source=f"{where} ({k})")
              for k, v in (("title", title), ("url", url), ("publisher", publisher))}
    if fields["title"]:
        fields["title"] = _repaired(fields["title"], where)
    doc_id = normalise(id, source=f"{where} (id)").strip() if id is not None else None
    return Document(id=doc_id or content_id(clean_text, fields["url"]), text=clean_text, title=fields["title"],
                    published=published, url=fields["url"], publisher=fields["publisher"], source=source,
                    toponyms=toponyms)


def _repaired(text: str, source: str) -> str:
    """``text`` with mojibake repaired and normalised again: a repair can yield decomposable characters."""
    from .repair import repair

    fixed = repair(text)
    return text if fixed == text else normalise(fixed, source=source)


def content_id(text: str, url: str | None = None) -> str:
    """A stable id from content, not from a file name: ``sha1(normalised text + url)[:16]``."""
    key = " ".join(text.split()) + "\n" + (url or "")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
