"""The event-ness model: is this candidate a real, specific event of its type, reported by this article?

A logistic regression over the hashed features of :mod:`.features`, trained by ``scripts/train_eventness.py``
from the tune halves of ``../shared/data``. Its weights file (JSON: numbers only, no text) holds the weights,
Platt's calibration (``p = 1 / (1 + exp(-(a * z + b + d[type])))`` of the raw score ``z``, with an offset
``d`` per PLOVER type: on whole articles some types are far more often real than others) and the threshold
below which a candidate is dropped. ``confidence`` of every kept event is a second calibration of the same kind
(``confidence``: a, b and the offsets), fitted on the kept asserted candidates of the annotated whole articles
only: the probability that a kept event is real and of its type. It also holds the
article-topic model (``topic``: a logistic regression over the article's bag of words, trained on the BBC
articles' topics) whose probability that an article is about sport, entertainment or technology is one of the
candidates' features. ``type_thresholds`` lower the threshold for a PLOVER type where the common one would drop
too many of that type's labelled real candidates (types whose cues the model reads weakly), or raise it where
the type's whole-article candidates are mostly no event;
``sport_threshold`` (topic cut, threshold) is the threshold (raised with the topic's certainty, :func:`sport_cut`) of every candidate of an article the topic model reads
as sport, entertainment or tech at least that surely.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field, replace
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..errors import EventwireError
from .features import DIM, article_bag, event_features, topic_readable

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Event

NAME = "eventness"
FORMAT = "eventwire-eventness-v1"


class WeightsError(EventwireError):
    """A weights file is missing or not one this version of eventwire reads."""


@dataclass(frozen=True)
class Eventness:
    """A loaded event-ness model (see :func:`load_eventness`)."""

    weights: tuple[float, ...]
    bias: float
    platt: tuple[float, float]
    threshold: float
    sha256: str
    name: str = NAME
    topic_weights: tuple[float, ...] | None = None
    topic_bias: float = 0.0
    type_thresholds: tuple[tuple[str, float], ...] = ()
    sport_threshold: tuple[float, float] | None = None
    type_offsets: tuple[tuple[str, float], ...] = ()
    confidence: tuple[float, float, tuple[tuple[str, float], ...]] | None = None
    _w: list = field(default_factory=list, compare=False, repr=False)
    _offsets: dict = field(default_factory=dict, compare=False, repr=False)  # type -> filter, confidence offset

    def __post_init__(self) -> None:
        if len(self.weights) != DIM:
            raise WeightsError(f"[W001] {self.name} weights have {len(self.weights)} entries, not {DIM}: "
                               "rebuild them with `make weights`")
        if self.topic_weights is not None and len(self.topic_weights) != DIM:
            raise WeightsError(f"[W001] {self.name} topic weights have {len(self.topic_weights)} entries, not "
                               f"{DIM}: rebuild them with `make weights`")
        self._w.extend(self.weights)
        conf = dict(self.confidence[2]) if self.confidence is not None else {}
        self._offsets.update((t, (d, conf.get(t, 0.0))) for t, d in self.type_offsets)
        self._offsets.update((t, (0.0, d)) for t, d in conf.items() if t not in self._offsets)

    def threshold_of(self, type_: str, topic: float | None = None) -> float:
        """The drop threshold of an event of PLOVER type ``type_`` in an article of ``topic`` (the probability
        that it is about sport, entertainment or tech)."""
        own = dict(self.type_thresholds).get(type_, self.threshold)
        if self.sport_threshold is not None and topic is not None and topic >= self.sport_threshold[0]:
            return max(sport_cut(topic, *self.sport_threshold), own)  # a type's raised threshold holds there too
        return own

    def topic(self, bag: dict[int, float]) -> float | None:
        """The probability that the article of ``bag`` (its :func:`article_bag`) is about sport, entertainment
        or technology (None: these weights have no topic model, or the text is too short to tell its topic,
        :func:`~.features.topic_readable`)."""
        if self.topic_weights is None or not topic_readable(bag):
            return None
        w = self.topic_weights
        z = self.topic_bias + sum(w[k] * v for k, v in bag.items())
        return 1.0 / (1.0 + math.exp(-max(-500.0, min(500.0, z))))

    def raw(self, features: dict[int, float]) -> float:
        w = self._w
        return self.bias + sum(w[k] * v for k, v in features.items())

    def calibrated(self, raw: float, type_: str | None = None) -> float:
        """The probability of the filter (compared with :meth:`threshold_of`) of a raw score ``raw``."""
        a, b = self.platt
        return _sigmoid(a * raw + b + self._offsets.get(type_, (0.0, 0.0))[0])

    def confidence_of(self, raw: float, type_: str | None = None) -> float:
        """The ``confidence`` of a kept event of raw score ``raw``: the second calibration where the weights have
        one, else the filter's probability."""
        if self.confidence is None:
            return self.calibrated(raw, type_)
        a, b, _ = self.confidence
        return _sigmoid(a * raw + b + self._offsets.get(type_, (0.0, 0.0))[1])

    def probabilities(self, events: Sequence["Event"], body: str, *, title: str | None = None) -> list[float]:
        """The filter's calibrated probability that each event is real and of its type."""
        raws, topic = self._raw(events, body, title)
        return [self.calibrated(z, e.type) for e, z in zip(events, raws)]

    def _raw(self, events: Sequence["Event"], body: str, title: str | None) -> tuple[list[float], float | None]:
        """The events' raw scores and the article's topic probability (one bag of the article)."""
        if not events:
            return [], None
        bag = article_bag(body)
        topic = self.topic(bag)
        return [self.raw(event_features(e, body, bag=bag, title=title, topic=topic)) for e in events], topic

    def apply(self, events: Sequence["Event"], body: str, *, title: str | None = None) -> list["Event"]:
        """The events at or above their threshold, their ``confidence`` set to the calibrated probability."""
        raws, topic = self._raw(events, body, title)
        return [replace(e, confidence=round(self.confidence_of(z, e.type), 3)) for e, z in zip(events, raws)
                if self.calibrated(z, e.type) >= self.threshold_of(e.type, topic)]


