"""Rule tests for eventwire.events.casualties: counting on parsed sentences, merging without the model."""
from __future__ import annotations

import pytest

from eventwire.events.casualties import Casualties, count_casualties, load_casualty_words
from eventwire.events.casualty_numbers import word_value

N = None


@pytest.mark.parametrize("text, dead, injured, missing", [
    ("The US strike killed a total of five Iranian Guards and five members of the militia.", 10, N, N),
    ("Leaders honoured 62-year-old Soleimani and the other nine victims of the strike.", 10, N, N),
    ("The military said there were no casualties.", 0, 0, N),
    ("No one was hurt in the attack.", 0, 0, N),
    ("There were no injuries.", N, 0, N),
    ("Twelve people were killed and 30 wounded in the blast.", 12, 30, N),
    ("The bomber blew himself up, killing himself and 4 others.", 5, N, N),
    ("The explosion killed 12 people, including 5 children.", 12, N, N),
    ("The death toll rose to 12.", 12, N, N),
    ("At least 3 soldiers died.", 3, N, N),
    ("Gunmen kidnapped nine tourists.", N, N, 9),
    ("Three people are missing after the attack.", N, N, 3),
    ("The deaths of 3 soldiers were confirmed.", 3, N, N),
    ("Dozens of people were injured.", N, 12, N),
    ("Hundreds of protesters were hurt.", N, 100, N),
    ("A dozen soldiers were killed.", 12, N, N),
    ("Twenty-one civilians lost their lives.", 21, N, N),
    ("Police found the bodies of 14 men.", 14, N, N),
    ("The attack left 5 dead and 12 injured.", 5, 12, N),
    ("The bombing killed 3 people and wounded 7 others.", 3, 7, N),
    ("The raid at 3 p.m. killed two policemen and a civilian.", 3, N, N),
    ("THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED DURING CLASHES.", 3, 7, N),
    ("A SOLDIER WAS WOUNDED AND TAKEN TO THE MILITARY HOSPITAL.", N, 1, N),
    ("Five soldiers were killed and three civilians died.", 8, N, N),
    ("The clash cost the army 29 dead, although it admitted only 21 deaths.", 29, N, N),
    ("Mourners honoured a commander and others killed in the strike.", N, N, N),  # uncounted "others"
    # a part of a counted whole ("two of the four victims"): the part is what the sentence tells of, once
    ("Two of the four victims later died.", 2, N, N),
    ("One of the three men who were shot died at the hospital.", 1, N, N),
    # a shooter's suicide is one more of the dead; found dead with a wound: dead
    ("A man shot and killed his wife before turning the gun on himself.", 2, N, N),
    ("The man killed three people and wounded two before turning the gun on himself.", 4, 2, N),
    ("Two men were found dead with gunshot wounds.", 2, N, N),
    ("A man was found with a gunshot wound.", N, 1, N),
    # "left X dead and Y wounded": the parse makes a clause of the second part, whose subject is a victim
    ("The attack left a teenager dead and his brother wounded.", 1, 1, N),
    ("The gunman left the house and police wounded him.", N, 1, N),
    ("A bus bomb destroyed the building, leaving 67 dead and approximately 1,000 wounded.", 67, 1000, N),
    # numbers that are not victims
    ("Trump said he was planning an attack on the roughly 5,200 American troops deployed in Baghdad.", N, N, N),
    ("The 62-year-old commander arrived in 2019 with $500 at 10 a.m.", N, N, N),
    ("Two rockets slammed into a base where 300 soldiers are stationed.", N, N, N),
])
def test_count_casualties(nlp, text, dead, injured, missing):
    sent = next(iter(nlp(text).sents))
    assert count_casualties(sent) == Casualties(dead, injured, missing)


@pytest.mark.parametrize("text, word, expected", [
    ("A bomb exploded in the market, killing 5 people.", "exploded", Casualties(5, None, None)),
    ("Mortars hit the camp and killed 3 soldiers.", "hit", Casualties(3, None, None)),
    ("Twelve people were killed in the attack.", "attack", Casualties(12, None, None)),
    ("The attack that killed 7 civilians was condemned.", "attack", Casualties(7, None, None)),
])
def test_trigger_chains(nlp, text, word, expected):
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == word)
    assert count_casualties(trigger.sent, trigger=trigger) == expected


