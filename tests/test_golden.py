"""Golden test: the bundled sample story (the seed, examples/) gives the events an analyst expects."""
from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from conftest import EXAMPLE, SHARED

pytestmark = pytest.mark.model


def km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def events(nlp):
    import eventwire

    return [e.to_dict() for e in eventwire.extract(EXAMPLE.read_text(encoding="utf-8"))]


def _find(events, type_, needle):
    hits = [e for e in events if e["type"] == type_ and needle in " ".join(
        [e["evidence"]["text"]] + [m["text"] for m in e["mentions"]])]
    assert hits, f"no {type_} event mentions {needle!r}"
    return hits[0]


# key, type, evidence needle, date, (lat, lon, km), fatalities, factuality, recipient countries, subtype
MATERIAL = [
    ("mortar", "ASSAULT", "mortar rounds hit an area near the US embassy", "2020-01-04", (33.3, 44.39, 50), 0,
     "asserted", {"USA"}, "Shelling/artillery/missile attack"),
    ("rockets", "ASSAULT", "two rockets slammed into an Iraqi base", "2020-01-04", (33.94, 44.36, 60), 0,
     "asserted", {"USA"}, "Shelling/artillery/missile attack"),
    ("drone", "ASSAULT", "US drone", "2020-01-03", (33.26, 44.23, 50), 10, "asserted", {"IRN", "IRQ"},
     "Air/drone strike"),
    ("convoy", "ASSAULT", "hit their convoy north of Baghdad", "2020-01-04", (33.55, 44.3, 120), None,
     "claimed", {"IRQ"}, "Air/drone strike"),
]


@pytest.mark.parametrize("key, type_, needle, date, where, dead, fact, recipients, subtype", MATERIAL,
                         ids=[m[0] for m in MATERIAL])
def test_material_events(events, key, type_, needle, date, where, dead, fact, recipients, subtype):
    event = _find(events, type_, needle)
    assert event["date"] == date
    lat, lon, radius = where
    assert event["location"]["country"] == "IRQ"
    assert km(lat, lon, event["location"]["lat"], event["location"]["lon"]) <= radius
    assert event["fatalities"] == dead
    assert event["factuality"] == fact
    assert recipients <= {a["country"] for a in event["recipient"]}
    assert event["acled_subtype"] == subtype


def test_one_event_per_real_event(events):
    drone = _find(events, "ASSAULT", "US drone")
    assert len(drone["mentions"]) >= 5  # the strike is named in many sentences of the story
    assert {a["country"] for a in drone["actor"]} == {"USA"}
    asserted = [e for e in events if e["type"] == "ASSAULT" and e["factuality"] == "asserted"]
    assert len(asserted) == 3  # the drone strike, the mortar rounds, the rockets


@pytest.mark.parametrize("needle", [
    "could unleash tit-for-tat strikes", "fears of a regional proxy war", "There was no American or coalition strike",
    "should have been killed", "bracing themselves for more rocket attacks", "planning an",
])
def test_worries_denials_and_counterfactuals_are_not_attacks(events, needle):
    for event in events:
        texts = " ".join([event["evidence"]["text"]] + [m["text"] for m in event["mentions"]])
        if event["type"] == "ASSAULT" and needle in texts:
            assert event["factuality"] != "asserted", event["evidence"]["text"]


def test_evidence_offsets_point_into_the_body(events):
    from eventwire.read.clean import clean
    from eventwire.read.files import document_from_text

    body = clean(document_from_text(EXAMPLE.read_text(encoding="utf-8"))).body
    for event in events:
        ev = event["evidence"]
        assert body[ev["start"]:ev["end"]] == ev["text"]
        for m in event["mentions"]:
            assert body[m["start"]:m["end"]] == m["text"]


def test_seed_scorer_passes(nlp):
    scorer = SHARED / "tools" / "score_seed.py"
    if not scorer.exists():
        pytest.skip(f"{scorer} is absent (it lives in ../shared)")
    extract = subprocess.run([sys.executable, "-m", "eventwire.cli", "extract", str(EXAMPLE), "--format", "jsonl"],
                             capture_output=True, text=True, check=True)
    score = subprocess.run([sys.executable, str(scorer), "-"], input=extract.stdout, capture_output=True, text=True)
    assert score.returncode == 0, score.stdout[-2000:]
    assert json.loads(extract.stdout.splitlines()[0])["event_id"].startswith("ev_")


def test_library_function_survives_importing_every_stage(nlp):
    """``eventwire.extract`` stays the function whatever stage modules were imported before."""
    import importlib
    import pkgutil

    import eventwire

    for module in pkgutil.iter_modules(eventwire.__path__):
        if module.name not in ("serve", "api", "demo"):
            importlib.import_module(f"eventwire.{module.name}")
    assert callable(eventwire.extract) and callable(eventwire.geoparse)
    assert eventwire.extract("Gunmen killed two policemen in Kabul.", published="2021-03-01")[0].type == "ASSAULT"


WIRE = ("SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT] TERRORISTS OF THE FARABUNDO MARTI NATIONAL "
        "LIBERATION FRONT ATTACKED A BUS NEAR USULUTAN YESTERDAY. THREE PEOPLE WERE KILLED AND FIVE WERE WOUNDED.\n\n"
        "IN ANOTHER INCIDENT, A POLICEMAN WAS SHOT DEAD IN SAN MIGUEL DEPARTMENT THIS MORNING.")


def test_all_capitals_wire_copy(nlp):
    """Old wire copy: dateline for the day, re-cased text for names, the toll merged into its attack."""
    import eventwire

    events = [e for e in eventwire.extract(WIRE) if e.type == "ASSAULT" and e.factuality == "asserted"]
    bus = next(e for e in events if "BUS" in e.evidence.text)
    assert (bus.date, bus.fatalities, bus.injured) == ("1990-01-02", 3, 5)
    assert bus.location.country == "SLV" and bus.evidence.text.isupper()  # evidence as written
    assert len(events) == 2, [e.evidence.text for e in events]
    police = next(e for e in events if "POLICEMAN" in e.evidence.text)
    assert police.date == "1990-01-03" and police.location.country == "SLV"
