"""A summary of every input the shipped models read, so that code which changes a feature
cannot leave the models behind unnoticed.

The models learned from features that the package's own code computes. If a later change
computes one of them differently (a block's length counted with its paragraph breaks, say),
the shipped models go on reading inputs they never saw, and nothing fails: the figures just
drift. The training script records this summary beside the models; a test recomputes it from
the current code wherever the WCXB pages are at hand and asks for a retraining when it differs.

The summary is a set of sums per feature column (of the values, their magnitudes, their
squares, and the values weighted by their row's place), not a digest of the bytes: a float
computed on another processor may differ in its last bit, which no model notices and a digest
would report as a change. A change of the code moves a sum by far more than such noise.

    python -m training.fingerprint [--data PATH]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from bench.dataset import DEFAULT_DATA
from thresher.label.context import context_features, surroundings
from thresher.label.features import block_features

from . import published, ranker, title

EVALUATION = ranker.MODELS / "evaluation.json"
ENTRY = "feature_fingerprint"
KINDS = ("blocks", "context", "title", "date")
# Of a column's summed magnitudes: a last-bit difference in every value moves a sum by about
# 1e-7 of it; one block's feature changed from 0 to 1 moves it by 1e-5 in most columns.
TOLERANCE = 1e-6
_PLACES = 10  # rows are weighted 1 to 10 by their place, so that moved rows show


class Sketch:
    """Running sums over the rows of one kind of model input, per column."""

    def __init__(self) -> None:
        self.rows = 0
        self.sums: np.ndarray | None = None  # (sum, magnitudes, squares, weighted) x columns

    def add(self, rows: np.ndarray) -> None:
        if not len(rows):
            return
        values = np.asarray(rows, np.float64)
        places = (1.0 + np.arange(len(values)) % _PLACES)[:, None]
        sums = np.stack(
            [
                values.sum(axis=0),
                np.abs(values).sum(axis=0),
                (values * values).sum(axis=0),
                (values * places).sum(axis=0),
            ]
        )
        self.sums = sums if self.sums is None else self.sums + sums
        self.rows += len(values)

    def summary(self) -> dict[str, Any]:
        """The row count and the four sums, each as one line of numbers (as lists they would
        take a line of evaluation.json per number)."""
        sums = [] if self.sums is None else [" ".join(f"{v:.12g}" for v in s) for s in self.sums]
        return {"rows": self.rows, "sums": sums}


def _sums(summary: dict[str, Any]) -> np.ndarray:
    return np.array([line.split() for line in summary.get("sums", [])], np.float64)


def fingerprint(data: Path) -> dict[str, dict[str, Any]]:
    """One summary per kind of model input, over every page of ``data``."""
    sketches = {name: Sketch() for name in KINDS}
    for read in ranker.read_pages(data):
        features = block_features(read.page)
        sketches["blocks"].add(features)
        # Any fixed probabilities will do: the summary is of the code, not of a model.
        probe = np.linspace(0.0, 1.0, len(features), dtype=np.float32)
        around = surroundings(read.page, read.sample.page_type)
        sketches["context"].add(context_features(around, probe))
        for name, rows in (("title", title.rows(read)), ("date", published.rows(read))):
            if rows is not None:
                sketches[name].add(np.asarray(rows["x"], np.float32))
    return {name: sketch.summary() for name, sketch in sketches.items()}


def same(then: dict[str, Any] | None, now: dict[str, Any]) -> bool:
    """Whether two summaries of one kind of input agree to within floating-point noise."""
    if not isinstance(then, dict) or then.get("rows") != now["rows"]:
        return False
    before, after = _sums(then), _sums(now)
    if before.shape != after.shape:
        return False
    if not before.size:
        return True
    magnitude = np.maximum(before[1], after[1])
    squares = np.maximum(before[2], after[2])
    allowed = TOLERANCE * np.stack([magnitude, magnitude, squares, _PLACES * magnitude])
    return bool(np.all(np.abs(before - after) <= allowed))


def changed(data: Path) -> list[str]:
    """The kinds of model input whose summary differs from the one recorded at training."""
    then, now = recorded() or {}, fingerprint(data)
    return [name for name in KINDS if not same(then.get(name), now[name])]


def recorded() -> dict[str, Any] | None:
    """The summary written when the shipped models were trained, if there is one."""
    if not EVALUATION.exists():
        return None
    found = json.loads(EVALUATION.read_text(encoding="utf-8")).get(ENTRY)
    return dict(found) if found else None


def record(data: Path, names: tuple[str, ...] = ()) -> None:
    """Record the summary of what the models just trained read: of every kind of input, or
    only of ``names`` when one model was retrained alone."""
    now, kept = fingerprint(data), recorded() or {}
    kept.update({name: now[name] for name in names or tuple(now)})
    ranker.record(ENTRY, kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    different = changed(args.data)
    for name in KINDS:
        print(f"{name:8s} {'CHANGED' if name in different else 'same'}")


if __name__ == "__main__":
    main()
