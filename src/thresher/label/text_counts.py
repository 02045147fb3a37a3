"""What each block's own text says, counted in one pass over the texts.

This is the one part of the block features that loops over strings in Python rather than
calling NumPy, so it lives in a module of its own that mypyc compiles (``setup.py``); the
features module turns its lists into columns.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from .vocabulary import text_words

DATE_LIKE = re.compile(
    r"\b(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.? \d{1,2}|\d{1,2}:\d{2}|\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago)\b",
    re.IGNORECASE,
)
PRICE_LIKE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:€|USD|EUR|GBP)\b")
_CLOSING_CHARACTERS = frozenset(".!?:;。\"'”)")
# Digits count in shorter texts only: in a long one their share says little.
_LONGEST_COUNTED_FOR_DIGITS = 400
_LONGEST_DATE_OR_PRICE = 120  # a line holding a date or a price, not a paragraph citing one
_LONGEST_TITLE = 300
_SHORTEST_DESCRIPTION = 30


class TextCounts(NamedTuple):
    """One entry per block text, in the texts' order."""

    chars: list[int]
    words: list[int]
    function_share: list[float]
    digits: list[int]
    commas: list[int]
    sentences: list[int]
    ends_with_stop: list[bool]
    capital_start: list[bool]
    date_like: list[bool]
    price_like: list[bool]
    description_match: list[bool]
    title_match: list[bool]
    repeats: list[int]  # how many blocks have the same text, this one included


def normalise(text: str) -> str:
    # str.lower(text), not text.lower(): mypyc compiles the method to a primitive that lowers
    # a final sigma as any other (σ, not ς), and these texts must match text_words' words
    return " ".join(str.lower(text).split())


def count_texts(texts: tuple[str, ...], titles: str, description: str) -> TextCounts:
    """Count what the features read in each text. ``titles`` and ``description`` are the
    page's declared ones, normalised (empty when it declares none)."""
    counts = TextCounts([], [], [], [], [], [], [], [], [], [], [], [], [])
    for text in texts:
        _count_one(text, titles, description, counts)
    repeats = Counter(texts)
    counts.repeats.extend([repeats[text] for text in texts])
    return counts


def _count_one(text: str, titles: str, description: str, counts: TextCounts) -> None:
    length = len(text)
    words, function_words, digits, joined = text_words(text, _LONGEST_TITLE)
    if length >= _LONGEST_COUNTED_FOR_DIGITS:
        digits = 0
    counts.chars.append(length)
    counts.words.append(words)
    counts.function_share.append(function_words / words if words else 0.0)
    counts.digits.append(digits)
    counts.commas.append(text.count(","))
    counts.sentences.append(text.count(". ") + text.count("。"))
    counts.ends_with_stop.append(text[-1:] in _CLOSING_CHARACTERS)
    counts.capital_start.append(text[:1].isupper())
    # dates and prices always hold a digit
    short_with_digits = length < _LONGEST_DATE_OR_PRICE and digits > 0
    counts.date_like.append(short_with_digits and DATE_LIKE.search(text) is not None)
    counts.price_like.append(short_with_digits and PRICE_LIKE.search(text) is not None)
    # The first letters of a block's first word are a cheap test before the full one.
    counts.description_match.append(
        bool(description)
        and length > _SHORTEST_DESCRIPTION
        and words > 0
        and str.lower(text).split(None, 1)[0][:4] in description
        and normalise(text[:80])[:60] in description
    )
    counts.title_match.append(bool(titles) and joined is not None and joined in titles)
