"""Rule tests for eventwire.events.dates: the regex resolver without a model."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.events.dates import Timex, find_timexes

SAT = dt.date(2020, 1, 4)  # a Saturday
WED = dt.date(1989, 11, 15)


def _one(text: str, anchor: dt.date | None = SAT) -> tuple[str, str, str] | None:
    found = find_timexes(text, anchor=anchor)
    if not found:
        return None
    best = max(found, key=lambda t: t.end - t.start)
    return best.text, best.value, best.precision


@pytest.mark.parametrize("text, expected", [
    # weekdays: the most recent such day on or before the anchor, the anchor's own day included
    ("Rockets hit the base late Saturday.", ("late Saturday", "2020-01-04", "day")),
    ("Early on Saturday, a strike hit a convoy.", ("Early on Saturday", "2020-01-04", "day")),
    ("The killing of the general on Friday was an escalation.", ("on Friday", "2020-01-03", "day")),
    ("Saturday's attack", ("Saturday's", "2020-01-04", "day")),
    ("They met on Sunday night.", ("on Sunday night", "2019-12-29", "day")),
    ("They met last Saturday.", ("last Saturday", "2019-12-28", "day")),
    # future: tense or next/this coming
    ("The minister will travel to Paris on Monday.", ("on Monday", "2020-01-06", "day")),
    ("He said he would visit on Friday.", ("on Friday", "2020-01-10", "day")),
    ("Talks are planned for next Monday.", ("next Monday", "2020-01-06", "day")),
    ("this coming Saturday", ("this coming Saturday", "2020-01-11", "day")),
    # deictic and relative
    ("today", ("today", "2020-01-04", "day")),
    ("tonight", ("tonight", "2020-01-04", "day")),
    ("yesterday", ("yesterday", "2020-01-03", "day")),
    ("late last night", ("late last night", "2020-01-03", "day")),
    ("the day before", ("the day before", "2020-01-03", "day")),
    ("two days ago", ("two days ago", "2020-01-02", "day")),
    ("last week", ("last week", "2019-12", "month")),  # weeks are given at month precision
    ("last month", ("last month", "2019-12", "month")),
    ("last year", ("last year", "2019", "year")),
    ("earlier this year", ("earlier this year", "2020", "year")),
    ("a year ago", ("a year ago", "2019", "year")),
    # months
    ("in March", ("in March", "2019-03", "month")),
    ("in January", ("in January", "2020-01", "month")),
    ("Elections will be held in March.", ("in March", "2020-03", "month")),
    ("last November", ("last November", "2019-11", "month")),
    ("late November", ("late November", "2019-11", "month")),
    ("June last year", ("June last year", "2019-06", "month")),
    ("March 2019", ("March 2019", "2019-03", "month")),
    # explicit dates
    ("March 5", ("March 5", "2020-03-05", "day")),  # nearer ahead than behind, within 120 days
    ("June 5", ("June 5", "2019-06-05", "day")),  # too far ahead: the last one
    ("Dec. 30", ("Dec. 30", "2019-12-30", "day")),
    ("payable Jan. 20", ("Jan. 20", "2020-01-20", "day")),  # a little ahead: a scheduled date
    ("5 March", ("5 March", "2020-03-05", "day")),
    ("March 5, 2019", ("March 5, 2019", "2019-03-05", "day")),
    ("the Aug. 7, 1998, bombings", ("Aug. 7, 1998", "1998-08-07", "day")),
    ("5 Mar 1989", ("5 Mar 1989", "1989-03-05", "day")),
    ("2019-03-05", ("2019-03-05", "2019-03-05", "day")),
    ("On Sat, 4 Jan, 2020 22:05", ("Sat, 4 Jan, 2020", "2020-01-04", "day")),
    ("between 3 and 5 March", ("between 3 and 5 March", "2020-03-03", "day")),
    ("from March 3-5", ("from March 3-5", "2020-03-03", "day")),
    ("in 2019", ("in 2019", "2019", "year")),
    ("the 1996 Olympic bombing", ("1996", "1996", "year")),
])
def test_find_timexes(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("SAN SALVADOR, 16 NOV 89 -- [TEXT]", ("16 NOV 89", "1989-11-16", "day")),
    ("THE ATTACK TOOK PLACE ON 14 NOVEMBER IN SAN LUIS", ("14 NOVEMBER", "1989-11-14", "day")),
    ("ON 15 NOVEMBER THE FMLN ATTACKED", ("15 NOVEMBER", "1989-11-15", "day")),
    ("TWO SOLDIERS WERE KILLED YESTERDAY AFTERNOON", ("YESTERDAY AFTERNOON", "1989-11-14", "day")),
    ("THE ATTACK TOOK PLACE ON SATURDAY", ("ON SATURDAY", "1989-11-11", "day")),
    ("IN NOVEMBER 1989", ("IN NOVEMBER 1989", "1989-11", "month")),
])
def test_upper_case_muc(text, expected):
    assert _one(text, WED) == expected


@pytest.mark.parametrize("text", [
    "the roughly 5,200 American troops deployed",
    "some 2000 troops were sent",
    "It may rain.",  # the modal, not the month
    "a march on the capital",
    "05/03/2019",  # ambiguous numeric date: skipped
    "$2019 in cash",
    "the 62-year-old commander",
])
def test_not_a_date(text):
    assert find_timexes(text, anchor=SAT) == []


def test_muc_yearless_date_before_new_year():
    found = find_timexes("THE KIDNAPPING TOOK PLACE ON 30 DECEMBER", anchor=dt.date(1990, 1, 3))
    assert [(t.text, t.value) for t in found] == [("30 DECEMBER", "1989-12-30")]


def test_without_anchor_only_dated_expressions():
    found = find_timexes("On Friday, after the 5 March 2019 attack, and yesterday.", anchor=None)
    assert [(t.text, t.value) for t in found] == [("5 March 2019", "2019-03-05")]


def test_offsets_and_padding():
    text = "Clashes broke out on Friday in the capital in March 2019."
    found = find_timexes(text, anchor=SAT)
    assert all(text[t.start:t.end] == t.text for t in found)
    assert [t.iso_date for t in found] == ["2020-01-03", "2019-03-01"]
    assert isinstance(found[0], Timex)


def test_tense_callable_overrides_the_lexical_cue():
    text = "They meet on Friday."
    assert find_timexes(text, anchor=SAT, tense_future=lambda s, e: True)[0].value == "2020-01-10"
    assert find_timexes(text, anchor=SAT, tense_future=lambda s, e: None)[0].value == "2020-01-03"


def test_a_clock_time_is_not_a_year():
    import datetime as dt

    from eventwire.events.dates import find_timexes
    anchor = dt.date(1989, 11, 12)
    assert find_timexes("THE OFFENSIVE, WHICH BEGAN AT 2000 (0200 GMT), CONTINUED.", anchor=anchor) == []
    assert find_timexes("The bomb exploded at 1130 hours.", anchor=anchor) == []
    assert [t.value for t in find_timexes("Elections were held in 1990.", anchor=anchor)] == ["1990"]


def test_planning_a_past_attack_does_not_move_its_date_into_the_future(nlp):
    import datetime as dt

    from eventwire.events.dates import find_timexes, tense_reader
    text = "The car bomb attack on 6 December had been planned since last September, officials said."
    doc = nlp(text)
    found = find_timexes(text, anchor=dt.date(1989, 12, 8), tense_future=tense_reader(doc))
    assert [t.value for t in found if t.text.endswith("December")] == ["1989-12-06"]
    doc = nlp("The vote is scheduled for 6 December.")
    found = find_timexes(doc.text, anchor=dt.date(1989, 12, 8), tense_future=tense_reader(doc))
    assert [t.value for t in found] == ["1990-12-06"]


@pytest.mark.parametrize("text", [
    "Within the last year, three children died from errant gunfire.",
    "The block has seen gunplay over the last month.",
    "The last year has been hard on the neighborhood.",
    "He was shot in the last week of June.",
])
def test_the_last_unit_is_a_span_up_to_now_not_a_date(text):
    """"within *the* last year", "over the last month": the period that ends at the report, not the calendar
    year or month before it; no date of an event (a month named inside it still dates)."""
    assert all(t.text.lower() not in ("last year", "last month", "last week") for t in find_timexes(text, anchor=SAT))


@pytest.mark.parametrize("text, expected", [
    ("He was shot last year.", ("last year", "2019", "year")),
    ("Last month, two men were wounded.", ("Last month", "2019-12", "month")),
    ("The attack last week left one dead.", ("last week", "2019-12", "month")),
    ("The next year, the city adopted the program.", ("next year", "2021", "year")),
])
def test_last_unit_without_the_is_still_the_unit_before(text, expected):
    """Without "the", "last year" is the calendar year before the anchor's; "the next year" is still a year."""
    assert _one(text) == expected
