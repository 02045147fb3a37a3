"""Second-stage features: what the first classifier thinks of a block's surroundings.

A block among confident main-content neighbours, or inside a container whose other blocks
are main content, is likely main content too; the second model learns how much to trust that.
"""

from __future__ import annotations

import numpy as np

from ..page.model import Page

CONTEXT_NAMES: tuple[str, ...] = (
    "p_self",
    "p_prev",
    "p_next",
    "p_window3",
    "p_window7",
    "p_parent_mean",
    "p_grandparent_mean",
    "p_up3_mean",
    "p_page_max",
    "p_page_share",
    "p_before_max",
    "p_after_max",
)


def _window(values: np.ndarray, radius: int) -> np.ndarray:
    sums = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    n = len(values)
    low = np.clip(np.arange(n) - radius, 0, n)
    high = np.clip(np.arange(n) + radius + 1, 0, n)
    return (sums[high] - sums[low]) / (high - low)


def _group_mean(groups: np.ndarray, values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    size = int(groups.max()) + 1
    total = np.bincount(groups, weights=values * weights, minlength=size)
    weight = np.bincount(groups, weights=weights, minlength=size)
    return (total / np.maximum(weight, 1e-9))[groups]


def context_features(page: Page, probability: np.ndarray) -> np.ndarray:
    n = len(probability)
    if n == 0:
        return np.zeros((0, len(CONTEXT_NAMES)), np.float32)
    parent = np.asarray(page.elements.parent, np.int64)
    safe_parent = np.where(parent >= 0, parent, np.arange(len(parent)))
    element = np.maximum(np.fromiter((b.element for b in page.blocks), np.int64, n), 0)
    # the source-broken form, which the shipped models were trained on
    weights = np.log1p(np.fromiter((len(b.lines) for b in page.blocks), np.float64, n))
    up1 = safe_parent[element]
    up2 = safe_parent[up1]
    up3 = safe_parent[up2]
    previous = np.concatenate([[-1.0], probability[:-1]])
    following = np.concatenate([probability[1:], [-1.0]])
    running_max = np.maximum.accumulate(probability)
    reverse_max = np.maximum.accumulate(probability[::-1])[::-1]
    columns = [
        probability,
        previous,
        following,
        _window(probability, 1),
        _window(probability, 3),
        _group_mean(up1, probability, weights),
        _group_mean(up2, probability, weights),
        _group_mean(up3, probability, weights),
        np.full(n, probability.max()),
        np.full(n, float((probability * weights).sum() / max(weights.sum(), 1e-9))),
        np.concatenate([[0.0], running_max[:-1]]),
        np.concatenate([reverse_max[1:], [0.0]]),
    ]
    return np.column_stack(columns).astype(np.float32)
