"""Train the title ranker: which candidate is the page's own title.

    python -m training.title [--data PATH] [--folds 5]

Each candidate of each page (headings near the top, declared titles, parts of the <title>
tag) is labelled 1 when it equals the ground-truth title after NFKC, case folding and white
space collapsing (the benchmark's own test), else 0. Accuracy is cross-validated by domain,
counting the page right when its best-scored candidate is right; then the model is fitted on
every page and written beside the other models. Called by ``python -m training.train`` too.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from bench.dataset import load_samples
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

from . import ranker


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


def report(pages: list[dict], accuracy: float) -> dict:
    return {
        "title_accuracy": round(accuracy, 4),
        "title_oracle": round(ranker.oracle(pages), 4),
        "pages": len(pages),
    }


RANKER = ranker.Ranker(
    "title", collect, report, TITLE_MODEL, FEATURE_NAMES, ranker.params(15, 5), 200
)
train = RANKER.train


if __name__ == "__main__":
    RANKER.main(__doc__)
