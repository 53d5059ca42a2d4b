"""Merging mentions into events, on hand-made mentions (no model): one event per real event."""
from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.events.dates import Timex
from eventwire.knowledge.lexicon import load_lexicon
from eventwire.events.records import Mention
from eventwire.events.merge import compatibility, merge
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
    assert compatibility(b, [a], LEX) is None


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

    from eventwire.events.dates import Timex
    from eventwire.events.merge import _refined

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


LIMA = Place(text="Lima", name="Lima", country="PER", admin1=None, lat=-12.05, lon=-77.04, precision="city")


def sentence(index: int, text: str, *, clause: str | None = None, **fields) -> Mention:
    """A mention whose sentence (and clause, a part of it) read ``text``."""
    start = index * 200
    span = Span(text, start, start + len(text))
    at = start + text.index(clause) if clause is not None else start
    part = span if clause is None else Span(clause, at, at + len(clause))
    return mention(index, sentence=span, clause=part, **fields)


@pytest.mark.parametrize("text, expected", [
    ("During the last 6 months, five judges have been killed by hired assassins.", True),
    ("So far this year, 12 members of the UP have been killed.", True),
    ("Since the UP was founded in 1985, approximately 900 of its members have been murdered.", True),
    ("Since 1985, more than 1,000 members have been killed throughout the country.", True),
    ("It has caused the death of 20,000 people over its 10 year history.", True),
    ("Since then 10 other people who used to frequent the farm have been killed.", True),
    ("At least seven people had been killed and 40 wounded in 33 separate shootings since Friday.", True),
    ("Since last Saturday, four people have been shot in the neighborhood.", True),
    ("Two officials were assassinated in the last few hours near Medellin.", False),
    ("Five people were killed when a bomb exploded today.", False),
])
def test_a_toll_over_a_span_of_time_is_an_aggregate(text, expected):
    from eventwire.events.merge import aggregate

    assert aggregate(sentence(0, text, fatalities=5)) is expected
    assert not aggregate(sentence(0, text))  # no toll: nothing summed up


def test_a_toll_over_a_span_of_time_is_no_single_killing():
    """"Judge X was shot dead today. During the last 6 months, five judges have been killed in Medellin.":
    the five are many killings, none of them the judge's (and a killing told after such a toll is not part
    of it)."""
    killing = sentence(0, "Judge X was shot dead in Lima today.", fatalities=1, places=(LIMA,))
    toll = sentence(1, "During the last 6 months, five judges have been killed in Lima.", fatalities=5,
                    places=(LIMA,))
    events = merge([killing, toll], article=ARTICLE, lex=LEX)
    assert [e.fatalities for e in events] == [1, 5]
    later = replace(killing, index=2, sentence=Span(killing.sentence.text, 400, 436), clause=Span(
        killing.sentence.text, 400, 436), definite=True)
    assert len(merge([replace(toll, index=0), later], article=ARTICLE, lex=LEX)) == 2
    plain = replace(toll, clause=Span("Five judges have been killed in Lima.", 200, 237))
    assert len(merge([killing, plain], article=ARTICLE, lex=LEX)) == 1  # the rule, not the places, splits


def test_blaming_someone_for_an_attack_does_not_make_it_doubtful():
    """"Maza blamed narcomilitary organizations for a car-bomb attack from which he escaped today": a claim
    of who did it; "in the attack four pedestrians were killed" reports the same attack as a fact."""
    text = "Maza blamed narcomilitary organizations for a car-bomb attack from which he escaped today."
    blamed = sentence(0, text, clause="a car-bomb attack from which he escaped today", factuality="claimed")
    killed = sentence(1, "In the terrorist action four pedestrians were killed.", trigger="killed",
                      fatalities=4, definite=True)
    (event,) = merge([blamed, killed], article=ARTICLE, lex=LEX)
    assert event.fatalities == 4 and event.factuality == "asserted"
    text = "The army accused the rebels of killing civilians in the village."
    accused = sentence(0, text, clause="killing civilians in the village", factuality="claimed")
    assert len(merge([accused, killed], article=ARTICLE, lex=LEX)) == 2  # the claim is that they killed


def test_two_counts_of_dead_in_one_sentence_are_two_events():
    """"The murder on 26 February of Mayor X and the murder on 27 February of six more followers"."""
    text = "The UP reported the murder of Mayor X and the murder of six more followers."
    mayor = sentence(0, text, trigger="murder", fatalities=1, definite=True)
    six = sentence(1, text, trigger="murder", fatalities=6, definite=True)
    six = replace(six, sentence=mayor.sentence, clause=mayor.sentence)
    assert [e.fatalities for e in merge([mayor, six], article=ARTICLE, lex=LEX)] == [1, 6]


def test_the_dead_an_attack_left_in_its_sentence_are_its_toll():
    """"The narcoterrorists who perpetrated an attack in Bogota today that left 31 dead and 1,000 injured"."""
    text = "The narcoterrorists who perpetrated an attack in Lima today that left 31 dead and 1,000 injured."
    attack = sentence(0, text, places=(LIMA,))
    toll = replace(sentence(1, text, trigger="injured", fatalities=31, injured=1000, actors=(USA,)),
                   sentence=attack.sentence, clause=attack.sentence, paragraph=0)
    (event,) = merge([attack, toll], article=ARTICLE, lex=LEX)
    assert event.fatalities == 31
    assert len(merge([attack, replace(toll, trigger="attacked")], article=ARTICLE, lex=LEX)) == 2


