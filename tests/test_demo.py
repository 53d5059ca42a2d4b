"""``make demo``'s summary (``eventwire.demo``) on a store built by hand: counts by type and country, the
deadliest events with their sentence, the largest incidents when the store has them, and where to go next."""
from __future__ import annotations

from pathlib import Path


from eventwire.demo import summary
from eventwire.models import Actor, Article, ArticleRef, Event, Evidence, Place
from eventwire.store.database import Store

BODY = "Rockets killed 12 people in Balad. Crowds marched in Basra. Iran threatened revenge."


def _event(event_id: str, sentence: str, type: str, country: str | None, dead: int | None,
           factuality: str = "asserted") -> Event:
    start = BODY.index(sentence)
    place = Place(text=country or "", name=f"town in {country}", country=country, admin1=None, lat=33.0, lon=44.0) \
        if country else None
    return Event(event_id=event_id, article=ArticleRef(id="a1"), type=type, quad_class="material-conflict",
                 evidence=Evidence(sentence, start, start + len(sentence), sentence.split()[1]),
                 actor=(Actor("x", "x"),), date="2020-01-04", location=place, fatalities=dead, factuality=factuality)


def _store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "demo.duckdb")
    store.add_article(Article(id="a1", body=BODY), [
        _event("e1", "Rockets killed 12 people in Balad.", "ASSAULT", "IRQ", 12),
        _event("e2", "Crowds marched in Basra.", "PROTEST", "IRQ", None),
        _event("e3", "Iran threatened revenge.", "THREATEN", None, None, factuality="future"),
    ])
    return Store(store.path, read_only=True)


def test_summary_counts_types_and_countries_and_lists_the_deadliest(tmp_path: Path) -> None:
    text = summary(_store(tmp_path))
    assert text.startswith("1 article(s), 3 event(s) (2 reported as fact, 2 on the map), dated 2020-01-04")
    lines = text.splitlines()
    cells = [line.split() for line in lines]
    assert ["ASSAULT", "1", "1"] in cells and ["THREATEN", "0", "1"] in cells  # as fact, all
    assert ["IRQ", "2", "1"] in cells and ["(no", "place)", "1", "0"] in cells  # events, attacks
    assert any(line.strip().startswith("12 dead  ASSAULT 2020-01-04 town in IRQ, IRQ  [e1]") for line in lines)
    assert "Rockets killed 12 people in Balad." in text
    assert "make serve" in text and "eventwire show e1 --db" in text
    assert "Largest incidents" in text  # the store groups its events into incidents as it ingests
    assert max(len(line) for line in lines if "--db" not in line) <= 100  # readable in a terminal


def test_summary_lists_the_largest_incidents_when_the_store_has_them(tmp_path: Path) -> None:
    text = summary(_store(tmp_path))  # the store's own incidents, as ingest groups them
    assert "Largest incidents" in text
    block = text.split("Largest incidents", 1)[1].splitlines()
    assert block[1] == "  ASSAULT 2020-01-04 town in IRQ, IRQ: 1 article(s), 1 source(s), 1 report(s), 12 dead"
