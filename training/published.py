"""Train the publication-date ranker: which offered day is the page's publication date.

    python -m training.published [--data PATH] [--folds 5]

Each distinct day any source offers on a page whose ground truth has a date is labelled 1
when it is that date. Accuracy is cross-validated by domain (a page is right when its best-
scored day is right, as the metadata benchmark counts it) beside the sources' weighted vote;
then the model is fitted on every page and written beside the other models. Called by
``python -m training.train`` too.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from bench.dataset import load_samples
from thresher.decode import decode
from thresher.label import label_blocks
from thresher.metadata import date_offers, gather_candidates, valid_dates, voted_date
from thresher.metadata.published import DATE_MODEL, FEATURE_NAMES, day_features
from thresher.metadata.reliability import VOTED_FIELDS
from thresher.options import DEFAULT_OPTIONS
from thresher.pipeline import read_page

from . import ranker


def collect(data: Path) -> list[dict]:
    weights = VOTED_FIELDS["date_published"]
    pages = []
    for sample in load_samples(data):
        if not sample.publish_date:
            continue
        page = read_page(decode(sample.html).text, DEFAULT_OPTIONS, time.monotonic() + 60)
        labels = label_blocks(page, DEFAULT_OPTIONS.threshold)
        candidates = gather_candidates(page, labels, sample.url, [])
        published = valid_dates(candidates, "date_published")
        value, _ = voted_date(published, [])
        winner = str(value)[:10] if value else None
        days, rows = day_features(
            date_offers(published),
            date_offers(valid_dates(candidates, "date_modified")),
            weights,
            winner,
            labels.page_type,
        )
        truth = sample.publish_date[:10]
        pages.append(
            {
                "domain": sample.domain,
                "x": rows,
                "y": np.array([day == truth for day in days], np.float32),
                "vote_right": winner == truth,
            }
        )
    return pages


def report(pages: list[dict], accuracy: float) -> dict:
    return {
        "date_accuracy": round(accuracy, 4),
        "vote_accuracy": round(float(np.mean([p["vote_right"] for p in pages])), 4),
        "date_oracle": round(ranker.oracle(pages), 4),
        "pages": len(pages),
    }


RANKER = ranker.Ranker(
    "published", collect, report, DATE_MODEL, FEATURE_NAMES, ranker.params(7, 4), 150
)
train = RANKER.train


if __name__ == "__main__":
    RANKER.main(__doc__)
