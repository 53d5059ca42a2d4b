"""WARC archives and odd inputs, read as a user meets them: real Common Crawl extracts and a CC-NEWS-like file
(../shared/data/warc), a 20 MB text beside good articles, real subprocesses and exit codes."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import EXAMPLE
from eventwire.errors import InputError
from eventwire.read.files import iter_documents
from eventwire.models import Document, Skipped
from eventwire.read.warc import iter_warc
from eventwire.read.webpage import is_english
from eventwire.store.database import Store


@pytest.fixture(scope="module")
def warc_dir() -> Path:
    from conftest import SHARED

    path = SHARED / "data" / "warc"
    if not path.is_dir():
        pytest.skip(f"WARC samples folder {path} is absent (it lives in ../shared/data, never in the repo)")
    return path


def _kinds(items) -> Counter:
    return Counter(type(item).__name__ for item in items)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], capture_output=True, text=True,
                          timeout=600)


def test_news_sample_gives_20_pages_and_2_skipped_responses_with_reasons(warc_dir):
    items = list(iter_warc(warc_dir / "news-sample.warc.gz"))
    assert _kinds(items) == {"Document": 20, "Skipped": 2}
    skipped = {item.source.split()[-1]: item.reason for item in items if isinstance(item, Skipped)}
    assert skipped == {"https://www.example.org/press/statement-2019-11-20.pdf": "not an HTML page (application/pdf)",
                       "https://www.example.org/news/2019/11/20/article-that-was-removed": "HTTP status 404"}
    documents = [item for item in items if isinstance(item, Document)]
    assert documents[1].title == "Son of former German president stabbed to death in Berlin"
    assert "Fritz von Weizsaecker" in documents[1].text or "Weizs" in documents[1].text
    assert all(d.url and d.url.startswith("http") for d in documents)
    assert all(d.published and not d.published_is_fetch_time for d in documents[:4])


def test_truncated_record_is_one_line(warc_dir):
    items = list(iter_warc(warc_dir / "clipped.warc.gz"))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "truncated" in items[0].reason and "88,275" in items[0].reason and "\n" not in str(items[0])


def _warc(pages: list[str], *, gzipped: bool) -> list[bytes]:
    """One WARC response record per page (each its own gzip member when ``gzipped``), written by warcio."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    records = []
    for k, text in enumerate(pages):
        out = BytesIO()
        writer = WARCWriter(out, gzip=gzipped)
        page = f"<html><head><title>Report {k}</title></head><body><article><p>{text}</p></article></body></html>"
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{k}", "response",
                                                      payload=BytesIO(page.encode()), http_headers=http))
        records.append(out.getvalue())
    return records


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_warc_cut_anywhere_in_its_second_record_keeps_the_first_page_and_says_so_once(tmp_path, gzipped):
    """A download cut off at any byte of the second record (its WARC headers, HTTP headers or page), plain or
    gzip: the first page is read, then exactly one error line; never an exception. (Cut only in the closing
    blank lines, the record is whole and nothing is reported.)"""
    story = EXAMPLE.read_text(encoding="utf-8").split("\n\n")[1]
    first, second = _warc([f"Police arrested {n} men in Basra on Monday. {story}" for n in (2, 3)], gzipped=gzipped)
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    for cut in range(1, len(second) - 16):
        path.write_bytes(first + second[:cut])
        items = list(iter_warc(path))
        assert _kinds(items) == {"Document": 1, "InputError": 1}, (cut, items)
        assert "Police arrested 2 men" in items[0].text
        assert "truncated" in items[1].reason or "not a readable WARC" in items[1].reason, (cut, items[1])
    path.write_bytes(first + second)
    assert _kinds(iter_warc(path)) == {"Document": 2}


def test_revisit_is_not_a_page_and_the_fetch_time_is_marked(warc_dir):
    (page,) = list(iter_warc(warc_dir / "warcio-example.warc.gz"))
    assert page.url == "http://example.com/" and page.title == "Example Domain"
    assert page.published == "2017-03-06T04:02:06+00:00" and page.published_is_fetch_time


