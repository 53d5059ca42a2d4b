"""People hit in "a double / triple / quadruple shooting" (events/multiple_shootings.py): the multiple counts the
people shot; beside the dead the sentence counts, the rest were wounded; constructed sentences."""
from __future__ import annotations

import pytest

from eventwire.events.casualties import Casualties, count_casualties
from eventwire.events.multiple_shootings import wounded_of_hit

N = None


@pytest.mark.parametrize("text, dead, injured", [
    ("One man is dead after a double shooting on the east side.", 1, 1),
    ("Police are looking into a quadruple shooting downtown that left two people dead.", 2, 2),
    ("Officers responded to a triple shooting near the park.", N, 3),
    # the sentence's own count of the wounded stands; all the hit dead: no wounded
    ("A triple shooting at the bar left one man dead and one woman wounded.", 1, 1),
    ("Two brothers were killed in a double shooting on Main Street.", 2, N),
    # not a shooting: a double murder counts its dead only
    ("Police are investigating a double murder on the north side.", 2, N),
])
def test_the_multiple_counts_the_people_hit(nlp, text, dead, injured):
    sent = next(iter(nlp(text).sents))
    assert count_casualties(sent) == Casualties(dead, injured, N)


def test_wounded_of_hit():
    assert wounded_of_hit(4, 1, None) == 3
    assert wounded_of_hit(2, 2, None) is None
    assert wounded_of_hit(3, None, None) == 3
    assert wounded_of_hit(3, 1, 1) == 1


def test_a_clause_out_of_the_shooting_keeps_its_own_count():
    """The shooting's event is not given the multiple when the sentence counts its victims in a clause the parse
    hangs elsewhere ("..., which left one dead and two others injured"): one event, the sentence's counts."""
    import eventwire

    rules = eventwire.Resources(learned=False)
    events = eventwire.extract("Police are investigating a triple shooting on the West Bank on Monday, which left "
                               "one person dead and two others injured.", published="2016-05-10", resources=rules)
    assert [(e.fatalities, e.injured) for e in events if e.type == "ASSAULT"] == [(1, 2)]
