"""eventwire: news articles in, structured political and conflict events out.

The pipeline (see :mod:`eventwire.pipeline`)::

    ingest -> clean -> nlp -> extract (events, actors, places, dates, casualties) -> merge -> store -> serve
"""
from __future__ import annotations

from .errors import EventwireError
from .models import Actor, Event, Place
from ._version import __version__

__all__ = ["extract", "geoparse", "Event", "Actor", "Place", "EventwireError", "__version__"]


def extract(text: str, *, title: str | None = None, published: str | None = None,
            url: str | None = None, publisher: str | None = None, id: str | None = None) -> list[Event]:
    """Extract the events of one article's text. See :func:`eventwire.pipeline.extract`."""
    from .pipeline import extract as _extract

    return _extract(text, title=title, published=published, url=url, publisher=publisher, id=id)


def geoparse(text: str, *, toponyms=None) -> list[Place | None]:
    """Find and resolve the place names of ``text``. See :func:`eventwire.places.geoparse`."""
    from .places.geocoder import geoparse as _geoparse

    return _geoparse(text, toponyms=toponyms)