SPORT_CERTAIN = 0.5  # the threshold in an article surely (probability 1) about sport, entertainment or tech: kept
# there only when more likely real than not


def sport_cut(topic: float, cut: float, threshold: float) -> float:
    """The threshold in an article read as sport-like with probability ``topic`` (at least ``cut``): from the
    sport-like ``threshold`` at the cut up to :data:`SPORT_CERTAIN` at certainty. The topic model, trained on BBC
    topics, reads US local news and Wikinews at 0.6-0.86 (tune articles): one fixed high bar there would drop their
    real events; a bar at the cut lets a short match report's "attacked well" through."""
    frac = min(max((topic - cut) / max(1.0 - cut, 1e-9), 0.0), 1.0)
    return max(threshold, threshold + frac * (SPORT_CERTAIN - threshold))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


def weights_path(name: str = NAME) -> Path:
    """The packaged weights file of model ``name``."""
    return Path(str(importlib_resources.files("eventwire.learn") / "weights" / f"{name}.json"))


def read_weights(path: str | Path | None, *, name: str, what: str, codes: tuple[str, str],
                 format_: str, script: str, **expected) -> tuple[dict, str]:
    """The JSON of a weights file (default: model ``name``'s packaged one) and the sha256 of its bytes. An
    unreadable file, or one not of ``format_`` (or whose ``expected`` keys differ), raises :class:`WeightsError`
    with code ``codes[0]`` or ``codes[1]`` naming ``what`` and how to rebuild it (``script`` wrote it)."""
    path = Path(path) if path is not None else weights_path(name)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WeightsError(f"[{codes[0]}] cannot read the {what} weights {path}: {exc.strerror}; "
                           "rebuild them with `make weights` or reinstall eventwire") from exc
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("format") != format_ or any(data.get(k) != v
                                                                          for k, v in expected.items()):
        shape = "".join(f" with {v} {k}" for k, v in expected.items())
        raise WeightsError(f"[{codes[1]}] {path} is not a {what} weights file of format {format_}{shape} "
                           f"(written by {script}): rebuild it with `make weights`")
    return data, hashlib.sha256(raw).hexdigest()


def load_eventness(path: str | Path | None = None) -> Eventness:
    """Read a weights file written by ``scripts/train_eventness.py`` (default: the packaged one)."""
    data, digest = read_weights(path, name=NAME, what="event-ness", codes=("W002", "W003"), format_=FORMAT,
                                script="scripts/train_eventness.py")
    topic = data.get("topic")
    conf = data.get("confidence")
    return Eventness(weights=tuple(data["weights"]), bias=data["bias"], platt=tuple(data["platt"]),
                     threshold=data["threshold"], sha256=digest,
                     topic_weights=tuple(topic["weights"]) if topic else None,
                     topic_bias=topic["bias"] if topic else 0.0,
                     type_thresholds=tuple(sorted((data.get("type_thresholds") or {}).items())),
                     sport_threshold=tuple(data["sport_threshold"]) if data.get("sport_threshold") else None,
                     type_offsets=tuple(sorted((data.get("type_offsets") or {}).items())),
                     confidence=(conf["platt"][0], conf["platt"][1], tuple(sorted(conf["type_offsets"].items())))
                     if conf else None)
