"""Merge stage: the mentions of one event inside one article become one :class:`Event`.

A news story names its main event many times ("a US drone attack", "the killing on Friday", "the hit on
Baghdad airport", "the US strike killed ten"). Each mention is compared with the events built so far; it
joins the best compatible one or starts a new event. Compatibility is a score from evidence both sides
give (same place, same weapon family, shared actors, victims or names, a definite description such as
"the strike") and is ruled out by any contradiction (different day, places far apart, a different mode of
attack, disjoint actors, dead versus no dead, "a *new* strike"). Only mentions with the same factuality
merge: a feared attack never becomes a mention of a real one (but "X blamed Y for the attack" claims who
did it, not whether it happened). A toll over a span of time ("so far this year, 12 have been killed") sums
up many events and merges with none of them; a place named only as a far point of reference ("Piura, 1,100
km north of Lima") is not where the event happened. Then, in local news, a story's later reports of its first
attack that names a weapon join it when nothing sets them apart (:func:`_join_story`).

Then every field is chosen from the mentions (:mod:`.fields`): the most informative sentence is the
evidence, the most precise place is the location (else where the story is set:
:mod:`eventwire.places.locality`), a date of the event's own clause beats a date found elsewhere in its
sentence or paragraph, which beats the story's date from the paragraphs before (then the publication
date), the dead of one event are counted once (largest reported number; 0 when no mention reports dead
but some report wounded).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from dataclasses import dataclass, field, replace
from typing import Callable

from ..knowledge.words import MONTH_NAMES
from .records import Mention
from .story import fight_nouns, same_weapon, story_date, weapon_modes
from .arguments import SYMMETRIC
from .acled import acled_coding, inter_codes
from ..knowledge.lexicon import Lexicon
from ..places.locality import Setting
from . import fields
from .backrefs import join_back_references
from ..models import Actor, Article, Event, Evidence, Place

SITE_FEATURES = {"base": ("military base", "airport", "airbase", "air base"),
                 "airbase": ("military base", "airport"), "airport": ("airport", "military base")}
NEAR_KM, FAR_KM = 10.0, 50.0
MERGE_AT = 2
DEFINITE = 2  # "the strike" refers back: a definite mention joins the best event nothing contradicts
NESTED = 3
TOLL_GAP = 3  # counts of dead this far apart, and over twice the other, are other victims
REPORTED = {"asserted", "claimed"}  # a phrase's inner mention may read as claimed where the outer is asserted
VERBAL_CONFLICT = {"ACCUSE", "REJECT", "THREATEN", "REQUEST", "SANCTION"}
FALLBACK_TARGET = {"ACCUSE", "REJECT"}  # reactions whose target may only be named elsewhere in the sentence
# A span of time, not a day: a toll over it ("so far this year", "since it was founded in 1985", "during the last
# 6 months", "over its 10-year history") counts many events, never one of them.
SPAN_OF_TIME = re.compile(
    r"\b(?:so far (?:this|in|during)\b|since then\b|(?:this|the) year so far|to date\b|this year alone\b"
    r"|since (?:(?:early |late |mid-?)?(?:1[89]|20)\d\d\b|(?:" + "|".join(MONTH_NAMES) + r")\b|last (?:year|month)\b"
    r"|(?:the |its |their )?(?:beginning|start|founding|creation)\b"
    r"|(?:it|they|he|she|the [\w-]+(?: [\w-]+)?) (?:was|were) (?:founded|created|formed|established|elected)\b)"
    r"|(?:during|in|over|within|throughout) the (?:last|past|previous) (?:[\w-]+ ){0,2}"
    r"(?:days|weeks|months|years|decades?)\b"
    r"|in recent (?:weeks|months|years)\b|over the years\b"
    r"|since (?:(?:last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|the weekend)\b"
    r"|(?:over|throughout|in) (?:its|their|the \w+'s) (?:[\w-]+ ){0,2}history\b"
    r"|between (?:1[89]|20)\d\d and (?:1[89]|20)\d\d\b)", re.IGNORECASE)
# "X blamed Y for the attack", "claimed responsibility for a bombing": a claim of who did an act the noun phrase
# names, not of whether it happened (not "accused Y of killing civilians", which claims the act itself).
BLAME = re.compile(r"\b(?:blam|accus|responsib|attribut|charg|credit)\w*\b[^.;:]{0,80}?\b(?:for|of|to)\s+"
                   r"[\"']?(?P<det>(?:the|an?|this|that|these|those)\s+)?[\"']?$", re.IGNORECASE)
DETERMINER = re.compile(r"[\"']?(?:the|an?|this|that|these|those|\w+'s)\s", re.IGNORECASE)
# "Piura, 1,100 km north of Lima": Lima is a point of reference, the event lies that far from it.
DISTANCE = r"(\d[\d,.]*)\s*(?:km|kms|kilometers|kilometres|miles)\.?\s+(?:[a-z-]+\s+){0,2}(?:of|from)\s+(?:the\s+)?"
NUMBER_WORDS = "three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|thousands"
TOLL_WORDS = ("kill", "dead", "die", "death", "injur", "wound", "casualt", "toll")
ANAPHOR = re.compile(r"\b(?:his|her|their|him|them|the group|the victims?)\b", re.IGNORECASE)
# Statements are events of their own: two sentences that threaten are two threats. Only material events,
# which a story names again and again, merge across sentences.
MERGING_QUADS = {"material-conflict", "material-cooperation"}
STORY_TYPES = {"ASSAULT"}  # a story's later undistinguished reports of its first attack are that attack


@dataclass
class _Cluster:
    """An event under construction (local to one :func:`merge` call)."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]


