#!/usr/bin/env python3
"""Fit the incident join model (``src/eventwire/data/incident_model.json``) on the TUNE half of gva.

    python benchmarks/fit_incidents.py --cache /tmp/ew-incidents [--write]

Pairs: every tune article's main event (its most confident asserted ASSAULT) against the main event of each
earlier article (publication order) that grouping would compare it with (same type and country, dates within
the window); label: the two articles share a GVA incident. The weights are an L2-regularised logistic
regression (Newton / IRLS, deterministic) over :data:`eventwire.incidents.features.FEATURES`. The join threshold
is chosen by ``benchmarks/incidents.py --tune-threshold`` (B-cubed F1 on the tune half) and kept in the file.

Without ``--write`` it prints the weights; with it, it rewrites the model file (keeping its threshold).
``tests/test_incident_model.py`` checks that the committed weights are what this script fits.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gva_events import articles, extracted, load  # noqa: E402
from gva import main_event  # noqa: E402
from split import TUNE, gva_groups, gva_half  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MODEL = REPO / "src" / "eventwire" / "data" / "incident_model.json"
L2 = 1.0
WINDOW = 7


def pairs(*, cache: Path | None, half: str = TUNE) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of the half's articles (the whole gva extraction, from ``cache`` when current)."""
    _incidents, all_docs = load()
    groups = gva_groups()
    docs = [d for d in all_docs if gva_half(d.incidents[0], groups) == half]
    return pairs_of(docs, extracted(all_docs, cache=cache))


def pairs_of(docs: list, events: dict[str, list[dict]]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the pairs of ``docs`` (gva documents) whose extracted ``events`` are given."""
    from eventwire.incidents.features import article_terms, pair_features, signature
    from eventwire.models import Event

    arts = articles(docs)
    docs = sorted(docs, key=lambda d: (d.published or "", d.id))
    seen: list[tuple[set[str], object]] = []
    xs, ys = [], []
    for doc in docs:
        main = main_event(events.get(doc.id, []))
        if main is None:
            continue
        sig = signature(Event.from_dict(main), article_terms(arts[doc.id]))
        for gold, other in seen:
            if other.country != sig.country:
                continue
            if sig.day is not None and other.day is not None and abs(sig.day - other.day) > WINDOW:
                continue
            xs.append(pair_features(sig, other))
            ys.append(1.0 if gold & set(doc.incidents) else 0.0)
        seen.append((set(doc.incidents), sig))
    return np.array(xs, dtype=float), np.array(ys, dtype=float)


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = L2, steps: int = 50) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (the bias is not penalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -40, 40)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w


def fitted_weights(*, cache: Path | None) -> list[float]:
    x, y = pairs(cache=cache)
    return [round(float(v), 4) for v in fit(x, y)]


def main() -> int:
    from eventwire.incidents.features import FEATURES

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=None, help="extraction cache folder (outside the repo)")
    parser.add_argument("--write", action="store_true", help="rewrite the model file with the fitted weights")
    args = parser.parse_args()
    x, y = pairs(cache=args.cache)
    weights = [round(float(v), 4) for v in fit(x, y)]
    print(f"{len(y)} tune pairs, {int(y.sum())} of one incident")
    for name, w in zip(FEATURES, weights):
        print(f"  {name:24s} {w:+.4f}")
    if args.write:
        current = json.loads(MODEL.read_text(encoding="utf-8")) if MODEL.exists() else {}
        current.update({"about": "Incident join model: logistic weights over eventwire.incidents.features.FEATURES,"
                                 " fitted on the gva tune half by benchmarks/fit_incidents.py; threshold chosen by"
                                 " benchmarks/incidents.py --tune-threshold (B-cubed F1, tune half).",
                        "features": list(FEATURES), "weights": weights})
        current.setdefault("threshold", 0.5)
        current.setdefault("window_days", WINDOW)
        current.setdefault("max_members", 12)
        current.setdefault("max_candidates", 30)
        MODEL.write_text(json.dumps(current, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
