"""MUC-3/4 answer keys and the matching of key incidents to eventwire events.

Key format (``../shared/data/muc4/TASKDOC/templ-doc-basic/template-doc-part1.v7``): one template per
incident, 25 numbered slots; continuation lines hold further fillers of the same slot; ``/`` separates
alternative correct fillers; ``?`` before a filler makes it optional; ``(OPTIONAL)`` after the template
number marks an incident whose inclusion is doubtful; a message with no relevant incident has ``*`` in
every slot. Dates: ``DD MMM YY``, ``DD MMM YY - DD MMM YY`` (on or between) or ``- DD MMM YY``
(on or before; used when the date defaults to the dateline).

Matching (documented in docs/benchmarks.md): an event matches an incident when it comes from the same
article, its PLOVER type is compatible with the incident type (:data:`COMPATIBLE`), and at least one
anchor agrees — date, place or target (:func:`anchors`). Among candidates the one with most
agreeing anchors wins, then one whose ACLED event type fits the incident type (:data:`ACLED`), then the
more confident. One event may match several incidents.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from _data import DATA, Item, extract_items, muc_key_files, muc_texts, read_text

MONTHS = {m: k + 1 for k, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
SLOT = re.compile(r"^\s*(\d+)\.\s+[A-Z][A-Z ]*:[A-Z ]*?\s{2,}(.*)$")
CONTINUATION = re.compile(r"^\s{20,}(\S.*)$")
QUOTED = re.compile(r'"((?:\\.|[^"\\])*)"')
DAY = re.compile(r"(\d{1,2}) ([A-Z]{3}) (\d{2})")
NUMBER = re.compile(r"^(~)?(\d+)(?:-(\d*))?$")
BEFORE_DAYS = 31  # "- DD MMM YY" (on or before) is read as the 31 days up to that day

# MUC incident type -> PLOVER types an eventwire event may have to match it (see docs/benchmarks.md)
COMPATIBLE = {
    "ATTACK": {"ASSAULT"},
    "BOMBING": {"ASSAULT"},
    "KIDNAPPING": {"ASSAULT", "COERCE"},
    "HIJACKING": {"ASSAULT", "COERCE"},
    "ARSON": {"ASSAULT", "COERCE"},
    "ROBBERY": {"ASSAULT", "COERCE"},
    "FORCED WORK STOPPAGE": {"COERCE", "PROTEST"},
}
# MUC incident type -> the ACLED event types a matching event is expected to carry (reported, not used to match)
ACLED = {
    "ATTACK": {"Violence against civilians", "Battles", "Explosions/Remote violence"},
    "BOMBING": {"Explosions/Remote violence"},
    "KIDNAPPING": {"Violence against civilians"},
    "HIJACKING": {"Violence against civilians"},
    "ARSON": {"Strategic developments", "Riots", "Violence against civilians"},
    "ROBBERY": {"Strategic developments"},
    "FORCED WORK STOPPAGE": {"Strategic developments", "Protests"},
}
COUNTRY_CODES = {
    "ARGENTINA": "ARG", "BOLIVIA": "BOL", "BRAZIL": "BRA", "CHILE": "CHL", "COLOMBIA": "COL",
    "COSTA RICA": "CRI", "CUBA": "CUB", "ECUADOR": "ECU", "EL SALVADOR": "SLV", "GUATEMALA": "GTM", "GUATAMALA": "GTM", "JAMAICA": "JAM",
    "HONDURAS": "HND", "MEXICO": "MEX", "NICARAGUA": "NIC", "PANAMA": "PAN", "PERU": "PER",
    "UNITED STATES": "USA", "VENEZUELA": "VEN", "SPAIN": "ESP", "USSR": "RUS", "WEST GERMANY": "DEU",
    "FRANCE": "FRA", "ISRAEL": "ISR", "JAPAN": "JPN", "ITALY": "ITA", "UNITED KINGDOM": "GBR",
}


@dataclass(frozen=True)
class DateSpan:
    """One alternative of the INCIDENT: DATE slot: the incident happened in ``[start, end]``."""

    form: str  # "day" | "range" | "before"
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Incident:
    doc_id: str
    template: str
    optional: bool
    type: str  # first alternative (``BOMBING / ATTACK`` -> ``BOMBING``); ``types`` has all
    types: tuple[str, ...]
    stage: str  # ACCOMPLISHED | ATTEMPTED | THREATENED | ambiguous fills such as ACCOMPLISHED / ATTEMPTED
    dates: tuple[DateSpan, ...]
    country: str | None  # ISO3
    places: tuple[str, ...]  # place names below the country, most general first
    perpetrators: tuple[str, ...]
    targets: tuple[str, ...]
    killed: tuple[int, int] | None  # (low, high) from HUM TGT NUMBER x EFFECT DEATH; None if not numeric

    @property
    def days(self) -> tuple[dt.date, ...]:
        """The day-precise dates of the key (form ``DD MMM YY``)."""
        return tuple(d.start for d in self.dates if d.form == "day")


def parse_slots(block: str) -> dict[int, list[str]]:
    """Slot number -> filler lines of one template (continuation lines appended; comments dropped)."""
    slots: dict[int, list[str]] = {}
    current = None
    for line in block.splitlines():
        if line.startswith(";"):
            continue
        slot = SLOT.match(line)
        if slot:
            current = int(slot.group(1))
            slots[current] = [slot.group(2).strip()] if slot.group(2).strip() else []
        elif current is not None and CONTINUATION.match(line):
            slots[current].append(line.strip())
    return slots


def parse_key(text: str) -> list[Incident]:
    """Every incident template of a key file; messages whose templates are ``*`` give none."""
    blocks = re.split(r"(?m)^(?=\s*0\.\s+MESSAGE: ID)", text)
    out = []
    for block in blocks:
        slots = parse_slots(block)
        if 0 not in slots or not slots.get(1) or slots[1][0].startswith("*"):
            continue
        out.append(_incident(slots))
    return out


def _incident(slots: dict[int, list[str]]) -> Incident:
    def first(n: int) -> str:
        return (slots.get(n) or [""])[0]

    types = tuple(t.strip() for t in first(4).split("/") if t.strip())
    country, places = parse_location(first(3))
    return Incident(
        doc_id=first(0).split()[0], template=first(1).split()[0], optional="OPTIONAL" in first(1),
        type=types[0] if types else "", types=types, stage=" / ".join(s.strip() for s in first(5).split("/")),
        dates=parse_dates(first(2)), country=country, places=places,
        perpetrators=_strings(slots.get(9, []) + slots.get(10, [])),
        targets=_strings(slots.get(12, []) + slots.get(18, []) + slots.get(19, [])),
        killed=killed(slots.get(21, []), slots.get(23, [])),
    )


def _strings(lines: list[str]) -> tuple[str, ...]:
    found = []
    for line in lines:
        for value in QUOTED.findall(line):
            value = value.replace('\\"', '"').strip()
            if value and value != "-" and value not in found:
                found.append(value)
    return tuple(found)


def parse_dates(fill: str) -> tuple[DateSpan, ...]:
    """The alternatives of a DATE filler; unparseable alternatives (``11 NOV``, ``-``) are dropped."""
    out = []
    for alt in fill.split("/"):
        alt = alt.strip().strip("()").strip().lstrip("?").strip()
        days = [_day(m) for m in DAY.finditer(alt)]
        days = [d for d in days if d]
        if len(days) == 2:
            out.append(DateSpan("range", min(days), max(days)))
        elif len(days) == 1 and alt.startswith("-"):
            out.append(DateSpan("before", days[0] - dt.timedelta(days=BEFORE_DAYS), days[0]))
        elif len(days) == 1:
            out.append(DateSpan("day", days[0], days[0]))
    return tuple(out)


def _day(match: re.Match) -> dt.date | None:
    month = MONTHS.get(match.group(2))
    try:
        return dt.date(1900 + int(match.group(3)), month, int(match.group(1))) if month else None
    except ValueError:
        return None


def parse_location(fill: str) -> tuple[str | None, tuple[str, ...]]:
    """``EL SALVADOR: SAN MIGUEL (DEPARTMENT): X (TOWN)`` -> (``SLV``, (``SAN MIGUEL``, ``X``)).

    Alternatives (``(A: B) / (A: C)``, ``COLOMBIA / VENEZUELA``) and ranges (``X - Y``) give all their
    names; the first country named is the incident's country.
    """
    names = []
    for part in re.split(r"[:/]| - ", fill):
        name = re.sub(r"\([^()]*\)", "", part).strip(" ()?")
        if name and name not in ("-", "*") and name not in names:
            names.append(name)
    countries = [COUNTRY_CODES[n] for n in names if n in COUNTRY_CODES]
    return (countries[0] if countries else None), tuple(n for n in names if n not in COUNTRY_CODES)


def killed(numbers: list[str], effects: list[str]) -> tuple[int, int] | None:
    """People killed: the sum of the NUMBERs of the human targets whose only EFFECT is DEATH.

    None when no target has the effect DEATH, when one that does has no numeric NUMBER (``PLURAL``,
    missing, a dummy ``"-"`` reference), or when one that does has another effect line too (its NUMBER
    counts the dead and the wounded together). ``~10`` counts as 10; ``6-8`` and ``6-`` as ranges.
    """
    counts = {}
    for line in numbers:
        value, _, refs = line.lstrip("?").strip().partition(":")
        for ref in _strings([refs]):
            counts[ref] = value.strip()
    low = high = 0
    dead = 0
    other_effects = set()  # targets with another effect too ("DEATH: PEOPLE" and "INJURY: PEOPLE")
    for line in effects:
        effect, _, refs = line.lstrip("?").strip().partition(":")
        if {e.strip() for e in effect.split("/")} != {"DEATH"}:
            other_effects.update(_strings([refs]))
    for line in effects:
        effect, _, refs = line.lstrip("?").strip().partition(":")
        if {e.strip() for e in effect.split("/")} != {"DEATH"}:
            continue
        dead += 1
        names = _strings([refs])
        if set(names) & other_effects:
            return None  # one NUMBER for the dead and the wounded together: the dead are not counted
        number = next((counts[n] for n in names if n in counts), None)
        parsed = _number(number) if number else None
        if parsed is None:
            return None
        low, high = low + parsed[0], high + parsed[1]
    return (low, high) if dead else None


def _number(value: str) -> tuple[int, int] | None:
    match = NUMBER.match(value.split("/")[0].strip())
    if not match:
        return None
    low = int(match.group(2))
    if match.group(3) is None:
        return low, low
    return low, int(match.group(3)) if match.group(3) else low


def read_incidents(split: str, *, data: Path = DATA) -> dict[str, list[Incident]]:
    """Incidents of one split by message id (every message of the keys appears, possibly with none)."""
    out: dict[str, list[Incident]] = {}
    for path in muc_key_files(split, data=data):
        text = read_text(path)
        for doc_id in re.findall(r"(?m)^\s*0\.\s+MESSAGE: ID\s+(\S+)", text):
            out.setdefault(doc_id, [])
        for incident in parse_key(text):
            out[incident.doc_id].append(incident)
    return out


# ---- matching -------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Upper case, accents removed, runs of non-letters collapsed to one space."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " " + re.sub(r"[^A-Z0-9]+", " ", text.upper()).strip() + " "


def event_text(event: dict) -> str:
    """The folded text of an event's evidence, mentions, actors and recipients."""
    parts = [(event.get("evidence") or {}).get("text") or ""]
    parts += [m.get("text") or "" for m in event.get("mentions") or []]
    parts += [a.get("text") or "" for a in (event.get("actor") or []) + (event.get("recipient") or [])]
    return fold(" ".join(parts))


