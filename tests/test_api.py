"""The JSON API of ``eventwire serve``: filters, pagination limit, the one error shape, exports, a bounded
Hypothesis run over the OpenAPI parameters, and serving while another process ingests."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.models import Actor, Article, ArticleRef, Event, Evidence, Place, Span
from eventwire.store.query import MAX_LIMIT
from eventwire.serve.server import serve_in_thread
from eventwire.store.database import Store

pytest.importorskip("starlette", reason="the server stack is not installed: pip install -r requirements.txt")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "k24-baghdad-2020-01-04.txt"
BAGHDAD = Place(text="Baghdad", name="Baghdad", country="IRQ", admin1="Baghdad", lat=33.34, lon=44.40,
                precision="city")
DAMASCUS = Place(text="Damascus", name="Damascus", country="SYR", admin1=None, lat=33.51, lon=36.29,
                 precision="city")
FIJI = Place(text="Suva", name="Suva", country="FJI", admin1=None, lat=-18.14, lon=178.44, precision="city")
BODY = ("A drone strike hit a convoy near Baghdad airport. Ten people died. Protesters marched in Damascus. "
        "Iran threatened revenge. Officials met in Suva.")


def _span(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


def _event(event_id: str, sentence: str, *, type: str, quad: str, place: Place | None, date: str | None,
           actor: str, factuality: str = "asserted", acled: str | None = None, mentions: tuple[str, ...] = (),
           article: str = "a1", subtype: str | None = None, mode: str | None = None,
           who: tuple[str | None, str | None] = (None, None), recipient: Actor | None = None,
           fatalities: int | None = None) -> Event:
    start, end = _span(sentence)
    return Event(
        event_id=event_id, article=ArticleRef(id=article, title="Day of news", published="2020-01-04"),
        type=type, quad_class=quad, evidence=Evidence(text=sentence, start=start, end=end, trigger=sentence.split()[1]),
        acled_event_type=acled, acled_subtype=subtype, mode=mode,
        actor=(Actor(text=actor, name=actor, country=who[0], sector=who[1]),),
        recipient=(recipient,) if recipient else (), date=date,
        date_precision="day" if date else "publication", location=place, factuality=factuality, confidence=0.7,
        mentions=tuple(Span(m, *_span(m)) for m in mentions), fatalities=fatalities)


EVENTS_A1 = [
    _event("e1", "A drone strike hit a convoy near Baghdad airport.", type="ASSAULT", quad="material-conflict",
           place=BAGHDAD, date="2020-01-03", actor="United States", acled="Explosions/Remote violence",
           mentions=("Ten people died.",), subtype="Air/drone strike", mode="drone", who=("USA", "MIL"),
           recipient=Actor("convoy", "PMF convoy", "IRQ", "UAF"), fatalities=10),
    _event("e2", "Protesters marched in Damascus.", type="PROTEST", quad="verbal-conflict", place=DAMASCUS,
           date="2020-01-04", actor="Protesters", acled="Protests", subtype="Peaceful protest",
           who=("SYR", "CVL"), fatalities=0),
    _event("e3", "Iran threatened revenge.", type="THREATEN", quad="verbal-conflict", place=None, date=None,
           actor="Iran", factuality="claimed"),
]
EVENTS_A2 = [
    _event("e4", "Officials met in Suva.", type="CONSULT", quad="verbal-cooperation", place=FIJI, date="2020-02-10",
           actor="Fiji government", article="a2", who=("FJI", "GOV")),
    _event("e5", "A drone strike hit a convoy near Baghdad airport.", type="ASSAULT", quad="material-conflict",
           place=BAGHDAD, date="2020-02-11", actor="Unknown gunmen", factuality="denied",
           acled="Explosions/Remote violence", article="a2", subtype="Air/drone strike", mode="drone",
           who=(None, "UAF"), fatalities=2),
]
ALL = {e.event_id for e in EVENTS_A1 + EVENTS_A2}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "events.duckdb"
    store = Store(path)
    store.add_article(Article(id="a1", body=BODY, title="Day of news", published="2020-01-04",
                              url="https://example.org/a1", publisher="Example"), EVENTS_A1)
    store.add_article(Article(id="a2", body=BODY, title="Day of news", published="2020-02-11",
                              url="https://example.org/a2", publisher="Example"), EVENTS_A2)
    return path


@pytest.fixture(scope="module")
def base(db: Path):
    with serve_in_thread(db) as url:
        yield url


def get(base: str, path: str, params: dict | list | None = None) -> tuple[int, dict | str, dict]:
    url = base + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, raw, headers = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        status, raw, headers = exc.code, exc.read(), dict(exc.headers)
    text = raw.decode("utf-8")
    return status, (json.loads(text) if headers.get("content-type", "").startswith("application/json") else text), headers


def ids(body: dict) -> set[str]:
    return {e["event_id"] for e in body["events"]}


# -- filters, sorting, pagination -----------------------------------------------------------------------

@pytest.mark.parametrize("params, expected", [
    ({}, ALL),
    ({"type": "ASSAULT"}, {"e1", "e5"}),
    ({"type": "ASSAULT,PROTEST"}, {"e1", "e2", "e5"}),
    ([("type", "ASSAULT"), ("type", "CONSULT")], {"e1", "e4", "e5"}),
    ({"quad_class": "verbal-conflict"}, {"e2", "e3"}),
    ({"acled_event_type": "Protests"}, {"e2"}),
    ({"country": "irq"}, {"e1", "e5"}),
    ({"country": "IRQ,SYR"}, {"e1", "e2", "e5"}),
    ({"date_from": "2020-01-04"}, {"e2", "e4", "e5"}),
    ({"date_from": "2020-01-03", "date_to": "2020-01-03"}, {"e1"}),
    ({"bbox": "35,30,46,37"}, {"e1", "e2", "e5"}),
    ({"bbox": "40,30,46,37"}, {"e1", "e5"}),
    ({"bbox": "170,-30,-170,0"}, {"e4"}),  # across the antimeridian
    ({"actor": "united"}, {"e1"}),
    ({"factuality": "claimed,denied"}, {"e3", "e5"}),
    ({"q": "DRONE convoy"}, {"e1", "e5"}),
    ({"q": "drone marched"}, set()),
    ({"type": "ASSAULT", "country": "IRQ", "factuality": "asserted"}, {"e1"}),
    ({"q": "'; DROP TABLE events; --"}, set()),
    ({"min_fatalities": "0"}, {"e1", "e2", "e5"}),  # unknown tolls (e3, e4) are left out
    ({"min_fatalities": "2"}, {"e1", "e5"}),
    ({"min_fatalities": "3"}, {"e1"}),
    ({"min_fatalities": "11"}, set()),
    ({"acled_subtype": "Air/drone strike"}, {"e1", "e5"}),
    ([("acled_subtype", "Peaceful protest"), ("acled_subtype", "Armed clash")], {"e2"}),
    ({"mode": "drone"}, {"e1", "e5"}),
    ({"mode": "firearms"}, set()),
    ({"actor_country": "usa"}, {"e1"}),
    ({"actor_country": "IRQ"}, {"e1"}),  # the recipient's country counts too
    ({"actor_country": "SYR,FJI"}, {"e2", "e4"}),
    ({"actor_sector": "MIL"}, {"e1"}),
    ({"actor_sector": "UAF"}, {"e1", "e5"}),  # e1's recipient, e5's actor
    ({"actor_sector": "GOV,CVL"}, {"e2", "e4"}),
    ({"article": "a2"}, {"e4", "e5"}),
    ({"article": "a9"}, set()),
    ({"article": "a1", "mode": "drone", "min_fatalities": "5"}, {"e1"}),
])
def test_filters(base: str, params, expected: set[str]) -> None:
    status, body, _ = get(base, "/api/events", params)
    assert status == 200, body
    assert ids(body) == expected and body["total"] == len(expected)


def test_injection_attempt_leaves_the_store_whole(base: str) -> None:
    get(base, "/api/events", {"actor": "x') OR 1=1; DELETE FROM events; --"})
    assert get(base, "/api/meta")[1]["events"] == len(ALL)


@pytest.mark.parametrize("sort, first", [("date", "e1"), ("-date", "e5"), ("type", "e5"), ("-type", "e3")])
def test_sort(base: str, sort: str, first: str) -> None:
    assert get(base, "/api/events", {"sort": sort})[1]["events"][0]["event_id"] == first


def test_undated_events_sort_last_both_ways(base: str) -> None:
    for sort in ("date", "-date"):
        assert get(base, "/api/events", {"sort": sort})[1]["events"][-1]["event_id"] == "e3"


def test_pagination_walks_every_event_once(base: str) -> None:
    seen = []
    for offset in range(0, 6, 2):
        body = get(base, "/api/events", {"limit": 2, "offset": offset, "sort": "date"})[1]
        assert body["total"] == 5 and body["limit"] == 2 and len(body["events"]) <= 2
        seen += [e["event_id"] for e in body["events"]]
    assert sorted(seen) == sorted(ALL) and len(seen) == len(set(seen))


def test_page_limit_is_hard(base: str) -> None:
    assert get(base, "/api/events", {"limit": MAX_LIMIT})[0] == 200
    status, body, _ = get(base, "/api/events", {"limit": MAX_LIMIT + 1})
    assert status == 400 and "limit" in body["error"]["message"] and str(MAX_LIMIT) in body["error"]["message"]


# -- the one error shape ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path, params, status, words", [
    ("/api/events", {"limit": "0"}, 400, "limit"),
    ("/api/events", {"limit": "ten"}, 400, "integer"),
    ("/api/events", {"offset": "-1"}, 400, "offset"),
    ("/api/events", {"type": "BOMBING"}, 400, "ASSAULT"),
    ("/api/events", {"country": "Iraq"}, 400, "alpha-3"),
    ("/api/events", {"date_from": "2020-13-01"}, 400, "YYYY-MM-DD"),
    ("/api/events", {"date_from": "2020-02-01", "date_to": "2020-01-01"}, 400, "swap"),
    ("/api/events", {"bbox": "1,2,3"}, 400, "min_lon"),
    ("/api/events", {"bbox": "0,50,10,40"}, 400, "min_lat <= max_lat"),
    ("/api/events", {"sort": "evidence"}, 400, "sort"),
    ("/api/events", {"colour": "red"}, 400, "unknown parameter"),
    ("/api/events", {"q": "x" * 500}, 400, "longer"),
    ("/api/events", [("actor", "a"), ("actor", "b")], 400, "more than once"),
    ("/api/aggregates", {"by": "weekday"}, 400, "by"),
    ("/api/clusters", {"cell": "nan"}, 400, "finite"),
    ("/api/clusters", {"cell": "0"}, 400, "cell"),
    ("/api/export", {"format": "xlsx"}, 400, "parquet"),
    ("/api/events", {"min_fatalities": "-1"}, 400, "min_fatalities"),
    ("/api/events", {"min_fatalities": "many"}, 400, "integer"),
    ("/api/events", {"min_fatalities": "2.5"}, 400, "integer"),
    ("/api/events", {"acled_subtype": "Drone strike"}, 400, "Air/drone strike"),
    ("/api/events", {"mode": "Drone Strike"}, 400, "lower-case"),
    ("/api/events", {"mode": ""}, 400, "empty"),
    ("/api/events", {"actor_country": "United States"}, 400, "alpha-3"),
    ("/api/events", {"actor_sector": "ARMY"}, 400, "MIL"),
    ("/api/events", {"article": "a" * 300}, 400, "longer"),
    ("/api/events", [("article", "a1"), ("article", "a2")], 400, "more than once"),
    ("/api/export", {"format": "parquet", "actor_sector": "army"}, 400, "actor_sector"),
    ("/api/meta", {"x": "1"}, 400, "takes none"),
    ("/api/events/nope", None, 404, "no event"),
    ("/api/nothing-here", None, 404, "no route"),
])
def test_every_bad_request_has_the_one_error_shape(base: str, path: str, params, status: int, words: str) -> None:
    got, body, headers = get(base, path, params)
    assert got == status
    assert headers["content-type"].startswith("application/json")
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and words in body["error"]["message"]


def test_writes_are_refused_with_the_error_shape(base: str) -> None:
    request = urllib.request.Request(base + "/api/events", data=b"{}", method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    body = json.loads(caught.value.read())
    assert caught.value.code == 405 and body["error"]["status"] == 405 and "read-only" in body["error"]["message"]


def test_missing_store_is_a_503_with_the_error_shape(tmp_path: Path) -> None:
    with serve_in_thread(tmp_path / "absent.duckdb") as url:
        status, body, headers = get(url, "/api/meta")
    assert status == 503 and body["error"]["code"] == "E003" and "ingest" in body["error"]["message"]
    assert headers.get("retry-after")


# -- one event, aggregates, clusters, exports ------------------------------------------------------------

def test_one_event_with_its_article_and_mentions(base: str) -> None:
    status, body, _ = get(base, "/api/events/e1")
    assert status == 200
    assert body["event"]["event_id"] == "e1" and body["article"]["body"] == BODY and body["article"]["events"] == 3
    assert [m["kind"] for m in body["mentions"]] == ["evidence", "mention"]
    for span in body["mentions"]:
        assert BODY[span["start"]:span["end"]] == span["text"]


@pytest.mark.parametrize("by, expected", [
    ("type", {"ASSAULT": 2, "PROTEST": 1, "THREATEN": 1, "CONSULT": 1}),
    ("country", {"IRQ": 2, "SYR": 1, "FJI": 1, None: 1}),
    ("day", {"2020-01-03": 1, "2020-01-04": 1, "2020-02-10": 1, "2020-02-11": 1, None: 1}),
    ("month", {"2020-01": 2, "2020-02": 2, None: 1}),
])
def test_aggregates(base: str, by: str, expected: dict) -> None:
    body = get(base, "/api/aggregates", {"by": by})[1]
    assert {b["key"]: b["count"] for b in body["buckets"]} == expected and body["total"] == 5


def test_aggregates_follow_the_filters(base: str) -> None:
    body = get(base, "/api/aggregates", {"by": "day", "type": "ASSAULT"})[1]
    assert [(b["key"], b["count"]) for b in body["buckets"]] == [("2020-01-03", 1), ("2020-02-11", 1)]


def test_clusters_count_the_located_events(base: str) -> None:
    body = get(base, "/api/clusters", {"cell": 20})[1]
    assert body["located"] == 4 and sum(c["count"] for c in body["clusters"]) == 4
    baghdad = next(c for c in body["clusters"] if c["count"] == 2)
    assert baghdad["quad"]["material-conflict"] == 2 and baghdad["event_id"] is None
    single = next(c for c in body["clusters"] if c["count"] == 1 and c["quad"]["verbal-cooperation"])
    assert single["event_id"] == "e4"
    assert get(base, "/api/clusters", {"cell": 20, "type": "PROTEST"})[1]["located"] == 1


def test_a_map_point_is_where_the_event_s_town_is(base: str) -> None:
    """At a town's scale the map puts a lone event on its location's own point (the town, not its country)."""
    body = get(base, "/api/clusters", {"cell": 0.01, "type": "PROTEST"})[1]
    assert [(c["lat"], c["lon"], c["event_id"]) for c in body["clusters"]] == [(DAMASCUS.lat, DAMASCUS.lon, "e2")]


def test_exports_follow_the_filters(base: str) -> None:
    status, text, headers = get(base, "/api/export", {"format": "csv", "type": "ASSAULT"})
    rows = list(csv.DictReader(io.StringIO(text)))
    assert status == 200 and "attachment" in headers["content-disposition"]
    assert sorted(r["event_id"] for r in rows) == ["e1", "e5"]
    lines = get(base, "/api/export", {"format": "jsonl", "country": "SYR"})[1].splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == ["e2"]
    status, text, headers = get(base, "/api/export", {"format": "geojson", "quad_class": "verbal-conflict"})
    geo = json.loads(text)  # located events only: e3 has no place; the header counts it
    assert {f["id"]: f["geometry"] for f in geo["features"]} == {"e2": {"type": "Point", "coordinates": [36.29, 33.51]}}
    assert headers["x-eventwire-unlocated"] == "1"


def test_parquet_export_follows_the_new_filters(base: str) -> None:
    import datetime

    import pyarrow.parquet as pq

    url = base + "/api/export?" + urllib.parse.urlencode({"format": "parquet", "mode": "drone", "min_fatalities": 1})
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.headers["content-type"] == "application/vnd.apache.parquet"
        rows = pq.read_table(io.BytesIO(response.read())).to_pylist()
    assert [r["event_id"] for r in rows] == ["e1", "e5"]
    assert rows[0]["date"] == datetime.date(2020, 1, 3) and rows[0]["fatalities"] == 10
    assert (rows[0]["inter1"], rows[0]["inter2"], rows[0]["interaction"]) == (1, 3, 13)
    for row in rows:
        evidence = row["evidence"]
        assert row["article"]["body"][evidence["start"]:evidence["end"]] == evidence["text"]


def test_csv_export_has_the_analyst_columns(base: str) -> None:
    rows = list(csv.DictReader(io.StringIO(get(base, "/api/export", {"format": "csv", "actor_country": "USA"})[1])))
    assert [(r["event_id"], r["article_url"], r["actor_sectors"], r["sub_event_type"], r["interaction"])
            for r in rows] == [("e1", "", "MIL", "Air/drone strike", "13")]


def test_meta(base: str) -> None:
    body = get(base, "/api/meta")[1]
    assert (body["articles"], body["events"], body["date_min"], body["date_max"]) == (2, 5, "2020-01-03", "2020-02-11")
    assert body["countries"][0] == {"key": "IRQ", "count": 2} and "ASSAULT" in body["vocabularies"]["type"]


def test_openapi_describes_what_the_server_accepts(base: str) -> None:
    schema = get(base, "/api/openapi.json")[1]
    assert schema["openapi"].startswith("3.") and "Error" in schema["components"]["schemas"]
    for path, item in schema["paths"].items():
        params = [p for p in item["get"]["parameters"] if p["in"] == "query"]
        real = path.replace("{event_id}", "e1")
        for p in params:  # every declared parameter is accepted with its default or first choice
            inner = p["schema"].get("items", p["schema"])
            value = inner.get("default", (inner.get("enum") or ["IRQ"])[0])
            if inner.get("format") == "date":
                value = "2020-01-01"
            elif p["name"] in ("actor", "q"):
                value = "x"
            elif "example" in inner:
                value = inner["example"]
            assert get(base, real, {p["name"]: value})[0] == 200, (path, p["name"], value)
        assert get(base, real, {"undeclared": "1"})[0] == 400


def test_every_export_format_answers_with_a_declared_media_type(base: str) -> None:
    """The export's Content-Type, for each format the parameter allows, is one the document declares (a
    format added without its media type is what schemathesis' ST105 reports)."""
    schema = get(base, "/api/openapi.json")[1]
    export = schema["paths"]["/api/export"]["get"]
    declared = set(export["responses"]["200"]["content"])
    (fmt,) = [p for p in export["parameters"] if p["name"] == "format"]
    for value in fmt["schema"]["enum"]:
        with urllib.request.urlopen(f"{base}/api/export?format={value}", timeout=30) as response:
            assert response.headers.get_content_type() in declared, (value, response.headers["Content-Type"])