def test_the_counted_victims_named_again(nlp):
    """"the priests were murdered" after "six Jesuit priests": the story's own count, not null."""
    from eventwire.events.casualties import counted_nouns

    first, second = nlp("Soldiers killed six Jesuit priests and two women on Thursday. "
                        "The priests were murdered in their residence.").sents
    assert counted_nouns(first) == {"priest": 6, "woman": 2}
    assert count_casualties(second, earlier=counted_nouns(first)).fatalities == 6
    assert count_casualties(second).fatalities is None


def test_each_event_noun_keeps_its_own_dead(nlp):
    doc = nlp("The judge was investigating the massacre of 43 persons in Segovia and the murder of Colonel Quintero.")
    massacre, murder = (next(t for t in doc if t.text == w) for w in ("massacre", "murder"))
    assert count_casualties(massacre.sent, trigger=massacre).fatalities == 43
    assert count_casualties(murder.sent, trigger=murder).fatalities == 1


def test_trigger_keeps_its_own_clause(nlp):
    doc = nlp("Gunmen killed four villagers, while in another town a bomb wounded 6 people.")
    sent = next(iter(doc.sents))
    killed = next(t for t in doc if t.text == "killed")
    wounded = next(t for t in doc if t.text == "wounded")
    assert count_casualties(sent, trigger=wounded) == Casualties(None, 6, None)
    assert count_casualties(sent, trigger=killed) == Casualties(4, None, None)


@pytest.mark.parametrize("words, value", [
    (["nine"], 9), (["twenty-one"], 21), (["a", "dozen"], 12), (["two", "dozen"], 24), (["dozens"], 12),
    (["scores"], 20), (["hundreds"], 100), (["1,200"], 1200), (["two", "hundred", "and", "five"], 205),
    (["three", "thousand"], 3000), (["several"], None),
])
def test_number_words(words, value):
    assert word_value(words, load_casualty_words()) == value


