"""The export stage: events out as JSON Lines, CSV, Parquet or GeoJSON.

Formats (:data:`FORMATS`):

``jsonl``
    One event object per line: :meth:`Event.to_dict` with the ACLED actor codes ``inter1``, ``inter2``,
    ``interaction`` (the event's own; computed the same way for events stored before events carried them) and,
    for stored events, ``article.body`` -- the text that ``evidence`` and ``mentions``
    offsets index (``body[start:end] == evidence.text``). UTF-8, not ASCII-escaped, except U+0085, U+2028 and
    U+2029, which are escaped so that readers splitting on any Unicode line break still see one object per line.
``csv``
    One row per event, flat columns (:data:`CSV_COLUMNS`); actors' names, countries and sectors are joined with
    ``";"`` (one entry per actor, empty where unknown, so positions line up with the names); the article's
    ``article_url`` and ``article_publisher``; ACLED-compatible columns named as ACLED names them
    (``event_type``, ``sub_event_type``, ``inter1``, ``inter2``, ``interaction``, ``geo_precision``,
    ``time_precision``, ``admin1``, ``admin2``, ``fatalities``) and GDELT's numeric ``quad_class_code`` (see
    :mod:`eventwire.store.acled`). Unknown values are empty cells; floats are written with ``repr`` so they
    read back exactly. Records end with ``\\r\\n`` (RFC 4180), and any cell holding ``\\r`` or ``\\n`` is quoted.
    The article body and mentions' text are not in the CSV.
``parquet``
    One row per event with nested columns that mirror the JSON object (structs for ``article``, ``location``,
    ``evidence``; lists of structs for ``actor``, ``recipient``, ``mentions``) and typed values: ``date`` is a
    ``date32``, ``article.published`` a UTC timestamp (a time without a zone is read as UTC; text that is not
    ISO-8601 becomes null), numbers are int64 / float64; ``article.body`` and ``inter1`` / ``inter2`` /
    ``interaction`` as in JSONL. Binary: needs a file path or a binary stream that is not a terminal.
``geojson``
    An RFC 7946 ``FeatureCollection`` of the LOCATED events only: one ``Feature`` per event whose location has
    coordinates, ``id`` = event id, geometry a ``Point`` ``[lon, lat]`` (WGS 84); ``properties`` = the event
    object with ``lat`` / ``lon`` removed from its ``location``. The count returned says how many were left out
    (``.unlocated``).

:func:`export_events` takes events, or ``(event, body)`` pairs where the article body is known
(:meth:`Store.iter_events` with ``with_body=True`` gives them).

Writing to a path goes through a ``.part`` file renamed at the end, so an interrupted export leaves no
truncated file under the requested name.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import date as Date
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from ..errors import UsageError
from ..models import Actor, ArticleRef, Event, Evidence, Place, Span
from .acled import acled_codes

_ACTOR_CODES = ("inter1", "inter2", "interaction")

__all__ = ["FORMATS", "CSV_COLUMNS", "Exported", "export_events", "export_store", "csv_row", "export_dict",
           "geojson_feature", "parquet_schema"]

FORMATS = ("jsonl", "csv", "parquet", "geojson")
BINARY_FORMATS = frozenset({"parquet"})

CSV_COLUMNS = (
    "event_id", "article_id", "article_title", "article_published", "type", "mode", "quad_class",
    "acled_event_type", "acled_subtype", "cameo_root", "actor_names", "actor_countries", "recipient_names",
    "recipient_countries", "date", "date_precision", "location_name", "location_country", "admin1", "lat", "lon",
    "location_precision", "fatalities", "injured", "factuality", "confidence", "evidence_text", "evidence_start",
    "evidence_end", "trigger", "mentions_count", "incident_id",
    # added for analysts (contract "Exports for analysts"): article, sectors, ACLED and GDELT columns
    "article_url", "article_publisher", "actor_sectors", "recipient_sectors", "event_type", "sub_event_type",
    "inter1", "inter2", "interaction", "geo_precision", "time_precision", "admin2", "quad_class_code",
)


class Exported(int):
    """How many events were written; ``unlocated`` = how many GeoJSON left out for want of coordinates."""

    unlocated: int = 0

    @classmethod
    def of(cls, written: int, unlocated: int = 0) -> "Exported":
        count = cls(written)
        count.unlocated = unlocated
        return count


_PARQUET_BATCH = 20_000  # events per row group


def export_events(events: Iterable[Any], *, format: str, out: Any) -> Exported:
    """Write ``events`` (events, or ``(event, article body)`` pairs) to ``out`` (a path, or a text or binary
    stream) in ``format``; returns how many were written (with ``.unlocated``, the rows GeoJSON left out).

    ``format`` is one of :data:`FORMATS`. Parquet refuses a terminal and text streams without a binary
    ``buffer``. Raises :class:`UsageError` for an unknown format or an event holding NaN or infinity.
    """
    writer = _writer(format)
    pairs = (item if isinstance(item, tuple) else (item, None) for item in events)
    if format in BINARY_FORMATS:
        with _binary_out(out, format=format) as sink:
            return writer(pairs, sink)
    with _text_out(out) as sink:
        return writer(pairs, sink)


def export_store(db_path: str | os.PathLike[str], *, format: str, out: Any, **filters: Any) -> Exported:
    """Export the events stored in ``db_path`` (read-only) in stored order, with their article bodies;
    ``filters`` as :meth:`eventwire.store.Store.iter_events`. Returns how many events were written.

    Example: ``export_store("events.duckdb", format="geojson", out="events.geojson", country="IRQ")``.
    """
    from .database import Store

    _writer(format)  # refuse an unknown format before touching the store
    events = Store(db_path, read_only=True).iter_events(with_body=True, **filters)
    return export_events(events, format=format, out=out)


def _writer(format: str) -> Callable[[Iterable[tuple[Event, str | None]], Any], Exported]:
    writers = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet, "geojson": _write_geojson}
    try:
        return writers[format]
    except (KeyError, TypeError):
        raise UsageError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}") from None


# -- formats --------------------------------------------------------------------------------------------

def export_dict(event: Event, body: str | None = None) -> dict[str, Any]:
    """The exported event object: :meth:`Event.to_dict`, ``article.body`` and the ACLED actor codes."""
    data = event.to_dict()
    data["article"]["body"] = body
    codes = acled_codes(event)
    data.update((key, codes[key]) for key in _ACTOR_CODES)
    return data


def _write_jsonl(events: Iterable[tuple[Event, str | None]], sink: IO[str]) -> Exported:
    n = 0
    for event, body in events:
        sink.write(_dumps(export_dict(event, body), event) + "\n")
        n += 1
    return Exported.of(n)


def csv_row(event: Event) -> dict[str, Any]:
    """The flat CSV row of ``event`` (keys :data:`CSV_COLUMNS`; None for unknown values)."""
    loc, ev = event.location, event.evidence
    return {
        "event_id": event.event_id, "article_id": event.article.id, "article_title": event.article.title,
        "article_published": event.article.published, "type": event.type, "mode": event.mode,
        "quad_class": event.quad_class, "acled_event_type": event.acled_event_type,
        "acled_subtype": event.acled_subtype, "cameo_root": event.cameo_root,
        "actor_names": _join(a.name for a in event.actor),
        "actor_countries": _join(a.country for a in event.actor),
        "recipient_names": _join(a.name for a in event.recipient),
        "recipient_countries": _join(a.country for a in event.recipient),
        "date": event.date, "date_precision": event.date_precision,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None, "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "location_precision": loc.precision if loc else None, "fatalities": event.fatalities,
        "injured": event.injured, "factuality": event.factuality, "confidence": event.confidence,
        "evidence_text": ev.text, "evidence_start": ev.start, "evidence_end": ev.end, "trigger": ev.trigger,
        "mentions_count": len(event.mentions), "incident_id": event.incident_id,
        "article_url": event.article.url, "article_publisher": event.article.publisher,
        "actor_sectors": _join(a.sector for a in event.actor),
        "recipient_sectors": _join(a.sector for a in event.recipient),
        "event_type": event.acled_event_type, "sub_event_type": event.acled_subtype,
        "admin2": loc.admin2 if loc else None, **acled_codes(event),
    }


def _join(values: Iterable[str | None]) -> str | None:
    values = list(values)
    return ";".join(v or "" for v in values) if values else None


def _write_csv(events: Iterable[tuple[Event, str | None]], sink: IO[str]) -> Exported:
    writer = csv.DictWriter(sink, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for event, _body in events:
        row = csv_row(event)
        for key in ("confidence", "lat", "lon"):
            if isinstance(row[key], float) and not math.isfinite(row[key]):
                raise _non_finite(event)
        writer.writerow(row)
        n += 1
    return Exported.of(n)


def _located(event: Event) -> bool:
    loc = event.location
    return loc is not None and loc.lat is not None and loc.lon is not None


def geojson_feature(event: Event, body: str | None = None) -> dict[str, Any] | None:
    """The GeoJSON ``Feature`` of ``event``, or None when its location has no coordinates."""
    if not _located(event):
        return None
    props = export_dict(event, body)
    del props["article"]["body"]  # a map layer: the sentence is in evidence, the body would bloat every point
    loc = props["location"]
    lat, lon = loc.pop("lat"), loc.pop("lon")
    return {"type": "Feature", "id": event.event_id, "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": props}


def _write_geojson(events: Iterable[tuple[Event, str | None]], sink: IO[str]) -> Exported:
    sink.write('{"type": "FeatureCollection", "features": [')
    n = unlocated = 0
    for event, body in events:
        feature = geojson_feature(event, body)
        if feature is None:
            unlocated += 1
            continue
        sink.write(("," if n else "") + "\n" + _dumps(feature, event))
        n += 1
    sink.write("\n]}\n")
    return Exported.of(n, unlocated)


@lru_cache(maxsize=1)
def parquet_schema() -> Any:
    """The pyarrow schema of the parquet export: the event object's nesting, field for field."""
    import pyarrow as pa

    def struct(record: type) -> Any:
        return pa.struct([pa.field(f.name, _arrow_type(pa, f.type)) for f in fields(record)])

    s, i, f = pa.string(), pa.int64(), pa.float64()
    published = pa.timestamp("us", tz="UTC")
    article = pa.struct([pa.field(f.name, published if f.name == "published" else _arrow_type(pa, f.type))
                         for f in fields(ArticleRef)] + [pa.field("body", s)])
    columns = [
        ("event_id", s), ("article", article), ("type", s), ("mode", s), ("quad_class", s),
        ("acled_event_type", s), ("acled_subtype", s), ("cameo_root", s), ("actor", pa.list_(struct(Actor))),
        ("recipient", pa.list_(struct(Actor))), ("date", pa.date32()), ("date_precision", s),
        ("location", struct(Place)), ("fatalities", i), ("injured", i), ("factuality", s), ("confidence", f),
        ("evidence", struct(Evidence)), ("mentions", pa.list_(struct(Span))),
        ("inter1", i), ("inter2", i), ("interaction", i), ("incident_id", s), ("coder", _coder_type(pa)),
    ]
    return pa.schema(columns, metadata={"eventwire.format": "event-object", "eventwire.contract": "1"})