def merge(mentions: list[Mention], *, article: Article, lex: Lexicon, main_country: Place | None = None,
          other_parties=None, capital: Callable[[str], Place | None] | None = None,
          locality: Setting | None = None, on_story: Callable[[list[Mention], str | None], None] | None = None
          ) -> list[Event]:
    """Events of one article from its mentions, in order of first mention. ``locality``: where the story is
    set (:func:`eventwire.locality.setting`), for events whose clauses name nothing finer. ``on_story`` (for
    error analysis) hears each event's reports before the story join and what kept them from the story's lead
    ("lead", "not local", "no lead", a :func:`story_apart` reason, or None: joined)."""
    clusters: list[_Cluster] = []
    for mention in mentions:
        best, best_score = None, None
        for cluster in clusters:
            score = compatibility(mention, cluster.mentions, lex)
            if score is None:
                continue
            if best_score is None or (score, len(cluster.mentions)) > (best_score, len(best.mentions)):
                best, best_score = cluster, score
        if best is not None and best_score >= MERGE_AT:
            best.mentions.append(mention)
        else:
            clusters.append(_Cluster([mention]))
    clusters = join_back_references(clusters, material=_material_types(lex, clusters),
                                    apart=_other_victims)  # "condemned the attack"
    if locality is not None and locality.local:  # a local story tells one attack; a national one, many
        clusters = _join_story(clusters, fights=fight_nouns(lex), on_story=on_story)
    elif on_story is not None:
        for cluster in clusters:
            on_story(list(cluster.mentions), "not local")
    owner = {m.index: k for k, c in enumerate(clusters) for m in c.mentions}
    drafts = _unique_ids([_event(c.mentions, article=article, lex=lex, main_country=main_country, capital=capital,
                                 locality=locality) for c in clusters])
    return [_link_causes(event, cluster, drafts, owner, other_parties) for event, cluster in zip(drafts, clusters)]


def _material_types(lex: Lexicon, clusters: list[_Cluster]) -> set[str]:
    """The types among ``clusters`` whose events are of a merging quad class (material acts)."""
    types = {c.first.type for c in clusters}
    return {t for t in types if lex.coding(t, None).quad_class in MERGING_QUADS}


