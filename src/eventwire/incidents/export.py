"""Incidents out: one row per incident as JSON Lines, CSV, Parquet or GeoJSON (``export --incidents``).

``jsonl``
    One incident object (the contract's, see :data:`~eventwire.incidents.table.INCIDENT_KEYS`) per line.
``csv``
    One flat row per incident (:data:`INCIDENT_CSV_COLUMNS`): the location's and actors' fields spread into
    columns as the event CSV spreads them, ``event_ids`` joined with ``";"``, the evidence sentence.
``parquet``
    Nested columns that mirror the object, so ``pyarrow.parquet.read_table(f).to_pylist()`` gives back the objects.
``geojson``
    A ``FeatureCollection`` of the located incidents (``Point [lon, lat]``), ``properties`` = the object with
    ``lat`` / ``lon`` removed from its ``location``.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import fields
from functools import lru_cache
from typing import IO, Any

from ..errors import UsageError
from ..store.export import FORMATS, _arrow_type, _batches, _binary_out, _text_out
from ..models import Actor, Evidence, Place

__all__ = ["export_incidents", "export_store_incidents", "INCIDENT_CSV_COLUMNS", "incident_csv_row", "incident_parquet_schema"]

INCIDENT_CSV_COLUMNS = (
    "incident_id", "type", "mode", "quad_class", "acled_event_type", "acled_subtype", "cameo_root", "date",
    "date_precision", "location_name", "location_country", "admin1", "lat", "lon", "location_precision",
    "actor_names", "actor_countries", "recipient_names", "recipient_countries", "fatalities", "fatalities_low",
    "fatalities_high", "injured", "factuality", "confidence", "articles", "sources", "first_reported",
    "last_reported", "event_ids", "evidence_text",
)


def export_incidents(incidents: Iterable[dict[str, Any]], *, format: str, out: Any) -> int:
    """Write incident objects to ``out`` (a path or stream) in ``format`` (one of ``FORMATS``); how many."""
    writers = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet, "geojson": _geojson}
    if format not in writers:
        raise UsageError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    if format == "parquet":
        with _binary_out(out, format=format) as sink:
            return _parquet(incidents, sink)
    with _text_out(out) as sink:
        return writers[format](incidents, sink)


def export_store_incidents(db_path: Any, *, format: str, out: Any, **filters: Any) -> int:
    """Export the incidents stored in ``db_path`` (read-only), one row each, in the order they were opened;
    ``filters`` as :meth:`eventwire.store.database.Store.iter_incidents`. Returns how many were written."""
    from ..store.database import Store

    if format not in FORMATS:
        raise UsageError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    return export_incidents(Store(db_path, read_only=True).iter_incidents(**filters), format=format, out=out)


def _dumps(obj: Any) -> str:
    try:
        return json.dumps(obj, ensure_ascii=False, allow_nan=False)
    except ValueError:
        raise UsageError(f"incident {obj.get('incident_id')!r} holds NaN or infinity: fix it before exporting") \
            from None


def _jsonl(incidents: Iterable[dict[str, Any]], sink: IO[str]) -> int:
    n = 0
    for incident in incidents:
        sink.write(_dumps(incident) + "\n")
        n += 1
    return n


def _join(values: Iterable[str | None]) -> str | None:
    values = list(values)
    return ";".join(v or "" for v in values) if values else None


def incident_csv_row(incident: dict[str, Any]) -> dict[str, Any]:
    """The flat CSV row of an incident object (keys :data:`INCIDENT_CSV_COLUMNS`)."""
    loc = incident["location"] or {}
    row = {k: incident[k] for k in INCIDENT_CSV_COLUMNS if k in incident and k != "event_ids"}
    row.update({
        "location_name": loc.get("name"), "location_country": loc.get("country"), "admin1": loc.get("admin1"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "location_precision": loc.get("precision"),
        "actor_names": _join(a["name"] for a in incident["actor"]),
        "actor_countries": _join(a["country"] for a in incident["actor"]),
        "recipient_names": _join(a["name"] for a in incident["recipient"]),
        "recipient_countries": _join(a["country"] for a in incident["recipient"]),
        "event_ids": ";".join(incident["event_ids"]), "evidence_text": incident["evidence"]["text"],
    })
    return row


def _csv(incidents: Iterable[dict[str, Any]], sink: IO[str]) -> int:
    writer = csv.DictWriter(sink, fieldnames=INCIDENT_CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for incident in incidents:
        writer.writerow(incident_csv_row(incident))
        n += 1
    return n


def _geojson(incidents: Iterable[dict[str, Any]], sink: IO[str]) -> int:
    sink.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for incident in incidents:
        loc = dict(incident["location"] or {})
        lat, lon = loc.pop("lat", None), loc.pop("lon", None)
        if lat is None or lon is None:
            continue
        feature = {"type": "Feature", "id": incident["incident_id"],
                   "geometry": {"type": "Point", "coordinates": [lon, lat]},
                   "properties": {**incident, "location": loc}}
        sink.write(("," if n else "") + "\n" + _dumps(feature))
        n += 1
    sink.write("\n]}\n")
    return n


@lru_cache(maxsize=1)
def incident_parquet_schema() -> Any:
    """The pyarrow schema of the incident parquet export: the object's nesting, field for field."""
    import pyarrow as pa

    def struct(record: type) -> Any:
        return pa.struct([pa.field(f.name, _arrow_type(pa, f.type)) for f in fields(record)])

    s, i, f = pa.string(), pa.int64(), pa.float64()
    return pa.schema([
        ("incident_id", s), ("type", s), ("mode", s), ("quad_class", s), ("acled_event_type", s),
        ("acled_subtype", s), ("cameo_root", s), ("date", s), ("date_precision", s), ("location", struct(Place)),
        ("actor", pa.list_(struct(Actor))), ("recipient", pa.list_(struct(Actor))), ("fatalities", i),
        ("fatalities_low", i), ("fatalities_high", i), ("injured", i), ("factuality", s), ("confidence", f),
        ("event_ids", pa.list_(s)), ("articles", i), ("sources", i), ("first_reported", s),
        ("last_reported", s), ("evidence", struct(Evidence)),
    ], metadata={"eventwire.format": "incident-object", "eventwire.contract": "1"})


def _parquet(incidents: Iterable[dict[str, Any]], sink: Any) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = incident_parquet_schema()
    n = 0
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        for batch in _batches(incidents, 20_000):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