# -- property: no server error, whatever the query ------------------------------------------------------

@pytest.fixture(scope="module")
def schema_params(base: str) -> dict[str, list[dict]]:
    schema = get(base, "/api/openapi.json")[1]
    return {path: item["get"]["parameters"] for path, item in schema["paths"].items() if "{" not in path}


def _value(param: dict) -> st.SearchStrategy[str]:
    inner = param["schema"].get("items", param["schema"])
    good = st.sampled_from(inner["enum"]) if "enum" in inner else st.nothing()
    numbers = st.one_of(st.integers(-10**6, 10**6).map(str), st.floats(allow_nan=True).map(str))
    return st.one_of(good, numbers, st.text(max_size=30), st.dates().map(str),
                     st.lists(st.floats(-200, 200).map(str), min_size=3, max_size=5).map(",".join))


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(data=st.data())
def test_property_no_server_error(base: str, schema_params: dict, data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(sorted(schema_params)))
    params = schema_params[path]
    chosen = data.draw(st.lists(st.sampled_from(params), max_size=4, unique_by=lambda p: p["name"])) if params else []
    query = [(p["name"], data.draw(_value(p))) for p in chosen]
    if data.draw(st.booleans()):
        query.append((data.draw(st.text(min_size=1, max_size=8)), "1"))
    status, body, _ = get(base, path, query)
    assert status in (200, 400), (path, query, body)
    if status == 400:
        assert set(body) == {"error"} and body["error"]["status"] == 400 and body["error"]["message"]