def test_pages_not_in_english_are_skipped_with_a_reason(warc_dir):
    items = list(iter_warc(warc_dir / "whirlwind.warc.gz"))  # the Aragonese Wikipedia
    assert [(type(i).__name__, getattr(i, "reason", "")) for i in items] == [
        ("Skipped", "not in English (only English is read for now)")]
    counts = _kinds(iter_warc(warc_dir / "warcfile.warc.gz"))  # mostly Chinese sites
    assert counts["Skipped"] >= 12 and counts["InputError"] == 0


@pytest.mark.parametrize("text, english", [
    ("The army said it had repelled the attack and secured the road into the town on Monday, after a night "
     "of heavy fighting in which at least three soldiers were killed and many more were wounded there.", True),
    ("Die Armee sagte, sie habe den Angriff abgewehrt und die Straße in die Stadt am Montag gesichert, nach einer "
     "Nacht schwerer Kämpfe, in der mindestens drei Soldaten getötet und viele weitere verwundet wurden.", False),
    ("亚洲精品无码免费视频 含羞草视频独家共享", False),
    ("Short note.", True),
])
def test_english_is_told_apart(text, english):
    assert is_english(text) is english


def test_folders_find_warc_files_and_skips_go_to_on_skip(tmp_path, warc_dir):
    (tmp_path / "a.warc.gz").write_bytes((warc_dir / "warcio-example.warc.gz").read_bytes())
    skipped: list[Skipped] = []
    items = list(iter_documents([tmp_path, warc_dir / "news-sample.warc.gz"], on_skip=skipped.append))
    assert _kinds(items) == {"Document": 21} and len(skipped) == 2


@pytest.mark.model
@pytest.mark.slow
def test_cli_ingests_the_cc_news_like_file(tmp_path, warc_dir):
    db = tmp_path / "news.duckdb"
    result = run("ingest", str(warc_dir / "news-sample.warc.gz"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "ingested 20 new article(s)" in result.stderr
    assert "2 skipped (1 HTTP status 404, 1 not an HTML page (application/pdf))" in result.stderr
    assert "Traceback" not in result.stderr
    with Store(db, read_only=True) as store:
        assert store.count()["articles"] == 20 and store.count()["events"] > 0


@pytest.mark.model
def test_cli_reports_a_truncated_warc_in_one_line(tmp_path, warc_dir):
    result = run("ingest", str(warc_dir / "clipped.warc.gz"), "--db", str(tmp_path / "x.duckdb"), "--quiet")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("eventwire: error:")]
    assert len(errors) == 1 and "truncated WARC record" in errors[0], result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.model
@pytest.mark.slow
def test_a_20_mb_text_is_reported_and_its_neighbours_are_stored(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    sentence = "Police said the meeting in the capital ended without agreement on Tuesday, number {}. "
    with open(folder / "dump.txt", "w", encoding="utf-8") as out:
        out.write("A whole archive in one file\n\n")
        for n in range(20_000_000 // (12 * len(sentence))):
            out.write(sentence.format(n) * 12 + "\n\n")
    assert (folder / "dump.txt").stat().st_size > 19_000_000
    (folder / "good-1.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "good-2.txt").write_text("Rebels attacked a village near Goma on Monday, killing five people, "
                                       "officials said.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "news.duckdb"
    result = run("ingest", str(folder), "--db", str(db))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("eventwire: error:")]
    assert len(errors) == 2
    assert "dump.txt: too long for one article" in errors[0] and "split it" in errors[0]
    assert "empty.txt" in errors[1]
    with Store(db, read_only=True) as store:
        assert store.count()["articles"] == 2


@pytest.mark.parametrize("body, content_type, expected", [
    ("<p>Café</p>".encode("cp1252"), "text/html; charset=windows-1252", "<p>Café</p>"),
    ('<meta charset="iso-8859-1"><p>Café</p>'.encode("latin-1"), "text/html", "<p>Café</p>"),
    ("<p>北京</p>".encode("gbk"), "text/html; charset=GBK", "<p>北京</p>"),
    (b"<p>Caf\xe9 ok</p>", None, "<p>Caf\ufffd ok</p>"),  # a stray byte is replaced, the page is kept
])
def test_fetched_pages_are_decoded_by_their_declared_charset(body, content_type, expected):
    from eventwire.read.webpage import decode_page

    assert decode_page(body, content_type=content_type).endswith(expected)
