"""RSS/Atom feeds offline: the hand-made feeds of ../shared/data/feeds point at the real pages of
../shared/data/html_articles, and a fetcher that reads those files stands in for HTTP (no network in tests)."""
from __future__ import annotations

import gzip
import json
import re
import threading
from pathlib import Path

import pytest

from conftest import SHARED
from eventwire.errors import InputError
from eventwire.models import Document
from eventwire.read.feeds import FeedItem, item_document, read_feed
from eventwire.store.database import Store
from eventwire.batch.watch import SeenSet, watch_feeds

DATA = SHARED / "data"


@pytest.fixture(scope="module")
def feeds_dir() -> Path:
    path = DATA / "feeds"
    if not (path.is_dir() and (DATA / "html_articles").is_dir()):
        pytest.skip(f"feed samples {path} or ../html_articles are absent (they live in ../shared/data)")
    return path


class LocalWeb:
    """URL -> bytes from local files: feed files by path, article pages by their ground-truth URL."""

    def __init__(self) -> None:
        truth = json.loads((DATA / "html_articles" / "ground-truth.json").read_text(encoding="utf-8"))
        self.pages = {entry["url"]: key for key, entry in truth.items()}
        self.truth = truth
        self.fetched: list[str] = []
        self.on_fetch = None

    def __call__(self, url: str) -> bytes:
        self.fetched.append(url)
        if self.on_fetch is not None:
            self.on_fetch(url)
        if url in self.pages:
            return gzip.decompress((DATA / "html_articles" / "html" / f"{self.pages[url]}.html.gz").read_bytes())
        if Path(url).is_file():
            return Path(url).read_bytes()
        raise InputError(url, "not on the local web of the tests")

    def page_fetches(self) -> list[str]:
        return [url for url in self.fetched if url in self.pages]


def _f1(gold: str, got: str) -> float:
    gold_words, got_words = re.findall(r"\w+", gold), re.findall(r"\w+", got)
    common = len(set(gold_words) & set(got_words))
    if not common:
        return 0.0
    p, r = common / len(set(got_words)), common / len(set(gold_words))
    return 2 * p * r / (p + r)


@pytest.mark.parametrize("name, kind", [("news-sample.rss", "rss"), ("news-sample.atom", "atom")])
def test_feed_items_resolve_offline_to_their_pages(feeds_dir, name, kind):
    web = LocalWeb()
    items, error = read_feed((feeds_dir / name).read_bytes(), source=name)
    assert error is None and len(items) == 20
    documents = [item_document(item, web) for item in items]
    assert all(isinstance(d, Document) for d in documents), [d for d in documents if not isinstance(d, Document)]
    for item, document in zip(items, documents):
        assert document.url and document.title
        truth = web.truth[web.pages[item.link]]["articleBody"]
        assert _f1(truth, document.text) > 0.6, (item.link, document.text[:200])


def test_a_page_without_title_or_date_takes_the_items():
    page = ("<html><body><article><p>Rebels attacked a village near the border on Monday, killing five people, "
            "officials said. The army sent troops to the area.</p></article></body></html>")
    item = FeedItem(feed="rss", link="http://example.org/a", key="a", title="Village attacked",
                    published="2019-11-20T10:00:00+00:00")
    document = item_document(item, lambda url: page.encode("utf-8"))
    assert (document.title, document.published, document.url) == (
        "Village attacked", "2019-11-20T10:00:00+00:00", "http://example.org/a")
    assert document.text.startswith("Rebels attacked a village")


def test_the_malformed_feed_gives_one_clear_line_and_its_complete_items(feeds_dir):
    items, error = read_feed((feeds_dir / "malformed-truncated.rss").read_bytes(), source="bad.rss")
    assert len(items) == 7
    assert isinstance(error, InputError) and "\n" not in str(error)
    assert "not a well-formed RSS/Atom feed" in error.reason and "58" in error.reason


def test_a_json_feed_is_named_as_such(feeds_dir):
    items, error = read_feed((feeds_dir / "feed.json").read_bytes(), source="feed.json")
    assert items == [] and "JSON Feed" in error.reason


def test_seen_set_survives_a_restart(tmp_path):
    seen = SeenSet(tmp_path / "seen.json")
    seen.add("feed", "a")
    assert ("feed", "a") in SeenSet(tmp_path / "seen.json")
    assert ("feed", "b") not in SeenSet(tmp_path / "seen.json") and ("other", "a") not in seen


@pytest.mark.model
@pytest.mark.slow
def test_watch_stops_cleanly_resumes_after_restart_and_stores_each_item_once(tmp_path, feeds_dir, nlp):
    from functools import partial

    from eventwire.pipeline import Resources, extract_documents

    extract = partial(extract_documents, resources=Resources(nlp=nlp))
    feed = str(feeds_dir / "news-sample.rss")
    db = tmp_path / "watch.duckdb"
    errors: list = []

    # 1. stopped (as by Ctrl-C) after the second page: it ends between two items, with two stored
    web, stop = LocalWeb(), threading.Event()
    web.on_fetch = lambda url: len(web.page_fetches()) == 2 and stop.set()
    first = watch_feeds([feed], db, fetch=web, interval=3600, stop=stop, on_error=errors.append, extract=extract)
    assert first.articles == 2 and len(web.page_fetches()) == 2

    # 2. restarted: only the 18 items not yet seen are fetched
    web = LocalWeb()
    second = watch_feeds([feed], db, fetch=web, max_polls=1, on_error=errors.append, extract=extract)
    assert len(web.page_fetches()) == 18 and second.articles == 18
    assert errors == []
    with Store(db, read_only=True) as store:
        assert store.count()["articles"] == 20

    # 3. nothing new: a watcher waiting an hour for its next poll stops at once when told to
    web, stop = LocalWeb(), threading.Event()
    polled = threading.Event()
    web.on_fetch = lambda url: polled.set()
    thread = threading.Thread(target=watch_feeds, args=([feed], db), daemon=True,
                              kwargs=dict(fetch=web, interval=3600, stop=stop, on_error=errors.append,
                                          extract=extract))
    thread.start()
    assert polled.wait(timeout=60)
    stop.set()
    thread.join(timeout=30)
    assert not thread.is_alive() and web.page_fetches() == []