# -- serving while another process ingests ---------------------------------------------------------------

N_LIVE = 40  # articles: the ingest's first chunk from a file, the rest from a pipe the test fills later


def _open_for_writing(fifo: Path, writer: subprocess.Popen, deadline: float) -> int:
    """The pipe's writing end, once the ingest has opened it for reading (never hangs on a dead ingest)."""
    import errno
    import os

    while time.monotonic() < deadline and writer.poll() is None:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
            time.sleep(0.05)
    raise AssertionError(f"the ingest never opened the pipe (exit {writer.poll()})")


@pytest.mark.slow
def test_serve_answers_while_another_process_ingests(tmp_path: Path, nlp) -> None:
    """``eventwire ingest FILE PIPE`` in a subprocess, the API polled meanwhile. Deterministic, no timing luck:
    FILE holds exactly one ingest chunk and PIPE (a named pipe) is filled only when the test says so, so the
    ingest is held mid-way with one chunk stored. Every request answers 200; the held snapshot and every
    snapshot after hold whole articles only (events = the stored articles' events); the end has them all."""
    import os

    from eventwire.pipeline import INGEST_CHUNK

    text = EXAMPLE.read_text(encoding="utf-8")[:2000]  # a real text, short enough to keep the test quick
    docs = [json.dumps({"id": f"d{k}", "text": text, "url": f"https://example.org/{k}"}) + "\n"
            for k in range(N_LIVE)]
    first, rest = tmp_path / "first.jsonl", tmp_path / "rest.jsonl"
    first.write_text("".join(docs[:INGEST_CHUNK]), encoding="utf-8")
    os.mkfifo(rest)
    db = tmp_path / "live.duckdb"
    Store(db).count()  # an empty store, as a user would have from an earlier run
    seen: list[tuple[int, int, int]] = []

    def snapshot() -> tuple[int, int, int]:
        status, body, _ = get(url, "/api/meta")
        seen.append((status, body.get("articles", -1) if status == 200 else -1,
                     body.get("events", -1) if status == 200 else -1))
        assert get(url, "/api/events", {"limit": 5, "type": "ASSAULT"})[0] == 200
        return seen[-1]

    with serve_in_thread(db) as url:
        writer = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "ingest", str(first), str(rest),
                                   "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 240  # a bound on a failure, not a timing
            while snapshot()[1] < INGEST_CHUNK and writer.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            held = [snapshot() for _ in range(3)]  # the ingest waits on the pipe: nothing can change
            assert writer.poll() is None, "the ingest ended without the pipe's documents"
            pipe = _open_for_writing(rest, writer, deadline)
            with os.fdopen(pipe, "w", encoding="utf-8") as out:
                os.set_blocking(pipe, True)
                out.write("".join(docs[INGEST_CHUNK:]))
            while writer.poll() is None and time.monotonic() < deadline:
                snapshot()
                time.sleep(0.05)
            _out, err = writer.communicate(timeout=60)
        finally:
            if writer.poll() is None:
                writer.kill()
        final = get(url, "/api/meta")[1]
    assert writer.returncode == 0, err
    assert final["articles"] == N_LIVE, err
    assert all(status == 200 for status, _, _ in seen), [s for s in seen if s[0] != 200][:3]
    per_article = final["events"] // N_LIVE
    assert per_article > 0 and per_article * N_LIVE == final["events"]  # each copy has the same events
    assert {articles for _, articles, _ in held} == {INGEST_CHUNK}, held  # ingest in progress, seen
    assert all(events == articles * per_article for _, articles, events in seen), seen


