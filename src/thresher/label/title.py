"""Find the heading that is the page's own title: the one that best matches what the page
declares as its title (OpenGraph, Twitter card, <title>), site names aside."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

from ..page.model import Page

MIN_AGREEMENT = 0.6  # word-overlap F1 between heading and declared title
_WORD = re.compile(r"\w+")
# Chinese, Japanese and Korean titles set their separators without spaces ("标题_新浪新闻",
# "見出し｜日本経済新聞"): "_" and dashes between two of their characters, and the full-width
# bar anywhere, part a title as " | " does.
_CJK = "\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uff01-\uff60"
CJK_SEPARATOR = rf"\s*｜\s*|(?<=[{_CJK}])[_|\-–—](?=[{_CJK}])"
_SEPARATORS = re.compile(rf"\s+[|\-–—:·•»/]\s+|{CJK_SEPARATOR}")
_LONGEST_HEADING = 300
_NEAR_BEST = 0.75
# What a pair of brackets holds is one phrase: a separator inside it ("Key Case (White -
# Limited) | Shop", "カラビナ（BLUE - HEADPORTER）", "The Road (2006 - 2010)") belongs to the
# headline, not between the headline and the site's name.
_OPENING = "([{（【「『〈《［｛"
_CLOSING = ")]}）】」』〉》］｝"


def words_of(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def split_title(separators: re.Pattern[str], title: str) -> list[str]:
    """The parts of a title between the separators the pattern finds, leaving whole what a
    pair of brackets holds."""
    held = _bracket_depths(title)
    if not held:
        return separators.split(title)
    parts: list[str] = []
    start = 0
    for match in separators.finditer(title):
        if not held[match.start()]:
            parts.append(title[start : match.start()])
            start = match.end()
    parts.append(title[start:])
    return parts


@lru_cache(maxsize=4)  # a page's <title> is parted several times, each for another separator
def _bracket_depths(text: str) -> tuple[int, ...]:
    """For each character, how many pairs of brackets that close hold it; empty where the
    text opens none. An unclosed bracket holds nothing: a title cut short must still part at
    its separators. (One pass, whatever the count of brackets and separators.)"""
    if not any(character in _OPENING for character in text):
        return ()
    steps = [0] * (len(text) + 1)
    open_at: list[tuple[int, int]] = []  # (kind, position) of the brackets still open
    for position, character in enumerate(text):
        kind = _OPENING.find(character)
        if kind >= 0:
            open_at.append((kind, position))
            continue
        kind = _CLOSING.find(character)
        if kind >= 0 and open_at and open_at[-1][0] == kind:
            steps[open_at.pop()[1] + 1] += 1
            steps[position] -= 1
    return tuple(accumulate(steps))  # a cached value, so that no caller can change it


def declared_titles(page: Page) -> list[set[str]]:
    """Word sets of each declared title and of each part of it between separators."""
    titles = []
    for value in (page.meta.get("og:title"), page.meta.get("twitter:title"), page.title_tag):
        if not value:
            continue
        # A declared title keeps the page's white space: split at separators as it came, each
        # character of a long run tried the separator again (20,000 spaces, 4 CPU s).
        value = " ".join(value.split())
        titles.append(words_of(value))
        titles.extend(words_of(part) for part in split_title(_SEPARATORS, value) if part)
    return [title for title in titles if title]


def agreement(heading: set[str], title: set[str]) -> float:
    overlap = len(heading & title)
    if not overlap:
        return 0.0
    precision, recall = overlap / len(heading), overlap / len(title)
    return 2 * precision * recall / (precision + recall)


def title_heading(page: Page) -> int | None:
    """Index of the block that is the page's title heading, or None.

    A heading is weighed by how well and how much of a declared title it matches: the site's
    name in a banner heading matches the "| Site" part of the <title> exactly, but it is one
    word. The headline comes before its repeats (in a comment form, a teaser), so the first
    heading weighing nearly as much as the best one is taken."""
    titles = declared_titles(page)
    if not titles:
        return None
    weights: list[tuple[int, float]] = []
    for index, block in enumerate(page.blocks):
        if block.kind[0] != "h" or len(block.text) > _LONGEST_HEADING:
            continue
        words = words_of(block.text)
        if words:
            score, matched = max((agreement(words, title), len(words & title)) for title in titles)
            if score > MIN_AGREEMENT:
                weights.append((index, score * matched))
    if not weights:
        return None
    best = max(weight for _, weight in weights)
    return next(index for index, weight in weights if weight >= _NEAR_BEST * best)
