"""Knowledge kept as data: trigger lexicon, weapons, factuality cues, the PLOVER/CAMEO/ACLED crosswalk.

Each file in ``eventwire/data`` starts with ``#`` comment lines that say where its facts come from; the
loaders here only parse them. Everything is loaded lazily, once per process (``load_lexicon()``).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..errors import DataError
from .tables import hazard_words, read_table

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class TriggerRule:
    lemma: str
    pos: str  # "V", "N" or "*"
    type: str
    mode: str | None
    condition: str | None
    confidence: float


@dataclass(frozen=True)
class Coding:
    """What a PLOVER type and mode mean in the other vocabularies."""

    quad_class: str
    cameo_root: str | None
    acled_event_type: str | None
    acled_subtype: str | None


@dataclass(frozen=True)
class Weapon:
    mode: str
    family: str | None


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[str, tuple[TriggerRule, ...]]
    weapons: dict[str, Weapon]
    cues: dict[str, str]
    crosswalk: dict[tuple[str, str], Coding]
    hazards: frozenset[str] = frozenset()  # natural hazards and accidents (hazards.tsv)
    judgements: frozenset[str] = frozenset()  # words that find fault with conduct (judgements.tsv)

    def coding(self, type_: str, mode: str | None) -> Coding:
        """The crosswalk row for ``type_`` and ``mode``, falling back to the type's default row."""
        return self.crosswalk.get((type_, mode or "*")) or self.crosswalk[(type_, "*")]


def _optional(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    triggers: dict[str, list[TriggerRule]] = defaultdict(list)
    for lemma, pos, type_, mode, condition, confidence in read_table("triggers.tsv", 6):
        if type_ not in PLOVER_TYPES and type_ != "-":
            raise DataError(f"triggers.tsv: {lemma!r} has unknown PLOVER type {type_!r}")
        triggers[lemma].append(TriggerRule(lemma, pos, type_, _optional(mode), _optional(condition),
                                           float(confidence)))
    weapons = {lemma: Weapon(mode, _optional(family)) for lemma, mode, family in read_table("weapons.tsv", 3)}
    cues = {word: kind for word, kind, _pos in read_table("cues.tsv", 3)}
    crosswalk = {}
    for type_, mode, quad, cameo, acled_type, acled_sub in read_table("crosswalk.tsv", 4 + 2):
        crosswalk[(type_, mode)] = Coding(quad, _optional(cameo), _optional(acled_type), _optional(acled_sub))
    missing = [t for t in PLOVER_TYPES if (t, "*") not in crosswalk]
    if missing:
        raise DataError(f"crosswalk.tsv has no default row for {', '.join(missing)}")
    # Stop rows ("-": this use of the word reports no event) are tried before the word's event rows.
    ordered = {k: tuple(sorted(v, key=lambda r: r.type != "-")) for k, v in triggers.items()}
    judgements = frozenset(row[0].lower() for row in read_table("judgements.tsv", 1))
    return Lexicon(ordered, weapons, cues, crosswalk, hazard_words(), judgements)