def anchors(incident: Incident, event: dict) -> dict[str, bool]:
    """Which of date, place and target agree between an incident and an event.

    date: the event's date lies in one of the key's date spans; place: :func:`place_agrees`; target: one of
    the key's HUM TGT NAME / DESCRIPTION or PHYS TGT ID strings (4+ characters) occurs in the event's
    evidence, mentions, actor or recipient texts (case and accents ignored).
    """
    return {"date": date_agrees(incident, event.get("date")),
            "place": place_agrees(incident, event.get("location")),
            "target": any(fold(s) in event_text(event) for s in incident.targets if len(fold(s).strip()) >= 4)}


def date_agrees(incident: Incident, value: str | None) -> bool:
    try:
        day = dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return False
    return day is not None and any(d.start <= day <= d.end for d in incident.dates)


def place_agrees(incident: Incident, place: dict | None) -> bool:
    """A key place name equals the event location's name, text or admin1; or the key gives only the
    country and the event is in it."""
    if not place:
        return False
    if not incident.places:
        return bool(incident.country) and place.get("country") == incident.country
    ours = {fold(place.get(k) or "") for k in ("name", "text", "admin1")} - {"  "}
    return any(fold(name) in ours for name in incident.places)


def compatible(incident: Incident, event: dict) -> bool:
    types = set().union(*(COMPATIBLE.get(t, set()) for t in incident.types))
    if event.get("quad_class") == "material-conflict" and event.get("type") in types:
        return True
    return "THREATENED" in incident.stage and event.get("type") == "THREATEN"


