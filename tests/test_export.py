"""Export formats, and the property that event -> store -> export -> event gives back the original.

Events are generated with Hypothesis (actors, places, mentions, unicode text, finite floats); no model needed.
"""
from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import StoreError, UsageError
from eventwire.store.export import (CSV_COLUMNS, FORMATS, csv_row, export_dict, export_events, export_store,
                                    geojson_feature, parquet_row)
from eventwire.models import Actor, Article, ArticleRef, Event, Evidence, Place, Span
from eventwire.store.database import Store

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "k24-baghdad-2020-01-04.txt"

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
    assert [json.loads(line) for line in lines] == [export_dict(e, "body") for e in stored]  # stored events carry their incident
    assert all(json.loads(line)["article"]["body"] == "body" for line in lines)


@SETTINGS
@given(event_lists)
def test_store_then_parquet_round_trip(evs: list[Event]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store, stored = _store_and_read(evs, folder)
        out = Path(folder) / "events.parquet"
        export_store(store.path, format="parquet", out=out)
        rows = pq.read_table(out).to_pylist()
    assert rows == [parquet_row(e, "body") for e in stored]  # nested columns mirror the JSON object exactly
    assert all(r["incident_id"] for r in rows)  # stored events carry their incident
    for row, event in zip(rows, evs):  # typed values: dates as dates, the rest as the JSON object has it
        assert row["date"] == (None if event.date is None else date.fromisoformat(event.date))
        assert row["article"]["body"] == "body"
        row["date"] = event.date
        row["article"]["published"] = event.article.published
        assert Event.from_dict(row) == event


@SETTINGS
@given(event_lists)
def test_store_then_csv_round_trip(evs: list[Event]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store, stored = _store_and_read(evs, folder)
        buffer = io.StringIO()
        export_store(store.path, format="csv", out=buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    assert len(rows) == len(evs)
    for row, event in zip(rows, stored):
        assert row["incident_id"]
        expected = {k: "" if v is None else str(v) for k, v in csv_row(event).items()}
        assert row == expected
        assert float(row["confidence"]) == event.confidence
        if event.location is not None and event.location.lat is not None:
            assert float(row["lat"]) == event.location.lat


@SETTINGS
@given(event_lists)
def test_geojson_round_trip(evs: list[Event]) -> None:
    buffer = io.StringIO()
    count = export_events(evs, format="geojson", out=buffer)
    collection = json.loads(buffer.getvalue())
    located = [e for e in evs if e.location is not None and None not in (e.location.lat, e.location.lon)]
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(located) == count
    assert count.unlocated == len(evs) - len(located)
    for feature, event in zip(collection["features"], located):
        lon, lat = feature["geometry"]["coordinates"]
        feature["properties"]["location"].update(lat=lat, lon=lon)
        expected = export_dict(event)
        del expected["article"]["body"]
        assert feature["properties"] == expected
        assert Event.from_dict(feature["properties"]) == event


# -- formats -------------------------------------------------------------------------------------------

def test_geojson_holds_located_lon_lat_points_only() -> None:
    buffer = io.StringIO()
    count = export_events(_sample(6), format="geojson", out=buffer)
    features = json.loads(buffer.getvalue())["features"]
    assert count == 2 and count.unlocated == 4  # e1, e4 have a place without coordinates; e2, e5 none
    assert [f["id"] for f in features] == ["e0", "e3"]
    assert all(f["type"] == "Feature" for f in features)
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [44.4, 33.34]}
    assert "lat" not in features[0]["properties"]["location"] and "lon" not in features[0]["properties"]["location"]
    assert geojson_feature(_sample(1)[0]) == features[0]
    assert geojson_feature(_sample(2)[1]) is None


def test_empty_geojson_is_valid() -> None:
    assert json.loads(_export([], "geojson")) == {"type": "FeatureCollection", "features": []}


def test_cli_export_counts_the_unlocated_rows_on_stderr(tmp_path: Path, capsys) -> None:
    from eventwire.cli import main

    store = Store(tmp_path / "events.duckdb")
    store.add_article(Article(id="a1", body="text"), _sample(3))
    assert main(["export", "--db", str(store.path), "--format", "geojson", "-o", str(tmp_path / "e.geojson")]) == 0
    assert "exported 1 event(s) as geojson; 2 without coordinates left out" in capsys.readouterr().err
    assert len(json.loads((tmp_path / "e.geojson").read_text())["features"]) == 1


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
    count = export_events(evs, format=format, out=buffer)
    assert count + count.unlocated == len(evs)
    return buffer.getvalue()


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_writes_to_a_path_and_a_binary_stream(tmp_path: Path, format: str) -> None:
    path = tmp_path / f"events.{format}"
    count = export_events(_sample(3), format=format, out=path)
    assert count == (1 if format == "geojson" else 3)
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
    lines = _export_store(store.path, "jsonl", type="ASSAULT", limit=2).splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == ["e0", "e1"]


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


# -- columns for analysts (contract: "Exports for analysts") -------------------------------------------------

def _analyst_sample() -> list[Event]:
    town = Place(text="Balad", name="Balad", country="IRQ", admin1="Salah ad Din", lat=34.0, lon=44.1,
                 precision="city", admin2="Balad District")
    protest = Event(event_id="p1", article=ArticleRef(id="a1", title="T", publisher="Rudaw", published="2020-01-04T22:05",
                                                      url="https://example.org/a1"),
                    type="PROTEST", quad_class="verbal-conflict", acled_event_type="Protests",
                    acled_subtype="Peaceful protest", evidence=Evidence("Crowds marched.", 0, 15, "marched"),
                    actor=(Actor("crowds", "crowds", "IRQ", "CVL"),), date="2020-01-04", date_precision="day",
                    location=town)
    strike = Event(event_id="s1", article=ArticleRef(id="a1", published="2020-01-04"), type="ASSAULT",
                   quad_class="material-conflict", acled_event_type="Explosions/Remote violence",
                   acled_subtype="Air/drone strike", evidence=Evidence("A drone hit them.", 16, 33, "hit"),
                   actor=(Actor("drone", "drone", None, None), Actor("US forces", "US military", "USA", "MIL")),
                   recipient=(Actor("civilians", "civilians", "IRQ", "CVL"),), date="2020-01", date_precision="month",
                   location=Place(text="Iraq", name="Iraq", country="IRQ", admin1=None, lat=33.0, lon=44.0,
                                  precision="country"), fatalities=3)
    undated = Event(event_id="u1", article=ArticleRef(id="a1", published="not a date"), type="ACCUSE",
                    quad_class="verbal-conflict", evidence=Evidence("x", 0, 1, "x"))
    return [protest, strike, undated]


def test_csv_has_url_publisher_sectors_and_acled_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(_export(_analyst_sample(), "csv"))))
    protest, strike, undated = rows
    assert protest["article_url"] == "https://example.org/a1" and protest["article_publisher"] == "Rudaw"
    assert protest["actor_sectors"] == "CVL" and strike["actor_sectors"] == ";MIL"  # one entry per actor
    assert strike["recipient_sectors"] == "CVL"
    assert (protest["event_type"], protest["sub_event_type"]) == ("Protests", "Peaceful protest")
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    # protesters (6) whatever their sector, alone: 60; state forces on civilians: 1 and 7 -> 17
    assert (protest["inter1"], protest["inter2"], protest["interaction"]) == ("6", "", "60")
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("1", "7", "17")
    assert (undated["inter1"], undated["interaction"]) == ("", "")
    assert (protest["geo_precision"], strike["geo_precision"], undated["geo_precision"]) == ("1", "3", "")
    assert (protest["time_precision"], strike["time_precision"], undated["time_precision"]) == ("1", "3", "")
    assert (protest["admin1"], protest["admin2"]) == ("Salah ad Din", "Balad District")
    assert (strike["fatalities"], protest["fatalities"]) == ("3", "")
    assert (protest["quad_class_code"], strike["quad_class_code"]) == ("3", "4")