def _join_story(clusters: list[_Cluster], *, fights: frozenset[str] = frozenset(),
                on_story: Callable[[list[Mention], str | None], None] | None = None) -> list[_Cluster]:
    """A local news story reports one incident and comes back to it ("A man was shot on Main Street ... Police
    responded to a shooting at 2 a.m. ... He was shot in the chest ... He died at the hospital"): every later
    asserted report of an attack by the story's weapon, or of its toll alone ("the victim died", "two others
    were wounded"), is the story's first attack (its *lead*) unless it sets itself apart: a day of its own
    clause that is not the lead's (an arrest or a court day is dated apart; "Saturday night" and "early
    Sunday" are one night), a place far from the lead's, "another", several attacks at once, a toll over a
    span of time. Other victims named or counted do not set a report apart: the story's victims are many. A
    fight the attack grew out of names no weapon of its own (:mod:`.story`)."""
    lead = _lead(clusters, fights)
    hear = on_story or (lambda mentions, reason: None)
    if lead is None:
        for cluster in clusters:
            hear(list(cluster.mentions), "no lead")
        return clusters
    hear(list(lead.mentions), "lead")
    told = list(lead.mentions)  # the lead as first told: its day and its weapon
    weapon = next((o.mode for o in told if weapon_modes([o], fights)), None)  # else the first joined report's
    joined: set[int] = set()
    for k, cluster in enumerate(clusters):
        if cluster is lead:
            continue
        reason = story_apart(cluster.mentions, lead=lead.mentions, told=told, weapon=weapon, fights=fights)
        hear(list(cluster.mentions), reason)
        if reason:
            continue
        lead.mentions = sorted(lead.mentions + cluster.mentions, key=lambda o: o.index)
        weapon = weapon or next((o.mode for o in cluster.mentions if weapon_modes([o], fights)), None)
        joined.add(k)
    return [c for k, c in enumerate(clusters) if k not in joined]


def _lead(clusters: list[_Cluster], fights: frozenset[str]) -> _Cluster | None:
    """The story's first asserted attack told with one weapon (or none; the fight it grew out of aside)."""
    return next((c for c in clusters if c.first.type in STORY_TYPES and c.first.factuality == "asserted"
                 and len(weapon_modes(c.mentions, fights)) <= 1), None)


def story_apart(mine: list[Mention], *, lead: list[Mention], told: list[Mention], weapon: str | None,
                fights: frozenset[str] = frozenset()) -> str | None:
    """What sets a later report (``mine``) apart from the story's lead attack, or None when it is that attack:
    "other type", "not asserted", "novel", "several", "aggregate", "weapon", "dated apart", "placed apart"."""
    if mine[0].type != lead[0].type:
        return "other type"
    for reason, test in (("not asserted", lambda o: _merging_fact(o) != "asserted"), ("novel", lambda o: o.novel),
                         ("several", lambda o: o.several), ("aggregate", aggregate)):
        if any(test(o) for o in mine):
            return reason
    if not same_weapon(mine, weapon, fights):
        return "weapon"
    if _dated_apart(mine, told):
        return "dated apart"
    return "placed apart" if _placed_apart(mine, lead) else None


def _dated_apart(mine: list[Mention], theirs: list[Mention]) -> bool:
    """Does a report's own clause give a day the attack's own clauses do not, or only a month or a year (a
    span: "in 2016, 629 people were killed")? Days one apart are one night ("late Saturday", "early
    Sunday"). A day found elsewhere in the attack's sentence (the day of an arrest) does not date it, nor
    does a day counted from another event of the text ("a day earlier": :func:`.story.story_date`)."""
    dates = [d for o in theirs if (d := story_date(o)) is not None]
    for m in mine:
        value = story_date(m)
        if value is None:
            continue
        if len(value) < 10 and value not in dates:
            return True
        if dates and not any(_same_time(value, d) for d in dates):
            return True
    return False


