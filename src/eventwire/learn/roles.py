"""The role chooser: which noun phrase is the event's actor (recipient)? A learned second opinion over the rules.

The rules (:mod:`eventwire.events.arguments` and its helpers) give each candidate event its actor and recipient
from the trigger's dependency frame. Where no frame rule fires, or a rule picks the wrong phrase, the phrase the
article gives is often still in the event's sentence or the one or two before it. A logistic regression per role
scores each candidate phrase (the noun chunks and named entities of those sentences) on how it stands to the
trigger, and the event takes the best one where the rules found none (its probability at least ``fill``), or in
place of the rules' own choice where it beats it by ``margin``.

Features of a candidate (hashed with CRC-32 into :data:`DIM` buckets; no text of any corpus is kept: dependency
labels, parts of speech, entity labels, the closed class of prepositions, and for the recipient the hashed lemmas of
6. below):

1. the dependency path from the trigger to the candidate's head (the relations up to the common ancestor and
   down from it, at most :data:`PATH_STEPS` each way), alone and with the event type;
2. the candidate's own relation, and the preposition that governs it ("by", "against", "of"), with the type;
3. its part of speech, entity label, whether it is a pronoun; the trigger's part of speech and voice;
4. which side of the trigger it stands on, how far (in buckets of words), and in which sentence (0: the trigger's);
5. whether the rules chose it for this role or for the other one, and whether the rules' list is empty;
6. for the roles in :data:`WORD_ROLES` (the recipient): the trigger's lemma with the candidate's relation, side
   and governing preposition ("accuse" + dobj, "meet" + "with"), and the lemma of the candidate's head, alone and
   with the type ("victim", "gunman", "police"): what a verb's frame and a noun's usual role say, which the
   dependency labels alone do not (hashed, as the event filter's words are); and whether the candidate is the
   subject of a speech verb, and of the one that reports the trigger's clause (a reported act's speaker is not
   its recipient). Measured for the actor too (session 17): out of fold on tune the actor gained as well, but
   on the check halves it lost 2 of 261 article actors, 3 CoPED and 1 ZSP sentence, so the actor's model reads
   1-5 only.

Trained by ``scripts/train_roles.py`` from the tune halves of ``../shared/data`` (the annotated whole articles'
actor and recipient spans, PLOVER ZSP's ``<s>``/``<t>`` marks, Multi-CoPED's source and target spans).
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
import zlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from ..actors.mentioned import PLACE_ENTS  # places, dates and numbers: no one's name
from ..knowledge.words import SPEECH_VERBS
from .model import read_weights
from .model import weights_path as model_weights_path

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from ..models import Actor, Event

NAME = "roles"
FORMAT = "eventwire-roles-v1"
DIM = 1 << 12
ROLES = ("actor", "recipient")
SENTENCES_BEFORE = 2  # candidates come from the trigger's sentence and this many before it
PATH_STEPS = 4
DISTANCES = (1, 2, 4, 8, 16, 32)
RESOLVED = True  # features of what each candidate resolves to (its sector, whether it has a country)
WORD_ROLES = ("recipient",)  # the roles whose model reads the lemma and speaker features (6. of the docstring)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Candidate:
    """One phrase that could fill a role: its head token index, its character span, its sentence distance."""

    head: int
    start: int
    end: int
    sentence: int  # 0: the trigger's sentence, 1: the one before ...


def trigger_token(doc: "Doc", event: "Event") -> "Token | None":
    """The first word of the event's trigger inside its evidence sentence in ``doc`` (None: not found)."""
    ev = event.evidence
    if not len(doc) or ev.end > doc[-1].idx + len(doc[-1].text_with_ws):  # (doc.text would join every token)
        return None
    span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
    first = (_WORD.findall((ev.trigger or "").lower()) or [""])[0]
    if span is None or not first:
        return None
    return next((t for t in span if t.lower_ == first), None) or next(
        (t for t in span if t.lower_.startswith(first[:4]) and len(first) >= 4), None)


