"""Stage read, HTML: the main text and metadata of a news web page.

:func:`html_document` takes the main text from trafilatura (:mod:`eventwire.read.webpage`); its hand-written
reader here (``extractor="handwritten"``, and the fallback where trafilatura finds nothing) keeps the paragraphs
outside navigation, headers, footers, forms and scripts. The title, publication time and publisher come from
``<meta>`` tags, JSON-LD and ``<time>`` first, then from trafilatura.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser

from ..errors import InputError
from ..models import Document
from .clean import content_id, normalise_published

_SKIP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "form", "noscript",
                        "template", "svg", "iframe", "button", "select", "textarea", "figcaption",
                        "canvas", "object"})
_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"})
_BREAK_TAGS = _BLOCK_TAGS | frozenset({"div", "section", "article", "main", "br", "tr", "td", "th", "table",
                                       "ul", "ol", "dl", "hr", "body", "figure", "html"})
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col"})
_MIN_RESCUED_WORDS = 10  # where all the page's text sits in navigation or a form, a few words are a menu, not an article
_DATE_KEYS = ("article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
              "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date")


class _HTMLReader(HTMLParser):
    """Collects paragraphs and metadata in one pass (constructor does no I/O)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.times: list[str] = []
        self.jsonld: list[str] = []
        self.title_parts: list[str] = []
        self.h1: str | None = None
        self._h1_parts: list[str] = []
        self.paragraphs: list[tuple[str, bool, bool]] = []  # (text, in a block tag, in article/main)
        self._buffer: list[str] = []
        self._skip = self._block = self._article = self._h1 = 0
        self._in_title = self._in_jsonld = False
        self._buffer_flags = (False, False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        self._metadata(tag, attr)
        if tag in _VOID_TAGS:
            if tag in _BREAK_TAGS:
                self._flush()
            return
        if tag in _BREAK_TAGS:
            self._flush()
        if tag in _SKIP_TAGS:
            self._skip += 1
            self._in_jsonld = tag == "script" and "ld+json" in attr.get("type", "").lower()
        self._block += tag in _BLOCK_TAGS
        self._article += tag in ("article", "main")
        self._h1 += tag == "h1"
        self._in_title = self._in_title or tag == "title"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._metadata(tag, {k.lower(): (v or "") for k, v in attrs})
        if tag in _BREAK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAK_TAGS:
            self._flush()
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
            self._in_jsonld = False
        if tag in _BLOCK_TAGS and self._block:
            self._block -= 1
        if tag in ("article", "main") and self._article:
            self._article -= 1
        if tag == "h1" and self._h1:
            self._h1 -= 1
            if self.h1 is None and not self._h1:
                self.h1 = " ".join("".join(self._h1_parts).split()) or None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)
        if self._in_title:
            self.title_parts.append(data)
        if self._h1:
            self._h1_parts.append(data)
        if self._skip or self._in_title:
            return
        if not self._buffer:
            self._buffer_flags = (self._block > 0, self._article > 0)
        self._buffer.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            self.paragraphs.append((text, *self._buffer_flags))
        self._buffer = []

    def _metadata(self, tag: str, attr: dict[str, str]) -> None:
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            if key and attr.get("content") and key not in self.meta:
                self.meta[key] = attr["content"].strip()
        elif tag == "link" and attr.get("href"):
            for rel in attr.get("rel", "").lower().split():
                self.links.setdefault(rel, attr["href"].strip())
        if tag == "time" and attr.get("datetime"):
            self.times.append(attr["datetime"].strip())
        if attr.get("itemprop", "").lower() == "datepublished":
            value = attr.get("content") or attr.get("datetime")
            if value:
                self.meta.setdefault("datepublished", value.strip())


def html_document(html: str, *, source: str | None = None, published: str | None = None,
                  url: str | None = None, extractor: str = "trafilatura") -> Document:
    """An HTML page's main text and metadata.

    The main text is trafilatura's (:mod:`eventwire.read.webpage`); ``extractor="handwritten"`` (and any page
    trafilatura finds nothing on) uses the standard-library reader here instead: paragraphs, headings, list
    items and quotes, navigation, header, footer, aside, form, script and style dropped, only ``<article>`` or
    ``<main>`` kept when the page marks one. Metadata comes from the page's meta tags, JSON-LD and ``<time>``
    first, then from trafilatura; ``url`` (where the page was fetched) is the fallback URL.
    """
    reader = _HTMLReader()
    reader.feed(html)
    reader.close()
    reader._flush()
    text = _html_text(reader.paragraphs)
    page = None
    if extractor == "trafilatura":
        from .webpage import extract_page

        page = extract_page(html, url=url)
        if text or len(page.text.split()) >= _MIN_RESCUED_WORDS:
            text = page.text or text
    if not text:
        raise InputError(source or "<html>", "HTML has no article text (no paragraphs outside navigation, "
                                             "header and footer); save the article page itself, or its text as .txt")
    ld = _jsonld_fields(reader.jsonld)
    meta = reader.meta
    title = (meta.get("og:title") or " ".join("".join(reader.title_parts).split()) or ld.get("headline")
             or reader.h1)
    url = reader.links.get("canonical") or meta.get("og:url") or ld.get("url") or (page and page.url) or url
    publisher = meta.get("og:site_name") or ld.get("publisher") or (page and page.sitename)
    title = title or (page and page.title)
    found = [meta.get(key) for key in _DATE_KEYS] + [ld.get("datePublished")] + reader.times + [page and page.date]
    dates = (normalise_published(value) for value in found if value)
    return Document(
        id=content_id(text, url), text=text, title=title or None,
        published=published or next((d for d in dates if d), None),
        url=url or None, publisher=publisher or None, source=source,
    )


def _html_text(paragraphs: list[tuple[str, bool, bool]]) -> str:
    blocks = [p for p in paragraphs if p[1]] or paragraphs
    in_article = [p for p in blocks if p[2]]
    return "\n\n".join(text for text, _, _ in (in_article or blocks))


def _jsonld_fields(scripts: list[str]) -> dict[str, str]:
    """``datePublished``, ``headline``, ``url`` and publisher name from JSON-LD blocks."""
    fields: dict[str, str] = {}
    stack: list[Any] = []
    for script in scripts:
        try:
            stack.append(json.loads(script))
        except ValueError:
            continue
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key in ("datePublished", "headline", "url"):
                if isinstance(item.get(key), str):
                    fields.setdefault(key, item[key])
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                fields.setdefault("publisher", publisher["name"])
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return fields
