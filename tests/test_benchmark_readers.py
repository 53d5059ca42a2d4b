"""The benchmark readers: MUC key parsing and incident matching, PLOVER / Multi-CoPED readers.

Hand-written key text needs no data; the tests that read ../shared/data skip (with the reason) without it.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import _data  # noqa: E402
import _muc  # noqa: E402

KEY = """\
;;; a comment line
0.  MESSAGE: ID                     DEV-MUC3-0099 (NCCOSC)
1.  MESSAGE: TEMPLATE               1 (OPTIONAL)
2.  INCIDENT: DATE                  (08 MAR 90) / (07 MAR 90 - 08 MAR 90)
3.  INCIDENT: LOCATION              EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS (TOWN)
4.  INCIDENT: TYPE                  BOMBING / ATTACK
5.  INCIDENT: STAGE OF EXECUTION    ACCOMPLISHED
9.  PERP: INDIVIDUAL ID             "TERRORISTS"
12. PHYS TGT: ID                    "\\"LA PAZ\\" BRIDGE"
18. HUM TGT: NAME                   "JUAN PEREZ"
19. HUM TGT: DESCRIPTION            "MAYOR": "JUAN PEREZ"
                                    "PEASANTS"
21. HUM TGT: NUMBER                 1: "JUAN PEREZ"
                                    ~10: "PEASANTS"
23. HUM TGT: EFFECT OF INCIDENT     DEATH: "JUAN PEREZ"
                                    DEATH: "PEASANTS"

0.  MESSAGE: ID                     DEV-MUC3-0099 (NCCOSC)
1.  MESSAGE: TEMPLATE               2
2.  INCIDENT: DATE                  - 09 MAR 90
3.  INCIDENT: LOCATION              COLOMBIA
4.  INCIDENT: TYPE                  KIDNAPPING
5.  INCIDENT: STAGE OF EXECUTION    THREATENED
21. HUM TGT: NUMBER                 PLURAL: "JUDGES"
23. HUM TGT: EFFECT OF INCIDENT     DEATH: "JUDGES"

