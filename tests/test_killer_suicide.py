"""The killer's own death told with his killings (events/killer_suicide.py): a reflexive object of a killing verb
beside the killer's victims is one dead more; constructed sentences of the construction and of its limits."""
from __future__ import annotations

import pytest

from eventwire.events.casualties import Casualties, count_casualties

N = None


@pytest.mark.parametrize("text, dead, injured", [
    # a gerund after "before"/"after" tells the suicide as a step of the killing
    ("A man fatally shot his wife and two sons before killing himself at their home.", 4, N),
    ("A woman shot and killed her daughter before fatally shooting herself, police said.", 2, N),
    ("The gunman killed two people on Friday before turning the gun on himself.", 3, N),
    # the reflexive as the gapped object after "then"
    ("The gunman killed three people and then himself inside the store.", 4, N),
    # a killing verb coordinated after the killing
    ("A man shot and killed his wife and then killed himself.", 2, N),
    ("A woman shot her son, then herself, in a murder-suicide.", 2, N),
    # limits: a suicide beside wounded victims only, a reflexive counted in a list, a reflexive that is no victim
    ("A man shot his neighbor before killing himself.", 1, 1),
    ("The gunman killed himself and four others at the mall.", 5, N),
    ("A man who killed two people told police he blamed himself.", 2, N),
    ("Police said a man killed his neighbor and later hanged himself in jail.", 1, N),
    ("The man killed his wife after she threatened to kill herself.", 1, N),
])
def test_the_killer_is_one_dead_more(nlp, text, dead, injured):
    sent = next(iter(nlp(text).sents))
    assert count_casualties(sent) == Casualties(dead, injured, N)


def test_the_killing_event_counts_the_killer():
    """The event of the killing verb (not only the whole sentence) carries the killer's death."""
    import eventwire

    rules = eventwire.Resources(learned=False)
    events = eventwire.extract("Police say a man fatally shot his wife and two young sons before killing himself "
                               "at their home in Tulsa on Monday.", published="2016-05-10", resources=rules)
    assert [e.fatalities for e in events if e.type == "ASSAULT"] == [4]
