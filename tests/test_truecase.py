"""Re-casing text written in capitals, so that the parser can find names in old wire copy."""
from __future__ import annotations

import pytest

from eventwire.nlp.truecase import CaseModel, is_shouting, truecase

TOY = CaseModel(dictionary=frozenset("the men who fled told us that attacked office in and it was late embassy hit "
                                     "rebels salvador paris".split()),
                suffix_rules=(("ed", ""), ("s", "")), exceptions=frozenset(),
                names=frozenset({"salvador", "paris", "san"}), acronyms=frozenset({"us", "un", "fmln"}),
                stop_words=frozenset({"the", "who", "us", "that", "in", "and", "it", "was"}))


@pytest.mark.parametrize("text, expected", [
    ("THE US EMBASSY WAS HIT.", "The US embassy was hit."),
    ("THE MEN WHO FLED TOLD US THAT IT WAS LATE.", "The men who fled told us that it was late."),
    ("REBELS ATTACKED THE UN OFFICE IN SAN SALVADOR AND CRISTIANI FLED.",
     "Rebels attacked the UN office in San Salvador and Cristiani fled."),
    ("THE [FMLN] ATTACKED PARIS.", "The [FMLN] attacked Paris."),
])
def test_truecase_restores_names_and_keeps_offsets(text, expected):
    text = " ".join([text] * 3)
    got = truecase(text, TOY)
    assert got == " ".join([expected] * 3)
    assert len(got) == len(text)


def test_mixed_case_text_is_left_alone():
    text = "Rebels attacked the UN office in San Salvador. " * 5
    assert not is_shouting(text)
    assert truecase(text, TOY) == text


def test_real_model_tables(nlp):
    from eventwire.actors.kb import load_actor_kb
    from eventwire.nlp.model import nlp_text

    text = "GUERRILLAS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT ATTACKED A POLICE POST IN USULUTAN. " * 2
    cased = nlp_text(text, nlp, load_actor_kb())
    assert "Usulutan" in cased and "police post" in cased and len(cased) == len(text)


@pytest.mark.parametrize("text, names", [
    ("SENATOR GALAN WAS KILLED ON 18 AUGUST WHILE ATTENDING A RALLY.", ["Senator Galan"]),
    ("COLONEL WALDEMAR FRANKLIN QUINTERO OF THE POLICE WAS MURDERED.", ["Colonel Waldemar Franklin Quintero"]),
    ("THEY CONDEMNED THE MURDER OF ROBERTO ARMANDO RIVERA, DIRECTOR OF THE FIRE DEPARTMENT.",
     ["Roberto Armando Rivera", "director"]),
    ("THEY CONDEMNED THE ASSASSINATION OF DR ANTONIO RODRIGUEZ PORTH.", ["Dr Antonio Rodriguez Porth"]),
    ("THE PRESIDENT SAID THE GENERAL STRIKE WILL GO ON IN THE BOGOTA SUBURB.",
     ["president said", "general strike", "Bogota suburb"]),
    ("CEREZO INVITED PRESIDENT LI TO VISIT GUATEMALA, AS HE SAID IN THE CAPITAL.",
     ["President Li", "as he said in"]),  # a two-letter word after a title; not a function word
    ("FORMER MINISTER CLARE SHORT SPOKE. MS SHORT TOLD MRS WHITE AND MR AND MRS SMITH THAT THE BEAR WAS BIG.",
     ["Clare Short", "Ms Short", "Mrs White", "Mrs Smith", "the bear was big"]),  # after an honorific: a name
])
def test_dictionary_words_that_are_surnames_by_position(nlp, text, names):
    """WordNet lists many surnames ("rivera", "franklin", "galan"): after a title, after two names or between
    names they are names; elsewhere ordinary words stay lower case."""
    from eventwire.actors.kb import load_actor_kb
    from eventwire.nlp.model import nlp_text

    cased = nlp_text(" ".join([text] * 3), nlp, load_actor_kb())
    assert all(name in cased for name in names), cased


def test_a_word_glossed_in_brackets_is_an_acronym_throughout(nlp):
    from eventwire.actors.kb import load_actor_kb
    from eventwire.nlp.model import nlp_text

    text = ("THE WORKERS SELF-DEFENSE, ADO [FORMERLY THE MAO] CLAIMED THE ATTACK AGAINST DAS [ADMINISTRATIVE "
            "DEPARTMENT OF SECURITY] DIRECTOR MAZA. THE ADO STAGED ITS FIRST ACTION IN 1979. AN ADDER BIT HIM [TEXT].")
    cased = nlp_text(text, nlp, load_actor_kb())
    assert "ADO [" in cased and "DAS [" in cased and "The ADO staged" in cased, cased
    assert "An adder bit him" in cased, cased  # no gloss of several words: an ordinary word


