"""Second-stage features: what the first classifier thinks of a block's surroundings.

A block among confident main-content neighbours, or inside a container whose other blocks
are main content, is likely main content too; the second model learns how much to trust that.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..page.model import Page
from .written_in_c import function_in_c

# A compiled install fills the context features in C (``_features.c``), the same bits as the
# NumPy columns of ``context_features``.
FILL_CONTEXT = function_in_c("_features", "fill_context")

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
    "p_same_style",
    "same_style_blocks",
)

# Page types whose content repeats one template: a thread's posts, an article's paragraphs
# and a reference page's entries share their elements' tags and classes with their own kind,
# so the first stage's view of the blocks styled alike tells the second how to read a doubtful
# one. By domain CV, one stack per seed (20261128, +1, +2): word F1 0.8836, 0.8813, 0.8812 ->
# 0.8845, 0.8825, 0.8833, article +0.002 to +0.003 in each; the three seeds' mean 0.8845 ->
# 0.8858 (article 0.955 -> 0.958, forum 0.815 -> 0.817, collection 0.730 -> 0.740,
# documentation 0.941 -> 0.943; listing 0.760 -> 0.754, product 0.681 -> 0.672). Read on every
# page type they gained nothing (-0.0009 and +0.0011, two seeds; collection -0.017 and -0.008):
# a category grid's cards and a shop's widgets share a style whatever they are. Grouping by
# the vocabulary's marks instead of the classes as written gained nothing either (-0.0009).
STYLED_PAGE_TYPES = frozenset(("forum", "article", "documentation"))
# How many blocks on either side the two windows of p_window3 and p_window7 reach.
WINDOW_RADII = (1, 3)


def window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """The mean of each value and its neighbours within ``radius`` places, clipped at the
    page's ends, in float64 (the block features' window reads it too)."""
    n = len(values)
    sums = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    low = np.clip(np.arange(n) - radius, 0, n)
    high = np.clip(np.arange(n) + radius + 1, 0, n)
    return (sums[high] - sums[low]) / (high - low)


class _Groups(NamedTuple):
    """Blocks grouped by an element they share, with each group's weight."""

    of_block: np.ndarray
    weight: np.ndarray  # above zero, so that it divides
    size: int


def _grouped(groups: np.ndarray, weights: np.ndarray) -> _Groups:
    size = int(groups.max()) + 1 if len(groups) else 0
    weight = np.bincount(groups, weights=weights, minlength=size)
    return _Groups(groups, np.maximum(weight, 1e-9), size)


