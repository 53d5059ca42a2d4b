"""Storing a chunk of articles in one transaction (``store/bulk.py``, what ``eventwire run`` loads with) gives
exactly the store that one transaction per article (``Store.add_article``, what ``ingest`` does) gives:
the same articles, events, incident ids, incident rows, blocking keys, aliases, history and sequence numbers.

Real DuckDB, real grouping with the shipped join model; the events are built by hand (no spaCy model) so that
many reports of a few incidents cross chunk boundaries, tie in confidence, and meet a revision, duplicates,
an analyst's merge and an article without events. ``tests/test_batch.py`` compares a real ``run`` with it too.
"""
from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import store_state
from eventwire.errors import StoreError
from eventwire.models import Actor, Article, ArticleRef, Event, Evidence, Place, Span
from eventwire.store.bulk import load_articles
from eventwire.store.database import Store

PLACES = [
    Place(text="Baghdad", name="Baghdad", country="IRQ", admin1="Baghdad", lat=33.34, lon=44.40, precision="city"),
    Place(text="Basra", name="Basra", country="IRQ", admin1="Basra", lat=30.51, lon=47.78, precision="city"),
    Place(text="Iraq", name="Iraq", country="IRQ", admin1=None, lat=33.0, lon=44.0, precision="country"),
    Place(text="Aleppo", name="Aleppo", country="SYR", admin1="Aleppo", lat=36.20, lon=37.16, precision="city"),
    None,
]
NAMES = ["Karim Hassan", "Omar Saleh", "Layla Nouri", "Samir Aziz", "Huda Jabar", "Tariq Fadel"]
STORIES = [  # (type, place, day of January 2020, fatalities, what the reports say)
    ("ASSAULT", 0, 3, 10, "A car bomb exploded near the Karrada market where {name} sold fruit"),
    ("ASSAULT", 1, 3, 2, "Gunmen shot at a checkpoint on the road where {name} was stopped"),
    ("ASSAULT", 0, 12, None, "A rocket struck the Green Zone compound beside the office of {name}"),
    ("PROTEST", 0, 4, None, "Thousands marched in Tahrir Square demanding the release of {name}"),
    ("PROTEST", 2, 4, None, "Students protested across the country against the arrest of {name}"),
    ("ASSAULT", 3, 16, 7, "Shelling hit a school in the eastern district named after {name}"),
    ("COERCE", 0, 5, None, "Security forces arrested {name} at dawn in a raid on his home"),
    ("ASSAULT", 4, None, 1, "An explosion killed a guard outside the home of {name}"),
]


def _event(rng: random.Random, article: Article, k: int, story: int) -> Event:
    kind, place, day, dead, text = STORIES[story]
    name = NAMES[(story + rng.randrange(2)) % len(NAMES)]
    evidence = text.format(name=name) + "."
    shift = rng.choice([0, 0, 0, 1, -1, 3, 6, 9, 12])  # later reports, some beyond the join window
    date = f"2020-01-{day + shift:02d}" if day is not None and rng.random() > 0.1 else None
    return Event(
        event_id=f"{article.id}-e{k}", article=ArticleRef(id=article.id, title=article.title, published=article.published,
                                                          url=article.url, publisher=article.publisher),
        type=kind, quad_class="material-conflict" if kind == "ASSAULT" else "verbal-conflict",
        mode=rng.choice([None, "bombing", "firearms"]) if kind == "ASSAULT" else None,
        evidence=Evidence(text=evidence, start=0, end=len(evidence), trigger="hit"),
        actor=(Actor(text="gunmen", name="Unidentified Armed Group", country=None, sector="REB"),) if k % 2 else (),
        date=date, date_precision=rng.choice(["day", "day", "publication", "month"]) if date else "publication",
        location=PLACES[place] if rng.random() > 0.15 else None,
        fatalities=dead if rng.random() > 0.3 else None, injured=rng.choice([None, 3, 4]),
        confidence=rng.choice([0.5, 0.7, 0.7, 0.9, 1]),  # ties, and an int as a caller may give
        mentions=(Span(text=f"{name} was there.", start=0, end=len(name) + 11),),
    )