@dataclass(frozen=True)
class Match:
    incident: Incident
    event: dict | None  # None: no event matched
    anchors: tuple[str, ...]  # which anchors agreed
    typed: bool  # some event of the article had a compatible type (anchors aside)


def match(incident: Incident, events: list[dict], *, use: tuple[str, ...] = ("date", "place", "target"),
          ) -> Match:
    """The best event for ``incident`` among the events of its article, anchored by ``use``."""
    candidates = [e for e in events if compatible(incident, e)]
    best, best_key, best_anchors = None, None, ()
    for event in candidates:
        agreed = tuple(k for k, ok in anchors(incident, event).items() if ok and k in use)
        fits = event.get("acled_event_type") in set().union(*(ACLED.get(t, set()) for t in incident.types))
        key = (len(agreed), fits, float(event.get("confidence") or 0))
        if agreed and (best_key is None or key > best_key):
            best, best_key, best_anchors = event, key, agreed
    return Match(incident, best, best_anchors, bool(candidates))


def match_all(incidents: dict[str, list[Incident]], events: dict[str, list[dict]], *,
              use: tuple[str, ...] = ("date", "place", "target")) -> list[Match]:
    """A :class:`Match` for every incident whose article was run (absent articles are skipped)."""
    return [match(i, events[doc_id], use=use) for doc_id, found in incidents.items() if doc_id in events
            for i in found]