def _same_time(a: str, b: str) -> bool:
    """Could a report dated ``a`` tell of an attack dated ``b`` (ISO days, months or years)? A day inside the
    attack's month or year, or a day one apart from its day (one night); not a month or a year around its
    day: "in 2016, 629 people were killed" is a span of the city's year, not the story's night."""
    if a.startswith(b):
        return True
    if len(a) == len(b) == 10:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= 1
    return False


def _placed_apart(mine: list[Mention], theirs: list[Mention]) -> bool:
    """A report that names a place far from every place the story's attack is told at."""
    here = [p for o in theirs for p in _located(o)]
    if not here:  # the story's attack has no place of its own yet: a report's place does not set it apart
        return False
    return any(p.lat is not None and not any(km(p, q) <= FAR_KM for q in here) for m in mine for p in _located(m))


def _unique_ids(events: list[Event]) -> list[Event]:
    """Two events built from one report (a statement derived from an announced act) get distinct ids."""
    seen: dict[str, int] = {}
    out = []
    for event in events:
        n = seen.get(event.event_id, 0)
        seen[event.event_id] = n + 1
        out.append(event if n == 0 else replace(event, event_id=f"{event.event_id}-{n + 1}"))
    return out


def compatibility(m: Mention, mentions: list[Mention], lex: Lexicon) -> int | None:
    """How strongly ``m`` reports the same event as ``mentions`` (None: it cannot)."""
    first = mentions[0]
    nested = any(m.within == o.index or o.within == m.index for o in mentions)
    facts = {_merging_fact(m), _merging_fact(first)}
    same_fact = len(facts) == 1 or (nested and facts <= REPORTED)
    if m.type != first.type or not same_fact or m.novel or m.several != first.several:
        return None  # "the two killings" sums up two events: it is neither of them
    if lex.coding(m.type, None).quad_class not in MERGING_QUADS:
        return None
    if not nested and (aggregate(m) != aggregate(first) or _other_count_of_sentence(m, mentions)):
        return None  # "during the last 6 months, five judges have been killed" is no one killing
    score = DEFINITE if m.definite and not _other_victims(m, mentions) else 0
    for part in (_date_score(m, mentions), _place_score(m, mentions), _mode_score(m, mentions),
                 _party_score(m, mentions), _casualty_score(m, mentions)):
        if part is None:
            return None
        score += part
    names = set().union(*(o.names for o in mentions))
    score += min(2, len(m.names & names))
    if nested:
        score += NESTED  # "the murder of 10 members in a dynamite attack": one phrase, one event
    return (score + _sequel_score(m, mentions) + _bare_score(m, mentions) + _toll_score(m, mentions)
            + _follow_up_score(m, mentions))


def aggregate(m: Mention) -> bool:
    """Does ``m`` report a toll over a span of time ("so far this year, 12 members have been killed",
    "since it was founded in 1985, 900 of its members have been murdered", "has caused the death of 20,000
    people over its 10-year history")? Such a toll sums up many events: it is none of them."""
    return (m.fatalities is not None or m.injured is not None) and _span_of_time(m.clause.text)


@lru_cache(maxsize=4096)
def _span_of_time(text: str) -> bool:
    return SPAN_OF_TIME.search(" ".join(text.split())) is not None


def _merging_fact(m: Mention) -> str:
    """The factuality ``m`` merges by: "X blamed Y for a car-bomb attack" claims who did it, not that the
    attack happened, so it reports the attack as a fact."""
    return "asserted" if _blame_only(m) else m.factuality


def _blame_only(m: Mention) -> bool:
    """Is ``m`` claimed only as the object of blame ("blamed Y for", "claimed responsibility for")?"""
    if m.factuality != "claimed" or not m.sentence.start <= m.clause.start <= m.sentence.end:
        return False
    before = m.sentence.text[:m.clause.start - m.sentence.start]
    found = BLAME.search(" ".join(before.split()) + " ")
    return found is not None and (found.group("det") is not None or DETERMINER.match(m.clause.text) is not None)