def _coder_type(pa: Any) -> Any:
    """``coder``: its version and one sha256 field per model eventwire knows (a struct, so that a row reads back
    as the event object's ``{"version", "models": {name: sha256}}``)."""
    from ..learn import MODEL_NAMES

    return pa.struct([("version", pa.string()),
                      ("models", pa.struct([(name, pa.string()) for name in MODEL_NAMES]))])


def _arrow_type(pa: Any, annotation: str) -> Any:
    """Arrow type of a scalar dataclass field annotated ``str``, ``int | None``, ``float``..."""
    base = str(annotation).replace(" | None", "").strip()
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    if base not in types:
        raise TypeError(f"no parquet type for field annotation {annotation!r}: extend export._arrow_type")
    return types[base]


def parquet_row(event: Event, body: str | None = None) -> dict[str, Any]:
    """The parquet row of ``event``: :func:`export_dict` with ``date`` and ``article.published`` typed."""
    row = export_dict(event, body)
    row["date"] = _date(event.date)
    row["article"]["published"] = _timestamp(event.article.published)
    return row


def _date(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _timestamp(value: str | None) -> datetime | None:
    """An ISO-8601 date or time as an aware UTC datetime (a naive one is taken as UTC); None if not ISO."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None


def _write_parquet(events: Iterable[tuple[Event, str | None]], sink: Any) -> Exported:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        for batch in _batches(events, _PARQUET_BATCH):
            writer.write_table(pa.Table.from_pylist([parquet_row(e, body) for e, body in batch], schema=schema))
            n += len(batch)
    return Exported.of(n)


def _batches(events: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for event in events:
        batch.append(event)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _dumps(obj: Any, event: Event) -> str:
    """One-line JSON: json.dumps escapes control characters; the Unicode line breaks it keeps are escaped here
    (they can only occur inside strings, where the escape means the same character)."""
    try:
        return json.dumps(obj, ensure_ascii=False, allow_nan=False).translate(_LINE_BREAKS)
    except ValueError:
        raise _non_finite(event) from None


def _non_finite(event: Event) -> UsageError:
    return UsageError(f"event {event.event_id!r} holds NaN or infinity, which these formats cannot write: "
                      "drop or fix it before exporting")


# -- outputs --------------------------------------------------------------------------------------------

def _is_path(out: Any) -> bool:
    return isinstance(out, (str, os.PathLike))


def _is_binary(out: Any) -> bool:
    return isinstance(out, (io.BufferedIOBase, io.RawIOBase)) or "b" in str(getattr(out, "mode", ""))


@contextmanager
def _atomic(path: Any, mode: str) -> Iterator[IO[Any]]:
    """Open ``path.part`` for writing and rename it to ``path`` only when the block succeeds."""
    final = Path(path)
    part = final.with_name(final.name + ".part")
    try:
        handle = open(part, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""}))
    except OSError as exc:
        raise UsageError(f"cannot write {final}: {exc.strerror}; check the folder exists and is writable") from None
    try:
        with handle:
            yield handle
        os.replace(part, final)
    finally:
        if part.exists():
            part.unlink()


@contextmanager
def _text_out(out: Any) -> Iterator[IO[str]]:
    if _is_path(out):
        with _atomic(out, "w") as handle:
            yield handle
    elif _is_binary(out):
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        try:
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()
    else:
        yield out


@contextmanager
def _binary_out(out: Any, *, format: str) -> Iterator[Any]:
    if _is_path(out):
        with _atomic(out, "wb") as handle:
            yield handle
        return
    isatty = getattr(out, "isatty", None)
    if isatty is not None and isatty():
        raise UsageError(f"{format} is a binary format and will not be written to a terminal: "
                         f"give a file, e.g. -o events.{format}")
    if not _is_binary(out):
        if not hasattr(out, "buffer"):
            raise UsageError(f"{format} is a binary format: give a file path or a binary stream, not a text stream")
        out.flush()
        out = out.buffer
    yield out
    out.flush()
