"""Choosing the publication date among the days the sources offer, with a learned ranker.

The sources disagree in patterned ways: a page shows its last update where a reader expects
the date, JSON-LD keeps the first publication, a template stamps today's date, a dateline
under the headline names the day of the event. Each distinct day any source offers is
described by which sources offer it, whether a declared modification date matches it, where
it ranks among the offered days and what the weighted vote of the sources says; a tree
ensemble trained on WCXB (``python -m training.train``) scores the days, the best one wins.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..label.trees import TreeEnsemble
from .reliability import VOTED_FIELDS

DATE_MODEL = Path(__file__).resolve().parent.parent / "label" / "models" / "published.npz"

SOURCES = tuple(VOTED_FIELDS["date_published"])  # every source that offers the date
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
FEATURE_NAMES: tuple[str, ...] = (
    *(f"offered_by={source}" for source in SOURCES),
    *(f"modified_by={source}" for source in SOURCES),
    "sources_offering",
    "support",
    "support_share",
    "vote_winner",
    "rank_from_earliest",
    "distinct_days",
    "is_latest",
    "is_earliest",
    "days_before_latest",
    "days_after_earliest",
    "modified_days",
    *(f"page_type={kind}" for kind in PAGE_TYPES),
)

Offers = list[tuple[str, str]]  # (YYYY-MM-DD, source)


def day_features(
    published: Offers,
    modified: Offers,
    weights: dict[str, float],
    winner: str | None,
    page_type: str,
) -> tuple[list[str], np.ndarray]:
    """The distinct days offered, and one row of FEATURE_NAMES per day."""
    days = sorted({day for day, _ in published if _valid(day)})
    if not days:
        return [], np.zeros((0, len(FEATURE_NAMES)), np.float32)
    modified_days = {day for day, _ in modified}
    ordinals = [date.fromisoformat(day).toordinal() for day in days]
    total_support = sum(_log_odds(weights.get(source, 0.6)) for _, source in published) or 1.0
    rows = []
    for position, day in enumerate(days):
        offering = {source for offered, source in published if offered == day}
        support = sum(_log_odds(weights.get(source, 0.6)) for source in offering)
        found: dict[str, float] = {
            **{f"offered_by={source}": 1.0 for source in offering},
            **{f"modified_by={s}": 1.0 for d, s in modified if d == day},
            f"page_type={page_type}": 1.0,
            "sources_offering": len(offering),
            "support": support,
            "support_share": support / total_support,
            "vote_winner": day == winner,
            "rank_from_earliest": position,
            "distinct_days": len(days),
            "is_latest": position == len(days) - 1,
            "is_earliest": position == 0,
            "days_before_latest": min(ordinals[-1] - ordinals[position], 5000),
            "days_after_earliest": min(ordinals[position] - ordinals[0], 5000),
            "modified_days": len(modified_days),
        }
        rows.append([float(found.get(name, 0.0)) for name in FEATURE_NAMES])
    return days, np.array(rows, np.float32)


def _valid(day: str) -> bool:
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True


def _log_odds(accuracy: float) -> float:
    return math.log(accuracy / (1 - accuracy))


@cache
def date_model() -> TreeEnsemble | None:
    return TreeEnsemble.load_for(DATE_MODEL, FEATURE_NAMES)


def choose_day(
    published: Offers,
    modified: Offers,
    weights: dict[str, float],
    winner: str | None,
    page_type: str,
    model_of: Callable[[], Any] = date_model,
) -> str | None:
    """The best-scored day, or the vote's winner when there is no model or no candidate."""
    model = model_of()
    days, rows = day_features(published, modified, weights, winner, page_type)
    if model is None or not days:
        return winner
    return days[int(np.argmax(model.raw_scores(rows)))]