@dataclass(frozen=True)
class Phrases:
    """The sentences of a parsed article (token bounds) and the candidate phrases of each (character span and
    head): read once per article (:meth:`of`), then shared by all its events."""

    bounds: tuple[tuple[int, int], ...]
    phrases: tuple[tuple[tuple[int, int, int], ...], ...]  # per sentence: (head, start_char, end_char)

    @classmethod
    def of(cls, doc: "Doc", chunks: Sequence["Span"] | None = None) -> "Phrases":
        """The named entities (persons, organisations, nations and groups, places) and noun chunks of each
        sentence of ``doc`` (``chunks``: its noun chunks where already read, e.g. the article state's)."""
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        bounds = tuple((s.start, s.end) for s in sents)
        spans: list["Span"] = [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE", "FAC")]
        spans += list(doc.noun_chunks) if chunks is None else list(chunks)
        per: list[list[tuple[int, int, int]]] = [[] for _ in sents]
        starts = [b[0] for b in bounds]
        for span in spans:
            k = bisect_right(starts, span.start) - 1
            if k >= 0 and span.end <= bounds[k][1]:
                per[k].append((span.root.i, span.start_char, span.end_char))
        return cls(bounds, tuple(tuple(p) for p in per))


def candidates(doc: "Doc", trigger: "Token", phrases: Phrases | None = None) -> list[Candidate]:
    """The noun chunks and named entities (persons, organisations, nations and groups, places) of the trigger's
    sentence and the :data:`SENTENCES_BEFORE` before it, one per head (an entity before the chunk of the same
    head), the trigger itself left out. ``phrases``: :meth:`Phrases.of` the doc (read anew without it)."""
    phrases = phrases or Phrases.of(doc)
    at = bisect_right([b[0] for b in phrases.bounds], trigger.i) - 1
    if at < 0 or trigger.i >= phrases.bounds[at][1]:
        return []
    out: dict[int, Candidate] = {}
    for k in range(at, max(-1, at - SENTENCES_BEFORE - 1), -1):
        for head, start, end in phrases.phrases[k]:
            if head == trigger.i or head in out:
                continue
            out[head] = Candidate(head, start, end, at - k)
    return sorted(out.values(), key=lambda c: c.head)


def _path(a: "Token", b: "Token") -> tuple[list[str], list[str]]:
    """Relations from ``a`` up to the lowest common ancestor, and from there down to ``b``."""
    up_a = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(up_a)}
    down: list["Token"] = []
    t = b
    while t.i not in index:
        down.append(t)
        if t.head.i == t.i:
            return [x.dep_ for x in up_a[:-1]], ["^"] + [x.dep_ for x in reversed(down)]  # other sentence
        t = t.head
    up = [x.dep_ for x in up_a[:index[t.i]]]
    return up, [x.dep_ for x in reversed(down)]


def _bucket(n: int) -> int:
    return next((d for d in DISTANCES if n <= d), DISTANCES[-1] + 1)


def candidate_features(trigger: "Token", cand: Candidate, *, type_: str, rules: bool, other: bool,
                       empty: bool, actor: "Actor | None" = None, role: str = "actor") -> dict[int, float]:
    """Hashed features of one candidate for one ``role`` (see the module docstring): ``rules`` (``other``): the
    rules chose this phrase for this role (the other role); ``empty``: the rules' list for this role is empty;
    ``actor``: what the phrase resolves to (its sector and whether it has a country; None: no actor)."""
    return hashed(phrase_names(trigger, cand, type_=type_, actor=actor)
                  + role_part(trigger, cand, type_=type_, role=role, rules=rules, other=other, empty=empty))


def role_part(trigger: "Token", cand: Candidate, *, type_: str, role: str, rules: bool, other: bool,
              empty: bool) -> list[str]:
    """The feature names of a candidate that depend on the ``role``: :func:`role_names`, and :func:`word_names`
    for the roles in :data:`WORD_ROLES`."""
    words = word_names(trigger, cand, type_=type_) if role in WORD_ROLES else []
    return role_names(type_, rules=rules, other=other, empty=empty) + words


def phrase_names(trigger: "Token", cand: Candidate, *, type_: str, actor: "Actor | None" = None) -> list[str]:
    """The feature names of a candidate that do not depend on the role (how it stands to the trigger)."""
    doc = trigger.doc
    head = doc[cand.head]
    names = ["bias", f"type:{type_}"]
    if cand.sentence == 0:
        up, down = _path(trigger, head)
        path = "/".join(up[:PATH_STEPS]) + "|" + "/".join(down[-PATH_STEPS:])
        names += [f"p:{path}", f"pt:{type_}/{path}", f"up:{'/'.join(up[:2])}", f"dn:{'/'.join(down[-2:])}",
                  f"len:{min(len(up), 5)}/{min(len(down), 5)}"]
    else:
        names.append(f"sd:{cand.sentence}")
    dep = head.dep_
    names += [f"d:{dep}", f"dt:{type_}/{dep}", f"dh:{dep}/{head.head.i == trigger.i}"]
    if dep == "pobj":
        prep = head.head.lower_
        names += [f"prep:{prep}", f"prept:{type_}/{prep}", f"prepd:{prep}/{head.head.head.i == trigger.i}"]
    names += [f"pos:{head.pos_}", f"ent:{head.ent_type_ or '-'}", f"tpos:{trigger.pos_}/{trigger.dep_}",
              f"pass:{any(c.dep_ in ('auxpass', 'nsubjpass') for c in trigger.children)}",
              f"side:{'L' if head.i < trigger.i else 'R'}/{_bucket(abs(head.i - trigger.i))}",
              f"sent:{cand.sentence}", f"sub:{trigger.left_edge.i <= head.i <= trigger.right_edge.i}",
              f"entpos:{head.ent_type_ or head.pos_}/{dep}"]
    if RESOLVED:
        sector = (actor.sector or "-") if actor is not None else "none"
        names += [f"res:{sector}", f"rest:{type_}/{sector}", f"resc:{actor is not None and bool(actor.country)}",
                  f"resd:{sector}/{dep}"]
    return names