def test_a_dictionary_word_after_a_possessive_is_a_word(nlp):
    """"THEIR COOK" is their cook, though Cook is also a surname the name tables know."""
    from eventwire.actors.kb import load_actor_kb
    from eventwire.nlp.model import nlp_text

    text = ("A FEW HOURS LATER, JESUIT PRIESTS IGNACIO ELLACURIA AND AMANDO LOPEZ, AS WELL AS THEIR COOK, ELBA JULIA "
            "RAMOS, AND HER DAUGHTER, CELINA MARISETH RAMOS, WERE MURDERED BY SOLDIERS.")
    cased = nlp_text(text, nlp, load_actor_kb())
    assert "their cook, Elba Julia Ramos" in cased and "her daughter, Celina" in cased


def test_a_possessive_name_ends_the_name(nlp):
    from eventwire.actors.kb import load_actor_kb
    from eventwire.nlp.model import nlp_text

    text = ("IN THE PDC'S OPINION, WHAT SHOULD BE THE ROLE OF THE ARMED FORCES IN THE WAKE OF DR RODRIGUEZ PORTH'S "
            "ASSASSINATION?")
    assert "Rodriguez Porth's assassination" in nlp_text(text, nlp, load_actor_kb())


def test_editorial_notes_are_blanked_for_the_parser(nlp):
    """"[WORDS INDISTINCT]" and "[AS HEARD]" are the monitor's, not the speaker's: the parser reads spaces
    in their place, and every offset still points into the body."""
    from eventwire.actors.kb import load_actor_kb
    from eventwire.nlp.model import nlp_text

    body = ("ON 27 FEBRUARY COMRADE FORERO [NAME AS TRANSLITERATED], PCC SECRETARY, WAS KILLED. THE BLOOD OF THE "
            "11 PRIESTS ASSASSINATED [WORDS INDISTINCT], THE BLOOD OF THE [FMLN] FIGHTERS.")
    text = nlp_text(body, nlp, load_actor_kb())
    assert len(text) == len(body) and "TRANSLITERATED" not in text.upper() and "INDISTINCT" not in text.upper()
    assert "[FMLN]" in text  # an expansion the monitor added to a name stays


def test_a_known_organisation_written_whole_is_a_name(nlp):
    from eventwire.actors.kb import load_actor_kb
    from eventwire.nlp.truecase import case_model

    model = case_model(nlp, load_actor_kb())
    text = "THE RED CROSS AND AMNESTY INTERNATIONAL CONDEMNED THE ORGANIZATION OF AMERICAN STATES. A RED BUS LEFT. " * 2
    got = truecase(text, model)
    assert "Red Cross" in got and "Amnesty International" in got and "Organization of American States" in got
    assert "A red bus left" in got  # the words alone stay words


def test_lower_case_copy_gets_its_dropped_apostrophes_back():
    text = "the men who fled told us it s late and they don t know the rebels s office. " * 2
    from eventwire.nlp.model import restore_apostrophes

    got = restore_apostrophes(text)
    assert "it's late" in got and "'t " in got and "rebels's office" in got
    assert len(got) == len(text)


def test_capitals_keep_a_lone_letter_s():
    text = "THE MEN WHO FLED TOLD US S AND T. " * 3
    from eventwire.nlp.model import restore_apostrophes

    assert "'" not in restore_apostrophes(text) and "'" not in truecase(text, TOY)

@pytest.mark.parametrize("text, expected", [
    ("the tories say labour s plans failed and we re asking why they won t act.",
     "the tories say labour's plans failed and we're asking why they won't act."),
    ("the party s leader said it s over.", "the party's leader said it's over."),
    ("one clitic only: labour s plans.", "one clitic only: labour s plans."),  # not enough evidence of a stripped feed
    ("labour's plans and the party s leader and it s over.", "labour's plans and the party s leader and it s over."),
])
def test_stripped_apostrophes_are_restored_in_place(text, expected):
    from eventwire.nlp.model import restore_apostrophes

    got = restore_apostrophes(text)
    assert got == expected
    assert len(got) == len(text)