def _other_count_of_sentence(m: Mention, mentions: list[Mention]) -> bool:
    """"The murder on 26 February of Mayor X and the murder on 27 February of six more followers": two
    reports of one sentence, neither inside the other, with other counts of dead are two events."""
    if not m.fatalities or m.also:
        return False
    return any(o.sentence.start == m.sentence.start and o.fatalities and not o.also and o.fatalities != m.fatalities
               for o in mentions)


def _toll_score(m: Mention, mentions: list[Mention]) -> int:
    """"The narcoterrorists who perpetrated an attack in Bogota today that left 31 dead": a report of dead
    naming no place of its own, in the sentence of an attack whose dead are not yet known, is its toll."""
    if not (m.fatalities or m.injured) or m.places or not any(w in m.trigger.lower() for w in TOLL_WORDS):
        return 0
    known = any(o.fatalities is not None or o.injured is not None for o in mentions)
    return 2 if not known and any(o.sentence.start == m.sentence.start for o in mentions) else 0


def _follow_up_score(m: Mention, mentions: list[Mention]) -> int:
    """"Torrado and three others were killed. The group was travelling ... when their vehicle was blown
    up": a report naming no victim, attacker, place, day or count of its own, told right after the event's
    last report and pointing back at its people ("their", "the group"), tells how that event happened."""
    if m.recipients or m.actors or m.places or m.date or m.fatalities is not None or m.definite:
        return 0
    last = max(mentions, key=lambda o: o.index)
    if last.index != m.index - 1 or not 0 <= m.paragraph - last.paragraph <= 1:
        return 0
    return 2 if ANAPHOR.search(m.clause.text) else 0


def _bare_score(m: Mention, mentions: list[Mention]) -> int:
    """"The death of the senator, 'murdered by criminals'": a report that names no victim, count or place
    of its own, in a sentence that reports the event, tells more of it."""
    if m.definite or m.recipients or m.fatalities is not None or m.places or m.cause is not None:
        return 0
    return 2 if any(o.sentence.start == m.sentence.start and o.cause != m.index for o in mentions) else 0


def _other_victims(m: Mention, mentions: list[Mention]) -> bool:
    """Does ``m`` report victims of its own that contradict the event's? "The assassination of Hector
    Oqueli" is definite by its own complement, not because it refers back to "the murder of six Jesuit
    priests": other named victims, a named victim where the event counts a group, or another group
    ("the massacre of 12 persons" after "two leaders were killed") are no reason to merge."""
    mine = _named_victims(m)
    theirs = set().union(*(_named_victims(o) for o in mentions))
    if mine and theirs:
        return not mine & theirs
    counts = {o.fatalities for o in mentions if o.fatalities and not o.also}
    if mine and counts and min(counts) >= 2:
        return True
    if not mine and theirs and counts == {1} and (m.fatalities or 0) >= TOLL_GAP and _counted_complement(m):
        return True  # "the massacre of 43 persons" is not the killing of Judge X
    if not m.fatalities or m.fatalities < 2 or m.also or not counts or min(counts) < 2:
        return False
    return not any(_same_toll(m.fatalities, n) for n in counts)


def _counted_complement(m: Mention) -> bool:
    """Is ``m`` a noun whose own complement counts its victims ("the massacre of 43 persons", "the death
    of nine peasants")?"""
    words = m.trigger.split()
    if not words:
        return False
    pattern = (re.escape(words[-1]) + r"\s+of\s+(?:the\s+|some\s+|about\s+|at\s+least\s+)?(?:\d[\d,]*|"
               + NUMBER_WORDS + r")\b")
    return re.search(pattern, " ".join(m.clause.text.split()), re.IGNORECASE) is not None


