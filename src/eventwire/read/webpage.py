"""A web page's main text, title, date and URL, by trafilatura.

trafilatura (Apache-2.0) finds the article body of a page; on the 181 pages of the article-extraction benchmark
it scores main-text F1 0.96 where our hand-written reader in :mod:`eventwire.read.html` scores 0.82 (see
``benchmarks/html_main_text.py``). Its paragraphs become blank-line separated blocks, as the rest of the pipeline reads
them. Pages in another language are told apart by the share of English function words
(:func:`english_share`): the pipeline reads English only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Page", "extract_page", "decode_page", "english_share", "is_english", "MIN_ENGLISH_SHARE"]

MIN_ENGLISH_SHARE = 0.2  # English prose: 0.35-0.55 of its words are function words; other languages < 0.1
_MIN_WORDS = 30  # too short to judge the language of: assumed English
_WORD = re.compile(r"\w+")
_CHARSET_HEADER = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)
_CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_BULLET = re.compile(r"^\s*- ")  # trafilatura's mark for a list item, not part of the text


@dataclass(frozen=True)
class Page:
    """What trafilatura found on a page (``text`` is empty when it found no main text)."""

    text: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, the page's own publication date
    url: str | None = None
    sitename: str | None = None


def extract_page(html: str, *, url: str | None = None) -> Page:
    """Main text (paragraphs separated by a blank line) and metadata of one page."""
    import trafilatura

    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                        include_tables=True, date_extraction_params={"original_date": True})
    if found is None:
        return Page(text="")
    lines = (" ".join(_BULLET.sub("", line).split()) for line in (found.text or "").split("\n"))
    text = "\n\n".join(line for line in lines if line)
    return Page(text=text, title=_clean(found.title), date=_clean(found.date), url=_clean(found.url),
                sitename=_clean(found.sitename))


def decode_page(body: bytes, *, content_type: str | None = None) -> str:
    """A fetched page's text: the charset its HTTP header or its ``<meta>`` declares, else UTF-8. A page with a
    few bad bytes (common on the web) is read with them replaced rather than lost."""
    declared = [m.group(1) for m in (_CHARSET_HEADER.search(content_type or ""), _CHARSET_META.search(body[:4096]))
                if m]
    for charset in [c.decode("ascii") if isinstance(c, bytes) else c for c in declared] + ["utf-8-sig"]:
        try:
            return body.decode(charset.lower()).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace").replace("\r\n", "\n")


def english_share(text: str) -> float:
    """Share of ``text``'s words that are English function words (spaCy's English stop list)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = _WORD.findall(text[:20000].lower())
    return sum(w in STOP_WORDS for w in words) / len(words) if words else 0.0


def is_english(text: str) -> bool:
    """Whether ``text`` reads as English: written mostly in Latin letters and, from 30 words on, with enough
    English function words (shorter Latin texts are given the benefit of the doubt)."""
    letters = [ch for ch in text[:2000] if ch.isalpha()]
    if letters and sum(ch < "\u0250" for ch in letters) < 0.5 * len(letters):
        return False  # mostly in a script other than Latin
    if len(_WORD.findall(text[:2000])) < _MIN_WORDS:
        return True
    return english_share(text) >= MIN_ENGLISH_SHARE


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if isinstance(value, str) else None
    return value or None
