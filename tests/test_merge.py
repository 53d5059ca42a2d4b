"""Merging mentions into events, on hand-made mentions (no model): one event per real event."""
from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.dates import Timex
from eventwire.lexicon import load_lexicon
from eventwire.mentions import Mention
from eventwire.merge import compatibility, merge
from eventwire.models import Actor, Article, Place, Span

LEX = load_lexicon()
ARTICLE = Article(id="a1", body="x" * 400, published="2020-01-04")
BAGHDAD = Place(text="Baghdad", name="Baghdad", country="IRQ", admin1=None, lat=33.34, lon=44.40, precision="city")
BASRA = Place(text="Basra", name="Basra", country="IRQ", admin1=None, lat=30.51, lon=47.78, precision="city")
BASE = Place(text="Balad base", name="Balad Air Base", country="IRQ", admin1=None, lat=33.94, lon=44.36,
             feature="military base", precision="site")
USA = Actor(text="US", name="United States", country="USA", sector="GOV")
IRN = Actor(text="Iran", name="Iran", country="IRN", sector="GOV")


def mention(index: int, **fields) -> Mention:
    start = index * 40
    base = dict(index=index, sentence=Span("s" * 30, start, start + 30), clause=Span("s" * 30, start, start + 30),
                trigger="attack", type="ASSAULT", mode=None, family=None, confidence=0.8, factuality="asserted",
                actors=(), recipients=(), places=(), generic_site=None, date=None, weak_date=None,
                fatalities=None, injured=None, definite=False, novel=False, names=frozenset(), cause=None,
                shares_sentence=False, head=index * 10, paragraph=index)
    base.update(fields)
    return Mention(**base)


def day(value: str) -> Timex:
    return Timex(0, 3, "day", value, "day")


@pytest.mark.parametrize("first, second, merged", [
    pytest.param({"places": (BAGHDAD,)}, {"places": (BAGHDAD,), "definite": True}, True, id="same-place-definite"),
    pytest.param({"places": (BAGHDAD,)}, {"places": (BASRA,), "definite": True}, False, id="places-far-apart"),
    pytest.param({"date": day("2020-01-03")}, {"date": day("2020-01-04"), "definite": True}, False,
                 id="different-days"),
    pytest.param({"mode": "drone"}, {"mode": "heavy-weapons", "definite": True}, False, id="different-weapons"),
    pytest.param({"actors": (USA,)}, {"actors": (IRN,), "definite": True}, False, id="different-attackers"),
    pytest.param({}, {"novel": True, "definite": True}, False, id="a-new-strike"),
    pytest.param({}, {"factuality": "hypothetical", "definite": True}, False, id="a-feared-attack"),
    pytest.param({"generic_site": "base"}, {"places": (BASE,), "definite": True}, True, id="named-base-bridges"),
    pytest.param({"fatalities": 0}, {"fatalities": 10, "definite": True}, False, id="no-dead-versus-ten"),
    pytest.param({"paragraph": 1}, {"paragraph": 1, "fatalities": 3, "injured": 5}, True,
                 id="toll-completes-the-attack-of-its-paragraph"),
    pytest.param({"paragraph": 1}, {"paragraph": 2, "fatalities": 3}, True, id="toll-in-the-next-paragraph"),
    pytest.param({"paragraph": 1}, {"paragraph": 3, "fatalities": 3}, False, id="toll-two-paragraphs-later"),
    pytest.param({"paragraph": 2}, {"paragraph": 1, "fatalities": 3}, False, id="toll-before-the-attack"),
    pytest.param({"fatalities": 1, "names": frozenset({"Quintero"})},
                 {"fatalities": 2, "names": frozenset({"Jimenez", "Espinoza"}), "definite": True}, False,
                 id="other-dead-with-other-names"),
    pytest.param({"fatalities": 1}, {"fatalities": 2, "several": True, "definite": True}, False,
                 id="the-two-killings-sum-up-two-events"),
    pytest.param({"fatalities": 1, "names": frozenset({"Soleimani"})},
                 {"fatalities": 10, "names": frozenset({"Soleimani", "Muhandis"}), "definite": True}, True,
                 id="a-larger-toll-naming-the-same-victim"),
])
def test_merge_decisions(first, second, merged):
    a, b = mention(0, **first), mention(1, **second)
    events = merge([a, b], article=ARTICLE, lex=LEX)
    assert (len(events) == 1) is merged


def test_a_mention_inside_another_ones_phrase_is_the_same_event():
    """"the murder of 10 members in a dynamite attack": one sentence, one phrase, one event, even when
    the inner mention reads as claimed."""
    outer = mention(0, trigger="murder", fatalities=10, definite=True)
    inner = mention(1, sentence=outer.sentence, trigger="attack", mode="explosives", factuality="claimed",
                    within=0)
    assert len(merge([outer, inner], article=ARTICLE, lex=LEX)) == 1
    assert len(merge([outer, replace(inner, within=None)], article=ARTICLE, lex=LEX)) == 2


def test_statements_never_merge_across_sentences():
    a = mention(0, type="THREATEN", actors=(IRN,))
    b = mention(1, type="THREATEN", actors=(IRN,), definite=True)
    assert compatibility(b, [a]) is None


def test_merged_fields_come_from_the_best_mentions():
    a = mention(0, mode="drone", actors=(USA,), date=day("2020-01-03"))
    b = mention(1, definite=True, places=(BAGHDAD,), fatalities=10, names=frozenset({"Soleimani"}))
    c = mention(2, definite=True, fatalities=9, names=frozenset({"Soleimani"}))
    (event,) = merge([a, b, c], article=ARTICLE, lex=LEX)
    assert event.date == "2020-01-03" and event.date_precision == "day"
    assert event.location == BAGHDAD and event.fatalities == 10  # the largest count, never a sum
    assert event.acled_subtype == "Air/drone strike" and len(event.mentions) == 2
    assert replace(event, confidence=0).event_id == event.event_id