@pytest.mark.parametrize("text, dead", [
    ("The mayor was killed by rebels.", 1),
    ("Carlos Torrado, a lawyer, was killed by gunmen in Bogota.", 1),
    ("A bomb killed the driver and wounded two passengers.", 1),
    ("The attack killed the mayor and his two bodyguards.", 3),
    ("They condemned the assassination of six Jesuit priests and two women.", 8),
    ("The masterminds of the six Jesuit priests' murder are not soldiers.", 6),
    ("The rebel commander was shot to death in the capital.", 1),
    ("The building was destroyed in the attack.", None),
    ("The attack left 5 dead and 12 injured.", 5),
    # relative clauses: the antecedent is the victim, whatever noun the parse hangs the clause on
    ("The group claimed the attack on Judge Maria Diaz, third judge of public order, who was murdered on Friday.", 1),
    ("Hector Oqueli, who was kidnapped in Guatemala, was found dead.", 1),
    ("A soldier who was wounded in the attack died later.", 1),
    ("The man who died was identified as Juan Perez.", 1),
    ("Three gunmen who killed a policeman were arrested.", 1),
    # lists the parse hangs as appositions, and an article shared by coordinated nouns
    ("They are also connected to the murder of Dr Teofilo Forero Castro, his wife, and two other people.", 4),
    ("They condemned the assassination of rector Ignacio Ellacuria, five other Jesuits, and two women.", 8),
    ("Juan Perez, the mayor, and his driver were killed.", 2),
    ("They murdered a reporter's wife and son.", 2),
    ("Police sources reported that Barillas, a former ambassador, was gunned down by unidentified persons.", 1),
    ("Gunmen gunned down two policemen in Lima.", 2),
    ("The daughter of the ambassador was almost killed.", None),
    ("Lebanon complained over two Israeli air raids in which it said 20 people were killed or wounded.", None),
    ("The rebels tried to kill the governor on Monday.", None),
    ("A vehicle filled with dynamite was used to try to assassinate the head of state security.", None),
    ("The gunmen threatened to kill the mayor.", None),
    ("Police found the body of a young man near the river.", 1),
    ("Two policemen were kidnapped and later killed by the rebels.", 2),
    ("The double murder shocked the town.", 2),
    ("During the last 6 months, five judges and magistrates have been killed by hired assassins.", 5),
    ("Four people killed, five injured, and losses in the millions are the result of a car bomb explosion.", 4),
    ("Officials said Msgr Jesus Emilio Jaramillo was murdered and that his body was found today.", 1),
    ("Police identified the body of Juan Perez, of the law school, who was abducted on Friday.", 1),
    ("The authorities identified the body of Leonel Chuta Camey, who was abducted on Friday.", 1),
    ("Police said the Salvadoran political leader Hector Oqueli was found dead.", 1),
    # names that list the people a number counted, or other people after a colon
    ("Soldiers killed two Salvadoran reporters, Roberto Navas and Mauricio Pineda, in two separate shootings.", 2),
    ("Police arrested two men suspected of the murder of candidate Luis Carlos Galan: Alvaro Delgado and "
     "Jorge Andres Canaveral.", 1),
    ("We will mention the assassinations which occurred in July at San Pedro Sula: Eduardo Herrera, Salomon "
     "Vallecillo, and Dr Ramon Roberto Garay.", 3),
    ("Mercenaries of that organization assassinated in less than 48 hours, Magistrate Carlos Valencia Garcia, "
     "Colonel Waldemar Franklin Quintero, and Senator Luis Carlos Galan.", 3),
    # one person by a possessive, a relative clause "shot to death", a name's noun-like last word
    ("It is a nightmare for the perpetrators of his abominable assassination.", 1),
    ("His killing of the mayor was condemned.", 1),
    ("The evidence was reported by Justice Maria Elena Diaz, who was shot to death last month.", 1),
    ("Well-known banker Ramiro Castillo love was murdered today by a group of unidentified persons.", 1),
    # the last item of a written list the parse hangs elsewhere; names standing for a plural
    ("The arrest of 45 soldiers and 2 officers for killing 6 clergymen, a maid, and her daughter, on 16 November "
     "is a small milestone.", 8),
    ("Abrams stated that the murder of the six Jesuits, a woman, and her daughter was an action of the army.", 8),
    ("Students have repudiated the brutal assassination of priests Ignacio Ellacuria and Ignacio Martin Baro, "
     "rector and vice rector of the university.", 2),
    ("Shining Path terrorists murdered brothers Martiza and John Paolo Puzo Ochoa and their mother Marta Ochoa "
     "in the township of Campina.", 3),
    # a heading the parse takes for a second subject is not a victim
    ("Medellin -- Antioquia police department chief Waldemar Franklin Quintero was murdered this morning.", 1),
    ("[Sentence as published] Alvarado was killed by a bomb placed on top of his armored vehicle.", 1),
    # the first items of a written list the parse hangs elsewhere; "along with"; names among names
    ("The ministry reported on its operations after a police colonel, a judge, and candidate Senator Luis Carlos "
     "Galan were murdered last week.", 3),
    ("The massacre of the Jesuit priests Ignacio Ellacuria, Segundo Montes, Ignacio Martin Baro and Juan Ramon "
     "Moreno, along with Mrs Julia Elba Ramos and her daughter Celina Ramos, was perpetrated at dawn today.", 6),
    # a pronoun no name precedes is one person; a life is not a person
    ("However, he was murdered, and Senator Samper Pisano was seriously injured during the assassination.", 1),
    ("We were confronted with another disgrace that took the life of presidential candidate Carlos Pizarro.", 1),
    ("Prosecutor Gabriel Jaime Velez was attacked in Envigado by an individual who fired 13 shots, killing him "
     "instantly.", 1),
    ("The mayor was wounded in the attack and he died later in hospital.", 1),
    ("Juan Perez was killed by gunmen who shot him dead.", 1),
    # "of X" that the parse hangs on the date after the killing noun
    ("Unions condemned the kidnapping and assassination on 15 September of Eduardo Antonio Lopez Palencia, a "
     "student.", 1),
    ("The group leader's assassination shocked the country.", 1),
    # a count describing the names listed
    ("Jesuits Ignacio Ellacuria, Ignacio Martin Baro, Segundo Montes, Amando Lopez, Juan Ramon Moreno, and Joaquin "
     "Lopez, the first five Spaniards and the last a Salvadoran, were killed in San Salvador.", 6),
    # a name the tagger took for a place or group, whose killing a noun names
    ("After learning of Oqueli's assassination, the guerrillas announced that they will revise their offer.", 1),
    ("The massacre of Segovia shocked Colombia.", None),
    ("The dead were identified as Juan Perez and Maria Lopez.", 2),
    ("The victim was identified as Juan Carlos Merios.", 1),
    ("The government will clarify last Thursday's murder of eight people, six of them Jesuits.", 8),
    ("The states condemn the murders which have occurred in Colombia and especially that of Senator Luis Carlos "
     "Galan.", 1),
    # verbs of one sentence dated differently are different killings
    ("Judge Maria Helena Diaz was assassinated on 28 July; magistrate Hector Jimenez was killed on 17 October; "
     "and magistrate Mariela Espinoza was killed on 1 November.", 1),
    ("As a result of the attack Quispe, Isidoro Saune, and Dionisio Aguirre were killed.", 3),
    ("The person leasing the property disappeared after the assassination of Luis Carlos Galan, and since then 10 "
     "other people who used to frequent the farm have been killed.", 10),
    ("Secretary Pedro Saad announced today that Colombians kidnapped Scott Heyndal, killed a Colombian, and "
     "wounded an Ecuadorean.", 1),
    ("As a result of the rebel attack, an agronomist, identified as 57-year-old Jose Hermogenes Martinez, was "
     "killed.", 1),
    ("Bodyguards shot the gunman to death after he fired at the candidate.", 1),
    ("He said the case is a nightmare for the perpetrators of his abominable assassination, Msgr Romero said.", 1),
    ("Police sources reported that barillas, ambassador to Spain, was gunned down by unidentified persons.", 1),
    ("An investigation will be conducted into the murders of three reporters, two Salvadorans and a Dutchman.", 3),
    ("They condemned the assassination of rector Ignacio Ellacuria, five other Jesuits, and two women.", 8),
    ("The letter was sent 2 days after six Jesuits (five Spaniards and one Salvadoran) and two women were killed "
     "in San Salvador.", 8),
    # a group of unknown size is not one victim
    ("After killing the peasant family, the terrorists used explosives against the town hall.", None),
])
def test_single_and_named_victims(nlp, text, dead):
    from eventwire.events.casualties import count_casualties

    assert count_casualties(next(nlp(text).sents)).fatalities == dead


