"""Learn stage, last rule: an aggregate figure is never one event's dead or wounded.

"More than 3,000 soldiers have been killed since 2011", "the war has killed 500,000", "so far this year 40
people have died", "120 were wounded over the past six months": such figures count many events over a span of
time. (A sum alone is no aggregate: "the strike killed a total of five guards and five militiamen" counts the
victims of one event.) When the clause that holds an event's count says so, the count is not the event's: its
``fatalities`` (or ``injured``) become unknown. Whether the sentence reports a specific event at all is for the
event-ness model (:mod:`eventwire.learn`) to judge; this rule only keeps totals out of the casualty fields.

The constructions (English, not one source's wording):

1. a time span the count runs over (not a comparison: "the deadliest attack since 2015"): "since 2011", "since January", "since the start of the war", "over the
   past five years", "in the last decade", "so far", "to date", "this year" with a perfect verb;
2. a rate: "each year", "every month", "per day", "annually";
3. a long-running cause as the subject of a perfect verb of killing: "the war has killed", "the conflict
   has claimed", "violence has left".
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from ..models import Event

MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
SPAN = re.compile(
    r"\bsince (?:(?:early |late |mid-?)?(?:\d{4}|" + MONTHS + r")|the (?:start|beginning|outbreak|onset|end)|"
    r"then|last (?:year|month|week))\b|\bso far\b|\bto date\b|"
    r"\b(?:over|in|during|for) the (?:past|last|previous) (?:\S+ )?(?:years?|months?|decades?|weeks?|days?)\b|"
    r"\b(?:this|last) year\b(?=.*\b(?:has|have)\b)|\b(?:has|have) (?:so far |now )?(?:\S+ )?(?:killed|claimed|left)"
    r"\b(?=.*\bsince\b)")
RATE = re.compile(r"\b(?:each|every|per|a) (?:year|month|week|day)\b|\bannually\b|\byearly\b")
CAUSE = re.compile(r"\b(?:war|wars|conflict|insurgency|violence|fighting|uprising|revolt|rebellion|campaign|crisis|"
                   r"unrest|occupation|struggle|bloodshed|drug war|civil war)\b[^.;]{0,40}?\b(?:has|have|had) "
                   r"(?:\S+ )?(?:killed|claimed|left|cost)\b")
NUMBER = re.compile(r"\d[\d,.]*")
CLAUSE_BREAK = re.compile(r"[;:]|,\s(?:and|but|while|whereas|as|bringing|raising|taking|pushing)\b")
COMPARISON = re.compile(r"\b(?:\w+est|worst|first|biggest|largest|highest|lowest|most \w+)(?: \w+)? since\b")


def aggregate_clause(sentence: str, count: int | None) -> bool:
    """Whether the clause of ``sentence`` that states ``count`` (else the whole sentence) is an aggregate."""
    text = COMPARISON.sub(" ", sentence.lower())  # "the deadliest attack since 2015" dates no total
    clause = text
    if count is not None:
        for match in NUMBER.finditer(text):
            try:
                value = int(float(match.group().replace(",", "").rstrip(".")))
            except ValueError:
                continue
            if value == count:
                starts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(text) if m.end() <= match.start()]
                ends = [m.start() for m in CLAUSE_BREAK.finditer(text) if m.start() >= match.end()] + [len(text)]
                clause = text[starts[-1]:ends[0]]
                break
    return any(p.search(clause) for p in (SPAN, RATE, CAUSE))


def drop_aggregate_counts(events: Iterable[Event]) -> list[Event]:
    """The events, with dead and wounded that an aggregate clause states set to unknown."""
    out = []
    for event in events:
        changes = {}
        for name in ("fatalities", "injured"):
            value = getattr(event, name)
            if value is not None and aggregate_clause(event.evidence.text, value):
                changes[name] = None
        out.append(replace(event, **changes) if changes else event)
    return out
