"""Label every block with what it is, using the shipped tree ensembles."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..page.model import Page
from .context import Surroundings, context_features, surroundings
from .continuation import continued, with_whole_code
from .features import FEATURE_NAMES, block_features
from .title import title_heading
from .trees import TreeEnsemble

MODEL_DIR = Path(__file__).with_name("models")
# The block classifier is a bag of stacks trained alike but for their seeds (see
# ``main_probability``): stack k reads main-k.npz, then context-k.npz.
STACKS = 3
MAIN_MODELS = tuple(MODEL_DIR / f"main-{k}.npz" for k in range(1, STACKS + 1))
CONTEXT_MODELS = tuple(MODEL_DIR / f"context-{k}.npz" for k in range(1, STACKS + 1))
PAGE_TYPE_MODEL = MODEL_DIR / "page_type.npz"
PAGE_TYPES: tuple[str, ...] = (
    "article",
    "forum",
    "product",
    "collection",
    "listing",
    "documentation",
    "service",
)


class BlockLabel(enum.StrEnum):
    """What a block is. The classifier gives main, title or boilerplate; the anatomy stage
    (``label/anatomy.py``) names the rest."""

    MAIN = "main"
    TITLE = "title"
    BYLINE = "byline"
    AUTHOR_BIO = "author_bio"
    COMMENT = "comment"
    PINGBACK = "pingback"
    TEASER = "teaser"
    NAVIGATION = "navigation"
    SHARE = "share"
    ADVERTISEMENT = "advertisement"
    CONSENT = "consent"
    FORM = "form"
    FOOTER = "footer"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True, slots=True)
class Labels:
    """Per block: the probability that it is main content, and its label."""

    main_probability: np.ndarray
    labels: tuple[BlockLabel, ...]
    page_type: str
    page_type_confidence: float


@dataclass(frozen=True, slots=True)
class Stack:
    """Two stages: the first reads a block alone, the second the block with the first
    stage's view of its neighbourhood (``context_features``)."""

    first: TreeEnsemble
    second: TreeEnsemble


@cache
def block_models() -> tuple[Stack, ...]:
    return tuple(
        Stack(_checked(TreeEnsemble.load(first)), TreeEnsemble.load(second))
        for first, second in zip(MAIN_MODELS, CONTEXT_MODELS)
    )


@cache
def page_type_model() -> TreeEnsemble:
    return _checked(TreeEnsemble.load(PAGE_TYPE_MODEL))


def _checked(model: TreeEnsemble) -> TreeEnsemble:
    if model.feature_names != FEATURE_NAMES[: len(model.feature_names)]:
        raise RuntimeError(
            "the shipped model was trained on other features; retrain with training/train.py"
        )
    return model


def page_summary(features: np.ndarray) -> np.ndarray:
    """One row describing the whole page, for the page-type model."""
    if len(features) == 0:
        return np.zeros((1, 3 * features.shape[1]), np.float32)
    weights = np.expm1(features[:, 0:1])
    weighted = (features * weights).sum(axis=0) / max(float(weights.sum()), 1.0)
    return np.concatenate([features.mean(axis=0), weighted, features.max(axis=0)])[None, :]


def label_blocks(page: Page, threshold: float) -> Labels:
    features = block_features(page)
    page_type, confidence = _page_type(features)
    if len(features) == 0:
        return Labels(np.zeros(0), (), page_type, confidence)
    probability = main_probability(page, features, page_type)
    return labels_from(page, probability, threshold, page_type, confidence)


def labels_from(
    page: Page,
    probability: np.ndarray,
    threshold: float,
    page_type: str,
    confidence: float,
    *,
    type_shift: bool = True,
) -> Labels:
    """Turn probabilities into labels: a heading that repeats the page's title is the title,
    doubted paragraphs that carry on a run of main ones are main, and so are all the lines of
    a code block whose lines mostly are (``continuation.py``). The page type moves the
    threshold (THRESHOLD_SHIFT) unless ``type_shift`` is false."""
    title = title_heading(page)
    if type_shift:
        threshold = min(0.95, max(0.05, threshold + THRESHOLD_SHIFT.get(page_type, 0.0)))
    sure = (probability >= threshold).tolist()  # one comparison in NumPy, not one per block
    if title is not None:
        sure[title] = False
    main = with_whole_code(page, continued(page, probability, sure))
    labels = tuple(
        BlockLabel.TITLE if i == title else BlockLabel.MAIN if main[i] else BlockLabel.BOILERPLATE
        for i in range(len(probability))
    )
    return Labels(probability, labels, page_type, confidence)


