"""eventwire: news articles in, structured political and conflict events out.

The pipeline (see :mod:`eventwire.pipeline`; one package per stage)::

    read -> nlp -> events (triggers, actors, places, dates, casualties) -> merge -> store -> serve

The public API is importable from here; the heavy parts (spaCy, the store) load only when first used.
Nothing inside the package imports from this module.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ._version import __version__
from .errors import EventwireError
from .models import Actor, Article, ArticleRef, Document, Event, Evidence, Place, Span

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Resources, extract_articles
    from .store.database import Store
    from .store.export import export_events

__all__ = ["extract", "extract_articles", "geoparse", "Resources", "Store", "export_events", "Event", "Actor",
           "Place", "Evidence", "Span", "ArticleRef", "Article", "Document", "EventwireError", "__version__"]

_LAZY = {"Resources": "pipeline", "extract_articles": "pipeline", "Store": "store.database",
         "export_events": "store.export"}


def extract(text: str, *, title: str | None = None, published: str | None = None,
            url: str | None = None, publisher: str | None = None, id: str | None = None,
            resources: "Resources | None" = None) -> list[Event]:
    """Extract the events of one article's text. See :func:`eventwire.pipeline.extract`."""
    from .pipeline import extract as _extract

    return _extract(text, title=title, published=published, url=url, publisher=publisher, id=id,
                    resources=resources)


def geoparse(text: str, *, toponyms=None) -> list[Place | None]:
    """Find and resolve the place names of ``text``. See :func:`eventwire.places.geocoder.geoparse`."""
    from .places.geocoder import geoparse as _geoparse

    return _geoparse(text, toponyms=toponyms)


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
