"""The shipped incident join model is what ``benchmarks/fit_incidents.py`` fits on the gva tune half.

Fitting on the whole tune half reads the extraction of the gva articles from the benchmark cache
(``EVENTWIRE_GVA_CACHE``, default ``/tmp/ew-incidents``; fill it with ``benchmarks/incidents.py --cache DIR``):
that test skips, saying so, when the data or a cache for the current extraction code is absent. The small-sample
tests extract a few gva incidents' articles themselves (real pipeline, real store; about a minute) and need
only the data.
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


SAMPLE_INCIDENTS = 14  # tune-half incidents told by 3 or more articles (the first by id), and as many told once


@pytest.fixture(scope="module")
def gva_sample(shared_data, nlp):
    """A few tune-half gva incidents' documents with their events, extracted as ``ingest`` extracts them."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import _gva_events
    from split import TUNE, gva_groups, gva_half

    gold, docs = _gva_events.load(data=shared_data)
    groups = gva_groups()
    by_incident: dict[str, list] = {}
    for doc in docs:
        if gva_half(doc.incidents[0], groups) == TUNE:
            by_incident.setdefault(doc.incidents[0], []).append(doc)
    many = sorted(i for i, d in by_incident.items() if len(d) >= 3)[:SAMPLE_INCIDENTS]
    once = sorted(i for i, d in by_incident.items() if len(d) == 1)[:SAMPLE_INCIDENTS]
    sample = [d for i in many + once for d in by_incident[i]]
    return gold, sample, _gva_events.extracted(sample, cache=None)


def test_a_model_fitted_on_a_few_incidents_and_the_shipped_one_rank_their_pairs_alike(gva_sample):
    """The fit is deterministic and sensible on a sample: both the model fitted there and the shipped model
    rank the sample's pairs of reports of one incident above the others (AUC)."""
    import numpy as np
    from fit_incidents import fit, pairs_of

    _gold, docs, events = gva_sample
    x, y = pairs_of(docs, events)
    assert 5 <= y.sum() < len(y), "the sample has pairs of one incident and pairs of two"
    weights = fit(x, y)
    assert np.array_equal(weights, fit(x, y))
    shipped = np.array(load_model().weights)

    def auc(w: np.ndarray) -> float:
        scores = x @ w
        pos, neg = scores[y == 1], scores[y == 0]
        return float(((pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])).mean())

    assert auc(weights) >= 0.9 and auc(shipped) >= 0.85


def test_grouping_a_few_incidents_beats_every_article_alone(gva_sample):
    """Stored in publication order with the shipped model, the sample's articles group into their incidents:
    B-cubed F1 well above the every-article-alone baseline, and few wrong links."""
    from incidents import evaluate, store_half

    gold, docs, events = gva_sample
    assigned, incidents, _seconds = store_half(docs, events)
    result = evaluate(docs, gold, events, assigned, incidents)
    assert result["bcubed"][2] >= result["alone_bcubed"][2] + 0.1
    assert result["pairwise"][0] >= 0.8 and result["pairwise"][2] >= 0.4