# Page types differ in how sure a block must be to count as content: a category grid's cards,
# a listing's items and a reference page's short entries are texts the classifier doubts,
# while a product page or a thread surrounds its content with look-alike reviews, offers and
# related threads. Chosen by domain-CV word F1 (listing and documentation: -0.05 to -0.15
# score alike, 0.0015 to 0.003 above no shift). Checked again with the bag of three stacks, from
# its out-of-fold probabilities: moving one type's shift by 0.05 or 0.1 either way gains at
# most 0.0002 and loses up to 0.0016.
THRESHOLD_SHIFT: dict[str, float] = {
    "collection": -0.2,
    "listing": -0.1,
    "documentation": -0.1,
    "product": 0.2,
    "forum": 0.1,
}


# The second stage only revisits blocks the first one is unsure of: it rarely overturns a
# confident call, and skipping those halves its cost.
UNSURE = (0.03, 0.97)


# Stacks that differ only in their seed disagree on the blocks the data cannot settle, and
# their mean is steadier than any one of them. Word F1 by domain CV, from the out-of-fold
# probabilities of three seeds with the same selection: 0.8838, 0.8813 and 0.8812 alone,
# 0.8845 as the mean of the three (collection 0.711 to 0.736 alone, 0.730 together; forum
# 0.810 to 0.813 alone, 0.815 together); pairs 0.8831 to 0.8835. The training's own
# cross-validation gives the bag of three 0.8841, the first seed alone 0.8836. The cost is a
# first and a second stage more per stack: the block models took 6.6 CPU ms a page against
# 2.2 for one stack, on a machine where everything ran about 1.7 times slower than usual.
def main_probability(
    page: Page, features: np.ndarray, page_type: str, stacks: tuple[Stack, ...] | None = None
) -> np.ndarray:
    """The mean over the stacks of each one's probability that a block is main content."""
    around = surroundings(page, page_type)
    probabilities = [_stacked(features, around, stack) for stack in stacks or block_models()]
    return probabilities[0] if len(probabilities) == 1 else np.mean(probabilities, axis=0)


def _stacked(features: np.ndarray, around: Surroundings, stack: Stack) -> np.ndarray:
    first = stack.first.probabilities(features)
    unsure = np.flatnonzero((first > UNSURE[0]) & (first < UNSURE[1]))
    if not len(unsure):
        return first
    context = context_features(around, first)[unsure]
    final = first.copy()
    final[unsure] = stack.second.probabilities(np.hstack([features[unsure], context]))
    return final


# Two more readings were tried as page-type features: the schema.org types and og:type the page
# declares, and the words of its address's path ("/docs/", "/t/", "/collections/"). By domain
# CV (three seeds) page-type accuracy went from 0.792 to 0.795 with the declarations alone and to
# 0.804 with the address too, and word F1 moved by -0.0004 to +0.0005. But a page may come
# without its address: trained on every page twice, with its address and without, the model
# typed 0.791 of them either way, no better than without these features. Left out. Tried again
# with more of them (the words of the host too, "docs." or "community.", JSON-LD types by the
# kind they point to, the software a generator tag names) and a second model that reads the
# blocks alone for a page without any address: the whole training's domain CV gave page-type
# accuracy 0.8115 against 0.796 (documentation 0.71 against 0.58, forum 0.90 against 0.86,
# product 0.68 against 0.75), word F1 0.8861 against 0.8863 (forum 0.817 against 0.8205),
# and the title ranker, which reads the page type, 0.807 against 0.813. Left out.
def _page_type(features: np.ndarray) -> tuple[str, float]:
    probabilities = page_type_model().probabilities(page_summary(features))[0]
    best = int(np.argmax(probabilities))
    return PAGE_TYPES[best], float(probabilities[best])
