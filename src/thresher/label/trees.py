"""A tree ensemble evaluated with NumPy: the learned part of thresher, stored as plain arrays.

The training script (``training/train.py``) converts a LightGBM model into these arrays, so
the package needs neither LightGBM nor any download at run time. All trees are walked at
once, one level per step, which keeps the cost to a few array operations per level.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

Indices = npt.NDArray[np.signedinteger[Any]]


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    feature: np.ndarray  # int32 per node; leaves point at feature 0 and never branch
    threshold: np.ndarray  # float32 per node; go left when value <= threshold
    left: np.ndarray  # int32 per node; the right child is left + 1; a leaf points to itself
    value: np.ndarray  # float32 per node; only leaves matter
    roots: np.ndarray  # int32 per tree
    depth: int
    classes: int  # 1 for a binary model, else trees are interleaved by class
    base: float
    feature_names: tuple[str, ...]

    @classmethod
    def load(cls, path: Path) -> TreeEnsemble:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                feature=data["feature"],
                threshold=data["threshold"],
                left=data["left"],
                value=data["value"],
                roots=data["roots"],
                depth=int(data["depth"]),
                classes=int(data["classes"]),
                base=float(data["base"]),
                feature_names=tuple(str(name) for name in data["feature_names"]),
            )

    @classmethod
    def load_for(cls, path: Path, feature_names: tuple[str, ...]) -> TreeEnsemble | None:
        """The model at ``path`` if it exists, checked against the features it must read."""
        if not path.exists():
            return None
        model = cls.load(path)
        if model.feature_names != feature_names:
            raise RuntimeError(f"{path.name} was trained on other features; retrain the models")
        return model

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            feature=self.feature,
            threshold=self.threshold,
            left=self.left,
            value=self.value,
            roots=self.roots,
            depth=self.depth,
            classes=self.classes,
            base=self.base,
            feature_names=np.array(self.feature_names),
        )

    def raw_scores(self, features: np.ndarray) -> np.ndarray:
        """Summed leaf values: shape (rows,) for a binary model, (rows, classes) otherwise."""
        rows, width = features.shape
        flat = np.ascontiguousarray(features, dtype=np.float32).ravel()
        index_type = np.int32 if rows * width < 2**31 else np.int64
        row_offsets: Indices = (np.arange(rows, dtype=index_type) * width)[:, None]
        nodes: Indices = np.broadcast_to(self.roots, (rows, len(self.roots))).astype(index_type)
        # np.take on int32 indices is the fastest gather NumPy has for this.
        for _ in range(self.depth):
            values = np.take(flat, row_offsets + np.take(self.feature, nodes))
            # The right child always follows the left one; a leaf's threshold is +inf.
            nodes = np.take(self.left, nodes) + (values > np.take(self.threshold, nodes))
        leaf_values = np.take(self.value, nodes)
        if self.classes == 1:
            return leaf_values.sum(axis=1) + self.base
        return leaf_values.reshape(rows, -1, self.classes).sum(axis=1) + self.base

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        scores = self.raw_scores(features)
        if self.classes == 1:
            return 1.0 / (1.0 + np.exp(-scores))
        scores = scores - scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)
