"""The type coder: which PLOVER type is this candidate event? A learned second opinion over the trigger lexicon.

The rules give each candidate the type of its trigger word (``data/triggers.tsv``). A word alone often does not
decide it ("the court *ordered* the release" is a concession, "the army *ordered* residents out" coercion), so
a softmax regression reads the candidate in its sentence and gives a probability to each of the 16 PLOVER
types; the candidate takes the most probable type when it beats the rules' type by the model's ``margin``.

Features (hashed with CRC-32 into :data:`DIM` buckets; no text is kept in the weights):

1. what the rules decided: the type, the type with its mode, the factuality; the sectors of actor and
   recipient (``MIL``, ``CVL`` ...), and whether each is present;
2. the trigger (its words and crude stems) and the words within :data:`WINDOW` words of it, with their side;
3. the words and word pairs of the evidence sentence (weight 0.5): the sentence around the trigger tells an
   accusation from a sentence, a visit from a deployment;
4. (where :data:`FRAME_WEIGHT` is not 0) the trigger's dependency frame (:func:`frame`, from the parsed article): its
   relation to its head, the verb that governs it, and its dependents by relation with their class (entity label,
   pronoun or lemma): "expelled *the ambassador*" (dobj lemma) against "expelled *from the party*" (prep from),
   "*Police* forced X *out*" against "forced X *to* resign" (an open clausal complement); and the verb whose
   clause tells the trigger (:func:`_told_in`): "accused the army *of attacking*" is an accusation;
5. (the groups named in :data:`CONTEXT`) what else the rules know of the candidate (:func:`context`): every type the
   trigger lexicon lists for the trigger's lemma (the rules' other readings of the word: "ordered" is COERCE,
   REQUEST or ACCUSE by its condition), a modal or the verb an open clause completes ("will attend", "agreed to
   host"), the kind of its objects (an entity's label, a pronoun, a common noun), and the types of the other
   candidates of its sentence ("talks" beside "agreed": an agreement reached in talks); the groups named in
   :data:`ARTICLE_CONTEXT` are read only in a text of several sentences (:func:`groups_of`).

Trained by ``scripts/train_types.py`` from the tune halves of ``../shared/data`` (PLOVER-coded sentences, the
quad class of Multi-CoPED sentences, MUC-4 key incidents, the annotated whole articles); the weights file is JSON of
numbers only.
"""
from __future__ import annotations

import math
import zlib
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from .features import stem, words
from .model import read_weights
from .model import weights_path as model_weights_path

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from ..models import Event

