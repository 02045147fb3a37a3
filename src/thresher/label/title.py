"""Find the heading that is the page's own title: the one that best matches what the page
declares as its title (OpenGraph, Twitter card, <title>), site names aside."""

from __future__ import annotations

import re

from ..page.model import Page

MIN_AGREEMENT = 0.6  # word-overlap F1 between heading and declared title
_WORD = re.compile(r"\w+")
_SEPARATORS = re.compile(r"\s+[|\-–—:·•»/]\s+")
_LONGEST_HEADING = 300


def words_of(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def declared_titles(page: Page) -> list[set[str]]:
    """Word sets of each declared title and of each part of it between separators."""
    titles = []
    for value in (page.meta.get("og:title"), page.meta.get("twitter:title"), page.title_tag):
        if not value:
            continue
        titles.append(words_of(value))
        titles.extend(words_of(part) for part in _SEPARATORS.split(value) if part)
    return [title for title in titles if title]


def agreement(heading: set[str], title: set[str]) -> float:
    overlap = len(heading & title)
    if not overlap:
        return 0.0
    precision, recall = overlap / len(heading), overlap / len(title)
    return 2 * precision * recall / (precision + recall)


def title_heading(page: Page) -> int | None:
    """Index of the block that is the page's title heading, or None."""
    titles = declared_titles(page)
    if not titles:
        return None
    best, best_score = None, MIN_AGREEMENT
    for index, block in enumerate(page.blocks):
        if block.kind[0] != "h" or len(block.text) > _LONGEST_HEADING:
            continue
        words = words_of(block.text)
        if not words:
            continue
        score = max(agreement(words, title) for title in titles)
        if score > best_score or (score == best_score == 1.0 and best is None):
            best, best_score = index, score
        if best_score == 1.0:
            break
    return best
