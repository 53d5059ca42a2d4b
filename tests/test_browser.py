"""The web UI in real headless Chromium (Debian's ``chromium`` driven by Playwright, no browser download).

Skips, saying why, where /usr/bin/chromium or the playwright package is missing (``.ci/run`` installs both).
Screenshots go to ``tmp/artifacts/`` (git-ignored; ``EVENTWIRE_ARTIFACTS`` names another folder).
"""
from __future__ import annotations

import json
import os
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from eventwire.serve.server import serve_in_thread

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("EVENTWIRE_ARTIFACTS", REPO / "tmp" / "artifacts"))
CHROMIUM = Path(os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip(f"browser tests skipped: {CHROMIUM} is absent (apt-get install chromium; .ci/run does)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="browser tests skipped: playwright is not installed (requirements-dev.txt)")


def api(base: str, path: str, **params) -> dict:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{base}{path}{'?' + query if query else ''}", timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """The demo store: examples/ ingested by the real command, as `make demo` does."""
    from eventwire.cli import main

    db = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    assert main(["ingest", str(REPO / "examples"), "--db", str(db)]) == 0
    return db


@pytest.fixture(scope="module")
def base(demo_db: Path):
    with serve_in_thread(demo_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory):
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh user-data-dir
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000})
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context, base: str):
    """A page that records every request that leaves this server and every script error."""
    page = browser_context.new_page()
    page.outside, page.errors = [], []
    page.on("request", lambda r: None if r.url.startswith((base, "data:")) else page.outside.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    page.close()


def ready(page) -> None:
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)


def shot(page, name: str, *, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"browser-{name}.png"), full_page=full_page)


def test_filter_assault_in_iraq_map_and_table_agree_with_the_api(page, base: str) -> None:
    page.goto(base + "/")
    ready(page)
    assert page.locator("#countries path").count() > 150  # country outlines, from the bundled file
    page.select_option("select[name=type]", "ASSAULT")
    ready(page)
    page.select_option("select[name=country]", "IRQ")
    ready(page)
    listed = api(base, "/api/events", type="ASSAULT", country="IRQ", limit=500, sort="-date")
    assert listed["total"] > 0
    rows = page.eval_on_selector_all("#events tbody tr", "rows => rows.map(r => r.dataset.eventId)")
    assert rows == [e["event_id"] for e in listed["events"][:50]]
    assert int(page.get_attribute("#page-info", "data-total")) == listed["total"]
    markers = page.eval_on_selector_all(".marker", "ms => ms.map(m => [+m.dataset.count, m.dataset.quad])")
    located = [e for e in listed["events"] if e["location"] and e["location"]["lat"] is not None]
    assert sum(count for count, _ in markers) == len(located)
    assert {quad for _, quad in markers} == {"material-conflict"}  # every ASSAULT is material conflict
    shot(page, "assault-iraq")
    assert page.outside == [] and page.errors == []


def test_opening_an_event_highlights_its_evidence_and_mentions(page, base: str) -> None:
    page.goto(base + "/#type=ASSAULT&country=IRQ")
    ready(page)
    listed = api(base, "/api/events", type="ASSAULT", country="IRQ", limit=50, sort="-date")["events"]
    event = max(listed, key=lambda e: len(e["mentions"]))
    page.click(f"#events tbody tr[data-event-id='{event['event_id']}']")
    page.wait_for_selector("#detail:not([hidden]) mark.evidence")
    evidence = "".join(page.eval_on_selector_all("mark.evidence", "ms => ms.map(m => m.textContent)"))
    assert evidence == event["evidence"]["text"]
    mentions = page.eval_on_selector_all("mark.mention", "ms => ms.map(m => m.textContent)")
    assert sorted(mentions) == sorted(m["text"] for m in event["mentions"] if m["text"] != event["evidence"]["text"])
    assert page.locator("#detail h2").inner_text().startswith("ASSAULT")
    shot(page, "event-detail")
    assert page.errors == []


def test_brushing_the_timeline_filters_by_date(page, base: str) -> None:
    page.goto(base + "/")
    ready(page)
    bars = page.eval_on_selector_all("#timeline .bar", "bs => bs.map(b => [b.dataset.key, b.getBoundingClientRect().toJSON()])")
    assert len(bars) >= 2
    # drag from the first bar across the first quarter of the bars (the demo's years are bucketed by month)
    (first, box), (last, end) = bars[0], bars[max(1, len(bars) // 4)]
    page.mouse.move(box["x"] + 0.5, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["right"] - 0.5, end["y"] + end["height"] / 2, steps=4)
    page.mouse.up()
    ready(page)
    date_from, date_to = page.input_value("input[name=date_from]"), page.input_value("input[name=date_to]")
    assert date_from.startswith(first) and date_to.startswith(last)  # a day inside the first and last bar
    expected = api(base, "/api/events", date_from=date_from, date_to=date_to, limit=1)["total"]
    assert 0 < int(page.get_attribute("#page-info", "data-total")) == expected < api(base, "/api/meta")["events"]
    assert "date_from=" + date_from in page.url
    shot(page, "timeline-brushed")


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory: pytest.TempPathFactory, nlp):
    """A store where the example story is told twice (two files, the second with a line more), served."""
    from eventwire.cli import main

    folder = tmp_path_factory.mktemp("two-reports")
    text = (REPO / "examples" / "k24-baghdad-2020-01-04.txt").read_text(encoding="utf-8")
    (folder / "first.txt").write_text(text, encoding="utf-8")
    (folder / "second.txt").write_text(text + "\n\nThe embassy did not comment.\n", encoding="utf-8")
    db = folder / "two.duckdb"
    assert main(["ingest", str(folder), "--db", str(db)]) == 0
    with serve_in_thread(db) as url:
        yield url


# -- a timeline that survives real data: one history piece's 1805 among a month of news ------------------------

def _history_events() -> tuple[str, list]:
    from eventwire.models import Actor, ArticleRef, Event, Evidence, Place

    sentence = "Rockets hit the base and the Battle of Austerlitz was fought on a long day of news in the town."
    body = sentence
    balad = Place(text="Balad", name="Balad", country="IRQ", admin1="Salah ad Din", lat=34.01, lon=44.15,
                  precision="city", admin2="Balad District")
    ref = ArticleRef(id="history", title="A month of news", publisher="Example", published="2020-02-01")
    days = [f"2020-01-{d:02d}" for d in range(1, 32) for _ in range(1 + d % 3)] + ["1805-12-02", "2020-03-15"]
    events = [Event(event_id=f"h{i:03d}", article=ref, type="ASSAULT", quad_class="material-conflict",
                    evidence=Evidence(sentence, 0, len(sentence), "hit"), actor=(Actor("Rockets", "rockets"),),
                    date=day, date_precision="day", location=balad, fatalities=1)
              for i, day in enumerate(days)]
    return body, events


@pytest.fixture(scope="module")
def history_base(tmp_path_factory: pytest.TempPathFactory):
    from eventwire.models import Article
    from eventwire.store.database import Store

    body, events = _history_events()
    db = tmp_path_factory.mktemp("history") / "history.duckdb"
    Store(db).add_article(Article(id="history", body=body, title="A month of news", publisher="Example",
                                  published="2020-02-01"), events)
    with serve_in_thread(db) as url:
        yield url


def test_incidents_view_counts_reports_and_the_panel_lists_the_other_reports(browser_context, two_reports):
    page = browser_context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(two_reports + "/#unit=incidents")
    ready(page)
    listed = api(two_reports, "/api/incidents", limit=50, sort="-date")["incidents"]
    rows = page.eval_on_selector_all("#events tbody tr", "rows => rows.map(r => r.dataset.incidentId)")
    assert rows == [i["incident_id"] for i in listed]
    told_twice = next(i for i in listed if i["articles"] == 2)
    row = page.locator(f"#events tbody tr[data-incident-id='{told_twice['incident_id']}'] td.reports")
    assert row.inner_text() == f"2 reports, {told_twice['sources']} source{'s' if told_twice['sources'] > 1 else ''}"
    page.click(f"#events tbody tr[data-incident-id='{told_twice['incident_id']}']")
    page.wait_for_selector("#detail:not([hidden]) #incident-reports li")
    shown = page.locator("#detail").get_attribute("data-event-id")
    others = page.eval_on_selector_all("#incident-reports li", "ls => ls.map(l => l.dataset.eventId)")
    assert sorted([shown, *others]) == sorted(told_twice["event_ids"])
    assert "2 reports" in page.locator("#incident-reports h3").inner_text()
    shot(page, "incident-reports")
    assert errors == []
    page.close()


def test_an_outlier_date_is_listed_apart_and_the_dense_range_fills_the_axis(browser_context, history_base) -> None:
    page = browser_context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(history_base + "/")
    ready(page)
    bars = page.eval_on_selector_all(
        "#timeline .bar", "bs => bs.map(b => [b.dataset.key, b.getBoundingClientRect().toJSON()])")
    axis = page.eval_on_selector("#timeline", "s => s.getBoundingClientRect().toJSON()")
    keys = [key for key, _ in bars]
    assert keys == [f"2020-01-{d:02d}" for d in range(1, 32)]  # by day; 1805 and mid-March are not on the axis
    assert bars[0][1]["x"] - axis["x"] < 40 and axis["x"] + axis["width"] - bars[-1][1]["right"] < 20
    assert min(box["width"] for _, box in bars) > 20  # 31 days over the whole axis, not 215 years
    listed = page.eval_on_selector_all("#timeline-outliers button", "bs => bs.map(b => [b.dataset.key, b.title])")
    assert listed == [["1805-12-02", "before 1900: check the date"], ["2020-03-15", "far from the other dates"]]
    shot(page, "timeline-outlier", full_page=False)  # a long table: the first screen

    # the dense range can be picked by dragging: drag across 2020-01-10 .. 2020-01-12
    first, last = dict(bars)["2020-01-10"], dict(bars)["2020-01-12"]
    page.mouse.move(first["x"] + 2, first["y"] + first["height"] / 2)
    page.mouse.down()
    page.mouse.move(last["right"] - 2, last["y"] + last["height"] / 2, steps=5)
    page.mouse.up()
    ready(page)
    assert (page.input_value("input[name=date_from]"), page.input_value("input[name=date_to]")) == (
        "2020-01-10", "2020-01-12")
    expected = api(history_base, "/api/events", date_from="2020-01-10", date_to="2020-01-12", limit=1)["total"]
    assert int(page.get_attribute("#page-info", "data-total")) == expected == 2 + 3 + 1
    shot(page, "timeline-dense-brushed", full_page=False)  # a long table: the first screen

    # the outlier's button shows its event, flagged
    page.click("#timeline-outliers button[data-key='1805-12-02']")
    ready(page)
    rows = page.eval_on_selector_all("#events tbody tr", "rs => rs.map(r => [r.className, r.cells[0].title])")
    assert rows == [["date-flagged", "dated before 1900: check the date (a history piece, or a misread year)"]]
    assert errors == []
    page.close()


def test_dates_after_publication_are_flagged_and_evidence_is_readable(browser_context, history_base) -> None:
    page = browser_context.new_page()
    page.goto(history_base + "/#sort=-date")
    ready(page)
    first = page.eval_on_selector("#events tbody tr", "r => [r.cells[0].textContent, r.cells[0].title, r.className]")
    assert first[0].startswith("2020-03-15") and "after its article was published (2020-02-01)" in first[1]
    assert first[2] == "date-flagged"
    flagged = page.eval_on_selector_all("#events tbody tr.date-flagged", "rs => rs.length")
    assert flagged == 1  # the January news is not flagged (1805 is on the last page of a date sort)
    cell = page.eval_on_selector("#events tbody tr td.evidence",
                                 "c => [c.textContent, c.scrollWidth <= c.clientWidth, getComputedStyle(c).whiteSpace]")
    body, _ = _history_events()
    assert cell == [body, True, "normal"]  # the whole sentence, wrapped, nothing cut off
    where = page.eval_on_selector("#events tbody tr", "r => r.cells[4].textContent")
    assert where == "Balad, Balad District, Salah ad Din, IRQ"  # town level, with district and province
    shot(page, "table-flags-evidence", full_page=False)  # a long table: the first screen
    page.close()
