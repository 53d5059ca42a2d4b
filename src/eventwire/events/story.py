"""What a local news story's reports say of its one incident (read by :func:`.merge._join_story`).

A local story tells one shooting from many angles; two constructions of such stories used to set a report apart
from the story's attack although it tells that attack:

* **A fight that turned into the attack.** "An argument and fight escalated to shots being fired", "the shooting
  followed an altercation at the bar": a fight noun (the ``N`` trigger rows of ``data/triggers.tsv`` whose mode is
  ``beat``: fight, altercation, brawl, scuffle) in a story of an armed attack is how that attack began, not an
  attack by another weapon. A verb of beating or stabbing ("he stabbed her") still names a weapon of its own.
* **A day counted from the story, or named by an ordinal.** "in connection with a shooting a day earlier", "the
  night before", "two days later" count from another event the text tells (the arrest, the party), not from the
  day of writing: they cannot set a report apart from the story's day. "The Fourth of July fireworks", "the 1st of
  May" name a day of the month, not the whole month.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..knowledge.lexicon import Lexicon

if TYPE_CHECKING:  # pragma: no cover - a type only: story stays one import level above the records
    from .records import Mention

FIGHT_MODE = "beat"
# "a day earlier", "two days later", "hours before", "the previous night", "that night": counted from a time the
# text tells, not from the day of writing ("two days ago" counts from that day; "earlier this year" is a span).
NARRATIVE = re.compile(r"\b(?:days?|nights?|hours?|weeks?)\s+(?:earlier|later|before|after|prior)\b"
                       r"|\b(?:the|that)\s+(?:(?:previous|prior|following|next|same)\s+)?"
                       r"(?:day|night|morning|afternoon|evening)\b", re.IGNORECASE)
ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
            " fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
# "the Fourth of July", "the 4th of July", "the twenty-first of May": an ordinal before "of <month>".
ORDINAL_BEFORE = re.compile(r"\b(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?:(?P<tens>twenty|thirty)[- ])?(?P<w>"
                            + "|".join(ORDINALS) + r"))\s+$", re.IGNORECASE)


def fight_nouns(lex: Lexicon) -> frozenset[str]:
    """The fight nouns of the trigger table: noun rows of an ASSAULT whose mode is a fight (``beat``)."""
    return frozenset(lemma for lemma, rules in lex.triggers.items()
                     if any(r.pos == "N" and r.type == "ASSAULT" and r.mode == FIGHT_MODE for r in rules))


def is_fight(m: Mention, fights: frozenset[str]) -> bool:
    """Is ``m`` told by a fight noun ("the fight", "a large physical altercation")?"""
    words = m.trigger.lower().split()
    return m.mode == FIGHT_MODE and bool(words) and (words[-1] in fights or words[-1].rstrip("s") in fights)


def weapon_modes(mentions: list[Mention], fights: frozenset[str]) -> set[str]:
    """The weapons ``mentions`` name, but for the fight a story's attack grew out of."""
    return {m.mode for m in mentions if m.mode and not is_fight(m, fights)}


def same_weapon(mine: list[Mention], weapon: str | None, fights: frozenset[str] = frozenset()) -> bool:
    """Every report names the story's weapon ("shot", "a shooting", "gunfire": firearms), only its toll ("two
    others were wounded") or the fight it grew out of; while the story has named none ("killed in an attack"),
    one weapon."""
    modes = weapon_modes(mine, fights)
    return modes <= {weapon} if weapon is not None else len(modes) <= 1


def story_date(m: Mention) -> str | None:
    """The date of ``m``'s own clause as the story join reads it: none when it counts from another event the
    text tells ("a shooting a day earlier"); the day when an ordinal names it ("after the Fourth of July
    fireworks" read as July); else the date's value."""
    timex = m.date
    if timex is None or NARRATIVE.search(timex.text):
        return None
    if timex.precision == "month" and (day := _ordinal_day(m)) is not None:
        return day
    return timex.value


def _ordinal_day(m: Mention) -> str | None:
    """The day an ordinal before a month-only date names ("the Fourth of July" -> YYYY-07-04)."""
    offset = m.date.start - m.sentence.start
    if not 0 < offset <= len(m.sentence.text):
        return None
    found = ORDINAL_BEFORE.search(" ".join(m.sentence.text[:offset].split()) + " ")
    if found is None:
        return None
    if found.group("n"):
        n = int(found.group("n"))
    else:
        n = ORDINALS.index(found.group("w").lower()) + 1
        n += {"twenty": 20, "thirty": 30}.get((found.group("tens") or "").lower(), 0)
    try:
        return dt.date.fromisoformat(f"{m.date.value}-{n:02d}").isoformat()
    except ValueError:
        return None


__all__ = ["fight_nouns", "is_fight", "same_weapon", "story_date", "weapon_modes"]
