"""What sets a later report of a local story apart from its lead attack (events/merge.story_apart), heard
through merge's ``on_story`` hook (the error analysis of benchmarks/gva.py reads the same reasons)."""
from __future__ import annotations

import pytest

from eventwire.events.merge import merge
from eventwire.knowledge.lexicon import load_lexicon
from eventwire.events.dates import Timex
from eventwire.models import Article, Place, Span
from eventwire.places.locality import Setting

from test_merge import day, mention

LEX = load_lexicon()
ARTICLE = Article(id="a1", body="x" * 400, published="2020-01-04")
AKRON = Place(text="Akron", name="Akron", country="USA", admin1="Ohio", lat=41.08, lon=-81.52, precision="city")
DAYTON = Place(text="Dayton", name="Dayton", country="USA", admin1="Ohio", lat=39.76, lon=-84.19, precision="city")
LOCAL = Setting(AKRON, local=True)


def heard(later: dict, *, locality: Setting | None = LOCAL) -> list[str | None]:
    lead = mention(0, places=(AKRON,), date=day("2020-01-03"), injured=1, mode="firearms")
    other = mention(1, **{"paragraph": 4, "mode": "firearms", **later})
    reasons: list[str | None] = []
    merge([lead, other], article=ARTICLE, lex=LEX, locality=locality,
          on_story=lambda mentions, reason: reasons.append(reason))
    return reasons


@pytest.mark.parametrize("later, reason", [
    pytest.param({}, None, id="joined"),
    pytest.param({"type": "COERCE"}, "other type", id="other-type"),
    pytest.param({"factuality": "hypothetical"}, "not asserted", id="not-asserted"),
    pytest.param({"novel": True}, "novel", id="another-shooting"),
    pytest.param({"several": True}, "several", id="several"),
    pytest.param({"mode": "explosives"}, "weapon", id="weapon"),
    pytest.param({"date": day("2020-01-09")}, "dated apart", id="dated-apart"),
    pytest.param({"places": (DAYTON,)}, "placed apart", id="placed-apart"),
])
def test_each_report_is_heard_with_what_kept_it_apart(later, reason):
    assert heard(later) == ["lead", reason]


def test_a_story_that_is_not_local_is_heard_as_such():
    assert heard({}, locality=None) == ["not local", "not local"]


def joins(lead: dict, later: dict) -> bool:
    first = mention(0, **{"places": (AKRON,), "mode": "firearms", "trigger": "shooting", **lead})
    other = mention(1, **{"paragraph": 4, **later})
    return len(merge([first, other], article=ARTICLE, lex=LEX, locality=LOCAL)) == 1


@pytest.mark.parametrize("trigger, mode, joined", [
    pytest.param("fight", "beat", True, id="the-fight-that-escalated-to-shots"),
    pytest.param("altercation", "beat", True, id="an-altercation-before-the-shooting"),
    pytest.param("brawls", "beat", True, id="brawls"),
    pytest.param("stabbed", "beat", False, id="a-stabbing-names-a-knife"),
    pytest.param("bombing", "explosives", False, id="another-weapon"),
])
def test_a_fight_the_shooting_grew_out_of_is_the_shooting(trigger, mode, joined):
    """"An argument and fight escalated to shots being fired": a fight noun tells how the story's attack began;
    a verb of stabbing names a weapon of its own."""
    assert joins({}, {"trigger": trigger, "mode": mode, "injured": 3}) is joined


def test_a_story_that_opens_on_the_fight_joins_the_shots_fired():
    assert joins({"trigger": "brawl", "mode": "beat"}, {"trigger": "shooting", "mode": "firearms", "injured": 2})
    assert not joins({"trigger": "brawl", "mode": "beat"}, {"trigger": "bombing", "mode": "explosives", "injured": 2,
                                                           "places": (DAYTON,)})


def timex_in(sentence: str, text: str, value: str, precision: str, *, at: int = 40) -> tuple[Span, Timex]:
    start = at + sentence.index(text)
    return Span(sentence, at, at + len(sentence)), Timex(start, start + len(text), text, value, precision)


@pytest.mark.parametrize("sentence, text, value, precision, joined", [
    pytest.param("Police arrested him in connection with a shooting a day earlier.", "a day earlier", "2020-01-08",
                 "day", True, id="a-day-counted-from-the-arrest"),
    pytest.param("He was shot two days ago on Main Street.", "two days ago", "2020-01-08", "day", False,
                 id="a-day-counted-from-the-day-of-writing"),
    pytest.param("He was shot Wednesday on Main Street.", "Wednesday", "2020-01-08", "day", False,
                 id="another-weekday"),
    pytest.param("Four were wounded after the city's Fourth of July fireworks.", "of July", "2020-07", "month", True,
                 id="the-fourth-of-july-is-a-day"),
    pytest.param("Four were wounded after the city's 4th of July fireworks.", "of July", "2020-07", "month", True,
                 id="the-4th-of-july"),
    pytest.param("Four were wounded after the 14th of July parade.", "of July", "2020-07", "month", False,
                 id="another-day-of-the-month"),
    pytest.param("In July, four people were wounded in the city.", "July", "2020-07", "month", False,
                 id="a-toll-of-the-month"),
])
def test_a_day_counted_from_the_story_or_named_by_an_ordinal(sentence, text, value, precision, joined):
    """"in connection with a shooting a day earlier" counts from the arrest, not from the day of writing, and
    cannot date a report apart; "the Fourth of July" is a day, not the month."""
    lead_day = "2020-07-04" if value.startswith("2020-07") else "2020-01-03"
    span, timex = timex_in(sentence, text, value, precision)
    assert joins({"date": day(lead_day)}, {"sentence": span, "clause": span, "date": timex, "mode": "firearms",
                                           "injured": 4}) is joined
