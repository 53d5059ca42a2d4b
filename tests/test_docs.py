"""The docs agree with the code: every contract field, vocabulary value and command is real and documented."""
from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from eventwire.cli import build_parser
from eventwire.knowledge.lexicon import PLOVER_TYPES, load_lexicon
from eventwire.models import Actor, Event, Place

DOCS = Path(__file__).resolve().parent.parent / "docs" / "contract.md"
README = Path(__file__).resolve().parent.parent / "README.md"
ACLED_SUBTYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


def _documented_keys(table_heading: str) -> set[str]:
    """The keys of the first column of a table ("| `actor`, `recipient` |" names two keys)."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split(table_heading, 1)[1].split("\n## ", 1)[0]
    cells = re.findall(r"^\| ([^|]+)\|", section, re.M)
    return {key for cell in cells for key in re.findall(r"`([a-z_][a-z_0-9]*)`", cell)}


def test_every_event_field_is_in_the_contract_and_back():
    documented = _documented_keys("## Event object")
    assert {f.name for f in fields(Event)} == documented


@pytest.mark.parametrize("record, words", [
    (Actor, ["text", "name", "country", "sector", "wikidata"]),
    (Place, ["text", "name", "country", "admin1", "lat", "lon", "geonameid", "feature", "precision", "score",
            "admin2"]),
])
def test_actor_and_place_fields_match_the_contract(record, words):
    assert [f.name for f in fields(record)] == words


def test_crosswalk_uses_only_contract_vocabularies():
    lex = load_lexicon()
    for (type_, _mode), coding in lex.crosswalk.items():
        assert type_ in PLOVER_TYPES
        assert coding.quad_class in {"verbal-cooperation", "material-cooperation", "verbal-conflict",
                                     "material-conflict"}
        assert coding.cameo_root is None or re.fullmatch(r"(0[1-9]|1\d|20)", coding.cameo_root)
        if coding.acled_event_type:
            assert coding.acled_subtype in ACLED_SUBTYPES[coding.acled_event_type]


def test_every_mode_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    lex = load_lexicon()
    modes = {mode for (_t, mode) in lex.crosswalk if mode != "*"} | {w.mode for w in lex.weapons.values()}
    assert all(f"`{mode}`" in text for mode in modes), sorted(m for m in modes if f"`{m}`" not in text)


def test_every_command_is_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse has no public API
    for name in commands:
        assert f"eventwire {name}" in readme
