"""ingest: files, folders and stdin -> Documents; unreadable inputs -> one clear InputError each."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventwire.errors import InputError, UsageError
from eventwire.read.files import content_id, document_from_dict, document_from_text, iter_documents, read_path
from eventwire.models import Document

from conftest import EXAMPLE

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARTICLE = "Troops clash near the border\n\nBy Jane Doe, Reuters\n\nTroops clashed near the border on Monday.\n"


def _all(paths, **options) -> list:
    return list(iter_documents(paths, **options))


def _one_error(path) -> InputError:
    results = _all([path])
    assert len(results) == 1 and isinstance(results[0], InputError), results
    return results[0]


# --------------------------------------------------------------------------- bad inputs

BAD_FILES = [
    # (file name, bytes, words the one-line reason must contain)
    ("empty.txt", b"", ["empty file"]),
    ("blank.txt", b"  \n\n\t \n", ["empty file"]),
    ("nul.txt", b"Some text\x00\x00\x01\x02 more", ["binary file, not text"]),
    ("noise.txt", bytes(range(1, 32)) * 40, ["binary file, not text"]),
    ("archive.txt", b"\x1f\x8b\x08\x00" + b"\x00" * 20, ["binary file, not text", "gunzip"]),
    ("latin1.txt", "Caf\u00e9 bombing in Bogot\u00e1\n\nThe attack.".encode("latin-1"),
     ["not UTF-8 text", "byte 0xe9 at offset 3", "re-encode as UTF-8"]),
    ("truncated.json", b'{"id": "a", "text": "Rebels attacked', ["malformed JSON", "line 1 column", "truncated"]),
    ("broken.json", b'{"id": "a",\n "text": "x",,\n "title": "t"}',
     ["malformed JSON", "at line 2 column", "fix the JSON"]),
    ("lines.json", b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n', ["malformed JSON", ".jsonl"]),
    ("notext.json", b'{"id": "a", "title": "t"}', ['"text" is missing']),
    ("emptytext.json", b'{"id": "a", "text": "   "}', ['"text" is empty']),
    ("numtext.json", b'{"id": "a", "text": 42}', ['"text" is a number']),
    ("numid.json", b'{"id": 7, "text": "x"}', ['"id" must be a non-empty string', '"id": "7"']),
    ("badtitle.json", b'{"id": "a", "text": "x", "title": ["t"]}', ['"title" must be a string']),
    ("baddate.json", b'{"id": "a", "text": "x", "published": "soon"}', ['"published"', "is not a date"]),
    ("scalar.json", b'"just a string"', ["expected a JSON object"]),
    ("badspan.json", b'{"id": "a", "text": "Kabul", "toponyms": [{"start": 3, "end": 99}]}',
     ["toponyms[0]", "start < end <= 5"]),
    ("nothing.html", b"<html><head><title>T</title><script>x()</script></head><body><nav><p>Home</p></nav>"
                     b"</body></html>", ["HTML has no article text"]),
]


@pytest.mark.parametrize("name,data,words", BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_file_gives_one_error_with_reason(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    error = _one_error(path)
    line = str(error)
    assert "\n" not in line and line.startswith("[E001] ") and str(path) in line
    for word in words:
        assert word in line


def test_missing_file(tmp_path):
    error = _one_error(tmp_path / "nope.txt")
    assert "file not found" in error.reason and error.source == str(tmp_path / "nope.txt")


def test_permission_denied(tmp_path, monkeypatch):
    # Tests may run as root (chmod cannot deny root), so the OS error is simulated.
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE)
    real = Path.read_bytes

    def denied(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert "permission denied" in _one_error(path).reason


def test_errors_do_not_stop_other_inputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    (tmp_path / "empty.txt").write_bytes(b"")
    results = _all([tmp_path / "missing.txt", tmp_path / "empty.txt", good])
    assert [type(r).__name__ for r in results] == ["InputError", "InputError", "Document"]


def test_empty_directory_is_not_an_error(tmp_path):
    (tmp_path / "notes.md").write_text("not an article")
    assert _all([tmp_path]) == []


# --------------------------------------------------------------------------- encodings

ENCODINGS = [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),  # BOM
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
]


@pytest.mark.parametrize("codec,bom", ENCODINGS)
def test_text_encodings(tmp_path, codec, bom):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + "Attack in S\u00e3o Paulo\r\n\r\nGunmen fired on a bus.\r\n".encode(codec))
    (doc,) = _all([path])
    assert doc.title == "Attack in S\u00e3o Paulo"
    assert doc.text.startswith("Attack") and "\r" not in doc.text


# --------------------------------------------------------------------------- plain text

HEADERS = [
    # (header lines after the title, publisher, published)
    ("By , K24 Digital\nOn Sat, 4 Jan, 2020 22:05 | 3 mins read", "K24 Digital", "2020-01-04T22:05:00"),
    ("By Jane Doe, Reuters\nPublished: 2021-03-04", "Reuters", "2021-03-04"),
    ("By Jane Doe\nJanuary 5, 2020", "Jane Doe", "2020-01-05"),
    ("Updated: March 4, 2021 3:15 pm EST", None, "2021-03-04T15:15:00"),
    ("2019-07-02T10:30:00", None, "2019-07-02T10:30:00"),
    ("Monday 6 January 2020 | 2 min read", None, "2020-01-06"),
]


@pytest.mark.parametrize("header,publisher,published", HEADERS)
def test_plain_text_header(header, publisher, published):
    text = f"Headline of the story\n\n{header}\n\nThe body starts here and it is a sentence.\n"
    doc = document_from_text(text, source="x.txt")
    assert (doc.title, doc.publisher, doc.published) == ("Headline of the story", publisher, published)


def test_muc_dateline():
    text = ("DEV-MUC3-0042 (NOSC)\n\n   SAN SALVADOR, 16 NOV 89 (RADIO VENCEREMOS) -- [TEXT] THE FMLN\n"
            "ATTACKED A GARRISON TODAY.\n")
    doc = document_from_text(text)
    assert doc.published == "1989-11-16" and doc.publisher == "RADIO VENCEREMOS"


@pytest.mark.parametrize("year,expected", [("89", "1989"), ("30", "2030"), ("31", "1931"), ("05", "2005")])
def test_muc_two_digit_years(year, expected):
    doc = document_from_text(f"LIMA, 2 MAY {year} (EFE) -- [TEXT] A BOMB EXPLODED.\n")
    assert doc.published == f"{expected}-05-02" and doc.title is None


def test_seed_example_metadata():
    (doc,) = _all([EXAMPLE])
    assert doc.title == "Mortar rounds hit an area near the US embassy in Baghdad"
    assert doc.publisher == "K24 Digital" and doc.published == "2020-01-04T22:05:00"
    assert doc.source == str(EXAMPLE)


def test_published_override_and_validation(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nPublished: 2021-03-04\n\nBody text here.\n")
    (doc,) = _all([path], published="2022-02-02")
    assert doc.published == "2022-02-02"
    with pytest.raises(UsageError, match="not a date"):
        iter_documents([path], published="yesterday-ish")


def test_id_is_from_content_not_path(tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE)
    (tmp_path / "two.txt").write_text(ARTICLE.replace("\n", "\r\n"))
    (tmp_path / "three.txt").write_text(ARTICLE + "More.\n")
    one, two, three = (next(read_path(tmp_path / n)) for n in ("one.txt", "two.txt", "three.txt"))
    assert one.id == two.id != three.id and len(one.id) == 16
    assert content_id("a  b\n c") == content_id("a b c") != content_id("a b c", "https://x")


def test_unknown_extension_named_explicitly_is_text(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(ARTICLE)
    (doc,) = _all([path])
    assert isinstance(doc, Document) and doc.title == "Troops clash near the border"


# --------------------------------------------------------------------------- folders

def test_folder_recursion_sorted_and_filtered():
    docs = _all([FIXTURES / "folder"])
    assert [Path(d.source.split(":")[0]).relative_to(FIXTURES / "folder").as_posix() for d in docs] == [
        "b.txt", "sub/a.txt", "sub/c.jsonl"]
    assert all(isinstance(d, Document) for d in docs)


def test_folder_skips_hidden(tmp_path):
    (tmp_path / ".secret.txt").write_text(ARTICLE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ARTICLE)
    (tmp_path / "visible.txt").write_text(ARTICLE)
    assert [Path(d.source).name for d in _all([tmp_path])] == ["visible.txt"]


def test_folder_reports_bad_files_inside(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.json").write_text("{")
    results = _all([tmp_path])
    assert isinstance(results[0], Document) and isinstance(results[1], InputError)


# --------------------------------------------------------------------------- JSON / JSONL

def test_jsonl_with_bad_line():
    results = _all([FIXTURES / "documents.jsonl"])
    assert [r.id if isinstance(r, Document) else "ERR" for r in results] == ["doc-1", "ERR", "doc-3"]
    error = results[1]
    assert error.source.endswith("documents.jsonl:2") and "malformed JSON" in error.reason
    assert results[0].published == "2020-10-12" and results[0].publisher == "Wire"
    assert results[2].toponyms == ((0, 6),) and results[2].source.endswith(":4")


def test_json_list_and_object(tmp_path):
    path = tmp_path / "docs.json"
    path.write_text(json.dumps([{"id": "a", "text": "One."}, {"text": "Two.", "url": "https://x"},
                                {"id": "c"}]))
    results = _all([path])
    assert results[0].id == "a" and results[1].id == content_id("Two.", "https://x")
    assert isinstance(results[2], InputError) and results[2].source == f"{path}[2]"


def test_document_from_dict_normalises_published():
    doc = document_from_dict({"id": "a", "text": "x", "published": "2020-01-04T22:05:00Z"}, source="s")
    assert doc.published == "2020-01-04T22:05:00+00:00"


# --------------------------------------------------------------------------- stdin

STDIN_CASES = [
    (ARTICLE, ["Troops clash near the border"]),
    ('\n{"id": "s1", "text": "A."}\n{"id": "s2", "text": "B."}\n', ["s1", "s2"]),
    ('{\n  "id": "pretty",\n  "text": "A."\n}\n', ["pretty"]),
]


@pytest.mark.parametrize("data,expected", STDIN_CASES)
def test_stdin(data, expected):
    results = _all(["-"], stdin=io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    assert [r.title if r.title else r.id for r in results] == expected
    assert all(r.source.startswith("<stdin>") for r in results)


def test_stdin_empty():
    (error,) = _all(["-"], stdin=io.StringIO("  \n"))
    assert isinstance(error, InputError) and "empty" in error.reason


# --------------------------------------------------------------------------- HTML

HTML_MUST = [
    "Rebels shelled the northern town of Kafr on Wednesday, killing three civilians, local officials said.",
    'The army said it had "repelled" the attack & secured the main road.',
    "Talks stalled", "Negotiators left the capital on Tuesday.", "We will not give up the town",
]
HTML_MUST_NOT = ["Subscribe today", "Sport", "trackingMarker", "hidden-style-marker", "Related:",
                 "Sign up for our newsletter", "Copyright 2021", "Photo: Reuters", "LD headline"]


@pytest.fixture(scope="module")
def html_doc() -> Document:
    (doc,) = _all([FIXTURES / "article.html"])
    return doc


@pytest.mark.parametrize("snippet", HTML_MUST)
def test_html_keeps_main_text(html_doc, snippet):
    assert snippet in html_doc.text


@pytest.mark.parametrize("snippet", HTML_MUST_NOT)
def test_html_drops_boilerplate(html_doc, snippet):
    assert snippet not in html_doc.text


def test_html_metadata(html_doc):
    assert html_doc.title == "Rebels shell northern town"
    assert html_doc.published == "2021-03-04T08:15:00+00:00"
    assert html_doc.url == "https://example.org/world/rebels-shell-town"
    assert html_doc.publisher == "Example Times"
    assert "\n\n" in html_doc.text and "\n\n\n" not in html_doc.text


HTML_META = [
    ('<meta itemprop="datePublished" content="2019-05-01">', "published", "2019-05-01"),
    ('<time datetime="2018-02-03T04:05:06">Feb 3</time>', "published", "2018-02-03T04:05:06"),
    ('<script type="application/ld+json">{"@graph": [{"datePublished": "2017-01-02"}]}</script>',
     "published", "2017-01-02"),
    ('<meta property="og:url" content="https://e.org/a">', "url", "https://e.org/a"),
    ("<title> Page  title </title>", "title", "Page title"),
    ("<h1>Only heading</h1>", "title", "Only heading"),
]


@pytest.mark.parametrize("snippet,field,expected", HTML_META)
def test_html_metadata_sources(tmp_path, snippet, field, expected):
    path = tmp_path / "page.htm"
    path.write_text(f"<html><head></head><body>{snippet}<p>Body text of the page.</p></body></html>")
    (doc,) = _all([path])
    assert getattr(doc, field) == expected


def test_html_declared_charset_is_honoured(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes('<html><head><meta charset="windows-1252"></head><body><p>Caf\u00e9 attack \u2013 two dead.</p>'
                     '</body></html>'.encode("cp1252"))
    (doc,) = _all([path])
    assert doc.text == "Caf\u00e9 attack \u2013 two dead."


def test_single_path_string_is_one_input():
    (doc,) = _all(str(EXAMPLE))
    assert doc.source == str(EXAMPLE)


def test_html_without_paragraph_tags_falls_back_to_divs(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><div>First block of text.</div><div>Second block.</div></body></html>")
    (doc,) = _all([path])
    assert doc.text == "First block of text.\n\nSecond block."