0.  MESSAGE: ID                     DEV-MUC3-0100 (NCCOSC)
1.  MESSAGE: TEMPLATE               *
2.  INCIDENT: DATE                  *
"""


def test_parse_key_reads_every_slot_we_use():
    first, second = _muc.parse_key(KEY)
    assert (first.doc_id, first.template, first.optional) == ("DEV-MUC3-0099", "1", True)
    assert first.types == ("BOMBING", "ATTACK") and first.type == "BOMBING"
    assert first.days == (dt.date(1990, 3, 8),)
    assert (first.country, first.places) == ("SLV", ("SAN MIGUEL", "SAN LUIS"))
    assert first.targets == ('"LA PAZ" BRIDGE', "JUAN PEREZ", "MAYOR", "PEASANTS")
    assert first.perpetrators == ("TERRORISTS",)
    assert first.killed == (11, 11)
    assert second.killed is None  # PLURAL dead: no number
    assert second.days == () and second.dates[0].form == "before"
    assert _muc.accomplished(first) is True and _muc.accomplished(second) is False


@pytest.mark.parametrize("fill, forms, first_end", [
    ("30 DEC 89", ["day"], dt.date(1989, 12, 30)),
    ("- 08 JAN 90", ["before"], dt.date(1990, 1, 8)),
    ("26 DEC 89 - 27 DEC 89", ["range"], dt.date(1989, 12, 27)),
    ("(09 DEC 89) / (- 09 DEC 89)", ["day", "before"], dt.date(1989, 12, 9)),
    ("11 NOV", [], None),
    ("-", [], None),
])
def test_parse_dates(fill, forms, first_end):
    spans = _muc.parse_dates(fill)
    assert [s.form for s in spans] == forms
    if spans:
        assert spans[0].end == first_end


@pytest.mark.parametrize("fill, country, places", [
    ("PERU", "PER", ()),
    ("(EL SALVADOR: SAN SALVADOR (CITY)) / (EL SALVADOR: SOYAPANGO (CITY))", "SLV", ("SAN SALVADOR", "SOYAPANGO")),
    ("COLOMBIA: CUCUTA (CITY) - CAMPANARIO (REGION)", "COL", ("CUCUTA", "CAMPANARIO")),
    ("COLOMBIA / VENEZUELA", "COL", ()),
    ("-", None, ()),
])
def test_parse_location(fill, country, places):
    assert _muc.parse_location(fill) == (country, places)


@pytest.mark.parametrize("numbers, effects, killed", [
    (['2: "GUARDS"'], ['DEATH: "GUARDS"'], (2, 2)),
    (['6-8: "GUARDS"'], ['DEATH: "GUARDS"'], (6, 8)),
    (['6-: "GUARDS"'], ['DEATH: "GUARDS"'], (6, 6)),
    (['2: "GUARDS"', '3: "MEN"'], ['INJURY: "GUARDS"', 'DEATH: "MEN"'], (3, 3)),
    (['2: "GUARDS"'], ['INJURY / DEATH: "GUARDS"'], None),  # ambiguous effect: not counted
    (['11: "PEOPLE"'], ['DEATH: "PEOPLE"', 'INJURY: "PEOPLE"'], None),  # 11 dead and wounded together
    (['2: "GUARDS"'], ['DEATH: "-"'], None),  # dummy reference: no number
    ([], [], None),
])
def test_killed(numbers, effects, killed):
    assert _muc.killed(numbers, effects) == killed


def _event(**fields):
    base = {"type": "ASSAULT", "quad_class": "material-conflict", "factuality": "asserted", "confidence": 0.5,
            "date": None, "location": None, "actor": [], "recipient": [], "mentions": [],
            "acled_event_type": None, "evidence": {"text": "", "start": 0, "end": 0, "trigger": ""}}
    return base | fields


def test_match_needs_a_compatible_type_and_an_anchor():
    first, second = _muc.parse_key(KEY)
    no_anchor = _event()
    by_date = _event(date="1990-03-08", confidence=0.9)
    by_target = _event(evidence={"text": "Juan Pérez, the mayor, was killed.", "start": 0, "end": 1, "trigger": "x"})
    wrong_type = _event(type="PROTEST", date="1990-03-08")
    assert _muc.match(first, [no_anchor, wrong_type]).event is None
    assert _muc.match(first, [no_anchor, wrong_type]).typed is True
    both = _event(date="1990-03-08", evidence=by_target["evidence"], confidence=0.1)
    assert _muc.match(first, [by_date, by_target, both]).event is both  # most anchors win over confidence
    assert _muc.match(first, [by_target], use=("date",)).event is None
    threat = _event(type="THREATEN", quad_class="verbal-conflict", date="1990-03-01")
    assert _muc.match(second, [threat]).event is threat  # THREATEN matches only a threatened incident
    assert _muc.match(first, [threat]).event is None


@pytest.mark.parametrize("stage, event, agrees", [
    ("ACCOMPLISHED", {"type": "ASSAULT", "factuality": "asserted"}, True),
    ("ACCOMPLISHED", {"type": "ASSAULT", "factuality": "future"}, False),
    ("THREATENED", {"type": "THREATEN", "factuality": "asserted"}, True),
    ("THREATENED", {"type": "ASSAULT", "factuality": "asserted"}, False),
    ("ATTEMPTED", {"type": "ASSAULT", "factuality": "hypothetical"}, True),
    ("ACCOMPLISHED / ATTEMPTED", {"type": "ASSAULT", "factuality": "asserted"}, None),
])
def test_factuality_agrees(stage, event, agrees):
    incident = _muc.parse_key(KEY)[0]
    from dataclasses import replace
    assert _muc.factuality_agrees(replace(incident, stage=stage), event) is agrees


def test_conll_block_roles():
    sent = _data.parse_conll_block("Iraqi B-S\ntroops I-S\nmet O\nKurds B-R\nleaders B-T\n")
    assert sent.role_tokens("S") == ("Iraqi", "troops", "Kurds")
    assert sent.role_tokens("T") == ("Kurds", "leaders")


def test_macro_f1_averages_only_present_labels():
    f1, n = _data.macro_f1([("A", "A"), ("A", "A"), ("A", "B"), ("B", "B")], ["A", "B", "C"])
    assert n == 2 and f1 == pytest.approx((2 / 3 + 0.8) / 2)


def test_real_files_parse(shared_data):
    if not (shared_data / "muc4").is_dir():
        pytest.skip(f"{shared_data / 'muc4'} is absent")
    incidents = _muc.read_incidents("tst1", data=shared_data)
    texts = list(_data.muc_texts("tst1", data=shared_data))
    assert len(incidents) == len(texts) == 100
    assert set(incidents) == {t.id for t in texts}
    assert sum(len(v) for v in incidents.values()) == 85
    assert all(i.type in _muc.COMPATIBLE for v in incidents.values() for i in v)


def test_real_sentence_datasets(shared_data):
    if not (shared_data / "plover_gsr").is_dir() or not (shared_data / "multicoped_cameo").is_dir():
        pytest.skip("plover_gsr or multicoped_cameo is absent from ../shared/data")
    records = _data.plover_records(data=shared_data)
    assert len(records) == 322 and records[0].id == "PLOVER-GSR01-AGREE-0001"
    assert records[0].source[0].code == "HUN"
    sentences = _data.coped_sentences(data=shared_data)
    assert len(sentences) == 1349 and {s.label for s in sentences} == {0, 1, 2, 3, 4}
    spans = _data.coped_spans(data=shared_data)
    assert len(spans) == 1153 and all(len(s.tokens) == len(s.tags) for s in spans)