def _named_victims(m: Mention) -> set[str]:
    """Lower-cased proper names in the phrases naming whom ``m`` hit ("Rodriguez Porth's" -> rodriguez,
    porth)."""
    words = (w.strip(".,;:'\"()[]").lower() for a in m.recipients for w in a.text.split())
    victims = {w.removesuffix("'s").removesuffix("\u2019s") for w in words}
    return {n.lower() for n in m.names} & victims


def _same_toll(a: int, b: int) -> bool:
    """Could two counts of dead report one event (a toll that grew, a part of the dead: "six priests" of
    eight victims)? Not 12 and 2."""
    low, high = sorted((a, b))
    return high - low < TOLL_GAP or high < 2 * low


def _sequel_score(m: Mention, mentions: list[Mention]) -> int:
    """"Rebels attacked a bus near X. Three people were killed.": a report of the dead that names nothing
    else, in the paragraph of an attack whose dead are not yet known (or the paragraph just after it: wire
    copy often gives each sentence a paragraph), completes that attack; so do dead a sentence adds ("Y and
    Z were also killed") to a killing told there."""
    near = [o for o in mentions if 0 <= m.paragraph - o.paragraph <= 1]
    if not near:
        return 0
    if m.also and m.fatalities and not m.places and any(o.fatalities for o in near):
        return 2  # "X was killed. Y and Z were also killed.": more dead of the killing just told
    sequel = (m.fatalities or m.injured) and not m.places and not m.actors and all(
        o.fatalities is None and o.injured is None for o in mentions)
    return 2 if sequel else 0


def _date_score(m: Mention, mentions: list[Mention]) -> int | None:
    dates = {o.date.value for o in mentions if o.date is not None}
    if m.date is None or not dates:
        return 0
    return 1 if m.date.value in dates else None


def _place_score(m: Mention, mentions: list[Mention]) -> int | None:
    theirs = [p for o in mentions for p in _located(o)]
    mine = _located(m)
    far = [(p, d) for o in (m, *mentions) for p in o.places
           if p.lat is not None and (d := _distance_from(o.sentence.text, p.text))]
    if any(km(ref, p) < d / 4 for ref, d in far for p in mine + theirs if p.precision in ("site", "city")):
        return None  # "Councilman Y from Piura, 1,100 km north of Lima" was not shot in Lima
    if mine and theirs:
        distances = [km(a, b) for a in mine for b in theirs]
        if min(distances) <= NEAR_KM and any(a.name == b.name for a in mine for b in theirs):
            return 3
        if min(distances) > FAR_KM:
            return None
        return 0
    sites = {o.generic_site for o in mentions if o.generic_site}
    if mine and sites and _bridges(mine, sites):
        return 2
    if m.generic_site and theirs and _bridges(theirs, {m.generic_site}):
        return 2
    return 0


def _located(m: Mention) -> list[Place]:
    """The places of ``m`` with a point, but for those only named as a far point of reference."""
    return [p for p in m.places if p.lat is not None and not _distance_from(m.sentence.text, p.text)]


@lru_cache(maxsize=4096)
def _distance_from(sentence: str, place: str) -> float:
    """How far from ``place`` the sentence says its subject lies, when more than :data:`FAR_KM`
    ("1,100 km north of Lima"; 0 when it does not)."""
    if not place:
        return 0.0
    text = " ".join(sentence.split())
    for match in re.finditer(DISTANCE + re.escape(place) + r"\b", text, re.IGNORECASE):
        try:
            value = float(match.group(1).replace(",", ""))
        except ValueError:
            continue
        value *= 1.609 if "mile" in match.group(0).lower() else 1.0
        if value > FAR_KM:
            return value
    return 0.0


def _bridges(places: list[Place], sites: set[str]) -> bool:
    """Does a named site ("Balad base") answer a generic one ("an Iraqi base") named before?"""
    return any(p.feature and p.feature in SITE_FEATURES.get(s, (s,)) for p in places for s in sites)


