"""What the title and date rankers' training shares.

Each page is a dict with ``domain``, ``x`` (one row per candidate) and ``y`` (1 for a right
candidate). A ranker is a binary LightGBM model; a page counts as right when its best-scored
candidate is right, which is how the metadata benchmark counts it.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bench.dataset import DEFAULT_DATA, Sample, load_samples
from thresher.decode import decode
from thresher.label import Labels, label_blocks
from thresher.metadata import Candidates, gather_candidates
from thresher.options import DEFAULT_OPTIONS
from thresher.page.model import Page
from thresher.pipeline import read_page

if TYPE_CHECKING:
    import lightgbm as lgb

SEED = 20261128
# Settings every model shares: bagged rows, and runs that repeat bit for bit.
REPRODUCIBLE = {
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "seed": SEED,
    "deterministic": True,
    "num_threads": 2,
    "verbose": -1,
}
MODELS = Path(__file__).resolve().parents[1] / "src" / "thresher" / "label" / "models"


def checkout_problem(package: Path) -> str | None:
    """Why training cannot run against the thresher package imported from ``package``, if it
    cannot. The block models are written beside the package that reads them, the figures and
    the feature summary into this checkout, and the rankers read the labels of the block models
    just written: all of that holds only when the package imported is this checkout's source.
    An installed copy would take the new models and leave the checkout's alone."""
    if package.resolve() == MODELS.parent.parent:
        return None
    return (
        f"thresher is imported from {package}, not from this checkout's src/thresher: the "
        "models would be written there. Install the checkout editable "
        "(pip install -e '.[train]') or run with PYTHONPATH=src"
    )


def require_checkout() -> None:
    import thresher

    problem = checkout_problem(Path(thresher.__file__).parent)
    if problem:
        raise SystemExit(f"training: {problem}")


@dataclass(frozen=True)
class PageRead:
    """What every ranker reads of a page: its page model, its block labels, every metadata
    candidate (the title ranker also reads each heading)."""

    sample: Sample
    page: Page
    labels: Labels
    candidates: Candidates


def read_pages(data: Path) -> Iterator[PageRead]:
    for sample in load_samples(data):
        page = read_page(decode(sample.html).text, DEFAULT_OPTIONS, time.monotonic() + 60)
        labels = label_blocks(page, DEFAULT_OPTIONS.threshold)
        yield PageRead(sample, page, labels, gather_candidates(page, labels, sample.url, []))


# Scored as a binary classifier, the best-scored candidate winning. LightGBM's ranking
# objectives, which learn the order within each page, chose no better: title domain-CV
# accuracy 0.794 (lambdarank) and 0.801 (rank_xendcg) against 0.801, date 0.909 and 0.908
# against 0.910 (means of three seeds).
def params(leaves: int, depth: int) -> dict[str, Any]:
    return {
        "objective": "binary",
        "learning_rate": 0.05,
        "num_leaves": leaves,
        "max_depth": depth,
        "min_child_samples": 10,
        "feature_fraction": 0.8,
        **REPRODUCIBLE,
    }


def fit(pages: list[dict], settings: dict[str, Any], rounds: int) -> lgb.Booster:
    import lightgbm as lgb  # the training extra; reading pages needs only the test one

    usable = [page for page in pages if len(page["y"])]
    x = np.concatenate([page["x"] for page in usable])
    y = np.concatenate([page["y"] for page in usable])
    return lgb.train(settings, lgb.Dataset(x, y), num_boost_round=rounds)


def right(page: dict, score: Callable[[np.ndarray], np.ndarray]) -> bool:
    return bool(len(page["y"])) and bool(page["y"][int(np.argmax(score(page["x"])))])


def cross_validated_accuracy(
    pages: list[dict], folds: int, settings: dict[str, Any], rounds: int
) -> float:
    """Share of pages right, each scored by a model trained without its site."""
    from sklearn.model_selection import GroupKFold

    groups = [page["domain"] for page in pages]
    hits = 0
    for train_index, test_index in GroupKFold(n_splits=folds).split(pages, groups=groups):
        model = fit([pages[i] for i in train_index], settings, rounds)
        hits += sum(right(pages[i], model.predict) for i in test_index)
    return hits / len(pages)


def oracle(pages: list[dict]) -> float:
    """Share of pages where some candidate is right: the ceiling of any choice."""
    return float(np.mean([bool(page["y"].any()) for page in pages]))


def record(entry: str, evaluation: dict[str, Any]) -> None:
    """Keep a ranker's figures in evaluation.json beside the block models' figures."""
    path = MODELS / "evaluation.json"
    if path.exists():
        figures = json.loads(path.read_text(encoding="utf-8"))
        figures[entry] = evaluation
        path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Ranker:
    """One ranker's training: how to collect its pages, how to report, where it ships."""

    entry: str  # its key in evaluation.json
    rows: Callable[[PageRead], dict | None]  # a page's candidates, None if it has no truth
    report: Callable[[list[dict], float], dict[str, Any]]  # figures from pages and CV accuracy
    model: Path
    feature_names: tuple[str, ...]
    settings: dict[str, Any]
    rounds: int
    inputs: str  # the name of its inputs in the fingerprint

    def collect(self, data: Path) -> list[dict]:
        return [rows for read in read_pages(data) if (rows := self.rows(read)) is not None]

    def train(self, data: Path, folds: int, evaluate: bool = True) -> dict[str, Any]:
        """Cross-validate (unless told not to), then fit on every page and ship the model."""
        from .train import to_ensemble

        pages = self.collect(data)
        evaluation = {}
        if evaluate:
            accuracy = cross_validated_accuracy(pages, folds, self.settings, self.rounds)
            evaluation = self.report(pages, accuracy)
        booster = fit(pages, self.settings, self.rounds)
        to_ensemble(booster, 1, self.feature_names).save(self.model)
        return evaluation

    def main(self, description: str) -> None:
        parser = argparse.ArgumentParser(description=description.split("\n")[0])
        parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
        parser.add_argument("--folds", type=int, default=5)
        args = parser.parse_args()
        require_checkout()
        evaluation = self.train(args.data, args.folds)
        print(json.dumps(evaluation, indent=2))
        record(self.entry, evaluation)
        from . import fingerprint  # it reads the rankers' inputs, so it imports this module

        fingerprint.record(args.data, (self.inputs,))