def test_how_the_people_just_reported_killed_were_attacked():
    """"Torrado ... was killed. ... were also killed. The group was travelling ... when their vehicle was
    blown up by explosive charges": the bombing that killed them."""
    killed = mention(0, trigger="killed", fatalities=1, paragraph=1, date=day("2020-01-05"))
    also = mention(1, trigger="killed", fatalities=3, also=True, paragraph=2)
    text = "The group was travelling in a vehicle when their vehicle was blown up by explosive charges."
    bomb = sentence(2, text, trigger="blown", mode="explosives", paragraph=3)
    (event,) = merge([killed, also, bomb], article=ARTICLE, lex=LEX)
    assert event.fatalities == 4 and event.mode == "explosives"
    other = sentence(2, "A bomb was blown up at a bank.", trigger="blown", mode="explosives", paragraph=3)
    assert len(merge([killed, also, other], article=ARTICLE, lex=LEX)) == 2


def test_a_place_named_as_a_far_point_of_reference_is_not_where_it_happened():
    """"In another incident in Lima today, X was shot dead. Councilman Y from Piura, 1,100 km north of
    Lima, has also been shot to death": another killing, not in Lima."""
    lima = sentence(0, "In another incident in Lima today, X was shot dead.", fatalities=1, places=(LIMA,),
                    paragraph=1)
    text = "Councilman Y from Piura, 1,100 km north of Lima, has also been shot to death."
    piura = sentence(1, text, fatalities=1, also=True, places=(LIMA,), paragraph=2)
    assert len(merge([lima, piura], article=ARTICLE, lex=LEX)) == 2
    near = sentence(1, "Councilman Y, 10 km north of Lima, has also been shot to death.", fatalities=1,
                    also=True, places=(LIMA,), paragraph=2)
    assert len(merge([lima, near], article=ARTICLE, lex=LEX)) == 1
    sure = replace(piura, definite=True)  # even a definite report: it did not happen in Lima
    assert len(merge([lima, sure], article=ARTICLE, lex=LEX)) == 2
    in_piura = replace(lima, places=(PIURA,), sentence=Span("In Piura today, X was shot dead.", 0, 32))
    assert len(merge([in_piura, sure], article=ARTICLE, lex=LEX)) == 1  # Lima only locates Piura


PIURA = Place(text="Piura", name="Piura", country="PER", admin1=None, lat=-5.19, lon=-80.63, precision="city")


def test_the_massacre_of_a_counted_group_is_not_a_named_killing():
    """"Magistrate Jimenez was killed on 17 October" and "Jaramillo was investigating the massacre of 43
    persons in Segovia": the complement counts other victims."""
    killed = mention(0, trigger="killed", fatalities=1, names=frozenset({"Jimenez"}),
                     recipients=(victim("magistrate Hector Jimenez"),))
    massacre = sentence(1, "He was investigating the massacre of 43 persons in the town.", trigger="massacre",
                        fatalities=43, definite=True)
    assert [e.fatalities for e in merge([killed, massacre], article=ARTICLE, lex=LEX)] == [1, 43]
    strike = sentence(1, "The strike killed 43 persons in the town.", trigger="strike", fatalities=43,
                      definite=True)
    assert len(merge([killed, strike], article=ARTICLE, lex=LEX)) == 1  # a toll that grew, the victim among them


@pytest.mark.parametrize("reports, wounded", [
    pytest.param([{"injured": 4, "shot": True}, {"fatalities": 1}], 3, id="four-shot-one-died"),
    pytest.param([{"injured": 1, "shot": True}, {"fatalities": 1}], 0, id="shot-himself-fatally"),
    pytest.param([{"injured": 3}, {"fatalities": 1}], 3, id="three-others-wounded"),
    pytest.param([{"injured": 1, "fatalities": 1, "shot": True}, {"fatalities": 1}], 1, id="dead-counted-apart"),
    pytest.param([{"injured": 2, "shot": True}], 2, id="no-dead"),
])
def test_the_shot_who_died_elsewhere_in_the_story_are_not_wounded(reports, wounded):
    from eventwire.events.fields import wounded as count_wounded

    assert count_wounded([mention(k, **r) for k, r in enumerate(reports)]) == wounded


@pytest.mark.parametrize("victims, dead", [(True, 0), (False, 5)])
def test_the_victims_of_a_story_that_tells_only_wounded_are_its_wounded(victims, dead):
    """"Five people were injured ... The four female victims and one male victim were ...": dead a report only
    called victims are no dead when the event's other reports tell wounded and no death."""
    from eventwire.events import fields

    mentions = [mention(0, injured=5), mention(1, fatalities=5, victims=victims)]
    assert fields.dead(mentions, fields.wounded(mentions)) == dead