@pytest.mark.parametrize("text, dead", [
    ("His driver and one of his bodyguards were killed.", 2),
    ("One of the soldiers was killed.", 1),
    ("The mayor was killed and two of his bodyguards were also killed.", 3),
    ("The mayor was assassinated during an attack in which two members of his escort were also killed.", 3),
    ("The attacks claimed the lives of three peasants.", 3),
    ("Five people were killed, although the army admitted only three deaths.", 5),
])
def test_groups_and_additions(nlp, text, dead):
    assert count_casualties(next(nlp(text).sents)).fatalities == dead


@pytest.mark.parametrize("text, dead", [
    ("MOST OF THE EVACUEES LEFT AFTER THE 16 NOVEMBER ASSASSINATION OF SIX JESUITS.", 6),
    ("The November 16 attack killed 3 people.", 3),
    ("At least 12 may have been killed.", 12),
])
def test_days_of_the_month_are_not_victims(nlp, text, dead):
    from eventwire.actors.kb import load_actor_kb
    from eventwire.nlp.model import nlp_text

    assert count_casualties(next(nlp(nlp_text(" ".join([text] * 3), nlp, load_actor_kb())).sents)).fatalities == dead


@pytest.mark.parametrize("text, published, dead", [
    # "gunned down" is a killing the article's event carries, not only the sentence counter
    ("Police sources reported that Barillas, ambassador to Spain during the first 2 years of Cerezo's "
     "administration, was gunned down by unidentified persons.", "1989-08-02", 1),
    # in a sentence of several events, an attack noun gets the dead its own phrase names
    ("The offensive began two weeks ago in the wake of a number of criminal attacks that claimed the lives of "
     "Senator Luis Carlos Galan and a judge.", "1989-08-27", 2),
    # wire copy in capitals: "X, 42; Y, 19; a minor ...; Z, and a police official" are five dead
    ("THE CAR BOMB WAS LEFT UNDER THE BRIDGE WHERE IT EXPLODED AT APPROXIMATELY 1100, KILLING MARIA JACINTA "
     "PULIDO, 42; PILAR PULIDO, 19; A MINOR REPORTEDLY KNOWN AS CARLOS; EFRAIN RINCON RODRIGUEZ, AND A POLICE "
     "OFFICIAL WHO DIED AT THE POLICE CLINIC.", "1989-11-03", 5),
    # the attack that wounded him is the sentence's only event: the son-in-law who died of it counts
    ("Montano spoke during the funeral of Otto Sorto Milla, son-in-law of the air force chief, who died "
     "yesterday, 17 days after an attack in which he was seriously wounded.", "1990-03-20", 1),
    # "their cook, Elba Julia Ramos, and her daughter, Celina Ramos": two people, not four
    ("A FEW HOURS LATER JESUIT PRIESTS IGNACIO ELLACURIA, IGNACIO MARTIN BARO, JUAN RAMON MORENO, JOAQUIN LOPEZ "
     "Y LOPEZ, SEGUNDO MONTES, AND AMANDO LOPEZ, AS WELL AS THEIR COOK, ELBA JULIA RAMOS, AND HER DAUGHTER, "
     "CELINA MARICET RAMOS, WERE ASSASSINATED.", "1989-11-16", 8),
    # a name closes a written list
    ("VALENCIA GARCIA HAD REJECTED THE APPEALS TO EXONERATE THE KINGPINS FROM THE CHARGE THAT THEY HAD "
     "MASTERMINDED THE ASSASSINATION OF JOURNALIST GUILLERMO CANO, DIRECTOR OF THE NEWSPAPER EL ESPECTADOR, "
     "AND JAIME PARDO LEAL, PRESIDENT OF THE OPPOSITION PARTY PATRIOTIC UNION.", "1989-08-18", 2),
    # the middle item of a list the parse hung deeper
    ("THE RESIGNATIONS OF THREE OF THE JUDGES IN CHARGE OF INVESTIGATING THE MURDERS OF THE GOVERNOR OF "
     "ANTIOQUIA, ANOTHER JUDGE, AND THE ANTIOQUIA POLICE COMMANDER, WERE ANNOUNCED TODAY.", "1989-08-30", 3),
])
def test_the_article_event_carries_the_dead(text, published, dead):
    """The count the rules give the sentence's attack (a one-sentence text: whether the learned filter keeps an
    event of no article around it is the event-ness tests' matter, tests/test_learn.py)."""
    import eventwire

    rules = eventwire.Resources(learned=False)
    assert [e.fatalities for e in eventwire.extract(text, published=published, resources=rules)
            if e.type == "ASSAULT"] == [dead]


