"""Who says "we" and "I": the voice of a transcript, a communiqué or a speech.

Monitoring services (FBIS, BBC Monitoring) transcribe broadcasts and statements with bracketed labels. The wire
header names the genre and who speaks ("[SPEECH] [PRESIDENT ALFREDO CRISTIANI] [TEXT]", "[COMMUNIQUE] [SALVADORAN
ARMED FORCES]": :attr:`eventwire.models.Article.voice`); inside the text a label opens each speaker's turn
("[BEGIN RECORDING] [CRISTIANI] WE HAD THE OPPORTUNITY ...", "[REPORTER]"); a clandestine station that speaks as
itself opens its text in the first person ("(RADIO VENCEREMOS) -- [TEXT] WE RECENTLY HEARD ..."). A first-person
pronoun outside quotes stands for that voice (:func:`voice_of`): the speaker label nearest before it in the text
(a turn that "[END RECORDING]" closed no longer speaks), else the voice of the header. A label right after a word
("THE FMLN [FARABUNDO MARTI NATIONAL LIBERATION FRONT]") spells out a name and opens no turn; a translator's note
("[WORDS INDISTINCT]", "[CORRECTS HIMSELF]") names no one.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ..models import Actor, replace

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .records import ArticleState

FIRST_PERSON = frozenset({"we", "us", "i", "me", "our", "my"})
LABEL = re.compile(r"\[([A-Za-z][^\[\]\n]{1,60})\]")
TURN_ENDS = frozenset({"END RECORDING", "END OF RECORDING", "END TRANSMISSION"})
QUOTES = ('"', "\u201c", "\u201d")


def voice_of(pronoun: "Token", ctx: "ArticleState") -> Actor | None:
    """The party a first-person pronoun outside quotes stands for in a transcript (see the module); None when the
    text names no voice or the pronoun is quoted."""
    if pronoun.lower_ not in FIRST_PERSON or pronoun.text in ("US", "Us") or _quoted(pronoun, ctx):
        return None
    turns = _turns(ctx)
    k = bisect_right([at for at, _a in turns], pronoun.idx) - 1
    if k >= 0 and turns[k][1] is not None:
        return turns[k][1]
    return _header_voice(ctx)  # before any turn, or after "[END RECORDING]": the text's own voice


def _quoted(token: "Token", ctx: "ArticleState") -> bool:
    """Is ``token`` inside a quotation of its paragraph (an odd number of quotation marks before it)?"""
    text = ctx.text
    start = text.rfind("\n\n", 0, token.idx) + 1
    return sum(text.count(q, start, token.idx) for q in QUOTES) % 2 == 1


def _turns(ctx: "ArticleState") -> list[tuple[int, Actor | None]]:
    """(offset, speaker) of each speaker label and turn end of the text, in order (cached on the state's doc)."""
    cache = ctx.doc.user_data.setdefault("eventwire_turns", {})
    if "turns" in cache:
        return cache["turns"]
    from ..nlp.model import EDITORIAL_NOTE

    found: list[tuple[int, Actor | None]] = []
    text = ctx.text
    for m in LABEL.finditer(text):
        label = " ".join(m.group(1).split()).upper()
        if label in TURN_ENDS:
            found.append((m.start(), None))
            continue
        before = text[:m.start()].rstrip(" \t")
        opens = not before or before.endswith(("\n", "]", ".", ":", "!", "?", '"', "\u201d"))
        if not opens or EDITORIAL_NOTE.fullmatch(m.group(0)) or label.startswith(("BEGIN", "CONTINUED")):
            continue
        speaker = _label_party(ctx, m.start(1), m.start(1) + len(m.group(1).split(",")[0]))  # "[CRISTIANI, IN
        # PROGRESS]"
        if speaker is not None:
            found.append((m.start(), speaker))
    cache["turns"] = found
    return found


def _label_party(ctx: "ArticleState", start: int, end: int) -> Actor | None:
    """The party a speaker label in the text names: as the KB resolves it, else in plain words when it names
    people ("[CRISTIANI]", "[REPORTER]"); None for a stage note ("[APPLAUSE]")."""
    from ..actors.mentioned import plain_party
    from ..actors.resolve import resolve_np

    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    actor = resolve_np(span, memory=ctx.memory) or plain_party(span.root, span) or _named_elsewhere(ctx, start, end)
    if actor is None:
        return None
    return replace(actor, text=ctx.text[start:end].split(",")[0])


def _named_elsewhere(ctx: "ArticleState", start: int, end: int) -> Actor | None:
    """A label the parse cannot read (a bracketed word stays in capitals: "[ZAMORA]") names a speaker when the text
    writes its last word outside brackets too ("THE LEFT-WING LEADER RUBEN ZAMORA ...")."""
    label = " ".join(ctx.text[start:end].split())
    last = label.split()[-1] if label.split() else ""
    if not last.isalpha() or len(last) < 3:
        return None
    outside = LABEL.sub(" ", ctx.text)
    if not re.search(rf"\b{re.escape(last)}\b", outside, re.I):
        return None
    return Actor(text=label, name=label.title(), country=None, sector=None)


def _header_voice(ctx: "ArticleState") -> Actor | None:
    """The header's voice as a party: the person or body the text names by it elsewhere, else what the KB
    knows of its words, else the label in plain words."""
    label = " ".join((ctx.voice or "").split())
    if not label:
        return None
    cache = ctx.doc.user_data.setdefault("eventwire_turns", {})
    if "voice" not in cache:
        cache["voice"] = _resolve_label(label, ctx)
    return cache["voice"]


def _resolve_label(label: str, ctx: "ArticleState") -> Actor:
    words = label.lower().split()
    for ent in ctx.doc.ents:  # "ALFREDO CRISTIANI" of "[PRESIDENT ALFREDO CRISTIANI]" named in the text
        if ent.label_ in ("PERSON", "ORG", "NORP") and ent.text.lower().split()[-1:] == words[-1:]:
            from ..actors.resolve import resolve_np

            actor = resolve_np(ent, memory=ctx.memory)
            if actor is not None:
                return replace(actor, text=label)
    kb = ctx.memory.view.kb if ctx.memory.view is not None else None
    matches = [m for m in (kb.match(label) if kb is not None else []) if m.entry.kind in ("org", "person", "country")]
    if matches:
        entry = max(matches, key=lambda m: m.end - m.start).entry
        return Actor(text=label, name=entry.name, country=entry.country, sector=entry.sector,
                     wikidata=entry.wikidata)
    return Actor(text=label, name=label.title(), country=None, sector=None)


__all__ = ["voice_of", "FIRST_PERSON"]
