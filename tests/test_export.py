"""Export formats, and the property that event -> store -> export -> event gives back the original.

Events are generated with Hypothesis (actors, places, mentions, unicode text, finite floats); no model needed.
"""
from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import StoreError, UsageError
from eventwire.store.export import CSV_COLUMNS, FORMATS, csv_row, export_events, export_store, geojson_feature
from eventwire.models import Actor, Article, ArticleRef, Event, Evidence, Place, Span
from eventwire.store.database import Store

# -- strategies ----------------------------------------------------------------------------------------

text = st.text(max_size=40)  # any unicode except surrogates, including NUL, newlines, quotes, ";"
maybe_text = st.none() | text
offsets = st.integers(min_value=0, max_value=2**31)
count = st.none() | st.integers(min_value=0, max_value=2**40)
unit = st.floats(min_value=0, max_value=1, allow_nan=False)
iso3 = st.none() | st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)

actors = st.builds(Actor, text=text, name=text, country=iso3,
                   sector=st.none() | st.sampled_from(["GOV", "MIL", "REB", "CVL", "UAF"]),
                   wikidata=st.none() | st.from_regex(r"Q[1-9][0-9]{0,8}", fullmatch=True))
places = st.builds(
    Place, text=text, name=text, country=iso3, admin1=maybe_text,
    lat=st.none() | st.floats(min_value=-90, max_value=90, allow_nan=False),
    lon=st.none() | st.floats(min_value=-180, max_value=180, allow_nan=False),
    geonameid=st.none() | st.integers(min_value=1, max_value=2**40), feature=maybe_text,
    precision=st.sampled_from(["site", "city", "admin", "country"]), score=unit)
spans = st.builds(Span, text=text, start=offsets, end=offsets)


@st.composite
def events(draw: st.DrawFn) -> Event:
    return Event(
        event_id=draw(st.text(min_size=1, max_size=20)),
        article=draw(st.builds(ArticleRef, id=maybe_text, title=maybe_text, publisher=maybe_text,
                               published=maybe_text, url=maybe_text)),
        type=draw(st.sampled_from(["ASSAULT", "PROTEST", "ACCUSE", "AID", "COERCE"])),
        quad_class=draw(st.sampled_from(["verbal-cooperation", "material-cooperation", "verbal-conflict",
                                         "material-conflict"])),
        evidence=draw(st.builds(Evidence, text=text, start=offsets, end=offsets, trigger=text)),
        mode=draw(maybe_text), acled_event_type=draw(maybe_text), acled_subtype=draw(maybe_text),
        cameo_root=draw(st.none() | st.sampled_from([f"{i:02d}" for i in range(1, 21)])),
        actor=tuple(draw(st.lists(actors, max_size=3))), recipient=tuple(draw(st.lists(actors, max_size=3))),
        date=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        date_precision=draw(st.sampled_from(["day", "month", "year", "publication"])),
        location=draw(st.none() | places), fatalities=draw(count), injured=draw(count),
        factuality=draw(st.sampled_from(["asserted", "claimed", "denied", "negated", "hypothetical", "future"])),
        confidence=draw(unit), mentions=tuple(draw(st.lists(spans, max_size=3))),
    )


event_lists = st.lists(events(), max_size=6, unique_by=lambda e: e.event_id)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _sample(n: int = 3) -> list[Event]:
    baghdad = Place(text="بغداد", name="Baghdad", country="IRQ", admin1="Baghdad", lat=33.34, lon=44.4)
    no_coords = Place(text="somewhere", name="Somewhere", country="IRQ", admin1=None, lat=None, lon=None)
    base = Event(event_id="e0", article=ArticleRef(id="a1", title="Frappe à Bagdad"), type="ASSAULT",
                 quad_class="material-conflict", evidence=Evidence("Une frappe « drone ».", 0, 21, "frappe"),
                 actor=(Actor("US", "United States", "USA"), Actor("Iraq; PMF", "PMF", None)),
                 location=baghdad, mentions=(Span("Ten died.", 30, 39),))
    locations = [baghdad, no_coords, None]
    return [Event(**{**base.__dict__, "event_id": f"e{i}", "location": locations[i % 3]}) for i in range(n)]


# -- round trips through the store ----------------------------------------------------------------------

def _store_and_read(evs: list[Event], folder: str) -> tuple[Store, list[Event]]:
    store = Store(Path(folder) / "events.duckdb")
    assert store.add_article(Article(id="a", body="body"), evs)
    return store, list(store.iter_events())