def _mode_score(m: Mention, mentions: list[Mention]) -> int | None:
    modes = {o.mode for o in mentions if o.mode}
    families = {o.family for o in mentions if o.family}
    if not m.mode or not modes:
        return 0
    if m.mode not in modes and not ({m.mode} | modes) <= {"drone", "aerial"}:
        return None
    if m.family and families:
        return 1 if m.family in families else -1
    return 1


def _party_score(m: Mention, mentions: list[Mention]) -> int | None:
    mine = {a.country for a in m.actors if a.country}
    theirs = {a.country for o in mentions for a in o.actors if a.country}
    if mine and theirs and not mine & theirs:
        return None
    score = 1 if mine & theirs else 0
    victims = {a.country for o in mentions for a in o.recipients if a.country}
    if {a.country for a in m.recipients if a.country} & victims:
        score += 1
    return score


def _casualty_score(m: Mention, mentions: list[Mention]) -> int | None:
    """Dead versus no dead contradict; so do other dead with other names ("Judge X was killed on 28 July"
    and "the murder of Colonel Y")."""
    known = [o.fatalities for o in mentions if o.fatalities is not None]
    if m.fatalities is None or not known:
        return 0
    if (m.fatalities == 0) != (max(known) == 0):
        return None
    named = [o for o in mentions if o.fatalities is not None and o.names]
    if m.names and named and m.fatalities not in known and not any(m.names & o.names for o in named):
        return None
    if m.fatalities == 1 and not m.also and max(known) <= 1 and (mine := _named_victims(m)):
        theirs = set().union(*(_named_victims(o) for o in mentions))  # "Mayor X was kidnapped ... executed"
        if theirs and not mine & theirs:
            return None  # "Mayor Y was killed": another killing
    return 0


