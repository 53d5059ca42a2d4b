"""The shipped incident join model is what ``benchmarks/fit_incidents.py`` fits on the gva tune half.

Fitting reads the extraction of the gva articles from the benchmark cache (``EVENTWIRE_GVA_CACHE``, default
``/tmp/ew-incidents``; fill it with ``benchmarks/incidents.py --cache DIR``): the test skips, saying so, when the
data or a cache for the current extraction code is absent.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from eventwire.incidents.features import FEATURES
from eventwire.incidents.model import load_model

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("EVENTWIRE_GVA_CACHE", "/tmp/ew-incidents"))


def test_model_file_names_the_features_and_a_threshold():
    data = json.loads((REPO / "src" / "eventwire" / "data" / "incident_model.json").read_text())
    assert data["features"] == list(FEATURES) and len(data["weights"]) == len(FEATURES)
    model = load_model()
    assert 0 < model.threshold < 1 and model.window_days > 0


def test_committed_weights_are_what_the_script_fits(shared_data):
    sys.path.insert(0, str(REPO / "benchmarks"))
    import _gva_events
    from fit_incidents import fitted_weights

    _incidents, docs = _gva_events.load(data=shared_data)
    cached = list(CACHE.glob(f"gva-events-{len(docs)}-*-{_gva_events.extraction_digest()}.json"))
    if not cached:
        pytest.skip(f"no gva extraction for the current code in {CACHE}: run benchmarks/incidents.py --cache {CACHE}")
    assert fitted_weights(cache=CACHE) == list(load_model().weights)
