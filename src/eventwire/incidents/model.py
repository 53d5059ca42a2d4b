"""Whether two reports tell one incident: a logistic model over :data:`~eventwire.incidents.features.FEATURES`.

The weights and the join threshold are data (``data/incident_model.json``), fitted on the tune half of the
gva articles by ``benchmarks/fit_incidents.py``; ``tests/test_incident_model.py`` checks that the committed
file is what the script produces.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import DataError
from .features import FEATURES, Signature, pair_features

__all__ = ["JoinModel", "load_model", "MODEL_FILE"]

MODEL_FILE = "incident_model.json"


@dataclass(frozen=True)
class JoinModel:
    """Pair probability ``sigmoid(w . features)``; an event joins an incident when its mean pair probability
    against the incident's reports reaches ``threshold``."""

    weights: tuple[float, ...]
    threshold: float
    window_days: int = 7
    story_days: int = 7  # two days the text gives this far apart in one article are two incidents
    max_members: int = 12  # reports of a candidate incident compared (its most confident)
    max_candidates: int = 30  # candidate incidents compared per event (the nearest in time)

    def probability(self, a: Signature, b: Signature) -> float:
        z = sum(w * x for w, x in zip(self.weights, pair_features(a, b)))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


@lru_cache(maxsize=1)
def load_model() -> JoinModel:
    """The shipped model (read once per process)."""
    try:
        text = resources.files("eventwire").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read the incident model data/{MODEL_FILE} ({exc}): reinstall eventwire, "
                             "or rebuild it with benchmarks/fit_incidents.py") from None
    if list(data["features"]) != list(FEATURES):
        raise DataError(f"data/{MODEL_FILE} was fitted for other features: rebuild it with "
                             "benchmarks/fit_incidents.py")
    return JoinModel(weights=tuple(data["weights"]), threshold=float(data["threshold"]),
                     window_days=int(data.get("window_days", 7)), story_days=int(data.get("story_days", 7)),
                     max_members=int(data.get("max_members", 12)),
                     max_candidates=int(data.get("max_candidates", 30)))
