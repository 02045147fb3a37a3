"""A tree ensemble evaluated with NumPy: the learned part of thresher, stored as plain arrays.

The training script (``training/train.py``) converts a LightGBM model into these arrays, so
the package needs neither LightGBM nor any download at run time. A compiled install walks the
trees in C (``_treewalk.c``); otherwise NumPy walks all trees at once, one level per step,
which keeps the cost to a few array operations per level. Both sum the leaves in float64, so
they agree to the last few bits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .written_in_c import function_in_c

LEAF_SUMS = function_in_c("_treewalk", "leaf_sums")

Indices = npt.NDArray[np.signedinteger[Any]]
_NODE_TYPES = {
    "feature": np.int32,
    "threshold": np.float32,
    "left": np.int32,
    "value": np.float32,
    "roots": np.int32,
}


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
    columns_read: int = field(init=False, repr=False, compare=False)  # the widest row it reads

    def __post_init__(self) -> None:
        # The C walk trusts these indices, so a damaged model file must fail here, not there,
        # and the arrays checked are copies that nobody can change afterwards.
        for name, dtype in _NODE_TYPES.items():  # the types the C walk reads
            array = np.array(getattr(self, name), dtype, order="C")
            array.setflags(write=False)
            object.__setattr__(self, name, array)
        nodes = len(self.feature)
        if not (len(self.threshold) == len(self.left) == len(self.value) == nodes > 0):
            raise ValueError("a tree ensemble needs equally long, non-empty node arrays")
        moves = self.left.astype(np.int64) + (self.threshold < np.inf)
        if (
            self.left.min() < 0
            or np.max(moves) >= nodes
            or self.feature.min() < 0
            or len(self.roots) == 0
            or not 0 <= self.roots.min() <= self.roots.max() < nodes
            or self.depth < 0
            or self.classes < 1
            or len(self.roots) % self.classes
        ):
            raise ValueError("a tree ensemble's nodes point outside it; retrain the models")
        object.__setattr__(self, "columns_read", int(self.feature.max()) + 1)

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
        if width < self.columns_read:
            raise ValueError(f"{self.columns_read} feature columns expected, not {width}")
        flat = np.ascontiguousarray(features, dtype=np.float32).ravel()
        if LEAF_SUMS is not None:
            sums = np.zeros((rows, self.classes), dtype=np.float64)
            arrays = (self.feature, self.threshold, self.left, self.value, self.roots)
            LEAF_SUMS(flat, rows, width, *arrays, self.depth, self.classes, sums)
            return (sums[:, 0] if self.classes == 1 else sums) + self.base
        return self._numpy_scores(flat, rows, width)

    def _numpy_scores(self, flat: npt.NDArray[np.float32], rows: int, width: int) -> np.ndarray:
        index_type: type[np.signedinteger[Any]] = np.int32 if rows * width < 2**31 else np.int64
        row_offsets: Indices = (np.arange(rows, dtype=index_type) * width)[:, None]
        nodes: Indices = np.broadcast_to(self.roots, (rows, len(self.roots))).astype(index_type)
        # np.take on int32 indices is the fastest gather NumPy has for this.
        for _ in range(self.depth):
            values = np.take(flat, row_offsets + np.take(self.feature, nodes))
            # The right child always follows the left one; a leaf's threshold is +inf.
            nodes = np.take(self.left, nodes) + (values > np.take(self.threshold, nodes))
        leaf_values = np.take(self.value, nodes)
        if self.classes == 1:
            return leaf_values.sum(axis=1, dtype=np.float64) + self.base
        return leaf_values.reshape(rows, -1, self.classes).sum(axis=1, dtype=np.float64) + self.base

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        scores = self.raw_scores(features)
        if self.classes == 1:
            return 1.0 / (1.0 + np.exp(-scores))
        scores = scores - scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)
