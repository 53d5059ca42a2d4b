"""Incidents across articles in a real DuckDB store, with hand-built events (no spaCy): grouping, incident
fields, revisions, corrections, exports and identities."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.errors import UsageError
from eventwire.incidents import article_identity, incident_object, original_url, source_of
from eventwire.incidents.export import INCIDENT_CSV_COLUMNS, export_incidents
from eventwire.incidents.features import signature
from eventwire.incidents.group import same_story
from eventwire.models import Actor, Article, ArticleRef, Event, Evidence, Place
from eventwire.store.database import Store

CHICAGO = Place(text="Chicago", name="Chicago", country="USA", admin1="Illinois", lat=41.85, lon=-87.65,
                feature="city", precision="city", score=0.9)
AURORA = Place(text="Aurora", name="Aurora", country="USA", admin1="Illinois", lat=41.76, lon=-88.32,
               feature="city", precision="city", score=0.9)
DENVER = Place(text="Denver", name="Denver", country="USA", admin1="Colorado", lat=39.74, lon=-104.98,
               feature="city", precision="city", score=0.9)
SHOOTING = "Marcus Delaney, 17, was shot dead on Elm Street on Saturday night, police said."


def article(n: int, *, body: str | None = None, url: str | None = None, publisher: str | None = None,
            published: str = "2016-05-08T10:00:00", title: str = "Teen shot dead on Elm Street") -> Article:
    body = body or f"Report {n}. {SHOOTING}"
    return Article(id=f"a{n}", body=body, title=title, published=published,
                   url=url if url is not None else f"https://news{n}.example.com/story-{n}", publisher=publisher)


def event(event_id: str, art: Article, *, text: str = SHOOTING, place: Place | None = CHICAGO,
          date: str = "2016-05-07", fatalities: int | None = 1, confidence: float = 0.9,
          type: str = "ASSAULT") -> Event:
    return Event(
        event_id=event_id, article=ArticleRef(id=art.id, title=art.title, publisher=art.publisher,
                                              published=art.published, url=art.url),
        type=type, quad_class="material-conflict", mode="firearms",
        evidence=Evidence(text=text, start=0, end=len(text), trigger="shot"),
        acled_event_type="Violence against civilians", acled_subtype="Attack", cameo_root="18",
        recipient=(Actor(text="Marcus Delaney", name="Marcus Delaney", country="USA", sector="CVL"),),
        date=date, date_precision="day", location=place, fatalities=fatalities, confidence=confidence)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "events.duckdb")


def incident_of(store: Store, event_id: str) -> str:
    return next(e.incident_id for e in store.iter_events() if e.event_id == event_id)


# -- identities and sources ------------------------------------------------------------------------

@pytest.mark.parametrize("url, expected", [
    ("http://web.archive.org/web/20160510031245/http://www.wgntv.com/news/a.html", "http://www.wgntv.com/news/a.html"),
    ("https://web.archive.org/web/2016id_/www.wgntv.com/a", "http://www.wgntv.com/a"),
    ("https://example.org/a", "https://example.org/a"),
    ("", None), (None, None),
])
def test_web_archive_urls_are_unwrapped(url, expected):
    assert original_url(url) == expected


@pytest.mark.parametrize("kwargs, expected", [
    ({"url": "http://web.archive.org/web/2016/http://x.com/a", "id": "d1", "source": "f.jsonl:3"}, "url:http://x.com/a"),
    ({"url": None, "id": "d1", "source": "docs.jsonl:3"}, "id:d1"),
    ({"url": None, "id": "d1", "source": "<stdin>"}, "id:d1"),
    ({"url": None, "id": "d1", "source": None}, "id:d1"),
])
def test_article_identity(kwargs, expected):
    assert article_identity(**kwargs) == expected


def test_text_files_are_identified_by_path():
    assert article_identity(url=None, id="3f2a", source="news/a.txt").startswith("path:/")
    assert article_identity(url=None, id="3f2a", source="news/a.txt").endswith("news/a.txt")


@pytest.mark.parametrize("publisher, url, expected", [
    ("WGN", "http://wgntv.com/a", "WGN"),
    (None, "http://web.archive.org/web/2016/http://www.wgntv.com/a", "wgntv.com"),
    (None, None, None),
])
def test_source_is_publisher_else_original_host(publisher, url, expected):
    assert source_of(publisher=publisher, url=url) == expected


# -- one article's events, and consolidation -----------------------------------------------------

def test_same_story_joins_compatible_reports_only():
    a = article(1)
    base = signature(event("e1", a))
    assert same_story(base, signature(event("e2", a, text="He died at the scene.")), modes=("firearms", None)) == 1
    assert same_story(base, signature(event("e3", a, date="2016-04-20"))) == 0  # weeks apart
    assert same_story(base, signature(event("e3b", a, date="2016-05-04"))) == 1  # a retelling days later
    assert same_story(base, signature(event("e4", a, place=DENVER))) == 0  # far away
    assert same_story(base, signature(event("e5", a, type="PROTEST"))) == 0
    assert same_story(base, signature(event("e6", a)), modes=("firearms", "drone")) == 0


def test_a_form_of_attack_sets_no_report_apart_but_another_means_does():
    a = article(1)
    base = signature(event("e1", a))
    assert same_story(base, signature(event("e2", a)), modes=("firearms", "mass-killing")) == 1
    assert same_story(base, signature(event("e3", a)), modes=("clash", "firearms")) == 1
    assert same_story(base, signature(event("e4", a)), modes=("firearms", "explosives")) == 0


def test_an_article_joins_an_incident_as_one_story(store):
    """The article's most confident report shares nothing with the stored incident, but a later sentence of the
    same story names its victims: the whole story joins it (scored event by event, its reports would split)."""
    from eventwire.incidents import Grouper
    from eventwire.incidents.features import FEATURES
    from eventwire.incidents.model import JoinModel

    weights = {"bias": -4.0, "names": 8.0}
    store._grouper = Grouper(model=JoinModel(weights=tuple(weights.get(f, 0.0) for f in FEATURES), threshold=0.5))
    a1, a2 = article(1, title="story one"), article(2, title="story two")
    store.add_article(a1, [event("e1", a1, text="Police said Alpha Bravo Carter were hurt.")])
    store.add_article(a2, [event("e2a", a2, text="three were hurt, police said.", confidence=0.95),
                           event("e2b", a2, text="Police named them as Alpha Bravo Carter.", confidence=0.6)])
    assert incident_of(store, "e2a") == incident_of(store, "e2b") == incident_of(store, "e1") == "inc-e1"


def test_incident_fields_come_from_their_reports():
    arts = [article(1, publisher="WGN"), article(2, published="2016-05-09T08:00:00"), article(3, publisher="WGN")]
    events = [event("e1", arts[0], fatalities=1, confidence=0.7), event("e2", arts[1], fatalities=2, confidence=0.95),
              event("e3", arts[2], fatalities=2, date="2016-05-08", confidence=0.5)]
    obj = incident_object("inc-e1", events)
    assert (obj["fatalities"], obj["fatalities_low"], obj["fatalities_high"]) == (2, 1, 2)
    more = [event("e4", arts[0], fatalities=1), event("e5", arts[1], fatalities=1), event("e6", arts[2], fatalities=4)]
    assert incident_object("inc-e1", events + more)["fatalities"] == 2  # the highest figure two reports confirm
    assert incident_object("inc-e1", more)["fatalities"] == 1  # 4 is one report's alone
    rumour = replace(event("e7", arts[1], place=DENVER, date="2016-05-01", fatalities=5, confidence=0.99),
                     factuality="hypothetical")
    told = incident_object("inc-e1", [events[0], rumour])  # what a report only supposes gives way to what one asserts
    assert (told["location"]["name"], told["date"], told["fatalities"], told["fatalities_high"]) == (
        "Chicago", "2016-05-07", 1, 5)
    assert obj["date"] == "2016-05-07"  # two reports against one
    assert obj["articles"] == 3 and obj["sources"] == 2  # WGN twice, news2.example.com
    assert (obj["first_reported"], obj["last_reported"]) == ("2016-05-08T10:00:00", "2016-05-09T08:00:00")
    assert obj["evidence"]["text"] == SHOOTING and obj["event_ids"] == ["e1", "e2", "e3"]
    assert obj["location"]["name"] == "Chicago" and obj["factuality"] == "asserted"


def test_a_figure_one_article_repeats_is_not_confirmed_by_it():
    arts = [article(1), article(2), article(3)]
    events = [event("e1", arts[0], fatalities=3), event("e1b", arts[0], text="Three died.", fatalities=3),
              event("e2", arts[1], fatalities=1), event("e3", arts[2], fatalities=2)]
    assert incident_object("inc-e1", events)["fatalities"] == 2  # no figure two articles give: the middle one
    again = event("e4", arts[1], text="Three people died.", fatalities=3)
    assert incident_object("inc-e1", [*events, again])["fatalities"] == 3  # now two articles give 3


def test_a_date_is_one_candidate_whatever_precision_its_reports_give():
    arts = [article(1), article(2), article(3)]
    events = [event("e1", arts[0], date="2016-05-07", confidence=0.3),
              event("e2", arts[1], date="2016-05-08", confidence=0.3),
              replace(event("e3", arts[2], date="2016-05-08", confidence=0.9), date_precision="publication")]
    obj = incident_object("inc-e1", events)
    assert (obj["date"], obj["date_precision"]) == ("2016-05-08", "day")


def test_a_day_or_two_before_the_best_supported_date_with_nearly_its_support_is_the_acts_day():
    arts = [article(n) for n in (1, 2, 3, 4)]
    later = [event("e1", arts[0], date="2016-05-08", confidence=0.5), event("e2", arts[1], date="2016-05-08",
                                                                           confidence=0.5)]
    act = [event("e3", arts[2], date="2016-05-07", confidence=0.35),
           event("e4", arts[3], date="2016-05-07", confidence=0.35)]
    assert incident_object("inc-e1", later + act)["date"] == "2016-05-07"  # 0.8 against 1.1: the act's day
    assert incident_object("inc-e1", later + act[:1])["date"] == "2016-05-08"  # too little support
    weeks = [replace(e, date="2016-05-01") for e in act]
    assert incident_object("inc-e1", later + weeks)["date"] == "2016-05-08"  # too long before: another story


# -- grouping in the store ---------------------------------------------------------------------------

def test_an_articles_background_at_its_scene_stays_with_its_main_report(store):
    """A further report of the same kind at the same place that no stored incident tells (an earlier
    stabbing of the victim, weeks before) is background of the article's main report, not an incident of its
    own; one in another town is."""
    a = article(1)
    earlier = replace(event("e1b", a, text="In April he had been stabbed outside a bar.", date="2016-04-02",
                            fatalities=None, confidence=0.5), mode="beat")
    elsewhere = event("e1c", a, text="A man was shot in Denver in March.", place=DENVER, date="2016-03-01",
                      confidence=0.4)
    store.add_article(a, [event("e1", a), earlier, elsewhere])
    assert incident_of(store, "e1b") == incident_of(store, "e1") == "inc-e1"
    assert incident_of(store, "e1c") == "inc-e1c"
    incident = store.get_incident("inc-e1")
    assert (incident["date"], incident["fatalities"]) == ("2016-05-07", 1)  # the main report's, not background's
    assert store.integrity_report().ok


def test_reports_of_one_shooting_share_an_incident_and_others_do_not(store):
    a1, a2, a3 = article(1), article(2), article(3, body="Other. A man was shot in Denver.", title="Denver man shot")
    store.add_article(a1, [event("e1", a1), event("e1b", a1, text="He died at the scene.", fatalities=None,
                                                   confidence=0.5)])
    store.add_article(a2, [event("e2", a2)])
    store.add_article(a3, [event("e3", a3, text="A man was shot in Denver on Saturday.", place=DENVER)])
    assert incident_of(store, "e1") == incident_of(store, "e1b") == incident_of(store, "e2") == "inc-e1"
    assert incident_of(store, "e3") == "inc-e3"
    incident = store.get_incident("inc-e1")
    assert incident["articles"] == 2 and incident["sources"] == 2
    assert sorted(e["event_id"] for e in incident["events"]) == ["e1", "e1b", "e2"]
    assert store.integrity_report().ok


def test_a_weak_link_does_not_chain(store):
    """B is like A; C is like B (by names) but not like A: C does not join A's incident through B (average
    linkage), where a single link would pull it in."""
    from eventwire.incidents import Grouper
    from eventwire.incidents.features import FEATURES
    from eventwire.incidents.model import JoinModel

    weights = {"bias": -4.0, "same_day": 2.0, "same_place": 2.0, "names": 4.0}
    store._grouper = Grouper(model=JoinModel(weights=tuple(weights.get(f, 0.0) for f in FEATURES), threshold=0.5))
    texts = ("Police said Alpha Bravo Carter were hurt.", "Police said Alpha Bravo Carter Delta Echo Fox were hurt.",
             "Police said Delta Echo Fox were hurt.")
    (a, b, c) = arts = [article(n, title=f"story {n}") for n in (1, 2, 3)]
    store.add_article(a, [event("eA", a, text=texts[0])])
    store.add_article(b, [event("eB", b, text=texts[1])])
    store.add_article(c, [event("eC", c, text=texts[2], place=AURORA, date="2016-05-09")])
    assert incident_of(store, "eB") == incident_of(store, "eA")
    assert store._grouper.model.probability(signature(event("eC", arts[2], text=texts[2], place=AURORA,
                                                            date="2016-05-09")),
                                            signature(event("eB", b, text=texts[1]))) >= 0.5
    assert incident_of(store, "eC") == "inc-eC"


def test_grouping_is_deterministic(tmp_path):
    def run(name: str) -> list[tuple[str, str]]:
        s = Store(tmp_path / name)
        for n in range(1, 5):
            a = article(n, body=f"Story {n}. {SHOOTING}")
            s.add_article(a, [event(f"e{n}", a, place=(CHICAGO, AURORA)[n % 2])])
        return sorted((e.event_id, e.incident_id) for e in s.iter_events())

    assert run("one.duckdb") == run("two.duckdb")


# -- revisions -------------------------------------------------------------------------------------------

def test_a_revised_text_replaces_the_earlier_version_and_keeps_it_in_history(store):
    url = "http://web.archive.org/web/20160508/http://wgntv.com/story"
    first = article(1, url=url)
    store.add_article(first, [event("e1", first)])
    revised = article(1, url="http://wgntv.com/story", body=first.body + " A vigil is planned.")
    assert store.add_article(revised, [event("e1-v2", revised)])
    assert store.add_article(revised, [event("e1-v2", revised)]) is False  # same text again: skipped
    assert [e.event_id for e in store.iter_events()] == ["e1-v2"]
    assert incident_of(store, "e1-v2") == "inc-e1"  # the revision keeps its incident
    with store.connection() as conn:
        assert conn.execute("SELECT count(*) FROM articles_history").fetchone()[0] == 1
        assert conn.execute("SELECT event_id FROM events_history").fetchall() == [("e1",)]
    assert store.count() == {"articles": 1, "events": 1} and store.integrity_report().ok


# -- corrections ----------------------------------------------------------------------------------------

def test_merge_keeps_the_older_id_and_the_absorbed_one_resolves(store):
    a, b = article(1), article(2)
    store.add_article(a, [event("e1", a)])
    b = article(2, title="Denver man wounded", body="A man was wounded in Denver.")
    store.add_article(b, [event("e2", b, place=DENVER, text="A man was wounded in Denver.")])
    cid = store.merge_incidents(["inc-e2", "inc-e1"])
    assert incident_of(store, "e2") == "inc-e1"
    assert store.get_incident("inc-e2")["incident_id"] == "inc-e1"
    assert store.corrections()[0] | {"created_at": None} == {
        "correction_id": cid, "kind": "merge", "incident_id": "inc-e1", "event_ids": ["e2"], "created_at": None,
        "undone": False, "stale": False}
    store.undo_correction(cid)
    assert incident_of(store, "e2") == "inc-e2" and store.get_incident("inc-e2")["incident_id"] == "inc-e2"
    assert store.corrections()[0]["undone"] and store.integrity_report().ok
    with pytest.raises(UsageError, match="already undone"):
        store.undo_correction(cid)


def test_a_split_survives_later_ingests_and_can_be_undone(store):
    a, b = article(1), article(2)
    store.add_article(a, [event("e1", a)])
    store.add_article(b, [event("e2", b)])
    assert incident_of(store, "e2") == "inc-e1"
    cid = store.split_events(["e2"])
    c = article(3)
    store.add_article(c, [event("e3", c)])  # a later ingest
    assert incident_of(store, "e2") == "inc-e2" and incident_of(store, "e1") == "inc-e1"
    store.undo_correction(cid)
    assert incident_of(store, "e2") == "inc-e1" and store.integrity_report().ok


def test_a_correction_whose_events_a_revision_removed_is_stale(store):
    a, b = article(1), article(2)
    store.add_article(a, [event("e1", a)])
    store.add_article(b, [event("e2", b)])
    store.split_events(["e2"])
    revised = article(2, body="Corrected: " + SHOOTING)
    store.add_article(revised, [event("e2-v2", revised)])
    assert store.corrections()[0]["stale"] is True
    assert store.integrity_report().ok


@pytest.mark.parametrize("call, message", [
    (lambda s: s.merge_incidents(["inc-e1"]), "at least two"),
    (lambda s: s.merge_incidents(["inc-e1", "nope"]), "no incident 'nope'"),
    (lambda s: s.split_events(["nope"]), "no event 'nope'"),
    (lambda s: s.undo_correction(99), "no correction 99"),
])
def test_bad_corrections_are_usage_errors(store, call, message):
    a = article(1)
    store.add_article(a, [event("e1", a)])
    with pytest.raises(UsageError, match=message):
        call(store)


# -- exports --------------------------------------------------------------------------------------------

@pytest.fixture
def grouped(store) -> Store:
    for n, place in ((1, CHICAGO), (2, CHICAGO), (3, DENVER), (4, None)):
        text = SHOOTING if n < 3 else f"Story {n}: a {('man', 'woman')[n % 2]} was wounded in {place and place.name}."
        a = article(n, publisher="WGN" if n < 3 else None, title="Teen shot dead" if n < 3 else f"Story {n}",
                    body=None if n < 3 else text)
        store.add_article(a, [event(f"e{n}", a, place=place, fatalities=n, text=text)])
    return store


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "geojson"])
def test_incident_exports_round_trip(grouped, tmp_path, fmt):
    incidents = list(grouped.iter_incidents())
    assert len(incidents) == 3
    out = tmp_path / f"incidents.{fmt}"
    written = export_incidents(incidents, format=fmt, out=out)
    if fmt == "jsonl":
        assert [json.loads(line) for line in out.read_text().splitlines()] == incidents
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(out).to_pylist() == incidents
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert tuple(rows[0]) == INCIDENT_CSV_COLUMNS
        assert [(r["incident_id"], r["event_ids"], r["fatalities"], r["location_name"]) for r in rows] == [
            (i["incident_id"], ";".join(i["event_ids"]), str(i["fatalities"]),
             (i["location"] or {}).get("name") or "") for i in incidents]
    else:
        features = json.loads(out.read_text())["features"]
        located = [i for i in incidents if i["location"]]
        assert written == len(features) == len(located) == 2
        for feature, incident in zip(features, located):
            loc = dict(incident["location"])
            assert feature["geometry"]["coordinates"] == [loc.pop("lon"), loc.pop("lat")]
            assert feature["properties"] == {**incident, "location": loc}


def test_incident_filters(grouped):
    assert [i["location"]["name"] for i in grouped.iter_incidents(country="USA", text="denver")] == ["Denver"]
    assert grouped.count_incidents(date_from="2016-05-08") == 0
    # by article: the incidents that hold an event of that article (as /api/incidents?article= does)
    assert [i["location"]["name"] for i in grouped.iter_incidents(article="a3")] == ["Denver"]
    assert grouped.count_incidents(article="no-such-article") == 0
