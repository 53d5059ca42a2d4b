"""What sets a later report of a local story apart from its lead attack (events/merge.story_apart), heard
through merge's ``on_story`` hook (the error analysis of benchmarks/gva.py reads the same reasons)."""
from __future__ import annotations

import pytest

from eventwire.events.merge import merge
from eventwire.knowledge.lexicon import load_lexicon
from eventwire.models import Article, Place
from eventwire.places.locality import Setting

from test_merge import day, mention

LEX = load_lexicon()
ARTICLE = Article(id="a1", body="x" * 400, published="2020-01-04")
AKRON = Place(text="Akron", name="Akron", country="USA", admin1="Ohio", lat=41.08, lon=-81.52, precision="city")
DAYTON = Place(text="Dayton", name="Dayton", country="USA", admin1="Ohio", lat=39.76, lon=-84.19, precision="city")
LOCAL = Setting(AKRON, local=True)


def heard(later: dict, *, locality: Setting | None = LOCAL) -> list[str | None]:
    lead = mention(0, places=(AKRON,), date=day("2020-01-03"), injured=1, mode="firearms")
    other = mention(1, **{"paragraph": 4, "mode": "firearms", **later})
    reasons: list[str | None] = []
    merge([lead, other], article=ARTICLE, lex=LEX, locality=locality,
          on_story=lambda mentions, reason: reasons.append(reason))
    return reasons


@pytest.mark.parametrize("later, reason", [
    pytest.param({}, None, id="joined"),
    pytest.param({"type": "COERCE"}, "other type", id="other-type"),
    pytest.param({"factuality": "hypothetical"}, "not asserted", id="not-asserted"),
    pytest.param({"novel": True}, "novel", id="another-shooting"),
    pytest.param({"several": True}, "several", id="several"),
    pytest.param({"mode": "explosives"}, "weapon", id="weapon"),
    pytest.param({"date": day("2020-01-09")}, "dated apart", id="dated-apart"),
    pytest.param({"places": (DAYTON,)}, "placed apart", id="placed-apart"),
])
def test_each_report_is_heard_with_what_kept_it_apart(later, reason):
    assert heard(later) == ["lead", reason]


def test_a_story_that_is_not_local_is_heard_as_such():
    assert heard({}, locality=None) == ["not local", "not local"]