def test_an_arrest_for_a_killing_carries_no_dead():
    """The rules' counts (Resources(learned=False)), as in the test above: the session-11 filter drops this
    one-sentence text's killing; keeping it is the event-ness tests' matter."""
    import eventwire

    rules = eventwire.Resources(learned=False)
    events = eventwire.extract("The announcement of the arrest of 45 soldiers and 2 officers for killing 6 clergymen, "
                               "a maid, and her daughter is a small milestone.", published="1989-11-20",
                               resources=rules)
    assert {e.type: e.fatalities for e in events} == {"COERCE": None, "ASSAULT": 8}


@pytest.mark.parametrize("text, dead, injured, shot", [
    ("Four people were shot outside a convenience store on Sunday.", N, 4, True),  # their fate is not told
    ("Two men were shot and wounded.", N, 2, False),  # "and wounded": they lived
    ("One person is dead and four others are injured after a shooting.", 1, 4, False),
    ("A man was shot and killed and his friend was shot in the leg.", 1, 1, True),
    # a pronoun shot in a sentence that counts dead is one of them
    ("He was shot in the chest and taken to Cook County Hospital, where he died.", 1, N, False),
    ("A 13-year-old boy has died after he was shot in the head.", 1, N, False),
    # hit by gunfire, or with a gunshot wound: shot, living so far
    ("That is when the bullet struck the boy on the forehead.", N, 1, True),
    ("Her grandmother, 56-year-old Shirley Robinson, was found with a gunshot wound to the leg.", N, 1, True),
    ("A 10-year-old girl is recovering from a gunshot wound.", N, 1, True),
    ("A man with a gun walked in.", N, N, False),
    ("The boy died of a gunshot wound.", 1, N, False),
])
def test_the_shot_are_wounded_as_far_as_the_sentence_tells(nlp, text, dead, injured, shot):
    counted = count_casualties(next(iter(nlp(text).sents)))
    assert (counted.fatalities, counted.injured, counted.shot) == (dead, injured, shot)


@pytest.mark.parametrize("text, word", [
    ("A 13-year-old boy has died after he was shot in the head.", "shot"),
    ("A 10-year-old boy died after accidentally shooting himself Sunday night.", "shooting"),
])
def test_a_pronoun_shot_is_one_of_the_dead_another_clause_counts(nlp, text, word):
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == word)
    assert count_casualties(trigger.sent, trigger=trigger).injured is None