def _group_mean(groups: _Groups, values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    total = np.bincount(groups.of_block, weights=values * weights, minlength=groups.size)
    return (total / groups.weight)[groups.of_block]


class _Styles(NamedTuple):
    """The blocks styled alike (``style_groups``), each block's own weight, the weight of the
    others in its group, and their number (log1p)."""

    groups: _Groups
    weights: np.ndarray
    others: np.ndarray
    log_count: np.ndarray


class Surroundings(NamedTuple):
    """What the context features read of a page besides the first stage's probabilities.
    It depends on the page alone, so the stacks of the bag share it (``surroundings``)."""

    weights: np.ndarray
    total_weight: float
    containers: tuple[_Groups, _Groups, _Groups]  # the blocks' parents and the two above
    styles: _Styles | None


def surroundings(page: Page, page_type: str) -> Surroundings:
    """The page's part of the context features, read as for a page of ``page_type``."""
    n = len(page.blocks)
    parent = np.asarray(page.elements.parent, np.int64)
    safe_parent = np.where(parent >= 0, parent, np.arange(len(parent)))
    element = np.maximum(np.fromiter((b.element for b in page.blocks), np.int64, n), 0)
    # the source-broken form, which the shipped models were trained on
    weights = np.log1p(np.fromiter((len(b.lines) for b in page.blocks), np.float64, n))
    up1 = safe_parent[element]
    up2 = safe_parent[up1]
    groups = style_groups(page, page_type)
    return Surroundings(
        weights=weights,
        total_weight=max(float(weights.sum()), 1e-9),
        containers=(
            _grouped(up1, weights),
            _grouped(up2, weights),
            _grouped(safe_parent[up2], weights),
        ),
        styles=None if groups is None else _styles(groups, weights + 1e-3),
    )


def _styles(groups: np.ndarray, weights: np.ndarray) -> _Styles:
    grouped = _grouped(groups, weights)
    # every weight is at least 1e-3 (see ``surroundings``), so no group's weight was raised
    others = grouped.weight[groups] - weights
    count = np.bincount(groups, minlength=grouped.size)[groups] - 1
    return _Styles(grouped, weights, others, np.log1p(count))


def style_groups(page: Page, page_type: str) -> np.ndarray | None:
    """Per block, a group number shared by the blocks whose element, parent and grandparent
    have the same tags and classes; None on a page type that does not read them."""
    table = page.elements
    if page_type not in STYLED_PAGE_TYPES or len(table.classes) != len(table.tag):
        return None
    tag, parent, classes = table.tag, table.parent, table.classes
    groups: dict[tuple[str, ...], int] = {}
    found = []
    for block in page.blocks:
        index = max(block.element, 0)
        up = parent[index] if parent[index] >= 0 else index
        top = parent[up] if parent[up] >= 0 else up
        key = (tag[index], classes[index], tag[up], classes[up], tag[top], classes[top])
        found.append(groups.setdefault(key, len(groups)))
    return np.array(found, np.int64)


def _styled_alike(styles: _Styles, probability: np.ndarray) -> list[np.ndarray]:
    """The weighted mean probability of the other blocks styled alike (-1 with none), and
    their number (log1p)."""
    groups, weights, others = styles.groups.of_block, styles.weights, styles.others
    total = np.bincount(groups, weights=probability * weights, minlength=styles.groups.size)
    total = total[groups]
    mean = np.where(others > 1e-9, (total - probability * weights) / np.maximum(others, 1e-9), -1.0)
    return [mean, styles.log_count]


def context_features(around: Surroundings, probability: np.ndarray) -> np.ndarray:
    """``around`` is ``surroundings(page, page_type)`` of the page whose blocks
    ``probability`` scores."""
    n = len(probability)
    if n == 0:
        return np.zeros((0, len(CONTEXT_NAMES)), np.float32)
    weights = around.weights
    page_share = float((probability * weights).sum() / around.total_weight)
    if FILL_CONTEXT is not None:
        return _filled(around, np.ascontiguousarray(probability, np.float64), page_share)
    previous = np.concatenate([[-1.0], probability[:-1]])
    following = np.concatenate([probability[1:], [-1.0]])
    running_max = np.maximum.accumulate(probability)
    reverse_max = np.maximum.accumulate(probability[::-1])[::-1]
    columns = [
        probability,
        previous,
        following,
        *(window_mean(probability, radius) for radius in WINDOW_RADII),
        *(_group_mean(groups, probability, weights) for groups in around.containers),
        np.full(n, probability.max()),
        np.full(n, page_share),
        np.concatenate([[0.0], running_max[:-1]]),
        np.concatenate([reverse_max[1:], [0.0]]),
    ]
    if around.styles is not None:
        columns += _styled_alike(around.styles, probability)
    else:
        columns += [np.full(n, -1.0), np.full(n, -1.0)]
    return np.column_stack(columns).astype(np.float32)


def _filled(around: Surroundings, probability: np.ndarray, page_share: float) -> np.ndarray:
    """The context features as the C reading fills them."""
    assert FILL_CONTEXT is not None
    rows = np.empty((len(probability), len(CONTEXT_NAMES)), np.float32)
    containers = tuple(array for groups in around.containers for array in groups[:2])
    styles = around.styles
    style_arrays: tuple[np.ndarray, ...] | None = None
    if styles is not None:
        groups = styles.groups
        style_arrays = (groups.of_block, groups.weight, styles.weights, styles.others)
        style_arrays += (styles.log_count,)
    FILL_CONTEXT(
        rows, probability, around.weights, page_share, containers, style_arrays, *WINDOW_RADII
    )
    return rows
