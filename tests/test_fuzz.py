"""Hypothesis fuzzing of what meets raw input: the normaliser, the readers, the cleaner, the date and number parsers.

Short here (``FUZZ_EXAMPLES``, default 150 examples each); ``scripts/fuzz.py`` runs the same tests far longer.
Each test states what must always hold: a reader returns a Document or an InputError and never raises
anything else; the normaliser is idempotent and leaves no invisible or unencodable character; clean()
offsets map the body back onto the document text; parsed dates are valid ISO dates.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError, TextRepaired
from eventwire.events.casualty_numbers import load_casualty_words, word_value
from eventwire.events.dates import find_timexes
from eventwire.models import Document, Skipped
from eventwire.read.clean import clean, normalise_published, parse_date
from eventwire.read.files import decode_bytes, document_from_dict, document_from_text, read_path
from eventwire.read.html import html_document
from eventwire.read.normalise import normalise

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
pytestmark = pytest.mark.filterwarnings("ignore::eventwire.errors.EventwireWarning")

INVISIBLE = "\u200b\u200d\u200c\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x00"
_LEFT = re.compile("[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x08\x0e-\x1f\x7f\x1b]")
# text with every hazard: surrogates, controls, invisible and combining characters, escapes, news words
_PIECES = st.sampled_from(["killed", " ", "\n", "\n\n", "Kabul", "on Monday", "5", "é", "e\u0301", "\ud800",
                           "\udfff", "\ud83d\ude00", "\x1b[31m", "\x1b]0;t\x07", "\x00", "\r\n", "\t", "<p>", "}",
                           "\u202e", "\u0645\u200c\u06cc", "2020-01-04", "March 3, 2021", "«", "—"]
                          + list(INVISIBLE))
HAZARDOUS = st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=40).map("".join),
                      st.text(st.characters(codec=None, blacklist_categories=()), max_size=100))
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | HAZARDOUS,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                        st.sampled_from(["id", "text", "title", "published", "url", "publisher", "toponyms",
                                         "start", "end", "x"]), inner, max_size=6), max_leaves=12)


@FUZZ
@given(HAZARDOUS)
def test_normalise_is_idempotent_encodable_and_leaves_nothing_invisible(text):
    once = normalise(text)
    assert normalise(once) == once
    once.encode("utf-8")  # no lone surrogate survives
    assert not _LEFT.search(once)
    assert unicodedata.is_normalized("NFC", once)


@FUZZ
@given(st.text(st.characters(codec="ascii", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=120),
       st.lists(st.tuples(st.integers(0, 120), st.sampled_from(list(INVISIBLE) + ["\x1b[1;31m", "\x1b[0m"])),
                max_size=8))
def test_invisible_characters_inside_latin_text_vanish(text, insertions):
    dirty = list(text)
    for at, ch in sorted(insertions, reverse=True):
        dirty.insert(min(at, len(dirty)), ch)
    assert normalise("".join(dirty)) == normalise(text)


def test_joiners_stay_where_they_join():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # mi-khaham: the ZWNJ is spelling
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert normalise(persian) == persian and normalise(family) == family
    assert normalise("kil\u200dled") == "killed"


def test_lone_surrogates_are_counted_in_a_warning():
    with pytest.warns(TextRepaired) as caught:
        assert normalise("a\ud800b\udc80c\ud83d\ude00", source="s.jsonl:2") == "a\ufffdb\ufffdc\U0001f600"
    assert caught[0].message.count == 2 and "s.jsonl:2" in str(caught[0].message)


@FUZZ
@given(st.binary(max_size=400) | HAZARDOUS.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_decode_bytes_gives_text_or_an_input_error(data):
    try:
        text = decode_bytes(data, source="f.txt")
    except InputError as exc:
        assert "f.txt" in str(exc)
    else:
        assert text.strip() and "\r" not in text


@FUZZ
@given(JSON)
def test_document_from_dict_gives_a_document_or_an_input_error(data):
    try:
        doc = document_from_dict(data, source="d.json")
    except InputError:
        return
    _check_document(doc)
    for start, end in doc.toponyms or ():
        assert 0 <= start < end <= len(doc.text)


@FUZZ
@given(HAZARDOUS, st.sampled_from([".txt", ".json", ".jsonl", ".html"]))
def test_read_path_only_yields_documents_and_input_errors(tmp_path_factory, text, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    for item in read_path(path):
        assert isinstance(item, (Document, InputError, Skipped))
        if isinstance(item, InputError):
            assert "internal error" not in str(item)
        elif isinstance(item, Document):
            _check_document(item)


@FUZZ
@given(HAZARDOUS)
@example("\u00e1\u00bf\u00bd")  # mojibake whose repair (U+1FFD) is not NFC: found by CI
def test_html_document_and_clean_keep_offsets_on_the_stored_text(text):
    for make in (lambda: html_document(f"<html><title>{text[:20]}</title><p>{text}</p>", source="p.html"),
                 lambda: document_from_text(text, source="t.txt")):
        try:
            doc = make()
        except InputError:
            continue
        _check_document(doc)
        article = clean(doc)
        article.body.encode("utf-8")
        for body_start, raw_start, length in article.offsets:
            assert article.body[body_start:body_start + length] == doc.text[raw_start:raw_start + length]


@FUZZ
@given(HAZARDOUS)
def test_date_parsers_give_valid_iso_or_none(text):
    for value in (parse_date(text), normalise_published(text)):
        if value is not None:
            dt.date.fromisoformat(value[:10])
    for timex in find_timexes(text, anchor=dt.date(2020, 1, 4)):
        assert 0 <= timex.start <= timex.end <= len(text)


@FUZZ
@given(st.lists(st.sampled_from(["one", "twenty", "-", "hundred", "thousand", "million", "and", "a", "dozen",
                                 "1,200", "5", "scores", "x", "", "0", "9" * 30]), max_size=8))
def test_word_value_is_a_non_negative_number_or_none(words):
    value = word_value(words, load_casualty_words())
    assert value is None or (isinstance(value, int) and value >= 0)


def _check_document(doc: Document) -> None:
    for value in (doc.id, doc.text, doc.title, doc.publisher, doc.url):
        if value is not None:
            value.encode("utf-8")
            assert normalise(value) == value
    assert doc.text.strip() and doc.id
    json.dumps(doc.text)
