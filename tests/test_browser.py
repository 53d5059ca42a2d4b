"""The web UI in real headless Chromium (Debian's ``chromium`` driven by Playwright, no browser download).

Skips, saying why, where /usr/bin/chromium or the playwright package is missing (``.ci/run`` installs both).
Screenshots go to ``test-artifacts/`` (git-ignored).
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
ARTIFACTS = REPO / "test-artifacts"
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


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"browser-{name}.png"), full_page=True)


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
    day, box = bars[0]
    page.mouse.move(box["x"] + 1, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 1, box["y"] + box["height"] / 2, steps=4)
    page.mouse.up()
    ready(page)
    assert page.input_value("input[name=date_from]") == day and page.input_value("input[name=date_to]") == day
    expected = api(base, "/api/events", date_from=day, date_to=day, limit=1)["total"]
    assert int(page.get_attribute("#page-info", "data-total")) == expected < api(base, "/api/meta")["events"]
    assert "date_from=" + day in page.url
    shot(page, "timeline-brushed")