@pytest.mark.parametrize("text, dead, injured", [
    # ways of dying that name no killing: "succumbed to", "passed away", "did not survive"
    ("The woman succumbed to her injuries and was pronounced dead at the scene.", 1, N),
    ("He was taken to a hospital, where he passed away.", 1, N),
    ("Police said the driver did not survive.", 1, N),
    ("The soldier survived the war but did not survive the winter.", N, N),  # what he outlived or not: no toll
    # a name the tagger misses is still a person when it dies or suffers a wound
    ("Sharai died at the hospital.", 1, N),
    ("Marsha Lynch suffered a gunshot wound to the leg.", N, 1),
    # injuries suffered, or carried to hospital with: wounded
    ("The victim suffered non-life-threatening injuries.", N, 1),
    ("He was taken to an area hospital with non-life-threatening injuries.", N, 1),
    ("The driver suffered no injuries.", N, 0),
    # how many of those shot died: "one fatally", "one of them fatally"
    ("Two men were shot Saturday night, one fatally.", 1, 1),
    ("Three people were shot, one of them fatally.", 1, 2),
    ("The victim suffered a non-life threatening injury and is being treated at a hospital.", N, 1),
    ("Police say the child was taken to a nearby hospital with non-life threatening injuries.", N, 1),
    # a shooting that tells the death, in a relative clause, a participle or after "found"
    ("Police say the man who was shot and killed in the park was accidentally shot by his friend.", 1, N),
    ("Police identified the boy who was shot and killed at an apartment complex.", 1, N),
    ("A 57-year-old man was found shot to death Saturday morning.", 1, N),
    # "another" standing for a person
    ("A man was killed and another wounded in a shooting.", 1, 1),
])
def test_local_news_tolls(nlp, text, dead, injured):
    counted = count_casualties(next(iter(nlp(text).sents)))
    assert (counted.fatalities, counted.injured) == (dead, injured)


@pytest.mark.parametrize("text, dead", [
    ("Police are investigating a deadly shooting that happened on Monday at an apartment complex.", 1),
    ("Police are investigating a shooting that happened on Monday at an apartment complex.", N),
    ("Police are investigating two deadly shootings that happened on Monday.", N),  # how many each, untold
])
def test_a_fatal_attack_killed_someone(text, dead):
    import eventwire

    assert [e.fatalities for e in eventwire.extract(text, published="2017-01-18") if e.type == "ASSAULT"][:1] == [dead]


@pytest.mark.parametrize("text, dead, injured, shot", [
    # people in medical care are the wounded, as far as the sentence tells (a later death may still be told)
    ("The boy was listed in serious condition.", N, 1, True),
    ("Two women remain in critical condition at the hospital.", N, 2, True),
    ("The victim was taken to the hospital.", N, 1, True),
    ("She was treated and released.", N, 1, True),
    ("The man is expected to survive.", N, 1, True),
    ("An argument ended in a shooting that left a teenager in critical condition.", N, 1, True),
    # ... not when the sentence tells a death: then they are its dead
    ("The victim was taken to the hospital, where he died.", 1, N, False),
    # ... and not again when the sentence counts the wounded otherwise, unless it calls them others
    ("Five men were shot on Monday, leaving two of them in critical condition.", N, 5, True),
    ("One man is in critical condition and three others were wounded.", N, 4, False),
    # the shot named in a relative clause
    ("Six men who were shot at a party are expected to survive.", N, 6, True),
])
def test_people_in_care_are_the_wounded(nlp, text, dead, injured, shot):
    counted = count_casualties(next(iter(nlp(text).sents)))
    assert (counted.fatalities, counted.injured, counted.shot) == (dead, injured, shot)


def test_a_report_of_care_is_the_state_of_victims_counted_before(nlp):
    doc = nlp("Four men were shot outside a bar. The other three men were in serious condition.")
    first, second = list(doc.sents)
    assert count_casualties(second).cared and not count_casualties(first).cared


@pytest.mark.parametrize("text, victims", [
    ("The four female victims and one male victim were hanging out in the parking lot.", True),  # dead or wounded
    ("Two murder victims were found in the house.", False),
    ("Three people were killed.", False),
    ("The victims were killed in the attack.", False),
])
def test_dead_only_called_victims(nlp, text, victims):
    """The dead a sentence only calls victims are the story's victims, whom the merge reads as its wounded when the
    story reports wounded and no death (events.fields.dead)."""
    counted = count_casualties(next(iter(nlp(text).sents)))
    assert counted.victims is victims
    assert counted.fatalities is None or not victims or counted.fatalities > 0


def test_officers_called_to_a_shooting_victim_is_no_part_of_a_whole(nlp):
    """"the call of a reported shooting victim" is no partitive ("one of the victims"): the victim counts."""
    sent = next(iter(nlp("Officers received the call of a reported shooting victim around 8 p.m.").sents))
    assert count_casualties(sent).injured == 1