def test_a_coarse_date_is_narrowed_or_gives_way_to_the_reports_day():
    from types import SimpleNamespace

    from eventwire.dates import Timex
    from eventwire.merge import _refined

    def timex(value, precision):
        return Timex(0, 4, value, value, precision)

    day = timex("1989-05-27", "day")
    main = SimpleNamespace(weak_date=day, context_date=None)
    assert _refined(timex("1969", "year"), [main]) == day  # "the 1969 war" merged into a clash of 27 May
    assert _refined(timex("1989-05", "month"), [main]) == day  # "in May", the story's day inside it
    alone = SimpleNamespace(weak_date=None, context_date=None)
    assert _refined(timex("1969", "year"), [alone]).value == "1969"


def victim(text: str) -> Actor:
    return Actor(text=text, name=text)


JESUITS = dict(trigger="murder", fatalities=8, recipients=(victim("six Jesuit priests"),))


@pytest.mark.parametrize("first, second, merged", [
    pytest.param(JESUITS, {"definite": True, "names": frozenset({"Hector", "Oqueli"}),
                           "recipients": (victim("Hector Oqueli"),)}, False,
                 id="the-assassination-of-another-named-victim"),
    pytest.param({"fatalities": 1, "names": frozenset({"Ellacuria"}), "recipients": (victim("Ignacio Ellacuria"),)},
                 {"definite": True, "names": frozenset({"Ellacuria"}), "recipients": (victim("Ellacuria's"),)}, True,
                 id="the-assassination-of-the-same-named-victim"),
    pytest.param({"fatalities": 1, "names": frozenset({"Garcia", "Alvarado"}),
                  "recipients": (victim("attorney general Garcia Alvarado"),)},
                 {"definite": True, "names": frozenset({"Porth", "Ungo"}), "recipients": (victim("Rodriguez Porth's"),)},
                 False, id="one-killing-of-another-named-victim"),
    pytest.param({"fatalities": 2, "recipients": (victim("two leaders"),)},
                 {"definite": True, "fatalities": 12}, False, id="the-massacre-of-another-group"),
    pytest.param({"fatalities": 10}, {"definite": True, "fatalities": 12}, True, id="a-toll-that-grew"),
    pytest.param({"fatalities": 1, "names": frozenset({"Soleimani"}), "recipients": (victim("Soleimani"),)},
                 {"definite": True, "fatalities": 10}, True, id="a-toll-with-the-named-victim"),
])
def test_a_definite_mention_with_victims_of_its_own(first, second, merged):
    """"The assassination of X" is definite by its own complement: it joins an event only when its victims
    agree with the event's (or other evidence links them)."""
    a, b = mention(0, **first), mention(1, **second)
    assert (len(merge([a, b], article=ARTICLE, lex=LEX)) == 1) is merged


def test_a_single_named_killing_is_not_another_ones():
    """"Mayor X was kidnapped on 5 January ... executed"; "On 5 January, mayor Y was killed": same day,
    same place, but another victim."""
    date, place = day("2020-01-05"), (BAGHDAD,)
    kidnapped = mention(0, trigger="kidnapped", date=date, places=place, names=frozenset({"Castellar"}),
                        recipients=(victim("Castellar"),))
    executed = mention(1, trigger="executed", fatalities=1, date=date, places=place)
    other = mention(2, trigger="killed", fatalities=1, date=date, places=place,
                    names=frozenset({"Carlos", "Torrado"}), recipients=(victim("Carlos Torrado"),))
    same = replace(other, names=frozenset({"Castellar"}), recipients=(victim("Castellar"),))
    assert len(merge([kidnapped, executed, other], article=ARTICLE, lex=LEX)) == 2
    assert len(merge([kidnapped, executed, same], article=ARTICLE, lex=LEX)) == 1


def test_dead_also_killed_in_the_next_sentence_add_to_the_killing():
    """"X was killed on 5 January. His son, Y and Z were also killed.": one killing of four."""
    killed = mention(0, trigger="killed", fatalities=1, paragraph=1, date=day("2020-01-05"))
    also = mention(1, trigger="killed", fatalities=3, also=True, paragraph=1, names=frozenset({"William"}))
    (event,) = merge([killed, also], article=ARTICLE, lex=LEX)
    assert event.fatalities == 4
    elsewhere = replace(also, places=(BASRA,))  # "Also today in Basra, judge Y was shot": another killing
    assert len(merge([killed, elsewhere], article=ARTICLE, lex=LEX)) == 2


def test_a_bare_report_in_the_events_sentence_tells_more_of_it():
    """"... the death of the Colombian senator, 'murdered by criminals'": the participle names no victim,
    count or place of its own; it is the death of its sentence (not a report of another sentence)."""
    death = mention(0, trigger="death", fatalities=1, definite=True, recipients=(victim("the senator"),))
    murdered = mention(1, trigger="murdered", sentence=death.sentence, actors=(USA,))
    (event,) = merge([death, murdered], article=ARTICLE, lex=LEX)
    assert event.fatalities == 1
    assert len(merge([death, replace(murdered, recipients=(victim("a judge"),))], article=ARTICLE, lex=LEX)) == 2
    assert len(merge([death, replace(murdered, sentence=Span("s" * 30, 40, 70))], article=ARTICLE, lex=LEX)) == 2