def km(a: Place, b: Place) -> float:
    p = math.pi / 180
    h = (math.sin((b.lat - a.lat) * p / 2) ** 2
         + math.cos(a.lat * p) * math.cos(b.lat * p) * math.sin((b.lon - a.lon) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _event(mentions: list[Mention], *, article: Article, lex: Lexicon, main_country: Place | None,
           capital: Callable[[str], Place | None] | None = None, locality: Setting | None = None) -> Event:
    best = max(mentions, key=lambda m: (not m.told or all(o.told for o in mentions), _information(m), -m.index))
    mode = fields.mode_of(mentions)
    actors = fields.union(m.actors for m in mentions)
    named = {a.name for a in actors if a.name and a.sector != "GOV"} if best.type == "ASSAULT" else set()
    recipients = tuple(a for a in fields.union(m.recipients for m in mentions)  # talks *with* X: X acts and is met
                       if a not in actors and a.name not in named or best.type in SYMMETRIC)  # nor is an attacker
    coding = acled_coding(lex, best.type, mode, actors, recipients, best.sentence.text, trigger=best.trigger)
    inter1, inter2, interaction = inter_codes(coding.acled_event_type, actors, recipients)
    date, precision = _date(best, mentions, article)
    own = fields.location(mentions)
    setting = locality.place if locality is not None and not fields.elsewhere(mentions) else main_country
    location = (locality.finer(own) if locality is not None else own) \
        or fields.capital_of(mentions, main_country, capital) or (setting if best.type not in VERBAL_CONFLICT else None)
    evidence = Evidence(text=best.sentence.text, start=best.sentence.start, end=best.sentence.end,
                        trigger=best.trigger)
    others = sorted({m.clause for m in mentions if m is not best and m.clause.start != best.sentence.start},
                    key=lambda s: (s.start, s.end))  # a set: ties need a key of their own to come out the same
    confidence = 1 - math.prod(1 - m.confidence for m in mentions)
    injured = fields.wounded(mentions)
    return Event(
        event_id=fields.event_id(article, best), article=fields.article_ref(article), type=best.type, mode=mode,
        quad_class=coding.quad_class, acled_event_type=coding.acled_event_type,
        acled_subtype=coding.acled_subtype, cameo_root=coding.cameo_root, actor=actors, recipient=recipients,
        date=date, date_precision=precision, location=location,
        fatalities=fields.dead(mentions, injured), injured=injured,
        factuality=_factuality(best, mentions), confidence=round(min(0.99, confidence), 3), evidence=evidence,
        mentions=tuple(others), inter1=inter1, inter2=inter2, interaction=interaction,
    )


def _factuality(best: Mention, mentions: list[Mention]) -> str:
    """The best report's factuality; an event others assert is asserted, though its best report only
    blames someone for it."""
    if _blame_only(best) and any(m.factuality == "asserted" for m in mentions):
        return "asserted"
    if best.factuality == "claimed" and any(m.told and m.factuality == "asserted" for m in mentions):
        return "asserted"  # "charged him in connection with the March 18 shooting": the noun presupposes it
    return best.factuality


def _information(m: Mention) -> int:
    return (3 * (not m.shares_sentence) + 2 * bool(m.actors) + bool(m.recipients) + bool(m.places)
            + bool(m.date) + (m.fatalities is not None))


def _date(best: Mention, mentions: list[Mention], article: Article) -> tuple[str | None, str]:
    ordered = [best] + [m for m in mentions if m is not best]
    for attr in ("date", "weak_date", "context_date"):
        for m in ordered:
            timex = getattr(m, attr)
            if timex is not None:
                timex = _refined(timex, ordered)
                return timex.iso_date, timex.precision
    published = (article.published or "")[:10]
    return (published or None), "publication"


def _refined(timex, mentions: list[Mention]):
    """A month or year ("in July") narrowed to the day the story is set on, when that day lies inside it;
    a year or month that contradicts the day the event's main report is dated by ("the 1969 war" merged
    into a clash dated 27 May 1989) gives way to that day."""
    if timex.precision == "day":
        return timex
    for m in mentions:
        for finer in (m.weak_date, m.context_date):
            if finer is not None and finer.precision == "day" and finer.value.startswith(timex.value):
                return finer
    main = mentions[0].weak_date or mentions[0].context_date
    if main is not None and main.precision == "day" and not main.value.startswith(timex.value):
        return main
    return timex


# Acts whose counterpart, when the text names none, is the country where they happen: a visit to Amman is a
# visit to Jordan; a withdrawal from Lebanon concerns Lebanon.
PLACE_TARGET = {"CONSULT", "AID", "RETREAT", "SUPPORT", "COOPERATE", "MOBILIZE"}


def _link_causes(event: Event, cluster: _Cluster, drafts: list[Event], owner: dict[int, int],
                 other_parties) -> Event:
    """Recipients of reactions: revenge for (or condemnation of) an event targets that event's actors."""
    if event.recipient or event.type not in VERBAL_CONFLICT | PLACE_TARGET:
        return event
    for m in cluster.mentions:
        if m.cause is not None and m.cause in owner:
            targets = tuple(a for a in drafts[owner[m.cause]].actor if a not in event.actor)
            if targets:
                return replace(event, recipient=targets)
    countries = {a.country for a in event.actor if a.country}
    place = event.location
    named_place = place is not None and place.country and (place.precision != "country" or place.score >= 0.5)
    if event.type in PLACE_TARGET and named_place and place.country not in countries:
        state = Actor(text=place.text, name=place.name, country=place.country, sector="GOV")  # "a visit to Amman"
        return replace(event, recipient=(state,))
    if other_parties is not None and countries and event.type in FALLBACK_TARGET:
        for actor in other_parties(cluster.first):
            if actor.country and actor.country not in countries and actor.sector != "MED":
                return replace(event, recipient=(actor,))
    return event


__all__ = ["merge", "compatibility", "km"]
