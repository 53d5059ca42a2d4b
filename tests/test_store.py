"""The DuckDB store: identity, idempotence, atomicity, schema versions, filters, locking, kill safety.

Events are built by hand from :mod:`eventwire.models`; no spaCy model is needed.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from eventwire.store import database as store_module
from eventwire.errors import StoreError, UsageError
from eventwire.models import Actor, Article, ArticleRef, Event, Evidence, Place, Span
from eventwire.store.database import SCHEMA_VERSION, IntegrityReport, Store, article_key
from eventwire.store.filters import EventFilter

BAGHDAD = Place(text="Baghdad", name="Baghdad", country="IRQ", admin1="Baghdad", lat=33.34, lon=44.40,
                geonameid=98182, feature="city", precision="city", score=0.9)
ERBIL = Place(text="Erbil", name="Erbil", country="IRQ", admin1="Erbil", lat=36.19, lon=44.01)
DAMASCUS = Place(text="Damascus", name="Damascus", country="SYR", admin1=None, lat=33.51, lon=36.29)


def make_article(body: str = "A drone strike hit a convoy near Baghdad airport.", *, id: str = "a1",
                 url: str | None = "https://example.org/a1") -> Article:
    return Article(id=id, body=body, title="Strike", published="2020-01-04T22:05:00", url=url,
                   publisher="Example", source="a1.txt", offsets=((0, 10, len(body)),))


def make_event(event_id: str, *, article_id: str = "a1", type: str = "ASSAULT", date: str | None = "2020-01-03",
               location: Place | None = BAGHDAD, evidence: str = "A drone strike hit a convoy near Baghdad.",
               actor: str = "United States", confidence: float = 0.8) -> Event:
    return Event(
        event_id=event_id, article=ArticleRef(id=article_id, title="Strike", published="2020-01-04"),
        type=type, mode="drone" if type == "ASSAULT" else None, quad_class="material-conflict",
        evidence=Evidence(text=evidence, start=0, end=len(evidence), trigger="strike"),
        acled_event_type="Explosions/Remote violence", acled_subtype="Air/drone strike", cameo_root="19",
        actor=(Actor(text="US", name=actor, country="USA", sector="MIL"),),
        recipient=(Actor(text="Soleimani", name="Qasem Soleimani", country="IRN", sector="MIL", wikidata="Q1130474"),),
        date=date, date_precision="day", location=location, fatalities=10, injured=None,
        confidence=confidence, mentions=(Span(text="Ten people died.", start=50, end=66),),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


@pytest.fixture
def filled(db: Path) -> Store:
    """A store with two articles and four events (one undated)."""
    store = Store(db)
    store.add_article(make_article(id="a1"), [
        make_event("e1", date="2020-01-03"),
        make_event("e2", type="PROTEST", date="2020-01-05", location=ERBIL, evidence="Crowds protested in Erbil.",
                   confidence=0.4),
    ])
    store.add_article(make_article("Shelling was reported in Damascus.", id="a2", url=None), [
        make_event("e3", article_id="a2", date="2019-12-30", location=DAMASCUS, actor="Syrian Army"),
        make_event("e4", article_id="a2", date=None, location=None),
    ])
    return store


# -- identity and idempotence ---------------------------------------------------------------------------

@pytest.mark.parametrize("other, same", [
    (make_article("a  DRONE strike\n\thit a convoy near   Baghdad airport. "), True),
    (make_article("A drone strike hit a convoy near Baghdad airport.", id="other-id"), True),
    (make_article("A drone strike hit a convoy near Baghdad airport.", url="https://example.org/copy"), False),
    (make_article("A drone strike hit a convoy near Baghdad airport.", url=None), False),
    (make_article("A drone strike hit a convoy near Basra airport."), False),
])
def test_article_key_normalises_whitespace_and_case_but_not_url(other: Article, same: bool) -> None:
    assert (article_key(other) == article_key(make_article())) is same


def test_article_key_is_sha256_hex() -> None:
    key = article_key(make_article())
    assert len(key) == 64 and int(key, 16) >= 0


def test_same_article_twice_is_stored_once(db: Path) -> None:
    store = Store(db)
    events = [make_event("e1"), make_event("e2", type="PROTEST")]
    assert store.add_article(make_article(), events) is True
    assert store.add_article(make_article(), events) is False
    assert store.add_article(make_article("A DRONE strike hit  a convoy near Baghdad airport."), []) is False
    assert store.count() == {"articles": 1, "events": 2}
    assert list(store.iter_events()) == events
    assert store.has_article(make_article())
    assert not store.has_article(make_article(url="https://example.org/elsewhere"))


def test_add_articles_counts_added_and_skipped(db: Path) -> None:
    store = Store(db)
    store.add_article(make_article(id="old"), [make_event("e0")])
    items = ((make_article(f"Text {i}.", id=str(i)), [make_event(f"e{i}")]) for i in range(1, 4))
    assert store.add_articles([*items, (make_article(id="old"), [])]) == (3, 1)
    assert store.count() == {"articles": 4, "events": 4}


def test_same_text_at_another_url_is_another_article(db: Path) -> None:
    store = Store(db)
    assert store.add_article(make_article(), [make_event("e1")])
    assert store.add_article(make_article(url="https://mirror.example/a1"), [make_event("e1-mirror")])
    assert store.count() == {"articles": 2, "events": 2}


# -- atomicity --------------------------------------------------------------------------------------

def test_constraint_violation_leaves_nothing_of_the_article(db: Path) -> None:
    store = Store(db)
    store.add_article(make_article(id="first"), [make_event("e1")])
    second = make_article("Another text.", id="second")
    with pytest.raises(StoreError, match="nothing of it was written"):
        store.add_article(second, [make_event("e2"), make_event("e3"), make_event("e1")])  # e1 already stored
    assert store.count() == {"articles": 1, "events": 1}
    assert not store.has_article(second) and store.get_article("second") is None
    assert store.integrity_report().ok
    assert store.add_article(second, [make_event("e2")])  # and it can be stored once fixed


def test_duplicate_ids_within_one_article_are_refused(db: Path) -> None:
    with Store(db) as store:
        with pytest.raises(StoreError):
            store.add_article(make_article(), [make_event("e1"), make_event("e1")])
        assert store.count() == {"articles": 0, "events": 0}


def test_interrupt_between_article_and_events_rolls_back(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = store_module._insert_sql

    def interrupted(table: str, columns, rows: int = 1) -> str:
        if table == "events":
            raise KeyboardInterrupt  # after the article row was inserted, inside the transaction
        return real(table, columns, rows)

    store = Store(db)
    store.add_article(make_article(id="kept"), [])
    monkeypatch.setattr(store_module, "_insert_sql", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.add_article(make_article("Other text.", id="lost"), [make_event("e1")])
    monkeypatch.undo()
    assert store.count() == {"articles": 1, "events": 0}
    assert store.get_article("lost") is None


def test_non_finite_numbers_are_refused_before_writing(db: Path) -> None:
    store = Store(db)
    with pytest.raises(StoreError, match="non-finite"):
        store.add_article(make_article(), [make_event("e1", confidence=float("nan"))])
    assert store.count() == {"articles": 0, "events": 0}


def test_integrity_report_finds_half_written_articles(filled: Store) -> None:
    assert filled.integrity_report() == IntegrityReport(articles=2, events=4, mismatched=(), orphan_events=0)
    key = article_key(make_article(id="a1"))
    with duckdb.connect(str(filled.path)) as conn:  # simulate damage no eventwire write can cause
        conn.execute("DELETE FROM events WHERE event_id = ?", ["e2"])
        conn.execute("UPDATE events SET article_key = ? WHERE event_id = ?", ["gone", "e3"])
    report = filled.integrity_report()
    assert not report.ok
    assert (key, 2, 1) in report.mismatched and report.orphan_events == 1


KILL_WRITER = textwrap.dedent("""
    import sys
    from eventwire.models import Article, ArticleRef, Event, Evidence
    from eventwire.store.database import Store
    store = Store(sys.argv[1]).open()
    for i in range(100000):
        events = [Event(event_id=f"{i}-{j}", article=ArticleRef(id=str(i)), type="ASSAULT",
                        quad_class="material-conflict", evidence=Evidence("x" * 200, 0, 200, "x"))
                  for j in range(350)]
        store.add_article(Article(id=str(i), body=f"article {i}"), events)
        print(i, flush=True)
