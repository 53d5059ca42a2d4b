"""clean: raw Document text -> Article body without header, captions or duplicates, with offsets."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.read.clean import clean, normalise_published, parse_date, read_header
from eventwire.read.files import document_from_text
from eventwire.models import Document

from conftest import EXAMPLE


def _body(text: str, **fields) -> str:
    return clean(Document(id="t", text=text, **fields)).body


# --------------------------------------------------------------------------- the seed example

@pytest.fixture(scope="module")
def seed():
    raw = EXAMPLE.read_text(encoding="utf-8")
    return raw, clean(document_from_text(raw, source=str(EXAMPLE)))


@pytest.mark.parametrize("absent", ["By , K24 Digital", "3 mins read", "PHOTO | AFP", "Qasem Soleimani\n",
                                    "and seen as a deadly adversary", "22:05"])
def test_seed_header_and_captions_are_gone(seed, absent):
    assert absent not in seed[1].body


def test_seed_body_keeps_every_paragraph_once(seed):
    raw, article = seed
    start = raw.index("Tens of thousands of Iraqis mourned")
    paragraphs = [p.strip() for p in raw[start:].split("\n\n") if p.strip()]
    assert len(paragraphs) > 30
    for paragraph in paragraphs:
        assert article.body.count(paragraph) == 1, paragraph
    assert article.body.split("\n\n") == paragraphs  # nothing else, in order, each its own paragraph


def test_seed_body_shape_and_metadata(seed):
    raw, article = seed
    assert not article.body.startswith("Mortar rounds hit an area")
    assert article.body.startswith("Tens of thousands of Iraqis mourned")
    assert "\n\n- 'Foolish' US message -\n\n" in article.body
    assert "\n\n\n" not in article.body and "  " not in article.body
    assert (article.title, article.publisher, article.published) == (
        "Mortar rounds hit an area near the US embassy in Baghdad", "K24 Digital", "2020-01-04T22:05:00")
    assert article.source == str(EXAMPLE)
    again = clean(document_from_text(raw, source=str(EXAMPLE)))
    assert again == article


def test_seed_offsets_point_into_raw(seed):
    raw, article = seed
    i = article.body.index("Hashed vows US ouster")
    j = article.raw_offset(i)
    assert raw[j:j + 21] == "Hashed vows US ouster"


def test_header_without_known_title():
    # A JSON document with no title: the first line is a title because a byline/dateline follows it.
    raw = EXAMPLE.read_text(encoding="utf-8")
    article = clean(Document(id="x", text=raw))
    assert article.body.startswith("Tens of thousands")
    assert article.title == "Mortar rounds hit an area near the US embassy in Baghdad"
    assert article.published == "2020-01-04T22:05:00"


# --------------------------------------------------------------------------- captions

BODY = "Soldiers fired on the crowd, witnesses said.\n\nThe army denied it."
CAPTIONS = [
    "Protesters gather in the square on Friday. PHOTO | AFP",
    "Protesters gather in the square. Photo: Reuters",
    "Protesters gather in the square in Baghdad. (AP Photo/Hadi Mizban)",
    "FILE PHOTO: Protesters gather in the square in Baghdad, Iraq January 3, 2020. REUTERS/Thaier al-Sudani",
    "Protesters gather in the square. Photograph: Ahmad al-Rubaye/AFP via Getty Images",
    "Smoke rises over the city (Photo by Jane Doe/AFP)",
    "Protesters gather in the square. FILE PHOTO",
    "Photo: Protesters gather in the square on Friday",
]


@pytest.mark.parametrize("caption", CAPTIONS)
def test_caption_paragraph_is_dropped(caption):
    raw = f"{BODY.split(chr(10))[0]}\n\n{caption}\n\n{BODY.split(chr(10))[-1]}"
    assert _body(raw) == BODY


@pytest.mark.parametrize("caption", CAPTIONS)
def test_caption_line_inside_a_block_is_dropped(caption):
    first, last = BODY.split("\n\n")
    assert _body(f"{first}\n{caption}\n{last}") == BODY


@pytest.mark.parametrize("caption", CAPTIONS[:3])
def test_caption_line_with_label_is_dropped(caption):
    raw = f"Headline here\n\nBy Jane Doe, Reuters\nAli Hassan\n{caption}\n\n{BODY}"
    assert _body(raw, title="Headline here") == BODY


def test_label_before_caption_in_body_is_dropped():
    raw = f"Soldiers fired on the crowd, witnesses said.\n\nMain square\n{CAPTIONS[0]}\n\nThe army denied it."
    assert _body(raw) == BODY


def test_wrapped_caption_is_dropped_whole():
    raw = ("Soldiers fired on the crowd, witnesses said.\n\n"
           "Protesters gather in the main square of the capital on Friday as\n"
           "security forces look on from behind barriers. PHOTO | AFP\n\nThe army denied it.")
    assert _body(raw) == BODY


def test_caption_fragment_is_dropped():
    raw = ("Soldiers fired on the crowd, witnesses said.\n\n"
           "The crowd had gathered since dawn and was seen as a threat by the army.\n"
           "and was seen as a threat by the army.\n\nThe army denied it.")
    assert _body(raw) == ("Soldiers fired on the crowd, witnesses said.\n\n"
                          "The crowd had gathered since dawn and was seen as a threat by the army.\n\n"
                          "The army denied it.")


# --------------------------------------------------------------------------- what stays

KEPT = [
    "By the time troops arrived, the gunmen had fled.",  # starts with "By" but is a sentence
    "Photographs of the attack were shared widely, officials said.",
    "Reuters reported that the photo was taken on Friday.",
    "- Hashed vows revenge -",
    "On Saturday, 4 January, talks resumed in Geneva after a long pause in negotiations.",
]


@pytest.mark.parametrize("line", KEPT)
def test_body_text_is_kept(line):
    raw = f"Headline\n\nBy Jane Doe\n\nFirst paragraph of the story.\n\n{line}\n\nLast paragraph."
    assert _body(raw, title="Headline") == f"First paragraph of the story.\n\n{line}\n\nLast paragraph."


def test_duplicate_paragraphs_dropped():
    raw = "Rockets hit the base.\n\nNo one was hurt.\n\nRockets  hit the\nbase.\n\nThe end."
    assert _body(raw) == "Rockets hit the base.\n\nNo one was hurt.\n\nThe end."


def test_credit_lines_dropped():
    raw = "Rockets hit the base.\n\n(Reporting by Jane Doe in Baghdad; Editing by John Roe)"
    assert _body(raw) == "Rockets hit the base."


# --------------------------------------------------------------------------- layout

LAYOUTS = [
    # hard-wrapped paragraphs join into one line each
    ("Rockets hit the base near the airport late on Saturday,\nsecurity sources said, adding that no one\n"
     "was hurt in the attack.\n\nA second volley followed.",
     "Rockets hit the base near the airport late on Saturday, security sources said, adding that no one "
     "was hurt in the attack.\n\nA second volley followed."),
    # one paragraph per line (no blank lines): lines stay paragraphs
    ("Rockets hit the base near the airport late on Saturday, security sources said, adding that nobody "
     "was hurt in the attack on the base.\nA second volley followed an hour later and hit the runway of "
     "the airport, the officials added on Sunday.",
     "Rockets hit the base near the airport late on Saturday, security sources said, adding that nobody "
     "was hurt in the attack on the base.\n\nA second volley followed an hour later and hit the runway of "
     "the airport, the officials added on Sunday."),
    # messy whitespace
    ("  Rockets\thit   the base.  \n\n\n\n  It was\u00a0late.  \n", "Rockets hit the base.\n\nIt was late."),
    # sub-headings and bullets are their own paragraphs even without blank lines
    ("Rockets hit the base near the airport late\non Saturday.\n- Talks stalled -\nNegotiators left the\n"
     "capital.\n- one\n- two",
     "Rockets hit the base near the airport late on Saturday.\n\n- Talks stalled -\n\nNegotiators left the "
     "capital.\n\n- one\n\n- two"),
    # indented paragraph starts inside one block
    ("   THE ARMY REPORTED A CLASH IN THE NORTH OF THE\nCOUNTRY YESTERDAY.\n   THREE SOLDIERS DIED.",
     "THE ARMY REPORTED A CLASH IN THE NORTH OF THE COUNTRY YESTERDAY.\n\nTHREE SOLDIERS DIED."),
]


@pytest.mark.parametrize("raw,body", LAYOUTS)
def test_paragraph_layout(raw, body):
    assert _body(raw) == body


MUC = [
    ("DEV-MUC3-0001 (NOSC)\n\n   SAN SALVADOR, 3 JAN 90 -- [REPORT] [ARMED FORCES PRESS COMMITTEE,\n"
     "COPREFA] [TEXT] THE ARCE BATTALION COMMAND HAS REPORTED THAT ABOUT 50\nPEASANTS WERE KIDNAPPED.\n",
     "THE ARCE BATTALION COMMAND HAS REPORTED THAT ABOUT 50 PEASANTS WERE KIDNAPPED.", "1990-01-03"),
    ("   SANTIAGO, 5 JAN 90 -- [EXCERPTS] THE GOVERNMENT JUNTA YESTERDAY APPROVED A\nDRAFT BILL.\n",
     "THE GOVERNMENT JUNTA YESTERDAY APPROVED A DRAFT BILL.", "1990-01-05"),
    ("   LIMA, NO DATE (EFE) -- [TEXT] [CONTINUED] [GARCIA] WE WILL WIN.\n", "[GARCIA] WE WILL WIN.", None),
    ("   CARACAS (VENEZUELA), 18 MAY 90 (TELEVISION CANAL 8)\n-- [TEXT] A BOMB EXPLODED.\n",
     "A BOMB EXPLODED.", "1990-05-18"),
]


@pytest.mark.parametrize("raw,body,published", MUC)
def test_muc_header_dropped(raw, body, published):
    article = clean(Document(id="m", text=raw))
    assert (article.body, article.published) == (body, published)


def test_document_metadata_wins_and_is_kept():
    doc = Document(id="d", text="By Jane Doe, Reuters\nJanuary 5, 2020\n\nBody.", title="T",
                   published="2021-01-01", url="https://x", publisher="P", source="s.json:3")
    article = clean(doc)
    assert (article.id, article.title, article.published, article.url, article.publisher, article.source) == (
        "d", "T", "2021-01-01", "https://x", "P", "s.json:3")
    assert article.body == "Body."


# --------------------------------------------------------------------------- dates

DATES = [
    ("On Sat, 4 Jan, 2020 22:05 | 3 mins read", "2020-01-04T22:05:00"),
    ("Published: 2021-03-04", "2021-03-04"),
    ("January 5, 2020", "2020-01-05"),
    ("Jan. 5th, 2020 at 10:30 AM", "2020-01-05T10:30:00"),
    ("5 January 2020 12:05 pm", "2020-01-05T12:05:00"),
    ("2020-01-04T22:05:00+03:00", "2020-01-04T22:05:00+03:00"),
    ("16 NOV 89", "1989-11-16"),
    ("2020/01/04", "2020-01-04"),
    ("25/12/2020", "2020-12-25"),
    ("04.05.2020", "2020-05-04"),
    ("04/05/2020", None),  # ambiguous: no guess
    ("February 30, 2020", None),
    ("3 mins read", None),
]


@pytest.mark.parametrize("text,iso", DATES)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("value,iso", [("2020-01-04", "2020-01-04"), ("2020-01-04T22:05", "2020-01-04T22:05:00"),
                                       ("2020-01-04T22:05:00Z", "2020-01-04T22:05:00+00:00"),
                                       ("4 January 2020", "2020-01-04"), ("next week", None),
                                       ("said on 4 January 2020 that the talks", None)])
def test_normalise_published(value, iso):
    assert normalise_published(value) == iso


HEADER_LINES = [
    # (header lines between title and body, publisher, published)
    ("Jan 5, 2020 / 10:31 AM / Updated 2 hours ago\nBy JOHN SMITH and MARY JONES", "JOHN SMITH and MARY JONES",
     "2020-01-05T10:31:00"),
    ("By Ahmed Rasheed\n\n3 Min Read", "Ahmed Rasheed", None),
    ("Published 5 January 2020\nUpdated 6 January 2020", None, "2020-01-05"),
    ("Al Jazeera | 05 Jan 2020", None, "2020-01-05"),
    ("Reading time: 4 minutes\nPosted 3 hours ago", None, None),
]


@pytest.mark.parametrize("lines,publisher,published", HEADER_LINES)
def test_header_lines_are_read_and_dropped(lines, publisher, published):
    article = clean(document_from_text(f"Clashes erupt in Tripoli\n{lines}\n\nFighting broke out on Sunday."))
    assert (article.body, article.publisher, article.published) == (
        "Fighting broke out on Sunday.", publisher, published)


def test_read_header_body_start():
    raw = "Title line\n\nBy Jane Doe\n\nBody starts."
    header = read_header(raw, first_line_is_title=True)
    assert raw[header.body_start:] == "Body starts." and header.title == "Title line"


# --------------------------------------------------------------------------- offsets (property)

_PIECES = st.sampled_from([
    "word", "Baghdad", "said.", " ", "  ", "\t", "\n", "\n\n", "\n\n\n", "\r\n", "\u00a0", "PHOTO | AFP",
    "By Jane Doe", "- sub -", "[TEXT]", "é", "1989", "Photo: Reuters", "(AP Photo/X)", ",",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=60).map("".join), st.text(max_size=300)))
def test_offsets_map_body_back_to_raw(raw):
    article = clean(Document(id="p", text=raw))
    body = article.body
    for i, char in enumerate(body):
        if not char.isspace():
            assert raw[article.raw_offset(i)] == char
    assert body == body.strip() and "\n\n\n" not in body and not re.search(r"[^\S\n]{2,}| \n|\n ", body)
    assert [s[0] for s in article.offsets] == sorted(s[0] for s in article.offsets)
    assert clean(Document(id="p", text=raw)).body == body  # stable