def accomplished(incident: Incident) -> bool | None:
    """True for ACCOMPLISHED, False for ATTEMPTED/THREATENED, None when the key gives alternatives."""
    stages = {s.strip() for s in incident.stage.split("/")}
    if stages == {"ACCOMPLISHED"}:
        return True
    if stages and stages <= {"ATTEMPTED", "THREATENED"}:
        return False
    return None


def factuality_agrees(incident: Incident, event: dict) -> bool | None:
    """Accomplished -> asserted; attempted/threatened -> not an asserted material event (a THREATEN
    event, or any factuality other than asserted). None when the key's stage is ambiguous."""
    done = accomplished(incident)
    if done is None:
        return None
    asserted = event.get("factuality") == "asserted"
    if done:
        return asserted
    return event.get("type") == "THREATEN" or not asserted



def load_split(split: str, *, limit: int | None = None, cache=None, workers: int = 1,
               ) -> tuple[dict[str, list[Incident]], dict[str, list[dict]]]:
    """(incidents by message id, eventwire events by message id) for the first ``limit`` texts of a split.

    The report date comes from each text's dateline (ingest/clean read it into ``Article.published``).
    """
    texts = list(muc_texts(split))[:limit] if limit else list(muc_texts(split))
    events = extract_items([Item(t.id, t.text) for t in texts], label=f"muc-{split}", cache=cache,
                           workers=workers)
    incidents = read_incidents(split)
    return {k: v for k, v in incidents.items() if k in events}, events