def _articles(seed: int, n: int) -> list[tuple[Article, list[Event]]]:
    rng = random.Random(seed)
    out = []
    for a in range(n):
        day = rng.randrange(3, 8)
        stories = rng.sample(range(len(STORIES)), rng.choice([0, 1, 1, 2, 3]))
        article = Article(id=f"s{seed}-a{a:03d}", body=f"Report {a} of seed {seed}: " + " ".join(
                              STORIES[s][4].format(name=NAMES[s % len(NAMES)]) + "." for s in stories),
                          title=rng.choice(["Blast in Iraq", "BAGHDAD ATTACK KILLS TEN", "Protests", None]),
                          published=f"2020-01-{day:02d}T08:00:00" if rng.random() > 0.1 else None,
                          url=f"https://news{rng.randrange(4)}.example/{seed}/{a}",
                          publisher=rng.choice(["Wire", "Daily", None]), source=f"{a}.txt")
        events = [_event(rng, article, k, s) for k, s in enumerate(stories * rng.choice([1, 1, 2]))]
        out.append((article, events))
    return out


def _both(tmp_path: Path, first: list, rest: list, *, chunk: int, prepare=None) -> tuple[dict, dict]:
    """``first`` stored one transaction each in two stores, ``prepare(store)`` run on both, then ``rest``: one
    transaction each in the first store, in chunks of ``chunk`` through :func:`load_articles` in the second."""
    states = []
    for bulk in (False, True):
        db = tmp_path / f"{'bulk' if bulk else 'one'}.duckdb"
        with Store(db) as store:
            for article, events in first:
                store.add_article(article, events)
            if prepare is not None:
                prepare(store)
            if bulk:
                for start in range(0, len(rest), chunk):
                    load_articles(store, rest[start:start + chunk])
            else:
                for article, events in rest:
                    store.add_article(article, events)
        states.append(store_state(db))
    return states[0], states[1]


@pytest.mark.parametrize("chunk", [1, 7, 500])
def test_chunks_store_what_one_transaction_per_article_stores(tmp_path, chunk):
    items = _articles(1, 90)
    first, rest = items[:12], items[12:]
    revised = rest[30][0]
    revision = replace(revised, body=revised.body + " Updated: the toll rose.")  # same URL, new text
    rest = [*rest[:40], rest[3], first[2], (revision, [replace(e, fatalities=12) for e in rest[30][1]]),
            (replace(rest[5][0], url=rest[5][0].url + "?mirror"), []), *rest[40:]]

    def merge_two(store: Store) -> None:
        ids = sorted(i["incident_id"] for i in store.iter_incidents())
        store.merge_incidents(ids[:2])  # an alias: its id stays used

    one, bulk = _both(tmp_path, first, rest, chunk=chunk, prepare=merge_two)
    assert one == bulk
    incidents = one["incidents"]
    assert max(row[one["incident_columns"].index("articles")] for row in incidents) >= 5, \
        "reports of one incident must come from many articles (across chunks)"
    assert len(incidents) < len(one["events"]) / 2 and one["articles_history"] and one["aliases"]


def test_a_chunk_with_an_event_id_already_stored_keeps_the_articles_before_it_and_names_the_faulty_one(tmp_path):
    items = _articles(2, 20)
    faulty = (items[15][0], [replace(items[15][1][0], event_id=items[3][1][0].event_id)] if items[15][1] else [])
    assert faulty[1] and items[3][1], "the seed gives both articles events"
    rest = [*items[8:15], faulty, *items[16:]]
    states, errors = [], []
    for bulk in (False, True):
        db = tmp_path / f"{bulk}.duckdb"
        with Store(db) as store:
            for article, events in items[:8]:
                store.add_article(article, events)
            with pytest.raises(StoreError) as caught:
                if bulk:
                    load_articles(store, rest)
                else:
                    for article, events in rest:
                        store.add_article(article, events)
        errors.append(str(caught.value).replace(str(db), "STORE"))
        states.append(store_state(db))
    assert errors[0] == errors[1] and repr(faulty[0].id) in errors[0]
    assert states[0] == states[1] and len(states[0]["articles"]) == 15


def test_loading_the_same_articles_again_adds_nothing(tmp_path):
    items = _articles(3, 30)
    db = tmp_path / "store.duckdb"
    with Store(db) as store:
        assert sum(load_articles(store, items)) == 30
    before = store_state(db)
    with Store(db) as store:
        assert load_articles(store, [*items[5:], items[0], items[0]]) == [False] * 27
    assert store_state(db) == before and Store(db, read_only=True).integrity_report().ok