def test_serve_command_refuses_a_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from eventwire.cli import main

    assert main(["serve", "--db", str(tmp_path / "none.duckdb"), "--port", "0"]) == 2
    assert "eventwire ingest" in capsys.readouterr().err


# -- incidents ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("params, expected", [
    ({}, ALL),
    ({"type": "ASSAULT"}, {"e1", "e5"}),
    ({"country": "IRQ,SYR"}, {"e1", "e2", "e5"}),
    ({"date_from": "2020-01-03", "date_to": "2020-01-03"}, {"e1"}),
    ({"bbox": "170,-30,-170,0"}, {"e4"}),
    ({"actor": "united"}, {"e1"}),
    ({"factuality": "claimed,denied"}, {"e3", "e5"}),
    ({"q": "DRONE convoy"}, {"e1", "e5"}),
    ({"type": "ASSAULT", "country": "IRQ", "factuality": "asserted"}, {"e1"}),
])
def test_incident_filters_are_the_event_filters(base: str, params, expected: set[str]) -> None:
    """Every event here is an incident of its own (the two drone strikes are weeks apart)."""
    status, body, _ = get(base, "/api/incidents", params)
    assert status == 200, body
    assert {e for i in body["incidents"] for e in i["event_ids"]} == expected
    assert body["total"] == len(body["incidents"]) == len(expected)