@SETTINGS
@given(event_lists)
def test_store_then_jsonl_round_trip(evs: list[Event]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store, stored = _store_and_read(evs, folder)
        assert stored == evs
        buffer = io.StringIO()
        assert export_store(store.path, format="jsonl", out=buffer) == len(evs)
    lines = buffer.getvalue().splitlines()
    assert [Event.from_dict(json.loads(line)) for line in lines] == evs


@SETTINGS
@given(event_lists)
def test_store_then_parquet_round_trip(evs: list[Event]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store, _ = _store_and_read(evs, folder)
        out = Path(folder) / "events.parquet"
        export_store(store.path, format="parquet", out=out)
        rows = pq.read_table(out).to_pylist()
    assert rows == [e.to_dict() for e in evs]  # nested columns mirror the JSON object exactly
    assert [Event.from_dict(r) for r in rows] == evs


@SETTINGS
@given(event_lists)
def test_store_then_csv_round_trip(evs: list[Event]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store, _ = _store_and_read(evs, folder)
        buffer = io.StringIO()
        export_store(store.path, format="csv", out=buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    assert len(rows) == len(evs)
    for row, event in zip(rows, evs):
        expected = {k: "" if v is None else str(v) for k, v in csv_row(event).items()}
        assert row == expected
        assert float(row["confidence"]) == event.confidence
        if event.location is not None and event.location.lat is not None:
            assert float(row["lat"]) == event.location.lat


@SETTINGS
@given(event_lists)
def test_geojson_round_trip(evs: list[Event]) -> None:
    buffer = io.StringIO()
    export_events(evs, format="geojson", out=buffer)
    collection = json.loads(buffer.getvalue())
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(evs)
    for feature, event in zip(collection["features"], evs):
        loc = feature["properties"]["location"]
        if feature["geometry"] is not None:
            lon, lat = feature["geometry"]["coordinates"]
            loc.update(lat=lat, lon=lon)
        elif loc is not None:
            loc.update(lat=event.location.lat, lon=event.location.lon)  # only a partial pair is dropped
        assert feature["properties"] == event.to_dict()


# -- formats -------------------------------------------------------------------------------------------

def test_geojson_is_lon_lat_points_or_null() -> None:
    features = json.loads(_export(_sample(3), "geojson"))["features"]
    assert [f["type"] for f in features] == ["Feature"] * 3
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [44.4, 33.34]}
    assert features[1]["geometry"] is None and features[2]["geometry"] is None
    assert "lat" not in features[0]["properties"]["location"]
    assert "lon" not in features[1]["properties"]["location"]
    assert features[0]["id"] == "e0"
    assert geojson_feature(_sample(1)[0]) == features[0]


def test_empty_geojson_is_valid() -> None:
    assert json.loads(_export([], "geojson")) == {"type": "FeatureCollection", "features": []}


def test_jsonl_keeps_unicode_unescaped() -> None:
    out = _export(_sample(1), "jsonl")
    assert "بغداد" in out and "«" in out and out.endswith("\n") and out.count("\n") == 1


def test_csv_header_and_joined_actors() -> None:
    rows = list(csv.DictReader(io.StringIO(_export(_sample(2), "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["actor_names"] == "United States;PMF"
    assert rows[0]["actor_countries"] == "USA;"  # one entry per actor, empty when unknown
    assert rows[0]["recipient_names"] == "" and rows[0]["mentions_count"] == "1"
    assert rows[1]["lat"] == "" and rows[1]["location_name"] == "Somewhere"


def _export(evs: list[Event], format: str) -> str:
    buffer = io.StringIO()
    assert export_events(evs, format=format, out=buffer) == len(evs)
    return buffer.getvalue()


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_writes_to_a_path_and_a_binary_stream(tmp_path: Path, format: str) -> None:
    path = tmp_path / f"events.{format}"
    assert export_events(_sample(3), format=format, out=path) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no .part file left
    stream = io.BytesIO()
    export_events(_sample(3), format=format, out=stream)
    assert stream.getvalue() == path.read_bytes()


def test_failed_export_leaves_no_file(tmp_path: Path) -> None:
    bad = Event(**{**_sample(1)[0].__dict__, "confidence": float("inf")})
    for format in ("jsonl", "csv", "geojson"):
        with pytest.raises(UsageError, match="NaN or infinity"):
            export_events([_sample(1)[0], bad], format=format, out=tmp_path / f"out.{format}")
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_lists_the_formats() -> None:
    with pytest.raises(UsageError, match="jsonl, csv, parquet, geojson"):
        export_events([], format="xml", out=io.StringIO())


def test_export_store_checks_format_before_the_store(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        export_store(tmp_path / "missing.duckdb", format="xlsx", out=io.StringIO())
    with pytest.raises(StoreError):
        export_store(tmp_path / "missing.duckdb", format="jsonl", out=io.StringIO())


def test_export_store_passes_filters(tmp_path: Path) -> None:
    store = Store(tmp_path / "events.duckdb")
    store.add_article(Article(id="a1", body="text"), _sample(3))
    features = json.loads(_export_store(store.path, "geojson", type="ASSAULT", limit=2))["features"]
    assert [f["id"] for f in features] == ["e0", "e1"]


def _export_store(path: Path, format: str, **filters) -> str:
    buffer = io.StringIO()
    export_store(path, format=format, out=buffer, **filters)
    return buffer.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("out, message", [
    (_Terminal(), "terminal"),
    (io.StringIO(), "binary"),
])
def test_parquet_refuses_terminals_and_text_streams(out: io.StringIO, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        export_events(_sample(1), format="parquet", out=out)


def test_parquet_goes_to_the_buffer_of_a_redirected_text_stream(tmp_path: Path) -> None:
    path = tmp_path / "redirected.parquet"
    with open(path, "w", encoding="utf-8") as stdout_like:
        export_events(_sample(2), format="parquet", out=stdout_like)
    assert pq.read_table(path).num_rows == 2
