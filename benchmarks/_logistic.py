"""Binary logistic regression over hashed features, shared by the training scripts (``scripts/train_eventness.py``,
``scripts/train_roles.py``): rows of hashed features as CSR arrays, and a weighted L2 fit by full-batch Adam from
zero with a fixed number of steps, so a rebuild is deterministic. (The type coder's fit is multi-class, its own; it
shares :func:`adam`.)"""
from __future__ import annotations

import math

import numpy as np


class Sparse:
    """Rows of hashed features (``{bucket: value}``, none empty) as CSR arrays over ``dim`` buckets."""

    def __init__(self, rows: list[dict[int, float]], dim: int):
        self.dim = dim
        self.lengths = np.array([len(r) for r in rows], dtype=np.int64)
        self.indptr = np.concatenate([[0], np.cumsum(self.lengths)])
        self.indices = np.array([k for r in rows for k in sorted(r)], dtype=np.int64)
        self.values = np.array([r[k] for r in rows for k in sorted(r)], dtype=np.float64)

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.add.reduceat(self.values * w[self.indices], self.indptr[:-1])

    def tdot(self, g: np.ndarray) -> np.ndarray:
        return np.bincount(self.indices, weights=self.values * np.repeat(g, self.lengths), minlength=self.dim)


def fit(x: Sparse, y: np.ndarray, w: np.ndarray, *, l2: float, steps: int, rate: float) -> tuple[np.ndarray, float]:
    """Weighted L2 logistic regression (``l2`` per unit of total sample weight) by full-batch Adam."""
    theta, bias = np.zeros(x.dim), 0.0
    m, v, mb, vb = np.zeros(x.dim), np.zeros(x.dim), 0.0, 0.0
    total = w.sum()
    for step in range(1, steps + 1):
        p = 1 / (1 + np.exp(-(x.dot(theta) + bias)))
        g = w * (p - y) / total
        grad, gb = x.tdot(g) + l2 * theta, g.sum()
        m, v, change = adam(step, grad, m, v, rate=rate)
        mb, vb, change_b = adam(step, gb, mb, vb, rate=rate)
        theta -= change
        bias -= float(change_b)
    return theta, bias


def adam(step: int, grad, m, v, *, rate: float):
    """One Adam step (beta1 0.9, beta2 0.999) for weights (an array) or a bias (a number): the new first and
    second moments and the change to subtract. Shared with ``scripts/train_types.py``'s multi-class fit."""
    m, v = 0.9 * m + 0.1 * grad, 0.999 * v + 0.001 * grad * grad
    corr = math.sqrt(1 - 0.999 ** step) / (1 - 0.9 ** step)
    return m, v, rate * corr * m / (np.sqrt(v) + 1e-8)
