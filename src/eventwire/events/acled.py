"""ACLED coding of an event: event type, sub-event type and actor classes, following the ACLED Codebook (2023).

The PLOVER type and mode give the default row of ``data/crosswalk.tsv``; the codebook's rules then decide
between sub-types that one PLOVER type covers, from the parties (their sectors, ``data/acled_inter.tsv``) and
the cue phrases of the evidence sentence (``data/acled_cues.tsv``):

1. *Battles need two organised armed sides*: an armed attack by an armed group on another is an "Armed
   clash"; on anyone else it is one-sided "Violence against civilians" ("Attack").
2. Control of a place changing hands: by state forces (or with "retook", "regained") "Government regains
   territory", by a non-state group "Non-state actor overtakes territory"; a withdrawal or hand-over without a
   fight "Non-violent transfer of territory".
3. Demonstrations: a peaceful one is a "Peaceful protest"; one the authorities break up without lethal force
   "Protest with intervention"; one met with lethal force "Excessive force against protesters" (so is force
   the police use on protesters, coded as that act); violent demonstrators make it "Riots" / "Violent
   demonstration"; a mob without a demonstration's aim "Mob violence".
4. Strategic developments: an agreement (a ceasefire included), arrests, a base or headquarters set up, a
   change to an armed group (merger, split, new name, allegiance), a weapon stopped before use ("Disrupted
   weapons use": defused, intercepted, caches seized), looting or destruction of property.
5. Actor classes (``inter1``, ``inter2``, ``interaction``): the first party whose sector has an ACLED class;
   demonstrators are protesters (6) in Protests and rioters (5) in Riots, whatever their sector, as ACLED codes
   them by what they do; ``interaction`` is the two classes, smaller first (1 and 7 -> 17; one side 6 -> 60).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from ..knowledge.tables import read_records, read_table
from ..models import Actor, Event

if TYPE_CHECKING:  # pragma: no cover
    from ..knowledge.lexicon import Coding, Lexicon

__all__ = ["acled_coding", "cue_classes", "inter_class", "inter_codes", "recode", "SUBTYPES"]

SUBTYPES = {  # ACLED Codebook (2023): the 25 sub-event types under their event type, spelled as ACLED spells them
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
EVENT_TYPE_OF = {sub: event_type for event_type, subs in SUBTYPES.items() for sub in subs}
STATE = frozenset({"GOV", "MIL", "COP"})
NON_STATE_ARMED = frozenset({"REB", "UAF", "CRM"})
ARMED = STATE - {"GOV"} | NON_STATE_ARMED
VERBAL = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"})
_ACTING_CLASS = {"Protests": 6, "Riots": 5}


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, re.Pattern], ...]:
    by_class: dict[str, list[str]] = {}
    for kind, phrase in read_table("acled_cues.tsv", 2):
        by_class.setdefault(kind, []).append(re.escape(phrase.lower()).replace(r"\ ", r"\s+"))
    return tuple((kind, re.compile(r"\b(?:" + "|".join(sorted(p, key=len, reverse=True)) + ")"))
                 for kind, p in sorted(by_class.items()))


def cue_classes(text: str) -> frozenset[str]:
    """The cue classes of ``data/acled_cues.tsv`` whose phrases occur in ``text`` (at word starts)."""
    low = text.lower()
    return frozenset(kind for kind, pattern in _cues() if pattern.search(low))


@lru_cache(maxsize=1)
def _sector_classes() -> dict[str, int]:
    return {row["sector"]: int(row["inter"]) for row in read_records("acled_inter.tsv")}


def inter_class(actors: Iterable[Actor]) -> int | None:
    """The ACLED class of the first actor whose sector has one, else None."""
    classes = _sector_classes()
    for actor in actors:
        if actor.sector in classes:
            return classes[actor.sector]
    return None


def _protesters(actors: Iterable[Actor]) -> bool:
    return any("protesters" in cue_classes(a.text or "") for a in actors)


def acled_coding(lex: "Lexicon", type_: str, mode: str | None, actors: tuple[Actor, ...],
                 recipients: tuple[Actor, ...], text: str, *, trigger: str = "") -> "Coding":
    """The crosswalk row of ``type_``/``mode`` with its ACLED event type and sub-type set by the codebook's
    rules (module docstring) read from the parties and the evidence sentence ``text``."""
    coding = lex.coding(type_, mode)
    cues = cue_classes(text)
    if type_ in VERBAL and not ("group" in cues and {a.sector for a in actors} & (NON_STATE_ARMED | {"PTY"})):
        return coding  # a pledge of allegiance (SUPPORT) by an armed group is a change to the group
    sub = _subtype(type_, mode, coding.acled_subtype, actors, recipients, cues,
                   cue_classes(trigger) if trigger else frozenset())
    if sub == coding.acled_subtype:
        return coding
    return replace(coding, acled_event_type=EVENT_TYPE_OF.get(sub) if sub else None, acled_subtype=sub)


def _subtype(type_: str, mode: str | None, default: str | None, actors, recipients, cues: frozenset[str],
             trigger_cues: frozenset[str]) -> str | None:
    mine = {a.sector for a in actors}
    theirs = {r.sector for r in recipients}
    if "disrupted" in trigger_cues or ("disrupted" in cues and type_ == "COERCE"):
        return "Disrupted weapons use"
    if "territory" in cues and type_ in ("ASSAULT", "COERCE", "MOBILIZE", "RETREAT"):
        if type_ == "RETREAT":
            return "Non-violent transfer of territory"
        if mine & STATE or ("regain" in cues and not mine & NON_STATE_ARMED):
            return "Government regains territory"
        if mine & NON_STATE_ARMED or mine & {"PTY"} or theirs & STATE:
            return "Non-state actor overtakes territory"
    if type_ == "PROTEST":
        return _demonstration(mode, cues, recipients)
    if type_ in ("ASSAULT", "COERCE") and _protesters(actors) and not mine & ARMED:
        return "Mob violence" if "mob" in cues else "Violent demonstration"  # demonstrators who are violent
    if type_ in ("ASSAULT", "COERCE") and not mine - STATE - {None} and not theirs & ARMED \
            and (_protesters(recipients) or (mine and "protesters" in cues and "forces" in cues)):
        return "Excessive force against protesters" if type_ == "ASSAULT" else "Protest with intervention"
    if type_ == "ASSAULT" and "chemical" in cues:
        return "Chemical weapon"
    if type_ == "ASSAULT" and "abduction" in trigger_cues:
        return "Abduction/forced disappearance"
    if type_ == "ASSAULT" and "sexual" in trigger_cues:
        return "Sexual violence"
    if type_ == "ASSAULT" and "grenade" in cues and mode in (None, "firearms", "explosives"):
        return "Grenade"
    if type_ == "ASSAULT" and "mob" in cues and not mine & ARMED:
        return "Mob violence"
    if type_ in ("MOBILIZE", "COOPERATE", "AID", "COERCE") and "base" in cues and mine & (ARMED | {"PTY"}):
        return "Headquarters or base established"
    if type_ not in ("ASSAULT", "AGREE") and "group" in cues and mine & (NON_STATE_ARMED | {"PTY"}):
        return "Change to group/activity"
    if type_ == "COERCE" and "looting" in cues and mode not in ("arrest",):
        return "Looting/property destruction"
    if type_ == "RETREAT" and mode == "ceasefire":
        return "Agreement"
    if type_ == "ASSAULT" and mode in (None, "firearms", "clash", "beat"):
        both_armed = bool(mine & ARMED) and bool(theirs & ARMED)
        return "Armed clash" if both_armed or mode == "clash" else "Attack"
    return default


def _demonstration(mode: str | None, cues: frozenset[str], recipients) -> str:
    if mode == "mob" or "mob" in cues:
        return "Mob violence"
    if mode == "riot" or "violent" in cues or ("looting" in cues and "intervention" not in cues):
        return "Violent demonstration"
    forces = "forces" in cues or bool({r.sector for r in recipients} & STATE)
    if forces and "lethal" in cues:
        return "Excessive force against protesters"
    if "intervention" in cues:
        return "Protest with intervention"
    return "Peaceful protest"


def inter_codes(acled_event_type: str | None, actors: tuple[Actor, ...],
                recipients: tuple[Actor, ...]) -> tuple[int | None, int | None, int | None]:
    """(inter1, inter2, interaction) of an event (module docstring, rule 5)."""
    acting = _ACTING_CLASS.get(acled_event_type or "")
    if acting is not None and not _protesters(recipients):
        inter1, inter2 = acting, inter_class(recipients)
    elif acting is not None:  # the police's act on protesters: the protesters are actor 1, the police actor 2
        inter1, inter2 = acting, inter_class(actors)
    else:
        inter1, inter2 = inter_class(actors), inter_class(recipients)
    known = sorted(c for c in (inter1, inter2) if c is not None)
    interaction = known[0] * 10 + known[1] if len(known) == 2 else known[0] * 10 if known else None
    return inter1, inter2, interaction


def coded(event: Event, lex: "Lexicon") -> Event:
    """``event`` with its quad class, CAMEO root, ACLED type, sub-type and actor classes set from its type and
    mode by the rules above."""
    coding = acled_coding(lex, event.type, event.mode, event.actor, event.recipient, event.evidence.text,
                          trigger=event.evidence.trigger)
    inter1, inter2, interaction = inter_codes(coding.acled_event_type, event.actor, event.recipient)
    return replace(event, quad_class=coding.quad_class, cameo_root=coding.cameo_root,
                   acled_event_type=coding.acled_event_type, acled_subtype=coding.acled_subtype,
                   inter1=inter1, inter2=inter2, interaction=interaction)


def recode(event: Event, type_: str, lex: "Lexicon | None" = None) -> Event:
    """``event`` given the PLOVER type ``type_``: its mode kept where the type has that mode, then coded anew."""
    if lex is None:
        from ..knowledge.lexicon import load_lexicon

        lex = load_lexicon()
    mode = event.mode if (type_, event.mode or "*") in lex.crosswalk else None
    return coded(replace(event, type=type_, mode=mode), lex)