@pytest.mark.parametrize("precision, code", [("site", 1), ("city", 1), ("admin", 2), ("country", 3)])
def test_geo_precision_follows_the_contract(precision: str, code: int) -> None:
    event = _analyst_sample()[0]
    event = Event(**{**event.__dict__, "location": Place(**{**event.location.__dict__, "precision": precision})})
    assert csv_row(event)["geo_precision"] == code


@pytest.mark.parametrize("precision, code", [("day", 1), ("publication", 2), ("month", 3), ("year", 3)])
def test_time_precision_follows_the_contract(precision: str, code: int) -> None:
    event = Event(**{**_analyst_sample()[0].__dict__, "date_precision": precision})
    assert csv_row(event)["time_precision"] == code


def test_parquet_types_dates_and_numbers(tmp_path: Path) -> None:
    import pyarrow as pa

    path = tmp_path / "e.parquet"
    export_events([(e, "Crowds marched. A drone hit them.") for e in _analyst_sample()], format="parquet", out=path)
    table = pq.read_table(path)
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("article").type.field("published").type == pa.timestamp("us", tz="UTC")
    for name in ("fatalities", "inter1", "inter2", "interaction"):
        assert table.schema.field(name).type == pa.int64()
    assert table.schema.field("confidence").type == pa.float64()
    protest, strike, undated = table.to_pylist()
    assert protest["date"] == date(2020, 1, 4) and strike["date"] is None and undated["date"] is None
    assert protest["article"]["published"] == datetime(2020, 1, 4, 22, 5, tzinfo=timezone.utc)
    assert strike["article"]["published"] == datetime(2020, 1, 4, tzinfo=timezone.utc)
    assert undated["article"]["published"] is None  # not ISO-8601
    assert (strike["inter1"], strike["inter2"], strike["interaction"], strike["fatalities"]) == (1, 7, 17, 3)
    assert protest["location"]["admin2"] == "Balad District"
    body = strike["article"]["body"]
    assert body[strike["evidence"]["start"]:strike["evidence"]["end"]] == strike["evidence"]["text"]


