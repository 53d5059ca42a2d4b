"""Learned layers over the rules: models trained by scripts in ``scripts/`` from ``../shared/data``.

* :mod:`.features`: hashed features of a candidate event (no text in the weights);
* :mod:`.model`: the event-ness model (is a candidate a real event of its type?), its calibrated
  probability, the threshold that drops candidates; weights in ``weights/``;
* :mod:`.types`: the type coder; :mod:`.roles`: the actor/recipient chooser (each with its weights file).
"""
from __future__ import annotations

from .features import DIM, article_bag, event_features
from .model import NAME as EVENTNESS, Eventness, WeightsError, load_eventness, weights_path

MODEL_NAMES = (EVENTNESS, "types", "roles")  # every model whose weights a ``coder`` may name

__all__ = ["MODEL_NAMES", "DIM", "article_bag", "event_features", "Eventness", "WeightsError", "load_eventness", "weights_path"]
