"""A wounded person whose death the same sentence tells by a pronoun, for :mod:`eventwire.events.casualties`.

US local news tells a victim's fate in one sentence: "a woman was shot and taken to a nearby trauma center, where
she was pronounced dead", "at least one person was shot in the chest, and that person was taken to the hospital,
where he later died". The sentence counts the woman as shot (wounded as far as her own clause tells) and the
pronoun of the later clause as dead; the pronoun has no antecedent but the people the sentence counted before it,
so the dead it counts are some of those wounded, not others besides them: the wounded are the shot (and those in
care) less the dead the pronoun retells ("a man was shot in the leg and a woman was taken to a hospital, where she
died": one dead, one wounded). It is the mirror of "a boy has died after he was shot", where the shot pronoun is
one of the dead (``casualties.count_casualties``).

Only when the sentence counts its dead by pronouns alone, after the first wounded group: "a man was killed and his
wife was shot" counts its dead by a noun and keeps both; "he died after a man shot his brother" tells the death
first; a reflexive ("shot his neighbor before killing himself") is the killer, not a victim retold
(:mod:`.killer_suicide`).

Across sentences (:func:`another_victim`, read by ``fields.wounded``): a report of someone shot whose fate it does
not tell is, beside the event's dead, most often one of them told again ("A teen was fatally shot ... Officers
found him suffering from a gunshot wound"); a report that says the person shot is one more ("her mother was also
shot", "a second man was shot") or lived ("was shot but survived") counts a wounded person besides the dead.
"""
from __future__ import annotations

import re

from .killer_suicide import REFLEXIVES

__all__ = ["another_victim", "dead_among_wounded"]

_WOUNDED = ("shot", "injured")
_ANOTHER = re.compile(r"\b(?:also|too|surviv(?:e|ed|es|ing))\b|\bsecond\b(?!\s+(?:time|shot|round|bullet))",
                      re.IGNORECASE)  # "her mother was also shot", "a second man"; not "shot a second time"
_REFLEXIVES = REFLEXIVES | {"themselves", "myself", "yourself", "ourselves"}  # the killer's own, and the plurals


def dead_among_wounded(groups: dict[str, list], by_pronoun: dict[str, list]) -> int:
    """How many of the wounded the sentence counted by nouns are the dead it then counts by pronouns (0 when none).

    ``groups`` and ``by_pronoun`` map a kind ("dead", "shot", "injured", ...) to ``(clause verb, count)`` pairs of
    the groups counted by nouns and by pronouns (``casualties.count_casualties``); the people in care are already
    among the "shot" or dropped.
    """
    if groups.get("dead") or not by_pronoun.get("dead"):
        return 0
    wounded = [(verb, n) for kind in _WOUNDED for verb, n in groups.get(kind, ())]
    if not wounded:
        return 0
    first = min((verb.i for verb, _ in wounded if verb is not None), default=None)
    dead = by_pronoun["dead"]
    if first is None or any(verb is None or verb.i <= first or _reflexive(verb) for verb, _ in dead):
        return 0  # a death told before (or beside) the wounded, or the killer's own: not a later word of their fate
    return min(sum(n for _, n in dead), sum(n for _, n in wounded))


def _reflexive(verb) -> bool:
    """Does the dead pronoun's verb take a reflexive ("killing himself", "turning the gun on herself")?"""
    near = list(verb.children) + [t for c in verb.children if c.dep_ in ("prep", "dobj") for t in c.children]
    return any(t.lower_ in _REFLEXIVES for t in near)


def another_victim(text: str) -> bool:
    """Does a clause's text reporting someone shot say that he is one more than the people told before ("also",
    "too", "a second victim") or that he lived ("was shot but survived")?"""
    return bool(_ANOTHER.search(text))
