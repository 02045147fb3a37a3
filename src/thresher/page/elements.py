"""The element table's derived columns: what the walk can only know once every element is in.

Each column is computed from whole columns at once (NumPy), not element by element.
"""

from __future__ import annotations

import numpy as np

from ..label.vocabulary import MODEL_CATEGORY_BITS

_PAGE_WIDE_TAGS = ("html", "body")
_FIRST_ELEMENTS = 50  # <html> and <body> come first, after any stray elements before them


def part_tokens(
    tag: tuple[str, ...], own: tuple[int, ...], tokens: tuple[int, ...]
) -> tuple[int, ...]:
    """Per element, the class words of it and its ancestors, less those that <html> or <body>
    declare for the whole page (a theme's "single-post") unless the element declares them
    itself."""
    page_wide = 0
    for index, name in enumerate(tag[:_FIRST_ELEMENTS]):
        if name in _PAGE_WIDE_TAGS:
            page_wide |= own[index]
    if not page_wide:
        return tokens
    # The masks fit in an int64 (vocabulary.py), so NumPy combines them at C speed.
    parts = (np.array(tokens, np.int64) & ~page_wide) | np.array(own, np.int64)
    return tuple(parts.tolist())


def sibling_counts(
    parent: tuple[int, ...], tag: tuple[str, ...], own_tokens: tuple[int, ...]
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Per element: its number among same-tag siblings (for paths), how many siblings share
    its tag, and how many also share its class tokens (cards, rows and posts repeat)."""
    if not tag:
        return (), (), ()
    # Each (parent, tag) and (parent, tag, tokens) group becomes one integer, and NumPy
    # counts the groups: a dictionary keyed by tuples took three times as long.
    codes = {name: code for code, name in enumerate(set(tag))}
    tag_codes = np.fromiter(map(codes.__getitem__, tag), np.int64, len(tag))
    by_tag = (np.array(parent, np.int64) + 1) * len(codes) + tag_codes
    numbers, same_tag = _group_counts(by_tag)
    kinds = np.array(own_tokens, np.int64) & MODEL_CATEGORY_BITS
    kind_codes = np.unique(kinds, return_inverse=True)[1].reshape(-1)
    _, repeats = _group_counts(by_tag * (int(kind_codes.max()) + 1) + kind_codes)
    return tuple(numbers), tuple(same_tag), tuple(repeats)


def _group_counts(keys: np.ndarray) -> tuple[list[int], list[int]]:
    """Per item: its number within the items of the same key, in order (from 1), and how
    many items share its key."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    sizes = np.diff(np.append(starts, len(keys)))
    group = np.repeat(np.arange(len(starts)), sizes)
    numbers = np.empty(len(keys), np.int64)
    numbers[order] = np.arange(len(keys)) - starts[group] + 1
    counts = np.empty(len(keys), np.int64)
    counts[order] = sizes[group]
    return numbers.tolist(), counts.tolist()
