"""The typed records that pipeline stages hand to each other.

Every record is a frozen dataclass. Serialisation to the public JSON contract
(``../shared/spec/CONTRACT.md``, documented in ``docs/contract.md``) happens here
and only here: ``Event.to_dict()`` / ``Event.from_dict()``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

__all__ = [
    "Document", "Article", "Actor", "Place", "Span", "Evidence", "Coder", "Event", "ArticleRef", "Skipped", "replace",
]


@dataclass(frozen=True)
class Document:
    """One input document as read by :mod:`eventwire.read.files`, before cleaning.

    ``text`` is the raw text (for HTML: the extracted main text). ``source`` says
    where it came from (a path, ``path:line`` for JSONL, or ``<stdin>``).
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO-8601 as given or parsed
    url: str | None = None
    publisher: str | None = None
    source: str | None = None
    toponyms: tuple[tuple[int, int], ...] | None = None  # given spans (geoparse), offsets into text
    published_is_fetch_time: bool = False  # the page gave no date: ``published`` is when it was fetched (WARC)


@dataclass(frozen=True)
class Article:
    """A cleaned document: ``body`` is what NLP reads and what evidence offsets point into.

    ``offsets`` maps body positions back to the raw document text: a tuple of
    ``(body_start, raw_start, length)`` segments, sorted by ``body_start``.
    """

    id: str
    body: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    source: str | None = None
    offsets: tuple[tuple[int, int, int], ...] = ()
    dateline: str | None = None  # the place a wire dateline names ("SAN SALVADOR, 16 NOV 89 -- ...")
    voice: str | None = None  # who speaks in the text's own words, as its wire header names them ("[SPEECH]
    # [PRESIDENT ALFREDO CRISTIANI] [TEXT]"; a station whose text opens in the first person): the "we" and "I"

    def raw_offset(self, body_offset: int) -> int:
        """Map an offset in ``body`` to the offset in the raw document text."""
        best = None
        for body_start, raw_start, length in self.offsets:
            if body_start <= body_offset <= body_start + length:
                best = raw_start + (body_offset - body_start)
                break
        return body_offset if best is None else best


@dataclass(frozen=True)
class ArticleRef:
    """The ``article`` object of an event: where it was reported."""

    id: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Actor:
    text: str
    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # GOV MIL REB PTY CVL IGO NGO MED BUS CRM REL JUD LEG COP UAF
    wikidata: str | None = None


@dataclass(frozen=True)
class Place:
    text: str
    name: str
    country: str | None  # ISO3
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    feature: str | None = None  # city, airport, military base, admin1, country, ...
    precision: str = "city"  # site | city | admin | country
    score: float = 0.0
    admin2: str | None = None  # second-level division, where known


@dataclass(frozen=True)
class Span:
    """A stretch of the article body: ``body[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int
    end: int
    trigger: str


@dataclass(frozen=True)
class Coder:
    """What coded an event: eventwire's version and the sha256 of each weights file its learned layer used."""

    version: str
    models: tuple[tuple[str, str], ...] = ()  # (name, sha256 of the weights file), sorted by name

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "models": dict(self.models)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Coder":
        return cls(version=str(data.get("version") or ""), models=tuple(sorted((data.get("models") or {}).items())))


@dataclass(frozen=True)
class Event:
    event_id: str
    article: ArticleRef
    type: str
    quad_class: str
    evidence: Evidence
    mode: str | None = None
    acled_event_type: str | None = None
    acled_subtype: str | None = None
    cameo_root: str | None = None
    actor: tuple[Actor, ...] = ()
    recipient: tuple[Actor, ...] = ()
    date: str | None = None
    date_precision: str = "publication"
    location: Place | None = None
    fatalities: int | None = None
    injured: int | None = None
    factuality: str = "asserted"
    confidence: float = 0.5
    mentions: tuple[Span, ...] = field(default=())
    # The incident this event reports, set by the store (None from extract); not part of what the event IS,
    # so two events are equal whatever incidents they were grouped into.
    incident_id: str | None = field(default=None, compare=False)
    coder: Coder | None = None
    # ACLED actor classes (1 state forces ... 8 external/other forces) of the two sides and their two-digit
    # interaction code (events/acled.py): derived from the type and the parties, so not part of equality
    inter1: int | None = field(default=None, compare=False)
    inter2: int | None = field(default=None, compare=False)
    interaction: int | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The contract's event object (plain JSON types only)."""
        return {
            "event_id": self.event_id,
            "article": _plain(self.article),
            "type": self.type,
            "mode": self.mode,
            "quad_class": self.quad_class,
            "acled_event_type": self.acled_event_type,
            "acled_subtype": self.acled_subtype,
            "cameo_root": self.cameo_root,
            "actor": [_plain(a) for a in self.actor],
            "recipient": [_plain(a) for a in self.recipient],
            "date": self.date,
            "date_precision": self.date_precision,
            "location": _plain(self.location) if self.location else None,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "factuality": self.factuality,
            "confidence": self.confidence,
            "evidence": _plain(self.evidence),
            "mentions": [_plain(m) for m in self.mentions],
            "incident_id": self.incident_id,
            "coder": self.coder.to_dict() if self.coder else None,
            "inter1": self.inter1,
            "inter2": self.inter2,
            "interaction": self.interaction,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        """Inverse of :meth:`to_dict` (used by the store and by round-trip tests)."""
        loc = data.get("location")
        return cls(
            event_id=data["event_id"],
            article=_article_ref(data.get("article") or {}),
            type=data["type"],
            mode=data.get("mode"),
            quad_class=data["quad_class"],
            acled_event_type=data.get("acled_event_type"),
            acled_subtype=data.get("acled_subtype"),
            cameo_root=data.get("cameo_root"),
            actor=tuple(Actor(**a) for a in data.get("actor") or ()),
            recipient=tuple(Actor(**a) for a in data.get("recipient") or ()),
            date=data.get("date"),
            date_precision=data.get("date_precision") or "publication",
            location=Place(**loc) if loc else None,
            fatalities=data.get("fatalities"),
            injured=data.get("injured"),
            factuality=data.get("factuality") or "asserted",
            confidence=float(data.get("confidence", 0.5)),
            evidence=Evidence(**data["evidence"]),
            mentions=tuple(Span(**m) for m in data.get("mentions") or ()),
            incident_id=data.get("incident_id"),
            coder=Coder.from_dict(data["coder"]) if data.get("coder") else None,
            inter1=data.get("inter1"),
            inter2=data.get("inter2"),
            interaction=data.get("interaction"),
        )


def _article_ref(data: dict[str, Any]) -> ArticleRef:
    """The ``article`` object, ignoring what exports add to it (``body``)."""
    return ArticleRef(**{f.name: data.get(f.name) for f in fields(ArticleRef)})


def _plain(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(record)}


@dataclass(frozen=True)
class Skipped:
    """An input left out on purpose, which is not an error: a WARC response that is no HTML page or not
    HTTP 200, a page not in English. Readers count these by ``reason``."""

    source: str
    reason: str
