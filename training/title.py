"""Train the title ranker: which candidate is the page's own title.

    python -m training.title [--data PATH] [--folds 5]

Each candidate of each page (headings near the top, declared titles, parts of the <title>
tag) is labelled 1 when it equals the ground-truth title after NFKC, case folding and white
space collapsing (the benchmark's own test), else 0. Accuracy is cross-validated by domain,
counting the page right when its best-scored candidate is right; then the model is fitted on
every page and written beside the other models. Called by ``python -m training.train`` too.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import lightgbm as lgb
import numpy as np
from sklearn.model_selection import GroupKFold

from bench.dataset import DEFAULT_DATA, load_samples
from thresher.decode import decode
from thresher.label import label_blocks
from thresher.metadata import gather_candidates, site_name
from thresher.metadata.title import (
    FEATURE_NAMES,
    TITLE_MODEL,
    candidate_features,
    key,
    title_candidates,
)
from thresher.options import DEFAULT_OPTIONS
from thresher.pipeline import read_page

SEED = 20261128
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "max_depth": 5,
    "min_child_samples": 10,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "seed": SEED,
    "deterministic": True,
    "num_threads": 2,
    "verbose": -1,
}
ROUNDS = 200


def collect(data: Path) -> list[dict]:
    pages = []
    for sample in load_samples(data):
        if not sample.title:
            continue
        page = read_page(decode(sample.html).text, DEFAULT_OPTIONS, time.monotonic() + 60)
        labels = label_blocks(page, DEFAULT_OPTIONS.threshold)
        candidates = gather_candidates(page, labels, sample.url, [])
        found = title_candidates(page, labels, candidates["title"])
        truth = key(sample.title)
        pages.append(
            {
                "domain": sample.domain,
                "x": candidate_features(page, labels, found, site_name(candidates), sample.url),
                "y": np.array([key(c.text) == truth for c in found], np.float32),
            }
        )
    return pages


def fit(pages: list[dict]) -> lgb.Booster:
    x = np.concatenate([p["x"] for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    return lgb.train(PARAMS, lgb.Dataset(x, y), num_boost_round=ROUNDS)


def accuracy(pages: list[dict], score: object) -> float:
    hits = []
    for page in pages:
        if len(page["y"]) == 0:
            hits.append(False)
            continue
        scores = score(page["x"])  # type: ignore[operator]
        hits.append(bool(page["y"][int(np.argmax(scores))]))
    return float(np.mean(hits))


def cross_validate(pages: list[dict], folds: int) -> dict:
    groups = [p["domain"] for p in pages]
    hits = 0.0
    for train_index, test_index in GroupKFold(n_splits=folds).split(pages, groups=groups):
        model = fit([pages[i] for i in train_index])
        test = [pages[i] for i in test_index]
        hits += accuracy(test, model.predict) * len(test)
    oracle = float(np.mean([bool(p["y"].any()) for p in pages]))
    return {
        "title_accuracy": round(hits / len(pages), 4),
        "title_oracle": round(oracle, 4),
        "pages": len(pages),
    }


def train(data: Path, folds: int, evaluate: bool = True) -> dict:
    from .train import to_ensemble

    pages = collect(data)
    evaluation = cross_validate(pages, folds) if evaluate else {}
    to_ensemble(fit(pages), 1, FEATURE_NAMES).save(TITLE_MODEL)
    return evaluation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    evaluation = train(args.data, args.folds)
    print(json.dumps(evaluation, indent=2))
    record = TITLE_MODEL.parent / "evaluation.json"  # beside the block models' figures
    if record.exists():
        figures = json.loads(record.read_text(encoding="utf-8"))
        figures["title"] = evaluation
        record.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