@pytest.mark.parametrize("path, params, status, words", [
    ("/api/incidents", {"type": "BOMBING"}, 400, "ASSAULT"),
    ("/api/incidents", {"country": "Iraq"}, 400, "alpha-3"),
    ("/api/incidents", {"date_from": "2020-02-01", "date_to": "2020-01-01"}, 400, "swap"),
    ("/api/incidents", {"limit": MAX_LIMIT + 1}, 400, "limit"),
    ("/api/incidents", {"sort": "evidence"}, 400, "sort"),
    ("/api/incidents", {"colour": "red"}, 400, "unknown parameter"),
    ("/api/clusters", {"of": "articles"}, 400, "incidents"),
    ("/api/incidents/nope", None, 404, "no incident"),
    ("/api/incidents/inc-e1", {"x": "1"}, 400, "takes none"),
])
def test_bad_incident_requests_have_the_one_error_shape(base: str, path: str, params, status: int,
                                                        words: str) -> None:
    got, body, headers = get(base, path, params)
    assert got == status and headers["content-type"].startswith("application/json")
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and words in body["error"]["message"]


def test_an_incident_with_its_events_and_the_incident_of_an_event(base: str) -> None:
    status, body, _ = get(base, "/api/events/e1")
    assert status == 200 and body["event"]["incident_id"] == body["incident"]["incident_id"]
    assert body["other_reports"] == [] and body["incident"]["articles"] == 1
    status, found, _ = get(base, f"/api/incidents/{body['event']['incident_id']}")
    assert status == 200 and [e["event_id"] for e in found["events"]] == ["e1"]
    assert found["incident"]["fatalities"] == 10 and found["incident"]["sources"] == 1
    status, clusters, _ = get(base, "/api/clusters", {"of": "incidents", "cell": 1})
    assert status == 200 and clusters["of"] == "incidents" and clusters["located"] == 4
