"""Only real events: the event-ness layer (features, weights, calibrated confidence, coder), the rules that keep
totals, natural hazards and plans out, and the general constructions of issue 15 on sentences written here."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.events.factuality import factuality
from eventwire.events.triggers import find_groups
from eventwire.learn.aggregates import aggregate_clause, drop_aggregate_counts
from eventwire.read.files import document_from_text
from eventwire.read.repair import repair
from eventwire.learn import DIM, MODEL_NAMES, Eventness, WeightsError, event_features, load_eventness, weights_path
from eventwire.knowledge.lexicon import load_lexicon
from eventwire.learn.roles import load_roles
from eventwire.learn.types import TYPES, load_types
from eventwire.models import ArticleRef, Coder, Event, Evidence
from eventwire.store.query import parse
from handmade import parsed

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "tests" / "fixtures" / "eventness-subset.sha256"
LEX = load_lexicon()


def _event(sentence: str, *, type_: str = "ASSAULT", trigger: str = "killed", fatalities: int | None = None,
           factuality_: str = "asserted") -> Event:
    return Event(event_id="e1", article=ArticleRef(id="a"), type=type_, quad_class="material-conflict",
                 evidence=Evidence(sentence, 0, len(sentence), trigger), fatalities=fatalities,
                 factuality=factuality_)


# ---- features and weights (no model) ---------------------------------------------------------------------


def test_features_are_hashed_and_read_text_lower_cased():
    body = "Rebels killed four villagers near the market on Friday."
    cased = event_features(_event(body), body)
    lowered = event_features(_event(body.lower()), body.lower())
    assert cased == lowered
    assert all(isinstance(k, int) and 0 <= k < DIM for k in cased)


@pytest.mark.parametrize("line, title", [
    ("Family: Man killed by police had mental health issues", True),  # a headline: no final stop
    ('"MP calls for probe into misplaced documents" \u2014 Edmonton Sun, August 16, 2008', True),  # a caption
    ("Rebels killed four villagers near the market on Friday.", False),
    ('"We will strike again," the group said.', False),
    ("Did the army fire first?", False),
    ('The minister said: "They attacked us."', False),
])
def test_a_title_line_is_a_line_without_a_sentence_final_stop(line, title):
    from eventwire.learn.features import title_line

    assert title_line(line) is title


def test_a_sentence_that_is_the_whole_text_has_no_place_in_an_article():
    """A one-sentence report is not its article's first sentence (which in sources that put the title first is
    the headline): it gets "alone", no first-sentence or position cues; in an article the same sentence has them."""
    from eventwire.learn.features import index

    sentence = "Rebels killed four villagers near the market on Friday."
    alone = event_features(_event(sentence), sentence)
    body = sentence + " The army said it would send troops to the district, and the governor called for calm."
    first = event_features(_event(sentence), body)
    assert index("alone") in alone and index("alone") not in first
    assert index("first:sentence") in first and index("first:sentence") not in alone
    assert index("x:ASSAULT/first") in first and index("x:ASSAULT/first") not in alone


@pytest.mark.parametrize("sentence, trigger, cues", [
    ("The group protested against such a vile murder.", "murder", {"nom:det", "nom:prep", "nom:told"}),
    ("The army rejected any reports on this murder.", "murder", {"nom:det", "nom:prep", "nom:told"}),
    ("The murder of the priests shocked the country.", "murder", {"nom:det", "nom:subject", "nom:told"}),
    ("Gunmen murdered a judge in the capital on Friday.", "murdered", set()),  # a report, no determiner
])
def test_a_noun_that_names_an_event_told_before_is_told_from_a_report(sentence, trigger, cues):
    """A trigger after a determiner (after a preposition: the topic of another predicate) that the article named
    before this sentence gets the "told before" cues; the same sentence opening the article does not get nom:told."""
    from eventwire.learn.features import index

    told = "Six priests were murdered at the university on Thursday. "
    event = Event(event_id="e1", article=ArticleRef(id="a"), type="ASSAULT", quad_class="material-conflict",
                  evidence=Evidence(sentence, len(told), len(told) + len(sentence), trigger), factuality="asserted")
    names = {"nom:det", "nom:prep", "nom:subject", "nom:told"}
    after = event_features(event, told + sentence)
    assert {n for n in names if index(n) in after} == cues
    first = event_features(_event(sentence, trigger=trigger), sentence)
    assert index("nom:told") not in first and index("nom:ASSAULT/told") not in first


def test_the_topic_of_a_text_too_short_to_tell_is_not_read():
    """A sentence alone has too few words for the topic model (which says about 0.4 for anything then): no topic,
    so a one-line attack report is not half a sport report; two sentences of a match report are read."""
    from eventwire.learn import article_bag

    model = load_eventness()
    assert model.topic(article_bag("Soldiers yesterday repelled a rebel attack on a bridge in Tunja.")) is None
    match = ("The striker scored twice as City beat Rovers 3-1 in the league on Saturday. The manager praised the "
             "midfield and the goalkeeper, who saved a penalty before half-time.")
    assert model.topic(article_bag(match)) > 0.5


def _weights(tmp_path: Path, *, bias: float, threshold: float) -> Path:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"format": "eventwire-eventness-v1", "dim": DIM, "bias": bias, "platt": [1.0, 0.0],
                                "threshold": threshold, "weights": [0.0] * DIM}))
    return path


def test_apply_drops_below_the_threshold_and_sets_the_calibrated_confidence(tmp_path):
    body = "Rebels killed four villagers."
    keep = load_eventness(_weights(tmp_path, bias=1.0, threshold=0.5))
    kept = keep.apply([_event(body)], body)
    assert [e.confidence for e in kept] == [0.731]  # sigmoid(1)
    drop = load_eventness(_weights(tmp_path, bias=-1.0, threshold=0.5))
    assert drop.apply([_event(body)], body) == []


def test_a_type_threshold_applies_to_its_type_only(tmp_path):
    path = _weights(tmp_path, bias=0.0, threshold=0.6)  # every candidate: probability 0.5
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "type_thresholds": {"COERCE": 0.4}}))
    model = load_eventness(path)
    body = "Police arrested two men. Rebels killed four villagers."
    arrest = _event("Police arrested two men.", type_="COERCE", trigger="arrested")
    assert [e.type for e in model.apply([arrest, _event(body)], body)] == ["COERCE"]


def test_a_type_offset_moves_the_probability_of_its_type_only_and_confidence_has_its_own_calibration(tmp_path):
    path = _weights(tmp_path, bias=0.0, threshold=0.45)  # every candidate: raw score 0
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "type_offsets": {"THREATEN": -1.0},
                                "confidence": {"platt": [0.0, 1.0], "type_offsets": {"COERCE": -1.0}}}))
    model = load_eventness(path)
    body = "Police arrested two men. Rebels threatened to kill four villagers."
    arrest = _event("Police arrested two men.", type_="COERCE", trigger="arrested")
    threat = _event("Rebels threatened to kill four villagers.", type_="THREATEN", trigger="threatened")
    assert model.probabilities([arrest, threat], body) == [0.5, pytest.approx(0.269, abs=1e-3)]
    kept = model.apply([arrest, threat], body)
    assert [(e.type, e.confidence) for e in kept] == [("COERCE", 0.5)]  # sigmoid(1 - 1); the threat: 0.269 < 0.45


def test_the_packaged_topic_model_tells_a_match_report_from_a_war_report():
    from eventwire.learn import article_bag

    model = load_eventness()
    match = ("The striker scored twice as City beat Rovers 3-1 in the league on Saturday. The manager praised the "
             "midfield and the goalkeeper, who saved a penalty before half-time.")
    war = ("Troops shelled rebel positions near the border on Saturday, the defence ministry said. The government "
           "accused the insurgents of attacking a convoy and vowed to restore order in the province.")
    sport, conflict = model.topic(article_bag(match)), model.topic(article_bag(war))
    assert sport > 0.5 > conflict and sport - conflict > 0.4


def test_the_packaged_topic_model_reads_local_crime_news_as_news_not_sport():
    """Local crime reports (shootings, arrests, a victim's family) are none of the BBC's five topics; the topic
    model learns them as news, so the raised sport-like threshold never drops their shooting."""
    from eventwire.learn import article_bag

    model = load_eventness()
    local = ("A 24-year-old man was shot and killed outside a convenience store on Elm Street late Saturday, police "
             "said. Officers found the victim with a gunshot wound to the chest; he died at the hospital. Detectives "
             "are looking for a suspect who fled in a dark sedan, and the victim's mother asked witnesses to call.")
    match = ("The striker scored twice as City beat Rovers 3-1 in the league on Saturday. The manager praised the "
             "midfield and the goalkeeper, who saved a penalty before half-time.")
    assert model.topic(article_bag(local)) < 0.5 < model.topic(article_bag(match))  # BBC-only weights: local 0.79


def test_a_weights_file_of_another_format_says_how_to_fix(tmp_path):
    path = tmp_path / "w.json"
    path.write_text('{"format": "something-else"}')
    with pytest.raises(WeightsError, match="make weights"):
        load_eventness(path)


def test_committed_weights_are_small_numbers_only_and_name_their_sha256_in_the_coder():
    path = weights_path()
    raw = path.read_bytes()
    assert len(raw) < 1_000_000
    data = json.loads(raw)
    assert set(data) == {"format", "dim", "bias", "platt", "type_offsets", "threshold", "type_thresholds",
                         "confidence", "sport_threshold", "topic", "weights", "trained_on"}
    assert all(isinstance(x, (int, float)) for x in data["weights"]) and len(data["weights"]) == DIM
    assert all(isinstance(x, (int, float)) for x in data["topic"]["weights"]) and len(data["topic"]["weights"]) == DIM
    assert 0.0 < data["threshold"] < 1.0
    assert all(0.0 < t < 1.0 for t in data["type_thresholds"].values())  # lowered, or raised (raised_thresholds)
    assert set(data["type_offsets"]) <= set(TYPES) and all(abs(d) < 5 for d in data["type_offsets"].values())
    slope, _ = data["confidence"]["platt"]
    assert slope >= 0.0 and set(data["confidence"]["type_offsets"]) <= set(TYPES)
    cut, sport = data["sport_threshold"]
    assert 0.5 <= cut < 1.0 and data["threshold"] <= sport < 1.0
    model = load_eventness()
    assert model.sha256 == hashlib.sha256(raw).hexdigest() and model.name in MODEL_NAMES


def test_coder_round_trips_through_the_event_object():
    event = _event("Rebels killed four villagers.")
    coded = Event.from_dict({**event.to_dict(), "coder": {"version": "0.1.0", "models": {"eventness": "ab"}}})
    assert coded.coder == Coder("0.1.0", (("eventness", "ab"),))
    assert Event.from_dict(coded.to_dict()) == coded


def test_min_confidence_is_an_api_filter_from_0_to_1():
    filters, _ = parse({"min_confidence": ["0.6"]})
    where, params = filters.where()
    assert "confidence >= ?" in where and params == [0.6]
    with pytest.raises(Exception, match="min_confidence"):
        parse({"min_confidence": ["1.5"]})


def test_weights_rebuild_from_a_fixed_subset_matches_the_reference(tmp_path, shared_data):
    """The training script is deterministic: the first 4 tune documents of each corpus give the same file."""
    out = tmp_path / "subset.json"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "EVENTWIRE_DATA": str(shared_data)}
    subprocess.run([sys.executable, str(REPO / "scripts" / "train_eventness.py"), "--subset", "4", "--out", str(out),
                    "--datasets", "bbc,plover_gsr,plover_zsp,coped,muc,gva,timeml"],
                   check=True, env=env, capture_output=True, timeout=600)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert digest == REFERENCE.read_text().split()[0], (
        "the training script's output changed: if the rules or features changed on purpose, rebuild the weights "
        "(make weights) and write this sha256 into tests/fixtures/eventness-subset.sha256")


# ---- rules: totals, hazards, plans, claims (hand-built parses, no model) --------------------------------


@pytest.mark.parametrize("sentence, count, total", [
    ("Nearly 9,000 miners have died in accidents since 1998, a union said.", 9000, True),
    ("The civil war has claimed more than 250,000 lives.", 250000, True),
    ("So far this year, 73 journalists have been killed.", 73, True),
    ("A total of 120 people were wounded over the past six months.", 120, True),
    ("A car bomb killed 14 people on Monday, bringing the toll since March to 90.", 14, False),
    ("The raid killed a total of four fighters and three guards.", 7, False),
    ("The ambush killed 6 soldiers, the deadliest attack since 2017.", 6, False),
])
def test_aggregate_figures_are_never_one_events_casualties(sentence, count, total):
    assert aggregate_clause(sentence, count) is total
    (event,) = drop_aggregate_counts([_event(sentence, fatalities=count)])
    assert event.fatalities == (None if total else count)


LANDSLIDE = """
a a DET DT det 1
landslide landslide NOUN NN nsubj 2
hit hit VERB VBD ROOT 2
the the DET DT det 4
village village NOUN NN dobj 2
, , PUNCT , punct 2
killing kill VERB VBG advcl 2
nine nine NUM CD nummod 8
people people NOUN NNS dobj 6
. . PUNCT . punct 2
"""
STORM_RAID = """
militants militant NOUN NNS nsubj 1
killed kill VERB VBD ROOT 1
two two NUM CD nummod 3
guards guard NOUN NNS dobj 1
during during ADP IN prep 1
a a DET DT det 6
storm storm NOUN NN pobj 4
. . PUNCT . punct 1
"""
DROWNED_IN_FLOOD = """
six six NUM CD nummod 1
people people NOUN NNS nsubjpass 3
were be AUX VBD auxpass 3
killed kill VERB VBN ROOT 3
in in ADP IN prep 3
floods flood NOUN NNS pobj 4
. . PUNCT . punct 3
"""


@pytest.mark.parametrize("table, types", [
    pytest.param(LANDSLIDE, [], id="a-hazard-that-hits-and-kills-is-no-attack"),
    pytest.param(DROWNED_IN_FLOOD, [], id="killed-in-a-hazard-is-no-attack"),
    pytest.param(STORM_RAID, ["ASSAULT"], id="a-named-doer-wins-over-the-weather"),
])
def test_natural_hazards_and_accidents_are_no_attack(table, types):
    doc = parsed(table)
    assert [g.rule.type for g in find_groups(doc[:], LEX)] == types


ALLEGEDLY = """
the the DET DT det 1
suspects suspect NOUN NNS nsubj 3
allegedly allegedly ADV RB advmod 3
planted plant VERB VBD ROOT 3
a a DET DT det 5
device device NOUN NN dobj 3
, , PUNCT , punct 3
killing kill VERB VBG advcl 3
two two NUM CD nummod 9
guards guard NOUN NNS dobj 7
. . PUNCT . punct 3
"""
SET_OFF = """
they they PRON PRP nsubj 1
set set VERB VBD ROOT 1
off off ADP RP prt 1
a a DET DT det 4
charge charge NOUN NN dobj 1
, , PUNCT , punct 1
wounding wound VERB VBG advcl 1
five five NUM CD nummod 8
workers worker NOUN NNS dobj 6
. . PUNCT . punct 1
"""
ENCOURAGED = """
a a DET DT det 1
cleric cleric NOUN NN nsubj 2
encouraged encourage VERB VBD ROOT 2
him he PRON PRP dobj 2
to to PART TO aux 5
carry carry VERB VB xcomp 2
out out ADP RP prt 5
an an DET DT det 8
attack attack NOUN NN dobj 5
. . PUNCT . punct 2
"""


@pytest.mark.parametrize("table, trigger, expected", [
    pytest.param(ALLEGEDLY, 7, "claimed", id="an-alleged-act-is-claimed"),
    pytest.param(SET_OFF, 6, "asserted", id="the-outcome-participle-of-a-planning-verb-is-no-plan"),
    pytest.param(ENCOURAGED, 8, "future", id="an-act-someone-was-encouraged-to-do-has-not-happened"),
])
def test_factuality_of_claims_outcomes_and_incitement(table, trigger, expected):
    doc = parsed(table)
    assert factuality(doc, (trigger,), trigger, LEX) == expected


def test_mojibake_is_repaired_where_text_enters():
    assert repair("The minister said \u00e2\u0080\u009cwe will respond\u00e2\u0080\u009d in Bogot\u00c3\u00a1.") \
        == "The minister said \u201cwe will respond\u201d in Bogot\u00e1."
    assert repair("plain ascii stays") == "plain ascii stays"
    doc = document_from_text("Talks in Bogot\u00c3\u00a1\n\nDelegates met in Bogot\u00c3\u00a1 on Monday.")
    assert "Bogot\u00e1" in doc.text and doc.title == "Talks in Bogot\u00e1"


# ---- the whole pipeline with the learned layer (real spaCy model) ------------------------------------------


def _asserted(nlp, text: str, *, published: str = "2022-03-10"):
    from eventwire.pipeline import Resources, extract

    return [e for e in extract(text, published=published, resources=Resources(nlp=nlp))
            if e.factuality == "asserted"]


@pytest.mark.model
@pytest.mark.parametrize("text, unwanted", [
    pytest.param("Nearly 9,000 miners have died in accidents since 1998, the union said in its annual report.",
                 "ASSAULT", id="a-total-since-a-year"),
    pytest.param("United thrashed Rovers 4-0 on Saturday. Their winger shot twice from distance and the keeper "
                 "was beaten both times.", "ASSAULT", id="sport-senses"),
    pytest.param("United thrashed Rovers 4-0 on Saturday, and the keeper was beaten twice. The manager said his side "
                 "attacked well.", "ASSAULT", id="sport-sense-without-a-sport-word-in-its-sentence"),
    pytest.param("A magnitude 6.8 earthquake struck the mountains of southern Turkey on Sunday, killing at least "
                 "120 people and flattening hundreds of homes.", "ASSAULT", id="an-earthquake"),
    pytest.param("Prosecutors said an online recruiter encouraged the student to carry out an attack on a "
                 "synagogue.", "ASSAULT", id="encouraged-to-attack"),
    pytest.param("Diplomats said the pact would be a turning point for trade in the region.", "AGREE",
                 id="would-be-a-turning-point"),
])
def test_constructions_that_report_no_real_event(nlp, text, unwanted):
    assert [e.type for e in _asserted(nlp, text) if e.type == unwanted] == []


@pytest.mark.model
@pytest.mark.parametrize("text, attack", [
    ("At least 76 people were killed when a hotel near the mosque collapsed.", False),
    ("The shuttle was lost in 2003 when it disintegrated during re-entry killing all seven astronauts aboard.", False),
    ("A ferry capsized on the river on Sunday, killing 40 passengers.", False),
    ("Six soldiers were killed when a bomb exploded near their convoy.", True),
    ("Rebels killed four villagers when they attacked the market.", True),
])
def test_deaths_told_by_an_accident_clause_are_no_attack(nlp, text, attack):
    """The rules alone (no learned filter): a when-clause or the clause a participle completes whose verb is an
    accident (hazards.tsv) makes the dead an accident's; a bomb or a doer in that clause keeps the attack."""
    from eventwire.pipeline import Resources, extract

    events = extract(text, published="2020-01-10", resources=Resources(nlp=nlp, learned=False))
    assert any(e.type == "ASSAULT" for e in events) is attack


@pytest.mark.model
def test_an_alleged_bombing_with_its_dead_is_claimed_or_asserted_not_future(nlp):
    from eventwire.pipeline import Resources, extract

    events = extract("Two cousins allegedly set off a bomb outside the stadium on Friday, killing four people.",
                     published="2022-03-10", resources=Resources(nlp=nlp))
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert assaults and all(e.factuality in ("claimed", "asserted") for e in assaults)


@pytest.mark.model
def test_a_real_attack_is_kept_with_a_calibrated_confidence_and_its_coder(nlp):
    from eventwire._version import __version__

    text = ("Gunmen killed three police officers at a checkpoint outside Kandahar on Monday, "
            "provincial officials said.")
    (event,) = [e for e in _asserted(nlp, text) if e.type == "ASSAULT"]
    model = load_eventness()
    types = load_types()
    roles = load_roles()
    assert model.threshold <= event.confidence <= 1.0
    assert event.coder == Coder(__version__, ((model.name, model.sha256), (roles.name, roles.sha256),
                                              (types.name, types.sha256)))
    assert event.to_dict()["coder"] == {"version": __version__,
                                        "models": {"eventness": model.sha256, "types": types.sha256,
                                                   "roles": roles.sha256}}


@pytest.mark.parametrize("content", [b"", b"not json {", b"[1, 2]", b'{"format": "something-else"}'])
def test_a_broken_weights_file_is_one_clear_error_for_both_models(tmp_path, content):
    from eventwire.learn.model import WeightsError, load_eventness
    from eventwire.learn.types import load_types

    path = tmp_path / "weights.json"
    path.write_bytes(content)
    for load, code in ((load_eventness, "W003"), (load_types, "W005")):
        with pytest.raises(WeightsError, match=rf"\[{code}\].*make weights"):
            load(path)
    with pytest.raises(WeightsError, match=r"\[W002\].*cannot read"):
        load_eventness(tmp_path / "missing.json")