def word_names(trigger: "Token", cand: Candidate, *, type_: str) -> list[str]:
    """The feature names of 6. of the module docstring: the trigger's lemma with how the candidate stands to it,
    the candidate head's lemma, and whether the candidate is a speech verb's subject (of the one above the
    trigger, or of another)."""
    head = trigger.doc[cand.head]
    verb, lemma = trigger.lemma_.lower(), head.lemma_.lower()
    prep = head.head.lower_ if head.dep_ == "pobj" else "-"
    says = head.dep_ == "nsubj" and head.head.lemma_.lower() in SPEECH_VERBS
    above = next((a for a in trigger.ancestors if a.lemma_.lower() in SPEECH_VERBS), None)
    return [f"tld:{verb}/{head.dep_}/{head.i < trigger.i}", f"tlp:{verb}/{prep}", f"hl:{lemma}",
            f"hlt:{type_}/{lemma}", f"spk:{says}/{above is not None and head.head.i == above.i}",
            f"spkt:{type_}/{says}"]


def role_names(type_: str, *, rules: bool, other: bool, empty: bool) -> list[str]:
    """The feature names of a candidate for one role: what the rules chose for it and for the other role."""
    return [f"rule:{rules}/{empty}", f"rt:{type_}/{rules}", f"other:{other}"]


def hashed(names: Sequence[str]) -> dict[int, float]:
    """Feature names into :data:`DIM` buckets (CRC-32), each counting 1."""
    out: dict[int, float] = {}
    for name in names:
        key = _key(name)
        out[key] = out.get(key, 0.0) + 1.0
    return out