""")


@pytest.mark.parametrize("delay", [0.07, 0.19, 0.43])
def test_sigkill_mid_ingest_leaves_whole_articles_only(db: Path, delay: float) -> None:
    """SIGKILL lands at an arbitrary point of a write (writing dominates the writer's time)."""
    proc = subprocess.Popen([sys.executable, "-c", KILL_WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline(), "the writer died before it was killed"
        time.sleep(delay)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    report = Store(db, read_only=True).integrity_report()
    assert report.ok, report
    assert report.articles >= 1 and report.events == 350 * report.articles


CREATOR = textwrap.dedent("""
    import sys
    from eventwire.store.database import Store
    print("go", flush=True)
    Store(sys.argv[1]).count()
""")


def test_sigkill_while_creating_leaves_no_store_or_a_complete_one(tmp_path: Path) -> None:
    for k, delay in enumerate([0.0, 0.01, 0.02, 0.03, 0.04, 0.06]):
        db = tmp_path / f"{k}.duckdb"
        proc = subprocess.Popen([sys.executable, "-c", CREATOR, str(db)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline()
        time.sleep(delay)
        proc.kill()
        proc.wait()
        proc.stdout.close()
        assert not db.exists() or Store(db, read_only=True).count() == {"articles": 0, "events": 0}
    for made in tmp_path.glob("0.duckdb*"):
        made.unlink()
    Store(tmp_path / "0.duckdb").count()  # creating a store clears what killed creators left behind
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".0.duckdb")]
    assert leftovers == []


# -- schema --------------------------------------------------------------------------------------------

def test_schema_version_is_recorded(filled: Store) -> None:
    with duckdb.connect(str(filled.path), read_only=True) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        indexes = {row[0] for row in conn.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
    assert {"events_date", "events_type", "events_country"} <= indexes
    assert filled.schema_version() == SCHEMA_VERSION


@pytest.mark.parametrize("version, message", [
    (SCHEMA_VERSION + 1, "upgrade eventwire"),
    (SCHEMA_VERSION - 1, "re-ingest"),
])
def test_other_schema_versions_are_refused(filled: Store, version: int, message: str) -> None:
    with duckdb.connect(str(filled.path)) as conn:
        conn.execute("UPDATE schema_version SET version = ?", [version])
    for store in (Store(filled.path), Store(filled.path, read_only=True)):
        with pytest.raises(StoreError, match=message):
            store.count()


def test_foreign_duckdb_file_is_refused(db: Path) -> None:
    with duckdb.connect(str(db)) as conn:
        conn.execute("CREATE TABLE something (x INTEGER)")
    with pytest.raises(StoreError, match="not an eventwire store"):
        Store(db).open()


def test_constructor_does_no_io_and_read_only_needs_a_store(db: Path) -> None:
    store = Store(db, read_only=True)
    assert not db.exists()
    with pytest.raises(StoreError, match="eventwire ingest"):
        store.count()
    assert not db.exists()


def test_read_only_store_refuses_writes(filled: Store) -> None:
    with pytest.raises(UsageError, match="read-only"):
        Store(filled.path, read_only=True).add_article(make_article("new"), [])


def test_not_a_duckdb_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a DuckDB file"):
        Store(path).count()
    with pytest.raises(StoreError, match="existing folder"):
        Store(tmp_path / "no" / "such.duckdb").count()


def test_one_process_cannot_mix_read_only_and_read_write(filled: Store) -> None:
    with filled:
        with pytest.raises(StoreError, match="already open in this process"):
            Store(filled.path, read_only=True).count()
        assert Store(filled.path).count() == {"articles": 2, "events": 4}  # same settings share the instance


# -- reading -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("filters, expected", [
    ({}, ["e1", "e2", "e3", "e4"]),
    ({"type": "PROTEST"}, ["e2"]),
    ({"type": ["PROTEST", "ASSAULT"]}, ["e1", "e2", "e3", "e4"]),
    ({"type": []}, []),
    ({"country": "IRQ"}, ["e1", "e2"]),
    ({"date_from": "2020-01-01"}, ["e1", "e2"]),
    ({"date_from": "2020-01-03", "date_to": "2020-01-03"}, ["e1"]),
    ({"date_to": "2020-01-04"}, ["e1", "e3"]),
    ({"article": "a2"}, ["e3", "e4"]),
    ({"article": article_key(make_article(id="a1"))}, ["e1", "e2"]),
    ({"min_confidence": 0.5}, ["e1", "e3", "e4"]),
    ({"text": "ERBIL"}, ["e2"]),
    ({"actor": "syrian army"}, ["e3"]),
    ({"text": "100%_"}, []),
    ({"bbox": (35.0, 32.0, 37.0, 34.0)}, ["e3"]),
    ({"limit": 2}, ["e1", "e2"]),
    ({"limit": 2, "offset": 3}, ["e4"]),
    ({"order": "date"}, ["e3", "e1", "e2", "e4"]),
])
def test_iter_events_filters(filled: Store, filters: dict, expected: list[str]) -> None:
    assert [e.event_id for e in filled.iter_events(**filters)] == expected
    count_filters = {k: v for k, v in filters.items() if k not in ("limit", "offset", "order")}
    if count_filters == filters:
        assert filled.count_events(**filters) == len(expected)


@pytest.mark.parametrize("text, expected", [
    ("erbil crowds", ["e2"]),  # every word, in any order
    ("crowds baghdad", []),  # all of them
    ("syrian", []),  # the evidence sentence only: actor names are the ``actor`` filter's
    ("Damascus", []),  # and location names are not searched either
])
def test_text_searches_the_evidence_words_as_the_api_q_does(filled: Store, text: str, expected: list[str]) -> None:
    """One filter for the library and the API (issue #14): ``text`` means what the API's ``q`` means."""
    from eventwire.store.query import parse

    assert [e.event_id for e in filled.iter_events(text=text)] == expected
    assert parse({"q": [text]})[0] == EventFilter(text=text)


@pytest.mark.parametrize("kwargs, message", [
    ({"colour": "red"}, "unknown event filter colour"),
    ({"date_from": "yesterday"}, "YYYY-MM-DD"),
    ({"order": "random"}, "unknown order"),
])
def test_bad_filters_are_usage_errors(filled: Store, kwargs: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        list(filled.iter_events(**kwargs))


def test_events_come_back_equal_and_in_order(filled: Store) -> None:
    with filled:  # held connection and short-lived ones give the same answer
        held = list(filled.iter_events())
    assert held == list(filled.iter_events())
    assert held[1] == make_event("e2", type="PROTEST", date="2020-01-05", location=ERBIL,
                                 evidence="Crowds protested in Erbil.", confidence=0.4)


def test_get_article_by_key_or_id(filled: Store) -> None:
    original = make_article(id="a1")
    assert filled.get_article("a1") == original
    assert filled.get_article(article_key(original)) == original
    assert filled.get_article("missing") is None


def test_invalid_event_date_is_kept_in_data_but_not_filterable(db: Path) -> None:
    store = Store(db)
    store.add_article(make_article(), [make_event("e1", date="2020-02-30")])
    assert [e.date for e in store.iter_events()] == ["2020-02-30"]
    assert store.count_events(date_from="2000-01-01") == 0


# -- locking -------------------------------------------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sys, time
    from eventwire.store.database import Store
    store = Store(sys.argv[1]).open()
    print("ready", flush=True)
    time.sleep(float(sys.argv[2]))
""")


def _hold(db: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_lock_held_by_another_writer_is_a_clear_store_error(filled: Store) -> None:
    proc = _hold(filled.path, 30)
    try:
        for store in (Store(filled.path, read_only=True, lock_timeout=0), Store(filled.path, lock_timeout=0.2)):
            with pytest.raises(StoreError, match="another process is using .*wait"):
                store.count()
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()


def test_connecting_waits_for_the_lock(filled: Store) -> None:
    proc = _hold(filled.path, 0.5)
    try:
        started = time.monotonic()
        assert Store(filled.path, read_only=True, lock_timeout=20).count() == {"articles": 2, "events": 4}
        assert time.monotonic() - started < 15
    finally:
        proc.wait()
        proc.stdout.close()


def test_store_is_free_between_calls(filled: Store) -> None:
    """An unopened store holds no lock, so another process can read between writes."""
    filled.add_article(make_article("One more."), [])
    code = "import sys; from eventwire.store.database import Store; print(Store(sys.argv[1], read_only=True).count())"
    out = subprocess.run([sys.executable, "-c", code, str(filled.path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "{'articles': 3, 'events': 4}"
