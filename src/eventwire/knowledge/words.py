"""Word lists shared by several stages, each under a name that says what it is for.

A list used by one module only stays in that module; a list here is the one copy of words two or more modules
read (month names were written out three times before; the verbs of speech once per reader, with different
purposes, so they are three lists with three names).
"""
from __future__ import annotations

import re

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
"""The twelve month names, in calendar order."""

MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
"""Month names and their abbreviations (lower case, without the dot) -> month number."""

SPEECH_VERBS = {"say", "tell", "claim", "report", "state", "announce", "add", "insist", "confirm", "deny", "allege",
                "warn", "declare", "write", "quote", "accuse"}
"""Lemmas of verbs of speech: their subject is the speaker of the clause they govern, not a party to its event."""

ATTRIBUTION_VERBS = {"say", "tell", "report", "state", "announce", "add", "confirm", "quote", "write", "declare"}
"""Lemmas of neutral attribution: a clause they govern (``ccomp``) is reported, as asserted as the report is."""

METONYMIC_SPEECH_VERBS = {"say", "tell", "insist", "add", "slam", "urge", "claim", "deny", "warn", "vow", "promise"}
"""Lemmas after which a capital's name stands for its government ("Washington says"), not for the place."""

DASH_FOLD = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
DASH_FOLD.update(dict.fromkeys(map(ord, "\u2018\u2019\u02bc\u0060\u00b4"), "'"))
"""A ``str.translate`` table: typographic dashes to ``-``, curly quotes and accents used as apostrophes to ``'``."""

CASUALTY_WORDS = {"kill", "killing", "die", "dead", "death", "wound", "injure", "casualty", "victim", "hurt",
                  "toll", "body", "wounded", "injured", "injury", "fatality", "life", "unhurt", "unharmed",
                  "massacre", "murder", "execute", "behead", "assassinate", "shoot", "slay", "corpse", "assassination",
                  "execution", "slaying", "gun", "succumb", "survive", "pass", "gunfire", "hospital", "hospitalize",
                  "condition"}
"""Lemmas that speak of dead or wounded: a sentence without one reports no casualties (one "in critical condition",
"taken to a hospital", "struck by gunfire" is wounded)."""

OTHERS = re.compile(r"\b(?:others?|another)\b", re.IGNORECASE)
"""People besides the ones told before ("three others were wounded", "another man was found shot")."""