@lru_cache(maxsize=1 << 16)
def _key(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & (DIM - 1)


def same_party(actor: "Actor | None", others: Sequence["Actor"]) -> bool:
    """Whether ``actor`` is one of the parties ``others`` of the event's other role: the same name, or the same
    country and sector ("the Iranian ambassador ... Majid Takht Ravanchi", "Khamenei promised revenge ... Tehran").
    An act is done to another party: the chooser never gives one party both roles."""
    if actor is None:
        return False
    return any(actor.name == a.name or (actor.country and actor.sector and actor.country == a.country
                                        and actor.sector == a.sector) for a in others)


NAME_ENTITIES = ("PERSON", "ORG", "NORP")


def own_words(doc: "Doc", cand: Candidate) -> "Actor | None":
    """The party a chosen phrase names in its own words, when the knowledge base resolves it to nothing: a phrase
    whose head is a person, organisation or group entity's word, or has one compounded with it ("the CHDG branch",
    a lower-case "Jack straw" headed by a noun); not a thing a name owns ("Cristiani's decision"), nor a proper
    noun the tagger made of a capitalised common word ("Great pleasure"), nor a place, date or number. Training
    scores a pick by its words, as the article benchmark does, so a picked name the KB does not know is kept as
    written (no country, no sector) rather than dropped; a phrase naming no one (a thing, a place) still is."""
    from ..models import Actor

    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = doc[cand.head]
    if head.ent_type_ in PLACE_ENTS or head.pos_ in ("PRON", "NUM"):
        return None
    words = [t for t in span if not (t.i == span.start and t.dep_ in ("det", "predet"))]
    if not any(t.ent_type_ in NAME_ENTITIES and (t.i == head.i or t.dep_ == "compound" and t.head.i == head.i)
               for t in words):  # the head, or a name compounded with it (not "Cristiani's decision")
        return None
    name = doc[words[0].i:words[-1].i + 1].text.strip()
    return Actor(text=span.text.strip(), name=name, country=None, sector=None)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def chosen_by(actors: Sequence["Actor"], doc: "Doc", cand: Candidate) -> bool:
    """Whether one of ``actors`` (the rules' list) is this candidate: its text holds the candidate's head word."""
    return doc[cand.head].lower_ in actor_words(actors)


def actor_words(actors: Sequence["Actor"]) -> frozenset[str]:
    """The words of the texts of ``actors`` (see :func:`chosen_by`)."""
    return frozenset(w for a in actors if a.text for w in _words(a.text))


@dataclass(frozen=True)
class RoleChooser:
    """A loaded role chooser (see :func:`load_roles`): one weight row per role over :data:`DIM` buckets."""

    weights: dict[str, tuple[float, ...]] = field(compare=False)
    bias: dict[str, float] = field(compare=False)
    fill: dict[str, float] = field(compare=False)  # probability to fill an empty list (above 1: never)
    margin: dict[str, float] = field(compare=False)  # probability margin over the rules' choice (above 1: never)
    sha256: str = ""
    name: str = NAME

    def scores(self, role: str, features: Sequence[dict[int, float]]) -> list[float]:
        w, b = self.weights[role], self.bias[role]
        return [1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, b + sum(w[k] * v for k, v in f.items())))))
                for f in features]

    def decide(self, role: str, probs: Sequence[float], rule_flags: Sequence[bool], empty: bool,
               blocked: Sequence[bool] = ()) -> int | None:
        """The index of the candidate that replaces the rules' list, or None (the rules' list stands); a
        ``blocked`` candidate (:func:`same_party`) is never chosen."""
        open_ = [k for k in range(len(probs)) if not (blocked and blocked[k])]
        if not open_:
            return None
        best = max(open_, key=lambda k: (probs[k], -k))
        if rule_flags[best]:
            return None
        if empty:
            return best if probs[best] >= self.fill[role] else None
        ours = max((p for p, f in zip(probs, rule_flags) if f), default=0.0)
        return best if probs[best] - ours > self.margin[role] else None

    def rechoose(self, events: Sequence["Event"], doc: "Doc", resolve: Callable[["Span"], "Actor | None"], *,
                 chunks: Sequence["Span"] | None = None) -> list["Event"]:
        """The events with the actor (recipient) :meth:`decide` picks, resolved by ``resolve`` (a noun phrase ->
        actor, as the rules resolve theirs); an event whose trigger is not found in ``doc`` is left as it is, and
        so is a role whose chosen phrase names no actor. ``chunks``: the doc's noun chunks, where already read."""
        if all(self.fill[r] > 1 and self.margin[r] > 1 for r in ROLES):
            return list(events)
        out = []
        phrases = Phrases.of(doc, chunks) if events else None
        resolved: dict[tuple[int, int], "Actor | None"] = {}

        def actor_of(c: Candidate) -> "Actor | None":
            if (c.start, c.end) not in resolved:
                resolved[(c.start, c.end)] = resolve(doc.char_span(c.start, c.end))
            return resolved[(c.start, c.end)]

        for event in events:
            open_roles = [(role, other) for role, other in (("actor", "recipient"), ("recipient", "actor"))
                          if (self.margin[role] if getattr(event, role) else self.fill[role]) <= 1]
            trigger = trigger_token(doc, event) if open_roles else None
            if trigger is None:  # no role the chooser may change, or the trigger not found
                out.append(event)
                continue
            cands = candidates(doc, trigger, phrases)
            actors = [actor_of(c) for c in cands] if RESOLVED else [None] * len(cands)
            base = [hashed(phrase_names(trigger, c, type_=event.type, actor=a)) for c, a in zip(cands, actors)]
            changes = {}
            for role, other in open_roles:
                current, others = getattr(event, role), getattr(event, other)
                mine, theirs = actor_words(current), actor_words(others)
                flags = [doc[c.head].lower_ in mine for c in cands]
                feats = [_joined(b, hashed(role_part(trigger, c, type_=event.type, role=role, rules=f,
                                                     other=doc[c.head].lower_ in theirs, empty=not current)))
                         for b, c, f in zip(base, cands, flags)]
                blocked = [same_party(actor_of(c), others) for c in cands]
                k = self.decide(role, self.scores(role, feats), flags, not current, blocked)
                actor = actor_of(cands[k]) if k is not None else None
                if actor is None and k is not None:  # a name the knowledge base does not hold
                    actor = own_words(doc, cands[k])
                    actor = None if same_party(actor, others) else actor
                if actor is not None:
                    changes[role] = (actor,)
            out.append(replace(event, **changes) if changes else event)
        return out


def _joined(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0.0) + v
    return out


def weights_path() -> Path:
    return model_weights_path(NAME)


def load_roles(path: str | Path | None = None) -> RoleChooser:
    """Read a weights file written by ``scripts/train_roles.py`` (default: the packaged one)."""
    data, digest = read_weights(path, name=NAME, what="role-chooser", codes=("W006", "W007"), format_=FORMAT,
                                script="scripts/train_roles.py", dim=DIM)
    return RoleChooser(weights={r: tuple(data["weights"][r]) for r in ROLES},
                       bias={r: float(data["bias"][r]) for r in ROLES},
                       fill={r: float(data["fill"][r]) for r in ROLES},
                       margin={r: float(data["margin"][r]) for r in ROLES}, sha256=digest)