NAME = "types"
FORMAT = "eventwire-types-v1"
DIM = 1 << 13
WINDOW = 4
SENTENCE_WEIGHT = 0.3
RULE_WEIGHT = 2.0  # of the rules' decision and the trigger: scaled up, they are regularised less
BIGRAMS = False
# The dependency frame's weight (0 turns it off: no frame is read). Out of fold on the tune halves before the filter
# (docs/benchmarks.md, session 11): ZSP 0.855 -> 0.859, Multi-CoPED 0.930 -> 0.943, GSR 0.893 unchanged, MUC-4 one
# sentence less; a complement clause counts by its relation only (with its lemma, "urge ... to respond" learned
# REJECT from "refused to respond").
FRAME_WEIGHT = 1.0
FRAME_OBJECTS = ("dobj", "nsubjpass", "attr", "oprd")
ANCESTORS = 3  # how many heads above the trigger the verb that tells it is looked for (0: not at all)
# The context groups :func:`context` can name, and those it reads (() reads none: off). Out of fold on the tune halves
# (session 17, 4,925 candidates; GSR / ZSP / Multi-CoPED / MUC-4 / annotated-article candidates, mean): none .879 /
# .885 / .935 / .987 / .701, mean .874; all six .872 / .872 / .920 / .987 / .712, mean .873 (margin 0.5 chosen):
# the articles gain 26 candidates, the PLOVER sets lose 11 sentences, so they stay off (docs/benchmarks.md)
CONTEXT_GROUPS = ("xlex", "xlexr", "xmod", "xobj", "xco", "xcor")
CONTEXT: tuple[str, ...] = ()
# The groups read only where the parsed text has more than one sentence (:func:`groups_of`): a whole article, not a
# coded sentence or a headline alone. In an article a candidate beside another act of its sentence is often only
# named in it ("accused the army of *attacking*", "arrested for the *killing*"); a sentence chosen to code one act
# reports that act, so there the other candidates' types mislead (session 17: read everywhere, they gained the
# articles 26 candidates and cost ZSP and Multi-CoPED 8 sentences each). Read only here (session 18, out of fold on
# the tune halves, 4,955 candidates; GSR / ZSP / Multi-CoPED / MUC-4 / article candidates, mean): off .872 / .887 /
# .935 / .987 / .703, mean .8726; on .866 / .891 / .935 / .980 / .728, mean .8777. The check halves did not follow
# (GSR 147 -> 143 of 170, ZSP 393 -> 394, whole articles P .534 -> .540, R .561 -> .558), so the group is named
# here off: () reads none, and the packaged coder is unchanged (docs/benchmarks.md, session 18).
ARTICLE_CONTEXT: tuple[str, ...] = ()
MODALS = frozenset({"will", "would", "could", "may", "might", "must", "should", "can", "shall"})
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def _index(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & (DIM - 1)


def type_features(event: "Event", frame_names: Iterable[str] = ()) -> dict[int, float]:
    """Hashed features of one candidate event (see the module docstring); ``frame_names``: :func:`frame`."""
    names: dict[str, float] = {}

    def add(name: str, value: float = 1.0) -> None:
        names[name] = max(names.get(name, 0.0), value)

    add("bias-rule:" + event.type, RULE_WEIGHT)
    add(f"rule-mode:{event.type}/{event.mode or '-'}", RULE_WEIGHT)
    add("fact:" + event.factuality)
    for role, actors in (("a", event.actor), ("r", event.recipient)):
        add(f"{role}:{'yes' if actors else 'no'}")
        for actor in actors:
            add(f"{role}-sector:{actor.sector or '-'}")
    sentence = words(event.evidence.text)
    trigger = words(event.evidence.trigger)
    for w in trigger:
        add("trig:" + w, RULE_WEIGHT)
        add("trig-stem:" + stem(w), RULE_WEIGHT)
        add(f"trig-rule:{stem(w)}/{event.type}", RULE_WEIGHT)
    at = _find(sentence, trigger)
    if at is not None:
        for k in range(max(0, at - WINDOW), min(len(sentence), at + len(trigger) + WINDOW)):
            if at <= k < at + len(trigger):
                continue
            add(("left:" if k < at else "right:") + stem(sentence[k]))
    for k, w in enumerate(sentence):
        add("w:" + stem(w), SENTENCE_WEIGHT)
        if BIGRAMS and k + 1 < len(sentence):
            add(f"b:{stem(w)}_{stem(sentence[k + 1])}", SENTENCE_WEIGHT)
    if FRAME_WEIGHT:
        for name in frame_names:
            add(name, FRAME_WEIGHT)
    out: dict[int, float] = {}
    for name, value in names.items():
        key = _index(name)
        out[key] = out.get(key, 0.0) + value
    return out


def _class(token: "Token") -> str:
    if token.ent_type_:
        return "E" + token.ent_type_
    return "PRON" if token.pos_ == "PRON" else token.lemma_.lower()


def _trigger_token(doc: "Doc", event: "Event") -> "Token | None":
    """The trigger's first word in the parsed article ``doc`` (whose text the evidence offsets point into)."""
    ev = event.evidence
    size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # len(doc.text), without joining it
    span = doc.char_span(ev.start, ev.end, alignment_mode="expand") if ev.end <= size else None
    trigger = words(ev.trigger)
    if span is None or not trigger:
        return None
    first = trigger[0]
    return next((t for t in span if t.lower_ == first or stem(t.lower_) == stem(first)), None)


def frame(doc: "Doc", event: "Event", events: Sequence["Event"] = ()) -> tuple[str, ...]:
    """The dependency frame of the event's trigger in the parsed article ``doc`` (whose text the evidence offsets
    point into): the trigger word's lemma with its relation to its head, the word that governs it (the verb of
    an object noun), and each dependent by relation: objects and subjects with their class, prepositions with
    their object's class, clausal complements, a particle, a negation; then its :func:`context` among ``events``
    (the candidates of the article). Empty where the trigger is not found."""
    token = _trigger_token(doc, event)
    read = groups_of(doc)
    if token is None:
        return _neighbours(event, events, read)
    lemma, kind = token.lemma_.lower(), event.type
    out = [f"fd:{lemma}/{token.dep_}", f"fdt:{kind}/{token.dep_}"]
    if token.dep_ in ("dobj", "pobj", "nsubjpass", "attr", "nsubj"):
        governor = token.head.head if token.dep_ == "pobj" else token.head
        out.append(f"fh:{lemma}/{governor.lemma_.lower()}")
    for child in token.children:
        dep = child.dep_
        if dep in FRAME_OBJECTS:
            out += [f"fo:{lemma}/{dep}/{_class(child)}", f"fot:{kind}/{_class(child)}"]
        elif dep == "prep":
            out.append(f"fp:{lemma}/{child.lower_}")
            out += [f"fpo:{lemma}/{child.lower_}/{_class(g)}" for g in child.children if g.dep_ == "pobj"]
        elif dep == "nsubj":
            out.append(f"fs:{lemma}/{_class(child)}")
        elif dep in ("xcomp", "ccomp"):
            out.append(f"fx:{lemma}/{dep}")
        elif dep == "neg":
            out.append(f"fn:{kind}")
        elif dep == "dative":
            out.append(f"fdat:{lemma}")
        elif dep == "prt":
            out.append(f"fprt:{lemma}/{child.lower_}")
    return tuple(out) + _told_in(token, kind) + context(token, event, events, read)


def groups_of(doc: "Doc") -> tuple[str, ...]:
    """The context groups read for the candidates of the parsed text ``doc``: :data:`CONTEXT`, and
    :data:`ARTICLE_CONTEXT` where the text has more than one sentence."""
    if not ARTICLE_CONTEXT or not len(doc):  # nothing read by the text's length (the packaged coder): no sentence walk
        return CONTEXT
    several = next(islice(doc.sents, 1, 2), None) is not None
    return CONTEXT + tuple(g for g in ARTICLE_CONTEXT if several and g not in CONTEXT)


def context(token: "Token", event: "Event", events: Sequence["Event"] = (),
            groups: Sequence[str] | None = None) -> tuple[str, ...]:
    """What else the rules know of the candidate whose trigger is ``token`` (the ``groups``, default
    :data:`CONTEXT`):
    ``xlex`` each type the trigger lexicon lists for its lemma, ``xlexr`` the same with the rules' type (which
    reading the rules took); ``xmod`` a modal auxiliary, or the verb whose open clause it is ("agreed *to host*");
    ``xobj`` each object's kind (entity label, pronoun, noun) by relation or preposition, with the rules' type;
    ``xco``/``xcor`` the other candidates of its sentence (:func:`_neighbours`)."""
    from ..knowledge.lexicon import load_lexicon

    read = CONTEXT if groups is None else tuple(groups)
    if not read:
        return ()
    out: list[str] = []
    kind = event.type
    if "xlex" in read or "xlexr" in read:
        lex = load_lexicon()
        rules = lex.triggers.get(token.lemma_.lower()) or lex.triggers.get(token.lower_) or ()
        for other in sorted({r.type for r in rules if r.type != "-"}):
            out += [f"xlex:{other}", f"xlexr:{kind}/{other}"]
    if "xmod" in read:
        out += [f"xmod:{c.lower_}" for c in token.children if c.dep_ == "aux" and c.lower_ in MODALS]
        if token.dep_ == "xcomp" and token.head.i != token.i:
            out.append(f"xmod:xc/{token.head.lemma_.lower()}")
    if "xobj" in read:
        for child in token.children:
            if child.dep_ == "prep":
                out += [f"xobj:{kind}/{child.lower_}/{_kind(g)}" for g in child.children if g.dep_ == "pobj"]
            elif child.dep_ in ("dobj", "nsubjpass", "pobj"):
                out.append(f"xobj:{kind}/{child.dep_}/{_kind(child)}")
    return tuple(n for n in out if n.split(":")[0] in read) + _neighbours(event, events, read)


def _kind(token: "Token") -> str:
    if token.ent_type_:
        return "ent" + token.ent_type_
    if token.pos_ == "PRON":
        return "pron"
    return "noun" if token.pos_ in ("NOUN", "PROPN") else token.pos_


def _neighbours(event: "Event", events: Sequence["Event"], groups: Sequence[str] | None = None) -> tuple[str, ...]:
    """The types of the other candidates of the event's sentence (same evidence span), alone (``xco``) and with
    the rules' type (``xcor``), as far as ``groups`` (default :data:`CONTEXT`) reads them."""
    read = CONTEXT if groups is None else tuple(groups)
    if "xco" not in read and "xcor" not in read:
        return ()
    ev = event.evidence
    out = []
    for other in events:
        if other is not event and other.evidence.start == ev.start and other.evidence.end == ev.end:
            out += [f"xco:{other.type}", f"xcor:{event.type}/{other.type}"]
    return tuple(n for n in out if n.split(":")[0] in read)


def _told_in(token: "Token", kind: str) -> tuple[str, ...]:
    """The verb whose clause tells the trigger (the nearest verb up to :data:`ANCESTORS` heads above it), with
    the rules' type: an act named inside another act's clause is often only its content, and the sentence
    reports the outer act ("accused the army *of attacking*", "called *for talks*", "urged them *to resign*")."""
    if not ANCESTORS:
        return ()
    head = token
    for _ in range(ANCESTORS):
        if head.head.i == head.i:  # the root (spaCy makes a new Token on each access: compare positions)
            return ()
        head = head.head
        if head.pos_ == "VERB":
            lemma = head.lemma_.lower()
            return (f"fa:{lemma}", f"fat:{kind}/{lemma}")
    return ()


def _find(sentence: list[str], trigger: list[str]) -> int | None:
    if not trigger:
        return None
    n = len(trigger)
    for k in range(len(sentence) - n + 1):
        if sentence[k:k + n] == trigger:
            return k
    return None


@dataclass(frozen=True)
class TypeCoder:
    """A loaded type coder (see :func:`load_types`): ``rows`` maps a feature bucket to one weight per type."""

    types: tuple[str, ...]
    bias: tuple[float, ...]
    rows: dict[int, tuple[float, ...]] = field(compare=False)
    margin: float
    sha256: str
    margins: dict[str, float] = field(default_factory=dict, compare=False)  # per rules' type, where it has one
    together: tuple[tuple[str, str], ...] = ()  # pairs the training labels do not tell apart: never swapped
    name: str = NAME

    def probabilities(self, event: "Event", frame_names: Iterable[str] = ()) -> dict[str, float]:
        """P(type) for each PLOVER type (``frame_names``: :func:`frame` of the event in its parsed article)."""
        scores = list(self.bias)
        for key, value in type_features(event, frame_names).items():
            row = self.rows.get(key)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {t: e / total for t, e in zip(self.types, exps)}

    def choose(self, event: "Event", frame_names: Iterable[str] = ()) -> str:
        """The type the event takes: the most probable one if it beats the rules' type by the margin of the
        rules' type (``margins``, else ``margin``), and the two are not a pair the labels do not tell apart."""
        probs = self.probabilities(event, frame_names)
        best = max(self.types, key=lambda t: (probs[t], t == event.type))
        if (best, event.type) in self.together or (event.type, best) in self.together:
            return event.type
        margin = self.margins.get(event.type, self.margin)
        return best if probs[best] - probs.get(event.type, 0.0) > margin else event.type

    def retype(self, events: Sequence["Event"], doc: "Doc | None" = None) -> list["Event"]:
        """The events with the type :meth:`choose` gives (``doc``: the parsed article the events come
        from, for each trigger's dependency frame; without it the frame features are absent); a changed type is coded anew (mode, quad class,
        CAMEO root, ACLED type and sub-type: :func:`eventwire.events.acled.recode`). An event retyped to the
        type of an event its sentence already reports (kept as the rules typed it), with no casualties of its own,
        is left out: it is another account of that event."""
        from ..events.acled import recode

        read = doc is not None and FRAME_WEIGHT > 0
        chosen = [self.choose(event, frame(doc, event, events) if read else ()) for event in events]
        kept = {(e.evidence.start, e.evidence.end, e.type) for e, c in zip(events, chosen) if c == e.type}
        out = []
        for event, new_type in zip(events, chosen):
            if new_type == event.type:
                out.append(event)
            elif ((event.evidence.start, event.evidence.end, new_type) not in kept
                  or event.fatalities is not None or event.injured is not None):
                out.append(recode(event, new_type))
            # else: its sentence already reports an event of that type, which the merge step would have joined
            # it to had the trigger's type been that one: one event per act and sentence, the first account kept
        return out


def weights_path() -> Path:
    return model_weights_path(NAME)


def load_types(path: str | Path | None = None) -> TypeCoder:
    """Read a weights file written by ``scripts/train_types.py`` (default: the packaged one)."""
    data, digest = read_weights(path, name=NAME, what="type-coder", codes=("W004", "W005"), format_=FORMAT,
                                script="scripts/train_types.py", dim=DIM)
    rows = {int(k): tuple(v) for k, v in data["rows"].items()}
    return TypeCoder(types=tuple(data["types"]), bias=tuple(data["bias"]), rows=rows, margin=data["margin"],
                     sha256=digest, margins=dict(data.get("margins") or {}),
                     together=tuple(tuple(p) for p in data.get("together") or ()))
