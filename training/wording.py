"""The page word model (thresher/label/wording.py): fitting it, and giving the page-type model
its view as it will meet it on pages of sites it never saw.

Only words found on pages of MIN_SITES sites or more are known to it; each page's known words
count as one vector of unit length. ``python -m training.train`` records, by the same domain
cross-validation as the rest, how often the words alone name a page's type and how often the
page-type model does with them (evaluation.json).
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from thresher.label.classify import PAGE_TYPES
from thresher.label.wording import WordModel

MIN_SITES = 5
STRENGTH = 4.0  # LogisticRegression's C: the inverse of the L2 penalty
FOLDS = 3  # for the out-of-fold view the page-type model learns from


def fit_words(pages: list[dict]) -> WordModel:
    vocabulary = _vocabulary(pages)
    index = {word: column for column, word in enumerate(vocabulary)}
    rows, columns, values = [], [], []
    for row, page in enumerate(pages):
        known = sorted(index[word] for word in page["words"] if word in index)
        if known:  # a page without a known word is the intercepts alone
            rows.extend([row] * len(known))
            columns.extend(known)
            values.extend([1.0 / math.sqrt(len(known))] * len(known))
    x = sparse.csr_matrix((values, (rows, columns)), shape=(len(pages), len(vocabulary)))
    y = np.array([PAGE_TYPES.index(page["sample"].page_type) for page in pages])
    fitted = LogisticRegression(C=STRENGTH, max_iter=2000).fit(x, y)
    if list(fitted.classes_) != list(range(len(PAGE_TYPES))):
        raise ValueError("the word model needs pages of every type to learn from")
    weights = np.ascontiguousarray(fitted.coef_.T, np.float32)
    return WordModel(index, weights, fitted.intercept_.astype(np.float64))


def _vocabulary(pages: list[dict]) -> list[str]:
    sites: dict[str, set[str]] = defaultdict(set)
    for page in pages:
        for word in page["words"]:
            sites[word].add(page["sample"].domain)
    return sorted(word for word, found_on in sites.items() if len(found_on) >= MIN_SITES)


def score_with(model: WordModel, pages: list[dict]) -> None:
    """Set each page's page-type inputs ("type_x"): its summary and what this model says."""
    for page in pages:
        said = model.log_probabilities(page["words"])
        page["type_x"] = np.concatenate([page["summary"], said])


def score_out_of_fold(pages: list[dict], folds: int = FOLDS) -> None:
    """Each page's inputs with what a model fitted on other sites' pages only says of it."""
    groups = [page["sample"].domain for page in pages]
    for fit_index, score_index in GroupKFold(n_splits=folds).split(pages, groups=groups):
        model = fit_words([pages[i] for i in fit_index])
        score_with(model, [pages[i] for i in score_index])