def test_jsonl_carries_actor_codes_and_body() -> None:
    lines = _export([(e, "Crowds marched. A drone hit them.") for e in _analyst_sample()], "jsonl").splitlines()
    strike = json.loads(lines[1])
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == (1, 7, 17)
    assert strike["location"]["admin2"] is None
    assert strike["article"]["body"][16:33] == strike["evidence"]["text"] == "A drone hit them."


def test_exported_body_is_what_the_offsets_index(tmp_path: Path, nlp) -> None:
    """Real pipeline, text with blank lines and double spaces (which cleaning collapses): for every exported
    event, in JSONL and Parquet, body[start:end] is the evidence sentence and each mention's text."""
    from eventwire.cli import main

    source = tmp_path / "news"
    source.mkdir()
    (source / "strike.json").write_text(json.dumps({
        "id": "strike", "title": "Strike near Balad", "published": "2020-01-05", "url": "https://example.org/s",
        "text": "Sunday, January 5, 2020\n\nTwo rockets  hit Balad air base north of Baghdad on Saturday,\n"
                "wounding three Iraqi soldiers.\n\nProtesters marched in Basra on Sunday.  Police arrested "
                "ten of them.\n\nThe rocket attack injured three soldiers, officials said."}), encoding="utf-8")
    (source / "seed.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "e.duckdb"
    assert main(["ingest", str(source), "--db", str(db)]) == 0
    assert main(["export", "--db", str(db), "--format", "jsonl", "-o", str(tmp_path / "e.jsonl")]) == 0
    assert main(["export", "--db", str(db), "--format", "parquet", "-o", str(tmp_path / "e.parquet")]) == 0
    exported = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    exported += pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert len({e["article"]["id"] for e in exported}) == 2 and len(exported) >= 10
    for event in exported:
        body = event["article"]["body"]
        assert body[event["evidence"]["start"]:event["evidence"]["end"]] == event["evidence"]["text"]
        for mention in event["mentions"]:
            assert body[mention["start"]:mention["end"]] == mention["text"]
